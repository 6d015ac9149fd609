"""Read a question into what retrieval needs: the outlets and dates it names, its words for
keyword search without the scaffolding, and its parts ("the Fortune article says X, while the
TechCrunch report says Y" has two), each with the outlets and dates that belong to it."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from ingest.keyword import tokenize

from .outlets import KNOWN_OUTLETS, outlet_spans, unknown_outlets
from .timeparse import TimeFilter, date_spans, parse_time

# Words that frame a question about the news rather than say what it is about. Dropped from the
# keyword query only (the dense query keeps the question whole).
SCAFFOLD = frozenset(
    """article articles report reports reported reporting reporter according published publish
    publication piece pieces story stories coverage covered source sources outlet outlets
    suggest suggests suggested suggesting indicate indicates indicated indicating mention
    mentions mentioned mentioning discuss discusses discussed discussing portrayal portray
    portrayed portrays regarding concerning considering information both also which whose does
    did do was were is are has have had consistent consistency inconsistent inconsistency
    narrative subsequent subsequently whereas compared comparison highlight highlights
    highlighted highlighting focus focused focuses focusing describe described describes
    detailing attribute attributed attributes reflect reflected reflects article's report's
    respectively""".split()
)
_SPLIT = re.compile(
    r",?\s+(?:while|whereas|but|although|though|compared\s+(?:to|with)|in\s+contrast\s+to|"
    r"as\s+opposed\s+to|and\s+(?:also\s+)?(?=the\s|an?\s|then\s|later\s|that\s|"
    r"subsequently\s|after\s|before\s))\s*|;\s+|\s+and\s+(?:is|was|has|had|also)\s+|"
    # A comma ends a clause unless a relative clause or a list goes on after it.
    r",\s+(?:and\s+)?(?!which\b|who\b|that\b|where\b|whose\b|when\b|including\b|such\b|"
    r"as\b|or\b|[\w-]+,)",
    re.I,
)
_QWORDS = frozenset("what who name company which how many much".split())
_WORD = re.compile(r"[^\W_]+(?:['’][a-z]+)?", re.UNICODE)


@dataclass
class Part:
    text: str
    start: int
    outlets: list[str] = field(default_factory=list)
    dates: tuple[date, ...] = ()
    keywords: str = ""


@dataclass
class QueryPlan:
    question: str
    outlets: list[str]  # indexed outlets the question names, in its order
    unknown: list[str]  # well-known outlets it names as sources that are not indexed
    time: TimeFilter
    keywords: str  # the question for keyword search
    parts: list[Part]
    names: list[str] = field(default_factory=list)  # capitalised words: people, places, firms
    now: datetime | None = None  # when the question is asked


def _drop(text: str, spans: list[tuple[int, int]], offset: int = 0) -> str:
    out, pos = [], 0
    for s, e in sorted(spans):
        if not offset <= s < offset + len(text):
            continue
        s, e = s - offset, e - offset
        if s >= pos:
            out.append(text[pos:s])
            pos = e
    out.append(text[pos:])
    return " ".join(out)


def _widen(q: str, s: int, e: int) -> tuple[int, int]:
    """An outlet's span with its "the" before and "'s" after, quotes included."""
    if m := re.search(r"\b[Tt]he\s+['\"‘“]?$", q[max(0, s - 6) : s]):
        s -= len(m.group())
    if m := re.match(r"['’]s\b|['\"’”]", q[e : e + 2]):
        e += len(m.group())
    return s, e


def keyword_text(text: str) -> str:
    """The words that carry the question's topic: no scaffolding, no possessive 's."""
    words = [re.sub(r"['’]s$", "", w) for w in _WORD.findall(text)]
    # "ax40", "covid19": also as the articles write them apart ("AX-40", "COVID-19")
    words += [part for w in words if (m := _LETTERS_DIGITS.fullmatch(w)) for part in m.groups()]
    return " ".join(w for w in words if w.lower() not in SCAFFOLD)


_LETTERS_DIGITS = re.compile(r"([A-Za-z]{2,})(\d+)")


def split_parts(question: str) -> list[tuple[int, str]]:
    """Clauses of a multi-part question, as (offset, text); tiny fragments join their neighbour."""
    parts: list[tuple[int, str]] = []
    pos = 0
    for m in _SPLIT.finditer(question):
        parts.append((pos, question[pos : m.start()]))
        pos = m.end()
    parts.append((pos, question[pos:]))
    merged: list[tuple[int, str]] = []
    for off, t in parts:
        if merged and len(_WORD.findall(t)) < 4:
            o0 = merged[-1][0]
            merged[-1] = (o0, question[o0 : off + len(t)])
        else:
            merged.append((off, t))
    if len(merged) > 1 and len(_WORD.findall(merged[0][1])) < 4:
        (o0, _), (o1, t1) = merged[0], merged[1]
        merged[0:2] = [(o0, question[o0 : o1 + len(t1)])]
    return merged


def _content(p: Part) -> int:
    return len([t for t in tokenize(p.keywords) if t not in _QWORDS])


def _merge_thin(question: str, parts: list[Part], drop: list[tuple[int, int]]) -> list[Part]:
    """A part with too little to search for on its own ("the TechCrunch article published on
    October 7") joins the part after it (or before it, when last)."""
    out = list(parts)
    i = 0
    while len(out) > 1 and i < len(out):
        if _content(out[i]) >= 3:
            i += 1
            continue
        j = i + 1 if i + 1 < len(out) else i - 1
        a, b = sorted((i, j))
        pa, pb = out[a], out[b]
        text = question[pa.start : pb.start + len(pb.text)]
        m = Part(text=text, start=pa.start, dates=pa.dates + pb.dates)
        m.outlets = pa.outlets + [o for o in pb.outlets if o not in pa.outlets]
        m.keywords = keyword_text(_drop(text, drop, pa.start))
        out[a : b + 1] = [m]
        i = a
    return out


_CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]*")
_QUESTION_WORDS = frozenset(
    """does did do is was were has have had which what who whom whose where when why how between
    considering based after before according in on of the a an and or following given since while
    both from are can could would should will if that this these those as at by for to with
    within among per""".split()
) | {
    # months and weekdays are dates, not names ("the Oct 27 walkout")
    *"""january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday mon tue tues wed thu thur thurs fri sat sun""".split()
}


_MARKED_NAME = re.compile(r"[A-Z0-9]")  # "FIFA", "iPhone", "GPT-4": a name wherever it stands


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \"'‘“(")
    return not before or before[-1] in ".!?:\n"


def question_names(question: str, outlets: list[str]) -> list[str]:
    """Capitalised words of the question (names, mostly), without outlet names, question words
    and words capitalised only because a sentence starts there."""
    spans = outlet_spans(question, outlets) + outlet_spans(question, KNOWN_OUTLETS, strict=True)
    out: list[str] = []
    for m in _CAPITALISED.finditer(question):
        w = m.group().rstrip(".'’")
        if any(s <= m.start() < e for s, e, _ in spans) or w.lower() in _QUESTION_WORDS:
            continue
        if _sentence_start(question, m.start()) and not _MARKED_NAME.search(w[1:]):
            continue  # "Tell me ...": capitalised only because a sentence starts there
        name = re.sub(r"['’]s$", "", w)  # "Parrish's" is "Parrish", named once
        if name not in out:
            out.append(name)
    return out


def unseen_names(question: str, outlets: list[str], known: Callable[[str], bool]) -> list[str]:
    """The question's names that no indexed chunk contains at all: with "Sygic" nowhere in the
    corpus, no article can say anything about Sygic. ``known`` says whether a token occurs in
    the corpus."""
    out: list[str] = []
    for name in question_names(question, outlets):
        toks = [t for t in tokenize(name) if len(t) >= 3 and not t.isdigit()]
        if any(not known(t) for t in toks):
            out.append(name)
    return out


def written_otherwise(name: str, full_names: Iterable[str], known: Callable[[str], bool]) -> bool:
    """Whether ``name`` lies inside one of ``full_names`` (those added for the question's
    nicknames) whose other words of four or more letters the corpus holds: "Olympique" in
    "Olympique de Marseille", where the articles say "Marseille"."""
    own = set(tokenize(name))
    for full in full_names:
        if name not in full:
            continue
        rest = [t for t in tokenize(full) if len(t) >= 4 and t not in own and not t.isdigit()]
        if rest and all(known(t) for t in rest):
            return True
    return False


_LONG_CAPITALISED = re.compile(r"\b[A-Z][a-z]{3,}\w*")


def clipped_name(word: str, texts: Iterable[str]) -> bool:
    """Whether a lowercase word the corpus lacks is a name clipped as members clip them, inside a
    capitalised word of ``texts``: "bama" for "Alabama", "cuse" for "Syracuse"."""
    w = word.lower()
    if len(w) < 4:
        return False
    return any(w in m.group().lower() for t in texts for m in _LONG_CAPITALISED.finditer(t))


_ACRONYM = re.compile(r"[A-Z]{3,5}")
_CAP_RUN = re.compile(r"[A-Z][\w'’.]*(?:(?:\s+|-)[A-Z][\w'’.]*){2,5}")


def initials_named(acronym: str, texts: Iterable[str]) -> bool:
    """Whether a run of capitalised words in ``texts`` has ``acronym`` as its initials: "DTR" is
    how members write "Dorian Thompson-Robinson", a name the articles do hold."""
    if not _ACRONYM.fullmatch(acronym):
        return False
    for text in texts:
        for m in _CAP_RUN.finditer(text):
            if acronym in "".join(w[0] for w in re.split(r"\s+|-", m.group()) if w):
                return True
    return False


_CAP_RUN_LINKED = re.compile(
    r"[A-Z][\w'’.]*(?:(?:\s+(?:of|and|for|the|de)\s+|\s+|-)[A-Z][\w'’.]*){1,5}"
)
_LOWER_INITIALS = re.compile(r"[a-z]{3,4}")


def lower_initials_named(word: str, texts: Iterable[str]) -> bool:
    """Whether a word a member typed in lowercase ("boq", "doj", "rba") is the initials of a
    name in ``texts``: capitalised words, with or without the "of" between them ("Bank of
    Queensland", "Department of Justice", "Reserve Bank of Australia"), all of them initials:
    "boq" is not found in "Bank of Queens Quay"."""
    if not _LOWER_INITIALS.fullmatch(word):
        return False
    return any(word in _name_initials(t) for t in texts)


@functools.lru_cache(maxsize=256)
def _name_initials(text: str) -> frozenset[str]:
    """Every 3-4 letter initials of a run of capitalised words in ``text`` (see above). Cached:
    the best articles come back question after question."""
    out: set[str] = set()
    for m in _CAP_RUN_LINKED.finditer(text):
        ws = [w for w in re.split(r"\s+|-", m.group()) if w]
        for i in range(len(ws)):
            if not ws[i][0].isupper():
                continue
            for j in range(i + 1, min(len(ws), i + 5)):
                part = ws[i : j + 1]
                if part[-1][0].isupper():
                    out.add("".join(w[0] for w in part).lower())
                    out.add("".join(w[0] for w in part if w[0].isupper()).lower())
    return frozenset(x for x in out if 3 <= len(x) <= 4)


# "d4", "s2", "bg3", "gta6": a title or a season by its initials and number
NUMBERED_WORD = re.compile(r"\b([a-z]{1,3})(\d{1,2})\b", re.I)
_NOT_INITIAL = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|the|and|of)",
    re.I,
)


def numbered_named(word: str, text: str) -> bool:
    """Whether ``text`` names what a short form such as "d4" stands for: the same number after
    words with those initials ("Diablo 4", "season 2", "Baldur's Gate 3") or after the letters
    ("GTA 6"), at least twice (once could be chance), never a date ("December 4")."""
    m = NUMBERED_WORD.fullmatch(word)
    if not m:
        return False
    letters, num = m.group(1), m.group(2)
    words = r"[\s-]+".join(rf"({c}[\w'’]*)" for c in letters)
    rx = re.compile(rf"\b(?:{words}|{letters})\s*-?\s*{num}(?![\d.,:]\d|\d)", re.I)
    hits = 0
    for h in rx.finditer(text):
        if any(g and _NOT_INITIAL.fullmatch(g[:3]) for g in h.groups()):
            continue
        hits += 1
    return hits >= 2


def plan_query(question: str, corpus_outlets: list[str], now: datetime) -> QueryPlan:
    spans = outlet_spans(question, corpus_outlets)
    named: list[str] = []
    for _, _, o in spans:
        if o not in named:
            named.append(o)
    sources = [(s, e) for s, e, _ in spans] + [
        (s, e) for s, e, _ in outlet_spans(question, KNOWN_OUTLETS, strict=True)
    ]
    # A date is a publication filter only where it names one; "the Oct 7 attack" is a topic.
    tf = parse_time(question, now, sources=sources, publication_only=True)
    dspans = date_spans(question, now, sources=sources, publication_only=True)
    # Outlets and dates steer retrieval by metadata; as keywords they would match other text.
    drop = [_widen(question, s, e) for s, e, _ in spans] + [(s, e) for s, e, _ in dspans]
    if tf.span:  # "since Monday" must not match "on Monday" in an older article
        drop.append(tf.span)
    parts: list[Part] = []
    for off, text in split_parts(question):
        end = off + len(text)
        p = Part(text=text, start=off)
        for s, _e, o in spans:
            if off <= s < end and o not in p.outlets:
                p.outlets.append(o)
        p.dates = tuple(d for s, _e, d in dspans if off <= s < end)
        p.keywords = keyword_text(_drop(text, drop, off))
        parts.append(p)
    parts = _merge_thin(question, parts, drop)
    return QueryPlan(
        question=question,
        outlets=named,
        unknown=unknown_outlets(question, corpus_outlets),
        time=tf,
        keywords=keyword_text(_drop(question, drop)),
        parts=parts,
        names=question_names(question, corpus_outlets),
        now=now,
    )
