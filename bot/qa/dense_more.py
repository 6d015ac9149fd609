"""Sentences beyond the shortlist whose stored vectors say they mean nearly what the question
asks: scored by their meaning too (``bot.qa.extractive`` embeds a shortlist of the sentences
that score best on words and shape; an answer in other words than the question's, "and player
two gets to be a dog", scores low on words and never reaches it). Only vectors computed at
ingest (``bot.qa.sentvecs``) are read here: no model call."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from .candidates import Sent
from .vectors import Stored

PROMOTED = 2  # at most this many sentences beyond the shortlist
CLOSE = 0.05  # ... each meaning nearly as much as the best shortlisted sentence (cosine)


def promote(
    cands: Sequence[Sent],
    short: Sequence[Sent],
    text_of: Callable[[Sent], str],
    stored: Stored | None,
    query_vec: np.ndarray,
    score: Callable[[Sent], float],
    weak: float,
) -> None:
    """Give the sentences outside ``short`` the weak meaning score ``weak`` takes off, except
    the few whose stored vectors are nearly as close to the question as the best shortlisted
    one: those get their meaning score and are scored again (``score``)."""
    inside = {id(c) for c in short}
    rest = [c for c in cands if id(c) not in inside]
    for c in rest:
        c.score -= weak  # not shortlisted: assume weak meaning
    if stored is None or not rest or not short or not PROMOTED:
        return
    q = np.asarray(query_vec, dtype=np.float32)
    vecs = stored([text_of(c) for c in rest])
    sims = [(float(v @ q), c) for v, c in zip(vecs, rest, strict=True) if v is not None]
    floor = max(c.dense for c in short) - CLOSE
    for sim, c in sorted(sims, key=lambda x: -x[0])[:PROMOTED]:
        if sim >= floor:
            c.dense = sim
            c.score = score(c)
