"""What the core hands to its callers: an Answer with verbatim, cited excerpts."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Literal

from ingest.errors import UserFacingError

CAVEAT = (
    "Note: the cited articles are AI-generated summaries of other reporting and may contain "
    "errors; check the original reporting before relying on them."
)
NOT_COVERED = "The indexed articles don't cover this."


class QuestionError(UserFacingError):
    """The question itself cannot be answered as asked (empty, too long, only a link...)."""


class NothingIndexed(UserFacingError):
    """The corpus is empty."""


@dataclass
class Passage:
    """One retrieved chunk with the article facts needed to cite it."""

    chunk_id: str
    article_id: str
    corpus: str
    text: str  # the chunk, a verbatim slice of the article text
    start: int  # offsets of ``text`` in the article text
    end: int
    headline: str
    outlet: str | None
    url: str | None
    published_at: datetime | None
    ai_generated: bool
    score: float = 0.0  # fused retrieval score (higher is better)
    dense: float | None = None  # cosine similarity to the question
    keyword: float | None = None  # BM25 score
    # The whole article text (offsets as ``start``/``end``), so a quote can take in the sentence
    # next to the chunk; "" when not known (the chunk alone is quoted).
    article_text: str = field(default="", repr=False)

    @property
    def header(self) -> str:
        parts = [self.headline]
        if self.outlet:
            parts.append(self.outlet)
        if self.published_at:
            parts.append(self.published_at.date().isoformat())
        return " | ".join(parts)


@dataclass
class Citation:
    n: int
    article_id: str
    corpus: str
    headline: str
    outlet: str | None
    published_at: datetime | None
    url: str | None
    quote: str  # verbatim from the article text
    start: int  # offsets of ``quote`` in the article text
    end: int
    ai_generated: bool
    cut_start: bool = False  # the quote starts / ends inside a sentence: shown with "…"
    cut_end: bool = False

    @property
    def shown_quote(self) -> str:
        text = " ".join(self.quote.split())  # a quote across two paragraphs reads as one line
        return f"{'…' if self.cut_start else ''}{text}{'…' if self.cut_end else ''}"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["published_at"] = self.published_at.isoformat() if self.published_at else None
        return d


@dataclass
class Answer:
    question: str
    lead: str  # one line that answers, or says why not
    citations: list[Citation] = field(default_factory=list)
    caveat: str | None = None  # set whenever a cited article is AI-generated
    abstained: bool = False
    notice: str | None = None  # e.g. "Newest article: 2 days old."
    mode: Literal["extractive", "llm"] = "extractive"
    timings_ms: dict[str, float] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The whole reply as plain text: lead, numbered excerpts, notice, caveat last."""
        lines = [self.lead]
        for group in by_article(self.citations):
            for c in group:
                lines.append(f'[{c.n}] "{c.shown_quote}"')
            lines.append(f"    - {cite_line(group[0])}")
        if self.notice:
            lines.append(self.notice)
        if self.caveat:
            lines.append(self.caveat)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "text": self.text,
            "lead": self.lead,
            "citations": [c.to_dict() for c in self.citations],
            "caveat": self.caveat,
            "abstained": self.abstained,
            "notice": self.notice,
            "mode": self.mode,
            "timings_ms": self.timings_ms,
        }


def by_article(citations: list[Citation]) -> list[list[Citation]]:
    """Citations grouped by article, in order of first appearance: one source line per article."""
    groups: dict[tuple[str, str], list[Citation]] = {}
    for c in citations:
        groups.setdefault((c.corpus, c.article_id), []).append(c)
    return list(groups.values())


def format_date(dt: datetime | None) -> str:
    return f"{dt:%b} {dt.day}, {dt:%Y}" if dt else "date unknown"


def cite_line(c: Citation) -> str:
    parts = [c.headline, c.outlet or "outlet unknown", format_date(c.published_at)]
    if c.url:
        parts.append(f"<{c.url}>")
    return ", ".join(parts)
