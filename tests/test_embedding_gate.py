"""The embedding model's gate: one user at a time, and a question's small call goes before the
next batch of a reindex (a plain lock let the reindex take it back batch after batch)."""

from __future__ import annotations

import threading
import time

from ingest.embedding import ModelGate


def test_a_small_call_goes_before_the_next_bulk_batch() -> None:
    gate = ModelGate()
    order: list[str] = []
    stop = threading.Event()
    asked = threading.Event()

    def reindex() -> None:  # batch after batch, as a long reindex does
        while not stop.is_set():
            with gate.turn(small=False):
                order.append("batch")
                time.sleep(0.02)
                if asked.is_set():
                    # The batch running when the questions arrive ends only once all five wait
                    # (on a loaded machine threads start slowly: without this, batches slipped in
                    # between questions that had not yet reached the gate).
                    deadline = time.monotonic() + 5
                    while gate._small_waiting < 5 and time.monotonic() < deadline:
                        time.sleep(0.001)

    def question() -> None:
        with gate.turn(small=True):
            order.append("question")

    bulk = threading.Thread(target=reindex)
    bulk.start()
    time.sleep(0.05)
    asked.set()
    asks = [threading.Thread(target=question) for _ in range(5)]
    for t in asks:
        t.start()
    for t in asks:
        t.join(10)
    stop.set()
    bulk.join(10)
    assert order.count("question") == 5
    first = order.index("question")
    # every question waiting when a batch ends goes before the next batch
    assert order[first : first + 5] == ["question"] * 5


def test_one_user_at_a_time() -> None:
    gate = ModelGate()
    inside = 0
    most = 0
    lock = threading.Lock()

    def use(small: bool) -> None:
        nonlocal inside, most
        for _ in range(20):
            with gate.turn(small=small):
                with lock:
                    inside += 1
                    most = max(most, inside)
                time.sleep(0.001)
                with lock:
                    inside -= 1

    threads = [threading.Thread(target=use, args=(i % 2 == 0,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert most == 1


def test_a_stream_of_small_calls_never_starves_a_batch() -> None:
    gate = ModelGate(bulk_max_wait_s=0.05)
    done = threading.Event()

    def bulk() -> None:
        for _ in range(5):
            with gate.turn(small=False):
                time.sleep(0.001)
        done.set()

    t = threading.Thread(target=bulk)
    t.start()
    deadline = time.monotonic() + 5
    while not done.is_set() and time.monotonic() < deadline:
        with gate.turn(small=True):  # back to back, as many questions at once would be
            pass
    t.join(1)
    assert done.is_set(), "the batches never got a turn"


def test_a_background_batch_waits_for_a_quiet_model(monkeypatch) -> None:
    """The bot's sentence vectors (bot/qa/sentvecs.py) never hold up a reindex or a question:
    while reindex batches keep coming, a background batch waits; it runs once the model has
    been free of them for BULK_QUIET_S."""
    from ingest import batching

    monkeypatch.setattr(batching, "BULK_QUIET_S", 0.3)
    gate = ModelGate()
    order: list[str] = []
    stop = threading.Event()

    def reindex() -> None:
        for _ in range(8):  # 8 batches with 0.1 s of other work between them
            with gate.turn(small=False):
                order.append("batch")
                time.sleep(0.02)
            time.sleep(0.1)
        stop.set()

    def filler() -> None:
        with batching.background(), gate.turn(small=False):
            order.append("background")

    bulk = threading.Thread(target=reindex)
    bulk.start()
    time.sleep(0.05)
    bg = threading.Thread(target=filler)
    bg.start()
    bg.join(10)
    bulk.join(10)
    assert stop.is_set()
    assert order == ["batch"] * 8 + ["background"]
    with gate.turn(small=True):  # a question after it goes straight in
        order.append("question")
    assert order[-1] == "question"
