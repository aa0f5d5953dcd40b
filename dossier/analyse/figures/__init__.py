"""The ``figures`` stage: how much — money, percentages, counts and quantities.

``extract_figures`` finds the numbers (:mod:`dossier.analyse.numbers`), decides which are
figures and of what kind (:mod:`.detect`), joins ranges (``zwischen 10 und 20 Millionen``),
carries a currency over to a bare amount (``Etwa 13 Milliarden …`` after dollar amounts,
marked ``unit_inferred``), and reads the subject, attribute and source from the sentence
and the entity mentions (:mod:`.context`). Conventions for ``unit`` per kind are in
:mod:`.detect` and docs/figures.md.
"""
from __future__ import annotations

import itertools
import re

from dossier.analyse import stage
from dossier.analyse.figures import context as ctxmod
from dossier.analyse.figures.detect import Candidate, detect, infer_currency, is_bare
from dossier.model import Article, Entity, Figure, Mention, TimeExpr, with_span_ids

__all__ = ["extract_figures", "figures_stage"]

_RANGE_JOINT_RE = re.compile(r"\s*(?:bis(?:\s+zu)?|und|–|-|—)\s*$")
_BETWEEN_RE = re.compile(r"(?:zwischen|von)\s*$", re.IGNORECASE)
# Between a figure and a bare number that shares its unit: "… und GM 26", "von 9 % auf 12".
_LIST_JOINT_RE = re.compile(r"(?:\s*,\s*|\s+(?:und|oder|sowie|bzw\.)\s+)(?:[A-ZÄÖÜ][\w\-]*\s+){0,2}"
                            r"|\s+(?:auf|bis)\s+")


def _join_ranges(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """``100 bis 300 Milliarden Sternen``, ``zwischen 10 und 20 Millionen Euro``: one figure."""
    joined: list[Candidate] = []
    for cand in candidates:
        prev = joined[-1] if joined else None
        if prev is not None and cand.figure is not None and _is_range(text, prev, cand):
            low = prev.number.value
            if prev.number.scale == 1 and cand.number.scale > 1 and low * cand.number.scale <= cand.number.value:
                low *= cand.number.scale  # the scale of the upper bound applies to both
            fig = cand.figure
            start = prev.number.start
            joined[-1] = Candidate(prev.number, Figure(
                start, fig.end, text[start:fig.end], kind=fig.kind, value=low, unit=fig.unit,
                value_max=fig.value, per=fig.per, attribute=fig.attribute, unit_inferred=fig.unit_inferred))
            continue
        joined.append(cand)
    return joined


def _is_range(text: str, prev: Candidate, cand: Candidate) -> bool:
    """Whether ``prev`` is the lower bound of ``cand``: joined by bis/und/dash, with no unit of
    its own (or the same unit before the joint), and not larger than the upper bound."""
    between = text[prev.number.end:cand.number.start]
    if not _RANGE_JOINT_RE.fullmatch(between):
        return False
    if prev.figure is None:
        if not is_bare(text, prev):
            return False
    elif prev.figure.unit != cand.figure.unit or prev.figure.end != prev.number.end:
        return False
    if between.strip() == "und":  # "zwischen 10 und 20", never "10 Autos und 20 Busse"
        return bool(_BETWEEN_RE.search(text[max(0, prev.number.start - 12):prev.number.start]))
    low, high = prev.number, cand.number
    high_base = high.value / high.scale if low.scale == 1 else high.value
    return low.value <= high_base or low.value * high.scale <= high.value


def _carry_units(text: str, candidates: list[Candidate]) -> None:
    """``Tesla baute 300.000 Elektroautos und GM 26``: a bare number in a list takes the unit before it."""
    last: Figure | None = None
    for cand in candidates:
        if cand.figure is not None:
            last = cand.figure
            continue
        num = cand.number
        if last is None or not is_bare(text, cand) or num.words:
            continue
        if _LIST_JOINT_RE.fullmatch(text[last.end:num.start]):
            cand.figure = Figure(num.start, num.end, text[num.start:num.end], kind=last.kind,
                                 value=num.value, unit=last.unit, unit_inferred=True)
            last = cand.figure
    _carry_back(text, candidates)


_FROM_TO_RE = re.compile(r"\s+auf\s+")


def _carry_back(text: str, candidates: list[Candidate]) -> None:
    """``von 9 auf 12 Prozent``: the bare starting value takes the unit of the one after it."""
    for cand, nxt in itertools.pairwise(candidates):
        num = cand.number
        if cand.figure is not None or nxt.figure is None or nxt.figure.start != nxt.number.start:
            continue
        if not is_bare(text, cand) or not re.search(r"(?<![\w-])von\s+$", text[max(0, num.start - 8):num.start]):
            continue
        if _FROM_TO_RE.fullmatch(text[num.end:nxt.number.start]) and nxt.figure.kind != "count":
            value = num.value * nxt.number.scale if num.scale == 1 and nxt.number.scale > 1 else num.value
            cand.figure = Figure(num.start, num.end, text[num.start:num.end], kind=nxt.figure.kind,
                                 value=value, unit=nxt.figure.unit, unit_inferred=True)


def _as_of(times: list[TimeExpr], sent: tuple[int, int], published: str | None) -> tuple[str | None, str | None]:
    """The date a figure holds for: a DATE in its sentence (and that time's id), else the publication date."""
    for time in times:
        if time.type == "DATE" and sent[0] <= time.start < sent[1] and time.value and time.value[:1].isdigit():
            return time.value, time.id
    return (published[:10] if published else None), None


def _resolve(fig: Figure, ctx: ctxmod.Context, bounds, times, published) -> Figure:
    text = ctx.text
    sent = ctxmod.sentence_of(bounds, fig.start)
    fig.approx, cue_start = ctxmod.approx_before(text, fig.start, sent[0])
    clause = ctxmod.clause_start(text, sent[0], cue_start)
    attribute, attribute_at = ctxmod.attribute_near(text, clause, cue_start)
    if attribute and fig.kind != "count":
        fig.attribute = fig.attribute or attribute
    source, cue_kind = ctxmod.source_of(ctx, sent, cue_start, fig.end)
    if source is not None:
        fig.source = ctx.name(source) if isinstance(source, Mention) else source
    subject = ctxmod.subject_of(ctx, sent, cue_start, attribute_at, source)
    if subject is None and cue_kind == "verb" and isinstance(source, Mention):
        subject = source  # "Nordwind meldet einen Umsatz von …": a company reporting its own figure
    if subject is not None:
        fig.subject = ctx.name(subject)
        if "subject_entity" in Figure.__dataclass_fields__:  # once the model carries the id
            fig.subject_entity = subject.entity
    fig.as_of, fig.as_of_ref = _as_of(times, sent, published)
    return fig


def extract_figures(text: str, mentions: list[Mention] | None = None, entities: list[Entity] | None = None,
                    published: str | None = None, times: list[TimeExpr] | None = None) -> list[Figure]:
    """The figures in ``text``; mentions/entities give subjects and sources when present."""
    candidates = detect(text)
    infer_currency(text, candidates)
    candidates = _join_ranges(text, candidates)
    _carry_units(text, candidates)
    ctx = ctxmod.Context.build(text, mentions or [], entities or [])
    bounds = ctxmod.sentence_bounds(text)
    figures = [_resolve(c.figure, ctx, bounds, times or [], published) for c in candidates if c.figure is not None]
    return [fig for fig in figures if fig.approx != "vague"]


@stage("figures", requires=("text", "mentions", "entities", "published", "times"), assigns=("figures",),
       model_files=("analyse/numbers.py", "analyse/number_grammar.py", "analyse/segment"))
def figures_stage(article: Article) -> dict[str, list[Figure]]:
    figures = extract_figures(article.text, article.mentions, article.entities, article.published, article.times)
    return {"figures": with_span_ids(article.id, "figures", figures)}
