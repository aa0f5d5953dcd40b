"""Calendar arithmetic and TIMEX3 value formatting (no German here)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta


@dataclass(frozen=True)
class Point:
    """A calendar point known down to some granularity (year, month or day)."""

    year: int
    month: int | None = None
    day: int | None = None

    def contains(self, other: Point) -> bool:
        """True when ``other`` lies inside this (coarser or equal) point."""
        if other.year != self.year:
            return False
        if self.month is not None and other.month != self.month:
            return False
        return self.day is None or other.day == self.day

    def as_date(self) -> date | None:
        if self.month is None or self.day is None:
            return None
        try:
            return date(self.year, self.month, self.day)
        except ValueError:
            return None


def format_year(year: int) -> str:
    return f"{year:04d}" if year >= 0 else f"BC{-year:04d}"


def format_point(year: int | None, month: int | None = None, day: int | None = None) -> str:
    text = format_year(year) if year is not None else "XXXX"
    if month is not None:
        text += f"-{month:02d}"
        if day is not None:
            text += f"-{day:02d}"
    elif day is not None:
        text += f"-XX-{day:02d}"
    return text


POINT_VALUE = re.compile(r"^(BC)?(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_point(value: str | None) -> Point | None:
    """The calendar point a TIMEX3 date value starts with ("2018-06", "1940-04-09T05:00")."""
    if not value:
        return None
    match = POINT_VALUE.match(value)
    if not match:
        return None
    year = int(match.group(2)) * (-1 if match.group(1) else 1)
    month = int(match.group(3)) if match.group(3) else None
    day = int(match.group(4)) if match.group(4) else None
    if month is not None and not 1 <= month <= 12:
        return Point(year)
    if day is not None and Point(year if year > 0 else 2000, month, day).as_date() is None:
        return Point(year, month)  # "30.2." names no real day; keep what is real
    return Point(year, month, day)


def easter(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def first_advent(year: int) -> date:
    """The fourth Sunday before Christmas Day."""
    christmas = date(year, 12, 25)
    last_sunday = christmas - timedelta(days=(christmas.isoweekday() % 7) or 7)
    return last_sunday - timedelta(weeks=3)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    offset = (weekday - first.isoweekday()) % 7
    return first + timedelta(days=offset + 7 * (n - 1))


def holiday_date(rule: str, year: int) -> date | None:
    kind, _, arg = rule.partition(":")
    if kind == "fixed":
        month, day = (int(x) for x in arg.split("-"))
        return date(year, month, day)
    if kind == "easter":
        return easter(year) + timedelta(days=int(arg))
    if kind == "advent":
        return first_advent(year) + timedelta(days=int(arg))
    if kind == "nth":
        month, weekday, n = (int(x) for x in arg.split(":"))
        return nth_weekday(year, month, weekday, n)
    return None


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def shift_value(reference: datetime, unit: str, amount: float) -> str | None:
    """The TIMEX3 value ``amount`` units away from ``reference``, at the unit's granularity.

    ``vor einem Jahr`` names a year, not a day, so the result keeps only the
    granularity the unit carries ("2022", "2023-08", "2023-W46", "2023-11-27").
    """
    if amount != int(amount):
        smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60)}
        if unit not in smaller:
            return None
        unit, factor = smaller[unit]
        amount *= factor
    amount = round(amount)
    if unit == "Y":
        return format_year(reference.year + amount)
    if unit == "DE":
        return format_year(reference.year + 10 * amount)[:3]
    if unit == "CE":
        return f"{(reference.year + 100 * amount) // 100:02d}"
    if unit in ("M", "Q", "HY"):
        months = amount * {"M": 1, "Q": 3, "HY": 6}[unit]
        year, month = add_months(reference.year, reference.month, months)
        return format_point(year, month)
    if unit == "W":
        return iso_week((reference + timedelta(weeks=amount)).date())
    if unit == "D":
        return (reference + timedelta(days=amount)).date().isoformat()
    delta = {"H": timedelta(hours=amount), "MIN": timedelta(minutes=amount), "S": timedelta(seconds=amount)}[unit]
    return (reference + delta).strftime("%Y-%m-%dT%H:%M:%S")


def calendar_unit_value(reference: date, unit: str, offset: int) -> str | None:
    """The calendar unit containing ``reference`` moved by ``offset`` ("letzte Woche")."""
    if unit == "Y":
        return format_year(reference.year + offset)
    if unit == "M":
        return format_point(*add_months(reference.year, reference.month, offset))
    if unit == "W":
        return iso_week(reference + timedelta(weeks=offset))
    if unit == "WE":
        return iso_week(reference + timedelta(weeks=offset)) + "-WE"
    if unit == "D":
        return (reference + timedelta(days=offset)).isoformat()
    if unit == "Q":
        index = reference.year * 4 + (reference.month - 1) // 3 + offset
        return f"{format_year(index // 4)}-Q{index % 4 + 1}"
    if unit == "HY":
        index = reference.year * 2 + (reference.month - 1) // 6 + offset
        return f"{format_year(index // 2)}-H{index % 2 + 1}"
    if unit == "DE":
        return format_year(reference.year + 10 * offset)[:3]
    return None


def duration_value(unit_letter: tuple[str, bool], amount: float | None) -> str:
    letter, is_time = unit_letter
    if amount is None:
        number = "X"
    elif amount == int(amount):
        number = str(int(amount))
    else:
        number = f"{amount:g}"
    return f"PT{number}{letter}" if is_time else f"P{number}{letter}"


def as_datetime(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime(value.year, value.month, value.day)


def range_length(start: str, end: str) -> str:
    """Length of a range of days ("XXXX-09-03" to "XXXX-09-12" = P9D; weekdays 1 to 5 = P4D)."""
    weekdays = re.fullmatch(r"XXXX-WXX-(\d)", start), re.fullmatch(r"XXXX-WXX-(\d)", end)
    if all(weekdays):
        return f"P{(int(weekdays[1].group(1)) - int(weekdays[0].group(1))) % 7}D"
    points = []
    for value in (start, end):
        match = re.fullmatch(r"(\d{4}|XXXX)-(\d{2})-(\d{2})", value)
        if not match:
            return "PXD"
        year = int(match.group(1)) if match.group(1) != "XXXX" else 2001  # any non-leap year
        try:
            points.append(date(year, int(match.group(2)), int(match.group(3))))
        except ValueError:
            return "PXD"  # "29/2-1/3/2019": a day that does not exist has no length
    return f"P{(points[1] - points[0]).days}D"
