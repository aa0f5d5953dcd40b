"""Synthetic cleaning benchmark: real article bodies with injected boilerplate.

No public German corpus marks boilerplate lines, metadata lines and glued
sub-headings, so we take real news bodies (10kGNAD) and add known pieces
around and inside them: date lines, bylines, titles, teasers (on their own
line and glued to a paragraph), author bios (also as ``Nameist``), syndication
footers, source lines and sub-headings glued to the next paragraph. The
benchmark then measures what came back — and, more importantly, whether any
body sentence was lost. The injected pieces are written for this benchmark;
they share the patterns' vocabulary, so recall here is an upper bound, while
body loss and heading false positives are measured on real text.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from dossier.clean.spans import sentence_spans

FIRST_NAMES = ["Lena", "Tobias", "Mara", "Jonas", "Ayşe", "Piotr", "Greta", "Malte", "Ines", "Karim"]
LAST_NAMES = ["Brandauer", "Kowalczyk", "Feldmann", "Yilmaz", "Hofstätter", "Lindqvist", "Ostermann"]
OUTLETS = ["Nordkurier Online", "Alpenblatt", "Wirtschaftsecho", "Rheinische Depesche", "Tech Insider"]
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
          "Oktober", "November", "Dezember"]
ROLES = ["Redakteurin", "leitender Korrespondent", "freier Journalist", "Reporterin", "Kolumnist"]
TEASERS = ["Lesen Sie auch: Wie die Inflation den Alltag verändert", "Mehr zum Thema:",
           "Das könnte Sie auch interessieren", "Anzeige", "Artikel teilen",
           "➤ Mehr lesen: Neue Zahlen zum Arbeitsmarkt"]
GLUED_TEASERS = ["➤ Mehr lesen: Warum die Mieten weiter steigen", "➤ Lesen Sie auch: Der Streit um die Rente"]
HEADINGS = ["Streit um die Finanzierung", "Kritik aus der Opposition", "Neue Zahlen zum Tourismus",
            "Drei Szenarien für den Herbst", "Ein schwieriges Jahr für die Branche",
            "Hoffnung auf eine Einigung", "Warten auf das Urteil"]
TITLES = ["Regierung plant neue Regeln für Mieter", "Was die Zinswende für Sparer bedeutet",
          "Bahnstreik legt den Fernverkehr lahm", "Neue Hoffnung im Streit um die Pensionen",
          "Warum der Tourismus wieder wächst", "Gericht kippt umstrittenes Gesetz"]
_SIGNATURE = re.compile(r"\s*\([^()]{2,60}[,;]\s*\d{1,2}\.\s?\d{1,2}\.\s?\d{4}\)$")
SYNDICATION = ["Lesen Sie den Originalartikel auf {o}", "Dieser Artikel erschien zuerst bei {o}."]


@dataclass
class Case:
    raw: str
    body: list[str]  # paragraphs that must survive verbatim
    expected: dict = field(default_factory=dict)  # field -> value
    junk: list[str] = field(default_factory=list)  # strings that must be gone
    headings: list[str] = field(default_factory=list)
    # fields a real signature in the source text may also set; not scored
    unscored: set = field(default_factory=set)


def _paragraphs(text: str, rng: random.Random) -> list[str]:
    spans = sentence_spans(text, 0, len(text))
    paragraphs, current = [], []
    for start, end in spans:
        current.append(text[start:end])
        if len(current) >= rng.randint(2, 4):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _date_line(rng: random.Random) -> tuple[str, str]:
    year, month, day = rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 28)
    hour, minute = rng.randint(0, 23), rng.randint(0, 59)
    choices = [
        (f"date {year}-{month:02d} {day:02d}.{month:02d}.{year}", f"{year}-{month:02d}-{day:02d}"),
        (f"Datum: {day}. {MONTHS[month - 1]} {year}", f"{year}-{month:02d}-{day:02d}"),
        (f"Veröffentlicht am {day:02d}.{month:02d}.{year}, {hour:02d}:{minute:02d}",
         f"{year}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}"),
    ]
    return rng.choice(choices)


def _add_top(case: Case, paragraphs: list[str], rng: random.Random) -> list[str]:
    top: list[str] = []
    if rng.random() < 0.5:
        line, value = _date_line(rng)
        top.append(line)
        case.expected["published"], case.junk = value, case.junk + [line]
    if rng.random() < 0.5:
        title = rng.choice(TITLES)
        top.append(title)
        case.expected["title"], case.junk = title, case.junk + [title]
    if rng.random() < 0.3:
        author = _name(rng)
        top.append(f"Von {author}")
        case.expected["authors"], case.junk = [author], case.junk + [f"Von {author}"]
    return top


def _add_bottom(case: Case, rng: random.Random) -> list[str]:
    bottom: list[str] = []
    if rng.random() < 0.3 and "authors" not in case.expected:
        author, outlet = _name(rng), rng.choice(OUTLETS)
        glue = "" if rng.random() < 0.5 else " "
        bio = f"{author}{glue}ist {rng.choice(ROLES)} bei {outlet}."
        bottom.append(bio)
        case.expected["authors"], case.junk = [author], case.junk + [bio]
    if rng.random() < 0.3:
        outlet = rng.choice(OUTLETS)
        line = rng.choice(SYNDICATION).format(o=outlet)
        bottom.append(line)
        case.expected["syndicated_from"], case.junk = outlet, case.junk + [line]
    if rng.random() < 0.5:
        site = f"site-{rng.randint(1, 40)}"
        bottom.append(f"source {site}")
        case.expected["source"], case.junk = site, case.junk + [f"source {site}"]
    return bottom


def _add_inside(case: Case, paragraphs: list[str], rng: random.Random) -> list[str]:
    body = list(paragraphs)
    if len(body) > 2 and rng.random() < 0.5:
        index = rng.randint(1, len(body) - 1)
        heading = rng.choice(HEADINGS)
        body[index] = f"{heading} {body[index]}"
        case.headings.append(heading)
    if len(body) > 2 and rng.random() < 0.3:
        teaser = rng.choice(TEASERS)
        body.insert(rng.randint(1, len(body) - 1), teaser)
        case.junk.append(teaser)
    if rng.random() < 0.3:
        teaser = rng.choice(GLUED_TEASERS)
        body[-1] = f"{body[-1]} {teaser}"
        case.junk.append(teaser)
    return body


def make_case(text: str, rng: random.Random) -> Case:
    text = " ".join(text.split())
    signature = _SIGNATURE.search(text)
    paragraphs = _paragraphs(text[:signature.start()].rstrip() if signature else text, rng)
    case = Case(raw="", body=list(paragraphs))
    if signature:
        # derStandard closes many articles with "(APA, 24.9.2015)": real boilerplate
        # the cleaner removes; its fields have no ground truth here, so they are not scored.
        paragraphs[-1] = f"{paragraphs[-1]} {signature.group()}"
        case.junk.append(signature.group())
        case.unscored.update({"published", "authors", "source"})
    top = _add_top(case, paragraphs, rng)
    bottom = _add_bottom(case, rng)
    body = _add_inside(case, paragraphs, rng)
    case.raw = "\n\n".join(top + body + bottom)
    return case
