"""The packaged second-stage model and the fallback when it cannot be used."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from bot.qa.rank import FEATURES, MODEL_PATH, Params, RankModel


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
