"""Registered sources (files, folders, globs, page and feed URLs) and reading them into articles.

A source spec is what the admin typed: a path, a glob, or an http(s) URL. Paths are stored
absolute so a reindex reads the same files whatever the working directory.
"""

from __future__ import annotations

import dataclasses
import glob as globlib
import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import FetchError, ParseError, UserFacingError
from .fetch import Fetcher
from .parsers import ParseContext, parse_bytes, sniff_format
from .parsers.base import SUPPORTED_EXTENSIONS, parse_datetime
from .spool import ArticleSpool

if TYPE_CHECKING:
    from .settings import Settings

log = logging.getLogger(__name__)

SIDECAR_SUFFIX = ".meta.json"
_GLOB_CHARS = set("*?[")


@dataclass
class SourceIssue:
    source: str  # the registered source
    origin: str  # the file or URL within it
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"source": self.source, "origin": self.origin, "reason": self.reason}


@dataclass
class ReadResult:
    # (article, source spec), kept in a temporary file past a few MB (ingest/spool.py)
    articles: ArticleSpool = field(default_factory=ArticleSpool)
    errors: list[SourceIssue] = field(default_factory=list)
    skipped: list[SourceIssue] = field(default_factory=list)
    # Sources and origins that could not be read this time: their indexed articles are kept.
    failed_sources: set[str] = field(default_factory=set)
    failed_origins: set[str] = field(default_factory=set)
    # Feed entries read as the feed's teaser only because their page was not fetched this time
    # (the fetch failed, or the feed's page cap was reached): an earlier, fuller version already
    # indexed is kept (the reindex checks).
    degraded: set[str] = field(default_factory=set)


def is_url(spec: str) -> bool:
    return spec.lower().startswith(("http://", "https://"))


def normalise_spec(spec: str, base: Path | None = None) -> tuple[str, str]:
    """(stored spec, kind) for what a user typed; raises UserFacingError for a missing path."""
    spec = spec.strip()
    if not spec:
        raise UserFacingError("empty source")
    if is_url(spec):
        return spec, "url"
    p = Path(spec).expanduser()
    if not p.is_absolute():
        p = (base or Path.cwd()) / p
    if _GLOB_CHARS & set(spec):
        return str(p), "glob"
    p = p.resolve()
    if p.is_dir():
        return str(p), "dir"
    if p.is_file():
        return str(p), "file"
    raise UserFacingError(f"no such file or folder: {spec}")


def _is_sidecar(p: Path) -> bool:
    return p.name.endswith(SIDECAR_SUFFIX)


def _files_of(spec: str, kind: str) -> Iterator[Path]:
    if kind == "file":
        yield Path(spec)
    elif kind == "dir":
        for p in sorted(Path(spec).rglob("*")):
            if p.is_file() and not _is_sidecar(p) and not p.name.startswith("."):
                yield p
    elif kind == "glob":
        for name in sorted(globlib.glob(spec, recursive=True)):
            p = Path(name)
            if p.is_file() and not _is_sidecar(p):
                yield p


def read_sidecar(path: Path) -> dict[str, object]:
    side = path.with_name(path.stem + SIDECAR_SUFFIX)
    if not side.is_file():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ParseError(f"unreadable metadata file {side.name}: {exc}") from None
    if not isinstance(data, dict):
        raise ParseError(f"metadata file {side.name} must hold a JSON object")
    return data


class SourceReader:
    """Reads registered sources. Bad inputs become issues; the rest is returned."""

    def __init__(
        self,
        *,
        default_ai_generated: bool = True,
        max_file_bytes: int = 5_000_000,
        fetcher: Fetcher | None = None,
        max_feed_pages: int = 50,
    ) -> None:
        self.default_ai_generated = default_ai_generated
        self.max_file_bytes = max_file_bytes
        self.fetcher = fetcher
        self.max_feed_pages = max_feed_pages

    @classmethod
    def from_settings(cls, settings: Settings, fetcher: Fetcher | None) -> SourceReader:
        return cls(
            default_ai_generated=settings.default_ai_generated,
            max_file_bytes=settings.max_file_bytes,
            fetcher=fetcher,
            max_feed_pages=settings.feed_max_pages,
        )

    def _ctx(
        self, origin: str, ai_generated: bool | None, outlet: str | None, meta: dict[str, object]
    ) -> ParseContext:
        ai_meta = meta.get("ai_generated")
        return ParseContext(
            origin=origin,
            default_ai_generated=self.default_ai_generated,
            outlet=outlet or _str(meta.get("outlet") or meta.get("source")),
            url=_str(meta.get("url")),
            author=_str(meta.get("author")),
            published_at=parse_datetime(meta.get("published_at") or meta.get("date")),
            ai_generated=ai_generated
            if ai_generated is not None
            else (ai_meta if isinstance(ai_meta, bool) else None),
            # Links inside content (a feed entry's page) were chosen by its author, not the host.
            fetch=self.fetcher.get_link if self.fetcher else None,
            max_pages=self.max_feed_pages,
        )

    def read(
        self,
        spec: str,
        kind: str,
        result: ReadResult,
        *,
        ai_generated: bool | None = None,
        outlet: str | None = None,
    ) -> None:
        if kind == "url":
            self._read_url(spec, result, ai_generated, outlet)
            return
        files = list(_files_of(spec, kind))
        if not files:
            what = "no files match" if kind == "glob" else "not found"
            result.errors.append(SourceIssue(spec, spec, what))
            result.failed_sources.add(spec)
            return
        for path in files:
            self._read_file(spec, path, result, ai_generated, outlet, explicit=(kind == "file"))

    def _read_file(
        self,
        spec: str,
        path: Path,
        result: ReadResult,
        ai_generated: bool | None,
        outlet: str | None,
        *,
        explicit: bool,
    ) -> None:
        origin = str(path)
        if not explicit and path.suffix.lower() not in SUPPORTED_EXTENSIONS:
            result.skipped.append(
                SourceIssue(spec, origin, f"unsupported file type {path.suffix!r}")
            )
            return
        try:
            size = path.stat().st_size
            if size > self.max_file_bytes:
                raise ParseError(f"{size:,} bytes is over the {self.max_file_bytes:,}-byte cap")
            data = path.read_bytes()
            ctx = self._ctx(origin, ai_generated, outlet, read_sidecar(path))
            warnings: list[str] = []
            arts = parse_bytes(data, ctx, name=path.name, warnings=warnings)
        except (ParseError, OSError) as exc:
            result.errors.append(SourceIssue(spec, origin, _reason(exc)))
            result.failed_origins.add(origin)
            return
        except Exception as exc:  # one bad file never stops the others
            log.warning("could not parse %s", origin, exc_info=True)
            result.errors.append(SourceIssue(spec, origin, _unexpected(exc)))
            result.failed_origins.add(origin)
            return
        for w in warnings:
            result.errors.append(SourceIssue(spec, origin, w))
        result.articles.extend((a, spec) for a in arts)

    def _read_url(
        self, spec: str, result: ReadResult, ai_generated: bool | None, outlet: str | None
    ) -> None:
        if self.fetcher is None:
            result.errors.append(SourceIssue(spec, spec, "fetching URLs is not enabled here"))
            result.failed_sources.add(spec)
            return
        try:
            final_url, data, ctype = self.fetcher.get(spec)
            fmt = sniff_format(final_url, data, ctype)
            ctx = self._ctx(spec, ai_generated, outlet, {"url": final_url} if fmt == "html" else {})
            # The parser notes the entries it indexed from their teaser (page not fetched).
            unfetched: set[str] = set()
            ctx = dataclasses.replace(ctx, unfetched=unfetched)
            warnings: list[str] = []
            arts = parse_bytes(data, ctx, fmt=fmt, name=final_url, warnings=warnings)
            result.degraded.update(a.id for a in arts if a.url and a.url in unfetched)
        except (FetchError, ParseError) as exc:
            result.errors.append(SourceIssue(spec, spec, _reason(exc)))
            result.failed_sources.add(spec)
            return
        except Exception as exc:  # one bad source never stops the others
            log.warning("could not parse %s", spec, exc_info=True)
            result.errors.append(SourceIssue(spec, spec, _unexpected(exc)))
            result.failed_sources.add(spec)
            return
        for w in warnings:
            result.errors.append(SourceIssue(spec, spec, w))
        result.articles.extend((a, spec) for a in arts)


def _str(v: object) -> str | None:
    return str(v).strip() or None if v not in (None, "") else None


def _unexpected(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "could not be read: nested too deeply"
    return f"could not be read ({exc.__class__.__name__}: {str(exc)[:200]})"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


ProgressFn = Callable[[str, int, int], None]
