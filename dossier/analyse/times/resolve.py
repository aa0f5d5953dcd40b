"""Turn recognised candidates into TIMEX3 type, value, mod and anchor.

Two reference times are kept while reading an article front to back:

* the **publication** date (``article.published``): ``gestern``, ``letzte Woche``,
  ``vor einem Jahr`` count from it;
* the **discourse** time: the last date the text itself mentioned (it starts
  as the publication date). ``im Juni dieses Jahres``, ``am selben Tag``,
  ``zwei Tage später`` and dates without a year (``am 9. April``) count from it.

A value that needs a reference nobody gave is left ``None`` (or ``XXXX-…`` for
a date whose year is simply not stated), never guessed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from dossier.analyse.times import lexicon
from dossier.analyse.times.calendar import (
    Point,
    as_datetime,
    calendar_unit_value,
    duration_value,
    format_point,
    format_year,
    holiday_date,
    parse_point,
    shift_value,
)
from dossier.analyse.times.patterns import Candidate

UNIT_OF_WORD = {"jahr": "Y", "jahres": "Y", "jahrs": "Y", "monat": "M", "monats": "M", "woche": "W",
                "arbeitswoche": "W", "wochenende": "WE", "tag": "D", "tages": "D", "quartal": "Q",
                "quartals": "Q", "halbjahr": "HY", "jahrzehnt": "DE", "jahrzehnts": "DE"}
POSITION_MODS = {"START", "MID", "END"}


@dataclass
class Resolved:
    type: str
    value: str | None
    mod: str | None = None
    anchor: str | None = None


@dataclass
class Context:
    publication: datetime | None
    resolve_partial: bool = True  # False: leave unstated years as XXXX (Recognizers-Text convention)
    clock_known: bool = False  # the reference carries a time of day ("2016-11-07T00:00:00")
    range_values: bool = False  # "die nächsten 3 Tage" as (start,end,P3D), as Recognizers-Text writes it
    future_sentence: bool = False  # the sentence of the expression being resolved speaks of the future
    discourse: Point | None = None
    discourse_from_text: bool = False
    finer: list[Point] = field(default_factory=list)
    far_mentions: int = 0  # dates named more than two years from the publication date
    near_mentions: int = 0

    def __post_init__(self) -> None:
        if self.publication is not None and self.discourse is None:
            pub = self.publication
            self.discourse = Point(pub.year, pub.month, pub.day)

    @property
    def narrative(self) -> bool:
        """True while the text talks about a time far from its publication (a history, a
        retrospective): then "im letzten Jahr", "jetzt" count from the story's time, not from
        the publication date."""
        if not self.discourse_from_text or self.discourse is None or self.publication is None:
            return False  # without a publication date there is nothing to tell the story time from
        # One old year in a news story ("das 1949 aufgestellte Prinzip") is no history yet.
        far_now = abs(self.discourse.year - self.publication.year) > 2
        return far_now and self.far_mentions >= 2 and self.far_mentions > self.near_mentions

    def effective(self, anchor: str) -> str:
        return "discourse" if anchor == "publication" and self.narrative else anchor

    @property
    def discourse_anchor(self) -> str:
        return "discourse" if self.discourse_from_text else "publication"

    def point_with(self, needed: str) -> Point | None:
        """The latest discourse point fine enough for ``needed`` ("Y", "M" or "D")."""
        for point in [self.discourse, *self.finer]:
            if point is None:
                continue
            if needed == "Y" or (needed == "M" and point.month) or (needed == "D" and point.day):
                return point
        return None

    def mention(self, value: str | None, anchor: str | None = "absolute") -> None:
        """Move the discourse time to a date the text just named."""
        point = parse_point(value)
        if point is None:
            return
        current = self.discourse
        if current is not None and point.contains(current) and point != current:
            # "9. April 1940 … 1940": keep the finer point while the coarse one contains it.
            self.finer = [current] + [p for p in self.finer if point.contains(p)]
        else:
            self.finer = [p for p in self.finer if point.contains(p)]
        self.discourse = point
        self.discourse_from_text = True
        if self.publication is not None and anchor == "absolute":
            if abs(point.year - self.publication.year) > 2:
                self.far_mentions += 1
            else:
                self.near_mentions += 1


def _mod(groups: dict[str, str]) -> str | None:
    mods = lexicon.load().modifiers
    for key in ("approx", "position", "dpmod"):
        word = groups.get(key)
        if word:
            mod = mods.get(" ".join(word.lower().split()), mods.get(word.lower().rstrip("n")))
            return None if mod == "NONE" else mod
    return None


def _number(groups: dict[str, str]) -> float | None:
    if groups.get("vague"):
        return None
    if not groups.get("num"):
        return 1.0  # "im Jahr darauf": one unit
    return lexicon.number_value(groups["num"])


def _unit(word: str) -> str | None:
    return lexicon.load().units.get(word.lower().rstrip("."))


def _year_of(groups: dict[str, str], ctx: Context) -> tuple[int | None, str]:
    """The year a date names, and what it was taken from."""
    lex = lexicon.load()
    if groups.get("yy"):
        # "1870/71": the second year takes the century of the first (1999/00 rolls over)
        previous = int(groups["prev"])
        year = previous // 100 * 100 + int(groups["yy"])
        return (year + 100 if year < previous else year), "absolute"
    if groups.get("year"):
        text = groups["year"]
        year = int(text)
        if len(text) == 2:
            year = _two_digit_year(year, ctx)
        return year, "absolute"
    if groups.get("eyear"):
        year = int(groups["eyear"])
        era = groups.get("era", "").lower()
        return (-year if era.startswith("v") else year), "absolute"
    if groups.get("yshift"):
        offset, anchor = lex.shifts[groups["yshift"].lower()]
        base = _anchor_year(anchor, ctx)
        return (base + offset if base is not None else None), anchor
    if groups.get("ycomp"):
        unit, offset, anchor = lex.compounds[groups["ycomp"].lower()]
        base = _anchor_year(anchor, ctx)
        step = 0 if offset in POSITION_MODS or offset == "X" else int(offset)  # "Dezember Jahresende"
        return (base + step if base is not None and unit == "Y" else None), anchor
    if groups.get("shift"):
        offset, anchor = lex.shifts[groups["shift"].lower()]
        base = _anchor_year(anchor, ctx)
        return (base + offset if base is not None else None), anchor
    if groups.get("yref") or ctx.resolve_partial:
        point = ctx.point_with("Y")
        return (point.year if point else None), ctx.discourse_anchor
    return None, "unstated"


def _two_digit_year(year: int, ctx: Context) -> int:
    """"05/05/89" is 1989 and "3-7-07" 2007: the century that puts the year at most 20 years
    after the reference (or, without one, 1950-2049)."""
    reference = ctx.publication.year if ctx.publication else 2029
    full = (reference // 100) * 100 + year
    return full - 100 if full > reference + 20 else full


def _anchor_year(anchor: str, ctx: Context) -> int | None:
    anchor = ctx.effective(anchor)
    if anchor == "publication":
        return ctx.publication.year if ctx.publication else None
    point = ctx.point_with("Y")
    return point.year if point else None


def resolve_date(groups: dict[str, str], ctx: Context) -> Resolved:
    lex = lexicon.load()
    mod = _mod(groups)
    if groups.get("century") or groups.get("century_word"):
        number = int(groups["century"]) if groups.get("century") else lexicon.ordinal_value(groups["century_word"])
        era = groups.get("era", "").lower()
        value = f"BC{number - 1:02d}" if era.startswith("v") else f"{number - 1:02d}"
        return Resolved("DATE", value, mod, "absolute")
    if groups.get("decade") or groups.get("decade_word"):
        return _resolve_decade(groups, ctx, mod)
    year, anchor = _year_of(groups, ctx)
    if groups.get("qnum") or groups.get("qcode"):
        return _resolve_quarter(groups, year, anchor, mod)
    if groups.get("season"):
        return Resolved("DATE", f"{format_year(year) if year is not None else 'XXXX'}-{lex.seasons[groups['season'].lower()]}", mod, anchor)
    month = None
    if groups.get("month"):
        month = lex.months[groups["month"].lower().rstrip(".")]
    elif groups.get("month_num"):
        month = int(groups["month_num"])
    day = None
    if groups.get("day"):
        day = int(groups["day"])
    elif groups.get("day_word"):
        day = lexicon.ordinal_value(groups["day_word"])
    if day is not None and month is None and ctx.resolve_partial:
        point = ctx.point_with("M")  # "Nacht vom 16." after "April 1945": the month is the story's
        if point is not None and (year is None or point.year == year):
            year, month, anchor = point.year, point.month, ctx.discourse_anchor
    if year is None and month is None and day is None:
        return Resolved("DATE", None, mod, None)
    # An unknown year stays "XXXX" (TIMEX3's way of saying "not known"), never guessed.
    return Resolved("DATE", format_point(year, month, day), mod, anchor if year is not None else None)


def _resolve_decade(groups: dict[str, str], ctx: Context, mod: str | None) -> Resolved:
    if groups.get("decade"):
        digits = groups["decade"]
        if len(digits) == 4:
            return Resolved("DATE", digits[:3], mod, "absolute")
        decade = int(digits[0])
    else:
        decade = int(lexicon.load().numbers[groups["decade_word"].lower()][0])
    # "die 90er", "die zwanziger Jahre": the latest such decade before the reference year.
    point = ctx.point_with("Y")
    if point is None:
        return Resolved("DATE", None, mod, None)
    century = point.year // 100
    if century * 100 + decade * 10 > point.year:
        century -= 1
    return Resolved("DATE", f"{century:02d}{decade}", mod, ctx.discourse_anchor)


def _resolve_quarter(groups: dict[str, str], year: int | None, anchor: str, mod: str | None) -> Resolved:
    if groups.get("qcode"):
        code = groups["qcode"].upper()
    else:
        raw = groups["qnum"].rstrip(".")
        number = int(raw) if raw.isdigit() else lexicon.ordinal_value(raw)
        unit = groups["qunit"].lower()
        code = f"Q{number}" if unit.startswith("quartal") else f"H{number}"
    year_text = format_year(year) if year is not None else "XXXX"
    return Resolved("DATE", f"{year_text}-{code}", mod, anchor)


def resolve_short_year(groups: dict[str, str], ctx: Context) -> Resolved | None:
    """A bare three-digit year counts only inside a story before Christ ("um 449")."""
    point = ctx.point_with("Y")
    if point is None or point.year > 0:
        return None
    return Resolved("DATE", format_year(-int(groups["year"])), None, "discourse")


def resolve_year(groups: dict[str, str], ctx: Context) -> Resolved:
    return Resolved("DATE", f"{int(groups['year']):04d}", None, "absolute")


def _shift_base(ctx: Context, anchor: str) -> tuple[str, date | None]:
    """The day a shifted weekday ("nächsten Dienstag", "Montag nächster Woche") counts from."""
    anchor = ctx.effective(anchor)
    if anchor == "publication" and ctx.publication:
        return anchor, ctx.publication.date()
    return anchor, discourse_day(ctx) or _news_fallback(ctx)


def resolve_weekday(groups: dict[str, str], ctx: Context) -> Resolved:
    lex = lexicon.load()
    weekday = lex.weekdays[groups["weekday"].lower()][0]
    daypart = groups.get("daypart") or groups.get("daypart2")
    suffix = f"T{lex.dayparts[daypart.lower()][0]}" if daypart else ""
    if groups.get("wshift"):
        # "Montag nächster Woche": that weekday in the shifted calendar week
        offset, anchor = lex.shifts[groups["wshift"].lower()]
        anchor, base = _shift_base(ctx, anchor)
        if base is None:
            return Resolved("DATE", None, None, anchor)
        day = base + timedelta(days=weekday - base.isoweekday(), weeks=offset)
        return Resolved("DATE", day.isoformat(), None, anchor)
    if groups.get("shift"):
        offset, anchor = lex.shifts[groups["shift"].lower()]
        anchor, base = _shift_base(ctx, anchor)
        if base is None:
            return Resolved("DATE", None, None, anchor)
        monday = base - timedelta(days=base.isoweekday() - 1)
        day = monday + timedelta(days=weekday - 1)
        if offset > 0:
            day = base + timedelta(days=((weekday - base.isoweekday() - 1) % 7) + 1 + 7 * (offset - 1))
        elif offset < 0:
            day = base - timedelta(days=((base.isoweekday() - weekday - 1) % 7) + 1 + 7 * (-offset - 1))
        return Resolved("DATE" if not suffix else "TIME", day.isoformat() + suffix, None, anchor)
    base = discourse_day(ctx) if ctx.resolve_partial else None
    from_text = base is not None and ctx.discourse_from_text and (ctx.narrative or ctx.publication is None)
    if not from_text and ctx.publication is not None and ctx.resolve_partial:
        base = ctx.publication.date()  # news: weekdays count from the publication date
    if base is None and ctx.resolve_partial and ctx.publication is not None:
        base = ctx.publication.date()
    if base is None:
        return Resolved("DATE" if not suffix else "TIME", f"XXXX-WXX-{weekday}{suffix}", None, None)
    if from_text or ctx.future_sentence:
        # A narrative moves forward, and "wird am Dienstag entscheiden" looks ahead:
        # the next such day (today included).
        day = base + timedelta(days=(weekday - base.isoweekday()) % 7)
    else:
        # News mostly report what already happened: the latest such day up to publication.
        day = base - timedelta(days=(base.isoweekday() - weekday) % 7)
    anchor = "discourse" if from_text else "publication"
    return Resolved("DATE" if not suffix else "TIME", day.isoformat() + suffix, None, anchor)


def discourse_day(ctx: Context) -> date | None:
    point = ctx.point_with("D")
    return point.as_date() if point else None


def resolve_relative(groups: dict[str, str], ctx: Context) -> Resolved:
    lex = lexicon.load()
    offset, stated = lex.shifts[groups["shift"].lower()] if groups.get("shift") else (0, "discourse")
    anchor = ctx.effective(stated)
    unit = UNIT_OF_WORD[groups["unit"].lower()]
    mod = _mod(groups)
    bc_value = _bc_year(anchor, unit, offset, ctx)
    if bc_value:
        return Resolved("DATE", bc_value, mod, ctx.discourse_anchor)
    base = _reference_for(anchor, unit, ctx)
    if base is None and stated == "publication" and ctx.publication is not None:
        # "vergangene Woche" in a history that never named a week: the word itself counts
        # from the publication date
        base, anchor = ctx.publication.date(), "publication"
    if base is None:
        return Resolved("DATE", None, mod, anchor)
    anchor = anchor if anchor == "publication" else ctx.discourse_anchor
    return Resolved("DATE", calendar_unit_value(base, unit, offset), mod, anchor)


def _bc_year(anchor: str, unit: str, offset: int, ctx: Context) -> str | None:
    """Year arithmetic before Christ ("Mitte des Jahres" after "480 v. Chr."), which ``date`` cannot hold."""
    point = ctx.point_with("Y") if anchor != "publication" and unit == "Y" else None
    return format_year(point.year + offset) if point is not None and point.year <= 0 else None


def _reference_for(anchor: str, unit: str, ctx: Context) -> date | None:
    if anchor == "publication":
        return ctx.publication.date() if ctx.publication else None
    needed = {"Y": "Y", "DE": "Y", "M": "M", "Q": "M", "HY": "M"}.get(unit, "D")
    point = ctx.point_with(needed)
    if point is None:
        return _news_fallback(ctx)
    return date(point.year if point.year > 0 else 1, point.month or 1, point.day or 1)


def _news_fallback(ctx: Context) -> date | None:
    """In news the story time starts at the publication date; when the text has only named a
    coarser time since ("2015 … Ende des Monats"), the publication date is still the best anchor.
    A history (narrative mode) gets no such fallback: there the value stays unknown."""
    if ctx.narrative or ctx.publication is None:
        return None
    return ctx.publication.date()


def resolve_compound(groups: dict[str, str], ctx: Context) -> Resolved:
    unit, offset, anchor = lexicon.load().compounds[groups["compound"].lower()]
    if anchor == "duration":
        return Resolved("DURATION", duration_value(lexicon.DURATION_LETTERS[unit], None))
    if groups.get("year"):
        if not 1 <= int(groups["year"]) <= 9999:
            return Resolved("DATE", None, None, "absolute")  # "Jahresende 0000" names no year
        base, anchor = date(int(groups["year"]), 1, 1), "absolute"
    else:
        bc_value = _bc_year(anchor, unit, 0 if offset in POSITION_MODS else int(offset), ctx)
        if bc_value:
            return Resolved("DATE", bc_value, offset if offset in POSITION_MODS else None, ctx.discourse_anchor)
        base = _reference_for(anchor, unit, ctx)
    if base is None:
        return Resolved("DATE", None, None, anchor)
    anchor = anchor if anchor in ("publication", "absolute") else ctx.discourse_anchor
    if offset in POSITION_MODS:
        return Resolved("DATE", calendar_unit_value(base, unit, 0), offset, anchor)
    return Resolved("DATE", calendar_unit_value(base, unit, int(offset)), None, anchor)


def resolve_deictic(groups: dict[str, str], ctx: Context) -> Resolved:
    lex = lexicon.load()
    word = " ".join(groups["deictic"].lower().split())
    value = lex.deictic[word]
    if value in ("PRESENT_REF", "FUTURE_REF") and ctx.narrative:
        # "jetzt", "bald" in a story about 1863 mean the story's time, not the publication's.
        point = ctx.discourse
        return Resolved("DATE", format_point(point.year, point.month, point.day), None, "discourse")
    if not value.lstrip("+-").isdigit():
        return Resolved("DATE", value, None, "publication")
    if ctx.publication is None:
        return Resolved("DATE", None, None, "publication")
    day = (ctx.publication + timedelta(days=int(value))).date().isoformat()
    daypart = groups.get("daypart")
    if daypart:
        return Resolved("TIME", f"{day}T{lex.dayparts[daypart.lower()][0]}", None, "publication")
    return Resolved("DATE", day, None, "publication")


def resolve_offset(cand: Candidate, ctx: Context) -> Resolved:
    """Counted offsets: "vor einem Jahr", "in drei Jahren", "zwei Tage später", "nach drei Tagen"."""
    groups = cand.groups
    mod = _mod(groups)
    if cand.kind in ("ago", "future") and groups.get("vague"):
        # "vor einigen Jahren": some time before the publication, how long is not said.
        return Resolved("DATE", "PAST_REF" if cand.kind == "ago" else "FUTURE_REF", mod, "publication")
    if cand.kind in ("ago", "future"):
        if ctx.publication is None:
            return Resolved("DATE", None, mod, "publication")
        sign, base, anchor = (-1 if cand.kind == "ago" else 1), ctx.publication, "publication"
    else:
        sign = 1
        if groups.get("direction"):
            sign = int(lexicon.load().words_with_role("direction")[groups["direction"].lower()])
        if groups.get("vague") and not groups.get("unit"):
            point = ctx.discourse  # "wenig später": no count, so only "around the last date"
            return Resolved("DATE", format_point(point.year, point.month, point.day) if point else None, None, ctx.discourse_anchor)
        unit = _unit(groups["unit"])
        needed = {"Y": "Y", "DE": "Y", "CE": "Y", "M": "M", "Q": "M", "HY": "M"}.get(unit or "D", "D")
        point = ctx.point_with(needed)
        if cand.kind == "later" and unit is not None and (point is None or not ctx.discourse_from_text):
            # "nach 400 Tagen Haft" before the text named a day to count from: the length is
            # what is known (counting from the publication date would invent a future date)
            return Resolved("DURATION", duration_value(lexicon.DURATION_LETTERS[unit], _number(groups)), mod)
        if point is None:
            return Resolved("DATE", None, mod, "discourse")
        base, anchor = as_datetime(date(point.year if point.year > 0 else 1, point.month or 1, point.day or 1)), ctx.discourse_anchor
    unit = _unit(groups["unit"])
    amount = _number(groups)
    if unit is not None and amount is None and unit in ("Y", "M", "W", "D"):
        # "wenige Tage später": an unknown count of days after the anchor; only its unit is known.
        return Resolved("DATE", calendar_unit_value(base.date(), unit, 0), mod, anchor)
    if unit is None or amount is None:
        return Resolved("DATE", None, mod, anchor)
    if unit in ("H", "MIN", "S") and not (anchor == "publication" and ctx.clock_known):
        # "nach 92 Minuten", "17 Stunden später" against a day without a clock time: only the
        # length is known, so say that rather than invent a time of day.
        return Resolved("DURATION", duration_value(lexicon.DURATION_LETTERS[unit], amount), mod)
    value = shift_value(base, unit, sign * amount)
    return Resolved("TIME" if unit in ("H", "MIN", "S") else "DATE", value, mod, anchor)


def resolve_duration(groups: dict[str, str], ctx: Context) -> Resolved:
    unit = _unit(groups["unit"])
    if unit is None:
        return Resolved("DURATION", None)
    if groups.get("whole"):
        amount: float | None = 1.0
    else:
        amount = _number(groups)
    if unit in ("Q", "HY") and amount is not None:
        amount, unit = amount * (3 if unit == "Q" else 6), "M"
    if unit == "Y" and amount is not None and amount != int(amount) and (amount * 12) == int(amount * 12):
        amount, unit = amount * 12, "M"  # "ein halbes Jahr" = P6M
    length = duration_value(lexicon.DURATION_LETTERS[unit], amount)
    if groups.get("shift") and ctx.range_values and ctx.publication and unit in ("D", "W") and amount:
        return _range_from_publication(groups["shift"], unit, int(amount), length, ctx)
    return Resolved("DURATION", length, _mod(groups))


def _range_from_publication(shift: str, unit: str, amount: int, length: str, ctx: Context) -> Resolved:
    """"die nächsten 3 Tage" = (tomorrow, tomorrow + 3 days); "die letzten 3 Wochen" = (today - 3
    weeks, today)."""
    offset, _ = lexicon.load().shifts[shift.lower()]
    today = ctx.publication.date()
    span = timedelta(days=amount) if unit == "D" else timedelta(weeks=amount)
    if offset > 0:
        start, end = today + timedelta(days=1), today + timedelta(days=1) + span
    else:
        start, end = today - span, today
    return Resolved("DURATION", f"({start.isoformat()},{end.isoformat()},{length})", None, "publication")


def resolve_set(groups: dict[str, str], ctx: Context) -> Resolved:
    lex = lexicon.load()
    if groups.get("setword"):
        return Resolved("SET", lex.sets[groups["setword"].lower()])
    weekday = groups.get("weekday") or groups.get("setweekday")
    if weekday:
        return Resolved("SET", f"XXXX-WXX-{lex.weekdays[weekday.lower()][0]}")
    if groups.get("daypart"):
        return Resolved("SET", f"T{lex.dayparts[groups['daypart'].lower()][0]}")
    unit = _unit(groups["unit"])
    amount = lexicon.number_value(groups["num"]) if groups.get("num") else 1.0
    if groups.get("ordnum"):
        amount = lexicon.ordinal_value(groups["ordnum"])  # "jeden zweiten Tag" = every 2 days
    return Resolved("SET", duration_value(lexicon.DURATION_LETTERS[unit], amount))


def resolve_holiday(groups: dict[str, str], ctx: Context) -> Resolved:
    rule = lexicon.load().holidays[" ".join(groups["holiday"].lower().split())]
    if groups.get("year"):
        year, anchor = int(groups["year"]), "absolute"
    elif ctx.resolve_partial and ctx.point_with("Y"):
        year, anchor = ctx.point_with("Y").year, ctx.discourse_anchor
    else:
        # The year is not stated: keep the day if it is fixed, else only "some year".
        if rule.startswith("fixed:"):
            return Resolved("DATE", "XXXX-" + rule[6:], None, None)
        return Resolved("DATE", "XXXX", None, None)
    day = holiday_date(rule, year) if 1 <= year <= 9999 else None  # no calendar for year 0 or BC
    return Resolved("DATE", day.isoformat() if day else None, None, anchor)

