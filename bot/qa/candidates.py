"""The candidate sentences an answer is chosen from: every sentence of the paragraphs around
the retrieved passages, each article's opening sentence when "the latest" is asked for, and the
rest of the best-ranked article (an answer is often a few paragraphs from the passage that
matched the question's words). Never the headline, boilerplate ("READ MORE"), or text shaped like
an instruction to the bot. Scored in ``bot.qa.extractive``."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from .labels import heads_item, label_line
from .safety import looks_like_instruction
from .sentences import sentence_spans
from .shape import Span
from .synonyms import words
from .types import Passage

OUTSIDE_ARTICLES = 1  # whole articles read for answers beyond their retrieved passages
# of an article read that way: far down a long page (a live blog) sentences are more often
# distractors than answers, and splitting them costs time (dev 691: 30,000 -> 8,000 characters,
# three more answers, p95 about 90 ms lower)
OUTSIDE_CHARS = 8_000
WORD = re.compile(r"[^\W_]+")
# of the best articles, the paragraphs beyond what is read above that hold the question's rarer
# words (a term in at most this share of the article's paragraphs)
FAR_ARTICLES = 3
FAR_PARAGRAPHS = 1
FAR_SHARE = 0.2
FAR_CHARS = 3_000  # a longer "paragraph" is a page without line breaks: not split here


_LISTED_WORD = re.compile(r"[^\W\d_][\w'’-]*")
LISTING_WORDS = 8  # a run of names this long without a verb or a link word is a list
# a table of past winners, one row a year: "Year Host Winner ... 1975 England West Indies ..."
_YEAR_CELL = re.compile(r"\b(?:19|20)\d{2}\s+[A-Z]")
TABLE_YEARS = 4


def listing(sentence: str) -> bool:
    """Whether a "sentence" is a list or a table row rather than a statement: a run of names
    and figures with hardly a lowercase word ("Bayern Munich, Real Madrid, Real Sociedad, ...",
    "Sept. 20 Real Sociedad 1-1 Inter Milan Sept. 20 Benfica 0-2 RB Salzburg ...")."""
    ws = _LISTED_WORD.findall(sentence)
    lower = sum(1 for w in ws if w[0].islower() and len(w) >= 3)
    if len(_YEAR_CELL.findall(sentence)) >= TABLE_YEARS:  # "1975 England West Indies ... 1979"
        return True
    return len(ws) >= LISTING_WORDS and lower <= max(1, len(ws) // 10)


@dataclass
class Sent:
    passage: Passage
    text: str  # the article text
    idx: int  # where the sentence starts in the article text: its identity
    start: int
    end: int
    rank: int
    top_article: bool = False  # from the article of the best-ranked passage
    clear: bool = False  # outscores every sentence of that article by ``LEAD_CLEAR`` or more
    outside: bool = False  # in its article but not in a retrieved passage
    lede: bool = False  # its article's opening sentence
    bonus: float = 0.0  # for "the latest": how new its article is
    prev: int = -1  # ``idx`` of the sentences before and after it (-1: none)
    next: int = -1
    head: int = (
        -1
    )  # a listing's labelled line ("Director: Sammo Hung"): ``idx`` of its item's heading
    toks: set[str] = field(default_factory=set)
    lex: float = 0.0
    spans: list[Span] = field(default_factory=list)  # answer-shaped, with something new
    shape: float = 0.0
    no_one: bool = False  # its best answer is no person's name, asked who (a person)
    mute: bool = False  # its answer is quoted but not stated in the lead (a news outlet's name)
    context: float = 0.0
    dense: float = 0.0
    score: float = 0.0

    @property
    def sentence(self) -> str:
        return self.text[self.start : self.end]


def article_text(p: Passage) -> tuple[str, int]:
    """The text sentences are read from, and the offset of its first character in the article."""
    return (p.article_text, 0) if p.article_text else (p.text, p.start)


_PROMO = re.compile(
    r"^(?:MORE|READ MORE|RELATED|WATCH|SEE ALSO|LISTEN|SIGN UP|SUBSCRIBE|CLICK HERE|ADVERTISEMENT)"
    r"\b|^(?:Sign up|Subscribe|Click here|Follow us|Read more|Related:|Also (?:read|see|watch):)",
    re.I,
)
# a photo's caption, which ends with its credit: "4 Onana had a poor night Credit: Getty"
_CAPTION = re.compile(r"\bCredit:\s*[A-Z][\w&/,.' -]{0,40}$")


def _boilerplate(sentence: str) -> bool:
    """A heading in capitals, a link to more coverage or a photo's caption: not a statement of
    fact."""
    letters = [ch for ch in sentence if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters)
    return bool(_PROMO.match(sentence) or _CAPTION.search(sentence.rstrip())) or (
        len(letters) >= 12 and upper / len(letters) > 0.6
    )


# A sign-up box some news pages carry inside the story, from its skip link to the end marker
_NEWSLETTER_BOX = re.compile(
    r"skip past newsletter promotion.{0,1500}?after newsletter promotion", re.I | re.S
)


def _promo_boxes(text: str) -> list[tuple[int, int]]:
    if "newsletter promotion" not in text:
        return []
    return [m.span() for m in _NEWSLETTER_BOX.finditer(text)]


WINDOW = 400  # characters of context split around a passage, to whole paragraphs


def _split(text: str) -> list[tuple[int, int]]:
    return sentence_spans(text)  # cached a paragraph at a time


def candidates(
    passages: Sequence[Passage], ledes: bool = False, terms: Collection[str] = ()
) -> list[Sent]:
    """Every sentence of the passages (once, at its best passage's rank), with offsets in the
    article; not the headline, which is cited with every excerpt anyway, and never text shaped
    like an instruction to the bot. Only the paragraphs around each passage are split, and the
    paragraphs of the best articles that hold the question's rarer words (``terms``, as
    ``bot.qa.synonyms.words`` gives them): ``far_paragraphs``."""
    out: dict[tuple[str, int], Sent] = {}
    top_id = passages[0].article_id
    boxes: dict[int, list[tuple[int, int]]] = {}  # by id() of the text split (alive till return)

    def add(
        p: Passage, rank: int, text: str, spans: list[tuple[int, int]], i: int, skip_to: int,
        outside: bool = False,
    ) -> None:  # fmt: skip
        s, e = spans[i]
        sent = text[s:e]
        if (p.article_id, s) in out or _boilerplate(sent):
            return
        if len(WORD.findall(sent)) < 3 and not (label_line(sent) or heads_item(text, spans, i)):
            return  # "Director: Varkan" says who; "Epic Games" over "Announced ..." whose news
        if looks_like_instruction(sent):
            return
        if id(text) not in boxes:
            boxes[id(text)] = _promo_boxes(text)
        if any(min(e, b) - max(s, a) > (e - s) / 2 for a, b in boxes[id(text)]):
            return  # "skip past newsletter promotion Sign up to ...": not the story
        prev = spans[i - 1][0] if i > 0 and spans[i - 1][0] >= max(0, skip_to) else -1
        nxt = spans[i + 1][0] if i + 1 < len(spans) else -1
        out[(p.article_id, s)] = Sent(
            p, text, s, s, e, rank, top_article=p.article_id == top_id, prev=prev, next=nxt,
            outside=outside,
        )  # fmt: skip

    for rank, p in enumerate(passages):
        text, off = article_text(p)
        lo, hi = p.start - off, p.end - off
        ws = text.rfind("\n", 0, max(0, lo - WINDOW)) + 1
        we = text.find("\n", min(len(text), hi + WINDOW))
        we = len(text) if we < 0 else we
        spans = [(a + ws, b + ws) for a, b in _split(text[ws:we])]
        skip_to = len(p.headline) if text.startswith(p.headline) and off == 0 else -1
        if off and p.start < len(p.headline):
            skip_to = len(p.headline) - off
        for i, (s, e) in enumerate(spans):
            if e <= lo or s >= hi or min(e, hi) - max(s, lo) < (e - s) / 2 or s < skip_to:
                continue
            add(p, rank, text, spans, i, skip_to)
    if ledes:  # each article's opening sentence: what it reports that is new
        for rank, p in enumerate(passages):
            if not p.article_text:
                continue
            text = p.article_text
            skip_to = len(p.headline) if text.startswith(p.headline) else 0
            spans = list(_split(text[: skip_to + 3000]))[:-1] or list(_split(text))
            for i, (s, e) in enumerate(spans):
                if s < skip_to or len(WORD.findall(text[s:e])) < 6 or _boilerplate(text[s:e]):
                    continue
                add(p, rank, text, spans, i, skip_to)
                if (p.article_id, s) in out:
                    out[(p.article_id, s)].lede = True
                break
    # The rest of the best articles: an answer is often a few paragraphs from the passage that
    # matched the question's words ("Hayes ... will start next May"), or far down a long one.
    seen: list[str] = []
    for rank, p in enumerate(passages):
        if p.article_id in seen or not p.article_text:
            continue
        seen.append(p.article_id)
        if len(seen) > max(OUTSIDE_ARTICLES, FAR_ARTICLES if terms else 0):
            break
        text = p.article_text
        skip_to = len(p.headline) if text.startswith(p.headline) else 0
        read: list[tuple[int, int]] = []  # (start, end) of the text split for candidates
        if len(seen) <= OUTSIDE_ARTICLES:
            read.append((0, OUTSIDE_CHARS))
        if terms and len(seen) <= FAR_ARTICLES:
            read += far_paragraphs(text, terms, OUTSIDE_CHARS if read else skip_to)
        for a, b in read:
            spans = [(x + a, y + a) for x, y in _split(text[a:b])]
            if b == OUTSIDE_CHARS and a == 0 and len(text) > b:
                spans = spans[:-1]  # cut off mid-sentence
            for i, (s, _) in enumerate(spans):
                if s >= skip_to:
                    add(p, rank, text, spans, i, skip_to, outside=True)
    return list(out.values())


def far_paragraphs(text: str, terms: Collection[str], start: int) -> list[tuple[int, int]]:
    """The paragraphs of an article from ``start`` on that hold the question's words its other
    paragraphs rarely use, best first: in a long list ("the best films of 2023") the entry the
    question names ("the one that won at Cannes"), wherever it stands."""
    paras: list[tuple[int, int, set[str]]] = []
    at = 0
    for line in text.split("\n"):
        a, at = at, at + len(line) + 1
        if line.strip() and len(line) <= FAR_CHARS:
            paras.append((a, a + len(line), set(words(line)) & set(terms)))
    n = len(paras)
    df = Counter(t for *_, held in paras for t in held)
    scored = []
    for a, b, held in paras:
        rare = [math.log(n / df[t]) for t in held if df[t] <= n * FAR_SHARE]
        if a >= start and rare:
            # fsum: the order of a set's words varies from run to run (string hashing), and
            # so did a plain sum's last bit, and with it which of two equal paragraphs is read
            scored.append((math.fsum(rare), a, b))
    scored.sort(reverse=True)  # the best first; of equals, the later paragraph
    return [(a, b) for _, a, b in scored[:FAR_PARAGRAPHS]]


def article_cover(by_article: dict[str, list[Sent]], terms: dict[str, float]) -> dict[str, float]:
    """How much of the question each article holds, a word weighed by how few of the articles
    hold it: the film the question names, more than the "stream" every guide says."""
    held = {aid: set().union(*(c.toks for c in sents)) for aid, sents in by_article.items()}
    n = len(held)
    idf = {t: math.log(1 + n / (1 + sum(t in h for h in held.values()))) for t in terms}
    total = sum(idf[t] * w for t, w in terms.items()) or 1.0
    return {
        aid: sum(idf[t] * w for t, w in terms.items() if t in h) / total for aid, h in held.items()
    }
