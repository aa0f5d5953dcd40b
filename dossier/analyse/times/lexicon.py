"""German time vocabulary, loaded from ``dossier/resources/de/time_*.tsv``.

The word lists are data a linguist can edit; this module only reads them and
turns them into regular-expression alternations (the ``@NAME@`` macros that the
patterns in ``time_patterns.tsv`` refer to) and lookup tables for the resolver.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dossier.errors import ModelError

RESOURCES = Path(__file__).resolve().parents[2] / "resources" / "de"

# Unit codes of time_units.tsv mapped to the TIMEX3 duration letter and whether it
# belongs after the "T" of a duration (hours, minutes, seconds).
DURATION_LETTERS = {
    "Y": ("Y", False), "M": ("M", False), "W": ("W", False), "D": ("D", False),
    "H": ("H", True), "MIN": ("M", True), "S": ("S", True),
    "DE": ("DE", False), "CE": ("CE", False), "Q": ("Q", False), "HY": ("M", False),
}
ORDINAL_ENDINGS = ("e", "en", "er", "es", "em")


def read_table(name: str, min_columns: int = 2) -> list[list[str]]:
    """Rows of a ``#``-commented, tab-separated resource file."""
    path = RESOURCES / name
    if not path.exists():
        raise ModelError(f"time resource {name} is missing", location=str(path))
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < min_columns:
            raise ModelError(
                f"expected {min_columns} tab-separated columns",
                location=f"{path}:{number}",
                hint="fix the line in the resource file",
            )
        rows.append([c.strip() for c in cells])
    return rows


def alternation(forms, *, dotted: bool = False) -> str:
    """A regex alternation of ``forms``, longest first so the longest word wins.

    Spaces in a form match any run of whitespace; ``dotted`` lets each form be
    followed by an abbreviation dot. The forms are written as a prefix tree
    ("mo(?:ntag|rgen)" rather than "montag|morgen"): ``re`` tries the alternatives of a
    case-insensitive alternation one by one at every word of the text, and a tree makes
    it test each letter once. It matches exactly what the flat alternation matches, with
    the same preference: among the forms that match at a place, the longest (see
    :func:`_prefix_tree`).
    """
    unique = sorted({normal_form(f) for f in forms} - {""}, key=len, reverse=True)
    tree = _prefix_tree([_units(f) for f in unique])
    body = tree if tree.startswith("(?:") and len(unique) > 1 else f"(?:{tree})"
    return f"{body}\\.?" if dotted else body


def normal_form(form: str) -> str:
    """Lower case, words apart by one space: a space is a whitespace run in the regex, so a
    doubled or leading space would make two runs compete for one gap (the prefix tree and the
    flat list then prefer different matches)."""
    return " ".join(form.lower().split())


def _units(form: str) -> tuple[str, ...]:
    """A form as regex pieces: each character escaped, each space a whitespace run."""
    return tuple(r"\s+" if char == " " else re.escape(char) for char in form)


def _prefix_tree(forms: list[tuple[str, ...]]) -> str:
    """One alternative per first piece, in the order of the forms; a form that ends here
    comes after the longer forms that continue it, as in the longest-first flat list (two
    forms that can match at the same place share their first pieces, so only that order
    can differ). Several alternatives are grouped, so the result can be concatenated."""
    children: dict[str, list[tuple[str, ...]]] = {}
    ends_here = False
    for form in forms:
        if form:
            children.setdefault(form[0], []).append(form[1:])
        else:
            ends_here = True
    branches = [first + _prefix_tree(rests) for first, rests in children.items()]
    if ends_here:
        branches.append("")
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]
    month_abbreviations: frozenset[str]
    weekdays: dict[str, tuple[int, str]]
    seasons: dict[str, str]
    dayparts: dict[str, tuple[str, int]]
    units: dict[str, str]
    unit_abbreviations: frozenset[str]
    numbers: dict[str, tuple[float, str]]
    ordinals: dict[str, int]
    modifiers: dict[str, str]
    deictic: dict[str, str]
    shifts: dict[str, tuple[int, str]]
    sets: dict[str, str]
    holidays: dict[str, str]
    compounds: dict[str, tuple[str, str, str]]
    context: dict[str, dict[str, str]]  # role -> {word: argument}

    def words_with_role(self, role: str) -> dict[str, str]:
        return self.context.get(role, {})


def _ordinal_forms(numbers: dict[str, tuple[float, str]], stems: dict[str, int]) -> dict[str, int]:
    """Every inflected ordinal up to 31 ("dritten", "einundzwanzigsten")."""
    stems = dict(stems)
    units = {w: int(v) for w, (v, c) in numbers.items() if c == "cardinal" and 1 <= v <= 9 and w != "eins"}
    units["ein"] = 1
    for word, (value, cls) in numbers.items():
        if cls == "cardinal" and value in (20, 30):
            stems[word + "st"] = int(value)
            for unit_word, unit in units.items():
                if value + unit <= 31:
                    stems[f"{unit_word}und{word}st"] = int(value + unit)
    return {stem + ending: value for stem, value in stems.items() for ending in ORDINAL_ENDINGS}


@lru_cache(maxsize=1)
def load() -> Lexicon:
    month_rows = read_table("time_months.tsv", 3)
    months = {r[0]: int(r[1]) for r in month_rows}
    abbreviations = frozenset(r[0] for r in month_rows if r[2] == "abbr")
    unit_rows = read_table("time_units.tsv", 3)
    weekdays = {r[0]: (int(r[1]), r[2] if len(r) > 2 else "full") for r in read_table("time_weekdays.tsv")}
    number_rows = read_table("time_numbers.tsv", 3)
    # "acht" is both a cardinal and an ordinal stem ("achten"), so the stems are kept apart.
    numbers = {r[0]: (float(r[1]), r[2]) for r in number_rows if r[2] != "ordinal_stem"}
    stems = {r[0]: int(r[1]) for r in number_rows if r[2] == "ordinal_stem"}
    context: dict[str, dict[str, str]] = {}
    for row in read_table("time_context.tsv"):
        context.setdefault(row[1], {})[row[0]] = row[2] if len(row) > 2 else ""
    return Lexicon(
        months=months,
        month_abbreviations=abbreviations,
        weekdays=weekdays,
        seasons={r[0]: r[1] for r in read_table("time_seasons.tsv")},
        dayparts={r[0]: (r[1], int(r[2]) if len(r) > 2 else 0) for r in read_table("time_dayparts.tsv")},
        units={r[0]: r[1] for r in unit_rows},
        unit_abbreviations=frozenset(r[0] for r in unit_rows if r[2] == "abbr"),
        numbers=numbers,
        ordinals=_ordinal_forms(numbers, stems),
        modifiers={r[0]: r[1] for r in read_table("time_modifiers.tsv")},
        deictic={r[0]: r[1] for r in read_table("time_deictic.tsv")},
        shifts={r[0]: (int(r[1]), r[2]) for r in read_table("time_shifts.tsv", 3)},
        sets={r[0]: r[1] for r in read_table("time_sets.tsv")},
        holidays={r[0]: r[1] for r in read_table("time_holidays.tsv")},
        compounds={r[0]: (r[1], r[2], r[3]) for r in read_table("time_compounds.tsv", 4)},
        context=context,
    )


def _cardinal_regex(lex: Lexicon) -> str:
    cardinals = [w for w, (v, c) in lex.numbers.items() if c in ("cardinal", "fraction")]
    units = [w for w, (v, c) in lex.numbers.items() if c == "cardinal" and 1 <= v <= 9 and w != "eins"] + ["ein"]
    tens = [w for w, (v, c) in lex.numbers.items() if c == "cardinal" and v in (20, 30, 40, 50, 60, 70, 80, 90)]
    compound = f"{alternation(units)}und{alternation(tens)}"
    return f"(?:{compound}|{alternation(cardinals)})"


@lru_cache(maxsize=1)
def macros() -> dict[str, str]:
    """The ``@NAME@`` building blocks used by ``time_patterns.tsv``."""
    lex = load()
    full_months = [f for f in lex.months if f not in lex.month_abbreviations]
    positions = ("START", "MID", "END", "NONE")
    position = [f for f, m in lex.modifiers.items() if m in positions and f not in ("früh", "spät", "frühen", "späten")]
    approx = [f for f, m in lex.modifiers.items() if m not in positions]
    cardinal = _cardinal_regex(lex)
    articles = [w for w, (v, c) in lex.numbers.items() if c == "article"]
    digits = r"\d+(?:[.,]\d+)?"
    return {
        # An abbreviation needs its dot or a number after it: "1. Jan Frodeno" is a name.
        "MONTH": f"(?:{alternation(full_months)}(?![\\w])|{alternation(lex.month_abbreviations)}(?:\\.|(?=\\s*\\d)))",
        "MONTHFULL": alternation(full_months),
        "DAY": r"(?:0?[1-9]|[12]\d|3[01])",
        "WEEKDAY": alternation(w for w, (_, c) in lex.weekdays.items() if c == "full"),
        "WEEKDAY_ANY": alternation(w for w, (_, c) in lex.weekdays.items() if c in ("full", "abbr")),
        "WEEKDAY_SET": alternation(w for w, (_, c) in lex.weekdays.items() if c == "set"),
        "SEASON": alternation(lex.seasons),
        "DAYPART": alternation(lex.dayparts),
        "UNIT": f"(?:{alternation(set(lex.units) - lex.unit_abbreviations)}|{alternation(lex.unit_abbreviations)})(?!\\w)",
        "CARD": cardinal,
        "NUM": f"(?:{digits}|{cardinal}|{alternation(articles)})",
        # stems + endings rather than every inflected form: a much smaller, faster regex
        "ORD": alternation({form[:-len(e)] for form in lex.ordinals for e in ORDINAL_ENDINGS if form.endswith(e)})
        + "(?:en|em|er|es|e)",
        "APPROX": alternation(approx),
        "POSITION": alternation(position),
        "SHIFT": alternation(lex.shifts),
        "SHIFT_SAME": alternation(w for w, (n, anchor) in lex.shifts.items() if anchor == "discourse" and n == 0),
        "DEICTIC": alternation(lex.deictic),
        "SETWORD": alternation(lex.sets),
        "HOLIDAY": alternation(lex.holidays),
        "COMPOUND": alternation(lex.compounds),
        "DIRECTION": alternation(lex.words_with_role("direction")),
        "VAGUE": alternation(lex.words_with_role("vague")),
        "DECADEWORD": alternation(w for w, (_, c) in lex.numbers.items() if c == "decade"),
        "ZONE": r"(?:mitteleuropäischer\s+(?:sommer)?zeit|mez|mesz|utc|gmt|ortszeit|\(ortszeit\))",
        "ERA": r"(?:v\.\s?chr\.?|n\.\s?chr\.?|vor\s+christus|nach\s+christus|v\.\s?u\.\s?z\.?)",
    }


def number_value(word: str) -> float | None:
    """Value of a number written in digits or words ("3", "1,5", "drei", "einundzwanzig")."""
    lex = load()
    text = " ".join(word.lower().split())
    if text in lex.numbers and lex.numbers[text][1] in ("cardinal", "article", "fraction"):
        return lex.numbers[text][0]
    text = text.replace(" ", "")
    if re.fullmatch(r"\d+", text):
        return float(text)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        return float(text.replace(".", ""))  # "2.000 Jahre": the dot groups thousands in German
    if re.fullmatch(r"\d+[.,]\d+", text):
        return float(text.replace(",", "."))
    if text in lex.numbers and lex.numbers[text][1] in ("cardinal", "article", "fraction"):
        return lex.numbers[text][0]
    match = re.fullmatch(r"(\w+?)und(\w+)", text)
    if match:
        unit, ten = (lex.numbers.get(match.group(1)), lex.numbers.get(match.group(2)))
        if match.group(1) == "ein":
            unit = (1.0, "cardinal")
        if unit and ten:
            return unit[0] + ten[0]
    return _shared_number_parser(word)


def _shared_number_parser(word: str) -> float | None:
    """Fall back on the project's German number parser when it is installed."""
    try:
        from dossier.analyse.numbers import parse_german_number
    except ImportError:
        return None
    try:
        return parse_german_number(word)
    except Exception:  # noqa: BLE001 - a foreign parser's failure means "not a number here"
        return None


def ordinal_value(word: str) -> int | None:
    return load().ordinals.get(word.lower())
