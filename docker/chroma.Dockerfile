# A Chroma server built from PyPI, for CI where the official chromadb/chroma image cannot be
# pulled (docker/compose.ci.yml swaps it in). Same server, same port (8000), same persist
# directory (/data) and same heartbeat (/api/v2/heartbeat) as the official image, and bash for
# the compose health check. Users run the official image (docker-compose.yml).
ARG PYTHON_IMAGE=python:3.11-slim
FROM ${PYTHON_IMAGE}
ARG CHROMA_VERSION=1.5.9
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 ANONYMIZED_TELEMETRY=False
RUN python3 -m venv /opt/chroma \
 && /opt/chroma/bin/pip install "chromadb==${CHROMA_VERSION}" \
 && /opt/chroma/bin/chroma --help >/dev/null \
 && mkdir -p /data
VOLUME ["/data"]
EXPOSE 8000
ENTRYPOINT ["/opt/chroma/bin/chroma"]
CMD ["run", "--path", "/data", "--host", "0.0.0.0", "--port", "8000"]
