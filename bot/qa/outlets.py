"""Find the outlets a question names ("as reported by The Verge and TechCrunch")."""

from __future__ import annotations

import re
from collections.abc import Iterable

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def norm(s: str) -> str:
    s = _NON_WORD.sub(" ", s.lower()).strip()
    return re.sub(r"^the ", "", s)


def outlet_variants(outlet: str) -> set[str]:
    """Ways a question may name an outlet, derived from the name itself only, so nothing
    matches by accident: "The Verge" -> "verge", "Hacker News" -> "hackernews"."""
    n = norm(outlet)
    out = {n}
    # "TechCrunch" / "Tech Crunch"; "Hacker News" / "HackerNews"
    out.add(n.replace(" ", ""))
    # Domain-style names: "theverge com" -> "theverge"
    out.add(re.sub(r" (com|org|net|co uk|io)$", "", n))
    return {v for v in out if len(v) >= 3}


def match_outlets(question: str, outlets: Iterable[str]) -> list[str]:
    """Outlets named in the question, in the order the question names them."""
    q = " " + norm(question) + " "
    q_compact = q.replace(" ", "")
    found: list[tuple[int, str]] = []
    for outlet in outlets:
        if not outlet:
            continue
        best = -1
        for v in outlet_variants(outlet):
            pos = q.find(" " + v + " ")
            if pos < 0 and " " not in v and len(v) >= 6:
                pos = q_compact.find(v)
            if pos >= 0 and (best < 0 or pos < best):
                best = pos
        if best >= 0:
            found.append((best, outlet))
    found.sort()
    # Drop an outlet whose name is inside another found one ("Times" inside "New York Times").
    names = [o for _, o in found]
    return [o for o in names if not any(o != p and norm(o) in norm(p) for p in names)]
