"""Per-corpus bookkeeping in SQLite: registered sources, the manifest of indexed articles and
their chunks, and which Chroma collection (generation) is live.

SQLite gives us the transaction Chroma lacks: an article's new chunks are written to Chroma first
under new ids, then one SQLite commit makes them the live ones. Readers only trust chunk ids that
the manifest lists, so a crash at any point leaves each article fully old or fully new.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .models import Article, Chunk

SCHEMA = """
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    spec TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    ai_generated INTEGER,          -- NULL: the global default
    outlet TEXT,                   -- NULL: whatever the input says
    added_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    generation INTEGER NOT NULL,
    id TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    source TEXT NOT NULL,
    origin TEXT NOT NULL,
    headline TEXT NOT NULL,
    summary TEXT NOT NULL,
    text TEXT NOT NULL,
    outlet TEXT,
    url TEXT,
    author TEXT,
    published_ts INTEGER,
    ai_generated INTEGER NOT NULL,
    related TEXT NOT NULL,
    chunk_ids TEXT NOT NULL,
    indexed_at TEXT NOT NULL,
    PRIMARY KEY (generation, id)
);
CREATE TABLE IF NOT EXISTS chunks (
    generation INTEGER NOT NULL,
    id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    n INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    header TEXT NOT NULL,
    PRIMARY KEY (generation, id)
);
CREATE INDEX IF NOT EXISTS chunks_article ON chunks (generation, article_id);
"""


@dataclass
class SourceRow:
    spec: str
    kind: str
    ai_generated: bool | None = None
    outlet: str | None = None
    added_at: str = ""


@dataclass
class ArticleRow:
    id: str
    content_hash: str
    source: str
    origin: str
    headline: str
    summary: str
    text: str
    outlet: str | None
    url: str | None
    author: str | None
    published_ts: int | None
    ai_generated: bool
    related: list[str]
    chunk_ids: list[str]
    indexed_at: str

    @property
    def published_at(self) -> datetime | None:
        return datetime.fromtimestamp(self.published_ts, UTC) if self.published_ts else None


@dataclass
class ChunkRow:
    id: str
    article_id: str
    n: int
    start: int
    end: int
    text: str
    header: str

    @property
    def indexed_text(self) -> str:
        return f"{self.header}\n{self.text}" if self.header else self.text


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class CorpusDB:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        # check_same_thread=False: the bot hands work to threads; each call is short and
        # SQLite serialises writers itself.
        self._conn = sqlite3.connect(path, timeout=30, check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.executescript(SCHEMA)
        self._conn.commit()

    def close(self) -> None:
        self._conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._conn:  # commits, or rolls back on an exception
            yield self._conn

    # --- state ---------------------------------------------------------------------------------
    def get_state(self, key: str, default: Any = None) -> Any:
        row = self._conn.execute("SELECT value FROM state WHERE key=?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set_state(self, key: str, value: Any, conn: sqlite3.Connection | None = None) -> None:
        (conn or self._conn).execute(
            "INSERT INTO state(key, value) VALUES(?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            (key, json.dumps(value)),
        )
        if conn is None:
            self._conn.commit()

    @property
    def generation(self) -> int:
        return int(self.get_state("generation", 1))

    @property
    def version(self) -> int:
        """Bumped on every change of the live index; readers cache against it."""
        return int(self.get_state("version", 0))

    def bump_version(self, conn: sqlite3.Connection) -> None:
        row = conn.execute("SELECT value FROM state WHERE key='version'").fetchone()
        self.set_state("version", (json.loads(row[0]) if row else 0) + 1, conn)

    # --- sources -------------------------------------------------------------------------------
    def add_source(self, src: SourceRow) -> bool:
        """True when newly added; an existing source keeps its options unless new ones are given."""
        with self.transaction() as c:
            cur = c.execute("SELECT 1 FROM sources WHERE spec=?", (src.spec,)).fetchone()
            if cur:
                if src.ai_generated is not None or src.outlet is not None:
                    c.execute(
                        "UPDATE sources SET ai_generated=COALESCE(?, ai_generated), "
                        "outlet=COALESCE(?, outlet) WHERE spec=?",
                        (_b(src.ai_generated), src.outlet, src.spec),
                    )
                return False
            c.execute(
                "INSERT INTO sources(spec, kind, ai_generated, outlet, added_at) VALUES(?,?,?,?,?)",
                (src.spec, src.kind, _b(src.ai_generated), src.outlet, src.added_at or now_iso()),
            )
            return True

    def remove_source(self, spec: str) -> bool:
        with self.transaction() as c:
            return c.execute("DELETE FROM sources WHERE spec=?", (spec,)).rowcount > 0

    def sources(self) -> list[SourceRow]:
        rows = self._conn.execute(
            "SELECT spec, kind, ai_generated, outlet, added_at FROM sources ORDER BY added_at, spec"
        ).fetchall()
        return [
            SourceRow(r[0], r[1], None if r[2] is None else bool(r[2]), r[3], r[4]) for r in rows
        ]

    # --- manifest ------------------------------------------------------------------------------
    def article_hashes(self, generation: int) -> dict[str, tuple[str, list[str]]]:
        """article id -> (content hash, chunk ids) for one generation."""
        rows = self._conn.execute(
            "SELECT id, content_hash, chunk_ids FROM articles WHERE generation=?", (generation,)
        ).fetchall()
        return {r[0]: (r[1], json.loads(r[2])) for r in rows}

    def write_articles(
        self,
        generation: int,
        items: Iterable[tuple[Article, str, list[Chunk]]],
        replace_ids: Iterable[str] = (),
        delete_ids: Iterable[str] = (),
    ) -> None:
        """One transaction: drop replaced/deleted articles, insert the new ones, bump the version."""
        ts = now_iso()
        with self.transaction() as c:
            for aid in list(replace_ids) + list(delete_ids):
                c.execute("DELETE FROM articles WHERE generation=? AND id=?", (generation, aid))
                c.execute(
                    "DELETE FROM chunks WHERE generation=? AND article_id=?", (generation, aid)
                )
            for art, source, chunks in items:
                c.execute(
                    "INSERT OR REPLACE INTO articles VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        generation,
                        art.id,
                        art.content_hash,
                        source,
                        art.origin,
                        art.headline,
                        art.summary,
                        art.text,
                        art.outlet,
                        art.url,
                        art.author,
                        art.published_ts,
                        int(art.ai_generated),
                        json.dumps(art.related),
                        json.dumps([ch.id for ch in chunks]),
                        ts,
                    ),
                )
                c.executemany(
                    "INSERT OR REPLACE INTO chunks VALUES(?,?,?,?,?,?,?,?)",
                    [
                        (
                            generation,
                            ch.id,
                            ch.article_id,
                            ch.n,
                            ch.start,
                            ch.end,
                            ch.text,
                            ch.header,
                        )
                        for ch in chunks
                    ],
                )
            self.bump_version(c)

    def drop_generation(self, generation: int) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM articles WHERE generation=?", (generation,))
            c.execute("DELETE FROM chunks WHERE generation=?", (generation,))

    def other_generations(self, keep: int) -> list[int]:
        rows = self._conn.execute(
            "SELECT DISTINCT generation FROM articles WHERE generation != ? "
            "UNION SELECT DISTINCT generation FROM chunks WHERE generation != ?",
            (keep, keep),
        ).fetchall()
        return [r[0] for r in rows]

    def switch_generation(self, generation: int) -> None:
        with self.transaction() as c:
            self.set_state("generation", generation, c)
            self.bump_version(c)

    # --- reads ---------------------------------------------------------------------------------
    def chunks(self, generation: int | None = None) -> list[ChunkRow]:
        g = self.generation if generation is None else generation
        rows = self._conn.execute(
            'SELECT id, article_id, n, start, "end", text, header FROM chunks '
            "WHERE generation=? ORDER BY article_id, n",
            (g,),
        ).fetchall()
        return [ChunkRow(*r) for r in rows]

    def articles(self, generation: int | None = None) -> dict[str, ArticleRow]:
        g = self.generation if generation is None else generation
        rows = self._conn.execute(
            "SELECT id, content_hash, source, origin, headline, summary, text, outlet, url, "
            "author, published_ts, ai_generated, related, chunk_ids, indexed_at "
            "FROM articles WHERE generation=?",
            (g,),
        ).fetchall()
        out = {}
        for r in rows:
            (aid, chash, source, origin, headline, summary, text, outlet, url, author, ts) = r[:11]
            out[aid] = ArticleRow(
                aid,
                chash,
                source,
                origin,
                headline,
                summary,
                text,
                outlet,
                url,
                author,
                ts,
                bool(r[11]),
                json.loads(r[12]),
                json.loads(r[13]),
                r[14],
            )
        return out

    def chunk_ids(self, generation: int | None = None) -> set[str]:
        g = self.generation if generation is None else generation
        rows = self._conn.execute("SELECT id FROM chunks WHERE generation=?", (g,)).fetchall()
        return {r[0] for r in rows}

    def counts(self) -> tuple[int, int]:
        g = self.generation
        a = self._conn.execute("SELECT COUNT(*) FROM articles WHERE generation=?", (g,)).fetchone()
        c = self._conn.execute("SELECT COUNT(*) FROM chunks WHERE generation=?", (g,)).fetchone()
        return int(a[0]), int(c[0])

    def newest_published_ts(self) -> int | None:
        row = self._conn.execute(
            "SELECT MAX(published_ts) FROM articles WHERE generation=?", (self.generation,)
        ).fetchone()
        return row[0] if row and row[0] is not None else None


def _b(v: bool | None) -> int | None:
    return None if v is None else int(v)
