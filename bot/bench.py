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


def peak_rss_mib() -> float:
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


class Timer:
    """Wall and process CPU seconds: on a shared host the CPU time is the steadier figure."""

    def __enter__(self) -> Timer:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.wall = time.perf_counter() - self._wall
        self.cpu = time.process_time() - self._cpu


class TimedEmbedder:
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
        t = Timer()
        with t:
            vecs = self.inner.embed(texts, progress=progress)
        self.wall += t.wall
        self.cpu += t.cpu
        return vecs

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def _bare_encode(emb: Embedder, texts: list[str]) -> tuple[Timer, str]:
    """Time the model's own encode() of ``texts``, as the pipeline configures it."""
    st = getattr(emb, "_model", None)
    if st is None:  # a non-sentence-transformers embedder (tests): time its embed() instead
        with Timer() as t:
            emb.embed(texts)
        return t, "embedder.embed"
    batch_size = int(getattr(emb, "batch_size", 64))
    with Timer() as t:
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
        timed = TimedEmbedder(emb)
        index = NewsIndex(s, embedder=timed)
        c = index.corpus(corpus)
        c.add_sources([str(copy)])

        log(f"full ingest of {path} ...")
        with Timer() as t_full:
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
        "peak_rss_mib": peak_rss_mib(),
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
