"""Sentence boundaries for quoting: syntok (abbreviations such as "Dr." and "U.S.", decimals,
a missing space after a full stop), one paragraph (line) at a time so a heading never runs into
the text under it, plus a split where a question or exclamation mark runs straight into the next
sentence ("...by mistake?WHAT DISCOVERY...")."""

from __future__ import annotations

import functools
import itertools
import re

import syntok.segmenter as segmenter

_GLUED = re.compile(
    r"(?<=[a-z0-9)\"'”’][?!])(?=[A-Z])|(?<=[A-Z]{2}[?!.])(?=[A-Z][a-z])|(?<=[a-z]{2}\.)(?=[A-Z]{2})"
)
_CLOSERS = "\"'”’)]"
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


@functools.lru_cache(maxsize=LINE_CACHE)
def _line_spans(line: str) -> tuple[tuple[int, int], ...]:
    """The sentences of one paragraph, offsets in it. Cached: the passages of one article
    share paragraphs, and so do a thread's questions."""
    try:
        parts = _syntok(line)
    except Exception:  # a tokenizer failure must not lose the paragraph: quote it whole
        parts = [(len(line) - len(line.lstrip()), len(line.rstrip()))]
    spans: list[tuple[int, int]] = []
    for a, b in parts:
        # closing quotes and brackets stay with their sentence
        while b < len(line) and line[b] in _CLOSERS:
            b += 1
        cuts = [a, *(m.start() for m in _GLUED.finditer(line, a, b)), b]
        for s, e in itertools.pairwise(cuts):
            seg = line[s:e]
            if seg.strip():
                spans.append((s + len(seg) - len(seg.lstrip()), s + len(seg.rstrip())))
    return tuple(spans)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, trimmed of surrounding space, in order."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        base = pos
        pos += len(line) + 1
        if line.strip():
            spans.extend((base + a, base + b) for a, b in _line_spans(line))
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
    return fixed
