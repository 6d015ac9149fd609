"""``newsbot eval questions``: member-style questions (``benchmarks/questions/``) run through the
path a Discord question takes (question cleaning, thread history, retrieval, answer), scored the
way a member reads the reply: is the answer in it, is the right article cited, did it say "not
covered" when it should (and only then)."""

from __future__ import annotations

import hashlib
import json
import re
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ingest.errors import UserFacingError
from ingest.index import demo_articles_dir

from .evaluate import EVAL_CORPUS, ensure_corpus, fill_sentence_vectors
from .service import QAService
from .types import Answer

# Where each question set's corpus comes from, and the corpus it is indexed into.
DEMO_CORPUS = "eval-demo"
SAMPLE_CORPUS = "eval-sample"
SHORT_ANSWER = ("who", "where", "when", "how_much", "how_many")
_SPACE = re.compile(r"\s+")


def split_of(qid: str) -> str:
    return "test" if int(hashlib.sha1(qid.encode()).hexdigest(), 16) % 3 == 0 else "dev"


def norm(s: str) -> str:
    """Lowercase, one space, straight quotes: how key phrases are found in a reply."""
    s = s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return _SPACE.sub(" ", s.lower()).strip()


@dataclass
class Record:
    id: str
    question: str
    now: datetime
    corpus: str
    kind: str
    wh: str
    expect_articles: list[str]
    must_quote: list[str]
    expect_abstain: bool
    history: list[str] = field(default_factory=list)

    @property
    def split(self) -> str:
        return split_of(self.id)


def load_records(path: Path) -> list[Record]:
    """Records from a JSONL file, or from every ``*.jsonl`` in a folder."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    out: list[Record] = []
    for f in files:
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                now = datetime.fromisoformat(d["now"])
                out.append(
                    Record(
                        id=d["id"],
                        question=_text(d["question"], "question"),
                        now=now if now.tzinfo else now.replace(tzinfo=UTC),
                        corpus=d["corpus"],
                        kind=d.get("kind", "other"),
                        wh=d.get("wh", "other"),
                        expect_articles=_texts(d.get("expect_articles"), "expect_articles"),
                        must_quote=_texts(d.get("must_quote"), "must_quote"),
                        expect_abstain=bool(d.get("expect_abstain", False)),
                        history=_texts(d.get("history"), "history"),
                    )
                )
            except (ValueError, KeyError, TypeError) as e:
                raise UserFacingError(f"{f}:{n}: not a question record ({e})") from e
    ids = [r.id for r in out]
    if len(set(ids)) != len(ids):
        dup = sorted({i for i in ids if ids.count(i) > 1})
        raise UserFacingError(f"duplicate question ids: {', '.join(dup[:5])}")
    return out


def _text(v: object, key: str) -> str:
    if not isinstance(v, str):
        raise TypeError(f"{key} must be a string, not {type(v).__name__}")
    return v


def _texts(v: object, key: str) -> list[str]:
    """A list of strings, or nothing: ``history`` holds the earlier questions themselves."""
    if v is None:
        return []
    if not isinstance(v, list):
        raise TypeError(f"{key} must be a list of strings, not {type(v).__name__}")
    return [_text(x, f"each of {key}") for x in v]


@dataclass
class Sources:
    """Where the corpora of the question sets are read from."""

    multihop: Path | None
    samples: Path | None

    def available(self, corpus: str) -> bool:
        if corpus == "multihop":
            return self.multihop is not None and (self.multihop / "corpus.json").is_file()
        if corpus == "sample":
            return self.samples is not None and self.samples.is_dir()
        return corpus == "demo"


def index_corpus(
    qa: QAService, corpus: str, src: Sources, progress: Callable[[str, int, int], None]
) -> str:
    """Index a question set's corpus (once; later runs are no-ops) and return its name."""
    if corpus == "multihop":
        assert src.multihop is not None
        ensure_corpus(qa, src.multihop, progress)
        return EVAL_CORPUS
    if corpus == "demo":
        name, path = DEMO_CORPUS, str(demo_articles_dir().resolve())
    else:  # the sample articles, not the folder's README
        assert src.samples is not None
        name, path = SAMPLE_CORPUS, str(src.samples.resolve() / "*.txt")
    c = qa.index.corpus(name)
    specs = [s.spec for s in c.sources()]
    for stale in (s for s in specs if s != path):  # e.g. indexed from another checkout
        c.remove_source(stale)
    if path not in specs:
        c.add_sources([path])
    s = c.reindex(progress=progress)
    if s.errors:
        raise RuntimeError(f"indexing {path} failed: {s.errors}")
    return name


def expected_ids(qa: QAService, corpus_name: str, keys: Iterable[str]) -> set[str]:
    """Article ids for expected articles given by URL or by file name."""
    keys = [k for k in keys if k]
    out: set[str] = set()
    for a in qa.index.corpus(corpus_name).db.articles().values():
        for k in keys:
            if (a.url and a.url == k) or Path(a.origin.split("#")[0]).name == k:
                out.add(a.id)
    return out


@dataclass
class Result:
    record: Record
    answer: Answer
    ms: float
    answer_in_reply: bool | None = None
    article_cited: bool | None = None
    lead_answer: bool | None = None


def score(rec: Record, ans: Answer, want: set[str], ms: float) -> Result:
    res = Result(rec, ans, ms)
    if rec.expect_abstain:
        return res
    quotes = norm(" ".join([ans.lead, *(c.quote for c in ans.citations)]))
    keys = [norm(k) for k in rec.must_quote]
    res.answer_in_reply = not ans.abstained and any(k in quotes for k in keys)
    res.article_cited = any(c.article_id in want for c in ans.citations)
    if rec.wh in SHORT_ANSWER and keys:
        res.lead_answer = not ans.abstained and any(k in norm(ans.lead) for k in keys)
    return res


def _pct(xs: list[float], p: float) -> float:
    if not xs:
        return 0.0
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def _mean(xs: list[bool]) -> float | None:
    return statistics.fmean(xs) if xs else None


def summarise(results: list[Result]) -> dict[str, Any]:
    ans = [r for r in results if not r.record.expect_abstain]
    nc = [r for r in results if r.record.expect_abstain]
    leads = [bool(r.lead_answer) for r in ans if r.lead_answer is not None]
    ms = [r.ms for r in results]
    return {
        "n": len(results),
        "answerable": len(ans),
        "not_covered": len(nc),
        "answer_in_reply": _mean([bool(r.answer_in_reply) for r in ans]),
        "article_cited": _mean([bool(r.article_cited) for r in ans]),
        "abstain_recall": _mean([r.answer.abstained for r in nc]),
        "wrong_abstain": _mean([r.answer.abstained for r in ans]),
        "lead_answer": _mean(leads),
        "p50_ms": round(_pct(ms, 50), 1),
        "p95_ms": round(_pct(ms, 95), 1),
    }


def run_questions(
    qa: QAService,
    records: list[Record],
    src: Sources,
    *,
    progress: Callable[[str, int, int], None] = lambda *_: None,
) -> tuple[dict[str, Any], list[Result]]:
    skipped = sorted({r.corpus for r in records if not src.available(r.corpus)})
    records = [r for r in records if src.available(r.corpus)]
    names = {c: index_corpus(qa, c, src, progress) for c in sorted({r.corpus for r in records})}
    filled = fill_sentence_vectors(qa, names.values())
    for name in names.values():  # per-version caches built once, as a running bot has them
        qa.answer("what is the latest news?", [name], now=datetime.now(UTC))
    results: list[Result] = []
    for i, rec in enumerate(records):
        progress("questions", i, len(records))
        corpora = [names[rec.corpus]]
        history: list[tuple[str, str]] = []
        for h in rec.history:  # earlier turns of the thread, answered by the bot itself
            prev = qa.answer(h, corpora, now=rec.now, history=history)
            history.append((h, prev.text))
        t0 = time.perf_counter()
        try:
            ans = qa.answer(rec.question, corpora, now=rec.now, history=history)
        except UserFacingError as e:  # a question the bot refuses to read: shown to the member
            ans = Answer(question=rec.question, lead=str(e), abstained=True)
        ms = (time.perf_counter() - t0) * 1000
        want = expected_ids(qa, corpora[0], rec.expect_articles)
        results.append(score(rec, ans, want, ms))
    progress("questions", len(records), len(records))
    by_kind: dict[str, list[Result]] = defaultdict(list)
    by_corpus: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        by_kind[r.record.kind].append(r)
        by_corpus[r.record.corpus].append(r)
    summary = summarise(results)
    summary["by_kind"] = {k: summarise(v) for k, v in sorted(by_kind.items())}
    summary["by_corpus"] = {k: summarise(v) for k, v in sorted(by_corpus.items())}
    summary["skipped_corpora"] = skipped
    summary["sentence_vectors"] = filled
    return summary, results


def result_row(r: Result) -> dict[str, Any]:
    return {
        "id": r.record.id,
        "kind": r.record.kind,
        "question": r.record.question,
        "abstained": r.answer.abstained,
        "answer_in_reply": r.answer_in_reply,
        "article_cited": r.article_cited,
        "lead_answer": r.lead_answer,
        "ms": round(r.ms, 1),
        "reply": r.answer.text,
    }
