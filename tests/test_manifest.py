"""The SQLite manifest under damage and under concurrency: a damaged file gives one clear line and
a one-command recovery from the last good backup; every thread has its own connection (and so its
own transactions); the read caches are built once per manifest version and swapped in whole."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import bot.cli as cli
import ingest.reindex as reindex_mod
from bot.qa import arrays
from ingest.corpusdb import CorpusDB, ManifestDamaged, SourceRow
from ingest.index import Corpus, NewsIndex
from ingest.models import Article
from ingest.settings import Settings

from .fakes import HashEmbedder


def _ingest(index: NewsIndex, name: str, *specs: Path | str) -> Corpus:
    c = index.corpus(name)
    c.add_sources([str(s) for s in specs])
    s = c.reindex()
    assert s.errors == [], s.errors
    return c


def _edit(path: Path, extra: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[2] = lines[2] + " " + extra
    path.write_text("\n".join(lines), encoding="utf-8")


# --- item 4: a damaged manifest -----------------------------------------------------------------


def _damage(c: Corpus, how: str) -> Path:
    path = c.db.path
    c.close()  # the last connection's close checkpoints the WAL into the file
    assert not path.with_name(path.name + "-wal").exists()
    if how == "empty":
        path.write_bytes(b"")
    else:
        data = path.read_bytes()
        assert len(data) > 8192
        path.write_bytes(data[: len(data) // 2])
    return path


@pytest.mark.parametrize("how", ["truncated", "empty"])
def test_damaged_manifest_is_one_clear_line_then_recovered(
    settings: Settings, chroma_client, demo_copy: Path, how: str
) -> None:
    index = NewsIndex(settings, embedder=HashEmbedder(), client=chroma_client)
    c = _ingest(index, "hurt", demo_copy)
    before = (c.db.counts(), [s.spec for s in c.sources()], c.db.chunk_ids())
    path = _damage(c, how)

    fresh = NewsIndex(settings, embedder=HashEmbedder(), client=chroma_client)
    with pytest.raises(ManifestDamaged) as err:
        fresh.corpus("hurt")
    msg = str(err.value)
    assert "\n" not in msg
    assert str(path) in msg and "newsbot recover --corpus hurt" in msg
    # never silently a new, empty corpus: the file is left as it was
    assert path.stat().st_size == (0 if how == "empty" else path.stat().st_size)

    used, moved = fresh.recover("hurt")
    assert moved is not None and moved.exists() and used.name == "corpus.db.bak"
    c2 = fresh.corpus("hurt")
    assert (c2.db.counts(), [s.spec for s in c2.sources()], c2.db.chunk_ids()) == before
    s = c2.reindex()
    assert s.added == s.updated == s.removed == 0
    assert set(c2.collection().get(include=[])["ids"]) == c2.db.chunk_ids()


def test_backup_follows_each_successful_reindex(index: NewsIndex, demo_copy: Path) -> None:
    c = _ingest(index, "bk", demo_copy)
    bak = c.db.path.with_name("corpus.db.bak")
    first = CorpusDB(bak, "bk").counts()
    (demo_copy / "11-isel-ceasefire-signed.txt").unlink()
    c.reindex()
    assert CorpusDB(bak, "bk").counts() == c.db.counts() != first


def test_cli_commands_on_a_damaged_manifest_say_one_line(
    tmp_path: Path, demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    emb = HashEmbedder()
    monkeypatch.setattr(
        cli,
        "_index",
        lambda: NewsIndex(Settings(_env_file=None), embedder=emb),  # type: ignore[call-arg]
    )
    runner = CliRunner()

    def run(*args: str) -> Any:
        return runner.invoke(cli.app, list(args), env={"NEWSBOT_DATA_DIR": str(data)})

    assert run("ingest", str(demo_copy), "--corpus", "cli").exit_code == 0
    path = data / "corpora" / "cli" / "corpus.db"
    with sqlite3.connect(path) as conn:  # the ingest's writes, all in the file itself
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data_bytes = path.read_bytes()
    path.write_bytes(data_bytes[: len(data_bytes) // 2])
    for args in (("status",), ("reindex",), ("sources", "list")):
        r = run(*args, "--corpus", "cli")
        text = r.stdout + (r.stderr or "")
        assert r.exit_code == 2, (args, text)
        assert "Traceback" not in text and "DatabaseError" not in text
        assert "newsbot recover --corpus cli" in " ".join(text.split())
    r = run("recover", "--corpus", "cli")
    assert r.exit_code == 0, r.stdout + (r.stderr or "")
    r = run("status", "--corpus", "cli", "--json")
    assert r.exit_code == 0 and '"articles"' in r.stdout


# --- item 5: a connection per thread --------------------------------------------------------------


def _article(n: int) -> Article:
    return Article(headline=f"Headline {n}", body=f"Body number {n}.", origin=f"/x/{n}.txt")


def test_a_thread_cannot_commit_or_see_another_threads_transaction(tmp_path: Path) -> None:
    db = CorpusDB(tmp_path / "c" / "corpus.db", "c")
    in_txn, added, seen = threading.Event(), threading.Event(), {}

    def other() -> None:
        in_txn.wait(5)
        seen["articles"] = len(db.articles(1))  # must not see the uncommitted insert
        db.add_source(SourceRow("/some/where", "dir"))  # waits for the writer, then commits
        added.set()

    t = threading.Thread(target=other)
    t.start()
    with pytest.raises(RuntimeError, match="reindex failed"), db.transaction() as c:
        c.execute(
            "INSERT INTO articles VALUES(1,'a1','h','s','o','H','','t',NULL,NULL,NULL,"
            "NULL,1,'[]','[]','now')"
        )
        in_txn.set()
        time.sleep(0.3)  # the other thread runs meanwhile
        raise RuntimeError("reindex failed")
    t.join(10)
    assert added.is_set()
    assert seen["articles"] == 0
    assert db.articles(1) == {}  # rolled back, not committed by the other thread
    assert [s.spec for s in db.sources()] == ["/some/where"]


def test_each_thread_has_its_own_connection_and_close_releases_them(tmp_path: Path) -> None:
    db = CorpusDB(tmp_path / "c" / "corpus.db", "c")
    conns: list[Any] = []
    barrier = threading.Barrier(4)

    def grab() -> None:
        conns.append(db._conn)
        barrier.wait(5)

    threads = [threading.Thread(target=grab) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(c) for c in conns}) == 4
    db.close()
    assert db.open_connections() == 0
    assert db.counts() == (0, 0)  # reopens on use


# --- item 6: single-flight cache builds, one version bump per reindex ---------------------------


def test_one_version_bump_per_reindex(
    index: NewsIndex, demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reindex_mod, "COMMIT_CHUNKS", 1)  # a commit per article
    c = _ingest(index, "ver", demo_copy)
    v = c.db.version
    for name in ("01", "02", "03"):
        (path,) = demo_copy.glob(f"{name}-*.txt")
        _edit(path, "A late correction was issued.")
    assert c.reindex().updated == 3
    assert c.db.version == v + 1
    assert c.keyword_index().version == v + 1  # the reindex published it with the version
    assert c.read.rebuilds == 0  # ... so no reader rebuilt it from the manifest
    assert c.reindex().updated == 0
    assert c.db.version == v + 1  # nothing changed: no bump
    c.reindex(full=True)
    assert c.db.version == v + 2


def test_concurrent_readers_build_the_caches_once(
    settings: Settings, chroma_client, demo_copy: Path
) -> None:
    index = NewsIndex(settings, embedder=HashEmbedder(), client=chroma_client)
    _ingest(index, "sf", demo_copy)
    # A fresh process's view: nothing cached, read side on disk stale (a new version).
    fresh = NewsIndex(settings, embedder=HashEmbedder(), client=chroma_client)
    c = fresh.corpus("sf")
    c.db.bump_version()
    before = arrays.stats["builds"]
    barrier = threading.Barrier(8)
    got: list[Any] = []
    errors: list[BaseException] = []

    def read() -> None:
        try:
            barrier.wait(5)
            got.append(arrays.corpus_arrays(c))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=read) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert arrays.stats["builds"] - before == 1
    assert c.read.rebuilds == 1 and c.rows_builds == 0  # chunk texts are not all loaded
    assert len({id(a) for a in got}) == 1 and got[0].version == c.db.version


# --- the whole-file check: where damage may have come in unseen, not on every open (issue 13) ----


def _filled(path: Path) -> CorpusDB:
    db = CorpusDB(path, "c")
    for n in range(300):
        db.add_source(SourceRow(f"/some/where/{n}/" + "x" * 200, "dir"))
    return db


def _spoil_a_page(path: Path) -> None:
    """Damage inside the file (not its size): a page in its middle gets a bad b-tree type."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    assert len(data) >= 8 * page
    data[(len(data) // page // 2) * page] = 0x7F  # that page's type byte
    path.write_bytes(bytes(data))


def test_a_clean_open_skips_the_whole_file_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c" / "corpus.db"
    _filled(path).close()
    assert not path.with_name("corpus.db-wal").exists()
    checks: list[Path] = []
    real = CorpusDB._check
    monkeypatch.setattr(CorpusDB, "_check", lambda self, conn: checks.append(self.path))
    CorpusDB(path, "c").close()  # what a question-serving process does after a clean stop
    assert checks == []
    CorpusDB(path, "c", check=True).close()
    assert checks == [path]
    monkeypatch.setattr(CorpusDB, "_check", real)


def test_damage_inside_the_file_is_found_where_it_matters(tmp_path: Path) -> None:
    path = tmp_path / "c" / "corpus.db"
    db = _filled(path)
    db.backup()
    good = path.with_name("corpus.db.bak").read_bytes()
    db.close()
    _spoil_a_page(path)

    # admin commands (status) and an explicit check find it
    with pytest.raises(ManifestDamaged, match="integrity check"):
        CorpusDB(path, "c", check=True)
    db = CorpusDB(path, "c")
    with pytest.raises(ManifestDamaged, match="integrity check"):
        db.check()
    # the last good copy is never replaced by a damaged one
    with pytest.raises(ManifestDamaged):
        db.backup()
    db.close()
    assert path.with_name("corpus.db.bak").read_bytes() == good
    assert not path.with_name("corpus.db.bak.tmp").exists()


def test_an_unclean_stop_makes_the_next_open_check_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "c" / "corpus.db"
    _filled(path).close()
    # a writer that stopped without closing: its WAL is left beside the file
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("INSERT INTO state(key, value) VALUES('k', '1')")
    writer.commit()
    left = tmp_path / "left"
    left.mkdir()
    for name in ("corpus.db", "corpus.db-wal"):
        (left / name).write_bytes(path.with_name(name).read_bytes())
    writer.close()
    _spoil_a_page(left / "corpus.db")
    assert (left / "corpus.db-wal").stat().st_size > 0
    with pytest.raises(ManifestDamaged, match="integrity check"):
        CorpusDB(left / "corpus.db", "c")


def test_a_file_shorter_than_its_header_says_is_damaged_on_open(tmp_path: Path) -> None:
    path = tmp_path / "c" / "corpus.db"
    _filled(path).close()
    data = path.read_bytes()
    page = int.from_bytes(data[16:18], "big")
    path.write_bytes(data[: len(data) - page])  # one whole page short: SQLite alone may not see it
    with pytest.raises(ManifestDamaged, match="truncated"):
        CorpusDB(path, "c")
