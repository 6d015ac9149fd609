"""Asked who replaced someone ("who replaced castan as ceo"), a sentence that says someone
replaces another ("to replace Ada Quill as CEO") is about another post-holder's succession:
its names count less. Aliases the question uses for the one replaced are read in full. Hand-
written sentences."""

from __future__ import annotations

from bot.qa.succession import other_post, replaced_asked
from tests.test_qa_extractive import _lead

BOARD = (
    "During the Quillon turmoil the board asked Dario Penn, the interim chief executive of "
    "rival Orrin, to replace Ada Quill as Quillon CEO, but Penn declined. "
    "Quillon has since named Tomas Wendrell, a former Orrin engineer, as interim CEO after "
    "Mirela Castan left."
)


def test_whom_the_newcomer_follows_is_read_from_the_question() -> None:
    assert replaced_asked("who replaced castan as quillon's interim ceo") == {"castan"}
    assert replaced_asked("and who's taking over from ines marr as coach") == {"ine", "marr"}
    assert replaced_asked("who's running quillon now that castan stepped down") == {"castan"}
    assert "altman" in replaced_asked("who did they try to get to replace sama")  # an alias
    assert replaced_asked("who replaced him?") == frozenset()  # a pronoun names no one
    assert replaced_asked("who's the new quillon ceo") == frozenset()


def test_a_sentence_about_another_holder_s_post() -> None:
    castan = frozenset({"castan"})
    assert other_post("The board asked Penn to replace Ada Quill as CEO.", castan)
    assert not other_post("Wendrell, replacing Mirela Castan, starts Monday.", castan)
    assert not other_post("Wendrell was named CEO on Monday.", castan)  # no one replaced named
    assert not other_post("The board asked Penn to replace Ada Quill.", frozenset())


def test_who_replaced_the_one_the_question_names_leads() -> None:
    assert _lead("who replaced castan as quillon's interim ceo", BOARD) == "Tomas Wendrell [1]."
