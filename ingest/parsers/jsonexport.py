"""JSON and JSONL exports: one object per article, with the field names exporters commonly use."""

from __future__ import annotations

from typing import Any

from ..errors import ParseError
from ..models import Article
from .base import ParseContext, loads_json, parse_datetime
from .plaintext import split_published_text

_FIELDS: dict[str, tuple[str, ...]] = {
    "headline": ("headline", "title", "name"),
    "body": ("body", "content", "text", "article", "full_text", "content_text"),
    "summary": ("summary", "dek", "description", "subtitle", "standfirst", "excerpt"),
    "outlet": ("outlet", "source", "publisher", "site_name", "site", "source_name"),
    "url": ("url", "link", "canonical_url", "permalink", "href"),
    "published_at": (
        "published_at",
        "date",
        "published",
        "pub_date",
        "pubDate",
        "publishedAt",
        "datetime",
        "timestamp",
        "created_at",
    ),
    "author": ("author", "byline", "authors", "creator"),
}
# Containers exporters wrap article lists in.
_LIST_KEYS = ("articles", "items", "data", "results", "entries", "documents", "docs")


def _get(obj: dict[str, Any], field: str) -> Any:
    for key in _FIELDS[field]:
        v = obj.get(key)
        if v not in (None, "", []):
            return v
    return None


def _as_text(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, dict):  # {"name": "Reuters"} style
        v = v.get("name") or v.get("title") or v.get("id")
    if isinstance(v, list):
        v = ", ".join(t for x in v if (t := _as_text(x)))
    text = str(v).strip()
    # Exporters that stringify a missing value write "None" or "null": that is no author.
    return text if text and text.lower() not in ("none", "null", "nan") else None


def _json_type(v: Any) -> str:
    if isinstance(v, bool):
        return "a boolean"
    if isinstance(v, int | float):
        return "a number"
    if isinstance(v, list):
        return "a list"
    if isinstance(v, dict):
        return "an object"
    return f"a {type(v).__name__}"


def article_from_record(obj: Any, ctx: ParseContext) -> Article:
    if not isinstance(obj, dict):
        raise ParseError(f"expected an object, found {type(obj).__name__}")
    raw_headline, raw_body = _get(obj, "headline"), _get(obj, "body")
    # A number, list or object where the text should be is a broken record, not an article.
    for field, raw in (("headline", raw_headline), ("body", raw_body)):
        if raw is not None and not isinstance(raw, str):
            raise ParseError(f"the {field} is {_json_type(raw)}, not text")
    headline = _as_text(raw_headline)
    body = _as_text(raw_body)
    if not headline:
        raise ParseError("no title/headline field")
    if not body:
        raise ParseError("no body/content/text field")
    own, ai, related = split_published_text(body)
    ai_flag = obj.get("ai_generated")
    return ctx.make_article(
        headline=headline,
        summary=_as_text(_get(obj, "summary")) or "",
        body="\n".join(own) if own else body,
        outlet=_as_text(_get(obj, "outlet")),
        url=_as_text(_get(obj, "url")),
        author=_as_text(_get(obj, "author")),
        published_at=parse_datetime(_get(obj, "published_at")),
        related=related,
        ai_generated=bool(ai_flag) if isinstance(ai_flag, bool) else (True if ai else None),
    )


def _unexpected(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return f"unreadable record ({exc.__class__.__name__}: {str(exc)[:200]})"


def parse_json(
    text: str, ctx: ParseContext, *, lines: bool = False, errors: list[str] | None = None
) -> list[Article]:
    """All articles of an export. Bad records go to ``errors`` (if given) and are skipped."""
    records: list[tuple[str, Any]] = []
    if lines:
        for i, line in enumerate(text.split("\n"), 1):
            if line.strip():
                try:
                    records.append((f"line {i}", loads_json(line)))
                except ParseError as exc:
                    if errors is None:
                        raise ParseError(f"line {i}: {exc}") from None
                    errors.append(f"line {i}: {exc}")
    else:
        data = loads_json(text)
        if isinstance(data, dict):
            for key in _LIST_KEYS:
                if isinstance(data.get(key), list):
                    data = data[key]
                    break
            else:
                data = [data]
        if not isinstance(data, list):
            raise ParseError("expected a JSON array of articles or an object holding one")
        records = [(f"item {i}", obj) for i, obj in enumerate(data)]
    out: list[Article] = []
    for where, obj in records:
        try:
            out.append(article_from_record(obj, ctx))
        except (ParseError, ValueError, TypeError, OverflowError, RecursionError) as exc:
            # One bad record (a NaN date, a nesting too deep to walk) never costs the others.
            reason = str(exc) if isinstance(exc, ParseError) else _unexpected(exc)
            if errors is None:
                raise ParseError(f"{where}: {reason}") from None
            errors.append(f"{where}: {reason}")
    if not out:
        raise ParseError("no usable article in the export" + (f" ({errors[0]})" if errors else ""))
    return out
