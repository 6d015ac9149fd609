"""The benchmark's retrieval metric on tiny hand-made cases whose figures are worked out by hand.

As the MultiHop-RAG script does it: spaces and newlines are removed from facts and chunks, a chunk
is a hit when any fact is a substring of it, Hits@k / MRR@10 look at the first hit only.
FactRecall@10 (ours) is the share of all facts found anywhere in the top 10.
"""

from __future__ import annotations

import pytest

from bot.qa.evaluate import Row, answer_in, retrieval_metrics, split_of, summarise

FACT_A = "Hollis Brandt was appointed\nto mediate the strike."
FACT_B = "The AX-40 closed 2.1 percent higher."


def filler(i: int) -> str:
    return f"Unrelated chunk number {i} about the weather in Lisbon."


def test_first_hit_at_rank_three_with_one_of_two_facts() -> None:
    # The fact's newline and the chunk's line break/double spaces differ: squashed, they match.
    chunks = [
        filler(1),
        filler(2),
        "Mayor Tellingham said Hollis  Brandt was\nappointed to mediate the\n strike. More text.",
        filler(4),
    ]
    m = retrieval_metrics([FACT_A, FACT_B], chunks)
    assert m == pytest.approx({"hits4": 1.0, "hits10": 1.0, "mrr10": 1 / 3, "fact_recall10": 0.5})


def test_no_hit_is_all_zeros() -> None:
    m = retrieval_metrics([FACT_A, FACT_B], [filler(i) for i in range(10)])
    assert m == {"hits4": 0.0, "hits10": 0.0, "mrr10": 0.0, "fact_recall10": 0.0}


def test_first_hit_at_rank_five_counts_for_hits10_only() -> None:
    chunks = [filler(i) for i in range(4)] + ["The AX-40 closed 2.1 percent higher."]
    m = retrieval_metrics([FACT_A, FACT_B], chunks)
    assert m == pytest.approx({"hits4": 0.0, "hits10": 1.0, "mrr10": 0.2, "fact_recall10": 0.5})


def test_a_hit_below_rank_ten_is_not_counted() -> None:
    chunks = [filler(i) for i in range(10)] + [FACT_A, FACT_B]
    m = retrieval_metrics([FACT_A, FACT_B], chunks)
    assert m == {"hits4": 0.0, "hits10": 0.0, "mrr10": 0.0, "fact_recall10": 0.0}


def test_both_facts_found_in_different_chunks() -> None:
    # First hit at rank 2 (mrr .5); the second fact at rank 7 still counts for recall.
    chunks = [filler(0), FACT_B, *(filler(i) for i in range(2, 6)), FACT_A.replace("\n", " ")]
    m = retrieval_metrics([FACT_A, FACT_B], chunks)
    assert m == pytest.approx({"hits4": 1.0, "hits10": 1.0, "mrr10": 0.5, "fact_recall10": 1.0})


def test_a_chunk_holding_part_of_a_fact_is_no_hit() -> None:
    m = retrieval_metrics([FACT_A], ["Hollis Brandt was appointed", "to mediate the strike."])
    assert m["hits10"] == 0.0 and m["fact_recall10"] == 0.0


def test_only_spaces_and_newlines_are_squashed_not_case_or_punctuation() -> None:
    assert retrieval_metrics([FACT_B], [FACT_B.lower()])["hits10"] == 0.0
    assert retrieval_metrics([FACT_B], [FACT_B.rstrip(".")])["hits10"] == 0.0
    assert retrieval_metrics([FACT_B], [" The\nAX-40closed 2.1percent higher. "])["hits10"] == 1.0


def test_split_of_puts_multiples_of_five_in_test() -> None:
    assert [split_of(i) for i in range(11)] == [
        "test", "dev", "dev", "dev", "dev",
        "test", "dev", "dev", "dev", "dev",
        "test",
    ]  # fmt: skip


def test_summarise_averages_scored_questions_and_rates_abstention() -> None:
    m1 = {"hits4": 1.0, "hits10": 1.0, "mrr10": 1 / 3, "fact_recall10": 0.5}
    m2 = {"hits4": 0.0, "hits10": 1.0, "mrr10": 0.2, "fact_recall10": 0.5}
    rows = [
        Row(
            "inference_query",
            m1,
            abstained=False,
            gold_in_reply=True,
            gold_in_quotes=False,
            retrieve_ms=10,
        ),
        Row("comparison_query", m2, abstained=True, retrieve_ms=20),
        Row("null_query", abstained=True, retrieve_ms=30),
        Row("null_query", abstained=False, retrieve_ms=40),
    ]
    s = summarise(rows, "test")
    overall = s["table"]["overall"]
    # Null queries carry no retrieval figures: the means are over the two scored rows.
    assert overall["hits4"] == pytest.approx(0.5)
    assert overall["hits10"] == pytest.approx(1.0)
    assert overall["mrr10"] == pytest.approx((1 / 3 + 0.2) / 2)
    assert overall["fact_recall10"] == pytest.approx(0.5)
    assert overall["n"] == 4
    assert s["abstain_null"] == pytest.approx(0.5)
    assert s["answer_others"] == pytest.approx(0.5)
    assert s["inference_gold_in_reply"] == pytest.approx(1.0)
    assert s["inference_gold_in_quotes"] == pytest.approx(0.0)
    assert "hits4" not in s["table"]["null_query"]
    assert s["table"]["inference_query"]["hits4"] == 1.0
    assert s["questions"] == 4 and s["split"] == "test"


def test_the_stricter_answer_measure_reads_names_apart_from_punctuation_case_and_articles() -> None:
    assert answer_in("Sam Bankman-Fried.", "Sam Bankman-Fried [1].")
    assert answer_in("The Federal Reserve", "the Federal Reserve raised rates")
    assert answer_in("Sportsbooks.", "sportsbooks move the line")
    # whole words only, and an empty gold answer is never found
    assert not answer_in("Apple", "a pineapple stand")
    assert not answer_in("Taylor Swift and Travis Kelce", "Taylor Swift [1]. Travis Kelce scored")
    assert not answer_in("The", "the Fed")
