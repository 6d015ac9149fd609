#!/usr/bin/env python3
"""Print the project's runtime requirements from pyproject.toml, one a line, for the image build.

The Dockerfile installs these in a layer of their own before the code is copied, so a code change
rebuilds in a second. Two substitutions keep the image lean:

- ``--chroma-package chromadb-client`` swaps the full ``chromadb`` (embedded server, Rust
  bindings, onnxruntime, kubernetes client: about 280 MB) for the thin HTTP client. The bot in
  Docker always talks to the ``chroma`` service, so it needs no embedded store.
- ``--chroma-version`` pins it to the server's version (client and server should match).
- ``--exclude sentence-transformers,onnx`` leaves out what only the torch embedding backend and
  the ONNX export need: the image runs the ONNX backends (onnxruntime), and its export is made in
  a build stage of its own, so torch (about 530 MB), transformers, scipy and scikit-learn stay out.

Usage: requirements.py pyproject.toml [--extras ollama,openai] [--chroma-package P] [--chroma-version V]
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib

_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def _name(req: str) -> str:
    m = _NAME.match(req)
    return re.sub(r"[-_.]+", "-", m.group(1)).lower() if m else ""


def requirements(
    pyproject: dict,
    extras: list[str],
    chroma_package: str,
    chroma_version: str,
    exclude: frozenset[str] = frozenset(),
) -> list[str]:
    project = pyproject["project"]
    reqs: list[str] = list(project.get("dependencies", []))
    optional = project.get("optional-dependencies", {})
    for extra in extras:
        if extra not in optional:
            raise SystemExit(f"unknown extra {extra!r}; known: {', '.join(sorted(optional))}")
        reqs += optional[extra]
    out: list[str] = []
    for req in reqs:
        if _name(req) in exclude:
            continue
        if _name(req) == "torch":
            continue  # installed first, from the CPU index, and held by the constraints file
        if _name(req) == "chromadb":
            spec = f"=={chroma_version}" if chroma_version else req[len("chromadb") :]
            req = f"{chroma_package}{spec}"
        out.append(req)
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pyproject")
    ap.add_argument("--extras", default="")
    ap.add_argument("--chroma-package", default="chromadb", choices=["chromadb", "chromadb-client"])
    ap.add_argument("--chroma-version", default="")
    ap.add_argument("--exclude", default="", help="comma-separated package names to leave out")
    args = ap.parse_args(argv)
    with open(args.pyproject, "rb") as f:
        data = tomllib.load(f)
    extras = [e.strip() for e in args.extras.split(",") if e.strip()]
    exclude = frozenset(_name(e) for e in args.exclude.split(",") if e.strip())
    for line in requirements(data, extras, args.chroma_package, args.chroma_version, exclude):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
