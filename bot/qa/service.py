"""``QAService.answer``: the one function the CLI, the eval harness and the Discord layer call."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ingest.index import Corpus, NewsIndex
from ingest.settings import Settings

from .abstain import AbstainPolicy
from .aliases import expand
from .aliases import spans as alias_spans
from .extractive import Excerpt, select_excerpts, short_answer_lead
from .followup import already_given, carried_over
from .question import clean_question
from .retrieve import Retrieval, retrieve
from .sentvecs import lookup, store_for
from .spelling import correct, speller_for, unknown_words
from .types import CAVEAT, NOT_COVERED, Answer, Citation, NothingIndexed, Passage, format_date
from .vectors import Stored

if TYPE_CHECKING:
    from .llm import BoundedLLM, LLMOutcome

log = logging.getLogger(__name__)

N_PASSAGES = 10  # retrieved and considered
# Log-odds: a passage about 400 times less likely than the best to hold evidence is not quoted.
RELEVANCE_GAP = 6.0
N_COMPOSE = 6  # handed to the composer


def freshness_notice(newest: datetime | None, now: datetime) -> str | None:
    if newest is None:
        return None
    days = (now - newest).total_seconds() / 86400
    if days < 1:
        age = "less than a day old"
    elif days < 2:
        age = "1 day old"
    else:
        age = f"{int(days)} days old"
    return f"Newest indexed article: {format_date(newest)} ({age})."


def citations_from(excerpts: Sequence[Excerpt]) -> list[Citation]:
    return [
        Citation(
            n=i,
            article_id=e.passage.article_id,
            corpus=e.passage.corpus,
            headline=e.passage.headline,
            outlet=e.passage.outlet,
            published_at=e.passage.published_at,
            url=e.passage.url,
            quote=e.quote,
            start=e.start,
            end=e.end,
            ai_generated=e.passage.ai_generated,
            cut_start=e.cut_start,
            cut_end=e.cut_end,
        )
        for i, e in enumerate(excerpts, 1)
    ]


@dataclass
class Draft:
    """The quoted answer to show at once, and what the model step needs to improve on it."""

    answer: Answer
    question: str  # as read (spelling fixed)
    passages: list[Passage]  # for the model; empty when it is not to be asked
    history: list[tuple[str, str]]
    started: float  # time.monotonic() when the question came in
    notice: str | None = None

    @property
    def wants_llm(self) -> bool:
        return bool(self.passages)


def with_caveat(ans: Answer) -> Answer:
    ans.caveat = CAVEAT if any(c.ai_generated for c in ans.citations) else None
    return ans


class QAService:
    def __init__(
        self,
        index: NewsIndex,
        settings: Settings,
        chat_model: Any = None,
        policy: AbstainPolicy | None = None,
    ) -> None:
        self.index = index
        self.settings = settings
        self.chat_model = chat_model
        # Bounded: one deadline, a capped reply, no retry after a timeout (bot/qa/llm.py).
        self.llm: BoundedLLM | None = None
        if chat_model is not None:
            from .llm import bounded

            self.llm = bounded(chat_model, settings)
        self.policy = policy or AbstainPolicy()

    def _corpora(self, names: Sequence[str]) -> list[Corpus]:
        seen: list[Corpus] = []
        for n in names:
            if n and n not in [c.name for c in seen]:
                seen.append(self.index.corpus(n))
        return seen

    def _is_word(self, w: str) -> bool:
        """Ordinary English: the embedding model's tokenizer holds the word whole."""
        return self.index.embedder.count_tokens([w])[0] == 1

    def spell(self, question: str, corpora: Sequence[str]) -> str:
        """The question as searched: typos corrected against the corpora's own words, and the
        full names of nicknames added ("zuck (Mark Zuckerberg)")."""
        cs = [c for c in self._corpora(corpora) if c.db.has_chunks()]
        if not cs:
            return question
        spellers = [speller_for(c) for c in cs]
        fixed, fixes = correct(question, spellers, self._is_word, keep=alias_spans(question))
        fixed, added = expand(fixed)
        if fixes or added:
            log.info("question read with corrections %s and names %s", fixes, added)
        return fixed

    def retrieve(
        self,
        question: str,
        corpora: Sequence[str],
        *,
        now: datetime | None = None,
        outlet: str | None = None,
        since: datetime | None = None,
        k: int = N_PASSAGES,
        follow: Sequence[str] = (),
    ) -> Retrieval:
        now = now or datetime.now(UTC)
        cs = [c for c in self._corpora(corpora) if c.db.has_chunks()]
        for c in cs:
            c.check_model()
        if not cs:
            raise NothingIndexed(
                "Nothing is indexed yet. Add articles first: `newsbot ingest PATH_OR_URL` on the "
                "host, or `/sources add` and `/reindex` in Discord."
            )
        qvec = self.index.embedder.embed([question])[0]
        unknown = unknown_words(
            question, [speller_for(c) for c in cs], self._is_word, keep=alias_spans(question)
        )
        return retrieve(
            question,
            cs,
            qvec,
            now=now,
            k=k,
            outlet=outlet,
            since=since,
            unknown=unknown,
            follow=follow,
        )

    def answer(
        self,
        question: str,
        corpora: Sequence[str],
        *,
        now: datetime | None = None,
        history: Sequence[tuple[str, str]] = (),
        outlet: str | None = None,
        since: datetime | None = None,
    ) -> Answer:
        """The model's verified answer when there is a model and it gives one in time; else the
        quoted (extractive) answer."""
        d = self.draft(question, corpora, now=now, history=history, outlet=outlet, since=since)
        if d.wants_llm:
            outcome = self.refine(d)
            if outcome.answer is not None:
                return outcome.answer
        return d.answer

    def draft(
        self,
        question: str,
        corpora: Sequence[str],
        *,
        now: datetime | None = None,
        history: Sequence[tuple[str, str]] = (),
        outlet: str | None = None,
        since: datetime | None = None,
    ) -> Draft:
        """The quoted answer, ready to show at once, and what the model step would need."""
        now = now or datetime.now(UTC)
        if now.tzinfo is None:
            now = now.replace(tzinfo=UTC)
        t_start = time.monotonic()
        q = clean_question(question, max_chars=self.settings.max_question_chars)
        t0 = time.perf_counter()
        fixed = self.spell(q, corpora)
        # A follow-up ("what about Cambodia's side?") is searched together with the turn before,
        # and "she" in "when does she start" with the person the last reply named.
        if history:
            named = referent(fixed, history[-1][1])
            prev = self.spell(history[-1][0], corpora) + (f" {named}" if named else "")
            history = [*history[:-1], (prev, history[-1][1])]
        search_q = f"{history[-1][0]} {fixed}" if history else fixed
        # ... and what the reply before cited is likelier what the follow-up is about
        follow = cited_links(history[-1][1]) if history else []
        r = self.retrieve(search_q, corpora, now=now, outlet=outlet, since=since, follow=follow)
        ans = self.answer_from(fixed, r, now=now, history=history, search_q=search_q)
        ans.question = q
        ans.timings_ms["retrieve"] = round(r.timings_ms.get("retrieve_total", 0.0), 2)
        ans.timings_ms["total"] = round((time.perf_counter() - t0) * 1000, 2)
        passages: list[Passage] = []
        if self.llm is not None and not ans.abstained:
            passages = self._llm_passages(r)[: max(1, self.settings.llm_max_excerpts)]
        return Draft(ans, fixed, passages, list(history), t_start, ans.notice)

    def refine(self, d: Draft, *, deadline: float | None = None) -> LLMOutcome:
        """The model's answer to a draft, verified, within ``deadline`` (``time.monotonic()``;
        default: the settings' deadline from when the question came in)."""
        from .llm import LLMOutcome

        if self.llm is None or not d.passages:
            return LLMOutcome(None, "unverified", "no model or nothing to answer from")
        if deadline is None:
            deadline = d.started + self.settings.llm_deadline_s
        try:
            outcome = self.llm.compose(d.question, d.passages, d.history, deadline=deadline)
        except Exception as exc:
            log.exception("LLM answer failed; keeping the extractive answer")
            return LLMOutcome(None, "error", f"{type(exc).__name__}: {exc}")
        if outcome.answer is not None:
            ans = with_caveat(outcome.answer)
            ans.question = d.answer.question
            ans.notice = d.notice
            ans.timings_ms = {**d.answer.timings_ms, "llm": round(outcome.seconds * 1000, 2)}
        return outcome

    def answer_from(
        self,
        q: str,
        r: Retrieval,
        *,
        now: datetime,
        history: Sequence[tuple[str, str]] = (),
        search_q: str | None = None,
    ) -> Answer:
        """Compose the answer to ``q`` from a retrieval already made (the eval times the two)."""
        t1 = time.perf_counter()
        search_q = search_q or q
        again = ""
        if history:  # "and wells fargo?" asks "how much" as the turn before did, of another
            again = already_given(q, history[-1][0], history[-1][1])
            q = carried_over(q, history[-1][0])
        notice = None
        if r.query.time.wants_latest or r.query.time.active:
            notice = freshness_notice(r.newest, now)
        # This question decides; a follow-up's earlier turn only lends its words (half weight).
        decision = self.policy.decide(q, r, history[-1][0] if history else "")
        if decision.abstain:
            ans = Answer(
                question=q, lead=decision.message or NOT_COVERED, abstained=True, notice=notice
            )
        else:
            ans = self._compose(q, search_q, r, history, now, not_again=again)
            ans.notice = notice
        ans.timings_ms = {"compose": round((time.perf_counter() - t1) * 1000, 2)}
        return with_caveat(ans)

    @staticmethod
    def _llm_passages(r: Retrieval) -> list[Passage]:
        """The passages a composer sees (the extractive one and the model alike)."""
        passages = r.passages[:N_COMPOSE]
        if r.log_odds and passages:
            # Quote only what is nearly as likely to bear on the question as the best passage.
            floor = passages[0].score - RELEVANCE_GAP
            passages = [p for p in passages if p.score >= floor]
        return passages

    def _stored(self, passages: Sequence[Passage]) -> Stored | None:
        """The sentence vectors stored ahead for the passages' corpora (``bot.qa.sentvecs``)."""
        if not self.index.settings.sentence_vectors:
            return None
        names = list(dict.fromkeys(p.corpus for p in passages))
        return lookup([store_for(self.index.corpus(n)) for n in names])

    def _compose(
        self,
        q: str,
        search_q: str,
        r: Retrieval,
        history: Sequence[tuple[str, str]],
        now: datetime | None = None,
        not_again: str = "",
    ) -> Answer:
        passages = self._llm_passages(r)
        excerpts = select_excerpts(
            q,
            passages,
            history=history[-1][0] if history else "",
            embed=self.index.embedder.embed if r.query_vec is not None else None,
            query_vec=r.query_vec,
            latest=r.query.time.wants_latest and not r.query.time.dates,
            sources=len(r.query.outlets),
            stored=self._stored(passages),
            now=now,
            not_again=not_again,
        )
        if not excerpts:
            return Answer(question=q, lead=NOT_COVERED, abstained=True)
        excerpts = group_by_article(excerpts)
        lead = short_answer_lead(excerpts, q) or extractive_lead(excerpts)
        return Answer(question=q, lead=lead, citations=citations_from(excerpts))


_PERSON_PRONOUN = re.compile(r"\b(?:he|she|him|her|his|hers)\b", re.I)
_PINNED = re.compile(r"^((?:[A-Z][\w'’.-]*\s?){1,4}) \[\d+\]\.$")


def referent(question: str, last_reply: str) -> str | None:
    """The person a follow-up's "he" or "she" most likely means: the name the last reply
    stated in its lead ("Emma Hayes [1]."), if it stated one."""
    if not _PERSON_PRONOUN.search(question) or not last_reply:
        return None
    m = _PINNED.match(last_reply.split("\n", 1)[0].strip())
    return m.group(1).strip() if m and len(m.group(1).split()) >= 2 else None


_LINK = re.compile(r"<(https?://[^\s<>]+)>")


def cited_links(reply: str) -> list[str]:
    """The article links a reply cites (``Answer.text`` shows each as ``<url>``), in order."""
    return list(dict.fromkeys(_LINK.findall(reply)))


def group_by_article(excerpts: Sequence[Excerpt]) -> list[Excerpt]:
    """Best first, then the other excerpts of the same article right after it, so each article's
    excerpts are numbered together under one source line."""
    order: dict[str, list[Excerpt]] = {}
    for e in excerpts:
        order.setdefault(f"{e.passage.corpus}/{e.passage.article_id}", []).append(e)
    return [e for group in order.values() for e in group]


def extractive_lead(excerpts: Sequence[Excerpt]) -> str:
    outlets: list[str] = []
    for e in excerpts:
        o = e.passage.outlet or "an unknown outlet"
        if o not in outlets:
            outlets.append(o)
    names = outlets[0] if len(outlets) == 1 else ", ".join(outlets[:-1]) + " and " + outlets[-1]
    n = len({e.passage.article_id for e in excerpts})
    return (
        f"Here is what {n} article{'s' if n > 1 else ''} from {names} say{'s' if n == 1 else ''}:"
    )
