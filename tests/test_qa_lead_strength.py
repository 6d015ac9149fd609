"""How sure an answer must be to be stated in the lead (``MIN_LEAD_STRENGTH``): a count a few
words from the question's own ("last year's fair attracted about 38,000 people") is stated when
asked how big the crowd was, though the question counts no people in so many words."""

from __future__ import annotations

from .test_qa_extractive import _lead

FAIR = (
    "Harbor Forum, the yearly startup fair in Lunvik, faces a wave of cancellations. "
    "A spokesperson said that last year's fair attracted about 38,000 people and that this "
    "year's is on track to max out at 30,000."
)


def test_a_crowd_asked_about_is_stated() -> None:
    for q in (
        "how big was the crowd at harbor forum last year",
        "how big a crowd did harbor forum pull last year",
        "how many attended harbor forum last year",
    ):
        assert _lead(q, FAIR) == "About 38,000 people [1].", q
