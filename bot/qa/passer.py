"""Who caught it, not who threw it: "who caught the go-ahead TD" is answered by the name the
pass went to ("Wilson found Courtland Sutton"), not by the passer, who stands before "found",
"hit", "threw" or "went back to" or after "a pass from". The same for an interception ("Baker
intercepted a deflected pass from Hurts"); and asked who intercepted it, the receiver the pass
was meant for is not the answer either ("Tovan's pass to Lenz is picked off by Marek Osei")."""

from __future__ import annotations

import re

from .shape import Span

# what both question patterns below read as an interception: "pick six", "pick 6s"; "had both
# picks", "got 2 ints"
_PICK_SIX = r"pick[\s-]?(?:six(?:es)?|6s?)"
_HAD_PICKS = r"(?:had|got|grabbed|with)\s+(?:both|two|three|the|a|an|\d)?\s*(?:picks?|ints?)"
# The question asks who caught or picked off a ball (not who threw it).
CATCH_Q = re.compile(
    r"\b(?:catch|catches|catching|caught|receiv(?:e|ed|er|ing)|receptions?|hauled\s+in|"
    rf"intercept(?:s|ed|ion)?|{_PICK_SIX}|pi?cked\s+off|picks\s+off|{_HAD_PICKS}\b)\b",
    re.I,
)
_THROW_Q = re.compile(r"\b(?:threw|throw|throws|throwing|tossed|passer)\b", re.I)
# "Dobbs found", "Wilson (7) hit", "Purdy threw ... to": the name before such a verb threw
_THREW_AFTER = re.compile(
    r"^(?:['’]s)?\s*(?:\([^)]{1,20}\)\s*)?(?:then\s+|again\s+|still\s+|\w+ly\s+)?"
    r"(?:found|finds|hit|hits|threw|throws|connected|connects|tossed|tosses|lofted|lofts|"
    r"fired|fires|completed|completes|lobbed|floated|rifled|zipped|hooked\s+up|"
    r"(?:had\s+|has\s+)?(?:just\s+)?thrown|"
    r"dropped\s+a\s+dime|targeted|targets|"
    # "Wilson went right back to his guy Sutton", "Dobbs looked for Oliver"
    r"(?:went|goes|turned|turns|looked|looks)\s+(?:right\s+)?(?:back\s+)?(?:to|for))\b",
    re.I,
)
# "a pass from Hurts", "a throw by Wilson", "quarterback Joe Flacco", "picked off Wilson"
_THREW_BEFORE = re.compile(
    r"\b(?:(?:pass|passes|throw|toss|heave|ball|lob)\s+(?:from|by)|quarterback|QB|"
    r"picked\s+off|picks\s+off|intercepted)\s*$",
    re.I,
)
PASSER = 0.5


def catch_asked(question: str) -> bool:
    return bool(CATCH_Q.search(question)) and not _THROW_Q.search(question)


def passer(catch_q: bool, sentence: str, sp: Span) -> float:
    """How much less likely the span is the answer: ``PASSER`` for the one who threw the ball
    when the question asks who caught it, else 1."""
    if not catch_q:
        return 1.0
    threw = _THREW_AFTER.match(sentence[sp.end : sp.end + 40]) or _THREW_BEFORE.search(
        sentence[max(0, sp.start - 30) : sp.start]
    )
    return PASSER if threw else 1.0


# The question asks who intercepted a pass ("who picked off tua", "who had the pick 6").
_PICK_Q = re.compile(
    rf"\b(?:intercept\w*|{_PICK_SIX}|pi?ck(?:ed|s)?\s+off|{_HAD_PICKS})\b",
    re.I,
)
# "pass to Mostert is picked off": whom the pass was meant for did not intercept it
_MEANT_FOR = re.compile(
    r"\b(?:(?:pass|throw|ball|toss|heave)\s+(?:intended\s+)?(?:to|for)|intended\s+for|"
    r"targeting|looking\s+for)\s*$",
    re.I,
)


def pick_asked(question: str) -> bool:
    """Whether the question asks who intercepted a pass."""
    return bool(_PICK_Q.search(question))


def picker(pick_q: bool, sentence: str, sp: Span) -> float:
    """Asked who intercepted a pass: ``PASSER`` for the one the pass was meant for ("Tovan's
    pass to Lenz is picked off by Marek Osei"), else 1. (A boost for the name said to have
    picked it off, "picked off by", "X intercepted", was tried: see the eval notes.)"""
    if not pick_q:
        return 1.0
    return PASSER if _MEANT_FOR.search(sentence[max(0, sp.start - 40) : sp.start]) else 1.0
