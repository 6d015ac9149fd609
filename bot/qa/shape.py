"""The shapes an answer can have (a place, a time, a person, an amount, a count, a yes or no), and
the spans of a sentence that have the shape asked for. Which shape a question asks for is read
in ``bot.qa.question_kind``. Rules over the words themselves, so they work on lowercase, casual
text as well as formal.

Map: the shape names and ``Span`` first; then one pattern per kind of span (scores, times,
amounts and counts, names and places); then the helpers that cut a capitalised run into names
(``_names``; a person named in the possessive after "in" is ``person.whose_name``) and give a
count its noun (``_with_noun``); a weekday that ends a named day ("Cyber Monday") is dropped by
``_named_day``; ``answer_spans``, near the end, is the entry point that picks among them by
shape (a position's spans are ``bot.qa.position``'s, an injury's ``bot.qa.injury``'s);
``last_place`` gives the last of two places a where-span joins."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .extent import RANGE_GAP, between_before, date_ranges, ranges, widen
from .injury import INJURY, injury_spans
from .joined import joined
from .name_words import (
    ABBREVIATED,
    APPOSED,
    CONTRACTED,
    GERUND,
    NOT_NAME_WORDS,
    POSITIONAL,
    TITLE_ABBREVIATIONS,
)
from .not_place import said_no_place, works_at
from .person import personlike, whose_name
from .placed import based_places, hometowns, local_places
from .position import POSITION, position_spans
from .regions import AFTER_VISIT, NATION, PLACE_NAME, PLACE_NOUN, REGION
from .when_words import NAMED_DAY_BEFORE

WHO, WHERE, WHEN, HOW_MUCH, HOW_MANY = "who", "where", "when", "how_much", "how_many"
YESNO, WHAT, WHY = "yesno", "what", "why"
SCORE = "score"  # a match result: "12-11"
SHORT = (WHO, WHERE, WHEN, HOW_MUCH, HOW_MANY, SCORE, POSITION, INJURY)

# not a piece of a longer run: a boxer's record "43-2-1" holds no "2-1"
_SCORE_RX = re.compile(r"(?<!\d[-–])\b\d{1,3}\s?[-–]\s?\d{1,3}(?:[-–]\d{1,2})?\b(?![-–]\d)")
_TEAM = r"[A-Z][\w.'’&-]*(?:\s[A-Z][\w.'’&-]*){0,2}"
_SCORE_LINE_RX = re.compile(rf"\b{_TEAM}\s\d{{1,3}},\s{_TEAM}\s\d{{1,3}}\b(?![,.]?\d)")
# "(1-8)" after a team, "improve to 9-5", "a 6-2 record": a season's record, not a result
RECORD_AROUND = (
    re.compile(
        r"(?:\(|\brecord\s+(?:of\s+|to\s+|at\s+)?|"
        r"\b(?:improv(?:es?|ed|ing)|fall(?:s|ing)?|fell|drop(?:s|ped|ping)?|mov(?:es?|ed|ing)|"
        r"sit(?:s|ting)?|at|slip(?:s|ped|ping)?|slid(?:ing)?|climb(?:s|ed|ing)?|rose|ris(?:es?|ing))"
        r"\s+(?:to\s+)?)$"
    ),
    re.compile(r"^(?:\)|\s+(?:record|on\s+the\s+season|overall|in\s+(?:the\s+)?conference))"),
)
# --- spans with a shape -------------------------------------------------------------------------

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_NTH = r"(?:first|second|third|fourth|fifth|final|1st|2nd|3rd|4th|5th)"
_WHEN_RX = re.compile(
    rf"\b(?:(?:on|by|from|until|since|before|after|in|at|early|late|next|last|this)\s+"
    r"(?:(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+(?:the\s+)?|mid-)?|mid-)?"  # January
    # "Sunday, March 31", "Sunday 31 March 2024", "the first Thursday of November"
    rf"(?:(?:(?:the\s+)?{_NTH}\s+)?{_WEEKDAY}(?:\s+(?:of|in)\s+{_MONTH}(?!\w)(?!\s*\d)"
    rf"|,?\s+(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d)(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?!\w)(?:,?\s+\d{{4}})?))?"
    # not "January 20" of 2024; "April 11-14" is one span of days
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:[-–]\d{{1,2}}(?!\d|[:.]\d))?(?!\d)(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?"
    rf"|{_MONTH}\s+(?:of\s+)?\d{{4}}"  # "March 2023", "March of 2023"
    r"|(?:19|20)\d{2}(?:[-–/](?:\d{2}|(?:19|20)\d{2})(?![-–/]?\d))?"  # "2015-16": a season
    # an older year only where a date stands: "built back in 1787", "The Vampyre (1819)"
    r"|(?:(?<=\bin\s)|(?<=\bsince\s)|(?<=\bfrom\s)|(?<=\buntil\s)|(?<=\bby\s)|(?<=\())"
    r"1[0-8]\d{2}(?![\d,])(?!\s+(?!(?:was|as|is|has|his|its|this|thus)\b)[a-z]+s\b)"
    # "3.30pm", "12 a.m. BST", "7 p.m. ET"
    r"|\d{1,2}(?:[:.]\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)(?:\s+(?-i:[A-Z]{1,4}T|UTC)\b)?"
    r"|(?:yesterday|today|tomorrow|tonight)"
    r"|(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?:spring|summer|autumn|fall|winter)\b(?:\s+\d{4})?"
    r"|(?:next|last|this|coming)\s+(?:week|month|year|decade|season)\b(?!['’]s)"  # not "last year's Masters"
    r"|(?:week|month|year|weekend|season)(?:'s)?\s+end"
    # "three years ago", "about 252 million years ago": a time counted back from now
    r"|(?:about\s+|some\s+|roughly\s+|nearly\s+|almost\s+|more\s+than\s+)?"
    r"(?:\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|several)"
    r"(?:\s+(?:hundred|thousand|million|billion))?\s+(?:years?|months?|weeks?|days?|decades?|"
    r"centuries|century)\s+ago\b"
    rf"|{_MONTH}\b(?!\s+\d))",
    re.I,
)
_BARE_MONTH = re.compile(rf"(?:\w+\s+)?({_MONTH})", re.I)
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_NUMBER = (
    rf"(?:\d(?:[\d,]*\d)?(?:\.\d+)?(?![.,]?\d)|{_TENS}-(?:one|two|three|four|five|six|seven|eight|nine)\b|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|dozens?|hundreds|thousands|half|a\s+dozen)"
)
_SCALE = r"(?:million|billion|trillion|bn|mn|tn|m|b|k|crore|cr|lakh)"
CURRENCY_NAMES = (  # currencies named in words after a figure
    r"dollars|euros|pounds|yen|rupees|francs|crowns|kronor|krona|kroner|yuan|renminbi|rubles|"
    r"roubles|pesos|rand|reais|lira|dirhams|riyals|ringgit|baht|rupiah|naira|shillings"
)
# "C$8 billion", "US$5bn", "NIS 15 million", "Rs 24.75 Cr", "EUR 9.99"
CURRENCY_CODE = (
    r"(?:NIS|Rs\.?|INR|USD|EUR|GBP|NOK|SEK|DKK|CHF|AED|SAR|CNY|RMB|JPY|AUD|CAD|NZD|HKD|SGD|ZAR|"
    r"BRL|MXN|KRW|TRY)"
)
_AMOUNT_RX = re.compile(
    rf"(?:\b(?-i:[A-Z]{{1,2}}\$|{CURRENCY_CODE}\s?)\s?\d(?:[\d,]*\d)?(?:\.\d+)?(?:\s?{_SCALE}\b)?"
    rf"|[$€£¥₹]\s?{_NUMBER}(?:\s?{_SCALE}\b)?"
    rf"|\$(?-i:[A-Z]{{2}})\d(?:[\d,]*\d)?(?:\.\d+)?(?:\s?{_SCALE}\b)?"  # "$US44 million"
    rf"|\b{_NUMBER}\s?(?:%|percent\b|per\s+cent\b|percentage\s+points?\b|basis\s+points\b)"
    r"|\b\d+(?:\.\d+)?\s?(?:¢|cents\b|pence\b|p\b(?=\s+a\s+share))"  # "60¢", "45 cents"
    rf"|\b{_NUMBER}(?:\s+(?:million|billion|trillion|bn|mn))?\s+(?-i:(?:[A-Z][a-z]+\s+)?)"
    rf"(?:{CURRENCY_NAMES}|marks|shekels|usd|eur|gbp)\b"  # "11 million Swedish kronor"
    rf"|(?<![\d.,]){_NUMBER}[\s-](?:million|billion|trillion|bn|mn)\b"
    # "P5.768-trillion": a currency's one-letter sign glued to a figure in words
    r"|(?:\$|\b)(?-i:[A-Z])\d(?:[\d,]*\d)?(?:\.\d+)?[\s-]?(?:million|billion|trillion)\b)",  # "$A82 million"
    re.I,
)
_UNIT_END = re.compile(r"\d(?:km|kg|cm|mm|mph|kph|lbs?|gb|tb|mah|kwh|kw|whr|wh|hz|W)$", re.I)
_COUNT_RX = re.compile(
    r"(?:(?<![\w.+-])[+-](?=\d{3,5}\b)|\b(?:(?:more\s+than|about|nearly|almost|at\s+least|some|"
    r"(?:just\s+)?(?:over|under)|around|up\s+to|roughly|approximately)\s+)?)"
    rf"(?<![\d.,])(?<!(?-i:[A-Z])-){_NUMBER}"
    r"(?:\s+(?:million|billion|thousand|hundred)|(?:m|mn|bn|k)(?!\w)"  # "2.2m tickets"
    r"|(?:km|kg|cm|mm|ft|mph|kph|lbs?|gb|tb|mah|kwh|kw|whr|wh|hz|(?-i:g|mg|mcg|ml|W|x))(?!\w))?\b",  # "360km", "1.5g", "50Whr", "1.8x", odds "+1800"
    re.I,
)
# A capitalised run: "Sihasak Phuangketkeow", "Thailand's Chanthaburi province", "New York".
_CAP = r"[A-Z][\w'’.&-]*"
# particles inside a name: "Bank of England", "Luca de la Torre", "Rassie van der Dussen"
_PARTICLES = r"of|de(?:\s+(?:la|los|las))?|la|van(?:\s+(?:der|den|de))?|von(?:\s+der)?|al|bin"
_NAME_RX = re.compile(rf"{_CAP}(?:\s+(?:(?:{_PARTICLES})\s+)?{_CAP})*")
_PLACE_RX = re.compile(
    rf"(?:\b(?:in|at|near|from|outside|inside|across|to|into|on|off(?=\s+the\s+(?:\w+\s+)?coast\b)|"
    r"as\s+far\s+(?:north|south|east|west|inland|afield)\s+as)"
    rf"|^(?:In|At|Near|From|Outside|Inside))"
    # "to its Negev desert", not "to its U.S. customers": a place of its own is named as one
    # "in his hometown, Chicago", "in her home town of Leeds": the place is named after it
    r"\s+(?:(?:its|their|his|her|our)\s+(?:hometown|home\s+(?:town|city|state)|birthplace)"
    r"(?:,\s+|\s+of\s+)|"
    rf"the\s+|(?:its|their|his|her|our)\s+(?=(?:{_CAP}\s+){{1,3}}(?:{PLACE_NOUN}|home|"
    r"homeland|hometown|headquarters|plant|factory|campus)\b))?"
    r"(?:(?:(?:north|south)-?(?:east|west)?(?:ern)?|east(?:ern)?|west(?:ern)?|central|downtown|"
    r"coastal|rural)\s+)?"  # "in southern Israel"
    # "in the border town of Velm", "in the southern Utah city of Ivins"
    rf"(?:(?:[a-z]+\s+|{_CAP}\s+)?{PLACE_NOUN}\s+of\s+)?"
    rf"(?:{_CAP}(?:\s+(?:(?:of|de|del|la|le|du)\s+(?:the\s+)?)?{_CAP})*"  # "Club of New York"
    rf"(?:\s+{PLACE_NOUN})?)"
    rf"(?:,\s+(?:{REGION}|{NATION})\b)?",  # "in Auburn, Washington", "in Havana, Cuba"
)
_TITLE = (
    r"(?:Minister|President|Prime|Chancellor|Secretary|Governor|Mayor|Senator|C[EFOT]O|Chief|"
    r"Director|Chair(?:man|woman)?|Spokes(?:person|man|woman)|Coach|Manager|Founder|King|Queen|Prince|"
    r"General|Commissioner|Ambassador|Judge|Justice|Dr|Mr|Mrs|Ms|Sir|Principal|Deputy|Vice|Acting|"
    r"Interim|Executive|Head|Captain|Skipper|Partner|Officer|QB|Quarterback|RB|WR|TE|LB|CB|"
    rf"{TITLE_ABBREVIATIONS}|Lieutenant|Colonel|Sergeant|Admiral|Representative|Scientist|"
    r"Economist|Strategist|Analyst)"
)
# "the Fairfield Beach neighborhood", "Jefferson County": a place named by its kind, with no
# preposition before it
_NAMED_PLACE_RX = re.compile(
    rf"\b(?:the\s+)?{_CAP}(?:\s+{_CAP}){{0,3}}\s+(?:neighbou?rhood|suburb|borough|county|district|"
    r"province|region|village|town|"
    # "the Sunken Ruins dungeon", "the Lakers' arena": a venue named before its kind
    r"dungeon|stronghold|stadium|arena|ballpark|racecourse|speedway|raceway|circuit|casino|mall|"
    r"museum|cathedral|temple)\b"
)
# "The state of Wisconsin", "the city of Leeds": a place named after its kind, with no
# preposition before it
_KIND_OF_PLACE_RX = re.compile(
    rf"\b(?:[Tt]he\s+)?(?:state|city|town|village|country|nation|province|island|port|county)\s+of"
    rf"\s+{_CAP}(?:\s+{_CAP}){{0,2}}"
)
# "the neighbouring country Nepal": a name the text calls a country; "to visit Leeds": a place
_COUNTRY_RX = re.compile(
    rf"(?:(?<=\bcountry\s)|(?<=\bnation\s)|{AFTER_VISIT}){_CAP}(?:\s+{_CAP}){{0,2}}"
)
# "at UFC 295", "at CES 2024": an event named by initials and a number, not a place
# a title and whose it is: "Microsoft’s CEO", "OpenAI's CTO"
_ROLE_OF = re.compile(rf"^{_CAP}(?:\s+{_CAP})?['’]s\s+(?:{_TITLE}\s*)+$")
_NOT_NAME = re.compile(rf"^(?:{_MONTH}|{_WEEKDAY}|{NOT_NAME_WORDS})$")


@dataclass(frozen=True)
class Span:
    start: int  # offsets in the sentence
    end: int
    text: str


def _within(sp: Span, spans: Sequence[Span]) -> bool:
    return any(o.start <= sp.start and sp.end <= o.end for o in spans)


def _spans(rx: re.Pattern[str], s: str) -> list[Span]:
    out = []
    for m in rx.finditer(s):
        text = m.group()
        if re.search(r"(?:^|\s)[^\s.]+\.$", text):  # the full stop ("on X."), not "U.S."
            text = text[:-1]
        if text.strip():
            out.append(Span(m.start(), m.start() + len(text), text))
    return out


# "in Lunvik", not "ran into Satya Nadella" (met him)
_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|near|(?<!\bran\s)(?<!\bruns\s)(?<!\bbumped\s)into|across|outside|inside)\s+"
    r"(?:the\s+)?$"
)


# "share a manager in Rick Yorn", "found an ally in Jo Marr": the role before "in" says the name
# after it is someone, not a place
_ROLE_IN = re.compile(
    r"\b(?:an?|the|their|his|her|its|our|your)\s+(?:[a-z][\w-]*\s+){0,2}?(?:manager|agent|"
    r"coach|ally|friend|mentor|replacement|successor|suitor|teammate|backer|investor|buyer)"
    r"\s+in\s+$"
)


def _role_in(s: str, start: int, name: str) -> bool:
    """Whether the name at ``start``, after "in", is the person a role before it names ("share a
    manager in Rick Yorn"), not where someone holds it ("a manager in London")."""
    return (
        _ROLE_IN.search(s[max(0, start - 60) : start]) is not None
        and len(name.split()) >= 2
        and personlike(name)
        and not PLACE_NAME.match(name)
    )


_POSSESSIVE_GAP = re.compile(r"(?<=['’]s)\s+|(?<=s['’])\s+")


# a player's position between his name and his school or side, as draft boards and rosters
# write them: "Drake Maye QB North Carolina", "Cooper DeJean CB Iowa" (a code that opens a run is
# a title: "QB Joe Burrow")
_POSITION_GAP = re.compile(
    r"\s+(?:QB|RB|WR|TE|LB|CB|DE|DT|OT|OG|OL|IOL|EDGE|DL|DB|FB|HB|ILB|OLB|ATH)(?:\s+|$)"
)


def _name_runs(s: str) -> list[tuple[int, str]]:
    """Runs of capitalised words, split after a possessive between two names of two words or
    more: "Michael Lewis' Going Infinite" is "Michael Lewis" and "Going Infinite" (but "St James's
    Park", "McDonald's Corp" and "People's Bank of China" stay whole); and around a player's
    position inside a run ("Drake Maye QB North Carolina": "Drake Maye", "North Carolina")."""
    out: list[tuple[int, str]] = []
    for start, run in _possessive_runs(s):
        at = 0
        for gap in _POSITION_GAP.finditer(run):
            if run[at : gap.start()].strip():
                out.append((start + at, run[at : gap.start()]))
            at = gap.end()
        if run[at:].strip():
            out.append((start + at, run[at:]))
    return out


def _possessive_runs(s: str) -> list[tuple[int, str]]:
    """The runs of capitalised words, cut after a possessive between two names (``_name_runs``)."""
    out: list[tuple[int, str]] = []
    for m in _NAME_RX.finditer(s):
        parts = _POSSESSIVE_GAP.split(m.group())
        if len(parts) == 1 or any(len(p.split()) < 2 for p in parts):
            out.append((m.start(), m.group()))
            continue
        at = 0
        for part in parts:
            at = m.group().index(part, at)
            out.append((m.start() + at, part))
            at += len(part)
    return out


# a first word that opens no name elsewhere but does here: "Thursday Night Football", "Will Levis"
_NAME_OPENER = re.compile(rf"{_WEEKDAY}\s+Night\s+[A-Z]|Will\s+[A-Z][a-z]")
_ABBREVIATION = re.compile(r"[A-Z]{2,}")  # a word in capitals: "PPR", "RNK", "NFL"
# a figure that opens a firm's name: "777 Partners", "1789 Capital" (not "$500 Capital", "No. 9")
_NUMBERED = re.compile(r"(?<![\w$£€#.,/-])(?<!No\.\s)\d{1,4}\s$")
_FIRM_END = re.compile(r"\b(?:Partners|Capital|Ventures|Holdings|Group|Labs?|Media|Studios)$")
_ROUND = re.compile(r"(?:Pre-)?Series\s+[A-H]\d?\+?")  # a funding round's name


# "the Los Angeles-based firm", "United's Champions League-winning campaign"
_DESCRIBING = re.compile(
    r"-(?:(?i:based|born|owned|led|backed|made|run|bred|raised|era|style)|[a-z]+ing)$"
)


# where a labelled line's text starts: "QB Joe Burrow: Battling a calf injury"
_LINE_START = re.compile(r"[:|–—]\s+$")
# what may come before the sentence's first word: an opening quote mark or bracket
_OPENING = re.compile(r"[\s\"“‘'(\[]*")


def _names(s: str) -> list[Span]:
    out: list[Span] = []
    for m_start, run in _name_runs(s):
        first = _OPENING.fullmatch(s[:m_start]) is not None  # the sentence starts here
        words = run.split()
        # a lone letter opens no name ("F Patriots", "y Julián"; an initial has its full stop:
        # "J. Smith"), nor a word capitalised where a line starts ("Oct. 31 First pitch:")
        while words and (
            (
                _NOT_NAME.match(words[0].rstrip(".,'’"))
                and not _NAME_OPENER.match(" ".join(words))
                # "the All Blacks": "All" capitalised inside a sentence is the name's own
                and not (words[0] == "All" and len(words) >= 2 and not first)
            )
            or re.fullmatch(r"[A-Z]", words[0])
            or CONTRACTED.fullmatch(words[0].rstrip(".,"))
            or (len(words) == 1 and POSITIONAL.fullmatch(words[0].rstrip(".,:'’")))
        ):
            words = words[1:]
        if first and len(words) >= 3 and GERUND.fullmatch(words[0]):
            words = words[1:]  # "Pairing Gill Pratt with ...": the verb opening the sentence
        # "Thailand's Foreign Minister Sihasak Phuangketkeow": who is the name after the title
        # (the title stays beside it, where the role is read from)
        titles = [i for i, w in enumerate(words) if re.fullmatch(_TITLE, w.rstrip(".,'’"))]
        rest = words[titles[-1] + 1 :] if titles else []
        if len(rest) >= 2 and rest[0][0].isupper() and personlike(" ".join(rest)):
            words = rest  # but not "CEO of Flexport": "of Flexport" says whose the title is
        # nor ends with a month, a weekday or "The" ("Announced October 2", "GMT The difference")
        while len(words) > 1 and _NOT_NAME.match(words[-1].rstrip(".,'’")):
            words = words[:-1]
        if not words:
            continue
        text = re.sub(r"['’]s$", "", " ".join(words)).rstrip(".,'’")  # "Wendrell's comment"
        start = m_start + run.index(words[0])
        if ABBREVIATED.search(text) and s[start + len(text) : start + len(text) + 1] == ".":
            text += "."  # "Marvin Harrison Jr.": the full stop is the name's own
        # "The Marlins have been interested", "Like Solskjaer, Coman has ...": a name after the
        # word that opens the sentence is capitalised for itself, not for where it stands
        opens = first and _OPENING.fullmatch(s[:start]) is not None
        alone = opens and len(words) == 1 and not re.search(r"[A-Z0-9]", text[1:])
        if alone and not APPOSED.match(s):  # "Fanny, his wife ...": a name beside whose it is
            continue  # else capitalised only because the sentence starts there
        if len(words) == 1 and GERUND.fullmatch(text) and _LINE_START.search(s[:start]):
            continue  # "QB Joe Burrow: Battling a calf injury": a verb opening what follows
        if (
            _PLACE_BEFORE.search(s[max(0, start - 12) : start])
            and not works_at(s[:start])
            and not whose_name(s, start, text)
            and not _role_in(s, start, text)
        ):
            continue  # "in Lunvik": a place, not who (but "researchers at Acme Labs" work there)
        if all(re.fullmatch(_TITLE, w.rstrip(".,'’")) for w in text.split()):
            continue  # "CEO", "President": a title without the name
        tw = text.split()
        post = len(tw) >= 3 and tw[1] == "of" and re.fullmatch(_TITLE, tw[0])
        if post and (len(tw) < 5 or not personlike(" ".join(tw[2:]))):
            continue  # "CEO of Flexport", "CEO of Warner Music Group": a post, not who holds it
        if len(text.split()) >= 2 and text.upper() == text and sum(c.isalpha() for c in text) > 5:
            continue  # "FULL TIME LIVE": a heading in capitals, not a name
        caps = [bool(_ABBREVIATION.fullmatch(w)) for w in text.split()]
        if sum(caps) >= 2 and caps[-1] and not re.search(r"\s[a-z]", text):
            continue  # "TE PPR", "YTD Stats REC": a stats table's labels (not "VP of IBM", nor
            # "UK PM Rishi Sunak", where a name ends it)
        if _ROUND.fullmatch(text):
            continue  # "led its Series B": a funding round, not who led it
        if _DESCRIBING.search(text):
            continue  # "the Los Angeles-based firm": says what the firm is, names no one
        if out and _ROLE_OF.match(text) and s[out[-1].end : start] == ", ":
            continue  # "Satya Nadella, Microsoft's CEO": the role says who the name is
        numbered = _NUMBERED.search(s[:start])
        if numbered and _FIRM_END.search(text):  # "fund 777 Partners": the figure is the name's
            start = numbered.start()
            text = s[start : start + len(numbered.group()) + len(text)]
        out.append(Span(start, start + len(text), text))
    return out


_COUNTED = re.compile(
    r"^(?:-[A-Za-z]+){0,2}(?:\s+(?!(?:of|in|on|at|to|for|from|and|or|but|the|a|an|by|with|as|was|were|"
    r"is|are|had|has|have|that|which|who|after|before|since|than|this|it|its|he|she|they|"
    r"their|his|her|per|each|a|will|would|could|can|may|might|began|begin|begins|ran|"
    r"back|ago|earlier|later|then|now|up|down|off|out|away|apiece|respectively|so|too|yet|"
    r"went|go|goes|came|come|left|took|take|made|make|said|say|says|told|won|win|lost|fell|rose|"
    r"met|saw|got|get|paid|pay|held|hold|kept|led|set|hit|cut|put|do|did|does|when|while|where|"
    r"if|because|until|though|although|under|over|about|around|across|against|through|into|"
    r"onto|via|within|without|toward|towards|despite|among|amongst|between|beyond|behind|like|how|"
    r"what|why|whom|whose|not|plus|must|should|shall|also|just|only|still|even|all|both|overall|"
    r"one|two|three|four|five|six|seven|eight|nine|ten)\b(?!-))"  # "39 hit-outs": a word of the
    r"(?:(?:[A-Z]\.){2,}|[A-Za-z][\w'’-]*)){0,4}"  # list starts the noun; "U.S." is one word
)


# after a number, what makes it no count: ":56" (a time of day, "10:56 p.m."), a share, a unit
_NOT_COUNT = re.compile(
    r"^\s?(?::\d{2}\b|%|percent|per\s+cent|percentage|points?\s+percent|basis|"
    r"a\.m\.|p\.m\.|am\b|pm\b|o'clock|million\s+(?:dollars|euros|pounds)|billion\s+(?:dollars|euros|pounds)|"
    r"-?yard[\s-]line|-(?:way|sided|wheelers?)\b)",  # "the 12-yard line": where; "two-way star": a kind
    re.I,
)


# "3rd & 28", "4th-and-1": a down and the yards to go, no count
_DOWN = re.compile(r"\b[1-4](?:st|nd|rd|th)[\s-]*(?:&|and)[\s-]*$", re.I)
_SCORE_AFTER, _SCORE_BEFORE = re.compile(r"[-–]\d"), re.compile(r"\d[-–]$")


_MANY_WORD = re.compile(r"(?:dozens|scores|hundreds|thousands|millions|tens)", re.I)
_OF_WHAT = re.compile(r"\s+of\s+[a-z][\w-]*")


# "fines of up to 6% of global annual turnover": a sum of money given as a share of one
SHARE_OF_MONEY = re.compile(
    r"\s+of\s+(?:(?:its|their|the|a|global|annual|yearly|total|gross|worldwide|net|company)\s+)*"
    r"(?:turnover|revenues?|sales|profits?|income|earnings|salary|pay|wages)\b",
    re.I,
)


def _with_noun(sentence: str, sp: Span, money: bool = False) -> Span:
    """A number with what it counts: "32 observers", "14 million aldmarks", "10-point",
    "dozens of rockets". After a sum of money only lowercase words count ("$1.1 million seed
    round"; not "$299 Ray-Ban Meta" nor a heading after it, "$ 299 The Good")."""
    of = _OF_WHAT.match(sentence[sp.end :]) if _MANY_WORD.fullmatch(sp.text) else None
    if not of and re.search(r"%|\bper\s*cent$", sp.text):  # "6% of global annual turnover"
        of = SHARE_OF_MONEY.match(sentence[sp.end :])
    if of:
        return Span(sp.start, sp.end + of.end(), sentence[sp.start : sp.end + of.end()])
    m = _COUNTED.match(sentence[sp.end :])
    if not m or not m.group():
        return sp
    ext = m.group()
    words = list(re.finditer(r"\S+", ext))
    # "2,300 nurses walked out": the verb is not counted ("20,000 registered users" keeps its word)
    verbs = [i for i, w in enumerate(words) if re.search(r"(?:[^e]ed|ing)$", w.group())]
    if verbs and (verbs[0] >= 1 or (len(words) == 1 and not ext.startswith("-"))):
        words = words[: verbs[0]]
    elif len(verbs) >= 2:  # "a dozen leading AI firms published": the first is an adjective
        words = words[: verbs[1]]
    caps = [
        i
        for i, w in enumerate(words)
        if money and w.group()[0].isupper() and not re.fullmatch(CURRENCY_CODE, w.group())
    ]  # "one million NOK" keeps its currency
    words = words[: caps[0]] if caps else words
    if not words:
        return sp
    ext = ext[: words[-1].end()]
    end = sp.end + len(ext)
    return Span(sp.start, end, sentence[sp.start : end])


# "the 18th minute", "his 3rd season": a point in time, not a count
_WHEN_UNIT = re.compile(
    r"(?:second|minute|hour|day|week|month|year|season|century|round|lap|inning|quarter|half|"
    r"anniversary|birthday)s?\b",
    re.I,
)
# not a date ("5th of May"), nor a rank ("the 12th-most yards", "the 3rd best defence")
_ORDINAL_RX = re.compile(
    r"\b\d{1,4}(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?" + _MONTH + r")"
    r"(?![-\s]+(?:most|least|fewest|best|worst|highest|lowest|largest|biggest|smallest)\b)"
)
# "October 20", "20 October": a day of the month, not a count
_DAY_OF_MONTH = re.compile(rf"\b{_MONTH}\.?\s+$")
# "Week 11", "Game 5", "Pick 3": a number that labels which one, not how many
_LABELLED = re.compile(
    r"\b(?:week|game|round|pick|stage|season|episode|chapter|part|phase|level|act|vol|no|"
    r"number|gen|version|match|heat|leg|hole|lap|page|section|rule|article|gate|platform|"
    r"route|flight|terminal|pier|room|row|seat|series)\.?\s$",
    re.I,
)
_MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b")


def _bounded(sentence: str, sp: Span) -> Span:
    """An amount with its bound and its rate: "up to $200", "$20 per month"."""
    a, b = widen(sentence, sp.start, sp.end)
    return Span(a, b, sentence[a:b]) if (a, b) != (sp.start, sp.end) else sp


def _lower_month(text: str) -> bool:
    return bool((m := _BARE_MONTH.fullmatch(text)) and m.group(1)[0].islower())


_OF_WHOLE = re.compile(r"\s+of\s+(?:its|the|their|his|her|our|all|all\s+the)?\s*$")


def _named_day(sentence: str, sp: Span) -> bool:
    """Whether a weekday alone is the last word of a named day ("Cyber Monday")."""
    return bool(re.fullmatch(_WEEKDAY, sp.text)) and bool(
        NAMED_DAY_BEFORE.search(sentence[max(0, sp.start - 12) : sp.start])
    )


def _part_of(sentence: str, spans: list[Span]) -> list[Span]:
    """ "three of its nine lines": the part with the whole it is counted out of, as one count;
    "two to seven players" and "between 6,000 and 60,000 thoughts": a range, as one."""
    out: list[Span] = []
    for sp in spans:
        prev = out[-1] if out else None
        gap = sentence[prev.end : sp.start] if prev else ""
        lone = prev is not None and len(prev.text.split()) == 1
        ranged = lone and RANGE_GAP.fullmatch(gap)
        between = between_before(sentence, prev.start) if prev and lone and gap == " and " else ""
        if prev and (_OF_WHOLE.fullmatch(gap) or ranged or between) and len(sp.text.split()) > 1:
            start = prev.start - len(between)
            out[-1] = Span(start, sp.end, sentence[start : sp.end])
        else:
            out.append(sp)
    return out


# "nine metres of snowfall": a figure in words is a measure when a unit follows it
_MEASURE_AFTER = re.compile(
    r"\s(?:(?:cubic|square)\s)?(?:metres|meters|feet|inches|centimetres|centimeters|miles|"
    r"kilometres|kilometers|tonnes|tons|litres|liters|gallons|kilograms|kilos|acres|hectares|"
    r"degrees|yards)\b"
)


def _date_part(sentence: str, s: Span) -> bool:
    """A number that is the day of a date: "September 28", "28 September"."""
    return bool(
        _DAY_OF_MONTH.search(sentence[max(0, s.start - 12) : s.start])
        or _MONTH_AFTER.match(sentence[s.end : s.end + 12])
    )


# "one out of 25", "one of their last 25": a count of others follows ("one of six drivers" is
# still one driver of six, no count asked)
_ONE_OF_COUNT = re.compile(
    r"\s+(?:out\s+of\s+(?:the\s+|their\s+|its\s+|his\s+|her\s+)?"
    r"(?:(?:last|past|first|previous|next)\s+)?"
    r"|of\s+(?:the\s+|their\s+|its\s+|his\s+|her\s+)(?:last|past|first|previous|next)\s+)"
    r"(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|hundred)\b",
    re.I,
)


def answer_spans(sentence: str, shape: str) -> list[Span]:
    """Spans of ``sentence`` that have the shape asked for (empty for yes/no, what, why)."""
    if shape == WHEN:  # a month alone is one only with its capital ("may" is a verb)
        found = [
            s
            for s in _spans(_WHEN_RX, sentence)
            if not _lower_month(s.text) and not _named_day(sentence, s)
        ]
        return [Span(a, b, sentence[a:b]) for a, b in date_ranges(sentence, found)]
    if shape == POSITION:
        return [Span(a, b, sentence[a:b]) for a, b in position_spans(sentence)]
    if shape == INJURY:
        return [Span(a, b, sentence[a:b]) for a, b in injury_spans(sentence)]
    if shape == SCORE:  # "12-11", or a scoreboard line: "Final: Bears 16, Panthers 13"
        lines = _spans(_SCORE_LINE_RX, sentence)
        inside = [sp for sp in _spans(_SCORE_RX, sentence) if not _within(sp, lines)]
        return sorted(lines + inside, key=lambda sp: sp.start)
    if shape == HOW_MUCH:  # not a year, nor the day of a date ("September 28")
        money = _spans(_AMOUNT_RX, sentence)
        if money:  # "a 25 percent larger battery with a 50Whr capacity": a measure beside a share
            units = [s for s in _spans(_COUNT_RX, sentence) if _UNIT_END.search(s.text)]
            money = sorted(
                money + [s for s in units if not _within(s, money)], key=lambda sp: sp.start
            )
        spans = money or [
            s
            for s in _spans(_COUNT_RX, sentence)
            if (re.search(r"\d", s.text) or _MEASURE_AFTER.match(sentence[s.end :]))
            and not re.fullmatch(r"(?:19|20)\d{2}", s.text.strip())
            and not _LABELLED.search(sentence[max(0, s.start - 10) : s.start])  # "Week 14"
        ]
        found = [
            _bounded(sentence, _with_noun(sentence, s, bool(money)))
            for s in spans
            if not _date_part(sentence, s)
        ]  # "between $300 million and $400 million": one answer
        return [Span(a, b, sentence[a:b]) for a, b in ranges(sentence, found)]
    if shape == HOW_MANY:  # a count, not a share, an amount of money or a time of day
        # "his 43rd European goal": the count so far, with what it counts
        ordinals = [
            w
            for w in (_with_noun(sentence, s) for s in _spans(_ORDINAL_RX, sentence))
            if len(w.text.split()) >= 2 and not _WHEN_UNIT.match(w.text.split()[1])
        ]
        counts = [
            _with_noun(sentence, s)
            for s in _spans(_COUNT_RX, sentence)
            if not _NOT_COUNT.match(sentence[s.end : s.end + 20])
            and not _SCORE_AFTER.match(sentence[s.end : s.end + 2])  # "69-10" is a score
            and not _SCORE_BEFORE.search(sentence[max(0, s.start - 2) : s.start])
            and not re.search(r"[$€£¥₹]\s?$", sentence[max(0, s.start - 2) : s.start])
            and not re.fullmatch(r"(?:19|20)\d{2}", s.text.strip())
            and not _date_part(sentence, s)
            and not _LABELLED.search(sentence[max(0, s.start - 10) : s.start])
            and not _DOWN.search(sentence[max(0, s.start - 10) : s.start])
        ]
        # a bare "one" with no noun after it is a pronoun ("set one up", "one of them"), not
        # when a count of others follows ("won just one out of the last 25")
        counts = [
            c for c in counts if c.text.lower() != "one" or _ONE_OF_COUNT.match(sentence, c.end)
        ]
        return _part_of(sentence, sorted(ordinals + counts, key=lambda sp: sp.start))
    if shape == WHERE:
        out: list[Span] = []
        found = _spans(_PLACE_RX, sentence)
        named = (
            *_spans(_NAMED_PLACE_RX, sentence),
            *_spans(_KIND_OF_PLACE_RX, sentence),
            *_spans(_COUNTRY_RX, sentence),
            *(Span(*t) for t in based_places(sentence, [(f.start, f.end) for f in found])),
            *(Span(*t) for t in local_places(sentence)),
        )
        for extra in (*named, *(Span(*t) for t in hometowns(sentence))):
            if not any(f.start < extra.end and extra.start < f.end for f in found):
                found.append(extra)
        found.sort(key=lambda sp: sp.start)
        for s in found:
            head = s.text.split()[-1]
            if (
                _WHEN_RX.fullmatch(head)
                or re.fullmatch(_WEEKDAY, head)
                or re.fullmatch(r"Q[1-4]|H[12]|FY\d{2,4}", head)  # "in Q1": a quarter, no place
                or said_no_place(sentence, s.start, s.end)
                or _role_in(sentence, s.start + 3, s.text[3:])  # "a manager in Rick Yorn"
            ):
                continue
            gap = sentence[out[-1].end : s.start].strip() if out else "-"
            if (
                out
                and s.start - out[-1].end <= 2
                and gap in ("", ",")
                and s.text.split()[0].lower() in ("in", "at", "near", "outside", "inside")
            ):  # "at Kingdom Arena in Riyadh": one place, the venue and its city
                s = Span(out[-1].start, s.end, sentence[out[-1].start : s.end])
                out[-1] = s
                continue
            out.append(s)
        return out
    return joined(sentence, _names(sentence)) if shape == WHO else []


# where a place joined to the one before it starts: "to the Kings| in Sacramento"
_LAST_PLACE = re.compile(r".+\s((?:in|at|near)\s+[A-Z][^,]*)$")


def last_place(sp: Span) -> Span | None:
    """The last of the places a where-span joins ("in Sacramento" of "to the Kings in
    Sacramento"), or None."""
    m = _LAST_PLACE.match(sp.text)
    return Span(sp.start + m.start(1), sp.end, m.group(1)) if m else None


def is_title(word: str) -> bool:
    return re.fullmatch(_TITLE, word.rstrip(".")) is not None
