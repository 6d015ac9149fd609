from __future__ import annotations

from pathlib import Path

from ingest.index import NewsIndex


def test_demo_ingest_then_noop(index: NewsIndex, demo_copy: Path, embedder) -> None:
    c = index.corpus("t1")
    c.add_sources([str(demo_copy)])
    s = c.reindex()
    assert s.added == 14 and s.errors == []
    before = embedder.embedded
    s2 = c.reindex()
    assert s2.unchanged == 14 and s2.added == 0
    assert embedder.embedded == before
