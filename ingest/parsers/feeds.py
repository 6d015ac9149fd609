"""RSS 2.0 and Atom feeds: one article per entry.

An entry that carries only a teaser (no full content, or a short one) has its page fetched, when
the context can fetch, and the page's main text is indexed instead; if that fails the teaser is
indexed and a warning says so.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import feedparser

from ..errors import ParseError, UserFacingError
from ..models import Article
from .base import ParseContext, parse_datetime
from .html import html_to_paragraphs, parse_html
from .plaintext import split_published_text

Fetch = Callable[[str], tuple[str, bytes, str | None]]

# Entry text shorter than this is a teaser: the full article is on the linked page.
SHORT_ENTRY_CHARS = 400

# RSS <author> is "email (Name)"; feedparser 6 mis-splits it, so the name is taken here.
_RSS_AUTHOR = re.compile(r"^\s*\S+@\S+\s*\(([^)]+)\)\s*$")
_TRAILING_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\.\.|…)\s*\]|\.\.\.|…)\s*$")


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


def _entry_article(entry: Any, ctx: ParseContext, feed_title: str, notes: list[str]) -> Article:
    headline = _text(entry.get("title"))
    link = (entry.get("link") or "").strip() or None
    content = _entry_content(entry)
    summary_paras = html_to_paragraphs(entry.get("summary") or "")
    paras = content or summary_paras
    label = f"entry {headline!r}" if headline else f"entry {link or '(untitled)'}"
    if not headline:
        raise ParseError(f"{label}: no title")
    if not paras:
        raise ParseError(f"{label}: no text (neither content nor summary)")

    own, ai, related = split_published_text("\n".join(paras))
    outlet = ctx.outlet or feed_title or None
    author = _entry_author(entry)
    published = _entry_published(entry)
    ai_flag = True if ai else None
    dek = ""
    if content and summary_paras:
        # A teaser that merely opens the body adds nothing; a distinct one is the dek.
        teaser = _TRAILING_ELLIPSIS.sub("", " ".join(summary_paras))
        if teaser and _norm(teaser) not in _norm(" ".join(own)):
            dek = " ".join(summary_paras)

    if sum(map(len, own)) < SHORT_ENTRY_CHARS and ctx.fetch is not None and link:
        page_ctx = ParseContext(
            origin=link,
            default_ai_generated=ctx.default_ai_generated,
            outlet=outlet,
            url=link,
            author=author,
            published_at=published,
            ai_generated=ai_flag if ai_flag is not None else ctx.ai_generated,
            extra=dict(ctx.extra),
        )
        try:
            page = _fetch_page(ctx.fetch, link, page_ctx)
        except (UserFacingError, OSError, ValueError) as exc:
            reason = str(exc) or exc.__class__.__name__
            notes.append(f"{label}: page fetch failed ({reason}); indexed the feed summary only")
        else:
            if len(page.body) >= len("\n".join(own)):
                return ctx.make_article(
                    headline=headline,
                    summary=page.summary or dek,
                    body=page.body,
                    outlet=ctx.outlet or page.outlet,
                    url=page.url,
                    author=page.author,
                    published_at=page.published_at,
                    related=page.related or related,
                    ai_generated=page.ai_generated,
                )
            notes.append(
                f"{label}: the linked page had less text than the feed; indexed the feed text"
            )

    if not own:
        raise ParseError(f"{label}: no text besides a disclaimer or related-article teasers")
    return ctx.make_article(
        headline=headline,
        summary=dek,
        body="\n".join(own),
        outlet=outlet,
        url=link,
        author=author,
        published_at=published,
        related=related,
        ai_generated=ai_flag,
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
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
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
    for i, entry in enumerate(entries, 1):
        try:
            out.append(_entry_article(entry, ctx, feed_title, notes))
        except ParseError as exc:
            msg = f"skipped {exc}" if str(exc).startswith("entry ") else f"skipped entry {i}: {exc}"
            skipped.append(msg)
            notes.append(msg)
    if not out:
        if bozo is not None:
            raise ParseError(f"malformed feed: {bozo}")
        raise ParseError("no usable entry in the feed" + (f" ({skipped[0]})" if skipped else ""))
    return out
