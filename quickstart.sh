#!/usr/bin/env bash
# One command from a fresh clone to an answer: install into ./.venv, index the bundled demo
# articles into an embedded Chroma under ./data with the bundled offline model, and answer a
# sample question. No Discord token, no LLM key, no server, no download of model weights.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/install.sh
exec .venv/bin/newsbot demo
