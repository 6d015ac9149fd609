"""Everyday words members use for what news articles say in other words: "talks" are
"discussions", a meeting is "held" or "takes place", a firm "bought" what it "acquired". Used to
match a question's words to an answer sentence; a synonym counts less than the word itself."""

from __future__ import annotations

import functools
import itertools
import re

from ingest.keyword import tokenize

# Groups of words and phrases that news uses interchangeably. Each member matches every other.
_GROUPS = [
    "talks|discussions|negotiations|meeting|dialogue|summit|session",
    # "their emergency session": "a special session of ... foreign ministers"
    "emergency session|special session|extraordinary session|emergency meeting|special meeting|"
    "extraordinary meeting|urgent meeting|crisis talks",
    "hold|held|take place|takes place|took place|hosted|host|venue|convene|happen|happening|meet|met",
    "announce|announced|unveiled|revealed|confirmed|declared|said",
    "win|won|victory|beat|defeated|champion|champions|title|winner",
    "w|win|won|victory",  # "who got the W"
    "originally|born|native|hails|grew up|childhood|hometown|upbringing",  # "born in Dublin"
    "lose|lost|defeat|defeated|beaten",
    "buy|bought|acquire|acquired|acquisition|purchase|takeover|deal",
    "cost|price|priced|worth|valued|valuation|fee|paid|pay",
    "spend|spent|splash out|splashed out|shell out|shelled out|fork out|forked out|paid|pay",
    "die|died|dead|death|killed|kill|fatal|deaths|pass away|passed away|passes away",
    "injured|injury|hurt|wounded",
    "fire|fired|sacked|dismissed|ousted|axed|boot|booted",
    "quit|resign|resigned|stepped down|step down|left|departure",
    "hire|hired|appointed|named|recruited|signed",
    "sue|sued|lawsuit|suit|legal action|litigation",
    "ceo|chief executive|boss|head",
    # the other chiefs, as members type them
    "cto|chief technology officer",
    "cfo|chief financial officer|finance chief",
    "coo|chief operating officer",
    "cmo|chief marketing officer",
    "cpo|chief product officer",
    "cco|chief creative officer|chief content officer|chief commercial officer",
    "arrest|arrested|detained|charged|custody",
    "jail|jailed|prison|sentenced|sentence",
    "launch|launched|released|release|debut|unveiled|rollout|put out",
    "raise|raised|funding|round|investment|invested",
    "layoffs|laid off|job cuts|redundancies|cut jobs|axing|axe|axes",
    "strike|walkout|industrial action|stoppage",
    "ceasefire|truce|armistice",
    "sea creatures|sea life|marine life|marine organisms|marine animals|ocean life",
    "another name|other name|also known as|also called|otherwise known as|aka",
    "election|vote|poll|ballot",
    "increase|rise|rose|raise|raised|hike|up|grew|growth|jump|jumped|surge|soar|soared|climb|climbed|"
    "rocket|rocketed|skyrocket|skyrocketed|spike|spiked",
    "decrease|cut|fell|drop|dropped|lowered|decline|declined|down|slash|tank|tanked|plunge|"
    "plunged|slump|slumped|sank|tumble|tumbled|slid",
    "ban|banned|prohibit|prohibited|outlaw|barred|block|blocked",
    "coach|manager|head coach|boss",
    "movie|film",
    "stream|streaming|watch|where to watch",
    "directed|director|directors|helmed|filmmaker",
    "phone|smartphone|handset",
    "car|vehicle|ev",
    "doctor|physician",
    "lawyer|lawyers|attorney|attorneys|counsel",
    "kid|kids|child|children|son|sons|daughter|daughters",
    "cop|cops|police|officers",
    "company|firm|business|startup",
    "hq|headquarters|headquartered|based",
    "indie|independent",
    "referee|ref|reffed|reffing|refereed|refereeing|officiated|officiating",
    "deadline|has until|have until|due by|due date",
    "deduction|deducted|docked|penalty|sanction|punishment",
    "teach|teaches|taught|professor|lecturer|faculty",
    "uni|university|college|school|campus",
    "distro|distributor|distribution",
    "fight|clash|clashes|fighting|violence|attack",
    "score|scored|goal|goals|netted|fired home|slotted home",
    # "how many yards did he run for": "He also rushed eight times for 44 yards"
    "rush|rushed|rushes|rushing|run for|ran for|runs for",
    # "who came in for tillman": "named to the roster in his place"
    "replace|replaced|replacing|replacement|in his place|in her place|came in for|stand-in|"
    "filled in for|fill in for",
    "hurt|harm|damage|damaged",
    "start|started|begin|began|begins|kick off|kicked off|launch|founded|established|set up",
    "kick in|kicks in|take effect|takes effect|come into force|comes into force|starting|effective",
    "undefeated|unbeaten",
    "champ|champion|champions",
    "shut out|left out|excluded|snubbed|omitted|overlooked",
    "peak|maxed out|highest|record high|all-time high",
    "ask|asking|seek|seeking|demand|demanding|call for|calling for|want|wants",
    "against|opposed|oppose|dissent|dissented|dissenting|voted against|said no|reject|rejected",
    "last|lasted|go on|went on|long",
    "end|ended|finish|finished|conclude|concluded",
    "hit|hits|reach|reached|reaches|reaching",
    "agree|agreed|deal|accord|agreement",
    "approve|approved|ratified|ratify|passed|backed|endorsed",
    "suspend|suspended|halt|halted|pause|paused",
    # "how long was the traffic jam": "traffic was backed up for 11 kilometres"
    "jam|gridlock|tailback|tailbacks|backed up|congestion|congested",
    "stop|stops|stopped|cease|ceases|ceased|discontinue|discontinued|wind down|halt|halted",
    "in a row|straight|consecutive|streak",
    "added time|stoppage time|injury time",
    "game|games|match|matches|fixture|fixtures",
    "total|altogether|combined|overall|cumulative",
    "rate|rates|interest rate|borrowing costs|borrowing cost",
    "stock|stocks|shares",
    "mortgage|mortgages|home loan|home loans",
    "permit|permits|licence|licences|license|licenses",
    "strings attached|conditions|condition",
    "inflation|consumer prices|cpi",
    "delay|delays|delayed|held up|hold up|holds up|holdup",
    "cheap|cheaper|lower|less expensive",
    "pricier|costlier|dearer|more expensive",
    "money|funds|cash|funding",
    "gov|govt|government|administration",
    "pm|prime minister",
    "mediate|mediating|mediated|mediator|mediation|envoy|broker|brokered|intermediary",
    "lead|led|leading|head|headed|heads|chair|chaired|run|runs|running",
    # sport and chat words for what match reports say in full
    "pick|picks|picked off|picks off|pick off|interception|interceptions|intercepted",
    "td|tds|touchdown|touchdowns",
    "ep|eps|episode|episodes",
    "pt|pts|point|points",
    "yd|yds|yard|yards",
    "pen|pens|penalty|penalties|spot kick",
    # "who got sent off": "84 mins: RED CARD (Demarai Gray)"
    "sent off|sending off|sending-off|red card|red cards|red-carded|red carded|ejected|ejection",
    "crash|crashed|collide|collided|collision|clattered|ran into",
    "offload|offloaded|offloading|sell|sold|sale|sells",
    "catch|caught|catches|grab|grabbed|reception|haul in|hauls in|hauled in",
    "early|in advance|ahead of time|beforehand|head start",
    "post|posted|took to instagram|took to x|took to twitter|took to social media",
    "mom|mum|mother",
    "revenue|revenues|sales|turnover|bring in|brought in|pull in|pulled in",
    "employees|staff|workers|workforce|headcount",
    "dad|father",
    # a small number as members type it and as articles spell it out ("the pick 6": "pick-six")
    *(f"{n}|{w}" for n, w in enumerate("two three four five six seven eight nine ten".split(), 2)),
]


# Irregular verbs: the past forms articles use for what members ask in the present ("how many
# yards did he throw for": "threw for 314 yards"). The stemmer leaves them apart; these are the
# same word, not synonyms. Forms that are also everyday nouns or names are left out (found,
# left, saw, rose, fed, drew, bit, lit, lay, wound, ground, bound, sat, hung, sang).
_IRREGULAR = """arise arose arisen|beat beaten|become became|begin began begun|bend bent|
blow blew blown|break broke broken|bring brought|build built|buy bought|catch caught|
choose chose chosen|come came|deal dealt|dig dug|draw drawn|drink drank drunk|
drive drove driven|eat ate eaten|fall fell fallen|feel felt|fight fought|flee fled|fly flew flown|
forbid forbade forbidden|forget forgot forgotten|freeze froze frozen|get got gotten|
give gave given|go went gone|grow grew grown|hear heard|hide hid hidden|hold held|keep kept|
know knew known|lead led|lend lent|lose lost|make made|mean meant|meet met|pay paid|
ride rode ridden|ring rang rung|rise risen|run ran|say said|see seen|seek sought|sell sold|
send sent|shake shook shaken|shoot shot|show shown|shrink shrank shrunk|sink sank sunk|
sleep slept|slide slid|speak spoke spoken|spend spent|stand stood|steal stole stolen|
stick stuck|strike struck stricken|swear swore sworn|sweep swept|swim swam swum|swing swung|
take took taken|teach taught|tear tore torn|tell told|think thought|throw threw thrown|
understand understood|wake woke woken|wear wore worn|win won|withdraw withdrew withdrawn|
write wrote written|overtake overtook overtaken|oversee oversaw overseen"""


@functools.cache
def _base_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for group in _IRREGULAR.replace("\n", "").split("|"):
        base, *forms = group.split()
        (b,) = tokenize(base)
        for f in forms:
            for t in tokenize(f):
                if t != b and t != "\u2205":
                    table[t] = b
    return table


def base_form(stem: str) -> str:
    """The stem of an irregular verb's present form for one of its past forms ("threw" ->
    "throw"); any other stem as it is."""
    return _base_table().get(stem, stem)


def words(text: str) -> list[str]:
    """The stemmed words of ``text`` as the answer selector compares them: no stop words, and
    irregular past forms as their present ("caught" -> "catch")."""
    table = _base_table()
    return [table.get(t, t) for t in tokenize(text) if t != "\u2205"]


def _stems(phrase: str) -> tuple[str, ...]:
    return tuple(words(phrase))


@functools.cache
def _table() -> dict[str, list[tuple[str, ...]]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for g in _GROUPS:
        members = [_stems(m) for m in g.split("|")]
        members = [m for m in members if m]
        for m in members:
            if len(m) == 1:
                others = [o for o in members if o != m]
                table.setdefault(m[0], []).extend(o for o in others if o not in table[m[0]])
    return table


@functools.cache
def _phrase_table() -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    table: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for g in _GROUPS:
        members = [m for m in (_stems(x) for x in g.split("|")) if len(m) == 2]
        for m in members:
            others = [o for o in (_stems(x) for x in g.split("|")) if o and o != m]
            table.setdefault(m, []).extend(o for o in others if o not in table[m])
    return table


def phrase_synonyms(text: str, both: bool = False) -> dict[str, list[tuple[str, ...]]]:
    """What the two-word phrases of ``text`` may be in an article ("kick off": "start",
    "began"), keyed by the phrase's first word, whose own synonyms may be another sense's. With
    ``both``, keyed by its second word too: "home loans" found as "mortgage" covers "loans"."""
    seq = words(text)
    out: dict[str, list[tuple[str, ...]]] = {}
    for a, b in itertools.pairwise(seq):
        found = _phrase_table().get((a, b), [])
        for w in (a, b) if both else (a,):
            out.setdefault(w, []).extend(found)
    return {k: v for k, v in out.items() if v}


_SCALED = re.compile(r"(\d{1,3})(k|m|mn|bn|b)")
_SCALE_WORDS = {"k": ("000",), "m": ("million",), "mn": ("million",), "bn": ("billion",)}


def synonyms(stem: str) -> list[tuple[str, ...]]:
    """Stemmed phrases that may stand for ``stem`` (a stemmed word) in an article; a number
    typed short stands for the number written out ("20k": "20,000"; "5bn": "5 billion")."""
    m = _SCALED.fullmatch(stem)
    if m:
        scale = _SCALE_WORDS.get(m.group(2), ("billion",))
        return [(m.group(1), *scale)]
    return _table().get(stem, [])


def phrase_in(phrase: tuple[str, ...], toks: list[str]) -> bool:
    """Whether the stemmed phrase occurs, in order, in the stemmed tokens of a sentence."""
    if len(phrase) == 1:
        return phrase[0] in toks
    n = len(phrase)
    return any(tuple(toks[i : i + n]) == phrase for i in range(len(toks) - n + 1))


# What a doer of the thing is called, after the stem ("found" / "founder", "direct" /
# "director", "creat" / "creator", "score" / "scorer", "direct" / "directori" for
# "directorial")
_DOER = re.compile(r"e?r|or|ori")
DOER_MIN = 4  # a shorter stem is too often part of another word
# words that end like a doer but name none ("former" is no one who forms, "center" no "cent")
_NO_DOER = frozenset(
    "former center later water paper number corner order matter letter never after under "
    "member sister brother mother father quarter master winter summer powder border "
    "partner manner banner finger ginger temper chapter cancer poster".split()
)


def by_start(vocab: set[str]) -> dict[str, list[str]]:
    """``vocab`` (stems) by their first three letters, which a stem and its doer share."""
    out: dict[str, list[str]] = {}
    for u in vocab:
        out.setdefault(u[:3], []).append(u)
    return out


def doers(stem: str, vocab: dict[str, list[str]]) -> list[tuple[str, ...]]:
    """The words of ``vocab`` (stems, ``by_start``) that name the doer of what ``stem`` says, or
    the deed of a doer it names ("founder" for "found", "found" for "founder"), each as a phrase
    of one."""
    out: list[tuple[str, ...]] = []
    for u in vocab.get(stem[:3], ()):
        short, long_ = (stem, u) if len(stem) < len(u) else (u, stem)
        if long_ in _NO_DOER:
            continue
        if len(short) < DOER_MIN or not long_.startswith(short.removesuffix("e")):
            continue
        rest = long_[len(short.removesuffix("e")) :]
        if _DOER.fullmatch(rest) and u != stem:
            out.append((u,))
    return sorted(out)
