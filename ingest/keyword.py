"""The keyword (BM25) tokenizer: what the read side (ingest/readside.py) indexes and what a
question is searched with. ``TOKENIZER`` names it in each segment, so a change of tokenizer makes
the segments stale and they are rebuilt."""

from __future__ import annotations

import functools
import re

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
# Short English stop list: function words only; names, numbers and dates carry the signal in news.
STOPWORDS = frozenset(
    """a an and are as at be been but by for from had has have he her his how i if in into is it
    its of on or our she so than that the their them then there these they this to was we were
    what when where which who whom why will with would you your did does do about after before
    over under""".split()
)


try:  # Snowball stemming ("prosecutors" finds "prosecution"); plain words without PyStemmer.
    import Stemmer

    _stem = Stemmer.Stemmer("english").stemWord
    TOKENIZER = "snowball-en-1"
except ImportError:  # pragma: no cover - PyStemmer is a declared dependency
    _stem = None
    TOKENIZER = "plain-1"


@functools.lru_cache(maxsize=200_000)
def _norm_token(t: str) -> str:
    return _stem(t) if _stem is not None else t


def tokenize(text: str) -> list[str]:
    toks = [_norm_token(t) for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS]
    # bm25s cannot index an empty document; a lone placeholder keeps ids aligned.
    return toks or ["\u2205"]
