"""Sentence vectors stored ahead of questions (bot/qa/sentvecs.py): the file keeps what was
appended across processes and crashes, a fill embeds each sentence once and only what is new, a
stopped fill keeps what it did, a store mostly of removed articles is compacted, and an answer
looks its shortlist up instead of calling the model, quoting the same sentences either way."""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from bot.qa import sentvecs
from bot.qa.extractive import select_excerpts
from bot.qa.sentvecs import (
    HEADER,
    SentenceFiller,
    SentenceStore,
    article_sentences,
    fill,
    fill_corpus,
    key_of,
    lookup,
    store_for,
)
from bot.qa.service import QAService
from bot.qa.types import Passage
from bot.qa.vectors import CACHE, VectorCache
from ingest.index import NewsIndex

from .fakes import HashEmbedder
from .test_qa_vectors import CountingModel

NOW = datetime(2026, 11, 27, 12, tzinfo=UTC)


def unit(n: int, dim: int = 8, seed: int = 0) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=(n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_appended_vectors_come_back_by_text_in_this_process_and_another(tmp_path: Path) -> None:
    path = tmp_path / "s" / "x.vec"
    store = SentenceStore(path, 8)
    keys = [key_of(t) for t in ("one", "two", "three")]
    vecs = unit(3)
    store.append(keys, vecs)
    got = store.get([keys[2], key_of("four"), keys[0]])
    assert got[1] is None
    assert np.allclose(got[0], vecs[2], atol=2e-3) and np.allclose(got[2], vecs[0], atol=2e-3)
    other = SentenceStore(path, 8)  # another process opening the same file
    assert [v is not None for v in other.get(keys)] == [True, True, True]
    assert other.count() == 3
    more = unit(1, seed=1)
    store.append([key_of("four")], more)
    assert np.allclose(store.get([key_of("four")])[0], more[0], atol=2e-3)
    assert SentenceStore(path, 8).count() == 4


def test_a_torn_last_record_is_ignored_and_cut_off_by_the_next_writer(tmp_path: Path) -> None:
    path = tmp_path / "x.vec"
    store = SentenceStore(path, 8)
    store.append([key_of("a"), key_of("b")], unit(2))
    size = path.stat().st_size
    with open(path, "ab") as f:  # a writer killed half-way through a record
        f.write(b"\x07" * (store.dtype.itemsize // 2))
    reader = SentenceStore(path, 8)
    assert reader.count() == 2
    reader.append([key_of("c")], unit(1, seed=3))
    assert path.stat().st_size == size + store.dtype.itemsize
    fresh = SentenceStore(path, 8)
    assert [v is not None for v in fresh.get([key_of(t) for t in "abc"])] == [True] * 3
    assert np.allclose(fresh.get([key_of("c")])[0], unit(1, seed=3)[0], atol=2e-3)


def test_a_zeroed_record_and_a_file_of_another_model_are_not_read(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "x.vec"
    store = SentenceStore(path, 8)
    store.append([key_of("a")], unit(1))
    with open(path, "ab") as f:  # blocks a crash left zero-filled
        f.write(bytes(store.dtype.itemsize))
    assert SentenceStore(path, 8).count() == 1
    with caplog.at_level(logging.WARNING):
        wide = SentenceStore(path, 16)  # the header says 8 dimensions
        assert wide.get([key_of("a")]) == [None]
    assert "not this model's file" in caplog.text
    wide.append([key_of("b")], unit(1, dim=16))  # a cache: started over for this model
    assert SentenceStore(path, 16).count() == 1
    assert path.stat().st_size == HEADER + wide.dtype.itemsize


@dataclass
class Art:
    text: str
    headline: str
    content_hash: str


ARTICLE = (
    "Velm ferry fares frozen\n"
    "The Velm council voted 7-4 on Tuesday to keep the ferry fares at 2023 levels. "
    "Harbour commissioner Edda Mollin chaired the talks. Yes.\n"
    "The new timetable takes effect on March 3, the council said."
)


def test_article_sentences_are_what_the_shortlist_embeds() -> None:
    sents = article_sentences(ARTICLE, "Velm ferry fares frozen")
    assert sents == [
        "The Velm council voted 7-4 on Tuesday to keep the ferry fares at 2023 levels.",
        "Harbour commissioner Edda Mollin chaired the talks.",
        "The new timetable takes effect on March 3, the council said.",
    ]  # not the headline, not "Yes."
    long = "Velm " + "word " * 80 + "end."
    assert article_sentences(long) == [long[: sentvecs.EMBED_CHARS]]


def test_a_fill_embeds_each_new_sentence_once_and_a_second_fill_nothing(tmp_path: Path) -> None:
    store = SentenceStore(tmp_path / "x.vec", 32)
    model = CountingModel()
    twin = Art(ARTICLE, "Velm ferry fares frozen", "h2")  # the same text under another hash
    rep = fill(store, [Art(ARTICLE, "Velm ferry fares frozen", "h1"), twin], model.embed)
    assert sorted(model.seen) == sorted(article_sentences(ARTICLE, "Velm ferry fares frozen"))
    assert (rep.articles, rep.embedded, rep.stored, rep.complete) == (2, 3, 3, True)
    assert store.done_articles() == {"h1", "h2"}
    model.seen.clear()
    changed = Art(ARTICLE + "\nThe fares rise again in 2027, officials said.", twin.headline, "h3")
    rep = fill(store, [twin, changed], model.embed)
    assert model.seen == ["The fares rise again in 2027, officials said."]
    assert rep.articles == 1


def test_a_stopped_fill_keeps_what_it_stored_and_the_next_one_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sentvecs, "BATCH", 2)
    store = SentenceStore(tmp_path / "x.vec", 32)
    arts = [
        Art(
            f"Head {i}\nCouncil item {i} passed by {i} votes. Member {i} spoke.",
            f"Head {i}",
            f"a{i}",
        )
        for i in range(6)
    ]
    stop = threading.Event()
    model = CountingModel()

    def embed(texts: list[str]) -> np.ndarray:
        if len(model.seen) >= 4:
            stop.set()  # the bot shuts down during the third batch
        return model.embed(texts)

    rep = fill(store, arts, embed, stop)
    assert not rep.complete
    done = store.done_articles()
    assert 0 < len(done) < 6
    for a in arts:  # every article marked done has all its sentences stored
        if a.content_hash in done:
            keys = [key_of(t) for t in article_sentences(a.text, a.headline)]
            assert all(v is not None for v in store.get(keys))
    model.seen.clear()
    stored_before = store.count()
    rep = fill(store, arts, model.embed)
    assert rep.complete and store.done_articles() == {a.content_hash for a in arts}
    assert len(model.seen) == 12 - stored_before  # nothing embedded twice
    assert store.count() == 12


def test_a_store_mostly_of_removed_articles_is_compacted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sentvecs, "STALE_MIN", 0)
    path = tmp_path / "x.vec"
    store = SentenceStore(path, 32)
    arts = [Art(f"H\nStory {i} says the mill reopened in spring.", "H", f"a{i}") for i in range(5)]
    fill(store, arts, CountingModel().embed)
    assert store.count() == 5
    keep = arts[:2]
    model = CountingModel()
    rep = fill(store, keep, model.embed)
    assert model.seen == [] and rep.stored == 2
    assert store.done_articles() == {"a0", "a1"}
    assert path.stat().st_size == HEADER + 2 * store.dtype.itemsize
    keys = [key_of(t) for t in article_sentences(keep[1].text, "H")]
    assert all(v is not None for v in SentenceStore(path, 32).get(keys))


def test_the_cache_asks_the_model_only_for_what_is_not_stored() -> None:
    stored_vec = unit(1, dim=32, seed=9)[0]
    model = CountingModel()
    out = VectorCache().embed(
        model.embed,
        ["kept", "new"],
        stored=lambda ts: [stored_vec if t == "kept" else None for t in ts],
    )
    assert model.seen == ["new"]
    assert np.allclose(out[0], stored_vec)


def test_a_vector_the_model_gives_now_is_the_one_the_store_would_give(tmp_path: Path) -> None:
    """An answer does not depend on whether the background fill has reached a sentence: the
    cache keeps the model's vector at the precision the store does."""
    vec = unit(1, dim=32, seed=4)[0] + np.float32(1e-7)  # below float16's precision
    live = VectorCache().embed(lambda ts: np.stack([vec] * len(ts)), ["a sentence"])
    store = SentenceStore(tmp_path / "x.vec", 32)
    store.append([key_of("a sentence")], vec[None, :])
    (kept,) = store.get([key_of("a sentence")])
    assert kept is not None
    assert np.array_equal(live[0], np.asarray(kept, np.float32))


def _passage(text: str, head: str) -> Passage:
    return Passage(
        chunk_id="c0", article_id="a0", corpus="t", text=text, start=len(head) + 1,
        end=len(head) + 1 + len(text), headline=head, outlet="The Velm Courier", url=None,
        published_at=None, ai_generated=True, article_text=f"{head}\n{text}",
    )  # fmt: skip


def test_an_answer_from_stored_vectors_calls_no_model_and_quotes_the_same(tmp_path: Path) -> None:
    head, body = ARTICLE.split("\n", 1)
    p = _passage(body, head)
    model = CountingModel(seed="q")
    q = "who chaired the ferry fare talks"
    qvec = model.embed([q])[0]
    model.seen.clear()
    live = select_excerpts(q, [p], embed=model.embed, query_vec=qvec)
    assert model.seen
    store = SentenceStore(tmp_path / "x.vec", 32)
    fill(store, [Art(ARTICLE, head, "h")], CountingModel(seed="q").embed)
    fresh = CountingModel(seed="q")
    ahead = select_excerpts(q, [p], embed=fresh.embed, query_vec=qvec, stored=lookup([store]))
    assert fresh.seen == []
    assert [e.quote for e in ahead] == [e.quote for e in live]


def test_a_filled_corpus_answers_with_only_the_question_embedded(
    index: NewsIndex, embedder: HashEmbedder, demo_copy: Path
) -> None:
    corpus = index.corpus("default")
    corpus.add_sources([str(demo_copy)])
    corpus.reindex()
    qa = QAService(index, index.settings)
    q = "who mediated the Halverton transit strike talks?"
    before = embedder.embedded
    first = qa.answer(q, ["default"], now=NOW)
    assert embedder.embedded - before > 1  # the question and its shortlist
    rep = fill_corpus(corpus)
    assert rep.complete and rep.embedded > 50 and rep.stored == rep.embedded
    assert os.path.isfile(store_for(corpus).path)
    CACHE.clear()  # the first answer's shortlist was kept in memory
    again = QAService(index, index.settings)
    before = embedder.embedded
    ans = again.answer(q + " ", ["default"], now=NOW)  # not the cached question
    assert embedder.embedded - before == 1  # the question only
    assert [c.quote for c in ans.citations] == [c.quote for c in first.citations]
    assert fill_corpus(corpus).embedded == 0


def test_the_bot_s_filler_fills_each_corpus_and_again_after_a_reindex(
    index: NewsIndex, embedder: HashEmbedder, demo_copy: Path, tmp_path: Path
) -> None:
    for name in ("alpha", "beta"):
        c = index.corpus(name)
        c.add_sources([str(demo_copy / "01-orvel-border-clash.txt")])
        c.reindex()
    filler = SentenceFiller(index)
    filler.pass_once(every=True)  # start-up: every corpus
    counts = {n: store_for(index.corpus(n)).count() for n in ("alpha", "beta")}
    assert min(counts.values()) > 3
    before = embedder.embedded
    filler.pass_once()  # nothing changed: no work
    assert embedder.embedded == before
    extra = tmp_path / "extra.txt"
    extra.write_text(
        "Velm mill reopens\n\nThe Velm paper mill reopened on Monday with 140 workers back on "
        "the floor. Owner Ragna Holt said orders had doubled since spring.\n",
        encoding="utf-8",
    )
    alpha = index.corpus("alpha")
    alpha.add_sources([str(extra)])
    alpha.reindex()
    before = embedder.embedded
    filler.pass_once()
    assert store_for(alpha).count() == counts["alpha"] + 2
    assert embedder.embedded - before == 2
    assert filler.filled["alpha"] == alpha.db.version


def test_only_the_newest_articles_are_filled_when_a_corpus_is_larger_than_the_cap(
    index: NewsIndex, demo_copy: Path
) -> None:
    index.settings.sentence_vectors_max_articles = 2
    corpus = index.corpus("default")
    corpus.add_sources([str(demo_copy)])
    corpus.reindex()
    rep = fill_corpus(corpus)
    assert rep.complete and rep.articles == 2
    _, arts = corpus.rows()
    newest = sorted(arts.values(), key=lambda a: a.published_ts or 0, reverse=True)
    store = store_for(corpus)
    assert store.done_articles() == {a.content_hash for a in newest[:2]}
    old = [key_of(t) for t in article_sentences(newest[-1].text, newest[-1].headline)]
    assert all(v is None for v in store.get(old))


def test_a_fill_that_fails_is_logged_once_and_answers_go_on(
    index: NewsIndex, embedder: HashEmbedder, demo_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    corpus = index.corpus("default")
    corpus.add_sources([str(demo_copy / "01-orvel-border-clash.txt")])
    corpus.reindex()
    embedder.fail_on = lambda texts: len(texts) > 1  # the model fails on every batch
    filler = SentenceFiller(index)
    with caplog.at_level(logging.WARNING):
        filler.pass_once(every=True)
        filler.pass_once()
    assert caplog.text.count("sentence vectors of corpus default not filled") == 1
    assert store_for(corpus).count() == 0
    embedder.fail_on = None
    ans = QAService(index, index.settings).answer(
        "who fired first at the orvel crossing", ["default"], now=NOW
    )
    assert ans.citations


def test_an_unreadable_store_costs_the_answer_nothing_but_time(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "x.vec"
    path.mkdir()  # not a file: every read fails
    with caplog.at_level(logging.WARNING):
        assert lookup([SentenceStore(path, 8)])(["a", "b"]) == [None, None]
    assert "unreadable" in caplog.text
