"""Turn raw inputs (files, fetched pages, feeds, exports) into :class:`~ingest.models.Article`s.

Every parser takes the raw bytes plus a :class:`ParseContext` (where the bytes came from and the
defaults to apply) and returns a list of articles, or raises :class:`~ingest.errors.ParseError`
with a reason a person can act on.
"""

from __future__ import annotations

from .base import ParseContext, decode_text, parse_bytes, sniff_format

__all__ = ["ParseContext", "decode_text", "parse_bytes", "sniff_format"]
