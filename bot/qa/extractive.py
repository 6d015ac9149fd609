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
ENTITY_BOOST = 2.0  # a sentence naming the likely answer to a "who/which" question
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


_ASKS_NAME = re.compile(r"^\s*(?:who|whom|whose|which|what)\b", re.I)
_ENTITY = re.compile(r"\b[A-Z][\w&.'’-]*(?:\s+(?:of\s+|&\s+)?[A-Z][\w&.'’-]*)*")
_NOT_NAMES = frozenset(
    """the a an in on at for but and or as if it its this that these those he she they we i his
    her their there here when while after before since during according however meanwhile also
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday mr mrs ms dr""".split()
)


def answer_entities(question: str, passages: Sequence[Passage]) -> list[str]:
    """For a "who/which/what ..." question, the names the top passages keep mentioning that the
    question does not: the likely answer ("OpenAI" for "Which company ... GPT-4 Turbo?"), best
    first. A short form counts for the long one it is part of ("Altman" for "Sam Altman")."""
    if not _ASKS_NAME.search(question):
        return []
    q_words = {w.lower() for w in _WORD.findall(question)}
    weight: Counter[str] = Counter()
    for rank, p in enumerate(passages):
        seen: Counter[str] = Counter()
        for m in _ENTITY.finditer(p.text):
            words = m.group().rstrip(".'’").split()
            while words and words[0].lower() in _NOT_NAMES:
                words = words[1:]
            name = re.sub(r"['’]s$", "", " ".join(words))
            toks = {w.lower() for w in _WORD.findall(name)}
            if len(name) < 2 or not toks or toks <= q_words or toks <= _NOT_NAMES:
                continue
            if seen[name] < 2:
                seen[name] += 1
                weight[name] += 1.0 / (1.0 + 0.3 * rank)
    # Fold short forms into the longest name that ends with them.
    names = sorted(weight, key=len, reverse=True)
    for short in sorted(weight, key=len):
        for long in names:
            if long != short and (long.endswith(" " + short) or long.startswith(short + " ")):
                weight[long] += weight.pop(short, 0.0)
                break
    return [n for n, w in weight.most_common(3) if w >= 1.0]


def select_excerpts(
    question: str, passages: Sequence[Passage], *, max_excerpts: int = MAX_EXCERPTS
) -> list[Excerpt]:
    """Best-answering sentences, at most one per passage and two per article, best first. For a
    question asking for a name, sentences with the likely answer's full name rank higher."""
    if not passages:
        return []
    entities = answer_entities(question, passages)
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
            if entities and entities[0] in sent:
                score *= ENTITY_BOOST
            a, b = _trim(p.text, s, e, q_terms)
            cands.append(Excerpt(p, p.text[a:b], p.start + a, p.start + b, score))
    cands.sort(key=lambda x: -x.score)
    out: list[Excerpt] = []
    per_article: Counter[str] = Counter()
    used_passages: set[str] = set()
    for c in cands:
        if len(out) >= max_excerpts:
            break
        if c.score <= 0 or c.passage.chunk_id in used_passages:
            continue
        if per_article[c.passage.article_id] >= 2:
            continue
        if any(c.quote in o.quote or o.quote in c.quote for o in out):
            continue  # the same sentence from an overlapping chunk
        out.append(c)
        used_passages.add(c.passage.chunk_id)
        per_article[c.passage.article_id] += 1
    return out
