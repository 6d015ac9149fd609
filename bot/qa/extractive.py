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
no network. How likely each answer-shaped span is the answer is rated in ``bot.qa.answer_kind``.

Map: the weights and thresholds first (``W_*``, the lead's ``MIN_LEAD_STRENGTH`` and
``STRONG_LEAD``); then ``select_excerpts``, which reads the question once, rates each candidate
sentence's spans (a year or month the question names weighs them), adds its neighbours' and
headings' words (a listing's item, a tracker's item over its "Date:" and "Source:" lines),
scores it (``_score``, with the meaning score for a shortlist), puts first the sentence whose
answer the lead can state (one near the best, else a sure one of the best-ranked article within
``WIDE_MARGIN``), and hands the order to ``_pick``; ``_pick`` takes at most two sentences per
article while others have something to say, each with the neighbour that completes it (a
pronoun's referent, an answer that goes on); ``_excerpt`` cuts the quote and pins its answer
(``_can_state``); and ``short_answer_lead`` writes the lead from the first excerpt's pinned
answer."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from . import when_words as tw
from .answer_kind import Asked
from .around import around
from .candidates import WORD, Sent, article_cover, article_text, candidates, listing
from .dense_more import promote
from .followup import same_answer
from .in_full import in_full
from .labels import (
    item_heading,
    labelled,
    role_labelled,
    subject_heading,
    tracker_heading,
    with_heading,
)
from .lead_words import stated
from .person import personlike
from .press import MEDIA_Q, outlet_named
from .question_kind import NAME_Q, kind_named, question_shape, what_kind
from .seen import read_candidates
from .sentences import trim_window
from .sentvecs import EMBED_CHARS
from .shape import (
    HOW_MANY,
    HOW_MUCH,
    SHORT,
    WHAT,
    WHEN,
    WHO,
    WHY,
    Span,
)
from .shared_names import shared_weight
from .synonyms import by_start, doers, phrase_in, phrase_synonyms, synonyms, words
from .timeparse import earlier_than, later_than
from .types import Passage
from .vectors import CACHE, Stored
from .years import asked_months, month_fit, year_fit, years

MAX_QUOTE_CHARS = 320  # one sentence; longer ones are trimmed around the answer, with "…"
MAX_PAIR_CHARS = 420  # a sentence with the neighbour that completes it
MAX_EXCERPTS = 4
PRONOUN_NEXT = True  # bring along a next sentence that goes on about this one ("That's ...")
NEIGHBOUR_SHARE = 0.4  # a neighbour scoring this share of the picked sentence comes along with it
PER_ARTICLE = 2  # excerpts of one article, while other articles have candidates
PER_TOP_ARTICLE = 3  # the same for the best-ranked passage's article: the one most likely to answer
FILL_SHARE = 0.5  # a further excerpt of an article must score this share of the best
# a sentence (of SAID_WORDS words or more) is quoted only if this share of its words is new to
# its article's quotes
NEAR_SAID = 0.25
SAID_WORDS = 8
SHORTLIST = 12  # sentences embedded per question for the meaning score (EMBED_CHARS of each)
# a stats line's figures before the copy it repeats: "11 4 deebo samuel is on pace ..."
_LEAD_FIGURES = re.compile(r"^(?:\d+ )+")
# asked who said it (``Asked.speaker_q``), what a sentence quoted after "Ursula Pachl, deputy director
# of BEUC, said:" counts for: it is what she said, and the names in it are not hers
QUOTED_SPEECH = 0.6
# "name" as what is asked for ("ceo name?", "the name of"), not as a verb ("name the ship")
_NAME_ASKED = re.compile(r"\bname\b(?!\s+(?:the|a|an|it|him|her|them|his|their)\b)", re.I)
# a sentence that opens on a pronoun, or on a connective and then one ("However, he was taken
# off ..."), goes on about the sentence before it
_PRONOUN = re.compile(
    r"^[\"'“‘]?(?:(?:However|But|And|Yet|Still|Now|Then|Instead|Meanwhile),?\s+)?"
    # "That said, ...", "This season, ...": a turn of phrase or a time, no referent before
    r"(?!That,?\s+(?:being\s+)?said\b|Th(?:is|at)\s+(?:year|week|month|season|time|weekend|"
    r"morning|afternoon|evening|summer|fall|autumn|spring|winter)\b)"
    r"(?:(?i:he|she|they|it|his|her|its|their|them)|This|These|Those|That|Both|The\s+"
    r"(?:move|decision|deal|plan|company|firm|group|team|club|ministry|agency|bank|court|talks|"
    r"meeting|statement|report|announcement|bill|law|measure|proposal|changes?))\b"
)
Embed = Callable[[Sequence[str]], np.ndarray]

# Weights of the sentence score: set by hand, checked on the member-style dev questions.
W_LEX = 1.0
W_DENSE = 1.2
W_SHAPE = 0.7  # was 0.45; 0.7 gained answers on dev and on four of five fresh sets (eval notes)
W_CONTEXT = 0.25
W_PRIOR = 0.35
FILL_SHAPE = 1.5  # the same weight when ordering the excerpts after the lead
W_LEAD_SHAPE = 1.0  # how much the answer's shape counts in choosing the sentence that leads
NO_ONE_LEAD = 0.9  # the same for an answer that is no person's name, asked who
MIN_LEAD_STRENGTH = 0.45  # a weaker answer (a lone word, far from the question's) is not stated
W_ART = 0.5  # what an answer from an article that holds the question's rarer words gains to lead
TOP_LEAD = 0.15  # what an answer from the best-ranked article gains in choosing the lead
STRONG_LEAD = 0.8  # an answer from another article than the best-ranked one must be this strong
LEAD_CLEAR = 0.4  # ... unless its sentence outscores all that article's by this much
ANSWER_MARGIN = 0.6  # how far below the best an answer-stating sentence may score to lead
WIDE_MARGIN = 1.0  # ... or this far, when none within ANSWER_MARGIN can be stated,
WIDE_LEAD = 0.7  # for an answer of the best-ranked article this strong
SYNONYM = 0.6  # a synonym of a question word counts this much of the word
W_OUTSIDE = 0.3  # what a sentence outside the retrieved passages gives up
W_LEDE = 0.3  # for "the latest": an article's opening sentence says what is new
W_RECENT = 0.5  # for "the latest": a sentence of the newest article, fading over a week
LISTED = 0.5  # what the answer shape of a list or table row counts, for a who-question
LISTED_NAMES = 4  # ... when it names this many
LATER = 0.5  # a time after its article was written, for a question about the past
EARLIER = 0.5  # a time before its article was written, for a question about what is to come
W_BECAUSE = 0.6  # the shape score of a sentence that gives a reason, for a why-question


# A word or a few in quotation marks, for "what did he call them": “environmental lunatics”.
_SHORT_QUOTE = re.compile(r"(?:^|(?<=[\s(]))(?:“[^“”]{2,40}”|\"[^\"]{2,40}\"|‘[^‘’]{2,40}’)(?!\w)")
# A sentence that gives a reason, for a why-question.
_BECAUSE = re.compile(
    r"\b(?:because|due\s+to|owing\s+to|as\s+a\s+result|caused|causing|led\s+to|after|amid|"
    r"following|since|so\s+that|in\s+order\s+to|in\s+response\s+to|the\s+reason|reasons?|"
    r"blamed|citing|cited|over\s+(?:concerns?|fears?|claims?)|would\s+have\s+been|"
    # "the suspension follows a report", "while it reviews reports that ..."
    r"follows|followed\s+(?:a|an|the|reports?|claims?)|(?:reviews?|reviewing|investigat\w+)\s+"
    r"(?:reports?|claims?|allegations?)|"
    r"(?:was|were)\s+(?:flooded|cancell?ed|postponed|suspended|banned|fired|sacked))\b",
    re.I,
)


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


def _question_terms(question: str, history: str) -> dict[str, float]:
    terms = {t: 1.0 for t in words(question)}
    for t in words(history) if history else []:
        terms.setdefault(t, 0.5)
    return terms


def select_excerpts(
    question: str,
    passages: Sequence[Passage],
    *,
    history: str = "",
    embed: Embed | None = None,
    query_vec: np.ndarray | None = None,
    max_excerpts: int = MAX_EXCERPTS,
    trace: list[Sent] | None = None,
    latest: bool = False,
    sources: int = 0,
    stored: Stored | None = None,
    now: datetime | None = None,
    not_again: str = "",
) -> list[Excerpt]:
    """The sentences that best answer ``question``, best first, at most two per article; the
    first carries the short answer when one is pinned. ``history`` is the thread's earlier
    question (its words count half). ``trace`` receives the scored candidate sentences (for
    tuning scripts). ``sources``: how many outlets the question names ("what did the BBC and
    CNN report"): with two or more, no article gets a third excerpt while others have one.
    ``stored``: sentence vectors computed ahead (``bot.qa.sentvecs``), looked up before ``embed``
    is called for the rest. ``now``: when the question is asked (a question about the past wants
    no day after it). ``not_again``: the answer the turn before stated ("and wells fargo?" asks
    of another bank than the one whose sum was given)."""
    if not passages:
        return []
    shape = question_shape(question)
    terms = _question_terms(question, history)
    if shape == WHO and _NAME_ASKED.search(question):
        terms.pop("name", None)  # "qru ceo name?": the answer is a name, not the word "name"
    q_toks = set(terms)
    cands = candidates(passages, ledes=latest and shape not in SHORT, terms=q_toks)
    if not cands:
        return []
    df: Counter[str] = Counter()
    seq: dict[int, list[str]] = {}
    for c in cands:
        seq[id(c)] = words(c.sentence)
        c.toks = set(seq[id(c)])
        df.update(c.toks)
    n = len(cands) + 1
    idf = {t: math.log(1 + n / (1 + df.get(t, 0))) for t in terms}
    q_weight = sum(idf[t] * w for t, w in terms.items()) or 1.0
    vocab = by_start(set(df))
    # "added time": "stoppage time"; a phrase's synonyms stand for its first word, except one
    # the question's own words already count ("voted against": "against")
    by_phrase = {
        t: [ph for ph in phs if not set(ph) <= q_toks]
        for t, phs in phrase_synonyms(question).items()
    }
    syn = {t: synonyms(t) + doers(t, vocab) + by_phrase.get(t, []) for t in terms}
    ask = Asked.read(question, shape, q_toks, syn)

    def near(window: str) -> float:
        """How much of the question a span's surroundings hold (the predicate it answers)."""
        toks = words(window)
        got = 0.0
        for t, w in terms.items():
            if t in toks:
                got += idf[t] * w
            elif any(phrase_in(ph, toks) for ph in syn[t]):
                got += SYNONYM * idf[t] * w
        return got / q_weight

    read_candidates(ask, cands, question)  # counts, names and years the candidates give

    def lex_of(toks: set[str], seq_: list[str]) -> float:
        """How much of the question the words hold (a synonym counts ``SYNONYM``)."""
        lex = 0.0
        for t, w in terms.items():
            if t in toks:
                lex += idf[t] * w
            elif any(phrase_in(ph, seq_) for ph in syn[t]):
                lex += SYNONYM * idf[t] * w
        return lex / q_weight

    shared = shared_weight(cands) if shape == WHO and sources >= 2 else None
    asked_years = years(question)
    months_asked = asked_months(question) if shape in (HOW_MANY, HOW_MUCH) else frozenset()
    last_time = shape == WHEN and bool(tw.LAST_TIME_Q.search(question))  # "when did they last win"
    by_article: dict[str, list[Sent]] = {}
    called = bool(NAME_Q.search(question))  # "what did the mayor call them"
    media_q = bool(MEDIA_Q.search(question))  # "which paper reported it": an outlet may answer
    kind_q = shape == WHO and what_kind(question)  # "what law is snap leaning on"
    for c in cands:
        c.lex = lex_of(c.toks, seq[id(c)])
        if shape in SHORT:
            rated = ask.rate(c.sentence, near)
            if shape == WHEN and ask.past_q and c.passage.published_at is not None:
                # "when was it started": not "by the first quarter of 2024" in a 2023 article
                pub = c.passage.published_at.date()
                asked = now.date() if now is not None else pub
                rated = [
                    (sp, w * (LATER if later_than(sp.text, pub, asked) else 1.0)) for sp, w in rated
                ]
                rated.sort(key=lambda x: -x[1])
            elif shape == WHEN and ask.future_q and c.passage.published_at is not None:
                # "when's cz getting sentenced": not "on Nov. 21" in a Nov. 30 article
                pub = c.passage.published_at.date()
                rated = [
                    (sp, w * (EARLIER if earlier_than(sp.text, pub) else 1.0)) for sp, w in rated
                ]
                rated.sort(key=lambda x: -x[1])
            if months_asked:  # "how many subs did she have back in april"
                rated = [
                    (sp, w * month_fit(months_asked, around(c.sentence, sp)[0])) for sp, w in rated
                ]
                rated.sort(key=lambda x: -x[1])
            if last_time:  # "their first win since 2015"
                rated = [(sp, w * tw.since_last(c.sentence, sp.start, sp.text)) for sp, w in rated]
                rated.sort(key=lambda x: -x[1])
            if shared is not None:  # named sources: the answer is what their articles share
                rated = [(sp, w * shared(sp.text)) for sp, w in rated]
                rated.sort(key=lambda x: -x[1])
            if not_again:  # a follow-up asks of another thing than the answer already given
                given = not_again.lower()  # "Bhavik Patel" is "Radiologist Bhavik Patel"
                rated = [(sp, w) for sp, w in rated if not same_answer(sp.text.lower(), given)]
            c.spans = [sp for sp, _ in rated]
            # a title asked for ("the new ceo") wants a person; a bare "who" may want a body
            c.no_one = shape == WHO and ask.wants_person and bool(ask.roles) and bool(rated)
            c.no_one = c.no_one and not personlike(rated[0][0].text)
            c.shape = (rated[0][1] if rated else 0.0) * year_fit(asked_years, c.sentence)
            # "which eye drops": not "Fox News Digital", who reported it; "what law": a sentence
            # that names something is quoted first, but after "what" a name is the answer less
            # often, and it is not stated
            # ... unless the name says it is of that kind ("University of Utah Health")
            c.mute = (kind_q and not (rated and kind_named(question, rated[0][0].text))) or (
                shape == WHO and bool(rated) and not media_q and outlet_named(rated[0][0].text)
            )
            if shape == WHO and len(rated) >= LISTED_NAMES and listing(c.sentence):
                # a table of teams or fixtures says nothing of who did what (a scoreboard
                # line naming two scorers does)
                c.shape *= LISTED
        elif shape == WHY and _BECAUSE.search(c.sentence):
            c.shape = W_BECAUSE  # a reason given: "because", "after", "due to"
        elif shape == WHAT and called and _SHORT_QUOTE.search(c.sentence):
            c.shape = W_BECAUSE  # "what did he call them": “environmental lunatics”
        by_article.setdefault(c.passage.article_id, []).append(c)
    speaker_q = ask.speaker_q
    for sents in by_article.values():
        at = {c.idx: c for c in sents}
        for c in sents:
            c.context = max((at[i].lex for i in (c.prev, c.next) if i in at), default=0.0)
            if speaker_q and c.prev in at and at[c.prev].sentence.rstrip().endswith(":"):
                c.shape *= QUOTED_SPEECH
            if shape in SHORT and (
                labelled(c.sentence, shape, q_toks) is not None
                or (shape == WHO and role_labelled(c.sentence, ask.roles) is not None)
            ):
                head = item_heading(c, at)  # "Where to watch: Shudder", of the film it names
            else:  # "Epic Games" / "Announced ... it is laying off 870 people": whose news
                head = subject_heading(c, at) or tracker_heading(c, at)
            if head is not None:
                c.head = head.idx
                c.lex = lex_of(c.toks | head.toks, seq[id(head)] + seq[id(c)])
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
        text_of = lambda c: with_heading(c, by_article)[:EMBED_CHARS]  # noqa: E731
        vecs = CACHE.embed(embed, [text_of(c) for c in short], stored=stored)
        sims = vecs @ np.asarray(query_vec, dtype=np.float32)
        for c, s in zip(short, sims, strict=True):
            c.dense = float(s)
            c.score = _score(c, shape)
        promote(cands, short, text_of, stored, query_vec, lambda c: _score(c, shape), W_DENSE * 0.1)
    cands.sort(key=lambda c: -c.score)
    art_cover = article_cover(by_article, terms) if W_ART else {}
    if shape in SHORT:  # the best sentence that states an answer leads, if it is nearly the best
        best_top = max((c.score for c in cands if c.top_article), default=-math.inf)
        for c in cands:  # far better than any sentence of the best-ranked article: as sure
            c.clear = not c.top_article and c.score >= best_top + LEAD_CLEAR
        close = [
            c for c in cands if c.spans and not c.mute and c.score >= cands[0].score - ANSWER_MARGIN
        ]
        if not any(_can_state(c) for c in close):
            # none near the best can be stated: a sure answer of the best-ranked article a little
            # further down leads ("We only get 5% of the media.", short and so scored down)
            close += [
                c
                for c in cands
                if c.score < cands[0].score - ANSWER_MARGIN  # not in ``close`` already
                and c.top_article
                and c.shape >= WIDE_LEAD
                and _can_state(c)
                and c.score >= cands[0].score - WIDE_MARGIN
            ]
        # one whose answer can be stated in the lead first, then any that has an answer
        first = max(
            close,
            key=lambda c: (
                _can_state(c),
                c.score
                + W_LEAD_SHAPE * c.shape
                + TOP_LEAD * c.top_article
                + W_ART * art_cover.get(c.passage.article_id, 0.0),
            ),
            default=None,
        )
        if first is not None and shape in (WHO, WHEN) and _can_state(first):
            first = in_full(first, cands, shape) or first
        if first is not None:
            cands.remove(first)
            cands.insert(0, first)
    if FILL_SHAPE != W_SHAPE and len(cands) > 1:
        # after the lead: the sentences that state an answer of the shape asked for come first
        rest = sorted(cands[1:], key=lambda c: -(c.score + (FILL_SHAPE - W_SHAPE) * _shaped(c)))
        cands = [cands[0], *rest]
    if trace is not None:
        trace.extend(cands)
    per_top = PER_ARTICLE if sources >= 2 else PER_TOP_ARTICLE
    return _pick(cands, by_article, shape, max_excerpts, per_top)


def _shaped(c: Sent) -> float:
    """The answer-shape part of a sentence's score, before its weight: it counts as far as the
    sentence is on the question's topic."""
    return c.shape * min(1.0, 2.0 * (c.lex + c.dense + 0.5 * c.context))


def _score(c: Sent, shape: str) -> float:
    prior = 1.0 / (1.0 + 0.3 * c.rank)
    s = (
        W_LEX * c.lex
        + W_DENSE * c.dense
        + W_CONTEXT * c.context
        + W_PRIOR * prior
        + W_SHAPE * _shaped(c)
    )
    s += c.bonus
    if c.outside:
        s -= W_OUTSIDE
    if len(c.sentence) < 40:
        s *= 0.8
    if c.sentence.rstrip("\"'”’ ").endswith("?"):
        s *= 0.6  # a question in the text restates; the answer follows it
    return s


def _pick(
    cands: list[Sent],
    by_article: dict[str, list[Sent]],
    shape: str,
    max_excerpts: int,
    per_top: int = PER_TOP_ARTICLE,
) -> list[Excerpt]:
    out: list[Excerpt] = []
    used: set[tuple[str, int]] = set()
    per_article: Counter[str] = Counter()
    said: dict[str, set[str]] = {}  # the words of each article's quoted sentences
    # At most two sentences of an article (three of the best-ranked passage's) while others have
    # something to say; the room left is then filled from the same articles (one article that
    # covers the question says more).
    passes = [(c, per_top if c.top_article else PER_ARTICLE) for c in cands] + [
        (c, max_excerpts) for c in cands
    ]
    for c, cap in passes:
        if len(out) >= max_excerpts:
            break
        aid = c.passage.article_id
        if c.score <= 0 or (aid, c.idx) in used or per_article[aid] >= cap:
            continue
        if cap == max_excerpts and c.score < cands[0].score * FILL_SHARE:
            continue
        # said twice: by the article ("...subscription allows ..." / "allows ..."), or by
        # another that carries the same copy
        if any(_repeats(c.sentence, e.quote) for e in out) or _said(c, said.get(aid)):
            continue
        at = {x.idx: x for x in by_article[aid]}
        group = [c]
        prev, nxt = at.get(c.prev), at.get(c.next)
        head = at.get(c.head)
        if head is not None and (aid, head.idx) not in used:
            group = [head, c]  # "Oct. 10: Saloum ... Where to watch: Shudder": whose it is
        elif prev is not None and _PRONOUN.match(c.sentence) and (aid, prev.idx) not in used:
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
        elif not (shape == WHY and c.shape):
            # a neighbour that bears on the question nearly as well: the answer is often in the
            # sentence next to the one that repeats the question's words. For why, only a
            # neighbour that gives a reason ("because ..."), and a reason stands alone.
            near = [
                n
                for n in (nxt, prev)
                if n is not None
                and (aid, n.idx) not in used
                and (shape != WHY or n.shape > 0)
                and n.score >= NEIGHBOUR_SHARE * c.score
                and not _repeats(n.sentence, c.sentence)
                and not any(_repeats(n.sentence, e.quote) for e in out)
                and not _said(n, said.get(aid, set()) | c.toks)
            ]
            if near:
                n = max(near, key=lambda x: x.score)
                group = [c, n] if n is nxt else [n, c]
        if len(group) == 2 and group[1].end - group[0].start > MAX_PAIR_CHARS:
            group = [c]
        for g in group:
            used.add((aid, g.idx))
            said.setdefault(aid, set()).update(g.toks)
        out.append(_excerpt(group, c, shape))
        per_article[aid] += 1
    return out


def _said(c: Sent, words: set[str] | None) -> bool:
    """The article's quotes already say nearly all the sentence says: the same caption or
    offer line again in other words ("Welcome bonus: 75,000 miles after you spend $6,000" after
    "75,000 Bonus Miles after you spend $6,000 ..."). Not a short line ("Final: Bears 12,
    Vikings 10", a list's heading): it says what its words say in a way the others do not."""
    long = len(c.toks) >= SAID_WORDS
    return words is not None and long and len(c.toks - words) < NEAR_SAID * len(c.toks)


def _repeats(sentence: str, quote: str) -> bool:
    """One text holds the other: a sentence the article repeats (or a fragment of it)."""
    a, b = (_LEAD_FIGURES.sub("", " ".join(WORD.findall(t.lower()))) for t in (sentence, quote))
    return bool(a and b) and (a in b or b in a)


def _can_state(c: Sent) -> bool:
    """Whether the sentence's best answer is sure enough to state in the lead: strong enough,
    and from the best-ranked article unless it fits very well or outscores that article's."""
    least = STRONG_LEAD if not (c.top_article or c.clear) else MIN_LEAD_STRENGTH
    if c.no_one:  # "Department of Justice" for who takes over: a body, stated only when sure
        least = max(least, NO_ONE_LEAD)
    return bool(c.spans) and not c.mute and c.shape >= least


def _excerpt(group: list[Sent], main: Sent, shape: str) -> Excerpt:
    text, off = article_text(main.passage)
    a, b = group[0].start, group[-1].end
    answer: Span | None = None
    # A weak answer from another article than the best-ranked one is wrong more often than right
    # (dev), and a wrong name in the lead is worse than none. The quoted sentence's own answer
    # leads, else its neighbour's in the quote ("Dale Varn retired ..." / "under the 71-year-old")
    by = main if _can_state(main) else next((g for g in group if _can_state(g)), None)
    if by is not None:
        sp = by.spans[0]
        answer = Span(by.start + sp.start + off, by.start + sp.end + off, sp.text)
    cut_a = cut_b = False
    if b - a > MAX_PAIR_CHARS or (len(group) == 1 and b - a > MAX_QUOTE_CHARS):
        limit = MAX_QUOTE_CHARS
        focus = (answer.start - off, answer.end - off) if answer else None
        a, b = trim_window(text, main.start, main.end, main.toks, focus, limit)
        cut_a, cut_b = a > main.start, b < main.end
    if answer is not None and not (a + off <= answer.start and answer.end <= b + off):
        answer = None  # trimmed out of the quote: the lead states only what is quoted
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


def short_answer_lead(excerpts: Sequence[Excerpt], question: str) -> str | None:
    """``In Thailand's Chanthaburi province [1].``: the first excerpt's pinned answer, its words
    verbatim from the quote (only a capital letter added), or None when none is pinned."""
    if not excerpts or excerpts[0].answer is None:
        return None
    shape = question_shape(question)
    if shape not in SHORT:
        return None
    text = stated(excerpts[0].quote, excerpts[0].start, excerpts[0].answer, shape, question)
    if not text:
        return None
    return f"{text[0].upper()}{text[1:]} [1]."
