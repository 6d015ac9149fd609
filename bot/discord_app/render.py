"""Answers and admin reports as Discord messages: pure functions, no discord.py client needed.

Every function returns message contents that each fit Discord's 2,000-character limit. An answer
reads: the lead, numbered excerpts (``[n] "quote"`` then ``[Headline](<url>) - Outlet, date``),
the notice, and the caveat as the last line of the last message whatever the length. Text that
comes from articles is escaped so it can neither format the message nor look like a mention (the
bot also sends every message with ``allowed_mentions`` set to none, so nothing pings anyway).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import quote as urlquote
from urllib.parse import urlsplit

from discord.utils import escape_markdown, escape_mentions

from bot.qa.safety import strip_links
from bot.qa.types import Answer, Citation, by_article, format_date

MESSAGE_LIMIT = 2000
PARAGRAPH = "\n\n"

# Discord counts message length in UTF-16 code units (an emoji outside the BMP counts 2):
# measuring the same way is never shorter than Python's len().


def dlen(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# --- escaping ----------------------------------------------------------------------------------

_BARE_URL = re.compile(r"(?<![<\w])https?://[^\s<>]+", re.I)
_URL_TRAILING = ".,;:!?)]}'\"”’"


def neutralise(text: str) -> str:
    """Mentions shown as text: ``@everyone``, ``@here``, ``<@id>``, ``<@&id>`` cannot ping."""
    return escape_mentions(text)


def _wrap_urls(text: str) -> str:
    def wrap(m: re.Match[str]) -> str:
        url = m.group(0)
        tail = ""
        while url and url[-1] in _URL_TRAILING:
            if url[-1] == ")" and url.count("(") >= url.count(")"):
                break  # a balanced parenthesis belongs to the URL (wiki-style links)
            tail = url[-1] + tail
            url = url[:-1]
        return f"<{url}>{tail}" if url else m.group(0)

    return _BARE_URL.sub(wrap, text)


def escape_quote(text: str) -> str:
    """A verbatim quote as inert text: one line, markdown escaped, links not unfurled, no pings."""
    one_line = " ".join(text.split())
    return neutralise(_wrap_urls(escape_markdown(one_line)))


def escape_inline(text: str) -> str:
    """Short article metadata (headline, outlet) for use inside a line or a masked link."""
    one_line = " ".join(text.split())
    # Brackets would end a masked link's text early; parentheses read the same.
    one_line = one_line.replace("[", "(").replace("]", ")")
    # A URL in a headline is shown, never unfurled nor made a link of.
    return neutralise(_wrap_urls(escape_markdown(one_line, ignore_links=False)))


_BOLD = re.compile(r"\\\*\\\*(?=\S)(.+?)(?<=\S)\\\*\\\*")


def escape_model_text(text: str) -> str:
    """What a model wrote: one line, no links (masked, bare or invites), no markdown but
    **bold**, no mentions. A model talked round by an article can say nothing clickable."""
    one_line = " ".join(strip_links(text).split())
    escaped = escape_markdown(one_line, ignore_links=False)
    escaped = _BOLD.sub(r"**\1**", escaped)
    return neutralise(_wrap_urls(escaped))


def code(text: str) -> str:
    """Inline code: shown verbatim (paths, URLs), never a link, a mention or markdown."""
    one_line = " ".join(text.split()).replace("`", "'")
    return f"`{one_line}`" if one_line else "``"


def safe_url(url: str | None) -> str | None:
    """An http(s) URL safe inside ``(<...>)``, or None for anything else."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    # Percent-encode what would end the link or the angle brackets; keep the rest as is.
    return urlquote(url, safe=":/?#[]@!$&'()*+,;=%~-._")


# --- splitting ---------------------------------------------------------------------------------

_LEVELS = (
    re.compile(r"\n[ \t]*\n\s*"),  # paragraphs
    re.compile(r"\n\s*"),  # lines
    re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+"),  # sentences (closing quotes stay with theirs)
    re.compile(r"\s+"),  # words
)


def _segments(text: str, pattern: re.Pattern[str]) -> list[str]:
    """``text`` cut after each separator, the separator kept at the end of its segment."""
    out, pos = [], 0
    for m in pattern.finditer(text):
        if m.end() > pos and m.start() > pos:
            out.append(text[pos : m.end()])
            pos = m.end()
    if pos < len(text):
        out.append(text[pos:])
    return out


def _hard_cut(text: str, limit: int) -> list[str]:
    out: list[str] = []
    cur: list[str] = []
    n = 0
    for ch in text:
        w = dlen(ch)
        if n + w > limit:
            out.append("".join(cur))
            cur, n = [], 0
        cur.append(ch)
        n += w
    if cur:
        out.append("".join(cur))
    return out


def split_text(text: str, limit: int = MESSAGE_LIMIT, _level: int = 0) -> list[str]:
    """Pieces of ``text``, each at most ``limit`` long, cut at paragraph, then line, then
    sentence, then word boundaries; only a single over-long word is cut mid-word."""
    text = text.strip()
    if not text:
        return []
    if dlen(text) <= limit:
        return [text]
    if _level >= len(_LEVELS):
        return _hard_cut(text, limit)
    chunks: list[str] = []
    cur = ""
    for seg in _segments(text, _LEVELS[_level]):
        if dlen(seg.rstrip()) > limit:
            if cur.strip():
                chunks.append(cur.strip())
            cur = ""
            chunks.extend(split_text(seg, limit, _level + 1))
            continue
        if dlen((cur + seg).rstrip()) <= limit:
            cur += seg
        else:
            if cur.strip():
                chunks.append(cur.strip())
            cur = seg
    if cur.strip():
        chunks.append(cur.strip())
    return chunks


def pack(blocks: Iterable[str], limit: int = MESSAGE_LIMIT, footer: str | None = None) -> list[str]:
    """Blocks joined by blank lines into as few messages as fit; ``footer`` is always the last
    line of the last message (kept with the block before it when there is room)."""
    pieces: list[str] = []
    for b in blocks:
        pieces.extend(split_text(b, limit))
    msgs: list[list[str]] = []
    size = 0
    for p in pieces:
        if msgs and size + len(PARAGRAPH) + dlen(p) <= limit:
            msgs[-1].append(p)
            size += len(PARAGRAPH) + dlen(p)
        else:
            msgs.append([p])
            size = dlen(p)
    if footer:
        foot = split_text(footer, limit)
        if msgs and size + len(PARAGRAPH) + dlen(foot[0]) <= limit and len(foot) == 1:
            msgs[-1].append(foot[0])
        elif msgs and len(msgs[-1]) > 1 and len(foot) == 1:
            # Keep the footer in company: carry the last block over with it.
            last = msgs[-1].pop()
            if dlen(last) + len(PARAGRAPH) + dlen(foot[0]) <= limit:
                msgs.append([last, foot[0]])
            else:
                msgs[-1].append(last)
                msgs.append(foot)
        else:
            msgs.extend([f] for f in foot)
    return [PARAGRAPH.join(m) for m in msgs if m]


# --- answers -----------------------------------------------------------------------------------


def cite_line(c: Citation) -> str:
    """``[Headline](<url>) - Outlet, Oct 21, 2026`` (the headline alone when there is no link)."""
    headline = escape_inline(c.headline or "Untitled article")
    url = safe_url(c.url)
    title = f"[{headline}](<{url}>)" if url else headline
    outlet = escape_inline(c.outlet) if c.outlet else "outlet unknown"
    return f"{title} - {outlet}, {format_date(c.published_at)}"


def excerpt_block(c: Citation) -> str:
    return f'[{c.n}] "{escape_quote(c.shown_quote)}"\n{cite_line(c)}'


def article_block(group: list[Citation]) -> str:
    """The excerpts of one article, numbered, under a single source line."""
    quotes = [f'[{c.n}] "{escape_quote(c.shown_quote)}"' for c in group]
    return "\n".join([*quotes, cite_line(group[0])])


def render_answer(
    answer: Answer, limit: int = MESSAGE_LIMIT, status: str | None = None
) -> list[str]:
    """The answer as message contents, in order; the caveat (when set) ends the last one.
    ``status`` (our own words: the model is working, or why its answer was not used) comes first,
    in italics."""
    lead = answer.lead.strip() or "Here is what I found:"
    # An extractive lead is article text: escape it like a quote. A model's lead keeps only bold.
    lead = escape_quote(lead) if answer.mode == "extractive" else escape_model_text(lead)
    blocks = [f"-# {status}"] if status else []
    blocks.append(lead)
    blocks += [article_block(g) for g in by_article(answer.citations)]
    if answer.notice:
        blocks.append(neutralise(answer.notice))
    return pack(blocks, limit, footer=answer.caveat)


def thread_name(question: str, limit: int = 90) -> str:
    """A thread title from a question: one line, short, nothing that looks like a mention."""
    q = " ".join(re.sub(r"<@[!&]?\d+>", " ", question).split()) or "Question"
    q = q.replace("@", "@\u200b")
    return q if len(q) <= limit else q[: limit - 1].rstrip() + "…"


# --- admin reports -----------------------------------------------------------------------------

PHASES = {
    "read": "reading sources",
    "remove": "removing articles",
    "chunk": "chunking articles",
    "embed": "embedding chunks",
    "keyword": "building the keyword index",
}


def render_progress(title: str, phase: str | None, done: int, total: int) -> str:
    if phase is None:
        return f"{title}: starting..."
    label = PHASES.get(phase, phase)
    if total <= 0:
        return f"{title}: {label}..."
    pct = min(100, int(100 * done / total))
    filled = pct // 10
    bar = "█" * filled + "░" * (10 - filled)
    return f"{title}: {label} {bar} {done}/{total} ({pct}%)"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render_summary(
    summary: Any,
    *,
    title: str = "Reindex finished",
    label: Callable[[str], str] = lambda s: s,
    max_errors: int = 25,
    limit: int = MESSAGE_LIMIT,
) -> list[str]:
    """A reindex summary (``ReindexSummary`` or its dict): counts, then each error with its source."""
    s = summary if isinstance(summary, dict) else summary.as_dict()
    errors: list[dict[str, str]] = list(s.get("errors") or [])
    head = (
        f"{title}{' (full rebuild)' if s.get('full') else ''} in {s.get('seconds', 0):.1f} s: "
        f"{s.get('added', 0)} added, {s.get('updated', 0)} updated, {s.get('removed', 0)} removed, "
        f"{s.get('unchanged', 0)} unchanged, {s.get('skipped', 0)} skipped, "
        f"{_plural(len(errors), 'error')}. "
        f"Now {_plural(s.get('articles', 0), 'article')} in {_plural(s.get('chunks', 0), 'chunk')}."
    )
    blocks = [head]
    if errors:
        lines = ["Errors:"]
        for e in errors[:max_errors]:
            src = e.get("origin") or e.get("source") or "unknown source"
            if e.get("source") and e.get("origin") and e["origin"] != e["source"]:
                src = e["origin"]
            lines.append(f"- {code(label(src))}: {escape_inline(e.get('reason', ''))}")
        if len(errors) > max_errors:
            lines.append(f"...and {len(errors) - max_errors} more.")
        blocks.append("\n".join(lines))
    return pack(blocks, limit)


def render_sources(
    rows: Sequence[Any], *, label: Callable[[str], str] = lambda s: s, limit: int = MESSAGE_LIMIT
) -> list[str]:
    if not rows:
        return [
            "This server has no sources yet. Add a page or feed with `/sources add` or a file "
            "with `/sources upload`, then `/reindex`."
        ]
    lines = [f"This server's sources ({len(rows)}):"]
    for r in rows:
        added = (r.added_at or "")[:10]
        extra = f", outlet {escape_inline(r.outlet)}" if r.outlet else ""
        lines.append(f"- {code(label(r.spec))} ({r.kind}{extra}, added {added or '?'})")
    return pack(["\n".join(lines)], limit)


def _date_of(iso: str | None) -> str:
    if not iso:
        return "unknown"
    try:
        return format_date(datetime.fromisoformat(iso))
    except ValueError:
        return iso


def render_status(st: dict[str, Any], shared: dict[str, Any] | None = None) -> str:
    lines = [
        "**Index status for this server**",
        f"Articles: {st.get('articles', 0)} ({st.get('chunks', 0)} chunks) "
        f"from {_plural(st.get('sources', 0), 'source')}",
        f"Newest article: {_date_of(st.get('newest_article'))}",
    ]
    last = st.get("last_reindex")
    if last:
        errs = len(last.get("errors") or [])
        lines.append(
            f"Last reindex: {_date_of(last.get('finished_at'))} "
            f"({last.get('finished_at', '')[11:16]} UTC): {last.get('added', 0)} added, "
            f"{last.get('updated', 0)} updated, {last.get('removed', 0)} removed, "
            f"{last.get('unchanged', 0)} unchanged, {_plural(errs, 'error')}"
        )
    else:
        lines.append("Last reindex: never")
    # The store line names a host path in embedded mode: show only the mode to guild admins.
    store = str(st.get("store") or "unknown").split(" ", 1)[0]
    backend = f" ({st['embedding_backend']} backend)" if st.get("embedding_backend") else ""
    lines.append(f"Model: {st.get('model', 'unknown')}{backend}; store: {store}")
    if shared is not None:
        lines.append(
            f"Questions here also search the shared corpus `{shared.get('corpus')}` "
            f"({shared.get('articles', 0)} articles, newest {_date_of(shared.get('newest_article'))})."
        )
    return "\n".join(lines)
