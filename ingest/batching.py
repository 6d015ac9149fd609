"""One embedding model shared by questions and reindexes: whose turn it is (:class:`ModelGate`,
small calls first) and how texts are cut into batches of like length within a token budget.
Used by the embedders in :mod:`ingest.embedding`."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import numpy as np

# Calls with this many texts or fewer (a question, the sentences shortlisted for an answer) go
# before a reindex's batches.
SMALL_CALL = 16
# Word-pieces per session call in such a call: a dozen sentences of mixed length, padded to the
# longest, cost a little more than a few batches of like length (replay of 80 dev questions'
# shortlists, quiet 2-core machine: 122-128 ms mean at 1024, 115-123 ms at 160).
SMALL_BATCH_TOKENS = 160
# A background batch (work nobody waits for: the bot's sentence vectors) waits until no
# question or reindex has used the model for this long, so it never slows either down.
BULK_QUIET_S = 2.0

_local = threading.local()


@contextmanager
def background() -> Iterator[None]:
    """The model calls this thread makes inside go after every question and reindex batch."""
    before = getattr(_local, "background", False)
    _local.background = True
    try:
        yield
    finally:
        _local.background = before


class ModelGate:
    """One user of the model and tokenizer at a time, small calls (a question's few texts)
    first. A plain lock is not fair: a reindex releasing and retaking it between its batches
    kept questions waiting for minutes; here a question waits for at most the one batch already
    running. A batch that has waited ``bulk_max_wait_s`` goes next, so a steady stream of
    questions slows a reindex down but never stops it. A call made inside :func:`background`
    waits until the model has been free of both for ``BULK_QUIET_S``."""

    def __init__(self, bulk_max_wait_s: float = 5.0) -> None:
        self.bulk_max_wait_s = bulk_max_wait_s
        self._cond = threading.Condition()
        self._busy = False
        self._small_waiting = 0
        self._bulk_since: float | None = None  # when the waiting batch started to wait
        self._bulk_done = -BULK_QUIET_S  # when the last bulk batch (not a background one) ended

    def _bulk_overdue(self) -> bool:
        since = self._bulk_since
        return since is not None and time.monotonic() - since >= self.bulk_max_wait_s

    def _background_waits(self) -> bool:
        return (
            self._busy
            or self._small_waiting > 0
            or self._bulk_since is not None
            or time.monotonic() - self._bulk_done < BULK_QUIET_S
        )

    @contextmanager
    def turn(self, *, small: bool) -> Iterator[None]:
        quiet = not small and getattr(_local, "background", False)
        with self._cond:
            if quiet:
                while self._background_waits():
                    self._cond.wait(0.25)
            elif small:
                self._small_waiting += 1
                try:
                    while self._busy or self._bulk_overdue():
                        self._cond.wait()
                finally:
                    self._small_waiting -= 1
            else:
                # Batches come from one reindex thread per corpus; if several wait, the earliest
                # start time stands for them all.
                if self._bulk_since is None:
                    self._bulk_since = time.monotonic()
                while self._busy or (self._small_waiting and not self._bulk_overdue()):
                    since = self._bulk_since or time.monotonic()
                    self._cond.wait(max(0.01, since + self.bulk_max_wait_s - time.monotonic()))
                self._bulk_since = None
            self._busy = True
        try:
            yield
        finally:
            with self._cond:
                self._busy = False
                if not small and not quiet:
                    self._bulk_done = time.monotonic()
                self._cond.notify_all()


def embed_in_batches(
    texts: Sequence[str],
    lengths: Sequence[int],
    dim: int,
    batch_size: int,
    gate: ModelGate,
    encode: Callable[[list[str], bool], np.ndarray],
    progress: Callable[[int], None] | None,
    *,
    token_budget: int = 0,
) -> np.ndarray:
    """Embed ``texts`` in batches of similar word-piece length (sorting by characters, as
    ``encode()`` does, leaves ~14% of a news batch as padding; by word-pieces ~3%, and the
    model's time is mostly padded tokens). One gate turn per batch, not per call: a question
    waits for at most the one batch of a reindex already running. ``encode(batch, last)``
    returns unit vectors; ``last`` is set for the final batch. With ``token_budget``, a batch
    also holds no more than that many tokens once padded (``lengths`` are then the padded
    lengths), at least one text."""
    order = sorted(range(len(texts)), key=lambda i: -lengths[i])
    out = np.empty((len(texts), dim), dtype=np.float32)
    report_every = max(batch_size * 8, 256)
    pending = 0
    small = len(texts) <= SMALL_CALL
    for start, stop in batch_bounds([lengths[k] for k in order], batch_size, token_budget):
        idx = order[start:stop]
        last = stop >= len(order)
        with gate.turn(small=small):
            out[idx] = encode([texts[j] for j in idx], last)
        pending += len(idx)
        if progress and (pending >= report_every or last):
            progress(pending)
            pending = 0
    return out


def batch_bounds(
    lengths: Sequence[int], batch_size: int, token_budget: int = 0
) -> list[tuple[int, int]]:
    """``(start, stop)`` of each batch over texts of these ``lengths``, longest first: at most
    ``batch_size`` texts, and with ``token_budget`` at most that many tokens once padded to the
    batch's first (longest) text, but always at least one text."""
    bounds = []
    i = 0
    while i < len(lengths):
        n = batch_size
        if token_budget:
            n = min(n, max(1, token_budget // max(1, lengths[i])))
        bounds.append((i, min(i + n, len(lengths))))
        i += n
    return bounds
