"""Titles the articles write another way than members ask for them ("ceo": "chief executive",
"ref": "referee"), read by ``bot.qa.roles_asked.roles_asked``."""

from __future__ import annotations

from ingest.keyword import tokenize

SAME_ROLE: dict[str, frozenset[str]] = {
    tokenize(k)[0]: frozenset(tokenize(v))
    for k, v in {
        "cfo": "chief financial officer", "coo": "chief operating officer",
        "cto": "chief technology officer", "ceo": "chief executive", "boss": "chief executive ceo head", "spokesperson": "spokesman spokeswoman",
        "spokesman": "spokesperson spokeswoman", "spokeswoman": "spokesperson spokesman",
        "ref": "referee official", "referee": "ref official", "qb": "quarterback",
        "reffed": "referee ref official", "refereed": "referee ref official",
        "officiated": "referee ref official", "reffing": "referee ref official",
        "refereeing": "referee ref official", "officiating": "referee ref official",
        "quarterback": "qb", "chair": "chairman chairwoman chairperson", "pm": "prime minister",
        "lawyer": "attorney counsel", "attorney": "lawyer counsel", "doctor": "physician",
        "uni": "university college", "school": "university college", "college": "university",
        "university": "college", "cofounder": "founder", "gm": "manager",
        "editor": "editorial", "professor": "prof",
        # football positions, as a team sheet writes them ("RB Zack Moss", "running back Moss")
        "rb": "running back", "wr": "receiver wide", "te": "tight end", "lb": "linebacker",
        "cb": "cornerback", "receiver": "wr", "linebacker": "lb", "cornerback": "cb",
        "corner": "cornerback cb", "edge": "rusher", "hc": "head coach",
        "oc": "offensive coordinator", "dc": "defensive coordinator",
        # what a side's players are called by their job ("their best defensive player")
        "defender": "defensive defenseman defenceman", "keeper": "goalkeeper goalie",
        "goalkeeper": "keeper goalie", "striker": "forward", "kicker": "placekicker",
    }.items()
}  # fmt: skip

# Who does what a who-question's verb says, by the title the articles give them: "who narrates
# it" -> "Narrator Pell Dunmore", "who made the game" -> "solo developer Dale Varn". Keyed by the
# verb's stem (``bot.qa.agent.asked_verb``).
AGENT_NOUNS: dict[str, frozenset[str]] = {
    k: frozenset(t for t in tokenize(v) if t != "\u2205")
    for k, v in {
        "narrat": "narrator", "direct": "director filmmaker", "produc": "producer",
        "host": "host presenter", "present": "presenter host", "found": "founder cofounder",
        "start": "founder cofounder", "creat": "creator", "develop": "developer",
        "design": "designer", "compos": "composer", "write": "writer author screenwriter",
        "coach": "coach", "manag": "manager", "own": "owner", "invent": "inventor",
        "publish": "publisher", "edit": "editor", "illustr": "illustrator",
        "make": "maker creator developer", "build": "builder developer",
        "photograph": "photographer", "paint": "painter artist", "sing": "singer",
        "invest": "investor", "fund": "funder investor", "sponsor": "sponsor",
    }.items()
}  # fmt: skip
