#!/usr/bin/env python3
"""Write bytecode for exactly the modules the bot loads.

The image installs its dependencies with ``pip --no-compile``: compiling everything would add
~320 MB of ``.pyc`` files, most for modules never imported (every transformers architecture,
sympy's corners). Importing what the bot uses, as root at build time, makes Python write
``__pycache__`` for those modules only, so start-up stays fast for the non-root user (who cannot
write to /opt/venv) and the image stays small. A module missed here still works: Python compiles
it in memory at import. Run at build time only. (The Dockerfile proves the model embeds offline
once the code is installed.)
"""

from __future__ import annotations

import importlib
import os
import sys

MODULES = [
    "torch",
    "numpy",
    "scipy",
    "sklearn",
    "transformers",
    "sentence_transformers",
    "tokenizers",
    "onnxruntime",
    "chromadb",
    "chromadb.api.fastapi",
    "discord",
    "discord.ext.commands",
    "discord.app_commands",
    "aiohttp",
    "aiohttp.web",
    "httpx",
    "langchain",
    "langchain_core",
    "langchain_core.language_models",
    "langchain_core.messages",
    "langchain_text_splitters",
    "langchain_ollama",
    "langchain_openai",
    "langchain_anthropic",
    "bm25s",
    "trafilatura",
    "feedparser",
    "typer",
    "rich",
    "rich.progress",
    "pydantic",
    "pydantic_settings",
    "yaml",
]


def main() -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    missing = []
    for name in MODULES:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)  # an optional extra not installed in this build
    try:
        import chromadb

        chromadb.HttpClient(host="127.0.0.1", port=9)  # imports the client's lazy parts
    except Exception:
        pass  # nothing listens there; only the imports matter

    print(f"precompile: not installed (fine): {', '.join(missing) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
