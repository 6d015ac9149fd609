"""Sentence vectors kept between questions. A thread's follow-up, or another member's question
on the same story, scores the same sentences again, and embedding them is most of an answer's
time on a CPU (about 10 ms a sentence on 2 cores). Kept by model and text, the oldest dropped
first; a few MB. Kept at float16 precision, as the store of vectors computed ahead keeps them."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

Embed = Callable[[Sequence[str]], np.ndarray]
# Vectors computed ahead (``bot.qa.sentvecs``): one per text, None where there is none
Stored = Callable[[Sequence[str]], list[np.ndarray | None]]

SIZE = 4096  # sentences (384 floats each for the default model: about 6 MB)


class VectorCache:
    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self._vecs: OrderedDict[tuple[Any, str], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._vecs.clear()

    def embed(self, embed: Embed, texts: Sequence[str], stored: Stored | None = None) -> np.ndarray:
        """``embed(texts)``, calling the model only for the texts it has not seen lately and
        ``stored`` does not hold."""
        owner = getattr(embed, "__self__", embed)  # the embedder behind a bound method
        keys = [(owner, t) for t in texts]
        with self._lock:
            have = {k: self._vecs[k] for k in keys if k in self._vecs}
            for k in have:
                self._vecs.move_to_end(k)
        todo = list(dict.fromkeys(k[1] for k in keys if k not in have))
        if todo and stored is not None:
            for t, v in zip(todo, stored(todo), strict=True):
                if v is not None:
                    have[(owner, t)] = v
            todo = [t for t in todo if (owner, t) not in have]
        if todo:
            # at the precision the store keeps (``bot.qa.sentvecs``), so that an answer is the
            # same before and after the background fill, and whatever else the model's batch held
            fresh = np.asarray(embed(todo), np.float32).astype(np.float16).astype(np.float32)
            with self._lock:
                for t, v in zip(todo, fresh, strict=True):
                    have[(owner, t)] = self._vecs[(owner, t)] = v
                while len(self._vecs) > self.size:
                    self._vecs.popitem(last=False)
        return np.stack([have[k] for k in keys]) if keys else np.zeros((0, 0), np.float32)


CACHE = VectorCache()
