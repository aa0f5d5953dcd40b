"""Plain-text rendering of an article for `dossier show`."""
from __future__ import annotations

from dossier.model import Article

WIDTH = 100


def _clip(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_article(article: Article, *, raw: bool = False) -> str:
    lines = [f"id:              {article.id}"]
    for name in ("title", "published", "source", "url", "syndicated_from", "language", "encoding",
                 "duplicate_of", "origin"):
        value = getattr(article, name)
        if value:
            lines.append(f"{name + ':':<17}{value}")
    if article.authors:
        lines.append(f"authors:         {', '.join(article.authors)}")
    lines += ["", "── text " + "─" * (WIDTH - 8), article.text, ""]
    if article.removed:
        lines.append("── removed from the raw input " + "─" * (WIDTH - 30))
        lines += [f"  [{r.start}:{r.end}] {r.reason:<22} {_clip(r.text)}" for r in article.removed]
    if article.headings:
        lines.append("── headings " + "─" * (WIDTH - 12))
        lines += [f"  [{h.start}:{h.end}] {h.text}" for h in article.headings]
    if article.flags:
        lines.append("── flags " + "─" * (WIDTH - 9))
        for flag in article.flags:
            where = f"[{flag['start']}:{flag['end']}] " if "start" in flag else ""
            snippet = _clip(article.text[flag["start"]:flag["end"]]) if "start" in flag else ""
            lines.append(f"  {flag['type']:<20} {where}{snippet}")
    lines += _render_layers(article)
    if raw:
        lines += ["", "── raw input " + "─" * (WIDTH - 13), article.raw_text]
    return "\n".join(lines)


def _render_layers(article: Article) -> list[str]:
    lines: list[str] = []
    if article.entities:
        lines.append(f"── entities ({len(article.entities)}) " + "─" * 80)
        lines += [f"  {e.type:<5} {e.name}" + (f"  (aka {', '.join(e.aliases)})" if e.aliases else "")
                  for e in article.entities]
    if article.quotes:
        lines.append(f"── quotes ({len(article.quotes)}) " + "─" * 80)
        lines += [f"  {q.kind:<9} {q.speaker or '?':<20.20} {q.cue or '':<12.12} {_clip(q.text, 60)}"
                  for q in article.quotes]
    if article.times:
        lines.append(f"── times ({len(article.times)}) " + "─" * 80)
        lines += [f"  {t.type:<8} {t.value or '?':<14} {_clip(t.text, 60)}" for t in article.times]
    if article.figures:
        lines.append(f"── figures ({len(article.figures)}) " + "─" * 80)
        lines += [f"  {f.kind:<8} {f.value!s:<16} {f.unit or '':<6} {f.subject or '':<16.16} "
                  f"{f.attribute or '':<12.12} {_clip(f.text, 40)}" for f in article.figures]
    return lines
