"""The title or the body a who- or which-question asks about: "who is the governor" (a name
under the title Governor), "which blackrock guy" (a name under BlackRock), "which journal" (a
name after "the journal"), "who runs the agency" (whoever is in charge). Read once per question
by ``bot.qa.answer_kind.Asked.read``; the question's shape is ``bot.qa.question_kind``'s."""

from __future__ import annotations

import re

from ingest.keyword import tokenize

from .agent import asked_verb
from .owner import TITLE_MODIFIERS
from .role_words import AGENT_NOUNS, SAME_ROLE

# A role the question asks about ("who is the governor", "who's the new coach"): a name under
# that title is likely the one.
ROLES = frozenset(
    tokenize(
        "governor president ceo chief executive chair chairman chairwoman coach manager minister "
        "secretary senator mayor judge director founder cofounder owner captain envoy mediator spokesperson "
        "spokesman spokeswoman commissioner ambassador leader boss head premier chancellor "
        "mediation referee ref umpire defender striker midfielder goalkeeper keeper quarterback qb "
        "receiver pitcher commentator announcer analyst reporter host anchor negotiator "
        "prosecutor attorney lawyer counsel regulator inspector detective officer commander reffed "
        "refereed officiated reffing refereeing officiating cfo coo cto rb wr te lb cb kicker "
        "linebacker cornerback gm editor economist professor researcher scientist "
        # family: "whats the name of longfellow's wife": "Fanny, his wife of 18 years"
        "wife husband widow widower spouse fiance fiancee girlfriend boyfriend"
    )
)
# A member's way of naming a role: "the var guy", "which blackrock exec", "the uber person": the
# word before is the title or the employer a name stands under ("VAR official John Brooks",
# "BlackRock founder Larry Fink").
_ROLE_NOUN = re.compile(
    r"\b(?:the|that|this|which|what|some)\s+([\w'’-]+)\s+(?:guy|guys|person|people|man|woman|"
    r"lady|bloke|dude|fella|official|exec|executive|player|boss)\b",
    re.I,
)
# "the var ref", "which octoml ceo": the word before the title says whose it is, or which
_QUALIFIED = re.compile(
    r"\b(?:the|that|this|which|what|some)\s+([a-z][\w&.-]*)\s+(?:(?:head|assistant|chief|lead|"
    r"interim|new|former|current|deputy|vice)\s+)?("
    + "|".join(sorted(ROLES, key=len, reverse=True))
    + r")s?\b",
    re.I,
)
# words before a title that say what kind of holder, not whose: "the new ceo", "the rookie rb"
_KIND_OF_HOLDER = TITLE_MODIFIERS | frozenset(
    "assistant vice first last next rookie starting backup same other real only best star big old "
    "young actual permanent full team club their his her its our your my".split()
)
# The words saying what kind of answer is wanted ("which football club")
# ... also at the question's end ("where are the talks, which hotel")
KIND_ASKED = re.compile(r"\b(?:which|what)\s+((?:[\w'’-]+(?:\s+|$)){1,4})", re.I)
# The question asks which organisation ("which football club", "what company"): a name that
# ends like one is likelier than a person's.
WANTS_ORG = re.compile(
    r"\b(?:which|what)\s+(?:[\w-]+\s+){0,2}?((?:compan(?:y|ies)|firms?|teams?|clubs?|sides?|"
    r"groups?|organi[sz]ations?|agenc(?:y|ies)|institutions?|entit(?:y|ies)|startups?|brands?|"
    r"bands?|banks?|unions?|part(?:y|ies)|charit(?:y|ies)|platforms?|networks?|outlets?|"
    r"business(?:es)?|countr(?:y|ies)|nations?|sportsbooks?|universit(?:y|ies)|unis?|colleges?|"
    r"schools?|hospitals?|studios?|airlines?|retailers?|publishers?|leagues?|newspapers?|"
    r"magazines?|journals?|developers?|labels?|broadcasters?|websites?|automakers?|carmakers?|"
    # "which us state grows the most": "the state of Wisconsin"
    r"states?|cit(?:y|ies)|provinces?|towns?))\b",
    re.I,
)


def org_asked(question: str) -> frozenset[str]:
    """The kind of organisation a which-question asks for, as a word that may stand right
    before its name ("which journal": "published in the journal BMJ")."""
    m = WANTS_ORG.search(question)
    return frozenset(t for t in tokenize(m.group(1)) if t != "\u2205") if m else frozenset()


def role_under(question: str) -> frozenset[str]:
    """The word before "guy", "official", "exec" and the like in a who-question: the title or
    employer a name stands under, right before it ("VAR official John Brooks")."""
    got: set[str] = set()
    for m in _ROLE_NOUN.finditer(question):
        got.update(t for t in tokenize(m.group(1)) if t != "\u2205")
    return frozenset(got)


def qualified(question: str) -> frozenset[str]:
    """The word before the title a who-question asks about that says whose title it is ("the
    var ref": "VAR Darren England"; "the octoml ceo": "..., OctoML CEO"), not what kind of
    holder ("the new ceo")."""
    got = {m.group(1).lower() for m in _QUALIFIED.finditer(question)}
    words = tokenize(" ".join(got - _KIND_OF_HOLDER))
    return frozenset(t for t in words if t not in ROLES and t != "\u2205")


# "the guy running the privacy agency", "who heads the union": whoever is in charge, whatever the
# articles call the post ("the agency's executive director", "union chief")
_IN_CHARGE = re.compile(
    r"\b(?:running|runs|heads|heading|headed)\b(?!\s+(?:for|against|back|up|out|into|to|in)\b)"
    r"|\bin\s+charge\s+of\b"
    # "who leads the transit union", not "who leads the league in sacks" or "leads 2-0"
    r"|\b(?:leads|leading)\s+(?:the|their|his|her|its)\s+(?![\w'’-]+(?:\s+[\w'’-]+)?\s+in\b)",
    re.I,
)
# "which japanese reliever did the padres sign": the noun the which-phrase ends on, before its verb
_ASKED_HEAD = re.compile(
    r"\b(?:which|what)\s+(?:[\w'’-]+\s+){0,2}?([a-z][\w-]+)\s+(?:did|does|do|is|was|were|are|has|"
    r"have|had|will|would|can|could|should|got|gets|just|actually|really)\b",
    re.I,
)
# "who was the auctioneer", "who's the new narrator": a noun naming what someone does (not a
# relative: "the father of her boys" is not "her father")
_WHO_THE_AGENT = re.compile(
    r"\bwho(?:['’]s|\s+(?:is|was|are|were|will\s+be))\s+(?:the|a|an|their|his|her|its)\s+"
    r"(?:[\w'’-]+\s+){0,2}?(?!(?:(?:grand|step)?(?:father|mother|brother|sister|daughter))\b)"
    r"([a-z][a-z-]*(?:er|or|ist|ian|ee))\b",
    re.I,
)
IN_CHARGE_ROLES = frozenset(
    tokenize("director head chief ceo chair chairman chairwoman executive leader boss president")
)


def roles_asked(question: str, q_toks: set[str]) -> frozenset[str]:
    """The titles a who-question asks about ("who is the governor"), or those of whoever is in
    charge when it asks who runs something. Empty when it names the answer by what it stands
    under ("which blackrock guy"): a title elsewhere in it ("the japanese PM's investor push")
    is then a person it mentions, not the one it asks for."""
    if role_under(question):
        return frozenset()
    roles = set(q_toks & ROLES)
    head = _ASKED_HEAD.search(question)
    if head and not WANTS_ORG.search(question):  # "which japanese reliever did ...": "reliever"
        roles.update(t for t in tokenize(head.group(1)) if t != "\u2205")
    roles |= (orgs := org_asked(question))  # "which journal": "the journal BMJ"
    if agent := _WHO_THE_AGENT.search(question):  # "who was the auctioneer": "the auctioneer X"
        roles.add(tokenize(agent.group(1))[0])
    # "who narrates": the narrator, not a title the topic holds ("that doc on a mob boss")
    agents = AGENT_NOUNS.get(asked_verb(question), frozenset())
    roles = set(agents) if agents and not (head or orgs) else roles | agents
    if not roles and _IN_CHARGE.search(question):
        roles |= IN_CHARGE_ROLES
    # "iag's general counsel got called out by the ceo": the ceo did something; the counsel is
    # asked for
    by = {t for m in _BY_ROLE.finditer(question) for t in tokenize(m.group(1))} & roles
    if roles - by:
        roles -= by
    for r in list(roles):  # "who is quillon's ceo": "chief executive Mirela Castan"
        roles.update(SAME_ROLE.get(r, ()))
    return frozenset(roles)


# a title after "by": whoever holds it did what the question says, and is not asked for
_BY_ROLE = re.compile(
    r"\bby\s+(?:the|a|an|his|her|their|its)\s+((?:[\w'’-]+\s+){0,2}[\w'’-]+)", re.I
)
