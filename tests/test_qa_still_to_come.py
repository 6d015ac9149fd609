"""Asked when something still to come will happen ("when's brann getting sentenced"), a day
before the article was written ("on Nov. 21" in a November 30 article) is gone by, and the time
still ahead ("set for February") answers. Hand-written sentences."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

from bot.qa.extractive import select_excerpts, short_answer_lead
from bot.qa.timeparse import earlier_than
from tests.test_qa_extractive import passage

TEXT = (
    "Less than three weeks later, on Nov. 21, Orsk founder Ivo Brann pleaded guilty to breaking "
    "the Varn banking law, a charge he could be sentenced to 18 months for. His sentencing is "
    "set for February."
)


def _lead(question: str, written: datetime | None) -> str | None:
    p = dataclasses.replace(passage(TEXT), published_at=written)
    return short_answer_lead(select_excerpts(question, [p]), question)


def test_a_day_gone_by_is_no_answer_to_what_is_to_come() -> None:
    written = datetime(2026, 11, 30, tzinfo=UTC)
    assert _lead("when's ivo brann getting sentenced", written) == "February [1]."
    assert _lead("when will brann be sentenced", written) == "February [1]."


def test_a_day_before_the_article() -> None:
    written = date(2026, 11, 30)
    assert earlier_than("on Nov. 21", written)
    assert earlier_than("in 2024", written)
    assert not earlier_than("February", written)  # no day: not read as gone by
    assert not earlier_than("on Dec. 4", written)
    assert not earlier_than("on Nov. 29", written)  # within a day: time zones
    assert not earlier_than("between 2025 and 2027", written)  # not every year is gone


def test_a_nickname_written_out_still_asks_what_is_to_come() -> None:
    """The bot writes a nickname's full name after it ("cz (Changpeng Zhao Binance)"); the words
    around it still ask about what is to come."""
    from bot.qa.aliases import expand
    from bot.qa.answer_kind import Asked
    from bot.qa.question_kind import question_shape

    q = expand("when's cz getting sentenced")[0]
    assert "(" in q  # written out
    assert Asked.read(q, question_shape(q), {"cz", "sentenc"}, {}).future_q
