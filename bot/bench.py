"""``newsbot bench``: measure the ingest pipeline against the model's bare encode speed.

The ingest benchmark indexes a corpus into a fresh, temporary data dir (embedded Chroma) with the
configured embedding model, then, in the same process and on the same model object, times the bare
``SentenceTransformer.encode`` of exactly the texts the pipeline embedded. The ratio of the two
throughputs is the pipeline's overhead (parsing, chunking, Chroma and SQLite writes, the keyword
index). It then times a no-op reindex and a reindex after editing 1% of the articles, as shares of
the full ingest. Targets (issue 2): pipeline >= 0.9x bare encode, no-op <= 2%, 1% changed <= 5%.
"""

from __future__ import annotations

import json
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer
from rich.console import Console

from ingest.embedding import Embedder, load_embedder
from ingest.errors import UserFacingError
from ingest.index import NewsIndex
from ingest.parsers.base import SUPPORTED_EXTENSIONS
from ingest.parsers.jsonexport import _FIELDS, _LIST_KEYS
from ingest.settings import Settings
from ingest.store import check_corpus_name

bench_app = typer.Typer(help="Benchmarks (not tests): ingest throughput.", no_args_is_help=True)

TARGETS = {"pipeline_vs_bare_min": 0.9, "noop_share_max": 0.02, "changed_share_max": 0.05}
EDIT_NOTE = "Editor's note: this article was updated after publication for the benchmark."
SPECIAL_TOKENS = 2  # [CLS] and [SEP]: what the model actually reads per text

_err = Console(stderr=True)
_out = Console()


def _peak_rss_mib() -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS.
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(rss / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def _copy_input(src: Path, dst_dir: Path) -> Path:
    dst = dst_dir / src.name
    if src.is_dir():
        shutil.copytree(src, dst)
    else:
        shutil.copy2(src, dst)
    return dst


def _edit_record(obj: Any) -> bool:
    if not isinstance(obj, dict):
        return False
    for key in _FIELDS["body"]:
        if isinstance(obj.get(key), str) and obj[key].strip():
            obj[key] = obj[key].rstrip() + "\n" + EDIT_NOTE
            return True
    return False


def _pick(n_items: int, share: float) -> list[int]:
    """Indices of about ``share`` of the items, spread evenly through them."""
    n = max(1, round(n_items * share))
    step = n_items / n
    return sorted({int(i * step) for i in range(n)})


def _edit_json_file(path: Path, share: float) -> int:
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        lines = text.split("\n")
        idx = [i for i, ln in enumerate(lines) if ln.strip()]
        edited = 0
        for k in _pick(len(idx), share):
            obj = json.loads(lines[idx[k]])
            if _edit_record(obj):
                lines[idx[k]] = json.dumps(obj, ensure_ascii=False)
                edited += 1
        path.write_text("\n".join(lines), encoding="utf-8")
        return edited
    data = json.loads(text)
    records = data
    if isinstance(data, dict):
        records = next((data[k] for k in _LIST_KEYS if isinstance(data.get(k), list)), [data])
    edited = sum(_edit_record(records[i]) for i in _pick(len(records), share))
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return edited


def _edit_text_file(path: Path) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    # After headline and dek, so the note lands in the body (not among related-article teasers).
    lines.insert(min(3, len(lines)), EDIT_NOTE)
    path.write_text("\n".join(lines), encoding="utf-8")
    return 1


def change_share(root: Path, share: float) -> int:
    """Edit about ``share`` of the articles under ``root`` (a file or folder); returns how many."""
    if root.is_file():
        if root.suffix.lower() in (".json", ".jsonl", ".ndjson"):
            return _edit_json_file(root, share)
        return _edit_text_file(root)
    files = sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and p.suffix.lower() in SUPPORTED_EXTENSIONS
        and not p.name.endswith(".meta.json")
    )
    singles = [p for p in files if p.suffix.lower() in (".txt", ".text", ".md", ".markdown")]
    if singles:
        return sum(_edit_text_file(singles[i]) for i in _pick(len(singles), share))
    return sum(_edit_json_file(p, share) for p in files if p.suffix.lower() in (".json", ".jsonl"))


class _Timer:
    """Wall and process CPU seconds: on a shared host the CPU time is the steadier figure."""

    def __enter__(self) -> _Timer:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.wall = time.perf_counter() - self._wall
        self.cpu = time.process_time() - self._cpu


class _TimedEmbedder:
    """Delegates to the real embedder, adding up the time spent inside ``embed``: what is left
    of the pipeline's wall time is its own overhead (parsing, chunking, Chroma, SQLite, BM25)."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name, self.dim, self.max_tokens = inner.name, inner.dim, inner.max_tokens
        self.wall = 0.0
        self.cpu = 0.0

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return self.inner.count_tokens(texts)

    def embed(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        t = _Timer()
        with t:
            vecs = self.inner.embed(texts, progress=progress)
        self.wall += t.wall
        self.cpu += t.cpu
        return vecs

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def _bare_encode(emb: Embedder, texts: list[str]) -> tuple[_Timer, str]:
    """Time the model's own encode() of ``texts``, as the pipeline configures it."""
    st = getattr(emb, "_model", None)
    if st is None:  # a non-sentence-transformers embedder (tests): time its embed() instead
        with _Timer() as t:
            emb.embed(texts)
        return t, "embedder.embed"
    batch_size = int(getattr(emb, "batch_size", 64))
    with _Timer() as t:
        st.encode(
            texts,
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
    return t, "SentenceTransformer.encode"


def run_ingest_bench(
    path: Path,
    *,
    corpus: str = "bench-ingest",
    settings: Settings | None = None,
    embedder: Embedder | None = None,
    share: float = 0.01,
    log: Callable[[str], None] = lambda _msg: None,
) -> dict[str, Any]:
    """Run the ingest benchmark on a copy of ``path``; returns the figures."""
    check_corpus_name(corpus)
    path = path.expanduser().resolve()
    if not path.exists():
        raise UserFacingError(f"no such file or folder: {path}")
    base = settings or Settings()
    with tempfile.TemporaryDirectory(prefix="newsbot-bench-") as tmp_name:
        tmp = Path(tmp_name)
        s = base.model_copy(update={"data_dir": tmp / "data", "chroma_mode": "embedded"})
        t0 = time.perf_counter()
        emb = embedder or load_embedder(
            s.embedding_model, s.embedding_device, s.embedding_batch_size
        )
        emb.embed(["warm-up: the first encode pays for lazy initialisation"] * 4)
        load_s = time.perf_counter() - t0
        (tmp / "input").mkdir()
        copy = _copy_input(path, tmp / "input")
        timed = _TimedEmbedder(emb)
        index = NewsIndex(s, embedder=timed)
        c = index.corpus(corpus)
        c.add_sources([str(copy)])

        log(f"full ingest of {path} ...")
        with _Timer() as t_full:
            full = c.reindex()
        full_s, model_s = t_full.wall, timed.wall
        chunks = c.db.chunks()
        texts = [ch.indexed_text for ch in chunks]
        n_tokens = sum(n + SPECIAL_TOKENS for n in emb.count_tokens(texts))

        log(f"bare encode of the same {len(texts)} texts ...")
        t_bare, bare_what = _bare_encode(emb, texts)
        bare_s = t_bare.wall

        log("no-op reindex ...")
        t0 = time.perf_counter()
        noop = c.reindex()
        noop_s = time.perf_counter() - t0

        edited = change_share(copy, share)
        log(f"reindex after editing {edited} article(s) ...")
        t0 = time.perf_counter()
        changed = c.reindex()
        changed_s = time.perf_counter() - t0

    pipeline_tps = n_tokens / full_s if full_s else 0.0
    bare_tps = n_tokens / bare_s if bare_s else 0.0
    figures: dict[str, Any] = {
        "input": str(path),
        "model": emb.name,
        "device": getattr(emb, "device", None),
        "batch_size": getattr(emb, "batch_size", None),
        "model_load_s": round(load_s, 2),
        "articles": full.articles,
        "chunks": full.chunks,
        "tokens": n_tokens,
        "errors": len(full.errors),
        "full_s": round(full_s, 2),
        "tokens_per_s": round(pipeline_tps, 1),
        "bare": bare_what,
        "bare_encode_s": round(bare_s, 2),
        "bare_tokens_per_s": round(bare_tps, 1),
        "pipeline_vs_bare": round(pipeline_tps / bare_tps, 3) if bare_tps else None,
        "model_s": round(model_s, 2),
        "overhead_s": round(full_s - model_s, 2),
        "overhead_share": round((full_s - model_s) / full_s, 4) if full_s else None,
        "full_cpu_s": round(t_full.cpu, 2),
        "bare_cpu_s": round(t_bare.cpu, 2),
        "pipeline_vs_bare_cpu": round(t_bare.cpu / t_full.cpu, 3) if t_full.cpu else None,
        "noop_s": round(noop_s, 3),
        "noop_share": round(noop_s / full_s, 4) if full_s else None,
        "noop_embedded_chunks": noop.embedded_chunks,
        "changed_articles": changed.updated,
        "changed_requested": edited,
        "changed_embedded_chunks": changed.embedded_chunks,
        "changed_s": round(changed_s, 3),
        "changed_share": round(changed_s / full_s, 4) if full_s else None,
        "peak_rss_mib": _peak_rss_mib(),
        "targets": TARGETS,
    }
    figures["meets_targets"] = {
        "pipeline_vs_bare": (figures["pipeline_vs_bare"] or 0) >= TARGETS["pipeline_vs_bare_min"],
        "noop_share": (figures["noop_share"] or 1) <= TARGETS["noop_share_max"],
        "changed_share": (figures["changed_share"] or 1) <= TARGETS["changed_share_max"],
    }
    return figures


def format_figures(f: dict[str, Any]) -> str:
    ok = {True: "ok", False: "MISSED"}
    m = f["meets_targets"]
    return "\n".join(
        [
            f"input          {f['input']}",
            f"model          {f['model']} on {f['device']} (batch {f['batch_size']}, "
            f"loaded in {f['model_load_s']:.1f}s)",
            f"articles       {f['articles']} ({f['errors']} errors)",
            f"chunks         {f['chunks']}",
            f"tokens         {f['tokens']} word-pieces embedded ([CLS]/[SEP] included)",
            f"full ingest    {f['full_s']:.2f}s  {f['tokens_per_s']:.0f} tokens/s",
            f"bare encode    {f['bare_encode_s']:.2f}s  {f['bare_tokens_per_s']:.0f} tokens/s "
            f"({f['bare']})",
            f"pipeline/bare  {f['pipeline_vs_bare']}x  (target >= "
            f"{TARGETS['pipeline_vs_bare_min']}: {ok[m['pipeline_vs_bare']]})",
            f"  by CPU time  {f['pipeline_vs_bare_cpu']}x  (pipeline {f['full_cpu_s']:.1f}s, "
            f"bare {f['bare_cpu_s']:.1f}s of process CPU)",
            f"  overhead     {f['overhead_s']:.2f}s = {100 * f['overhead_share']:.2f}% of the "
            f"ingest's wall time outside the model ({f['model_s']:.2f}s in embed)",
            f"no-op reindex  {f['noop_s']:.3f}s = {100 * f['noop_share']:.2f}% of full "
            f"({f['noop_embedded_chunks']} chunks embedded; target <= "
            f"{100 * TARGETS['noop_share_max']:.0f}%: {ok[m['noop_share']]})",
            f"1% changed     {f['changed_s']:.3f}s = {100 * f['changed_share']:.2f}% of full "
            f"({f['changed_articles']} articles, {f['changed_embedded_chunks']} chunks "
            f"re-embedded; target <= {100 * TARGETS['changed_share_max']:.0f}%: "
            f"{ok[m['changed_share']]})",
            f"peak RSS       {f['peak_rss_mib']:.0f} MiB",
        ]
    )


@bench_app.command("ingest")
def ingest_bench(
    path: Annotated[Path, typer.Argument(help="A file or folder to ingest (it is copied first).")],
    corpus: Annotated[str, typer.Option("--corpus", "-c", help="Corpus name.")] = "bench-ingest",
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Time a full ingest against bare model encode, then no-op and 1%-changed reindexes."""
    try:
        figures = run_ingest_bench(path, corpus=corpus, log=lambda m: _err.print(m))
    except UserFacingError as exc:
        _err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    if as_json:
        _out.print_json(json.dumps(figures))
    else:
        _out.print(format_figures(figures), highlight=False, soft_wrap=True)


# --- newsbot bench embed: the embedding backends side by side ---------------------------------

EMBED_TARGETS = {
    "ingest_speedup_min": 1.7,  # default backend's full ingest vs torch's
    "question_time_max": 0.6,  # default backend's question embedding time vs torch's
    "int8_points_max": 1.0,  # int8 Hits@10 and MRR@10 within this many points of torch
}


# A pause before each timed question: after a call, torch's OpenMP threads keep spinning for a
# few milliseconds, and a backend timed right after torch ran on a busy CPU (onnx's p50 was 21 ms
# right after torch against 13 ms after a 50 ms pause, in one run, torch's own time unchanged).
# In an answer only one backend runs.
QUESTION_PAUSE_S = 0.05


def _subset_json(src: Path, n: int, dst: Path) -> Path:
    """The first ``n`` records of a JSON export (all when ``n`` is 0), as a file of their own."""
    records = json.loads(src.read_text(encoding="utf-8"))
    if isinstance(records, dict):
        records = next((records[k] for k in _LIST_KEYS if isinstance(records.get(k), list)), [])
    out = dst / src.name
    out.write_text(json.dumps(records[:n] if n else records, ensure_ascii=False), encoding="utf-8")
    return out


def _bare(emb: Any) -> Callable[[list[str]], np.ndarray]:
    """The backend's own batch call, with no gate, sorting or progress: its bare speed."""
    st = getattr(emb, "_model", None)
    if st is not None:
        return lambda batch: st.encode(
            batch,
            batch_size=len(batch),
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
    run = getattr(emb, "run", None)
    if run is not None:
        return run  # type: ignore[no-any-return]
    return lambda batch: emb.embed(batch)


def run_embed_bench(
    corpus_json: Path,
    *,
    backends: Sequence[str] = ("torch", "onnx", "onnx-int8"),
    articles: int = 120,
    questions: int = 200,
    multihop: Path | None = None,
    eval_limit: int | None = None,
    data_dir: Path | None = None,
    settings: Settings | None = None,
    embedders: dict[str, Embedder] | None = None,
    log: Callable[[str], None] = lambda _msg: None,
) -> dict[str, Any]:
    """Compare embedding backends in one run, on the same texts:

    1. a full ingest of the first ``articles`` records of ``corpus_json`` per backend (fresh
       temporary data dirs), timing the model's share as ``bench ingest`` does;
    2. a bare encode of the chunks the ingest embedded, batch by batch, each batch run by every
       backend in turn (so that the machine's load weighs on all alike), and the cosine of each
       backend's vectors with the first backend's (torch);
    3. ``questions`` single-question embeddings, round robin between the backends, each call
       after a short pause (``QUESTION_PAUSE_S``);
    4. with ``multihop``: the MultiHop-RAG test split through the bot's retrieval per backend,
       on an index of the whole corpus in ``data_dir/<backend>`` (built there unless present).
    """
    from ingest.embedding import ONNX_BATCH_TOKENS, load_embedder, onnx_search_dirs

    corpus_json = corpus_json.expanduser().resolve()
    if not corpus_json.is_file():
        raise UserFacingError(f"no such file: {corpus_json}")
    base = settings or Settings()
    embs: dict[str, Embedder] = dict(embedders or {})
    load_s: dict[str, float] = {}
    for b in backends:
        if b in embs:
            continue
        t0 = time.perf_counter()
        embs[b] = load_embedder(
            base.embedding_model,
            "cpu",
            base.embedding_batch_size,
            backend=b,
            cache_dirs=onnx_search_dirs(base),
        )
        embs[b].embed(["warm-up: the first encode pays for lazy initialisation"] * 4)
        load_s[b] = round(time.perf_counter() - t0, 2)
        log(f"{b}: loaded in {load_s[b]:.1f}s")
    ref = backends[0]
    per: dict[str, dict[str, Any]] = {b: {"backend": b, "load_s": load_s.get(b)} for b in backends}

    # 1. full ingest of the same articles, per backend
    texts: list[str] = []
    with tempfile.TemporaryDirectory(prefix="newsbot-bench-embed-") as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "input").mkdir()
        src = _subset_json(corpus_json, articles, tmp / "input")
        for b in backends:
            log(f"{b}: full ingest of {articles or 'all'} articles ...")
            s = base.model_copy(
                update={"data_dir": tmp / b, "chroma_mode": "embedded", "embedding_backend": b}
            )
            timed = _TimedEmbedder(embs[b])
            c = NewsIndex(s, embedder=timed).corpus("bench-embed")
            c.add_sources([str(src)])
            with _Timer() as t:
                summary = c.reindex()
            chunk_texts = [ch.indexed_text for ch in c.db.chunks()]
            if not texts:
                texts = chunk_texts
            elif sorted(chunk_texts) != sorted(texts):
                raise RuntimeError(f"{b} chunked the articles differently from {ref}")
            per[b].update(
                articles=summary.articles,
                chunks=summary.chunks,
                ingest_s=round(t.wall, 2),
                ingest_cpu_s=round(t.cpu, 2),
                ingest_model_s=round(timed.wall, 2),
            )
    ref_emb = embs[ref]
    lengths = ref_emb.count_tokens(texts)
    n_tokens = sum(n + SPECIAL_TOKENS for n in lengths)
    # the pipeline's order: longest first, so that a batch's texts have similar lengths
    by_len = sorted(range(len(texts)), key=lambda i: -lengths[i])
    order = [texts[i] for i in by_len]

    # 2. bare encode, interleaved batch by batch; cosine against the reference backend
    log(f"bare encode of the {len(texts)} chunks, batch by batch in turn ...")
    bare_s = dict.fromkeys(backends, 0.0)
    cos: dict[str, list[np.ndarray]] = {b: [] for b in backends}
    bs = base.embedding_batch_size
    for i in range(0, len(order), bs):
        batch = order[i : i + bs]
        vecs = {}
        for b in backends:
            t0 = time.perf_counter()
            vecs[b] = np.asarray(_bare(embs[b])(batch), dtype=np.float32)
            bare_s[b] += time.perf_counter() - t0
        for b in backends:
            cos[b].append((vecs[b] * vecs[ref]).sum(axis=1))

    # 3. one question at a time, as an answer embeds it
    qs: list[str] = []
    if multihop is not None and (multihop / "MultiHopRAG.json").is_file():
        qs = [q["query"] for q in json.loads((multihop / "MultiHopRAG.json").read_text("utf-8"))]
    qs = (qs or [t[:200] for t in texts])[:questions]
    q_ms: dict[str, list[float]] = {b: [] for b in backends}
    log(f"{len(qs)} single-question embeddings per backend, in turn ...")
    for q in qs:
        for b in backends:
            time.sleep(QUESTION_PAUSE_S)
            t0 = time.perf_counter()
            embs[b].embed([q])
            q_ms[b].append((time.perf_counter() - t0) * 1000)

    for b in backends:
        c_all = np.concatenate(cos[b]) if cos[b] else np.zeros(0)
        qm = sorted(q_ms[b])
        p = per[b]
        p.update(
            tokens=n_tokens,
            ingest_tokens_per_s=round(n_tokens / p["ingest_s"], 1) if p["ingest_s"] else None,
            bare_s=round(bare_s[b], 2),
            bare_tokens_per_s=round(n_tokens / bare_s[b], 1) if bare_s[b] else None,
            ingest_vs_bare=round(bare_s[b] / p["ingest_s"], 3) if p["ingest_s"] else None,
            cosine_mean=round(float(c_all.mean()), 5) if c_all.size else None,
            cosine_min=round(float(c_all.min()), 5) if c_all.size else None,
            question_ms_p50=round(qm[len(qm) // 2], 2) if qm else None,
            question_ms_p95=round(qm[min(len(qm) - 1, round(0.95 * (len(qm) - 1)))], 2)
            if qm
            else None,
        )

    # 4. MultiHop-RAG test split, per backend
    if multihop is not None:
        from bot.qa.evaluate import run_eval
        from bot.qa.service import QAService

        root = data_dir or Path(tempfile.gettempdir()) / "newsbot-bench-embed"
        for b in backends:
            s = base.model_copy(
                update={"data_dir": root / b, "chroma_mode": "embedded", "embedding_backend": b}
            )
            log(f"{b}: MultiHop-RAG test split (index in {s.data_dir}) ...")
            index = NewsIndex(s, embedder=embs[b])
            with _Timer() as t:
                res = run_eval(QAService(index, s), multihop, split="test", limit=eval_limit)
            overall = res["table"]["overall"]
            last = index.corpus("eval-multihop").db.get_state("last_reindex") or {}
            per[b].update(
                multihop_questions=res["questions"],
                hits10=round(overall["hits10"], 4),
                mrr10=round(overall["mrr10"], 4),
                hits4=round(overall["hits4"], 4),
                multihop_total_p50_ms=round(res["latency_ms"]["total_p50"], 1),
                multihop_retrieve_p50_ms=round(res["latency_ms"]["retrieve_p50"], 1),
                multihop_s=round(t.wall, 1),
                multihop_index_first_built_s=last.get("seconds") if last.get("full") else None,
            )

    out: dict[str, Any] = {
        "input": str(corpus_json),
        "articles": articles,
        "model": base.embedding_model,
        "batch_size": bs,
        "onnx_batch_tokens": ONNX_BATCH_TOKENS,
        "reference": ref,
        "backends": per,
        "targets": EMBED_TARGETS,
        "peak_rss_mib": _peak_rss_mib(),
    }
    t_ref = per[ref]
    for b in backends:
        p = per[b]
        p["ingest_speedup"] = round(t_ref["ingest_s"] / p["ingest_s"], 2) if p["ingest_s"] else None
        p["bare_speedup"] = round(t_ref["bare_s"] / p["bare_s"], 2) if p["bare_s"] else None
        if p.get("question_ms_p50") and t_ref.get("question_ms_p50"):
            p["question_time_ratio"] = round(p["question_ms_p50"] / t_ref["question_ms_p50"], 3)
        if "hits10" in p and "hits10" in t_ref:
            p["hits10_points"] = round(100 * (p["hits10"] - t_ref["hits10"]), 2)
            p["mrr10_points"] = round(100 * (p["mrr10"] - t_ref["mrr10"]), 2)
    return out


def format_embed_figures(f: dict[str, Any]) -> str:
    cols = [
        ("load s", "load_s"),
        ("ingest s", "ingest_s"),
        ("ingest tok/s", "ingest_tokens_per_s"),
        ("vs ref", "ingest_speedup"),
        ("bare tok/s", "bare_tokens_per_s"),
        ("vs ref", "bare_speedup"),
        ("ingest/bare", "ingest_vs_bare"),
        ("cos mean", "cosine_mean"),
        ("cos min", "cosine_min"),
        ("q ms p50", "question_ms_p50"),
        ("q ms p95", "question_ms_p95"),
        ("q vs ref", "question_time_ratio"),
        ("Hits@10", "hits10"),
        ("MRR@10", "mrr10"),
        ("dHits pts", "hits10_points"),
        ("dMRR pts", "mrr10_points"),
    ]
    per = f["backends"]
    first = next(iter(per.values()))
    lines = [
        f"input       {f['input']} (first {f['articles'] or 'all'} articles: "
        f"{first.get('chunks')} chunks, {first.get('tokens')} word-pieces)",
        f"model       {f['model']}, batch {f['batch_size']} (onnx backends: at most "
        f"{f.get('onnx_batch_tokens')} word-pieces per session call); "
        f"reference backend {f['reference']}",
    ]
    w = max(len(b) for b in per) + 2
    lines.append("".ljust(16) + "".join(b.ljust(w) for b in per))
    for label, key in cols:
        cells = [per[b].get(key) for b in per]
        if all(c is None for c in cells):
            continue
        lines.append(
            label.ljust(16) + "".join(str(c if c is not None else "-").ljust(w) for c in cells)
        )
    lines.append(f"peak RSS    {f['peak_rss_mib']:.0f} MiB (all backends in one process)")
    return "\n".join(lines)


@bench_app.command("embed")
def embed_bench(
    corpus_json: Annotated[
        Path, typer.Argument(help="A JSON export of articles (e.g. MultiHop-RAG's corpus.json).")
    ],
    backends: Annotated[
        str, typer.Option(help="Comma-separated; the first is the reference.")
    ] = "torch,onnx,onnx-int8",
    articles: Annotated[int, typer.Option(help="Ingest the first N articles (0: all).")] = 120,
    questions: Annotated[int, typer.Option(help="Single-question embeddings timed.")] = 200,
    multihop: Annotated[
        Path | None, typer.Option(help="MultiHop-RAG folder: also run its test split per backend.")
    ] = None,
    eval_limit: Annotated[int | None, typer.Option(help="Only the first N test questions.")] = None,
    data_dir: Annotated[
        Path | None, typer.Option(help="Where the per-backend MultiHop-RAG indexes are kept.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Compare the embedding backends on the same texts: ingest and bare tokens/s, cosine with the
    first backend, question embedding time, and (with --multihop) MultiHop-RAG test figures."""
    from ingest.embedding import BACKENDS

    names = [b.strip() for b in backends.split(",") if b.strip()]
    bad = [b for b in names if b not in BACKENDS]
    if bad or not names:
        _err.print(f"[red]error:[/red] backends must be among {', '.join(BACKENDS)}")
        raise typer.Exit(2)
    try:
        figures = run_embed_bench(
            corpus_json,
            backends=names,
            articles=articles,
            questions=questions,
            multihop=multihop,
            eval_limit=eval_limit,
            data_dir=data_dir,
            log=lambda m: _err.print(m, markup=False),
        )
    except UserFacingError as exc:
        _err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    if as_json:
        _out.print_json(json.dumps(figures))
    else:
        _out.print(format_embed_figures(figures), highlight=False, soft_wrap=True)
