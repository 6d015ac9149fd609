"""Markdown articles, with optional YAML front matter for the metadata.

The body is lightly de-marked for indexing: one paragraph a line, heading marks, emphasis, link
syntax and images removed, code kept as text. The published format's AI disclaimer and "Related
Articles" teasers are recognised as in plain text.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

import yaml

from ..errors import ParseError
from ..models import Article
from .base import ParseContext, parse_datetime
from .plaintext import _DISCLAIMER, _RELATED, split_published_text

_FM_OPEN = re.compile(r"\A---[ \t]*\n")
_FM_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_FM_MAX_CHARS = 64_000

_FM_KEYS: dict[str, tuple[str, ...]] = {
    "headline": ("title", "headline"),
    "outlet": ("outlet", "source", "publisher"),
    "url": ("url", "link"),
    "published_at": ("published_at", "date", "published"),
    "author": ("author", "authors", "byline"),
    "summary": ("summary", "description", "dek"),
}

_FENCE = re.compile(r"^\s{0,3}(```+|~~~+)")
# The heading text is taken greedily and its closing "#"s trimmed in code (_atx_text): a lazy
# ".*?" before "[ \t]*$" rescans a run of spaces from every position (40 KB took 11 s).
_ATX = re.compile(r"^\s{0,3}(#{1,6})(?:[ \t]+(.*)|[ \t]*)$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_BULLET = re.compile(r"^\s*[-*+][ \t]+")
_ORDERED = re.compile(r"^\s*\d{1,9}[.)][ \t]+")
_QUOTE = re.compile(r"^\s{0,3}(?:>[ \t]?)+")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")

# Every span is bounded: an unbounded ".+?" or "[^]]*" rescans the rest of the line from each
# opening mark, so a 60 KB line of "*a " took 34 s and a 2 MB upload would take hours (ReDoS).
# Emphasis, link text and URLs longer than these are left as written.
_SPAN = 500
_URL = 2048
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")
_IMAGE = re.compile(rf"!\[[^\[\]]{{0,{_SPAN}}}\](?:\([^()]{{0,{_URL}}}\)|\[[^\[\]]{{0,{_SPAN}}}\])")
_LINK = re.compile(rf"\[([^\[\]]{{0,{_SPAN}}})\](?:\([^()]{{0,{_URL}}}\)|\[[^\[\]]{{0,{_SPAN}}}\])")
_AUTOLINK = re.compile(rf"<((?:https?|mailto):[^<>\s]{{1,{_URL}}})>")
# A span never runs over its own marker: "*a *b" fails at the second "*" at once instead of
# scanning on (nested emphasis is undone by a second pass, inner spans first).
_STRONG = re.compile(rf"(\*\*|__)(?=\S)((?:(?!\1).){{1,{_SPAN}}}?)(?<=\S)\1")
_EM_STAR = re.compile(rf"(?<![\w*])\*(?=\S)([^*]{{1,{_SPAN}}}?)(?<=\S)\*(?![\w*])")
_EM_UNDER = re.compile(rf"(?<![\w_])_(?=\S)([^_]{{1,{_SPAN}}}?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(rf"~~(?=\S)((?:(?!~~).){{1,{_SPAN}}}?)(?<=\S)~~")
# A code span opens with a whole run of backticks and closes with a run of the same length.
_CODE_SPAN = re.compile(rf"(?<!`)(`+)(?!`)(.{{1,{_URL}}}?)(?<!`)\1(?!`)")


def _inline(text: str) -> str:
    """Inline markup to plain text; code spans are kept verbatim."""
    # Escaped characters are hidden from the markup patterns, then restored.
    text = _ESCAPE.sub(lambda m: chr(0xE000 + ord(m.group(1))), text)
    out: list[str] = []
    pos = 0
    for m in _CODE_SPAN.finditer(text):
        out.append(_demark_span(text[pos : m.start()]))
        out.append(m.group(2).strip())
        pos = m.end()
    out.append(_demark_span(text[pos:]))
    joined = "".join(out)
    return re.sub("[\ue000-\ue07f]", lambda m: chr(ord(m.group(0)) - 0xE000), joined)


def _demark_span(s: str) -> str:
    s = _IMAGE.sub("", s)
    s = _LINK.sub(r"\1", s)
    s = _AUTOLINK.sub(r"\1", s)
    for _ in range(2):  # nested emphasis: ***both*** or **bold _and italic_**
        s = _STRONG.sub(r"\2", s)
        s = _EM_STAR.sub(r"\1", s)
        s = _EM_UNDER.sub(r"\1", s)
        s = _STRIKE.sub(r"\1", s)
    return s


def _atx_text(text: str) -> str:
    """An ATX heading's text without trailing spaces and its optional closing run of "#"."""
    text = text.rstrip(" \t")
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1] in " \t"):
        text = bare.rstrip(" \t")
    return text


def demark(text: str) -> list[tuple[str, int]]:
    """(line, heading level or 0) for each paragraph, heading, list item or code line."""
    blocks: list[tuple[str, int]] = []
    para: list[str] = []
    fence: str | None = None
    in_related = False  # teasers follow, one a line even without blank lines between them

    def flush(level: int = 0) -> None:
        if para:
            line = _inline(" ".join(p.strip() for p in para)).strip()
            line = " ".join(line.split())
            if line:
                blocks.append((line, level))
            para.clear()

    for raw in text.split("\n"):
        if fence is not None:
            if raw.strip().startswith(fence):
                fence = None
            elif raw.strip():
                blocks.append((raw.rstrip(), 0))
            continue
        m = _FENCE.match(raw)
        if m:
            flush()
            fence = m.group(1)
            continue
        if not raw.strip() or _REF_DEF.match(raw):
            flush()
            continue
        if para and _SETEXT.match(raw):
            flush(1 if raw.strip().startswith("=") else 2)
            continue
        if _RULE.match(raw):
            flush()
            continue
        m = _ATX.match(raw)
        if m:
            flush()
            heading = _atx_text(m.group(2) or "")
            para.append(heading)
            in_related = in_related or bool(_RELATED.match(_inline(heading)))
            flush(len(m.group(1)))
            continue
        line = _QUOTE.sub("", raw)
        # The published format's marker lines stand alone even when hard-wrapped into a paragraph.
        plain = _inline(_BULLET.sub("", line)).strip(" *_#")
        if in_related or _RELATED.match(plain):
            flush()
            in_related = True
            para.append(_BULLET.sub("", line))
            flush()
            continue
        if _DISCLAIMER.match(plain):
            flush()  # the disclaimer (with any wrapped rest of it) is its own paragraph
        if _BULLET.match(line) or _ORDERED.match(line):
            flush()
            line = _BULLET.sub("", line)
        para.append(line)
    flush()
    return blocks


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML that refuses aliases: ``*ref`` is how a few hundred bytes become gigabytes
    (a "billion laughs" bomb), and front matter has no honest use for it."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed", event.start_mark
            )
        return super().compose_node(parent, index)


def _load_front_matter(text: str) -> Any:
    loader = _FrontMatterLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    opening = _FM_OPEN.match(text)
    if opening is None:
        return {}, text
    rest = text[opening.end() :]
    close = _FM_CLOSE.search(rest)
    if close is None:
        raise ParseError("malformed YAML front matter: no closing '---' line")
    if close.start() > _FM_MAX_CHARS:
        # Metadata is a few lines; YAML parses at about 10 µs a character.
        raise ParseError(
            f"malformed YAML front matter: over {_FM_MAX_CHARS:,} characters of metadata"
        )
    try:
        meta = _load_front_matter(rest[: close.start()])
    except RecursionError:
        raise ParseError("malformed YAML front matter: nested too deeply") from None
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        if where is not None:
            reason += f" at line {where.line + 2} column {where.column + 1}"
        raise ParseError(f"malformed YAML front matter: {reason}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ParseError(
            f"malformed YAML front matter: expected 'key: value' lines, found a {type(meta).__name__}"
        )
    return meta, rest[close.end() :].lstrip("\n")


def _fm(meta: dict[str, Any], field: str) -> Any:
    for key in _FM_KEYS[field]:
        v = meta.get(key)
        if v not in (None, "", []):
            return v
    return None


def _fm_text(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, list):
        v = ", ".join(str(x).strip() for x in v if x)
    return " ".join(str(v).split()) or None


def _fm_date(v: Any) -> datetime | None:
    if isinstance(v, date) and not isinstance(v, datetime):
        return datetime(v.year, v.month, v.day, tzinfo=UTC)
    return parse_datetime(v)


def parse_markdown(text: str, ctx: ParseContext) -> Article:
    meta, content = _split_front_matter(text)
    blocks = demark(content)
    headline = _fm_text(_fm(meta, "headline"))
    if headline:
        # A body that repeats the title as its H1 keeps only one copy.
        if blocks and blocks[0][1] == 1 and blocks[0][0].casefold() == headline.casefold():
            blocks.pop(0)
    else:
        h1 = next((i for i, (_, level) in enumerate(blocks) if level == 1), None)
        if h1 is not None:
            headline = blocks.pop(h1)[0]
    own, ai, related = split_published_text("\n".join(line for line, _ in blocks))
    if not headline:
        if not own:
            raise ParseError("no article text found (only front matter, a disclaimer or teasers)")
        headline = own.pop(0)
    if not own:
        raise ParseError("the article has a headline but no body")
    flag = meta.get("ai_generated")
    if isinstance(flag, str) and flag.strip().lower() in ("true", "yes", "false", "no"):
        flag = flag.strip().lower() in ("true", "yes")
    return ctx.make_article(
        headline=headline,
        summary=_fm_text(_fm(meta, "summary")) or "",
        body="\n".join(own),
        outlet=_fm_text(_fm(meta, "outlet")),
        url=_fm_text(_fm(meta, "url")),
        author=_fm_text(_fm(meta, "author")),
        published_at=_fm_date(_fm(meta, "published_at")),
        related=related,
        ai_generated=flag if isinstance(flag, bool) else (True if ai else None),
    )
