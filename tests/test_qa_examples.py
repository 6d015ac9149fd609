"""A sentence that makes up an example ("Let's say the final score is ...", "Suppose a site has
set the spread at ...") says nothing of what happened: its figures are not stated as the answer,
unless the question itself supposes something. Hand-written sentences."""

from __future__ import annotations

from bot.qa.candidates import supposed
from tests.test_qa_extractive import _lead

GUIDE = (
    "Let's say the final score is Otters 110, Herons 100. "
    "The Otters beat the Herons 97-91 on Friday night in Velm."
)


def test_a_made_up_example_is_no_statement() -> None:
    q = "final score otters herons?"
    assert supposed("Let's say the final score is Otters 110, Herons 100.", q)
    assert supposed("Suppose a betting site has set the spread at Otters -7.", q)
    assert supposed("For instance, if the odds are 2.5, a $10 bet pays $25.", q)
    # an example of what did happen is a statement
    assert not supposed("For example, in Velm this year, the fair is held in the park.", q)
    # the question supposes too: the example is what it asks about
    assert not supposed("Let's say the final score is Otters 110, Herons 100.", "if i bet $10?")


def test_the_score_that_happened_leads() -> None:
    assert _lead("what was the final score of otters herons", GUIDE) == "97-91 [1]."


def test_an_example_s_name_is_not_stated() -> None:
    guide = (
        "However, let's assume the Otters are favoured by 7 points against the Herons. "
        "If the Otters win by exactly 7, the bet is a push."
    )
    assert supposed(guide.split(". ")[0], "whats it called when the margin equals the spread")
    assert _lead("whats it called when the margin equals the spread", guide) is None
