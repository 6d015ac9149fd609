"""The article and chunk records that flow through the ingest pipeline."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

_TRACKING_PARAMS = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_[a-z]+|ref|cmpid)$", re.I)


def canonical_url(url: str) -> str:
    """Normalise a URL so the same article reached two ways gets one id.

    Lower-cases scheme and host, drops the fragment, tracking parameters and a trailing slash.
    """
    parts = urlsplit(url.strip())
    query = "&".join(
        p for p in parts.query.split("&") if p and not _TRACKING_PARAMS.match(p.split("=", 1)[0])
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def _digest(*parts: str) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()


@dataclass
class Article:
    headline: str
    body: str
    origin: str  # where it was read from: a file path, feed URL or page URL
    summary: str = ""  # the dek
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published_at: datetime | None = None  # timezone-aware, or None when unknown
    ai_generated: bool = True
    related: list[str] = field(default_factory=list)  # teasers of OTHER articles; never indexed
    id: str = ""
    content_hash: str = ""

    def __post_init__(self) -> None:
        if self.published_at is not None and self.published_at.tzinfo is None:
            # A naive timestamp from a feed or export is taken as UTC rather than dropped.
            self.published_at = self.published_at.replace(tzinfo=UTC)
        if not self.id:
            self.id = self.make_id()
        if not self.content_hash:
            self.content_hash = self.compute_hash()

    def make_id(self) -> str:
        if self.url:
            return "u" + _digest(canonical_url(self.url))[:24]
        return "p" + _digest(self.origin, self.headline.strip())[:24]

    def compute_hash(self) -> str:
        """Hash of everything that ends up in the index (text and citation metadata)."""
        return _digest(
            self.headline,
            self.summary,
            self.body,
            self.outlet or "",
            self.url or "",
            self.author or "",
            self.published_at.isoformat() if self.published_at else "",
            "1" if self.ai_generated else "0",
        )

    @property
    def text(self) -> str:
        """The article's own indexed text: headline, dek and body (never the related teasers).

        Chunk offsets are character offsets into this string.
        """
        parts = [self.headline.strip()]
        if self.summary.strip():
            parts.append(self.summary.strip())
        parts.append(self.body.strip())
        return "\n".join(p for p in parts if p)

    @property
    def published_ts(self) -> int | None:
        return int(self.published_at.timestamp()) if self.published_at else None


@dataclass
class Chunk:
    id: str
    article_id: str
    n: int  # chunk number within the article
    text: str  # verbatim slice of Article.text[start:end]
    start: int
    end: int
    header: str  # "Headline | Outlet | 2023-11-27": embedded and keyword-indexed with the text

    @property
    def indexed_text(self) -> str:
        return f"{self.header}\n{self.text}" if self.header else self.text
