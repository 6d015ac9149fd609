"""Web pages: the main article text and its metadata, with trafilatura.

Only the bytes given are read: nothing here goes to the network (trafilatura's own downloader is
never called, and htmldate is handed a parsed tree rather than a URL).
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from ..errors import ParseError
from ..models import Article
from .base import ParseContext, parse_datetime
from .plaintext import split_published_text

# Fewer words than this in what trafilatura keeps is a navigation stub, not an article.
_MIN_BODY_WORDS = 5

_PUBLISHED_META = (
    "//meta[@property='article:published_time' or @name='article:published_time'"
    " or @itemprop='datePublished' or @name='pubdate' or @name='publish-date']/@content"
)

_BLOCK_TAGS = frozenset(
    "address article aside blockquote dd div dl dt figcaption footer h1 h2 h3 h4 h5 h6 header "
    "hr li main nav ol p pre section table td th tr ul".split()
)
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "img",
    "picture",
    "figure",
    "video",
    "audio",
    "iframe",
    "svg",
)


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _norm(s: str) -> str:
    return " ".join(s.split()).casefold()


def html_to_paragraphs(fragment: str) -> list[str]:
    """Plain text lines of an HTML fragment (a feed entry's content): one block element a line."""
    if not fragment or not fragment.strip():
        return []
    # lxml refuses control characters in text it is handed back (el.text = ...): as spaces.
    fragment = _CONTROL.sub(" ", fragment)
    if "<" not in fragment:  # plain text already
        return [" ".join(ln.split()) for ln in fragment.split("\n") if ln.strip()]
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return [" ".join(fragment.split())]
    for el in list(root.iter(*_DROP_TAGS)):
        el.drop_tree()
    for el in root.iter():
        if not isinstance(el.tag, str):  # comments, processing instructions
            continue
        if el.tag == "br":
            el.tail = "\n" + (el.tail or "")
        elif el.tag in _BLOCK_TAGS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    text = root.text_content()
    return [" ".join(ln.split()) for ln in text.split("\n") if ln.strip()]


def _json_ld_published(tree: Any) -> str | None:
    def walk(node: Any) -> str | None:
        if isinstance(node, list):
            for item in node:
                found = walk(item)
                if found:
                    return found
        elif isinstance(node, dict):
            value = node.get("datePublished")
            if isinstance(value, str) and value.strip():
                return value
            return walk(node.get("@graph"))
        return None

    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            found = walk(json.loads(script.text_content() or "null"))
        except ValueError:
            continue
        if found:
            return found
    return None


def _precise_published(tree: Any) -> datetime | None:
    """The publication time with its clock time, where the page states one.

    trafilatura (htmldate) reports the day only; a news page usually says the minute too.
    """
    candidates = [*tree.xpath(_PUBLISHED_META), _json_ld_published(tree)]
    for value in candidates:
        dt = parse_datetime(value) if value else None
        if dt is not None:
            return dt
    return None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _str(doc: dict[str, Any], key: str) -> str:
    value = doc.get(key)
    return value.strip() if isinstance(value, str) else ""


def parse_html(data: bytes, ctx: ParseContext) -> Article:
    if not data.strip():
        raise ParseError("the file is empty")
    import trafilatura  # imported here: feeds use html_to_paragraphs without needing it

    tree = trafilatura.load_html(data)  # decodes by BOM, declared charset, then detection
    if tree is None:
        raise ParseError("not an HTML page (could not parse the markup)")
    # No url argument on purpose: trafilatura would then report the URL's host as the site name,
    # hiding a better outlet name the context carries (a feed's title).
    found = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
    )
    doc: dict[str, Any] = {}
    if found is not None:
        doc = found if isinstance(found, dict) else found.as_dict()
    text = _str(doc, "text")
    if not text:
        raise ParseError("no article text found in the page")

    headline = " ".join(_str(doc, "title").split())
    summary = " ".join(_str(doc, "description").split())
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    # trafilatura keeps the page's own H1 and dek at the top; the article carries them apart.
    drop = {_norm(headline), _norm(summary)} - {""}
    while lines and _norm(lines[0]) in drop:
        lines.pop(0)
    own, ai, related = split_published_text("\n".join(lines))
    if not headline and own:
        headline = own.pop(0)
    if not own or sum(len(ln.split()) for ln in own) < _MIN_BODY_WORDS:
        raise ParseError("no article text found in the page")

    url = _str(doc, "url") or ctx.url
    published = _precise_published(tree) or parse_datetime(_str(doc, "date"))
    return ctx.make_article(
        headline=headline,
        summary=summary,
        body="\n".join(own),
        outlet=_str(doc, "sitename") or ctx.outlet or _host(url),
        url=url,
        author=_str(doc, "author") or None,
        published_at=published,
        related=related,
        ai_generated=True if ai else None,
    )
