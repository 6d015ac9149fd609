"""When to say "the articles don't cover this" instead of quoting weak matches.

The evidence is weighed together by a small logistic model (``abstain_model.json``, fitted on
dev questions only by benchmarks/fit_abstain.py); no single word vetoes an answer:
- how close the best passages are to the question in meaning (dense similarity);
- how much of the question's topic words the best articles hold (IDF-weighted, synonyms
  counted), and whether the rarest one the corpus does use is missing from them;
- whether neighbouring topic words ("peace prize", "grand prix") stand together in one of them,
  and whether a multi-word name the question gives is there as written;
- whether a named prize, cup, election or product line typed in lowercase ("the nobel peace
  prize", "grey cup", "galaxy s24 ultra") is there, its words in order (the articles may be
  about another prize or another year's cup);
- whether the question names as its source an outlet that is not indexed, or a name no chunk
  holds;
- whether a question that asks how something turned out (who won, the final score, what a film
  made) meets articles with no sentence that states an outcome of what it names (previews).
"""

from __future__ import annotations

import itertools
import json
import logging
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ingest.keyword import tokenize

from .aliases import ALIASES, unexpand
from .edition import editions, names_edition
from .events import event_in, event_phrases, fold
from .query import NUMBERED_WORD, initials_named, lower_initials_named, numbered_named
from .retrieve import Retrieval
from .synonyms import base_form, phrase_synonyms, synonyms
from .types import NOT_COVERED

log = logging.getLogger(__name__)


@dataclass
class Decision:
    abstain: bool
    message: str | None = None
    signals: dict[str, float] | None = None


# Words that frame a member's question rather than name its topic: never key terms.
_FRAME = frozenset(
    tokenize(
        """what who whom whose where when why how which is are was were do does did has have had
        can could would should will shall may might must any anything anyone someone something
        news latest new newest recent recently update updates happen happened happening going
        go get got say said says tell told know think thing things stuff actually really just
        like right ok okay hey guys lol ngl tbh imo pls rn btw idk gonna wanna gotta kinda yeah
        fr wait so also still now today yesterday tonight tomorrow week weeks month months year
        years day days night last past couple few ago this that these those there their them they it
        its article articles report reports story stories piece coverage source according
        published outlet mention mentioned mentions suggest suggests indicate indicates
        whats whos wheres hows ever much many some lot way sure deal
        yo nah nope yep yup bruh bro lmao lmfao omg lowkey honestly basically literally tho
        though anyway dude smh fyi pretty apparently supposedly heard saw seen even each other
        once twice thrice through let lets again already exactly most per later earlier soon
        outta sorta lotta dunno gimme tryna finna vs versus"""
    )
)
_PHRASE = re.compile(r"\b[A-Z][\w'’.&-]*(?:\s+(?:of\s+|the\s+|de\s+)?[A-Z][\w'’.&-]*)+")
_QUOTED = re.compile(r"[\"“”]([^\"“”]{3,60})[\"“”]")


# "how long", "how far", "how big": the word after "how" names the kind of answer asked for
# (a duration, a distance, a size), as "much" and "many" do, not the question's topic. Not
# "how old": articles that answer it say "years old".
_HOW_MEASURE = re.compile(r"\bhow\s+(?:long|far|big|large|tall|soon|often)\b", re.I)


# One-word nicknames and chat words the question reader spells out after them ("szn (season)")
_ALIAS_WORDS = frozenset(tokenize(k)[0] for k in ALIASES if len(tokenize(k)) == 1)


def key_terms(question: str) -> list[str]:
    """The question's topic words (stemmed), without its framing."""
    out: list[str] = []
    question = _HOW_MEASURE.sub("how", question)
    for t in tokenize(question):
        if t != "\u2205" and t not in _FRAME and len(t) >= 2 and t not in out:
            out.append(t)
    return out


_PHRASE_OPENERS = frozenset("what who where when why how which did does is was the a an".split())


def key_phrases(question: str) -> list[str]:
    """Multi-word names ("Booker Prize", "Nobel Peace Prize") and quoted phrases: an article
    about the question holds them as written."""
    out = [m.group(1) for m in _QUOTED.finditer(question)]
    question = unexpand(question)  # "uk (United Kingdom Britain)": other names, no phrase
    for m in _PHRASE.finditer(question):
        words = m.group().split()
        if words and words[0].lower() in _PHRASE_OPENERS:
            words = words[1:]
        if len(words) >= 2:
            out.append(" ".join(words))
    return out


# A question that asks how something turned out (who won, the final score, what a film made or
# a game sold) is answered by a sentence that states an outcome of what it names; articles that
# only preview or mention it do not answer it.
_OUTCOME_Q = re.compile(
    # "who took it": not "who took over as ceo" (who runs it now)
    r"\bwho\s+(?:won|wins|win|claimed)\b|\bwho\s+took\b(?!\s+(?:over|charge|the\s+helm|office))|"
    # "what's the score", "final score": not "did he score" (a goal, not a result)
    # "who's the winner": not "the game winner" (a kick) or "from winning positions"
    r"(?<!game[\s-])\bwinn(?:er|ing)\b(?!\s+(?:positions?|streaks?|runs?|goals?|shots?|kicks?|"
    r"baskets?|tr(?:y|ies)|touchdowns?|records?|ways|mentality|percentage))|\b(?:the|final|full[\s-]time|half[\s-]time|whats|what'?s)\s+score\b|"
    r"^\s*score\b|\bscore\s+(?:of|in|was|is)\b|\bscoreline\b|\bbeat\b|"
    # "the result": not "local search result rankings"
    r"(?<!search\s)\bresult\b(?!\s+(?:rankings?|pages?))|"
    # "how much did it make", "how many did it sell"; not "how many tackles did he make"
    # "how much did it make": not "before they made it free"
    r"\bhow\s+much\b[^?]*\b(?:(?:make|made)(?!\s+(?:it|them)\b)|gross\w*|earn\w*|sold|sell|"
    r"box\s+office)\b|"
    r"\bhow\s+many\b[^?]*\b(?:sold|sell|copies|units)\b|"
    # "how many years did he get at his sentencing": his sentence, not what he faces
    r"\b(?:how\s+(?:many|much|long)|what)\b[^?]*\b(?:sentenc\w*|jail\w*)",
    re.I,
)
_SENTENCE_Q = re.compile(r"\b(?:sentenc\w*|jail\w*)", re.I)
_SENTENCED = re.compile(r"\b(?:sentenced\s+(?:[\w'’-]+\s+){0,3}?to|jailed\s+for)\b", re.I)
_FORECAST_Q = re.compile(r"\bpredict\w*|\bprojected\b|\bodds\b|\bexpected\b|\bpreview\b", re.I)
_OUTCOME = re.compile(
    r"\b(?:won|wins|beat|beats|beating|defeat(?:ed|ing|s)?|winner|victory|champion\w*|"
    r"claimed|clinched|edged|topped|"
    r"grossed|earned|sold|box\s+office|opening\s+weekend)\b|\b\d{1,3}\s?[-–]\s?\d{1,3}\b",
    re.I,
)
# a title someone holds from before ("the reigning champions, the Denver Nuggets", "defending
# champion"): a description, not how the game asked about went
_TITLE_HELD = re.compile(
    # "two-time champion"; not "first-time champions", which may say how it went
    r"\b(?:reigning|defending|former|incumbent|current|(?:two|three|four|five|six|\d+)-time)\s+"
    r"(?:\w+\s+)?champ(?:ion)?s?\b",
    re.I,
)
OUTCOME_TERMS = 2  # the question's rarest words an outcome sentence must name (one of them)
OUTCOME_NEAR = 8  # ... this many words or fewer from its word of outcome
# the words that ask for the outcome name no topic: any result sentence holds "won"
_OUTCOME_WORDS = frozenset(
    base_form(t)
    for t in tokenize(
        "won wins win winner winners winning beat beats score scores result results took claimed "
        "make made gross grossed earn earned sold sell copies sentenced sentencing jail jailed"
    )
)


def _event_named(event: str, body: str) -> bool:
    """The article names the event: as one phrase (``event_in``), or by the words before its kind
    ("rugby world cup": a report on the "World Cup" that says "rugby")."""
    *named, _kind = event.split()
    return event_in(event, body) or all(
        re.search(rf"(?<!\w){re.escape(w)}(?!\w)", body) for w in named
    )


def outcome_missing(
    question: str,
    terms: Sequence[str],
    bodies: Sequence[str],
    df: Callable[[str], int],
    events: Sequence[str] = (),
) -> float:
    """1 when the question asks how something turned out and no sentence of the best articles
    both states an outcome and names one of the question's rarest words near it (and the
    edition it names, if any, and the named event, ``events``); else 0."""
    if not _OUTCOME_Q.search(question) or _FORECAST_Q.search(question):
        return 0.0
    asks = [t for t in terms if df(t) > 0 and base_form(t) not in _OUTCOME_WORDS]
    rare = sorted(asks, key=df)[:OUTCOME_TERMS]
    if not rare:
        return 0.0
    edition = editions(question)  # "super bowl lviii": not "won a Super Bowl" in 2017
    outcome = _SENTENCED if _SENTENCE_Q.search(question) else _OUTCOME
    wanted = {t for r in rare for t in (r, base_form(r))}
    for body in bodies:
        if events and not any(_event_named(ev, body) for ev in events):
            continue  # "who won mls cup": not "Pakistan won the Cup" of a cricket report
        for sent in re.split(r"(?<=[.!?])\s+|\n+", body):
            sent = _TITLE_HELD.sub(" ", sent)
            if not outcome.search(sent) or not names_edition(sent, edition):
                continue
            # the outcome word near the thing asked about ("Harrison, the Heisman candidate,
            # ... when Ohio State beat Penn State" states how a game went, not the trophy)
            toks = [base_form(t) for t in tokenize(sent)]
            named = [i for i, t in enumerate(toks) if t in wanted]
            said = [len(tokenize(sent[: m.start()])) for m in outcome.finditer(sent)]
            if any(abs(i - j) <= OUTCOME_NEAR for i in named for j in said):
                return 0.0
    return 1.0


IDF_FLOOR = 0.1
_ACRONYM_WORD = re.compile(r"\b[A-Z]{3,5}\b")
_LOWER_WORD = re.compile(r"\b[a-z]{3,4}\b")


def _norm_text(s: str) -> str:
    return " ".join(fold(s).lower().replace("’", "'").split())


def signals(question: str, r: Retrieval, history: str = "") -> dict[str, float]:
    """Evidence on whether the best passages answer the question (see AbstainPolicy)."""
    top = r.passages[:4]
    arts: dict[str, tuple[set[str], str]] = {}
    pairs: dict[str, set[tuple[str, str]]] = {}
    acronyms = set(_ACRONYM_WORD.findall(question))
    df = r.doc_freq or (lambda _t: 0)
    # "boq", "doj": lowercase initials no article writes, of a name an article may
    typed_initials = [
        w
        for w in set(_LOWER_WORD.findall(question))
        if (ts := tokenize(w)) and all(df(t) == 0 for t in ts)
    ]
    for p in r.passages[:6]:
        if p.article_id not in arts and len(arts) < 3:
            text = p.article_text or p.text
            body = fold(f"{p.headline}\n{text}\n{p.outlet or ''}")  # "Pokémon": "pokemon"
            # irregular past forms as their present ("paid" -> "pay"), as the synonyms are kept
            seq = [base_form(t) for t in tokenize(body)]
            toks = set(seq)
            for a in acronyms:  # "OVP": the article names the Ostry Valley Post in full
                if initials_named(a, [body]):
                    toks.update(tokenize(a))
            for w in typed_initials:  # "boq": the article names the Bank of Queensland
                if lower_initials_named(w, [body]):
                    toks.update(tokenize(w))
            for w in NUMBERED_WORD.findall(question):  # "d4": the article says "Diablo 4"
                if "".join(w).lower() not in ALIASES and numbered_named("".join(w), body):
                    toks.update(tokenize("".join(w)))
            arts[p.article_id] = (toks, _norm_text(body))
            pairs[p.article_id] = {(a, b) for a, b in itertools.pairwise(seq)} | {
                (a, b) for a, b in zip(seq, seq[2:], strict=False)
            }
    terms = {t: 1.0 for t in key_terms(fold(question))}
    for t in key_terms(fold(history)) if history else []:
        terms.setdefault(t, 0.5)
    n = max(1, r.n_chunks)
    for t in [t for t in terms if t in _ALIAS_WORDS and df(t) == 0]:
        del terms[t]  # "szn" the articles never write: its meaning ("season") was added
    # floored: in a one-article corpus every word the question shares with it is in every chunk
    idf = {t: max(IDF_FLOOR, math.log((n + 1) / (df(t) + 1))) for t in terms}
    total = sum(idf[t] * w for t, w in terms.items()) or 1.0
    # "kick off": "start", "began". A phrase's second word the corpus never writes is covered
    # by the phrase's synonym too ("home loans": "mortgage"); one it writes ("said no": "voted
    # against") keeps its own reading.
    by_phrase, by_second = phrase_synonyms(question), phrase_synonyms(question, both=True)
    syn = {
        t: synonyms(base_form(t)) + (by_phrase if df(t) else by_second).get(t, []) for t in terms
    }

    def has(t: str, aid: str) -> bool:
        toks = arts[aid][0]
        return (
            t in toks
            or base_form(t) in toks
            or any(all(x in toks for x in ph) for ph in syn[t])
            or _joined(t, pairs[aid])
            or _variant_in(t, toks)
        )

    cover = 0.0
    for aid in arts:
        got = sum(idf[t] * w for t, w in terms.items() if has(t, aid))
        cover = max(cover, got / total)
    missing = [t for t in terms if terms[t] == 1.0 and not any(has(t, a) for a in arts)]
    rare_missing = max((idf[t] for t in missing), default=0.0) / math.log(n + 1)
    # A word the corpus uses, absent from the best articles, says more than one it never uses
    # (slang, a nickname, a typo): those may still be about what the articles say.
    known_missing = max((idf[t] for t in missing if df(t) > 0), default=0.0) / math.log(n + 1)
    unknown_missing = float(sum(1 for t in missing if df(t) == 0))
    # Neighbouring topic words ("peace prize", "grand prix") found together in one article.
    seq_q = [base_form(t) for t in tokenize(question) if t != "\u2205" and t not in _FRAME]
    qpairs = [(a, b) for a, b in itertools.pairwise(seq_q) if a != b]
    # a pair counts in other words too ("quillon stock": "Quillon shares")
    alts = {t: {t} | {ph[0] for ph in synonyms(t) if len(ph) == 1} for t in seq_q}

    def pair_in(pr: tuple[str, str], ps: set[tuple[str, str]]) -> bool:
        return pr in ps or any((a, b) in ps for a in alts[pr[0]] for b in alts[pr[1]])

    pair_cover = (
        max(
            (sum(1 for pr in qpairs if pair_in(pr, ps)) / len(qpairs) for ps in pairs.values()),
            default=0.0,
        )
        if qpairs
        else 1.0
    )
    phrases = key_phrases(question)
    phrase_missing = float(
        any(not any(_norm_text(ph) in body for _, body in arts.values()) for ph in phrases)
    )
    events = event_phrases(question)
    event_missing = float(
        any(not any(event_in(ev, body) for _, body in arts.values()) for ev in events)
    )
    return {
        "event_missing": event_missing,
        "outcome_missing": outcome_missing(
            question,
            [t for t, w in terms.items() if w == 1.0],
            [b for _, b in arts.values()],
            df,
            events,
        ),
        "dense": max((p.dense or 0.0) for p in top) if top else 0.0,
        "top": top[0].score if top else 0.0,
        "cover": cover,
        "rare_missing": rare_missing,
        "known_missing": known_missing,
        "unknown_missing": unknown_missing,
        "pair_cover": pair_cover,
        "phrase_missing": phrase_missing,
        "n_terms": float(len(terms)),
        # named in this question (a follow-up's search also holds the turn before)
        "unknown_outlets": float(
            sum(1 for o in r.query.unknown_outlets if o.lower() in question.lower())
        ),
        "unseen": float(sum(1 for n in r.query.unseen if n.lower() in question.lower())),
    }


def _variant_in(term: str, toks: set[str]) -> bool:
    """Whether the article holds another form of the word that the stemmer cut otherwise
    ("verifying": "verifi", "verification": "verif"): one stem of five letters or more starts
    the other, which is at most three letters longer. A lookup per ending, not a pass over the
    article's words."""
    if len(term) < 5:
        return False
    for rest in _STEM_RESTS:
        if term + rest in toks:
            return True
        if term.endswith(rest) and len(term) - len(rest) >= 5 and term[: -len(rest)] in toks:
            return True
    return False


# What a stemmer leaves of an ending ("verifi" / "verif", "nation" / "nationalist"): not the
# rest of another word ("master" and "Masterson")
_STEM_RESTS = "i e y s a at ic al iz is ist ian ion iv ent ant abl ibl ous ate ful".split()


def _joined(term: str, pairs: set[tuple[str, str]]) -> bool:
    """Whether an article writes ``term`` as two words side by side ("raybans": "Ray-Ban")."""
    edge = re.match(r"[a-z]+(?=\d+$)", term)  # "ax40": "AX-40"
    cuts = [*range(3, len(term) - 2), *([edge.end()] if edge else [])]
    for i in cuts:
        a, b = tokenize(term[:i]), tokenize(term[i:])
        if len(a) == len(b) == 1 and (base_form(a[0]), base_form(b[0])) in pairs:
            return True
    return False


def _names(xs: Sequence[str]) -> str:
    return xs[0] if len(xs) == 1 else ", ".join(xs[:-1]) + " or " + xs[-1]


def _nearest(r: Retrieval) -> str:
    if not r.passages:
        return ""
    p = r.passages[0]
    return f" The nearest coverage is “{p.headline}”" + (f" ({p.outlet})." if p.outlet else ".")


FEATURES = (
    "dense", "cover", "known_missing", "unknown_missing", "pair_cover", "phrase_missing",
    "unknown_outlet", "unseen_name", "event_missing", "outcome_missing",
)  # fmt: skip
MODEL_PATH = Path(__file__).with_name("abstain_model.json")
FULL_COVER_THRESHOLD = 0.6  # every topic word in one best article: abstain only above this
# most of the topic (by weight) in one best article, none of the rare words missing: above this
PARTIAL_COVER, PARTIAL_COVER_THRESHOLD = 0.7, 0.45


def feature_vector(sig: dict[str, float]) -> list[float]:
    """The model's inputs, by name (``FEATURES``), from ``signals``."""
    derived = {
        **sig,
        "unknown_missing": min(2.0, sig["unknown_missing"]),
        "unknown_outlet": min(1.0, sig["unknown_outlets"]),
        "unseen_name": min(1.0, sig["unseen"]),
    }
    return [float(derived[f]) for f in FEATURES]


@dataclass(frozen=True)
class AbstainModel:
    """Logistic regression over ``FEATURES``, fitted on dev questions by
    benchmarks/fit_abstain.py: the probability that the articles do not answer the question."""

    weights: tuple[float, ...]
    bias: float
    threshold: float

    def p_not_covered(self, sig: dict[str, float]) -> float:
        z = sum(w * x for w, x in zip(self.weights, feature_vector(sig), strict=True)) + self.bias
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> AbstainModel | None:
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            log.warning("no abstention model (%s); using the fixed rule", e)
            return None
        if tuple(d.get("features", ())) != FEATURES or len(d.get("weights", ())) != len(FEATURES):
            log.warning("%s was fitted on other features; using the fixed rule", path)
            return None
        return cls(tuple(float(w) for w in d["weights"]), float(d["bias"]), float(d["threshold"]))


_MODEL = AbstainModel.load()


@dataclass
class AbstainPolicy:
    """Abstain when the evidence, weighed together, says the best passages do not answer the
    question; no single word vetoes an answer. A named outlet that is not indexed, or a name
    no chunk holds, is strong evidence, and says why in the reply."""

    model: AbstainModel | None = field(default_factory=lambda: _MODEL)
    min_dense: float = 0.38  # the fixed rule, without a model
    min_coverage: float = 0.60

    def decide(self, question: str, r: Retrieval, history: str = "") -> Decision:
        if not r.passages:
            return Decision(True, NOT_COVERED)
        sig = signals(question, r, history)
        if self.model is not None:
            p = self.model.p_not_covered(sig)
            sig["p_not_covered"] = p
            threshold = self.model.threshold
            missing = sig["rare_missing"] or sig["unseen"] or sig["outcome_missing"]
            if sig["cover"] >= 0.999 and not missing:
                # every topic word is in one of the best articles, and a result asked for is
                # stated there: abstain only when sure
                threshold = max(threshold, FULL_COVER_THRESHOLD)
            elif sig["cover"] >= PARTIAL_COVER and not missing:
                threshold = max(threshold, PARTIAL_COVER_THRESHOLD)
            abstain = p > threshold
        else:
            abstain = sig["dense"] < self.min_dense and sig["cover"] < self.min_coverage
        if not abstain:
            return Decision(False, None, sig)
        outlets = [o for o in r.query.unknown_outlets if o.lower() in question.lower()]
        if outlets:
            names = _names(outlets)
            msg = f"No articles from {names} are indexed, so I can't say what {names} reported."
            return Decision(True, f"{NOT_COVERED} {msg}", sig)
        unseen = [n for n in r.query.unseen if n.lower() in question.lower()]
        if unseen:
            names = _names([f"“{n}”" for n in unseen])
            return Decision(
                True, f"{NOT_COVERED} No indexed article mentions {names}." + _nearest(r), sig
            )
        return Decision(True, NOT_COVERED + _nearest(r), sig)
