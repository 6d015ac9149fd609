"""The paragraphs of the best articles beyond their retrieved passages that hold the question's
rarer words are read for an answer (``bot.qa.candidates.far_paragraphs``)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from bot.qa.candidates import candidates, far_paragraphs
from bot.qa.extractive import select_excerpts
from bot.qa.synonyms import words
from bot.qa.types import Passage

ROOT = Path(__file__).resolve().parents[1]
FILLER = [
    "The festival opened on a wet Friday with readings in the old town hall.",
    "Organisers said ticket sales were the strongest since the event began.",
    "Several publishers set up stalls along the harbour front this year.",
    "A panel on translation drew a crowd that spilled into the corridor.",
    "Local schools sent pupils to a morning of workshops with authors.",
    "The closing concert was moved indoors because of the weather.",
    "Volunteers handed out programmes at the ferry terminal all weekend.",
    "The mayor thanked sponsors in a short speech on Saturday evening.",
]
ANSWER = "The Tellmark Prize for fiction went to Ilse Varga for her first novel, Salt Roads."


def _passage(aid: str, headline: str, paragraphs: list[str], rank: int) -> Passage:
    body = "\n\n".join([headline, *paragraphs])
    first = body.index(paragraphs[0])
    return Passage(
        chunk_id=f"{aid}-0",
        article_id=aid,
        corpus="t",
        text=body[first : first + len(paragraphs[0])],
        start=first,
        end=first + len(paragraphs[0]),
        headline=headline,
        outlet="Test Wire",
        url=f"https://test.example/{aid}",
        published_at=datetime(2026, 11, 20, tzinfo=UTC),
        ai_generated=True,
        score=1.0 - 0.1 * rank,
        article_text=body,
    )


def _passages() -> list[Passage]:
    top = _passage(
        "a1",
        "Harbour book festival draws record crowds",
        ["The prize ceremony closed the harbour book festival on Sunday night.", *FILLER[:2]],
        0,
    )
    long_one = _passage("a2", "Festival weekend in pictures", [*FILLER, ANSWER, *FILLER[:3]], 1)
    return [top, long_one]


def test_far_paragraph_with_the_rare_word_is_picked() -> None:
    text = _passages()[1].article_text
    terms = set(words("who won the tellmark prize"))
    (span,) = far_paragraphs(text, terms, 0)
    assert text[span[0] : span[1]] == ANSWER


def test_far_paragraph_needs_a_rare_word() -> None:
    # a word most paragraphs use picks none: it says nothing of where the answer is
    text = "\n".join(f"The festival day {i} was busy." for i in range(10))
    assert far_paragraphs(text, set(words("how busy was the festival")), 0) == []


def test_second_article_answer_beyond_its_passage_is_a_candidate() -> None:
    ps = _passages()
    q = "who won the tellmark prize"
    sents = [c.sentence for c in candidates(ps, terms=set(words(q)))]
    assert ANSWER in sents
    assert ANSWER not in [c.sentence for c in candidates(ps)]
    quotes = [e.quote for e in select_excerpts(q, ps)]
    assert any("Ilse Varga" in x for x in quotes)


_SEEDED = """
import sys
from bot.qa.candidates import far_paragraphs
terms = "calder tollen osk mirel quen brask every word asked here".split()
print(far_paragraphs(sys.stdin.read(), terms, 0))
"""


def test_the_paragraph_read_is_the_same_whatever_python_s_string_hashing() -> None:
    """Two paragraphs whose rare words weigh the same in sum (in 42 paragraphs, words in 3, 7
    and 8 of them against words in 4, 6 and 7: log 42/3 + log 42/7 + log 42/8 = log 42/4 +
    log 42/6 + log 42/7) are equals in every process. Python orders a set of strings differently
    from run to run, and a plain sum in that order differed in its last bit, so which of the two
    was read changed from run to run. Of equals, the later is read."""
    first, second = {"calder": 3, "tollen": 7, "osk": 8}, {"mirel": 4, "quen": 6, "brask": 7}
    filler = [
        f"the festival day was busy {w}"
        for w, df in (first | second).items()
        for _ in range(df - 1)
    ]
    filler += ["the festival day was busy"] * (40 - len(filler))
    a, b = " ".join(first), " ".join(second)
    text = "\n".join([*filler[:10], a, *filler[10:20], b, *filler[20:]])
    later = text.index(b)
    got = set()
    for seed in range(8):
        out = subprocess.run(
            [sys.executable, "-c", _SEEDED], input=text, capture_output=True, text=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)}, check=True, cwd=ROOT,
        )  # fmt: skip
        got.add(out.stdout.strip())
    assert got == {str([(later, later + len(b))])}
