"""Whose title a name holds: "who is google's lead attorney" asks for Google's, so "Epic lead
attorney Gary Bornstein" names the other side's. Read by ``bot.qa.answer_kind`` for who-questions
that name a title ("attorney", "ceo") and whose it is."""

from __future__ import annotations

import re

from ingest.keyword import tokenize

from .around import description
from .shape import Span, is_title

OTHER_OWNER = 0.5  # a name under the same title, of another body than the one asked about
# words between an owner and its title: "Google's lead attorney", "Epic's new chief executive"
TITLE_MODIFIERS = frozenset(
    "lead chief head top senior new former current interim acting main general deputy "
    "executive".split()
)
# a body named by what it is, not which one: "the ceo of the company"
_GENERIC = frozenset(
    "company firm team club group agency country league network studio startup bank show "
    "organisation organization union party side government state city school university "
    "department ministry board campaign".split()
)
# "cambodia's defence minister": a portfolio or field between an owner and its title (not "the")
_APOSTROPHE = re.compile(r"['’]s?$")
_NO_FIELD = frozenset("the a an this that his her their its our my your".split())
_NO_OWNER = frozenset("who what that there it he she where when how here".split())
_WORD = re.compile(r"[\w'’&.-]+")
_POSSESSIVE = re.compile(r"(?:['’]s?|(?<=[a-z]{3})s)$")  # "google's", "googles", "epic's"


def _role_at(words: list[str], roles: frozenset[str]) -> int:
    """Where the last word that is one of the titles asked about stands (-1: nowhere)."""
    for i in range(len(words) - 1, -1, -1):
        toks = tokenize(words[i])
        if toks and toks[0] in roles:
            return i
    return -1


def _before_title_at(words: list[str], i: int) -> int:
    """Where the word before the title at ``i`` stands, past "lead", "chief" and the like (-1 if
    none)."""
    j = i - 1
    while j >= 0 and words[j].lower() in TITLE_MODIFIERS:
        j -= 1
    return j


def _before_title(words: list[str], i: int) -> str:
    """The word before the title at ``i``, past "lead", "chief" and the like ("" if none)."""
    j = _before_title_at(words, i)
    return words[j] if j >= 0 else ""


def role_owner(question: str, roles: frozenset[str]) -> str:
    """Whose title the question asks about, when it says so with a possessive ("googles lead
    attorney", "epic's ceo") or "of" / "at" ("the ceo of epic"): the owner's name, lower-cased,
    without the "'s"; "" when it names none, or only what kind of body ("the company")."""
    if not roles:
        return ""
    words = _WORD.findall(question)
    i = _role_at(words, roles)
    if i < 0:
        return ""
    w = _before_title(words, i).lower()
    if (
        i >= 2
        and w.isalpha()
        and w not in _NO_FIELD
        and _APOSTROPHE.search(words[i - 2])
        and _APOSTROPHE.sub("", words[i - 2].lower()) not in _NO_OWNER  # not "who's"
        and _role_at(words[: i - 2], roles) < 0  # the first title the question names
    ):  # "cambodia's defence minister": whose, past the field between
        w = words[i - 2].lower()
    if _POSSESSIVE.search(w) and w not in {"its", "his", "hers", "theirs", "ours", "yours"}:
        return _owner(_POSSESSIVE.sub("", w))
    after = [x.lower() for x in words[i + 1 : i + 4]]  # "the ceo of epic", "the head of the fed"
    if after[:1] in (["of"], ["at"]) and after[1:2] != ["the"] and len(after) > 1:
        return _owner(after[1])
    if after[:2] in (["of", "the"], ["at", "the"]) and len(after) > 2:
        return _owner(after[2])
    if i > 0 and words[i - 1].lower() in _WHO and words[i].lower() in _IN_CHARGE and after:
        # "who coaches long beach state": the body the one asked for is in charge of
        body = after[1] if after[0] == "the" and len(after) > 1 else after[0]
        return _owner(body) if len(body) >= 3 else ""  # not initials: "sc" is "USC"
    return ""


_WHO = frozenset({"who", "whos", "who's", "who’s"})
_IN_CHARGE = frozenset(
    "coaches coached manages managed runs ran leads led heads headed captains captained owns "
    "owned chairs chaired".split()
)


def _owner(word: str) -> str:
    return "" if word in _GENERIC else word


def other_owner(sentence: str, sp: Span, roles: frozenset[str], owner: str) -> bool:
    """The title just before the name is another body's: "Epic lead attorney Gary Bornstein",
    asked for Google's; or the title set after it is ("Geordie Rose, co-founder and CEO of
    startup Sanctuary AI", asked for Figure AI's)."""
    after = _APPOSITIVE.match(sentence[sp.end : sp.end + 100])  # "Geordie Rose, ... CEO of"
    before = _TITLE_OF.search(sentence[max(0, sp.start - 80) : sp.start])  # "Sanctuary AI" itself
    if (after and _another_body(after.group(2), after.group(3), roles, owner)) or (
        before and _another_body(before.group(1), before.group(2) + sp.text, roles, owner)
    ):
        return True
    words = _WORD.findall(sentence[max(0, sp.start - 40) : sp.start])[-4:]
    i = _role_at(words, roles)
    if i < 0 or i < len(words) - 2:  # the title is not the name's
        return False
    j = _before_title_at(words, i)
    w = words[j] if j >= 0 else ""
    if j >= 1 and not _APOSTROPHE.search(w) and _APOSTROPHE.search(words[j - 1]):
        w = words[j - 1]  # "Thailand’s Foreign Minister": whose it is, before the field
    w = re.sub(r"['’]s?$", "", w)
    if not w[:1].isupper() or is_title(w):  # "lead attorney Jo Mar", "Senior counsel"
        return False
    w = w.lower()
    return not (w.startswith(owner) or owner.startswith(w))


# a body named by name after "of" ("CEO of Sanctuary AI"), not the field ("director of
# high-performance Peter Horne")
_BODY = re.compile(r"(?:the\s+)?[A-Z]")
_TITLE_OF = re.compile(r"([\w'’&-]+)\s+(?:of|at)\s+([^.;:()]*)$")
_APPOSITIVE = re.compile(r",?\s+((?:[\w'’&-]+\s+){0,4}?)([\w'’&-]+)\s+(?:of|at)\s+([^.;:()]+)")


def _another_body(title: str, body: str, roles: frozenset[str], owner: str) -> bool:
    """Whether ``title`` ... of ``body`` ("chief executive of Quillon", set after a name or
    before it) is a title asked about, of a body named by name that is not the one asked about
    ("CEO of the company" names none)."""
    return bool(set(tokenize(title)) & roles and _BODY.match(body)) and owner not in body.lower()


def described(sentence: str, sp: Span) -> list[str]:
    """The words of a description set off by commas right after a name: "Ursula Pachl, deputy
    director general of BEUC, said" (what she is, and where, past the few words ``own_words``
    reads)."""
    m = description(sentence, sp.end) if sp.text[:1].isupper() else None
    return m.group().strip(", ").split() if m else []


def own_words(after: list[str], roles: frozenset[str]) -> list[str]:
    """The words after a name that can say what it is, up to a title that styles the next name:
    in "The Big Ten announced Michigan coach Jim Harbaugh ..." the coach is Harbaugh."""
    for i, w in enumerate(after[:-1]):
        if after[i + 1][:1].isupper() and set(tokenize(w)) & roles:
            return after[:i]
    return after
