"""The offline answerer: pick the sentences of the top passages that best answer the question,
and quote them verbatim. No model call beyond retrieval, no network."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.chunking import sentence_spans
from ingest.keyword import tokenize

from .types import Passage

MAX_QUOTE_CHARS = 320
MAX_EXCERPTS = 4
_WORD = re.compile(r"[^\W_]+")


@dataclass
class Excerpt:
    passage: Passage
    quote: str
    start: int  # offsets in the article text
    end: int
    score: float


def _idf(passages: Sequence[Passage]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for p in passages:
        df.update(set(tokenize(p.text)))
    n = len(passages) + 1
    return {t: math.log(1 + n / (1 + c)) for t, c in df.items()}


def _trim(text: str, start: int, end: int, terms: set[str]) -> tuple[int, int]:
    """Cut an over-long sentence to a window around its densest run of question terms."""
    if end - start <= MAX_QUOTE_CHARS:
        return start, end
    words = [(m.start() + start, m.end() + start) for m in _WORD.finditer(text[start:end])]
    best, best_i = -1.0, 0
    for i, (a, _) in enumerate(words):
        j = i
        hits = 0.0
        while j < len(words) and words[j][1] - a <= MAX_QUOTE_CHARS:
            if text[words[j][0] : words[j][1]].lower() in terms:
                hits += 1
            j += 1
        if hits > best:
            best, best_i = hits, i
    a = words[best_i][0]
    j = best_i
    while j + 1 < len(words) and words[j + 1][1] - a <= MAX_QUOTE_CHARS:
        j += 1
    return a, words[j][1]


def select_excerpts(
    question: str, passages: Sequence[Passage], *, max_excerpts: int = MAX_EXCERPTS
) -> list[Excerpt]:
    """Best-answering sentences, at most two per passage and two per article, best first."""
    if not passages:
        return []
    q_terms = set(tokenize(question))
    idf = _idf(passages)
    q_weight = sum(idf.get(t, 1.0) for t in q_terms) or 1.0
    cands: list[Excerpt] = []
    for rank, p in enumerate(passages):
        prior = 1.0 / (1.0 + 0.15 * rank)
        for s, e, _ in sentence_spans(p.text):
            if p.start + s < len(p.headline):
                continue  # the headline is cited with every excerpt anyway
            sent = p.text[s:e]
            toks = set(tokenize(sent))
            overlap = sum(idf.get(t, 1.0) for t in q_terms & toks) / q_weight
            # Sentences that add facts (numbers, names) beyond the question's own words help.
            novelty = len(toks - q_terms) / (len(toks) + 1)
            length_ok = 1.0 if 40 <= len(sent) <= 400 else 0.7
            score = (overlap + 0.15 * novelty) * prior * length_ok
            a, b = _trim(p.text, s, e, q_terms)
            cands.append(Excerpt(p, p.text[a:b], p.start + a, p.start + b, score))
    cands.sort(key=lambda x: -x.score)
    out: list[Excerpt] = []
    per_article: Counter[str] = Counter()
    per_passage: Counter[str] = Counter()
    for c in cands:
        if len(out) >= max_excerpts:
            break
        if c.score <= 0 or per_passage[c.passage.chunk_id] >= 2:
            continue
        if per_article[c.passage.article_id] >= 2:
            continue
        if any(c.quote in o.quote or o.quote in c.quote for o in out):
            continue  # the same sentence from an overlapping chunk
        out.append(c)
        per_passage[c.passage.chunk_id] += 1
        per_article[c.passage.article_id] += 1
    return out
