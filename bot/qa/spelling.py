"""Typos in questions, corrected against the words the corpus actually uses: "goverenor of the
aldmere reserve bnak" is searched as "governor of the aldmere reserve bank", and "Tellinghem" as
"Tellingham". A word the corpus already holds is never changed; a word with no close corpus word
is kept as typed. Symmetric-delete lookup (each corpus word indexed under its one-letter
deletions), built once per corpus version."""

from __future__ import annotations

import bisect
import gc
import logging
import re
import threading
import unicodedata
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from ingest.readside import settle_heap

log = logging.getLogger(__name__)

_WORD = re.compile(r"[^\W\d_]+(?:['’][a-z]+)?", re.UNICODE)
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][a-z]+)?|\bw/", re.UNICODE)
# Chat words that are not typos of anything in the news.
_KEEP = frozenset(
    """gonna wanna gotta lol ngl tbh imo imho pls plz thx rn btw idk kinda sorta dunno yeah yep
    nope okay hey guys anyone anything whats whos wheres hows thats yall lmao omg wtf ppl
    lowkey highkey fr ong bruh smh fyi asap irl tldr outta lotta gimme tryna finna""".split()
)
MIN_LEN = 4
_CONTRACTIONS = frozenset({"s", "t", "re", "ll", "ve", "d", "m"})


def _deletes(w: str) -> set[str]:
    return {w[:i] + w[i + 1 :] for i in range(len(w))}


def damerau(a: str, b: str) -> int:
    """Optimal string alignment distance (a swap of two neighbours counts once)."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def _words_of(entry: str | list[str] | None) -> list[str]:
    """The words a deletes-index entry holds."""
    if entry is None:
        return []
    return [entry] if isinstance(entry, str) else entry


class Speller:
    def __init__(
        self,
        texts: Iterable[str] = (),
        counts: Mapping[str, int] | None = None,
        earlier: Speller | None = None,
    ) -> None:
        """From texts, or from word counts already made (lower-cased, as ``_WORD`` finds them:
        the corpus's read side keeps them, so a large corpus's texts are never all read).
        ``earlier``: the speller of an earlier version, whose deletes index is reused (only the
        words new since are indexed)."""
        self.freq: Counter[str] = Counter(counts or {})
        for t in texts:
            self.freq.update(w.lower() for w in _WORD.findall(t))
        self._index: dict[str, str | list[str]] | None = None
        self._index_lock = threading.Lock()
        self._sorted: list[str] | None = None  # the words in order, for ``clipped``
        self._plain: dict[str, str] | None = None  # accented words by their plain spelling
        self._base: dict[str, str | list[str]] | None = None  # an earlier version's, shared
        self._base_words: Counter[str] = Counter()
        if earlier is not None and earlier._base is not None:  # the same first index, shared
            self._base, self._base_words = earlier._base, earlier._base_words
        elif earlier is not None and earlier._index is not None:
            self._base, self._base_words = earlier._index, earlier.freq

    @property
    def index(self) -> dict[str, str | list[str]]:
        """The deletes index, built on the first suggestion (most questions need none); with an
        earlier version's, only of the words that are new."""
        if self._index is None:
            with self._index_lock:
                if self._index is None:
                    # hundreds of thousands of small lists, none in a cycle: the collector's
                    # passes over them while they are made, and over them later in every full
                    # pass, only cost the question time (issue 13's warm p95)
                    enabled = gc.isenabled()
                    gc.disable()
                    try:
                        # A key's one word as itself, a list only for two or more: most
                        # keys have one (at 100k articles, 20 MB less than a list each).
                        index: dict[str, str | list[str]] = {}
                        get = index.get
                        for w in self.freq:
                            if len(w) >= MIN_LEN and w not in self._base_words:
                                for k in (w, *_deletes(w)):
                                    had = get(k)
                                    if had is None:
                                        index[k] = w
                                    elif isinstance(had, str):
                                        index[k] = [had, w]
                                    else:
                                        had.append(w)
                        self._index = index
                    finally:
                        if enabled:
                            gc.enable()
                    settle_heap()
        return self._index

    def _lookup(self, key: str) -> list[str]:
        got = _words_of(self.index.get(key))
        if self._base is not None:
            # The earlier version's words still in the corpus (a word may have gone since).
            got = got + [w for w in _words_of(self._base.get(key)) if w in self.freq]
        return got

    def known(self, word: str) -> bool:
        """Whether the corpus uses the word, also where only its possessive occurs ("Prisco's
        picks" names Prisco)."""
        w = word.lower()
        return w in self.freq or f"{w}'s" in self.freq or f"{w}’s" in self.freq

    def accented(self, word: str) -> str | None:
        """The corpus word that ``word`` is, typed without its accents ("noe" for "noé")."""
        if self._plain is None:
            with self._index_lock:
                if self._plain is None:
                    plain: dict[str, str] = {}
                    for w in self.freq:
                        if not w.isascii():
                            p = _fold(w)
                            if p != w and self.freq[w] > self.freq.get(plain.get(p, ""), 0):
                                plain[p] = w
                    self._plain = plain
        return self._plain.get(word.lower())

    def suggest(self, word: str) -> str | None:
        """The corpus word closest to a word the corpus lacks (most frequent on a tie)."""
        w = word.lower()
        if len(w) < MIN_LEN or w in self.freq or w in _KEEP:
            return None
        if w[-1] == w[-2] and len(w) - 1 < MIN_LEN and w[:-1] in self.freq:
            return w[:-1]  # "hott": "hot" with its last letter typed twice (too short to index)
        cands: set[str] = set(self._lookup(w))
        for d in _deletes(w):
            cands.update(self._lookup(d))
        limit = 1 if len(w) < 8 else 2
        best: tuple[int, bool, bool, int, str] | None = None
        for c in cands:
            dist = damerau(w, c)
            swapped = len(c) == len(w) and c[:2] == w[1::-1]  # "amyor" for "mayor"
            if dist > limit or (c[0] != w[0] and not swapped):
                continue  # a typo rarely hits the first letter: "sickle" is not "fickle"
            # a letter left out is likelier than one typed twice or too many: "interm" is
            # "interim", not "inter"
            key = (dist, _dropped(w, c), _far_key(w, c), -self.freq[c], c)
            if best is None or key < best:
                best = key
        nick = self.nickname(w)
        if nick and (best is None or best[2] or self.freq[nick] > self.freq[best[4]]):
            return nick  # "harbs" is Harbaugh, not "harms" mistyped
        if best is not None and best[2]:  # "sorc" is "sorcerer" clipped, not "sort" mistyped
            return self.clipped(w) or best[4]
        return best[4] if best else None

    def nickname(self, word: str) -> str | None:
        """The corpus word a nickname made by clipping and adding "s" stands for: "harbs"
        (Harbaugh), "athers" (Atherton), "vikes" (Vikings), "zucks" (Zuckerberg)."""
        w = word.lower()
        if len(w) < 5 or not w.endswith("s"):
            return None
        full = self.clipped(w[:-1]) or (self.clipped(w[:-2]) if w[-2] == "e" else None)
        # a name is clipped, not an English word: "degens" is no "degeneration"
        return full if full and not _ENGLISH_END.search(full) else None

    def clipped(self, word: str) -> str | None:
        """The corpus word that ``word`` is the start of, two letters or more longer, most
        frequent first ("sorc": "sorcerer"); None if there is none."""
        w = word.lower()
        if self._sorted is None:
            with self._index_lock:
                if self._sorted is None:
                    self._sorted = sorted(self.freq)
        words = self._sorted
        best = None
        for i in range(bisect.bisect_left(words, w), len(words)):
            c = words[i]
            if not c.startswith(w):
                break
            if len(c) >= len(w) + 2 and (best is None or self.freq[c] > self.freq[best]):
                best = c
        return best


def _fold(word: str) -> str:
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch)
    )


def _dropped(typed: str, word: str) -> bool:
    """``word`` is ``typed`` with a letter taken out that was not doubled: "inter" for "interm"
    (a letter added by mistake is rarer than one left out), but not "paro" for "parro"."""
    if len(word) != len(typed) - 1:
        return False
    cuts = [i for i in range(len(typed)) if typed[:i] + typed[i + 1 :] == word]
    return bool(cuts) and not any(i > 0 and typed[i - 1] == typed[i] for i in cuts)


_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_AT = {ch: (r, i + 0.5 * r) for r, row in enumerate(_ROWS) for i, ch in enumerate(row)}


def _far_key(typed: str, word: str) -> bool:
    """``word`` is ``typed`` with one letter replaced by one not beside it on the keyboard:
    "mutal" is likelier "mutual" (a letter left out) than "metal" (u for e)."""
    if len(word) != len(typed):
        return False
    diff = [(a, b) for a, b in zip(typed, word, strict=True) if a != b]
    if len(diff) != 1:
        return False
    a, b = (_KEY_AT.get(ch) for ch in diff[0])
    return a is None or b is None or abs(a[0] - b[0]) > 1 or abs(a[1] - b[1]) > 1.0


# Question words mistyped in chat: fixed here, since the corpus alone cannot tell "wher" (where)
# from "when".
_CHAT_FIXES = {
    "wher": "where", "whre": "where", "wehre": "where", "wen": "when", "whn": "when",
    "wat": "what", "wats": "what's", "wht": "what", "waht": "what", "hw": "how", "hwo": "how", "whos": "who's",
    "whats": "what's", "wheres": "where's", "hows": "how's", "r": "are", "u": "you",
    "wich": "which", "whihc": "which", "meny": "many", "mant": "many", "whens": "when's",
    "abt": "about", "bc": "because", "cuz": "because", "tho": "though", "w/": "with",
    # contractions typed without the apostrophe ("wasnt" is not a typo of "want")
    "wasnt": "wasn't", "isnt": "isn't", "arent": "aren't", "werent": "weren't",
    "dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "cant": "can't", "wont": "won't",
    "hasnt": "hasn't", "havent": "haven't", "hadnt": "hadn't", "couldnt": "couldn't",
    "wouldnt": "wouldn't", "shouldnt": "shouldn't", "thats": "that's", "theyre": "they're",
    "im": "I'm", "ive": "I've", "youre": "you're",
    # units as chat shortens them ("how many yds", "how many yrs did he get")
    "yds": "yards", "yd": "yard", "yrs": "years", "yr": "year", "hrs": "hours", "hr": "hour",
    "mins": "minutes", "pts": "points", "wks": "weeks", "mos": "months", "noms": "nominations",
    "tmrw": "tomorrow", "tmr": "tomorrow", "tmrow": "tomorrow",
    "tonite": "tonight", "devs": "developers",
    # a subject clipped ("the chem nobel", "econ prize"), or a title ("the big ten commish")
    "chem": "chemistry", "econ": "economics",
    "commish": "commissioner", "prez": "president", "govt": "government", "mgr": "manager",
}  # fmt: skip


_SUFFIXES = ("ing", "ed", "es", "s", "ers", "er", "ly", "d")


# Laughter and other noises typed in chat: "lmaooo", "hahaha", "ughhh".
_NOISE = re.compile(r"(?:l+m+f?a+o+|l+o+l+|(?:ha)+h?|a+h+|o+h+|u+g+h+|h+m+|w+o+w+)")
# Endings English words take: "veracity", "misrepresentations", "fraudulently", "uncurated" are
# English the tokenizer splits, not names.
_ENGLISH_END = re.compile(
    r"(?:tions?|sions?|ness|ships?|it(?:y|ies)|ments?|ences?|ances?|ous|ives?|i[sz](?:e|es|ed|ing)|"
    r"ly|able|ible|isms?|ists?|ful|less|ical|ary|ery|ory|ency|ancy|ated|ating|ward|wise)$"
    r"|^\w{4,}(?:ing|ed|ic|ies)$"
)
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]{4,}(?=(?:['’]s)?(?![\w'’-]))")


def unknown_words(
    question: str,
    spellers: Sequence[Speller],
    is_word: Callable[[str], bool],
    keep: Sequence[tuple[int, int]] = (),
) -> list[str]:
    """Lowercase words of the (corrected) question that no corpus holds and that are not English
    either: most likely names the articles never mention ("verstappen", "morvathia"), typed the
    way members type names. Not chat words or noises, not a nickname (``keep`` spans), not an
    inflection of an English word, and not a word with an English ending. Only in a question
    typed all in lowercase: one that capitalises has its names found by their capitals."""
    if re.search(r"[A-Z]", re.sub(r"\([^)]*\)", "", question)):  # "(Mark Zuckerberg)" is ours
        return []
    out: list[str] = []

    def known(x: str) -> bool:
        return any(s.known(x) for s in spellers) or is_word(x)

    for m in _LOWER_WORD.finditer(question):
        w = m.group()
        if any(a <= m.start() < b for a, b in keep) or w in _KEEP or w in _CHAT_FIXES:
            continue
        if _NOISE.fullmatch(w) or _ENGLISH_END.search(w):
            continue
        if any(s.known(w) for s in spellers) or any(is_word(b) for b in _bases(w)):
            continue
        if _compound(w, known) or _prefixed(w, known):
            continue  # "raybans", "beatdown": two words run together, as members type them;
            # "unfreeze", "rewatch": an English prefix on a word the articles use
        if w not in out:
            out.append(w)
    return out


_PREFIX = re.compile(r"^(?:un|re|non|pre|mis|dis|over|under|out|co|anti|counter)(?=[a-z]{4})")


def _prefixed(word: str, known: Callable[[str], bool]) -> bool:
    """Whether ``word`` is an English prefix on a known word of four letters or more ("un" and
    "freeze" for "unfreeze")."""
    m = _PREFIX.match(word)
    return m is not None and any(known(b) for b in _bases(word[m.end() :]))


def _compound(word: str, known: Callable[[str], bool]) -> bool:
    """Whether ``word`` is two known words of three letters or more run together ("ray" and
    "bans" for the articles' "Ray-Ban")."""
    return any(
        known(word[:i]) and any(known(b) for b in _bases(word[i:])) for i in range(3, len(word) - 2)
    )


def _bases(word: str) -> list[str]:
    """The word, and what it may be inflected from: "tanked" -> "tank", "stopped" -> "stop",
    "voting" -> "vote"."""
    out = [word]
    for suf in _SUFFIXES:
        stem = word[: -len(suf)]
        if suf == "d" and not stem.endswith("e"):
            continue  # "sued" is "sue" + "d"; "basd" is not "bas" + "d"
        if suf == "ly" and len(stem) < 4:
            continue  # "vally" is "valley" mistyped, not "val" + "ly"
        if word.endswith(suf) and len(stem) >= 3:
            out += [stem, stem + "e"]
            if stem[-1] == stem[-2]:
                out.append(stem[:-1])
        elif word.endswith(suf) and len(stem) == 2 and suf in ("ing", "ed"):
            out.append(stem + "e")  # "axing" -> "axe", "eyed" -> "eye"
    return out


def correct(
    question: str,
    spellers: Sequence[Speller],
    is_word: Callable[[str], bool] = lambda _w: False,
    keep: Sequence[tuple[int, int]] = (),
) -> tuple[str, dict[str, str]]:
    """The question with its typos replaced by corpus words (keeping the typed capitalisation),
    and what was replaced. ``is_word`` says whether a word is ordinary English (the embedding
    model's tokenizer holds it whole): such a word is never "corrected", even when this corpus
    happens not to use it ("thai" is not a typo of "that"). Words inside the ``keep`` character
    ranges are left as typed (the "u" of the nickname "man u" is not "you")."""
    fixes: dict[str, str] = {}

    def fix(m: re.Match[str]) -> str:
        word = m.group()
        if any(a <= m.start() < b for a, b in keep):
            return word
        if word == word.lower() and word in _CHAT_FIXES:  # "u" but never the "U" of "U.S."
            fixes[word] = _CHAT_FIXES[word.lower()]
            return fixes[word]
        if any(s.known(word) for s in spellers):
            return word
        for s in spellers if word.isascii() else ():  # "noe" for "Noé", "pokemon" for "Pokémon"
            if acc := s.accented(word):
                fixes[word] = acc[0].upper() + acc[1:] if word[0].isupper() else acc
                return fixes[word]
        if len(word) < MIN_LEN or any(is_word(b) for b in _bases(word.lower())):
            return word
        if word.lower().endswith("in") and is_word(word.lower() + "g"):  # "playin": g dropped
            fixes[word] = word + "g"
            return fixes[word]
        head, apos, tail = (
            re.split(r"(['’])", word, maxsplit=1) if "'" in word or "’" in word else (word, "", "")
        )
        if (
            apos
            and tail.lower() in _CONTRACTIONS
            and (is_word(head.lower()) or any(s.known(head) for s in spellers))
        ):  # "where's", "didn't", "they'll": a word and its contraction, not a typo
            return word
        # "sweeny's": the name is mistyped, the possessive is not
        stem, end = (head, apos + tail) if apos and tail.lower() == "s" else (word, "")
        for s in spellers:
            sug = s.suggest(stem)
            if sug:
                if word[0].isupper():
                    sug = sug[0].upper() + sug[1:]
                fixes[word] = sug + end
                return fixes[word]
        return word

    fixed = _TOKEN.sub(fix, question)

    def month(m: re.Match[str]) -> str:
        typed = m.group(1) or m.group(2)
        full = _MONTHS[typed.lower()]
        full = full.capitalize() if typed[0].isupper() else full
        fixes[m.group()] = full
        return full

    def figure(m: re.Match[str]) -> str:
        full = _full_figure(m)
        if full != m.group():
            fixes[m.group()] = full
        return full

    return _SHORTHAND.sub(figure, _SHORT_MONTH.sub(month, fixed)), fixes


# "30k", "$5m", "1.5bn", "sq ft": figures and units as chat shortens them (the articles write
# "30,000", "$5 million", "1.5 billion" and "square feet")
_SHORTHAND = re.compile(
    r"(?<![\w.,])([$€£]?)(\d{1,3}(?:\.\d{1,2})?)\s?(k|m|mn|mil|b|bn|bil|tn)\b(?![\w'’-])|\bsq\.?\s?ft\b",
    re.I,
)
_SCALE = {"m": "million", "mn": "million", "mil": "million", "b": "billion", "bn": "billion"}
_SCALE.update(bil="billion", tn="trillion")


def _full_figure(m: re.Match[str]) -> str:
    """The figure ``_SHORTHAND`` matched, written out; "5m" without a currency sign stays (five
    metres, minutes or million)."""
    if m.group(2) is None:
        return "square feet"
    sign, num, unit = m.group(1), m.group(2), m.group(3).lower()
    if unit == "k":
        return f"{sign}{round(float(num) * 1000):,}"
    if unit in ("m", "b") and not sign:
        return m.group()
    return f"{sign}{num} {_SCALE[unit]}"


_MONTHS = {
    "jan": "january", "feb": "february", "mar": "march", "apr": "april", "jun": "june",
    "jul": "july", "aug": "august", "sep": "september", "sept": "september", "oct": "october",
    "nov": "november", "dec": "december",
}  # fmt: skip
# "nov 13", "13 Nov": a month as chat shortens it, beside a day (the articles write it in full)
_SHORT_MONTH = re.compile(
    r"\b(" + "|".join(_MONTHS) + r")\.?(?=\s+\d{1,2}(?:st|nd|rd|th)?\b)"
    r"|(?<=\d\s)(" + "|".join(_MONTHS) + r")\b\.?",
    re.I,
)


_cache: weakref.WeakKeyDictionary[Any, tuple[int, Speller]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def speller_for(corpus: Any) -> Speller:
    """The corpus's speller for its current manifest version (built once per version)."""
    version = corpus.db.version
    got = _cache.get(corpus)
    if got is not None and got[0] == version:
        return got[1]
    with _lock:
        got = _cache.get(corpus)
        if got is not None and got[0] == version:
            return got[1]
        words = getattr(corpus, "word_counts", None)
        if words is not None:
            version, counts = words()
            sp = Speller(counts=counts, earlier=got[1] if got is not None else None)
        else:
            chunks, arts = corpus.rows()
            texts = [c.text for c in chunks.values()] + [a.headline for a in arts.values()]
            sp = Speller(texts)
        _cache[corpus] = (version, sp)
        return sp


def warm_spellers(index: Any) -> None:
    """Build every corpus's speller and its deletes index now (at start-up, in the background),
    so that the first question with an unknown word does not wait for them: about 0.4 s on the
    609 MultiHop-RAG articles on 2 cores, longer on a larger corpus. A corpus that cannot be
    read is left to the question that needs it, which reports it."""
    for name in index.corpus_names():
        try:
            sp = speller_for(index.corpus(name))
            _ = sp.index, sp.accented("")
        except Exception as exc:  # the start-up check has logged what is wrong with it
            log.info("speller for corpus %s not built ahead (%s)", name, exc)
