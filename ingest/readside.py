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
- Chroma stays the store of record: when the listed segments are missing, damaged or belong to
  another version, a reader rebuilds them from the manifest and the collection's vectors, once
  (single flight), and publishes them if the manifest has not moved meanwhile.
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
import shutil
import threading
import time
import uuid
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
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
FORMAT = 2
MAX_TAIL = 8  # small segments at the end of the list before they are merged into one
STALE_SEGMENT_S = 3600  # unlisted segment folders older than this are leftovers


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
        (folder / f"{prefix}_vocab.json").write_text(json.dumps(vocab))


@dataclass
class Postings:
    vocab: dict[str, int]
    indptr: np.ndarray
    doc: np.ndarray
    tf: np.ndarray
    lens: np.ndarray

    @classmethod
    def load(cls, folder: Path, prefix: str) -> Postings:
        def arr(name: str) -> np.ndarray:
            return np.load(folder / f"{prefix}_{name}.npy", mmap_mode="r")

        words = json.loads((folder / f"{prefix}_vocab.json").read_text())
        vocab = {w: i for i, w in enumerate(words)}
        return cls(vocab, arr("indptr"), arr("doc"), arr("tf"), np.asarray(arr("len")))

    def postings(self, token: str) -> tuple[np.ndarray, np.ndarray] | None:
        i = self.vocab.get(token)
        if i is None:
            return None
        a, b = int(self.indptr[i]), int(self.indptr[i + 1])
        return np.asarray(self.doc[a:b]), np.asarray(self.tf[a:b])


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
        vecs = np.asarray(vecs, dtype=np.float32)
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
        meta = {
            "format": FORMAT,
            "tokenizer": TOKENIZER,
            "ids": self.ids,
            "articles": self.art_rows,
        }
        (tmp / "meta.json").write_text(json.dumps(meta))
        (tmp / "words.json").write_text(json.dumps(self.words))
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
        remap = np.empty(len(seg.articles), dtype=np.int32)
        for k, row in enumerate(seg.articles):
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
    articles: list[list[Any]]  # [article id, outlet, published ts]
    first: np.ndarray
    kw: Postings
    st: Postings
    st_chunk: np.ndarray  # local chunk of each sentence
    vec: np.ndarray  # memory-mapped
    folder: Path | None = None
    _pos: dict[str, int] | None = None
    _words: dict[str, int] | None = None

    @classmethod
    def load(cls, folder: Path) -> Segment:
        meta = json.loads((folder / "meta.json").read_text())
        if meta.get("format") != FORMAT or meta.get("tokenizer") != TOKENIZER:
            raise ValueError(f"segment {folder.name} has another format or tokenizer")
        seg = cls(
            name=folder.name,
            ids=meta["ids"],
            art_of=np.load(folder / "art.npy"),
            articles=meta["articles"],
            first=np.load(folder / "first.npy"),
            kw=Postings.load(folder, "kw"),
            st=Postings.load(folder, "st"),
            st_chunk=np.load(folder / "st_chunk.npy", mmap_mode="r"),
            vec=np.load(folder / "vec.npy", mmap_mode="r"),
            folder=folder,
        )
        if not (len(seg.ids) == len(seg.art_of) == len(seg.kw.lens) == len(seg.vec)):
            raise ValueError(f"segment {folder.name} is inconsistent")
        return seg

    @property
    def words(self) -> dict[str, int]:
        """How often each word occurs in the segment's chunk texts and headlines."""
        if self._words is None:
            try:
                assert self.folder is not None
                self._words = json.loads((self.folder / "words.json").read_text())
            except (OSError, ValueError) as exc:  # deleted since (a view long superseded)
                log.warning("segment %s: no word counts (%s)", self.name, exc)
                self._words = {}
        return self._words

    @property
    def pos(self) -> dict[str, int]:
        if self._pos is None:
            self._pos = {c: i for i, c in enumerate(self.ids)}
        return self._pos


# --- the view readers use -----------------------------------------------------------------------
@dataclass
class ReadView:
    """One manifest version's live chunks, in a fixed order (positions), over its segments."""

    version: int
    generation: int
    segments: list[Segment]
    live: list[np.ndarray]  # per segment: live local chunk indices (ascending)
    ids: list[str] = field(init=False)
    _df: dict[tuple[str, str], int] = field(default_factory=dict, init=False)
    _words: Counter[str] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.offsets = np.cumsum([0] + [len(lv) for lv in self.live]).astype(np.int64)
        self.ids = [s.ids[i] for s, lv in zip(self.segments, self.live, strict=True) for i in lv]
        # Position of each segment's local chunk in the view (-1: not live).
        self.local_pos: list[np.ndarray] = []
        for s, lv, off in zip(self.segments, self.live, self.offsets, strict=False):
            lp = np.full(len(s.ids), -1, dtype=np.int64)
            lp[lv] = off + np.arange(len(lv))
            self.local_pos.append(lp)
        self.n = len(self.ids)
        self.kw_len_sum = sum(int(s.kw.lens[lv].sum()) for s, lv in self._pairs())
        # Sentences of live chunks, for the sentence-level statistics.
        self.st_live: list[np.ndarray] = []
        n_sent, st_len_sum = 0, 0
        for (s, _lv), lp in zip(self._pairs(), self.local_pos, strict=True):
            m = lp[np.asarray(s.st_chunk)] >= 0
            self.st_live.append(m)
            n_sent += int(m.sum())
            st_len_sum += int(s.st.lens[m].sum())
        self.n_sent = n_sent
        self.st_len_sum = st_len_sum

    def _pairs(self) -> Iterable[tuple[Segment, np.ndarray]]:
        return zip(self.segments, self.live, strict=True)

    # Per-chunk facts, in position order.
    def chunk_facts(self) -> tuple[list[str], list[str | None], np.ndarray, np.ndarray, np.ndarray]:
        """(article id per article number, outlet per article number, article number per chunk,
        published ts per article number (NaN: unknown), first-chunk flag per chunk)."""
        art_ids: list[str] = []
        outlets: list[str | None] = []
        ts: list[float] = []
        a_index: dict[str, int] = {}
        art_of = np.zeros(self.n, dtype=np.int32)
        first = np.zeros(self.n, dtype=bool)
        for (s, lv), off in zip(self._pairs(), self.offsets, strict=False):
            remap = np.empty(len(s.articles), dtype=np.int32)
            for k, (aid, outlet, pts) in enumerate(s.articles):
                j = a_index.get(aid)
                if j is None:
                    j = a_index[aid] = len(art_ids)
                    art_ids.append(aid)
                    outlets.append(outlet)
                    ts.append(float(pts) if pts else math.nan)
                remap[k] = j
            art_of[off : off + len(lv)] = remap[s.art_of[lv]]
            first[off : off + len(lv)] = s.first[lv]
        return art_ids, outlets, art_of, np.asarray(ts, dtype=np.float64), first

    def word_counts(self) -> Counter[str]:
        """Word counts over the segments (removed chunks' words stay counted until a --full
        reindex writes fresh segments: a word once indexed is never "corrected" away)."""
        got = self._words
        if got is None:
            got = Counter()
            for s in self.segments:
                got.update(s.words)
            self._words = got
        return got

    def has_token(self, token: str) -> bool:
        return any(token in s.kw.vocab for s in self.segments)

    def _live_postings(
        self, which: str, token: str
    ) -> list[tuple[int, np.ndarray, np.ndarray, np.ndarray]]:
        """Per segment: (segment number, live doc local ids, their tf, their lengths)."""
        out = []
        for k, s in enumerate(self.segments):
            p = (s.kw if which == "kw" else s.st).postings(token)
            if p is None:
                continue
            doc, tf = p
            keep = self.local_pos[k][doc] >= 0 if which == "kw" else self.st_live[k][doc]
            doc, tf = doc[keep], tf[keep]
            if len(doc):
                lens = (s.kw if which == "kw" else s.st).lens[doc]
                out.append((k, doc, tf, lens))
        return out

    def doc_freq(self, token: str, which: str = "kw") -> int:
        key = (which, token)
        got = self._df.get(key)
        if got is None:
            got = sum(len(d) for _, d, _, _ in self._live_postings(which, token))
            self._df[key] = got
        return got

    def bm25(self, tokens: Sequence[str], which: str = "kw") -> np.ndarray:
        """BM25 of every live chunk (``kw``) or every live sentence's score folded to its chunk
        as the best sentence's (``st``), for the query tokens (duplicates count twice, as bm25s
        counts them)."""
        out = np.zeros(self.n, dtype=np.float32)
        n_docs = self.n if which == "kw" else self.n_sent
        if not n_docs:
            return out
        avg = np.float64(self.kw_len_sum if which == "kw" else self.st_len_sum) / n_docs
        if which == "kw":
            acc = out
            for t in tokens:
                for k, doc, tf, lens in self._live_postings(which, t):
                    vals = self._vals(tf, lens, avg, n_docs, self.doc_freq(t, which))
                    np.add.at(acc, self.local_pos[k][doc], vals)
            return out
        # Sentences: sum per sentence (float32, token order), then each chunk's best sentence.
        sums: dict[int, np.ndarray] = {}
        for t in tokens:
            for k, doc, tf, lens in self._live_postings(which, t):
                vals = self._vals(tf, lens, avg, n_docs, self.doc_freq(t, which))
                arr = sums.get(k)
                if arr is None:
                    arr = sums[k] = np.zeros(len(self.segments[k].st.lens), dtype=np.float32)
                np.add.at(arr, doc, vals)
        for k, arr in sums.items():
            hit = np.flatnonzero(arr)
            pos = self.local_pos[k][np.asarray(self.segments[k].st_chunk)[hit]]
            np.maximum.at(out, pos, arr[hit])
        return out

    @staticmethod
    def _vals(tf: np.ndarray, lens: np.ndarray, avg: np.float64, n: int, df: int) -> np.ndarray:
        # bm25s "lucene": idf in float32; tf / (k1 * (1 - b + b * len / avg) + tf) in float64.
        idf = np.float32(math.log(1 + (n - df + 0.5) / (df + 0.5)))
        tfc = tf / (K1 * ((1 - B) + B * lens.astype(np.float64) / avg) + tf)
        return (idf * tfc).astype(np.float32)

    def vectors(self, positions: np.ndarray | None = None) -> np.ndarray:
        """Rows of the stored vectors for ``positions`` (all live chunks when None)."""
        parts = []
        if positions is None:
            for s, lv in self._pairs():
                parts.append(np.asarray(s.vec[lv], dtype=np.float32))
        else:
            positions = np.asarray(positions, dtype=np.int64)
            seg_of = np.searchsorted(self.offsets, positions, side="right") - 1
            out = np.zeros((len(positions), self._dim()), dtype=np.float32)
            for k in np.unique(seg_of):
                m = seg_of == k
                local = self.live[k][positions[m] - self.offsets[k]]
                out[m] = self.segments[k].vec[local]
            return out
        return np.vstack(parts) if parts else np.zeros((0, self._dim()), dtype=np.float32)

    def _dim(self) -> int:
        return int(self.segments[0].vec.shape[1]) if self.segments else 0

    def position(self, chunk_id: str) -> int | None:
        for k, s in enumerate(self.segments):
            i = s.pos.get(chunk_id)
            if i is not None and self.local_pos[k][i] >= 0:
                return int(self.local_pos[k][i])
        return None


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
                    view = self._assemble(state, version, generation)
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
            return view

    def _assemble(self, state: dict[str, Any], version: int, generation: int) -> ReadView:
        segs = [self.segment(n) for n in state["segments"]]
        masks = [np.ones(len(s.ids), dtype=bool) for s in segs]
        for cid, upto in (state.get("dead") or {}).items():
            for k in range(min(int(upto), len(segs))):
                i = segs[k].pos.get(cid)
                if i is not None:
                    masks[k][i] = False
        return ReadView(version, generation, segs, [np.flatnonzero(m) for m in masks])

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
        for cid, upto in state["dead"].items():
            for k in range(i, min(int(upto), len(segs))):
                j = segs[k].pos.get(cid)
                if j is not None:
                    masks[k - i][j] = False
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
