"""``newsbot eval multihop``: the MultiHop-RAG benchmark run through the bot's own retrieval.

Retrieval metrics follow the benchmark's script: spaces and newlines removed from facts and
retrieved chunk texts; a chunk is a hit when any evidence fact is a substring of it; Hits@k and
MRR@10 over the non-null questions. FactRecall@10 is ours: the share of ALL of a question's facts
found in its top 10 (the multi-hop measure).

For inference questions (a name or a thing asked for by its description) two answer measures:
``inference_gold_in_reply``, the gold answer as typed anywhere in the reply's text (its source
lines, with headlines and outlets, included: the measure issue 10 was written against), and
``inference_gold_in_quotes``, the stricter one: the gold answer in the lead or a quoted excerpt
of a reply that did not abstain, both read with case, punctuation and the articles a / an / the
left out ("Sam Bankman-Fried." is in "Sam Bankman-Fried [1].", "The Federal Reserve" in "the
Federal Reserve"), as whole words.
"""

from __future__ import annotations

import json
import re
import statistics
import string
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .sentvecs import fill_corpus
from .service import QAService

EVAL_CORPUS = "eval-multihop"
# The corpus runs 2023-09-26 to 2023-12-25; relative phrases are read from just after it.
EVAL_NOW = datetime(2023, 12, 31, tzinfo=UTC)
TYPES = ("inference_query", "comparison_query", "temporal_query", "null_query")


def squash(s: str) -> str:
    return s.replace(" ", "").replace("\n", "")


def retrieval_metrics(facts: Sequence[str], chunks: Sequence[str]) -> dict[str, float]:
    """Hits@4, Hits@10, MRR@10, FactRecall@10 of one question's ranked chunk texts."""
    fs = [squash(f) for f in facts]
    cs = [squash(c) for c in chunks[:10]]
    first = next((i for i, c in enumerate(cs) if any(f in c for f in fs)), None)
    found = sum(1 for f in fs if any(f in c for c in cs))
    return {
        "hits4": float(first is not None and first < 4),
        "hits10": float(first is not None),
        "mrr10": 1.0 / (first + 1) if first is not None else 0.0,
        "fact_recall10": found / len(fs) if fs else 0.0,
    }


_PUNCT = str.maketrans({c: " " for c in string.punctuation + "’‘“”"})
_ARTICLE = re.compile(r"\b(?:a|an|the)\b")


def _plain(s: str) -> str:
    return " " + " ".join(_ARTICLE.sub(" ", s.lower().translate(_PUNCT)).split()) + " "


def answer_in(gold: str, text: str) -> bool:
    """The gold answer in the text as whole words, case, punctuation and articles aside."""
    g = _plain(gold)
    return g.strip() != "" and g in _plain(text)


def split_of(i: int) -> str:
    return "test" if i % 5 == 0 else "dev"


@dataclass
class Row:
    qtype: str
    metrics: dict[str, float] = field(default_factory=dict)
    abstained: bool = False
    gold_in_reply: bool | None = None
    gold_in_quotes: bool | None = None
    retrieve_ms: float = 0.0
    compose_ms: float = 0.0


def ensure_corpus(qa: QAService, root: Path, progress: Callable[[str, int, int], None]) -> None:
    c = qa.index.corpus(EVAL_CORPUS)
    spec = str((root / "corpus.json").resolve())
    if spec not in [s.spec for s in c.sources()]:
        c.add_sources([spec])
    s = c.reindex(progress=progress)  # a no-op once it has been built
    if s.errors:
        raise RuntimeError(f"indexing the benchmark corpus failed: {s.errors}")


def fill_sentence_vectors(qa: QAService, names: Iterable[str]) -> dict[str, Any]:
    """What a running bot does in the background after a reindex (``bot.qa.sentvecs``), done
    before the questions are timed: {corpus: sentences embedded now, seconds, stored}."""
    if not qa.index.settings.sentence_vectors:
        return {}
    out: dict[str, Any] = {}
    for name in names:
        try:
            rep = fill_corpus(qa.index.corpus(name))
        except OSError as exc:  # e.g. a read-only data folder: answers embed as they go
            out[name] = {"error": f"{type(exc).__name__}: {exc}"}
            continue
        out[name] = {
            "embedded": rep.embedded,
            "seconds": round(rep.seconds, 1),
            "stored": rep.stored,
        }
    return out


def run_eval(
    qa: QAService,
    root: Path,
    *,
    split: str = "test",
    limit: int | None = None,
    progress: Callable[[str, int, int], None] = lambda *_: None,
) -> dict[str, Any]:
    ensure_corpus(qa, root, progress)
    filled = fill_sentence_vectors(qa, [EVAL_CORPUS])
    questions = json.loads((root / "MultiHopRAG.json").read_text(encoding="utf-8"))
    picked = [(i, q) for i, q in enumerate(questions) if split == "all" or split_of(i) == split]
    if limit:
        picked = picked[:limit]
    rows: list[Row] = []
    for done, (_, q) in enumerate(picked):
        progress("questions", done, len(picked))
        t0 = time.perf_counter()
        r = qa.retrieve(q["query"], [EVAL_CORPUS], now=EVAL_NOW)
        t1 = time.perf_counter()
        ans = qa.answer_from(q["query"], r, now=EVAL_NOW)
        t2 = time.perf_counter()
        row = Row(
            q["question_type"],
            abstained=ans.abstained,
            retrieve_ms=(t1 - t0) * 1000,
            compose_ms=(t2 - t1) * 1000,
        )
        if q["question_type"] != "null_query":
            facts = [e["fact"] for e in q["evidence_list"]]
            row.metrics = retrieval_metrics(facts, [p.text for p in r.passages])
        if q["question_type"] == "inference_query":
            row.gold_in_reply = q["answer"].lower() in ans.text.lower()
            quoted = " ".join([ans.lead, *(c.quote for c in ans.citations)])
            row.gold_in_quotes = not ans.abstained and answer_in(q["answer"], quoted)
        rows.append(row)
    progress("questions", len(picked), len(picked))
    return {**summarise(rows, split), "sentence_vectors": filled}


def _pct(xs: list[float], p: float) -> float:
    if not xs:
        return 0.0
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def summarise(rows: list[Row], split: str) -> dict[str, Any]:
    by: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        by[r.qtype].append(r)
    table: dict[str, dict[str, float]] = {}
    for name, group in [*((t, by[t]) for t in TYPES if by[t]), ("overall", rows)]:
        scored = [r for r in group if r.qtype != "null_query"]
        d: dict[str, float] = {"n": len(group)}
        for m in ("hits4", "hits10", "mrr10", "fact_recall10"):
            if scored:
                d[m] = statistics.fmean(r.metrics[m] for r in scored)
        d["abstain_rate"] = statistics.fmean(r.abstained for r in group) if group else 0.0
        table[name] = d
    nulls = by["null_query"]
    others = [r for r in rows if r.qtype != "null_query"]
    inf = [r for r in by["inference_query"] if r.gold_in_reply is not None]
    ret = [r.retrieve_ms for r in rows]
    comp = [r.compose_ms for r in rows]
    tot = [r.retrieve_ms + r.compose_ms for r in rows]
    return {
        "split": split,
        "questions": len(rows),
        "table": table,
        "abstain_null": statistics.fmean(r.abstained for r in nulls) if nulls else None,
        "answer_others": 1 - statistics.fmean(r.abstained for r in others) if others else None,
        "inference_gold_in_reply": statistics.fmean(bool(r.gold_in_reply) for r in inf)
        if inf
        else None,
        "inference_gold_in_quotes": statistics.fmean(bool(r.gold_in_quotes) for r in inf)
        if inf
        else None,
        "latency_ms": {
            "retrieve_p50": _pct(ret, 50),
            "retrieve_p95": _pct(ret, 95),
            "compose_p50": _pct(comp, 50),
            "compose_p95": _pct(comp, 95),
            "total_p50": _pct(tot, 50),
            "total_p95": _pct(tot, 95),
        },
    }
