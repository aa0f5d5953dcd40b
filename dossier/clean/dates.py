"""Parse the dates found on loose metadata lines (``date 2023-11 30.11.2023``).

A line may carry several dates of different precision; the most specific one
wins (a datetime beats a day, a day beats a month), because feeds and CMS
exports often repeat the month as a coarse bucket before the real date.
"""
from __future__ import annotations

import datetime as dt
import re

from dossier.clean.resources import months

_TIME = r"(?:(?:\s*[,|–-])?\s*(?:um\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?(?:\s*Uhr)?)?"
_ISO = re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})(?:-(?P<day>\d{2}))?"
                  r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?(?!\d)")
_NUMERIC = re.compile(r"(?<!\d)(?P<day>\d{1,2})\.\s?(?P<month>\d{1,2})\.\s?(?P<year>\d{4}|\d{2})(?!\d)" + _TIME)
_WORDED = re.compile(r"(?<!\d)(?:(?P<day>\d{1,2})\.\s*)?(?P<monthname>[A-Za-zÄÖÜäöü]{3,9})\.?\s+(?P<year>\d{4})(?!\d)" + _TIME)

# A metadata date outside these years is a typo (``(APA, 30.9.3015)``), not a publication date:
# the article then has no date rather than one a thousand years ahead. Wide enough for digitised
# archives; fixed, so cleaning stays a pure function of the input (no clock).
PLAUSIBLE_YEARS = range(1600, 2201)

# precision ranks: year-month < date < datetime
_MONTH, _DAY, _MINUTE, _SECOND = 1, 2, 3, 4


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _build(year: int, month: int, day: str | None, match: re.Match[str]) -> tuple[int, str] | None:
    if year not in PLAUSIBLE_YEARS:
        return None
    try:
        if day is None:
            dt.date(year, month, 1)
            return _MONTH, f"{year:04d}-{month:02d}"
        date = dt.date(year, month, int(day))
        hour, minute, second = (match.groupdict().get(k) for k in ("hour", "minute", "second"))
        if hour is None:
            return _DAY, date.isoformat()
        moment = dt.datetime(year, month, int(day), int(hour), int(minute), int(second or 0))
        if second is None:
            return _MINUTE, moment.strftime("%Y-%m-%dT%H:%M")
        return _SECOND, moment.isoformat()
    except ValueError:
        return None  # 31.02. or 25:61 are not dates; the caller tries the next candidate


def date_candidates(text: str) -> list[tuple[int, str]]:
    """All (precision, ISO value) dates found in ``text``, in order of appearance."""
    found: list[tuple[int, int, str]] = []
    for match in _ISO.finditer(text):
        built = _build(int(match["year"]), int(match["month"]), match["day"], match)
        if built:
            found.append((match.start(), *built))
    for match in _NUMERIC.finditer(text):
        built = _build(_year(match["year"]), int(match["month"]), match["day"], match)
        if built:
            found.append((match.start(), *built))
    month_names = months()
    for match in _WORDED.finditer(text):
        month = month_names.get(match["monthname"].lower())
        if month is None:
            continue
        built = _build(int(match["year"]), month, match["day"], match)
        if built:
            found.append((match.start(), *built))
    return [(precision, value) for _, precision, value in sorted(found)]


def most_specific_date(text: str) -> str | None:
    """The most precise date on a metadata line as ISO text, or None when the
    line holds no date (the caller then keeps the line as body text)."""
    candidates = date_candidates(text)
    if not candidates:
        return None
    best = max(precision for precision, _ in candidates)
    return next(value for precision, value in candidates if precision == best)
