"""A news outlet's name ("Fox News Digital", "the New York Times") answers who or which only
when the question is about the press: asked "which eye drops did the FDA recall", the outlet
that reported the recall ("Fox News Digital reached out to ...") is no answer to state. Read by
``bot.qa.extractive``, which then states no answer from the sentence."""

from __future__ import annotations

import re

# a word that makes a name an outlet's, after its first word ("New York Times", not "Times
# Square" or "Post Malone"), and wire services
_OUTLET_WORD = re.compile(
    r"\s(?:News|Times|Post|Journal|Herald|Tribune|Gazette|Digital|Magazine)\b"
)
_WIRE = re.compile(r"^(?:the\s+)?(?:Reuters|Bloomberg|Associated Press|CNN|BBC|CNBC)$", re.I)
# the question is about what the press reported, or where to watch or read something
MEDIA_Q = re.compile(
    r"\b(?:news|outlets?|papers?|newspapers?|publications?|magazines?|sites?|websites?|"
    r"report\w*|journalists?|reporters?|wrote|writes?|written|stor(?:y|ies)|channels?|"
    r"networks?|tv|broadcast\w*|air\w*|stream\w*|watch|podcasts?|columns?|columnists?|"
    r"interview\w*|cover\w*|media|press|publish\w*|editors?|headlines?)\b",
    re.I,
)


def outlet_named(text: str) -> bool:
    """Whether a name is a news outlet's rather than a person's or a thing's; not an outlet's
    reporter ("ESPN's Jeff Passan")."""
    if re.search(r"['’]s\b", text):
        return False
    return bool(_OUTLET_WORD.search(text) or _WIRE.match(text.strip()))
