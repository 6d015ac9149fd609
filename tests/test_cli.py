"""The ``newsbot`` CLI as a script sees it: exit codes, ``--json`` output and error messages."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import bot.cli as cli
from ingest.index import NewsIndex
from ingest.settings import Settings

from .conftest import REPO
from .fakes import HashEmbedder

N_DEMO = len(list((REPO / "ingest" / "demo_articles").glob("*.txt")))
SUMMARY_KEYS = {"added", "updated", "removed", "unchanged", "skipped", "errors"}
STATUS_KEYS = {"articles", "chunks", "sources", "newest_article", "last_reindex", "model", "store"}


@pytest.fixture
def embedder() -> HashEmbedder:
    return HashEmbedder()


@pytest.fixture
def run(tmp_path: Path, embedder: HashEmbedder, monkeypatch: pytest.MonkeyPatch):
    data = tmp_path / "data"
    # The CLI is a thin shell over NewsIndex: swap only the embedder, keep the real (embedded,
    # on-disk) Chroma and everything else the command would build.
    monkeypatch.setattr(
        cli,
        "_index",
        lambda: NewsIndex(Settings(_env_file=None), embedder=embedder),  # type: ignore[call-arg]
    )
    runner = CliRunner()

    def invoke(*args: str) -> Any:
        return runner.invoke(cli.app, list(args), env={"NEWSBOT_DATA_DIR": str(data)})

    invoke.data = data  # type: ignore[attr-defined]
    return invoke


def _flat(text: str) -> str:
    """Rich wraps long lines at the console width; compare text with whitespace collapsed."""
    return " ".join(text.split())


def _json(result: Any) -> Any:
    assert result.stdout.strip(), result.stderr
    return json.loads(result.stdout)


def test_ingest_json_then_noop(run, demo_copy: Path, embedder: HashEmbedder) -> None:
    r = run("ingest", str(demo_copy), "--json")
    assert r.exit_code == 0, r.output
    s = _json(r)
    assert set(s) >= SUMMARY_KEYS
    assert (s["added"], s["updated"], s["removed"], s["unchanged"]) == (N_DEMO, 0, 0, 0)
    assert s["errors"] == [] and s["skipped"] == 0 and s["corpus"] == "default"
    assert s["embedded_chunks"] == s["chunks"] == embedder.embedded > 0
    # The data went where NEWSBOT_DATA_DIR says.
    assert (run.data / "corpora" / "default" / "corpus.db").is_file()
    assert (run.data / "chroma").is_dir()

    before = embedder.embedded
    r = run("reindex", "--json")
    assert r.exit_code == 0, r.output
    s = _json(r)
    assert (s["added"], s["updated"], s["removed"], s["unchanged"]) == (0, 0, 0, N_DEMO)
    assert s["embedded_chunks"] == 0 and embedder.embedded == before


def test_ingest_human_readable_summary(run, demo_copy: Path) -> None:
    r = run("ingest", str(demo_copy), "--corpus", "news")
    assert r.exit_code == 0, r.output
    assert f"{N_DEMO} added" in _flat(r.stdout) and "corpus news" in _flat(r.stdout)


def test_status_json(run, demo_copy: Path) -> None:
    r = run("status", "--json")
    assert r.exit_code == 0, r.output
    st = _json(r)
    assert set(st) >= STATUS_KEYS
    assert (st["articles"], st["chunks"], st["sources"], st["last_reindex"]) == (0, 0, 0, None)
    assert st["newest_article"] is None

    assert run("ingest", str(demo_copy), "--json").exit_code == 0
    st = _json(run("status", "--json"))
    assert set(st) >= STATUS_KEYS
    assert st["articles"] == N_DEMO and st["chunks"] > N_DEMO and st["sources"] == 1
    newest = max(
        datetime.fromisoformat(json.loads(p.read_text())["published_at"])
        for p in demo_copy.glob("*.meta.json")
    )
    assert datetime.fromisoformat(st["newest_article"]) == newest
    assert st["last_reindex"]["added"] == N_DEMO and st["last_reindex"]["finished_at"]
    assert st["model"] == "all-MiniLM-L6-v2"
    assert st["store"].startswith("embedded ") and str(run.data) in st["store"]

    r = run("status")
    assert r.exit_code == 0 and "articles" in r.stdout and str(N_DEMO) in r.stdout


def test_sources_list_and_remove(run, demo_copy: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra.txt"
    extra.write_text(
        "Seltz opens a second ferry terminal\nThe terminal takes the island routes.\n"
        "The new terminal at Seltz harbour opened on Monday.\n",
        encoding="utf-8",
    )
    r = run("sources", "list")
    assert r.exit_code == 0 and "no sources" in r.stdout
    assert run("ingest", str(demo_copy), str(extra), "--not-ai-generated", "--json").exit_code == 0
    rows = _json(run("sources", "list", "--json"))
    assert [(x["spec"], x["kind"], x["ai_generated"]) for x in rows] == [
        (str(demo_copy), "dir", False),
        (str(extra), "file", False),
    ]
    r = run("sources", "remove", str(extra))
    assert r.exit_code == 0, r.output
    assert f"removed source {extra}" in _flat(r.stdout) and "1 removed" in _flat(r.stdout)
    assert [x["spec"] for x in _json(run("sources", "list", "--json"))] == [str(demo_copy)]
    assert _json(run("status", "--json"))["articles"] == N_DEMO

    r = run("sources", "remove", str(extra))
    assert r.exit_code == 2 and "is not a source of corpus default" in _flat(r.stderr)
    # --no-reindex only unregisters; the articles go at the next reindex.
    assert run("sources", "remove", str(demo_copy), "--no-reindex").exit_code == 0
    assert _json(run("status", "--json"))["articles"] == N_DEMO
    s = _json(run("reindex", "--json"))
    assert s["removed"] == N_DEMO and s["articles"] == 0


def test_nothing_readable_exits_1(run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02 definitely not text")
    r = run("ingest", str(bad), "--json")
    assert r.exit_code == 1
    s = _json(r)
    assert s["articles"] == 0 and s["read_anything"] is False
    assert s["errors"] == [
        {
            "source": str(bad),
            "origin": str(bad),
            "reason": "this looks like a binary file, not text",
        }
    ]
    # Human-readable form names the file and the reason.
    r = run("reindex")
    assert r.exit_code == 1 and str(bad) in _flat(r.stdout) and "binary" in r.stdout


def test_some_bad_files_still_exit_0(run, demo_copy: Path) -> None:
    (demo_copy / "zz-broken.txt").write_bytes(b"Caf\xe9\nbroken\n")
    r = run("ingest", str(demo_copy), "--json")
    assert r.exit_code == 0
    s = _json(r)
    assert s["added"] == N_DEMO and len(s["errors"]) == 1
    assert s["errors"][0]["origin"].endswith("zz-broken.txt")


def test_bad_corpus_name_exits_2(run, demo_copy: Path) -> None:
    for args in (
        ("ingest", str(demo_copy), "--corpus", "Bad Name!"),
        ("status", "--corpus", "../escape"),
        ("reindex", "-c", "UPPER"),
        ("sources", "list", "--corpus", ""),
    ):
        r = run(*args)
        assert r.exit_code == 2, (args, r.output)
        assert "invalid corpus name" in _flat(r.stderr), (args, r.stderr)
    assert not (run.data / "corpora" / "Bad Name!").exists()
    assert not (run.data / "escape").exists()


def test_missing_path_is_a_clear_error(run, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    r = run("ingest", str(missing))
    assert r.exit_code == 2
    assert "error:" in r.stderr and "no such file or folder" in _flat(r.stderr)
    assert str(missing) in _flat(r.stderr)
    assert "Traceback" not in r.output
    assert _json(run("status", "--json"))["sources"] == 0


def test_bench_command_is_registered(run) -> None:
    r = run("bench", "--help")
    assert r.exit_code == 0 and "ingest" in r.stdout
    r = run("bench", "ingest", "--help")
    assert r.exit_code == 0 and "--json" in r.stdout and "--corpus" in r.stdout


def test_bench_ingest_figures_with_fake_embedder(tmp_path: Path, demo_copy: Path) -> None:
    from bot.bench import format_figures, run_ingest_bench

    settings = Settings(_env_file=None, data_dir=tmp_path / "unused")  # type: ignore[call-arg]
    f = run_ingest_bench(demo_copy, settings=settings, embedder=HashEmbedder())
    assert (f["articles"], f["errors"], f["bare"]) == (N_DEMO, 0, "embedder.embed")
    assert f["chunks"] > N_DEMO and f["tokens"] > 100 * f["chunks"]
    assert f["noop_embedded_chunks"] == 0
    assert f["changed_articles"] == f["changed_requested"] == 1
    assert 0 < f["changed_embedded_chunks"] < f["chunks"]
    assert f["pipeline_vs_bare"] > 0 and f["peak_rss_mib"] > 0
    assert set(f["meets_targets"]) == {"pipeline_vs_bare", "noop_share", "changed_share"}
    text = format_figures(f)
    assert "pipeline/bare" in text and "no-op reindex" in text and "peak RSS" in text
    # The input is copied: the benchmark's 1% edit never touches the caller's files.
    assert "Editor's note" not in "".join(p.read_text() for p in demo_copy.glob("*.txt"))
    assert not (tmp_path / "unused").exists()


def test_bench_change_share_edits_one_percent(tmp_path: Path) -> None:
    from bot.bench import EDIT_NOTE, change_share
    from ingest.parsers.base import ParseContext
    from ingest.parsers.jsonexport import parse_json

    records = [
        {"title": f"Story {i}", "content": f"Body of story {i}.", "link": f"https://e.example/{i}"}
        for i in range(300)
    ]
    wrapped = tmp_path / "export.json"
    wrapped.write_text(json.dumps({"articles": records}), encoding="utf-8")
    assert change_share(wrapped, 0.01) == 3
    arts = parse_json(wrapped.read_text(encoding="utf-8"), ParseContext(origin="x"))
    assert len(arts) == 300 and sum(EDIT_NOTE in a.body for a in arts) == 3

    lines = tmp_path / "export.jsonl"
    lines.write_text("\n".join(json.dumps(r) for r in records[:150]) + "\n", encoding="utf-8")
    assert change_share(lines, 0.01) == 2
    arts = parse_json(lines.read_text(encoding="utf-8"), ParseContext(origin="x"), lines=True)
    assert len(arts) == 150 and sum(EDIT_NOTE in a.body for a in arts) == 2
