"""Retrieval behaviour the product promises, on a small invented corpus (tests/data/qa/retrieval):
questions that name an outlet or a date are steered to it, relative dates ("last week", "since
Monday") favour articles of that range without dropping undated ones, "latest" knows the newest
article, the same wire copy under two outlets is quoted once, both halves of a two-part question
find their story, and the abstention signals (an unindexed outlet named as the source, a name no
article mentions) fire while a sentence-initial ordinary word does not.

The corpus: three outlets (The Fenwick Lantern, Ostry Valley Post, Marrowgate Wire); six
articles on the Quillon water rationing and the Dunmere reservoir published on November 10, 16,
18, 24 and 26, 2026, plus one undated explainer; one Marrowgate Wire story about a shipyard fire
that The Fenwick Lantern republished verbatim; two unrelated stories (a comet found at the Hollin
Observatory, the Teasdale chess final) and a second Hollin Observatory story as a distractor.

Ranking order depends on the second-stage model (bot/qa/ltr_model.json), which was fitted on
features computed with all-MiniLM-L6-v2; a hashing embedder's similarities are distributed
differently, so these tests embed with the real, bundled model (offline; it loads in a few
seconds). Deterministic otherwise: a real ephemeral Chroma and a fixed ``now``: Friday, November 27, 2026, 12:00 UTC, so "yesterday" is
November 26, "since Monday" is from November 23 and "last week" is November 16-22.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import chromadb
import pytest
import yaml
from chromadb.config import Settings as ChromaSettings

from bot.qa.events import event_in, event_phrases
from bot.qa.query import clipped_name
from bot.qa.rank import Params
from bot.qa.retrieve import Retrieval
from bot.qa.service import QAService
from bot.qa.types import NOT_COVERED
from ingest.embedding import load_embedder
from ingest.index import NewsIndex
from ingest.keyword import tokenize
from ingest.settings import Settings

from .fakes import drop_collections

NOW = datetime(2026, 11, 27, 12, tzinfo=UTC)
CORPUS = Path(__file__).parent / "data" / "qa" / "retrieval"

LANTERN, OSTRY, MARROWGATE = "The Fenwick Lantern", "Ostry Valley Post", "Marrowgate Wire"

# The fixture files by what they are about (file stems).
BEGINS = "01-lantern-rationing-begins"  # Nov 10, Lantern
TIGHTENED = "02-ostry-rationing-tightened"  # Nov 18, Ostry
RAIN = "03-lantern-rain-eases-rationing"  # Nov 24, Lantern
DESAL = "04-ostry-desalination-vote"  # Nov 26, Ostry: the newest article
EXPLAINER = "05-dunmere-reservoir-explainer"  # undated, Lantern
FIRE_WIRE = "06-marrowgate-shipyard-fire"  # Nov 20, Marrowgate
FIRE_COPY = "07-lantern-shipyard-fire-wire-copy"  # Nov 20, Lantern: the same text
COMET = "08-hollin-comet"
CHESS = "09-teasdale-chess-final"
FARMERS = "10-marrowgate-kelvey-farmers"  # Nov 16, Marrowgate
TELESCOPE = "11-lantern-hollin-telescope"
RESERVOIR = {BEGINS, TIGHTENED, RAIN, DESAL, EXPLAINER, FARMERS}

RATIONING_Q = "What happened with the Quillon water rationing?"


def _url_of(path: Path) -> str:
    if path.suffix == ".md":
        front = path.read_text(encoding="utf-8").split("---\n")[1]
        return yaml.safe_load(front)["link"]
    meta = path.with_name(path.stem + ".meta.json")
    return json.loads(meta.read_text(encoding="utf-8"))["url"]


class World:
    def __init__(self, tmp: Path) -> None:
        self.settings = Settings(_env_file=None, data_dir=tmp / "data")  # type: ignore[call-arg]
        self.client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
        emb = load_embedder(self.settings.embedding_model)
        self.index = NewsIndex(self.settings, embedder=emb, client=self.client)
        corpus = self.index.corpus("news")
        corpus.add_sources([str(CORPUS)], ai_generated=False)
        summary = corpus.reindex()
        assert summary.errors == [], summary.errors
        self.articles = corpus.db.articles()
        by_url = {a.url: a.id for a in self.articles.values()}
        files = [p for p in sorted(CORPUS.iterdir()) if p.suffix in (".md", ".txt")]
        self.stem_of = {by_url[_url_of(p)]: p.stem for p in files}
        self.qa = QAService(self.index, self.settings)

    def retrieve(self, question: str, **kw) -> Retrieval:
        return self.qa.retrieve(question, ["news"], now=NOW, **kw)

    def stems(self, r: Retrieval) -> list[str]:
        """The passages' articles, by fixture file, in rank order (one entry per passage)."""
        return [self.stem_of[p.article_id] for p in r.passages]

    def rank(self, r: Retrieval, stem: str) -> int:
        stems = self.stems(r)
        assert stem in stems, (stem, stems)
        return stems.index(stem)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = World(tmp_path_factory.mktemp("qa-retrieve"))
    yield w
    drop_collections(w.client)


def test_the_fixture_corpus_is_what_the_tests_assume(world: World) -> None:
    assert len(world.articles) == 11
    assert set(world.stem_of.values()) == {p.stem for p in CORPUS.glob("*.md")} | {
        p.stem for p in CORPUS.glob("*.txt")
    }
    by_stem = {world.stem_of[a.id]: a for a in world.articles.values()}
    assert {a.outlet for a in by_stem.values()} == {LANTERN, OSTRY, MARROWGATE}
    assert [s for s, a in by_stem.items() if a.published_at is None] == [EXPLAINER]
    assert by_stem[FIRE_WIRE].text == by_stem[FIRE_COPY].text
    assert (by_stem[FIRE_WIRE].outlet, by_stem[FIRE_COPY].outlet) == (MARROWGATE, LANTERN)
    newest = max(a.published_at for a in by_stem.values() if a.published_at)
    assert newest == by_stem[DESAL].published_at == datetime(2026, 11, 26, 16, 40, tzinfo=UTC)


# --- outlets ----------------------------------------------------------------------------------------


def test_naming_an_outlet_brings_its_article_up(world: World) -> None:
    # Unnamed, the two best passages come from the other outlets ...
    plain = world.retrieve(RATIONING_Q)
    assert plain.query.outlets == []
    assert OSTRY not in [p.outlet for p in plain.passages[:2]], world.stems(plain)
    # ... named, the Ostry Valley Post's coverage is in the top two.
    r = world.retrieve("What did the Ostry Valley Post report about the Quillon water rationing?")
    assert r.query.outlets == [OSTRY]
    assert OSTRY in [p.outlet for p in r.passages[:2]], world.stems(r)


@pytest.mark.parametrize(
    ("question", "outlet"),
    [
        ("What did the Ostry Valley Post report about the Quillon water rationing?", OSTRY),
        ("What did the Fenwick Lantern report about the Quillon water rationing?", LANTERN),
        ("What did The Fenwick Lantern's coverage say about Quillon's water rationing?", LANTERN),
        ("What did Marrowgate Wire report about the Quillon water rationing?", MARROWGATE),
        ("what did the ostry valley post say about the quillon water rationing?", OSTRY),
    ],
)
def test_a_named_outlet_is_read_and_ranked_near_the_top(
    world: World, question: str, outlet: str
) -> None:
    r = world.retrieve(question)
    assert r.query.outlets == [outlet]
    assert r.query.unknown_outlets == []
    assert outlet in [p.outlet for p in r.passages[:2]], world.stems(r)
    # Still about the question: the top passages are rationing coverage.
    assert set(world.stems(r)[:2]) <= RESERVOIR


@pytest.mark.parametrize(
    "question",
    [
        "How did The Fenwick Lantern and Marrowgate Wire cover the Quillon water rationing?",
        "How did Marrowgate Wire and the Ostry Valley Post cover the Quillon water rationing?",
    ],
)
def test_two_named_outlets_each_have_a_passage_in_the_top_four(world: World, question: str) -> None:
    r = world.retrieve(question)
    named = [o for o in (LANTERN, OSTRY, MARROWGATE) if o.removeprefix("The ") in question]
    assert sorted(r.query.outlets) == sorted(named)
    # In the order the question names them.
    assert r.query.outlets == sorted(named, key=lambda o: question.index(o.removeprefix("The ")))
    top = [p.outlet for p in r.passages[:4]]
    for o in named:
        assert o in top, (o, world.stems(r))


@pytest.mark.parametrize(
    ("outlet_arg", "outlet"),
    [
        (OSTRY, OSTRY),
        ("the ostry valley post", OSTRY),  # as a member may type it in /ask outlet:
        (MARROWGATE, MARROWGATE),
    ],
)
def test_the_outlet_argument_steers_like_a_named_outlet(
    world: World, outlet_arg: str, outlet: str
) -> None:
    plain = world.retrieve(RATIONING_Q)
    r = world.retrieve(RATIONING_Q, outlet=outlet_arg)
    assert r.query.outlets == [outlet]
    assert r.passages[0].outlet == outlet, world.stems(r)
    assert world.stems(r)[0] in RESERVOIR
    if outlet == OSTRY:
        assert plain.passages[0].outlet != OSTRY  # the argument made the difference


# --- dates ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "day", "stem"),
    [
        ("What was reported about the Dunmere reservoir on November 24, 2026?", 24, RAIN),
        ("What was reported about the Dunmere reservoir on November 18?", 18, TIGHTENED),
        ("What was reported about the Dunmere reservoir on 10 November?", 10, BEGINS),
    ],
)
def test_on_a_date_prefers_the_article_of_that_day(
    world: World, question: str, day: int, stem: str
) -> None:
    r = world.retrieve(question)
    assert r.query.time.dates == (date(2026, 11, day),)
    stems = world.stems(r)
    # That day's article comes first, ahead of the undated explainer too.
    assert stems[0] == stem, stems


def test_on_a_date_changes_the_order(world: World) -> None:
    # Without the date, the November 18 article is not among the top two; with it, it is.
    plain = world.retrieve("What was reported about the Dunmere reservoir?")
    dated = world.retrieve("What was reported about the Dunmere reservoir on November 18?")
    assert world.rank(plain, TIGHTENED) >= 2, world.stems(plain)
    assert world.rank(dated, TIGHTENED) < world.rank(plain, TIGHTENED)


def test_last_week_puts_an_article_of_last_week_or_since_first(world: World) -> None:
    # What happened last week is reported then or since: the window runs from last Monday to now.
    r = world.retrieve("What happened with the Quillon water rationing last week?")
    tf = r.query.time
    assert (tf.start, tf.end) == (
        datetime(2026, 11, 16, tzinfo=UTC),
        datetime(2026, 11, 29, tzinfo=UTC),
    )
    first = r.passages[0]
    assert first.published_at is not None
    assert tf.start <= first.published_at < tf.end, world.stems(r)


@pytest.mark.parametrize(
    ("phrase", "start", "end", "in_range"),
    [
        ("last week", datetime(2026, 11, 16, tzinfo=UTC), datetime(2026, 11, 29, tzinfo=UTC),
         {TIGHTENED, FARMERS}),
        ("yesterday", datetime(2026, 11, 25, 10, tzinfo=UTC), datetime(2026, 11, 29, tzinfo=UTC),
         {DESAL}),
        ("since Monday", datetime(2026, 11, 23, tzinfo=UTC), datetime(2026, 11, 29, tzinfo=UTC),
         {RAIN, DESAL}),
    ],
)  # fmt: skip
def test_a_relative_range_moves_its_articles_up(
    world: World, phrase: str, start: datetime, end: datetime | None, in_range: set[str]
) -> None:
    plain = world.retrieve(RATIONING_Q)
    r = world.retrieve(f"{RATIONING_Q[:-1]} {phrase}?")
    assert (r.query.time.start, r.query.time.end) == (start, end)
    # The phrase is a filter, not words to match ("since Monday" vs "on Monday" in old news).
    assert phrase.split()[-1].lower() not in r.query.plan.keywords.lower()
    best = min(world.rank(r, s) for s in in_range)
    best_plain = min(world.rank(plain, s) for s in in_range)
    assert best < best_plain, (world.stems(plain), world.stems(r))
    stems = world.stems(r)
    assert stems[0] in in_range, stems
    tf = r.query.time
    inside = [
        p.published_at is None
        or (p.published_at >= tf.start and (tf.end is None or p.published_at < tf.end))
        for p in r.passages
    ]
    # Every dated article of the story outside the range comes after every one inside it.
    story = [s in RESERVOIR and r.passages[i].published_at is not None for i, s in enumerate(stems)]
    outside = [i for i, ok in enumerate(story) if ok and not inside[i]]
    within = [i for i, ok in enumerate(story) if ok and inside[i]]
    assert max(within) < min(outside), stems


@pytest.mark.parametrize(
    ("question", "since"),
    [
        ("What has happened with the Quillon water rationing since Monday?", None),
        ("What happened with the Quillon water rationing last week?", None),
        ("What did the council do about the Quillon water rationing in November?", None),
        (RATIONING_Q, datetime(2026, 11, 23, tzinfo=UTC)),
    ],
)
def test_an_undated_article_is_kept_but_ranked_below_in_range_ones(
    world: World, question: str, since: datetime | None
) -> None:
    r = world.retrieve(question, since=since)
    tf = r.query.time
    assert tf.start is not None
    if since is not None:
        assert tf.start == since
    stems = world.stems(r)
    assert EXPLAINER in stems  # never dropped for having no date
    in_range = [
        i
        for i, p in enumerate(r.passages)
        if p.published_at is not None
        and tf.start <= p.published_at
        and (tf.end is None or p.published_at < tf.end)
    ]
    assert in_range, stems
    assert in_range[0] < stems.index(EXPLAINER), stems


def test_newest_is_the_newest_article_whatever_the_question(world: World) -> None:
    newest = datetime(2026, 11, 26, 16, 40, tzinfo=UTC)
    for q in ("What is the latest on the Dunmere reservoir?", "Who won the Teasdale chess final?"):
        assert world.retrieve(q).newest == newest


@pytest.mark.parametrize(
    "question",
    [
        "What is the most recent news about Quillon's water rationing?",
        "What is the latest on the Quillon water rationing?",
    ],
)
def test_a_latest_question_on_a_story_puts_its_newest_article_first(
    world: World, question: str
) -> None:
    r = world.retrieve(question)
    assert world.stems(r)[0] == DESAL, world.stems(r)


def test_a_latest_question_does_not_trade_the_topic_for_freshness(world: World) -> None:
    # The chess final is twelve days old and other stories are newer: it still comes first.
    r = world.retrieve("What is the latest on the Teasdale chess championship?")
    assert world.stems(r)[0] == CHESS, world.stems(r)


def test_latest_question_prefers_recent_dated_coverage(world: World) -> None:
    r = world.retrieve("What is the latest on the Dunmere reservoir?")
    assert r.query.time.wants_latest
    plain = world.retrieve("What is there on the Dunmere reservoir?")
    # Without "latest" the undated explainer leads; with it, an article of the last week does.
    assert world.stems(plain)[0] == EXPLAINER, world.stems(plain)
    first = r.passages[0]
    assert first.published_at is not None, world.stems(r)
    assert (r.newest - first.published_at).days < 7, world.stems(r)
    assert world.rank(r, DESAL) < world.rank(plain, DESAL)


def test_a_latest_answer_says_how_fresh_the_corpus_is(world: World) -> None:
    ans = world.qa.answer("What is the latest on the Dunmere reservoir?", ["news"], now=NOW)
    assert not ans.abstained, ans.text
    assert ans.notice == "Newest indexed article: Nov 26, 2026 (less than a day old)."


# --- diversity --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "kept"),
    [
        ("What happened in the fire at the Brannock shipyard?", None),
        ("Was anyone hurt when the ferry hull burned at Brannock?", None),
        ("What did Marrowgate Wire report about the Brannock shipyard fire?", FIRE_WIRE),
        ("What did the Fenwick Lantern report about the Brannock shipyard fire?", FIRE_COPY),
    ],
)
def test_the_same_wire_copy_is_never_in_the_passages_twice(
    world: World, question: str, kept: str | None
) -> None:
    r = world.retrieve(question)
    stems = world.stems(r)
    copies = [s for s in stems if s in (FIRE_WIRE, FIRE_COPY)]
    assert len(copies) == 1, stems
    assert stems[0] == copies[0]  # the story asked about still leads
    if kept:  # the copy of the outlet the question names is the one kept
        assert copies == [kept]
    texts = [p.text for p in r.passages]
    assert len(texts) == len(set(texts))


def test_near_duplicates_are_dropped_for_a_broad_question_too(world: World) -> None:
    # A question near everything: the passages are many and still hold one copy of the fire.
    r = world.retrieve("What news is there from Brannock, Quillon, Hollin and Teasdale?")
    stems = world.stems(r)
    assert len(r.passages) >= 8
    assert len({FIRE_WIRE, FIRE_COPY} & set(stems)) == 1, stems


@pytest.mark.parametrize(
    "question",
    [
        "What did the Hollin Observatory astronomers discover while the Teasdale chess "
        "championship was being decided?",
        "Who led the team that found the Hollin comet, and who won the Teasdale chess "
        "championship?",
        "Astronomers at the Hollin Observatory found a comet, but who won the Teasdale chess "
        "championship?",
    ],
)
def test_both_stories_of_a_two_part_question_are_in_the_top_four(
    world: World, question: str
) -> None:
    r = world.retrieve(question)
    assert len(r.query.plan.parts) == 2, r.query.plan.parts
    top = world.stems(r)[:4]
    assert COMET in top and CHESS in top, top


# --- abstention signals -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("According to a Bloomberg article, how low did the Dunmere reservoir fall?", "Bloomberg"),
        ("What did Reuters report about the Quillon water rationing?", "Reuters"),
        ("What did the Financial Times say about the Dunmere reservoir?", "Financial Times"),
    ],
)
def test_an_unindexed_outlet_named_as_the_source_abstains_naming_it(
    world: World, question: str, name: str
) -> None:
    r = world.retrieve(question)
    assert r.query.unknown_outlets == [name]
    assert r.query.outlets == []
    ans = world.qa.answer(question, ["news"], now=NOW)
    assert ans.abstained
    assert ans.citations == []
    assert ans.lead.startswith(NOT_COVERED)
    assert f"No articles from {name} are indexed" in ans.lead


def test_an_indexed_outlet_is_never_unknown(world: World) -> None:
    q = "According to a Marrowgate Wire article, why are Kelvey valley farmers unhappy?"
    r = world.retrieve(q)
    assert r.query.unknown_outlets == []
    assert r.query.outlets == [MARROWGATE]
    ans = world.qa.answer(q, ["news"], now=NOW)
    assert not ans.abstained, ans.text
    assert ans.citations[0].outlet == MARROWGATE


def test_a_name_no_article_mentions_abstains_naming_it(world: World) -> None:
    q = "What did Ysolde Parrish say about the Dunmere reservoir?"
    r = world.retrieve(q)
    assert r.query.unseen == ["Ysolde", "Parrish"]
    assert r.passages  # there is coverage of the topic, just not of her
    ans = world.qa.answer(q, ["news"], now=NOW)
    assert ans.abstained
    assert ans.citations == []
    assert ans.lead.startswith(NOT_COVERED)
    assert "“Ysolde” or “Parrish”" in ans.lead


def test_a_name_the_corpus_has_is_not_unseen(world: World) -> None:
    q = "What did Idris Marlowe say about the car washes?"
    r = world.retrieve(q)
    assert r.query.unseen == []
    ans = world.qa.answer(q, ["news"], now=NOW)
    assert not ans.abstained, ans.text
    assert world.stem_of[ans.citations[0].article_id] == TIGHTENED


@pytest.mark.parametrize(
    "question",
    [
        "Tell me about the Quillon water rationing.",
        "Summarise the coverage of the Dunmere reservoir.",
        "I read about the drought. Outline why the Dunmere reservoir runs low.",
        "Describe how the Quillon council plans to end the water rationing.",
    ],
)
def test_a_sentence_initial_word_is_not_an_unseen_name(world: World, question: str) -> None:
    # The leading verbs appear nowhere in the corpus: read as names they would abstain.
    vocab = set(tokenize(" ".join(a.text + " " + a.headline for a in world.articles.values())))
    for verb in ("Tell", "Summarise", "Outline", "Describe"):
        assert not set(tokenize(verb)) & vocab, verb
    r = world.retrieve(question)
    assert r.query.unseen == []
    ans = world.qa.answer(question, ["news"], now=NOW)
    assert not ans.abstained, ans.text
    assert ans.citations
    assert world.stem_of[ans.citations[0].article_id] in RESERVOIR


def test_an_answer_quotes_only_passages_nearly_as_relevant_as_the_best(world: World) -> None:
    # One article covers the chess final; the rest of the top 10 is other news, and none of it
    # is quoted beside the final's result.
    r = world.retrieve("Who won the Teasdale chess championship?")
    assert r.log_odds and len({p.article_id for p in r.passages}) > 1
    ans = world.qa.answer("Who won the Teasdale chess championship?", ["news"], now=NOW)
    assert not ans.abstained, ans.text
    assert {world.stem_of[c.article_id] for c in ans.citations} == {CHESS}, ans.text


def test_without_the_model_the_first_stage_merge_still_answers(world: World) -> None:
    from bot.qa import retrieve as R

    r = R.retrieve(
        "Who won the Teasdale chess championship?",
        [world.index.corpus("news")],
        world.index.embedder.embed(["Who won the Teasdale chess championship?"])[0],
        now=NOW,
        params=Params(ltr=None),
    )
    assert not r.log_odds
    assert world.stems(r)[0] == CHESS, world.stems(r)


def _one_article(
    text: str, headline: str, doc_freq: Callable[[str], int], n_chunks: int, aid: str = "a1"
) -> Retrieval:
    """What a retrieval that found one short article, whole, hands the abstention signals."""
    from bot.qa.retrieve import Query
    from bot.qa.types import Passage

    p = Passage(f"c-{aid}", aid, "news", text, 0, len(text), headline, None, None, None, True)
    return Retrieval(Query("q"), [p], doc_freq=doc_freq, n_chunks=n_chunks)


def test_question_words_standing_together_count_in_other_words() -> None:
    """ "quillon stock tanked": the article says "Quillon shares tumbled". The pair is covered
    through the synonyms; a pair the article holds in no words stays uncovered."""
    from bot.qa.abstain import signals

    text = "Quillon shares tumbled 17 percent after the export licence was suspended."
    r = _one_article(text, "Quillon hit", lambda _t: 1, 10)
    assert signals("quillon stock tanked", r)["pair_cover"] == 1.0
    assert signals("quillon bond rallied", r)["pair_cover"] == 0.0


def test_a_figure_hit_is_a_figure_reached_and_most_frames_the_question() -> None:
    """ "did the flow hit 44": the article says the flow reached 44.3; "jumped the most" asks
    which one jumped, and "most" is no topic word the article must hold."""
    from bot.qa.abstain import key_terms, signals

    text = "Releases from the Orna weir reached 44.3 cubic metres per second on Friday."
    r = _one_article(text, "Orna weir", lambda _t: 1, 10)
    got = signals("did the weir releases actually hit 44", r)
    assert got["cover"] == 1.0 and got["unknown_missing"] == 0.0
    assert signals("did the weir releases actually fall to 44", r)["cover"] < 1.0
    assert key_terms("which housebuilder jumped the most") == ["housebuild", "jump"]


def test_chat_shorthand_spelled_out_and_per_the_outlet_are_no_missing_topic_words() -> None:
    """ "szn" the articles never write: the reader adds "season" after it, and that is what must
    be covered. "per TechCrunch" names a source, like "according to"."""
    from bot.qa.abstain import key_terms, signals
    from bot.qa.aliases import expand

    text = "Orna lost its starting keeper Ivo Marsh for the season with a knee injury."
    r = _one_article(text, "Orna news", lambda t: int(t not in ("szn", "qzx")), 10)
    got = signals(expand("orna keeper injured for the szn")[0], r)
    assert got["cover"] == 1.0 and got["unknown_missing"] == 0.0
    assert signals("orna keeper injured for the qzx", r)["unknown_missing"] == 1.0
    assert key_terms("per techcrunch, how many dialects") == ["techcrunch", "dialect"]


def test_a_word_the_stemmer_cuts_otherwise_is_still_covered() -> None:
    """ "verifying" (stem "verifi") and the article's "verification" (stem "verif")."""
    from bot.qa.abstain import signals

    text = "Both armies will discuss verification of the truce at Orna next week."
    r = _one_article(text, "Orna talks", lambda _t: 0, 2)
    assert signals("will the armies talk about verifying the truce", r)["unknown_missing"] == 0.0
    assert signals("will the armies talk about vetoing the truce", r)["unknown_missing"] == 1.0
    # a name that starts with a word the article holds is not another form of it
    text = "The harbour master said the ferry will sail at Orna next week."
    r = _one_article(text, "Orna ferry", lambda _t: 0, 2)
    assert signals("will the ferry sail at orna", r)["unknown_missing"] == 0.0
    assert signals("will the ferry masterson sail at orna", r)["unknown_missing"] == 1.0


def test_a_nickname_spelled_out_is_no_phrase_an_article_must_hold() -> None:
    from bot.qa.abstain import key_phrases
    from bot.qa.aliases import expand

    assert key_phrases(expand("did the uk storm close Orna Harbour")[0]) == ["Orna Harbour"]


def test_a_celebritys_nickname_is_spelled_out_so_the_articles_name_covers_it() -> None:
    """ "kfed", "emrata": nicknames no article writes, of people articles name in full."""
    from bot.qa.abstain import signals
    from bot.qa.aliases import expand

    text = "Kevin Federline and the singer filed for divorce in November 2006, a court said."
    r = _one_article(text, "Divorce filing", lambda t: int(t != "kfed"), 10)
    q, added = expand("when did she file for divorce from kfed")
    assert added == ["Kevin Federline"]
    got = signals(q, r)
    assert got["cover"] == 1.0 and got["unknown_missing"] == 0.0
    assert expand("who shot the emrata jeans editorial")[1] == ["Emily Ratajkowski"]
    assert expand("did jimmy g start")[1] == ["Jimmy Garoppolo"]
    assert expand("did the pirates bring cutch back?")[1] == ["Andrew McCutchen"]
    assert expand("what did elon say")[1] == ["Elon Musk"]
    # banks by their everyday short names
    assert expand("how much did citi have to pay back")[1] == ["Citigroup"]
    assert expand("how much did jpm pay the virgin islands")[1] == ["JPMorgan"]
    assert expand("how many ppv buys did the fnaf movie get")[1] == [
        "pay-per-view",
        "Five Nights at Freddy's",
    ]
    # slang for a common word: "bday" is no unknown name once "birthday" stands beside it
    text = "The mayor of Orna celebrates her birthday on 14 June with a parade."
    r = _one_article(text, "Mayor's parade", lambda t: int(t != "bday"), 10)
    q, added = expand("when is the orna mayor's bday")
    assert added == ["birthday"]
    assert signals(q, r)["unknown_missing"] == 0.0
    assert expand("brissy vs tassie score")[1] == ["Brisbane", "Tasmania"]
    assert expand("who had the pick 6 for the fins vs philly on snf")[1] == [
        "Dolphins",
        "Philadelphia",
        "Sunday Night Football",
    ]
    assert expand("who's muzza playing doubles with")[1] == ["Andy Murray"]
    assert expand("how many studies did the umich review look at")[1] == ["University of Michigan"]
    assert expand("how much cap room is left if they want kaner")[1] == ["Patrick Kane"]
    assert expand("how long is robbo out for")[1] == ["Robertson"]
    # sport's abbreviations, typed in either case
    assert expand("who hit the game winning fg for CU vs ASU")[1] == ["field goal", "Arizona State"]
    assert expand("what's KC's avg point differential")[1] == ["Kansas City", "average"]


def test_a_word_typed_as_one_that_an_article_writes_as_two_is_covered() -> None:
    """ "sunlens": the article says "Sun-Lens". Two words that only stand apart in it are not."""
    from bot.qa.abstain import signals

    text = "The new Sun-Lens glasses have five mics, and the lens sits in a sun visor."
    r = _one_article(text, "Glasses", lambda _t: 0, 10)
    got = signals("how many mics do the sunlens glasses have", r)
    assert got["cover"] == 1.0 and got["unknown_missing"] == 0.0
    apart = signals("how many mics do the lensvisor glasses have", r)  # "lens", "visor" apart
    assert apart["cover"] < 1.0 and apart["unknown_missing"] == 1.0
    idx = "The AX-40 index closed higher."
    r2 = _one_article(idx, "Index", lambda _t: 0, 10, aid="a2")
    assert signals("what did the ax40 close at", r2)["unknown_missing"] == 0.0  # "AX-40"


def test_an_outcome_asked_of_articles_that_only_preview_it_is_evidence_against_covering() -> None:
    """ "who won the harbour regatta": an article that only says when the regatta is held does not
    answer it; one that says who won it does. A forecast asked for is no outcome."""
    from bot.qa.abstain import FULL_COVER_THRESHOLD, AbstainPolicy, signals
    from bot.qa.retrieve import Query
    from bot.qa.types import Passage

    def retrieval(text: str) -> Retrieval:
        p = Passage("c1", "a1", "news", text, 0, len(text), "Regatta", None, None, None, True)
        return Retrieval(Query("q"), [p], doc_freq=lambda _t: 1, n_chunks=50)

    preview = retrieval(
        "The Harbour Regatta returns to Brackwater on Saturday. Forty crews have entered the "
        "regatta, and the harbour will close to ferries from noon."
    )
    result = retrieval(
        "The Harbour Regatta was held in Brackwater on Saturday. The Orna Rowing Club won the "
        "regatta by two lengths, and the harbour reopened to ferries at six."
    )
    q = "who won the harbour regatta"
    assert signals(q, preview)["outcome_missing"] == 1.0
    assert signals(q, result)["outcome_missing"] == 0.0
    assert signals("who is predicted to win the harbour regatta", preview)["outcome_missing"] == 0.0
    assert signals("how many crews entered the regatta", preview)["outcome_missing"] == 0.0
    # a count someone "made" is no takings: "how many saves did she make in the regatta"
    assert (
        signals("how many tows did the rescue boat make at the regatta", preview)["outcome_missing"]
        == 0.0
    )
    assert signals("how much did the regatta make", preview)["outcome_missing"] == 1.0
    # who took over a post asks who holds it now, not how a contest ended
    assert signals("who took over as regatta boss", preview)["outcome_missing"] == 0.0
    # "defeating ... by" states a result as "beat" does
    beaten = retrieval(
        "Reigning champions Orna Rowing Club went top after defeating Kestrel by two lengths at "
        "the Harbour Regatta on Saturday."
    )
    assert (
        signals("how much did orna beat kestrel by at the regatta", beaten)["outcome_missing"]
        == 0.0
    )
    # the word that asks for the outcome names no topic: "won" in a sentence about another
    # race does not answer who won the Tern Trophy
    assert signals("who won the tern trophy", result)["outcome_missing"] == 1.0
    # an edition asked for is one a result must name: the 2019 cup does not answer the xii cup
    past = retrieval(
        "The Orna Rowing Club won the Tern Cup in 2019. The Tern Cup XII is held in Brackwater "
        "on Saturday."
    )
    assert signals("who won the tern cup xii", past)["outcome_missing"] == 1.0
    assert signals("who won the tern cup 12", past)["outcome_missing"] == 1.0
    assert signals("who won the tern cup", past)["outcome_missing"] == 0.0
    named = retrieval("The Orna Rowing Club won Tern Cup XII in Brackwater on Saturday.")
    assert signals("who won the tern cup 12", named)["outcome_missing"] == 0.0
    # a sentence asked for is one a court gave, not the most a defendant faces, and "claimed"
    # elsewhere in the article states no sentence
    faces = retrieval(
        "Ivo Marsh claimed the Orna fund was solvent. Marsh faces up to 20 years in prison when "
        "he is sentenced in March."
    )
    sq = "how many years did ivo marsh get when he was sentenced"
    assert signals(sq, faces)["outcome_missing"] == 1.0
    given = retrieval("A judge in Halk sentenced Ivo Marsh to 12 years in prison on Friday.")
    assert signals(sq, given)["outcome_missing"] == 0.0
    # a count of tickets someone bought asks no takings
    assert signals("how many tickets did marsh buy", faces)["outcome_missing"] == 0.0
    # "the game winner" (a kick), "from winning positions", "made it free": no contest's result
    for asked in (
        "who kicked the game winner at the harbour regatta",
        "how many points did orna drop from winning positions at the regatta",
        "how much was the regatta charging before they made it free",
        "which firm has shaped the regatta's search result rankings",
    ):
        assert signals(asked, preview)["outcome_missing"] == 0.0, asked
    assert signals("who's the winner of the harbour regatta", preview)["outcome_missing"] == 1.0
    # weighed with the rest: the same evidence without it is less sure the question is not covered
    policy = AbstainPolicy()
    assert policy.model is not None
    sig = signals(q, preview)
    without = {**sig, "outcome_missing": 0.0}
    assert policy.model.p_not_covered(sig) > policy.model.p_not_covered(without) + 0.05
    # every word of the question is in the preview ("won" too, of something else), but no
    # result: that full cover does not raise the bar for abstaining, as it does when the
    # articles may state the result
    text = (
        "The Harbour Regatta returns to Brackwater on Saturday. Forty crews have entered the "
        "regatta. Brackwater won a grant for its new sea wall last spring."
    )
    p = Passage(
        "c1", "a1", "news", text, 0, len(text), "Regatta", None, None, None, True, dense=0.47
    )
    covered = Retrieval(Query("q"), [p], doc_freq=lambda _t: 1, n_chunks=50)
    sig = signals(q, covered)
    assert sig["cover"] == 1.0 and sig["outcome_missing"] == 1.0
    assert FULL_COVER_THRESHOLD > policy.model.p_not_covered(sig) > policy.model.threshold
    assert policy.decide(q, covered).abstain


def test_a_name_typed_with_its_number_run_on_is_searched_as_written_apart_too() -> None:
    from bot.qa.query import keyword_text

    assert keyword_text("what did the ax40 close at").split()[-2:] == ["ax", "40"]


def test_chat_fillers_are_not_topic_words_the_articles_must_cover() -> None:
    from bot.qa.abstain import key_terms

    # "yo", "nah", "even", "each other": how members talk, not what they ask about
    assert key_terms("yo did the tram strike actually end or nah") == ["tram", "strike", "end"]
    terms = key_terms("lol so they kept shooting at each other even after agreeing to talk?")
    assert "each" not in terms and "even" not in terms and "shoot" in terms
    # "how far", "how long" ask for a distance or a duration: the articles say "5 kilometres"
    assert key_terms("how far back do the heavy weapons have to go") == ["back", "heavi", "weapon"]
    assert key_terms("how long was the traffic jam")[0] == "traffic"
    # "twice", like "once" and "again", says how often, not what about
    assert key_terms("who picked off the orna qb twice") == ["pick", "off", "orna", "qb"]
    assert "old" in key_terms("how old is the governor")  # answered with "years old"


def test_initials_of_a_name_the_articles_hold_are_not_an_unseen_name(world: World) -> None:
    # "OVP" is in no chunk, but the passages found name the Ostry Valley Post in full
    q = "What did OVP report about the Dunmere reservoir?"
    r = world.retrieve(q)
    assert r.query.unseen == []
    assert not world.qa.answer(q, ["news"], now=NOW).abstained
    # initials nothing retrieved spells out are still a name no article mentions
    assert world.retrieve("What did QZX report about the Dunmere reservoir?").query.unseen == [
        "QZX"
    ]


def test_a_named_event_typed_in_lowercase_is_looked_for_as_one_phrase() -> None:
    """ "the nobel peace prize" is one name: its words in order (a word or two may come between)
    or, for two words, turned round; framing words before it are not part of it."""
    assert event_phrases("who won the nobel peace prize this year") == ["nobel peace prize"]
    assert event_phrases("blaney won the cup title in a chevy right?") == []
    # "cash prize" says what the prize is, not which one: the article may write "$4 million prize"
    assert event_phrases("how big is the cash prize on the harbour quiz show") == []
    # a date before it is when, not part of its name; a year stays ("the 2023 harbour cup")
    assert event_phrases("oct 4 chemistry nobel - why was it leaked") == ["chemistry nobel"]
    assert event_phrases("who won the 2023 harbour cup") == ["2023 harbour cup"]
    assert event_phrases("whats the final score of the grey cup this year") == ["grey cup"]
    assert event_phrases("how much does the galaxy s24 ultra cost at launch") == [
        "galaxy s24 ultra"
    ]
    assert event_phrases("when did qualcomm unveil the snapdragon 8 gen 3") == [
        "snapdragon 8 gen 3"
    ]
    assert event_phrases("how did gen z vote") == []
    assert not event_in("snapdragon 8 gen 3", "it runs on a snapdragon 8 gen 2 chip")
    body = "the nobel prize in medicine went to two scientists. the ces innovation award"
    assert not event_in("nobel peace prize", body)
    assert event_in("ces award", body)
    assert event_in("medicine prize", body)  # "prize in medicine"
    # "the economics nobel" is that prize too; "the nobel prize" keeps its own word
    assert event_phrases("who won the economics nobel this year") == ["economics nobel"]
    assert event_phrases("who won the nobel prize in chemistry") == ["nobel prize"]
    assert event_phrases("who won the nobel this year") == []
    assert not event_in("economics nobel", body)
    assert event_in("medicine nobel", body)  # "nobel prize in medicine"


def test_a_race_a_title_or_a_storm_typed_in_lowercase_is_an_event_name() -> None:
    """ "the velm 500", "the womens singles" and "cyclone orna" are names the best articles must
    hold; a storm that merely "hit" names none, and an apostrophe the member left out is found."""
    assert event_phrases("who won the velm 500 this year") == ["velm 500"]
    assert event_phrases("who won the womens singles at halk this year") == ["womens singles"]
    assert event_phrases("how many died from cyclone orna in tarrant") == ["cyclone orna"]
    # a series or a final by its name, however the question opens
    assert event_phrases("who won the velm series this year") == ["velm series"]
    assert event_phrases("who won the halk grand final") == ["halk grand final"]
    assert event_phrases("where's velm series going down this yr") == ["velm series"]
    assert event_phrases("who’s in the orna cup") == ["orna cup"]
    assert event_phrases("is the series finale out yet") == []
    assert event_phrases("when the big storm hit the coast") == []
    assert event_phrases("is hurricane season over") == []
    assert event_in("womens singles", "she won the women's singles final")
    assert not event_in("cyclone orna", "cyclone velm struck the east coast of orna")


def test_a_phrase_that_only_ends_in_an_event_word_is_no_event() -> None:
    """Whose it is, what is said of it, a verb or "and" before the event word are not its name;
    "primary" before a noun and "award-" in a compound are no event at all."""
    assert event_phrases("which firm is accused of manipulating its primary service") == []
    assert event_phrases("who keeps betting on award-related lines") == []
    assert event_phrases("who helped his team's super bowl wins") == ["super bowl"]
    assert event_phrases("which firm held back the full gemini ultra model") == ["gemini ultra"]
    assert event_phrases("odds shifting as culture and recent award news lands") == []
    # a place or a country is part of the name
    assert event_phrases("who won the new zealand election") == ["new zealand election"]
    assert event_phrases("who won argentina's presidential runoff") == [
        "argentina's presidential runoff"
    ]
    assert event_phrases("who won the new hampshire primary") == ["new hampshire primary"]


def test_another_contest_of_the_kind_the_articles_cover_is_not_answered(world: World) -> None:
    """The articles cover the Teasdale chess championship, not a rowing one of the same name."""
    ans = world.qa.answer("who won the teasdale chess championship", ["news"], now=NOW)
    assert not ans.abstained, ans.text
    assert "Ashdown" in ans.text
    ans = world.qa.answer("who won the teasdale rowing championship", ["news"], now=NOW)
    assert ans.abstained, ans.text
    assert ans.citations == []


def test_a_name_clipped_the_way_members_clip_it_is_not_unseen() -> None:
    """ "bama" is how members write Alabama: a word the corpus lacks, but inside a capitalised
    word of the passages found, so no "No indexed article mentions 'bama'"."""
    texts = ["No. 8 Alabama play Georgia in the SEC title game in Atlanta."]
    assert clipped_name("bama", texts)
    assert not clipped_name("morvathia", texts)
    assert not clipped_name("sec", texts)  # too short to tell


def test_a_short_form_the_best_article_spells_out_is_no_missing_word() -> None:
    """ "d4 s2" the articles never write: they say "Velmcraft 4 season 2". A short form that is
    a nickname ("f1") is read by its spelled-out name instead, which must be there."""
    from bot.qa.abstain import signals
    from bot.qa.aliases import expand
    from bot.qa.retrieve import Query
    from bot.qa.types import Passage

    text = (
        "Velmcraft 4 season 2 brings the Ember Hunt, a new seasonal activity. Players of "
        "Velmcraft 4 can also ride faster in season 2. Formula 1 fans got a Formula 1 game too."
    )
    p = Passage("c1", "a1", "news", text, 0, len(text), "Velmcraft news", None, None, None, True)
    unseen = ("v4", "v5", "s2", "f1", "qbing", "avg")
    r = Retrieval(Query("q"), [p], doc_freq=lambda t: int(t not in unseen), n_chunks=10)
    got = signals("whats the new seasonal activity in v4 s2", r)
    assert got["cover"] == 1.0 and got["unknown_missing"] == 0.0
    assert signals("whats the new seasonal activity in v5 s2", r)["unknown_missing"] == 1.0
    # "f1" is a nickname: "Formula 1" is added after it and "f1" itself is not asked for again
    assert signals(expand("which seasonal activity came to f1")[0], r)["unknown_missing"] == 0.0
    # chat shorthand read as the words it stands for
    assert expand("who was qbing velm")[0] == "who was qbing (playing quarterback) velm"
    assert expand("points per game on avg")[0] == "points per game on avg (average)"
