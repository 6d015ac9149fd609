"""Sentence boundaries for quoting: syntok (abbreviations such as "Dr." and "U.S.", decimals,
a missing space after a full stop), one paragraph (line) at a time so a heading never runs into
the text under it, plus a split where a question or exclamation mark runs straight into the next
sentence ("...by mistake?WHAT DISCOVERY..."). And the window a long sentence is trimmed to for
quoting, around its answer (``trim_window``)."""

from __future__ import annotations

import functools
import itertools
import re

import syntok.segmenter as segmenter

from ingest.keyword import tokenize

from .name_words import TITLE_ABBREVIATIONS

_GLUED = re.compile(
    r"(?<=[a-z0-9)\"'”’][?!])(?=[A-Z])|(?<=[A-Z]{2}[?!.])(?=[A-Z][a-z])|(?<=[a-z]{2}\.)(?=[A-Z]{2})"
)
_CLOSERS = "\"'”’)]"
# a title written before a name, which syntok takes for a sentence's end: "Rep. Jim Jordan"
_TITLE_END = re.compile(rf"\b(?:{TITLE_ABBREVIATIONS}|Reps|Sens|Govs|Gens|Pres|Maj|Ft|Msgr)\.$")
LINE_CACHE = 8192  # paragraphs whose sentences are kept (a few MB)


def _syntok(line: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for para in segmenter.analyze(line):
        for sent in para:
            toks = list(sent)
            if not toks:
                continue
            a = toks[0].offset
            b = toks[-1].offset + len(toks[-1].value)
            out.append((a, b))
    return out


# a mark syntok may end a sentence at, before a paragraph's last character
_INNER_END = re.compile(r"[.?!…;:)\]]")


@functools.lru_cache(maxsize=LINE_CACHE)
def _line_spans(line: str) -> tuple[tuple[int, int], ...]:
    """The sentences of one paragraph, offsets in it. Cached: the passages of one article
    share paragraphs, and so do a thread's questions. A paragraph with no mark that can end a
    sentence before its last character is one sentence, without asking syntok."""
    body = line.rstrip()
    if not _INNER_END.search(body, 0, len(body) - 1):
        a = len(line) - len(line.lstrip())
        return ((a, len(body)),) if len(body) > a else ()
    try:
        parts = _syntok(line)
    except Exception:  # a tokenizer failure must not lose the paragraph: quote it whole
        parts = [(len(line) - len(line.lstrip()), len(line.rstrip()))]
    spans: list[tuple[int, int]] = []
    for a, b in _rejoin_titles(line, parts):
        # closing quotes and brackets stay with their sentence
        while b < len(line) and line[b] in _CLOSERS:
            b += 1
        cuts = [a, *(m.start() for m in _GLUED.finditer(line, a, b)), b]
        for s, e in itertools.pairwise(cuts):
            seg = line[s:e]
            if seg.strip():
                spans.append((s + len(seg) - len(seg.lstrip()), s + len(seg.rstrip())))
    return tuple(spans)


def _rejoin_titles(line: str, parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a sentence that ends in a title's abbreviation to the name that follows it."""
    out: list[tuple[int, int]] = []
    for a, b in parts:
        if out and _TITLE_END.search(line, 0, out[-1][1]) and line[a : a + 1].isupper():
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def sentence_spans(text: str, cached: bool = True) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, trimmed of surrounding space, in order.
    ``cached=False``: a one-off pass over many articles, which leaves the paragraph cache to
    the questions."""
    spans: list[tuple[int, int]] = []
    pos = 0
    split = _line_spans if cached else _line_spans.__wrapped__
    for line in text.split("\n"):
        base = pos
        pos += len(line) + 1
        if line.strip():
            spans.extend((base + a, base + b) for a, b in split(line))
    # syntok may leave a closing quote at the start of the next sentence: hand it back
    fixed: list[tuple[int, int]] = []
    for s, e in spans:
        if fixed and text[s] in _CLOSERS and fixed[-1][1] == s:
            fixed[-1] = (fixed[-1][0], s + 1)
            s += 1
            while s < e and text[s].isspace():
                s += 1
            if s >= e:
                continue
        fixed.append((s, e))
    return _rejoin_broken(text, fixed)


# A page that breaks a paragraph inside a sentence ("... the first country to win a World Cup
# at" / "home by defeating Sri Lanka"): the line runs on without an end mark, the next one opens
# on a lowercase word
_RUNS_ON = re.compile(r"[^\W\d_,]$|,$")
_GOES_ON = re.compile(r"[a-z][a-z'’-]*(?=[\s,;:.!?]|$)")
_SHOUTED = re.compile(r"^[A-Z]{4,}\b")  # "ADVERTISEMENT Article continues below this ad"
RUN_ON_WORDS = 5  # a shorter line is a heading or a label, not a sentence broken off


def _rejoin_broken(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One sentence for a sentence the page broke across two paragraphs."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out:
            a, b = out[-1]
            gap = text[b:s]
            last = text[a:b]
            if (
                "\n" in gap
                and gap.count("\n") <= 2
                and not gap.strip()
                and _RUNS_ON.search(last)
                and len(last.split()) >= RUN_ON_WORDS
                and not _SHOUTED.match(last)
                and _GOES_ON.match(text, s)
            ):
                out[-1] = (a, e)
                continue
        out.append((s, e))
    return out


_SPACED = re.compile(r"\S+")


def trim_window(
    text: str,
    start: int,
    end: int,
    terms: set[str],
    focus: tuple[int, int] | None,
    limit: int,
) -> tuple[int, int]:
    """A window of at most ``limit`` characters at word boundaries: around the answer when there
    is one, else around the densest run of the question's words."""
    # words as written, between spaces: a cut never falls inside "Hikvision's" or "co-founder"
    words = [(m.start() + start, m.end() + start) for m in _SPACED.finditer(text[start:end])]
    if not words:
        return start, min(end, start + limit)
    best, best_i = -1.0, 0
    for i, (a, _) in enumerate(words):
        j, hits = i, 0.0
        while j < len(words) and words[j][1] - a <= limit:
            w0, w1 = words[j]
            if focus and w0 < focus[1] and w1 > focus[0]:
                hits += 5
            elif any(t in terms for t in tokenize(text[w0:w1])):
                hits += 1
            j += 1
        if hits > best:
            best, best_i = hits, i
    a = words[best_i][0]
    j = best_i
    while j + 1 < len(words) and words[j + 1][1] - a <= limit:
        j += 1
    b = words[j][1]
    if b < end and end - start <= limit:
        b = end
    # end on the sentence's own punctuation when it fits
    if end - a <= limit:
        b = end
    return a, b
