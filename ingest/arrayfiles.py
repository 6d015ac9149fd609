"""Array files of the read side's segments: ``.npy`` arrays read through memory maps (merges,
exact products) or copied out row by row with ``pread`` (questions), and lists of strings stored
as one text and a table of where each ends."""

from __future__ import annotations

import logging
import math
import os
import weakref
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

_fd_limit_raised = False


def allow_open_files() -> None:
    """Raise the soft limit on open files to the hard one (once): each segment keeps five files
    open, so a bot serving many corpora would run into the usual soft limit of 1,024."""
    global _fd_limit_raised
    if _fd_limit_raised:
        return
    _fd_limit_raised = True
    try:
        import resource
    except ImportError:  # not on this platform
        return
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        want = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
        if soft != resource.RLIM_INFINITY and soft < want:
            resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    except (OSError, ValueError) as exc:
        log.warning("could not raise the limit on open files: %s", exc)


class Rows:
    """Rows of a ``.npy`` file read with ``pread``: what a question reads is copied out and
    nothing of the file stays in the process. (Through a memory map, every page a question
    touched, and the kernel's read-ahead around it, would stay mapped and count as the
    process's memory: at 100k articles, most of the vectors after one question.)"""

    def __init__(self, path: Path) -> None:
        m = np.load(path, mmap_mode="r")
        if not isinstance(m, np.memmap) or m.dtype.hasobject or not m.flags.c_contiguous:
            raise ValueError(f"{path.name}: not a plain array file")
        self.dtype, self.shape, self.offset = m.dtype, m.shape, int(m.offset)
        self.row_bytes = int(m.dtype.itemsize * math.prod(m.shape[1:]))
        del m
        allow_open_files()
        self.fd = os.open(path, os.O_RDONLY)
        self._closer = weakref.finalize(self, os.close, self.fd)

    def _read(self, a: int, b: int) -> bytes:
        want = (b - a) * self.row_bytes
        data = os.pread(self.fd, want, self.offset + a * self.row_bytes)
        if len(data) != want:
            raise OSError(f"short read: {len(data)} of {want} bytes")
        return data

    def span(self, a: int, b: int) -> np.ndarray:
        """Rows a .. b (read-only)."""
        out = np.frombuffer(self._read(a, b), dtype=self.dtype)
        return out.reshape((b - a, *self.shape[1:]))

    def take(self, rows: np.ndarray) -> np.ndarray:
        """The given rows, in the given order (one read a row: a question's candidates lie
        far apart)."""
        rows = np.asarray(rows, dtype=np.int64)
        if len(rows) and (int(rows.min()) < 0 or int(rows.max()) >= self.shape[0]):
            raise IndexError("row out of range")
        fd, rb, off, pread = self.fd, self.row_bytes, self.offset, os.pread
        data = b"".join([pread(fd, rb, off + r * rb) for r in rows.tolist()])
        if len(data) != len(rows) * rb:
            raise OSError(f"short read: {len(data)} of {len(rows) * rb} bytes")
        return np.frombuffer(data, dtype=self.dtype).reshape((len(rows), *self.shape[1:]))


def save_strings(folder: Path, name: str, strings: Sequence[str]) -> None:
    """A list of strings as one UTF-8 text and where each one ends in it (``name_end.npy``):
    loading it is a split of one string, not a JSON parse. One a line (``name.lines``) when
    none holds a newline, else end to end (``name.txt``), cut at the ends."""
    sep = "" if any("\n" in x for x in strings) else "\n"
    ends = np.zeros(len(strings), dtype=np.int64)
    np.cumsum([len(x) + len(sep) for x in strings], out=ends)
    ends -= len(sep)
    (folder / f"{name}{'.lines' if sep else '.txt'}").write_bytes(sep.join(strings).encode())
    np.save(folder / f"{name}_end.npy", ends)


def load_strings(folder: Path, name: str) -> list[str]:
    ends = np.load(folder / f"{name}_end.npy")
    lines = folder / f"{name}.lines"
    if lines.exists():
        text = lines.read_bytes().decode("utf-8")
        got = text.split("\n") if len(ends) else []
    else:
        text = (folder / f"{name}.txt").read_bytes().decode("utf-8")
        e = ends.tolist()
        got = [text[a:b] for a, b in zip([0, *e[:-1]], e, strict=True)]
    if len(got) != len(ends) or (int(ends[-1]) if len(ends) else 0) != len(text):
        raise ValueError(f"{folder.name}/{name}: its text and its table of ends disagree")
    return got


class LazyStrings(Sequence[str]):
    """A sequence of strings made when asked for (``_item``); equal to any sequence of the same
    strings."""

    def _item(self, i: int) -> str:
        raise NotImplementedError

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self._item(j) for j in range(*i.indices(len(self)))]
        i = int(i)
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._item(i)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str | bytes):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


class StringTable(LazyStrings):
    """ASCII strings kept as one ``bytes`` and where each ends (a chunk id costs its length plus
    8 bytes here, against about 90 as a ``str`` object); each is made when asked for."""

    def __init__(self, data: bytes, ends: np.ndarray, sep: int = 0) -> None:
        """``ends``: where each string ends in ``data``; the next begins ``sep`` bytes on."""
        self.data = data
        self.ends = np.asarray(ends, dtype=np.int64)
        self.starts = np.concatenate(([0], self.ends[:-1] + sep)).astype(np.int64)[: len(ends)]

    def __len__(self) -> int:
        return len(self.ends)

    def _item(self, i: int) -> str:
        return self.data[int(self.starts[i]) : int(self.ends[i])].decode("ascii")

    def __iter__(self) -> Iterator[str]:
        data = self.data
        for a, b in zip(self.starts.tolist(), self.ends.tolist(), strict=True):
            yield data[a:b].decode("ascii")


def load_string_table(folder: Path, name: str) -> Sequence[str]:
    """``load_strings``, as a ``StringTable`` when the strings are ASCII (chunk ids are)."""
    lines = folder / f"{name}.lines"
    if not lines.exists():
        return load_strings(folder, name)
    raw = lines.read_bytes()
    ends = np.load(folder / f"{name}_end.npy")
    if not raw.isascii():
        return load_strings(folder, name)
    n = len(ends)
    if (int(ends[-1]) if n else 0) != len(raw) or (n and raw.count(b"\n") != n - 1):
        raise ValueError(f"{folder.name}/{name}: its text and its table of ends disagree")
    return StringTable(raw, ends, sep=1)


NO_TS = np.iinfo(np.int64).min  # an article's unknown publication time, in ``art_ts.npy``


def mapped(path: Path) -> np.ndarray:
    """The array in ``path``, memory-mapped, as a plain ndarray over the map (a ``memmap``'s
    own indexing costs tens of microseconds a call)."""
    return np.asarray(np.load(path, mmap_mode="r"))


def unit_rows(m: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (as dense search compares them)."""
    m = np.asarray(m, dtype=np.float32)
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.maximum(norms, 1e-12)
