"""The news service's published plain-text format.

Line 1 is the headline, line 2 the one-sentence summary (dek), then one paragraph a line. A
disclaimer line marks the article as AI-generated; a "Related Articles" line starts teasers of
other stories, which are kept apart and never indexed as this article's text.
"""

from __future__ import annotations

import re

from ..errors import ParseError
from ..models import Article
from .base import ParseContext

# Matched loosely (case, spacing, curly quotes) because copies of the text pass through editors.
_DISCLAIMER = re.compile(r"^\s*this content is ai[- ]generated\b", re.I)
_RELATED = re.compile(r"^\s*related articles?\s*:?\s*$", re.I)


def split_published_text(text: str) -> tuple[list[str], bool, list[str]]:
    """(article lines, has AI disclaimer, related teasers) of a published text."""
    lines = [ln.strip() for ln in text.split("\n")]
    own: list[str] = []
    related: list[str] = []
    ai = False
    in_related = False
    for ln in lines:
        if not ln:
            continue
        if _RELATED.match(ln):
            in_related = True
            continue
        if _DISCLAIMER.match(ln):
            ai = True
            continue
        (related if in_related else own).append(ln)
    return own, ai, related


def parse_plaintext(text: str, ctx: ParseContext) -> Article:
    own, ai, related = split_published_text(text)
    if not own:
        raise ParseError("no article text found (only a disclaimer or related-article teasers)")
    headline = own[0]
    if len(headline) > 300:
        raise ParseError(
            "the first line is over 300 characters: expected the headline on line 1 "
            "(published plain-text format: headline, one-sentence summary, then paragraphs)"
        )
    summary = own[1] if len(own) > 2 else ""
    body_lines = own[2:] if len(own) > 2 else own[1:]
    if not body_lines:
        raise ParseError("the article has a headline but no body")
    return ctx.make_article(
        headline=headline,
        summary=summary,
        body="\n".join(body_lines),
        related=related,
        ai_generated=True if ai else None,
    )
