"""``newsbot bench embed``: the embedding backends side by side on the same texts (issue 14).

For each backend (torch, onnx, onnx-int8): the full ingest of the first N articles of a JSON
export and the bare encode of the same chunks (tokens/s), cosine agreement with the first backend,
single-question embedding time, and with ``--multihop`` the MultiHop-RAG test split's retrieval
figures. Prints figures; it is a command, not a test."""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer
from rich.console import Console

from ingest.embedding import Embedder
from ingest.errors import UserFacingError
from ingest.index import NewsIndex
from ingest.parsers.jsonexport import _LIST_KEYS
from ingest.settings import Settings

from .bench import SPECIAL_TOKENS, TimedEmbedder, Timer, peak_rss_mib

_err = Console(stderr=True)
_out = Console()

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
    question_file: Path | None = None,
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
       after a short pause (``QUESTION_PAUSE_S``). The texts: ``question_file`` (a member-style
       question set, see ``benchmarks/questions``: what the bot is asked), else the MultiHop-RAG
       queries (40-60 words, longer than members type), else the first 200 characters of chunks;
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
            timed = TimedEmbedder(embs[b])
            c = NewsIndex(s, embedder=timed).corpus("bench-embed")
            c.add_sources([str(src)])
            with Timer() as t:
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
    qs, q_source = _question_texts(question_file, multihop, texts)
    qs = qs[:questions]
    q_ms: dict[str, list[float]] = {b: [] for b in backends}
    q_tok = [n + 2 for n in embs[ref].count_tokens(qs)] if qs else []
    log(f"{len(qs)} single-question embeddings per backend ({q_source}), in turn ...")
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
            question_source=q_source,
            question_tokens_mean=round(float(np.mean(q_tok)), 1) if q_tok else None,
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
            with Timer() as t:
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
        "peak_rss_mib": peak_rss_mib(),
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


def _question_texts(
    question_file: Path | None, multihop: Path | None, texts: Sequence[str]
) -> tuple[list[str], str]:
    """The single questions to time, and where they came from."""
    if question_file is not None:
        from .qa.evalq import load_records

        if not question_file.exists():
            raise UserFacingError(f"no such question file or folder: {question_file}")
        qs = [r.question for r in load_records(question_file)]
        if qs:
            return qs, f"member questions from {question_file}"
    if multihop is not None and (multihop / "MultiHopRAG.json").is_file():
        raw = json.loads((multihop / "MultiHopRAG.json").read_text("utf-8"))
        return [q["query"] for q in raw], "MultiHop-RAG queries"
    return [t[:200] for t in texts], "first 200 characters of chunks"


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
    lines.append(
        f"questions   {first.get('question_source')}, "
        f"{first.get('question_tokens_mean')} word-pieces on average"
    )
    lines.append(f"peak RSS    {f['peak_rss_mib']:.0f} MiB (all backends in one process)")
    return "\n".join(lines)


def _default_question_set() -> Path | None:
    """The repository's member-style questions, when run from a checkout."""
    here = Path(__file__).resolve().parent.parent / "benchmarks" / "questions"
    return here if here.is_dir() else None


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
    question_file: Annotated[
        Path | None,
        typer.Option(
            help="Time these questions (a JSONL question set or a folder of them); default: "
            "benchmarks/questions when present, else the --multihop queries, else chunk snippets."
        ),
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
            question_file=question_file or _default_question_set(),
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
