#!/usr/bin/env bash
# Create ./.venv and install newsbot with its test tools. Idempotent.
#
#   TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu bash scripts/install.sh
#
# installs the CPU-only PyTorch build (about 200 MB instead of several GB of CUDA libraries).
# Without TORCH_INDEX_URL, pip installs torch from its configured indexes.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
TORCH_VERSION=${TORCH_VERSION:-2.13.0}

"$PYTHON" - <<'PY'
import sys
if sys.version_info < (3, 11):
    sys.exit(f"newsbot needs Python 3.11 or newer; this is {sys.version.split()[0]}")
PY

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true

# torch first, pinned, so sentence-transformers does not pull a different (CUDA) build.
if [ -n "${TORCH_INDEX_URL:-}" ]; then
  .venv/bin/pip install -q "torch==${TORCH_VERSION}" --index-url "$TORCH_INDEX_URL"
else
  .venv/bin/pip install -q "torch==${TORCH_VERSION}"
fi
echo "torch==$(.venv/bin/python -c 'import torch; print(torch.__version__)')" > .venv/torch-constraint.txt
.venv/bin/pip install -q -c .venv/torch-constraint.txt -e ".[dev]"
# The embedding model's ONNX exports (the default backend), made from its local weights; the bot
# would otherwise make them on first use. Where the data lives: NEWSBOT_DATA_DIR, else ./data.
.venv/bin/python -m ingest.onnx_export --out "${NEWSBOT_DATA_DIR:-data}/models" --backend all >/dev/null
echo "installed: $(.venv/bin/newsbot --help >/dev/null && echo newsbot) in $(pwd)/.venv"
