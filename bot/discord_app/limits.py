"""Per-user cooldown and per-guild concurrency for questions, with a friendly "try again in N s".

In memory and per process: enough for one bot process; a sharded deployment would keep these
in each shard, which is still fair since a guild lives on one shard.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from types import TracebackType

from ingest.errors import UserFacingError


class Busy(UserFacingError):
    """A question refused for now; the message says when to try again."""

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class AskSlot:
    """One admitted question: releases the guild's slot when done; ``refund`` drops the cooldown
    (a question refused as malformed should not make its asker wait)."""

    def __init__(self, limiter: AskLimiter, user_id: int, guild_id: int | None) -> None:
        self._limiter = limiter
        self._user_id = user_id
        self._guild_id = guild_id
        self._t0 = limiter.clock()
        self._released = False

    def refund(self) -> None:
        self._limiter._last.pop(self._user_id, None)

    def release(self) -> None:
        if self._released:
            return
        self._released = True
        lim = self._limiter
        if self._guild_id is not None:
            lim._active[self._guild_id] = max(0, lim._active.get(self._guild_id, 1) - 1)
            if not lim._active[self._guild_id]:
                del lim._active[self._guild_id]
        took = lim.clock() - self._t0
        lim._avg_s = 0.8 * lim._avg_s + 0.2 * took

    def __enter__(self) -> AskSlot:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if isinstance(exc, UserFacingError):
            self.refund()
        self.release()


class AskLimiter:
    def __init__(
        self,
        cooldown_s: float,
        guild_max_concurrent: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.cooldown_s = max(0.0, cooldown_s)
        self.guild_max = max(1, guild_max_concurrent)
        self.clock = clock
        self._last: dict[int, float] = {}
        self._active: dict[int, int] = {}
        self._avg_s = 3.0  # running estimate of how long a question takes, for "try again in"

    def active(self, guild_id: int) -> int:
        return self._active.get(guild_id, 0)

    def acquire(self, user_id: int, guild_id: int | None) -> AskSlot:
        """Admit a question or raise :class:`Busy`. Use the slot as a context manager."""
        now = self.clock()
        last = self._last.get(user_id)
        if last is not None and now - last < self.cooldown_s:
            wait = self.cooldown_s - (now - last)
            raise Busy(
                f"You're asking quickly: try again in {math.ceil(wait)} s.", retry_after=wait
            )
        if guild_id is not None and self._active.get(guild_id, 0) >= self.guild_max:
            wait = max(1.0, self._avg_s)
            raise Busy(
                f"I'm answering {self.guild_max} questions in this server already: "
                f"try again in {math.ceil(wait)} s.",
                retry_after=wait,
            )
        if len(self._last) > 10_000:
            cutoff = now - self.cooldown_s
            self._last = {u: t for u, t in self._last.items() if t >= cutoff}
        self._last[user_id] = now
        if guild_id is not None:
            self._active[guild_id] = self._active.get(guild_id, 0) + 1
        return AskSlot(self, user_id, guild_id)
