"""Find the outlets a question names ("as reported by The Verge and TechCrunch"), and the ones it
names that the corpus does not hold ("a Bloomberg article ..." with no Bloomberg indexed)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
# Feed titles often carry a section or a tagline after the brand:
# "FOX News - Health", "The Roar | Sports Writers Blog", "Live Science: The Most Interesting...".
_BRAND_CUT = re.compile(r"\s+[-|–—]\s+|:\s+")

# Well-known news outlets (names that are also everyday words, like Time, Fortune, Deadline,
# Metro, Mint or The Sun, left out: "Fortune 500 companies" names no source), so a question that names one as its source ("a Reuters report on ...")
# can be told that nothing from it is indexed. Names only; matched like corpus outlets.
KNOWN_OUTLETS = """ABC News|AP|Associated Press|Al Jazeera|Barron's|BBC|BBC News|BBC Sport|Bloomberg|
Business Insider|BuzzFeed News|CBS News|CNBC|CNET|CNN|Daily Mail|Deutsche Welle|DW|Der Spiegel|
The Economist|El País|ESPN|Euronews|Financial Times|FT|Forbes|Fox News|France 24|Gizmodo|
Haaretz|Hindustan Times|HuffPost|Huffington Post|Le Monde|Los Angeles Times|LA Times|Mashable|
MarketWatch|Motherboard|MSNBC|NBC News|New Scientist|New York Post|Newsweek|NPR|Politico|
ProPublica|Reuters|Rolling Stone|Scientific American|Sky News|Space.com|Sports Illustrated|
Bleacher Report|The Daily Telegraph|The Telegraph|The Hindu|The Hollywood Reporter|
Hollywood Reporter|The Intercept|The New Yorker|The Times of India|Times of India|
The Wall Street Journal|Wall Street Journal|WSJ|The Washington Post|Washington Post|USA Today|
Yahoo News|Yahoo Finance|ZDNet|Ars Technica|9to5Mac|MacRumors|Kotaku|GameSpot|Eurogamer|
PC Gamer|TechRadar|VentureBeat|Xinhua|South China Morning Post|Nikkei Asia|Kyiv Independent|
Times of Israel|Jerusalem Post|ABC|CBS|NBC|Fox Sports|Sky Sports|TalkSport|Marca|L'Équipe|
The Astrophysical Journal|Astrophysical Journal|Nature Communications|The Lancet|STAT News|
Medical News Today|WebMD|Healthline|Entertainment Weekly|TMZ|E! News|Vanity Fair|Fast Company|
TechCrunch|The Verge|Engadget|The Guardian|The New York Times|NYT|The Sydney Morning Herald|
Sporting News|CBS Sports|Yardbarker|Seeking Alpha|ABC Australia|News.com.au|Nine News|
The Economic Times|Economic Times|Business Standard|Financial Express|Livemint|NDTV|
India Today|Moneycontrol|YourStory|Inc42|Tom's Hardware|Tom's Guide|PCMag|PCWorld|
Digital Trends|Android Authority|Android Police|GSMArena|XDA Developers|Search Engine Land|
Search Engine Journal|The Next Web|SiliconANGLE|Architectural Digest|Dezeen|Ad Age|Adweek|
Kiplinger|Investopedia|The Motley Fool|Business Wire|PR Newswire|CoinDesk|Cointelegraph|
Politico Europe|Irish Times|The Irish Times|The Scotsman|Evening Standard|The Mirror|
Daily Express|Toronto Star|Globe and Mail|The Globe and Mail|CBC|CTV News|National Post|
Straits Times|The Straits Times|Japan Times|The Japan Times|Korea Herald|Arab News|Gulf News""".replace(
    "\n", ""
).split("|")

# A name in the role of a source: "an article from X", "reported by X", "X's report", "'X'".
_SOURCE_NOUN = (
    r"(?:article|report|piece|story|stories|coverage|op-ed|column|analysis|feature|review|"
    r"publication|reporting|writer|journalist|reporter|editor|podcast)s?"
)  # not "interview": "the sky news interview" is an event other outlets report on
_ROLE_AFTER = re.compile(r"^(?:['’]s)?['\"’]?\s+(?:[\w-]+\s+){0,2}?" + _SOURCE_NOUN + r"\b", re.I)
# "Reuters reported ...", "what did Bloomberg say ...": the name is the subject of a saying verb.
_SAYS_AFTER = re.compile(
    r"^['\"’”]?\s+(?:(?:has|had|have)\s+)?(?:says|said|reported|reports|wrote|writes|claimed|"
    r"claims|stated|states)\b",
    re.I,
)
_DID_BEFORE = re.compile(r"\b(?:did|does|do|has|have|had)\s+(?:the\s+)?['\"‘“]?$", re.I)
_SAY_AFTER = re.compile(r"^['\"’”]?\s+(?:say|report|write|claim|state|cover)\b", re.I)
_ROLE_BEFORE = re.compile(
    r"\b(?P<w>from|by|per|via|in|on|to|like|and|or|as)\s+(?:an?\s+|the\s+)?['\"‘“]?$", re.I
)
_QUOTES = "'\"‘’“”"
# "how many watched the game on NBC", "the fight airs on ESPN": a channel something is shown on
_AIRED_BEFORE = re.compile(
    r"\b(?:watch\w*|view\w*|air(?:s|ed|ing)?|broadcast\w*|televised|stream\w*|game|match|fight|"
    r"race|show|episode|tune[ds]?|tuning)\b[^.?!;]{0,40}$",
    re.I,
)
_ROLE_CUE = re.compile(
    r"\b(?:article|report|piece|story|coverage|published|reported|according|another|sources?|"
    r"outlets?|covered|wrote|writes|says|said|stated|noted|claimed|suggested)\b",
    re.I,
)


_GENERIC = {"news", "sport", "sports", "online", "media", "world", "network", "digital"}
# A network's initials glued to a generic word in one name: "KQVSports.com", "ZTVNews".
_GLUED_BRAND = re.compile(r"^([A-Z]{2,5})(?:News|Sports?|Online|Media)(?:\.\w+)?$")

# What members call outlets: short names and nicknames, by the name they stand for.
ALIASES = {
    "nyt": "new york times", "ny times": "new york times", "wapo": "washington post",
    "wsj": "wall street journal", "ft": "financial times", "the beeb": "bbc", "beeb": "bbc",
    "graun": "guardian", "grauniad": "guardian", "smh": "sydney morning herald",
    "ap": "associated press", "la times": "los angeles times", "thr": "hollywood reporter",
    "scmp": "south china morning post", "dw": "deutsche welle", "cbs sports": "cbssports com",
}  # fmt: skip


def _aliases_of(variants: set[str]) -> set[str]:
    return {a for a, target in ALIASES.items() if target in variants}


def norm(s: str) -> str:
    s = _NON_WORD.sub(" ", s.lower()).strip()
    return re.sub(r"^the ", "", s)


def brand(outlet: str) -> str:
    """The outlet's brand without a feed section or tagline: "FOX News - Health" -> "FOX News"."""
    return _BRAND_CUT.split(outlet.strip(), maxsplit=1)[0].strip() or outlet


def outlet_variants(outlet: str) -> set[str]:
    """Ways a question may name an outlet, derived from the name itself only, so nothing
    matches by accident: "The Verge" -> "verge", "Hacker News" -> "hackernews",
    "FOX News - Health" -> "fox news health" and the brand "fox news"."""
    out: set[str] = set()
    b = brand(outlet)
    for name in {outlet, b}:
        n = norm(name)
        out |= {n, n.replace(" ", ""), re.sub(r" (com|org|net|co uk|io)$", "", n)}
    words = b.split()
    if (
        len(words) >= 2
        and words[0].isupper()
        and len(words[0]) >= 3
        and {w.lower() for w in words[1:]} <= _GENERIC
    ):
        out.add(words[0].lower())  # "BBC News - Technology" is also "BBC"
    glued = _GLUED_BRAND.match(b)
    if len(words) == 1 and glued:
        out.add(glued.group(1).lower())  # "KQVSports.com" is also "KQV"
    out |= _aliases_of(out | {norm(w) for w in [b.split(" | ")[0]]})
    return {v for v in out if len(v) >= 2}


class _Matcher:
    """Every variant of a set of outlets, keyed by its first word, for one pass over a question."""

    def __init__(self, outlets: frozenset[str], strict: bool) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
        self.compact: dict[str, list[str]] = {}
        for outlet in outlets:
            if not outlet:
                continue
            # Strict (names not in the corpus): "The X" with a one-word X needs its "the".
            need_the = strict and outlet.lower().startswith("the ") and len(outlet.split()) == 2
            for v in outlet_variants(outlet):
                vw = tuple(v.split())
                self.by_first.setdefault(vw[0], []).append((vw, outlet, need_the))
                if len(vw) == 1 and len(v) >= 6:
                    self.compact.setdefault(v, []).append(outlet)

    def spans(self, question: str) -> list[tuple[int, int, str]]:
        """A one-word name that is also an everyday word ("Fortune", "The Age", "Wired") only
        counts when written with a capital, unless the whole question is in lower case."""
        words = list(re.finditer(r"\w+", question))
        low = [w.group().lower() for w in words]
        lowercase_q = not any(ch.isupper() for ch in question)
        found: list[tuple[int, int, str]] = []
        for i, w in enumerate(low):
            for vw, outlet, need_the in self.by_first.get(w, ()):
                n = len(vw)
                if tuple(low[i : i + n]) != vw:
                    continue
                start, end = words[i].start(), words[i + n - 1].end()
                if n == 1:
                    if re.match(r"\s*\d", question[end : end + 3]):
                        continue  # "Fortune 500 companies"
                    typed = question[start:end]
                    acronym = typed.isupper() and len(typed) >= 2
                    # one everyday-looking word ("on the verge of", "fortune"): only as a
                    # source ("the verge says", "in fortune's piece")
                    if (
                        (lowercase_q or not typed[0].isupper())
                        and not acronym
                        and not _in_source_role(question, start, end)
                    ):
                        continue
                if need_the and (i == 0 or low[i - 1] != "the"):
                    continue
                found.append((start, end, outlet))
            acc = w
            for j in range(i + 1, min(len(words), i + 4)):
                acc += low[j]  # "Tech Crunch" for "TechCrunch": whole words only
                for outlet in self.compact.get(acc, ()):
                    found.append((words[i].start(), words[j].end(), outlet))
        # A name glued into a compound ("Time-restricted eating") is not the outlet.
        return [h for h in found if not re.match(r"-\w", question[h[1] : h[1] + 2])]


@functools.lru_cache(maxsize=64)
def _matcher(outlets: frozenset[str], strict: bool) -> _Matcher:
    return _Matcher(outlets, strict)


def outlet_spans(
    question: str, outlets: Iterable[str], *, strict: bool = False
) -> list[tuple[int, int, str]]:
    """(start, end, outlet) for each outlet the question names. A brand ("Fox News") names every
    outlet of that brand; a longer name covering a brand's span wins over the brand alone."""
    found = _matcher(frozenset(outlets), strict).spans(question)
    hits: list[tuple[int, int, str]] = []
    for s, e, o in found:
        # Widen "FOX News" to the full "FOX News - Health" when written out.
        if e == max(e2 for s2, e2, o2 in found if o2 == o and s2 == s):
            hits.append((s, e, o))
    hits = sorted(set(hits))
    # Drop a hit strictly inside a longer one ("Times" inside "New York Times").
    return [
        h
        for h in hits
        if not any(
            o is not h and o[0] <= h[0] and h[1] <= o[1] and (o[1] - o[0]) > (h[1] - h[0])
            for o in hits
        )
    ]


def match_outlets(question: str, outlets: Iterable[str]) -> list[str]:
    """Outlets named in the question, in the order the question names them."""
    out: list[str] = []
    for _, _, o in outlet_spans(question, outlets):
        if o not in out:
            out.append(o)
    return out


# "kelce's wsj magazine interview", "her vogue cover": what someone gave an outlet, which other
# outlets report on, not the source the question asks about
_OWNED_BEFORE = re.compile(r"(?:\w['’]s?|\b(?:his|her|their))\s+$", re.I)


def _in_source_role(question: str, s: int, e: int) -> bool:
    after = question[e : e + 60]
    before = question[max(0, s - 80) : s]
    if _OWNED_BEFORE.search(before):
        return False
    if _ROLE_AFTER.search(after) or _SAYS_AFTER.search(after):
        return True
    if _DID_BEFORE.search(before) and _SAY_AFTER.search(after):
        return True
    if before[-1:] in _QUOTES and after[:1] in _QUOTES:
        return bool(_ROLE_CUE.search(before + " " + after[:30]))  # 'Name' in quotes
    m = _ROLE_BEFORE.search(before)
    if not m:
        return False
    if m.group("w").lower() == "on" and _AIRED_BEFORE.search(before[: m.start()]):
        return False  # "watched the game on nbc": the channel it was on, not a source
    if m.group("w").lower() in ("from", "by", "per", "via"):
        return True  # "analysis from Bloomberg", "highlighted by the Washington Post"
    return bool(_ROLE_CUE.search(before + " " + after[:30]))


def unknown_outlets(question: str, outlets: Iterable[str]) -> list[str]:
    """Well-known outlets the question names as its sources ("a Reuters report on ...",
    "according to Bloomberg") that are not among ``outlets`` (the indexed ones)."""
    known = outlet_spans(question, [o for o in outlets if o])
    missing: list[str] = []
    for s, e, name in outlet_spans(question, KNOWN_OUTLETS, strict=True):
        if any(ks < e and s < ke for ks, ke, _ in known):
            continue  # the corpus holds it, perhaps under a longer name
        if _in_source_role(question, s, e) and name not in missing:
            missing.append(name)
    return missing
