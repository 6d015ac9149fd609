"""Checking an LLM's answer against the excerpts it was given (``bot.qa.llm`` asks the model):

- a claim is kept only when its quote occurs in the cited excerpt (whitespace- and
  quote-normalised) and is not itself instruction-shaped text (:mod:`bot.qa.safety`);
- a sentence of the lead is kept only when its cited quotes support it: every number and name in
  it appears in what it cites, most of its words appear in the quotes (or the cited article's
  headline and date), and a "not" on one side is matched on the other (:func:`lead_supported`);
- links are taken out of the lead, masked or bare.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .safety import looks_like_instruction, strip_links
from .types import Answer, Citation, Passage

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‛": "'", "`": "'"})
_SPACE = re.compile(r"\s+")


def normalise(s: str) -> str:
    return _SPACE.sub(" ", s.translate(_QUOTES)).strip().lower()


def _normalised_with_index(text: str) -> tuple[str, list[int]]:
    """``normalise(text)`` plus, for each of its characters, the offset it came from."""
    chars: list[str] = []
    index: list[int] = []
    prev_space = True
    for i, ch in enumerate(text.translate(_QUOTES)):
        if ch.isspace():
            if not prev_space:
                chars.append(" ")
                index.append(i)
            prev_space = True
            continue
        low = ch.lower()  # may be longer than one character ("İ" -> "i̇")
        chars.extend(low)
        index.extend([i] * len(low))
        prev_space = False
    return "".join(chars), index


def find_verbatim(quote: str, text: str) -> tuple[int, int] | None:
    """Offsets of ``quote`` in ``text`` under whitespace/quote normalisation, or None.

    Models often wrap a quote in quotation marks or end it with a period of their own: when the
    quote is not found as given, it is tried once more without those.
    """
    hay, index = _normalised_with_index(text)
    nq = normalise(quote)
    candidates = [nq, nq.strip(" \"'"), nq.strip(" \"'").rstrip(".,;:").strip(" \"'")]
    for cand in dict.fromkeys(candidates):
        if len(cand) < 8:
            continue
        pos = hay.find(cand)
        if pos >= 0:
            return index[pos], index[pos + len(cand) - 1] + 1
    return None


_MARKER = re.compile(r"\s*\[(\d+)\]")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def verify_reply(data: dict[str, Any], question: str, passages: Sequence[Passage]) -> Answer | None:
    """The model's parsed reply, kept only as far as its quotes and sentences check out."""
    text = str(data.get("answer", "")).strip()
    if not text or text.upper().startswith("NOT_COVERED"):
        return None
    citations: list[Citation] = []
    renumber: dict[int, int] = {}  # the model's excerpt number -> our citation number
    claims = data.get("claims")
    for claim in claims if isinstance(claims, list) else []:
        if not isinstance(claim, dict):
            continue
        try:
            n = int(claim.get("n"))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
        if not 1 <= n <= len(passages):
            continue  # cites an excerpt that does not exist
        p = passages[n - 1]
        quote = str(claim.get("quote", ""))
        if looks_like_instruction(quote):
            continue  # an instruction inside an article is never evidence for an answer
        span = find_verbatim(quote, p.text)
        if span is None:
            continue  # fabricated or altered quote
        a, b = span
        if any(c.article_id == p.article_id and c.start == p.start + a for c in citations):
            renumber.setdefault(n, next(c.n for c in citations if c.start == p.start + a))
            continue
        if len(citations) >= 4:
            continue
        citations.append(
            Citation(
                n=len(citations) + 1,
                article_id=p.article_id,
                corpus=p.corpus,
                headline=p.headline,
                outlet=p.outlet,
                published_at=p.published_at,
                url=p.url,
                quote=p.text[a:b],
                start=p.start + a,
                end=p.start + b,
                ai_generated=p.ai_generated,
            )
        )
        renumber.setdefault(n, len(citations))
    if not citations:
        return None
    lead = _supported_lead(text, renumber, citations, passages)
    if lead is None:
        return None  # nothing the model wrote could be checked: the extractive answer instead
    return Answer(question=question, lead=lead, citations=citations, mode="llm")


def _supported_lead(
    text: str,
    renumber: dict[int, int],
    citations: Sequence[Citation],
    passages: Sequence[Passage],
) -> str | None:
    """The model's sentences that cite only verified claims and are supported by them,
    renumbered and without links; None when no sentence passes."""
    by_n = {c.n: c for c in citations}
    article_of = {p.article_id: p for p in passages}
    kept = []
    for sent in _SENTENCE.split(strip_links(text)):
        marks = [int(m) for m in _MARKER.findall(sent)]
        if not marks or any(m not in renumber for m in marks) or looks_like_instruction(sent):
            continue
        cited = [by_n[renumber[m]] for m in dict.fromkeys(marks)]
        quotes = [c.quote for c in cited]
        context = [_citation_header(c) for c in cited]
        excerpts = [article_of[c.article_id].text for c in cited if c.article_id in article_of]
        if not lead_supported(_MARKER.sub("", sent), quotes, context=context, excerpts=excerpts):
            continue
        kept.append(_MARKER.sub(lambda m: f" [{renumber[int(m.group(1))]}]", sent).strip())
    return " ".join(kept) if kept else None


def _citation_header(c: Citation) -> str:
    parts = [c.headline, c.outlet or ""]
    if c.published_at is not None:
        parts.append(c.published_at.strftime("%B %d %Y %A"))
    return " ".join(parts)


# --- is a lead sentence supported by what it cites? ----------------------------------------------

_TOKEN = re.compile(r"\d[\d,.]*\d|\d|[^\W\d_][\w'’-]*")
_NEGATION = frozenset(
    "not no never none nobody nothing neither nor without cannot can't won't isn't aren't "
    "wasn't weren't don't doesn't didn't hasn't haven't hadn't shouldn't wouldn't couldn't "
    "denied denies deny rejected rejects refused refuses".split()
)
_STOP = frozenset(
    "a an the and or but if of to in on at by for from with as into onto over under about after "
    "before than then that this these those it its is are was were be been being has have had do "
    "does did will would shall should can could may might must also just only so such very more "
    "most some any all each both there here their they them he she him her his hers we us our you "
    "your i me my who whom whose which what when where why how said says say according told "
    "report reports reported article articles excerpt excerpts per cent percent up down out".split()
)

try:  # the keyword index's stemmer, so "mediator" meets "mediate"
    import Stemmer

    _stem = Stemmer.Stemmer("english").stemWord
except ImportError:  # pragma: no cover - PyStemmer is a declared dependency

    def _stem(word: str) -> str:
        return word


_CLAUSE = re.compile(r"[,;:()\[\]!?\u2013\u2014]|\s-\s|\.(?=\s|$)")


def _tokens(text: str) -> list[str]:
    return [t.rstrip(".,") for t in _TOKEN.findall(text.replace("’", "'"))]


def _clauses(text: str) -> list[list[str]]:
    return [toks for part in _CLAUSE.split(text) if (toks := _tokens(part))]


def _norm_token(tok: str) -> str:
    low = tok.lower()
    if low[:1].isdigit():
        return low.replace(",", "")
    if low.endswith("'s"):
        low = low[:-2]
    return _stem(low)


def _negated(tokens: list[str], i: int) -> bool:
    """Whether one of the three words before ``tokens[i]``, in its clause, negates it."""
    return any(
        t.lower() in _NEGATION or t.lower().endswith("n't") for t in tokens[max(0, i - 3) : i]
    )


def _polarities(clauses: list[list[str]], stem: str) -> list[bool]:
    return [
        _negated(toks, j) for toks in clauses for j, t in enumerate(toks) if _norm_token(t) == stem
    ]


def lead_supported(
    sentence: str,
    quotes: Sequence[str],
    *,
    context: Sequence[str] = (),
    excerpts: Sequence[str] = (),
    min_coverage: float = 0.6,
) -> bool:
    """Whether a sentence the model wrote is backed by the quotes it cites.

    - every number, and every capitalised name (not the sentence's first word), appears in a
      cited quote, excerpt or the cited article's header (``context``);
    - at least ``min_coverage`` of its content words (stemmed) appear in the quotes or headers;
    - a word it shares with a quote is negated in both or in neither ("was not cancelled"
      never supports "was cancelled").
    """
    words = _tokens(sentence)
    if not words:
        return False
    quote_clauses = [c for q in quotes for c in _clauses(q)]
    quote_stems = {_norm_token(t) for toks in quote_clauses for t in toks}
    header_stems = {_norm_token(t) for h in context for t in _tokens(h)}
    wide = quote_stems | header_stems | {_norm_token(t) for e in excerpts for t in _tokens(e)}
    content: list[tuple[int, str]] = []
    for i, tok in enumerate(words):
        low = tok.lower()
        stem = _norm_token(tok)
        is_number = low[:1].isdigit()
        is_name = i > 0 and tok[:1].isupper() and low not in _STOP
        if (is_number or is_name) and stem not in wide:
            return False  # a figure or a name that nothing cited mentions
        if is_number or (len(low) > 2 and low not in _STOP):
            content.append((i, stem))
    if not content:
        return False
    covered = [(i, st) for i, st in content if st in quote_stems or st in header_stems]
    if len(covered) < min_coverage * len(content):
        return False
    # Polarity, clause by clause: each shared word is negated on both sides or on neither.
    lead_clauses = _clauses(sentence)
    for _, st in covered:
        if st not in quote_stems:
            continue
        quote_neg = set(_polarities(quote_clauses, st))
        if not set(_polarities(lead_clauses, st)) <= quote_neg:
            return False
    return True
