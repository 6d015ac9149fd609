"""The incremental reindex: skips what has not changed, replaces what has, never leaves a corpus
half-written, and keeps corpora apart. Real ephemeral Chroma (server mode: test_chroma_server.py),
deterministic embedder."""

from __future__ import annotations

import json
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import ingest.reindex as reindex_mod
from ingest.corpusdb import ArticleRow
from ingest.errors import ReindexRunning
from ingest.index import Corpus, NewsIndex
from ingest.settings import Settings
from ingest.store import (
    collection_name,
    get_or_create_collection,
    list_collection_names,
)

from .conftest import REPO
from .fakes import HashEmbedder

N_DEMO = len(list((REPO / "ingest" / "demo_articles").glob("*.txt")))


# --- helpers ------------------------------------------------------------------------------------


def _ingest(index: NewsIndex, name: str, *specs: Path | str, **kw: Any) -> Corpus:
    c = index.corpus(name)
    c.add_sources([str(s) for s in specs], **kw)
    s = c.reindex()
    assert s.errors == [], s.errors
    return c


def _crash_on_second_write(monkeypatch: pytest.MonkeyPatch, c: Corpus) -> Any:
    """Make the corpus's second manifest write fail as a full disk would (its vectors are in
    Chroma by then), run a reindex that must raise, and return the real write method."""
    real_write = c.db.write_articles
    calls = {"n": 0}

    def crashing_write(*args: Any, **kw: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full (test)")
        real_write(*args, **kw)

    monkeypatch.setattr(c.db, "write_articles", crashing_write)
    with pytest.raises(OSError, match="disk full"):
        c.reindex()
    return real_write


def _row(c: Corpus, filename: str) -> ArticleRow:
    (row,) = [r for r in c.db.articles().values() if Path(r.origin).name == filename]
    return row


def _chroma_ids(c: Corpus) -> set[str]:
    return set(c.collection().get(include=[])["ids"])


def _manifest_ids(c: Corpus) -> set[str]:
    return {ch.id for ch in c.db.chunks()}


def _assert_consistent(c: Corpus) -> None:
    """Manifest and collection agree exactly, and each article's chunk list matches its chunks."""
    chunks = c.db.chunks()
    by_article: dict[str, list[str]] = {}
    for ch in chunks:
        by_article.setdefault(ch.article_id, []).append(ch.id)
    rows = c.db.articles()
    assert set(by_article) == set(rows)
    for aid, row in rows.items():
        assert row.chunk_ids == by_article[aid]
    assert _chroma_ids(c) == _manifest_ids(c)
    assert c.collection().count() == len(chunks)


def _edit(path: Path, extra: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[2] = lines[2] + " " + extra  # the first body paragraph
    path.write_text("\n".join(lines), encoding="utf-8")


def _query_ids(index: NewsIndex, c: Corpus, question: str, k: int = 3) -> list[str]:
    vec = index.embedder.embed([question])
    got = c.collection().query(query_embeddings=vec, n_results=k, include=["metadatas"])
    return list(got["ids"][0])


# --- (a) (b) (c) (d): the incremental sync ------------------------------------------------------


def test_noop_reindex_embeds_nothing(index: NewsIndex, demo_copy: Path, embedder) -> None:
    c = _ingest(index, "noop", demo_copy)
    first = c.db.get_state("last_reindex")
    assert first["added"] == N_DEMO and first["embedded_chunks"] == first["chunks"] > N_DEMO
    before, calls = embedder.embedded, embedder.calls
    ids = _chroma_ids(c)
    s = c.reindex()
    assert (s.added, s.updated, s.removed, s.unchanged) == (0, 0, 0, N_DEMO)
    assert s.embedded_chunks == 0
    assert embedder.embedded == before and embedder.calls == calls
    assert _chroma_ids(c) == ids
    _assert_consistent(c)


def test_editing_one_article_reembeds_only_it(index: NewsIndex, demo_copy: Path, embedder) -> None:
    c = _ingest(index, "edit", demo_copy)
    old = _row(c, "05-arb-rate-cut.txt")
    others = {aid: r.chunk_ids for aid, r in c.db.articles().items() if aid != old.id}
    before = embedder.embedded
    _edit(demo_copy / "05-arb-rate-cut.txt", "Analysts had expected the cut since the summer.")
    s = c.reindex()
    new = _row(c, "05-arb-rate-cut.txt")
    assert (s.added, s.updated, s.removed, s.unchanged) == (0, 1, 0, N_DEMO - 1)
    assert new.id == old.id and new.content_hash != old.content_hash
    assert embedder.embedded - before == len(new.chunk_ids) == s.embedded_chunks
    assert "Analysts had expected the cut" in new.text
    col = c.collection()
    assert col.get(ids=old.chunk_ids)["ids"] == [], "the old version's chunks must be gone"
    assert sorted(col.get(ids=new.chunk_ids)["ids"]) == sorted(new.chunk_ids)
    # Nothing else was touched.
    assert {aid: r.chunk_ids for aid, r in c.db.articles().items() if aid != old.id} == others
    _assert_consistent(c)


def test_deleting_a_file_removes_its_article(index: NewsIndex, demo_copy: Path) -> None:
    c = _ingest(index, "delete", demo_copy)
    gone = _row(c, "08-quillon-licence-suspended.txt")
    (demo_copy / "08-quillon-licence-suspended.txt").unlink()
    s = c.reindex()
    assert (s.removed, s.unchanged, s.articles) == (1, N_DEMO - 1, N_DEMO - 1)
    assert gone.id not in c.db.articles()
    assert not [ch for ch in c.db.chunks() if ch.article_id == gone.id]
    assert c.collection().get(ids=gone.chunk_ids)["ids"] == []
    assert c.collection().get(where={"article_id": gone.id})["ids"] == []
    _assert_consistent(c)


def test_unreadable_file_keeps_its_indexed_article(index: NewsIndex, demo_copy: Path) -> None:
    c = _ingest(index, "unreadable", demo_copy)
    path = demo_copy / "03-sarnhold-mediation-isel.txt"
    kept = _row(c, path.name)
    good = path.read_bytes()
    path.write_bytes(good.replace(b"Sarnhold", b"Sarnh\xf6ld"))  # a Latin-1 editor's save
    s = c.reindex()
    assert s.removed == 0 and s.unchanged == N_DEMO and s.articles == N_DEMO
    (err,) = s.errors
    assert err["origin"] == str(path) and "UTF-8" in err["reason"]
    assert s.read_anything is True
    assert _row(c, path.name).chunk_ids == kept.chunk_ids
    assert sorted(c.collection().get(ids=kept.chunk_ids)["ids"]) == sorted(kept.chunk_ids)
    # A full rebuild carries the kept article into the new generation, vectors and all.
    s = c.reindex(full=True)
    assert s.articles == N_DEMO and len(s.errors) == 1 and c.db.generation == 2
    carried = _row(c, path.name)
    assert (carried.chunk_ids, carried.content_hash) == (kept.chunk_ids, kept.content_hash)
    for ch in c.db.chunks():
        if ch.article_id == kept.id:
            assert carried.text[ch.start : ch.end] == ch.text
    _assert_consistent(c)
    # Repaired: the same content as before, so nothing to embed.
    path.write_bytes(good)
    s = c.reindex()
    assert s.errors == [] and s.unchanged == N_DEMO and s.embedded_chunks == 0


# --- (e) the full rebuild -----------------------------------------------------------------------


def test_failed_full_reindex_leaves_old_collection_answering(
    index: NewsIndex, demo_copy: Path, embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = _ingest(index, "full", demo_copy)
    name, count = c.collection_name, c.collection().count()
    articles = c.db.counts()
    hit = _query_ids(index, c, "border guard killed at the Orvel crossing")
    assert hit and set(hit) <= _manifest_ids(c)
    # Small commit groups, so some of the new generation is written before the failure.
    monkeypatch.setattr(reindex_mod, "COMMIT_CHUNKS", 4)
    before = embedder.embedded
    with pytest.raises(RuntimeError, match="injected failure"):
        c.reindex(full=True, fail_after_chunks=count // 2)
    assert embedder.embedded - before >= 4, "the failure must come after real work"
    assert c.db.generation == 1 and c.collection_name == name == collection_name("full", 1)
    assert c.collection().count() == count and c.db.counts() == articles
    assert _query_ids(index, c, "border guard killed at the Orvel crossing") == hit
    assert c.db.other_generations(1) == []
    assert [n for n in list_collection_names(index.client) if n.startswith("nb-full-")] == [name]
    _assert_consistent(c)

    s = c.reindex(full=True)
    assert c.db.generation == 2 and c.collection_name == collection_name("full", 2)
    assert (s.articles, s.chunks) == articles and s.embedded_chunks == count
    assert [n for n in list_collection_names(index.client) if n.startswith("nb-full-")] == [
        collection_name("full", 2)
    ]
    assert _query_ids(index, c, "border guard killed at the Orvel crossing") == hit
    _assert_consistent(c)


def test_killed_full_reindex_leftovers_are_tidied(index: NewsIndex, demo_copy: Path) -> None:
    c = _ingest(index, "killed", demo_copy)
    name, count = c.collection_name, c.collection().count()
    # What a process killed mid-rebuild leaves: a half-filled next-generation collection and its
    # manifest rows, neither of them live.
    g2 = get_or_create_collection(index.client, collection_name("killed", 2), "hash-embedder")
    g2.add(ids=["stray"], embeddings=[[1.0] + [0.0] * 63], documents=["stray"])
    row = next(iter(c.db.articles().values()))
    art = reindex_mod._article_from_row(row)
    c.db.write_articles(2, [(art, row.source, [])])
    assert c.db.other_generations(1) == [2]
    assert c.collection().count() == count, "the leftovers are invisible to readers"
    s = c.reindex()
    assert s.unchanged == N_DEMO and s.embedded_chunks == 0
    assert c.db.other_generations(1) == []
    assert [n for n in list_collection_names(index.client) if n.startswith("nb-killed-")] == [name]


# --- (f) one reindex per corpus at a time -------------------------------------------------------


def test_second_concurrent_reindex_is_refused(
    index: NewsIndex, settings: Settings, chroma_client, demo_copy: Path
) -> None:
    c = index.corpus("busy")
    c.add_sources([str(demo_copy)])
    started, release = threading.Event(), threading.Event()
    result: dict[str, Any] = {}

    def hold(phase: str, done: int, total: int) -> None:
        started.set()
        assert release.wait(10), "the test never released the first reindex"

    def first() -> None:
        try:
            result["summary"] = c.reindex(progress=hold)
        except BaseException as exc:  # surfaced in the main thread below
            result["error"] = exc

    t = threading.Thread(target=first)
    t.start()
    try:
        assert started.wait(10)
        with pytest.raises(ReindexRunning, match="already running") as exc_info:
            c.reindex()
        assert exc_info.value.corpus == "busy"
        # Another process's view of the same corpus (own index, own connections) is refused too.
        other = NewsIndex(settings, embedder=HashEmbedder(), client=chroma_client)
        with pytest.raises(ReindexRunning):
            other.corpus("busy").reindex(full=True)
        # A different corpus is not blocked.
        s = _ingest(index, "free", demo_copy / "01-orvel-border-clash.txt").db.counts()
        assert s[0] == 1
    finally:
        release.set()
        t.join(30)
    assert "error" not in result, result.get("error")
    assert result["summary"].added == N_DEMO
    # The lock is released afterwards.
    assert c.reindex().unchanged == N_DEMO


# --- (g) corpora are isolated -------------------------------------------------------------------


def test_corpora_are_isolated(index: NewsIndex, demo_copy: Path) -> None:
    b = _ingest(index, "b", str(demo_copy / "1[0-2]-*.txt"))
    b_counts, b_ids, b_name = b.db.counts(), _chroma_ids(b), b.collection_name
    assert b_counts[0] == 3
    a = _ingest(index, "a", demo_copy)
    assert a.db.counts()[0] == N_DEMO
    a.reindex(full=True)
    (demo_copy / "11-isel-ceasefire-signed.txt").unlink()
    assert a.reindex().removed == 1
    assert a.remove_source(str(demo_copy))
    assert a.reindex().articles == 0
    assert b.db.counts() == b_counts and _chroma_ids(b) == b_ids
    assert b.collection_name == b_name and b.db.generation == 1
    assert [s.spec for s in b.sources()] == [str(demo_copy / "1[0-2]-*.txt")]
    assert a.collection().count() == 0


# --- (h) a crash mid-sync -----------------------------------------------------------------------


def test_embedder_crash_leaves_old_version_live(
    index: NewsIndex, demo_copy: Path, embedder
) -> None:
    c = _ingest(index, "crash", demo_copy)
    old = _row(c, "07-lunvik-talks-stall.txt")
    _edit(demo_copy / "07-lunvik-talks-stall.txt", "Zeppelin observers were also present.")
    embedder.fail_on = lambda texts: any("Zeppelin" in t for t in texts)
    with pytest.raises(RuntimeError, match="embedder failure"):
        c.reindex()
    now = _row(c, "07-lunvik-talks-stall.txt")
    assert (now.content_hash, now.chunk_ids) == (old.content_hash, old.chunk_ids)
    assert "Zeppelin" not in now.text
    _assert_consistent(c)
    embedder.fail_on = None
    s = c.reindex()
    assert s.updated == 1 and "Zeppelin" in _row(c, "07-lunvik-talks-stall.txt").text
    _assert_consistent(c)


def test_crash_between_chroma_write_and_commit(
    index: NewsIndex, demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = _ingest(index, "crash2", demo_copy)
    old_a = _row(c, "02-halverton-transit-strike-begins.txt")
    old_b = _row(c, "09-halverton-tentative-deal.txt")
    _edit(Path(old_a.origin), "Buses ran a reduced timetable.")
    _edit(Path(old_b.origin), "The union's negotiators left the talks at 2 a.m.")
    # One article a commit group; the second group's commit "crashes" after Chroma was written.
    monkeypatch.setattr(reindex_mod, "COMMIT_CHUNKS", 1)
    real_write = _crash_on_second_write(monkeypatch, c)
    a = _row(c, Path(old_a.origin).name)
    b = _row(c, Path(old_b.origin).name)
    # Each article is fully old or fully new; which one got through depends on order.
    states = sorted([a.content_hash != old_a.content_hash, b.content_hash != old_b.content_hash])
    assert states == [False, True]
    for row, old in ((a, old_a), (b, old_b)):
        if row.content_hash == old.content_hash:
            assert row.chunk_ids == old.chunk_ids
        assert sorted(c.collection().get(ids=row.chunk_ids)["ids"]) == sorted(row.chunk_ids)
    orphans = _chroma_ids(c) - _manifest_ids(c)
    assert orphans, "the crashed group's vectors are in Chroma but not live"
    assert _manifest_ids(c) <= _chroma_ids(c)

    # The crashed article is edited again before the next run, so nothing will re-create the
    # orphans' ids: only the tidy-up can remove them.
    crashed = a if a.content_hash == old_a.content_hash else b
    _edit(Path(crashed.origin), "A later correction was appended.")
    monkeypatch.setattr(c.db, "write_articles", real_write)
    s = c.reindex()
    assert s.updated == 1 and s.unchanged == N_DEMO - 1
    assert "A later correction" in _row(c, Path(crashed.origin).name).text
    assert not (orphans & _chroma_ids(c)), "orphan chunks must be removed"
    _assert_consistent(c)


def test_after_a_clean_run_the_next_does_not_read_every_id_from_the_store(
    index: NewsIndex, demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The orphan and lost-vector check reads every id of the collection; after a run that
    ended cleanly, with as many vectors as listed chunks, it is skipped (a small reindex stays
    small). A run that failed, or a store that lost vectors, is checked in full."""
    c = _ingest(index, "clean", demo_copy)
    full_reads = {"n": 0}
    real = Corpus.collection

    def collection(self: Corpus) -> Any:
        col = real(self)
        get = col.get

        def counting_get(*args: Any, **kw: Any) -> Any:
            if not args and "ids" not in kw:
                full_reads["n"] += 1
            return get(*args, **kw)

        col.get = counting_get
        return col

    monkeypatch.setattr(Corpus, "collection", collection)

    def reads_in(run: Any) -> int:
        before = full_reads["n"]
        run()
        return full_reads["n"] - before

    _edit(next(demo_copy.glob("02-*.txt")), "Buses ran a reduced timetable.")
    assert reads_in(c.reindex) == 0
    # A failed run leaves orphans: the next run compares every id and removes them.
    monkeypatch.setattr(reindex_mod, "COMMIT_CHUNKS", 1)
    for name in ("01", "04"):
        _edit(next(demo_copy.glob(f"{name}-*.txt")), "An update on the talks.")
    real_write = _crash_on_second_write(monkeypatch, c)  # after the group's vectors are written
    monkeypatch.setattr(c.db, "write_articles", real_write)
    orphans = _chroma_ids(c) - _manifest_ids(c)
    assert orphans
    _edit(next(demo_copy.glob("04-*.txt")), "A later correction.")  # orphans' ids not re-made
    _edit(next(demo_copy.glob("01-*.txt")), "A later correction.")
    assert reads_in(c.reindex) == 1
    assert not (orphans & _chroma_ids(c))
    _assert_consistent(c)
    # Vectors lost from the store: counted short, so checked, and re-embedded.
    c.collection().delete(ids=sorted(c.db.chunk_ids())[:2])
    got: list[Any] = []
    assert reads_in(lambda: got.append(c.reindex())) == 1
    assert any("re-embedded 2" in w for w in got[0].warnings)
    _assert_consistent(c)
    assert reads_in(c.reindex) == 0


# --- (i) (j) sources ----------------------------------------------------------------------------


def test_removing_a_source_drops_its_articles(
    index: NewsIndex, demo_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra_dir = tmp_path / "extra"
    extra_dir.mkdir()
    extra = extra_dir / "roads.txt"
    extra.write_text(
        "Road repairs close Seltz ring road for a week\n"
        "Night closures start on Monday.\n"
        "The ring road will close between 10 p.m. and 5 a.m. while the surface is relaid.\n",
        encoding="utf-8",
    )
    c = _ingest(index, "srcs", demo_copy, extra)
    assert c.db.counts()[0] == N_DEMO + 1
    extra_id = _row(c, "roads.txt").id
    # Removed as the admin typed it, relative to where they stand.
    monkeypatch.chdir(extra_dir)
    assert c.remove_source("roads.txt") is True
    assert c.remove_source("roads.txt") is False
    s = c.reindex()
    assert (s.removed, s.articles) == (1, N_DEMO)
    assert extra_id not in c.db.articles()
    assert c.collection().get(where={"article_id": extra_id})["ids"] == []
    assert [src.spec for src in c.sources()] == [str(demo_copy)]
    _assert_consistent(c)


def _plain(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"{folder.name}-{i}.txt").write_text(
            f"Staff-written report {folder.name} {i}\nA report without the AI disclaimer.\n"
            f"Reporter {i} visited the Seltz market and counted the stalls.\n",
            encoding="utf-8",
        )
    return folder


def test_ai_generated_per_source_and_chunk_metadata(
    index: NewsIndex, demo_copy: Path, tmp_path: Path
) -> None:
    human = _plain(tmp_path / "human", 2)
    default = _plain(tmp_path / "default", 2)
    c = index.corpus("meta")
    c.add_sources([str(human)], ai_generated=False)
    c.add_sources([str(default)])
    # The disclaimer in the text outranks a per-source "not AI-generated".
    c.add_sources([str(demo_copy)], ai_generated=False)
    s = c.reindex()
    assert s.errors == [] and s.articles == N_DEMO + 4
    got = c.collection().get(include=["metadatas", "documents"])
    rows = c.db.articles()
    by_origin_dir: dict[Path, set[bool]] = {}
    for md, doc in zip(got["metadatas"], got["documents"], strict=True):
        row = rows[md["article_id"]]
        by_origin_dir.setdefault(Path(row.origin).parent, set()).add(md["ai_generated"])
        assert isinstance(md["ai_generated"], bool)
        assert isinstance(md["chunk"], int) and isinstance(md["start"], int)
        assert row.text[md["start"] : md["end"]] == doc
    assert by_origin_dir == {human: {False}, default: {True}, demo_copy: {True}}

    orvel = _row(c, "01-orvel-border-clash.txt")
    meta = json.loads((demo_copy / "01-orvel-border-clash.meta.json").read_text())
    got = c.collection().get(ids=orvel.chunk_ids, include=["metadatas"])
    mds = sorted(got["metadatas"], key=lambda m: m["chunk"])
    assert [m["chunk"] for m in mds] == list(range(len(orvel.chunk_ids)))
    ts = int(datetime.fromisoformat(meta["published_at"]).timestamp())
    for m in mds:
        assert m["article_id"] == orvel.id
        assert m["outlet"] == meta["outlet"] == "Northwind Wire"
        assert m["url"] == meta["url"]
        assert type(m["published_ts"]) is int and m["published_ts"] == ts
        assert m["ai_generated"] is True
        assert 0 <= m["start"] < m["end"] <= len(orvel.text)
    # Filters work on it.
    hits = c.collection().get(where={"published_ts": {"$gte": ts}}, include=["metadatas"])
    assert hits["ids"] and all(m["published_ts"] >= ts for m in hits["metadatas"])
    # Unknown outlet/date stay out of the metadata rather than being stored as a placeholder.
    plain_md = c.collection().get(where={"article_id": _row(c, "default-0.txt").id})["metadatas"]
    assert plain_md and all("outlet" not in m and "published_ts" not in m for m in plain_md)

    # Flipping a source's flag re-embeds exactly its articles with the new metadata.
    c.add_sources([str(default)], ai_generated=False)
    s = c.reindex()
    assert s.updated == 2 and s.unchanged == N_DEMO + 2
    mds = c.collection().get(where={"ai_generated": True}, include=["metadatas"])["metadatas"]
    assert {rows[m["article_id"]].origin.rsplit("/", 2)[-2] for m in mds} == {demo_copy.name}


def test_default_ai_generated_setting(tmp_path: Path, chroma_client) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path / "d", default_ai_generated=False)  # type: ignore[call-arg]
    index = NewsIndex(settings, embedder=HashEmbedder(), client=chroma_client)
    c = _ingest(index, "human", _plain(tmp_path / "p", 1))
    (md,) = c.collection().get(include=["metadatas"])["metadatas"]
    assert md["ai_generated"] is False


# --- (k) progress -------------------------------------------------------------------------------


def test_progress_phases(index: NewsIndex, demo_copy: Path) -> None:
    seen: list[tuple[str, int, int]] = []
    c = index.corpus("progress")
    c.add_sources([str(demo_copy)])
    s = c.reindex(progress=lambda *a: seen.append(a))
    phases = [p for p, _, _ in seen]
    for phase in ("read", "chunk", "embed", "keyword"):
        assert phase in phases
    # In pipeline order.
    firsts = [phases.index(p) for p in ("read", "chunk", "embed", "keyword")]
    assert firsts == sorted(firsts)
    for phase, done, total in seen:
        assert 0 <= done <= total, (phase, done, total)
    last = {p: (d, t) for p, d, t in seen}
    assert all(d == t for d, t in last.values())
    assert last["embed"] == (s.chunks, s.chunks) and last["chunk"] == (N_DEMO, N_DEMO)
    embeds = [d for p, d, _ in seen if p == "embed"]
    assert embeds == sorted(embeds), "progress never goes backwards"

    seen.clear()
    (demo_copy / "14-quillon-restricted-licence.txt").unlink()
    c.reindex(progress=lambda *a: seen.append(a))
    assert ("remove", 1, 1) in seen
    assert all(0 <= d <= t for _, d, t in seen)
