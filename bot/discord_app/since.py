"""The ``since:`` option of ``/ask``: a date or a phrase, read by the core's own time parser."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta

from bot.qa.timeparse import parse_time
from ingest.errors import UserFacingError

_SPAN = re.compile(
    r"^(?:the\s+)?(?:last|past)?\s*(\d+)\s*(d|days?|w|weeks?|m|months?|y|years?)(?:\s+ago)?$"
)
_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}


def parse_since(text: str, now: datetime | None = None) -> datetime:
    """The start of the range ``text`` names: ``2026-11-01``, ``Nov 1``, ``last week``,
    ``yesterday``, ``3 days``, ``past 2 weeks``... Raises a UserFacingError it cannot read."""
    now = now or datetime.now(UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    t = " ".join(text.lower().split())
    if m := _SPAN.match(t):
        return now - timedelta(days=int(m.group(1)) * _DAYS[m.group(2)[0]])
    for phrase in (f"since {t}", t):
        tf = parse_time(phrase, now)
        if tf.start is not None:
            return tf.start
        if tf.dates:
            return datetime.combine(tf.dates[0], time.min, tzinfo=UTC)
    raise UserFacingError(
        f"I couldn't read since: {text[:60]!r}. Use a date like 2026-11-01 or a phrase like "
        "'last week', 'yesterday' or '3 days'."
    )
