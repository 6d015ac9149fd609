"""A who-question may ask for someone by family ("whats the name of his wife"): the name the
article sets beside that word ("Ilse, his wife of 18 years", "her husband Tomas Wendrell") is
the answer, as a name under a title asked for is. Hand-written sentences, read by the answerer as
an article's."""

from __future__ import annotations

from bot.qa.roles_asked import roles_asked
from ingest.keyword import tokenize
from tests.test_qa_extractive import _lead

TEXT = (
    "On a cold night in 1861 the poet Aldo Varnhem lost the person closest to him. "
    "Ilse, his wife of 18 years and the mother of his four children, died in a blaze in their "
    "home after her shawl caught a spark from the stove. "
    "Varnhem burned his hands trying to save her and wrote nothing for two years."
)


def test_the_name_beside_his_wife_answers() -> None:
    q = "whats the name of varnhems wife who died in the stove fire"
    assert _lead(q, TEXT) == "Ilse [1]."


def test_family_words_are_roles_asked() -> None:
    for q, role in (
        ("whats the name of varnhems wife", "wife"),
        ("whats her husbands name", "husband"),
        ("who is his girlfriend", "girlfriend"),
    ):
        assert tokenize(role)[0] in roles_asked(q, set(tokenize(q)))
    assert not roles_asked("who is the poet", set(tokenize("who is the poet")))
