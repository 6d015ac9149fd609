"""The packaged second-stage model and the fallback when it cannot be used."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from bot.qa.rank import FEATURES, MODEL_PATH, Params, RankModel
from bot.qa.service import QAService
from ingest.index import NewsIndex
from ingest.settings import DEFAULT_MODEL, Settings

from .fakes import HashEmbedder


def test_the_packaged_model_matches_the_features_the_code_computes() -> None:
    # Changing FEATURES without refitting (benchmarks/fit_ltr.py --write) fails here, instead of
    # the bot quietly falling back to the first-stage merge.
    model = RankModel.load()
    assert model is not None
    n = len(FEATURES)
    assert model.weights.shape == (n + n * (n + 1) // 2,)
    assert json.loads(MODEL_PATH.read_text(encoding="utf-8"))["features"] == list(FEATURES)
    assert Params().ltr is not None


def test_scores_are_probabilities_and_products_are_in_upper_triangle_order() -> None:
    f = np.array([[1.0, 2.0, 3.0]], dtype=np.float32)
    assert RankModel.expand(f).tolist() == [[1, 2, 3, 1, 2, 3, 4, 6, 9]]
    model = RankModel.load()
    assert model is not None
    rng = np.random.default_rng(0)
    p = model.score(rng.random((50, len(FEATURES)), dtype=np.float32))
    assert p.shape == (50,) and np.all((p > 0) & (p < 1))


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        json.dumps({"features": ["kw_full"], "weights": [1.0, 2.0], "bias": 0.0}),
        json.dumps({"features": list(FEATURES), "weights": [0.5], "bias": 0.0}),
    ],
)
def test_a_missing_or_mismatched_model_is_refused_with_a_warning(
    tmp_path: Path, content: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "m.json"
    path.write_text(content, encoding="utf-8")
    assert RankModel.load(path) is None
    assert "first-stage merge" in caplog.text
    assert RankModel.load(tmp_path / "absent.json") is None


def test_the_model_fits_only_the_embedding_model_it_was_fitted_on() -> None:
    model = RankModel.load()
    assert model is not None and model.embedding_model == DEFAULT_MODEL
    assert model.fits({DEFAULT_MODEL})
    assert not model.fits({"intfloat/multilingual-e5-small"})
    assert not model.fits({DEFAULT_MODEL, "intfloat/multilingual-e5-small"})
    assert RankModel(model.weights, model.bias, None).fits({"anything"})


def test_corpora_embedded_with_another_model_use_the_first_stage_merge(
    tmp_path: Path, chroma_client, demo_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, data_dir=tmp_path / "data", embedding_model="some-other-model"
    )
    index = NewsIndex(settings, embedder=HashEmbedder(dim=1024), client=chroma_client)
    corpus = index.corpus("other")
    corpus.add_sources([str(demo_copy)])
    assert corpus.reindex().errors == []
    qa = QAService(index, settings)
    now = datetime(2026, 11, 27, 12, tzinfo=UTC)
    r = qa.retrieve("Who is mediating the Halverton transit strike?", ["other"], now=now)
    assert not r.log_odds
    assert r.passages and "Halverton" in r.passages[0].headline
    assert "fitted on all-MiniLM-L6-v2 features, not some-other-model" in caplog.text
