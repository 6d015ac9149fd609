"""Nicknames, tickers and slang members use for what articles name in full: "zuck" is Mark
Zuckerberg, "the bird app" is X (formerly Twitter), "man utd" is Manchester United. The question
is searched with the full name added after the nickname, so both the words and the meaning reach
the articles. Only unambiguous nicknames: a word that is also an everyday word ("city", "x",
"blues") is left out."""

from __future__ import annotations

import functools
import re

ALIASES: dict[str, str] = {
    # people
    "zuck": "Mark Zuckerberg", "sbf": "Sam Bankman-Fried", "cz": "Changpeng Zhao Binance",
    "sama": "Sam Altman", "aoc": "Alexandria Ocasio-Cortez", "mbs": "Mohammed bin Salman",
    "rfk jr": "Robert F. Kennedy Jr.", "bojo": "Boris Johnson", "potus": "US president",
    "flotus": "first lady", "scotus": "Supreme Court", "cr7": "Cristiano Ronaldo",
    "king james": "LeBron James", "tay tay": "Taylor Swift", "swifties": "Taylor Swift fans",
    "the fed chair": "Federal Reserve chair Jerome Powell", "the pm": "prime minister",
    "pm": "prime minister", "veep": "vice president", "mahomes": "Patrick Mahomes",
    "djoker": "Novak Djokovic", "nole": "Novak Djokovic", "bjk": "Billie Jean King",
    "emrata": "Emily Ratajkowski", "kfed": "Kevin Federline", "k-fed": "Kevin Federline",
    "jimmy g": "Jimmy Garoppolo", "riri": "Rihanna", "queen bey": "Beyoncé", "tb12": "Tom Brady",
    "cp3": "Chris Paul", "jlo": "Jennifer Lopez", "j.lo": "Jennifer Lopez",
    "a-rod": "Alex Rodriguez", "cutch": "Andrew McCutchen", "greek freak": "Giannis Antetokounmpo",
    "bron": "LeBron James", "gronk": "Rob Gronkowski", "wemby": "Victor Wembanyama",
    "cmc": "Christian McCaffrey", "ovi": "Alex Ovechkin", "sid the kid": "Sidney Crosby",
    "kdb": "Kevin De Bruyne", "vvd": "Virgil van Dijk", "elon": "Elon Musk",
    "satya": "Satya Nadella", "sundar": "Sundar Pichai", "bibi": "Benjamin Netanyahu",
    "rishi": "Rishi Sunak", "vivek": "Vivek Ramaswamy", "rfk": "Robert F. Kennedy Jr.",
    "t swift": "Taylor Swift", "tswift": "Taylor Swift", "rdj": "Robert Downey Jr.",
    "the rock": "Dwayne Johnson", "kim k": "Kim Kardashian", "kd": "Kevin Durant",
    "steph": "Stephen Curry", "sga": "Shai Gilgeous-Alexander", "mj": "Michael Jordan",
    "obj": "Odell Beckham Jr.", "arod": "Alex Rodriguez", "tito": "Terry Francona",
    "sjr": "Jim Ratcliffe", "taa": "Trent Alexander-Arnold",
    # organisations, products, places
    "umich": "University of Michigan", "upenn": "University of Pennsylvania",
    "uchicago": "University of Chicago", "gatech": "Georgia Tech", "ucsd": "UC San Diego",
    "ucsf": "UC San Francisco", "ucsb": "UC Santa Barbara", "fsu": "Florida State",
    "the fed": "Federal Reserve", "ecb": "European Central Bank", "boe": "Bank of England",
    "the bird app": "X Twitter", "twitter": "X Twitter", "insta": "Instagram",
    "ig": "Instagram", "fb": "Facebook", "yt": "YouTube", "gpt": "ChatGPT OpenAI",
    "the beeb": "BBC", "beeb": "BBC", "the graun": "The Guardian", "graun": "Guardian",
    "wapo": "Washington Post", "msft": "Microsoft", "aapl": "Apple", "goog": "Google", "googl": "Google",
    "amzn": "Amazon", "tsla": "Tesla", "nvda": "Nvidia", "nflx": "Netflix",
    "man utd": "Manchester United", "man u": "Manchester United", "mufc": "Manchester United",
    "man united": "Manchester United", "the toon": "Newcastle United",
    "corrie": "Coronation Street", "intl": "international",
    "red devils": "Manchester United", "man city": "Manchester City", "the gunners": "Arsenal",
    "gunners": "Arsenal", "the toffees": "Everton", "the magpies": "Newcastle United",
    "the hammers": "West Ham", "the reds": "Liverpool", "spurs": "Tottenham Hotspur",
    "the springboks": "South Africa rugby", "boks": "South Africa Springboks",
    "all blacks": "New Zealand rugby", "wallabies": "Australia rugby",
    "the big apple": "New York", "nyc": "New York City", "uk": "United Kingdom Britain",
    "eu": "European Union", "un": "United Nations", "f1": "Formula 1",
    "nascar": "NASCAR stock car racing", "stock car racing": "NASCAR",
    "vikes": "Vikings", "bucs": "Buccaneers", "jags": "Jaguars",
    "dbacks": "Diamondbacks", "d-backs": "Diamondbacks", "yanks": "Yankees", "stros": "Astros",
    "sixers": "76ers", "mavs": "Mavericks", "cavs": "Cavaliers", "habs": "Canadiens",
    "barca": "Barcelona", "juve": "Juventus", "atleti": "Atletico Madrid",
    "psg": "Paris Saint-Germain", "bvb": "Borussia Dortmund", "om": "Olympique de Marseille",
    "lfc": "Liverpool", "cfc": "Chelsea", "thfc": "Tottenham Hotspur", "nufc": "Newcastle United",
    "whufc": "West Ham United", "avfc": "Aston Villa", "mcfc": "Manchester City",
    "unt": "North Texas", "dk": "DraftKings", "fd": "FanDuel", "oai": "OpenAI",
    "ist": "In-Season Tournament",
    "potm": "player of the match", "roty": "Rookie of the Year", "wall st": "Wall Street",
    "motm": "man of the match", "epl": "Premier League", "spidey": "Spider-Man",
    "uswnt": "US women's national soccer team", "usmnt": "US men's national soccer team",
    "phins": "Dolphins", "bosox": "Red Sox", "nats": "Nationals", "leafs": "Maple Leafs",
    "bama": "Alabama", "vandy": "Vanderbilt", "fins": "Dolphins", "philly": "Philadelphia",
    "celts": "Celtics", "nugs": "Nuggets", "snf": "Sunday Night Football",
    "mnf": "Monday Night Football", "jax": "Jacksonville", "d4": "Diablo 4",
    "windies": "West Indies", "muzza": "Andy Murray", "kaner": "Patrick Kane",
    "robbo": "Robertson",
    "amex": "American Express", "bofa": "Bank of America", "doj": "Justice Department",
    "citi": "Citigroup", "jpm": "JPMorgan",
    "gop": "Republican", "dems": "Democrats", "gta 6": "Grand Theft Auto VI",
    "gta vi": "Grand Theft Auto VI", "totk": "Tears of the Kingdom",
    "mw3": "Modern Warfare III", "ucl": "Champions League", "afcon": "Africa Cup of Nations",
    "rwc": "Rugby World Cup", "wimby": "Wimbledon", "gen ai": "generative AI",
    "vr": "virtual reality", "fnaf": "Five Nights at Freddy's", "ppv": "pay-per-view",
    "crypto": "cryptocurrency", "ev": "electric vehicle", "evs": "electric vehicles",
    # everyday slang for news words
    "weed": "cannabis marijuana", "jab": "vaccine shot", "jabs": "vaccine shots",
    "ozempic": "Ozempic semaglutide GLP-1", "layoffs": "job cuts", "sacked": "fired",
    "ppl": "people", "govt": "government", "gov": "government", "mil": "million",
    "bn": "billion", "q1": "first quarter", "q2": "second quarter", "q3": "third quarter",
    "q4": "fourth quarter", "yoy": "year over year",
    "szn": "season", "noms": "nominations", "nom": "nomination", "avg": "average",
    "qbing": "playing quarterback", "qtr": "quarter", "bday": "birthday", "b-day": "birthday",
    "tix": "tickets", "vax": "vaccine", "prez": "president", "champs": "champions",
    "brissy": "Brisbane", "tassie": "Tasmania", "fg": "field goal", "fgs": "field goals",
    "vid": "video", "vids": "videos", "psu": "Penn State", "notifs": "notifications",
    "notif": "notification",
    "asu": "Arizona State", "kc": "Kansas City",
    "niners": "49ers", "cincy": "Cincinnati", "g-men": "Giants",
    "nola": "New Orleans", "poms": "England", "aussies": "Australia",
    "proteas": "South Africa cricket", "dees": "Melbourne Demons",
    # "utd" alone is Manchester United; another club's "utd" is its own
    "utd": "Manchester United", "newcastle utd": "Newcastle United", "leeds utd": "Leeds United",
    "sheffield utd": "Sheffield United", "west ham utd": "West Ham United",
}  # fmt: skip


@functools.cache
def _pattern() -> re.Pattern[str]:
    keys = sorted(ALIASES, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w-])", re.I)


def spans(question: str) -> list[tuple[int, int]]:
    """Where the question's nicknames are (character ranges), to be left as typed."""
    return [m.span() for m in _pattern().finditer(question)]


_FULL_NAMES = frozenset(ALIASES.values())


def unexpand(question: str) -> str:
    """The question without the full names ``expand`` added after its nicknames."""
    return re.sub(
        r" \(([^()]*)\)", lambda m: "" if m.group(1) in _FULL_NAMES else m.group(0), question
    )


def expansions(question: str) -> list[str]:
    """The full names ``expand`` added to the question ("Olympique de Marseille" after "OM")."""
    return [
        m.group(1) for m in re.finditer(r" \(([^()]*)\)", question) if m.group(1) in _FULL_NAMES
    ]


def expand(question: str) -> tuple[str, list[str]]:
    """The question with each nickname's full name added after it, and the names added. A name
    the question already gives in full is not added again."""
    added: list[str] = []

    def sub(m: re.Match[str]) -> str:
        full = ALIASES[m.group(1).lower()]
        if full.lower() in question.lower() or full in added:
            return m.group(0)
        added.append(full)
        return f"{m.group(0)} ({full})"

    return _pattern().sub(sub, question), added
