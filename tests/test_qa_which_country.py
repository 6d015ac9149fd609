"""Asked which country (or which state) did something, the answer names one: a school board or a
law named in the same sentence is no answer. Hand-written sentences; the leads go through the
extractive answerer."""

from __future__ import annotations

from bot.qa.regions import COUNTRY_Q, ENDS_IN_COUNTRY, ENDS_IN_STATE
from tests.test_qa_extractive import _lead

_BANS = (
    "Several big school systems, including the Ostra City Public Schools, have banned Quillchat "
    "from their networks and staff devices. In April the whole nation of Portugal outlawed "
    "Quillchat use by public sector employees, citing privacy rules."
)


def test_which_country_is_asked_only_by_which_or_what() -> None:
    assert COUNTRY_Q.search("which eu country was first to drop the rule")
    assert COUNTRY_Q.search("what country is the ceo from")
    assert COUNTRY_Q.search("which us state grows the most velmberries")
    assert not COUNTRY_Q.search("who is the velm nation leader honoured by the new doll")
    assert not COUNTRY_Q.search("who reffed the women's nations league game")


def test_an_answer_ends_in_a_country_or_a_state() -> None:
    assert ENDS_IN_COUNTRY.search("Norway, Denmark and the Netherlands")
    assert not ENDS_IN_COUNTRY.search("New York City Public Schools")
    assert ENDS_IN_STATE.search("the state of Wisconsin")
    assert not ENDS_IN_STATE.search("North America")


def test_which_country_is_not_answered_by_a_school_board() -> None:
    assert _lead("which country banned quillchat", _BANS) == "Portugal [1]."
    # when the country is not sure enough to state, no other name is stated in its place
    lead = _lead("which country banned quillchat for its public sector workers", _BANS)
    assert lead in (None, "Portugal [1].")
