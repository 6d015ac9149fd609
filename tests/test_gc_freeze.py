"""The read side and the garbage collector (issue 13): loading a view freezes the heap (the long-
lived structures leave the collector's full passes), and a reindex that makes a new version thaws
it and collects, so garbage frozen along with a view is freed rather than kept for the life of
the process, and the frozen set does not grow from one version to the next."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.qa.service import QAService
from ingest.index import NewsIndex

NOW = datetime(2026, 12, 1, tzinfo=UTC)


class _Cyclic:
    def __init__(self) -> None:
        self.me = self


@pytest.fixture(autouse=True)
def _thawed() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # leave other tests a collector that sees everything


def _add_article(folder: Path, k: int) -> None:
    (folder / f"90-extra-{k}.txt").write_text(
        f"Harbour workers strike again in Halverton, round {k}\n\nPublished: 2026-11-2{k % 10}\n\n"
        f"Harbour workers walked out for the {k}th time. The strike closed the port. Talks with "
        "the council resume next week, the union said.",
        encoding="utf-8",
    )


def test_loading_a_view_freezes_the_heap(index: NewsIndex, demo_copy: Path) -> None:
    c = index.corpus("news")
    c.add_sources([str(demo_copy)])
    c.reindex()
    c.read.drop()  # as after a restart: the next question loads the view
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    view = c.read_view()
    assert gc.get_freeze_count() > 0
    # The view itself is among the frozen objects: no full pass looks at it.
    assert not any(o is view for o in gc.get_objects())
    frozen = gc.get_freeze_count()
    assert c.read_view() is view and gc.get_freeze_count() == frozen  # cached: nothing more


def test_reindex_collects_garbage_frozen_with_a_view(index: NewsIndex, demo_copy: Path) -> None:
    c = index.corpus("news")
    c.add_sources([str(demo_copy)])
    c.reindex()
    c.read.drop()
    junk = _Cyclic()  # held while the view loads, as a replaced view is: frozen with it
    ref = weakref.ref(junk)
    c.read_view()
    del junk  # now garbage, in a cycle: only the collector frees it
    gc.collect()
    assert ref() is not None  # frozen: the collector does not look at it
    _add_article(demo_copy, 1)
    c.reindex()  # a new version: thawed and collected
    assert ref() is None


def test_frozen_set_does_not_grow_across_reindexes(index: NewsIndex, demo_copy: Path) -> None:
    c = index.corpus("news")
    c.add_sources([str(demo_copy)])
    c.reindex()
    qa = QAService(index, index.settings)
    counts = []
    held: list[_Cyclic] = []
    for k in range(6):
        _add_article(demo_copy, k)
        assert c.reindex().added == 1
        # Structures in cycles, alive when the view loads (frozen with it) and let go after,
        # as a replaced view's or a question's may be.
        for _ in range(3):
            junk = _Cyclic()
            junk.data = [[k] for _ in range(1000)]  # type: ignore[attr-defined]
            held.append(junk)
        qa.answer("What did the harbour workers do?", ["news"], now=NOW)  # loads the new view
        counts.append(gc.get_freeze_count())
        held.clear()
    assert min(counts) > 0
    # Each version freezes what the process holds then; the garbage of the versions before is
    # not carried along, so the count stays level (a few objects of slack for caches).
    assert max(counts[1:]) - counts[1] < 0.02 * counts[1], counts
