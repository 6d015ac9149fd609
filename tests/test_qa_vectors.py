"""Sentence vectors are kept between questions: the model is asked only for sentences it has not
embedded lately, per model, and the answer is the same either way."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from bot.qa.extractive import select_excerpts
from bot.qa.types import Passage
from bot.qa.vectors import VectorCache


class CountingModel:
    """A stand-in embedder at the model boundary: a fixed unit vector per text, and a log of
    every text it was asked to embed."""

    def __init__(self, seed: str = "") -> None:
        self.seed = seed
        self.seen: list[str] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.seen.extend(texts)
        rows = []
        for t in texts:
            h = hashlib.sha256((self.seed + t).encode()).digest()
            v = np.frombuffer(h, dtype=np.uint8).astype(np.float32) - 127.5
            rows.append(v / np.linalg.norm(v))
        return np.stack(rows)


def test_only_unseen_texts_reach_the_model_and_vectors_come_back_in_order() -> None:
    cache, model = VectorCache(size=10), CountingModel()
    first = cache.embed(model.embed, ["a", "b", "c"])
    again = cache.embed(model.embed, ["c", "d", "a", "d"])
    assert model.seen == ["a", "b", "c", "d"]  # "d" once, though asked for twice
    assert np.allclose(again[0], first[2]) and np.allclose(again[2], first[0])
    assert np.allclose(again[1], again[3])
    assert np.allclose(again, model.embed(["c", "d", "a", "d"]), atol=1e-3)  # kept as float16


def test_the_oldest_are_dropped_first_and_models_never_share_vectors() -> None:
    cache, model = VectorCache(size=2), CountingModel()
    cache.embed(model.embed, ["a", "b"])
    cache.embed(model.embed, ["a"])  # "a" used again: "b" is now the oldest
    cache.embed(model.embed, ["c"])
    model.seen.clear()
    cache.embed(model.embed, ["a", "b"])
    assert model.seen == ["b"]
    other = CountingModel(seed="other")
    vec = cache.embed(other.embed, ["a"])
    assert other.seen == ["a"]
    assert np.allclose(vec, other.embed(["a"]), atol=1e-3)


def test_a_follow_up_on_the_same_story_embeds_nothing_again_and_answers_the_same() -> None:
    text = (
        "The Velm council voted 7-4 on Tuesday to keep the ferry fares at 2023 levels. "
        "Harbour commissioner Edda Mollin chaired the talks that led to the deal. "
        "The new timetable takes effect on March 3, the council said."
    )
    head = "Velm council keeps ferry fares"
    p = Passage(
        chunk_id="c0", article_id="a0", corpus="t", text=text, start=len(head) + 2,
        end=len(head) + 2 + len(text), headline=head, outlet="The Velm Courier", url=None,
        published_at=None, ai_generated=True,
    )  # fmt: skip
    model = CountingModel(seed="q")
    q = "who chaired the ferry fare talks"
    qvec = model.embed([q])[0]
    model.seen.clear()
    first = select_excerpts(q, [p], embed=model.embed, query_vec=qvec)
    assert model.seen  # the shortlist was embedded
    model.seen.clear()
    second = select_excerpts(q, [p], embed=model.embed, query_vec=qvec)
    assert model.seen == []
    assert [e.quote for e in first] == [e.quote for e in second]
