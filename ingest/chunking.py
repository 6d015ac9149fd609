"""Split an article into chunks that fit the embedding model, keeping exact character offsets.

Each chunk is a verbatim slice of ``Article.text``; embedded together with a short header
(headline | outlet | date), it never exceeds the model's max sequence length, so nothing is cut
silently. Splits fall on paragraph boundaries where possible, then sentences, then words, and
consecutive chunks overlap by a few sentences so a fact that straddles a boundary is still whole
in one of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .models import Article, Chunk

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) and then whitespace.
_SENTENCE_END = re.compile(r"""[.!?…]+["'”’)\]]*\s+""")
_WORD = re.compile(r"\S+")
SPECIAL_TOKENS = 2  # [CLS] and [SEP]

TokenCounter = Callable[[Sequence[str]], list[int]]


def chunk_header(article: Article) -> str:
    parts = [article.headline.strip()]
    if article.outlet:
        parts.append(article.outlet)
    if article.published_at:
        parts.append(article.published_at.date().isoformat())
    return " | ".join(parts)


@dataclass
class _Span:
    start: int
    end: int
    tokens: int
    para_start: bool  # first span of a paragraph


def sentence_spans(text: str) -> list[tuple[int, int, bool]]:
    spans: list[tuple[int, int, bool]] = []
    pos = 0
    for para in text.split("\n"):
        p_start, p_end = pos, pos + len(para)
        pos = p_end + 1
        stripped = para.strip()
        if not stripped:
            continue
        lead = para.index(stripped[0])
        s = p_start + lead
        first = True
        for m in _SENTENCE_END.finditer(text, s, p_end):
            e = m.start() + len(m.group().rstrip())
            if e > s:
                spans.append((s, e, first))
                first = False
            s = m.end()
        e = p_start + len(para.rstrip())
        if e > s:
            spans.append((s, e, first))
    return spans


def _split_long(
    text: str, start: int, end: int, budget: int, count: TokenCounter
) -> list[tuple[int, int, int]]:
    """Cut one over-long sentence at word boundaries into pieces of at most ``budget`` tokens."""
    words = [(m.start() + start, m.end() + start) for m in _WORD.finditer(text[start:end])]
    counts = count([text[a:b] for a, b in words])
    pieces: list[tuple[int, int, int]] = []
    cur_s, cur_tok = words[0][0], 0
    last_e = words[0][1]
    for (a, b), n in zip(words, counts, strict=True):
        n = min(n, budget)  # a single absurd "word" gets truncated by the model, not looped on
        if cur_tok and cur_tok + n > budget:
            pieces.append((cur_s, last_e, cur_tok))
            cur_s, cur_tok = a, 0
        cur_tok += n
        last_e = b
    pieces.append((cur_s, last_e, cur_tok))
    return pieces


def chunk_article(
    article: Article,
    count_tokens: TokenCounter,
    *,
    max_tokens: int,
    overlap_tokens: int = 32,
) -> list[Chunk]:
    """Chunks of ``article.text`` such that header + chunk <= ``max_tokens`` word-pieces."""
    text = article.text
    header = chunk_header(article)
    # +1 for the newline joining header and text is free in word-piece terms.
    header_tokens = count_tokens([header])[0] if header else 0
    budget = max_tokens - SPECIAL_TOKENS - header_tokens
    if budget < 32:
        # A pathological headline: keep the text budget sane and shorten the header instead.
        header = header[:120]
        header_tokens = count_tokens([header])[0]
        budget = max(32, max_tokens - SPECIAL_TOKENS - header_tokens)
    overlap_tokens = min(overlap_tokens, budget // 4)

    raw = sentence_spans(text)
    if not raw:
        return []
    counts = count_tokens([text[s:e] for s, e, _ in raw])
    spans: list[_Span] = []
    for (s, e, first), n in zip(raw, counts, strict=True):
        if n <= budget:
            spans.append(_Span(s, e, n, first))
        else:
            for i, (a, b, k) in enumerate(_split_long(text, s, e, budget, count_tokens)):
                spans.append(_Span(a, b, k, first and i == 0))

    groups: list[list[_Span]] = []
    cur: list[_Span] = []
    cur_tok = 0
    i = 0
    while i < len(spans):
        sp = spans[i]
        if cur and cur_tok + sp.tokens > budget:
            groups.append(cur)
            # Overlap: carry the trailing sentences (within the overlap budget) into the next chunk,
            # but only as much as still leaves room for the next span: otherwise the carry alone
            # would become a chunk that repeats the previous one's tail and adds nothing new.
            carry: list[_Span] = []
            carry_tok = 0
            for prev in reversed(cur):
                if (
                    carry_tok + prev.tokens > overlap_tokens
                    or carry_tok + prev.tokens + sp.tokens > budget
                    or len(carry) + 1 >= len(cur)
                ):
                    break
                carry.insert(0, prev)
                carry_tok += prev.tokens
            cur, cur_tok = carry, carry_tok
            continue
        # Prefer to close a reasonably full chunk at a paragraph boundary rather than mid-paragraph.
        if sp.para_start and cur and cur_tok >= budget * 0.6:
            para_tokens = sp.tokens
            j = i + 1
            while j < len(spans) and not spans[j].para_start:
                para_tokens += spans[j].tokens
                j += 1
            if cur_tok + para_tokens > budget:
                groups.append(cur)
                cur, cur_tok = [], 0
        cur.append(sp)
        cur_tok += sp.tokens
        i += 1
    if cur:
        groups.append(cur)

    chunks: list[Chunk] = []
    for n, g in enumerate(groups):
        s, e = g[0].start, g[-1].end
        chunks.append(
            Chunk(
                id=f"{article.id}-{article.content_hash[:10]}-{n}",
                article_id=article.id,
                n=n,
                text=text[s:e],
                start=s,
                end=e,
                header=header,
            )
        )
    return chunks
