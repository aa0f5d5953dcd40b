"""Clock times, parts of the day and time ranges ("4:45 Uhr", "halb 8", "am Abend", "von 17 bis 18 Uhr")."""
from __future__ import annotations

from datetime import timedelta

from dossier.analyse.times import lexicon
from dossier.analyse.times.resolve import Context, Resolved, discourse_day, resolve_date


def clock(groups: dict[str, str]) -> str | None:
    """The ``Thh[:mm[:ss]]`` part of a clock time, or None when it is not a time of day."""
    lex = lexicon.load()
    if groups.get("fixed"):
        return "T00"
    hour_text = groups["hour"]
    hour = int(hour_text) if hour_text.isdigit() else lexicon.number_value(hour_text)
    if hour is None:
        return None
    hour = int(hour)
    minute_text = groups.get("minute") or groups.get("minute2")
    minute = int(minute_text) if minute_text else None
    frac = " ".join(groups.get("frac", "").lower().split())
    if frac:
        # "halb 8" is 7:30, "viertel 6" 5:15, "dreiviertel 8" 7:45, "viertel nach 3" 3:15.
        minute, hour = {"halb": (30, hour - 1), "viertel": (15, hour - 1), "dreiviertel": (45, hour - 1),
                        "drei viertel": (45, hour - 1), "viertel nach": (15, hour),
                        "viertel vor": (45, hour - 1)}[frac]
    if groups.get("mins"):
        count = int(lexicon.number_value(groups["mins"]) or 0)
        if groups["rel"].lower() == "vor":
            hour, minute = (hour - 1, 60 - count) if count else (hour, 0)
        else:
            minute = count
    daypart = groups.get("daypart")
    if daypart:
        code, shift = lex.dayparts[daypart.lower()]
        if code in ("EV", "NI") and hour == 12:
            hour = 0
        elif shift and hour < 12 and not (code == "NI" and hour < 6) and not (code == "MI" and hour > 3):
            hour += shift
    if not 0 <= hour <= 24:
        return None
    hour %= 24
    text = f"T{hour:02d}"
    if minute is not None:
        text += f":{minute:02d}"
        if groups.get("second"):
            text += f":{int(groups['second']):02d}"
    return text


def resolve_time(groups: dict[str, str], ctx: Context, *, attach: bool = True) -> Resolved:
    value = clock(groups)
    if value is None:
        return Resolved("TIME", None)
    day = discourse_day(ctx) if attach and ctx.resolve_partial else None
    if day is not None:
        return Resolved("TIME", day.isoformat() + value, None, ctx.discourse_anchor)
    return Resolved("TIME", value, None, None)


def resolve_daypart(groups: dict[str, str], ctx: Context, *, attach: bool = True) -> Resolved:
    lex = lexicon.load()
    code = "T" + lex.dayparts[groups["daypart"].lower()][0]
    if groups.get("day"):
        date_part = resolve_date(groups, ctx)
        return Resolved("TIME", (date_part.value or "") + code if date_part.value else None, None, date_part.anchor)
    shift = (groups.get("dpshift") or "").lower()
    this = shift.startswith("dies")  # "diesen Nachmittag": today's, whatever the convention
    day = discourse_day(ctx) if attach and (ctx.resolve_partial or this) else None
    if day is None and this and ctx.publication is not None:
        day = ctx.publication.date()
    if day is not None:
        if groups.get("dpshift"):
            day += timedelta(days=max(0, lex.shifts.get(groups["dpshift"].lower(), (0, ""))[0]))
        return Resolved("TIME", day.isoformat() + code, None, ctx.discourse_anchor)
    return Resolved("TIME", code, None, None)


def resolve_timerange(groups: dict[str, str], ctx: Context, date_prefix: str = "") -> Resolved:
    """"von 17 bis 18 Uhr" = (T17,T18,PT1H); a part of the day named once applies to both ends."""
    daypart = groups.get("dp2") or groups.get("dp1")
    ends = []
    for hour_key, minute_key, own_daypart in (("h1", "m1", "dp1"), ("h2", "m2", "dp2")):
        part = {"hour": groups[hour_key], "daypart": groups.get(own_daypart) or daypart}
        if groups.get(minute_key):
            part["minute"] = groups[minute_key]
        ends.append(clock({k: v for k, v in part.items() if v}))
    if None in ends:
        return Resolved("TIME", None)
    minutes = [int(e[1:3]) * 60 + (int(e[4:6]) if len(e) > 3 else 0) for e in ends]
    span = (minutes[1] - minutes[0]) % (24 * 60)
    hours, rest = divmod(span, 60)
    length = "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest else "") if span else "PT0M"
    return Resolved("TIME", f"({date_prefix}{ends[0]},{date_prefix}{ends[1]},{length})")
