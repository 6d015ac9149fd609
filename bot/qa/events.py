"""Named events and things a question types in lowercase ("the nobel peace prize", "grey cup",
"storm babet", "aditya-l1"), and whether an article holds one as one phrase: abstention's
``event_missing`` evidence (``bot.qa.abstain``)."""

from __future__ import annotations

import re
import unicodedata

from .timeparse import MONTHS

# A named event or title typed in lowercase: "the nobel peace prize", "grey cup", "galaxy s24
# ultra", "snapdragon 8 gen 3": the words before a kind of prize, contest or product line, as one
# phrase (so "Snapdragon 8 Gen 2" does not cover a question about the Gen 3).
_EVENT = re.compile(
    r"\b((?:[a-z0-9][\w'’.&-]*\s+){1,3}?(?:prize|cup|trophy|awards?|bowl|championships?|"
    r"grand\s+prix|marathon|elections?|runoff|primary|medal|ultra|gen(?=\s+\d)|500|singles|"
    r"series|finals?|classic|masters|invitational|grammys|emmys|oscars|baftas|league|"
    r"nobel(?!\s+(?:peace\s+|memorial\s+)?prize))"  # "the economics nobel"
    r"(?:\s+(?:[ivxl]+|\d+))?)\b"
)
_EVENT_LEAD = frozenset(
    "the a an who won win wins winning what which when where how did does is was this last that "
    "of in at for to got get took take home whats what's f1 nfl nba mlb many much on even has "
    "have had after before since during year's year’s years season's season’s where's where’s "
    "wheres who's who’s whos when's when’s whens how's how’s hows it's it’s that's that’s "
    "there's there’s he she they we i you him her them us miss misses missed".split()
)


# words a name of an event does not take before it: whose it is ("his team's"), what
# is said of it ("the full gemini ultra", "a prestigious award"), a verb ("manipulating its
# primary service"), "and" ("culture and recent award")
_NOT_EVENT_WORD = re.compile(
    r"(?:his|her|hers|its|their|our|my|your|and|or|but|as|from|named|called|dubbed|full|first|"
    # "his ninth league goal": a count of goals, not a league
    r"second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)|"
    r"latest|recent|special|prestigious|perceived|specific|next|own|major|respective|same|whole|"
    r"entire|domestic|rival|different|each|every|any|"
    r"upcoming|previous|former|big|biggest|top|various|several|other|player|music|cash|total|"
    # "last night's world series": a time, not a word of the name
    r"(?:night|week|weekend|month|today|tonight|yesterday|(?:mon|tues|wednes|thurs|fri|satur|sun)"
    r"day)['’]s|"
    r"(?:team|club|side|league|country|nation|city|state|party|company|family)['’]s)$"
    r"|.+(?:ing|ed)$"
)

# a storm by its name ("cyclone freddy", "hurricane otis")
_STORM = re.compile(
    r"\b(cyclone|hurricane|typhoon|storm)\s+(?!(?:season|warning|damage|hit|hits|struck|made|"
    r"makes|victims|relief|cent(?:er|re)|category|landfall|was|is|that|which|and|in|on|of|"
    r"the|this|last|to|for|hitting|caused|causes|they|it|he|she|we|you|did|does|do|has|have|"
    r"had|will|would|could|can|may|might|just|now|here|there|then|today|tonight|yesterday|"
    r"system|surge|front|track|tracker|path|chaser|chasers|season's)\b)([a-z]{3,})\b"
)
# a pageant's title ("who won miss universe"), not a verb ("will he miss world cup games")
_PAGEANT = re.compile(
    r"\b(?:won|wins?|crowned|named|at|the|for|of)\s+((?:miss|mister|mr)\s+"
    r"(?:universe|world|earth|international|america|usa|olympia))\b"
)
# an award show members name in the plural ("the latin grammys")
_SHOW = re.compile(r"(grammy|emmy|oscar|bafta)s$")
# what was won in a year, by its name ("who won i'm a celeb 2023", "who won bake off 2023")
_WON_IN_YEAR = re.compile(
    r"\b(?:won|wins?|winner\s+of)\s+(?:the\s+)?((?:[a-z'’]+\s+){2,3}?)(?:in\s+)?20\d\d\b"
)
# a code name with a figure, typed in lowercase ("aditya-l1"): one thing, named as one
_CODE = re.compile(r"\b([a-z]{2,})-([a-z]*\d+[a-z0-9]*)\b")


def event_phrases(question: str) -> list[str]:
    """Lowercase multi-word names of an event or a title ("nobel peace prize"), not a phrase that
    only ends in such a word ("its primary service", "award-related betting lines")."""
    out = []
    for m in _EVENT.finditer(question.lower()):
        after = question.lower()[m.end(1) :]
        if after.startswith("-") or (
            m.group(1).endswith("primary")
            and re.match(r"\s+(?!(?:election|race|vote)\b)[a-z]", after)
        ):
            continue
        words = m.group(1).split()
        lead = [i for i, w in enumerate(words) if w in _EVENT_LEAD or _NOT_EVENT_WORD.match(w)]
        words = words[lead[-1] + 1 :] if lead else words  # "blaney won the cup": "cup"
        if words and words[-1] == "league":  # "streams kings league": "kings league"
            words = words[-2:]
        if len(words) > 2 and words[0] in MONTHS:  # "the oct 4 chemistry nobel": a date
            words = words[2:] if words[1].isdigit() and len(words) > 3 else words[1:]
        if len(words) >= 2:
            out.append(" ".join(words))
    out += [" ".join(m.groups()) for m in _STORM.finditer(question.lower())]
    out += [m.group(1) for m in _PAGEANT.finditer(question.lower())]
    for m in _WON_IN_YEAR.finditer(question.lower()):
        won = " ".join(w for w in m.group(1).split() if w not in ("in", "of"))
        if len(won.split()) >= 2 and not any(won in e or e in won for e in out):
            out.append(won)  # "i'm a celeb", unless already read ("mls cup 2023")
    return out + [" ".join(m.groups()) for m in _CODE.finditer(question)]


def fold(text: str) -> str:
    """``text`` without its accents ("Pokémon" -> "Pokemon"), as members type names."""
    if text.isascii():
        return text
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )


def event_in(event: str, body: str) -> bool:
    """The event's words in order, at most two words apart ("CES Innovation Award" for "ces
    award"), a code's initials written out before its figure ("Tel Aviv 35" for "ta 35"), or a
    two-word one turned round ("Nobel Prize in Chemistry")."""
    event, body = fold(event), fold(body)  # "pokemon": "Pokémon"
    # "womens singles": "women's singles"; "latin grammys": the "Latin Grammy Awards"
    words = [
        _SHOW.sub(r"\1(?:['’]?s)?", w) if _SHOW.match(w) else re.sub(r"s$", "['’]?s", re.escape(w))
        for w in event.split()
    ]
    if re.search(r"(?<!\w)" + r"\W+(?:\w+\W+){0,2}?".join(words) + r"(?!\w)", body):
        return True
    first, *rest = event.split()
    if len(rest) == 1 and rest[0].isdigit() and len(first) <= 4:  # "ta-35": the "Tel Aviv 35"
        initials = r"\w*\W+".join(first)
        if re.search(rf"(?<!\w){initials}\w*\W+{rest[0]}(?!\w)", body):
            return True
    # "chemistry prize" is also the "prize in chemistry"
    return len(words) == 2 and bool(
        re.search(rf"(?<!\w){words[1]}\W+(?:\w+\W+)?(?:in|for|of)\W+{words[0]}(?!\w)", body)
    )
