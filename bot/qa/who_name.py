"""How likely a name is the answer to a who-question, by what kind of name it is: a full name
beats a lone capitalised word; a person's name beats a place's or a side's when a person is asked
for; a name the sentence sets beside the noun of a thing whose name is asked (``bot.qa.called``),
one that says it is the kind of body asked, a side's one-word name for which team, the doer of
the question's verb ("Directed by Atlee"), and a role or title matched count more; an event's
or a venue's name counts less. ``bot.qa.answer_kind._span_strength`` starts a who-span's
strength here, then weighs how close it sits to the question's words.

Map: the weights; then ``name_strength``: whether the name is whole (titled, known, a country or
a side's nickname), a place or a side where a person is asked, a label's value or a term, a
kind or a player styled by whose he is, the doer of the question's verb, the kind of body
asked, an event or a venue, and the role or title matched."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ingest.keyword import tokenize

from .agent import AGENT, does, done_by, titled_doer
from .called import NAMED_AS, named_thing
from .maker import MAKER, maker_weight
from .owner import described, own_words
from .person import (
    EVENT_END,
    ORG_END,
    ROLE_OF,
    VENUE_END,
    bare,
    event_asked,
    introduced,
    named_place,
    personlike,
)
from .question_kind import names_kind
from .regions import ENDS_IN_COUNTRY, PLACE_NAME
from .shape import Span, is_title
from .span_filter import MODIFIER, QUOTED, quoted, role_styled, used_as_kind

if TYPE_CHECKING:
    from .answer_kind import Asked

KIND_NAMED = 1.15  # a name whose first or last word is the kind of body asked for
ROLE_MATCH = 1.4
ORG_MATCH = 1.3
_SIDES = frozenset(("team", "club"))  # kinds of body (``body_kind``) a side's nickname names
_NICKNAME = re.compile(r"[A-Z][a-z]{3,}s")  # "Vikings", "Magpies"
LOWER_TERM = 0.7  # a quoted term in lower case, asked what something is called


def name_strength(ask: Asked, sp: Span, sentence: str, label: bool = False) -> float:
    """A who-span's base strength by its kind (1 for a plain full name)."""
    wants_person, q_toks, asked = ask.wants_person, ask.q_toks, ask.asked
    roles, under, wants_org, verb = ask.roles, ask.under, ask.wants_org, ask.verb
    surnames = ask.surnames
    base = 1.0
    words = sp.text.split()
    before = sentence[max(0, sp.start - 30) : sp.start].split()
    titled = any(is_title(w) for w in words) or bool(before and is_title(before[-1]))
    titled = titled and not ROLE_OF.match(sp.text)  # "CEO of Mayo Clinic": no one's name
    known = bool(words) and words[-1].lower() in surnames  # "Bankman-Fried", named in full
    known = known or introduced(sentence, sp.start, asked)  # "the innkeeper Romah"
    # "economist Jeseo Park": the role asked stands before the name, a person's even if its
    # last word ends place names ("Park")
    named_as = bool(before and before[-1].islower() and roles & set(tokenize(before[-1])))
    # "which country": a country's name in one word ("Italy") is as whole as one in two
    known = known or (ask.country_q and bool(ENDS_IN_COUNTRY.fullmatch(sp.text)))
    # "who are the all blacks playing": a side named for its country ("Argentina")
    side = ask.opponent_q and bool(ENDS_IN_COUNTRY.fullmatch(sp.text))
    known = known or side
    # "Tubi, Fox's free streaming service": the owner of the thing asked about is a whole name
    known = known or (bool(ask.maker) and maker_weight(sentence, sp, ask.asked, ask.maker) >= MAKER)
    # "which nfl team": a side's name in one plural word ("Vikings") is whole, unless it is
    # the end of a longer one ("All Blacks")
    known = known or (
        ask.body in _SIDES
        and bool(_NICKNAME.fullmatch(sp.text))
        and not (before and before[-1][:1].isupper())
    )
    if named_thing(sentence, sp, ask.thing):  # "her new memoir, Worthy"
        base = NAMED_AS
    else:
        base = 1.0 if len(words) >= 2 or titled or known else 0.5
    # "the Crimson Tide": a side, unless the question asks whom a side plays
    group = not (titled or ask.opponent_q) and bool(before) and before[-1] in ("the", "The")
    no_one = 1.0  # what a doer's name keeps of its weight below: a side is no one asked
    if (
        wants_person
        and not side
        and (
            (not titled and not named_as and not personlike(sp.text))
            or PLACE_NAME.match(bare(sp.text))
            or named_place(sentence, sp.end)  # "its Siem Reap and Preah Vihear provinces"
            or group
        )
    ):
        base *= 0.5  # "New England", "Las Vegas": a place, or a team named for one
        # "The Blackhawks score four goals": a side did it, not who scored (but "Watchung
        # Capital co-led the round" is who led it)
        no_one = 0.5 if group else 1.0
    if label:  # "Director: Varkan": the label says what the name is
        base = 1.0
    elif ask.name_q and not re.search(r"[A-Z0-9]", sp.text):
        base *= LOWER_TERM  # “stroke handicap”: a term in quotation marks, less often a name
    elif used_as_kind(sentence, sp):
        base *= MODIFIER  # "a Nobel laureate", "an Apple spokesperson": a kind, no one
    elif wants_person and role_styled(sentence, sp):
        base *= MODIFIER  # "the Borussia Dortmund playmaker": whose player, not who
    elif wants_person and not side and quoted(sentence, sp):
        base *= QUOTED  # "missions like ‘Good Men’": a title, no one
    if done_by(sentence, sp, q_toks, asked):
        base = max(base, no_one) * AGENT  # "who directed it": "Directed by Atlee"
    elif does(sentence, sp, verb, ask.particle) or titled_doer(sentence, sp, verb):
        base = max(base, no_one) * AGENT  # "who led the round": "Tamsk led the seed round"
    if ask.body and len(words) >= 2 and names_kind(ask.body, sp.text):
        base *= KIND_NAMED  # "which anime studio": "Wit Studio" says it is one
    event = bool(EVENT_END.search(bare(sp.text))) and not event_asked(bare(sp.text), ask.kind)
    # asked which body, a name that ends like one ("Neowiz Games") is no event
    if wants_org and not (event and not ORG_END.search(bare(sp.text))):
        # "which football club": a club's name, not its manager's
        org_end = not personlike(sp.text) or bool(ORG_END.search(bare(sp.text)))
        base *= ORG_MATCH if org_end else (1 / ORG_MATCH if len(words) >= 2 else 1.0)
    elif event:
        base *= 0.4  # "the ICC Men's World Cup" did not win anything, nor is it a team
    venue = VENUE_END.search(bare(sp.text))
    if venue and tokenize(venue.group())[0] not in q_toks:
        base *= 0.4  # "Arrowhead Stadium" beat no one, unless a stadium is asked for
    after = own_words(sentence[sp.end : sp.end + 60].split()[:5], roles)
    if re.match(r"['’]s?\s", sentence[sp.end : sp.end + 3]):
        after = []  # "Rakuten Golden Eagles' reliever Yuki Matsui": whose the role is
    # a title inside the span counts when a name of two words follows it ("Governor Tomas
    # Wendrell"), not in "Executive Orders"
    titled_by = [w for i, w in enumerate(words) if len(words) - i > 2] + words[-1:]
    desc = described(sentence, sp)  # "Paul Barrett, deputy director of the NYU ..."
    if (
        (roles and roles & set(tokenize(" ".join(before[-3:] + titled_by + after + desc))))
        or (under and under & set(tokenize(" ".join(before[-3:] + desc))))
        or (ask.qualified & set(tokenize(" ".join(before[-3:] + titled_by + desc))))
    ):
        base *= ROLE_MATCH  # "who is the governor": "Governor Tomas Wendrell"
    return base
