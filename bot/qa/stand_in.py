"""Who stands in for someone who is out: "with carr out, who did they expect to start at qb", "who
came on for gio at halftime". The answer is the name a sentence sets in the absent one's place
("backup Drew Lock took over", "thrust veteran Joe Flacco in as the starter", "named to the
roster in his place"); a name an injury report gives with its injury ("CB Jo Brents (quad)") is
someone else who is out. Read once by ``Asked.read`` and applied in ``Asked.rate``
(``bot.qa.answer_kind``) for who-questions."""

from __future__ import annotations

import re

from .injury import BODY
from .shape import Span

STAND_IN = 1.6  # a name the sentence sets in the absent one's place
INJURED = 0.5  # a name given with its injury: out too, not the one who stands in

# what the one asked for does: comes in, starts, plays at the position
_STEPS_IN_Q = re.compile(
    r"\b(?:c[oa]mes?\s+(?:in|on)|coming\s+(?:in|on)|step(?:s|ped|ping)?\s+in|"
    r"fill(?:s|ed|ing)?\s+in|replac\w+|in\s+place\s+of|sub(?:bed)?\s+(?:in|on)|"
    r"start(?:s|ing|er|ed)?|under\s+cent(?:er|re)|t(?:ake|akes|ook|aking)\s+over|"
    r"the\s+(?:qb|quarterback|starter)|throwing)\b",
    re.I,
)
# why the one named is not playing
_ABSENT_Q = re.compile(
    # "with cousins out", not "throwing out there"
    r"\b(?:hurt|injur\w*|concuss\w*|out(?!\s+(?:there|here|of|on\s+top|for|to)\b)|pulled|"
    r"benched|withdr[ae]w\w*|went\s+down|ruled\s+out|sidelined|surgery|suspend\w*|sent\s+off|"
    r"banned|sick|ill)\b",
    re.I,
)
# "who came on for gio", "who came in for tillman": in someone's place, said outright
_FOR_SOMEONE_Q = re.compile(
    r"\b(?:c[oa]mes?|coming|went|go(?:es)?)\s+(?:in|on)\s+for\s+(?!the\b|a\b|an\b|his\b|her\b|"
    r"their\b)\w",
    re.I,
)

# before the name: "backup Drew Lock", "thrust veteran Joe Flacco", "opening the door for Zack
# Moss", "with backups Mitchell Trubisky and Jameis Winston"
_BEFORE = re.compile(
    r"\b(?:backups?|back-ups?|replacements?|reserves?|understudy|stand-ins?|substitutes?|"
    r"thrust(?:s|ing)?|open(?:s|ed|ing)?\s+the\s+door\s+for|"
    r"turn(?:s|ed|ing)?\s+to|in\s+favou?r\s+of)\s+(?:[a-z-]+\s+){0,2}"
    r"(?:(?:[A-Z][\w.'’-]*\s+){1,4}(?:and|,)\s+)?$"
)
# after it: "took over under center", "coming into the game", "in as the starter", "under
# center instead of Kirk Cousins", "named to the roster in his place"
_AFTER = re.compile(
    r"^\s*(?:\([^()]{0,40}\)\s*)?,?\s*(?:(?:will|would|is|was|has|had|could|should|to)\s+"
    r"(?:\w+\s+)?)?(?:t(?:ook|akes|aking|ake)\s+over|c(?:ame|omes|oming|ome)\s+(?:in|on)|"
    r"step(?:s|ped|ping)?\s+in|fill(?:s|ed|ing)?\s+in|replac\w+|in\s+as\s+the\s+starter|"
    r"named\s+(?:the\s+)?starter|(?:get|gets|got|getting)\s+the\s+(?:start|nod)|"
    r"under\s+cent(?:er|re)|instead\s+of|in\s+for\b|into\s+the\s+(?:game|lineup|line-up)|"
    r"(?:[\w-]+\s+){0,5}in\s+(?:his|her|their)\s+place)"
)
_WORD_BEFORE = re.compile(r"^(?:Backup|Replacement|Reserve|Substitute)\s")
# "CB Jo Brents (quad)", "Kenny Pickett (ankle)": an injury report's entry
_INJURED_AFTER = re.compile(
    rf"^\s*\((?:[^()]{{0,30}}\b)?(?:{BODY}|concussion|arm|chest|illness|injur\w*|suspen\w+|"
    r"questionable|doubtful|out)\b[^()]*\)",
    re.I,
)


def stand_in_asked(question: str) -> bool:
    """Whether a who-question asks who plays in the place of someone who is out."""
    return bool(
        (_STEPS_IN_Q.search(question) and _ABSENT_Q.search(question))
        or _FOR_SOMEONE_Q.search(question)
    )


def stand_in_weight(sentence: str, sp: Span) -> float:
    """``STAND_IN`` for a name the sentence sets in someone's place, ``INJURED`` for one it gives
    with an injury, else 1."""
    if _INJURED_AFTER.match(sentence[sp.end : sp.end + 50]):
        return INJURED
    if (
        _WORD_BEFORE.match(sp.text)
        or _BEFORE.search(sentence[max(0, sp.start - 80) : sp.start])
        or _AFTER.match(sentence[sp.end : sp.end + 80])
    ):
        return STAND_IN
    return 1.0
