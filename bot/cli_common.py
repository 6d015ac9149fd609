"""What the ``newsbot`` commands share: the consoles, common options, settings with logging,
and how a user-facing error or a progress bar is shown."""

from __future__ import annotations

import errno
import logging
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from ingest.errors import UserFacingError
from ingest.settings import Settings

# soft_wrap: one error stays one line in `docker logs`, where there is no terminal width.
console = Console(stderr=True, soft_wrap=True)
out = Console()

CorpusOpt = Annotated[str, typer.Option("--corpus", "-c", help="Corpus name.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object for scripts.")]


def load_settings() -> Settings:
    s = Settings()
    logging.basicConfig(
        level=s.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    for noisy in ("httpx", "chromadb", "sentence_transformers", "transformers", "bm25s"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return s


def error(message: object) -> None:
    """``error: MESSAGE`` on stderr; the message is shown as is, never read as markup (it may
    quote an article, a feed entry or a path, and ``pip install 'newsbot[openai]'`` must survive)."""
    console.print(Text.assemble(("error:", "red"), " ", str(message)))


def plain(text: object) -> Text:
    """Untrusted text (articles, feeds, sources, errors) for a table cell: never markup."""
    return Text(str(text))


@contextmanager
def user_errors() -> Iterator[None]:
    try:
        yield
    except UserFacingError as exc:
        error(exc)
        raise typer.Exit(2) from None
    except ConnectionError as exc:
        error(exc)
        raise typer.Exit(3) from None
    except sqlite3.OperationalError as exc:
        if "disk is full" not in str(exc):
            raise
        error(f"disk full: {exc}; nothing was half-written")
        raise typer.Exit(4) from None
    except OSError as exc:
        if exc.errno != errno.ENOSPC:
            raise
        error(f"disk full: {exc}; nothing was half-written")
        raise typer.Exit(4) from None


@contextmanager
def progress_bar(enabled: bool) -> Iterator[Any]:
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
