"""The index facade: named corpora, each a Chroma collection plus its SQLite manifest and keyword
index. The reindex that keeps a corpus in step with its sources is in ingest/reindex.py."""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .corpusdb import ArticleRow, ChunkRow, CorpusDB, SourceRow, restore_backup
from .embedding import Embedder, embedder_from_settings
from .errors import ReindexRunning, UserFacingError
from .fetch import Fetcher
from .readside import ReadStore, ReadView, thaw_heap
from .reindex import ProgressFn, Reindex, ReindexSummary
from .settings import Settings
from .sources import SourceReader, normalise_spec
from .store import (
    check_corpus_name,
    collection_name,
    get_or_create_collection,
    make_client,
)

log = logging.getLogger(__name__)

FALLBACK_BATCH = 1000  # when the store cannot tell its own batch limit
WARNINGS_KEPT = 10


class Corpus:
    def __init__(self, index: NewsIndex, name: str) -> None:
        self.index = index
        self.name = check_corpus_name(name)
        self.dir = index.settings.corpora_dir / name
        self.db = CorpusDB(self.dir / "corpus.db", name)
        self.read = ReadStore(self.dir / "read")
        self._rows_cache: tuple[int, dict[str, ChunkRow], dict[str, ArticleRow]] | None = None
        self._rows_lock = threading.Lock()
        self.rows_builds = 0  # how many times rows() read the manifest (single flight: tests)

    def close(self) -> None:
        """Release the manifest's connections (a later call reopens them)."""
        self.db.close()

    def release(self) -> None:
        """Let go of an evicted corpus: drop its caches now. Its connections close when the last
        thread using it (a question, a reindex) lets go of the object: closing them under a
        running query would fail it."""
        self.read.drop()
        self._rows_cache = None

    # --- reading -------------------------------------------------------------------------------
    @property
    def collection_name(self) -> str:
        return collection_name(self.name, self.db.generation)

    def collection(self) -> Any:
        return get_or_create_collection(
            self.index.client, self.collection_name, self.index.settings.embedding_model
        )

    def check_model(self) -> None:
        """Vectors from two models (or from int8 and fp32 weights: see ``vector_space``) must
        never share a collection: refuse until a full rebuild."""
        built_with = self.db.get_state("embedding_model")
        wanted = self.index.settings.embedding_space
        if built_with and built_with != wanted and self.db.has_chunks():
            raise UserFacingError(
                f"corpus '{self.name}' was indexed with the embedding model {built_with!r} but "
                f"the configured model is {wanted!r} (NEWSBOT_EMBEDDING_MODEL, "
                f"NEWSBOT_EMBEDDING_BACKEND); rebuild it with: "
                f"newsbot reindex --full --corpus {self.name}"
            )

    def read_view(self) -> ReadView:
        """The live version's read side (postings, vectors, per-chunk facts), loaded from its
        segments or rebuilt from the manifest and Chroma when they are missing or stale."""
        return self.read.view(self)

    def word_counts(self) -> tuple[int, Counter[str]]:
        """(version, how often each word occurs in the chunk texts and headlines), from the
        read side: the question speller's vocabulary without reading every chunk."""
        view = self.read_view()
        return view.version, view.word_counts()

    def keyword_index(self) -> ReadView:
        """The keyword side of the read view (``ids``, ``version``, ``bm25``)."""
        return self.read_view()

    def rows(self) -> tuple[dict[str, ChunkRow], dict[str, ArticleRow]]:
        """The live chunks and articles, cached until the manifest changes."""
        _, chunks, arts = self.rows_at()
        return chunks, arts

    def rows_at(self) -> tuple[int, dict[str, ChunkRow], dict[str, ArticleRow]]:
        """(manifest version, chunks, articles), read in one snapshot, built once per version
        (concurrent callers wait for the one build) and swapped in whole."""
        cached = self._rows_cache
        if cached is not None and cached[0] == self.db.version:
            return cached
        with self._rows_lock:
            cached = self._rows_cache
            if cached is not None and cached[0] == self.db.version:
                return cached
            with self.db.snapshot():
                version = self.db.version
                chunks = {c.id: c for c in self.db.chunks()}
                arts = self.db.articles()
            self._rows_cache = (version, chunks, arts)
            self.rows_builds += 1
            return self._rows_cache

    # --- sources -------------------------------------------------------------------------------
    def add_sources(
        self, specs: list[str], *, ai_generated: bool | None = None, outlet: str | None = None
    ) -> list[str]:
        added = []
        for spec in specs:
            stored, kind = normalise_spec(spec)
            self.db.add_source(SourceRow(stored, kind, ai_generated, outlet))
            added.append(stored)
        return added

    def remove_source(self, spec: str) -> bool:
        if self.db.remove_source(spec):
            return True
        try:
            stored, _ = normalise_spec(spec)
        except UserFacingError:
            return False
        return self.db.remove_source(stored)

    def sources(self) -> list[SourceRow]:
        return self.db.sources()

    # --- status --------------------------------------------------------------------------------
    def vector_check(self) -> dict[str, int]:
        """Manifest chunks against the store's vectors. ``missing``: listed chunks without a
        vector (dense search cannot find them); ``orphans``: vectors no manifest row lists (left
        by an interrupted reindex, or being written by a running one). The next reindex repairs
        both."""
        listed = self.db.chunk_ids()
        present = set(self.collection().get(include=[])["ids"])
        return {
            "manifest": len(listed),
            "store": len(present),
            "missing": len(listed - present),
            "orphans": len(present - listed),
        }

    def warnings(self, vectors: dict[str, int] | None = None) -> list[str]:
        """What an admin should know about: store/manifest mismatches, and the problems the last
        reindex (or this process) logged at WARNING."""
        out: list[str] = []
        v = self.vector_check() if vectors is None else vectors
        if v["missing"]:
            out.append(
                f"{v['missing']} of {v['manifest']} indexed chunks have no vector in the store "
                "(dense search misses them); the next reindex repairs it"
            )
        last = self.db.get_state("last_reindex") or {}
        out.extend(last.get("warnings") or [])
        out.extend(self.index.warnings_for(self.name))
        return out

    def status(self) -> dict[str, Any]:
        self.db.check()  # an admin command: the whole-file check a question's open skips
        articles, chunks = self.db.counts()
        newest = self.db.newest_published_ts()
        s = self.index.settings
        vectors = self.vector_check()
        return {
            "corpus": self.name,
            "articles": articles,
            "chunks": chunks,
            "sources": len(self.db.sources()),
            "newest_article": datetime.fromtimestamp(newest, UTC).isoformat() if newest else None,
            "last_reindex": self.db.get_state("last_reindex"),
            "model": s.embedding_model,
            "embedding_backend": s.embedding_backend,
            "store": (
                f"server {s.chroma_host}:{s.chroma_port}"
                if s.chroma_mode == "server"
                else f"embedded {s.chroma_dir}"
            ),
            "collection": self.collection_name,
            "vectors": vectors,
            "warnings": self.warnings(vectors),
        }

    # --- reindex -------------------------------------------------------------------------------
    @contextmanager
    def _lock(self) -> Iterator[None]:
        self.dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.dir / "reindex.lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise ReindexRunning(self.name) from None
            yield
        finally:
            os.close(fd)

    def reindex(
        self,
        *,
        full: bool = False,
        progress: ProgressFn | None = None,
        fail_after_chunks: int | None = None,
    ) -> ReindexSummary:
        """Sync the index with the sources. ``fail_after_chunks`` injects a failure (tests)."""
        with self._lock():
            if not full:
                self.check_model()
            before = self.db.version
            s = Reindex(self, full, progress or (lambda *_: None), fail_after_chunks).run()
            self.db.set_state("embedding_model", self.index.settings.embedding_space)
            try:
                self.db.backup()  # the last good manifest, for `newsbot recover`
            except OSError as exc:
                self.index.warn(f"could not back up the manifest: {exc}", self.name)
        if self.db.version != before:
            # A new version: the next question loads its view and freezes the heap again;
            # cycles frozen with the old one are collected now rather than never.
            thaw_heap()
        return s


class NewsIndex:
    """Everything the read and write paths share: settings, the Chroma client, the one embedder,
    and the open corpora (at most ``max_open_corpora``, least recently used closed first)."""

    def __init__(
        self,
        settings: Settings,
        *,
        embedder: Embedder | None = None,
        client: Any = None,
        fetcher: Fetcher | None = None,
        public_only_fetch: bool = False,
        max_open_corpora: int | None = None,
    ) -> None:
        self.settings = settings
        self.public_only_fetch = public_only_fetch
        self._embedder = embedder
        self._client = client
        self._owns_client = client is None  # only what we made is ours to close
        self._fetcher = fetcher
        self._owns_fetcher = fetcher is None
        self._corpora: OrderedDict[str, Corpus] = OrderedDict()
        self.max_open_corpora = max(
            1, max_open_corpora if max_open_corpora is not None else settings.max_open_corpora
        )
        # One lock each: loading the model (seconds) must not hold up the store's client (the
        # health check) or opening a corpus.
        self._lock = threading.Lock()  # the corpora
        self._client_lock = threading.Lock()
        self._embedder_lock = threading.Lock()
        self._fetcher_lock = threading.Lock()
        self._max_batch: int | None = None
        # Problems noticed in this process that `status` shows: "" holds index-wide ones.
        self._warnings: dict[str, list[str]] = {}
        self._warn_lock = threading.Lock()

    def warn(self, text: str, corpus: str = "") -> None:
        """Log a problem at WARNING and keep it (the last few, once each) for ``status``."""
        log.warning("%s%s", f"corpus {corpus}: " if corpus else "", text)
        with self._warn_lock:
            kept = self._warnings.setdefault(corpus, [])
            if text in kept:
                kept.remove(text)
            kept.append(text)
            del kept[:-WARNINGS_KEPT]

    def clear_warnings(self, corpus: str) -> None:
        with self._warn_lock:
            self._warnings.pop(corpus, None)

    def warnings_for(self, corpus: str) -> list[str]:
        with self._warn_lock:
            return list(self._warnings.get("", [])) + list(self._warnings.get(corpus, []))

    def check_corpora(self) -> dict[str, list[str]]:
        """Every corpus's warnings (start-up check: manifest chunks without vectors...), each
        logged at WARNING; corpora that cannot be opened are reported, not raised."""
        out: dict[str, list[str]] = {}
        for name in self.corpus_names():
            try:
                found = self.corpus(name).warnings()
            except Exception as exc:
                found = [f"cannot be checked: {exc}"]
            for w in found:
                log.warning("corpus %s: %s", name, w)
            if found:
                out[name] = found
        return out

    @property
    def client(self) -> Any:
        with self._client_lock:
            if self._client is None:
                self._client = make_client(self.settings)
            return self._client

    def heartbeat(self) -> bool:
        """The store answers (blocking: the health check calls it in a thread)."""
        self.client.heartbeat()
        return True

    @property
    def max_batch(self) -> int:
        """The store's largest write batch (capped), asked once."""
        if self._max_batch is None:
            try:
                self._max_batch = min(int(self.client.get_max_batch_size()), 4096)
            except Exception as exc:
                self.warn(
                    f"the store did not say its batch size ({type(exc).__name__}: {exc}); "
                    f"writing {FALLBACK_BATCH} at a time"
                )
                return FALLBACK_BATCH
        return self._max_batch

    @property
    def embedder(self) -> Embedder:
        with self._embedder_lock:
            if self._embedder is None:
                self._embedder = embedder_from_settings(self.settings)
            return self._embedder

    def reader(self) -> SourceReader:
        s = self.settings
        with self._fetcher_lock:
            if self._fetcher is None:
                self._fetcher = Fetcher.from_settings(s, public_only=self.public_only_fetch)
        return SourceReader.from_settings(s, self._fetcher)

    def corpus(self, name: str = "default") -> Corpus:
        """The named corpus, opened on first use. Beyond ``max_open_corpora`` the least recently
        used one is let go: its connections are closed and its caches (keyword index, arrays,
        rows) freed once no thread still holds it; it reopens on its next use."""
        with self._lock:
            c = self._corpora.get(name)
            if c is not None:
                self._corpora.move_to_end(name)
                return c
        c = Corpus(self, name)  # opens SQLite: outside the lock
        evicted: list[Corpus] = []
        with self._lock:
            if name in self._corpora:  # another thread opened it meanwhile
                c.close()
                self._corpora.move_to_end(name)
                return self._corpora[name]
            self._corpora[name] = c
            while len(self._corpora) > self.max_open_corpora:
                evicted.append(self._corpora.popitem(last=False)[1])
        for old in evicted:
            old.release()
        return c

    def open_corpora(self) -> list[str]:
        with self._lock:
            return list(self._corpora)

    def close(self) -> None:
        """Close every open corpus's connections, the HTTP clients and (when this index made
        it) the store's client. For shutdown."""
        with self._lock:
            corpora, self._corpora = list(self._corpora.values()), OrderedDict()
        for c in corpora:
            c.close()
        with self._fetcher_lock:
            if self._fetcher is not None and self._owns_fetcher:
                self._fetcher.close()
                self._fetcher = None
        with self._client_lock:
            client, self._client = self._client, None
        if client is not None and self._owns_client:
            closer = getattr(client, "close", None)
            if callable(closer):
                try:
                    closer()
                except Exception as exc:  # shutting down: say so, never raise
                    log.warning("closing the store's client: %s", exc)

    def recover(self, name: str) -> tuple[Path, Path | None]:
        """Replace a damaged manifest with its last good backup (``newsbot recover``).
        Returns (the backup used, where the damaged file was moved)."""
        check_corpus_name(name)
        with self._lock:
            old = self._corpora.pop(name, None)
        if old is not None:
            old.close()
        cdir = self.settings.corpora_dir / name
        used, moved = restore_backup(cdir / "corpus.db", name)
        shutil.rmtree(cdir / "keyword", ignore_errors=True)  # derived: rebuilt from the manifest
        return used, moved

    def corpus_names(self) -> list[str]:
        root = self.settings.corpora_dir
        if not root.is_dir():
            return []
        return sorted(p.name for p in root.iterdir() if (p / "corpus.db").is_file())


def demo_articles_dir() -> Path:
    return Path(__file__).parent / "demo_articles"
