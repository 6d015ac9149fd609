"""Whose a title is, and who did what the question asks, for who-questions."""

from __future__ import annotations

from bot.qa.owner import other_owner, role_owner
from bot.qa.roles_asked import roles_asked
from bot.qa.shape import Span
from bot.qa.synonyms import words
from tests.test_qa_extractive import _lead

TRIAL = (
    "Kestrel lead attorney Mara Voss opened the trial by calling Orna a gatekeeper of its app "
    "store. “Phones and stores compete,” argued Pell Tarrow, Orna's lead attorney, in reply."
)


def _owner(q: str) -> str:
    return role_owner(q, roles_asked(q, set(words(q))))


def test_whose_title_is_read_from_a_possessive_or_an_of() -> None:
    assert _owner("who is ornas lead attorney") == "orna"
    assert _owner("who is orna's lead attorney") == "orna"
    assert _owner("who is the ceo of kestrel") == "kestrel"
    assert _owner("who is the head of the fed") == "fed"
    # no body named: "his", "the company", a title alone
    assert _owner("who is his lawyer") == ""
    assert _owner("who is the ceo of the company") == ""
    assert _owner("who is the defense attorney") == ""


def test_the_same_title_of_the_other_side_is_not_the_answer() -> None:
    assert _lead("who is ornas lead attorney in the kestrel v orna trial", TRIAL) == (
        "Pell Tarrow [1]."
    )
    assert _lead("who is kestrel's lead attorney", TRIAL) == "Mara Voss [1]."


def test_a_name_after_a_noun_and_by_is_no_doer_of_the_question_s_verb() -> None:
    game = (
        "The Christmas Eve game between Orna and Marlow was expected to be a solid victory by "
        "Marlow against a side that had won just three games. In a game of late turnovers, Orna "
        "kicker Pell Tarrow hit a 56-yard field goal with three seconds left."
    )
    # "victory" is like "winner", but "a victory by Marlow" says nothing of who kicked it
    assert _lead("who nailed the game winner for orna on christmas eve", game) == (
        "Pell Tarrow [1]."
    )
    # the question's own verb before "by" names the doer
    series = "Harbour Lights, the new series directed by Mara Voss, starts on Friday."
    assert _lead("who directed harbour lights", series) == "Mara Voss [1]."


def _rating(q: str, sentence: str, name: str) -> float | None:
    from bot.qa.answer_kind import Asked
    from bot.qa.shape import WHO
    from bot.qa.synonyms import synonyms

    toks = set(words(q))
    ask = Asked.read(q, WHO, toks, {t: synonyms(t) for t in toks})
    return dict((sp.text, w) for sp, w in ask.rate(sentence, lambda _: 0.0)).get(name)


def test_a_title_that_styles_the_next_name_is_not_the_role_of_the_one_before() -> None:
    banned = "The Orna League announced Kestrel coach Pell Tarrow will be banned from the sideline."
    # "coach" is Pell Tarrow's title: the league gains nothing from it for "who coached"
    assert _rating("who coached kestrel", banned, "Orna League") == _rating(
        "who led kestrel", banned, "Orna League"
    )
    # a title after a name, set off as its apposition, is still its role
    fined = "The Orna League fined Mara Voss, the Kestrel coach, on Monday."
    coached = _rating("who coached kestrel", fined, "Mara Voss")
    led = _rating("who led kestrel", fined, "Mara Voss")
    assert coached is not None and led is not None and coached > led


def test_who_was_the_doer_of_something_asks_for_that_role() -> None:
    assert roles_asked("who was the auctioneer at the orna auction", set()) == {"auction"}
    # a relative is not a role: "the father of her boys" is no "her father"
    assert roles_asked("who's the father of vell's two boys", set()) == frozenset()
    lot = (
        "Fans packed the Orna auction hall on Tuesday. A lucky fan Kade Holm will help the "
        "auctioneer Mara Voss through the last lot."
    )
    assert _lead("who was the auctioneer at the orna auction", lot) == "Mara Voss [1]."


def test_a_title_set_after_the_name_says_whose_it_is() -> None:
    robots = (
        "Walking is not the hardest part of building a humanoid robot, said Mara Voss, "
        "co-founder and CEO of the Lisbon-based robot startup Orna Labs. "
        "Demand for warehouse robots is huge, said Kestrel Robotics CEO Pell Tarrow."
    )
    # Mara Voss is a CEO, and her sentence shares more of the question's words; but of Orna
    assert _lead("who is the ceo of kestrel, the humanoid robot startup", robots) == (
        "Pell Tarrow [1]."
    )
    assert _lead("who is the ceo of orna labs, the humanoid robot startup", robots) == (
        "Mara Voss [1]."
    )
    fired = "Pell Tarrow was fired as chief executive of Orna on Friday."
    name = Span(0, 11, "Pell Tarrow")
    roles = roles_asked("who is the ceo of kestrel", {"ceo", "kestrel"})
    assert other_owner(fired, name, roles, "kestrel")
    assert not other_owner(fired, name, roles, "orna")
    assert not other_owner("Pell Tarrow, the chief executive of the company.", name, roles, "orna")


def test_a_description_after_the_name_says_what_it_stands_under_or_is() -> None:
    panel = (
        "Kade Holm warned that the rules came too late for the Velm tram strike. "
        "Mara Voss, deputy director of the Orrin Transport Institute, said the tram "
        "rules would not end the strike."
    )
    # "the orrin guy": the institute is past the few words after her name
    assert _rating("which orrin guy weighed in on the tram rules", panel, "Mara Voss") > (
        _rating("which lawyer weighed in on the tram rules", panel, "Mara Voss") or 0.0
    )
    assert _lead("which orrin guy weighed in on the tram rules", panel) == "Mara Voss [1]."
    # a title deep in the description is her role
    board = (
        "Kade Holm praised the deal. Mara Voss, a former banker who now serves as the "
        "tram company's chief financial officer, called it fair."
    )
    assert _rating("who is the cfo", board, "Mara Voss") > _rating(
        "who is the driver", board, "Mara Voss"
    )


def test_a_description_may_open_on_the_name_of_a_body() -> None:
    from bot.qa.around import description
    from bot.qa.owner import described

    quoted = (
        "“Too many startups lean on one lab's models,” Mara Voss, Halden University computer "
        "science professor and Tallow CEO, told reporters in an email."
    )
    at = quoted.index("Mara Voss")
    desc = described(quoted, Span(at, at + 9, "Mara Voss"))
    assert desc[-2:] == ["Tallow", "CEO"], desc
    fired = (
        "In a surprise move on Friday, the board of Orna fired Pell Tarrow as CEO of Orna, the "
        "startup behind the Lumen chatbot, over startups leaning on its models."
    )
    question = "who's the tallow ceo quoted about startups leaning too hard on orna"
    assert _lead(question, fired, quoted) == "Mara Voss [1]."
    # not a clause after a date or a name: "On 16 November, Netflix dropped ...,"
    for clause in (
        "On 16 November, Netflix dropped the first four episodes of the final season, then more.",
        "Thanks to the First Amendment, Florida and Texas cannot force websites to host posts, "
        "the senator said.",
        "The board named Mara Voss, Pell Tarrow and Jo Marr, all of them founders.",
    ):
        first = clause.index(",")
        assert description(clause, first) is None, clause


def test_the_word_before_the_title_asked_says_whose_it_is() -> None:
    from bot.qa.roles_asked import qualified

    assert qualified("who was the var ref that waved it off") == {"var"}
    assert qualified("who's the tallow ceo") == {"tallow"}
    assert qualified("who's the orna head coach") == {"orna"}
    # what kind of holder, not whose: no word is read
    for q in ("who's the new ceo", "who is the first wr to 100 yards", "who's the head coach"):
        assert qualified(q) == frozenset(), q
    text = (
        "Soon after Pell Tarrow was sent off, Mara Voss scored to put Orna ahead, but the flag "
        "went up for offside. Replays showed the goal was fine, but VAR Jo Marr ended his look "
        "without drawing lines."
    )
    assert _lead("who was the var ref that bottled the voss offside check", text) == (
        "VAR Jo Marr [1]."
    )


def test_who_coaches_a_side_is_not_another_side_s_coach() -> None:
    assert _owner("who coaches orna state basketball") == "orna"
    assert _owner("who coached the marlow bears in 1985") == "marlow"
    assert _owner("who reffed orna v marlow") == ""  # the game reffed is no one's body
    assert _owner("who coaches sc hoops") == ""  # initials may stand for a longer name
    quote = (
        "“We just have patches against really good basketball teams that let us down,” said "
        "Hawks coach Pell Tarrow."
    )
    preview = (
        "Highly rated head coach Mara Voss leads a solid team that can pull off an upset at home "
        "on Sunday. Orna State vs. Marlow odds: point spread, total"
    )
    assert _lead("who coaches orna state basketball", quote, preview) == "Mara Voss [1]."


def test_a_portfolio_between_an_owner_and_the_title_still_says_whose() -> None:
    """ "cambodia's defence minister": whose minister is asked past the portfolio's word; so
    "Karsenia’s Foreign Minister Mara Voss" is another country's minister."""
    assert _owner("who is velmar's defence minister") == "velmar"
    assert _owner("who is orna's marketing chief") == "orna"
    # "who's" owns nothing; a title in a later clause does not say whose the first one is
    assert _owner("who's the judge in the orna search trial") == ""
    assert _owner("who was the orna spokesperson that answered velmar's privacy regulator") == ""
    talks = (
        "The talks were announced by Karsenia’s Foreign Minister Mara Voss after a special "
        "session in Lunvik."
    )
    name = Span(talks.index("Mara"), talks.index("Mara") + 9, "Mara Voss")
    q = "who is velmar's defence minister"
    roles = roles_asked(q, set(words(q)))
    assert other_owner(talks, name, roles, "velmar")
    assert not other_owner(talks, name, roles, "karsenia")


def test_a_role_asked_is_matched_by_what_a_side_calls_that_job() -> None:
    # "defender": "their best defensive player"; "keeper": "goalkeeper"
    text = (
        "The Harriers will be without their best defensive player, Tam Reidy, and the Kestrel "
        "Bowl opponents Marlow Rovers know it."
    )
    q = "who's the harriers' best defender sitting out the kestrel bowl"
    reidy, rovers = _rating(q, text, "Tam Reidy"), _rating(q, text, "Marlow Rovers")
    assert reidy is not None and rovers is not None and reidy > 2 * rovers
    text = "Marlow Rovers lost again: goalkeeper Pell Tarrow let in four as Ada Moss scored twice."
    q = "who was the rovers keeper"
    tarrow, moss = _rating(q, text, "Pell Tarrow"), _rating(q, text, "Ada Moss")
    assert tarrow is not None and moss is not None and tarrow > moss


def test_a_one_word_name_after_a_synonym_of_the_asked_noun_is_whole() -> None:
    # "which of her kids": "her son Tobin" names one of them, as fully as a two-word name
    text = (
        "Mara Voss went after the game's maker after her son Tobin found a clip of her with "
        "her ex-partner Dale Varn."
    )
    q = "which of mara voss's kids found the clip in that game"
    son, ex = _rating(q, text, "Tobin"), _rating(q, text, "Dale Varn")
    assert son is not None and ex is not None and son >= ex
