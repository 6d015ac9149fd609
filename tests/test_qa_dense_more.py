"""Sentences beyond the embedded shortlist get their meaning score from vectors stored at
ingest when they mean nearly what the question asks (``bot.qa.dense_more``)."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np

from bot.qa.candidates import Sent
from bot.qa.dense_more import promote
from bot.qa.types import Passage

TEXT = "Co-op is back. Player one is a cat. And player two gets to be a dog! Tickets cost more."


def _sents() -> list[Sent]:
    p = Passage(
        "c1", "a1", "t", TEXT, 0, len(TEXT), "Couch co-op returns", "Test Wire",
        "https://test.example/a1", datetime(2026, 11, 20, tzinfo=UTC), True,
        article_text=TEXT,
    )  # fmt: skip
    out, at = [], 0
    for part in ("Co-op is back.", "Player one is a cat.", "And player two gets to be a dog!",
                 "Tickets cost more."):  # fmt: skip
        s = TEXT.index(part, at)
        at = s + len(part)
        out.append(Sent(p, TEXT, s, s, at, 0, score=1.0))
    return out


def _unit(*xs: float) -> np.ndarray:
    v = np.asarray(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_a_sentence_meaning_what_is_asked_is_scored_by_its_meaning() -> None:
    cands = _sents()
    short = cands[:2]
    short[0].dense, short[1].dense = 0.30, 0.62
    q = _unit(1.0, 0.0, 0.0)
    vectors = {  # cosine with q: the dog sentence 0.6, the tickets one about 0.1
        cands[2].sentence: _unit(0.6, 0.8, 0.0),
        cands[3].sentence: _unit(0.1, 0.0, 0.995),
    }

    def stored(texts: list[str]) -> list[np.ndarray | None]:
        return [vectors.get(t) for t in texts]

    promote(cands, short, lambda c: c.sentence, stored, q, lambda c: 2.0 + c.dense, 0.12)
    assert abs(cands[2].dense - 0.6) < 1e-3 and abs(cands[2].score - 2.6) < 1e-3
    assert cands[3].dense == 0.0 and abs(cands[3].score - 0.88) < 1e-9  # far off: weak
    assert short[1].score == 1.0  # the shortlist is left as scored


def test_without_stored_vectors_the_rest_count_as_weak() -> None:
    cands = _sents()
    cands[0].dense = 0.5
    promote(cands, cands[:1], lambda c: c.sentence, None, _unit(1.0, 0.0), lambda c: 9.0, 0.12)
    assert [round(c.score, 2) for c in cands] == [1.0, 0.88, 0.88, 0.88]
    assert all(c.dense == 0.0 for c in cands[1:])
