"""``newsbot bench scale``: the generated corpus, the missing-benchmark message, and (slow) one
whole small run through fresh processes."""

from __future__ import annotations

import json
import random
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

import bot.cli as cli
from bot import bench_scale as bs

WORDS = "river council budget strike minister harbour vote storm court market rail union".split()


def fake_multihop(root: Path, n_articles: int = 12, n_questions: int = 40) -> Path:
    """A benchmark-shaped folder of made-up articles and questions."""
    rng = random.Random(7)
    root.mkdir(parents=True, exist_ok=True)
    arts = []
    for i in range(n_articles):
        sents = [
            " ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + f" number {i}-{j}."
            for j in range(30)
        ]
        arts.append(
            {
                "title": f"Story {i}",
                "author": "A. Writer",
                "source": ["Daily One", "Second Post"][i % 2],
                "published_at": "2023-05-01T00:00:00+00:00",
                "url": f"https://example.invalid/{i}",
                "body": " ".join(sents),
            }
        )
    qs = [
        {
            "query": f"What did the {WORDS[i % len(WORDS)]} say in story {i}?",
            "answer": "x",
            "question_type": "null_query" if i == 5 else "inference_query",
            "evidence_list": [],
        }
        for i in range(n_questions)
    ]
    (root / "corpus.json").write_text(json.dumps(arts))
    (root / "MultiHopRAG.json").write_text(json.dumps(qs))
    return root


def test_generated_articles_are_distinct_dated_and_filed(tmp_path: Path) -> None:
    corpus, questions = bs.load_multihop(fake_multihop(tmp_path / "mh"))
    # Test split (every fifth), null queries left out.
    assert questions[0].endswith("story 0?") and all("story 5?" not in q for q in questions)
    arts = bs.make_articles(corpus, 50)
    assert len({a["body"] for a in arts}) == 50
    assert len({a["url"] for a in arts}) == 50
    days = sorted(datetime.fromisoformat(a["published_at"]) for a in arts)
    assert (days[-1] - days[0]).days > 300  # spread over the year
    # The same index always gives the same article; a later batch continues the numbering.
    assert bs.make_articles(corpus, 3, first=10, span=50) == arts[10:13]
    bs.write_articles(tmp_path / "src", corpus, bs.FILE_ARTICLES + 5)
    files = sorted((tmp_path / "src").glob("*.jsonl"))
    assert [len(f.read_text().splitlines()) for f in files] == [bs.FILE_ARTICLES, 5]


def test_stand_in_embedder_is_unit_length_and_stable() -> None:
    e = bs.StandInEmbedder()
    v = e.embed(["The council voted on the budget.", "", "The council voted on the budget."])
    assert v.shape == (3, bs.DIM)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0)
    assert np.array_equal(v[0], v[2])
    assert e.count_tokens(["hello world"]) == [2]  # the real tokenizer's word-pieces
    assert e.embed_s > 0


def test_missing_benchmark_exits_2_with_a_message(tmp_path: Path) -> None:
    res = CliRunner().invoke(
        cli.app, ["bench", "scale", "--articles", "100", "--multihop", str(tmp_path / "none")]
    )
    assert res.exit_code == 2
    assert "corpus.json" in res.output


@pytest.mark.slow
def test_small_scale_run_reports_every_column(tmp_path: Path) -> None:
    root = fake_multihop(tmp_path / "mh")
    r = bs.run_scale(40, root, work=tmp_path / "work")
    assert r["articles"] == 40 and r["chunks"] >= 40
    assert r["reindex_1pct_added"] == 1  # 1% of 40, at least one article
    for key in ("ingest_outside_model_s", "first_answer_s", "answer_after_reindex_s"):
        assert 0 < r[key] < 120
    assert 0 < r["warm_p50_ms"] <= r["warm_p95_ms"]
    assert r["rss_warm_mib"] > 50 and r["serve_peak_rss_mib"] >= r["rss_warm_mib"]
    assert "| 40 (" in bs.table([r])
