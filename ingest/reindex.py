"""The reindex: bring a corpus's Chroma collection, manifest and keyword index in step with its
sources. Incremental by content hash (new chunks written to Chroma under new ids, one SQLite
commit makes them live, old ids deleted after), or ``--full`` into a new collection generation
that is switched to only when complete. ``Corpus.reindex`` (ingest/index.py) takes the per-corpus
lock and runs it.

Map: ``ReindexSummary`` (what a run reports) and ``chunk_metadata``; then ``Reindex``: ``run`` and
``_run`` (read the sources, then ``_incremental`` or ``_full``, then publish and tidy),
``_embed_and_write`` (embedding and the Chroma and manifest writes), ``_copy_kept`` (a full
reindex's unchanged chunks), ``_tidy`` and retention; at the end the helpers that turn manifest
rows back into articles and chunks."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from .chunking import chunk_article
from .corpusdb import ArticleOrigin, ArticleRow, ChunkRow, now_iso
from .models import Article, Chunk
from .readside import STATE_KEY, ChunkIn, SegmentWriter, describes
from .sources import ReadResult
from .spool import ArticleSpool
from .store import (
    collection_name,
    delete_collection,
    generation_of,
    get_or_create_collection,
    list_collection_names,
)

if TYPE_CHECKING:
    from .index import Corpus

log = logging.getLogger(__name__)

ProgressFn = Callable[[str, int, int], None]  # (phase, done, total)
# Articles embedded and committed together: small enough that an interrupted reindex loses
# little work, large enough that encode() batches well.
COMMIT_CHUNKS = 512
# The manifest's state entry naming the generation whose Chroma collection the last run left in
# step with the manifest (deleted while a run may be writing to the store).
CLEAN_KEY = "store_clean"


# --- what a run reports, and what each chunk carries into Chroma ----------------------------------
@dataclass
class ReindexSummary:
    corpus: str
    full: bool = False
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)
    articles: int = 0
    chunks: int = 0
    embedded_chunks: int = 0
    seconds: float = 0.0
    finished_at: str = ""
    read_anything: bool = True
    # Problems that did not stop the reindex but need an admin's eye (shown by `status`).
    warnings: list[str] = field(default_factory=list)
    # Feed entries whose page failed to fetch this time: their earlier text was kept.
    unchanged_degraded: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def chunk_metadata(art: Article, ch: Chunk) -> dict[str, Any]:
    # Chroma metadata values must be str/int/float/bool: unknowns are left out, never None.
    md: dict[str, Any] = {
        "article_id": art.id,
        "headline": art.headline[:500],
        "ai_generated": art.ai_generated,
        "chunk": ch.n,
        "start": ch.start,
        "end": ch.end,
    }
    if art.outlet:
        md["outlet"] = art.outlet
    if art.url:
        md["url"] = art.url
    if art.published_ts is not None:
        md["published_ts"] = art.published_ts
    return md


@dataclass(frozen=True, slots=True)
class _Pending:
    """An article read this run, left in the run's spool until it is written."""

    spool: ArticleSpool
    at: int
    content_hash: str

    def load(self) -> tuple[Article, str]:
        return self.spool[self.at]


# --- the run --------------------------------------------------------------------------------------
class Reindex:
    def __init__(
        self, corpus: Corpus, full: bool, progress: ProgressFn, fail_after: int | None
    ) -> None:
        self.c = corpus
        self.full = full
        self.progress = progress
        self.fail_after = fail_after
        self.summary = ReindexSummary(corpus=corpus.name, full=full)
        self.touched_live = False  # a commit changed the generation readers read
        # The read side's segments for what this run commits (None: the listed ones do not
        # describe the live manifest, so the next reader rebuilds them from it instead).
        self.read_base: dict[str, Any] | None = None
        self.segments: SegmentWriter | None = None
        self.segments_behind = False  # a commit's chunks are listed but not yet in a segment

    def run(self) -> ReindexSummary:
        try:
            return self._run()
        finally:
            # One version bump per reindex (finished or not) that changed the live generation:
            # readers move once, not after every 512-chunk commit, and the read side's update
            # is published in the same transaction.
            if self.touched_live:
                self._publish()

    def _publish(self) -> None:
        self.touched_live = False
        c = self.c
        state = None
        if self.segments is not None and not self.segments_behind:
            try:
                state = c.read.publish_state(self.read_base, self.segments, full=False)
            except OSError as exc:  # a full disk: readers rebuild from the manifest instead
                self._warn(f"could not write the read side's new segment: {exc}")
        c.db.bump_version(publish=(STATE_KEY, state))

    def _start_read_side(self, live_gen: int) -> None:
        """The incremental run extends the listed segments when they describe the live
        manifest (or the corpus is empty); otherwise it writes none."""
        db = self.c.db
        with db.snapshot():
            state = db.get_state(STATE_KEY)
            version, writes = db.version, db.writes
            empty = not db.counts()[1]
        if describes(state, version, live_gen, writes):
            self.read_base = state
        elif empty:
            self.read_base = {"generation": live_gen, "segments": [], "dead": {}}
        if self.read_base is not None:
            self.segments = self.c.read.writer(live_gen)

    def _run(self) -> ReindexSummary:
        t0 = time.perf_counter()
        c, db = self.c, self.c.db
        live_gen = db.generation
        self._tidy(live_gen)
        db.set_state(CLEAN_KEY, None)  # until this run ends: a kill leaves the store to check
        if not self.full:
            self._start_read_side(live_gen)
        old = db.article_hashes(live_gen)
        # An incremental run keeps only what it will write; a --full one writes every article.
        read = self._read_sources(None if self.full else {a: h for a, (h, _) in old.items()})
        try:
            self._apply(read, old, live_gen)
        finally:
            read.articles.close()
        s = self.summary
        s.articles, s.chunks = db.counts()
        # This run repaired what readers had noticed in the corpus; index-wide problems stay.
        c.index.clear_warnings(c.name)
        for w in c.index.warnings_for(c.name):
            if w not in s.warnings:
                s.warnings.append(w)
        s.seconds = round(time.perf_counter() - t0, 3)
        s.finished_at = now_iso()
        db.set_state("last_reindex", s.as_dict())
        db.set_state(CLEAN_KEY, db.generation)  # every write to the store is done
        return s

    # --- applying the changes ---------------------------------------------------------------------
    def _apply(
        self, read: ReadResult, old: dict[str, tuple[str, list[str]]], live_gen: int
    ) -> None:
        """Write what the sources now hold: new, changed and removed articles."""
        db, s = self.c.db, self.summary
        s.errors = [e.as_dict() for e in read.errors]
        s.skipped = len(read.skipped)

        # First copy of an article id wins; later copies (the same story in two sources) are
        # skips. Only ids and hashes stay in memory: the articles wait in the spool.
        incoming: dict[str, _Pending] = {}
        for i, (aid, content_hash) in enumerate(read.articles.heads):
            if aid in incoming:
                s.skipped += 1
                continue
            incoming[aid] = _Pending(read.articles, i, content_hash)
        old_rows = db.article_origins(live_gen)
        # An entry whose page failed to fetch this time came as the feed's teaser: the version
        # indexed earlier (the page's full text) stays.
        kept_degraded = {
            aid
            for aid in read.degraded
            if aid in incoming and aid in old and old[aid][0] != incoming[aid].content_hash
        }
        for aid in kept_degraded:
            del incoming[aid]
        s.unchanged_degraded = len(kept_degraded)
        kinds = {sr.spec: sr.kind for sr in db.sources()}
        cutoff = self._retention_cutoff()
        # Kept, not removed: articles whose source or file failed to read this time, and those
        # that rolled off a feed (a news bot keeps what it has read) unless older than the
        # retention setting. Removing the source removes them.
        keep = {
            aid
            for aid, row in old_rows.items()
            if aid not in incoming
            and row.source in kinds
            and (
                row.source in read.failed_sources
                or row.origin in read.failed_origins
                or (kinds[row.source] == "url" and _within(row, cutoff))
            )
        } | kept_degraded
        removed = [aid for aid in old if aid not in incoming and aid not in keep]
        changed = [
            aid for aid in incoming if aid in old and old[aid][0] != incoming[aid].content_hash
        ]
        new = [aid for aid in incoming if aid not in old]
        unchanged = [
            aid for aid in incoming if aid in old and old[aid][0] == incoming[aid].content_hash
        ]
        s.added, s.updated, s.removed = len(new), len(changed), len(removed)
        s.unchanged = len(unchanged) + len(keep)
        s.read_anything = bool(read.articles) or not (read.errors or read.failed_sources)
        if not self.full:  # a --full run writes every article again
            for aid in unchanged:
                del incoming[aid]

        if self.full:
            self._full(incoming, keep, live_gen)
        else:
            self._incremental(incoming, new + changed, set(changed), removed, old, live_gen)

        self.progress("keyword", 0, 1)
        if self.touched_live:  # the run's one version bump, with the read side's new segment
            self._publish()
        self.progress("keyword", 1, 1)

    # --- retention, tidying up, restoring vectors ----------------------------------------------
    def _retention_cutoff(self) -> float | None:
        days = self.c.index.settings.retention_days
        return time.time() - days * 86400 if days > 0 else None

    def _tidy(self, live_gen: int) -> None:
        """Drop what an interrupted run left behind: other generations and unlisted chunks."""
        c, db = self.c, self.c.db
        for name in list_collection_names(c.index.client):
            # Only this corpus's own generations: another corpus's name may start with ours
            # ("news" and "news-global"), so the generation suffix must match exactly.
            g = generation_of(c.name, name)
            if g is not None and g != live_gen:
                log.info("removing leftover collection %s", name)
                self._delete_collection(name)
        for g in db.other_generations(live_gen):
            db.drop_generation(g)
        listed = (db.get_state(STATE_KEY) or {}).get("segments") or []
        c.read.tidy(listed)
        col = c.collection()
        # After a run that ended cleanly, with as many vectors as listed chunks, the store holds
        # exactly the manifest's chunks: no need to read every id (a +1% run stays about 1%).
        # Otherwise (a run killed or failed since, vectors lost) the ids are compared.
        if db.get_state(CLEAN_KEY) == live_gen and col.count() == db.counts()[1]:
            return
        listed = db.chunk_ids(live_gen)  # ids only: texts are read for the few that need them
        present = set(col.get(include=[])["ids"])
        orphans = sorted(present - listed)
        if orphans:
            log.info("removing %d chunks left by an interrupted reindex", len(orphans))
            _batched(col.delete, orphans, c.index.max_batch)
        lost = sorted(listed - present)
        if lost:
            self._warn(
                f"re-embedded {len(lost)} of {len(listed)} indexed chunks whose vectors the "
                "store had lost"
            )
            rows = db.chunk_rows(lost, live_gen)
            missing = [rows[cid] for cid in lost if cid in rows]
            arts = {
                a: row
                for a in {ch.article_id for ch in missing}
                if (row := db.article_row(a, live_gen)) is not None
            }
            self._restore_vectors(col, missing, arts)

    def _warn(self, text: str) -> None:
        log.warning("corpus %s: %s", self.c.name, text)
        self.summary.warnings.append(text)

    def _delete_collection(self, name: str) -> None:
        err = delete_collection(self.c.index.client, name)
        if err:
            self._warn(err)

    def _restore_vectors(
        self, col: Any, missing: list[ChunkRow], arts: dict[str, ArticleRow]
    ) -> None:
        """Re-embed chunks the manifest lists but the store lost, from the manifest's own text."""
        emb = self.c.index.embedder
        step = self.c.index.max_batch
        for i in range(0, len(missing), step):
            part = missing[i : i + step]
            vecs = emb.embed([ch.indexed_text for ch in part])
            metas = [
                chunk_metadata(_article_from_row(arts[ch.article_id]), _chunk_from_row(ch))
                for ch in part
            ]
            col.upsert(
                ids=[ch.id for ch in part],
                embeddings=vecs,
                metadatas=metas,
                documents=[ch.text for ch in part],
            )

    # --- reading the sources and writing chunks ---------------------------------------------------
    def _read_sources(self, indexed: dict[str, str] | None) -> ReadResult:
        c = self.c
        srcs = c.db.sources()
        folder = c.index.settings.data_dir
        spool = ArticleSpool(folder if folder.is_dir() else None, indexed=indexed)
        result = ReadResult(articles=spool)
        reader = c.index.reader()
        for i, src in enumerate(srcs):
            self.progress("read", i, len(srcs))
            reader.read(
                src.spec, src.kind, result, ai_generated=src.ai_generated, outlet=src.outlet
            )
        self.progress("read", len(srcs), len(srcs))
        return result

    def _embed_and_write(
        self,
        gen: int,
        col: Any,
        todo: list[_Pending],
        replaced: set[str],
        old: dict[str, tuple[str, list[str]]],
    ) -> None:
        """Chunk, embed and commit articles in groups; each group is one SQLite transaction.
        ``todo`` is consumed: an article is let go once its group is written."""
        idx = self.c.index
        segments = self.segments
        emb = idx.embedder
        max_tokens = idx.settings.chunk_max_tokens or emb.max_tokens
        overlap = idx.settings.chunk_overlap_tokens
        self.progress("chunk", 0, len(todo))
        # Articles are chunked as they are embedded, not all first: only the group being
        # embedded is held. The embed total is an estimate (chunks so far per article) until
        # every article is chunked.
        planned_chunks = 0
        total = 0
        done = 0
        self.progress("embed", 0, total)
        group: list[tuple[Article, str, list[Chunk]]] = []
        n_group = 0

        def flush() -> None:
            nonlocal done, group, n_group
            if not group:
                return
            chunks = [ch for _, _, chs in group for ch in chs]
            arts = {a.id: a for a, _, _ in group}
            if self.fail_after is not None and done + len(chunks) > self.fail_after:
                raise RuntimeError("injected failure (test)")
            base = done

            def on_progress(n: int) -> None:
                nonlocal base
                base += n
                self.progress("embed", base, total)

            vecs = emb.embed([ch.indexed_text for ch in chunks], progress=on_progress)
            ids = [ch.id for ch in chunks]
            metas = [chunk_metadata(arts[ch.article_id], ch) for ch in chunks]
            docs = [ch.text for ch in chunks]
            for i in range(0, len(ids), idx.max_batch):
                sl = slice(i, i + idx.max_batch)
                col.upsert(
                    ids=ids[sl], embeddings=vecs[sl], metadatas=metas[sl], documents=docs[sl]
                )
            # The commit below is what makes the new chunks live; then the old ones go.
            rep = [a.id for a, _, _ in group if a.id in replaced]
            self.segments_behind = True  # until the segment holds what this commit lists
            self.c.db.write_articles(gen, group, replace_ids=rep)
            new_ids = set(ids)
            stale = [cid for aid in rep for cid in old[aid][1] if cid not in new_ids]
            if segments is not None:
                segments.add([_chunk_in(arts[ch.article_id], ch) for ch in chunks], vecs)
                segments.removed.extend(stale)
                # Rewritten under the same id: the copy in an older segment is not live.
                segments.removed.extend(c for aid in rep for c in old[aid][1] if c in new_ids)
            self.segments_behind = False
            if stale:
                _batched(col.delete, stale, idx.max_batch)
            done += len(chunks)
            self.summary.embedded_chunks += len(chunks)
            group, n_group = [], 0

        n_todo = len(todo)
        todo.reverse()
        n_planned = 0
        while todo:
            art, src = todo.pop().load()
            n_planned += 1
            chs = chunk_article(
                art, emb.count_tokens, max_tokens=max_tokens, overlap_tokens=overlap
            )
            planned_chunks += len(chs)
            self.progress("chunk", n_planned, n_todo)
            left = n_todo - n_planned
            total = planned_chunks + (round(left * planned_chunks / n_planned) if left else 0)
            group.append((art, src, chs))
            n_group += len(chs)
            if n_group >= COMMIT_CHUNKS:
                flush()
        flush()
        total = planned_chunks
        self.progress("embed", total, total)

    # --- incremental and full runs ----------------------------------------------------------------
    def _incremental(
        self,
        incoming: dict[str, _Pending],
        todo_ids: list[str],
        changed: set[str],
        removed: list[str],
        old: dict[str, tuple[str, list[str]]],
        gen: int,
    ) -> None:
        col = self.c.collection()
        self.touched_live = bool(removed or todo_ids)
        if removed:
            self.progress("remove", 0, len(removed))
            self.c.db.write_articles(gen, [], delete_ids=removed)
            stale = [cid for aid in removed for cid in old[aid][1]]
            if self.segments is not None:
                self.segments.removed.extend(stale)
            _batched(col.delete, stale, self.c.index.max_batch)
            self.progress("remove", len(removed), len(removed))
        if todo_ids:
            todo = [incoming.pop(a) for a in todo_ids]
            incoming.clear()
            self._embed_and_write(gen, col, todo, changed, old)

    def _full(self, incoming: dict[str, _Pending], keep: set[str], live_gen: int) -> None:
        c = self.c
        new_gen = live_gen + 1
        name = collection_name(c.name, new_gen)
        self._delete_collection(name)
        col = get_or_create_collection(c.index.client, name, c.index.settings.embedding_model)
        self.segments = segments = c.read.writer(new_gen)
        try:
            if keep:
                self._copy_kept(keep, live_gen, new_gen, col)
            todo = list(incoming.values())
            incoming.clear()
            self._embed_and_write(new_gen, col, todo, set(), {})
            self.progress("keyword", 0, 1)
            state = c.read.publish_state(None, segments, full=True)
        except BaseException:
            # The live generation was never touched: drop the half-built one and re-raise.
            self._delete_collection(name)
            c.db.drop_generation(new_gen)
            segments.discard()
            raise
        finally:
            self.segments = None
        c.db.switch_generation(new_gen, publish=(STATE_KEY, state))
        self._delete_collection(collection_name(c.name, live_gen))
        c.db.drop_generation(live_gen)

    def _copy_kept(self, keep: set[str], old_gen: int, new_gen: int, col: Any) -> None:
        """Carry articles whose source failed to read into the new generation, vectors and all."""
        c = self.c
        rows = c.db.articles(old_gen)
        old_col = get_or_create_collection(
            c.index.client, collection_name(c.name, old_gen), c.index.settings.embedding_model
        )
        chunk_rows = {ch.id: ch for ch in c.db.chunks(old_gen)}
        for aid in keep:
            row = rows[aid]
            got = old_col.get(ids=row.chunk_ids, include=["embeddings", "metadatas", "documents"])
            col.upsert(
                ids=got["ids"],
                embeddings=got["embeddings"],
                metadatas=got["metadatas"],
                documents=got["documents"],
            )
            art = _article_from_row(row)
            chunks = [_chunk_from_row(chunk_rows[cid]) for cid in row.chunk_ids]
            c.db.write_articles(new_gen, [(art, row.source, chunks)])
            if self.segments is not None:
                vec = dict(zip(got["ids"], got["embeddings"], strict=True))
                have = [ch for ch in chunks if ch.id in vec]
                self.segments.add(
                    [_chunk_in(art, ch) for ch in have],
                    np.asarray([vec[ch.id] for ch in have], dtype=np.float32),
                )


# --- manifest rows as articles and chunks ---------------------------------------------------------
def _chunk_in(art: Article, ch: Chunk) -> ChunkIn:
    return ChunkIn(
        ch.id,
        art.id,
        ch.n,
        ch.text,
        ch.indexed_text,
        art.outlet or None,
        art.published_ts,
        art.headline,
    )


def _within(row: ArticleOrigin, cutoff: float | None) -> bool:
    """Inside the retention window (always, when there is none): by publication time, else by
    when it was indexed."""
    if cutoff is None:
        return True
    if row.published_ts:
        return row.published_ts >= cutoff
    try:
        return datetime.fromisoformat(row.indexed_at).timestamp() >= cutoff
    except ValueError:
        return True


def _article_from_row(row: ArticleRow) -> Article:
    _, _, rest = row.text.partition("\n")
    body = rest
    if row.summary and rest.startswith(row.summary):
        body = rest[len(row.summary) :].lstrip("\n")
    art = Article(
        headline=row.headline,
        body=body,
        origin=row.origin,
        summary=row.summary,
        outlet=row.outlet,
        url=row.url,
        author=row.author,
        published_at=row.published_at,
        ai_generated=row.ai_generated,
        related=row.related,
        id=row.id,
        content_hash=row.content_hash,
    )
    return art


def _chunk_from_row(r: ChunkRow) -> Chunk:
    return Chunk(
        id=r.id,
        article_id=r.article_id,
        n=r.n,
        text=r.text,
        start=r.start,
        end=r.end,
        header=r.header,
    )


def _batched(fn: Callable[..., Any], ids: list[str], size: int) -> None:
    for i in range(0, len(ids), size):
        fn(ids=ids[i : i + size])
