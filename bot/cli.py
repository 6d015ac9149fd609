"""The ``newsbot`` command line: ingest and manage corpora, ask questions, run the Discord bot."""

from __future__ import annotations

import errno
import json
import logging
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from bot.bench import bench_app
from bot.bench_embed import embed_bench
from bot.bench_scale import scale as bench_scale
from ingest.errors import UserFacingError
from ingest.index import NewsIndex, ReindexSummary, demo_articles_dir
from ingest.settings import Settings

app = typer.Typer(
    help="Answer questions about current events from news articles, with cited excerpts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
sources_app = typer.Typer(
    help="List or remove a corpus's registered sources.", no_args_is_help=True
)
app.add_typer(sources_app, name="sources")
app.add_typer(bench_app, name="bench")
bench_app.command("scale")(bench_scale)
bench_app.command("embed")(embed_bench)

# soft_wrap: one error stays one line in `docker logs`, where there is no terminal width.
console = Console(stderr=True, soft_wrap=True)
out = Console()

CorpusOpt = Annotated[str, typer.Option("--corpus", "-c", help="Corpus name.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object for scripts.")]


def _settings() -> Settings:
    s = Settings()
    logging.basicConfig(
        level=s.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    for noisy in ("httpx", "chromadb", "sentence_transformers", "transformers", "bm25s"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return s


def _index() -> NewsIndex:
    return NewsIndex(_settings())


def _error(message: object) -> None:
    """``error: MESSAGE`` on stderr; the message is shown as is, never read as markup (it may
    quote an article, a feed entry or a path, and ``pip install 'newsbot[openai]'`` must survive)."""
    console.print(Text.assemble(("error:", "red"), " ", str(message)))


def _plain(text: object) -> Text:
    """Untrusted text (articles, feeds, sources, errors) for a table cell: never markup."""
    return Text(str(text))


@contextmanager
def _user_errors() -> Iterator[None]:
    try:
        yield
    except UserFacingError as exc:
        _error(exc)
        raise typer.Exit(2) from None
    except ConnectionError as exc:
        _error(exc)
        raise typer.Exit(3) from None
    except sqlite3.OperationalError as exc:
        if "disk is full" not in str(exc):
            raise
        _error(f"disk full: {exc}; nothing was half-written")
        raise typer.Exit(4) from None
    except OSError as exc:
        if exc.errno != errno.ENOSPC:
            raise
        _error(f"disk full: {exc}; nothing was half-written")
        raise typer.Exit(4) from None


@contextmanager
def _progress(enabled: bool) -> Iterator[Any]:
    if not enabled:
        yield lambda *_: None
        return
    with Progress(
        TextColumn("{task.description:<8}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        tasks: dict[str, Any] = {}

        def update(phase: str, done: int, total: int) -> None:
            if phase not in tasks:
                tasks[phase] = bar.add_task(phase, total=total or 1)
            bar.update(tasks[phase], completed=done, total=total or 1)

        yield update


def _print_summary(s: ReindexSummary, as_json: bool) -> None:
    if as_json:
        out.print_json(json.dumps(s.as_dict()))
        return
    out.print(
        Text.assemble("corpus ", (s.corpus, "bold")),
        f"{' (full rebuild)' if s.full else ''}: "
        f"{s.added} added, {s.updated} updated, {s.removed} removed, {s.unchanged} unchanged, "
        f"{s.skipped} skipped, {len(s.errors)} errors; {s.articles} articles, {s.chunks} chunks "
        f"({s.embedded_chunks} embedded) in {s.seconds:.1f}s",
        sep="",
        markup=False,
    )
    for e in s.errors:
        where = e["origin"] if e["origin"] != e["source"] else e["source"]
        out.print(Text.assemble("  ", ("skipped", "yellow"), f" {where}: {e['reason']}"))


def _run_reindex(index: NewsIndex, corpus: str, full: bool, as_json: bool) -> ReindexSummary:
    c = index.corpus(corpus)
    if not c.sources() and c.db.counts()[0] == 0:
        raise UserFacingError(
            f"corpus {corpus!r} has no sources yet; add some with: "
            f"newsbot ingest PATH_OR_URL --corpus {corpus}"
        )
    with _progress(not as_json and sys.stderr.isatty()) as progress:
        s = c.reindex(full=full, progress=progress)
    _print_summary(s, as_json)
    return s


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, folders, globs, page or feed URLs.")],
    corpus: CorpusOpt = "default",
    ai_generated: Annotated[
        bool | None,
        typer.Option(
            "--ai-generated/--not-ai-generated",
            help="Mark these sources' articles as AI-generated or not (default: the setting).",
        ),
    ] = None,
    outlet: Annotated[
        str | None, typer.Option(help="Outlet name for articles that lack one.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Register sources with a corpus and index them (only what changed is embedded)."""
    with _user_errors():
        index = _index()
        c = index.corpus(corpus)
        c.add_sources(sources, ai_generated=ai_generated, outlet=outlet)
        s = _run_reindex(index, corpus, False, as_json)
    if not s.read_anything:
        raise typer.Exit(1)


@app.command()
def reindex(
    corpus: CorpusOpt = "default",
    full: Annotated[
        bool, typer.Option("--full", help="Rebuild into a new collection, then switch over.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Sync a corpus with its sources: embed new and changed articles, drop removed ones."""
    with _user_errors():
        s = _run_reindex(_index(), corpus, full, as_json)
    if not s.read_anything:
        raise typer.Exit(1)


@sources_app.command("list")
def sources_list(corpus: CorpusOpt = "default", as_json: JsonOpt = False) -> None:
    """List the sources registered with a corpus."""
    with _user_errors():
        rows = _index().corpus(corpus).sources()
    if as_json:
        out.print_json(json.dumps([r.__dict__ for r in rows]))
        return
    if not rows:
        out.print(
            f"corpus {corpus} has no sources; add some with: newsbot ingest PATH_OR_URL",
            markup=False,
        )
        return
    t = Table("source", "kind", "ai_generated", "outlet", "added")
    for r in rows:
        ai = "default" if r.ai_generated is None else str(r.ai_generated).lower()
        t.add_row(*map(_plain, (r.spec, r.kind, ai, r.outlet or "", r.added_at)))
    out.print(t)


@sources_app.command("remove")
def sources_remove(
    source: Annotated[str, typer.Argument(help="The source as listed by 'sources list'.")],
    corpus: CorpusOpt = "default",
    no_reindex: Annotated[
        bool, typer.Option("--no-reindex", help="Only unregister; drop its articles later.")
    ] = False,
) -> None:
    """Unregister a source and drop its articles from the index."""
    with _user_errors():
        index = _index()
        if not index.corpus(corpus).remove_source(source):
            raise UserFacingError(f"{source} is not a source of corpus {corpus}")
        out.print(f"removed source {source}", markup=False)
        if not no_reindex:
            _run_reindex(index, corpus, False, False)


@app.command()
def status(corpus: CorpusOpt = "default", as_json: JsonOpt = False) -> None:
    """Show what a corpus holds: articles, chunks, sources, freshness, last reindex, model, store."""
    with _user_errors():
        st = _index().corpus(corpus).status()
    if as_json:
        out.print_json(json.dumps(st))
        return
    t = Table(show_header=False)
    for key in ("corpus", "articles", "chunks", "sources", "newest_article", "model"):
        t.add_row(key, _plain(st[key] if st[key] is not None else "unknown"))
    t.add_row("embedding backend", _plain(st.get("embedding_backend") or "unknown"))
    t.add_row("store", _plain(st["store"] if st["store"] is not None else "unknown"))
    last = st["last_reindex"]
    if last:
        t.add_row(
            "last reindex",
            _plain(
                f"{last['finished_at']}: {last['added']} added, {last['updated']} updated, "
                f"{last['removed']} removed, {last['unchanged']} unchanged, "
                f"{len(last['errors'])} errors"
            ),
        )
    else:
        t.add_row("last reindex", "never")
    v = st.get("vectors")
    if v:
        t.add_row(
            "vectors",
            f"{v['store']} in the store for {v['manifest']} indexed chunks"
            + (f"; {v['missing']} missing" if v["missing"] else "")
            + (f"; {v['orphans']} unlisted" if v["orphans"] else ""),
        )
    for w in st.get("warnings") or []:
        t.add_row("warning", w)
    out.print(t)


@app.command()
def recover(corpus: CorpusOpt = "default") -> None:
    """Put back a corpus's last good manifest (saved after every successful reindex)."""
    with _user_errors():
        used, moved = _index().recover(corpus)
    where = f"; the damaged file is kept as {moved}" if moved else ""
    out.print(
        f"restored corpus {corpus} from {used}{where}. Run `newsbot reindex --corpus {corpus}` "
        "to bring it up to date with its sources.",
        markup=False,
        highlight=False,
    )


@app.command()
def demo(corpus: CorpusOpt = "demo") -> None:
    """Index the bundled demo articles, show the corpus status and answer a sample question."""
    with _user_errors():
        index = _index()
        c = index.corpus(corpus)
        c.add_sources([str(demo_articles_dir())])
        _run_reindex(index, corpus, False, False)
    status(corpus=corpus, as_json=False)
    out.print(f"\n[bold]Q:[/bold] {DEMO_QUESTION}")
    from bot.qa.service import QAService

    with _user_errors():
        ans = QAService(index, index.settings).answer(DEMO_QUESTION, [corpus])
    _print_answer(ans)
    out.print(f'\nAsk your own: newsbot ask --corpus {corpus} "Who is mediating the talks?"')


DEMO_QUESTION = "What's the latest on the water dispute between Veldoria and Karsenia?"


def _print_answer(ans: Any) -> None:
    from bot.qa.types import by_article, cite_line

    # Everything here comes from articles or a model: printed as is, never as markup.
    out.print(ans.lead, style="bold", markup=False, highlight=False)
    for group in by_article(ans.citations):  # one source line per article
        for c in group:
            out.print(Text.assemble((f"[{c.n}]", "cyan"), f' "{c.shown_quote}"'), highlight=False)
        out.print(f"    - {cite_line(group[0])}", highlight=False, style="dim", markup=False)
    if ans.notice:
        out.print(ans.notice, style="italic", markup=False)
    if ans.caveat:
        out.print(ans.caveat, style="yellow", markup=False)


def _parse_now(now: str | None) -> Any:
    from datetime import UTC, datetime

    if not now:
        return datetime.now(UTC)
    try:
        dt = datetime.fromisoformat(now.replace("Z", "+00:00"))
    except ValueError:
        raise UserFacingError(f"--now must be an ISO date or datetime, got {now!r}") from None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="The question, in quotes.")],
    corpus: CorpusOpt = "default",
    as_json: JsonOpt = False,
    llm: Annotated[
        str | None,
        typer.Option(help="Answer with an LLM, e.g. ollama:llama3.1 (default: the setting)."),
    ] = None,
    now: Annotated[
        str | None, typer.Option(help="Reference time for 'yesterday', 'last week'... (ISO).")
    ] = None,
) -> None:
    """Answer a question from a corpus with cited, verbatim excerpts."""
    from bot.qa.llm import make_chat_model
    from bot.qa.service import QAService

    with _user_errors():
        settings = _settings()
        index = NewsIndex(settings)
        spec = llm or settings.llm
        chat = make_chat_model(spec, settings) if spec else None
        qa = QAService(index, settings, chat_model=chat)
        draft = qa.draft(question, [corpus], now=_parse_now(now))
        ans = draft.answer
        kept = None  # why the model's answer was not used
        if draft.wants_llm:
            outcome = qa.refine(draft)
            if outcome.answer is not None:
                ans = outcome.answer
            else:
                kept = f"{outcome.status} after {outcome.seconds:.1f} s"
    if as_json:
        data = ans.to_dict()
        if kept:
            data["llm_kept_quoted_answer"] = kept
        out.print_json(json.dumps(data))
    else:
        if kept:
            console.print(
                f"(the model's answer was not used: {kept}; the quoted answer follows)",
                markup=False,
            )
        _print_answer(ans)


eval_app = typer.Typer(
    help="Measure retrieval and answers on a public benchmark.", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")


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
        _error(f"{root} must hold corpus.json and MultiHopRAG.json")
        raise typer.Exit(2)
    with _user_errors():
        settings = _settings()
        qa = QAService(NewsIndex(settings), settings)
        with _progress(not as_json and sys.stderr.isatty()) as progress:
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
        f"{res['inference_gold_in_reply']}"
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
    with _user_errors():
        records = [r for r in load_records(Path(path)) if split == "all" or r.split == split]
        settings = _settings()
        qa = QAService(NewsIndex(settings), settings)
        src = Sources(Path(multihop), Path(samples))
        with _progress(not as_json and sys.stderr.isatty()) as progress:
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


@app.command()
def run() -> None:
    """Run the Discord bot (needs NEWSBOT_DISCORD_TOKEN)."""
    from bot.discord_app.runner import run_bot

    raise typer.Exit(run_bot(_settings()))


@app.command("sync-commands")
def sync_commands(
    guild: Annotated[
        int | None, typer.Option(help="Only this guild (instant); default: global.")
    ] = None,
) -> None:
    """Register the slash commands with Discord, globally or in one guild."""
    from bot.discord_app.runner import sync_commands as sync

    raise typer.Exit(sync(_settings(), guild_id=guild))


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
