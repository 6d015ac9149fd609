"""Checks on a question before any retrieval runs on it."""

from __future__ import annotations

import re
import unicodedata

from .types import QuestionError

_MENTION = re.compile(r"<@[!&]?\d+>|<#\d+>|@everyone|@here")
_URL = re.compile(r"https?://\S+|www\.\S+", re.I)
_EMOJI_TAG = re.compile(r"<a?:\w+:\d+>")


def clean_question(raw: str, *, max_chars: int = 500) -> str:
    """The question with mentions and links removed, or a QuestionError saying what is wrong."""
    if raw is None or not raw.strip():
        raise QuestionError("Please ask a question, e.g. “What is the latest on the border talks?”")
    if len(raw) > max_chars:
        raise QuestionError(
            f"That question is {len(raw)} characters long; please keep it under {max_chars}."
        )
    q = _EMOJI_TAG.sub(" ", _URL.sub(" ", _MENTION.sub(" ", raw)))
    q = " ".join(q.split())
    letters = [ch for ch in q if ch.isalpha()]
    if len(letters) < 2:
        raise QuestionError(
            "I couldn't find a question in that message (only mentions, links or symbols). "
            "Ask in words, e.g. “What did the ministry say about the ceasefire?”"
        )
    latin = sum(1 for ch in letters if "LATIN" in unicodedata.name(ch, ""))
    if latin / len(letters) < 0.5:
        raise QuestionError(
            "I can only search the articles with questions in English for now; "
            "please ask in English."
        )
    return q
