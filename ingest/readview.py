"""A read view: one manifest version's live chunks over the read side's segments
(ingest/readside.py), with BM25 computed at question time from the segments' term frequencies,
the live chunks' vectors, and per-article facts."""

from __future__ import annotations

import functools
import math
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, compress
from typing import TYPE_CHECKING, Any

import numpy as np

from .arrayfiles import NO_TS, LazyStrings

if TYPE_CHECKING:
    from .readside import Segment

K1, B = 1.2, 0.75  # BM25 parameters (those the keyword index always used)
TERM_CACHE_BYTES = 32 << 20  # per view: query tokens' BM25 terms kept for later questions


class _Picked(LazyStrings):
    """The strings of ``base`` at ``at`` (a segment's live chunk ids), made when asked for."""

    def __init__(self, base: Sequence[str], at: np.ndarray) -> None:
        self.base, self.at = base, at

    def __len__(self) -> int:
        return len(self.at)

    def _item(self, i: int) -> str:
        return self.base[int(self.at[i])]

    def __iter__(self) -> Iterator[str]:
        base = self.base
        return (base[j] for j in self.at.tolist())


class _Joined(LazyStrings):
    """The view's chunk ids in position order: its segments' live ids one after another."""

    def __init__(self, parts: list[Sequence[str]], offsets: np.ndarray) -> None:
        self.parts, self.offsets = parts, offsets

    def __len__(self) -> int:
        return int(self.offsets[-1])

    def _item(self, i: int) -> str:
        k = int(np.searchsorted(self.offsets, i, side="right")) - 1
        return self.parts[k][i - int(self.offsets[k])]

    def __iter__(self) -> Iterator[str]:
        return chain.from_iterable(self.parts)


def _joined(xs: list[np.ndarray]) -> np.ndarray:
    return xs[0] if len(xs) == 1 else np.concatenate(xs)


@dataclass
class _Part:
    """What a view derives from one segment and its live chunks. A later view whose segment and
    live chunks are the same shares it: a new version costs what it changed, not the corpus."""

    live: np.ndarray  # live local chunk indices (ascending)
    all_live: bool
    rank: np.ndarray  # per local chunk: its place among the segment's live chunks (-1: dead)
    ids: Sequence[str]  # the live chunks' ids
    st_live: np.ndarray  # per sentence: of a live chunk
    n_sent: int
    st_len_sum: int
    kw_len_sum: int
    st_chunk: np.ndarray  # per sentence: its local chunk

    @functools.cached_property
    def runs(self) -> tuple[np.ndarray, np.ndarray] | None:
        """Where each chunk's run of sentences starts, and the chunk (sentences are stored in
        chunk order); None when they are not (then only the sentences hit are folded). Made
        on the first ranking that hits most sentences, not on start-up."""
        st_chunk = np.asarray(self.st_chunk)
        if not len(st_chunk) or bool(np.any(st_chunk[1:] < st_chunk[:-1])):
            return None
        starts = np.flatnonzero(np.r_[True, st_chunk[1:] != st_chunk[:-1]])
        return starts, st_chunk[starts]

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
            live, False, rank, _Picked(seg.ids, live), st_live, int(st_live.sum()),
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
        self.ids: Sequence[str] = _Joined([p.ids for p in self.parts], self.offsets)
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
            # Counted from the postings' bounds where a segment's chunks are all live: no
            # postings are read just to count them (a question's words are counted first).
            got = 0
            for s, part in self._pairs():
                post = s.kw if which == "kw" else s.st
                i = post.number(token)
                if i is None:
                    continue
                if part.all_live:
                    got += int(post.indptr[i + 1] - post.indptr[i])
                    continue
                found = post.postings(token)
                assert found is not None
                doc = found[0]
                live = part.rank[doc] >= 0 if which == "kw" else part.st_live[doc]
                got += int(np.count_nonzero(live))
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
        counts them). Sums run in float32 in token order, as bm25s sums them: ``np.add.at`` adds
        the tokens' postings one by one, in the order given."""
        out = np.zeros(self.n, dtype=np.float32)
        n_docs = self.n if which == "kw" else self.n_sent
        if not n_docs:
            return out
        docs: dict[int, list[np.ndarray]] = {}
        vals: dict[int, list[np.ndarray]] = {}
        for t in tokens:
            for k, doc, v in self._term(which, t):
                docs.setdefault(k, []).append(doc)
                vals.setdefault(k, []).append(v)
        if which == "kw":
            for k in docs:  # one piece: chunk positions
                np.add.at(out, _joined(docs[k]), _joined(vals[k]))
            return out
        # Sentences: sum per sentence, then each chunk's best sentence (BM25 is never negative:
        # a chunk none of whose sentences holds a token scores 0).
        for k in docs:
            part = self.parts[k]
            hit = _joined(docs[k])
            arr = np.zeros(len(self.segments[k].st.lens), dtype=np.float32)
            np.add.at(arr, hit, _joined(vals[k]))
            if len(hit) > len(arr) and part.runs is not None:
                # more hits than sentences: every chunk's best at once, over its run of sentences
                starts, chunk = part.runs
                pos = part.rank[chunk]
                best = np.maximum.reduceat(arr, starts)
                if not part.all_live:
                    best, pos = best[pos >= 0], pos[pos >= 0]
                out[self.offsets[k] + pos] = best
            else:  # the sentences hit (repeats are harmless to a maximum)
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
