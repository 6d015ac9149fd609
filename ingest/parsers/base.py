"""Shared parser plumbing: the context, text decoding, format detection and dispatch."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from ..errors import ParseError
from ..models import Article


@dataclass
class ParseContext:
    origin: str  # file path or URL the bytes came from
    default_ai_generated: bool = True
    # Metadata that applies when the input itself does not say (a sidecar file, a feed entry).
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published_at: datetime | None = None
    ai_generated: bool | None = None  # a per-source override of the default
    extra: dict[str, Any] = field(default_factory=dict)
    # Fetches a URL -> (final URL, bytes, content type); feeds use it for summary-only entries.
    fetch: Callable[[str], tuple[str, bytes, str | None]] | None = None
    max_pages: int = 50  # the most entry pages one feed may have fetched (per read of it)
    fetch_workers: int = 4  # pages fetched at once (at most 2 from any one host)
    # Filled by the feed parser: links of entries indexed from the feed's teaser because their
    # page was not fetched this time (the fetch failed, or the feed was over ``max_pages``).
    unfetched: set[str] | None = None

    def make_article(self, **kw: Any) -> Article:
        """Build an article, filling what the input left unknown from this context.

        Every text field is capped here, whatever the parser (a YAML alias or a 10 MB
        ``<title>`` must not become a headline), a link that is not http(s) is dropped, and
        characters that show nothing are taken out of the text (``INVISIBLE``). Here, not in
        ``Article``: an article read back from the index keeps the text its chunks point into.
        """
        for key in ("outlet", "url", "author", "published_at"):
            if kw.get(key) in (None, ""):
                kw[key] = getattr(self, key)
        for key in ("headline", "body"):
            if not isinstance(kw.get(key), str):
                raise ParseError(f"the {key} is not text")
        for key in ("headline", "summary", "body"):
            if isinstance(kw.get(key), str):
                kw[key] = INVISIBLE.sub("", kw[key])
        kw["url"] = web_url(kw.get("url"))
        for key, cap in FIELD_CAPS.items():
            value = kw.get(key)
            if isinstance(value, str) and len(value) > cap:
                kw[key] = cap_text(value, cap)
        if kw.get("related"):
            kw["related"] = [cap_text(t, FIELD_CAPS["summary"]) for t in kw["related"][:50]]
        if kw.get("ai_generated") is None:
            kw["ai_generated"] = (
                self.ai_generated if self.ai_generated is not None else self.default_ai_generated
            )
        kw.setdefault("origin", self.origin)
        return Article(**kw)


# Characters that show nothing but split a word for every reader of the text ("\u200bLos
# Angeles" is no name): zero-width space, word joiner, byte-order mark, soft hyphen. The
# zero-width joiners stay: emoji and some scripts need them.
INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")

# Longest kept value of each metadata field, in characters (the body is bounded by the file cap).
FIELD_CAPS: dict[str, int] = {
    "headline": 500,
    "summary": 2_000,
    "outlet": 200,
    "author": 300,
}
MAX_URL_CHARS = 2_048


def cap_text(text: str, cap: int) -> str:
    """``text`` cut to at most ``cap`` characters, at a word where one is near, marked with "…"."""
    if len(text) <= cap:
        return text
    cut = text[: cap - 1]
    space = cut.rfind(" ")
    if space > cap // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def web_url(url: Any) -> str | None:
    """``url`` when it is an http(s) link with a host, else None (``javascript:``, ``data:``,
    ``file:`` links from a feed or export are never stored, so never shown)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or len(url) > MAX_URL_CHARS or any(c.isspace() or ord(c) < 32 for c in url):
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def decode_text(data: bytes, origin: str) -> str:
    """UTF-8 text (BOM tolerated), or a ParseError that says why not."""
    if not data.strip():
        raise ParseError("the file is empty")
    if b"\x00" in data[:8192]:
        raise ParseError("this looks like a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_datetime(value: Any) -> datetime | None:
    """A timezone-aware datetime from the usual export shapes, or None when unknown/unreadable."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        # Seconds, or milliseconds as JavaScript exports write them. NaN, infinities and
        # timestamps outside datetime's range are unknown dates, not errors.
        ts = float(value)
        if not math.isfinite(ts):
            return None
        ts /= 1000 if abs(ts) > 1e11 else 1
        try:
            return datetime.fromtimestamp(ts, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None  # a list or an object is no date
    s = value.strip()[:100]
    if s.endswith("Z"):
        s = s[:-1] + "+00:00"
    try:
        dt = datetime.fromisoformat(s)
    except ValueError:
        from email.utils import parsedate_to_datetime

        try:
            dt = parsedate_to_datetime(s)
        except (TypeError, ValueError):
            try:
                import dateutil.parser

                dt = dateutil.parser.parse(s)
            except (ValueError, OverflowError, ImportError, TypeError):
                return None
    try:
        return dt if dt.tzinfo else dt.replace(tzinfo=UTC)
    except (OverflowError, ValueError):
        return None


_EXT_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}

SUPPORTED_EXTENSIONS = frozenset(_EXT_FORMATS)


def sniff_format(name: str, data: bytes, content_type: str | None = None) -> str:
    """The parser to use, from the content type, the file extension, then the bytes themselves."""
    ct = (content_type or "").split(";")[0].strip().lower()
    if ct in ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml"):
        return "feed"
    if ct == "text/html" or ct == "application/xhtml+xml":
        return "html"
    if ct in ("application/json",):
        return "json"
    if ct in ("application/x-ndjson", "application/jsonl"):
        return "jsonl"
    if ct == "text/markdown":
        return "markdown"
    ext = PurePosixPath(name.split("?")[0]).suffix.lower()
    if ext in _EXT_FORMATS:
        return _EXT_FORMATS[ext]
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<?xml", b"<rss", b"<feed")):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith((b"[", b"{")):
        return "json"
    if head.startswith(b"---"):
        return "markdown"
    return "text"


def parse_bytes(
    data: bytes,
    ctx: ParseContext,
    *,
    fmt: str | None = None,
    name: str | None = None,
    warnings: list[str] | None = None,
) -> list[Article]:
    """Dispatch to the right parser. Raises ParseError when the input holds no usable article.

    Inputs holding many articles (exports, feeds) skip bad items, noting each in ``warnings``.
    """
    fmt = fmt or sniff_format(name or ctx.origin, data)
    if fmt == "text":
        from .plaintext import parse_plaintext

        return [parse_plaintext(decode_text(data, ctx.origin), ctx)]
    if fmt == "markdown":
        from .markdown import parse_markdown

        return [parse_markdown(decode_text(data, ctx.origin), ctx)]
    if fmt in ("json", "jsonl"):
        from .jsonexport import parse_json

        return parse_json(
            decode_text(data, ctx.origin), ctx, lines=(fmt == "jsonl"), errors=warnings
        )
    if fmt == "html":
        from .html import parse_html

        return [parse_html(data, ctx)]
    if fmt == "feed":
        from .feeds import parse_feed_articles

        return parse_feed_articles(data, ctx, warnings=warnings)
    raise ParseError(f"unsupported format {fmt!r}")


def loads_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(
            f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except RecursionError:
        raise ParseError("malformed JSON: nested too deeply") from None
