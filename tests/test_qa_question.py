"""Bad input gets a clear message and never reaches retrieval; an empty corpus says how to fill it.

Retrieval embeds the question first, so "no retrieval ran" is checked on the fake embedder's call
counter: it must not move.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.qa.aliases import expand
from bot.qa.question import clean_question
from bot.qa.question_kind import question_shape
from bot.qa.service import QAService
from bot.qa.shape import WHAT, WHEN, WHERE
from bot.qa.types import NothingIndexed, QuestionError
from ingest.errors import UserFacingError
from ingest.index import NewsIndex
from ingest.settings import Settings

from .fakes import HashEmbedder

NOW = datetime(2026, 11, 27, 12, tzinfo=UTC)

# (question, words the message must contain so the member knows what to change)
BAD = {
    "empty": ("", ["ask a question"]),
    "whitespace": ("   \n\t  ", ["ask a question"]),
    "too long": ("Why did the strike start? " * 20 + "x" * 1, ["characters", "500"]),
    "mention and link only": ("<@123> https://x.y", ["mentions, links"]),
    "mentions only": ("<@!42> <@&7> @everyone", ["mentions, links"]),
    "link and emoji only": ("<:wave:1234> www.example.com/news", ["mentions, links"]),
    "Cyrillic": ("Что случилось на пограничном переходе?", ["English"]),
    "CJK": ("边境口岸发生了什么事？", ["English"]),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_questions_raise_a_user_facing_error_with_a_clear_message(case: str) -> None:
    raw, words = BAD[case]
    with pytest.raises(QuestionError) as info:
        clean_question(raw)
    assert isinstance(info.value, UserFacingError)  # shown to the member as is
    msg = str(info.value)
    for w in words:
        assert w.lower() in msg.lower(), msg


def test_the_length_cap_counts_characters_and_is_inclusive() -> None:
    ok = "What happened at Orvel? ".ljust(500, "a")
    assert len(ok) == 500
    assert clean_question(ok)
    with pytest.raises(QuestionError, match="501 characters"):
        clean_question(ok + "a")
    with pytest.raises(QuestionError, match="under 40"):
        clean_question("What happened at the Orvel crossing on Monday?", max_chars=40)


def test_mentions_links_and_extra_space_are_stripped_from_a_real_question() -> None:
    q = clean_question("<@123>   what happened at the  Orvel crossing? https://x.y/z <:eyes:99>")
    assert q == "what happened at the Orvel crossing?"


@pytest.mark.parametrize(
    "question",
    [
        "Qu'a dit le ministère à propos du cessez-le-feu ?",  # accented Latin is Latin
        "What did Karsenia's envoy (Полина) say about the accord?",  # a foreign name inside
        "Why did the AX-40 jump 2.1% 📈?",
    ],
)
def test_latin_questions_with_accents_names_or_emoji_pass(question: str) -> None:
    assert clean_question(question)


# --- through the service: nothing is embedded or searched ---------------------------------------


@pytest.fixture
def demo_qa(index: NewsIndex, settings: Settings, demo_copy: Path) -> QAService:
    c = index.corpus("demo")
    c.add_sources([str(demo_copy)])
    assert c.reindex().errors == []
    return QAService(index, settings)


@pytest.mark.parametrize("case", list(BAD))
def test_the_service_rejects_bad_questions_before_retrieval(
    case: str, demo_qa: QAService, embedder: HashEmbedder
) -> None:
    calls, embedded = embedder.calls, embedder.embedded
    with pytest.raises(QuestionError):
        demo_qa.answer(BAD[case][0], ["demo"], now=NOW)
    assert (embedder.calls, embedder.embedded) == (calls, embedded)


def test_a_bad_follow_up_is_rejected_even_with_history(
    demo_qa: QAService, embedder: HashEmbedder
) -> None:
    calls = embedder.calls
    history = [("How many transit workers walked out?", "About 4,800.")]
    with pytest.raises(QuestionError):
        demo_qa.answer("<@123>", ["demo"], now=NOW, history=history)
    assert embedder.calls == calls


def test_the_service_honours_the_configured_length_cap(
    index: NewsIndex, tmp_path: Path, demo_copy: Path, embedder: HashEmbedder
) -> None:
    s = Settings(_env_file=None, data_dir=tmp_path / "data", max_question_chars=30)  # type: ignore[call-arg]
    qa = QAService(index, s)
    with pytest.raises(QuestionError, match="under 30"):
        qa.answer("What happened at the Orvel crossing?", ["demo"], now=NOW)
    assert embedder.calls == 0


def _assert_says_how_to_add_sources(msg: str) -> None:
    assert "nothing is indexed" in msg.lower()
    assert "/sources add" in msg and "/reindex" in msg
    assert "newsbot ingest" in msg


def test_an_empty_corpus_says_nothing_is_indexed_and_how_to_add_sources(
    index: NewsIndex, settings: Settings, embedder: HashEmbedder
) -> None:
    qa = QAService(index, settings)
    with pytest.raises(NothingIndexed) as info:
        qa.answer("What happened at the Orvel crossing?", ["empty"], now=NOW)
    assert isinstance(info.value, UserFacingError)
    _assert_says_how_to_add_sources(str(info.value))
    assert embedder.calls == 0


def test_a_corpus_with_sources_but_no_reindex_yet_is_still_empty(
    index: NewsIndex, settings: Settings, demo_copy: Path, embedder: HashEmbedder
) -> None:
    index.corpus("pending").add_sources([str(demo_copy)])
    with pytest.raises(NothingIndexed) as info:
        QAService(index, settings).answer("What happened at Orvel?", ["pending"], now=NOW)
    _assert_says_how_to_add_sources(str(info.value))
    assert embedder.calls == 0


def test_no_corpus_at_all_is_the_same_as_an_empty_one(index: NewsIndex, settings: Settings) -> None:
    with pytest.raises(NothingIndexed):
        QAService(index, settings).answer("What happened at Orvel?", [], now=NOW)


def test_an_empty_corpus_beside_a_full_one_is_skipped(demo_qa: QAService) -> None:
    ans = demo_qa.answer(
        "How many transit workers walked out when the Halverton strike began?",
        ["empty", "demo"],
        now=NOW,
    )
    assert not ans.abstained
    assert {c.corpus for c in ans.citations} == {"demo"}


def test_when_opening_a_clause_leaves_the_question_to_a_later_cue() -> None:
    q = "varn said he was sick on holiday when they told him about the fine, where was he"
    assert question_shape(q) == WHERE
    # "what" first, "when" joining a clause (or a verb's -ing form): the question asks what
    assert question_shape("what did he say when they fired him") == WHAT
    assert question_shape("what's another name for team props when betting on the nba") == WHAT
    # with no other cue, "when" still asks; at the start it always does
    assert question_shape("so they fired him, when was that") == WHEN
    assert question_shape("they fired him when morning came, and when was that") == WHEN
    assert question_shape("when did they tell him, and where was he") == WHEN


def test_full_names_added_for_nicknames_do_not_change_what_is_asked() -> None:
    # the service searches "which eu (European Union) country ..."; the member typed "which eu
    # country", a place
    typed = "which eu country was first to stop applying the rule"
    searched, added = expand(typed)
    assert added == ["European Union"]
    assert question_shape(searched) == question_shape(typed) == WHERE
