"""What an amount in a sentence is, beside being one: a sum of money or a share, a conversion in
brackets, a difference ("$20 more"), how far something moved ("2.1 percent higher"), what
something was or usually costs ("down from $1,499.99 to $1,199.99"), the period it is stated
over ("$99 per year"), or a line passed ("the Rs 20 Cr mark")."""

from __future__ import annotations

import re

from ingest.keyword import tokenize

from .extent import of_whole
from .shape import CURRENCY_CODE, CURRENCY_NAMES, Span
from .synonyms import synonyms

# "$20 more", "5% higher than", "$200 off": a difference, not the amount
COMPARED = re.compile(
    r"^\s*(?:more|less|cheaper|dearer|pricier|costlier|higher|lower|extra|than|above|below|off)\b",
    re.I,
)
# "a 25 percent larger battery": how much larger, not how large, unless that is asked
_LARGER = r"(larger|bigger|smaller|longer|shorter|heavier|lighter)\b"
_LARGER_IN = re.compile(rf"\d\s*(?:%|percent|per\s+cent)?\s+{_LARGER}", re.I)
_LARGER_AFTER = re.compile(rf"\s+{_LARGER}", re.I)
# "a 0.5% rise in its discount rate": by how much it changed, not what it is, unless a change
# is asked about ("what was the rise", "how much growth")
_CHANGE = (
    r"(rises?|increases?|gains?|drops?|falls?|declines?|jumps?|hikes?|cuts?|boosts?|"
    r"reductions?|dips?|slumps?|surges?|climbs?|growth|decreases?)\b"
)
_CHANGE_IN = re.compile(rf"\d\s*(?:%|percent|per\s+cent|points?|basis\s+points)?\s+{_CHANGE}", re.I)
_CHANGE_AFTER = re.compile(rf"\s+{_CHANGE}", re.I)


# "Save $72", "a saving of $50": what is taken off a price, not the price, unless asked
_SAVED = re.compile(r"\b(?:save|saves|saving|savings|discount)\s+(?:of\s+)?(?:up\s+to\s+)?$", re.I)
_SAVE_WORDS = frozenset(tokenize("save saves saving savings discount discounts"))


def compared(sentence: str, sp: Span, asked: set[str] | frozenset[str]) -> bool:
    """Whether the amount ``sp`` is a difference ("$20 more", "5% higher than", "a 25 percent
    larger battery", "Save $72") rather than the amount itself."""
    if COMPARED.match(sentence[sp.end : sp.end + 20]) or COMPARED.match(sp.text.split()[-1]):
        return True
    if _SAVED.search(sentence[max(0, sp.start - 30) : sp.start]) and not asked & _SAVE_WORDS:
        return True
    for inside, after in ((_LARGER_IN, _LARGER_AFTER), (_CHANGE_IN, _CHANGE_AFTER)):
        m = inside.search(sp.text) or after.match(sentence, sp.end)
        if m is not None and not set(tokenize(m.group(1))) & asked:
            return True
    return False


# "2.1 percent higher": how far something moved; "$80 more": by how much one costs more
MOVED = re.compile(
    r"^\s*(?:higher|lower|up|down|more|less|extra|cheaper|dearer|pricier|costlier)\b(?!\s+than\b)",
    re.I,
)
# A sum of money, or a sum in a currency the list does not know ("410 million aldmarks").
CURRENCY = re.compile(
    rf"[$€£¥₹¢]|\b(?:{CURRENCY_NAMES}|marks|usd|eur|gbp|cents|pence)\b"
    r"|\b(?:million|billion|trillion|bn|mn|crore|lakh)\b"
    rf"|\b(?-i:{CURRENCY_CODE})(?!\w)",
    re.I,
)
# "one million NOK (": an amount in brackets right after another is its conversion
CONVERTED = re.compile(r"(?:\d|\b(?:million|billion|trillion|bn|mn|crore)|\b[A-Z]{3})\s*\(\s*$")
# beside a count that is an age: "age 33", "turned 80", "a 33-year-old", "his 50th birthday"
AGE_NEAR = re.compile(
    r"(?:\bage[ds]?\s+|\bturn(?:s|ed|ing)?\s+|\bat\s+)$|^(?:[-\s]years?[-\s]old|,\s|\s+years?\s+of\s+age"
    r"|(?:st|nd|rd|th)\s+birthday)",
    re.I,
)
# A price a sentence gives as a deal's ("drop to as low as $174.99", "on sale for $99"): asked
# what something usually costs, not the answer
_SALE_BEFORE = re.compile(
    r"\b(?:down|drop(?:ped|s)?|fell|falls?|cut|reduced|discounted|slashed|lowered|marked\s+down|"
    r"on\s+sale|sale\s+price|deal\s+price|sells?\s+for\s+just)\s+(?:to\s+|for\s+|of\s+)?"
    r"(?:as\s+low\s+as\s+|just\s+|only\s+|a\s+mere\s+)?$",
    re.I,
)


ON_SALE = 0.45  # what such a price keeps of its weight, asked the full price (0.6 did as well)


def on_sale(sentence: str, sp: Span) -> bool:
    """The amount is a price cut to, or a deal's price ("has dropped to $174.99")."""
    return bool(_SALE_BEFORE.search(sentence[max(0, sp.start - 40) : sp.start]))


# An amount a sentence gives as what was ("down from $1,499.99 to $1,199.99", "typically sells
# for $999, but ..."): asked what it costs, the amount now is the answer.
FORMER = 0.6
_FROM_TO = re.compile(r"\bfrom\s*$", re.I)
_TO_AFTER = re.compile(r"\s*(?:to|,?\s*now)\s+(?:just\s+|only\s+)?\S*\d", re.I)
_MOVED_FROM = re.compile(
    r"\b(?:down|up|fell|dropped|rose|reduced|cut|discounted|slashed|lowered|raised|\bto\s+\S*\d)"
    r"[^.;]{0,40}\bfrom\s*$",
    re.I,
)
# "From a modest 1,691 stores in FY14, the business has grown to 18,040": where it started
_FROM_START = re.compile(
    r"\bfrom\s+(?:(?:a|an|the|just|only|about|around|some)\s+)?(?:(?:modest|mere|low|high)\s+)?$",
    re.I,
)
_CHANGED_TO = re.compile(
    r"\b(?:grown|grew|risen|rose|increased|expanded|climbed|jumped|soared|swelled|fallen|fell|"
    r"dropped|declined|shrunk|shrank|slipped)\s+to\b",
    re.I,
)
# "$328 $400": a deal's price, then the price it had, as shop listings print them
_PRICE_BEFORE = re.compile(r"[$€£¥₹]\d(?:[\d,.]*\d)?\s+$")
_REGULAR_BEFORE = re.compile(
    r"\b(?:typically|usually|normally|regularly|originally|ordinarily)\b[\w\s]{0,25}?"
    r"\b(?:for|at|costs?|is|was|of)\s*$"
    r"|\b(?:list|retail|full|regular|original|sticker)\s+price\s+(?:of\s+|is\s+|was\s+)?$"
    r"|\bmsrp\s*(?:of\s+|is\s+|:\s*)?$"
    # "$1.99 per month, compared with $15 per month for a rival": another thing's amount
    r"|\b(?:compared\s+(?:with|to)|versus|vs\.?)\s+(?:just\s+|only\s+|about\s+)?$",
    re.I,
)


def former(sentence: str, sp: Span) -> bool:
    """The amount is what something was, what it usually is, or what it is compared with, beside
    another amount."""
    before = sentence[max(0, sp.start - 60) : sp.start]
    if _FROM_TO.search(before) and (
        _TO_AFTER.match(sentence[sp.end : sp.end + 30]) or _MOVED_FROM.search(before)
    ):
        return True
    if _FROM_START.search(before) and _CHANGED_TO.search(sentence[sp.end : sp.end + 120]):
        return True  # "from a modest 1,691 stores in FY14, ... has grown to 18,040 stores"
    if _PRICE_BEFORE.search(before) and sp.text[:1] in "$€£¥₹":
        return True  # "Sony WH-1000XM5 $328 $400 Save $72": $400 is what it was
    return bool(_REGULAR_BEFORE.search(before))


# "a clause that would allow lower releases when the reservoir falls below 40 percent": a
# threshold a condition names, not where the level stands
CONDITION = 0.6
_CONDITION_BEFORE = re.compile(
    r"\b(?:if|when|whenever|once|unless|until|should)\s[^.;:!?]{0,60}?\b(?:falls?|drops?|dips?|"
    r"rises?|climbs?|goes|exceeds?|tops?|hits?|reaches?|surpass(?:es)?|passes)"
    r"(?:\s+(?:below|above|under|over|past|beyond))?\s+$",
    re.I,
)


def conditional(sentence: str, sp: Span) -> bool:
    """The amount is a threshold in a condition ("if it falls below $40", "once sales top
    1 million"), not what it is."""
    return bool(_CONDITION_BEFORE.search(sentence[max(0, sp.start - 90) : sp.start]))


# The period an amount is paid or counted over ("$99 per year", "€9.99/month", "a $99 annual
# fee"): asked how much a month, the amount a month is the answer, not a year's or a one-off
_PERIODS = {
    "year": "year|years|yr|yrs|annum|annual|annually|yearly",
    "month": "month|months|mo|mth|monthly",
    "week": "week|weeks|wk|weekly",
    "day": "day|days|daily|night|nights|nightly",
    "hour": "hour|hours|hr|hourly",
    "season": "season|seasons",
    "game": "game|games",
}
_PERIOD_WORD = "|".join(_PERIODS.values())
_ADJECTIVES = "annual|annually|yearly|monthly|weekly|daily|nightly|hourly"
_PERIOD_Q = re.compile(
    rf"\b(?:per|a|an|each|every)\s+({_PERIOD_WORD})\b(?!\s+(?:ago|earlier|later|before|after|"
    rf"from|on|in|of)\b)|\b({_ADJECTIVES})\b",
    re.I,
)
_PERIOD_AFTER = re.compile(
    rf"\s*(?:/\s*|(?:per|a|an|each|every)\s+)({_PERIOD_WORD})\b|\s+({_ADJECTIVES})\b", re.I
)
_PERIOD_IN = re.compile(rf"(?:/\s*|\b(?:per|a|an|each|every)\s+)({_PERIOD_WORD})\s*$", re.I)
PERIOD_MATCH = 1.25
PERIOD_OTHER = 0.7


def _period(word: str) -> str:
    w = word.lower()
    return next((p for p, ws in _PERIODS.items() if w in ws.split("|")), "")


def period_asked(question: str) -> str:
    """The period the question asks an amount over ("how much a month", "annual fee"), or ""."""
    m = _PERIOD_Q.search(question)
    return _period(m.group(1) or m.group(2)) if m else ""


# "players they pay above $10 million a year": a bound, not what anyone is paid
_BOUND_BEFORE = re.compile(
    r"\b(?:above|below|under|more\s+than|less\s+than|at\s+least|at\s+most|in\s+excess\s+of|"
    r"upwards\s+of)\s+$",
    re.I,
)


def period_of(sentence: str, sp: Span) -> str:
    """The period the amount ``sp`` is stated over ("$99 per year", "€9.99/month"), or "" (also
    for a bound: "above $10 million a year")."""
    if _BOUND_BEFORE.search(sentence[max(0, sp.start - 20) : sp.start]):
        return ""
    m = _PERIOD_IN.search(sp.text) or _PERIOD_AFTER.match(sentence, sp.end)
    return _period(m.group(1) or m.group(2)) if m else ""


# "beyond the Rs 20 Cr mark", "passed the 1,000-yard mark": a line passed, not the amount
MILESTONE = 0.6
_MILESTONE = r"(?:mark|(?:barrier|threshold|milestone|plateau)s?)\b"  # "marks": money
_MILESTONE_IN = re.compile(rf"[\s-]{_MILESTONE}$", re.I)
_MILESTONE_AFTER = re.compile(rf"[\s-]+{_MILESTONE}", re.I)
MILESTONE_Q = re.compile(rf"\b{_MILESTONE}", re.I)


def milestone(sentence: str, sp: Span) -> bool:
    """The amount names a line passed or to pass ("the $1 trillion mark"), not a value."""
    return bool(_MILESTONE_IN.search(sp.text) or _MILESTONE_AFTER.match(sentence, sp.end))


_CONVERSION_AFTER = re.compile(r"^\s*\([^()]{0,30}\)")
_CURRENCY_AFTER = re.compile(rf"^\s*(?:[A-Z][a-z]+\s+)?(?:{CURRENCY_NAMES})\b\)?")


_CURRENCY_END = re.compile(rf"\s+(?:[A-Z][a-z]+\s+)?(?:{CURRENCY_NAMES})$")


def of_words(sentence: str, sp: Span) -> list[str]:
    """An amount's own words and the two words after it, which can say what it is of ("an 11%
    stake", "one million NOK (~$100,000) per day"): without the currency's name in the amount
    ("100 million Canadian dollars": "Canadian" says whose money, not what it pays for), and past
    a conversion in brackets and the currency's name after it ("100 million Canadian dollars)")."""
    after = _CONVERSION_AFTER.sub(" ", sentence[sp.end : sp.end + 60])
    return [_CURRENCY_END.sub("", sp.text), *_CURRENCY_AFTER.sub(" ", after).split()[:2]]


# a share
PERCENT = re.compile(r"%|\bper\s*cent|\bpercentage", re.I)
# a unit of measure after a number ("400 feet", "18 W", "9.2 millisecond")
MEASURE = re.compile(
    r"^[\d.,\s-]*(?:feet|foot|ft|miles?|mi|km|kilomet\w+|met(?:er|re)s?|m|yards?|yds?|inch(?:es)?|"
    r"cm|mm|mph|km/h|kph|knots?|kg|kilograms?|lbs?|tons?|tonnes?|degrees?|°|stor(?:ey|y|ies|eys)|"
    r"floors?|acres?|hectares?|gb|tb|mah|watts?|w|kw|kwh|wh|whr|milliseconds?|ms|hz)\b",
    re.I,
)

# an amount measured in units or a share: no count of things
MEASURED = re.compile(
    r"\d\s*(?:%|percent\b|per\s+cent\b|(?:square\s+|cubic\s+)?(?:feet|foot|miles?|km|"
    r"kilomet\w+|met(?:er|re)s?|inch(?:es)?|cm|mm|kg|kilograms?|lbs?|pounds|tons?|tonnes?|"
    r"lit(?:re|er)s?|gallons?|barrels?|degrees?|acres?|hectares?)\b)",
    re.I,
)


# a yes/no question that guesses an amount ("is it still like 200 bucks", "more than 100 million
# visitors?"), not one that names a thing by its price ("is the $1 fee the only thing")
_GUESSED_AMOUNT = re.compile(
    r"\b(?:more\s+than|less\s+than|over|under|like|about|around|roughly|above|below|at\s+least|"
    r"at\s+most|still|only|just|nearly|almost)\s+(?:\$|£|€)?\d[\d,.]*\s*(?:k|bucks|dollars|quid|"
    r"grand|pounds|euros|usd|million|billion|bn|mil|%|percent)?(?!\s*(?:[a-z]+\s+)?(?:fee|fees|"
    r"tier|plan|version|model|edition)\b)",
    re.I,
)


def guessed_amount(question: str) -> bool:
    """The question guesses an amount: the amount an article states is the answer to it."""
    return bool(_GUESSED_AMOUNT.search(question))


# what a what-question asks the amount of ("what's the minimum", "what was the valuation")
AMOUNT_NOUN = (
    r"(?:price|cost|amount|valuation|value|fee|salary|wage|rate|percentage|share|fine|sum|budget|"
    r"revenue|profit|loss|deal|figure|total|score|interest|raise|increase|cut|drop|rise|offer|bid|"
    r"payout|settlement|penalty|damages|bill|tab|pay|bonus|prize\s+money|ransom|bail|tariff|tax|"
    r"stake|size|payments?|income|inflation|gdp|gni|unemployment|earnings|rent|yield|estimate|eps|"
    r"worth|debt|capacity|wattage|distance|contract|sales|minimum|maximum|multiplier|average|avg|"
    r"median|differential|capex|margin|purse|payroll|fare|premium|odds|discount|markup|rebate|"
    r"refund|surcharge|target)"
)


# with no wh-word, a word that names an amount asks for it: "goat sim 3 ps5 prime day price?",
# "purdy's dk salary?", "sd oled battery capacity?", "ntpc capex guidance fy24?"
AMOUNT_WORD = re.compile(
    r"\b(?:price|prices|priced|cost|costs|msrp|salary|salaries|wages?|fees?|payout|paycheck|eps|"
    r"revenues?|bookings|valuation|net\s+worth|market\s+cap|odds|capacity|wattage|multiplier|"
    r"capex|sales|fines?|budget|inflation|gdp|payroll|purse|fares?|rent)\b"
    r"(?!\s+(?:strike|ban|war|row|dispute|talks|freeze|halt|boycott|probe|case|suit|lawsuit)s?\b)",
    re.I,
)


def odds(text: str, asked: set[str] | frozenset[str]) -> bool:
    """Whether ``text`` is a bookmaker's odds ("+1800", "-110") and the question asks for odds:
    such a figure then says as much as an amount does."""
    return "odd" in asked and bool(re.match(r"[+-]\d", text))


# a figure as written, with its currency or sign, for comparing the question's with an answer's:
# "25", "$1,000", "-125" (betting odds, not the $125 stake)
_FIGURE = re.compile(r"(?<![\w.,/])[$€£¥₹+-]?\d[\d,]*(?:\.\d+)?(?![\d/])")
GIVEN = 0.3  # what an answer counts whose figure the question itself gives


def figures(text: str) -> frozenset[str]:
    """The figures written in ``text``, commas dropped: "of the last 25 at -110" -> {"25", "-110"}."""
    return frozenset(m.group().replace(",", "") for m in _FIGURE.finditer(text))


def given(span_text: str, asked: frozenset[str]) -> bool:
    """The span's figure is one the question gives, so not the one it asks for: "25 previous
    derbies" for "how many of the last 25 have they won", "737 MAX airplanes" for "how many 737
    maxes are affected"."""
    first = _FIGURE.search(span_text)
    return first is not None and first.group().replace(",", "") in asked


# "the 32,000-capacity barn", "a 60,000-seat arena": what a place holds, not how many came
CAPACITY = re.compile(r"-(?:capacity|seat(?:er)?)\b|^\S+\s+(?:capacity|seats?)\b", re.I)
CAPACITY_Q = re.compile(r"\b(?:capacity|seats?|seating|holds?|fits?|sold\s+out)\b", re.I)
HELD = 0.5
# "how much snow does it get": a depth ("nine metres"), not the resort's size ("2,500 acres")
DEPTH_Q = re.compile(r"\bhow\s+much\s+(?:snow|rain|snowfall|rainfall|precipitation)\b", re.I)
DEPTH = re.compile(
    r"^[\w.,\s-]*?(?:met(?:re|er)s?|m|cm|centimet(?:re|er)s?|mm|millimet(?:re|er)s?|inch(?:es)?|"
    r"feet|foot|ft)\b",
    re.I,
)
NOT_DEPTH = 0.5
# "inflation moved closer to its 2 percent target": an aim, not where it is, unless one is asked
AIM = re.compile(r"\b(?:target|goal|aim)\b", re.I)
AIMED = 0.6


# "what's it valued at", "the valuation": the figure the firm is said to be worth, not the sum it
# raised in the same sentence ("picked up €473 million ... in a deal valuing it at €927 million")
VALUED = 1.4
VALUED_Q = re.compile(r"\bvalu(?:ed|ation|e|ing)\b", re.I)
_VALUED_BEFORE = re.compile(r"\b(?:valu(?:ed|es|ing|ation)|worth)\b[^.;:$€£¥₹\d]{0,30}$", re.I)
_VALUED_AFTER = re.compile(r"^\W{0,3}(?:post-money\s+|pre-money\s+)?valuation\b", re.I)


def valued(sentence: str, sp: Span) -> bool:
    """Whether the amount is what something is valued at ("valuing the company at €927
    million", "a $1 billion valuation")."""
    return bool(
        _VALUED_BEFORE.search(sentence[max(0, sp.start - 60) : sp.start])
        or _VALUED_AFTER.match(sentence[sp.end : sp.end + 30])
    )


# "what % of boomers say ...": the whole a share is asked of, up to the question's verb
_SHARE_OF_Q = re.compile(
    r"(?:%|\bper\s*cent|\bpercent|\bpct|\bshare|\bproportion|\bfraction)\s+of\s+"
    r"(?:(?:the|all|its|their|his|her)\s+)?((?:[\w'’-]+\s+){0,2}?[\w'’-]+)"
    r"(?=\s+(?:did|do|does|is|are|was|were|say|says|said|got|get|gets|have|has|had|in|on|at|by|"
    r"per|that|who|which|think|thinks|use|uses|look|looks|will|would|can|could|according|"
    r"actually|ended|end|ever|never)\b|\s*[?,.]|\s*$)",
    re.I,
)
# where a share's own text says what it is of: "46% of young workers"
_SHARE_WHOLE = re.compile(r"(?:%|\bper\s*cent|\bpercent)\s+of\s+(.+)$", re.I)
SHARE_OTHER = 0.7  # a share of another whole than the one asked of ("46% of young workers")


def share_whole(question: str) -> frozenset[str]:
    """The words of the whole a share is asked of ("boomers" of "what % of boomers say"), or
    none."""
    m = _SHARE_OF_Q.search(question)
    asked = tokenize(m.group(1)) if m else []
    # with their one-word synonyms: "of its staff" is "of its workforce"
    return frozenset(asked) | {s[0] for t in asked for s in synonyms(t) if len(s) == 1}


def whole_of(sentence: str, sp: Span) -> frozenset[str] | None:
    """The words of what the share ``sp`` says it is of ("young workers" of "46% of young
    workers"), or None."""
    m = _SHARE_WHOLE.search(sentence[sp.start : of_whole(sentence, sp.start, sp.end)[1]])
    return frozenset(tokenize(m.group(1))) if m else None


def other_whole(sentence: str, sp: Span, whole: frozenset[str]) -> bool:
    """Whether the share ``sp`` says it is of another whole than ``whole``."""
    own = whole_of(sentence, sp)
    return bool(whole) and own is not None and not whole & own
