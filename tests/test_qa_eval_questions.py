"""The member-style question set (``benchmarks/questions/``) and how ``newsbot eval questions``
scores a reply: the set must be well formed and its key phrases must be in the articles they
are said to answer from, or its figures mean nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.qa.evalq import Record, load_records, norm, score, split_of, summarise
from bot.qa.types import Answer, Citation
from ingest.errors import UserFacingError

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT / "benchmarks" / "questions"
SHARED = ROOT.parent / "shared"
KINDS = {
    "casual", "slang", "paraphrase", "wh", "time_relative", "followup", "typo", "short_name",
    "date_like_topic", "outlet_like_topic", "not_covered", "multihop_style",
}  # fmt: skip
WH = {"who", "what", "where", "when", "how_much", "how_many", "yesno", "why", "other"}
RECORDS = load_records(QUESTIONS)
HELD_OUT = load_records(ROOT / "benchmarks" / "heldout")  # run by hand, kept to the same rules


def test_the_set_is_large_well_formed_and_split_by_its_fixed_rule() -> None:
    assert len(RECORDS) >= 200
    assert len({r.id for r in RECORDS + HELD_OUT}) == len(RECORDS) + len(HELD_OUT)
    for r in RECORDS + HELD_OUT:
        assert r.kind in KINDS and r.wh in WH, r.id
        assert r.corpus in ("multihop", "demo", "sample"), r.id
        assert r.now.tzinfo is not None, r.id
        if r.expect_abstain:
            assert not r.must_quote and not r.expect_articles, r.id
        else:
            assert r.must_quote and r.expect_articles, r.id
            # key phrases are facts of a few words, never copied sentences
            assert all(0 < len(k.split()) <= 8 for k in r.must_quote), r.id
    splits = [r.split for r in RECORDS]
    assert 0.25 < splits.count("test") / len(splits) < 0.42
    assert split_of("mh-a-001") == split_of("mh-a-001")  # by id alone, not by run or order


def _texts_by_key(corpus: str) -> dict[str, str] | None:
    """Article text by the key a record names it with (URL, or file name), or None when the
    corpus is not on this machine."""
    if corpus == "demo":
        out = {}
        for meta in sorted((ROOT / "ingest" / "demo_articles").glob("*.meta.json")):
            url = json.loads(meta.read_text(encoding="utf-8"))["url"]
            out[url] = meta.with_name(meta.name.replace(".meta.json", ".txt")).read_text("utf-8")
        return out
    if corpus == "sample":
        folder = SHARED / "samples"
        if not folder.is_dir():
            return None
        return {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.txt")}
    path = SHARED / "eval" / "multihop-rag" / "corpus.json"
    if not path.is_file():
        return None
    arts = json.loads(path.read_text(encoding="utf-8"))
    return {a["url"]: f"{a['title']}\n{a['body']}" for a in arts}


@pytest.mark.parametrize("corpus", ["demo", "sample", "multihop"])
def test_every_key_phrase_is_in_an_article_the_record_expects(corpus: str) -> None:
    texts = _texts_by_key(corpus)
    if texts is None:
        pytest.skip(f"the {corpus} corpus is not on this machine (../shared)")
    recs = [r for r in RECORDS + HELD_OUT if r.corpus == corpus]
    assert recs
    missing = []
    for r in recs:
        for key in r.expect_articles:
            assert key in texts, f"{r.id}: no {corpus} article {key}"
        body = norm(" ".join(texts[k] for k in r.expect_articles))
        missing += [(r.id, k) for k in r.must_quote if norm(k) not in body]
    assert not missing


def test_a_bad_line_names_its_file_and_line(tmp_path: Path) -> None:
    f = tmp_path / "q.jsonl"
    f.write_text('{"id": "x-1", "question": "q", "now": "2026-01-01T00:00:00", "corpus": "demo"}\n'
                 '{"id": "x-2", "question": "no time"}\n', encoding="utf-8")  # fmt: skip
    with pytest.raises(UserFacingError, match=r"q\.jsonl:2"):
        load_records(f)
    f.write_text(
        '{"id": "x-1", "question": "q", "now": "2026-01-01T00:00:00", "corpus": "demo"}\n' * 2,
        encoding="utf-8",
    )
    with pytest.raises(UserFacingError, match="duplicate question ids: x-1"):
        load_records(f)
    f.write_text('{"id": "x-1", "question": "q", "now": "2026-01-01T00:00:00", "corpus": "demo"}\n')
    assert load_records(f)[0].now.tzinfo is UTC  # a time without a zone is read as UTC


@pytest.mark.parametrize(
    ("field", "why"),
    [
        ('"history": [{"question": "who?"}]', "each of history must be a string, not dict"),
        ('"history": "who?"', "history must be a list of strings, not str"),
        ('"must_quote": [3]', "each of must_quote must be a string, not int"),
    ],
)
def test_a_record_of_the_wrong_shape_is_refused_before_any_question_is_asked(
    tmp_path: Path, field: str, why: str
) -> None:
    f = tmp_path / "q.jsonl"
    line = '{"id": "x-1", "question": "q", "now": "2026-01-01T00:00:00", "corpus": "demo", %s}\n'
    f.write_text(line % field, encoding="utf-8")
    with pytest.raises(UserFacingError, match=rf"q\.jsonl:1: .*{why}"):
        load_records(f)


def _rec(wh: str = "who", abstain: bool = False) -> Record:
    return Record(
        id="t-1",
        question="who is mediating",
        now=datetime(2026, 11, 29, tzinfo=UTC),
        corpus="demo",
        kind="casual",
        wh=wh,
        expect_articles=[] if abstain else ["u1"],
        must_quote=[] if abstain else ["Margit Oberholm"],
        expect_abstain=abstain,
    )


def _cite(article_id: str, quote: str) -> Citation:
    return Citation(1, article_id, "c", "h", "o", None, None, quote, 0, len(quote), True)


def test_a_reply_answers_when_a_key_phrase_is_in_its_lead_or_quotes() -> None:
    quote = "The talks are chaired by  MARGIT Oberholm, officials said."  # case and space
    got = score(
        _rec(), Answer("q", "Here is what 1 article says:", [_cite("a1", quote)]), {"a1"}, 5
    )
    assert got.answer_in_reply and got.article_cited
    assert got.lead_answer is False  # in a quote, not stated in the lead
    led = score(_rec(), Answer("q", "Margit Oberholm [1].", [_cite("a2", "x")]), {"a1"}, 5)
    assert led.answer_in_reply and led.lead_answer and not led.article_cited
    # a what-question has no short answer to state: its lead is not scored
    assert (
        score(_rec("what"), Answer("q", "x", [_cite("a1", quote)]), {"a1"}, 5).lead_answer is None
    )


def test_an_abstention_never_counts_as_an_answer_even_when_it_names_the_key() -> None:
    ans = Answer("q", "Not covered; the nearest is about Margit Oberholm.", abstained=True)
    got = score(_rec(), ans, {"a1"}, 5)
    assert got.answer_in_reply is False and got.lead_answer is False


def test_the_summary_counts_abstentions_apart_for_covered_and_not_covered_questions() -> None:
    hit = score(_rec(), Answer("q", "Margit Oberholm [1].", [_cite("a1", "x")]), {"a1"}, 10)
    wrong_abstain = score(_rec(), Answer("q", "not covered", abstained=True), {"a1"}, 20)
    right_abstain = score(_rec(abstain=True), Answer("q", "n", abstained=True), set(), 30)
    answered_nc = score(_rec(abstain=True), Answer("q", "Here:", [_cite("a9", "y")]), set(), 40)
    s = summarise([hit, wrong_abstain, right_abstain, answered_nc])
    assert (s["n"], s["answerable"], s["not_covered"]) == (4, 2, 2)
    assert s["answer_in_reply"] == 0.5 and s["article_cited"] == 0.5
    assert s["abstain_recall"] == 0.5 and s["wrong_abstain"] == 0.5
    assert s["lead_answer"] == 0.5
    assert s["p50_ms"] in (20.0, 30.0) and s["p95_ms"] == 40.0
