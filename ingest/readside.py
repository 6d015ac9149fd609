"""The read side of a corpus: what retrieval needs for every chunk at once (BM25 postings over
chunks and over their sentences, vectors, article/outlet/date per chunk), kept on disk beside the
manifest in immutable segments and updated as the reindex writes.

- The reindex adds a segment holding the chunks it wrote (tokenized once, here, as they are
  written) and lists the chunks it removed; both are published in the manifest's own transaction
  that makes its changes visible (the version bump, or the switch of a ``--full`` reindex). A +1%
  reindex writes about 1% of a full build.
- A reader opens the segments the manifest lists (arrays memory-mapped, each segment loaded once
  per process and shared by later versions) and computes BM25 at query time from the stored term
  frequencies with the live chunks' statistics: the scores are the ones bm25s gives for an index
  built over the live chunks (same formula, same float32 rounding, same summation order).
- A new version's view is built from the one before: the segments both list keep what was derived
  from them (live chunks, ids, per-article facts, word counts) unless chunks in them died, and the
  vectors are never gathered into one matrix (stored at unit length, dense search is a product
  per segment over the maps). So the first question after a +1% reindex pays for the new segment,
  not for the corpus.
- Chroma stays the store of record: when the listed segments are missing, damaged or belong to
  another version, a reader rebuilds them from the manifest and the collection's vectors, once
  (single flight), and publishes them if the manifest has not moved meanwhile.
"""

from __future__ import annotations

import gc
import json
import logging
import math
import os
import re
import shutil
import sys
import threading
import time
import uuid
import weakref
from array import array
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, compress
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .chunking import sentence_spans
from .keyword import TOKENIZER, tokenize

if TYPE_CHECKING:
    from .index import Corpus

log = logging.getLogger(__name__)

K1, B = 1.2, 0.75  # BM25 parameters (those the keyword index always used)
SEGMENT_CHUNKS = 50_000  # a segment is sealed (written) at this many chunks: bounds the writer
STATE_KEY = "read_side"  # the manifest's state entry that lists the live segments
FORMAT = 4  # 3: vectors are stored at unit length; 4: string tables, not JSON (fast to load)
MAX_TAIL = 8  # small segments at the end of the list before they are merged into one
STALE_SEGMENT_S = 3600  # unlisted segment folders older than this are leftovers
TERM_CACHE_BYTES = 32 << 20  # per view: query tokens' BM25 terms kept for later questions


# --- postings ---------------------------------------------------------------------------------
class _PostingsBuilder:
    """Term frequencies of documents (chunks, or sentences), appended a document at a time."""

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        # Compact typed arrays, not an array per document: a writer holds a segment's worth.
        self.tok: list[np.ndarray] = []
        self.doc: list[np.ndarray] = []
        self.tf: list[np.ndarray] = []
        self._tok = array("i")
        self._doc = array("i")
        self._tf = array("f")
        self.lens = array("i")

    def add(self, tokens: list[str]) -> None:
        d = len(self.lens)
        self.lens.append(len(tokens))
        counts = Counter(tokens)
        vocab = self.vocab
        self._tok.extend(vocab.setdefault(t, len(vocab)) for t in counts)
        self._doc.extend([d] * len(counts))
        self._tf.extend(counts.values())

    def _flush(self) -> None:
        if self._tok:
            self.tok.append(np.frombuffer(self._tok, dtype=np.int32).copy())
            self.doc.append(np.frombuffer(self._doc, dtype=np.int32).copy())
            self.tf.append(np.frombuffer(self._tf, dtype=np.float32).copy())
            self._tok, self._doc, self._tf = array("i"), array("i"), array("f")

    def absorb(self, p: Postings, keep: np.ndarray) -> np.ndarray:
        """Append the documents of ``p`` where ``keep`` is set (a merge of segments); returns
        their new numbers (-1: dropped)."""
        base = len(self.lens)
        new_doc = np.where(keep, np.cumsum(keep) - 1 + base, -1)
        remap = np.fromiter(
            (self.vocab.setdefault(w, len(self.vocab)) for w in p.vocab), np.int32, len(p.vocab)
        )
        tok = np.repeat(np.arange(len(p.vocab), dtype=np.int32), np.diff(np.asarray(p.indptr)))
        doc = np.asarray(p.doc)
        m = keep[doc]
        self._flush()
        self.tok.append(remap[tok[m]])
        self.doc.append(new_doc[doc[m]].astype(np.int32))
        self.tf.append(np.asarray(p.tf)[m].astype(np.float32))
        self.lens.extend(int(x) for x in np.asarray(p.lens)[keep])
        return new_doc

    def write(self, folder: Path, prefix: str) -> None:
        self._flush()
        tok = np.concatenate(self.tok) if self.tok else np.zeros(0, np.int32)
        doc = np.concatenate(self.doc) if self.doc else np.zeros(0, np.int32)
        tf = np.concatenate(self.tf) if self.tf else np.zeros(0, np.float32)
        order = np.argsort(tok, kind="stable")  # by token, documents ascending within each
        indptr = np.zeros(len(self.vocab) + 1, dtype=np.int64)
        np.cumsum(np.bincount(tok, minlength=len(self.vocab)), out=indptr[1:])
        np.save(folder / f"{prefix}_indptr.npy", indptr)
        np.save(folder / f"{prefix}_doc.npy", doc[order])
        np.save(folder / f"{prefix}_tf.npy", tf[order])
        np.save(folder / f"{prefix}_len.npy", np.asarray(self.lens, dtype=np.int32))
        vocab = sorted(self.vocab, key=self.vocab.__getitem__)
        save_strings(folder, f"{prefix}_vocab", vocab)


@dataclass
class Postings:
    vocab: dict[str, int]
    indptr: np.ndarray
    doc: np.ndarray  # memory-mapped (merges read them whole); questions read through ``rows``
    tf: np.ndarray
    lens: np.ndarray
    doc_rows: Rows | None = None
    tf_rows: Rows | None = None

    @classmethod
    def load(cls, folder: Path, prefix: str) -> Postings:
        def arr(name: str) -> np.ndarray:
            return _mapped(folder / f"{prefix}_{name}.npy")

        # Interned: the segments' vocabularies (and the speller's word counts) share most words.
        words = list(map(sys.intern, load_strings(folder, f"{prefix}_vocab")))
        vocab = dict(zip(words, range(len(words)), strict=True))
        return cls(
            vocab, arr("indptr"), arr("doc"), arr("tf"), np.asarray(arr("len")),
            Rows(folder / f"{prefix}_doc.npy"), Rows(folder / f"{prefix}_tf.npy"),
        )  # fmt: skip

    def postings(self, token: str) -> tuple[np.ndarray, np.ndarray] | None:
        i = self.vocab.get(token)
        if i is None:
            return None
        a, b = int(self.indptr[i]), int(self.indptr[i + 1])
        if self.doc_rows is not None and self.tf_rows is not None:
            return self.doc_rows.span(a, b), self.tf_rows.span(a, b)
        return np.asarray(self.doc[a:b]), np.asarray(self.tf[a:b])


_fd_limit_raised = False


def _allow_open_files() -> None:
    """Raise the soft limit on open files to the hard one (once): each segment keeps five files
    open, so a bot serving many corpora would run into the usual soft limit of 1,024."""
    global _fd_limit_raised
    if _fd_limit_raised:
        return
    _fd_limit_raised = True
    try:
        import resource
    except ImportError:  # not on this platform
        return
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        want = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
        if soft != resource.RLIM_INFINITY and soft < want:
            resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    except (OSError, ValueError) as exc:
        log.warning("could not raise the limit on open files: %s", exc)


class Rows:
    """Rows of a ``.npy`` file read with ``pread``: what a question reads is copied out and
    nothing of the file stays in the process. (Through a memory map, every page a question
    touched, and the kernel's read-ahead around it, would stay mapped and count as the
    process's memory: at 100k articles, most of the vectors after one question.)"""

    def __init__(self, path: Path) -> None:
        m = np.load(path, mmap_mode="r")
        if not isinstance(m, np.memmap) or m.dtype.hasobject or not m.flags.c_contiguous:
            raise ValueError(f"{path.name}: not a plain array file")
        self.dtype, self.shape, self.offset = m.dtype, m.shape, int(m.offset)
        self.row_bytes = int(m.dtype.itemsize * math.prod(m.shape[1:]))
        del m
        _allow_open_files()
        self.fd = os.open(path, os.O_RDONLY)
        self._closer = weakref.finalize(self, os.close, self.fd)

    def _read(self, a: int, b: int) -> bytes:
        want = (b - a) * self.row_bytes
        data = os.pread(self.fd, want, self.offset + a * self.row_bytes)
        if len(data) != want:
            raise OSError(f"short read: {len(data)} of {want} bytes")
        return data

    def span(self, a: int, b: int) -> np.ndarray:
        """Rows a .. b (read-only)."""
        out = np.frombuffer(self._read(a, b), dtype=self.dtype)
        return out.reshape((b - a, *self.shape[1:]))

    def take(self, rows: np.ndarray) -> np.ndarray:
        """The given rows, in the given order (one read a row: a question's candidates lie
        far apart)."""
        rows = np.asarray(rows, dtype=np.int64)
        if len(rows) and (int(rows.min()) < 0 or int(rows.max()) >= self.shape[0]):
            raise IndexError("row out of range")
        fd, rb, off, pread = self.fd, self.row_bytes, self.offset, os.pread
        data = b"".join([pread(fd, rb, off + r * rb) for r in rows.tolist()])
        if len(data) != len(rows) * rb:
            raise OSError(f"short read: {len(data)} of {len(rows) * rb} bytes")
        return np.frombuffer(data, dtype=self.dtype).reshape((len(rows), *self.shape[1:]))


def save_strings(folder: Path, name: str, strings: Sequence[str]) -> None:
    """A list of strings as one UTF-8 text and where each one ends in it (``name_end.npy``):
    loading it is a split of one string, not a JSON parse. One a line (``name.lines``) when
    none holds a newline, else end to end (``name.txt``), cut at the ends."""
    sep = "" if any("\n" in x for x in strings) else "\n"
    ends = np.zeros(len(strings), dtype=np.int64)
    np.cumsum([len(x) + len(sep) for x in strings], out=ends)
    ends -= len(sep)
    (folder / f"{name}{'.lines' if sep else '.txt'}").write_bytes(sep.join(strings).encode())
    np.save(folder / f"{name}_end.npy", ends)


def load_strings(folder: Path, name: str) -> list[str]:
    ends = np.load(folder / f"{name}_end.npy")
    lines = folder / f"{name}.lines"
    if lines.exists():
        text = lines.read_bytes().decode("utf-8")
        got = text.split("\n") if len(ends) else []
    else:
        text = (folder / f"{name}.txt").read_bytes().decode("utf-8")
        e = ends.tolist()
        got = [text[a:b] for a, b in zip([0, *e[:-1]], e, strict=True)]
    if len(got) != len(ends) or (int(ends[-1]) if len(ends) else 0) != len(text):
        raise ValueError(f"{folder.name}/{name}: its text and its table of ends disagree")
    return got


NO_TS = np.iinfo(np.int64).min  # an article's unknown publication time, in ``art_ts.npy``


def _mapped(path: Path) -> np.ndarray:
    """The array in ``path``, memory-mapped, as a plain ndarray over the map (a ``memmap``'s
    own indexing costs tens of microseconds a call)."""
    return np.asarray(np.load(path, mmap_mode="r"))


def unit_rows(m: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (as dense search compares them)."""
    m = np.asarray(m, dtype=np.float32)
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.maximum(norms, 1e-12)


# --- segments ---------------------------------------------------------------------------------
@dataclass
class ChunkIn:
    """What the writer knows of a chunk it has just committed."""

    id: str
    article_id: str
    n: int
    text: str  # the chunk's own text (sentences are found in it)
    indexed_text: str  # header + text: what BM25 indexes
    outlet: str | None
    published_ts: int | None
    headline: str = ""  # counted once, with the article's first chunk


# Words as the question speller (bot/qa/spelling.py) reads them: their counts are kept per
# segment so that it never reads every chunk's text.
WORD = re.compile(r"[^\W\d_]+(?:['’][a-z]+)?", re.UNICODE)


def count_words(counts: Counter[str], text: str) -> None:
    counts.update(w.lower() for w in WORD.findall(text))


class SegmentWriter:
    """Collects committed chunks and seals them into segments of at most ``SEGMENT_CHUNKS``."""

    def __init__(self, root: Path, generation: int) -> None:
        self.root = root
        self.generation = generation
        self.sealed: list[str] = []
        self.removed: list[str] = []  # chunk ids no longer live
        self._reset()

    def _reset(self) -> None:
        self.ids: list[str] = []
        self.art_of: list[int] = []
        self.first: list[bool] = []
        self.arts: dict[str, int] = {}
        self.art_rows: list[list[Any]] = []
        self.kw = _PostingsBuilder()
        self.st = _PostingsBuilder()
        self.st_chunk: list[int] = []
        self.vecs: list[np.ndarray] = []
        self.words: Counter[str] = Counter()

    def __len__(self) -> int:
        return len(self.ids)

    def add(self, chunks: Sequence[ChunkIn], vecs: np.ndarray) -> None:
        if not chunks:
            return
        vecs = unit_rows(vecs)  # stored at unit length: dense search reads them as they are
        for ch in chunks:
            a = self.arts.get(ch.article_id)
            if a is None:
                a = self.arts[ch.article_id] = len(self.art_rows)
                self.art_rows.append([ch.article_id, ch.outlet, ch.published_ts])
            c = len(self.ids)
            self.ids.append(ch.id)
            self.art_of.append(a)
            self.first.append(ch.n == 0)
            self.kw.add(tokenize(ch.indexed_text))
            count_words(self.words, ch.text)
            if ch.n == 0:
                count_words(self.words, ch.headline)
            spans = sentence_spans(ch.text) or [(0, len(ch.text), True)]
            for s, e, _ in spans:
                self.st.add(tokenize(ch.text[s:e]))
                self.st_chunk.append(c)
        self.vecs.append(vecs)
        if len(self.ids) >= SEGMENT_CHUNKS:
            self.seal()

    def seal(self) -> None:
        if not self.ids:
            return
        name = f"g{self.generation}-{uuid.uuid4().hex[:12]}"
        tmp = self.root / f".tmp-{name}"
        tmp.mkdir(parents=True)
        meta = {"format": FORMAT, "tokenizer": TOKENIZER, "chunks": len(self.ids)}
        (tmp / "meta.json").write_text(json.dumps(meta))
        save_strings(tmp, "ids", self.ids)
        save_strings(tmp, "art_ids", [r[0] for r in self.art_rows])
        outlets: dict[str, int] = {}  # each outlet named once; per article its number (-1: none)
        codes = [outlets.setdefault(r[1], len(outlets)) if r[1] else -1 for r in self.art_rows]
        save_strings(tmp, "outlets", list(outlets))
        np.save(tmp / "art_outlet.npy", np.asarray(codes, dtype=np.int32))
        ts = [NO_TS if r[2] is None else int(r[2]) for r in self.art_rows]
        np.save(tmp / "art_ts.npy", np.asarray(ts, dtype=np.int64))
        save_strings(tmp, "words", list(self.words))
        np.save(tmp / "words_n.npy", np.asarray(list(self.words.values()), dtype=np.int64))
        np.save(tmp / "art.npy", np.asarray(self.art_of, dtype=np.int32))
        np.save(tmp / "first.npy", np.asarray(self.first, dtype=bool))
        np.save(tmp / "st_chunk.npy", np.asarray(self.st_chunk, dtype=np.int32))
        np.save(tmp / "vec.npy", np.vstack(self.vecs))
        self.kw.write(tmp, "kw")
        self.st.write(tmp, "st")
        os.replace(tmp, self.root / name)
        self.sealed.append(name)
        self._reset()

    def absorb(self, seg: Segment, keep: np.ndarray) -> None:
        """Append ``seg``'s chunks where ``keep`` is set (merging segments)."""
        base = len(self.ids)
        new_chunk = self.kw.absorb(seg.kw, keep)
        rows = seg.articles
        remap = np.empty(len(rows), dtype=np.int32)
        for k, row in enumerate(rows):
            a = self.arts.get(row[0])
            if a is None:
                a = self.arts[row[0]] = len(self.art_rows)
                self.art_rows.append(list(row))
            remap[k] = a
        live = np.flatnonzero(keep)
        self.ids.extend(seg.ids[i] for i in live)
        self.art_of.extend(int(x) for x in remap[seg.art_of[live]])
        self.first.extend(bool(x) for x in seg.first[live])
        st_chunk = np.asarray(seg.st_chunk)
        st_keep = keep[st_chunk]
        self.st.absorb(seg.st, st_keep)
        self.st_chunk.extend(int(x) for x in new_chunk[st_chunk[st_keep]])
        self.vecs.append(np.asarray(seg.vec[live], dtype=np.float32))
        self.words.update(seg.words)
        assert len(self.ids) == base + len(live) == len(self.kw.lens)

    def discard(self) -> None:
        """A failed ``--full`` run: its segments will never be listed."""
        for name in self.sealed:
            shutil.rmtree(self.root / name, ignore_errors=True)
        self.sealed = []
        self._reset()


@dataclass
class Segment:
    name: str
    ids: list[str]
    art_of: np.ndarray  # local article number per chunk
    art_ids: list[str]  # per local article: its id
    art_outlet: np.ndarray  # per local article: its outlet's number in ``outlets`` (-1: none)
    outlets: list[str]
    art_ts: np.ndarray  # per local article: published ts (``NO_TS``: unknown)
    first: np.ndarray
    kw: Postings
    st: Postings
    st_chunk: np.ndarray  # local chunk of each sentence
    vec: np.ndarray  # unit vectors, memory-mapped (exact products, merges)
    folder: Path | None = None
    vec_rows: Rows | None = None  # the same, rows read on demand (a large corpus's candidates)
    _pos: tuple[np.ndarray, np.ndarray] | None = None  # sorted id hashes, their chunks
    _words: dict[str, int] | None = None

    @classmethod
    def load(cls, folder: Path) -> Segment:
        meta = json.loads((folder / "meta.json").read_text())
        if meta.get("format") != FORMAT or meta.get("tokenizer") != TOKENIZER:
            raise ValueError(f"segment {folder.name} has another format or tokenizer")
        seg = cls(
            name=folder.name,
            ids=load_strings(folder, "ids"),
            art_of=np.load(folder / "art.npy"),
            art_ids=load_strings(folder, "art_ids"),
            art_outlet=np.load(folder / "art_outlet.npy"),
            outlets=load_strings(folder, "outlets"),
            art_ts=np.load(folder / "art_ts.npy"),
            first=np.load(folder / "first.npy"),
            kw=Postings.load(folder, "kw"),
            st=Postings.load(folder, "st"),
            st_chunk=_mapped(folder / "st_chunk.npy"),
            vec=_mapped(folder / "vec.npy"),
            folder=folder,
            vec_rows=Rows(folder / "vec.npy"),
        )
        n, na = meta.get("chunks"), len(seg.art_ids)
        if not (
            n == len(seg.ids) == len(seg.art_of) == len(seg.kw.lens) == len(seg.vec)
            and na == len(seg.art_outlet) == len(seg.art_ts)
            and (not n or int(seg.art_of.max()) < na)
            and (not na or int(seg.art_outlet.max()) < len(seg.outlets))
        ):
            raise ValueError(f"segment {folder.name} is inconsistent")
        return seg

    @property
    def articles(self) -> list[list[Any]]:
        """[article id, outlet, published ts] per local article (merging segments)."""
        outlets = [*self.outlets, None]  # -1: none
        return [
            [a, outlets[o], None if t == NO_TS else t]
            for a, o, t in zip(
                self.art_ids, self.art_outlet.tolist(), self.art_ts.tolist(), strict=True
            )
        ]

    @property
    def words(self) -> dict[str, int]:
        """How often each word occurs in the segment's chunk texts and headlines."""
        if self._words is None:
            try:
                assert self.folder is not None
                words = list(map(sys.intern, load_strings(self.folder, "words")))
                counts = np.load(self.folder / "words_n.npy").tolist()
                self._words = dict(zip(words, counts, strict=True))
            except (OSError, ValueError) as exc:  # deleted since (a view long superseded)
                log.warning("segment %s: no word counts (%s)", self.name, exc)
                self._words = {}
        return self._words

    def find(self, chunk_ids: Sequence[str]) -> np.ndarray:
        """Local numbers of the given chunk ids (-1: not in this segment). A sorted table of the
        ids' hashes, not a dict: 8 bytes a chunk instead of about 70."""
        if self._pos is None:
            h = np.fromiter(map(hash, self.ids), dtype=np.int64, count=len(self.ids))
            order = np.argsort(h, kind="stable")
            self._pos = (h[order], order)
        keys, order = self._pos
        want = np.fromiter(map(hash, chunk_ids), dtype=np.int64, count=len(chunk_ids))
        at = np.searchsorted(keys, want)
        out = np.full(len(chunk_ids), -1, dtype=np.int64)
        for j, a in enumerate(at.tolist()):
            while a < len(keys) and keys[a] == want[j]:  # equal hashes: compare the ids
                if self.ids[order[a]] == chunk_ids[j]:
                    out[j] = order[a]
                    break
                a += 1
        return out


# --- the view readers use -----------------------------------------------------------------------
@dataclass
class _Part:
    """What a view derives from one segment and its live chunks. A later view whose segment and
    live chunks are the same shares it: a new version costs what it changed, not the corpus."""

    live: np.ndarray  # live local chunk indices (ascending)
    all_live: bool
    rank: np.ndarray  # per local chunk: its place among the segment's live chunks (-1: dead)
    ids: list[str]  # the live chunks' ids
    st_live: np.ndarray  # per sentence: of a live chunk
    n_sent: int
    st_len_sum: int
    kw_len_sum: int
    st_chunk: np.ndarray  # per sentence: its local chunk

    @classmethod
    def of(cls, seg: Segment, live: np.ndarray) -> _Part:
        n = len(seg.ids)
        all_live = len(live) == n
        rank = np.full(n, -1, dtype=np.int64)
        rank[live] = np.arange(len(live))
        st_chunk = seg.st_chunk
        if all_live:
            st_live = np.ones(len(st_chunk), dtype=bool)
            return cls(
                live, True, rank, seg.ids, st_live, len(st_chunk),
                int(seg.st.lens.sum()), int(seg.kw.lens.sum()), st_chunk,
            )  # fmt: skip
        st_live = rank[st_chunk] >= 0
        return cls(
            live, False, rank, [seg.ids[i] for i in live], st_live, int(st_live.sum()),
            int(seg.st.lens[st_live].sum()), int(seg.kw.lens[live].sum()), st_chunk,
        )  # fmt: skip


@dataclass
class Facts:
    """Per-article and per-chunk facts of a view: article ids, outlets and publication times,
    numbered in first-seen order over the segments' article tables."""

    seg_names: list[str]
    art_ids: list[str]
    art_outlet: np.ndarray  # per article: its outlet's number in ``outlet_names`` (-1: none)
    outlet_names: list[str]  # first-seen order
    art_ts: np.ndarray  # per article: published ts (NaN: unknown)
    art_maps: list[np.ndarray]  # per segment: local article number -> view article number
    n_arts: list[int]  # articles numbered after each segment
    n_outlets: list[int]  # outlets named after each segment
    art_of: np.ndarray  # per live chunk (view order): its article number
    first: np.ndarray  # per live chunk: it opens its article


class ReadView:
    """One manifest version's live chunks, in a fixed order (positions), over its segments.

    Built from the previous view when there is one: segments it already held, with the same live
    chunks, are reused as they are (their maps stay open, nothing is copied), so a version that
    adds a small segment costs about that segment."""

    def __init__(
        self,
        version: int,
        generation: int,
        segments: list[Segment],
        live: list[np.ndarray],
        *,
        parts: Sequence[_Part | None] = (),
        dead: dict[str, int] | None = None,
        prev: ReadView | None = None,
    ) -> None:
        self.version = version
        self.generation = generation
        self.segments = segments
        self.live = live
        self.dead = dead or {}
        given = list(parts) + [None] * (len(segments) - len(parts))
        self.parts = [
            p if p is not None else _Part.of(s, lv)
            for s, lv, p in zip(segments, live, given, strict=True)
        ]
        self.offsets = np.cumsum([0] + [len(lv) for lv in live]).astype(np.int64)
        self.ids: list[str] = list(chain.from_iterable(p.ids for p in self.parts))
        self.n = len(self.ids)
        self.kw_len_sum = sum(p.kw_len_sum for p in self.parts)
        self.n_sent = sum(p.n_sent for p in self.parts)
        self.st_len_sum = sum(p.st_len_sum for p in self.parts)
        self._df: dict[tuple[str, str], int] = {}
        self._terms: OrderedDict[tuple[str, str], tuple[list[Any], int]] = OrderedDict()
        self._terms_bytes = 0
        self._lock = threading.Lock()
        # What the previous view had computed, to extend rather than redo (not the view itself:
        # views never hold a chain of their predecessors).
        self._prev_facts = prev._facts if prev is not None else None
        self._prev_words = (
            (prev.segments, prev._words) if prev is not None and prev._words is not None else None
        )
        self._facts: Facts | None = None
        self._words: Counter[str] | None = None

    def _pairs(self) -> Iterable[tuple[Segment, _Part]]:
        return zip(self.segments, self.parts, strict=True)

    # Per-chunk facts, in position order.
    def facts(self) -> Facts:
        """Article ids, outlets and times per article, and each live chunk's article."""
        got = self._facts
        if got is not None:
            return got
        with self._lock:
            if self._facts is None:
                self._facts = self._make_facts(self._prev_facts)
                self._prev_facts = None
            return self._facts

    def _make_facts(self, prev: Facts | None) -> Facts:
        names = [s.name for s in self.segments]
        keep = 0  # segments at the front numbered as in the previous view
        if prev is not None:
            while (
                keep < min(len(names), len(prev.seg_names)) and names[keep] == prev.seg_names[keep]
            ):
                keep += 1
        if keep and prev is not None:
            na, no = prev.n_arts[keep - 1], prev.n_outlets[keep - 1]
            art_ids = prev.art_ids[:na]
            outlet_names = prev.outlet_names[:no]
            art_maps, n_arts, n_outlets = (
                prev.art_maps[:keep], prev.n_arts[:keep], prev.n_outlets[:keep],
            )  # fmt: skip
            ts_parts = [prev.art_ts[:na]]
            out_parts = [prev.art_outlet[:na]]
        else:
            art_ids, outlet_names, art_maps, n_arts, n_outlets = [], [], [], [], []
            ts_parts, out_parts = [], []
        a_index = {a: i for i, a in enumerate(art_ids)}
        o_index = {o: i for i, o in enumerate(outlet_names)}
        for s in self.segments[keep:]:
            # An article's chunks may lie in several segments: it keeps its first number.
            start = len(a_index)
            setdefault = a_index.setdefault
            remap = np.fromiter(
                (setdefault(aid, len(a_index)) for aid in s.art_ids),
                dtype=np.int32,
                count=len(s.art_ids),
            )
            new = remap >= start  # first seen here, in order
            art_ids.extend(compress(s.art_ids, new.tolist()))
            ts = s.art_ts[new]
            ts_parts.append(np.where((ts == NO_TS) | (ts == 0), math.nan, ts.astype(np.float64)))
            # Outlets numbered in first-seen order over the new articles.
            codes = s.art_outlet[new]
            omap = np.full(len(s.outlets) + 1, -1, dtype=np.int32)  # [-1]: none
            seen = codes[codes >= 0]
            _, firsts = np.unique(seen, return_index=True)
            for c in seen[np.sort(firsts)].tolist():
                name = s.outlets[c]
                o = o_index.get(name)
                if o is None:
                    o = o_index[name] = len(outlet_names)
                    outlet_names.append(name)
                omap[c] = o
            out_parts.append(omap[codes])
            art_maps.append(remap)
            n_arts.append(len(art_ids))
            n_outlets.append(len(outlet_names))
        art_of = np.zeros(self.n, dtype=np.int32)
        first = np.zeros(self.n, dtype=bool)
        for (s, p), amap, off in zip(self._pairs(), art_maps, self.offsets, strict=False):
            local = s.art_of if p.all_live else s.art_of[p.live]
            art_of[off : off + len(p.live)] = amap[local]
            first[off : off + len(p.live)] = s.first if p.all_live else s.first[p.live]
        return Facts(
            seg_names=names,
            art_ids=art_ids,
            art_outlet=np.concatenate(out_parts) if out_parts else np.zeros(0, np.int32),
            outlet_names=outlet_names,
            art_ts=np.concatenate(ts_parts) if ts_parts else np.zeros(0, np.float64),
            art_maps=art_maps,
            n_arts=n_arts,
            n_outlets=n_outlets,
            art_of=art_of,
            first=first,
        )

    def word_counts(self) -> Counter[str]:
        """Word counts over the segments (removed chunks' words stay counted until a --full
        reindex writes fresh segments: a word once indexed is never "corrected" away). Shared:
        callers must not change it. From the previous view's counts when there are some: plus
        the new segments' words, less those of the segments no longer listed."""
        got = self._words
        if got is not None:
            return got
        with self._lock:
            if self._words is None:
                counts: Counter[str] | None = None
                if self._prev_words is not None:
                    counts = self._extend_words(*self._prev_words)
                if counts is None:
                    counts = Counter()
                    for s in self.segments:
                        counts.update(s.words)
                self._words = counts
                self._prev_words = None
            return self._words

    def _extend_words(
        self, prev_segments: list[Segment], prev_counts: Counter[str]
    ) -> Counter[str] | None:
        names = {s.name for s in self.segments}
        had = {s.name for s in prev_segments}
        gone = [s for s in prev_segments if s.name not in names]
        if len(gone) == len(prev_segments) or any(s._words is None for s in gone):
            return None  # nothing shared (a new generation), or not in memory: count afresh
        counts = Counter(prev_counts)
        for s in gone:
            assert s._words is not None
            counts.subtract(s._words)
            for w in s._words:
                if counts[w] <= 0:
                    del counts[w]
        for s in self.segments:
            if s.name not in had:
                counts.update(s.words)
        return counts

    def has_token(self, token: str) -> bool:
        return any(token in s.kw.vocab for s in self.segments)

    def _live_postings(
        self, which: str, token: str
    ) -> list[tuple[int, np.ndarray, np.ndarray, np.ndarray]]:
        """Per segment: (segment number, live doc local ids, their tf, their lengths)."""
        out = []
        for k, (s, part) in enumerate(self._pairs()):
            post = s.kw if which == "kw" else s.st
            p = post.postings(token)
            if p is None:
                continue
            doc, tf = p
            if not part.all_live:
                keep = part.rank[doc] >= 0 if which == "kw" else part.st_live[doc]
                doc, tf = doc[keep], tf[keep]
            if len(doc):
                out.append((k, doc, tf, post.lens[doc]))
        return out

    def doc_freq(self, token: str, which: str = "kw") -> int:
        key = (which, token)
        got = self._df.get(key)
        if got is None:
            got = sum(len(d) for _, d, _, _ in self._live_postings(which, token))
            self._df[key] = got
        return got

    def _term(self, which: str, token: str) -> list[tuple[int, np.ndarray, np.ndarray]]:
        """One query token's BM25 term: (segment, where, value) for the live chunks (``kw``:
        chunk positions, all in one piece) or live sentences (``st``: per segment, its
        sentence numbers) holding it. Kept for the view's later questions (the parts and the
        feedback ranking of one question repeat most of its words), up to
        ``TERM_CACHE_BYTES``."""
        key = (which, token)
        with self._lock:
            cached = self._terms.get(key)
            if cached is not None:
                self._terms.move_to_end(key)
                return cached[0]
        n_docs = self.n if which == "kw" else self.n_sent
        avg = np.float64(self.kw_len_sum if which == "kw" else self.st_len_sum) / max(1, n_docs)
        posts = self._live_postings(which, token)
        df = sum(len(d) for _, d, _, _ in posts)
        self._df.setdefault(key, df)
        got = [(k, doc, self._vals(tf, lens, avg, n_docs, df)) for k, doc, tf, lens in posts]
        if which == "kw" and got:
            where = [self.offsets[k] + self.parts[k].rank[doc] for k, doc, _ in got]
            got = [(-1, np.concatenate(where), np.concatenate([v for _, _, v in got]))]
        size = sum(w.nbytes + v.nbytes for _, w, v in got)
        with self._lock:
            if key not in self._terms:
                self._terms[key] = (got, size)
                self._terms_bytes += size
                while self._terms_bytes > TERM_CACHE_BYTES and len(self._terms) > 1:
                    _, (_, dropped) = self._terms.popitem(last=False)
                    self._terms_bytes -= dropped
        return got

    def bm25(self, tokens: Sequence[str], which: str = "kw") -> np.ndarray:
        """BM25 of every live chunk (``kw``) or every live sentence's score folded to its chunk
        as the best sentence's (``st``), for the query tokens (duplicates count twice, as bm25s
        counts them). Sums run in float32 in token order, as bm25s sums them."""
        out = np.zeros(self.n, dtype=np.float32)
        n_docs = self.n if which == "kw" else self.n_sent
        if not n_docs:
            return out
        if which == "kw":
            for t in tokens:
                for _, where, vals in self._term(which, t):
                    out[where] += vals  # a chunk appears once per token: no repeated index
            return out
        # Sentences: sum per sentence, then each chunk's best sentence (BM25 is never negative:
        # a chunk none of whose sentences holds a token scores 0).
        sums: dict[int, np.ndarray] = {}
        hits: dict[int, list[np.ndarray]] = {}
        for t in tokens:
            for k, doc, vals in self._term(which, t):
                arr = sums.get(k)
                if arr is None:
                    arr = sums[k] = np.zeros(len(self.segments[k].st.lens), dtype=np.float32)
                arr[doc] += vals  # a sentence appears once per token
                hits.setdefault(k, []).append(doc)
        for k, arr in sums.items():
            got = hits[k]
            # The sentences hit (repeats are harmless to a maximum), or all that score.
            hit = got[0] if len(got) == 1 else np.concatenate(got)
            if len(hit) > len(arr) // 4:
                hit = np.flatnonzero(arr)
            part = self.parts[k]
            np.maximum.at(out, self.offsets[k] + part.rank[part.st_chunk[hit]], arr[hit])
        return out

    @staticmethod
    def _vals(tf: np.ndarray, lens: np.ndarray, avg: np.float64, n: int, df: int) -> np.ndarray:
        # bm25s "lucene": idf in float32; tf / (k1 * (1 - b + b * len / avg) + tf) in float64.
        idf = np.float32(math.log(1 + (n - df + 0.5) / (df + 0.5)))
        tfc = tf / (K1 * ((1 - B) + B * lens.astype(np.float64) / avg) + tf)
        return (idf * tfc).astype(np.float32)

    def vectors(self, positions: np.ndarray | None = None) -> np.ndarray:
        """Unit vectors of the live chunks at ``positions`` (all of them when None: a copy of
        the whole matrix, for tests and tools; questions use ``similarities``)."""
        if positions is None:
            positions = np.arange(self.n)
        positions = np.asarray(positions, dtype=np.int64)
        seg_of = np.searchsorted(self.offsets, positions, side="right") - 1
        out = np.zeros((len(positions), self.dim), dtype=np.float32)
        for k in np.unique(seg_of):
            m = seg_of == k
            local = self.parts[k].live[positions[m] - self.offsets[k]]
            seg = self.segments[k]
            out[m] = seg.vec_rows.take(local) if seg.vec_rows is not None else seg.vec[local]
        return out

    def similarities(self, q: np.ndarray) -> np.ndarray:
        """Cosine similarity of every live chunk to the unit vector ``q``: one product per
        segment over its memory-mapped unit vectors (nothing is copied or held per version)."""
        q = np.asarray(q)
        out = np.empty(self.n, dtype=np.result_type(np.float32, q.dtype))
        for (s, p), off in zip(self._pairs(), self.offsets, strict=False):
            if not len(p.live):
                continue
            sims = s.vec @ q
            out[off : off + len(p.live)] = sims if p.all_live else sims[p.live]
        return out

    @property
    def dim(self) -> int:
        return int(self.segments[0].vec.shape[1]) if self.segments else 0

    def positions(self, chunk_ids: Sequence[str]) -> np.ndarray:
        """Positions of the given live chunks (-1 for one that is not live)."""
        out = np.full(len(chunk_ids), -1, dtype=np.int64)
        todo = np.arange(len(chunk_ids))
        for k, s in enumerate(self.segments):
            if not len(todo):
                break
            local = s.find([chunk_ids[i] for i in todo.tolist()])
            rank = np.where(local >= 0, self.parts[k].rank[np.maximum(local, 0)], -1)
            alive = rank >= 0  # a dead copy may have a live one in a later segment
            out[todo[alive]] = self.offsets[k] + rank[alive]
            todo = todo[~alive]
        return out

    def position(self, chunk_id: str) -> int | None:
        (got,) = self.positions([chunk_id]).tolist()
        return got if got >= 0 else None


# --- the collector and long-lived structures ---------------------------------------------------
def settle_heap() -> None:
    """Take every object the process holds now (imports, open corpora, the views just loaded)
    out of the garbage collector's full passes (``gc.freeze``): they live as long as the
    process or the view, and each full pass over them cost about 0.12 s at 10k articles, in
    whichever question it fell (warm p95 80 -> 175-200 ms, issue 13). O(1). Frozen objects
    are still freed by reference counting when a view is let go; only reference cycles among
    them wait for ``thaw_heap`` (after each reindex), so they cannot pile up across versions."""
    gc.freeze()


def thaw_heap() -> None:
    """Give the frozen objects back to the collector and collect cycles among them: the
    garbage a ``settle_heap`` froze (a replaced view's cycles, a question's leftovers) is freed
    here rather than kept for the life of the process. One full pass; the next view that is
    loaded freezes the survivors again. Nothing to do when nothing is frozen."""
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()


# --- the per-corpus store ---------------------------------------------------------------------
def describes(state: dict[str, Any] | None, version: int, generation: int, writes: int) -> bool:
    """Whether a published read-side state lists segments for exactly this manifest: its
    version and generation, and no manifest write since (a reindex killed before its version
    bump leaves written articles the state does not hold)."""
    return bool(
        state
        and state.get("version") == version
        and state.get("generation") == generation
        and state.get("writes", 0) == writes
    )


class ReadStore:
    """A corpus's segments on disk and its current view in memory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._segments: dict[str, Segment] = {}
        self._view: ReadView | None = None
        self._lock = threading.Lock()
        self.rebuilds = 0  # views built from the manifest and Chroma (missing or stale segments)
        self.loads = 0  # views assembled from listed segments

    def drop(self) -> None:
        self._view = None
        self._segments = {}

    def segment(self, name: str) -> Segment:
        seg = self._segments.get(name)
        if seg is None:
            seg = self._segments[name] = Segment.load(self.root / name)
        return seg

    def writer(self, generation: int) -> SegmentWriter:
        self.root.mkdir(parents=True, exist_ok=True)
        return SegmentWriter(self.root, generation)

    def view(self, corpus: Corpus) -> ReadView:
        """The view for the manifest's live version: cached; else assembled from the segments
        the manifest lists; else (missing, damaged or stale) rebuilt from the manifest and
        Chroma. Single flight: concurrent callers wait for one build."""
        db = corpus.db
        v = self._view
        if v is not None and v.version == db.version:
            return v
        with self._lock:
            with db.snapshot():
                version, generation, writes = db.version, db.generation, db.writes
                state = db.get_state(STATE_KEY)
            v = self._view
            if v is not None and v.version == version:
                return v
            view = None
            if describes(state, version, generation, writes):
                try:
                    view = self._assemble(state, version, generation, v)
                    self.loads += 1
                except Exception as exc:  # missing or damaged files: rebuild from the store
                    log.warning(
                        "corpus %s: read side not loadable (%s); rebuilding it", corpus.name, exc
                    )
            if view is None:
                view = self._rebuild(corpus, version, generation, writes)
            self._view = view
            # Segments no longer listed are let go (their maps close with the last user).
            keep = {s.name for s in view.segments}
            self._segments = {k: s for k, s in self._segments.items() if k in keep}
            settle_heap()
            return view

    def _assemble(
        self, state: dict[str, Any], version: int, generation: int, prev: ReadView | None
    ) -> ReadView:
        """The view over the listed segments, less the dead chunks. From ``prev`` (the view this
        process holds) where the lists agree: its segments at the front keep their live chunks
        but for the chunks that died since, so only what changed is looked at."""
        names = state["segments"]
        segs = [self.segment(n) for n in names]
        dead: dict[str, int] = state.get("dead") or {}
        same = 0  # segments at the front that ``prev`` holds as well
        if prev is not None and prev.generation == generation:
            while (
                same < min(len(segs), len(prev.segments))
                and prev.segments[same].name == names[same]
            ):
                same += 1
        prev_dead = prev.dead if prev is not None and same else {}
        masks: dict[int, np.ndarray] = {}
        dying: dict[int, list[str]] = {}  # per segment: the dead ids to look for in it
        for cid, upto in dead.items():
            upto = min(int(upto), len(segs))
            # Dead in the first ``upto`` segments; ``prev`` applied it to its first ``was``.
            was = int(prev_dead.get(cid, 0))
            for k in range(was if was < same else same, upto):
                dying.setdefault(k, []).append(cid)
        for k, cids in sorted(dying.items()):
            local = segs[k].find(cids)
            local = local[local >= 0]
            if not len(local):
                continue
            m = masks[k] = np.zeros(len(segs[k].ids), dtype=bool)
            m[prev.parts[k].live if k < same and prev is not None else slice(None)] = True
            m[local] = False
        live: list[np.ndarray] = []
        parts: list[_Part | None] = []
        for k, sg in enumerate(segs):
            if k in masks:
                live.append(np.flatnonzero(masks[k]))
                parts.append(None)
            elif k < same and prev is not None:
                live.append(prev.live[k])
                parts.append(prev.parts[k])
            else:
                live.append(np.arange(len(sg.ids)))
                parts.append(None)
        return ReadView(version, generation, segs, live, parts=parts, dead=dead, prev=prev)

    def _rebuild(self, corpus: Corpus, version: int, generation: int, writes: int) -> ReadView:
        """Segments for the live generation from the manifest's chunks and Chroma's vectors;
        published when the manifest is still at ``version`` (else it serves this process only
        until the next version)."""
        t0 = time.perf_counter()
        self.rebuilds += 1
        w = self.writer(generation)
        db = corpus.db
        col = corpus.collection()
        step = max(1, min(corpus.index.max_batch, 2000))
        missing = 0
        for batch in db.iter_chunk_batches(generation, step):
            got = col.get(ids=[c.id for c, _ in batch], include=["embeddings"])
            vec = {cid: v for cid, v in zip(got["ids"], got["embeddings"], strict=True)}
            have = [(c, a) for c, a in batch if c.id in vec]
            missing += len(batch) - len(have)
            if have:
                w.add(
                    [ChunkIn(c.id, c.article_id, c.n, c.text, c.indexed_text, *a) for c, a in have],
                    np.asarray([vec[c.id] for c, _ in have], dtype=np.float32),
                )
        w.seal()
        if missing:
            corpus.index.warn(
                f"{missing} indexed chunks have no vector in the store; dense and keyword search "
                "miss them until the next reindex repairs it",
                corpus.name,
            )
        state = {"version": version, "generation": generation, "segments": w.sealed, "dead": {}}
        state["writes"] = writes
        published = db.set_state_if(
            STATE_KEY, state, version=version, generation=generation, writes=writes
        )
        if not published:
            log.info("corpus %s: manifest moved while rebuilding its read side", corpus.name)
        log.info(
            "corpus %s: read side rebuilt from the manifest (%d chunks) in %.1f s",
            corpus.name,
            sum(len(self.segment(n).ids) for n in w.sealed),
            time.perf_counter() - t0,
        )
        segs = [self.segment(n) for n in w.sealed]
        return ReadView(version, generation, segs, [np.arange(len(s.ids)) for s in segs])

    def publish_state(
        self, old: dict[str, Any] | None, writer: SegmentWriter, *, full: bool
    ) -> dict[str, Any] | None:
        """The state listing ``writer``'s segments after ``old``'s (None when ``old`` does not
        describe the generation written: the next reader rebuilds)."""
        writer.seal()
        if full:
            return {"segments": list(writer.sealed), "dead": {}, "generation": writer.generation}
        if not old or old.get("generation") != writer.generation:
            return None
        # chunk id -> how many of the first segments it is dead in: the older copies only, so
        # an id written again later (an article back in a feed) is live in its new segment.
        dead = dict(old.get("dead") or {})
        n_old = len(old["segments"])
        for cid in writer.removed:
            dead[cid] = n_old
        state = {
            "segments": [*old["segments"], *writer.sealed],
            "dead": dead,
            "generation": writer.generation,
        }
        return self._compact(state)

    def _compact(self, state: dict[str, Any]) -> dict[str, Any]:
        """Merge the small segments at the end of the list (one per incremental reindex) into
        one, without their dead chunks, once there are more than ``MAX_TAIL``: the cost is
        that of the small ones, and a reader's per-token work stays bounded."""
        names = state["segments"]
        segs = [self.segment(n) for n in names]
        large = [k for k, sg in enumerate(segs) if len(sg.ids) >= SEGMENT_CHUNKS // 2]
        i = large[-1] + 1 if large else 0
        if len(segs) - i <= MAX_TAIL:
            return state
        masks = [np.ones(len(sg.ids), dtype=bool) for sg in segs[i:]]
        dying: dict[int, list[str]] = {}
        for cid, upto in state["dead"].items():
            for k in range(i, min(int(upto), len(segs))):
                dying.setdefault(k, []).append(cid)
        for k, cids in dying.items():
            local = segs[k].find(cids)
            masks[k - i][local[local >= 0]] = False
        w = self.writer(state["generation"])
        for sg, m in zip(segs[i:], masks, strict=True):
            w.absorb(sg, m)
        w.seal()
        dead = {cid: min(int(u), i) for cid, u in state["dead"].items() if min(int(u), i) > 0}
        log.info("merged %d read-side segments into %s", len(segs) - i, w.sealed)
        return {**state, "segments": [*names[:i], *w.sealed], "dead": dead}

    def tidy(self, listed: Iterable[str]) -> None:
        """Delete segment folders no state lists (older than an hour: a reader in another
        process may be building one now)."""
        if not self.root.is_dir():
            return
        keep = set(listed)
        cutoff = time.time() - STALE_SEGMENT_S
        for p in self.root.iterdir():
            if p.name in keep:
                continue
            try:
                if p.stat().st_mtime < cutoff:
                    shutil.rmtree(p, ignore_errors=True)
            except OSError:
                pass
