"""German time expressions -> TIMEX3 (type, value, mod) with the anchor they were resolved against.

    normalise_times(text, reference)  -> list[TimeExpr]     the library call
    times_stage(article)              -> {"times": [...]}   the pipeline stage "times"

Recognition is driven by the patterns and word lists in ``dossier/resources/de/time_*.tsv``
(:mod:`.patterns`, :mod:`.lexicon`); values are computed by :mod:`.resolve`, which keeps the
publication date and a running discourse time (the last date the text mentioned).
"""
from __future__ import annotations

import re
from datetime import date, datetime

from dossier.analyse import stage
from dossier.analyse.times import clock as C
from dossier.analyse.times import resolve as R
from dossier.analyse.times import story
from dossier.analyse.times.calendar import as_datetime, range_length
from dossier.analyse.times.patterns import Candidate, recognise
from dossier.errors import ConfigError, InputError
from dossier.model import Article, TimeExpr, with_span_ids

__all__ = ["normalise_times", "parse_reference", "times_stage"]

_RESOLVERS = {
    "date": lambda c, ctx: R.resolve_date(c.groups, ctx),
    "year": lambda c, ctx: R.resolve_year(c.groups, ctx),
    "shortyear": lambda c, ctx: R.resolve_short_year(c.groups, ctx),
    "weekday": lambda c, ctx: R.resolve_weekday(c.groups, ctx),
    "relative": lambda c, ctx: R.resolve_relative(c.groups, ctx),
    "compound": lambda c, ctx: R.resolve_compound(c.groups, ctx),
    "deictic": lambda c, ctx: R.resolve_deictic(c.groups, ctx),
    "ago": R.resolve_offset,
    "future": R.resolve_offset,
    "later": R.resolve_offset,
    "offset": R.resolve_offset,
    "duration": lambda c, ctx: R.resolve_duration(c.groups, ctx),
    "set": lambda c, ctx: R.resolve_set(c.groups, ctx),
    "holiday": lambda c, ctx: R.resolve_holiday(c.groups, ctx),
    "time": lambda c, ctx: C.resolve_time(c.groups, ctx),
    "daypart": lambda c, ctx: C.resolve_daypart(c.groups, ctx),
    "timerange": lambda c, ctx: C.resolve_timerange(c.groups, ctx),
}
def _has_clock(reference: date | datetime | str | None) -> bool:
    if isinstance(reference, datetime):
        return True
    return isinstance(reference, str) and ":" in reference


def parse_reference(reference: date | datetime | str | None) -> datetime | None:
    """The reference time as a datetime; an ISO string is accepted ("2023-11-30")."""
    if reference is None or reference == "":
        return None
    if isinstance(reference, (date, datetime)):
        return as_datetime(reference)
    try:
        return datetime.fromisoformat(str(reference).strip().replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        pass
    text = str(reference).strip()
    german = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    try:
        if german:  # "30.11.2023", as some feeds give it
            return datetime(int(german.group(3)), int(german.group(2)), int(german.group(1)))
        return as_datetime(date.fromisoformat(text[:10]))
    except ValueError as exc:
        raise InputError(f"publication date {reference!r} is not an ISO date",
                         hint="give the date as YYYY-MM-DD or leave it empty") from exc


def _resolve(cand: Candidate, ctx: R.Context) -> R.Resolved | None:
    if cand.kind == "daterange":
        return _resolve_range(cand, ctx)
    if cand.parts:
        return _resolve_joined(cand, ctx)
    return _RESOLVERS[cand.kind](cand, ctx)


def _resolve_range(cand: Candidate, ctx: R.Context) -> R.Resolved:
    """(start,end,length) as Recognizers-Text writes a range; the end borrows the start's month
    and year when it names only a day, and the start borrows them from the end."""
    first, second = (_RESOLVERS[p.kind](p, ctx) for p in cand.parts)
    if first is None or second is None or first.value is None or second.value is None:
        return R.Resolved("DATE", None)
    start, end = first.value, second.value
    if len(start) == len(end) == 4:  # "von 2010 bis 2018"
        return R.Resolved("DATE", f"({start}-01-01,{end}-01-01,P{int(end) - int(start)}Y)", None, first.anchor)
    if end.startswith("XXXX-XX-") and ctx.publication is not None:
        end = f"XXXX-{ctx.publication.month:02d}-{end[8:]}"  # "vom 4. bis zum 23.": this month
    start = end[:len(end) - len(start.split("-")[-1])] + start.split("-")[-1] if start.startswith("XXXX-XX") else start
    return R.Resolved("DATE", f"({start},{end},{range_length(start, end)})", None, first.anchor)


def _resolve_joined(cand: Candidate, ctx: R.Context) -> R.Resolved:
    day_part, time_part = cand.parts
    first = _RESOLVERS[day_part.kind](day_part, ctx)
    if time_part.kind == "timerange":
        if first.value is None:
            return R.Resolved("TIME", None, first.mod, first.anchor)
        joined = C.resolve_timerange(time_part.groups, ctx, date_prefix=first.value.split("T")[0])
        if day_part.kind == "set":
            return R.Resolved("SET", joined.value)  # "montags 10 bis 12 Uhr"
        return R.Resolved("TIME", joined.value, first.mod, first.anchor)
    if time_part.kind == "time":
        second = C.resolve_time(time_part.groups, ctx, attach=False)
    else:
        second = C.resolve_daypart(time_part.groups, ctx, attach=False)
    if first.value is None or second.value is None:
        return R.Resolved("TIME", None, first.mod, first.anchor)
    if day_part.kind == "set":
        # "jeden Mittwoch um 16 Uhr" = XXXX-WXX-3T16; "jeden Tag um 3 Uhr" = T03.
        value = first.value + second.value if first.value.startswith("XXXX") else second.value
        return R.Resolved("SET", value)
    date_value = first.value.split("T")[0]
    return R.Resolved("TIME", date_value + second.value, first.mod, first.anchor)


def normalise_times(
    text: str,
    reference: date | datetime | str | None,
    *,
    resolve_partial: bool = True,
    style: str = "timex",
) -> list[TimeExpr]:
    """Find the German time expressions in ``text`` and give each its TIMEX3 value.

    ``reference`` is the publication date (None when unknown: values that need it stay None).
    With ``resolve_partial=False`` a date without a year stays ``XXXX-MM-DD`` and a bare
    weekday ``XXXX-WXX-N`` instead of being placed in the discourse year.
    ``style="recognizers"`` follows the Recognizers-Text conventions instead of TIMEX2/3
    practice: unstated years stay ``XXXX`` (implies ``resolve_partial=False``), "15. November
    um 8 Uhr" is one expression and "den" before a date belongs to it.

    >>> [(t.text, t.value) for t in normalise_times("Im Februar 2018 kam der Bericht.", "2023-11-30")]
    [('Februar 2018', '2018-02')]
    """
    if style not in ("timex", "recognizers"):
        raise ConfigError(f"unknown time expression style {style!r}", hint="use 'timex' or 'recognizers'")
    if style == "recognizers":
        resolve_partial = False
    ctx = R.Context(parse_reference(reference), resolve_partial=resolve_partial,
                    clock_known=_has_clock(reference), range_values=style == "recognizers")
    found = []
    candidates = recognise(text, style=style)
    for index, cand in enumerate(candidates):
        if not ctx.discourse_from_text and resolve_partial:
            story.look_ahead_for_year(text, cand, candidates[index + 1:], ctx)
        ctx.future_sentence = cand.kind == "weekday" and story.future_sentence(text, cand)
        try:
            result = _resolve(cand, ctx)
        except (OverflowError, ValueError):
            # the calendar ends at year 1 and 9999: "gestern" against 0001-01-01 has no value
            result = R.Resolved("DATE", None)
        if result is None:
            continue  # the context showed it is no time expression after all
        if result.value and result.type in ("DATE", "TIME") and story.moves_story(text, cand):
            ctx.mention(result.value, result.anchor)
        found.append(TimeExpr(cand.start, cand.end, text[cand.start:cand.end], result.type,
                              result.value, result.mod, result.anchor))
    return found


@stage("times", requires=("text", "published"), assigns=("times",))
def times_stage(article: Article) -> dict[str, list[TimeExpr]]:
    """Pipeline stage: the article's time expressions, resolved against its publication date."""
    try:
        reference = parse_reference(article.published)
    except InputError:
        reference = None  # an unreadable date is no reference; values that need one stay None
    return {"times": with_span_ids(article.id, "times", normalise_times(article.text, reference))}
