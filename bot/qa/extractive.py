"""The offline answerer: pick the sentences of the top passages that answer the question, quote
them verbatim, and pin the short answer (a place, a time, a name, an amount) for the lead.

A sentence is scored by what it says, not by how much of the question it repeats:
- its words in common with the question (IDF-weighted; the question's own words count more than
  an earlier turn's);
- its meaning: cosine similarity to the question under the loaded embedding model, for a
  shortlist of sentences (one small batch per question);
- the answer's shape: a where-question wants a place the question does not already name, a
  when-question a day or date, a who-question a name, a how-much question an amount;
- its context: the words its neighbours share with the question (an answer often follows the
  sentence that restates the topic);
- its passage's retrieval rank.
A sentence that opens with a pronoun brings the previous sentence along, and one whose answer is
in the next sentence brings that, within the quote length. No model call beyond the embedder,
no network."""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ingest.keyword import tokenize

from .safety import looks_like_instruction
from .sentences import sentence_spans
from .shape import (
    HOW_MANY,
    HOW_MUCH,
    ORG_Q,
    PERSON_Q,
    SHORT,
    WHEN,
    WHERE,
    WHO,
    Span,
    answer_spans,
    is_title,
    personlike,
    question_shape,
)
from .synonyms import phrase_in, synonyms
from .types import Passage

MAX_QUOTE_CHARS = 320  # one sentence; longer ones are trimmed around the answer, with "…"
MAX_PAIR_CHARS = 420  # a sentence with the neighbour that completes it
MAX_EXCERPTS = 4
PRONOUN_NEXT = True  # bring along a next sentence that goes on about this one ("That's ...")
PER_ARTICLE = 2  # excerpts of one article, while other articles have candidates
FILL_SHARE = 0.5  # a further excerpt of an article must score this share of the best
SHORTLIST = 12  # sentences embedded per question for the meaning score
EMBED_CHARS = 200  # of each, about 45 word-pieces
_PRONOUN = re.compile(
    r"^[\"'“‘]?(?:He|She|They|It|His|Her|Its|Their|Them|This|These|Those|That|Both|The\s+"
    r"(?:move|decision|deal|plan|company|firm|group|team|club|ministry|agency|bank|court|talks|"
    r"meeting|statement|report|announcement|bill|law|measure|proposal|changes?))\b"
)
_WORD = re.compile(r"[^\W_]+")
Embed = Callable[[Sequence[str]], np.ndarray]

# Weights of the sentence score: set by hand, checked on the member-style dev questions.
W_LEX = 1.0
W_DENSE = 1.2
W_SHAPE = 0.45
W_CONTEXT = 0.25
W_PRIOR = 0.35
W_LEAD_SHAPE = 1.0  # how much the answer's shape counts in choosing the sentence that leads
MIN_LEAD_STRENGTH = 0.5  # a weaker answer (a lone word, far from the question's) is not stated
STRONG_LEAD = 1.0  # an answer from another article than the best-ranked one must be this strong
ANSWER_MARGIN = 0.6  # how far below the best an answer-stating sentence may score to lead
SYNONYM = 0.6  # a synonym of a question word counts this much of the word
OUTSIDE_ARTICLES = 1  # whole articles read for answers beyond their retrieved passages
OUTSIDE_CHARS = 30_000  # of an article read that way (a long page costs time, not answers)
W_OUTSIDE = 0.3  # what a sentence outside the retrieved passages gives up
INNER = (15, 22)  # characters before and after an answer that are its own predicate
W_INNER = 0.3
W_LEDE = 0.3  # for "the latest": an article's opening sentence says what is new
W_RECENT = 0.5  # for "the latest": a sentence of the newest article, fading over a week
VOTE = 0.1  # how much each further article naming a person adds to the name's strength


@dataclass
class Excerpt:
    passage: Passage
    quote: str
    start: int  # offsets in the article text
    end: int
    score: float
    answer: Span | None = None  # the short answer, offsets in the article text
    cut_start: bool = False  # the quote starts / ends inside a sentence
    cut_end: bool = False


@dataclass
class _Sent:
    passage: Passage
    text: str  # the article text
    idx: int  # where the sentence starts in the article text: its identity
    start: int
    end: int
    rank: int
    top_article: bool = False  # from the article of the best-ranked passage
    outside: bool = False  # in its article but not in a retrieved passage
    lede: bool = False  # its article's opening sentence
    bonus: float = 0.0  # for "the latest": how new its article is
    prev: int = -1  # ``idx`` of the sentences before and after it (-1: none)
    next: int = -1
    toks: set[str] = field(default_factory=set)
    lex: float = 0.0
    spans: list[Span] = field(default_factory=list)  # answer-shaped, with something new
    shape: float = 0.0
    context: float = 0.0
    dense: float = 0.0
    score: float = 0.0

    @property
    def sentence(self) -> str:
        return self.text[self.start : self.end]


def _article_text(p: Passage) -> tuple[str, int]:
    """The text sentences are read from, and the offset of its first character in the article."""
    return (p.article_text, 0) if p.article_text else (p.text, p.start)


def _question_terms(question: str, history: str) -> dict[str, float]:
    terms = {t: 1.0 for t in tokenize(question) if t != "\u2205"}
    for t in tokenize(history) if history else []:
        if t != "\u2205":
            terms.setdefault(t, 0.5)
    return terms


def _related(t: str, q_toks: set[str]) -> bool:
    """``t`` is a question word, or shares its stem's first letters ("thai" and "thailand",
    "cambodian" and "cambodia")."""
    if t in q_toks:
        return True
    return any(len(q) >= 4 and len(t) >= 4 and (t.startswith(q) or q.startswith(t)) for q in q_toks)


def _novel(
    span: Span, q_toks: set[str], person: bool = False, context: set[str] | None = None
) -> bool:
    """The span says something the question does not: a place, name or time it does not name.
    When a person is asked for, a name whose last word the question holds ("Vlatko Andonovski"
    for "who replaced Andonovski") is someone the question already names. With ``context`` (the
    question's words other than those saying what kind of answer it wants), a name of three or
    more words is novel only if at least half of them are not among those."""
    toks = [t for t in tokenize(span.text) if t != "\u2205" and (len(t) > 1 or t.isdigit())]
    if person and toks and len(toks[-1]) >= 3 and toks[-1] in q_toks:
        return False
    # "the four-team college playoff": "College Football Playoff" is the question's own
    if context is not None and len(toks) >= 3:
        return 2 * sum(not _related(t, context) for t in toks) >= len(toks)
    return any(not _related(t, q_toks) for t in toks)


_FUTURE_Q = re.compile(
    r"\b(?:will|gonna|going\s+to|planned|plans?\s+to|upcoming|next|scheduled|due\s+to|set\s+to)\b"
    r"|\b(?:are|is)\s+(?:the\s+)?[\w\s]{0,40}?\b(?:happening|taking\s+place|being\s+held)\b|"
    r"^when\s+(?:are|is)\b",
    re.I,
)
_FUTURE = re.compile(
    r"\b(?:will|would|to\s+be\s+held|set\s+to|scheduled|plans?\s+to|next|upcoming|"
    r"due\s+to|is\s+to|are\s+to|expected\s+to)\b",
    re.I,
)
# "how many new hiv infections were there": what is counted runs up to the verb.
_HOW_MANY_NOUN = re.compile(
    r"\bhow\s+many\s+((?:(?!(?:are|is|was|were|did|does|do|has|have|had|will|would|can|could)\b)"
    r"[\w'’-]+\s*){1,3})",
    re.I,
)
_VERBISH = re.compile(
    r"(?:[^e]ed|ing)$|^(?:began|run|ran|went|came|left|took|made|said|won|lost|fell|rose|met|saw|"
    r"got|paid|held|kept|led|set|hit|cut|put|die|dies|quit|vote|votes|walk|walks|sign|signs)$",
    re.I,
)


def _noun_part(phrase: str) -> str:
    """ "republicans voted against" -> "republicans": what is counted, not what it did."""
    words = phrase.split()
    for i, w in enumerate(words[1:], 1):
        if _VERBISH.search(w):
            return " ".join(words[:i])
    return phrase


_COMPARED = re.compile(
    r"^\s*(?:more|less|cheaper|dearer|higher|lower|extra|than|above|below|off)\b", re.I
)
_NAME_Q = re.compile(r"\b(?:call(?:ed|ing)|titled|dubbed|nicknamed|branded|name\s+of)\b", re.I)
_NOT_COUNTED = frozenset({"\u2205", *tokenize("more less fewer other times total exactly")})
_HOW_OLD = re.compile(r"\bhow\s+old\b|\bwhat\s+age\b|\bage\s+of\b", re.I)
_AGE_NEAR = re.compile(
    r"(?:\bage[ds]?\s+|\bturn(?:s|ed|ing)?\s+|\bat\s+)$|^(?:[-\s]years?[-\s]old|,\s|\s+years?\s+of\s+age"
    r"|(?:st|nd|rd|th)\s+birthday)",
    re.I,
)
# The question asks for money ("how much does it cost"), or for a share ("how much did it go up").
_MONEY_Q = re.compile(
    r"\b(?:cost|costs|price[ds]?|pric\w+|worth|pay|paid|pays|paying|spen[dt]\w*|charg\w+|fine[ds]?|"
    r"salary|wages?|valu\w+|fee|fees|offer\w*|bid|sold|sell\w*|bought|buy\w*|raised?|raising|"
    r"fund\w*|invest\w*|revenue|profit|loss|budget|money|dollars?|bucks|cash|deal)\b",
    re.I,
)
_SHARE_Q = re.compile(
    r"\b(?:percent\w*|%|rate|share|go(?:ne|es)?\s+up|went\s+up|go(?:ne|es)?\s+down|went\s+down|"
    r"ris[ei]\w*|rose|f[ae]ll\w*|drop\w*|jump\w*|climb\w*|slid|sink|sank|gain\w*|stock|shares)\b",
    re.I,
)
# A sum of money, or a sum in a currency the list does not know ("410 million aldmarks").
_CURRENCY = re.compile(
    r"[$€£¥₹]|\b(?:dollars|euros|pounds|yen|rupees|francs|crowns|marks|usd|eur|gbp)\b"
    r"|\d\s*(?:million|billion|trillion|bn|mn)\b",
    re.I,
)
_PERCENT = re.compile(r"%|\bper\s*cent|\bpercentage", re.I)
# A name that ends like an event, award or law is not the team, person or firm asked for.
_EVENT_END = re.compile(
    r"\b(?:Cup|Championships?|Tournament|Series|Games|Awards?|Prize|Open|Classic|Bowl|Final|"
    r"League|Act|Bill|Summit|Conference|Festival|Day|Week)$"
)
# A role the question asks about ("who is the governor", "who's the new coach"): a name under
# that title is likely the one.
_ROLES = frozenset(
    tokenize(
        "governor president ceo chief executive chair chairman chairwoman coach manager minister "
        "secretary senator mayor judge director founder owner captain envoy mediator spokesperson "
        "spokesman spokeswoman commissioner ambassador leader boss head premier chancellor "
        "mediation"
    )
)
ROLE_MATCH = 1.4
# The words saying what kind of answer is wanted ("which football club")
_KIND_ASKED = re.compile(r"\b(?:which|what)\s+((?:[\w'’-]+\s+){1,4})", re.I)
# The question asks which organisation ("which football club", "what company"): a name that
# ends like one is likelier than a person's.
_WANTS_ORG = re.compile(
    r"\b(?:which|what)\s+(?:[\w-]+\s+){0,2}?(?:compan(?:y|ies)|firms?|teams?|clubs?|sides?|"
    r"groups?|organi[sz]ations?|agenc(?:y|ies)|institutions?|entit(?:y|ies)|startups?|brands?|"
    r"bands?|banks?|unions?|part(?:y|ies)|charit(?:y|ies)|platforms?|networks?|outlets?|"
    r"business(?:es)?|countr(?:y|ies)|nations?|sportsbooks?)\b",
    re.I,
)
_ORG_END = re.compile(
    r"\b(?:Inc|Corp|Ltd|LLC|Group|Games|Club|FC|United|City|Research|Capital|Partners|Holdings|"
    r"Sportsbook|Bank|Reserve|Network|Media|Labs?|Studios|Foundation|Institute|Society)$"
)
ORG_MATCH = 1.3
AMOUNT_OF = 1.25  # an amount that names what the question measures ("an 11% stake")
_TIME_UNITS = frozenset(
    tokenize("years year days day weeks week months month hours hour minutes decades")
)
_HOW_LONG = re.compile(r"\bhow\s+long\b(?!\s+ago\b)", re.I)
_VAGUE_WHEN = re.compile(
    r"^(?:in\s+)?(?:the\s+)?(?:(?:next|last|this|coming)\s+(?:week|month|year|decade|season)|"
    r"(?:(?:early|late|mid)[\s-]+)?(?:spring|summer|autumn|fall|winter)|(?:19|20)\d{2})",
    re.I,
)
_SPEECH = r"(?:said|says|announced|told|reported|added|stated|confirmed|wrote|tweeted|posted)"
_SPEECH_BEFORE = re.compile(rf"\b{_SPEECH}\s+(?:\w+\s+){{0,2}}$", re.I)
_SPEECH_AFTER = re.compile(rf"^,?\s+(?:\w+\s+){{0,3}}{_SPEECH}\b", re.I)
_SPEECH_Q = re.compile(
    r"\b(?:announc\w*|sa(?:y|id|ys)|told|tell|report\w*|statement|confirm\w*)\b", re.I
)


def _vote(sp: Span, arts_with: dict[str, set[str]]) -> float:
    """1 for a name one article holds, up to 1 + 4 * VOTE for one that five of the best articles
    hold (by its last word: "Bankman-Fried", "Sam Bankman-Fried")."""
    toks = [t for t in tokenize(sp.text) if t != "\u2205"]
    if not toks:
        return 1.0
    return 1.0 + VOTE * min(4, len(arts_with.get(toks[-1], ())) - 1)


def _span_strength(
    shape: str,
    sp: Span,
    sentence: str,
    near: Callable[[str], float],
    wants_person: bool,
    counted: set[str] = frozenset(),  # type: ignore[assignment]
    *,
    how_old: bool = False,
    money_q: bool = False,
    share_q: bool = False,
    counted_seen: bool = False,
    surnames: frozenset[str] = frozenset(),
    roles: frozenset[str] = frozenset(),
    wants_org: bool = False,
    asked: set[str] = frozenset(),  # type: ignore[assignment]
) -> float:
    """How likely a span is the answer: its kind (a full name beats a lone capitalised word; a
    person's name beats a place's when a person is asked for), and how close it sits to the
    question's own words (the predicate it answers)."""
    base = 1.0
    if shape == WHO:
        words = sp.text.split()
        before = sentence[max(0, sp.start - 30) : sp.start].split()
        titled = any(is_title(w) for w in words) or bool(before and is_title(before[-1]))
        known = bool(words) and words[-1].lower() in surnames  # "Bankman-Fried", named in full
        base = 1.0 if len(words) >= 2 or titled or known else 0.5
        if wants_person and not titled and not personlike(sp.text):
            base *= 0.5
        if wants_org:  # "which football club": a club's name, not its manager's
            org_end = not personlike(sp.text) or bool(_ORG_END.search(sp.text.rstrip(".,'’s")))
            base *= ORG_MATCH if org_end else (1 / ORG_MATCH if len(words) >= 2 else 1.0)
        elif _EVENT_END.search(sp.text.rstrip(".,'’s")):
            base *= 0.4  # "the ICC Men's World Cup" did not win anything
        after = sentence[sp.end : sp.end + 60].split()[:5]
        if roles and roles & set(tokenize(" ".join(before[-3:] + words + after))):
            base *= ROLE_MATCH  # "who is the governor": "Governor Tomas Wendrell"
    if shape == HOW_MANY and how_old:  # an age: "age 33", "turns 80", "a 33-year-old"
        around = (sentence[max(0, sp.start - 8) : sp.start], sentence[sp.end : sp.end + 20])
        plain = re.fullmatch(r"\d{1,3}", sp.text.split()[0] if sp.text.split() else "")
        aged = bool(_AGE_NEAR.search(around[0]) or _AGE_NEAR.match(around[1]))
        base = 1.3 if plain and aged else (0.9 if plain else 0.4)
    elif shape == HOW_MANY and counted:  # "how many workers": a count of workers, not of years
        toks = set(tokenize(sp.text))
        hits = len(toks & counted)
        other = 0.5 if counted_seen else 0.9  # a count of something else, when one of it is there
        base = min(1.5, 1.2 + 0.1 * hits) if hits else (0.5 if toks & _TIME_UNITS else other)
    if shape == HOW_MUCH:
        if _COMPARED.match(sentence[sp.end : sp.end + 20]) or _COMPARED.match(sp.text.split()[-1]):
            base = 0.6  # "$20 more", "5% higher than": a difference, not the amount
        elif money_q and not share_q and not _CURRENCY.search(sp.text):
            base = 0.4  # asked what it costs: a sum of money, not a count
        elif share_q and not money_q and not _PERCENT.search(sp.text):
            base = 0.6 if _CURRENCY.search(sp.text) else 0.4
        elif not (_CURRENCY.search(sp.text) or _PERCENT.search(sp.text)):
            base = 0.6  # a bare number ("4") says less than an amount
        if asked & set(tokenize(" ".join([sp.text, *sentence[sp.end : sp.end + 30].split()[:2]]))):
            base *= AMOUNT_OF  # "what size of stake": "an 11% stake", not the deal's value
    if shape == WHEN and _VAGUE_WHEN.search(sp.text):
        base = 0.6  # "this week", "in the spring", "2023": a day or date says more
    window = sentence[max(0, sp.start - 60) : sp.start] + " " + sentence[sp.end : sp.end + 40]
    # the words right beside the answer say more about what it answers than those further off
    # ("one guard was killed and four others were wounded": who was wounded is "four others")
    inner = (
        sentence[max(0, sp.start - INNER[0]) : sp.start]
        + " "
        + sentence[sp.end : sp.end + INNER[1]]
    )
    if shape == WHO:  # a title in the name is context too ("Governor" of "Governor Tomas Wendrell")
        titles = " " + " ".join(w for w in sp.text.split() if is_title(w))
        window += titles
        inner += titles
    closeness = (1 - W_INNER) * near(window) + W_INNER * near(inner)
    return base * (0.6 + min(0.6, closeness))


def select_excerpts(
    question: str,
    passages: Sequence[Passage],
    *,
    history: str = "",
    embed: Embed | None = None,
    query_vec: np.ndarray | None = None,
    max_excerpts: int = MAX_EXCERPTS,
    trace: list[_Sent] | None = None,
    latest: bool = False,
) -> list[Excerpt]:
    """The sentences that best answer ``question``, best first, at most two per article; the
    first carries the short answer when one is pinned. ``history`` is the thread's earlier
    question (its words count half). ``trace`` receives the scored candidate sentences (for
    tuning scripts)."""
    if not passages:
        return []
    shape = question_shape(question)
    terms = _question_terms(question, history)
    q_toks = set(terms)
    cands = _candidates(passages, ledes=latest and shape not in SHORT)
    if not cands:
        return []
    df: Counter[str] = Counter()
    seq: dict[int, list[str]] = {}
    for c in cands:
        seq[id(c)] = [t for t in tokenize(c.sentence) if t != "\u2205"]
        c.toks = set(seq[id(c)])
        df.update(c.toks)
    n = len(cands) + 1
    idf = {t: math.log(1 + n / (1 + df.get(t, 0))) for t in terms}
    q_weight = sum(idf[t] * w for t, w in terms.items()) or 1.0
    syn = {t: synonyms(t) for t in terms}
    asked = q_toks | {ph[0] for t in terms for ph in syn[t] if len(ph) == 1}  # with synonyms
    speech_q = bool(_SPEECH_Q.search(question))
    future_q = bool(_FUTURE_Q.search(question))
    m = _HOW_MANY_NOUN.search(question)
    counted = set(tokenize(_noun_part(m.group(1)))) - _NOT_COUNTED if m else set()
    if shape == HOW_MANY and _HOW_LONG.search(question):
        counted = set(_TIME_UNITS)  # "how long did the strike last": days, weeks, months
    how_old = bool(_HOW_OLD.search(question))
    money_q = bool(_MONEY_Q.search(question))
    share_q = bool(_SHARE_Q.search(question))
    wants_person = bool(PERSON_Q.search(question)) and not ORG_Q.search(question)
    name_q = bool(_NAME_Q.search(question)) and not wants_person  # "what is it called"
    wants_org = bool(_WANTS_ORG.search(question))

    def near(window: str) -> float:
        """How much of the question a span's surroundings hold (the predicate it answers)."""
        toks = [t for t in tokenize(window) if t != "\u2205"]
        got = 0.0
        for t, w in terms.items():
            if t in toks:
                got += idf[t] * w
            elif any(phrase_in(ph, toks) for ph in syn[t]):
                got += SYNONYM * idf[t] * w
        return got / q_weight

    def span_speech(sentence: str, sp: Span) -> bool:
        return not speech_q and bool(
            _SPEECH_BEFORE.search(sentence[max(0, sp.start - 30) : sp.start])
            or _SPEECH_AFTER.match(sentence[sp.end : sp.end + 40])
        )

    counted_seen = (
        shape == HOW_MANY
        and bool(counted)
        and any(
            set(tokenize(sp.text)) & counted
            for c in cands
            for sp in answer_spans(c.sentence, shape)
        )
    )
    roles = frozenset(q_toks & _ROLES) if shape == WHO else frozenset()
    context: set[str] | None = None  # the question's words a name may not mostly consist of
    if shape in (WHO, WHERE):
        kind = _KIND_ASKED.search(question)
        context = q_toks - set(tokenize(kind.group(1))) if kind else q_toks
    arts_with: dict[str, set[str]] = {}  # word -> the articles whose candidate sentences hold it
    surnames: frozenset[str] = frozenset()  # last words of full names ("Sam Bankman-Fried")
    if shape == WHO:
        for c in cands:
            for t in c.toks:
                arts_with.setdefault(t, set()).add(c.passage.article_id)
        surnames = frozenset(
            sp.text.split()[-1].lower()
            for c in cands
            for sp in answer_spans(c.sentence, WHO)
            if len(sp.text.split()) >= 2 and personlike(sp.text)
        )
    by_article: dict[str, list[_Sent]] = {}
    for c in cands:
        lex = 0.0
        for t, w in terms.items():
            if t in c.toks:
                lex += idf[t] * w
            elif any(phrase_in(ph, seq[id(c)]) for ph in syn[t]):
                lex += SYNONYM * idf[t] * w
        c.lex = lex / q_weight
        if shape in SHORT:
            spans = [
                s
                for s in answer_spans(c.sentence, shape)
                if _novel(s, q_toks, shape == WHO and wants_person, context)
            ]
            rated = [
                (
                    sp,
                    _span_strength(
                        shape,
                        sp,
                        c.sentence,
                        near,
                        wants_person,
                        counted,
                        how_old=how_old,
                        money_q=money_q,
                        share_q=share_q,
                        counted_seen=counted_seen,
                        surnames=surnames,
                        roles=roles,
                        wants_org=wants_org,
                        asked=asked,
                    ),
                )
                for sp in spans
            ]
            if shape == WHEN or name_q:  # "the ministry said on Monday": when it was said;
                # "..., said Jo Mar": who said it, not what the thing is called
                rated = [(sp, w * (0.4 if span_speech(c.sentence, sp) else 1.0)) for sp, w in rated]
            if future_q:  # "where will they meet": the plan, not where they met before
                f = 1.2 if _FUTURE.search(c.sentence) else 0.8
                rated = [(sp, w * f) for sp, w in rated]
            if shape == WHO:  # a name the best articles keep coming back to is likelier the one
                rated = [(sp, w * _vote(sp, arts_with)) for sp, w in rated]
            rated = [(sp, w) for sp, w in rated if w > 0]
            rated.sort(key=lambda x: -x[1])
            c.spans = [sp for sp, _ in rated]
            c.shape = rated[0][1] if rated else 0.0
        by_article.setdefault(c.passage.article_id, []).append(c)
    for sents in by_article.values():
        at = {c.idx: c for c in sents}
        for c in sents:
            nb = [at[i].lex for i in (c.prev, c.next) if i in at]
            c.context = max(nb, default=0.0)
    if latest:  # "what's the latest on ...": the newest of the articles that bear on it first
        dated = [c.passage.published_at for c in cands if c.passage.published_at is not None]
        newest = max(dated, default=None)
        for c in cands:
            if newest is not None and c.passage.published_at is not None:
                days = (newest - c.passage.published_at).total_seconds() / 86400
                # an opening sentence says what is new only in a new article
                c.bonus = (W_RECENT + W_LEDE * c.lede) * math.exp(-max(0.0, days) / 7.0)
    for c in cands:
        c.score = _score(c, shape)
    if embed is not None and query_vec is not None and SHORTLIST:
        short = sorted(cands, key=lambda c: -c.score)[:SHORTLIST]
        # the head of a sentence carries its meaning; a long tail only costs model time
        vecs = np.asarray(embed([c.sentence[:EMBED_CHARS] for c in short]), dtype=np.float32)
        sims = vecs @ np.asarray(query_vec, dtype=np.float32)
        for c, s in zip(short, sims, strict=True):
            c.dense = float(s)
            c.score = _score(c, shape)
        for c in cands:
            if c not in short:
                c.score -= W_DENSE * 0.1  # not shortlisted: assume weak meaning
    cands.sort(key=lambda c: -c.score)
    if shape in SHORT:  # the best sentence that states an answer leads, if it is nearly the best
        close = [c for c in cands if c.spans and c.score >= cands[0].score - ANSWER_MARGIN]
        # one whose answer can be stated in the lead first, then any that has an answer
        first = max(
            close,
            key=lambda c: (_can_state(c), c.score + W_LEAD_SHAPE * c.shape),
            default=None,
        )
        if first is not None and shape == WHO and _can_state(first):
            first = _in_full(first, cands) or first
        if first is not None:
            cands.remove(first)
            cands.insert(0, first)
    if trace is not None:
        trace.extend(cands)
    return _pick(cands, by_article, shape, max_excerpts)


def _in_full(first: _Sent, cands: list[_Sent]) -> _Sent | None:
    """When the answer is a surname alone ("Bankman-Fried"), the best sentence of the same
    article that gives the name in full ("Sam Bankman-Fried"), with that name first: the lead
    states a person as the articles name them."""
    words = first.spans[0].text.split()
    if len(words) != 1:
        return None
    last = words[0].lower().rstrip("'’s")
    # the same article's sentences first, then the others' (best first): the name as given
    # in full where this article gives only the surname
    for same in (True, False):
        for c in cands:
            if (c.passage.article_id == first.passage.article_id) != same:
                continue
            for i, sp in enumerate(c.spans):
                ws = sp.text.split()
                if len(ws) >= 2 and ws[-1].lower().rstrip("'’s") == last and personlike(sp.text):
                    c.spans.insert(0, c.spans.pop(i))
                    c.shape = max(c.shape, first.shape)
                    return c
    return None


def _score(c: _Sent, shape: str) -> float:
    prior = 1.0 / (1.0 + 0.3 * c.rank)
    topical = c.lex + c.dense + 0.5 * c.context
    s = (
        W_LEX * c.lex
        + W_DENSE * c.dense
        + W_CONTEXT * c.context
        + W_PRIOR * prior
        + W_SHAPE * c.shape * min(1.0, 2.0 * topical)
    )
    s += c.bonus
    if c.outside:
        s -= W_OUTSIDE
    if len(c.sentence) < 40:
        s *= 0.8
    if c.sentence.rstrip("\"'”’ ").endswith("?"):
        s *= 0.6  # a question in the text restates; the answer follows it
    return s


_PROMO = re.compile(
    r"^(?:MORE|READ MORE|RELATED|WATCH|SEE ALSO|LISTEN|SIGN UP|SUBSCRIBE|CLICK HERE|ADVERTISEMENT)"
    r"\b|^(?:Sign up|Subscribe|Click here|Follow us|Read more|Related:)",
    re.I,
)


def _boilerplate(sentence: str) -> bool:
    """A heading in capitals, or a link to more coverage: not a statement of fact."""
    letters = [ch for ch in sentence if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters)
    return bool(_PROMO.match(sentence)) or (len(letters) >= 12 and upper / len(letters) > 0.6)


WINDOW = 400  # characters of context split around a passage, to whole paragraphs


@functools.lru_cache(maxsize=4096)
def _split(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(sentence_spans(text))


def _candidates(passages: Sequence[Passage], ledes: bool = False) -> list[_Sent]:
    """Every sentence of the passages (once, at its best passage's rank), with offsets in the
    article; not the headline, which is cited with every excerpt anyway, and never text shaped
    like an instruction to the bot. Only the paragraphs around each passage are split."""
    out: dict[tuple[str, int], _Sent] = {}
    top_id = passages[0].article_id

    def add(
        p: Passage, rank: int, text: str, spans: list[tuple[int, int]], i: int, skip_to: int,
        outside: bool = False,
    ) -> None:  # fmt: skip
        s, e = spans[i]
        sent = text[s:e]
        if (p.article_id, s) in out or len(_WORD.findall(sent)) < 3 or _boilerplate(sent):
            return
        if looks_like_instruction(sent):
            return
        prev = spans[i - 1][0] if i > 0 and spans[i - 1][0] >= max(0, skip_to) else -1
        nxt = spans[i + 1][0] if i + 1 < len(spans) else -1
        out[(p.article_id, s)] = _Sent(
            p, text, s, s, e, rank, top_article=p.article_id == top_id, prev=prev, next=nxt,
            outside=outside,
        )  # fmt: skip

    for rank, p in enumerate(passages):
        text, off = _article_text(p)
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
                if s < skip_to or len(_WORD.findall(text[s:e])) < 6 or _boilerplate(text[s:e]):
                    continue
                add(p, rank, text, spans, i, skip_to)
                if (p.article_id, s) in out:
                    out[(p.article_id, s)].lede = True
                break
    # The rest of the best articles: an answer is often a few paragraphs from the passage that
    # matched the question's words ("Hayes ... will start next May").
    seen: list[str] = []
    for rank, p in enumerate(passages):
        if p.article_id in seen or not p.article_text:
            continue
        seen.append(p.article_id)
        if len(seen) > OUTSIDE_ARTICLES:
            break
        text = p.article_text
        skip_to = len(p.headline) if text.startswith(p.headline) else 0
        spans = list(_split(text[:OUTSIDE_CHARS]))
        if len(text) > OUTSIDE_CHARS:
            spans = spans[:-1]  # cut off
        for i, (s, _) in enumerate(spans):
            if s >= skip_to:
                add(p, rank, text, spans, i, skip_to, outside=True)
    return list(out.values())


def _pick(
    cands: list[_Sent], by_article: dict[str, list[_Sent]], shape: str, max_excerpts: int
) -> list[Excerpt]:
    out: list[Excerpt] = []
    used: set[tuple[str, int]] = set()
    per_article: Counter[str] = Counter()
    # At most two sentences of an article while others have something to say; the room left is
    # then filled from the same articles (one article that covers the question says more).
    passes = [(c, PER_ARTICLE) for c in cands] + [(c, max_excerpts) for c in cands]
    for c, cap in passes:
        if len(out) >= max_excerpts:
            break
        aid = c.passage.article_id
        if c.score <= 0 or (aid, c.idx) in used or per_article[aid] >= cap:
            continue
        if cap > PER_ARTICLE and c.score < cands[0].score * FILL_SHARE:
            continue
        at = {x.idx: x for x in by_article[aid]}
        group = [c]
        prev, nxt = at.get(c.prev), at.get(c.next)
        if prev is not None and _PRONOUN.match(c.sentence) and (aid, prev.idx) not in used:
            group = [prev, c]  # "He told reporters ...": who "he" is comes from before
        elif (
            nxt is not None
            and (aid, nxt.idx) not in used
            and (
                c.sentence.rstrip().endswith(":") or (shape in SHORT and not c.spans and nxt.spans)
            )
        ):
            group = [c, nxt]  # the answer goes on in the next sentence
        elif (
            PRONOUN_NEXT
            and nxt is not None
            and (aid, nxt.idx) not in used
            and _PRONOUN.match(nxt.sentence)
            and nxt.score > 0
        ):
            group = [c, nxt]  # "That's the lowest in 13 years": what this sentence said goes on
        if len(group) == 2 and group[1].end - group[0].start > MAX_PAIR_CHARS:
            group = [c]
        for g in group:
            used.add((aid, g.idx))
        out.append(_excerpt(group, c, shape))
        per_article[aid] += 1
    return out


def _can_state(c: _Sent) -> bool:
    """Whether the sentence's best answer is sure enough to state in the lead: strong enough,
    and from the best-ranked article unless it fits the question very well."""
    return bool(c.spans) and (
        c.shape >= STRONG_LEAD if not c.top_article else c.shape >= MIN_LEAD_STRENGTH
    )


def _excerpt(group: list[_Sent], main: _Sent, shape: str) -> Excerpt:
    text, off = _article_text(main.passage)
    a, b = group[0].start, group[-1].end
    answer: Span | None = None
    # A weak answer from another article than the best-ranked one is wrong more often than right
    # (dev), and a wrong name in the lead is worse than none.
    if _can_state(main):
        sp = main.spans[0]
        answer = Span(main.start + sp.start + off, main.start + sp.end + off, sp.text)
    cut_a = cut_b = False
    if b - a > MAX_PAIR_CHARS or (len(group) == 1 and b - a > MAX_QUOTE_CHARS):
        limit = MAX_QUOTE_CHARS
        focus = (answer.start - off, answer.end - off) if answer else None
        a, b = _trim(text, main.start, main.end, main.toks, focus, limit)
        cut_a, cut_b = a > main.start, b < main.end
    return Excerpt(
        main.passage,
        text[a:b],
        a + off,
        b + off,
        main.score,
        answer=answer,
        cut_start=cut_a,
        cut_end=cut_b,
    )


def _trim(
    text: str,
    start: int,
    end: int,
    terms: set[str],
    focus: tuple[int, int] | None,
    limit: int,
) -> tuple[int, int]:
    """A window of at most ``limit`` characters at word boundaries: around the answer when there
    is one, else around the densest run of the question's words."""
    words = [(m.start() + start, m.end() + start) for m in _WORD.finditer(text[start:end])]
    if not words:
        return start, min(end, start + limit)
    best, best_i = -1.0, 0
    for i, (a, _) in enumerate(words):
        j, hits = i, 0.0
        while j < len(words) and words[j][1] - a <= limit:
            w0, w1 = words[j]
            if focus and w0 >= focus[0] and w1 <= focus[1]:
                hits += 5
            elif tokenize(text[w0:w1])[0] in terms:
                hits += 1
            j += 1
        if hits > best:
            best, best_i = hits, i
    a = words[best_i][0]
    j = best_i
    while j + 1 < len(words) and words[j + 1][1] - a <= limit:
        j += 1
    b = words[j][1]
    if b < end and end - start <= limit:
        b = end
    # end on the sentence's own punctuation when it fits
    if end - a <= limit:
        b = end
    return a, b


def short_answer_lead(excerpts: Sequence[Excerpt], question: str) -> str | None:
    """``In Thailand's Chanthaburi province [1].``: the first excerpt's pinned answer, its words
    verbatim from the quote (only a capital letter added), or None when none is pinned."""
    if not excerpts or excerpts[0].answer is None:
        return None
    shape = question_shape(question)
    if shape not in SHORT:
        return None
    text = excerpts[0].answer.text.strip().rstrip(",;:")
    if not text:
        return None
    return f"{text[0].upper()}{text[1:]} [1]."
