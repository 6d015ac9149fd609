"""The read side of a corpus: what retrieval needs for every chunk at once (BM25 postings over
chunks and over their sentences, vectors, article/outlet/date per chunk), kept on disk beside the
manifest in immutable segments and updated as the reindex writes.

- The reindex adds a segment holding the chunks it wrote (tokenized once, here, as they are
  written) and lists the chunks it removed; both are published in the manifest's own transaction
  that makes its changes visible (the version bump, or the switch of a ``--full`` reindex). A +1%
  reindex writes about 1% of a full build.
- A reader opens the segments the manifest lists (each loaded once per process and shared by
  later versions; what a question reads of them is copied out with ``pread``: see
  ingest/arrayfiles.py), and its view (ingest/readview.py) computes BM25 at query time from the
  stored term frequencies with the live chunks' statistics: the scores are the ones bm25s gives
  for an index built over the live chunks (same formula, same float32 rounding, same summation
  order).
- A new version's view is built from the one before: the segments both list keep what was derived
  from them (live chunks, ids, per-article facts, word counts) unless chunks in them died, and the
  vectors are never gathered into one matrix (stored at unit length, dense search is a product
  per segment over the maps). So the first question after a +1% reindex pays for the new segment,
  not for the corpus.
- Chroma stays the store of record: when the listed segments are missing, damaged or belong to
  another version, a reader rebuilds them from the manifest and the collection's vectors, once
  (single flight), and publishes them if the manifest has not moved meanwhile.

Map: ``_PostingsBuilder`` and ``Postings`` (one segment's BM25 postings, written and read);
``ChunkIn`` and ``SegmentWriter`` (what the reindex hands over, sealed into a segment); ``Segment``
(one segment loaded); the heap helpers (``settle_heap``, ``thaw_heap``) and ``describes``; then
``ReadStore``: ``view`` (a corpus version's view, assembled from segments or rebuilt), then
publishing, compacting and tidying the segment list.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import re
import shutil
import sys
import threading
import time
import uuid
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .arrayfiles import (
    NO_TS,
    Rows,
    load_string_table,
    load_strings,
    mapped,
    save_strings,
    unit_rows,
)
from .chunking import sentence_spans
from .keyword import TOKENIZER, tokenize
from .readview import ReadView, _Part

__all__ = ["NO_TS", "ReadView", "Rows", "load_strings", "save_strings", "unit_rows"]

if TYPE_CHECKING:
    from .index import Corpus

log = logging.getLogger(__name__)

SEGMENT_CHUNKS = 50_000  # a segment is sealed (written) at this many chunks: bounds the writer
STATE_KEY = "read_side"  # the manifest's state entry that lists the live segments
FORMAT = 4  # 3: vectors are stored at unit length; 4: string tables, not JSON (fast to load)
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
        save_strings(folder, f"{prefix}_vocab", vocab)


@dataclass
class Postings:
    own_vocab: dict[str, int] | None  # word -> number (None: looked up ``through`` another's)
    indptr: np.ndarray
    doc: np.ndarray  # memory-mapped (merges read them whole); questions read through ``rows``
    tf: np.ndarray
    lens: np.ndarray
    doc_rows: Rows | None = None
    tf_rows: Rows | None = None
    # The sentence postings' words are the chunk postings' words (a sentence's words are its
    # chunk's): one dict a segment, and per chunk-word number the sentence-word number (-1).
    through: tuple[dict[str, int], np.ndarray] | None = None
    words: list[str] | None = None  # with ``through``: the words in number order
    extra: dict[str, int] | None = None  # with ``through``: its words the other lacks ("∅")

    @classmethod
    def load(cls, folder: Path, prefix: str, through: dict[str, int] | None = None) -> Postings:
        def arr(name: str) -> np.ndarray:
            return mapped(folder / f"{prefix}_{name}.npy")

        # Interned: the segments' vocabularies (and the speller's word counts) share most words.
        words = list(map(sys.intern, load_strings(folder, f"{prefix}_vocab")))
        vocab: dict[str, int] | None = None
        via: tuple[dict[str, int], np.ndarray] | None = None
        extra: dict[str, int] = {}
        if through is not None:
            number = np.full(len(through), -1, dtype=np.int32)
            at = np.asarray([through.get(w, -1) for w in words], dtype=np.int64)
            extra = {words[j]: j for j in np.flatnonzero(at < 0).tolist()}
            if len(extra) <= 16:  # "∅" (a sentence without words) and the like
                found = at >= 0
                number[at[found]] = np.flatnonzero(found).astype(np.int32)
                via = (through, number)
        if via is None:
            vocab = dict(zip(words, range(len(words)), strict=True))
        return cls(
            vocab, arr("indptr"), arr("doc"), arr("tf"), np.asarray(arr("len")),
            Rows(folder / f"{prefix}_doc.npy"), Rows(folder / f"{prefix}_tf.npy"),
            via, words if via is not None else None, extra if via is not None else None,
        )  # fmt: skip

    @property
    def vocab(self) -> dict[str, int]:
        """Word -> number (made on first use when the words are looked up ``through``: merges
        iterate it; questions never need it)."""
        if self.own_vocab is None:
            assert self.words is not None
            self.own_vocab = dict(zip(self.words, range(len(self.words)), strict=True))
        return self.own_vocab

    def number(self, token: str) -> int | None:
        if self.through is not None and self.own_vocab is None:
            j = self.through[0].get(token)
            if j is None:
                return self.extra.get(token) if self.extra else None
            i = int(self.through[1][j])
            return i if i >= 0 else None
        return self.vocab.get(token)

    def postings(self, token: str) -> tuple[np.ndarray, np.ndarray] | None:
        i = self.number(token)
        if i is None:
            return None
        a, b = int(self.indptr[i]), int(self.indptr[i + 1])
        if self.doc_rows is not None and self.tf_rows is not None:
            return self.doc_rows.span(a, b), self.tf_rows.span(a, b)
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
        self.ids.extend(seg.ids[i] for i in live.tolist())
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
    ids: Sequence[str]  # a StringTable when ASCII (chunk ids are)
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
            ids=load_string_table(folder, "ids"),
            art_of=np.load(folder / "art.npy"),
            art_ids=load_strings(folder, "art_ids"),
            art_outlet=np.load(folder / "art_outlet.npy"),
            outlets=load_strings(folder, "outlets"),
            art_ts=np.load(folder / "art_ts.npy"),
            first=np.load(folder / "first.npy"),
            kw=(kw := Postings.load(folder, "kw")),
            st=Postings.load(folder, "st", through=kw.vocab),
            st_chunk=mapped(folder / "st_chunk.npy"),
            vec=mapped(folder / "vec.npy"),
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
