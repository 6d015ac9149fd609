"""The articles a reindex has read, kept in a temporary file instead of in memory.

A reindex reads every source before it writes anything (it must know what was removed and what
changed), so holding the parsed articles would make its memory grow with the corpus: 100k
articles are over a gigabyte of Python objects. The spool keeps them in memory up to a small
size, then in an unnamed temporary file (gone when closed, or when the process dies), and hands
each back when it is embedded. Only the reindex's own process writes and reads the file.
"""

from __future__ import annotations

import pickle
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .models import Article

Item = tuple[Article, str]  # (article, the source spec it was read from)

MEMORY_BYTES = 16 << 20  # held in memory up to this size, then moved to a temporary file


class ArticleSpool:
    """An append-only list of (article, source) read back one at a time by position.

    ``indexed`` maps the ids of articles already indexed to their content hash: an article read
    again unchanged is noted (its id and hash, in ``heads``) but not kept, since nothing will
    be written for it; reading it back raises ``LookupError``."""

    def __init__(
        self,
        folder: Path | None = None,
        memory_bytes: int | None = None,
        indexed: dict[str, str] | None = None,
    ) -> None:
        size = MEMORY_BYTES if memory_bytes is None else memory_bytes
        # Open for the spool's life; close() (the reindex's finally) ends it.
        self._file = tempfile.SpooledTemporaryFile(  # noqa: SIM115
            max_size=size, dir=None if folder is None else str(folder)
        )
        self._at: list[tuple[int, int]] = []  # entry i: (start, length); length -1: not kept
        self._end = 0
        self.heads: list[tuple[str, str]] = []  # entry i: (article id, content hash)
        self._indexed = indexed
        self._lock = threading.Lock()

    def append(self, item: Item) -> None:
        art = item[0]
        if self._indexed is not None and self._indexed.get(art.id) == art.content_hash:
            with self._lock:
                self._at.append((self._end, -1))
                self.heads.append((art.id, art.content_hash))
            return
        # pickle: the file is this process's own unnamed temporary file, never read from outside
        data = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
        with self._lock:
            self._file.seek(self._end)
            self._file.write(data)
            self._at.append((self._end, len(data)))
            self._end += len(data)
            self.heads.append((art.id, art.content_hash))

    def extend(self, items: Iterable[Item]) -> None:
        for item in items:
            self.append(item)

    def __len__(self) -> int:
        return len(self._at)

    def __bool__(self) -> bool:
        return len(self) > 0

    def __getitem__(self, i: int) -> Item:
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        i %= len(self)
        start, length = self._at[i]
        if length < 0:
            raise LookupError(f"article {self.heads[i][0]} is indexed unchanged and was not kept")
        with self._lock:
            self._file.seek(start)
            data = self._file.read(length)
        item: Item = pickle.loads(data)  # written by append() above
        return item

    def __iter__(self) -> Iterator[Item]:
        for i in range(len(self)):
            yield self[i]

    def __eq__(self, other: Any) -> bool:
        if isinstance(other, ArticleSpool | list):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    @property
    def on_disk(self) -> bool:
        return bool(getattr(self._file, "_rolled", False))

    def close(self) -> None:
        with self._lock:
            self._file.close()
