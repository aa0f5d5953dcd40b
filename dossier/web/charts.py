"""Geometry for the server-rendered SVG charts (timeline, figure series, co-mention graph) and the
facet counts of the search page. Only numbers and plain strings come out; the templates escape
every label."""
from __future__ import annotations

import math
from collections import Counter
from datetime import date
from typing import Any, Callable

from dossier.web.labels import FIGURE_KINDS

WIDTH, TIMELINE_HEIGHT, GRAPH_SIZE = 1080, 120, 420
MARGIN = 40
FACET_LIMIT = 12
FACET_ENTITIES_PER_TYPE = 5


def article_facets(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts over the listed articles: sources and publication months."""
    sources, months = Counter(), Counter()
    for row in rows:
        sources[row["source"] or ""] += 1
        if row["published"]:
            months[row["published"][:7]] += 1
    return {"sources": [(s, n) for s, n in sources.most_common(FACET_LIMIT) if s], "types": [],
            "months": sorted(months.items(), reverse=True)[:FACET_LIMIT], "entities_by_type": []}


def search_facets(counted: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The search's own facet counts (over all matches) in the shape of :func:`article_facets`."""
    by_type: dict[str, list[tuple[str, str, int]]] = {}
    for entity in counted.get("entities", []):
        slot = by_type.setdefault(entity.get("type") or "MISC", [])
        if len(slot) < FACET_ENTITIES_PER_TYPE:
            slot.append((entity.get("name") or entity["value"], entity["value"], entity["count"]))
    return {"sources": [(c["value"], c["count"]) for c in counted.get("sources", []) if c["value"]][:FACET_LIMIT],
            "types": [],
            "months": sorted(((c["value"], c["count"]) for c in counted.get("months", []) if c["value"]),
                             reverse=True)[:FACET_LIMIT],
            "entities_by_type": sorted(by_type.items())}


def _day(value: str) -> date | None:
    """The first day of a TIMEX3-like date (``2018``, ``2018-02``, ``2018-02-14``)."""
    parts = value[:10].split("-")
    try:
        numbers = [int(p) for p in parts if p]
        return date(numbers[0], *(numbers[1:3] + [1, 1][len(numbers) - 1:]))
    except (ValueError, IndexError, TypeError):
        return None


def timeline_points(entries: list[dict[str, Any]], mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One point per date: the timeline's entries (events, quotes, figures) where there are any,
    else the mentions per publication day."""
    if not entries:
        return [{"date": m["date"], "count": m["mentions"], "label": f"{m['mentions']} Erwähnungen"} for m in mentions]
    per_date: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        if entry.get("when"):
            per_date.setdefault(entry["when"], []).append(entry)
    return [{"date": when, "count": len(items),
             "label": "; ".join(LAYER_NAMES.get(e["layer"], e["layer"]) + ": " + _clip(e["text"]) for e in items[:3])
             + (f" (+{len(items) - 3})" if len(items) > 3 else "")}
            for when, items in per_date.items()]


LAYER_NAMES = {"events": "Ereignis", "quotes": "Zitat", "figures": "Zahl"}


def _clip(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def timeline_chart(points: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Markers on a time axis, one per ``{date, count, label}`` point, sized by count; None when no
    point has a calendar date."""
    dated = [(d, p) for p in points if (d := _day(str(p.get("date") or "")))]
    if not dated:
        return None
    first, last = min(d for d, _ in dated), max(d for d, _ in dated)
    span = max((last - first).days, 1)
    top = max(int(p.get("count") or 1) for _, p in dated)
    inner = WIDTH - 2 * MARGIN

    def x_of(day: date) -> float:
        return round(MARGIN + (inner / 2 if first == last else inner * (day - first).days / span), 1)

    marks = [{"x": x_of(day), "r": round(4 + 7 * math.sqrt(int(p.get("count") or 1) / top), 1),
              "date": p["date"], "label": p["label"], "lane": i % 3}
             for i, (day, p) in enumerate(sorted(dated, key=lambda pair: pair[0]))]
    years = range(first.year + (first > date(first.year, 1, 1)), last.year + 1)
    step = max(1, len(years) // 8)
    ticks = [{"x": x_of(date(y, 1, 1)), "label": str(y)} for y in list(years)[::step]]
    if not ticks:
        ticks = [{"x": x_of(first), "label": str(first.year)}]
    return {"width": WIDTH, "height": TIMELINE_HEIGHT, "axis_y": TIMELINE_HEIGHT - 40, "marks": marks,
            "ticks": ticks, "first": first.isoformat(), "last": last.isoformat()}


def figure_series(figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Figures grouped by what they measure (attribute or kind, and unit), as horizontal bars
    scaled within each group; a figure flagged ``conflict`` keeps that flag for its marker."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for figure in figures:
        if figure.get("value") is None:
            continue
        kind_name = FIGURE_KINDS.get(figure.get("kind") or "", "Zahl")
        key = (figure.get("attribute") or kind_name, figure.get("unit") or "")
        groups.setdefault(key, []).append(figure)
    series = []
    for (attribute, unit), items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        top = max(abs(f["value"]) for f in items) or 1
        bars = [{"figure": f, "width": round(100 * abs(f["value"]) / top, 1), "conflict": bool(f.get("conflict"))}
                for f in sorted(items, key=lambda f: (f.get("as_of") or f.get("published") or "", f["value"]))]
        series.append({"attribute": attribute, "unit": unit, "bars": bars,
                       "conflicts": sum(b["conflict"] for b in bars)})
    return series


def co_mention_graph(dossier: dict[str, Any], link: Callable[[str], str], limit: int = 14) -> dict[str, Any] | None:
    """The entity in the middle, the entities sharing most articles with it on a circle; line width
    and node size grow with the shared articles."""
    others = dossier["co_mentioned"][:limit]
    if not others:
        return None
    centre = GRAPH_SIZE / 2
    radius = GRAPH_SIZE / 2 - 70
    top = max(o["articles"] for o in others)
    nodes = []
    for i, other in enumerate(others):
        angle = 2 * math.pi * i / len(others) - math.pi / 2
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        nodes.append({"x": round(x, 1), "y": round(y, 1), "name": other["name"], "type": other["type"],
                      "href": link(other["id"]), "articles": other["articles"],
                      "r": round(5 + 7 * other["articles"] / top, 1),
                      "stroke": round(1 + 4 * other["articles"] / top, 1),
                      "anchor": "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle",
                      "label_x": round(x + 12 * math.cos(angle), 1), "label_y": round(y + 16 * math.sin(angle) + 4, 1)})
    return {"size": GRAPH_SIZE, "centre": centre, "name": dossier["name"], "type": dossier["type"], "nodes": nodes}
