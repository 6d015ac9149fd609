"""A question is answered from what had been published when it was asked: an article dated more
than a day after the question's time (a replayed question, or a wrong date in a feed) ranks
below the articles of that time on its topic. Real embedded Chroma and the bundled offline model, on the
hand-written fixture corpus of ``test_qa_retrieve``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from .fakes import drop_collections
from .test_qa_retrieve import BEGINS, DESAL, NOW, RAIN, TIGHTENED, World

LATEST_Q = "What is the latest on the Quillon water rationing?"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = World(tmp_path_factory.mktemp("qa-asked-when"))
    yield w
    drop_collections(w.client)


def test_an_article_published_after_the_question_ranks_below_those_before_it(
    world: World,
) -> None:
    by_stem = {world.stem_of[a.id]: a for a in world.articles.values()}
    desal_at = by_stem[DESAL].published_at
    assert desal_at is not None
    live = world.qa.retrieve(LATEST_Q, ["news"], now=NOW)
    assert world.stems(live)[0] == DESAL, world.stems(live)
    # asked two days before the desalination vote was reported: the newest article then is
    # the rain story, and the vote's article comes after every one written by then
    asked = desal_at - timedelta(days=2)
    past = world.qa.retrieve(LATEST_Q, ["news"], now=asked)
    stems = world.stems(past)
    assert past.newest == by_stem[RAIN].published_at
    assert stems[0] != DESAL, stems
    # every rationing article written by then comes first
    assert max(stems.index(x) for x in (BEGINS, TIGHTENED, RAIN)) < stems.index(DESAL), stems
    # within a day of the question (time zones, a clock running late) is not "after" it
    close = world.qa.retrieve(LATEST_Q, ["news"], now=desal_at - timedelta(hours=12))
    assert world.stems(close)[0] == DESAL, world.stems(close)
