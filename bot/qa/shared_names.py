"""Asked what two or more named outlets report ("reported by both Fortune and The Verge"), the
answer is what their articles have in common: a who-answer that the retrieved passages of two or
more articles give weighs ``SHARED`` times as much (``bot.qa.extractive`` applies it)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .candidates import Sent

SHARED = 2.0  # MultiHop-RAG dev inference 91.4% -> 92.7% in the reply (eval notes, 29th round)


def shared_weight(cands: Sequence[Sent]) -> Callable[[str], float]:
    """What a name's rating is multiplied by: ``SHARED`` where the passages of two or more of the
    candidates' articles hold it (whole words, any case), else 1."""
    chunks: dict[str, dict[str, str]] = {}  # article -> its passages found, each once
    for c in cands:
        if not c.outside:
            chunks.setdefault(c.passage.article_id, {})[c.passage.chunk_id] = c.passage.text
    texts = [" ".join(ps.values()).lower() for ps in chunks.values()]
    seen: dict[str, float] = {}

    def weight(name: str) -> float:
        key = name.lower()
        if key not in seen:
            rx = re.compile(rf"(?<!\w){re.escape(key)}(?!\w)")
            n = sum(1 for t in texts if key in t and rx.search(t))
            seen[key] = SHARED if n >= 2 else 1.0
        return seen[key]

    return weight
