"""Article text as HTML with its layers marked up, built from character offsets.

Every piece of article text is escaped on its own (``markupsafe.escape``) and so are the attribute
values, so text holding ``<script>`` or ``onerror=`` shows as text. Spans of different layers may
cross (a quote that ends inside a figure); the marks are kept well nested by closing the inner
marks at such a boundary and reopening them after it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from markupsafe import Markup, escape

from dossier.web.labels import figure_value, quote_kind_label, time_label, type_label

# Outer layers first: a quote contains mentions, times and figures, never the other way round.
LAYER_ORDER = {"quote": 0, "mention": 1, "figure": 2, "time": 3}


@dataclass
class Mark:
    start: int
    end: int
    layer: str
    open_tag: str  # already escaped HTML
    close_tag: str

    def sort_key(self) -> tuple:
        return (self.start, LAYER_ORDER[self.layer], -self.end)


def _attrs(**values: Any) -> str:
    return "".join(f' {name.rstrip("_").replace("_", "-")}="{escape(value)}"'
                   for name, value in values.items() if value is not None)


def _mention_mark(mention: dict[str, Any], link: Callable[[str], str]) -> Mark:
    label = mention.get("label") or "MISC"
    name = mention.get("entity_name") or mention.get("text")
    title = f"{type_label(label)}: {name}"
    if mention.get("entity"):
        return Mark(mention["start"], mention["end"], "mention",
                    f"<a{_attrs(class_=f'ent ent-{label}', href=link(mention['entity']), title=title)}>", "</a>")
    return Mark(mention["start"], mention["end"], "mention",
                f"<span{_attrs(class_=f'ent ent-{label}', title=title)}>", "</span>")


def _quote_mark(quote: dict[str, Any]) -> Mark:
    speaker = quote.get("speaker_name") or quote.get("speaker") or "unbekannt"
    title = f"{quote_kind_label(quote.get('kind'))} – Sprecher: {speaker}"
    if quote.get("cue"):
        title += f" („{quote['cue']}“)"
    return Mark(quote["start"], quote["end"], "quote",
                f"<span{_attrs(class_='quote quote-' + (quote.get('kind') or 'direct'), title=title, data_speaker=speaker)}>",
                "</span>")


def _time_mark(time: dict[str, Any]) -> Mark:
    return Mark(time["start"], time["end"], "time",
                f"<span{_attrs(class_='timex', title=time_label(time), data_value=time.get('value'))}>", "</span>")


def _figure_mark(figure: dict[str, Any]) -> Mark:
    return Mark(figure["start"], figure["end"], "figure",
                f"<span{_attrs(class_='fig fig-' + (figure.get('kind') or 'count'), title=figure_value(figure))}>",
                "</span>")


def article_marks(record: dict[str, Any], link: Callable[[str], str]) -> list[Mark]:
    """The marks of an article record (API shape); a mention crossing another mention is dropped
    (links cannot nest)."""
    marks = [_quote_mark(q) for q in record.get("quotes", [])]
    last_mention_end = -1
    for mention in sorted(record.get("mentions", []), key=lambda m: (m["start"], -m["end"])):
        if mention["start"] >= last_mention_end:
            marks.append(_mention_mark(mention, link))
            last_mention_end = mention["end"]
    marks += [_figure_mark(f) for f in record.get("figures", [])]
    marks += [_time_mark(t) for t in record.get("times", [])]
    size = len(record.get("text", ""))
    return [m for m in marks if 0 <= m.start < m.end <= size]


def highlight(text: str, marks: list[Mark]) -> Markup:
    """``text`` as escaped HTML with ``marks`` wrapped around their spans, well nested."""
    marks = sorted(marks, key=Mark.sort_key)
    boundaries = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starting: dict[int, list[Mark]] = {}
    for mark in marks:
        starting.setdefault(mark.start, []).append(mark)
    out: list[str] = []
    open_marks: list[Mark] = []
    for position, following in zip(boundaries, boundaries[1:] + [None]):
        ending = [i for i, m in enumerate(open_marks) if m.end <= position]
        if ending:
            reopen = [m for m in open_marks[ending[0]:] if m.end > position]
            out.extend(m.close_tag for m in reversed(open_marks[ending[0]:]))
            del open_marks[ending[0]:]
            for mark in reopen:
                out.append(mark.open_tag)
                open_marks.append(mark)
        for mark in starting.get(position, []):
            out.append(mark.open_tag)
            open_marks.append(mark)
        if following is not None:
            out.append(str(escape(text[position:following])))
    out.extend(m.close_tag for m in reversed(open_marks))
    return Markup("".join(out))


def snippet_html(snippet: dict[str, Any]) -> Markup:
    """A search snippet (``text``, ``start``, ``highlights`` as offsets into the article) with the
    matched words in ``<mark>``; every piece escaped."""
    text, base = snippet["text"], snippet["start"]
    marks = [Mark(h["start"] - base, h["end"] - base, "figure", "<mark>", "</mark>")
             for h in snippet.get("highlights", []) if 0 <= h["start"] - base < h["end"] - base <= len(text)]
    body = highlight(text, marks)
    return Markup(("… " if snippet.get("cut_before") else "") + body + (" …" if snippet.get("cut_after") else ""))
