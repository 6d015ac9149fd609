"""Fault injection: kill -9 a reindex at random points, then check that the next reindex converges.

Each round edits the demo corpus (articles changed, removed, restored), starts a reindex
(incremental and ``--full`` in turn) in a child process and SIGKILLs it after a random delay
within that run's expected length. Another child then runs an ordinary reindex and the round
passes ("converged") when:

- the manifest's live chunk ids equal the ids in the live Chroma collection (nothing missing,
  no orphans), the corpus has no other collection generation and the manifest no other generation;
- the keyword index holds exactly the manifest's chunks;
- articles, content hashes and chunk texts equal those of a reference corpus built from scratch
  from the same files, and the answers to a fixed set of questions are the same as the
  reference's (so unchanged articles answer as before).

Embedding uses a deterministic hashing embedder (tests/fakes.py), slowed a little so that a run
lasts long enough for kills to land in every phase; commits are made every few chunks so kills
land between commits too. The embedded Chroma store is used, as ``newsbot`` uses by default.

    python benchmarks/fault_injection.py --rounds 20 --seed 7
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = "demo"
QUESTIONS = [
    "Who is mediating the Halverton transit strike?",
    "What happened at the Orvel border crossing?",
    "Why did the central bank cut its rate?",
    "What happened to Quillon's licence?",
    "Is the Isel ceasefire holding?",
    "Why did the Lunvik talks stall?",
]
COMMIT_CHUNKS = 4  # commits every few chunks: more points between commits to kill at
EMBED_DELAY_S = 0.02  # per text: a full run of the demo corpus lasts about a second


# --- the child: one reindex, and/or a check of the corpus --------------------------------------


def _child(data: Path, sources: Path, mode: str, check: bool) -> None:
    sys.path.insert(0, str(REPO))
    import ingest.reindex as reindex_mod
    from ingest.index import NewsIndex
    from ingest.settings import Settings
    from tests.fakes import HashEmbedder

    class SlowHashEmbedder(HashEmbedder):
        def embed(self, texts: Any, progress: Any = None) -> Any:
            time.sleep(EMBED_DELAY_S * len(texts))
            return super().embed(texts, progress)

    reindex_mod.COMMIT_CHUNKS = COMMIT_CHUNKS
    settings = Settings(_env_file=None, data_dir=data, log_level="WARNING")  # type: ignore[call-arg]
    index = NewsIndex(settings, embedder=SlowHashEmbedder())
    c = index.corpus(CORPUS)
    if not c.sources():
        c.add_sources([str(sources)])

    def progress(phase: str, done: int, total: int) -> None:
        print(f"P {phase} {done}/{total}", flush=True)

    if mode != "none":
        print("S", flush=True)
        t0 = time.monotonic()
        c.reindex(full=(mode == "full"), progress=progress)
        print(f"D {time.monotonic() - t0:.3f}", flush=True)
    if check:
        print("C " + json.dumps(_state(index, c)), flush=True)


def _state(index: Any, c: Any) -> dict[str, Any]:
    from bot.qa.service import QAService
    from ingest.store import generation_of, list_collection_names

    db = c.db
    gen = db.generation
    manifest = sorted(db.chunk_ids())
    chroma = sorted(c.collection().get(include=[])["ids"])
    cols = sorted(
        n for n in list_collection_names(index.client) if generation_of(CORPUS, n) is not None
    )
    arts = {a.id: a.content_hash for a in db.articles().values()}
    chunks = {ch.id: ch.text for ch in db.chunks()}
    kw = c.keyword_index()
    qa = QAService(index, index.settings)
    answers = {q: qa.answer(q, [CORPUS]).text for q in QUESTIONS}
    return {
        "generation": gen,
        "manifest_ids": manifest,
        "chroma_ids": chroma,
        "collections": cols,
        "other_generations": db.other_generations(gen),
        "keyword_matches": sorted(kw.ids) == manifest,
        "articles": arts,
        "chunk_texts": sorted(chunks.values()),
        "answers": answers,
    }


# --- the parent: edits, kills, checks ------------------------------------------------------------


def _spawn(data: Path, sources: Path, mode: str, check: bool) -> subprocess.Popen[str]:
    args = [sys.executable, __file__, "--child", str(data), str(sources), mode]
    if check:
        args.append("--check")
    env = dict(os.environ, PYTHONPATH=str(REPO), TOKENIZERS_PARALLELISM="false")
    return subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=env,
    )


def _run_to_end(data: Path, sources: Path, mode: str, check: bool) -> tuple[float, dict[str, Any]]:
    """Run a child to its end: (how long its reindex took, the state it checked)."""
    p = _spawn(data, sources, mode, check)
    out, err = p.communicate(timeout=600)
    if p.returncode != 0:
        raise RuntimeError(f"child failed ({p.returncode}): {err[-2000:]}")
    state: dict[str, Any] = {}
    took = 0.0
    for line in out.splitlines():
        if line.startswith("C "):
            state = json.loads(line[2:])
        elif line.startswith("D "):
            took = float(line[2:])
    return took, state


def _kill_during(data: Path, sources: Path, mode: str, delay: float) -> tuple[bool, str]:
    """Start a reindex; SIGKILL it ``delay`` s after it started. (killed, last phase seen)."""
    p = _spawn(data, sources, mode, check=False)
    assert p.stdout is not None
    line = p.stdout.readline()
    while line and line.strip() != "S":
        line = p.stdout.readline()
    if not line:
        p.wait()
        raise RuntimeError("the child ended before its reindex started")
    time.sleep(delay)
    killed = p.poll() is None
    if killed:
        os.kill(p.pid, signal.SIGKILL)
    out, _ = p.communicate(timeout=60)
    phases = [ln[2:] for ln in out.splitlines() if ln.startswith("P ")]
    if not killed or any(ln.startswith("D ") for ln in out.splitlines()):
        return False, "finished"
    return True, phases[-1] if phases else "start"


def _edit(sources: Path, stash: Path, rng: random.Random, n: int) -> list[str]:
    done: list[str] = []
    texts = sorted(sources.glob("*.txt"))
    for path in rng.sample(texts, k=min(len(texts), rng.randint(1, 2))):
        lines = path.read_text(encoding="utf-8").split("\n")
        lines[2] = lines[2] + f" Update {n}: officials added a further comment."
        path.write_text("\n".join(lines), encoding="utf-8")
        done.append(f"edit {path.name}")
    if rng.random() < 0.3 and len(texts) > 8:
        gone = rng.choice(sorted(sources.glob("*.txt")))
        for p in [gone, gone.with_name(gone.stem + ".meta.json")]:
            if p.exists():
                shutil.move(str(p), stash / p.name)
        done.append(f"remove {gone.name}")
    elif rng.random() < 0.5 and any(stash.glob("*.txt")):
        back = rng.choice(sorted(stash.glob("*.txt")))
        for p in [back, back.with_name(back.stem + ".meta.json")]:
            if p.exists():
                shutil.move(str(p), sources / p.name)
        done.append(f"restore {back.name}")
    return done


def _problems(got: dict[str, Any], ref: dict[str, Any]) -> list[str]:
    out = []
    if got["manifest_ids"] != got["chroma_ids"]:
        missing = set(got["manifest_ids"]) - set(got["chroma_ids"])
        orphans = set(got["chroma_ids"]) - set(got["manifest_ids"])
        out.append(f"store/manifest differ: {len(missing)} missing, {len(orphans)} orphans")
    if len(got["collections"]) != 1:
        out.append(f"collections: {got['collections']}")
    if got["other_generations"]:
        out.append(f"other manifest generations: {got['other_generations']}")
    if not got["keyword_matches"]:
        out.append("keyword index differs from the manifest")
    if got["articles"] != ref["articles"]:
        out.append("articles/hashes differ from a fresh build")
    if got["chunk_texts"] != ref["chunk_texts"]:
        out.append("chunk texts differ from a fresh build")
    diff = [q for q in QUESTIONS if got["answers"].get(q) != ref["answers"].get(q)]
    if diff:
        out.append(f"answers differ: {diff}")
    return out


def run(rounds: int, seed: int, keep: bool) -> dict[str, Any]:
    rng = random.Random(seed)
    work = Path(tempfile.mkdtemp(prefix="newsbot-faults-"))
    sources, stash = work / "articles", work / "stash"
    shutil.copytree(REPO / "ingest" / "demo_articles", sources)
    stash.mkdir()
    data = work / "data"
    took, _ = _run_to_end(data, sources, "incremental", check=False)
    # How long each kind of run lasts, learnt as we go: kills are spread over that window.
    expected = {"incremental": took, "full": took}
    results: list[dict[str, Any]] = []
    attempts = 0
    try:
        while len(results) < rounds and attempts < rounds * 3:
            attempts += 1
            n = len(results) + 1
            edits = _edit(sources, stash, rng, attempts)
            mode = ("incremental", "full")[n % 2]  # both kinds, in turn
            delay = rng.uniform(0, expected[mode])
            killed, phase = _kill_during(data, sources, mode, delay)
            if not killed:
                # It finished first: measure this mode again and try another point.
                expected[mode] = max(0.05, delay * 0.9)
                continue
            took, got = _run_to_end(data, sources, "incremental", check=True)
            ref_dir = work / f"ref-{n}"
            _, ref = _run_to_end(ref_dir, sources, "incremental", check=True)
            shutil.rmtree(ref_dir, ignore_errors=True)
            problems = _problems(got, ref)
            if mode == "incremental":
                expected[mode] = max(expected[mode], took)
            results.append(
                {
                    "round": n,
                    "mode": mode,
                    "edits": edits,
                    "killed_after_s": round(delay, 3),
                    "killed_in": phase,
                    "converged": not problems,
                    "problems": problems,
                    "chunks": len(got["manifest_ids"]),
                }
            )
            mark = "ok " if not problems else "FAIL"
            print(
                f"[{mark}] round {n:2d}: {mode:11s} killed after {delay:5.2f}s in {phase:16s} "
                f"({', '.join(edits)}){'; ' + '; '.join(problems) if problems else ''}",
                flush=True,
            )
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    ok = sum(r["converged"] for r in results)
    return {"converged": ok, "rounds": len(results), "attempts": attempts, "results": results}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _, _, data, sources, mode, *rest = sys.argv
        _child(Path(data), Path(sources), mode, "--check" in rest)
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--keep", action="store_true", help="keep the working directory")
    a = ap.parse_args()
    res = run(a.rounds, a.seed, a.keep)
    if a.json:
        print(json.dumps(res, indent=2))
    print(f"{res['converged']}/{res['rounds']} converged")
    sys.exit(0 if res["converged"] == res["rounds"] else 1)


if __name__ == "__main__":
    main()
