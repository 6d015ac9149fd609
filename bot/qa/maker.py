"""Who owns, makes or publishes a thing, and whom a seller sells it to: "who owns tubi", "who
publishes dcc", "who developed rogue trader", "who is moshiri selling his stake to". A firm
answers these as often as a person does, so such a question asks for no person in particular
(``maker_asked``, read once by ``Asked.read``). A name the sentence sets as the thing's owner or
maker ("Tubi, Fox's free streaming service", "the Kit Adam by KBDcraft") or as the
one a sale goes to ("agreed to sell his stake to investment fund 777 Partners") counts
``MAKER`` (``maker_weight``, applied in ``Asked.rate`` of ``bot.qa.answer_kind``)."""

from __future__ import annotations

import re

from ingest.keyword import tokenize

from .shape import Span

MAKER = 1.4  # a name set as the owner or maker of the thing asked about, or as its buyer

# "who", "who's", "who actually": the question's verb follows
_WHO = (
    r"\bwho(?:['’]s|\s+(?:is|was|are|were|will\s+be|has|have|had)|"
    r"\s+(?:actually|really|originally|first|now|currently|even|still|else))*\s+"
)
# "who owns", "who's developing", "who actually publishes": a firm's verbs ("who made M" and
# "who produced the album" ask for a person, and stay as they are)
_MAKER_Q = re.compile(
    rf"{_WHO}(?:own(?:s|ed|ing)?|publish(?:es|ed|ing)?|develop(?:s|ed|ing)?|"
    r"manufactur(?:es|ed|ing)|makes|making|sponsor(?:s|ed|ing)?)\b",
    re.I,
)
# "who's buying", "who acquired it"; "who is moshiri selling his stake to": the buyer
_BUYER_Q = re.compile(
    rf"{_WHO}(?:acquir(?:es|ed|ing)|bought|buy(?:s|ing)|purchas(?:es|ed|ing))\b", re.I
)
_SOLD_TO_Q = re.compile(r"\bwho\b.*\bs(?:ell|ells|elling|old)\b.*\bto\s*[?!.]*\s*$", re.I)

# the name as the owner of the thing named before it: "Tubi, Fox's ad-supported service"
_POSSESSIVE = re.compile(r"['’]s?\s")
_APPOSED_BEFORE = re.compile(r"([\w'’.-]+),\s+$")
# "the Kit Adam by KBDcraft", "Dungeon Crawl Classics by Goodman Games": a product's name, "by"
_NAME_BY = re.compile(r"[A-Z0-9][\w'’.-]*\s+by\s+$")
# "agreed to sell his 94% stake to American investment fund 777 Partners", "sold to Vantor"
_SOLD_TO = re.compile(
    r"\bs(?:ell|ells|elling|old)\b(?:\s+[\w'’%$.,-]+){0,8}?\s+to\s+(?:[\w'’-]+\s+){0,4}$", re.I
)
# a word that describes the name after it: "American investment fund 777 Partners"
_DESCRIBES_NEXT = re.compile(r"^\s+(?:[a-z][\w-]*\s+){1,3}[A-Z0-9]")


def maker_asked(question: str) -> str:
    """ "maker" for a question on who owns, makes, publishes or develops a thing, "buyer" for one
    on whom it is sold to or who buys it, else ""."""
    if _BUYER_Q.search(question) or _SOLD_TO_Q.search(question):
        return "buyer"
    return "maker" if _MAKER_Q.search(question) else ""


def maker_weight(sentence: str, sp: Span, asked: set[str] | frozenset[str], kind: str) -> float:
    """``MAKER`` for a name the sentence sets as the owner or maker of a thing the question names
    (its words ``asked``), or, asked for a buyer, as the one it is sold to; else 1."""
    before = sentence[max(0, sp.start - 120) : sp.start]
    if set(tokenize(sp.text)) & asked:
        return 1.0  # "Ivo Ostrow", asked whom Ostrow sells to: the seller, named in the question
    if kind == "buyer":
        if _DESCRIBES_NEXT.match(sentence[sp.end : sp.end + 60]):
            return 1.0  # "to American investment fund 777 Partners": the buyer is named next
        return MAKER if _SOLD_TO.search(before) else 1.0
    # "Tubi, Fox's ad-supported free streaming service" ("Fox's Tubi" is
    # ``bot.qa.relations.made_by``'s)
    apposed = _APPOSED_BEFORE.search(before)
    if apposed and _POSSESSIVE.match(sentence, sp.end) and set(tokenize(apposed.group(1))) & asked:
        return MAKER
    if _NAME_BY.search(before):
        return MAKER  # "the Kit Adam by KBDcraft"
    return 1.0
