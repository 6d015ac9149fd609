"""The ``newsbot`` command line: ingest and manage corpora, ask questions, run the Discord bot."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from bot.bench import bench_app
from bot.bench_embed import embed_bench
from bot.bench_scale import scale as bench_scale
from bot.cli_common import (
    CorpusOpt,
    JsonOpt,
    console,
    load_settings,
    out,
    plain,
    progress_bar,
    user_errors,
)
from bot.cli_eval import eval_app
from ingest.errors import UserFacingError
from ingest.index import NewsIndex, ReindexSummary, demo_articles_dir

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
app.add_typer(eval_app, name="eval")
bench_app.command("scale")(bench_scale)
bench_app.command("embed")(embed_bench)


def _index() -> NewsIndex:
    return NewsIndex(load_settings())


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
    with progress_bar(not as_json and sys.stderr.isatty()) as progress:
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
    with user_errors():
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
    with user_errors():
        s = _run_reindex(_index(), corpus, full, as_json)
    if not s.read_anything:
        raise typer.Exit(1)


@sources_app.command("list")
def sources_list(corpus: CorpusOpt = "default", as_json: JsonOpt = False) -> None:
    """List the sources registered with a corpus."""
    with user_errors():
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
        t.add_row(*map(plain, (r.spec, r.kind, ai, r.outlet or "", r.added_at)))
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
    with user_errors():
        index = _index()
        if not index.corpus(corpus).remove_source(source):
            raise UserFacingError(f"{source} is not a source of corpus {corpus}")
        out.print(f"removed source {source}", markup=False)
        if not no_reindex:
            _run_reindex(index, corpus, False, False)


@app.command()
def status(corpus: CorpusOpt = "default", as_json: JsonOpt = False) -> None:
    """Show what a corpus holds: articles, chunks, sources, freshness, last reindex, model, store."""
    with user_errors():
        st = _index().corpus(corpus).status()
    if as_json:
        out.print_json(json.dumps(st))
        return
    t = Table(show_header=False)
    for key in ("corpus", "articles", "chunks", "sources", "newest_article", "model"):
        t.add_row(key, plain(st[key] if st[key] is not None else "unknown"))
    t.add_row("embedding backend", plain(st.get("embedding_backend") or "unknown"))
    t.add_row("store", plain(st["store"] if st["store"] is not None else "unknown"))
    last = st["last_reindex"]
    if last:
        t.add_row(
            "last reindex",
            plain(
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
    with user_errors():
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
    with user_errors():
        index = _index()
        c = index.corpus(corpus)
        c.add_sources([str(demo_articles_dir())])
        _run_reindex(index, corpus, False, False)
    status(corpus=corpus, as_json=False)
    out.print(f"\n[bold]Q:[/bold] {DEMO_QUESTION}")
    from bot.qa.service import QAService

    with user_errors():
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

    with user_errors():
        settings = load_settings()
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


@app.command()
def run() -> None:
    """Run the Discord bot (needs NEWSBOT_DISCORD_TOKEN)."""
    from bot.discord_app.runner import run_bot

    raise typer.Exit(run_bot(load_settings()))


@app.command("sync-commands")
def sync_commands(
    guild: Annotated[
        int | None, typer.Option(help="Only this guild (instant); default: global.")
    ] = None,
) -> None:
    """Register the slash commands with Discord, globally or in one guild."""
    from bot.discord_app.runner import sync_commands as sync

    raise typer.Exit(sync(load_settings(), guild_id=guild))


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
