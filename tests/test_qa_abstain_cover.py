"""When every topic word of a question is in the best articles and one of them holds most of
it, the abstention model must be surer before it says the articles don't cover the question
(the words a member types for what an article names otherwise, "come in" for "set out", are
then what lowered its cover). Hand-written passages, the shipped model. Also: which words after
"storm" name one."""

from __future__ import annotations

from bot.qa.abstain import (
    PARTIAL_COVER,
    PARTIAL_COVER_THRESHOLD,
    AbstainPolicy,
    signals,
)
from bot.qa.events import event_in, event_phrases, fold
from bot.qa.retrieve import Query, Retrieval
from bot.qa.types import Passage

RULES = (
    "The Quillon regulator first set out its AIF rules for alternative investment funds in 2012. "
    "The rules were tightened last year after complaints from investors."
)
BROKERS = "Vexley brokers say the regulator's rules came in slowly, and came into force in stages."
DF = {"quillon": 3, "regul": 40, "rule": 60, "aif": 4, "year": 300, "come": 200, "came": 200}
Q = "what year did the quillon regulator's aif rules come in"


def _retrieval(dense: float, second: bool = True) -> Retrieval:
    a = Passage("c1", "a1", "news", RULES, 0, len(RULES), "Fund rules", None, None, None, True,
                dense=dense)  # fmt: skip
    b = Passage("c2", "a2", "news", BROKERS, 0, len(BROKERS), "Brokers", None, None, None, True,
                dense=dense - 0.05)  # fmt: skip
    return Retrieval(
        Query("q"), [a, b] if second else [a], doc_freq=lambda t: DF.get(t, 5), n_chunks=500
    )


def test_most_of_the_topic_in_one_best_article_raises_the_bar_for_abstaining() -> None:
    policy = AbstainPolicy()
    assert policy.model is not None
    r = _retrieval(0.3)
    sig = signals(Q, r)
    assert PARTIAL_COVER <= sig["cover"] < 0.999 and sig["rare_missing"] == 0.0
    p = policy.model.p_not_covered(sig)
    # the model alone would abstain; with the topic held, it answers
    assert policy.model.threshold < p < PARTIAL_COVER_THRESHOLD
    assert not policy.decide(Q, r).abstain
    # the bar is raised, not removed: far enough in meaning, it still abstains
    far = _retrieval(0.1)
    assert policy.model.p_not_covered(signals(Q, far)) > PARTIAL_COVER_THRESHOLD
    assert policy.decide(Q, far).abstain


def test_a_topic_word_no_best_article_holds_keeps_the_models_own_bar() -> None:
    # without the brokers' article no best article says "come": that word is missing
    policy = AbstainPolicy()
    assert policy.model is not None
    r = _retrieval(0.3, second=False)
    sig = signals(Q, r)
    assert sig["rare_missing"] > 0.0
    assert policy.decide(Q, r).abstain == (policy.model.p_not_covered(sig) > policy.model.threshold)


def test_a_storm_is_named_by_a_name_not_by_the_word_after_it() -> None:
    """ "storm babet" names a storm; in "the solar storm they found", "they" names none, so the
    question is not read as asking about a storm called "they" that no article mentions."""
    assert event_phrases("how bad was storm babet") == ["storm babet"]
    assert event_phrases("did hurricane otis hit acapulco") == ["hurricane otis"]
    assert event_phrases("that ancient solar storm they found in tree rings") == []
    assert event_phrases("the solar storm it caused, how big was it") == []
    assert event_phrases("was the storm system bad") == []


def test_a_classic_or_a_masters_named_in_lowercase_is_an_event() -> None:
    """ "the heritage classic", "the shanghai masters": a tournament by its name, which a best
    article must hold as one phrase; a lone "classic" or someone's "masters degree" is none."""
    assert event_phrases("who won the heritage classic, flames or oilers") == ["heritage classic"]
    assert event_phrases("who won the shanghai masters in october") == ["shanghai masters"]
    assert event_phrases("who took the orna invitational") == ["orna invitational"]
    assert event_phrases("is that film a classic") == []
    assert event_phrases("did she finish her masters degree") == []


def test_an_award_show_or_a_pageant_named_in_lowercase_is_an_event() -> None:
    """ "the latin grammys", "miss universe": an article about the Grammys or a universe of
    films does not cover them; "the oscars" alone is the awards any article about them names,
    and a member who "will miss world cup games" names no pageant."""
    assert event_phrases("album of the year at the latin grammys?") == ["latin grammys"]
    assert event_in("latin grammys", "she swept the latin grammy awards in seville")
    assert not event_in("latin grammys", "she won four grammy awards in february")
    assert event_phrases("who won best actor at the oscars") == []
    assert event_phrases("who won miss universe this year") == ["miss universe"]
    assert not event_in("miss universe", "the studio's shared universe of hero films")
    assert event_phrases("will she miss world cup games with the injury") == ["world cup"]


def test_what_was_won_in_a_year_is_named_by_the_words_before_the_year() -> None:
    """ "who won i'm a celeb 2023": a show by its name, which an article about celebrities'
    weddings does not hold; a phrase the event words already read is not added twice."""
    assert event_phrases("who won i'm a celeb 2023") == ["i'm a celeb"]
    assert event_phrases("who won bake off in 2023") == ["bake off"]
    assert event_phrases("who won mls cup 2023") == ["mls cup 2023"]
    assert event_phrases("who won game 7 in 2023") == []


def test_a_code_name_with_a_figure_is_one_thing_a_best_article_must_hold() -> None:
    """ "aditya-l1": a mission by its code name, which an article about someone called Velta
    does not hold; "pac-12" is the league an article writes "Pac-12"."""
    assert event_phrases("when did orna launch velta-l2, the sun probe") == ["velta l2"]
    assert event_in("velta l2", "the agency launched velta-l2 on saturday")
    assert not event_in("velta l2", "the velta family booked an orna cruise")
    assert event_phrases("did they snap that pac-12 losing streak") == ["pac 12"]


def test_a_code_typed_as_initials_and_a_figure_is_held_by_the_name_in_full() -> None:
    """ "the ta-35": the article writes the index out, "the Tel Aviv 35"."""
    assert event_phrases("how much did the ta-35 drop that week") == ["ta 35"]
    assert event_in("ta 35", "the main index, the tel aviv 35, fell 6.4% over the week")
    assert not event_in("ta 35", "the main index, the tel aviv 125, fell 6.4% over the week")


def test_chat_words_for_out_of_and_sort_of_are_no_topic_words() -> None:
    """ "how much outta him lmao": "outta" is chat for "out of", so no article lacking it is a
    reason to say the question is not covered."""
    from bot.qa.abstain import key_terms

    assert key_terms("vexa got how much outta tomas brill in arbitration lmao") == [
        "vexa",
        "toma",
        "brill",
        "arbitr",
    ]


def test_a_player_who_scored_asks_no_result_but_the_score_does() -> None:
    """ "what minute did coman score vs utd": a goal, not how a game ended, so a report that
    states no result still answers it; "what's the score" and "final score" ask the result."""
    from bot.qa.abstain import key_terms, outcome_missing

    bodies = ["Kell Moran scored in the 71st minute, sprinting through the Ardley defence."]
    df = {"minut": 50, "kell": 2, "moran": 2, "ardley": 3}.get

    def missing(q: str) -> float:
        return outcome_missing(q, key_terms(q), bodies, lambda t: df(t, 10))

    assert "vs" not in key_terms("what minute did moran score vs ardley")
    assert missing("what minute did moran score vs ardley") == 0.0
    assert missing("kell moran's team vs ardley, what's the score") == 1.0
    assert missing("final score moran's side vs ardley?") == 1.0


def test_an_outcome_far_from_the_thing_asked_about_states_no_outcome_of_it() -> None:
    """ "who took home the velm trophy": a sentence that names the trophy and, a clause later,
    a game some side won states how the game went, not who took the trophy; one that says who
    won the trophy does."""
    from bot.qa.abstain import key_terms, outcome_missing

    far = (
        "The Harriers have Velm Trophy candidate Tove Ahl, a quick and fearless passer with "
        "a fine arm, and she was the difference when Brakstad City beat Osk United 20-12."
    )
    near = "Tove Ahl won the Velm Trophy on Saturday night in Brakstad."
    df = {"velm": 2, "trophi": 5}.get

    def missing(bodies: list[str]) -> float:
        q = "who took home the velm trophy this year"
        return outcome_missing(q, key_terms(q), bodies, lambda t: df(t, 10))

    assert missing([far]) == 1.0
    assert missing([far, near]) == 0.0


def _one(text: str, df: dict[str, int], dense: float = 0.35) -> Retrieval:
    p = Passage("c1", "a1", "news", text, 0, len(text), "Rates", None, None, None, True,
                dense=dense)  # fmt: skip
    return Retrieval(Query("q"), [p], doc_freq=lambda t: df.get(t, 0), n_chunks=30)


def test_a_phrase_said_in_other_words_covers_its_second_word_the_corpus_never_writes() -> None:
    text = "Harrow Mutual said it would cut its mortgage rates after the central bank's move."
    df = {"harrow": 2, "mortgag": 3, "rate": 6, "central": 2, "bank": 5, "move": 4, "cheaper": 0}
    sig = signals("are home loans at harrow getting cheaper", _one(text, df))
    # "home loans" is "mortgage": neither word is missing ("cheaper" is "cut" in no table)
    assert sig["unknown_missing"] == 1.0
    sig = signals("strings attached to the permit", _one("The licence comes with conditions.", {}))
    assert sig["cover"] == 1.0 and sig["unknown_missing"] == 0.0


def test_a_phrases_second_word_the_corpus_writes_keeps_its_own_reading() -> None:
    # "said no": "voted against" covers "said", and "no", which the corpus writes, stays missing
    text = "Two members of the committee voted against the cut."
    df = {"no": 40, "committe": 3, "cut": 5, "vote": 4, "unanim": 0}
    sig = signals("the vote wasnt unanimous, who said no", _one(text, df))
    assert sig["known_missing"] > 0.0


def test_a_name_typed_without_its_accent_is_the_name_the_article_writes() -> None:
    assert fold("Pokémon Café") == "Pokemon Cafe"
    body = "By the time the 2023 Pokémon World Championships rolled around, Yokohama was ready."
    assert event_in("2023 pokemon world championships", body.lower())
    df = {"pokemon": 1, "pokémon": 3, "world": 90, "championship": 40, "held": 60, "2023": 500}
    sig = signals("where were the 2023 pokemon world championships held", _one(body, df))
    assert sig["event_missing"] == 0.0 and sig["unknown_missing"] == 0.0


def test_a_chiefs_title_typed_short_is_the_title_written_out() -> None:
    text = "Kell became Quillon's chief creative officer in 2006, after a decade at Brack."
    df = {"kell": 2, "quillon": 5, "chief": 30, "creativ": 4, "offic": 40, "cco": 0}
    sig = signals("when did kell become quillon's cco", _one(text, df))
    assert sig["unknown_missing"] == 0.0 and sig["cover"] == 1.0


def test_a_result_of_another_cup_is_no_result_of_the_cup_asked_about() -> None:
    """ "who won the brenna cup": a report on a cricket cup that says which side "won the Cup"
    states no result of the Brenna Cup; a report that names the Brenna Cup, even as "the cup"
    with "brenna" elsewhere, may."""
    from bot.qa.abstain import key_terms, outcome_missing

    q = "who won the brenna cup this year"
    other = "Tasmir won the Cup by 40 runs, their second cup title in four years."
    named = "Orla Town lifted the trophy. Brenna side Orla Town won the cup 2-1 at Kessel Park."
    df = {"brenna": 3, "cup": 9}.get

    def missing(bodies: list[str]) -> float:
        return outcome_missing(q, key_terms(q), bodies, lambda t: df(t, 10), event_phrases(q))

    assert event_phrases(q) == ["brenna cup"]
    assert missing([other.lower()]) == 1.0
    assert missing([other.lower(), named.lower()]) == 0.0


def test_a_time_before_an_event_is_no_word_of_its_name() -> None:
    """ "last night's world series": the World Series, not a series called "night's world"."""
    assert event_phrases("final score of last night's world series game?") == ["world series"]
    assert event_phrases("who won sunday's orna invitational") == ["orna invitational"]


def test_a_league_by_its_name_is_an_event_the_best_articles_must_hold() -> None:
    """ "who won the varn super league title": a league named in lowercase, by the two words
    that name it ("streams kings league games": the Kings League, not "streams kings")."""
    assert event_phrases("who won the varn super league title this season") == ["super league"]
    assert event_phrases("which ex player streams kings league games") == ["kings league"]
    assert event_phrases("what happened in the league last night") == []
    r = _one("Orla Town won the Premier League title on Sunday, two points clear.", {"leagu": 5})
    assert signals("who won the varn super league title", r)["event_missing"] == 1.0
    assert signals("who won the premier league title", r)["event_missing"] == 0.0
    assert event_phrases("did kane score his ninth league goal from the spot") == []
    assert event_phrases("is everton better placed in its respective league") == []


def test_a_title_held_from_before_states_no_result() -> None:
    """ "final score of harriers vs kestrels": "the Harriers face the reigning champions, the
    Kestrels" describes a side; it states no result of the game asked about."""
    from bot.qa.abstain import key_terms, outcome_missing

    q = "final score of harriers vs kestrels on sunday"
    preview = "On Sunday the Harriers face the reigning champions, the Kestrels, at Velm Park."
    result = "The Harriers beat the Kestrels 3-1 on Sunday at Velm Park."
    df = {"harrier": 2, "kestrel": 2}.get

    def missing(bodies: list[str]) -> float:
        return outcome_missing(q, key_terms(q), bodies, lambda t: df(t, 10))

    assert missing([preview.lower()]) == 1.0
    assert missing([preview.lower(), result.lower()]) == 0.0
    # "first-time champions" may be how it went
    assert (
        missing(["the harriers are first-time champions after sunday's final with the kestrels."])
        == 0.0
    )
