"""Errors the user should see as they are (bad input, a busy corpus), as opposed to bugs."""

from __future__ import annotations


class UserFacingError(Exception):
    """A problem with what the user asked for; its message is shown as is."""


class ParseError(UserFacingError):
    """One input could not be read as an article; the rest of the ingest goes on."""


class FetchError(UserFacingError):
    """A URL could not be fetched (unreachable, too slow, too large, an HTTP error)."""


class ReindexRunning(UserFacingError):
    def __init__(self, corpus: str) -> None:
        super().__init__(
            f"A reindex of corpus '{corpus}' is already running; try again when it has finished."
        )
        self.corpus = corpus


class InvalidCorpusName(UserFacingError):
    pass
