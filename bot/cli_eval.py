"""``newsbot eval``: MultiHop-RAG and the member-style questions, through the bot's own
retrieval and answers (``bot.qa.evaluate``, ``bot.qa.evalq``)."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from bot.cli_common import JsonOpt, console, error, load_settings, out, progress_bar, user_errors
from ingest.index import NewsIndex

eval_app = typer.Typer(
    help="Measure retrieval and answers: MultiHop-RAG and the member-style questions.",
    no_args_is_help=True,
)


@eval_app.command("multihop")
def eval_multihop(
    path: Annotated[str, typer.Argument(help="Folder holding corpus.json and MultiHopRAG.json.")],
    split: Annotated[str, typer.Option(help="dev, test or all.")] = "test",
    limit: Annotated[int | None, typer.Option(help="Only the first N questions.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Run MultiHop-RAG through the bot's retrieval and answers; print the paper's metrics."""
    from pathlib import Path

    from bot.qa.evaluate import run_eval
    from bot.qa.service import QAService

    if split not in ("dev", "test", "all"):
        raise typer.BadParameter("--split must be dev, test or all")
    root = Path(path)
    if not (root / "corpus.json").is_file() or not (root / "MultiHopRAG.json").is_file():
        error(f"{root} must hold corpus.json and MultiHopRAG.json")
        raise typer.Exit(2)
    with user_errors():
        settings = load_settings()
        qa = QAService(NewsIndex(settings), settings)
        with progress_bar(not as_json and sys.stderr.isatty()) as progress:
            res = run_eval(qa, root, split=split, limit=limit, progress=progress)
    if as_json:
        out.print_json(json.dumps(res))
        return
    t = Table(
        "type",
        "n",
        "Hits@4",
        "Hits@10",
        "MRR@10",
        "FactRecall@10",
        "abstained",
        title=f"MultiHop-RAG, {split} split",
    )
    for name, d in res["table"].items():
        cells = [
            f"{d[k]:.3f}" if k in d else "-" for k in ("hits4", "hits10", "mrr10", "fact_recall10")
        ]
        t.add_row(name, str(int(d["n"])), *cells, f"{d['abstain_rate']:.3f}")
    out.print(t)
    lat = res["latency_ms"]
    out.print(
        f"abstained on null queries: {res['abstain_null']}, answered others: "
        f"{res['answer_others']}, inference gold answer in reply: "
        f"{res['inference_gold_in_reply']} (in the lead or quotes, punctuation aside: "
        f"{res['inference_gold_in_quotes']})"
    )
    out.print(
        f"latency ms: retrieve p50 {lat['retrieve_p50']:.1f} p95 {lat['retrieve_p95']:.1f}; "
        f"compose p50 {lat['compose_p50']:.1f} p95 {lat['compose_p95']:.1f}; "
        f"total p50 {lat['total_p50']:.1f} p95 {lat['total_p95']:.1f}"
    )


@eval_app.command("questions")
def eval_questions(
    path: Annotated[
        str, typer.Argument(help="A question file (JSONL) or a folder of them.")
    ] = "benchmarks/questions",
    split: Annotated[str, typer.Option(help="dev, test or all.")] = "dev",
    multihop: Annotated[
        str, typer.Option(help="MultiHop-RAG folder, for the multihop questions.")
    ] = "../shared/eval/multihop-rag",
    samples: Annotated[
        str, typer.Option(help="Folder of the sample article, for the sample questions.")
    ] = "../shared/samples",
    details: Annotated[
        str | None, typer.Option(help="Write each question's reply and scores to this JSONL file.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Run member-style questions through the Discord question path; print how the replies do."""
    from pathlib import Path

    from bot.qa.evalq import Sources, load_records, result_row, run_questions
    from bot.qa.service import QAService

    if split not in ("dev", "test", "all"):
        raise typer.BadParameter("--split must be dev, test or all")
    with user_errors():
        records = [r for r in load_records(Path(path)) if split == "all" or r.split == split]
        settings = load_settings()
        qa = QAService(NewsIndex(settings), settings)
        src = Sources(Path(multihop), Path(samples))
        with progress_bar(not as_json and sys.stderr.isatty()) as progress:
            res, results = run_questions(qa, records, src, progress=progress)
    res["split"] = split
    if details:
        with open(details, "w", encoding="utf-8") as f:
            for r in results:
                f.write(json.dumps(result_row(r)) + "\n")
    if as_json:
        out.print_json(json.dumps(res))
        return
    for c in res["skipped_corpora"]:
        console.print(f"skipped the {c} questions: their corpus is not available here")
    t = Table(
        "kind",
        "n",
        "answer in reply",
        "article cited",
        "abstained (not covered)",
        "wrongly abstained",
        "lead answer",
        "p95 ms",
        title=f"Member-style questions, {split}",
    )

    def pct(x: float | None) -> str:
        return "-" if x is None else f"{100 * x:.1f}%"

    rows = [*res["by_kind"].items(), *res["by_corpus"].items(), ("overall", res)]
    for name, d in rows:
        t.add_row(
            escape(name),
            str(d["n"]),
            pct(d["answer_in_reply"]),
            pct(d["article_cited"]),
            pct(d["abstain_recall"]),
            pct(d["wrong_abstain"]),
            pct(d["lead_answer"]),
            f"{d['p95_ms']:.0f}",
        )
    out.print(t)
    out.print(f"p50 {res['p50_ms']:.0f} ms, p95 {res['p95_ms']:.0f} ms over {res['n']} questions")
