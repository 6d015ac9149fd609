"""Who stands in the relation a question asks about: whose thing it is ("whose backpass gifted
them the winner": the name that owns it), and whom its verb was done to ("who did they hire":
the name after "hired"), not the names around them. And a name styled by an abbreviated title
("Rep.", "Lt. Gen.") is read without it. Hand-written sentences; the leads go through the
extractive answerer."""

from __future__ import annotations

from bot.qa.relations import done_to, object_verb, whose_words
from bot.qa.shape import WHO, answer_spans
from tests.test_qa_extractive import _lead


def test_the_thing_owned_is_read_up_to_the_verb() -> None:
    assert whose_words("whose backpass gifted the ferrymen the winner last night") == {"backpass"}
    assert whose_words("whose liver did the boy get in his first transplant") == {"liver"}
    assert whose_words("who won the velm cup") == frozenset()


def test_whose_asks_for_the_owner_named_with_s() -> None:
    text = (
        "Arlo Penn pulled the Ferrymen level before the break with a header. Then Tobi Ranke's "
        "blind backpass let Sol Varga in for the winner, which Varga slotted past Milo Dray."
    )
    assert _lead("whose backpass gifted the ferrymen the winner", text) == "Tobi Ranke [1]."


def test_whose_asks_for_the_owner_named_after_of() -> None:
    text = (
        "At Velm Children's Hospital, Dr. Ines Marr gave little Jonah Reed the liver of "
        "3-year-old Ada Quill in 2015."
    )
    assert _lead("whose liver did jonah reed get", text) == "Ada Quill [1]."


def test_an_abbreviated_title_is_read_apart_from_the_name() -> None:
    texts = [sp.text for sp in answer_spans("Retired Army Lt. Gen. Oren Falk told reporters.", WHO)]
    assert "Oren Falk" in texts
    texts = [sp.text for sp in answer_spans("The vote was led by Rep. Ada Kellerman today.", WHO)]
    assert "Ada Kellerman" in texts


def test_the_verb_whose_object_is_asked_for() -> None:
    assert object_verb("who did velm rovers hire as team president") == (
        "hire",
        {"velm", "rover"},
    )
    assert object_verb("which bank did the ferrymen hire to run the sale")[0] == "hire"
    assert object_verb("who did the steelers fire before week 12")[0] == "fire"
    assert object_verb("who did popyrin beat out for the spot")[0] == "beat"
    assert object_verb("who did she say was the culprit")[0] == ""
    assert object_verb("who won the velm cup")[0] == ""


def test_who_did_they_hire_is_the_name_after_hired() -> None:
    text = (
        "Velm Rovers named Ines Marr as crew chief this week, after she left Harrow Racing. "
        "Rovers have also hired Oskar Lund, whose career took in stints at Tamsk Motors and "
        "Harrow Racing, as its new team president."
    )
    assert _lead("who did velm rovers hire as team president", text) == "Oskar Lund [1]."


def test_whom_another_did_it_to_is_not_the_answer() -> None:
    doer = ("knock", frozenset({"paro"}))
    other = "Years before, Barkley knocked out Tomas Hearn in three rounds."
    own = "Paro knocked out Brock Jarvis in the first round last October."
    (hearn,) = [sp for sp in answer_spans(other, WHO) if sp.text == "Tomas Hearn"]
    (jarvis,) = [sp for sp in answer_spans(own, WHO) if sp.text == "Brock Jarvis"]
    assert not done_to(other, hearn, *doer)
    assert done_to(own, jarvis, *doer)


def test_who_plays_a_part_is_the_actor_not_the_part() -> None:
    text = (
        "The sequel is a musical thriller with Oren Falk reprising his role as Tobin Quell, "
        "the clown."
    )
    assert _lead("who's playing the clown in the sequel", text) == "Oren Falk [1]."


def test_a_rookie_asked_for_is_a_person_not_the_city_of_the_team() -> None:
    text = (
        "Matt Stane threw three touchdown passes, Ada Marr became the first Owls rookie "
        "receiver to reach 1,000 yards in a season, and Los Angeles extended their winning "
        "streak to three games."
    )
    assert _lead("which owls rookie went past 1000 receiving yds in the win", text) == (
        "Ada Marr [1]."
    )


def test_a_one_word_name_after_the_questions_noun_is_whom_it_names() -> None:
    text = (
        "When Ansel walks into the bathhouse, the innkeeper Romvi tells him to rest, and the "
        "merchant guild's head Tessaly Marr sends word to Kell Dorran."
    )
    assert _lead("whats the name of the innkeeper who tells ansel to rest", text) == "Romvi [1]."


def test_a_description_after_a_name_says_whom_it_names() -> None:
    text = (
        "Ada Quill, editorial director of the long-running Harrowgate fan site Velm Watch, "
        "told the Herald that Tamsk Games had listened to players of Tamsk Legends."
    )
    assert _lead("who's the velm watch editor the herald quoted", text) == "Ada Quill [1]."


def test_asked_who_takes_over_the_name_coming_into_the_post_answers() -> None:
    text = (
        "Mirela Castan stepped down as chief executive of Quillon on Tuesday after the audit. "
        "Tomas Wendrell will take over as interim CEO, the company said, while chair Ada Quill "
        "praised Castan's eleven years at Quillon."
    )
    assert _lead("who's taking over as quillon ceo now that castan is out", text) == (
        "Tomas Wendrell [1]."
    )
    # the one leaving the post is named with its title, the one coming in is not
    text = "Harrow coach Ines Marr was sacked on Sunday, and Dale Varn will take over the side."
    assert _lead("who's the new harrow coach", text) == "Dale Varn [1]."


def test_who_comes_into_a_post_is_read_from_the_question() -> None:
    from bot.qa.succession import succession_asked

    assert succession_asked("who's the new ceo there")
    assert succession_asked("whos the chargers interim head coach now that staley got canned")
    assert not succession_asked("who scored the winner last night")
    assert not succession_asked("who is velm playing now that the tour is off")


def test_titles_members_ask_for_are_read_as_titles() -> None:
    from bot.qa.roles_asked import roles_asked
    from ingest.keyword import tokenize

    def roles(q: str) -> frozenset[str]:
        return roles_asked(q, set(tokenize(q)))

    assert {"gm", *tokenize("manager")} <= roles("who's the harrow gm now that quill is gone")
    assert {*tokenize("editor editorial")} <= roles("who's the velm watch editor they quoted")
    assert set(tokenize("economist")) <= roles("who's the bank economist behind that note")


def test_whose_side_a_team_is_names_no_player() -> None:
    text = (
        "Harrow lost 1-0 at Ferry Park on Sunday, as Ines Marr's side got the winner through "
        "Sol Varga."
    )
    assert _lead("who got the winner vs harrow at ferry park", text) == "Sol Varga [1]."
    # asked for the coach, the name whose side it is answers
    assert _lead("who coaches the side that beat harrow at ferry park", text) == "Ines Marr [1]."


def test_who_plays_a_part_is_the_name_in_brackets_after_it() -> None:
    """A review introduces its cast in brackets after each part ("Tova (Ines Marr)"): asked who
    plays Tova, the name after her part answers, not the director the sentence also names."""
    text = (
        "Director Halvard Rusk tells the story of Tova (Ines Marr), a ferry pilot in Velm who "
        "leaves her brother Arne (Pell Dorran) behind."
    )
    assert _lead("who plays tova in the velm ferry movie", text) == "Ines Marr [1]."
    assert _lead("who plays arne in the velm ferry movie", text) == "Pell Dorran [1]."
    # asked who directed it, the brackets say nothing
    assert _lead("who directed the velm ferry movie", text) == "Halvard Rusk [1]."


def test_who_plays_a_part_is_who_is_played_by_and_not_who_plays_another() -> None:
    """ "Tova Lind, portrayed by singer Ines Marr," says who plays Tova; "Pell Dorran playing a
    man hired as a night guard" plays a part the question does not name."""
    text = (
        "Velm Ferry borrows from Harbour Night, with Pell Dorran playing a man hired as a night "
        "guard at a ferry terminal. In Velm Ferry we follow Tova Lind, portrayed by singer Ines "
        "Marr, a pilot who leaves the city."
    )
    assert _lead("who plays tova in the velm ferry movie", text) == "Ines Marr [1]."


def test_a_word_capitalised_where_a_line_starts_is_no_one() -> None:
    """ "Tuesday, Oct. 31 First pitch: 8:03 p.m.": "First" opens a line of a live blog's
    schedule; it names no pitcher. "First Republic" still names a bank."""
    text = (
        "Tuesday, Oct. 31 First pitch: 8:03 p.m. ET, Location: Velm Park. "
        "Kade Orlov starts on the mound for the Velm Owls tonight."
    )
    assert _lead("who's pitching for velm tonight", text) == "Kade Orlov [1]."
    spans = [s.text for s in answer_spans("First Republic Bank failed in May.", WHO)]
    assert spans == ["First Republic Bank"]


def test_whom_they_beat_is_said_with_a_win_over_or_against() -> None:
    assert object_verb("which team did the owls beat when ada was at velm park") == (
        "beat",
        frozenset({"owl"}),
    )
    text = "Ilo Marr hugged Kade Orlov after his straight-sets victory over 88th-ranked Sol Varga."
    spans = {sp.text: sp for sp in answer_spans(text, WHO)}
    assert done_to(text, spans["Sol Varga"], "beat", frozenset({"orlov"}))
    assert not done_to(text, spans["Ilo Marr"], "beat", frozenset({"orlov"}))
    assert _lead("who did orlov beat in the velm open semi", text) == "Sol Varga [1]."


def test_the_doer_the_question_names_is_not_whom_it_beat() -> None:
    text = (
        "On 22 October, Ada Lind was back at Velm Park to watch as the Velm City Owls won their "
        "game against the Harbor Ferrymen."
    )
    assert _lead("which team did the owls beat when ada was at velm park", text) == (
        "Harbor Ferrymen [1]."
    )


def test_a_body_is_not_stated_as_the_person_asked_for_unless_sure() -> None:
    guilty = (
        "Dara Venn, also known as “DV,” the founder and CEO of Quillon, is stepping down and has "
        "pleaded guilty to a number of violations brought on through the Aldmere Department of "
        "Justice and other agencies."
    )
    # the only name left is a body's: no one is named as the new ceo, so none is stated
    q = "who's taking over as quillon ceo now that dara venn stepped down this week"
    assert _lead(q, guilty) is None
    # asked which body, it is the answer
    assert _lead("which department did venn plead guilty through", guilty) == (
        "Aldmere Department of Justice [1]."
    )


def test_asked_who_said_it_the_names_in_the_quote_after_said_are_not_the_speaker() -> None:
    """ "Ines Marr, deputy director general of Velm, said:" and then the quote: asked who at Velm
    called it unfair, the speaker answers, not a name inside what she said; asked who gives the
    choice, the name in the quote still does."""
    text = (
        "Consumer groups filed complaints on Thursday.\n"
        "Commenting in a statement, Ines Marr, deputy director general of Velm, said:\n"
        "The choice Hugo Brandt is giving readers of Tamsk Media is unfair and illegal, and they "
        "deserve far better."
    )
    q = "who at velm called tamsk's pay or consent thing unfair and illegal"
    assert _lead(q, text) == "Ines Marr [1]."
    assert _lead("who is giving tamsk media readers an unfair choice", text) == "Hugo Brandt [1]."
