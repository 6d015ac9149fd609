"""Turn a local sentence-transformers model into ONNX files for the ``onnx`` embedding backends.

Runs where torch is installed: at install time (``scripts/install.sh``), while the Docker image
is built, or, on first use, in a child process so that the bot itself never imports torch. It
reads only the model's local files; nothing is downloaded.

    python -m ingest.onnx_export --out DIR [--model all-MiniLM-L6-v2] [--backend all]

The graph takes the tokenizer's ids and attention mask and returns unit-length sentence vectors:
the model's mean pooling and L2 normalisation are part of it, so the runtime side is tokenizer +
one session call. The encoder is traced with its plain ("eager") attention, not PyTorch's
scaled_dot_product_attention: traced, the latter becomes a masked softmax followed by IsNaN and
Where over every [batch, heads, tokens, tokens] score tensor, which cost about 10% of the CPU time
of a batch; the eager graph is the textbook one, which onnxruntime's own graph optimizations
fuse (the vectors are the same: cosine with torch 1.0000). ``model-int8.onnx`` is the same graph
with its matrix multiplications' weights quantized to int8 per output channel, activations
quantized on the fly (dynamic quantization). Per-tensor quantization, onnxruntime's default, moved
vectors much further from the fp32 ones (mean cosine 0.945 against 0.994 per channel on
MultiHop-RAG passages), and quantizing the word-embedding table as well saved disk but not time.

The file names carry ``EXPORT_VERSION``: an export made by an older version of this module (the
scaled_dot_product_attention graph of version 1 was named ``model.onnx``) is not found, so it is
made again, and the older files in the same folder are removed then.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

# Version 2: eager attention (see above). Bump it whenever the graph changes, so that exports
# cached by an older version are made again; if the int8 vectors change with it, bump
# INT8_GRAPH in ingest/embedding.py as well (an int8 index must then be rebuilt).
EXPORT_VERSION = 2
FP32_FILE = f"model.v{EXPORT_VERSION}.onnx"
INT8_FILE = f"model-int8.v{EXPORT_VERSION}.onnx"
# What earlier versions wrote into the same folder: removed once a newer export is in place.
STALE_FILES = ("model.onnx", "model-int8.onnx")
META_FILE = "export.json"
OPSET = 17
INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def _export_fp32(model_dir: Path, out: Path) -> None:
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    # Eager attention: the graph onnxruntime optimizes best (module docstring).
    encoder = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager").eval()

    class Pooled(torch.nn.Module):
        """The encoder, then the mean of the real (unpadded) tokens' states, unit length."""

        def __init__(self, enc: Any) -> None:
            super().__init__()
            self.enc = enc

        def forward(
            self, input_ids: Any, attention_mask: Any, token_type_ids: Any
        ) -> Any:  # pragma: no cover - traced, not called by tests
            states = self.enc(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(states.dtype)
            mean = (states * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2.0, dim=1)

    ids = torch.ones((2, 8), dtype=torch.long)
    axes = {name: {0: "batch", 1: "tokens"} for name in INPUTS}
    axes["embedding"] = {0: "batch"}
    with torch.no_grad():
        # The TorchScript exporter (dynamo=False): the torch.export one needs onnxscript, one
        # more dependency, for a graph this simple.
        torch.onnx.export(
            Pooled(encoder),
            (ids, torch.ones_like(ids), torch.zeros_like(ids)),
            str(out),
            input_names=list(INPUTS),
            output_names=["embedding"],
            dynamic_axes=axes,
            opset_version=OPSET,
            dynamo=False,
        )


def _quantize(fp32: Path, out: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(
        str(fp32),
        str(out),
        weight_type=QuantType.QInt8,
        per_channel=True,
        op_types_to_quantize=["MatMul"],
    )


def export(model_dir: Path, out_dir: Path, *, int8: bool, source_id: str) -> Path:
    """Write ``FP32_FILE`` (and ``INT8_FILE`` when ``int8``) into ``out_dir``, each file renamed
    into place only once complete, then remove earlier versions' files there. Returns the file
    the backend asked for."""
    out_dir.mkdir(parents=True, exist_ok=True)
    fp32 = out_dir / FP32_FILE
    if not fp32.is_file():
        with tempfile.TemporaryDirectory(dir=out_dir, prefix=".export-") as tmp:
            part = Path(tmp) / FP32_FILE
            _export_fp32(model_dir, part)
            os.replace(part, fp32)
    target = fp32
    if int8:
        target = out_dir / INT8_FILE
        if not target.is_file():
            with tempfile.TemporaryDirectory(dir=out_dir, prefix=".export-") as tmp:
                part = Path(tmp) / INT8_FILE
                _quantize(fp32, part)
                os.replace(part, target)
    for name in STALE_FILES:
        # another owner's file may not go away: it is only disk space
        with contextlib.suppress(OSError):
            (out_dir / name).unlink(missing_ok=True)
    (out_dir / META_FILE).write_text(
        json.dumps(
            {
                "source": str(model_dir),
                "source_id": source_id,
                "opset": OPSET,
                "export_version": EXPORT_VERSION,
            }
        ),
        encoding="utf-8",
    )
    return target


def main(argv: list[str] | None = None) -> int:
    from .embedding import onnx_cache_dir, resolve_model_path, source_fingerprint
    from .settings import DEFAULT_MODEL

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--out", required=True, type=Path, help="cache folder (the exports go in a sub-folder)"
    )
    p.add_argument("--model", default=DEFAULT_MODEL)
    p.add_argument("--backend", choices=("onnx", "onnx-int8", "all"), default="all")
    a = p.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    model_dir = Path(resolve_model_path(a.model))
    if not model_dir.is_dir():
        print(f"error: {a.model} is not a local model folder", file=sys.stderr)
        return 2
    source_id = source_fingerprint(model_dir)
    out_dir = onnx_cache_dir(a.out, model_dir, source_id)
    path = export(model_dir, out_dir, int8=a.backend != "onnx", source_id=source_id)
    print(path.parent)
    return 0


if __name__ == "__main__":
    sys.exit(main())
