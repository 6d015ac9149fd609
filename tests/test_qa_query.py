"""Reading a question for retrieval (bot/qa/query.py, bot/qa/outlets.py): its parts, each with the
outlets and dates named in it; the keyword text without scaffolding, possessives, outlet names or
dates; capitalised words no article has; outlets named as sources that are not indexed.

NOW is Friday, November 27, 2026, 12:00 UTC (as in test_qa_timeparse.py).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.qa.aliases import expand, expansions
from bot.qa.outlets import match_outlets, unknown_outlets
from bot.qa.query import keyword_text, plan_query, split_parts, unseen_names, written_otherwise
from ingest.keyword import tokenize

NOW = datetime(2026, 11, 27, 12, tzinfo=UTC)
OUTLETS = ["Marrowgate Wire", "Ostry Valley Post", "The Fenwick Lantern"]


def words(text: str) -> set[str]:
    return {w.lower() for w in text.split()}


# --- parts ------------------------------------------------------------------------------------------


def test_each_part_of_a_comparison_keeps_its_own_outlet_and_date() -> None:
    q = (
        "What did the Fenwick Lantern report on November 10 about water rationing in Quillon, "
        "while the Ostry Valley Post reported on November 18 about car washes closing in the city?"
    )
    plan = plan_query(q, OUTLETS, NOW)
    assert plan.outlets == ["The Fenwick Lantern", "Ostry Valley Post"]
    assert plan.time.dates == (date(2026, 11, 10), date(2026, 11, 18))
    first, second = plan.parts
    assert first.outlets == ["The Fenwick Lantern"]
    assert first.dates == (date(2026, 11, 10),)
    assert second.outlets == ["Ostry Valley Post"]
    assert second.dates == (date(2026, 11, 18),)
    assert {"water", "rationing", "quillon"} <= words(first.keywords)
    assert not {"car", "washes"} & words(first.keywords)
    assert {"car", "washes", "closing"} <= words(second.keywords)
    assert not {"rationing", "quillon"} & words(second.keywords)
    for p in plan.parts:
        assert q[p.start : p.start + len(p.text)] == p.text


def test_parts_split_on_and_did_with_an_outlet_each() -> None:
    q = (
        "Did the Ostry Valley Post report that car washes closed, and did Marrowgate Wire say "
        "farmers wanted an exemption?"
    )
    plan = plan_query(q, OUTLETS, NOW)
    assert [p.outlets for p in plan.parts] == [["Ostry Valley Post"], ["Marrowgate Wire"]]
    assert [p.dates for p in plan.parts] == [(), ()]


def test_a_part_too_thin_to_search_joins_its_neighbour_with_its_outlets_and_dates() -> None:
    # "what did the Fenwick Lantern say on November 10" has nothing to search for on its own.
    q = (
        "What did the Fenwick Lantern say on November 10, while the Ostry Valley Post reported "
        "that Quillon's car washes were closed during the water rationing?"
    )
    plan = plan_query(q, OUTLETS, NOW)
    assert len(plan.parts) == 1
    (p,) = plan.parts
    assert p.outlets == ["The Fenwick Lantern", "Ostry Valley Post"]
    assert p.dates == (date(2026, 11, 10),)


def test_split_parts_offsets_and_what_is_not_split() -> None:
    q = "Who found the Hollin comet, and who won the Teasdale chess championship on Saturday?"
    parts = split_parts(q)
    assert len(parts) == 2
    for off, text in parts:
        assert q[off : off + len(text)] == text
    assert parts[0][1] == "Who found the Hollin comet"
    # A relative clause or a plain question is one part.
    assert len(split_parts("Who won the Teasdale championship, which went to a tiebreak?")) == 1
    assert split_parts("How low did the Dunmere reservoir fall?") == [
        (0, "How low did the Dunmere reservoir fall?")
    ]
    # A tiny fragment joins its neighbour instead of standing alone.
    assert len(split_parts("Who found the Hollin comet, and when?")) == 1


# --- keyword text -----------------------------------------------------------------------------------


def test_keyword_text_drops_scaffolding_words() -> None:
    kw = keyword_text("What did the article report about the reservoir, according to the story?")
    assert words(kw) == {"what", "the", "about", "reservoir", "to"}
    kw = keyword_text("Which outlet published coverage that mentioned the desalination plant?")
    assert words(kw) == {"that", "the", "desalination", "plant"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quillon's reservoir", "Quillon reservoir"),
        ("the board’s chair", "the board chair"),  # a typographic apostrophe
        ("farmers' exemption", "farmers exemption"),
        ("the council's plant isn't cheap", "the council plant isn't cheap"),
    ],
)
def test_keyword_text_strips_possessives_only(text: str, expected: str) -> None:
    assert keyword_text(text) == expected


def test_outlet_names_and_dates_are_not_keywords() -> None:
    q = "What did The Fenwick Lantern's report say about the Dunmere reservoir on November 24, 2026?"
    plan = plan_query(q, OUTLETS, NOW)
    assert plan.outlets == ["The Fenwick Lantern"]
    assert plan.time.dates == (date(2026, 11, 24),)
    kw = words(plan.keywords)
    assert {"dunmere", "reservoir"} <= kw
    assert not {"fenwick", "lantern", "lantern's", "november", "24", "2026", "report"} & kw
    assert plan.keywords.split()[:2] == ["What", "say"]  # the outlet's "The" went with it


@pytest.mark.parametrize(
    ("question", "phrase"),
    [
        ("What happened with the Quillon water rationing last week?", "last week"),
        ("What happened with the Quillon water rationing yesterday?", "yesterday"),
        ("What has happened with the Quillon water rationing since Monday?", "since Monday"),
        ("What happened with the Quillon water rationing in November?", "in November"),
        ("What happened with the Quillon water rationing this month?", "this month"),
        ("What did the Quillon council decide on Thursday?", "on Thursday"),
    ],
)
def test_a_relative_time_phrase_is_a_filter_not_keywords(question: str, phrase: str) -> None:
    # "since Monday" must not match "on Monday" in an article from the week before.
    plan = plan_query(question, OUTLETS, NOW)
    assert plan.time.active
    assert plan.time.span is not None
    s, e = plan.time.span
    assert question[s:e].lower() == phrase.lower()
    for w in phrase.lower().split():
        assert w not in words(plan.keywords)
        assert all(w not in words(p.keywords) for p in plan.parts)
    assert "quillon" in words(plan.keywords)


def test_a_question_without_time_keeps_its_day_words() -> None:
    plan = plan_query("Why is Monday the busiest day at the car washes?", OUTLETS, NOW)
    assert not plan.time.active
    assert plan.time.span is None
    assert "monday" in words(plan.keywords)


# --- names no article has ---------------------------------------------------------------------------


def _known(vocab: str):
    toks = set(tokenize(vocab))
    return lambda t: t in toks


KNOWN = _known("Quillon Dunmere reservoir Idris Marlowe council water rationing")


def test_unseen_names_are_the_capitalised_words_the_corpus_lacks() -> None:
    q = "What did Ysolde Parrish tell Idris Marlowe about the Dunmere reservoir?"
    assert unseen_names(q, OUTLETS, KNOWN) == ["Ysolde", "Parrish"]


def test_an_unseen_name_is_listed_once_possessive_or_not() -> None:
    q = "What did Ysolde Parrish say, and what is Parrish's role at the Quillon council?"
    assert unseen_names(q, OUTLETS, KNOWN) == ["Ysolde", "Parrish"]


@pytest.mark.parametrize(
    "question",
    [
        "Tell me about the Quillon water rationing.",
        "Summarise the Dunmere reservoir coverage.",
        "I follow the drought. Explain why the Dunmere reservoir runs low.",
        "Quillon rationing: Describe it.",
        "“Outline the rationing,” my editor said. What does Quillon do?",
    ],
)
def test_a_sentence_initial_word_is_not_a_name(question: str) -> None:
    assert unseen_names(question, OUTLETS, KNOWN) == []


def test_a_marked_name_counts_even_at_a_sentence_start() -> None:
    # "FIFA", "iPhone": capitals inside the word say it is a name wherever it stands.
    assert unseen_names("FIFA fined Quillon?", OUTLETS, KNOWN) == ["FIFA"]
    assert unseen_names("iPhone sales in Quillon?", OUTLETS, KNOWN) == []  # lower-case start
    assert unseen_names("Did Quillon ban the McAllister plan?", OUTLETS, KNOWN) == ["McAllister"]


def test_a_word_of_a_nickname_s_full_name_is_unseen_only_if_the_name_is_nowhere() -> None:
    # "OM" is read as "Olympique de Marseille"; articles that write "Marseille" hold the club
    q, added = expand("who did OM just bring in as coach")
    assert added == ["Olympique de Marseille"] and expansions(q) == added
    assert expansions("who did Ada (a striker) sign for") == []
    holds_city = _known("Marseille coach Gattuso")
    assert unseen_names(q, OUTLETS, holds_city) == ["Olympique"]
    assert written_otherwise("Olympique", expansions(q), holds_city)
    # with neither word in the corpus, or a name the member typed, the name stays unseen
    assert not written_otherwise("Olympique", expansions(q), KNOWN)
    assert not written_otherwise("Ysolde", expansions(q), holds_city)


def test_sports_nicknames_are_searched_with_the_names_articles_use() -> None:
    assert expand("who's starting at qb for cincy now")[1] == ["Cincinnati"]
    assert expand("how many yards did kittle have the last time the niners played")[1] == ["49ers"]
    assert expand("where are the poms playing india next")[1] == ["England"]
    assert expand("who coaches the dees")[1] == ["Melbourne Demons"]
    # everyday words stay as typed: "pats on the back", "kiwis and mangoes"
    assert expand("he got pats on the back for the kiwis he grew")[1] == []


def test_outlet_names_are_not_unseen_names() -> None:
    q = "What did the Ostry Valley Post and Reuters say about the Quillon water rationing?"
    assert unseen_names(q, OUTLETS, KNOWN) == []


# --- outlets ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("What did the Fenwick Lantern say?", ["The Fenwick Lantern"]),
        ("What did The Fenwick Lantern's reporter say?", ["The Fenwick Lantern"]),
        ("what did the ostry valley post say?", ["Ostry Valley Post"]),
        (
            "Did Marrowgate Wire and the Ostry Valley Post agree?",
            ["Marrowgate Wire", "Ostry Valley Post"],
        ),
        ("Did the valley flood near the Fenwick lighthouse?", []),
    ],
)
def test_named_outlets_in_question_order(question: str, named: list[str]) -> None:
    assert match_outlets(question, OUTLETS) == named
    assert plan_query(question, OUTLETS, NOW).outlets == named


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        (
            "According to a Bloomberg article, how low did the Dunmere reservoir fall?",
            ["Bloomberg"],
        ),
        ("What did the Financial Times report about Quillon?", ["Financial Times"]),
        ("Did Reuters report that the reservoir fell?", ["Reuters"]),
        ("What did Bloomberg say about the Dunmere reservoir?", ["Bloomberg"]),
        ("Reuters reported that the reservoir fell; is that right?", ["Reuters"]),
        ("Has CNN said anything about Quillon?", ["CNN"]),
        # Named, but not as the source.
        ("What did Bloomberg's founder say about water?", []),
        ("Is there a Bloomberg terminal in Quillon?", []),
        ("What did the Fenwick Lantern say about CNN?", []),
        ("Is it time for rationing in Quillon?", []),
        # what someone gave an outlet, which the indexed outlets may report on
        ("when did quillon's bloomberg interview come out", []),
        ("what did she say in her cnn interview", []),
        ("how many views did the clip of the sky news interview get", []),
        ("was the bbc interview with the quillon mayor aired", []),
        # the channel a game or show is on, even after a word that names coverage
        ("what did the coverage say, and how many watched the quillon game on cnn", []),
        ("the final airs on the BBC, what did the article say about the lineup", []),
        ("What did the report on CNN say about Quillon?", ["CNN"]),
        # Indexed: never unknown.
        ("According to a Marrowgate Wire article, why are farmers unhappy?", []),
    ],
)
def test_unknown_outlets_named_as_sources(question: str, unknown: list[str]) -> None:
    assert unknown_outlets(question, OUTLETS) == unknown
    assert plan_query(question, OUTLETS, NOW).unknown == unknown


def test_an_outlet_the_corpus_holds_is_not_unknown() -> None:
    q = "According to a Reuters report, how low did the reservoir fall?"
    assert unknown_outlets(q, OUTLETS) == ["Reuters"]
    assert unknown_outlets(q, [*OUTLETS, "Reuters"]) == []
    assert plan_query(q, [*OUTLETS, "Reuters"], NOW).outlets == ["Reuters"]


def test_lowercase_initials_are_named_by_a_name_with_or_without_its_of() -> None:
    from bot.qa.query import lower_initials_named

    texts = [
        "Shares in Bank of Queensland fell 6.9 per cent after the Reserve Bank of Australia "
        "held rates, and the Department of Justice said nothing."
    ]
    for typed in ("boq", "rba", "doj"):
        assert lower_initials_named(typed, texts), typed
    assert not lower_initials_named("bqx", texts)
    assert not lower_initials_named("sib", texts)  # "Shares in Bank": "in" links no name
    assert not lower_initials_named("of", texts)  # three or four letters only
    assert not lower_initials_named("BOQ", texts)  # capitals are ``initials_named``'s


def test_an_acronym_is_named_by_the_initials_of_a_run_of_capitalised_words() -> None:
    from bot.qa.query import initials_named

    texts = ["Browns QB Dorian Thompson-Robinson left with a concussion."]
    assert initials_named("DTR", texts)
    assert not initials_named("DTX", texts)
    assert not initials_named("DT", texts)  # two letters match too much to count
    assert not initials_named("dtr", texts)


def test_a_short_form_of_initials_and_a_number_is_named_by_the_words_it_stands_for() -> None:
    """ "d4 s2" is how members write "Diablo 4 season 2"; a date is never what it stands for,
    and one mention could be chance."""
    from bot.qa.query import numbered_named

    text = (
        "Velmcraft 4 season 2 opens Tuesday. In Velmcraft 4 Season 2 the Ember Hunt returns; "
        "Orna Gate 3 and Orna's Gate 3 both sold out on December 4 and Dec 4."
    )
    assert numbered_named("v4", text) and numbered_named("s2", text)
    assert numbered_named("og3", text)
    assert not numbered_named("d4", text)  # "December 4", "Dec 4"
    assert not numbered_named("s4", text) and not numbered_named("v5", text)
    assert not numbered_named("e1", "The Ember 1 launched.")  # once
    assert not numbered_named("velm", text)  # no number: not such a short form


def test_a_network_glued_to_a_generic_word_is_named_by_its_initials() -> None:
    # "CBSSports.com" indexed: "cbs said" names it, and CBS is not an outlet missing from the index
    q = "which edge rusher was ruled out for wk 5, cbs said their pass rush takes a hit"
    assert unknown_outlets(q, ["CBSSports.com", "Sporting News"]) == []
    assert match_outlets(q, ["CBSSports.com", "Sporting News"]) == ["CBSSports.com"]
    assert "CBS" in unknown_outlets(q, ["Sporting News"])  # without it, CBS is missing
    assert match_outlets("what did kqv report on the flood", ["KQVNews"]) == ["KQVNews"]
    # a longer run of capitals before the word is a name of its own, not initials
    assert match_outlets("what did tech report", ["TechCrunch"]) == []
