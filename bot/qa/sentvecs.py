"""Sentence vectors computed ahead of questions, so that an answer's shortlist (the dozen sentences
``bot.qa.extractive`` scores by meaning) is a lookup instead of a model call: that call is about
half of an answer's time on a CPU.

Why not at ingest: the sentences of an article hold about as many word-pieces as its chunks, so
embedding both would halve a reindex's speed, and a reindex is what members wait for. Instead the
running bot fills them in after a reindex, in the background (:class:`SentenceFiller`), its
batches giving way to questions (``ingest.batching.ModelGate``); until a sentence is stored its
answer embeds it as before. The file is a cache keyed by the exact text embedded, so a vector is
never attached to other words, an interrupted fill loses nothing but time, and a reindex needs no
coordination with it.

One append-only file per corpus and vector space (``<corpus>/sentences/<space>.vec``): a 16-byte
header, then records of a 64-bit key (BLAKE2b of the text) and the vector in float16 (cosines
move by about 1e-3 at most). A torn last record (a crash mid-write) is cut off by the next writer
and ignored by readers; an all-zero record is skipped. Beside it, ``<space>.done`` lists the
content hashes of the articles whose sentences are all stored. When the stored articles are more
than twice the live ones (articles removed or replaced), the next fill rewrites both files with
the live ones only."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import struct
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ingest.batching import background

from .candidates import WORD
from .sentences import sentence_spans

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

EMBED_CHARS = 200  # of a sentence embedded for the shortlist (about 45 word-pieces)
MIN_WORDS = 3  # shorter lines are no candidates (a labelled line is embedded when asked)
MAGIC = b"NBSV"
VERSION = 1
HEADER = 16
BATCH = 256  # sentences per model call and per append
RELOAD_S = 10.0  # how often a reader looks for records another process appended
TAIL_MAX = 50_000  # own appends kept in memory before the file is read again
STALE_FACTOR = 2  # compact when the stored articles are this many times the live ones
STALE_MIN = 100  # ... and this many more
FILL_INTERVAL_S = 60.0  # how often the bot looks for corpora changed since their last fill

Embed = Callable[[Sequence[str]], np.ndarray]


def key_of(text: str) -> int:
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little") or 1  # 0 marks a zero-filled record


def space_file(corpus_dir: Path, space: str) -> Path:
    """The store of one corpus for one vector space (model, and int8 or not)."""
    digest = hashlib.sha1(space.encode()).hexdigest()[:16]
    return corpus_dir / "sentences" / f"{digest}.vec"


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """Between processes (a CLI eval and the bot on one data folder): one writer at a time."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "a+b") as f:
        if fcntl is not None:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(f.fileno(), fcntl.LOCK_UN)


class SentenceStore:
    """Vectors by text, read through a memory map; see the module's notes for the format."""

    def __init__(self, path: Path, dim: int) -> None:
        self.path = path
        self.done_path = path.with_suffix(".done")
        self.dim = dim
        self.dtype = np.dtype([("key", "<u8"), ("vec", "<f2", (dim,))])
        self._lock = threading.Lock()
        self._sig: tuple[int, int] | None = None  # (inode, size) of what is loaded
        self._loaded_at = -RELOAD_S
        self._keys = np.zeros(0, np.uint64)  # sorted
        self._rows = np.zeros(0, np.intp)
        self._data: np.ndarray | None = None
        self._tail: dict[int, np.ndarray] = {}  # appended by this process since the load

    def header(self) -> bytes:
        return MAGIC + struct.pack("<II", VERSION, self.dim) + bytes(HEADER - 12)

    def _reset(self, sig: tuple[int, int] | None) -> None:
        self._keys, self._rows, self._data, self._tail = (
            np.zeros(0, np.uint64), np.zeros(0, np.intp), None, {},
        )  # fmt: skip
        self._sig = sig

    def _load(self) -> None:
        self._loaded_at = time.monotonic()
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            self._reset(None)
            return
        sig = (st.st_ino, st.st_size)
        if sig == self._sig:
            return
        with open(self.path, "rb") as f:
            head = f.read(HEADER)
        n = (st.st_size - HEADER) // self.dtype.itemsize
        if head != self.header() or n <= 0:
            if head != self.header() and st.st_size:
                log.warning("sentence vectors %s: not this model's file, ignored", self.path)
            self._reset(sig)
            return
        data = np.memmap(self.path, dtype=self.dtype, mode="r", offset=HEADER, shape=(n,))
        keys = np.array(data["key"])
        order = np.argsort(keys, kind="stable")
        keep = keys[order] != 0
        self._reset(sig)
        self._keys, self._rows, self._data = keys[order][keep], order[keep], data

    def _fresh(self) -> None:
        if self._sig is None or time.monotonic() - self._loaded_at >= RELOAD_S:
            self._load()

    def get(self, keys: Sequence[int]) -> list[np.ndarray | None]:
        """The stored vector of each key (float32), or None."""
        with self._lock:
            self._fresh()
            pos = np.searchsorted(self._keys, np.asarray(keys, np.uint64))
            out: list[np.ndarray | None] = []
            for k, p in zip(keys, pos, strict=True):
                if k in self._tail:
                    out.append(self._tail[k].astype(np.float32))
                elif p < len(self._keys) and int(self._keys[p]) == k and self._data is not None:
                    out.append(np.asarray(self._data["vec"][self._rows[p]], np.float32))
                else:
                    out.append(None)
            return out

    def count(self) -> int:
        with self._lock:
            self._fresh()
            return len(self._keys) + len(self._tail)

    def append(self, keys: Sequence[int], vecs: np.ndarray) -> None:
        if not len(keys):
            return
        recs = np.zeros(len(keys), self.dtype)
        recs["key"] = np.asarray(keys, np.uint64)
        recs["vec"] = np.asarray(vecs, np.float32).astype(np.float16)
        with self._lock, _file_lock(self.path):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                st = os.fstat(fd)
                size = st.st_size
                if size < HEADER or os.pread(fd, HEADER, 0) != self.header():
                    os.ftruncate(fd, 0)  # new, or not this model's: start over (a cache)
                    os.pwrite(fd, self.header(), 0)
                    size = HEADER
                torn = (size - HEADER) % self.dtype.itemsize
                if torn:  # a writer stopped mid-record
                    size -= torn
                    os.ftruncate(fd, size)
                ours = self._sig == (st.st_ino, size)  # nobody else wrote since our load
                buf = memoryview(recs.tobytes())
                at = size
                while buf:
                    n = os.pwrite(fd, buf, at)
                    buf, at = buf[n:], at + n
            finally:
                os.close(fd)
            if ours and len(self._tail) + len(keys) <= TAIL_MAX:
                self._tail.update(zip((int(k) for k in keys), recs["vec"], strict=True))
                self._sig = (st.st_ino, at)
            else:
                self._sig = None  # read it all again at the next lookup

    def done_articles(self) -> set[str]:
        try:
            return set(self.done_path.read_text(encoding="utf-8").split())
        except FileNotFoundError:
            return set()

    def mark_done(self, hashes: Sequence[str]) -> None:
        if hashes:
            with (
                self._lock,
                _file_lock(self.path),
                open(self.done_path, "a", encoding="utf-8") as f,
            ):
                f.write("".join(f"{h}\n" for h in hashes))

    def compact(self, live_keys: set[int], live_articles: Sequence[str]) -> None:
        """Keep only the records of ``live_keys`` (once each) and the live articles' marks."""
        with self._lock, _file_lock(self.path):
            try:
                raw = np.fromfile(self.path, dtype=np.uint8)
            except FileNotFoundError:
                return
            n = (len(raw) - HEADER) // self.dtype.itemsize
            recs = raw[HEADER : HEADER + n * self.dtype.itemsize].view(self.dtype)
            keep = np.isin(recs["key"], np.fromiter(live_keys, np.uint64, len(live_keys)))
            _, first = np.unique(recs["key"], return_index=True)
            once = np.zeros(n, bool)
            once[first] = True
            tmp = self.path.with_suffix(".tmp")
            with open(tmp, "wb") as f:
                f.write(self.header())
                f.write(recs[keep & once].tobytes())
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
            done = self.done_path.with_suffix(".tmp")
            done.write_text("".join(f"{h}\n" for h in live_articles), encoding="utf-8")
            os.replace(done, self.done_path)
            self._reset(None)


_stores: dict[Path, SentenceStore] = {}
_stores_lock = threading.Lock()


def store_for(corpus: Any) -> SentenceStore:
    """The one store object per corpus file in this process."""
    path = space_file(corpus.dir, corpus.index.settings.embedding_space)
    with _stores_lock:
        if path not in _stores:
            _stores[path] = SentenceStore(path, corpus.index.embedder.dim)
        return _stores[path]


def article_sentences(text: str, headline: str = "") -> list[str]:
    """The texts an answer's shortlist embeds for the sentences of an article, clipped as it
    clips them: every sentence after the headline with a few words."""
    skip = len(headline) if headline and text.startswith(headline) else 0
    out = []
    for s, e in sentence_spans(text, cached=False):
        if s >= skip and len(WORD.findall(text[s:e])) >= MIN_WORDS:
            out.append(text[s:e][:EMBED_CHARS])
    return out


@dataclass
class FillReport:
    articles: int = 0  # articles whose sentences were looked at
    embedded: int = 0  # sentences sent to the model
    stored: int = 0  # records in the store afterwards
    seconds: float = 0.0
    complete: bool = True  # False: stopped before the end


def fill(
    store: SentenceStore,
    articles: Sequence[Any],
    embed: Embed,
    stop: threading.Event | None = None,
) -> FillReport:
    """Store the sentence vectors of ``articles`` (rows with ``text``, ``headline`` and
    ``content_hash``) that are not stored yet, a batch at a time; stops early when ``stop`` is
    set, keeping what is done. Compacts the store when most of it is no longer live."""
    t0 = time.monotonic()
    rep = FillReport()
    done = store.done_articles()
    live = {a.content_hash for a in articles}
    keys: list[int] = []
    texts: list[str] = []
    finished: list[str] = []

    def flush() -> None:
        if texts:
            with background():  # after every question and reindex batch
                vecs = embed(texts)
            store.append(keys, vecs)
            rep.embedded += len(texts)
        store.mark_done(finished)
        keys.clear()
        texts.clear()
        finished.clear()

    for a in articles:
        if a.content_hash in done:
            continue
        if stop is not None and stop.is_set():
            rep.complete = False
            break
        rep.articles += 1
        sents = article_sentences(a.text, a.headline)
        ks = [key_of(t) for t in sents]
        have = store.get(ks)
        for k, t, v in zip(ks, sents, have, strict=True):
            if v is None and k not in keys:
                keys.append(k)
                texts.append(t)
        finished.append(a.content_hash)
        done.add(a.content_hash)
        if len(texts) >= BATCH:
            flush()
    flush()
    if rep.complete and len(done) > STALE_FACTOR * len(live) + STALE_MIN:
        live_keys = {key_of(t) for a in articles for t in article_sentences(a.text, a.headline)}
        store.compact(live_keys, sorted(live))
    rep.stored = store.count()
    rep.seconds = time.monotonic() - t0
    return rep


def fill_corpus(corpus: Any, stop: threading.Event | None = None) -> FillReport:
    """:func:`fill` for the live articles of an index corpus, with its embedding model, the
    newest first (what members ask about), at most ``sentence_vectors_max_articles`` of them:
    older articles' sentences are embedded when a question needs them, and their stored vectors
    go at the next compaction."""
    _, arts = corpus.rows()
    rows = sorted(arts.values(), key=lambda a: (a.published_ts or 0, a.indexed_at), reverse=True)
    most = corpus.index.settings.sentence_vectors_max_articles
    return fill(store_for(corpus), rows[:most] if most else rows, corpus.index.embedder.embed, stop)


class SentenceFiller:
    """The bot's background filler: every corpus at start-up, then each open corpus (one in use:
    a bot of many guilds does not reopen them all) whose manifest changed, by a reindex here or
    by the CLI, looked at every ``interval_s``."""

    def __init__(self, index: Any, interval_s: float = FILL_INTERVAL_S) -> None:
        self.index = index
        self.interval_s = interval_s
        self.stop = threading.Event()
        self.filled: dict[str, int] = {}  # corpus -> manifest version filled
        self.thread = threading.Thread(target=self._run, name="sentence-vectors", daemon=True)

    def start(self) -> SentenceFiller:
        self.thread.start()
        return self

    def close(self) -> None:
        self.stop.set()

    def pass_once(self, every: bool = False) -> None:
        names = self.index.corpus_names() if every else self.index.open_corpora()
        for name in names:
            if self.stop.is_set():
                return
            try:
                corpus = self.index.corpus(name)
                version = corpus.db.version
                if self.filled.get(name) == version or not corpus.db.has_chunks():
                    continue
            except Exception as exc:  # reported by the questions it fails
                log.info("corpus %s not looked at for sentence vectors (%s)", name, exc)
                continue
            try:
                rep = fill_corpus(corpus, self.stop)
            except Exception as exc:  # a full disk, a read-only folder, a broken corpus
                log.warning(
                    "sentence vectors of corpus %s not filled (%s: %s); answers embed their "
                    "sentences meanwhile; tried again after its next reindex",
                    name, type(exc).__name__, exc,
                )  # fmt: skip
                self.filled[name] = version  # not every minute: once per change
                continue
            if rep.complete:
                self.filled[name] = version
            if rep.embedded:
                log.info(
                    "sentence vectors of corpus %s: %d embedded in %.1fs (%d stored)",
                    name, rep.embedded, rep.seconds, rep.stored,
                )  # fmt: skip

    def _run(self) -> None:
        every = True
        while not self.stop.is_set():
            self.pass_once(every)
            every = False
            self.stop.wait(self.interval_s)


def lookup(stores: Sequence[SentenceStore]) -> Callable[[Sequence[str]], list[np.ndarray | None]]:
    """The stored vector of each text in the first of ``stores`` that holds it, else None."""

    def get(texts: Sequence[str]) -> list[np.ndarray | None]:
        keys = [key_of(t) for t in texts]
        out: list[np.ndarray | None] = [None] * len(keys)
        for store in stores:
            try:
                got = store.get(keys)
            except (OSError, ValueError) as exc:  # a cache: the answer embeds instead
                log.warning("sentence vectors %s unreadable (%s); embedding", store.path, exc)
                continue
            for i, v in enumerate(got):
                if out[i] is None:
                    out[i] = v
        return out

    return get
