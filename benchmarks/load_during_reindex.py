"""Questions under load: N questions asked from T threads while a ``--full`` reindex of a corpus
runs, against the same questions with no reindex; plus the health check polled throughout.

Works on a copy of a data directory that already holds the corpus (``newsbot eval multihop``
builds ``eval-multihop``), so the original is never touched:

    nice python benchmarks/load_during_reindex.py --data data --corpus eval-multihop \
        --questions ../shared/eval/multihop-rag/MultiHopRAG.json

The questions run on their own thread pool and the reindex on another, as in the bot
(``NewsBot.ask_executor`` / ``reindex_executor``); the health check's store heartbeat runs on a
thread of its own as ``bot/discord_app/runner.py`` sets it up. Reported: errors, p50/p95 latency
with and without the reindex, how many questions ran while it did, health results.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.health import HealthServer  # noqa: E402
from bot.qa.service import QAService  # noqa: E402
from ingest.index import NewsIndex  # noqa: E402
from ingest.settings import Settings  # noqa: E402


def _pct(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    s = sorted(xs)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))]


def _ask_all(
    qa: QAService, corpus: str, questions: list[str], threads: int, during: threading.Event | None
) -> dict[str, Any]:
    lat: list[float] = []
    errors: list[str] = []
    overlapped = 0
    lock = threading.Lock()

    def one(q: str) -> None:
        nonlocal overlapped
        t0 = time.perf_counter()
        try:
            qa.answer(q, [corpus])
        except Exception as exc:  # counted and reported, never raised
            with lock:
                errors.append(f"{type(exc).__name__}: {exc}")
            return
        dt = time.perf_counter() - t0
        with lock:
            lat.append(dt)
            if during is not None and not during.is_set():
                overlapped += 1

    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="ask") as pool:
        list(pool.map(one, questions))
    return {
        "answered": len(lat),
        "errors": errors,
        "p50_ms": round(_pct(lat, 50) * 1000),
        "p95_ms": round(_pct(lat, 95) * 1000),
        "max_ms": round(max(lat) * 1000) if lat else None,
        "finished_while_reindexing": overlapped if during is not None else None,
    }


class HealthPoller:
    """The health endpoint's checks, run every ``every_s`` on an event loop of its own."""

    def __init__(self, index: NewsIndex, every_s: float = 1.0) -> None:
        self.index = index
        self.every_s = every_s
        self.results: list[tuple[float, bool, dict[str, str]]] = []
        self.loop_stalls: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        asyncio.run(self._main())

    async def _main(self) -> None:
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="health")
        health = HealthServer("127.0.0.1", 0)
        health.add_check(
            "index", lambda: asyncio.get_running_loop().run_in_executor(pool, self.index.heartbeat)
        )
        t0 = time.monotonic()
        while not self._stop.is_set():
            before = time.monotonic()
            ok, checks = await health.run_checks()
            self.results.append((round(time.monotonic() - t0, 1), ok, checks))
            await asyncio.sleep(self.every_s)
            # how late the loop woke up: a blocked loop shows here
            self.loop_stalls.append(time.monotonic() - before - self.every_s)
        pool.shutdown(wait=False)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=REPO / "data", help="data dir holding the corpus")
    ap.add_argument("--corpus", default="eval-multihop")
    ap.add_argument("--questions", type=Path, required=True, help="MultiHopRAG.json")
    ap.add_argument("-n", type=int, default=50)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--json", action="store_true")
    ap.add_argument(
        "--finish",
        action="store_true",
        help="let the reindex finish (else stop it after the questions)",
    )
    a = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="newsbot-load-"))
    try:
        data = work / "data"
        (data / "corpora").mkdir(parents=True)
        shutil.copytree(a.data / "corpora" / a.corpus, data / "corpora" / a.corpus)
        shutil.copytree(a.data / "chroma", data / "chroma")
        settings = Settings(_env_file=None, data_dir=data)  # type: ignore[call-arg]
        index = NewsIndex(settings)
        qa = QAService(index, settings)
        items = json.loads(a.questions.read_text(encoding="utf-8"))
        questions = [it["query"] for i, it in enumerate(items) if i % 5 == 0][: a.n]
        corpus = index.corpus(a.corpus)
        qa.answer(questions[0], [a.corpus])  # load the model and build the read caches

        baseline = _ask_all(qa, a.corpus, questions, a.threads, None)
        print(f"without reindex: {baseline}", flush=True)

        health = HealthPoller(index)
        health.start()
        done = threading.Event()
        started = threading.Event()
        summary: dict[str, Any] = {}

        cancel = threading.Event()
        latest: list[tuple[str, int, int]] = []

        def progress(phase: str, n: int, total: int) -> None:
            latest[:] = [(phase, n, total)]
            if phase == "embed" and n > 0:
                started.set()
            if cancel.is_set():
                raise InterruptedError("stopped: the questions are done")

        def reindex() -> None:
            try:
                t0 = time.perf_counter()
                s = corpus.reindex(full=True, progress=progress)
                summary.update(chunks=s.chunks, seconds=round(time.perf_counter() - t0, 1))
            except InterruptedError:
                summary.update(stopped_at=latest[0] if latest else None)
            except Exception as exc:
                summary["error"] = f"{type(exc).__name__}: {exc}"
            finally:
                started.set()
                done.set()

        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="reindex") as rpool:
            job = rpool.submit(reindex)
            started.wait()
            during = _ask_all(qa, a.corpus, questions, a.threads, done)
            print(f"during --full reindex: {during}", flush=True)
            if not a.finish:
                cancel.set()  # the previous generation stays live, as after any failed --full
            job.result()
        health.stop()
        unhealthy = [(t, c) for t, ok, c in health.results if not ok]
        out = {
            "questions": len(questions),
            "threads": a.threads,
            "without_reindex": baseline,
            "during_full_reindex": during,
            "reindex": summary,
            "health_checks": len(health.results),
            "health_unhealthy": unhealthy,
            "health_loop_stall_max_s": round(max(health.loop_stalls, default=0.0), 3),
        }
        if a.json:
            print(json.dumps(out, indent=2))
        print(
            f"{len(questions)} questions from {a.threads} threads: "
            f"{len(baseline['errors']) + len(during['errors'])} errors; p95 "
            f"{during['p95_ms']} ms during a --full reindex "
            f"({during['finished_while_reindexing']} of {during['answered']} finished while it ran) "
            f"vs {baseline['p95_ms']} ms without; reindex {summary}; health "
            f"{len(health.results) - len(unhealthy)}/{len(health.results)} healthy"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
