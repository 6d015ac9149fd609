"""What someone called something ("what did the mayor call them", "his made-up word for it") is
answered by the words in quotation marks, not by the sentence that repeats the question's topic.
Hand-written sentences, through the extractive selector."""

from __future__ import annotations

from bot.qa.extractive import select_excerpts
from bot.qa.question_kind import NAME_Q
from tests.test_qa_extractive import passage

TEXT = (
    "Mayor Ilka Sorvaag spoke in Velm on Tuesday about the tram plan and the cyclists pushing "
    "for wider lanes across the city centre. "
    "Those pushing for wider lanes are “traffic dreamers,” she said. "
    "The council votes on the tram plan next month."
)


def test_what_someone_called_them_is_the_quoted_words() -> None:
    """The sentence with the quoted words gets the answer-shape weight a reason gets for a
    why-question; the sentence that only repeats the topic gets none."""
    q = "what did the mayor call the cyclists pushing for wider lanes"
    assert NAME_Q.search(q)
    trace: list = []
    select_excerpts(q, [passage(TEXT, 0)], trace=trace)
    shape = {c.sentence[:12]: c.shape for c in trace}
    assert shape["Those pushin"] > 0.0
    assert shape["Mayor Ilka S"] == 0.0
    # asked what she said about the plan, quoted words are no answer shape
    trace = []
    select_excerpts("what did the mayor say about the tram plan", [passage(TEXT, 0)], trace=trace)
    assert all(c.shape == 0.0 for c in trace)


def test_calling_something_off_asks_no_name() -> None:
    assert not NAME_Q.search("did they call off the tram vote")
    assert not NAME_Q.search("why did the mayor call for a new vote")
    assert NAME_Q.search("what was her made up word for the plan")
