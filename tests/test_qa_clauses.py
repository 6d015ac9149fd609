"""An answer is judged by the words of its own clause: in "Osk keeps its harvest day on the
second Monday in October, and Varn celebrates it on the first Thursday of November", the first
date is Osk's, and the question's "varn" stands beside the second. A clause that goes on about the
same people ("..., but their marriage was annulled after 55 hours") keeps the words before it."""

from __future__ import annotations

from bot.qa.around import around
from tests.test_qa_extractive import _lead, span_in


def test_a_date_of_another_named_clause_is_not_the_answer() -> None:
    text = (
        "Harvest Day is the biggest holiday in the valley, however, Osk also keeps its own "
        "Harvest Day, on the second Monday in October, and Varn celebrates Harvest Day on the "
        "first Thursday of November."
    )
    assert _lead("when do they celebrate harvest day in varn", text) == (
        "On the first Thursday of November [1]."
    )
    assert _lead("when does osk keep harvest day", text) == "On the second Monday in October [1]."


def test_the_window_stops_where_another_named_subject_takes_over() -> None:
    s = "Brell counted 44.4 million paying listeners, while Brell rival Tunewave had 32.6 million"
    window, inner = around(s, span_in(s, "44.4 million"))
    assert "Tunewave" not in window and "paying" in window and "Tunewave" not in inner
    window, _ = around(s, span_in(s, "32.6 million"))
    assert "Tunewave" in window and "paying" not in window


def test_a_clause_about_the_same_people_keeps_the_words_before_it() -> None:
    s = (
        "Earlier that year, Marra was also married to her childhood friend Tal Oden, but their "
        "marriage was annulled after just 55 hours."
    )
    window, _ = around(s, span_in(s, "55 hours"))
    assert "Tal Oden" in window
    # a list of names is no turn either
    s = "Kade Ruhl (@ Osk), Lio Marr (@ Varn), and Dace Morrow (@ Tarn) are not far behind."
    window, _ = around(s, span_in(s, "Lio Marr"))
    assert "Dace Morrow" in window
