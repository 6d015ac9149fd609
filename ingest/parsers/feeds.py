"""RSS 2.0 and Atom feeds: one article per entry.

An entry that carries only a teaser (no full content, or a short one) has its page fetched, when
the context can fetch, and the page's main text is indexed instead; if that fails the teaser is
indexed and a warning says so.
"""

from __future__ import annotations

import io
import re
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import feedparser

from ..errors import ParseError, UserFacingError
from ..models import Article
from .base import ParseContext, parse_datetime, web_url
from .html import html_to_paragraphs, parse_html
from .plaintext import split_published_text

Fetch = Callable[[str], tuple[str, bytes, str | None]]

# Entry text shorter than this is a teaser: the full article is on the linked page.
SHORT_ENTRY_CHARS = 400
# Pages fetched at once from one host.
_PER_HOST = 2

# RSS <author> is "email (Name)"; feedparser 6 mis-splits it, so the name is taken here.
# Character classes that cannot overlap: "\S+@\S+" backtracked quadratically on "a@a@a@...".
_RSS_AUTHOR = re.compile(r"^\s*[^\s@]+@[^\s(]+\s*\(([^)]+)\)\s*$")
_TRAILING_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\.\.|…)\s*\]|\.\.\.|…)\s*$")


def _drop_ellipsis(text: str) -> str:
    # Only the end can hold it: matching the whole text rescans every run of spaces.
    head, tail = text[:-64], text[-64:]
    return head + _TRAILING_ELLIPSIS.sub("", tail)


def _norm(s: str) -> str:
    return " ".join(s.split()).casefold()


def _text(value: Any) -> str:
    return " ".join(html_to_paragraphs(value or "")) if value else ""


def _entry_author(entry: Any) -> str | None:
    raw = entry.get("author") or ""
    m = _RSS_AUTHOR.match(raw)
    if m:
        return m.group(1).strip() or None
    if raw.strip() and "@" not in raw:
        return _text(raw) or None
    names = [a.get("name") for a in entry.get("authors") or [] if a.get("name")]
    return ", ".join(names) or (raw.strip() or None)


def _entry_published(entry: Any) -> datetime | None:
    for key in ("published", "updated", "created"):
        dt = parse_datetime(entry.get(key))
        if dt is not None:
            return dt
        parsed = entry.get(f"{key}_parsed")
        if isinstance(parsed, time.struct_time):  # feedparser normalises these to UTC
            return datetime(*parsed[:6], tzinfo=UTC)
    return None


def _entry_content(entry: Any) -> list[str]:
    """Paragraphs of the entry's full content (content:encoded, atom:content), longest first."""
    best: list[str] = []
    for part in entry.get("content") or []:
        paras = html_to_paragraphs(part.get("value") or "")
        if sum(map(len, paras)) > sum(map(len, best)):
            best = paras
    return best


def _fetch_page(fetch: Fetch, link: str, page_ctx: ParseContext) -> Article:
    _final_url, data, content_type = fetch(link)
    ct = (content_type or "").split(";")[0].strip().lower()
    if ct and "html" not in ct and "xml" not in ct:
        raise ParseError(f"not an HTML page ({ct})")
    return parse_html(data, page_ctx)


@dataclass
class _Entry:
    """What one feed entry says, before its page (if it needs one) is fetched."""

    label: str
    headline: str
    link: str | None
    own: list[str]
    related: list[str]
    outlet: str | None
    author: str | None
    published: datetime | None
    ai_flag: bool | None
    dek: str

    @property
    def wants_page(self) -> bool:
        return bool(self.link) and sum(map(len, self.own)) < SHORT_ENTRY_CHARS


def _read_entry(entry: Any, ctx: ParseContext, feed_title: str) -> _Entry:
    headline = _text(entry.get("title"))
    raw_link = (entry.get("link") or "").strip() or None
    link = web_url(raw_link)  # a javascript: or data: link is neither fetched nor stored
    content = _entry_content(entry)
    summary_paras = html_to_paragraphs(entry.get("summary") or "")
    paras = content or summary_paras
    label = f"entry {headline!r}" if headline else f"entry {link or '(untitled)'}"
    if not headline:
        raise ParseError(f"{label}: no title")
    if not paras:
        raise ParseError(f"{label}: no text (neither content nor summary)")

    own, ai, related = split_published_text("\n".join(paras))
    dek = ""
    if content and summary_paras:
        # A teaser that merely opens the body adds nothing; a distinct one is the dek.
        teaser = _drop_ellipsis(" ".join(summary_paras))
        if teaser and _norm(teaser) not in _norm(" ".join(own)):
            dek = " ".join(summary_paras)
    return _Entry(
        label=label,
        headline=headline,
        link=link,
        own=own,
        related=related,
        outlet=ctx.outlet or feed_title or None,
        author=_entry_author(entry),
        published=_entry_published(entry),
        ai_flag=True if ai else None,
        dek=dek,
    )


def _page_ctx(e: _Entry, ctx: ParseContext) -> ParseContext:
    assert e.link is not None
    return ParseContext(
        origin=e.link,
        default_ai_generated=ctx.default_ai_generated,
        outlet=e.outlet,
        url=e.link,
        author=e.author,
        published_at=e.published,
        ai_generated=e.ai_flag if e.ai_flag is not None else ctx.ai_generated,
        extra=dict(ctx.extra),
    )


def _fetch_pages(
    fetch: Fetch, wanted: list[_Entry], ctx: ParseContext
) -> dict[int, Article | BaseException]:
    """Each entry's page (or why not), keyed by position in ``wanted``: a few at a time, and at
    most two at once from any one host, so a feed of teasers neither takes hours nor hammers
    its site."""
    per_host: dict[str, threading.Semaphore] = {}
    lock = threading.Lock()

    def one(e: _Entry) -> Article:
        assert e.link is not None
        host = (urlsplit(e.link).hostname or "").lower()
        with lock:
            gate = per_host.setdefault(host, threading.Semaphore(_PER_HOST))
        with gate:
            return _fetch_page(fetch, e.link, _page_ctx(e, ctx))

    out: dict[int, Article | BaseException] = {}
    if not wanted:
        return out
    workers = max(1, min(ctx.fetch_workers, len(wanted)))
    if workers == 1:
        for i, e in enumerate(wanted):
            try:
                out[i] = one(e)
            except Exception as exc:  # reported per entry by the caller
                out[i] = exc
        return out
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="feed-page") as pool:
        futures = {pool.submit(one, e): i for i, e in enumerate(wanted)}
        for fut, i in futures.items():
            try:
                out[i] = fut.result()
            except Exception as exc:  # reported per entry by the caller
                out[i] = exc
    return out


def _entry_article(
    e: _Entry, ctx: ParseContext, page: Article | BaseException | None, notes: list[str]
) -> Article:
    if isinstance(page, BaseException) and ctx.unfetched is not None and e.link:
        ctx.unfetched.add(e.link)
    if isinstance(page, BaseException):
        reason = str(page) or page.__class__.__name__
        if not isinstance(page, UserFacingError | OSError | ValueError):
            reason = f"{page.__class__.__name__}: {reason}"
        notes.append(f"{e.label}: page fetch failed ({reason}); indexed the feed summary only")
    elif page is not None:
        if len(page.body) >= len("\n".join(e.own)):
            return ctx.make_article(
                headline=e.headline,
                summary=page.summary or e.dek,
                body=page.body,
                outlet=ctx.outlet or page.outlet,
                url=page.url,
                author=page.author,
                published_at=page.published_at,
                related=page.related or e.related,
                ai_generated=page.ai_generated,
            )
        notes.append(
            f"{e.label}: the linked page had less text than the feed; indexed the feed text"
        )

    if not e.own:
        raise ParseError(f"{e.label}: no text besides a disclaimer or related-article teasers")
    return ctx.make_article(
        headline=e.headline,
        summary=e.dek,
        body="\n".join(e.own),
        outlet=e.outlet,
        url=e.link,
        author=e.author,
        published_at=e.published,
        related=e.related,
        ai_generated=e.ai_flag,
    )


def parse_feed_articles(
    data: bytes, ctx: ParseContext, warnings: list[str] | None = None
) -> list[Article]:
    """One article per usable entry; unusable entries are skipped with a note in ``warnings``."""
    if not data.strip():
        raise ParseError("the file is empty")
    headers = {"content-type": "application/xml"}
    if ctx.origin.lower().startswith(("http://", "https://")):
        headers["content-location"] = ctx.origin  # base for relative entry links
    # A stream, never a str: feedparser fetches a string that looks like a URL or a path.
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except (UnicodeError, ValueError, LookupError) as exc:
        # feedparser decodes the text by the encoding the XML declaration names, and fails on a
        # name with a stray byte in it ('encoding="\x80utf-8"') instead of flagging the feed
        raise ParseError(
            f"the feed's text cannot be decoded ({type(exc).__name__}: {exc})"
        ) from exc
    bozo = parsed.get("bozo_exception") if parsed.get("bozo") else None
    entries = parsed.get("entries") or []
    if not entries:
        if bozo is not None:
            raise ParseError(f"malformed feed: {bozo}")
        if not parsed.get("version"):
            raise ParseError("not an RSS or Atom feed (no <rss> or <feed> element found)")
        raise ParseError("the feed has no entries")

    feed_title = _text(parsed.feed.get("title"))
    notes: list[str] = warnings if warnings is not None else []
    out: list[Article] = []
    skipped: list[str] = []
    read: list[_Entry | ParseError] = []
    for entry in entries:
        try:
            read.append(_read_entry(entry, ctx, feed_title))
        except ParseError as exc:
            read.append(exc)

    # Teaser-only entries have their page fetched, up to the per-feed cap.
    wanted = [e for e in read if isinstance(e, _Entry) and e.wants_page] if ctx.fetch else []
    cap = max(0, ctx.max_pages)
    for e in wanted[cap:]:
        if ctx.unfetched is not None and e.link:
            ctx.unfetched.add(e.link)
        notes.append(
            f"{e.label}: page not fetched (over the {cap}-page limit for one feed); "
            "indexed the feed summary only"
        )
    wanted = wanted[:cap]
    pages = _fetch_pages(ctx.fetch, wanted, ctx) if ctx.fetch and wanted else {}
    page_of = {id(e): pages.get(i) for i, e in enumerate(wanted)}

    for i, item in enumerate(read, 1):
        try:
            if isinstance(item, ParseError):
                raise item
            out.append(_entry_article(item, ctx, page_of.get(id(item)), notes))
        except ParseError as exc:
            msg = f"skipped {exc}" if str(exc).startswith("entry ") else f"skipped entry {i}: {exc}"
            skipped.append(msg)
            notes.append(msg)
    if not out:
        if bozo is not None:
            raise ParseError(f"malformed feed: {bozo}")
        raise ParseError("no usable entry in the feed" + (f" ({skipped[0]})" if skipped else ""))
    return out
