"""Ingest benchmark: ``python benchmarks/bench_ingest.py PATH [--corpus NAME] [--json]``.

The same as ``newsbot bench ingest PATH``: a full ingest of PATH (copied into a temporary data
dir, embedded Chroma, the configured model) timed against the model's bare encode of the same
texts, then a no-op reindex and a reindex after editing 1% of the articles. See bot/bench.py.
"""

from __future__ import annotations

import typer

from bot.bench import ingest_bench

if __name__ == "__main__":
    typer.run(ingest_bench)
