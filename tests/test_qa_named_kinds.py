"""Who-questions whose answer is a name of a particular kind: a law asked for by "what law", a
body whose short name the question gives, a field's initials that name no one, a closing
"what's his name", and a person named in the possessive after "in"."""

from __future__ import annotations

from bot.qa.question_kind import question_shape
from bot.qa.shape import WHERE, WHO, Span, answer_spans
from bot.qa.span_filter import used_as_kind
from tests.test_qa_extractive import _lead
from tests.test_qa_owner import _rating

ACT = "Orna was named a gatekeeper under the bloc's new competition rulebook, the Fair Markets Act."


def test_a_law_asked_for_is_answered_by_a_name_ending_in_act() -> None:
    assert _lead("which eu law named orna a gatekeeper", ACT) == "Fair Markets Act [1]."
    # asked for a law, the Act counts in full; asked who, it is still no one
    law = _rating("what law named orna a gatekeeper", ACT, "Fair Markets Act")
    who = _rating("who named orna a gatekeeper", ACT, "Fair Markets Act")
    assert law is not None and who is not None and law > 2 * who


def test_a_cup_is_no_answer_to_who_won_it() -> None:
    final = "The Harbour Cup went to Marlow Rovers after Pell Tarrow scored twice in the final."
    # the question says "cup" but asks who won: only "which cup" would ask for the Cup
    won = _rating("who won the harbour cup", final, "Marlow Rovers")
    cup = _rating("who won the harbour cup", final, "Harbour Cup")
    assert won is not None and (cup is None or cup < won)
    assert _rating("which cup did marlow rovers win", final, "Harbour Cup") is not None


def test_a_field_s_initials_are_a_kind_of_thing_not_a_who_answer() -> None:
    sentence = "Orna will train its generative AI models on Tallow Media content."
    for name in ("AI", "GDP", "EVs"):
        assert used_as_kind(sentence, Span(0, len(name), name)), name
    at = sentence.index("Tallow")
    assert not used_as_kind(sentence, Span(at, at + 12, "Tallow Media"))
    ai = _rating("which publisher did orna do a news deal with", sentence, "AI")
    tallow = _rating("which publisher did orna do a news deal with", sentence, "Tallow Media")
    assert ai is not None and tallow is not None and tallow > 2 * ai


def test_a_body_whose_short_name_the_question_gives_is_not_the_answer() -> None:
    from bot.qa.bracketed import short_name_given

    text = (
        "“This is an unfair choice,” said the Halden Consumer Office (HCO) as it filed the "
        "complaint. Mara Voss, deputy director of the HCO, called the offer unfair and illegal."
    )
    assert _lead("who at hco called orna's offer unfair", text) == "Mara Voss [1]."
    body = text.index("Halden")
    assert short_name_given(text, Span(body, body + 22, "Halden Consumer Office"), {"hco"})
    # a tag that follows several names is a side's or a country's, not one name's short name
    table = "1 V Kohli (IND) 765 2 RG Sharma (IND) 597"
    at = table.index("RG")
    assert not short_name_given(table, Span(at, at + 9, "RG Sharma"), {"ind", "aus"})


def test_a_closing_what_s_his_name_asks_who_whatever_the_clause_before_asks() -> None:
    q = "the accounting prof who traced where the money went for the prosecution, what's his name"
    assert question_shape(q) == WHO
    assert question_shape("that guy who said where it happened, whats her name?") == WHO
    assert question_shape("where did the money go") == WHERE


def test_a_person_named_in_the_possessive_after_in_is_who_not_where() -> None:
    sentence = "The letter pointed to the union's role in Les Marr’ appointment as coach."
    assert [s.text for s in answer_spans(sentence, WHO)] == ["Les Marr"]
    # a place in the possessive stays a place
    assert answer_spans("Prices rose in New York's subway.", WHO) == []
    assert answer_spans("It was settled in Lunvik.", WHO) == []


def test_a_name_after_the_is_a_group_when_a_person_is_asked_for() -> None:
    text = (
        "The Marlow Tide have seemingly started to find a groove after a slow start. With Pell "
        "Tarrow out for the year, Jo Marr will start at quarterback against them on Saturday."
    )
    assert _lead("who's startin at qb vs marlow on saturday", text) == "Jo Marr [1]."
    q = "who's the qb for marlow"
    side = _rating(q, "Yesterday, the Orna Tide lost.", "Orna Tide")
    person = _rating(q, "Yesterday, Orna Tide lost.", "Orna Tide")
    assert side is not None and person is not None and side < person


def test_whom_a_side_plays_is_another_side_not_a_person() -> None:
    text = "On Christmas Day the Harbour Kings are scheduled to face the reigning champions, the Orna Bears."
    assert _lead("who are the harbour kings playing on christmas", text) == "Orna Bears [1]."
    from bot.qa.question_kind import OPPONENT_Q

    for q in (
        "who do the chiefs play next",
        "who will the jets be playing",
        "who are utd taking on",
    ):
        assert OPPONENT_Q.search(q), q
    # a player asked for, not an opponent
    for q in ("who's playing fullback for england", "who will be playing qb for the jets"):
        assert not OPPONENT_Q.search(q), q


def test_which_state_does_something_is_answered_by_the_state_named_so() -> None:
    text = "The state of Vermont has long been the country's top maple syrup producer, well ahead of Maine."
    assert _lead("which us state makes the most maple syrup", text) == "Vermont [1]."


def test_a_pronoun_with_its_verb_opening_a_quote_is_no_name() -> None:
    """“We’re buying ...”: a capital after an opening quote mark is where the sentence starts,
    and a contraction ("We’re", "They'll") names no one."""
    quote = "“We’re buying into Halden’s holding company, and Orna is the biggest asset,” he said."
    assert "We’re" not in [s.text for s in answer_spans(quote, WHO)]
    assert "They'll" not in [s.text for s in answer_spans("They'll sign Tarrow next week.", WHO)]
    # a name that opens a quote still counts: it has two words
    assert "Pell Tarrow" in [s.text for s in answer_spans("“Pell Tarrow scored twice.”", WHO)]
    # the sentence's one capitalised first word is skipped after the quote mark as without it
    assert [s.text for s in answer_spans("“Honestly, Pell Tarrow won it.”", WHO)] == ["Pell Tarrow"]


def test_which_kind_asks_for_a_kind_not_a_name() -> None:
    """ "which kind" can learn: a kind of animal, usually written in lower case, not a name."""
    assert question_shape("wait jellyfish can learn stuff now?? which kind") != WHO
    assert question_shape("which type of battery does the orna bike use") != WHO
    assert question_shape("which apple watch models got the ban") == WHO


def test_a_name_of_the_kind_what_asks_for_is_stated() -> None:
    """ "what law" is read as asking for a name but the name is not stated, since after "what" a
    name is the answer less often; a name that says it is of the kind asked ("University of
    Velmar Health" for "what uni") is."""
    study = (
        '"What this study shows is that timing matters," said Dr. Mara Voss, a researcher at '
        "University of Velmar Health who led the sleep study, in a statement to Orna Science."
    )
    assert (
        _lead("orna sleep study, what uni is she at", study) == "University of Velmar Health [1]."
    )
    law = "Orna says the Fair Markets Act lets it charge the fee, Mara Voss told Orna Science."
    assert _lead("what law is orna leaning on", law) is None


def test_a_name_that_says_it_is_the_kind_of_body_asked_for_answers_which() -> None:
    """ "which anime studio made it": "Kessel Studio" says it is a studio; "Orna TV", though it
    holds the film's own name, is not the answer."""
    text = (
        "In 2019 the Orna film series left the continuity of Orna TV to tell its own stories, "
        "and its latest feature was animated by Kessel Studio in Tessary."
    )
    assert _lead("which anime studio made the orna movie", text) == "Kessel Studio [1]."


def test_which_team_is_answered_by_a_side_s_one_word_name_not_its_player() -> None:
    text = (
        "The new man at quarterback for the Harriers, Dale Mercer, keeps producing what they had "
        "with their injured starter, thanks to a stronger running game."
    )
    q = "which nfl team kept producing the same with a new quarterback"
    side = _rating(q, text, "Harriers")
    player = _rating(q, text, "Dale Mercer")
    assert side is not None and player is not None and side > player
    assert _lead(q, text) == "Harriers [1]."


def test_an_event_s_name_is_no_team() -> None:
    text = "Four interceptions sank the Harriers in a 12-10 loss on Monday Night Football."
    q = "which nfl team threw four interceptions"
    event = _rating(q, text, "Monday Night Football")
    side = _rating(q, text, "Harriers")
    assert side is not None and (event is None or event < side)


def test_the_end_of_a_side_s_longer_name_is_not_whole() -> None:
    text = "Ian Foster said the All Blacks would start the same fifteen for the final."
    q = "which rugby team will start the same fifteen"
    blacks = _rating(q, text, "Blacks")
    assert blacks is None or blacks < 0.5
