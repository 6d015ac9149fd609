"""The words a lead states for the answer pinned in the first quote."""

from __future__ import annotations

from .extent import Bounded, of_whole
from .shape import HOW_MANY, HOW_MUCH


def stated(quote: str, at: int, answer: Bounded, shape: str) -> str:
    """The answer's words in ``quote`` (which starts at offset ``at`` of the article), a count
    or a share with the whole it is out of ("21 of the initial 30", "12% of children"). The whole
    is read only here, not when the answer is rated, so that its words still count as the
    answer's context there ("17 percent of the club": "club" is what the question asks of)."""
    a, b = answer.start - at, answer.end - at
    if shape in (HOW_MANY, HOW_MUCH) and 0 <= a < b <= len(quote):
        a, b = of_whole(quote, a, b)
    return quote[a:b].strip().rstrip(",;:")
