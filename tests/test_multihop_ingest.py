"""The public MultiHop-RAG corpus (609 news articles in one JSON export) indexes completely.

The same path as ``newsbot ingest ../shared/eval/multihop-rag/corpus.json``, with the fast
deterministic embedder: every article indexed, no errors, outlets and dates carried through.
"""

from __future__ import annotations

import json
from datetime import datetime

from ingest.index import NewsIndex
from ingest.settings import Settings

from .conftest import shared_path
from .fakes import HashEmbedder

N_ARTICLES = 609


def test_multihop_corpus_indexes_every_article(settings: Settings, chroma_client) -> None:
    path = shared_path("eval", "multihop-rag", "corpus.json")
    # Long chunks keep this fast (a quarter of the chunks to write); chunk sizing has its own tests.
    embedder = HashEmbedder(max_tokens=1024)
    index = NewsIndex(settings, embedder=embedder, client=chroma_client)
    records = json.loads(path.read_text(encoding="utf-8"))
    assert len(records) == N_ARTICLES

    c = index.corpus("multihop")
    c.add_sources([str(path)])
    s = c.reindex()
    assert s.errors == [] and s.skipped == 0
    assert (s.added, s.articles) == (N_ARTICLES, N_ARTICLES)
    assert s.embedded_chunks == s.chunks == embedder.embedded
    assert c.collection().count() == s.chunks

    rows = c.db.articles()
    assert len(rows) == N_ARTICLES
    by_url = {r.url: r for r in rows.values()}
    assert len(by_url) == N_ARTICLES, "each article keeps its own URL (and so its own id)"
    for rec in records:
        row = by_url[rec["url"]]
        assert row.headline == rec["title"].strip()
        assert row.outlet == rec["source"]
        want = datetime.fromisoformat(rec["published_at"])
        assert row.published_at == want, rec["url"]
        assert row.ai_generated is True  # the default: the export carries no flag
    assert all(r.outlet for r in rows.values()) and all(r.published_ts for r in rows.values())
    assert len({r.outlet for r in rows.values()}) > 10

    # Chunk metadata carries outlet and date for filters.
    mds = c.collection().get(limit=200, include=["metadatas"])["metadatas"]
    assert all(isinstance(m["published_ts"], int) and m["outlet"] for m in mds)

    st = c.status()
    newest = max(datetime.fromisoformat(r["published_at"]) for r in records)
    assert datetime.fromisoformat(st["newest_article"]) == newest

    before = embedder.embedded
    s = c.reindex()
    assert s.unchanged == N_ARTICLES and embedder.embedded == before
