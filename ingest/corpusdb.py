"""Per-corpus bookkeeping in SQLite: registered sources, the manifest of indexed articles and
their chunks, and which Chroma collection (generation) is live.

SQLite gives us the transaction Chroma lacks: an article's new chunks are written to Chroma first
under new ids, then one SQLite commit makes them the live ones. Readers only trust chunk ids that
the manifest lists, so a crash at any point leaves each article fully old or fully new.

Map: the row types (``SourceRow``, ``ArticleRow``, ``ArticleOrigin``, ``ChunkRow``) first; then
``ManifestDamaged`` and the guard that turns a damaged file into it; then ``CorpusDB``: its
connection, transactions, snapshot and backup, the state keys (generation, version, writes), the
sources, the writes of a reindex (``write_articles``, ``drop_generation``, ``switch_generation``)
and the reads (chunks, articles, counts, newest date); at the end the file checks and
``restore_backup``.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar, cast

from .errors import UserFacingError
from .models import Article, Chunk

F = TypeVar("F", bound=Callable[..., Any])

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
-- The newest article (asked on every question) without a scan of them all.
CREATE INDEX IF NOT EXISTS articles_published ON articles (generation, published_ts);
"""


# --- rows -----------------------------------------------------------------------------------------
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
class ArticleOrigin:
    source: str
    origin: str
    published_ts: int | None
    indexed_at: str


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


# --- a damaged manifest ---------------------------------------------------------------------------
class ManifestDamaged(UserFacingError):
    """The corpus's SQLite manifest cannot be read: one line naming the file and the way back."""

    def __init__(self, corpus: str, path: Path, reason: str) -> None:
        bak = backup_path(path)
        if bak.is_file():
            when = datetime.fromtimestamp(bak.stat().st_mtime, UTC).isoformat(timespec="seconds")
            how = (
                f"restore the last good copy (saved {when}) with: newsbot recover --corpus {corpus}"
            )
        else:
            how = (
                f"no backup of it exists: move it aside (mv {path} {path}.damaged) and add the "
                "corpus's sources again"
            )
        super().__init__(f"the manifest of corpus '{corpus}' ({path}) is damaged ({reason}); {how}")
        self.corpus = corpus
        self.path = path


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


@contextmanager
def _guard(corpus: str, path: Path) -> Iterator[None]:
    """Turn SQLite's "not a database" / "malformed" errors into one clear ManifestDamaged.

    OperationalError (locked, disk full, read-only) is a state of the machine, not damage: it
    passes through as it is."""
    try:
        yield
    except sqlite3.OperationalError:
        raise
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.IntegrityError | sqlite3.ProgrammingError):
            raise
        raise ManifestDamaged(corpus, path, str(exc)) from None


def _guarded(fn: F) -> F:
    @functools.wraps(fn)
    def wrapper(self: CorpusDB, *args: Any, **kwargs: Any) -> Any:
        with _guard(self.corpus, self.path):
            return fn(self, *args, **kwargs)

    return cast(F, wrapper)


# --- the manifest of one corpus -------------------------------------------------------------------
class CorpusDB:
    """One corpus's manifest. Each thread gets its own SQLite connection: a transaction belongs to
    its connection, so the reindex thread's open transaction is never committed, rolled back or
    read half-done by a question or an admin command running in another thread."""

    def __init__(self, path: Path, corpus: str | None = None, check: bool | None = None) -> None:
        """``check``: run SQLite's whole-file ``quick_check`` on open (True), never (False), or
        only when the last writer did not close cleanly (None). A cheap check of the header
        against the file's size is always made (a truncated file)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.corpus = corpus or path.parent.name
        self._local = threading.local()
        self._conns: dict[int, sqlite3.Connection] = {}  # thread id -> its connection
        self._conns_lock = threading.Lock()
        self._epoch = 0  # bumped by close(): threads then open fresh connections
        try:
            empty = path.stat().st_size == 0
        except FileNotFoundError:
            empty = False
        if empty:
            # SQLite writes its header with the first commit, which we make right here: an empty
            # file is a truncated manifest, never a new corpus (that would forget its sources).
            raise ManifestDamaged(self.corpus, path, "the file is empty")
        if problem := _header_problem(path):
            raise ManifestDamaged(self.corpus, path, problem)
        unclean = _wal_left(path)  # before this open makes one
        with _guard(self.corpus, path):
            conn = self._conn
            # A whole-file check costs a read of the whole file (0.2 s at 10k articles): it is made
            # where damage may have come in unseen, not on every open of a question-serving
            # process. A WAL left at open means its last writer did not close cleanly (the last
            # connection's close checkpoints and removes it), or that another process has it open
            # now (which made this check, if it was the first to open after a crash).
            if check or (check is None and unclean):
                self._check(conn)
            conn.executescript(SCHEMA)
            conn.commit()

    @property
    def _conn(self) -> sqlite3.Connection:
        got = getattr(self._local, "conn", None)
        if got is not None and got[0] == self._epoch:
            return cast(sqlite3.Connection, got[1])
        # check_same_thread=False only so close() may close it from another thread.
        conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        self._local.conn = (self._epoch, conn)
        with self._conns_lock:
            alive = {t.ident for t in threading.enumerate()}
            for tid in [t for t in self._conns if t not in alive]:
                self._conns.pop(tid).close()  # its thread has ended
            old = self._conns.pop(threading.get_ident(), None)
            if old is not None:
                old.close()
            self._conns[threading.get_ident()] = conn
        return conn

    def open_connections(self) -> int:
        with self._conns_lock:
            return len(self._conns)

    def close(self) -> None:
        """Close every thread's connection (a later call opens a fresh one)."""
        with self._conns_lock:
            self._epoch += 1
            conns, self._conns = list(self._conns.values()), {}
        for c in conns:
            c.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction on this thread's connection: IMMEDIATE, so it holds the write lock
        from its first statement (its reads and writes see one state), commits on success and
        rolls back on an exception."""
        conn = self._conn
        with _guard(self.corpus, self.path):
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.rollback()
                raise
            conn.commit()

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads inside see one committed state of the manifest (a WAL read transaction)."""
        conn = self._conn
        if conn.in_transaction:  # nested: the outer one already holds a snapshot
            yield
            return
        with _guard(self.corpus, self.path):
            conn.execute("BEGIN")
            try:
                yield
            finally:
                conn.rollback()  # read-only: nothing to commit

    # --- backup --------------------------------------------------------------------------------
    @_guarded
    def backup(self) -> Path:
        """Copy the manifest, consistently, to ``corpus.db.bak`` (SQLite's online backup)."""
        dst = backup_path(self.path)
        tmp = dst.with_name(dst.name + ".tmp")
        tmp.unlink(missing_ok=True)
        out = sqlite3.connect(tmp)
        try:
            self._conn.backup(out)
            # Never replace the last good copy with a damaged one: the copy is checked whole.
            got = out.execute("PRAGMA quick_check").fetchone()
        finally:
            out.close()
        if not got or got[0] != "ok":
            tmp.unlink(missing_ok=True)
            raise ManifestDamaged(self.corpus, self.path, f"integrity check: {got and got[0]}")
        os.replace(tmp, dst)
        return dst

    @_guarded
    def check(self) -> None:
        """SQLite's whole-file ``quick_check`` (admin commands): ManifestDamaged when it fails."""
        self._check(self._conn)

    def _check(self, conn: sqlite3.Connection) -> None:
        got = conn.execute("PRAGMA quick_check").fetchone()
        if not got or got[0] != "ok":
            raise ManifestDamaged(self.corpus, self.path, f"integrity check: {got and got[0]}")

    # --- state ---------------------------------------------------------------------------------
    @_guarded
    def get_state(self, key: str, default: Any = None) -> Any:
        row = self._conn.execute("SELECT value FROM state WHERE key=?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    @_guarded
    def set_state(self, key: str, value: Any, conn: sqlite3.Connection | None = None) -> None:
        if conn is None:
            with self.transaction() as c:
                self.set_state(key, value, c)
            return
        conn.execute(
            "INSERT INTO state(key, value) VALUES(?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            (key, json.dumps(value)),
        )

    @property
    def generation(self) -> int:
        return int(self.get_state("generation", 1))

    @property
    def writes(self) -> int:
        """How many manifest writes there have been. A reindex bumps ``version`` once, when it
        ends; a run killed before that leaves its commits with no bump, so a structure derived
        from the manifest records this too, to tell that it no longer describes it."""
        return int(self.get_state("writes", 0))

    def _count_write(self, conn: sqlite3.Connection) -> None:
        row = conn.execute("SELECT value FROM state WHERE key='writes'").fetchone()
        self.set_state("writes", (json.loads(row[0]) if row else 0) + 1, conn)

    @property
    def version(self) -> int:
        """Bumped once per change of what readers see (a reindex, a generation switch);
        readers cache against it."""
        return int(self.get_state("version", 0))

    def bump_version(
        self,
        conn: sqlite3.Connection | None = None,
        publish: tuple[str, dict[str, Any] | None] | None = None,
    ) -> None:
        """Move readers to a new version. ``publish`` = (state key, value): stored in the same
        transaction with the new version in its ``version`` field (None deletes the key), so a
        derived structure and the manifest change it describes become visible together."""
        if conn is None:
            with self.transaction() as c:
                self.bump_version(c, publish)
            return
        row = conn.execute("SELECT value FROM state WHERE key='version'").fetchone()
        version = (json.loads(row[0]) if row else 0) + 1
        self.set_state("version", version, conn)
        if publish is not None:
            key, value = publish
            if value is None:
                conn.execute("DELETE FROM state WHERE key=?", (key,))
            else:
                w = conn.execute("SELECT value FROM state WHERE key='writes'").fetchone()
                writes = json.loads(w[0]) if w else 0
                self.set_state(key, {**value, "version": version, "writes": writes}, conn)

    @_guarded
    def set_state_if(
        self, key: str, value: Any, *, version: int, generation: int, writes: int | None = None
    ) -> bool:
        """Store ``value`` only while the manifest is still at ``version`` and ``generation``
        (and, given ``writes``, has had no write since): a derived structure rebuilt by a reader
        must not describe a later manifest."""
        with self.transaction() as c:
            row = c.execute("SELECT value FROM state WHERE key='version'").fetchone()
            g = c.execute("SELECT value FROM state WHERE key='generation'").fetchone()
            w = c.execute("SELECT value FROM state WHERE key='writes'").fetchone()
            if (json.loads(row[0]) if row else 0) != version or (
                json.loads(g[0]) if g else 1
            ) != generation:
                return False
            if writes is not None and (json.loads(w[0]) if w else 0) != writes:
                return False
            self.set_state(key, value, c)
            return True

    # --- sources -------------------------------------------------------------------------------
    @_guarded
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

    @_guarded
    def remove_source(self, spec: str) -> bool:
        with self.transaction() as c:
            return c.execute("DELETE FROM sources WHERE spec=?", (spec,)).rowcount > 0

    @_guarded
    def sources(self) -> list[SourceRow]:
        rows = self._conn.execute(
            "SELECT spec, kind, ai_generated, outlet, added_at FROM sources ORDER BY added_at, spec"
        ).fetchall()
        return [
            SourceRow(r[0], r[1], None if r[2] is None else bool(r[2]), r[3], r[4]) for r in rows
        ]

    # --- manifest ------------------------------------------------------------------------------
    @_guarded
    def article_hashes(self, generation: int) -> dict[str, tuple[str, list[str]]]:
        """article id -> (content hash, chunk ids) for one generation."""
        rows = self._conn.execute(
            "SELECT id, content_hash, chunk_ids FROM articles WHERE generation=?", (generation,)
        ).fetchall()
        return {r[0]: (r[1], json.loads(r[2])) for r in rows}

    @_guarded
    def write_articles(
        self,
        generation: int,
        items: Iterable[tuple[Article, str, list[Chunk]]],
        replace_ids: Iterable[str] = (),
        delete_ids: Iterable[str] = (),
    ) -> None:
        """One transaction: drop replaced/deleted articles, insert the new ones. The version is
        bumped by the reindex once it has finished, not per commit: readers keep their caches
        for the whole run instead of rebuilding them every 512 chunks."""
        ts = now_iso()
        with self.transaction() as c:
            self._count_write(c)
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

    @_guarded
    def drop_generation(self, generation: int) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM articles WHERE generation=?", (generation,))
            c.execute("DELETE FROM chunks WHERE generation=?", (generation,))

    @_guarded
    def other_generations(self, keep: int) -> list[int]:
        rows = self._conn.execute(
            "SELECT DISTINCT generation FROM articles WHERE generation != ? "
            "UNION SELECT DISTINCT generation FROM chunks WHERE generation != ?",
            (keep, keep),
        ).fetchall()
        return [r[0] for r in rows]

    @_guarded
    def switch_generation(
        self, generation: int, publish: tuple[str, dict[str, Any] | None] | None = None
    ) -> None:
        with self.transaction() as c:
            self.set_state("generation", generation, c)
            self.bump_version(c, publish)

    # --- reads ---------------------------------------------------------------------------------
    @_guarded
    def chunks(self, generation: int | None = None) -> list[ChunkRow]:
        g = self.generation if generation is None else generation
        rows = self._conn.execute(
            'SELECT id, article_id, n, start, "end", text, header FROM chunks '
            "WHERE generation=? ORDER BY article_id, n",
            (g,),
        ).fetchall()
        return [ChunkRow(*r) for r in rows]

    @_guarded
    def articles(self, generation: int | None = None) -> dict[str, ArticleRow]:
        g = self.generation if generation is None else generation
        return self._articles_where("generation=?", (g,))

    def article_ids_by_url(
        self, urls: Sequence[str], generation: int | None = None
    ) -> dict[str, str]:
        """url -> article id, for those of ``urls`` an article of the generation has."""
        g = self.generation if generation is None else generation
        urls = list(dict.fromkeys(urls))[:50]
        if not urls:
            return {}
        marks = ",".join("?" * len(urls))
        rows = self._conn.execute(
            f"SELECT url, id FROM articles WHERE generation=? AND url IN ({marks})", (g, *urls)
        ).fetchall()
        return {u: aid for u, aid in rows}

    def _articles_where(self, where: str, args: tuple[Any, ...]) -> dict[str, ArticleRow]:
        rows = self._conn.execute(
            "SELECT id, content_hash, source, origin, headline, summary, text, outlet, url, "
            "author, published_ts, ai_generated, related, chunk_ids, indexed_at "
            f"FROM articles WHERE {where}",
            args,
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

    def iter_chunk_batches(
        self, generation: int, size: int
    ) -> Iterator[list[tuple[ChunkRow, tuple[str | None, int | None, str]]]]:
        """The generation's chunks with their article's (outlet, published ts, headline),
        ``size`` at a time, read in one snapshot without holding them all."""
        with self.snapshot():
            cur = self._conn.execute(
                'SELECT c.id, c.article_id, c.n, c.start, c."end", c.text, c.header, a.outlet, '
                "a.published_ts, a.headline FROM chunks c JOIN articles a "
                "ON a.generation = c.generation AND a.id = c.article_id "
                "WHERE c.generation=? ORDER BY c.article_id, c.n",
                (generation,),
            )
            while rows := cur.fetchmany(size):
                yield [(ChunkRow(*r[:7]), (r[7], r[8], r[9])) for r in rows]

    @_guarded
    def chunk_rows(self, ids: Sequence[str], generation: int | None = None) -> dict[str, ChunkRow]:
        """Chunks by id (those still listed)."""
        g = self.generation if generation is None else generation
        out: dict[str, ChunkRow] = {}
        for i in range(0, len(ids), 500):
            part = list(ids[i : i + 500])
            rows = self._conn.execute(
                'SELECT id, article_id, n, start, "end", text, header FROM chunks '
                f"WHERE generation=? AND id IN ({','.join('?' * len(part))})",
                (g, *part),
            ).fetchall()
            out.update((r[0], ChunkRow(*r)) for r in rows)
        return out

    @_guarded
    def article_row(self, article_id: str, generation: int | None = None) -> ArticleRow | None:
        g = self.generation if generation is None else generation
        got = self._articles_where("generation=? AND id=?", (g, article_id))
        return got.get(article_id)

    @_guarded
    def article_origins(self, generation: int) -> dict[str, ArticleOrigin]:
        """Where each article came from and when, without its text (what a reindex needs to
        decide what to keep: a corpus's texts are never all held at once)."""
        rows = self._conn.execute(
            "SELECT id, source, origin, published_ts, indexed_at FROM articles WHERE generation=?",
            (generation,),
        ).fetchall()
        return {r[0]: ArticleOrigin(*r[1:]) for r in rows}

    @_guarded
    def chunk_ids(self, generation: int | None = None) -> set[str]:
        g = self.generation if generation is None else generation
        rows = self._conn.execute("SELECT id FROM chunks WHERE generation=?", (g,)).fetchall()
        return {r[0] for r in rows}

    @_guarded
    def counts(self) -> tuple[int, int]:
        with self.snapshot():
            g = self.generation
            c = self._conn
            a = c.execute("SELECT COUNT(*) FROM articles WHERE generation=?", (g,)).fetchone()
            n = c.execute("SELECT COUNT(*) FROM chunks WHERE generation=?", (g,)).fetchone()
        return int(a[0]), int(n[0])

    @_guarded
    def has_chunks(self) -> bool:
        """Whether the live generation lists any chunk (without counting them all)."""
        row = self._conn.execute(
            "SELECT EXISTS(SELECT 1 FROM chunks WHERE generation=?)", (self.generation,)
        ).fetchone()
        return bool(row[0])

    @_guarded
    def newest_published_ts(self, before: float | None = None) -> int | None:
        """When the newest article was published (before ``before``, a timestamp, if given)."""
        row = self._conn.execute(
            "SELECT MAX(published_ts) FROM articles WHERE generation=? AND published_ts <= ?",
            (self.generation, before if before is not None else float("inf")),
        ).fetchone()
        return row[0] if row and row[0] is not None else None


# --- checking and restoring the file --------------------------------------------------------------
def _wal_left(path: Path) -> bool:
    """Whether the manifest has a non-empty write-ahead log beside it."""
    try:
        return path.with_name(path.name + "-wal").stat().st_size > 0
    except FileNotFoundError:
        return False


def _header_problem(path: Path) -> str | None:
    """What the file's header says is wrong with it, cheaply (the first 100 bytes and its size):
    not an SQLite file, or shorter than the pages its header counts (a truncated copy). The size
    is compared only when no WAL is left: pages the WAL holds may not be in the file yet."""
    try:
        with path.open("rb") as f:
            head = f.read(100)
        size = path.stat().st_size
    except FileNotFoundError:
        return None  # a new corpus
    if len(head) < 100 or not head.startswith(b"SQLite format 3\x00"):
        return "not an SQLite database"
    page = int.from_bytes(head[16:18], "big")
    page = 65536 if page == 1 else page
    pages = int.from_bytes(head[28:32], "big")
    # The header's page count is valid when its change counter matches 'version-valid-for'.
    valid = head[24:28] == head[92:96] and pages > 0
    if valid and not _wal_left(path) and size < page * pages:
        return f"truncated: {size} bytes where its header counts {page * pages}"
    return None


def restore_backup(path: Path, corpus: str) -> tuple[Path, Path | None]:
    """Put the last good manifest (``corpus.db.bak``) back in place of a damaged or lost one.

    The damaged file (and its WAL, which belongs to it and must never be replayed into the copy)
    is kept beside it as ``corpus.db.damaged-<time>``. Returns (backup used, where the damaged
    file went). The version is bumped past anything cached from the damaged file; vectors written
    after the backup are orphans that the next reindex removes (or re-embeds, when missing).
    """
    bak = backup_path(path)
    if not bak.is_file():
        raise UserFacingError(f"corpus '{corpus}' has no backup manifest ({bak}) to restore")
    probe = sqlite3.connect(f"file:{bak}?mode=ro", uri=True)
    try:
        ok = probe.execute("PRAGMA quick_check").fetchone()
        version = probe.execute("SELECT value FROM state WHERE key='version'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise UserFacingError(f"the backup manifest {bak} is damaged too ({exc})") from None
    finally:
        probe.close()
    if not ok or ok[0] != "ok":
        raise UserFacingError(f"the backup manifest {bak} is damaged too ({ok and ok[0]})")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    moved: Path | None = None
    if path.exists():
        moved = path.with_name(f"{path.name}.damaged-{stamp}")
        os.replace(path, moved)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            if moved is not None:
                os.replace(side, moved.with_name(moved.name + suffix))
            else:
                side.unlink()
    tmp = path.with_name(path.name + ".restoring")
    shutil.copyfile(bak, tmp)
    os.replace(tmp, path)
    db = CorpusDB(path, corpus)
    try:
        old = int(json.loads(version[0])) if version else 0
        # Readers elsewhere may hold caches tagged with the damaged file's later versions.
        db.set_state("version", old + 1_000_000)
    finally:
        db.close()
    return bak, moved


def _b(v: bool | None) -> int | None:
    return None if v is None else int(v)
