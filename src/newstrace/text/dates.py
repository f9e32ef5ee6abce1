"""Publication times: parse what pages, feeds and JSONL give, keeping time of day and zone when present.

The result is an ISO 8601 string at the precision the source had: `2016-04-22`, `2016-04-22T14:05:00`
(no zone given) or `2016-04-22T14:05:00+02:00`.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_tz

_ISO = re.compile(
    r"^\s*(\d{4})-?(\d{2})-?(\d{2})"
    r"(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?\s*$",
    re.IGNORECASE)
_YEAR_MIN, _YEAR_MAX = 1800, 2200


def _zone(text: str | None) -> timezone | None:
    if not text:
        return None
    if text.upper() in {"Z", "UTC", "GMT"}:
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 14 or minutes > 59:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def parse_datetime(value: object) -> str | None:
    """A publication time from ISO 8601, RFC 2822 (feeds, HTTP, WARC) or a struct; None if not a date."""
    if value is None:
        return None
    if isinstance(value, date):  # a datetime too: the same years, and seconds at most, as from text
        if not _YEAR_MIN <= value.year <= _YEAR_MAX:
            return None
        return value.replace(microsecond=0).isoformat() if isinstance(value, datetime) else value.isoformat()
    text = str(value).strip()
    if not text or len(text) > 80:
        return None
    match = _ISO.match(text)
    if match:
        return _from_iso(match)
    parsed = parsedate_tz(text)
    if parsed and parsed[0] and _YEAR_MIN <= parsed[0] <= _YEAR_MAX:
        year, month, day, hour, minute, second = parsed[:6]
        try:
            moment = datetime(year, month, day, hour, minute, second)
        except ValueError:
            return None
        offset = parsed[9]
        has_zone = offset is not None and re.search(r"(?:[+-]\d{4}|\b[A-Z]{1,4})\s*$", text)
        if has_zone:
            moment = moment.replace(tzinfo=timezone(timedelta(seconds=offset or 0)))
        return moment.isoformat()
    return None


def _from_iso(match: re.Match[str]) -> str | None:
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        day_value = date(int(year), int(month), int(day))
    except ValueError:
        return None
    if not _YEAR_MIN <= day_value.year <= _YEAR_MAX:
        return None
    if hour is None:
        return day_value.isoformat()
    try:
        moment = datetime(day_value.year, day_value.month, day_value.day, int(hour), int(minute), int(second or 0))
    except ValueError:
        return day_value.isoformat()
    tz = _zone(zone)
    if tz is not None:
        moment = moment.replace(tzinfo=tz)
    return moment.isoformat()


def timestamp(iso: str | None) -> float | None:
    """Seconds since the epoch for ordering; a time without zone is read as UTC, a bare day as its midnight."""
    if not iso:
        return None
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def precision(iso: str | None) -> str | None:
    if not iso:
        return None
    if "T" not in iso:
        return "day"
    return "time+zone" if re.search(r"(?:[+-]\d{2}:\d{2}|Z)$", iso) else "time"
