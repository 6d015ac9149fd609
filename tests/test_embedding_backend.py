"""The embedding backends (torch, onnx, onnx-int8): the index refuses vectors from another space,
the ONNX export is found where it was built and never made from a model it cannot run.

The default-suite tests use the fast deterministic embedder and hand-made model folders; the
tests marked ``slow`` export the real bundled model and compare the backends' vectors."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError

from ingest.embedding import (
    INT8_GRAPH,
    ONNX_BATCH_TOKENS,
    SMALL_BATCH_TOKENS,
    SMALL_CALL,
    EmbeddingBackendError,
    _check_onnx_model,
    batch_bounds,
    embedder_from_settings,
    find_or_export_onnx,
    load_embedder,
    onnx_cache_dir,
    onnx_search_dirs,
    resolve_model_path,
    source_fingerprint,
    vector_space,
)
from ingest.errors import UserFacingError
from ingest.index import NewsIndex
from ingest.onnx_export import FP32_FILE, INT8_FILE, STALE_FILES
from ingest.settings import DEFAULT_MODEL, Settings

from .fakes import HashEmbedder


def _settings(tmp_path: Path, **kw: object) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path / "data", **kw)  # type: ignore[call-arg]


def test_only_int8_changes_the_vector_space() -> None:
    assert vector_space(DEFAULT_MODEL, "torch") == vector_space(DEFAULT_MODEL, "onnx")
    assert vector_space(DEFAULT_MODEL, "onnx-int8") != vector_space(DEFAULT_MODEL, "onnx")
    assert vector_space("other", "onnx") != vector_space(DEFAULT_MODEL, "onnx")


def test_backend_setting_defaults_to_onnx_and_rejects_unknown_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _settings(tmp_path).embedding_backend == "onnx"
    monkeypatch.setenv("NEWSBOT_EMBEDDING_BACKEND", "onnx-int8")
    assert _settings(tmp_path).embedding_backend == "onnx-int8"
    monkeypatch.setenv("NEWSBOT_EMBEDDING_BACKEND", "tensorrt")
    with pytest.raises(ValidationError, match="embedding_backend"):
        _settings(tmp_path)
    with pytest.raises(ValueError, match="unknown embedding backend"):
        load_embedder(DEFAULT_MODEL, backend="tensorrt")


def _reindex(tmp_path: Path, client: object, demo: Path, *, full: bool = False, **kw: object):
    index = NewsIndex(_settings(tmp_path, **kw), embedder=HashEmbedder(), client=client)
    c = index.corpus("news")
    if not c.sources():
        c.add_sources([str(demo)])
    return c, c.reindex(full=full)


def test_switching_to_int8_is_refused_until_a_full_reindex(
    tmp_path: Path, chroma_client: object, demo_copy: Path
) -> None:
    c, s = _reindex(tmp_path, chroma_client, demo_copy, embedding_backend="onnx")
    assert s.errors == [] and s.chunks > 0
    # torch and onnx give the same vectors: no rebuild needed either way
    _, s = _reindex(tmp_path, chroma_client, demo_copy, embedding_backend="torch")
    assert s.errors == []

    with pytest.raises(UserFacingError, match=r"reindex --full --corpus news") as err:
        _reindex(tmp_path, chroma_client, demo_copy, embedding_backend="onnx-int8")
    assert f"(int8 v{INT8_GRAPH})" in str(err.value)
    assert "NEWSBOT_EMBEDDING_BACKEND" in str(err.value)
    c, s = _reindex(tmp_path, chroma_client, demo_copy, full=True, embedding_backend="onnx-int8")
    assert s.errors == [] and c.db.counts()[1] == s.chunks
    assert c.db.get_state("embedding_model") == vector_space(DEFAULT_MODEL, "onnx-int8")
    c.check_model()  # the int8 index now matches the int8 setting

    # ...and back to fp32 is the same rule the other way
    index = NewsIndex(
        _settings(tmp_path, embedding_backend="onnx"), embedder=HashEmbedder(), client=chroma_client
    )
    with pytest.raises(UserFacingError, match="indexed with the embedding model"):
        index.corpus("news").check_model()


def test_status_reports_the_backend(
    tmp_path: Path, demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from bot import cli
    from bot.discord_app.render import render_status

    # the CLI as users run it, with only the embedder swapped; the backend comes from the env
    monkeypatch.setattr(
        cli,
        "_index",
        lambda: NewsIndex(Settings(_env_file=None), embedder=HashEmbedder()),  # type: ignore[call-arg]
    )
    env = {"NEWSBOT_DATA_DIR": str(tmp_path / "data"), "NEWSBOT_EMBEDDING_BACKEND": "onnx-int8"}
    runner = CliRunner()
    assert runner.invoke(cli.app, ["ingest", str(demo_copy)], env=env).exit_code == 0
    r = runner.invoke(cli.app, ["status", "--json"], env=env)
    st = json.loads(r.stdout)
    assert st["model"] == DEFAULT_MODEL and st["embedding_backend"] == "onnx-int8"
    r = runner.invoke(cli.app, ["status"], env=env)
    assert r.exit_code == 0 and "embedding backend" in r.stdout and "onnx-int8" in r.stdout
    # Discord's /status line
    assert f"Model: {DEFAULT_MODEL} (onnx-int8 backend); store: embedded" in render_status(st)


def _fake_model(root: Path, pooling: str = "pooling_mode_mean_tokens") -> Path:
    root.mkdir(parents=True)
    (root / "config.json").write_text(json.dumps({"hidden_size": 8}), encoding="utf-8")
    (root / "model.safetensors").write_bytes(b"weights")
    (root / "tokenizer.json").write_text("{}", encoding="utf-8")
    (root / "modules.json").write_text(
        json.dumps(
            [
                {"path": "", "type": "sentence_transformers.models.Transformer"},
                {"path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            ]
        ),
        encoding="utf-8",
    )
    (root / "1_Pooling").mkdir()
    (root / "1_Pooling" / "config.json").write_text(json.dumps({pooling: True}), encoding="utf-8")
    return root


def test_an_export_is_found_in_the_prebuilt_folder_first(tmp_path: Path) -> None:
    model = _fake_model(tmp_path / "model")
    sid = source_fingerprint(model)
    prebuilt, cache = tmp_path / "prebuilt", tmp_path / "cache"
    for root, name in ((prebuilt, INT8_FILE), (cache, INT8_FILE), (cache, FP32_FILE)):
        d = onnx_cache_dir(root, model, sid)
        d.mkdir(parents=True, exist_ok=True)
        (d / name).write_bytes(b"onnx")
    assert find_or_export_onnx(model, "onnx-int8", [prebuilt, cache]).is_relative_to(prebuilt)
    assert find_or_export_onnx(model, "onnx", [prebuilt, cache]).is_relative_to(cache)


def test_an_export_of_other_weights_is_not_reused(tmp_path: Path) -> None:
    model = _fake_model(tmp_path / "model")
    before = source_fingerprint(model)
    (model / "model.safetensors").write_bytes(b"retrained weights")
    assert source_fingerprint(model) != before


def test_an_export_from_an_earlier_version_is_made_again_and_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess

    from ingest import onnx_export

    model = _fake_model(tmp_path / "model")
    sid = source_fingerprint(model)
    cache = tmp_path / "cache"
    d = onnx_cache_dir(cache, model, sid)
    d.mkdir(parents=True)
    for name in STALE_FILES:  # version 1's files (the scaled_dot_product_attention graph)
        (d / name).write_bytes(b"old graph")
    assert FP32_FILE not in STALE_FILES and INT8_FILE not in STALE_FILES

    def fake_export(model_dir: Path, out: Path) -> None:
        out.write_bytes(b"new graph")

    monkeypatch.setattr(onnx_export, "_export_fp32", fake_export)
    monkeypatch.setattr(onnx_export, "_quantize", lambda fp32, out: out.write_bytes(b"int8"))
    calls: list[list[str]] = []

    def fake_run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
        # the child process's work, in this process (with the fakes above)
        calls.append(cmd)
        onnx_export.main(cmd[cmd.index("--out") :])
        return subprocess.CompletedProcess(cmd, 0, "", "")

    monkeypatch.setattr("ingest.embedding.subprocess.run", fake_run)
    got = find_or_export_onnx(model, "onnx-int8", [cache])
    assert len(calls) == 1 and got == d / INT8_FILE
    assert {p.name for p in d.glob("*.onnx")} == {FP32_FILE, INT8_FILE}
    assert json.loads((d / "export.json").read_text("utf-8"))["export_version"] >= 2
    # found from now on, with no export
    assert find_or_export_onnx(model, "onnx", [cache]) == d / FP32_FILE and len(calls) == 1


def test_batches_hold_a_token_budget_and_at_least_one_text() -> None:
    assert batch_bounds([5, 5, 4, 3, 1], 2) == [(0, 2), (2, 4), (4, 5)]
    # 1024 padded tokens: 4 texts of 256, 5 of 200, then up to the count cap
    lengths = [256] * 5 + [200] * 6 + [10] * 100
    bounds = batch_bounds(lengths, 64, ONNX_BATCH_TOKENS)
    assert bounds[:4] == [(0, 4), (4, 8), (8, 13), (13, 77)]
    assert bounds[-1][1] == len(lengths) and all(b - a <= 64 for a, b in bounds)
    assert all(lengths[a] * (b - a) <= ONNX_BATCH_TOKENS for a, b in bounds)
    assert [a for a, _ in bounds[1:]] == [b for _, b in bounds[:-1]]  # no gap, no overlap
    assert batch_bounds([4000, 3], 64, ONNX_BATCH_TOKENS) == [(0, 1), (1, 2)]
    assert batch_bounds([], 64, ONNX_BATCH_TOKENS) == []


def test_no_usable_folder_is_a_clear_error(tmp_path: Path) -> None:
    model = _fake_model(tmp_path / "model")
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("a file where the cache folder should be", encoding="utf-8")
    with pytest.raises(
        EmbeddingBackendError, match=r"no writable folder.*NEWSBOT_EMBEDDING_BACKEND=torch"
    ):
        find_or_export_onnx(model, "onnx", [not_a_dir / "models"])


def test_a_failed_export_says_how_to_embed_without_onnx(tmp_path: Path) -> None:
    # a folder that passes the checks but holds no real weights: the child process fails
    model = _fake_model(tmp_path / "model")
    with pytest.raises(EmbeddingBackendError, match="NEWSBOT_EMBEDDING_BACKEND=torch"):
        find_or_export_onnx(model, "onnx", [tmp_path / "cache"])
    assert not list((tmp_path / "cache").rglob("*.onnx")), "no half-written export left"


def test_models_the_onnx_backend_cannot_run_are_refused_before_export(tmp_path: Path) -> None:
    with pytest.raises(EmbeddingBackendError, match="local folder"):
        _check_onnx_model("org/some-hub-model", tmp_path / "absent")
    cls = _fake_model(tmp_path / "cls", pooling="pooling_mode_cls_token")
    with pytest.raises(
        EmbeddingBackendError, match=r"not the mean.*NEWSBOT_EMBEDDING_BACKEND=torch"
    ):
        _check_onnx_model("cls", cls)
    _check_onnx_model("mean", _fake_model(tmp_path / "mean"))


def test_exports_live_under_the_data_dir_after_a_prebuilt_folder(tmp_path: Path) -> None:
    s = _settings(tmp_path, embedding_onnx_dir=tmp_path / "prebuilt")
    assert onnx_search_dirs(s) == [tmp_path / "prebuilt", tmp_path / "data" / "models"]
    assert onnx_search_dirs(_settings(tmp_path)) == [tmp_path / "data" / "models"]


# --- the real model ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def onnx_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("onnx-cache")


@pytest.fixture(scope="module")
def texts() -> list[str]:
    demo = Path(__file__).resolve().parents[1] / "ingest" / "demo_articles"
    out = [p.read_text(encoding="utf-8") for p in sorted(demo.glob("*.txt"))]
    # short questions and a long text (cut at the model's 256 word-pieces) as well
    return [*out, "Who is mediating the strike?", "ok", " ".join(out) * 3]


@pytest.mark.slow
def test_onnx_gives_torch_vectors_and_int8_stays_close(onnx_cache: Path, texts: list[str]) -> None:
    torch_emb = load_embedder(DEFAULT_MODEL, backend="torch")
    onnx = load_embedder(DEFAULT_MODEL, backend="onnx", cache_dirs=[onnx_cache])
    int8 = load_embedder(DEFAULT_MODEL, backend="onnx-int8", cache_dirs=[onnx_cache])
    assert (onnx.dim, onnx.max_tokens) == (torch_emb.dim, torch_emb.max_tokens) == (384, 256)
    assert onnx.count_tokens(texts) == torch_emb.count_tokens(texts)

    ref = torch_emb.embed(texts)
    got = onnx.embed(texts)
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    assert float((ref * got).sum(1).min()) > 0.9999
    # one text alone (no padding) gives the vector it gets inside a padded batch
    assert float(got[-2] @ onnx.embed([texts[-2]])[0]) > 0.9999

    # the bare call (the benchmark's), in any order and any batch size, gives the same rows
    rng = np.random.default_rng(0)
    perm = rng.permutation(len(texts))
    bare = onnx.run([texts[i] for i in perm])  # type: ignore[attr-defined]
    assert float((bare * got[perm]).sum(1).min()) > 0.9999

    # a small call (a question's shortlisted sentences) goes to the session in batches of like
    # length, each within SMALL_BATCH_TOKENS once padded, and gives the same vectors
    sents = [s.strip() for t in texts[:3] for s in t.split(". ") if len(s.split()) > 3]
    few = [*sents[: SMALL_CALL - 4], "Who is mediating the strike?"]
    session = onnx._session  # type: ignore[attr-defined]
    shapes: list[tuple[int, ...]] = []
    run = session.run
    session.run = lambda out, feeds, *a: (
        shapes.append(feeds["input_ids"].shape) or run(out, feeds, *a)
    )
    small = onnx.embed(few)
    del session.run
    assert len(shapes) > 1 and sum(n for n, _ in shapes) == len(few)
    assert all(n * width <= SMALL_BATCH_TOKENS or n == 1 for n, width in shapes)
    assert float((small * torch_emb.embed(few)).sum(1).min()) > 0.9999

    q = int8.embed(texts)
    cos = (ref * q).sum(1)
    assert float(cos.mean()) > 0.98 and float(cos.min()) > 0.95
    # the export was made once, from the bundled weights, into the cache folder
    model_dir = Path(resolve_model_path(DEFAULT_MODEL))
    made = onnx_cache_dir(onnx_cache, model_dir, source_fingerprint(model_dir))
    assert {p.name for p in made.glob("*.onnx")} == {FP32_FILE, INT8_FILE}


@pytest.mark.slow
def test_the_export_is_the_eager_attention_graph_and_agrees_with_torch(
    onnx_cache: Path, texts: list[str]
) -> None:
    """The graph onnxruntime runs fast: traced from eager attention, not from
    scaled_dot_product_attention (whose trace masks every score tensor with IsNaN and Where);
    its vectors are torch's to float rounding, for batches of every size and single texts."""
    import onnx

    onnx_emb = load_embedder(DEFAULT_MODEL, backend="onnx", cache_dirs=[onnx_cache])
    path = onnx_emb.path  # type: ignore[attr-defined]
    assert path.name == FP32_FILE
    ops = {n.op_type for n in onnx.load(str(path), load_external_data=False).graph.node}
    assert "IsNaN" not in ops and "Softmax" in ops

    torch_emb = load_embedder(DEFAULT_MODEL, backend="torch")
    many = [f"{t} ({i})" for i, t in enumerate(texts * 4)]  # several session batches
    ref = torch_emb.embed(many)
    got = onnx_emb.embed(many)
    cos = (ref * got).sum(1)
    assert float(cos.min()) >= 0.9999, float(cos.min())
    for t in (texts[0], "Who is mediating the strike?", "ok"):
        assert float(torch_emb.embed([t])[0] @ onnx_emb.embed([t])[0]) >= 0.9999


@pytest.mark.slow
def test_real_index_refuses_int8_until_full_reindex(
    tmp_path: Path, onnx_cache: Path, chroma_client: object, demo_copy: Path
) -> None:
    def index(backend: str) -> NewsIndex:
        s = _settings(tmp_path, embedding_backend=backend, embedding_onnx_dir=onnx_cache)
        return NewsIndex(s, embedder=embedder_from_settings(s), client=chroma_client)

    c = index("onnx").corpus("news")
    c.add_sources([str(demo_copy)])
    assert c.reindex().errors == []
    question = "Who is mediating the Halverton transit strike?"
    qv = index("onnx").embedder.embed([question])
    top_fp32 = c.collection().query(query_embeddings=qv, n_results=3)["ids"][0]

    c8 = index("onnx-int8").corpus("news")
    with pytest.raises(UserFacingError, match="reindex --full"):
        c8.reindex()
    assert c8.reindex(full=True).errors == []
    qv8 = index("onnx-int8").embedder.embed([question])
    top_int8 = c8.collection().query(query_embeddings=qv8, n_results=3)["ids"][0]
    assert top_int8[0] == top_fp32[0]


def _tiny_multihop(root: Path) -> Path:
    root.mkdir()
    topics = ["harbour strike", "wheat harvest", "chess final", "rail tunnel", "solar farm"]
    corpus = [
        {
            "title": f"The {t} this week",
            "author": "None",
            "source": "Example News",
            "published_at": f"2023-10-0{i + 1}T08:00:00+00:00",
            "category": "news",
            "url": f"https://news.example/{i}",
            "body": f"The {t} drew attention. " * 20 + f"Officials said the {t} would go on.",
        }
        for i, t in enumerate(topics)
    ]
    (root / "corpus.json").write_text(json.dumps(corpus), encoding="utf-8")
    questions = [  # index 0 and 5 are the test split
        {
            "query": f"What did officials say about the {t}?",
            "answer": "go on",
            "question_type": "inference_query",
            "evidence_list": [{"fact": f"Officials said the {t} would go on."}],
        }
        for t in topics + topics
    ]
    (root / "MultiHopRAG.json").write_text(json.dumps(questions), encoding="utf-8")
    return root


def test_bench_embed_compares_backends_on_the_same_texts(tmp_path: Path) -> None:
    from bot.bench_embed import format_embed_figures, run_embed_bench

    mh = _tiny_multihop(tmp_path / "mh")
    f = run_embed_bench(
        mh / "corpus.json",
        backends=["torch", "onnx"],
        articles=3,
        questions=4,
        multihop=mh,
        data_dir=tmp_path / "indexes",
        settings=_settings(tmp_path),
        embedders={"torch": HashEmbedder(), "onnx": HashEmbedder()},
    )
    t, o = f["backends"]["torch"], f["backends"]["onnx"]
    assert t["articles"] == o["articles"] == 3 and t["chunks"] == o["chunks"] > 0
    assert o["cosine_min"] == pytest.approx(1.0, abs=1e-6)  # the same embedder: same vectors
    assert t["ingest_speedup"] == 1.0 and o["ingest_speedup"] > 0
    assert o["question_ms_p50"] > 0 and o["question_time_ratio"] > 0
    assert o["question_source"] == "MultiHop-RAG queries" and o["question_tokens_mean"] > 2
    assert t["multihop_questions"] == o["multihop_questions"] == 2
    assert (o["hits10"], o["mrr10"]) == (t["hits10"], t["mrr10"]) and o["hits10_points"] == 0
    # each backend's MultiHop-RAG index is its own, in the data dir it was given
    assert {p.name for p in (tmp_path / "indexes").iterdir()} == {"torch", "onnx"}
    text = format_embed_figures(f)
    assert "Hits@10" in text and "cos mean" in text and "onnx" in text
    assert "MultiHop-RAG queries" in text


def test_bench_embed_times_the_member_questions_it_is_given(tmp_path: Path) -> None:
    from bot.bench_embed import run_embed_bench

    mh = _tiny_multihop(tmp_path / "mh")
    qfile = tmp_path / "q.jsonl"
    asked = ["who won", "how much did the harbour fix cost"]
    qfile.write_text(
        "".join(
            json.dumps({"id": f"t-{i}", "question": q, "now": "2026-11-29", "corpus": "demo"})
            + "\n"
            for i, q in enumerate(asked)
        ),
        encoding="utf-8",
    )
    seen: list[str] = []

    class Recording(HashEmbedder):
        def embed(self, texts, progress=None):  # type: ignore[no-untyped-def]
            if len(texts) == 1:
                seen.append(texts[0])
            return super().embed(texts, progress)

    f = run_embed_bench(
        mh / "corpus.json",
        backends=["torch"],
        articles=2,
        questions=10,
        question_file=qfile,
        settings=_settings(tmp_path),
        embedders={"torch": Recording()},
    )
    t = f["backends"]["torch"]
    assert t["question_source"] == f"member questions from {qfile}"
    assert set(asked) <= set(seen)  # the member questions were timed, not the MultiHop queries
    assert not any("officials say" in q for q in seen)
    with pytest.raises(UserFacingError):
        run_embed_bench(
            mh / "corpus.json",
            backends=["torch"],
            articles=1,
            question_file=tmp_path / "missing.jsonl",
            settings=_settings(tmp_path),
            embedders={"torch": HashEmbedder()},
        )
