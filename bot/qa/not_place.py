"""What a preposition and a capitalised name can be besides a place ("at Jefferies" after an
analyst, "to Copenhagen" after "lost", "on Instagram", "over Thanksgiving"): the words around a
place-shaped span that say it is none. Read by ``bot.qa.shape`` when it finds places."""

from __future__ import annotations

import re

_TAKE = r"take[ns]?|taking|took"
# "chimed in Keith Rabois": who spoke up, not where
# "take in Palestinians": whom they would house, not where
CHIMED = re.compile(rf"\b(?:(?:chim|weigh|pip|jump|join|butt)(?:ed|s|ing)?|{_TAKE})\s+$", re.I)
# "will take on Karsenia in Austin", "relies on Nvidia": whom or what, not where
TOOK_ON = re.compile(
    rf"\b(?:{_TAKE}|rel(?:y|ies|ied|ying)|depend(?:s|ed|ing)?|focus(?:es|ed|ing)?|"
    r"count(?:s|ed|ing)?)\s+$",
    re.I,
)
# "at the Christmas holiday", "over Thanksgiving": a time, not a place
HOLIDAY = re.compile(
    r"\b(?:Christmas|Xmas|Easter|Thanksgiving|Halloween|Hanukkah|Diwali|Ramadan|Eid|New\s+Year|"
    r"Lunar\s+New\s+Year|Passover|Labor\s+Day|Memorial\s+Day|Independence\s+Day)\b",
    re.I,
)
# "from the MMA", "in the NFL": a body named by its initials, not a place (but "in the US")
# "from Infinity Ventures", "at Acme Holdings": a firm, not a place
FIRM_END = re.compile(
    r"\b(?:Ventures|Capital|Partners|Holdings|Inc|Corp|Ltd|LLC|Group|Labs?|Media|Technologies|"
    r"Networks|Software|Securities|Insurance|Pharmaceuticals|Solutions|Studios|Records|"
    r"Entertainment|Motors|Airlines|Bank|Fund)\.?$"
)
# "in the National Championship", "at the Champions League": an event or a law, not a place
# (a festival, a summit or a bowl game's stadium can be one)
EVENT_NO_PLACE = re.compile(
    r"\b(?:Cup|Championships?|Tournament|Series|Awards?|Prize|League|Finals?|Playoffs?|"
    r"Olympics|Act|Bill|Treaty|Accord|War|Revolution)$"
)
# "The Woman in Me", "Poyer's For You page": a title ending in a pronoun, not a place
PRONOUN_END = re.compile(r"\s(?:Me|You|Us|Them|It|Him|Her|I)$")
BODY_ACRONYM = re.compile(r"^\w+\s+the\s+(?!(?:US|USA|UK|UAE|DRC|EU)$)[A-Z]{2,5}$")
# "in AI", "in NBA history", "to WWE": initials that name a field, a league or a body. A blocklist,
# not a list of places: "in KC", "in ATL", "in NSW" are places written so
# initials that name a field or a kind of thing, never a body ("generative AI", "GDP")
FIELD_TERMS = "AI|ML|VR|XR|GDP|CPI|IPO|ETF|ESG|EV|TV|HR"
_FIELD_INITIALS = (
    f"{FIELD_TERMS}|NBA|NFL|MLB|NHL|MLS|WNBA|NCAA|UFC|WWE|AEW|PGA|LPGA|LIV|ATP|WTA|FIFA|UEFA|"
    "IPL|NRL|AFL|ICC|IT|QB|RB|WR|TE|DFS|PPR"
)
INITIALS_ALONE = re.compile(rf"^\w+\s+(?:{_FIELD_INITIALS})$")
# "on Connor's shot": whose it was, not where (but "at Ibrox's tunnel" is at Ibrox)
POSSESSIVE = re.compile(r"^(?:on|at|in|to|from|into)\s+(?:\S+\s+){0,2}\S+['’]s$", re.I)
# "managing director at Multiflight", "an analyst at Jefferies": where someone works, not a place
WORKS_AT = re.compile(
    r"\b(?:director|manager|executive|exec|analyst|engineer|officer|chief|head|partner|"
    r"professor|researcher|economist|strategist|spokes(?:person|man|woman)|editor|reporter|"
    r"correspondent|founder|president|chair(?:man|woman)?|scientist|lawyer|attorney|"
    r"consultant|advis[eo]r|employee|staffer|intern|fellow|lecturer|trader|banker|"
    r"investor|vice\s+president|ceo|cfo|cto|coo)s?\s*$",
    re.I,
)
AFFILIATION = 0.85  # what a who-answer named as where someone works counts


def works_at(before: str) -> bool:
    """``before`` (the text up to a name) ends "an analyst at" or "researchers at the": the
    name after it is where they work, a body, not a place."""
    m = re.search(r"\bat\s+(?:the\s+)?$", before)
    return m is not None and WORKS_AT.search(before[: m.start()]) is not None


# "on Instagram", "on X": where it was said, not a place
# "a spokesperson said to Fox News Digital", "in a statement to Reuters": whom it was said to
SPOKE = re.compile(
    r"\b(?:said|says|say|saying|told|spoke|speaks|speaking|talked|talking|wrote|writing|"
    r"explained|confirmed|according|statement|comments?|interview|email|emailed|"
    # "lost 4-3 to Copenhagen": the side that won, not a place
    r"lost|lose|loses|losing|fell|falls|falling|beaten|defeated|succumbed)(?:\s+\d+-\d+)?\s*$",
    re.I,
)
PLATFORM = re.compile(
    r"^(?:on|to|via)\s+(?:the\s+)?(?:Instagram|Twitter|X|Facebook|TikTok|YouTube|Threads|Reddit|"
    r"LinkedIn|Bluesky|Mastodon|Telegram|WhatsApp|Snapchat|Discord|Twitch|Truth\s+Social|Weibo)$"
)
# "simulcast on ABC and ESPN": where it is shown, the answer only to where to watch it
NETWORK = re.compile(
    r"^(?:on|via)\s+(?:the\s+)?(?:ABC|CBS|NBC|FOX|Fox|ESPN\w*|TNT|TBS|HBO|Max|Netflix|Hulu|"
    r"Peacock|Paramount\+?|Prime\s+Video|Amazon(?:\s+Prime(?:\s+Video)?)?|Apple\s+TV\+?|Disney\+|"
    r"BBC(?:\s+One|\s+Two|\s+iPlayer)?|ITV\w*|Sky\s+Sports\w*|NFL\s+Network|FS1|CNBC|CNN|MSNBC)\.?$"
)
# "what channel is it on", "where can i stream it": where to watch, as against "where were the
# players watching the game" (a place)
CHANNEL_Q = re.compile(
    r"\b(?:channel|network|streaming\s+(?:service|platform|site|app))s?\b|"
    r"\bwhere\s+(?:can|could|do|does|to|should|will)\s+(?:(?:i|u|you|we|ppl|people|fans)\s+)?"
    r"(?:watch|stream|listen)",
    re.I,
)  # not "see" or "station": "where can you see the lights", "the Aurora Sky Station"
# a channel written in capitals with a figure or a plus ("on 9GEM", "on ESPN+", "via BT
# Sport1"), or set before what it shows ("a national ESPN2 audience", "the CBS broadcast")
_CHANNEL_ON = re.compile(r"\b(?:on|via)\s+(?=\w*[A-Z])(?=[\w+]*[\d+])\d*[A-Z][A-Za-z\d]*\+?")
_CHANNEL_BEFORE = re.compile(
    r"\b(?=[A-Z\d+]*[A-Z])\d*[A-Z][A-Z\d]+\+?(?=\s+(?:audience|broadcast|telecast|simulcast|"
    r"coverage|viewers|broadcasts|telecasts)\b)"
)


def channel_spans(sentence: str) -> list[tuple[int, int]]:
    """Where ``sentence`` names a channel the answer-span reader misses: "on 9GEM", "on ESPN+",
    "a national ESPN2 audience" (start, end of each)."""
    return [m.span() for rx in (_CHANNEL_ON, _CHANNEL_BEFORE) for m in rx.finditer(sentence)]


WATCH_Q = re.compile(
    r"\b(?:watch\w*|stream\w*|air(?:s|ed|ing)?|tv|channel|broadcast\w*|televised|network|"
    r"listen\w*|on\s+what)\b",
    re.I,
)


def said_no_place(sentence: str, start: int, end: int) -> bool:
    """The words of a place-shaped span of ``sentence`` (``start``:``end``, "at Jefferies"), or
    the words around it, say it is no place: a platform, a title, an event, a holiday, a body or
    a firm, whose thing ("on Connor's shot"), whom someone spoke to or lost to, where someone
    works, or a numbered event ("at UFC 300")."""
    text = sentence[start:end]
    head = text.split()[-1]
    return bool(
        PLATFORM.match(text)
        or PRONOUN_END.search(text)
        or EVENT_NO_PLACE.search(text)
        or HOLIDAY.search(text)
        or BODY_ACRONYM.match(text)
        or INITIALS_ALONE.match(text)
        or FIRM_END.search(text)
        or (POSSESSIVE.match(text) and re.match(r"\s+[a-z]", sentence[end:]))
        or (head.isupper() and re.match(r"\s+\d", sentence[end:]))
        or (text.startswith("in ") and CHIMED.search(sentence[:start]))
        or (text.startswith("on ") and TOOK_ON.search(sentence[max(0, start - 20) : start]))
        or (text.startswith("to ") and SPOKE.search(sentence[max(0, start - 30) : start]))
        or (text.startswith("at ") and works_at(sentence[: start + 3]))
    )
