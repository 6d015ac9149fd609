"""Names read whole: two names joined by "and" that are one name (a firm named for two places, a
country named for two islands), while two firms side by side stay two; "Will" as a first name.
Hand-written sentences."""

from __future__ import annotations

from bot.qa.shape import WHO, answer_spans
from tests.test_qa_extractive import _lead


def _names(sentence: str) -> list[str]:
    return [sp.text for sp in answer_spans(sentence, WHO)]


def test_a_firm_named_for_two_places_is_one_name() -> None:
    s = "Quillon Funds agreed to buy Velmford and Perth Bank's pension arm this week."
    assert "Velmford and Perth Bank" in _names(s)
    text = (
        "Quillon Funds, which manages $12 billion, agreed to buy Velmford and Perth Bank's "
        "pension arm, its first step into pensions."
    )
    assert _lead("quillon is buying some bank's pension arm, which bank", text) == (
        "Velmford and Perth Bank [1]."
    )


def test_a_country_of_two_islands_is_one_name() -> None:
    s = "Canada must now beat Trinidad and Tobago in a one-off playoff in March."
    assert "Trinidad and Tobago" in _names(s)


def test_names_joined_by_an_ampersand_are_one_name() -> None:
    s = "Osk was inducted by the Velm Convention & Visitors Corp. into the city's hall of fame."
    assert "Velm Convention & Visitors Corp." in _names(s)
    assert "Harrow & Lunde" in _names(
        "The suit was filed by the law firm Harrow & Lunde on Monday."
    )


def test_two_firms_side_by_side_stay_two() -> None:
    names = _names("The round was led by Tamsk Ventures and Arno Partners, with Pell Capital.")
    assert "Tamsk Ventures" in names and "Arno Partners" in names
    assert not any(" and " in n for n in names)


def test_will_is_a_first_name_before_a_name_and_a_verb_before_anything_else() -> None:
    assert "Will Darrow" in _names("The Owls started rookie Will Darrow at quarterback.")
    assert "Will Darrow" in _names("Will Darrow threw for 238 yards and two scores.")
    assert not any(n.startswith("Will") for n in _names("Will the Velm Bank cut rates again?"))


def test_a_name_alone_at_a_sentences_start_set_beside_whose_it_is_is_a_name() -> None:
    """ "Fanny, his wife of 18 years, ...": a single capitalised word opening the sentence is a
    name when an appositive says whose it is; "Sadly, his ..." or "Overall, their ..." is not."""
    assert "Fanny" in _names("Fanny, his wife of 18 years, died in a fire at their home.")
    assert _names("Sadly, his wife died in a fire at their home.") == []
    assert _names("Overall, their record at home is poor.") == []
