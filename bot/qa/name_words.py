"""Capitalised words that open no name: pronouns, articles, link words, auxiliaries, adverbs a
sentence starts with ("Like Solskjaer, Coman has ..."), and the time zone that ends a live blog's
time stamp ("23.36 GMT Jos Buttler's reaction"), and an injury report's status ("RB Jonathan
Taylor (thumb) OUT Titans: ..."). ``bot.qa.shape`` drops them from either end of
a run of capitalised words, with months and weekdays, and drops ``GERUND``, a verb in -ing, from
the start of a sentence ("Pairing Ana Holt with ...")."""

from __future__ import annotations

import re

# titles written short before a name ("Rep. Jim Jordan", "Lt. Gen. Stephen Twitty"): ``shape``
# reads the name apart from them, ``sentences`` keeps the name in the title's sentence
TITLE_ABBREVIATIONS = (
    "Lt|Gen|Col|Sgt|Capt|Cmdr|Adm|Cpl|Pvt|Rep|Sen|Gov|Rev|Prof|Det|Supt|Insp|Atty|Amb|Hon"
)

NOT_NAME_WORDS = (
    "The|A|An|This|That|These|Those|He|She|It|They|We|I|His|Her|Its|Their|Our|But|And|Or|Yet|"
    "So|If|When|While|After|Before|In|On|At|As|For|With|By|From|According|However|Meanwhile|"
    "Despite|Although|Though|Still|Also|Then|Now|Here|There|Considering|Following|Including|"
    "Regarding|Given|Amid|Among|Using|Having|Being|Why|What|Who|How|Where|Which|Not|No|Yes|"
    "Even|Just|Only|Both|Each|Every|All|Any|Since|Until|During|Under|Over|Last|Next|Earlier|"
    "Later|Today|Tonight|Tomorrow|Yesterday|Some|Many|Most|Several|Multiple|Numerous|Various|"
    "Other|Another|Mr|Mrs|Ms|"
    "Dr|MORE|READ|RELATED|WATCH|SEE|OUT|QUESTIONABLE|DOUBTFUL|PROBABLE|BREAKING|UPDATE|"
    "Were|Was|Is|Are|Be|Been|Will|Would|Can|Could|Should|Do|"
    "Does|Did|Has|Have|Had|You|Your|My|Me|Us|To|Into|Onto|Via|Upon|Toward|Towards|Like|"
    "Unlike|About|Against|Without|Within|Behind|Across|Around|Through|Throughout|Whether|"
    "Once|Because|Instead|Perhaps|Maybe|Indeed|Thus|Therefore|Hence|Besides|Nor|Either|"
    "Neither|Whose|Whom|GMT|BST|UTC|CET|CEST|EST|EDT|PST|PDT|AEDT|AEST|IST|ET|PT"
)

# "We’re", "They'll", "I'd": a pronoun with its verb, never a name
CONTRACTED = re.compile(r"\w+['’](?:re|ve|ll|m|d)", re.I)

# a verb in -ing that opens a sentence before a name; not the names that end so ("Sterling K.
# Brown", "Channing Tatum", "Reading FC")
GERUND = re.compile(
    r"(?!(?:Sterling|Channing|Irving|Manning|Harding|Browning|Fielding|Redding|Golding|Keating|"
    r"Reading|Kipling|Lansing|Whiting|Epping|Kettering|Worthing|Woking|Ealing|Darling|Starling|"
    r"Cushing|Hemming|Deming|Fleming|Bowling|Spalding|Gehring|Jennings|Hastings)\b)"
    r"[A-Z][a-z]{3,}ing"
)

# a word that opens a noun wherever it stands capitalised ("First pitch: 8:03 p.m.", "Bottom of
# 6th —"): alone it names no one, though it may open a name ("First Republic", "Top Gun")
POSITIONAL = re.compile(
    r"(?:First|Second|Third|Fourth|Fifth|Final|Opening|Top|Bottom|Early|Late|Half|Each|Every)"
)

# a name's last word that its full stop belongs to ("Marvin Harrison Jr.", "Acme Corp.")
ABBREVIATED = re.compile(r"\b(?:Jr|Sr|Inc|Corp|Ltd|Co|Bros)$")


# "Fanny, his wife of 18 years, ...": a name alone at a sentence's start, set beside whose it is
APPOSED = re.compile(
    r"(?!(?:Overall|Again|Otherwise|Plus|Elsewhere|Altogether|Afterwards?|Nevertheless|Nonetheless|"
    r"Furthermore|Moreover|Likewise|Regardless|Overnight|Anyway|Sometimes|Often|Soon|Worse|"
    r"Better|Sure|Well)\b)[A-Z][a-z]+(?<!ly), (?:his|her|their) [a-z]"
)
