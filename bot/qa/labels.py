"""Answers that listings give under a label: "Where to watch: Shudder, AMC Plus", "Release date:
Dec. 20", "Directed by: Atlee", "Price: $199". Guides and round-ups (what to stream, what to
buy) state their facts this way, as a line of its own, with no preposition or verb around the
value for ``bot.qa.shape`` to go on; the label says what the value is."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ingest.keyword import tokenize

from .shape import HOW_MUCH, WHEN, WHERE, WHO, Span

if TYPE_CHECKING:
    from .candidates import Sent

_LABELS = {
    WHERE: (
        r"where\s+to\s+(?:watch|stream|buy|find|get|play|listen|see|order|pre-?order|rent)"
        r"|watch\s+(?:it\s+)?on|stream\s+(?:it\s+)?on|streaming\s+on|available\s+(?:on|at)|"
        r"platforms?|streaming|where|location|venue"
    ),
    WHEN: (
        r"release\s+date|released|release|premieres?|premiere\s+date|air\s+date|airs|"
        r"launch\s+date|launches|out|date|dates|when|kick-?off|start\s+time|on\s+sale"
    ),
    WHO: (
        r"directed\s+by|director|directors|written\s+by|writers?|starring|stars|cast|"
        r"developed\s+by|developer|publisher|author|created\s+by|creators?|hosted\s+by|hosts?|"
        r"showrunners?|composer|narrator|voiced\s+by|maker|manufacturer|brand"
    ),
    HOW_MUCH: (
        r"price|prices|cost|msrp|list\s+price|sale\s+price|deal\s+price|our\s+price|fee|fees|"
        r"salary|budget|prize\s+money|purse|value"
    ),
}
_LABEL_RX = {
    shape: re.compile(rf"^\s*(?:{rx})\s*:\s*(?P<value>\S.*?)\s*[.;]?\s*$", re.I)
    for shape, rx in _LABELS.items()
}
LABEL = 1.3  # what a value under such a label gains as the answer
MAX_VALUE_WORDS = 10  # longer, and the line is prose after a colon, not a listed value


# Which credit a who-question asks for, by its words ("who plays ...": the cast, "who directed":
# the director), and the labels that give each. A listing gives several credits to an item;
# asked for one, the others do not answer.
_CREDITS = (
    ({"direct", "director", "helm", "filmmak"}, r"directed\s+by|directors?"),
    ({"play", "star", "cast", "actor", "actress"}, r"starring|stars|cast"),
    (
        {"wrote", "writer", "written", "author", "screenplay", "script"},
        r"written\s+by|writers?|author",
    ),
    ({"develop", "studio"}, r"developed\s+by|developer"),
    ({"publish"}, r"publisher"),
    ({"creat", "creator", "showrunn"}, r"created\s+by|creators?|showrunners?"),
    ({"host", "present"}, r"hosted\s+by|hosts?"),
    ({"compos", "score", "soundtrack"}, r"composer"),
    ({"narrat", "voic"}, r"narrator|voiced\s+by"),
)
OTHER_CREDIT = 0.5  # what a name gains under a credit other than the one asked for
_NEXT_LABEL = re.compile(r"\s+(?=[A-Z][a-z]+(?:\s+[a-z]+){0,2}\s*:\s)")
_CREDIT_RX = [(words, re.compile(rf"^\s*(?:{rx})\s*:", re.I)) for words, rx in _CREDITS]


def other_credit(sentence: str, q_toks: set[str]) -> bool:
    """The line gives a credit, and the question asks for another one."""
    asked = [rx for words, rx in _CREDIT_RX if words & q_toks]
    given = [rx for _, rx in _CREDIT_RX if rx.match(sentence)]
    return bool(asked and given) and not any(rx in asked for rx in given)


def labelled(sentence: str, shape: str, q_toks: set[str] | None = None) -> Span | None:
    """The value a line gives under a label that names the shape asked for, if it is one; for a
    who-question that asks for one credit (``q_toks``: "play" in "who plays her"), not a line
    that gives another ("Director: ...")."""
    rx = _LABEL_RX.get(shape)
    m = rx.match(sentence) if rx else None
    if m is None:
        return None
    if shape == WHO and q_toks and other_credit(sentence, q_toks):
        return None
    # "Director: Lena Dunham Cast: Bella Ramsey": lines run together, the value ends at the next
    value = _NEXT_LABEL.split(m.group("value"), maxsplit=1)[0]
    if len(value.split()) > MAX_VALUE_WORDS or "\n" in value:
        return None
    if shape == HOW_MUCH and not re.search(r"\d", value):
        return None
    return Span(m.start("value"), m.start("value") + len(value), value)


_ROLE_LABEL = re.compile(
    r"^\s*(?P<label>[A-Za-z][A-Za-z’'-]*(?:\s+[A-Za-z][A-Za-z’'-]*){0,2})\s*:\s*"
    r"(?P<value>[A-Z][^:()\n]*?)\s*(?:\([^()\n]*\))?\s*[.;]?\s*$"
)


def role_labelled(sentence: str, roles: frozenset[str]) -> Span | None:
    """The name a line gives under the title a who-question asks about: "Referee: Raphael
    Claus (BRA)" for "who reffed the game" (a match preview's facts, one to a line); the
    bracketed note is left out."""
    m = _ROLE_LABEL.match(sentence)
    if m is None or not roles or not set(tokenize(m.group("label"))) & roles:
        return None
    value = m.group("value")
    if len(value.split()) > MAX_VALUE_WORDS:
        return None
    return Span(m.start("value"), m.start("value") + len(value), value)


_ANY_LABEL = re.compile(r"^\s*(?:" + "|".join(_LABELS.values()) + r")\s*:\s*\S", re.I)
HEADING_WORDS = 14  # a heading names its item in a few words
LABEL_RUN = 4  # labelled lines an item may have under its heading


def label_line(sentence: str) -> bool:
    """Whether the line is a labelled value of a listing, of any kind."""
    return bool(_ANY_LABEL.match(sentence)) and len(sentence.split()) <= HEADING_WORDS


def with_heading(c: Sent, by_article: dict[str, list[Sent]]) -> str:
    """What a sentence says, for the meaning score: a labelled line with its item's heading."""
    if c.head < 0:
        return c.sentence
    head = next((x for x in by_article[c.passage.article_id] if x.idx == c.head), None)
    return f"{head.sentence} {c.sentence}" if head is not None else c.sentence


def item_heading(c: Sent, at: dict[int, Sent]) -> Sent | None:
    """The heading of the item a listing's labelled line is under: the short line above it and
    the item's other labelled lines ("Oct. 3: Tidewater" / "Director: Varkan" / "Where to
    watch: Glimmer"). Read from the article's lines, as a short labelled line may be no
    candidate of its own."""
    base = max(0, c.start - 800)
    lines = [
        (base + m.start(), m.group())
        for m in re.finditer(r"[^\n]*\S[^\n]*", c.text[base : c.start])
    ]
    for n, (at_, line) in enumerate(reversed(lines)):
        if n <= LABEL_RUN and label_line(line.strip()):
            continue
        if len(line.split()) > HEADING_WORDS:
            return None
        start = at_ + len(line) - len(line.lstrip())
        # "12. Dave the Diver": syntok splits the number off as a sentence of its own
        numbered = _ITEM_NUMBER.match(line)
        return at.get(start) or (at.get(at_ + numbered.end()) if numbered else None)
    return None


_ITEM_NUMBER = re.compile(r"\s*\d{1,3}[.)]\s+")


# A list item's text that opens on its verb, its subject being the item's heading: "Epic Games"
# / "Announced on September 28 that the Fortnite maker is laying off 16% ...", "Hopper" / "Is
# reducing its full-time staff by 30% ...".
_VERB_OPEN = re.compile(
    r"(?:is|was|are|were|has|had|have|will|would|plans|planned|announced|said|says|confirmed|"
    r"reported|reportedly|laid|cut|cuts|cutting|slashed|eliminated|let|shut|closed|filed|raised|"
    r"launched|acquired|agreed|became|began|started|signed|won|made|told|revealed|disclosed|"
    r"shared|posted|unveiled|introduced|released|moved|added|dropped|hired|named|offered)\b"
)
SUBJECT_WORDS = 6  # a heading that names an item's subject is a name, a few words long


def opens_on_verb(sentence: str) -> bool:
    """Whether the sentence opens on a capitalised verb ("Announced on September 28 ...")."""
    first = sentence.split(maxsplit=1)[0] if sentence.strip() else ""
    return first[:1].isupper() and bool(_VERB_OPEN.fullmatch(first.lower()))


def heads_item(text: str, spans: list[tuple[int, int]], i: int) -> bool:
    """Whether sentence ``i`` is a short line over a paragraph that opens on its verb: the name
    the paragraph is about ("Epic Games"), kept though it is under three words."""
    s, e = spans[i]
    if i + 1 >= len(spans) or len(text[s:e].split()) > SUBJECT_WORDS:
        return False
    a, b = spans[i + 1]
    return "\n" in text[e:a] and opens_on_verb(text[a:b])


# a tracker's fact line under an item's heading: "Date: Tuesday, Dec. 19", "Source: ESPN's Jeff
# Passan" (any short label, not only the ones that answer a question)
_FACT_LINE = re.compile(r"^[A-Z][\w'’ ]{0,24}:\s*\S")


def tracker_heading(c: Sent, at: dict[int, Sent]) -> Sent | None:
    """The heading of a tracker's item whose first paragraph ``c`` opens, under the item's fact
    lines: "Dodgers sign Yamamoto to $325 million contract" / "Date: Tuesday, Dec. 19" /
    "Source: ESPN" / "The Yamamoto sweepstakes are over, as the Dodgers have ... signed the
    Japanese ace ..."; None when no fact line stands right above the paragraph. A title with a
    colon heads the fact lines under it when no shorter line stands over it ("Insidious: The Red
    Door" / "Where to watch: ..." / "Director: ...")."""
    base = max(0, c.start - 800)
    before = c.text[base : c.start]
    if not before.rstrip(" \t").endswith("\n") or ":" in c.sentence[:40]:
        return None  # the sentence does not open a paragraph of prose
    lines = [(base + m.start(), m.group()) for m in re.finditer(r"[^\n]*\S[^\n]*", before)]
    facts: list[tuple[int, str]] = []
    above: tuple[int, str] | None = None
    for at_, line in reversed(lines):
        line_ = line.strip()
        fact = _FACT_LINE.match(line_) and len(line_.split()) <= HEADING_WORDS
        if not fact or len(facts) > LABEL_RUN + 1:
            above = (at_, line)
            break
        facts.append((at_, line))
    if not facts:
        return None
    if above is not None and len(above[1].split()) <= HEADING_WORDS:
        head = above if above[1].strip()[-1:] not in ".!?:;," else None
    else:  # over a paragraph, or at the top: the first fact line may be the item's title
        value = facts[-1][1].split(":", 1)[1].strip()
        head = facts[-1] if len(facts) >= 2 and _TITLE_WORDS.fullmatch(value) else None
    return at.get(head[0] + len(head[1]) - len(head[1].lstrip())) if head else None


# "The Red Door", "Chapter 2 of the Saga": a title's words, each capitalised but the small ones
_TITLE_WORDS = re.compile(
    r"(?:[A-Z0-9][\w'’.&-]*|of|the|a|an|and|in|on|to|for|with|at|by)"
    r"(?:\s+(?:[A-Z0-9][\w'’.&-]*|of|the|a|an|and|in|on|to|for|with|at|by))*"
)


def subject_heading(c: Sent, at: dict[int, Sent]) -> Sent | None:
    """The name a paragraph that opens on its verb is about, or None: the sentence before it,
    when that is a short unpunctuated line of its own (what ``heads_item`` keeps)."""
    head = at.get(c.prev)
    if head is None or not opens_on_verb(c.sentence) or "\n" not in c.text[head.end : c.start]:
        return None
    line = head.sentence.strip()
    return head if len(line.split()) <= SUBJECT_WORDS and line[-1:] not in '.!?:;,"”' else None
