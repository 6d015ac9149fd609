"""Thread conversations the bot takes part in: the earlier turns, kept in memory.

Why memory and not the thread's history from the API: the bot needs its own earlier *answers*
as plain text (not the rendered, escaped, split messages), reading history costs a REST call per
question, and without the Message Content intent Discord blanks other people's messages anyway.
The price: after a restart a thread's earlier turns are forgotten (follow-ups are still answered,
as fresh questions), which is acceptable for a chat that lives minutes to hours.
"""

from __future__ import annotations

from collections import OrderedDict, deque


class ThreadMemory:
    """Bounded: the ``max_threads`` most recently active threads, ``max_turns`` turns each."""

    def __init__(self, max_threads: int = 1000, max_turns: int = 6) -> None:
        self.max_threads = max_threads
        self.max_turns = max_turns
        self._turns: OrderedDict[int, deque[tuple[str, str]]] = OrderedDict()
        self._hinted: set[int] = set()

    def start(self, thread_id: int) -> None:
        """Remember a thread the bot started, so follow-ups there need no mention."""
        self._touch(thread_id)

    def knows(self, thread_id: int) -> bool:
        return thread_id in self._turns

    def history(self, thread_id: int) -> list[tuple[str, str]]:
        return list(self._turns.get(thread_id, ()))

    def add(self, thread_id: int, question: str, answer: str) -> None:
        self._touch(thread_id).append((question, answer))

    def hint_once(self, thread_id: int) -> bool:
        """True the first time it is asked for a thread (for the "mention me" hint)."""
        if thread_id in self._hinted:
            return False
        if len(self._hinted) > self.max_threads:
            self._hinted.clear()
        self._hinted.add(thread_id)
        return True

    def _touch(self, thread_id: int) -> deque[tuple[str, str]]:
        turns = self._turns.get(thread_id)
        if turns is None:
            turns = self._turns[thread_id] = deque(maxlen=self.max_turns)
        self._turns.move_to_end(thread_id)
        while len(self._turns) > self.max_threads:
            self._turns.popitem(last=False)
        return turns
