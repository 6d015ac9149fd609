"""The reindex keeps the articles it read in a spool (a temporary file past a few MB), not in
memory, and keeps only those it will write; what it indexes is the same either way."""

from __future__ import annotations

from pathlib import Path

import pytest

import ingest.spool as spool_mod
from ingest.index import NewsIndex
from ingest.models import Article
from ingest.spool import ArticleSpool


def _art(n: int, body: str = "") -> Article:
    return Article(
        headline=f"Ferry timetable {n} changes",
        body=body or f"The harbour board said crossing {n} now leaves at {n % 12 + 1} o'clock.",
        origin=f"/tmp/articles/{n}.txt",
        outlet="Harbour Courier",
    )


def test_spool_moves_to_a_file_and_gives_back_what_it_was_given(tmp_path: Path) -> None:
    arts = [(_art(n, "Ünïcode tides. " * 40), f"src{n % 3}") for n in range(60)]
    spool = ArticleSpool(tmp_path, memory_bytes=4096)
    spool.extend(arts)
    assert spool.on_disk, "60 articles of ~600 bytes are past a 4 KB memory cap"
    assert len(spool) == 60 and spool
    assert spool[7] == arts[7] and spool[-1] == arts[-1]
    assert list(spool) == arts
    assert spool.heads == [(a.id, a.content_hash) for a, _ in arts]
    with pytest.raises(IndexError):
        spool[60]
    spool.close()
    assert list(tmp_path.iterdir()) == [], "the spool's file has no name in the folder"


def test_articles_indexed_unchanged_are_noted_not_kept() -> None:
    same, edited, new = _art(1), _art(2), _art(3)
    indexed = {same.id: same.content_hash, edited.id: "an older hash"}
    spool = ArticleSpool(indexed=indexed)
    spool.extend([(same, "s"), (edited, "s"), (new, "s")])
    assert spool.heads == [(a.id, a.content_hash) for a in (same, edited, new)]
    assert spool[1] == (edited, "s") and spool[2] == (new, "s")
    with pytest.raises(LookupError, match="indexed unchanged"):
        spool[0]
    assert ArticleSpool() == [] and not ArticleSpool()


def test_a_reindex_through_a_spool_on_disk_indexes_the_same(
    index: NewsIndex, demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = index.corpus("in-memory")
    a.add_sources([str(demo_copy)])
    assert a.reindex().errors == []
    made: list[ArticleSpool] = []
    real_init = ArticleSpool.__init__

    def noting_init(self: ArticleSpool, *args: object, **kw: object) -> None:
        real_init(self, *args, **kw)  # type: ignore[arg-type]
        made.append(self)

    monkeypatch.setattr(spool_mod, "MEMORY_BYTES", 1024)
    monkeypatch.setattr(ArticleSpool, "__init__", noting_init)
    b = index.corpus("spooled")
    b.add_sources([str(demo_copy)])
    s = b.reindex()
    assert s.errors == [] and s.added == len(a.db.articles())
    assert made and made[-1].on_disk is True
    rows_a = {r.id: (r.text, r.content_hash, r.chunk_ids) for r in a.db.articles().values()}
    rows_b = {r.id: (r.text, r.content_hash, r.chunk_ids) for r in b.db.articles().values()}
    assert rows_a == rows_b
    # An unchanged second run spools nothing but the ids and hashes, and writes nothing.
    s2 = b.reindex()
    assert (s2.added, s2.updated, s2.embedded_chunks) == (0, 0, 0)
    assert len(made[-1].heads) == len(rows_b) and made[-1].on_disk is False
    # An edited article is read back from the spool and rewritten.
    first = sorted(demo_copy.glob("*.txt"))[0]
    lines = first.read_text(encoding="utf-8").split("\n")
    lines[2] += " A late correction was added."  # the first body paragraph
    first.write_text("\n".join(lines), encoding="utf-8")
    s3 = b.reindex()
    assert (s3.updated, s3.added) == (1, 0)
    assert any("A late correction" in r.text for r in b.db.articles().values())
