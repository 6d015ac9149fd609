"""``newsbot bench scale --articles N``: how the read path behaves as a corpus grows.

It writes N distinct articles (MultiHop-RAG sentences recombined, dates spread over a year) into
a temporary data dir, indexes them with a stand-in embedder (hashed bag of words, 384
dimensions: cheap, so the model's time is left out; chunks are still sized with the default
model's own tokenizer), and then, in fresh processes so that each start is a real one, measures:

- ingest outside the model: the full ingest's wall time less the time spent in ``embed``;
- first answer after start: a new process opens the index and answers one question;
- p50 / p95 warm: 30 questions from the MultiHop-RAG test split, answered end to end (and the
  retrieval part of each answer alone);
- +1% articles: an incremental reindex (less its embed time), then the next answer's time;
- RSS: resident memory after the warm questions, the serving process's peak, and the ingest
  process's peak.

The MultiHop-RAG folder (``corpus.json`` and ``MultiHopRAG.json``) is required: without it the
command says so and exits with status 2 (the bundled demo articles are too few and too alike to
recombine into 100k distinct articles).
"""

from __future__ import annotations

import json
import math
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer

CORPUS = "bench-scale"
DIM = 384
N_QUESTIONS = 30
FILE_ARTICLES = 1000  # articles per JSONL file in the generated source folder
# Share of a benchmark article's sentences an article keeps: about 5 chunks an article, the
# density of the measurements (a whole benchmark article makes about 14).
KEEP = 0.3
START = datetime(2023, 1, 1, tzinfo=UTC)  # the generated articles span one year from here
NOW = START + timedelta(days=366)
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
_WORD = re.compile(r"\w+")


class StandInEmbedder:
    """Hashed bag of words: deterministic, texts sharing words are close, and it costs little;
    token counts come from the default model's tokenizer so chunks have their real sizes.
    ``embed_s`` adds up the time spent embedding, to be taken out of the ingest time."""

    def __init__(self, dim: int = DIM) -> None:
        from tokenizers import Tokenizer

        from ingest.embedding import resolve_model_path

        path = Path(resolve_model_path("all-MiniLM-L6-v2")) / "tokenizer.json"
        self._tok = Tokenizer.from_file(str(path))
        self._tok.no_truncation()
        self._tok.no_padding()
        self.name = "all-MiniLM-L6-v2"  # the configured model: corpora check it against this
        self.dim = dim
        self.max_tokens = 256
        self.embed_s = 0.0
        self._slot: dict[str, tuple[int, float]] = {}

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        if not texts:
            return []
        enc = self._tok.encode_batch(list(texts), add_special_tokens=False)
        return [len(e.ids) for e in enc]

    def _word(self, w: str) -> tuple[int, float]:
        got = self._slot.get(w)
        if got is None:
            h = zlib.crc32(w.encode())  # stable across processes (hash() is salted)
            got = (h % self.dim, 1.0 if h & 0x80000000 else -1.0)
            self._slot[w] = got
        return got

    def embed(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        t0 = time.perf_counter()
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            row = out[i]
            for w in _WORD.findall(t.lower()):
                j, s = self._word(w)
                row[j] += s
        out[~out.any(axis=1), 0] = 1.0  # no words: any fixed unit vector
        out /= np.linalg.norm(out, axis=1, keepdims=True)
        self.embed_s += time.perf_counter() - t0
        if progress:
            progress(len(texts))
        return out


# --- the generated corpus -------------------------------------------------------------------
def load_multihop(root: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """(benchmark articles, the first 30 test-split questions that are not null queries)."""
    corpus = json.loads((root / "corpus.json").read_text(encoding="utf-8"))
    questions = json.loads((root / "MultiHopRAG.json").read_text(encoding="utf-8"))
    picked = [
        q["query"]
        for i, q in enumerate(questions)
        if i % 5 == 0 and q.get("question_type") != "null_query"
    ]
    return corpus, picked[:N_QUESTIONS]


def make_articles(
    corpus: list[dict[str, Any]], n: int, first: int = 0, span: int | None = None
) -> list[dict[str, Any]]:
    """Articles ``first`` .. ``first + n - 1``: each keeps some of one benchmark article's
    sentences, in their order, with a few sentences of other articles woven in, so every article is
    distinct while reading like news; dates are spread evenly, ``span`` articles (default: all of
    them) to a year, so later ones are the newest."""
    sents = [[s for s in _SENT.split(a["body"]) if s.strip()] for a in corpus]
    out = []
    total = max(span or n + first, 1)
    for i in range(first, first + n):
        rng = random.Random(i)
        base = corpus[i % len(corpus)]
        own = sents[i % len(corpus)]
        keep = [s for s in own if rng.random() < KEEP] or own[:1]
        for _ in range(max(1, len(keep) // 5)):
            other = sents[rng.randrange(len(sents))]
            if other:
                keep.insert(rng.randrange(len(keep) + 1), other[rng.randrange(len(other))])
        when = START + timedelta(seconds=(i / total) * 365 * 86400 + rng.randrange(3600))
        out.append(
            {
                "title": f"{base['title']} ({i})",
                "author": base.get("author") or None,
                "source": base.get("source") or None,
                "published_at": when.isoformat(),
                "url": f"https://bench.invalid/a/{i}",
                "body": " ".join(keep),
            }
        )
    return out


def write_articles(
    folder: Path,
    corpus: list[dict[str, Any]],
    n: int,
    first: int = 0,
    prefix: str = "part",
    span: int | None = None,
) -> None:
    """Write articles in JSONL files of ``FILE_ARTICLES`` each (generated a file at a time)."""
    folder.mkdir(parents=True, exist_ok=True)
    for k, start in enumerate(range(first, first + n, FILE_ARTICLES)):
        m = min(FILE_ARTICLES, first + n - start)
        arts = make_articles(corpus, m, start, span or first + n)
        with (folder / f"{prefix}-{k:05d}.jsonl").open("w", encoding="utf-8") as f:
            for a in arts:
                f.write(json.dumps(a) + "\n")


# --- measuring --------------------------------------------------------------------------------
def _rss_mib(field: str = "VmRSS") -> float:
    """Resident memory (``RssAnon``: the process's own; ``RssFile``: mapped files, such as the
    read side's segments, which the kernel can drop and read again)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def _peak_mib() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def _open(data_dir: Path, embedder: StandInEmbedder) -> Any:
    from ingest.index import NewsIndex
    from ingest.settings import Settings

    settings = Settings(_env_file=None, data_dir=data_dir, chroma_mode="embedded")  # type: ignore[call-arg]
    return NewsIndex(settings, embedder=embedder)


def phase_ingest(data_dir: Path, source: Path) -> dict[str, Any]:
    emb = StandInEmbedder()
    index = _open(data_dir, emb)
    c = index.corpus(CORPUS)
    c.add_sources([str(source)])
    t0 = time.perf_counter()
    s = c.reindex()
    wall = time.perf_counter() - t0
    index.close()
    if s.errors:
        raise RuntimeError(f"ingest failed: {s.errors[:3]}")
    return {
        "articles": s.articles,
        "chunks": s.chunks,
        "ingest_s": wall,
        "embed_s": emb.embed_s,
        "ingest_outside_model_s": wall - emb.embed_s,
        "ingest_peak_rss_mib": _peak_mib(),
    }


def phase_serve(
    data_dir: Path, source: Path, questions: list[str], extra: dict[str, Any]
) -> dict[str, Any]:
    """A fresh start: first answer, warm answers, +1% reindex and the answer after it."""
    from bot.qa import arrays
    from bot.qa.service import QAService

    if extra.get("dense_exact_max") is not None:  # measure the approximate dense path
        arrays.DENSE_EXACT_MAX = int(extra["dense_exact_max"])
    t0 = time.perf_counter()
    emb = StandInEmbedder()
    index = _open(data_dir, emb)
    qa = QAService(index, index.settings)
    qa.answer(questions[0], [CORPUS], now=NOW)
    first = time.perf_counter() - t0
    warm, ret = [], []
    for q in questions:
        t = time.perf_counter()
        ans = qa.answer(q, [CORPUS], now=NOW)
        warm.append(time.perf_counter() - t)
        ret.append(ans.timings_ms.get("retrieve", float("nan")) / 1000)
    rss_warm = _rss_mib()
    rss_warm_anon, rss_warm_file = _rss_mib("RssAnon"), _rss_mib("RssFile")
    # +1%: new articles appear in the source folder; the bot's process reindexes them. (The
    # sentences they are made of are loaded only now: the harness's memory, not the bot's.)
    corpus, _ = load_multihop(Path(extra["multihop"]))
    n, added = extra["articles"], max(1, extra["articles"] // 100)
    write_articles(source, corpus, added, first=n, prefix="more", span=n)
    c = index.corpus(CORPUS)
    emb.embed_s = 0.0
    t = time.perf_counter()
    s = c.reindex()
    re_wall = time.perf_counter() - t
    t = time.perf_counter()
    qa.answer(questions[1], [CORPUS], now=NOW)
    after = time.perf_counter() - t
    rss_after = _rss_mib()
    index.close()
    return {
        "first_answer_s": first,
        "warm_p50_ms": _pct(warm, 50) * 1000,
        "warm_p95_ms": _pct(warm, 95) * 1000,
        "warm_mean_ms": statistics.fmean(warm) * 1000,
        "retrieve_p50_ms": _pct(ret, 50) * 1000,
        "retrieve_p95_ms": _pct(ret, 95) * 1000,
        "reindex_1pct_s": re_wall - emb.embed_s,
        "reindex_1pct_added": s.added,
        "answer_after_reindex_s": after,
        "rss_warm_mib": rss_warm,
        "rss_warm_anon_mib": rss_warm_anon,
        "rss_warm_file_mib": rss_warm_file,
        "rss_after_reindex_mib": rss_after,
        "serve_peak_rss_mib": _peak_mib(),
    }


def _child(phase: str, args: dict[str, Any]) -> dict[str, Any]:
    """Run one phase in a fresh interpreter (a real start, its own peak RSS)."""
    cmd = [sys.executable, "-m", "bot.bench_scale", phase, json.dumps(args)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"the {phase} phase failed:\n{proc.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def run_scale(
    articles: int,
    multihop: Path,
    *,
    work: Path | None = None,
    say: Callable[[str], None] = lambda _: None,
    dense_exact_max: int | None = None,
) -> dict[str, Any]:
    if not (multihop / "corpus.json").is_file() or not (multihop / "MultiHopRAG.json").is_file():
        raise FileNotFoundError(
            f"{multihop} must hold MultiHop-RAG's corpus.json and MultiHopRAG.json (the bench "
            "recombines its sentences into articles and asks its test questions)"
        )
    corpus, questions = load_multihop(multihop)
    own = work is None
    root = Path(tempfile.mkdtemp(prefix="newsbot-scale-")) if work is None else work
    try:
        source, data = root / "articles", root / "data"
        t = time.perf_counter()
        write_articles(source, corpus, articles)
        say(f"wrote {articles} articles in {time.perf_counter() - t:.1f} s; ingesting")
        ing = _child("ingest", {"data": str(data), "source": str(source)})
        say(f"ingested {ing['articles']} articles ({ing['chunks']} chunks); serving")
        srv = _child(
            "serve",
            {
                "data": str(data),
                "source": str(source),
                "questions": questions,
                "multihop": str(multihop),
                "articles": articles,
                "dense_exact_max": dense_exact_max,
            },
        )
        return {"n_articles": articles, **ing, **srv}
    finally:
        if own:
            shutil.rmtree(root, ignore_errors=True)


def table(rows: list[dict[str, Any]]) -> str:
    head = (
        "| articles (chunks) | ingest outside the model | first answer after start | "
        "p50 / p95 warm (answer; retrieval) | +1% articles: reindex, then first answer "
        "| RSS warm / peak (serve) | peak RSS (ingest) |\n|---|---|---|---|---|---|---|"
    )
    lines = [head]
    for r in rows:
        lines.append(
            f"| {r['articles']:,} ({r['chunks']:,}) | {r['ingest_outside_model_s']:.1f} s | "
            f"{r['first_answer_s']:.2f} s | {r['warm_p50_ms']:.0f} / {r['warm_p95_ms']:.0f} ms; "
            f"{r.get('retrieve_p50_ms', math.nan):.0f} / "
            f"{r.get('retrieve_p95_ms', math.nan):.0f} ms | "
            f"{r['reindex_1pct_s']:.2f} s, then {r['answer_after_reindex_s']:.2f} s | "
            f"{r['rss_warm_mib']:,.0f} / {r['serve_peak_rss_mib']:,.0f} MiB | "
            f"{r['ingest_peak_rss_mib']:,.0f} MiB |"
        )
    return "\n".join(lines)


def scale(
    articles: Annotated[
        list[int], typer.Option("--articles", "-n", help="Corpus size(s) in articles.")
    ],
    multihop: Annotated[
        Path, typer.Option(help="MultiHop-RAG folder (corpus.json, MultiHopRAG.json).")
    ] = Path("../shared/eval/multihop-rag"),
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON rows.")] = False,
    dense_exact_max: Annotated[
        int | None,
        typer.Option(
            help="Chunks up to which dense search is exact (lower it to time the HNSW path)."
        ),
    ] = None,
) -> None:
    """Index N generated articles with a stand-in embedder; time the read path (issue 13)."""
    if any(n < 10 for n in articles):
        print("--articles must be at least 10", file=sys.stderr)
        raise typer.Exit(2)
    rows = []
    for n in articles:
        try:
            rows.append(
                run_scale(
                    n,
                    multihop,
                    say=lambda m: print(m, file=sys.stderr),
                    dense_exact_max=dense_exact_max,
                )
            )
        except FileNotFoundError as exc:
            print(f"error: {exc}", file=sys.stderr)
            raise typer.Exit(2) from None
    print(json.dumps(rows, indent=1) if as_json else table(rows))


def main(argv: list[str]) -> None:
    phase, args = argv[0], json.loads(argv[1])
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if phase == "ingest":
        res = phase_ingest(Path(args["data"]), Path(args["source"]))
    elif phase == "serve":
        res = phase_serve(
            Path(args["data"]),
            Path(args["source"]),
            args["questions"],
            {
                "multihop": args["multihop"],
                "articles": args["articles"],
                "dense_exact_max": args.get("dense_exact_max"),
            },
        )
    else:
        raise SystemExit(f"unknown phase {phase!r}")
    print(json.dumps(res))


if __name__ == "__main__":
    main(sys.argv[1:])
