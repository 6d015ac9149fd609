"""How likely a span of a sentence is the answer to a question (``bot.qa.extractive`` picks the
sentences; this reads the question once, ``Asked.read``, and rates each answer-shaped span of a
candidate sentence, ``Asked.rate``).

A span is rated by its kind (a full name beats a lone capitalised word; a person's name beats a
place's when a person is asked for; an amount of money for "what does it cost", a share for "how
much did it go up", a count of the thing asked about), and by how close it sits to the question's
own words (the predicate it answers). A name the question already gives is no answer. What a
question's words say about its answer (money or a share, a role, a count's noun) is read with the
patterns in ``bot.qa.question_kind``.

Map: the weights first; then ``_span_strength``, one span's base strength by shape (who, in
``bot.qa.who_name.name_strength``: a full name, a person or a body (not a place a place's noun
follows, ``bot.qa.person.named_place``), the name set beside the noun for a thing whose name is
asked (``bot.qa.called``), a name that says it is the kind of body asked, a side's one-word name
for which team, an event's name for no body, a role or title matched, the doer of the question's
verb unless a side named with "the" when a person is asked; how many: a count of the noun
asked (not of the "-ing" word before it: rushes for "rushing yards"; nor yards of another kind
than the question's verb asks: "passing yards" for "run for"; nor a length that names another
thing, "a 30-minute break" for how long the strike lasted), an age, not one play's or one
pass's yards nor a live blog's clock-stamped play, not what a ground holds for who came, not
the count something grew from; how much: money, a share, a measure, a depth for snow or rain,
the period asked, what a firm is valued at when that is asked, not a threshold a condition
names nor a target, a difference for "how much more" ("$80 more"), no price per month for a sum
raised, a share of the group asked of ("19% of boomers", ``bot.qa.amounts.other_whole``); how
much and how many: not a line passed, "the Rs 20 Cr mark", the total when one is asked, how
far it moved when a move is asked ("dropped by 73%", ``question_kind.MOVED_BY``), the amount the
question's verb takes from its own doer ("Dig has raised $45 million", ``bot.qa.sum_verb``); when: a
date over a vague time, ``bot.qa.when_words.when_weight``) and its
closeness to the question's words (its own clause's; a "he" before a figure stands for the
person asked, ``bot.qa.around.pronoun_for``); then ``Asked``: its fields (what the question
asks, read once by ``Asked.read``; ``counted_seen`` onwards filled from all candidates by
``bot.qa.seen``), and ``Asked.rate``, which finds a sentence's spans (with the channels the
place reader misses, ``bot.qa.not_place.channel_spans``), drops those the question
already names (asked where, keeping the last of two joined places when the question names the
first, ``bot.qa.shape.last_place``), and applies the weights kept in other modules (places and
times, owners, labels, brackets, whose a figure is (``bot.qa.subject``: someone else's, another
place's, or given for no place when the best article gives one for the place asked), a vote's
tally (``bot.qa.tally``), votes; asked who said something, the speaker,
``bot.qa.around.speaker``; asked who made a thing, its owner or the name set before it,
``bot.qa.relations.made_by``; asked who had something done to them, the name it is done to,
active or passive, ``bot.qa.relations.weigh_done``; asked who replaced someone, not who replaced
another, ``bot.qa.succession.other_post``; asked who made a play for one side of a game, not a
name set under the other side, ``bot.qa.sides``, and who stands in for someone who is out, the
name set in their place, ``bot.qa.stand_in``; asked who owns, makes or buys a thing, the name
set as its owner, maker or buyer, ``bot.qa.maker``; asked who stands at a place in a ranked list,
the name set there, ``bot.qa.ranked``; asked for the cheapest or biggest, an amount its own words
call that, ``bot.qa.superlative``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ingest.keyword import tokenize

from . import bracketed, superlative, tally, time_place
from . import when_words as tw
from .agent import AGENT, asked_particle, asked_verb, doer_first
from .aliases import unexpand
from .amounts import (
    AGE_NEAR,
    AIM,
    AIMED,
    CAPACITY,
    CAPACITY_Q,
    CONDITION,
    CONVERTED,
    CURRENCY,
    DEPTH,
    DEPTH_Q,
    FORMER,
    GIVEN,
    HELD,
    MEASURE,
    MEASURED,
    MILESTONE,
    MILESTONE_Q,
    MOVED,
    NOT_DEPTH,
    ON_SALE,
    PERCENT,
    PERIOD_MATCH,
    PERIOD_OTHER,
    SHARE_OTHER,
    VALUED,
    VALUED_Q,
    compared,
    conditional,
    figures,
    former,
    given,
    milestone,
    odds,
    of_words,
    on_sale,
    other_whole,
    period_asked,
    period_of,
    share_whole,
    valued,
)
from .around import around, pronoun_for, said_by_or_on, speaker
from .called import thing_asked
from .counted import (
    DEATHS,
    DIED,
    NATIONALS,
    OTHER_STAT,
    PEOPLE,
    PEOPLE_BY_ROLE,
    counted_beside,
    counted_head,
    counts_people,
    nouns,
    other_stat,
    stat_asked,
    what_counted,
)
from .labels import LABEL, OTHER_CREDIT, labelled, other_credit, role_labelled
from .maker import maker_asked, maker_weight
from .not_place import AFFILIATION, CHANNEL_Q, WATCH_Q, channel_spans, works_at
from .owner import OTHER_OWNER, other_owner, role_owner
from .passer import catch_asked, passer, pick_asked, picker
from .plans import planned
from .position import POSITION, ranked_fit
from .question_kind import (
    CONDITION_Q,
    FORMER_Q,
    FUTURE_Q,
    HOW_LONG,
    HOW_MANY_NOUN,
    HOW_OLD,
    MEASURE_Q,
    MONEY_Q,
    MORE_Q,
    MOVED_BY,
    MOVED_Q,
    MOVED_TO_Q,
    NAME_Q,
    NOT_COUNTED,
    OPPONENT_Q,
    ORG_Q,
    PAST_Q,
    PERSON_Q,
    PRICE_LEVEL,
    RAISED_Q,
    SHARE_Q,
    SPEAKER_Q,
    SPEECH_Q,
    STAKE_Q,
    WHERE_IN,
    body_kind,
    market_level,
    noun_part,
    spent_asked,
)
from .quoted_title import with_quoted_titles
from .ranked import rank_asked, rank_weight
from .regions import COUNTRY_Q
from .relations import (
    made_words,
    object_verb,
    passive_verb,
    weigh_done,
    weigh_relations,
    whose_words,
)
from .roles_asked import KIND_ASKED, WANTS_ORG, qualified, role_under, roles_asked
from .scores import result_weight
from .shape import (
    HOW_MANY,
    HOW_MUCH,
    SCORE,
    SHARE_OF_MONEY,
    WHEN,
    WHERE,
    WHO,
    Span,
    answer_spans,
    is_title,
    last_place,
)
from .sides import Sides, sides_asked
from .sides import weigh as weigh_sides
from .span_filter import (
    LONG_WORDS,
    STYLE_FIT,
    VOTE,
    VOTE_LONG,
    alone_words,
    boilerplate,
    heading,
    novel,
    of_org,
    person_named,
    possessor_weight,
    style_fit,
    vote,
    without_preposition,
)
from .stand_in import stand_in_asked, stand_in_weight
from .subject import asked_place, whose_figure
from .succession import replaced_asked, succession_asked
from .sum_verb import VERB_OBJECT, amount_verbs, verb_object
from .synonyms import synonyms
from .tally import side_asked, votes_for
from .who_name import name_strength
from .years import asked_months, month_fit

# an index whose name ends in a number: "S&P 500", "FTSE 100", "ASX 200", "Nikkei 225"
_INDEX_NAMED = re.compile(r"\b(?:S&P|FTSE|ASX|Russell|STOXX|Stoxx|Nikkei|Sensex|Nifty)\s*$")
# a market's level: a plain figure ("33,739.30", "4288.05"), the last of "11.65 points to 4288.05"
_LEVEL = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d{3,})(?:\.\d+)?$")
W_INNER = 0.3
AMOUNT_OF = 1.25  # an amount that names what the question measures ("an 11% stake")
# the words of a bound before a figure ("more than", "up to", "just under")
_BOUND_WORDS = frozenset(
    "up to as much little starting at nearly almost about around roughly approximately more "
    "less than least most just over under some".split()
)
OTHER_SPAN = 0.7  # a time that names another thing than the one asked about ("a 30-minute break")
_TIME_UNITS = frozenset(
    tokenize("years year days day weeks week months month hours hour minutes decades")
)
# "how long was the kick", "how long is the lawsuit": a length ("56-yard", "172-page")
_LENGTH_UNITS = frozenset(
    tokenize(
        "minute second seconds yard yards metre metres meter meters mile miles kilometre "
        "kilometres km foot feet inch inches page pages word words"
    )
)
_HOW_LONG_UNITS = _TIME_UNITS | _LENGTH_UNITS
# "a 29-yard touchdown", "his 51-yard run": how long one play was, not a total of yards ("his
# 179-yard outburst" is a game's)
_ONE_PLAY = re.compile(
    r"(?:\d+|[a-z]+)-yard\s+"
    r"(?!(?:outburst|performance|game|day|night|afternoon|effort|outing|season)\b)[a-z]"
)
# "how many rushing yards": the words in "-ing" before the noun counted say which (not a count of
# rushes)
_ING_BEFORE = re.compile(r"\b([a-z]{3,}ing)\s+(?=[a-z])", re.I)
# "picks up nine yards", "gaining three": what one play gained, and a live blog's entry stamped
# with the game clock ("8:56 p.m.: James Cook gets his first rush") is one moment of the game
_ONE_GAIN = re.compile(r"\b(?:pick(?:s|ed|ing)?\s+up|gain(?:s|ed|ing)?|loses|lost|losing)\s+$")
_CLOCK_ENTRY = re.compile(r"^\s*\d{1,2}:\d{2}\s*[ap]\.?\s?m\.?\s*[:—–-]", re.I)
# "how many in total": a count said to be the total, not one said to be added
TOTAL_MATCH = 1.3
# "this season", "so far": the running total is asked
TOTAL_Q = re.compile(
    r"\b(?:total|altogether|in\s+all|combined|overall|so\s+far|to\s+date|this\s+season)\b", re.I
)
_TOTAL = re.compile(r"\b(?:total|combined|overall|cumulative)\b", re.I)
_TOTAL_BEFORE = re.compile(
    r"\b(?:a\s+total\s+of|total\s+of|in\s+all|all\s+told|"
    # "bringing the season total to a nation-leading 31"
    r"total\s+(?:to|at)\s+(?:a\s+|an\s+)?(?:[\w-]+\s+)?)\s*$",
    re.I,
)
_ADDED = re.compile(r"\b(?:additional|extra|further|another|more(?!\s+than)|new)\b", re.I)
# "another $5", "a further £29": a sum added, said before it
_ADDED_BEFORE = re.compile(r"\b(?:another|(?:a\s+|an\s+)?(?:further|extra|additional))\s+$", re.I)
# "threw a dart to Garrett Wilson for 14 yards": one completion to a receiver, not the game's
_TO_SOMEONE_FOR = re.compile(r"\bto\s+(?:[A-Z][\w'’.-]+\s+){1,3}for\s+$")
ONE_PLAY = 0.5
NOT_MOVED = 0.8  # asked how far something moved: a figure no move's word goes with


def _span_strength(
    ask: Asked, sp: Span, sentence: str, near: Callable[[str], float], label: bool = False
) -> float:
    """How likely a span is the answer: its kind (a full name beats a lone capitalised word; a
    person's name beats a place's when a person is asked for), and how close it sits to the
    question's own words (the predicate it answers)."""
    shape, counted, q_toks, asked = ask.shape, ask.counted, ask.q_toks, ask.asked
    how_old, money_q, share_q, measure_q = ask.how_old, ask.money_q, ask.share_q, ask.measure_q
    past_q, ago_q, year_q, moved_q, former_q = (
        ask.past_q, ask.ago_q, ask.year_q, ask.moved_q, ask.former_q
    )  # fmt: skip
    surnames, counted_seen, dated_years = ask.surnames, ask.counted_seen, ask.dated_years
    base = 1.0
    if shape == WHO:
        base = name_strength(ask, sp, sentence, label)
    if shape == HOW_MANY and how_old:  # an age: "age 33", "turns 80", "a 33-year-old"
        beside = (sentence[max(0, sp.start - 8) : sp.start], sentence[sp.end : sp.end + 20])
        # past a bound before the figure ("just 23", "nearly 80")
        figure = [w for w in sp.text.split() if w[:1].isdigit()] or sp.text.split() or [""]
        first = figure[0]
        plain = re.fullmatch(r"\d{1,3}", first)
        hyphened = re.fullmatch(r"\d{1,3}-years?-old", first)  # "the 74-year-old was in charge"
        aged = bool(AGE_NEAR.search(beside[0]) or AGE_NEAR.match(beside[1]) or hyphened)
        plain = plain or hyphened
        base = 1.3 if plain and aged else (0.9 if plain else 0.4)
        if re.fullmatch(r"\d{1,3}(?:st|nd|rd|th)", first):  # "his 26th season" is no age
            birthday = re.match(r"\S*\s+birthday", sentence[sp.start :], re.I)
            base = 1.3 if birthday else 0.15
    elif shape == HOW_MANY and counted:  # "how many workers": a count of workers, not of years
        toks = set(tokenize(sp.text))
        hits = len(nouns(sp.text) & counted)
        if hits and nouns(sp.text) & counted <= ask.counted_by:
            hits = 0  # "how many rushing yards": not "22 rushes"
        if not hits:  # "a subscriber base of over 4 million", "108 units, or homes"
            hits = int(counted_beside(sentence, sp.start, sp.end, counted))
        if not hits and "vote" in counted:  # "the vote was 194 for Jordan": his votes
            hits = int(votes_for(sentence, sp))
        other = 0.5 if counted_seen else 0.9  # a count of something else, when one of it is there
        if counted & PEOPLE and what_counted(sp.text) - PEOPLE_BY_ROLE - PEOPLE:
            other = 0.5  # "how many people": not "dozens of rockets", whatever else is there
        base = min(1.5, 1.2 + 0.1 * hits) if hits else (0.5 if toks & _TIME_UNITS else other)
        own = nouns(" ".join(w for w in sp.text.split() if w.islower())) - _TIME_UNITS
        if hits and (own - counted) & asked:
            base *= AMOUNT_OF  # "how long is the break": "a 30-minute break", not "six hours"
        elif hits and counted == _HOW_LONG_UNITS and not nouns(sp.text) & asked:
            # "how long did the strike last": not "a 30-minute break" (its words name another
            # thing; "more than 9 kilometres" names none)
            kept = [w for w in sp.text.split() if w.islower() and w not in _BOUND_WORDS]
            if nouns(" ".join(kept)) - _TIME_UNITS - counted:
                base *= OTHER_SPAN
        if (
            hits
            and "yard" in counted
            and counted != _HOW_LONG_UNITS
            and (
                _ONE_PLAY.match(sp.text)
                or _TO_SOMEONE_FOR.search(sentence[max(0, sp.start - 50) : sp.start])
                or _ONE_GAIN.search(sentence[max(0, sp.start - 20) : sp.start])
                or _CLOCK_ENTRY.match(sentence)
            )
        ):
            # "how many yards did he throw for": "245 yards", not "a 29-yard TD", "a pass to
            # Tee Higgins for 18 yards" or "8:56 p.m.: ... picking up two yards"
            base *= ONE_PLAY
        if hits and other_stat(sp.text, ask.stat):
            base *= OTHER_STAT  # "how many yards did allen run for": not "258 passing yards"
        if not hits and re.match(r"\d+(?:st|nd|rd|th)\b", sp.text):
            base = 0.3  # "the 3rd stage": a count only of what the question counts
        elif not hits and MEASURED.search(sp.text):
            base = 0.3  # "how many tanks": not "55 cubic metres" or "40 percent"
        if not ask.capacity_q and CAPACITY.search(sentence[sp.start : sp.end + 12]):
            base *= HELD  # "how many fans showed up": not "the 32,000-capacity barn"
    if shape == HOW_MANY and not how_old and not former_q and former(sentence, sp):
        base *= FORMER  # "how many stores do they have": not the "1,691 stores" they grew from
    lead_in = sentence[max(0, sp.start - 20) : sp.start]  # "a further", "a total of", "($"
    if shape == HOW_MUCH and CONVERTED.search(lead_in):
        base *= 0.8  # "one million NOK ($100,000)": the amount in brackets is a conversion
    if shape == HOW_MUCH:
        # "$80 more", "10% less oxygen", "3.67 times more likely", "a further £29"
        moved = (
            MOVED.match(sentence[sp.end : sp.end + 12])
            or any(MOVED.match(w) for w in sp.text.split()[1:])
            or _ADDED_BEFORE.search(lead_in)
            or MOVED_BY.search(sentence[max(0, sp.start - 40) : sp.start])
        )
        if ask.level_q:  # "where'd the dow close": "rose 0.4 per cent, to 33,739.30"
            base = 1.0 if _LEVEL.search(sp.text) and not moved else 0.4
            if _INDEX_NAMED.search(sentence[max(0, sp.start - 12) : sp.start]):
                base = 0.1  # the "500" of "S&P 500" names the index
        elif moved_q and moved:
            base = 1.0  # "how much did it go up": "2.1 percent higher" is how far
        elif ask.more_q:
            base = 0.5  # "how much extra are the lenses": "$80 more", not what the glasses cost
        elif compared(sentence, sp, asked):
            base = 0.6  # "$20 more", "5% higher than": a difference, not the amount
        elif (
            money_q
            and not share_q
            and (not CURRENCY.search(sp.text) or counts_people(sp.text))
            and not SHARE_OF_MONEY.search(sp.text + sentence[sp.end : sp.end + 40])
        ):
            base = 0.4  # asked what it costs: a sum of money, not a count
        elif measure_q and not money_q and CURRENCY.search(sp.text):
            base = 0.4  # "how far does it reach": not what it costs
        elif measure_q and MEASURE.match(sentence[sp.start : sp.end + 16]):
            base = 1.0  # "400 feet"
        elif share_q and not money_q and not PERCENT.search(sp.text):
            base = 0.6 if CURRENCY.search(sp.text) else 0.4
        elif not (CURRENCY.search(sp.text) or PERCENT.search(sp.text) or odds(sp.text, asked)):
            base = 0.6  # a bare number ("4") says less than an amount (or betting odds, asked)
        if moved_q and not moved and not ask.level_q and not ask.more_q:
            base *= NOT_MOVED  # "how much did funding drop": "dropped by 73%", not "$3.2 billion"
        if AIM.search(sp.text) and not ask.aim_q:
            base *= AIMED  # "whats inflation at": not "its 2 percent target"
        if ask.depth_q:  # "how much snow": "nine metres", not "2,500 acres"
            base = max(base, 1.0) if DEPTH.match(sp.text) else base * NOT_DEPTH
        if asked & set(tokenize(" ".join(of_words(sentence, sp)))):
            base *= AMOUNT_OF  # "what size of stake": "an 11% stake", not the deal's value
        if ask.share_seen and other_whole(sentence, sp, ask.share_of):
            base *= SHARE_OTHER  # "what % of boomers": not "46% of young workers"
        if not ask.condition_q and conditional(sentence, sp):
            base *= CONDITION  # "when the reservoir falls below 40 percent": a threshold
        if not former_q and former(sentence, sp):
            base *= FORMER  # "down from $1,499.99 to $1,199.99": not what it costs now
        elif former_q and on_sale(sentence, sp):
            base *= ON_SALE  # "at full price": not "drop to as low as $174.99"
        if ask.period and (stated := period_of(sentence, sp)):
            base *= PERIOD_MATCH if stated == ask.period else PERIOD_OTHER  # "$99 per year"
        elif ask.raised_q and period_of(sentence, sp):
            base *= PERIOD_OTHER  # "how much have they raised": not "$1.99 per month"
        if ask.valued_q and valued(sentence, sp):
            base *= VALUED  # "what's it valued at": "valuing it at €927 million"
    # "Dig has raised only around $45 million", asked what dig raised: whose amount it is, not
    # what kind ("has cost as little as $89" stays a past price), nor when (asked "sold by
    # august", not the figure a sentence gives for March)
    if (
        ask.amount_verbs
        and base >= 1.0
        and month_fit(ask.months, sentence) >= 1.0
        and verb_object(sentence, sp, ask.amount_verbs, q_toks)
    ):
        base *= VERB_OBJECT
    if shape in (HOW_MUCH, HOW_MANY) and ask.total_q:
        # "how many are there total": "22 total Vampiric Powers", not "five additional abilities"
        if _TOTAL.search(sp.text) or _TOTAL_BEFORE.search(
            sentence[max(0, sp.start - 45) : sp.start]
        ):
            base *= TOTAL_MATCH
        elif _ADDED.search(sp.text) or _ADDED_BEFORE.search(lead_in):
            base *= 1 / TOTAL_MATCH
    if shape in (HOW_MUCH, HOW_MANY) and not ask.milestone_q and milestone(sentence, sp):
        base *= MILESTONE  # "beyond the Rs 20 Cr mark": a line passed, not what was paid
    if shape == SCORE:  # a season's record, or the score at the break, is not the result
        base = result_weight(sentence, sp, base, asked)
    if (
        shape == HOW_MANY
        and not how_old
        and re.search(r"\d\.\d", sp.text)
        and not re.search(r"\d\.\d+\s*(?:million|billion|trillion|thousand|bn|m|k)\b", sp.text)
    ):
        base *= 0.6  # "3.3 yards" a carry: an average or a rate, not a count
    if shape == WHEN:  # "tonight" asked when it started, "this week", "30 years ago"
        base = tw.when_weight(
            sp.text,
            base,
            past_q=past_q,
            future_q=ask.future_q,
            ago_q=ago_q,
            year_q=year_q,
            dated_years=dated_years,
        )
    window, inner = around(sentence, sp)
    if shape != WHO and (named := pronoun_for(sentence, sp, q_toks, surnames)):
        # "He was opposed by 22 Republicans", asked how many voted against Jordan: "he" is
        # the person the question names, whom an earlier sentence named
        window, inner = f"{window} {named}", f"{inner} {named}"
    if shape == WHO:  # a title in the name is context too ("Governor" of "Governor Tomas Wendrell")
        titles = " " + " ".join(w for w in sp.text.split() if is_title(w))
        window, inner = window + titles, inner + titles
    closeness = (1 - W_INNER) * near(window) + W_INNER * near(inner)
    return base * (0.6 + min(0.6, closeness))


@dataclass
class Asked:
    """What a question asks for, read once per question; ``counted_seen`` to ``arts_with`` are
    filled from the candidate sentences (``bot.qa.seen.read_candidates``)."""

    shape: str
    q_toks: set[str]
    asked: set[str]  # the question's words with their one-word synonyms
    counted: set[str]  # "how many workers": what is counted
    counted_by: set[str]  # "how many rushing yards": the "-ing" word before the noun counted
    how_old: bool
    money_q: bool
    share_q: bool
    wants_person: bool
    wants_org: bool
    name_q: bool  # "what is it called"
    thing: frozenset[str]  # "what's her new memoir called": the noun for what is named ("memoir")
    speech_q: bool  # the question asks what was said
    speaker_q: bool  # "who at nintendo said ...": who said it is asked for
    future_q: bool  # "where will they meet"
    roles: frozenset[str]  # the title asked about ("who is the governor")
    under: frozenset[str]  # "the var guy": what a name stands under ("VAR official John Brooks")
    qualified: frozenset[str]  # "the var ref": whose title it is ("VAR Darren England")
    where_in: bool  # "where in X": a place inside one the question names
    country_q: bool  # "which country": a country is the answer, not the town in it
    watch_q: bool  # "where can i watch it": a network or a streaming service answers
    past_q: bool  # "when did it start": a time gone by
    ago_q: bool  # "how long ago": a time counted back from now is the answer
    clock_q: bool  # "what time": a time of day, not a date
    end_q: bool  # "until when", "when did it end": "until 2019" may answer
    year_q: bool  # "what year", "since which year": a year alone is the answer
    moved_q: bool  # "how much did it go up": a rise or fall ("2.1 percent higher") answers
    more_q: bool  # "how much extra are the lenses": only a difference ("$80 more") answers
    raised_q: bool  # "how much have they raised": a sum raised, not a price per month
    total_q: bool  # "how many are there total": the count said to be the total
    former_q: bool  # "what does it usually cost": what it was or usually is
    condition_q: bool  # "below what level does the clause kick in": a threshold answers
    period: str  # "how much a month": the period an amount is asked over ("month"), or ""
    milestone_q: bool  # "when did it pass the $1 trillion mark": a line passed is what is asked
    origin_q: bool  # "where's she from": where someone was born or grew up
    body: str  # "which anime studio": the kind of body asked, whose names may say it ("studio")
    measure_q: bool  # "how far does it reach": a distance, a size, a speed
    catch_q: bool  # "who caught it": the passer is not the answer
    opponent_q: bool  # "who are the warriors playing": whom a side plays, often "the" side
    verb: str  # "who led the round": the stem of the verb whose doer is asked for ("lead")
    owner: str  # whose title is asked about ("google's lead attorney"), or ""
    context: set[str] | None  # the question's words a name may not mostly consist of
    alone: frozenset[str]  # words the question gives alone, as a first name ("from dusty at")
    counted_seen: bool = False  # a count of the thing asked about is among the candidates
    dated_years: frozenset[str] = frozenset()  # years the candidates give with a month or day
    share_seen: bool = False  # a candidate gives a share of the whole asked of ("19% of boomers")
    surnames: frozenset[str] = frozenset()  # last words of full names ("Sam Bankman-Fried")
    extreme: frozenset[str] = frozenset()  # "cheapest": the extreme asked (``bot.qa.superlative``)
    extreme_seen: bool = False  # a candidate names the extreme asked ("the cheapest ... was")
    arts_with: dict[str, set[str]] = field(default_factory=dict)  # word -> articles holding it
    vote: float = VOTE  # what each further article naming a person adds to its strength
    whose: frozenset[str] = frozenset()  # "whose backpass": the thing whose owner is asked for
    made: frozenset[str] = frozenset()  # "who scored both goals": what the verb made ("goal")
    done_to: tuple[str, frozenset[str]] = ("", frozenset())  # "who did spire hire": its verb, doer
    successor: bool = False  # "who's taking over as ceo": the name coming into the post
    replaced: frozenset[str] = frozenset()  # "who replaced murati": whom the newcomer follows
    share_of: frozenset[str] = frozenset()  # "what % of boomers": the whole a share is of
    figures: frozenset[str] = frozenset()  # the figures the question gives ("of the last 25")
    place: str = ""  # "how many run in taiwan": the place a figure is asked for ("taiwan")
    place_seen: bool = False  # a candidate sentence names that place beside a figure
    particle: str = ""  # "who picked off dobbs": the verb's particle ("off")
    tally_side: str = ""  # "how many voted yes": the side of a vote counted ("for", "against")
    capacity_q: bool = False  # "how many does it hold": what a place holds is asked
    depth_q: bool = False  # "how much snow": a depth is the answer
    aim_q: bool = False  # "what's the inflation target": a target, goal or aim is asked
    valued_q: bool = False  # "what's it valued at": what a firm is said to be worth
    pick_q: bool = False  # "who picked off tua": who intercepted the pass is asked
    level_q: bool = False  # "where'd the dow close": the level a market stands at (points)
    stat: str = ""  # "how many yards did he run for": the kind of yards asked ("rushing")
    amount_verbs: frozenset[str] = frozenset()  # "how much did dig raise": the verb's stem
    channel_q: bool = False  # "what channel is it on": where to watch, not where it was watched
    months: frozenset[int] = frozenset()  # the months the question names ("sold by august")
    # "who scored spurs' goal vs west ham": whose play it was, against whom
    sides: Sides = field(default_factory=Sides)
    stand_in: bool = False  # "with carr out, who starts at qb": who plays in the absent one's place
    maker: str = ""  # "who owns tubi": "maker"; "who did they sell it to": "buyer"
    rank: int = 0  # "whos the #2 te in the rankings": the place in a list (``bot.qa.ranked``)

    @property
    def kind(self) -> set[str]:
        """The words after "which" or "what" that say what kind of name is asked ("law")."""
        return self.q_toks - self.context if self.context is not None else set()

    @classmethod
    def read(
        cls, question: str, shape: str, q_toks: set[str], syn: dict[str, list[tuple[str, ...]]]
    ) -> Asked:
        m = HOW_MANY_NOUN.search(question)
        counted = nouns(counted_head(noun_part(m.group(1)))) - NOT_COUNTED if m else set()
        counted_by = nouns(" ".join(_ING_BEFORE.findall(m.group(1)))) if m else set()
        # "how many picks": a count of interceptions is one of picks
        counted |= {ph[0] for t in counted for ph in synonyms(t) if len(ph) == 1}
        if counted & NATIONALS:  # "how many americans": people
            counted |= PEOPLE
        if counted & PEOPLE:  # "how many people": a count of drivers, staff or residents
            counted |= PEOPLE_BY_ROLE
        if shape == HOW_MANY and (not counted or counted & PEOPLE) and DIED.search(question):
            counted |= DEATHS  # "how many americans die each year": "35,000 deaths"
        if shape == HOW_MANY and HOW_LONG.search(question):
            counted = set(_HOW_LONG_UNITS)  # "how long did the strike last": days, weeks
        # "the prof who ..., which university was she at": a body is asked for, not a person
        typed = unexpand(question)  # "uswnt (... soccer team)": no team is asked for
        maker = maker_asked(question) if shape == WHO else ""
        # "who owns tubi": a firm as much as a person
        wants_person = bool(PERSON_Q.search(question)) and not (
            ORG_Q.search(typed) or WANTS_ORG.search(typed) or maker
        )
        context: set[str] | None = None
        roles = roles_asked(question, q_toks) if shape == WHO else frozenset()
        spent = spent_asked(question)  # "how much did google drop on deepmind"
        money_q = bool(MONEY_Q.search(question)) or spent
        if shape in (WHO, WHERE):
            kind = KIND_ASKED.search(typed)  # "what EU law", not "what EU (European Union)"
            context = q_toks - set(tokenize(kind.group(1))) if kind else q_toks
        # "who got added": whom the verb was done to, not who "got" anything
        passive = passive_verb(question) if shape == WHO else ""
        verb = asked_verb(question) if shape == WHO and not passive else ""  # "who led": "lead"
        name_q = bool(NAME_Q.search(question)) and not wants_person  # "what is it called"
        asked = cls(
            shape=shape,
            q_toks=q_toks,
            asked=q_toks | {ph[0] for phs in syn.values() for ph in phs if len(ph) == 1},
            counted=counted,
            counted_by=counted_by,
            stat=stat_asked(question) if shape == HOW_MANY else "",
            how_old=bool(HOW_OLD.search(question)),
            opponent_q=bool(OPPONENT_Q.search(typed)),
            money_q=money_q,
            share_q=bool(SHARE_Q.search(question) or (STAKE_Q.search(question) and not money_q))
            and not PRICE_LEVEL.search(question)
            and not spent,
            wants_person=wants_person,
            wants_org=bool(WANTS_ORG.search(question)),
            name_q=name_q,
            thing=thing_asked(question) if name_q else frozenset(),
            speech_q=bool(SPEECH_Q.search(question)),
            speaker_q=shape == WHO and bool(SPEAKER_Q.search(question)),
            future_q=bool(FUTURE_Q.search(typed)),  # "when's cz (Changpeng Zhao) getting"
            roles=roles,
            under=role_under(question) if shape == WHO else frozenset(),
            qualified=qualified(question) if shape == WHO else frozenset(),
            where_in=bool(WHERE_IN.search(question)),
            country_q=bool(COUNTRY_Q.search(question)),
            watch_q=bool(WATCH_Q.search(question)),
            channel_q=shape == WHERE and bool(CHANNEL_Q.search(question)),
            past_q=bool(PAST_Q.search(question)),
            ago_q=bool(re.search(r"\bago\b", question, re.I)),
            clock_q=bool(tw.CLOCK_Q.search(question)),
            end_q=bool(tw.END_Q.search(question)),
            year_q=bool(tw.YEAR_Q.search(question)),
            moved_q=bool(MOVED_Q.search(question))
            and not spent
            and not MOVED_TO_Q.search(question),
            more_q=bool(MORE_Q.search(question)) and not spent,
            raised_q=bool(RAISED_Q.search(question)),
            total_q=bool(TOTAL_Q.search(question)),
            former_q=bool(FORMER_Q.search(question)),
            condition_q=bool(CONDITION_Q.search(question)),
            period=period_asked(question) if shape == HOW_MUCH else "",
            milestone_q=bool(MILESTONE_Q.search(question)),
            origin_q=shape == WHERE and bool(time_place.ORIGIN_Q.search(question)),
            body=body_kind(question) if shape == WHO else "",
            measure_q=bool(MEASURE_Q.search(question)),
            catch_q=catch_asked(question),
            verb=verb,
            owner=role_owner(question, roles),
            context=context,
            alone=alone_words(question),
            whose=whose_words(question) if shape == WHO else frozenset(),
            made=made_words(question, verb) if shape == WHO else frozenset(),
            done_to=(passive, frozenset())
            if passive
            else object_verb(question)
            if shape == WHO
            else ("", frozenset()),
            successor=shape == WHO and succession_asked(question),
            replaced=replaced_asked(question) if shape == WHO else frozenset(),
            share_of=share_whole(question) if shape == HOW_MUCH else frozenset(),
            figures=figures(question) if shape in (HOW_MANY, HOW_MUCH) else frozenset(),
            tally_side=side_asked(question) if shape == HOW_MANY else "",
            place=asked_place(question) if shape in (HOW_MANY, HOW_MUCH) else "",
            particle=asked_particle(question, verb) if verb else "",
            capacity_q=bool(CAPACITY_Q.search(question)),
            depth_q=shape == HOW_MUCH and bool(DEPTH_Q.search(question)),
            aim_q=bool(AIM.search(" ".join(q_toks))),
            valued_q=shape == HOW_MUCH and bool(VALUED_Q.search(question)),
            pick_q=shape == WHO and pick_asked(question),
            level_q=shape == HOW_MUCH and market_level(question),
            extreme=superlative.extremes(question)
            if shape in (HOW_MUCH, HOW_MANY)
            else frozenset(),
            amount_verbs=amount_verbs(question) if shape in (HOW_MUCH, HOW_MANY) else frozenset(),
            months=asked_months(question),
            sides=sides_asked(question) if shape == WHO else Sides(),
            stand_in=shape == WHO and stand_in_asked(question),
            maker=maker,
            rank=rank_asked(question) if shape == WHO else 0,
        )
        # described at length, and not by what a name stands under ("the var guy")
        if len(question.split()) >= LONG_WORDS and not asked.under:
            asked.vote = VOTE_LONG
        return asked

    def rate(self, sentence: str, near: Callable[[str], float]) -> list[tuple[Span, float]]:
        """The sentence's answer-shaped spans that say something new, with how likely each is
        the answer, best first. ``near`` says how much of the question a piece of text holds."""
        shape = self.shape
        found = answer_spans(sentence, shape)
        if shape == HOW_MUCH and self.measure_q:  # "how far": "400 feet", beside its prices
            found += [
                m
                for m in answer_spans(sentence, HOW_MANY)
                if MEASURE.match(m.text)
                and not any(m.start < f.end and f.start < m.end for f in found)
            ]
        if shape == HOW_MUCH and self.level_q:  # "where'd the dow close": "to 33,739.30"
            found += [
                m
                for m in answer_spans(sentence, HOW_MANY)
                if _LEVEL.search(m.text)
                and not any(m.start < f.end and f.start < m.end for f in found)
            ]
        if shape == WHERE and self.channel_q:  # "broadcast on 9GEM", "a national ESPN2 audience"
            for a, b in channel_spans(sentence):
                found = [f for f in found if not (a <= f.start and f.end <= b)]
                if not any(f.start < b and a < f.end for f in found):
                    found.append(Span(a, b, sentence[a:b]))
            found.sort(key=lambda sp: sp.start)
        label = labelled(sentence, shape, self.q_toks)  # "Where to watch: Shudder, AMC Plus"
        if label is None and shape == WHO:  # "Referee: Raphael Claus (BRA)" for "who reffed"
            label = role_labelled(sentence, self.roles)
        if label is not None:
            found = [label, *(f for f in found if f.end <= label.start or f.start >= label.end)]
        if shape == WHO and self.verb:  # "Balvik is leading the round": a name the sentence
            # opens with, which ``answer_spans`` leaves out (any first word is capitalised), is
            # who does what the question asks
            first = doer_first(sentence, self.verb)
            if first is not None and not any(f.start == 0 for f in found):
                found.insert(0, first)
        if shape == WHO and self.name_q:  # "what's the book called": a quoted title is one name
            found = with_quoted_titles(sentence, found)
        if shape == WHO and self.wants_org:  # "which school is Brus at": "... Brus of Columbia";
            # "which university": "at Southern Connecticut State University" names it, as a place
            found = [of_org(s) for s in found]
            found += [
                o
                for o in (without_preposition(sp) for sp in answer_spans(sentence, WHERE))
                if not any(o.start < f.end and f.start < o.end for f in found)
            ]

        def novel_here(s: Span) -> bool:
            return novel(
                s,
                self.q_toks,
                shape == WHO and self.wants_person,
                self.context,
                place=shape == WHERE and not self.where_in,
                alone=self.alone,
            )

        if shape == WHERE:  # "to the Kings in Sacramento", asked where they lost to the kings:
            # the place the question does not name yet ("in Sacramento")
            found = [s if novel_here(s) else (last_place(s) or s) for s in found]
        spans = [
            s
            for s in found
            if novel_here(s)
            and (s is label or not (shape == WHERE and person_named(s.text, self.surnames)))
            and not boilerplate(sentence, s)
            and not bracketed.short_name_given(sentence, s, self.q_toks)
        ]
        rated = [
            (
                sp,
                _span_strength(self, sp, sentence, near, label=sp is label),
            )
            for sp in spans
        ]
        if label is not None:  # the line says what its value is
            rated = [(sp, w * (LABEL if sp is label else 1.0)) for sp, w in rated]
        elif shape == WHO and other_credit(sentence, self.q_toks):  # "Cast: ..." for who directed
            rated = [(sp, w * OTHER_CREDIT) for sp, w in rated]
        if shape == WHEN or self.name_q:  # "the ministry said on Monday": when it was said;
            # "..., said Jo Mar": who said it, not what the thing is called
            rated = [(sp, w * (0.4 if self._said(sentence, sp) else 1.0)) for sp, w in rated]
        elif self.speaker_q:  # "who at nintendo said ...": "Zelda producer Eiji Aonuma said"
            rated = [(sp, w * (AGENT if speaker(sentence, sp) else 1.0)) for sp, w in rated]
        rated = time_place.weigh(self, sentence, rated)  # times and places
        if self.extreme_seen:  # "the cheapest season ticket was $485", asked the cheapest
            rated = superlative.weigh(sentence, rated, self.extreme)
        rated = bracketed.weigh(shape, sentence, rated, self.q_toks)  # "Freeman ($27 million)"
        if self.figures:  # "how many of the last 25": not "25 previous derbies"
            rated = [(sp, w * (GIVEN if given(sp.text, self.figures) else 1.0)) for sp, w in rated]
        if shape != WHO:  # whose figure: "Cummins went for Rs 20.50 Cr, ... as Kolkata paid
            # Starc Rs 24.75 Cr"; "launching 30 stations in Delhi" asked how many run in Taiwan
            place = self.place if shape in (HOW_MANY, HOW_MUCH) else ""
            rated = whose_figure(
                sentence, rated, self.q_toks, self.surnames, place, self.place_seen
            )
        if shape == HOW_MANY:  # "296" of "voted 296 against three"; "194 for Jordan"
            rated = tally.weigh(sentence, rated, self.tally_side, self.q_toks)
        if shape == POSITION:  # "3. Detroit Lions" for the lions, not "1. Philadelphia Eagles"
            rated = [(sp, w * ranked_fit(sp.text, self.q_toks)) for sp, w in rated]
        if shape == WHO:  # "a lecturer at the University of Halk": where she works, named aside
            rated = [
                (sp, w * (AFFILIATION if works_at(sentence[: sp.start]) else 1)) for sp, w in rated
            ]
        if self.future_q:  # "where will they meet": the plan, not where they met before
            rated = [(sp, w * planned(sentence, sp)) for sp, w in rated]
        if shape == WHO and not self.wants_org:  # "NFL Network's Tom Pelissero": who reported
            # is the person, the network only whose he is; "Tuchel's side": whose team, not who
            starts = {sp.start for sp in spans}
            rated = [
                (sp, w * possessor_weight(sentence, sp, starts, self.roles)) for sp, w in rated
            ]
            # "whose backpass": "Udogie's blind backpass"; "who's taking over": "Richard Teng"
            rated = weigh_relations(sentence, rated, self)
            if self.owner:  # "Epic lead attorney Gary Bornstein", asked for Google's
                other = [other_owner(sentence, sp, self.roles, self.owner) for sp, _ in rated]
                rated = [
                    (sp, w * (OTHER_OWNER if o else 1.0))
                    for (sp, w), o in zip(rated, other, strict=True)
                ]
        if shape == WHO:  # "who did they hire": "hired Jo Marr"; "which team did the chiefs beat"
            rated = weigh_done(sentence, rated, self)
            # "who scored spurs' goal vs west ham": not "West Ham's Jarrod Bowen"
            rated = weigh_sides(sentence, rated, self.sides)
            if self.stand_in:  # "with dtr concussed who's under center": "backup Jo Marr"
                rated = [(sp, w * stand_in_weight(sentence, sp)) for sp, w in rated]
            if self.maker:  # "who owns tubi": "Tubi, Fox's free streaming service"
                rated = [
                    (sp, w * maker_weight(sentence, sp, self.asked, self.maker)) for sp, w in rated
                ]
            if self.rank:  # "in the mock who do the giants grab at 2": "Pick 2 Drake Maye"
                rated = [(sp, w * rank_weight(sentence, sp, self.rank)) for sp, w in rated]
        if shape == WHO:  # "who is the karsenian foreign minister": the name the words style
            rated = [
                (sp, w * (1 + STYLE_FIT * style_fit(sentence, sp, self.asked))) for sp, w in rated
            ]
        if shape == WHO:  # a heading's words name no one; who threw it did not catch it
            head = 0.5 if heading(sentence) else 1.0  # a labelled line is no heading
            rated = [
                (
                    sp,
                    w
                    * (1.0 if sp is label else head)
                    * passer(self.catch_q, sentence, sp)
                    * picker(self.pick_q, sentence, sp),
                )
                for sp, w in rated
            ]
        if shape == WHO:  # a name the best articles keep coming back to is likelier the one
            rated = [(sp, w * vote(sp, self.arts_with, self.vote)) for sp, w in rated]
        rated = [(sp, w) for sp, w in rated if w > 0]
        rated.sort(key=lambda x: -x[1])
        return rated

    def _said(self, sentence: str, sp: Span) -> bool:
        """The span is who or when something was said, and the question does not ask that."""
        return not self.speech_q and said_by_or_on(sentence, sp)
