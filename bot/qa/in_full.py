"""The name a who-answer is stated by: a person in full ("Sam Bankman-Fried") where the best
sentence gives the surname alone, and the sentence that names them so leads instead (and for a
when-answer, the day where the best sentence gives the month alone: ``bot.qa.day_in_full``)."""

from __future__ import annotations

import re

from .candidates import Sent, article_text
from .day_in_full import day_in_full
from .person import bare, personlike
from .shape import WHEN, WHO


def in_full(first: Sent, cands: list[Sent], shape: str = WHO) -> Sent | None:
    """When the answer is a surname alone ("Bankman-Fried"), the best sentence that gives the
    name in full ("Sam Bankman-Fried"), with that name first: the lead states a person as the
    articles name them. Which first name is meant, where the candidates give the surname more
    than one ("Gabe Bankman-Fried", his brother): the one the answer's article (headline first)
    gives it first, as a report names a person in full before it goes on with the surname
    alone; none, if it gives none of them. That article's sentences come first, then the
    others' (best first). The sentence takes the answer's score: it is always quoted."""
    if shape == WHEN:  # "In December": the day, where a sentence on the same thing gives it
        return day_in_full(first, cands)
    words = first.spans[0].text.split()
    if len(words) != 1 or not personlike(words[0]):  # "Australia" has no full name
        return None
    last = bare(words[0]).lower()
    found: dict[str, list[tuple[Sent, int]]] = {}
    for c in cands:
        for i, sp in enumerate([] if c.mute else c.spans):  # not a news outlet's name
            ws = sp.text.split()
            if (
                2 <= len(ws) <= 4
                and len({w.lower() for w in ws}) == len(ws)  # not a table row of names
                and bare(ws[-1]).lower() == last
                and personlike(sp.text)
                and all(_first_name(w) for w in ws[:-1])
            ):
                found.setdefault(_name_key(sp.text), []).append((c, i))
    if not found:
        return None
    own = first.passage.article_id
    if len(found) > 1:
        text = f"{first.passage.headline}\n{article_text(first.passage)[0]}"
        named = [f" {_name_key(m.group(0))}" for m in _full_names(bare(words[0])).finditer(text)]
        # "FTX founder Sam Bankman-Fried" names "Sam Bankman-Fried"
        meant = next((k for n in named for k in found if n.endswith(f" {k}")), None)
        if meant is None:
            return None  # which of them the article means is not known: the surname stands
        found = {meant: found[meant]}
    (at,) = found.values()
    c, i = sorted(at, key=lambda x: x[0].passage.article_id != own)[0]  # stable: best first
    c.spans.insert(0, c.spans.pop(i))
    c.shape = max(c.shape, first.shape)
    c.score = max(c.score, first.score)
    return c


def _first_name(w: str) -> bool:
    """A word that may stand before a surname: not a heading's word in capitals ("OUT Jaguars")
    nor a lone letter ("Y Julián"), though initials may ("TJ", "J.")."""
    return not (len(w) >= 3 and w.isupper()) and not (len(w) == 1 and w.isalpha())


def _name_key(name: str) -> str:
    return " ".join(bare(w).lower() for w in name.split())


def _full_names(surname: str) -> re.Pattern[str]:
    """One to three capitalised words before the surname: the names it is given in full."""
    return re.compile(rf"\b(?:[A-Z][\w'’.-]*\s+){{1,3}}{re.escape(surname)}\b")
