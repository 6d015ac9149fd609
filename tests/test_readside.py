"""The read side (ingest/readside.py): BM25 computed from its segments equals bm25s over the live
chunks, a reindex publishes a segment of what it wrote with its version (readers never rebuild,
a restart loads), stale or missing segments are rebuilt from the manifest and Chroma, and large
corpora get dense candidates from Chroma's HNSW index with the same kind of scores."""

from __future__ import annotations

import os
import shutil
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import bm25s
import numpy as np
import pytest

import ingest.reindex as reindex_mod
from bot.qa import arrays, retrieve
from bot.qa.service import QAService
from ingest import arrayfiles
from ingest.chunking import sentence_spans
from ingest.index import Corpus, NewsIndex
from ingest.keyword import tokenize
from ingest.readside import STATE_KEY, load_strings, save_strings
from ingest.settings import Settings

from .fakes import HashEmbedder, slow_embedding

QUERIES = [
    "transit strike Halverton",
    "border clash",
    "rate cut central bank inflation",
    "mediation talks envoy",
    "the the strike strike",  # repeated tokens count twice, as in bm25s
    "zzzunknownword",
    # more hits than sentences: each chunk's best sentence is folded over its whole run
    " ".join(["said", "strike", "talks"] * 40),
]
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def _ingest(index: NewsIndex, name: str, src: Path) -> Corpus:
    c = index.corpus(name)
    c.add_sources([str(src)])
    s = c.reindex()
    assert s.errors == [], s.errors
    return c


def _edit(path: Path, extra: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[2] = lines[2] + " " + extra
    path.write_text("\n".join(lines), encoding="utf-8")


def _churn(demo: Path) -> None:
    """Change two articles, remove one, add one: the view then has dead chunks in segments."""
    for name in ("01", "02"):
        (path,) = demo.glob(f"{name}-*.txt")
        _edit(path, "A late correction about the strike was issued by the council.")
    (gone,) = demo.glob("03-*.txt")
    gone.unlink()
    (demo / "99-new.txt").write_text(
        "Harbour workers strike in Halverton\n\nPublished: 2026-11-20\n\n"
        "Harbour workers walked out on Monday. The strike closed the port. "
        "Talks with the council resume next week, the union said.",
        encoding="utf-8",
    )


def _reference(c: Corpus, view) -> tuple[bm25s.BM25, bm25s.BM25, np.ndarray]:
    rows = c.db.chunk_rows(view.ids)
    assert set(rows) == set(view.ids) == c.db.chunk_ids()  # exactly the live chunks
    chunk_toks = [tokenize(rows[i].indexed_text) for i in view.ids]
    kw = bm25s.BM25(k1=1.2, b=0.75)
    kw.index(chunk_toks, show_progress=False)
    sent_toks: list[list[str]] = []
    starts = []
    for i in view.ids:
        text = rows[i].text
        starts.append(len(sent_toks))
        spans = sentence_spans(text) or [(0, len(text), True)]
        sent_toks.extend(tokenize(text[a:b]) for a, b, _ in spans)
    st = bm25s.BM25(k1=1.2, b=0.75)
    st.index(sent_toks, show_progress=False)
    return kw, st, np.asarray(starts)


def _assert_same_as_bm25s(c: Corpus) -> None:
    view = c.read_view()
    kw, st, starts = _reference(c, view)
    for q in QUERIES:
        toks = [t for t in tokenize(q) if t in kw.vocab_dict]
        want = kw.get_scores(toks) if toks else np.zeros(view.n, dtype=np.float32)
        got = view.bm25([t for t in tokenize(q) if view.doc_freq(t) > 0])
        assert np.array_equal(got, want), q
        toks = [t for t in tokenize(q) if t in st.vocab_dict]
        if toks:
            want = np.maximum.reduceat(np.asarray(st.get_scores(toks)), starts)
        else:
            want = np.zeros(view.n, dtype=np.float32)
        got = view.bm25([t for t in tokenize(q) if view.doc_freq(t, "st") > 0], "st")
        assert np.array_equal(got, want), q
        for t in tokenize(q):
            indptr = kw.scores["indptr"]
            tid = kw.vocab_dict.get(t)
            assert view.doc_freq(t) == (0 if tid is None else int(indptr[tid + 1] - indptr[tid]))


def test_bm25_from_segments_equals_bm25s_after_changes(index: NewsIndex, demo_copy: Path) -> None:
    c = _ingest(index, "bm", demo_copy)
    _assert_same_as_bm25s(c)
    _churn(demo_copy)
    s = c.reindex()
    assert (s.added, s.updated, s.removed) == (1, 2, 1)
    state = c.db.get_state(STATE_KEY)
    assert len(state["segments"]) == 2 and state["dead"]  # appended, with the old copies dead
    _assert_same_as_bm25s(c)
    assert c.read.rebuilds == 0


def test_a_small_reindex_writes_a_small_segment_and_a_restart_loads(
    settings: Settings, chroma_client, demo_copy: Path
) -> None:
    index = NewsIndex(settings, embedder=HashEmbedder(), client=chroma_client)
    c = _ingest(index, "inc", demo_copy)
    first = c.db.get_state(STATE_KEY)
    (seg0,) = first["segments"]
    before = arrays.corpus_arrays(c)
    (demo_copy / "99-new.txt").write_text(
        "Ferry service restored\n\nPublished: 2026-11-21\n\nThe ferry runs again.",
        encoding="utf-8",
    )
    c.reindex()
    state = c.db.get_state(STATE_KEY)
    assert state["version"] == c.db.version and state["segments"][0] == seg0
    new = c.read.segment(state["segments"][1])
    assert len(new.ids) == 1  # only what the run wrote
    after = arrays.corpus_arrays(c)
    assert after.version == c.db.version and len(after.ids) == len(before.ids) + 1
    assert c.read.rebuilds == 0 and c.read.loads == 2
    # A restart: a new process loads the listed segments, computes nothing from the manifest.
    fresh = NewsIndex(settings, embedder=HashEmbedder(), client=chroma_client)
    c2 = fresh.corpus("inc")
    got = arrays.corpus_arrays(c2)
    assert got.ids == after.ids and np.array_equal(got.emb, after.emb)
    assert c2.read.rebuilds == 0 and c2.read.loads == 1
    assert c2.rows_builds == 0


@pytest.mark.parametrize("damage", ["missing", "stale", "broken"])
def test_missing_or_stale_segments_are_rebuilt_from_the_manifest_and_chroma(
    settings: Settings, chroma_client, demo_copy: Path, damage: str
) -> None:
    index = NewsIndex(settings, embedder=HashEmbedder(), client=chroma_client)
    c = _ingest(index, "heal", demo_copy)
    want = QAService(index, settings).retrieve("transit strike Halverton", ["heal"], now=NOW)
    state = c.db.get_state(STATE_KEY)
    if damage == "missing":
        shutil.rmtree(c.read.root)
    elif damage == "stale":
        c.db.bump_version()  # a version no segment list describes
    else:
        (c.read.root / state["segments"][0] / "kw_vocab.lines").write_text("[")
    fresh = NewsIndex(settings, embedder=HashEmbedder(), client=chroma_client)
    got = QAService(fresh, settings).retrieve("transit strike Halverton", ["heal"], now=NOW)
    c2 = fresh.corpus("heal")
    assert c2.read.rebuilds == 1
    assert [p.chunk_id for p in got.passages] == [p.chunk_id for p in want.passages]
    # Published: the next process loads what the rebuild wrote.
    again = NewsIndex(settings, embedder=HashEmbedder(), client=chroma_client).corpus("heal")
    again.read_view()
    assert again.read.rebuilds == 0 and again.read.loads == 1
    _assert_same_as_bm25s(again)


def test_a_failed_reindex_publishes_what_it_committed(
    index: NewsIndex, demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = _ingest(index, "fail", demo_copy)
    monkeypatch.setattr(reindex_mod, "COMMIT_CHUNKS", 1)
    for name in ("01", "02", "04", "05"):
        (path,) = demo_copy.glob(f"{name}-*.txt")
        _edit(path, "An update on the talks.")
    with pytest.raises(RuntimeError):
        c.reindex(fail_after_chunks=3)
    view = c.read_view()
    assert set(view.ids) == c.db.chunk_ids()  # the committed articles are in, nothing else
    assert c.read.rebuilds == 0
    _assert_same_as_bm25s(c)
    c.reindex()
    _assert_same_as_bm25s(c)


def test_a_reindex_killed_before_its_version_bump_is_not_taken_for_the_published_state(
    settings: Settings,
    embedder: HashEmbedder,
    chroma_client: object,
    demo_copy: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = NewsIndex(settings, embedder=embedder, client=chroma_client)
    c = _ingest(first, "killed", demo_copy)
    _churn(demo_copy)
    # kill -9 after the run's commits, before its one version bump: the manifest holds the
    # new articles, the published read-side state still has the old version's segments
    with monkeypatch.context() as m:
        m.setattr(reindex_mod.Reindex, "_publish", lambda self: None)
        c.reindex()
    # a process started now (no cached view) must not serve the old segments as current
    fresh = NewsIndex(settings, embedder=embedder, client=chroma_client).corpus("killed")
    assert set(fresh.read_view().ids) == fresh.db.chunk_ids()
    _assert_same_as_bm25s(fresh)
    # and the next reindex does not extend the stale state either
    _edit(next(demo_copy.glob("04-*.txt")), "One more line about the mediation.")
    s = fresh.reindex()
    assert s.errors == []
    view = fresh.read_view()
    assert set(view.ids) == fresh.db.chunk_ids()
    _assert_same_as_bm25s(fresh)


def test_full_reindex_publishes_one_new_generation(index: NewsIndex, demo_copy: Path) -> None:
    c = _ingest(index, "full", demo_copy)
    old = c.db.get_state(STATE_KEY)
    c.reindex(full=True)
    state = c.db.get_state(STATE_KEY)
    assert state["generation"] == c.db.generation == old["generation"] + 1
    assert not set(state["segments"]) & set(old["segments"]) and state["dead"] == {}
    _assert_same_as_bm25s(c)
    assert c.read.rebuilds == 0


def test_questions_during_a_long_reindex_never_rebuild(
    index: NewsIndex, embedder: HashEmbedder, demo_copy: Path
) -> None:
    c = _ingest(index, "busy", demo_copy)
    qa = QAService(index, index.settings)
    qa.answer("Who is mediating the transit strike?", ["busy"], now=NOW)
    builds = arrays.stats["builds"]
    slow_embedding(embedder, 0.02)
    errors: list[BaseException] = []

    def full() -> None:
        try:
            c.reindex(full=True)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    t = threading.Thread(target=full)
    t.start()
    asked = 0
    while t.is_alive():
        t0 = time.perf_counter()
        ans = qa.answer("Who is mediating the transit strike?", ["busy"], now=NOW)
        assert ans.citations and time.perf_counter() - t0 < 5
        asked += 1
    t.join()
    assert errors == [] and asked >= 2
    qa.answer("Who is mediating the transit strike?", ["busy"], now=NOW)
    # The old version answered throughout; the new one was assembled once, from what the
    # reindex published with its switch (never rebuilt from the manifest).
    assert arrays.stats["builds"] == builds + 1 and c.read.rebuilds == 0


def test_large_corpus_dense_candidates_from_hnsw(
    index: NewsIndex, demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = _ingest(index, "ann", demo_copy)
    qa = QAService(index, index.settings)
    questions = [
        "Who is mediating the transit strike?",
        "What happened at the Orvel border?",
        "Did the central bank cut rates?",
    ]
    exact = [qa.retrieve(q, ["ann"], now=NOW) for q in questions]
    assert arrays.corpus_arrays(c).exact_dense
    monkeypatch.setattr(arrays, "DENSE_EXACT_MAX", 5)
    c.db.bump_version()  # a new version: arrays rebuilt under the new limit
    arr = arrays.corpus_arrays(c)
    assert not arr.exact_dense and isinstance(arr.emb, arrays.LazyVectors)
    monkeypatch.setattr(retrieve, "ANN_K", 10)  # fewer candidates than chunks
    assert len(arr.ids) > 10
    for q, ex in zip(questions, exact, strict=True):
        r = qa.retrieve(q, ["ann"], now=NOW)
        assert r.passages, q
        # The dense scores are real similarities, not zeros for all but a few.
        assert all(p.dense is not None and p.dense != 0 for p in r.passages)
        assert r.passages[0].article_id == ex.passages[0].article_id, q


def test_the_rankings_of_a_question_ask_the_hnsw_index_once(
    index: NewsIndex, demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = _ingest(index, "ann1", demo_copy)
    monkeypatch.setattr(arrays, "DENSE_EXACT_MAX", 5)
    c.db.bump_version()
    arr = arrays.corpus_arrays(c)
    emb = index.embedder.embed(["transit strike mediator", "Orvel border", "rate cut"])
    vecs = [np.asarray(v, dtype=np.float32) for v in emb]
    one_by_one = [np.asarray(arr.nearest(c, v, 7)) for v in vecs]
    arr._nearest.clear()
    calls: list[int] = []
    col = arr.collection(c)
    real = col.query

    def query(**kw: Any) -> Any:
        calls.append(len(kw["query_embeddings"]))
        return real(**kw)

    monkeypatch.setattr(col, "query", query)
    together = arr.nearest_many(c, [vecs[0], vecs[1], vecs[0], vecs[2]], 7)
    assert calls == [3]  # one query, each distinct vector once
    want = [one_by_one[0], one_by_one[1], one_by_one[0], one_by_one[2]]
    for got, w in zip(together, want, strict=True):
        assert np.array_equal(got, w) and len(got) == 7
    assert arr.nearest_many(c, vecs, 7) and calls == [3]  # asked before: no query at all


def test_speller_vocabulary_comes_from_the_read_side(index: NewsIndex, demo_copy: Path) -> None:
    from collections import Counter

    from bot.qa.spelling import _WORD, speller_for

    c = _ingest(index, "words", demo_copy)
    chunks, arts = c.rows()
    c.rows_builds = 0
    want: Counter[str] = Counter()
    for t in [ch.text for ch in chunks.values()] + [a.headline for a in arts.values()]:
        want.update(w.lower() for w in _WORD.findall(t))
    sp = speller_for(c)
    assert sp.freq == want and c.rows_builds == 0  # no chunk text read to build it
    assert sp.suggest("Halvertn") == "halverton"


def test_start_up_builds_each_corpus_speller_index_before_a_question_needs_it(
    index: NewsIndex, demo_copy: Path
) -> None:
    from bot.discord_app.runner import _warm_up
    from bot.qa.spelling import speller_for

    c = _ingest(index, "warm", demo_copy)
    _warm_up(index).join(timeout=60)
    sp = speller_for(c)
    assert sp._index is not None  # built already: a typo in the first question costs no build
    assert sp.suggest("Halvertn") == "halverton" and speller_for(c) is sp


def test_small_segments_are_merged_without_their_dead_chunks(
    index: NewsIndex, demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ingest.readside as readside

    monkeypatch.setattr(readside, "MAX_TAIL", 2)
    c = _ingest(index, "merge", demo_copy)
    counts = []
    for n in range(5):
        (path,) = demo_copy.glob(f"0{n + 1}-*.txt")
        _edit(path, f"Update number {n} on the strike talks.")
        (demo_copy / f"9{n}-extra.txt").write_text(
            f"Extra report {n}\n\nPublished: 2026-11-2{n}\n\nThe council met again on day {n}.",
            encoding="utf-8",
        )
        c.reindex()
        state = c.db.get_state(STATE_KEY)
        counts.append(len(state["segments"]))
        assert len(state["segments"]) <= 3
        _assert_same_as_bm25s(c)
    assert 1 in counts  # merged at least once, into a single segment
    merged = c.read.segment(c.db.get_state(STATE_KEY)["segments"][0])
    assert len(merged.ids) == len(set(merged.ids))  # no dead copy carried over
    assert c.read.rebuilds == 0


def test_speller_reuses_the_earlier_versions_index(index: NewsIndex, demo_copy: Path) -> None:
    from bot.qa.spelling import Speller, speller_for

    c = _ingest(index, "words2", demo_copy)
    first = speller_for(c)
    assert first.suggest("Halvertn") == "halverton"  # builds its index
    (demo_copy / "99-new.txt").write_text(
        "Quillonbridge ferry restored\n\nPublished: 2026-11-21\n\nThe Quillonbridge ferry runs.",
        encoding="utf-8",
    )
    c.reindex()
    second = speller_for(c)
    assert second is not first and second._base is first.index
    new_words = [w for e in second.index.values() for w in ([e] if isinstance(e, str) else e)]
    assert new_words and all(w not in first.freq for w in new_words)  # only the new ones
    assert second.suggest("Quillonbrige") == "quillonbridge"  # a new word
    assert second.suggest("Halvertn") == "halverton"  # an earlier one
    # The same answers as a speller built from scratch over the same words.
    fresh = Speller(counts=second.freq)
    for typo in ("Halvertn", "Quillonbrige", "strke", "councl"):
        assert second.suggest(typo) == fresh.suggest(typo), typo


def _same_view(a, b) -> None:
    """Two views of one manifest version hold the same chunks, facts, words and scores."""
    assert a.ids == b.ids and a.n == b.n
    fa, fb = a.facts(), b.facts()
    assert fa.art_ids == fb.art_ids and fa.outlet_names == fb.outlet_names
    for name in ("art_outlet", "art_ts", "art_of", "first"):
        assert np.array_equal(getattr(fa, name), getattr(fb, name), equal_nan=name == "art_ts")
    assert a.word_counts() == b.word_counts()
    for q in QUERIES:
        for which in ("kw", "st"):
            toks = [t for t in tokenize(q) if a.doc_freq(t, which) > 0]
            assert toks == [t for t in tokenize(q) if b.doc_freq(t, which) > 0]
            assert np.array_equal(a.bm25(toks, which), b.bm25(toks, which)), (q, which)
    q = np.asarray(a.vectors([0])[0])
    assert np.array_equal(a.similarities(q), b.similarities(q))
    assert np.array_equal(a.vectors(), b.vectors())
    for i in (0, a.n // 2, a.n - 1):
        assert a.position(a.ids[i]) == b.position(b.ids[i]) == i


def _facts_match_manifest(c: Corpus, view) -> None:
    """Each live chunk's article, and that article's outlet and time, as the manifest has them;
    articles and outlets numbered in first-seen order."""
    f = view.facts()
    rows = c.db.chunk_rows(view.ids)
    arts = c.db.articles()
    assert len(f.art_ids) == len(set(f.art_ids)) and len(f.outlet_names) == len(set(f.outlet_names))
    for i, cid in enumerate(view.ids):
        a = int(f.art_of[i])
        art = arts[rows[cid].article_id]
        assert f.art_ids[a] == art.id
        assert bool(f.first[i]) == (rows[cid].n == 0)
        o = int(f.art_outlet[a])
        assert (f.outlet_names[o] if o >= 0 else None) == (art.outlet or None)
        ts = float(f.art_ts[a])
        assert (None if np.isnan(ts) else int(ts)) == (art.published_ts or None)
    assert f.outlet_names == list(dict.fromkeys(
        f.outlet_names[o] for o in f.art_outlet.tolist() if o >= 0
    ))  # fmt: skip


def test_a_new_version_reuses_the_earlier_views_segments(
    settings: Settings, chroma_client, demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reindex that adds a little makes the next view cost about what it added: the segments
    already held keep their maps and live chunks (nothing copied), and the view built from the
    earlier one equals one a fresh process assembles from the listed segments."""
    import ingest.readside as readside

    monkeypatch.setattr(readside, "MAX_TAIL", 2)
    index = NewsIndex(settings, embedder=HashEmbedder(), client=chroma_client)
    c = _ingest(index, "reuse", demo_copy)
    v1 = c.read_view()
    v1.facts(), v1.word_counts()
    (demo_copy / "99-new.txt").write_text(
        "Ferry service restored\n\nPublished: 2026-11-21\n\nThe ferry runs again, Halverton said.",
        encoding="utf-8",
    )
    c.reindex()
    v2 = c.read_view()
    assert v2.version > v1.version and len(v2.segments) == 2
    assert v2.segments[0] is v1.segments[0] and v2.parts[0] is v1.parts[0]  # shared, not copied
    assert v2.segments[0].vec is v1.segments[0].vec

    def fresh_view():
        other = NewsIndex(settings, embedder=HashEmbedder(), client=chroma_client)
        return other.corpus("reuse").read_view()

    _same_view(v2, fresh_view())
    _assert_same_as_bm25s(c)
    # Changes that kill chunks in the older segments, then enough runs to merge the tail.
    for n in range(4):
        if n == 0:
            _churn(demo_copy)
        else:
            _edit(next(demo_copy.glob(f"0{n + 3}-*.txt")), f"Update {n} on the talks.")
        c.reindex()
        v = c.read_view()
        v.facts(), v.word_counts()
        _same_view(v, fresh_view())
        _facts_match_manifest(c, v)
        _assert_same_as_bm25s(c)
    assert c.read.rebuilds == 0
    # Exact dense search is the product over the segments' unit vectors.
    arr = arrays.corpus_arrays(c)
    assert arr.exact_dense
    q = np.asarray(arr.emb[0])
    assert np.allclose(arr.emb @ q, np.asarray(arr.emb) @ q, atol=1e-6)
    assert np.allclose(np.linalg.norm(np.asarray(arr.emb), axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize(
    "strings", [[], [""], ["a", "", "b"], ["line\nbreak", "", "z"], ["é", "ü\n"], ["", ""]]
)
def test_string_tables_load_back_as_written(tmp_path: Path, strings: list[str]) -> None:
    save_strings(tmp_path, "t", strings)
    assert load_strings(tmp_path, "t") == strings


def test_a_string_table_that_disagrees_with_its_ends_is_refused(tmp_path: Path) -> None:
    save_strings(tmp_path, "t", ["alpha", "beta"])
    (tmp_path / "t.lines").write_text("alpha\nbet")
    with pytest.raises(ValueError):
        load_strings(tmp_path, "t")


def test_positions_and_vectors_read_without_mapping_the_files(
    index: NewsIndex, demo_copy: Path
) -> None:
    c = _ingest(index, "pos", demo_copy)
    (path,) = demo_copy.glob("02-*.txt")
    was = path.read_text(encoding="utf-8")
    _churn(demo_copy)
    c.reindex()
    path.write_text(was, encoding="utf-8")  # back as it was: its chunks come back, same ids
    c.reindex()
    view = c.read_view()
    assert len(view.segments) == 3 and view.dead
    again = set(view.segments[0].ids) & set(view.segments[2].ids)
    assert again and again <= set(view.ids), "a dead copy first, the live one in the last"
    ids = list(view.ids)
    # Every live chunk is found where the view lists it, a rewritten one in its newer segment.
    assert view.positions(ids).tolist() == list(range(view.n))
    assert view.positions(["no-such-chunk", ids[3]]).tolist() == [-1, 3]
    dead = [cid for cid in view.dead if cid not in set(ids)]
    if dead:  # removed articles' chunks: found in no segment as live
        assert set(view.positions(dead).tolist()) == {-1}
    assert view.position(ids[-1]) == view.n - 1 and view.position("no-such-chunk") is None
    # Rows read with pread are the rows the file holds, in the order asked.
    seg = view.segments[0]
    assert seg.vec_rows is not None
    rows = np.asarray([5, 0, 5, len(seg.ids) - 1, 2])
    assert np.array_equal(seg.vec_rows.take(rows), np.asarray(seg.vec)[rows])
    assert np.array_equal(seg.kw.doc_rows.span(2, 9), np.asarray(seg.kw.doc)[2:9])
    with pytest.raises(IndexError):
        seg.vec_rows.take(np.asarray([len(seg.ids)]))
    # The view's vectors come through those reads and match the stored unit vectors.
    live_rows = view.vectors(np.arange(view.n))
    assert np.allclose(np.linalg.norm(live_rows, axis=1), 1.0, atol=1e-5)


def test_reading_segments_raises_the_open_file_limit(index: NewsIndex, demo_copy: Path) -> None:
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    low = len(os.listdir("/proc/self/fd")) + 256  # room for what this test opens
    if hard != resource.RLIM_INFINITY and hard <= low:
        pytest.skip(f"the hard limit on open files ({hard}) leaves nothing to raise")
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (low, hard))
        arrayfiles._fd_limit_raised = False
        c = _ingest(index, "fds", demo_copy)
        c.read_view().vectors(np.asarray([0]))
        now_soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
        assert now_soft > low and (hard == resource.RLIM_INFINITY or now_soft == hard)
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_sentence_postings_look_words_up_through_the_chunk_vocabulary(
    index: NewsIndex, demo_copy: Path
) -> None:
    c = _ingest(index, "vocab", demo_copy)
    view = c.read_view()
    seg = view.segments[0]
    # One word table a segment: the sentence side keeps no dict of its own for questions.
    assert seg.st.through is not None and seg.st.own_vocab is None
    for q in QUERIES:
        toks = tokenize(q)
        view.bm25(toks, "st")
        for t in toks:
            own = {w: i for i, w in enumerate(load_strings(seg.folder, "st_vocab"))}
            assert seg.st.number(t) == own.get(t), t
    assert seg.st.own_vocab is None
    _assert_same_as_bm25s(c)


def test_chunk_ids_are_a_string_table_when_ascii(tmp_path: Path) -> None:
    from ingest.arrayfiles import StringTable, load_string_table

    ids = ["u1f-0a-0", "u1f-0a-1", "p77-3c-0"]
    save_strings(tmp_path, "ids", ids)
    table = load_string_table(tmp_path, "ids")
    assert isinstance(table, StringTable) and table == ids and list(table) == ids
    assert table[-1] == "p77-3c-0" and table[1:] == ids[1:] and len(table) == 3
    with pytest.raises(IndexError):
        table[3]
    other = tmp_path / "other"
    other.mkdir()
    save_strings(other, "ids", ["é-1", "b"])  # not ASCII: a plain list, the same strings
    assert load_string_table(other, "ids") == ["é-1", "b"]
