"""Whether a spelling fix fits the rest of the question. A member who types a name the articles
never mention ("pfizer ... seagen", "do kwon") is not mistyping the nearest name they do
mention ("Seager", a baseball player; "Keon"): that fix would answer about someone else, where
the truth is that the articles do not cover the question. So a fix to a word that is no ordinary
English (``is_word``) stands only where some article holding it also holds one of the
question's rarer words, or where the question has no rarer word to check it by. Read by
``bot.qa.service.QAService.spell``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

from ingest.keyword import tokenize

RARE_SHARE = 0.1  # a word in at most this share of a corpus's articles (or in one) checks a fix


class _Facts(Protocol):
    art_ids: list[str]
    art_of: np.ndarray


class View(Protocol):
    """What this module reads of ``ingest.readview.ReadView``."""

    def bm25(self, tokens: Sequence[str], which: str = ...) -> np.ndarray: ...
    def facts(self) -> _Facts: ...


def _articles(view: View, token: str) -> set[int]:
    hits = np.nonzero(view.bm25([token]))[0]
    return set(view.facts().art_of[hits].tolist())


def fix_fits(
    views: Sequence[View],
    terms: Sequence[str],
    typed: str,
    fixed: str,
    is_word: Callable[[str], bool],
) -> bool:
    """Whether the fix of ``typed`` to ``fixed`` fits the question whose key words (stemmed, as
    ``bot.qa.abstain.key_terms`` gives them) are ``terms``."""
    new, old = tokenize(fixed), tokenize(typed)
    if not new or new == old or is_word(fixed.lower()):
        return True  # a plural, or an ordinary word mistyped ("interseptor")
    checked = False
    for view in views:
        n_arts = len(view.facts().art_ids)
        mine = _articles(view, new[0])
        for t in terms:
            if t in new or t in old:
                continue
            theirs = _articles(view, t)
            if not theirs or len(theirs) > max(1.0, RARE_SHARE * n_arts):
                continue  # unknown, or too common to say what the question is about
            checked = True
            if mine & theirs:
                return True
    return not checked
