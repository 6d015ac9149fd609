"""Which shape of answer a question asks for (``bot.qa.shape``): a place, a time, a person, an
amount, a count, a match result, a place in an order (``bot.qa.position``), an injury
(``bot.qa.injury``), a yes or no. Rules over the words themselves, so they work on
lowercase, casual questions ("whos the ref", "how long was the kick", "... right?") as well as
formal ones. Below them, what else a question's words say about its answer: money or a share, the
noun a count counts, a role or an organisation asked for, a time gone by or to come.

Map: the word lists the shape rules use; ``question_shape`` (``_shape``), which reads the shape;
the kind of thing "which" or "what" asks for (``kind_named``, ``names_kind``, ``body_kind``,
``what_kind``); then the patterns ``bot.qa.answer_kind.Asked.read`` reads a question with: a
person, a body or an opponent asked for, a place inside another, a time past or to come, a count's
noun, a name, an age, money, a measure, what something was or a threshold, a share or a move,
money spent (``spent_asked``), how long, and speech."""

from __future__ import annotations

import re

from ingest.keyword import tokenize

from .aliases import unexpand
from .amounts import AMOUNT_NOUN, AMOUNT_WORD, guessed_amount
from .injury import INJURY, injury_asked
from .position import position_asked
from .regions import PLACE_NOUN
from .scores import record_asked
from .shape import HOW_MANY, HOW_MUCH, POSITION, SCORE, WHAT, WHEN, WHERE, WHO, WHY, YESNO

# "which cities", "what countries"
_PLACE_NOUNS = rf"(?:{PLACE_NOUN}|cities|countries|nations|states|provinces|regions|venues|places)"
# a verb after "which country": the place is who did something ("which state grows the most")
_DOES = (
    r"(?:won|wins|beat|beats|lost|loses|led|leads|took|takes|hosted|hosts|banned|bans|voted|votes|"
    r"signed|signs|announced|announces|became|blocked|blocks|approved|approves|rejected|rejects|"
    r"joined|joins|left|agreed|agrees|topped|tops|finished|finishes|scored|claimed|claims|grows|"
    r"grew|produces|produced|exports|exported|imports|imported|spent|spends|pays|paid|has|had|"
    r"have|sent|sends|made|makes|got|gets|gave|gives|bought|buys|sold|sells|ranked|ranks)\b"
)
_S = r"(?:'s|’s|s)?"  # "what's", "whats": the question word with its verb run on
_TIME_NOUN = r"(?:day|date|time|year|month|week|hour|season|deadline)"
_PERSON_NOUN = (
    r"(?:person|people|man|woman|player|coach|manager|minister|president|ceo|founder|boss|chief|"
    r"leader|official|spokesperson|spokesman|spokeswoman|judge|company|firm|team|club|side|group|"
    r"country|organi[sz]ation|agency|ministry|startup|brand|band|singer|actor|actress|artist|star|"
    r"driver|mediator|envoy|winner|champion|owner|investor|buyer|bank|union|party|guy|girl|lady|"
    r"exec|executive|charity|rapper|athlete|footballer|golfer|candidate|lawmaker|senator|"
    r"politician|author|writer|director|governor|head|scorer|striker|pitcher|quarterback|champ|"
    r"individual|entity|entities|institution|platform|figure|network|app|service|retailer|"
    r"commentator|announcer|broadcaster|analyst|pundit|reporter|journalist|presenter|host|anchor|"
    r"referee|ref|umpire|defender|midfielder|forward|goalkeeper|keeper|receiver|"
    r"runningback|linebacker|batter|bowler|batsman|jockey|trainer|rider|cyclist|boxer|fighter)"
)
# roles a member asks a person's name by ("qru ceo name?")
_ROLE_NAMED = (
    r"(?:ceo|boss|chief|coach|manager|president|founder|referee|ref|umpire|captain|owner|exec|"
    r"executive|judge|minister|pm|director|spokes(?:person|man|woman)|host|anchor|chair(?:man|"
    r"woman|person)?|commissioner|governor|mayor|senator|editor|reporter|author|keeper|qb)"
)
_SCORE_Q = re.compile(
    r"\b(?:score|scoreline|result|final\s+tally)\b"  # and "what was the final" (of a game)
    r"|\bwhat(?:['’]?s|\s+was|\s+is)\s+the\s+final\b(?=\s*(?:[?.!]|$|(?:on|in|of|from|for|vs)\b))",
    re.I,
)

_WHO_WON_GAME = re.compile(
    r"\bwho\s+(?:won|wins|beat)\b.*\b(?:vs?\.?|versus|against|game|match)\b", re.I
)
_AUX = (
    r"(?:is|are|was|were|did|does|do|has|have|had|can|could|will|would|should|shall|may|might|"
    r"must|isn'?t|aren'?t|wasn'?t|weren'?t|didn'?t|doesn'?t|don'?t|hasn'?t|haven'?t|won'?t)"
)

# Words that cannot sit between "what"/"which" and the kind of thing asked for: "what did the
# governor say" asks what was said, "what happened with man utd" what happened.
_NOT_KIND = (
    rf"(?:{_AUX}|happen(?:ed|s|ing)?|with|for|to|about|of|on|at|from|by|after|before|in|"
    r"say|said|says|think|thinks)"
)
# "that lady who found out ...", "those moms who do ...": a relative "who" asks nothing
_RELATIVE_WHO = re.compile(
    r"\b(?:lady|ladies|guy|guys|man|men|woman|women|girl|boy|kid|kids|mom|moms|mum|mums|dad|dads|"
    r"people|person|folks|fans|those|one|ones|someone|anyone|everyone|player|players|family|"
    r"families|teen|teens|parents|couple)\s+who\b",
    re.I,
)
# "the travel writer who sold her house, where ...": after any other word than one that asks
# ("do you know who", "and who"), a "who" that another wh-word follows describes someone
_AFTER_WORD_WHO = re.compile(
    r"(?<![\w'’])(?!(?:and|but|so|or|then|know|knows|knew|wonder|wondering|me|us|ask|asking|guess|"
    r"exactly|lol|lmao|wait|ok|okay|like|about|on|see|sure|remind|remember|idea|clue|is|was|"
    r"tell|say|said|check|find|out|figure|u|you)\b)[a-z]+\s+who\b",
    re.I,
)
# "blaney won the cup title in a chevy right?", "... or nah": a statement put as a question
_TAG_Q = re.compile(
    r"(?:,|\b)\s*(?:right|correct|true|yeah|or\s+nah|or\s+not|or\s+no|yes\s+or\s+no)\s*[?!.]*\s*$",
    re.I,
)
# "did nike beat expectations when they reported": a yes/no question; its "when" is a
# conjunction. Not "do you know who won": that asks who.
_ASKS_INSIDE = re.compile(
    r"^\W*(?:(?:so|and|but|wait|ok|okay|hey|also)[,\s]+)*(?:do|does|did|can|could|would)\s+"
    r"(?:you|u|ya|anyone|anybody|someone|somebody)\s+(?:know|remember|tell|say)\b",
    re.I,
)

_Q_RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        HOW_MANY,
        re.compile(
            r"\b(?:how|hw)\s+(?:many|mny|manny)\b(?!\s+(?:bucks|dollars|quid|euros|yen|rupees)\b)|"
            r"\bhow\s+old\b|\bnumber\s+of\b|\bhow\s+often\b|"
            r"\bwhat\s+age\b|"
            # "what was the attendance", "whats the death toll": a count
            rf"\bwhat{_S}\s+(?:was|is|were|are)?\s*(?:the\s+)?(?:[\w'’-]+\s+)?"
            r"(?:attendance|turnout|death\s+toll|population|headcount)\b|"
            # a duration or a length ("how long was the kick": a 56-yard one)
            r"\bhow\s+long\b(?!\s+ago\b|\s+(?:a|an)\b)",
            re.I,
        ),
    ),
    (
        HOW_MUCH,
        re.compile(
            r"\bhow\s+many\s+(?:bucks|dollars|quid|euros|yen|rupees)\b|"
            r"\bhow\s+(?:much|big|large|high|low|far(?!\s+(?:north|south|east|west|inland|afield)\b)|"
            r"long\s+(?:a|an)\b|expensive|cheap|tall|fast|"
            r"deep|wide|heavy|steep|full|empty|bad|badly|pricey|pricy|costly|small|hot|cold)\b|"
            rf"\bwhat{_S}\s+(?:was|is|were|are)?\s*(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}"
            # not "what's the deal with the strike", nor a ratio ("the revenue split"); not
            # "which": "which team cut him", "which boss drops it" ask for a name
            rf"{AMOUNT_NOUN}s?\b(?!\s+(?:with|split|dispute|talks|row|standoff)\b)"
            r"|\bwhat\s+(?:percent|pct)|\bwhat\s*%|\bwhat(?:['’]?s)?\b[^?]{0,60}?\b(?:cheapest|priciest|"
            r"most\s+expensive|per\s+(?:year|yr|season|game|month|week|hour|day|person|head))\b"
            # "what's the cheapest ticket gonna cost", "what did they pay for it"
            rf"|\bwhat(?:'s|’s|s|['’]d|['’]ll|\s+{_AUX})\s[^?]{{0,80}}?\b(?:cost|costs|costing|worth|"
            r"pay|pays|paid|paying|charge|charges|charging|earn|earns|earned|earning|spend|spends|"
            r"spending|spent|fetch|fetched|fined|"
            # "what did the unit bring in", "what is it looking to raise": money taken in or sought
            r"(?:bring|brought|rake[ds]?|pull(?:ed|s)?)\s+in\b(?!\s+(?:the|a|an|his|her|their)\b)|"
            r"(?:looking|seeking|hoping|planning|plans|aims?|aiming|trying)\s+to\s+raise|"
            r"sell\s+for|sold\s+for|selling\s+for|going\s+for|go\s+for|retail(?:s|ed|ing)?\s+for|"
            r"(?:priced|valued)\s+at)\b"
            # "what did the bank cut its rate to?"
            rf"|\bwhat\s+{_AUX}\s[^?]{{0,80}}?\b(?:cut|cuts|raised?|raises|lower(?:ed|s)?|"
            r"hike[ds]?|increased?|increases|reduced?|reduces|set|lift(?:ed|s)?|drop(?:ped|s)?|"
            r"f[ae]ll|falls|r[io]se|rises|climb(?:ed|s)?|ease[ds]?\s+back|reach(?:ed|es)?)\b[^?]{0,40}?"
            r"\bto\b(?:\s+(?:on|in|by|after|at)\b[^?]{0,30})?(?:,?\s+(?:according\s+to|per)\b[^?]{0,60})?"
            r"\s*\??\s*$"
            # "what did best buy knock the doorbell down to while ...": a price cut to
            rf"|\bwhat\s+{_AUX}\s[^?]{{0,80}}?\b(?:knock|mark|slash|cut|drop)\w*\b"
            r"[^?]{0,40}?\bdown\s+to\b"
            # "what's demand supposed to reach by 2030": a level foreseen
            rf"|\bwhat(?:'s|’s|s|\s+{_AUX})\s[^?]{{0,80}}?\b(?:supposed|expected|forecast|projected|"
            r"set|tipped|predicted)\s+to\s+(?:reach|hit|top|(?:climb|rise|fall|grow)\s+to)\b"
            # "what did the shares close at", "what did the bidding end at": a level reached
            rf"|\bwhat\s+{_AUX}\s[^?]{{0,80}}?\b(?<!the\s)(?:close|end|finish|settle|peak|open|trade|stand)(?:ed|s)?\s+at\b",
            re.I,
        ),
    ),
    (
        WHEN,
        re.compile(
            r"\b(?:when|whn|wen|whens)\b|\bwhat\s+time\b|\bhow\s+long\s+ago\b|\bhow\s+soon\b|\buntil\s+when\b|"
            rf"\b(?:what|which){_S}\s+(?:\w+\s+)?{_TIME_NOUN}s?\b|"
            # "what was the release cutoff date", "what's the new launch day"
            rf"\bwhat{_S}\s+(?:was|is|were|are|will\s+be)?\s*the\s+(?:[\w'’-]+\s+){{1,2}}"
            r"(?:date|deadline)s?\b|"
            # "whats the last day to send it"
            rf"\bwhat{_S}\s+(?:is\s+|was\s+)?the\s+(?:last|first|next|final|earliest|latest|exact)\s+"
            rf"{_TIME_NOUN}\b|"
            # "shipping deadlines list: last day to send fedex 2day?"
            r"(?:^|[:,;]\s*)(?:the\s+)?(?:last|final|first|earliest|latest)\s+(?:day|date)\s+to\b|"
            # "whats the best time of nite to catch the northern lights": a time of day, not a race's
            r"\b(?:best|ideal|right|worst)\s+time\s+(?:of\s+(?:the\s+)?(?:day|night|nite|year)\s+)?to\s+"
            r"(?!beat\b)\w",
            re.I,
        ),
    ),
    (
        WHERE,
        re.compile(
            rf"\b(?:where|wher|whre|wehre|wheres)\b|\bwh(?:at|ich){_S}\s+(?:\w+\s+)?{_PLACE_NOUNS}\b"
            rf"(?!\s+{_DOES})"  # "which country won the cup": who, by name, not where
            rf"|\bin\s+which\s+{_PLACE_NOUNS}\b"
            # "what channel is the game on", "which streaming service has it": where to watch
            # (not "which network host did the jokes": a person)
            r"|\b(?:what|which)\s+(?:tv\s+)?(?:channel|network|streaming\s+(?:service|"
            r"platform|site|app))s?\b(?!\s+(?:host|anchor|owner|boss|exec\w*|president|ceo|"
            r"chief|star|personality|analyst|reporter)s?\b)"
            # "how far south were the lights seen": as far south as a place
            r"|\bhow\s+far\s+(?:north|south|east|west|inland|afield)\b",
            re.I,
        ),
    ),
    (
        WHO,
        re.compile(
            rf"\bwho(?:m|se|'s|’s|s)?\b|\bwh(?:at|ich)\s+(?:(?!{_NOT_KIND}\b)[\w'’-]+\s+){{0,2}}"
            rf"{_PERSON_NOUN}s?\b|"
            r"\bname\s+of\b|(?:['’]s|\b(?:his|her|their))\s+(?:full\s+|real\s+)?name\b|"
            # "qru ceo name?", "the ref's name": a person's name by the role they hold
            rf"\b{_ROLE_NAMED}(?:['’]?s)?\s+(?:full\s+|real\s+)?name\b|"
            r"\bwhat(?:'?s)?\b.{0,80}?\b(?:call(?:ed|ing)|titled|dubbed|nicknamed|branded)\b"
            # "whats her husbands name": the possessive typed without its apostrophe
            r"|\bwhat(?:['’]?s|\s+is|\s+was)\s.{0,60}?\b[a-z]{3,}s\s+(?:full\s+|real\s+)?name\b",
            re.I,
        ),
    ),
    (WHY, re.compile(r"\bwhy\b|\bhow\s+come\b|\bwhat\s+(?:caused|led\s+to)\b", re.I)),
]
_YESNO = re.compile(rf"^(?:(?:so|and|but|wait|ok|okay|hey|also)[,\s]+)*{_AUX}\b", re.I)
# no wh-word anywhere: "airpods pro prime day price?" asks an amount all the same
_ANY_WH = re.compile(r"\b(?:what\w*|who\w*|where\w*|when\w*|why|how\w*|which)\b", re.I)
_WH_START = re.compile(r"^\W*(?:(?:so|and|but|ok|okay)[,\s]+)?(?:what|whats|how|why|which)\b", re.I)
# a yes/no question after a clause: "that beeper app, do u need an apple id for it"
_YESNO_LATER = re.compile(
    rf"[,;:]\s*(?:(?:so|and|but)\s+)?{_AUX}\s+(?:u|you|i|we|they|it|he|she)\b", re.I
)


def _after_cue(q: str, at: int) -> str:
    """What follows the wh-word at ``at``: "did they say when it opens" -> " it opens"."""
    m = re.match(r"\w+", q[at:])
    return q[at + (m.end() if m else 0) :]


_WHAT_FIRST = re.compile(r"\W*(?:and\s+|so\s+|ok\s+)?what(?:['’]?s|\s+was|\s+is|\s+were)?\b", re.I)


# "when" opening a clause of its own: "when they told him", "when the news broke", "when
# betting on the nba" (a verb's -ing form, not "when morning comes")
_WHEN_CLAUSE = re.compile(
    r"when\s+(?:he|she|they|it|we|i|you|u|the|his|her|their|its|"
    r"(?!(?:morning|evening|spring|king|thing|nothing|something|anything|everything|during|"
    r"wedding|sibling|darling|bring|sing|ring|wing|sting|swing|string|sterling)\b)"
    r"(?-i:[a-z]{2,}ing))\b",
    re.I,
)


# "where'd the dow close", "where is bitcoin trading", "where did us crude end up settling",
# "where's the deposit rate sitting": asks the level a market or a rate stands at
_MARKET_LEVEL = re.compile(
    r"\bwhere(?:['’]d|\s+did|\s+does|\s+do|['’]s|\s+is|\s+are|\s+will|\s+could|\s+would)?\s+"
    r"(?:the\s+)?(?:[\w&.-]+\s+)?(?:dow(?:\s+jones)?|s&p(?:\s*500)?|nasdaq|ftse(?:\s*100)?|nikkei|"
    r"asx(?:\s*200)?|hang\s+seng|stoxx(?:\s*600)?|index|stocks?|shares|markets?|oil|brent|crude|"
    r"bitcoin|btc|gold|yields?|rates?|pound|dollar|euro|yen|rupee)\b[^?]{0,30}?\b"
    r"(?:close|closed|closing|end|ended|finish|finished|settle|settled|trade|trading|stand|"
    r"standing|sit|sitting|open|opened|land|landed)\b",
    re.I,
)
# "where are the markets closed today", "where is the exchange open on sundays": a place
_MARKET_SHUT = re.compile(
    r"\b(?:is|are)\s+(?:the\s+)?[\w&. -]{1,20}?\s+(?:closed|open|opened)\b", re.I
)


def market_level(question: str) -> bool:
    """Whether the question asks the level a market stands at ("where'd the dow close")."""
    return bool(_MARKET_LEVEL.search(question)) and not _MARKET_SHUT.search(question)


def question_shape(question: str) -> str:
    """The answer shape a question asks for. The first wh-cue in the question wins, so "who
    announced the talks and when" asks for a person."""
    question = unexpand(question)  # "which eu (European Union) country": the words typed
    shape = _shape(question)  # "is it still like 200 bucks": the amount stated answers it
    return HOW_MUCH if shape == YESNO and guessed_amount(question) else shape


def _shape(question: str, kinds: bool = True) -> str:
    """``kinds``: "what" before a kind of thing that goes by a name asks for one (``what_kind``)."""
    q = question.strip()
    if _NAME_LAST.search(q):  # "the prof who traced where the money went, what's his name"
        return WHO
    if position_asked(q):  # "what minute did he score", "where did they rank the lions"
        return POSITION
    if injury_asked(q):  # "whats wrong with casemiro again": "a new hamstring issue"
        return INJURY
    if market_level(q):  # "where'd the dow close": a level ("33,739.30"), not a place; but
        return HOW_MUCH  # "where are markets closed today" asks where
    score = _SCORE_Q.search(q) or record_asked(q)  # "the bears record": "5-9"
    cue = re.search(r"\bwho\b|\bwhen\b|\bwhere\b|\bhow\s+many\b", q, re.I)
    # "what was the scoreline when wales beat them": "when" only says which game
    if score and (not cue or (score.start() < cue.start() and _WHAT_FIRST.match(q))):
        return SCORE
    if _WHO_WON_GAME.search(q):  # "who won browns vs bears": the result says it ("20-17")
        return SCORE
    yesno = bool(_YESNO.search(q)) and not _ASKS_INSIDE.search(q)
    relative = {m.end() - 3 for m in _RELATIVE_WHO.finditer(q)}  # where each such "who" is
    described = relative | {m.end() - 3 for m in _AFTER_WORD_WHO.finditer(q)}
    best: tuple[int, str] | None = None
    for skip in (described, relative):  # "the writer who ..., where": only if a cue follows
        for shape, rx in _Q_RULES:
            for m in rx.finditer(q):
                if shape == WHO and m.start() in skip:
                    continue  # "that lady who ...": look for the question's own cue
                if best is None or m.start() < best[0]:
                    best = (m.start(), shape)
                break
        if best is not None:
            break
    if (
        yesno
        and best is not None
        and best[1] in (WHEN, HOW_MUCH, WHO, WHERE)
        and not re.search(r"[?!]", q[: best[0]])  # not "is it true? when does it start"
        and not re.search(r"(?:\band|\bor|,)\s*$", q[: best[0]])  # "is it over, and when"
        and not re.match(
            rf"\s*(?:(?:much|many|long)\s+)?(?:{_AUX}\b|[?!.]|$)", _after_cue(q, best[0])
        )
    ):
        # "did nike beat estimates when they reported", "does the article report how much
        # ...": asks whether, and the wh-word only joins a clause
        return YESNO
    if best is not None and best[1] == WHEN and best[0] > 0 and _WHEN_CLAUSE.match(q, best[0]):
        # "he was sick on holiday when they told him, where was he": "when" joins a clause; a
        # cue after it asks
        later = _shape(f"{q[: best[0]]}then{q[best[0] + 4 :]}", kinds)
        # "what's another name for team props when betting on the nba": asks what
        if later in (WHO, WHERE, HOW_MANY, HOW_MUCH) or (later == WHAT and _WHAT_FIRST.match(q)):
            return later
    if best is not None:
        return best[1]
    if yesno or (
        not _WH_START.match(q) and (_TAG_Q.search(q) or _YESNO_LATER.search(q))
    ):  # "what did the autopsy say, was it ketamine" asks what
        return YESNO
    if re.search(r"\bwhich\b(?!\s+(?:kinds?|types?|sorts?|species|breeds?|strains?)\b)", q, re.I):
        return WHO  # "which apple watch models": a name, whatever kind of thing it names
    if kinds and _WHAT_KIND.search(q) and not NAME_Q.search(q):
        return WHO  # "what law is snap leaning on": a name, as after "which"
    if not _ANY_WH.search(q) and AMOUNT_WORD.search(q):
        return HOW_MUCH  # "goat sim 3 ps5 prime day price?", "purdy's dk salary?": an amount
    return WHAT


# a closing "what's his name" asks for the person the question described before it
_NAME_LAST = re.compile(
    r"[,;:]\s*(?:so\s+|and\s+)?(?:what|wat|wot)(?:['’]?s|\s+is|\s+was|\s+were)\s+"
    r"(?:his|her|their|the\s+(?:guy|gal|man|woman|person|dude)['’]s)\s+(?:full\s+)?names?"
    r"\s*[?!.]*\s*$",
    re.I,
)
# "what law is snap leaning on", "what journal ran the study": "what" before a kind of thing
# that goes by a name asks for the name, as "which" does
_WHAT_KIND = re.compile(
    r"\bwhat(?:['’]?s|\s+is|\s+was)?\s+(?:the\s+)?(?:[a-z][\w'’-]*\s+)?(?:law|journal|channel|"
    r"network|game|book|film|movie|show|series|song|album|app|uni|university|college|school|team|"
    r"club|band|brand|website|site|podcast|newspaper|paper|magazine|airline|studio|label|"
    r"publisher|platform|chatbot|novel|documentary|sitcom|restaurant|bar|hotel)s?\b",
    re.I,
)


# the kinds of body whose names say what they are ("Godolkin University", "Wit Studio"); a work's
# title may hold any word ("Best Indie Game")
_BODY_KINDS = frozenset(
    tokenize(
        "uni university college school studio network channel label publisher journal magazine "
        "newspaper paper airline hotel restaurant team club band"
    )
)


def kind_named(question: str, name: str) -> bool:
    """Whether ``name`` says it is the kind of body "what" asks for, with its first or last word:
    "University of Utah Health" for "what uni is she at", "Wit Studio" for "what studio made it";
    not "Social Media Victims Law Center" for "what law"."""
    m = _WHAT_KIND.search(question)
    kind = tokenize(m.group().split()[-1]) if m else []
    return bool(kind) and kind[0] in _BODY_KINDS and names_kind(kind[0], name)


def names_kind(kind: str, name: str) -> bool:
    """Whether the first or last word of ``name`` is ``kind`` (a token): "Wit Studio"."""
    toks = tokenize(name)
    ends = [t for t in (toks[:1] + toks[-1:]) if len(t) >= 3]
    return any(t.startswith(kind) or kind.startswith(t) for t in ends)


# "which anime studio made it", "what uni": the kind of body asked for, if it is one whose names
# say it ("Wit Studio")
_WHICH_KIND = re.compile(r"\b(?:which|what)\s+(?:[a-z][\w'’-]*\s+)?([a-z]+)\b", re.I)


def body_kind(question: str) -> str:
    """The kind of body "which" or "what" asks for ("studio"), as a token, or ""."""
    for m in _WHICH_KIND.finditer(question):
        # the second word after "which" ("which anime studio"), then the first ("which studio")
        for word in (m.group(1), *m.group().split()[1:2]):
            kind = tokenize(word)
            if kind and kind[0] in _BODY_KINDS:
                return kind[0]
    return ""


def what_kind(question: str) -> bool:
    """Whether the question is read as asking for a name only because "what" stands before a
    kind of thing that goes by one ("what law"); a name after "what" is the answer less often
    than one after "which". "what's the podcast called" is read by the name it is called."""
    return _shape(question) == WHO and _shape(question, kinds=False) != WHO


PERSON_Q = re.compile(
    r"\bwho(?:m|se|'s)?\b|\b(?:person|individual|man|woman|guy|girl|exec|executive|player|coach|minister|"
    r"president|ceo|founder|boss|leader|official|judge|mediator|envoy|"
    r"spokes\w+|actor|actress|singer|star|driver|governor|chief|"
    # people by what they do: "which verge editor", "which ref"
    r"editor|writer|author|columnist|critic|reviewer|reporter|journalist|commentator|announcer|"
    r"analyst|pundit|presenter|host|anchor|referee|ref|umpire|defender|striker|midfielder|"
    r"goalkeeper|keeper|quarterback|qb|receiver|pitcher|captain|manager|senator|mayor|"
    r"commissioner|ambassador|negotiator|prosecutor|attorney|lawyer|scientist|researcher|"
    r"professor|prof|doctor|astronaut|comedian|rapper|athlete|footballer|golfer|candidate|"
    r"lawmaker|politician|owner|investor|rookie|co-?founder|winger|forward|linebacker|cornerback|"
    r"kicker|punter|boxer|fighter|bowler|batsman|batter|jockey|cyclist|musician|chef|teammate)\b",
    re.I,
)
_ORG_WORDS = "company|firm|team|club|side|group|country|organi[sz]ation|agency|ministry|startup"
# "who are they partnering with": a firm's partner is most often another firm (not "who is
# her partner")
ORG_Q = re.compile(
    rf"\b(?:{_ORG_WORDS}|brand|band|bank|union|party|charity|nation|school"
    r"|partner(?:s|ed|ing)?\s+with|team(?:s|ed|ing)?\s+up\s+with)\b"
    # "who is meta's lead gdpr regulator": a body is what is asked, when it heads the question
    r"|\bwho(?:['’]s|\s+(?:is|was|are|were))\s+(?:[\w'’-]+\s+){0,4}?(?:regulators?|watchdogs?|"
    r"authority|publisher|broadcaster|sponsors?|airline|manufacturer)\b",
    re.I,
)


# "who are the warriors playing", "who do the chiefs face": whom a side plays is another side
OPPONENT_Q = re.compile(
    r"\bwho(?:\s+(?:are|do|did|will|were|have|had)\s+|(?:['’]s|\s+is|\s+does)\s+the\s+)"
    # not "who is the cricketer that played": a relative clause says who the person is
    r"(?:(?!(?:be|that|who|which)\b)[\w'’&.-]+\s+){1,3}?(?:(?:be|have)\s+)?"
    r"(?:play(?:s|ed|ing)?|fac(?:e|es|ed|ing)|"
    r"host(?:s|ed|ing)?|beat(?:s|ing)?|visit(?:s|ed|ing)?|meet(?:s|ing)?|tak(?:e|ing)\s+on)\b"
    # "who were the two wins against", "who was their loss to"
    r"|\bwho(?:['’]s|\s+(?:is|was|are|were))\s+(?:the|their|his|her|its|our)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:wins?|victor(?:y|ies)|loss(?:es)?|defeats?)\s+(?:against|over|to)\b",
    re.I,
)


# --- what else a question says about its answer (read once per question by
# ``bot.qa.answer_kind.Asked.read``) ---------------------------------------------------------------

# "where in saudi arabia", "which part of the city": somewhere inside a place the question names
WHERE_IN = re.compile(
    r"\bwhere(?:abouts)?\s+in\b|\bwhich\s+(?:part|city|town|state|county|region|area|"
    r"province|country|venue|stadium)\s+(?:of|in)\b",
    re.I,
)
# "when did it start", "when was he sacked": a time gone by
PAST_Q = re.compile(
    r"\bwhen\s+(?:did|was|were|had)\b|\bwhat\s+(?:year|date|day)\s+(?:did|was|were)\b|"
    r"\blast\s+time\b[^?]*\b(?:won|beat|lost|did|was|were|had|played|made)\b|"  # "last time x won"
    r"\b(?!(?:schedul|plann|expect|need|suppos)ed\b)[a-z]{3,}ed\s+when\b",  # "it dropped when"
    re.I,
)
FUTURE_Q = re.compile(
    r"\b(?:will|gonna|going\s+to|planned|plans?\s+to|upcoming|next|scheduled|due\s+to|set\s+to)\b"
    r"|\b(?:are|is)\s+(?:the\s+)?[\w\s]{0,40}?\b(?:happening|taking\s+place|being\s+held)\b|"
    r"^when\s+(?:are|is)\b|\bwhen(?:['’]s|\s+(?:are|is))\s+[\w\s]{0,40}?\b(?:getting|coming)\b",
    re.I,
)
# "how many new hiv infections were there": what is counted runs up to the verb.
HOW_MANY_NOUN = re.compile(
    r"\bhow\s+many\s+((?:(?!(?:are|is|was|were|did|does|do|has|have|had|will|would|can|could)\b)"
    r"[\w'’-]+\s*(?:\([^)]{1,40}\)\s*)?){1,3})",  # "how many ppl (people)": the alias's meaning
    re.I,
)
_VERBISH = re.compile(
    r"(?:[^e]ed|ing)$|^(?:began|run|ran|went|came|left|took|made|said|won|lost|fell|rose|met|saw|"
    r"got|paid|held|kept|led|set|hit|cut|put|die|dies|quit|vote|votes|walk|walks|sign|signs)$",
    re.I,
)


def noun_part(phrase: str) -> str:
    """ "republicans voted against" -> "republicans": what is counted, not what it did."""
    words = phrase.split()
    for i, w in enumerate(words[1:], 1):
        if _VERBISH.search(w):
            return " ".join(words[:i])
    return phrase


NAME_Q = re.compile(
    r"\b(?:call(?:ed|ing)|titled|dubbed|nicknamed|branded|name\s+of)\b"
    # "what did trump call them", "his made up word for it"
    r"|\bdid\s+(?:[\w'’]+\s+){1,3}?call\b(?!\s+(?:off|up|for|out|in|back|on|it\s+off)\b)"
    r"|\b(?:made[\s-]up|new|slang)\s+word\b",
    re.I,
)
NOT_COUNTED = frozenset(tokenize("more less fewer other times total exactly"))
HOW_OLD = re.compile(r"\bhow\s+old\b|\bwhat\s+age\b|\bage\s+of\b", re.I)
# "a raise", "a pay raise": a rise in pay, neither money asked for nor money raised
_NOT_PAY_RISE = r"(?<!\ba\s)(?<!\bpay\s)"
# The question asks for money ("how much does it cost"), or for a share ("how much did it go up").
MONEY_Q = re.compile(
    r"\b(?:cost|costs|price[ds]?|pric\w+|worth|pay|paid|pays|paying|spen[dt]\w*|charg\w+|fine[ds]?|"
    r"salary|wages?|valu\w+|fee|fees|offer\w*|bid|sold|sell\w*|bought|buy\w*|"
    rf"{_NOT_PAY_RISE}raised?|raising|"
    r"fund\w*|invest\w*|revenue|profit|loss|budget|money|dollars?|bucks|cash|deal|export\w*|"
    r"imports?|imported|earn\w*|income|payouts?|winnings|sales|turnover|loans?|lent|lend\w*|"
    r"donat\w*|settle\w*|"
    r"compensat\w*|(?:put|puts|putting)\s+(?:in|into|up)|clos\w*\s+at|trad\w*\s+at|payments?|"
    # "how much did nike make", "how much did it pull in": money taken (not "how big does he
    # wanna make old trafford")
    r"(?<=much\s)(?:[^?]*\s)?(?:mak(?:e|es|ing)|made|gross\w*|rak(?:e|ed|es|ing)\s+in|"
    r"(?:pull|pulled|pulls|bring|brought|brings|take|took|takes)\s+(?:in|home)))\b",
    re.I,
)
# "how far does it reach", "what's its range": a measure (feet, miles), not a price
MEASURE_Q = re.compile(
    r"\bhow\s+(?:far|tall|high|deep|wide|fast|heavy)\b|"
    r"\b(?:range|distance|height|length|depth|width|speed|weight|capacity|wattage)\b|"
    # "like km of slopes?", "in miles": a unit the member names, written in lowercase
    r"\b(?-i:kms?|kilomet(?:re|er)s|miles|met(?:re|er)s|feet|ft|kgs?|kilos|tonnes|tons|acres|"
    r"hectares|mph|inches|sq\s*ft)\b",
    re.I,
)
# "what did the shares close at": a price level, though the question names shares
PRICE_LEVEL = re.compile(r"\b(?:clos\w*|trad\w*|priced|open\w*|finish\w*|end\w*)\s+at\b", re.I)
# "what does it usually cost", "down from what": the former or regular amount is the one asked
FORMER_Q = re.compile(
    r"\b(?:usual\w*|normal\w*|typical\w*|regular\w*|original\w*|full\s+price|list\s+price|"
    r"msrp|retail\s+price|before|previous\w*|used\s+to|from\s+what|was\s+it\s+before)\b",
    re.I,
)
# "below what level does the clause kick in": the threshold a condition names is the one asked
CONDITION_Q = re.compile(
    r"\b(?:if|when|threshold|trigger\w*|below|above|cap|limit|until|kicks?\s+in|ha(?:ve|s)\s+to)\b",
    re.I,
)
# how far something moved ("how much did it go up"): a share, or "2.1 percent higher"
_MOVE = (
    r"go(?:ne|es)?\s+up|went\s+up|go(?:ne|es)?\s+down|went\s+down|ris[ei]\w*|rose|f[ae]ll\w*|"
    r"drop\w*|jump\w*|climb\w*|slid|sink|sank|gain\w*|bump\w*|spike\w*|surg\w+|soar\w*|"
    r"increas\w+|decreas\w+|declin\w+|boost\w*|grow\w*|plung\w+|plummet\w*|tumbl\w+|dip|dipped"
)
SHARE_Q = re.compile(rf"%|\b(?:percent\w*|pct|rate|share|stock|shares|{_MOVE})\b", re.I)
# "how big a stake": a share of a company, unless money is asked ("what's the stake worth")
STAKE_Q = re.compile(r"\bstakes?\b", re.I)
# "how much have they raised": money raised from investors, which no price per month is
# (not "how much of a raise")
RAISED_Q = re.compile(
    rf"\b(?:{_NOT_PAY_RISE}rais(?:e|ed|es|ing)|funding|fundraising|round|invest\w*)\b", re.I
)
# "how much extra are the lenses": by how much one costs more
MORE_Q = re.compile(
    r"\bhow\s+much\s+(?:[\w-]+\s+)?(?:more|extra|less|cheaper|pricier|dearer)\b", re.I
)
# "funding dropped by 73%", "shares jumped 6.7 per cent", "sales dropped a stunning 15%": the
# figure right after a move's verb is how far it moved
MOVED_BY = re.compile(
    rf"\b(?:{_MOVE})\s+(?:by\s+)?(?:(?:about|around|nearly|almost|roughly|some|just|over|more\s+than|"
    r"less\s+than|a\s+further|another|an?(?:\s+[a-z][a-z-]*)?)\s+)?$",
    re.I,
)
# "what price did they drop to": the level reached, not how far it moved
MOVED_TO_Q = re.compile(rf"\b(?:{_MOVE})\s+(?:down\s+|up\s+)?to\b", re.I)
MOVED_Q = re.compile(rf"\b(?:{_MOVE}|up\s+by|down\s+by|higher|lower)\b|{MORE_Q.pattern}", re.I)
# "how much did google drop on deepmind", "what did msft sink into oai": money spent, not a fall
# (not "how much did the shares drop on the news")
_SPENT = re.compile(
    r"\b(?:drop(?:ped|s)?|sink|sinks|sank|sunk)\s+(?:[\w$.,]+\s+){0,2}?(?:on|into)\b"
    r"(?!\s+(?:the\s+)?(?:news|report|announcement|earnings|results|open|day|back|\w+day)\b)",
    re.I,
)
_MARKET = re.compile(
    r"\b(?:stocks?|shares?|index|indices|prices?|rates?|sales|values?|markets?|valuation|yields?|"
    r"temperatures?|levels?)\b",
    re.I,
)


def spent_asked(question: str) -> bool:
    """The question's "drop on" or "sink into" is spending money, not a fall."""
    return bool(_SPENT.search(question)) and not _MARKET.search(question)


HOW_LONG = re.compile(r"\bhow\s+long\b(?!\s+ago\b)", re.I)
# "who at beuc called it unfair", "who said ...": who said it is asked for ("who said no" asks
# who voted against)
SPEAKER_Q = re.compile(
    r"\bwho(?:['’]s)?\b(?:\s+(?:at|from|of|in)\s+[\w'’&.-]+)?\s+(?:said|says|called|calls|claimed|"
    r"described|slammed|criticised|criticized|warned|told|wrote|tweeted|posted|blasted|praised)\b"
    r"(?!\s+(?:no|yes)\b)",
    re.I,
)
SPEECH_Q = re.compile(
    r"\b(?:announc\w*|sa(?:y|id|ys)|told|tell|report\w*|statement|confirm\w*|publish\w*|"
    r"posted|tweet\w*)\b",
    re.I,
)
