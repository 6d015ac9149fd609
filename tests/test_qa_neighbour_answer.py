"""The lead states the answer a quote holds, also where it is in the quoted sentence's
neighbour: "Dale Varn retired from the Owls last week." / "The club took two titles under the
71-year-old." quoted together leads with "71-year-old", as long as the quote still holds it.
Hand-written sentences, read into candidates as the answerer reads them."""

from __future__ import annotations

from bot.qa.candidates import candidates
from bot.qa.extractive import _excerpt
from bot.qa.shape import HOW_MANY, answer_spans
from tests.test_qa_extractive import passage

TEXT = (
    "Dale Varn retired from the Orrin Owls last week, ending his 26th year as a manager. "
    "The club took two titles under the 71-year-old."
)


def _pair() -> tuple:
    main, nxt = sorted(candidates([passage(TEXT, 0)]), key=lambda c: c.start)
    for c in (main, nxt):
        c.spans = answer_spans(c.sentence, HOW_MANY)
        c.top_article = True
    nxt.spans.sort(key=lambda sp: "year-old" not in sp.text)  # rated best for "how old"
    main.shape, nxt.shape = 0.3, 0.8  # "26th year" is too weak to state; the age is not
    return main, nxt


def test_the_neighbours_answer_is_stated_from_the_quote() -> None:
    main, nxt = _pair()
    ex = _excerpt([main, nxt], main, HOW_MANY)
    assert ex.answer is not None and ex.answer.text.startswith("71")
    assert ex.answer.text in ex.quote


def test_a_sentence_quoted_alone_states_only_its_own_answer() -> None:
    main, _ = _pair()
    assert _excerpt([main], main, HOW_MANY).answer is None


def test_an_answer_from_another_article_is_stated_when_strong() -> None:
    """An answer from another article than the best-ranked one is stated from strength 0.8
    (``STRONG_LEAD``): "GEODIS Park in Nashville" at 0.82 for where the team plays Ghana; a
    weaker one is still only quoted."""
    _, nxt = _pair()
    nxt.top_article = False
    nxt.shape = 0.85
    assert _excerpt([nxt], nxt, HOW_MANY).answer is not None
    nxt.shape = 0.75
    assert _excerpt([nxt], nxt, HOW_MANY).answer is None
