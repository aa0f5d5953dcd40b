"""Load the German cleaning patterns shipped in ``dossier/resources/de``.

The patterns are data a linguist can edit; this module only reads and compiles
them once per process (``lru_cache``), so the cleaning functions stay pure.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from dossier.errors import ConfigError

RESOURCE_PACKAGE = "dossier"


def load_json(name: str) -> dict[str, Any]:
    """Read ``resources/de/<name>``; a missing or broken file is a ConfigError."""
    try:
        text = resources.files(RESOURCE_PACKAGE).joinpath("resources", "de", name).read_text(encoding="utf-8")
        return json.loads(text)
    except FileNotFoundError as exc:
        raise ConfigError(f"cleaning resource {name} is missing", location=f"resources/de/{name}",
                          hint="reinstall dossier-news; the package data is incomplete") from exc
    except json.JSONDecodeError as exc:
        raise ConfigError(f"cleaning resource {name} is not valid JSON: {exc.msg}",
                          location=f"resources/de/{name}:{exc.lineno}",
                          hint="fix the JSON syntax of the pattern file") from exc


def load_word_list(name: str) -> list[str]:
    """A word list, one per line; ``#`` lines are comments."""
    try:
        text = resources.files(RESOURCE_PACKAGE).joinpath("resources", "de", name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"cleaning resource {name} is missing", location=f"resources/de/{name}",
                          hint="reinstall dossier-news or rebuild it with `dossier train clean-lexicon`") from exc
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _compile(pattern: str, origin: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ConfigError(f"bad pattern {pattern!r}: {exc}", location=origin,
                          hint="fix the regular expression in the pattern file") from exc


@dataclass(frozen=True)
class MetadataRule:
    field: str
    reason: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class EmbedPost:
    """How far the text of an embedded post is taken back from its closer."""

    max_chars: int
    min_article_chars: int
    foreign_words: frozenset[str]
    native_words: frozenset[str]
    min_words_one_cue: int
    foreign_ratio: int


@dataclass(frozen=True)
class Boilerplate:
    metadata_rules: tuple[MetadataRule, ...]
    metadata_max_line_chars: int
    teaser_lines: tuple[re.Pattern[str], ...]
    teaser_line_max_chars: int
    teaser_inline: tuple[re.Pattern[str], ...]
    syndication: tuple[re.Pattern[str], ...]
    author_bio: re.Pattern[str]
    bio_role_nouns: tuple[str, ...]
    bio_max_words: int
    top_block_max_lines: int
    bottom_block_max_lines: int
    signature: re.Pattern[str]
    agencies: frozenset[str]
    embed_inline: tuple[re.Pattern[str], ...]
    embed_post: EmbedPost


def _expand(pattern: str, macros: dict[str, str]) -> str:
    """Replace ``<<name>>`` by a shared sub-pattern (dates, time zones)."""
    for name, value in macros.items():
        pattern = pattern.replace(f"<<{name}>>", value)
    return pattern


def _embed_post(data: dict[str, Any]) -> EmbedPost:
    return EmbedPost(
        max_chars=int(data["max_chars"]),
        min_article_chars=int(data["min_article_chars"]),
        foreign_words=frozenset(w.lower() for w in data["foreign_words"]),
        native_words=frozenset(w.lower() for w in data["native_words"]),
        min_words_one_cue=int(data["min_words_one_cue"]),
        foreign_ratio=int(data["foreign_ratio"]),
    )


@lru_cache(maxsize=1)
def boilerplate() -> Boilerplate:
    data = load_json("boilerplate.json")
    origin = "resources/de/boilerplate.json"
    rules = tuple(
        MetadataRule(rule["field"], rule["reason"], _compile(rule["pattern"], origin))
        for rule in data["metadata_lines"]
    )
    bio = data["author_bio"]
    return Boilerplate(
        metadata_rules=rules,
        metadata_max_line_chars=int(data["metadata_max_line_chars"]),
        teaser_lines=tuple(_compile(p, origin) for p in data["teaser_lines"]),
        teaser_line_max_chars=int(data["teaser_line_max_chars"]),
        teaser_inline=tuple(_compile(p, origin) for p in data["teaser_inline"]),
        syndication=tuple(_compile(p, origin) for p in data["syndication"]),
        author_bio=_compile(bio["pattern"], origin),
        bio_role_nouns=tuple(noun.lower() for noun in bio["role_nouns"]),
        bio_max_words=int(bio["max_words"]),
        top_block_max_lines=int(data["top_block_max_lines"]),
        bottom_block_max_lines=int(data["bottom_block_max_lines"]),
        signature=_compile(data["signature"]["pattern"], origin),
        agencies=frozenset(agency.lower() for agency in data["signature"]["agencies"]),
        embed_inline=tuple(_compile(_expand(p, data["embed_macros"]), origin) for p in data["embed_inline"]),
        embed_post=_embed_post(data["embed_post"]),
    )


@lru_cache(maxsize=1)
def months() -> dict[str, int]:
    return {name: int(number) for name, number in load_json("months.json")["months"].items()}


@dataclass(frozen=True)
class HeadingWords:
    sentence_openers: frozenset[str]
    non_final_words: frozenset[str]
    # separable particles and adverbs that may end a headline though not a glued heading
    title_final_ok: frozenset[str]
    heading_start_blockers: frozenset[str]
    subject_after_verb_blockers: frozenset[str]
    finite_verbs: frozenset[str]
    not_verbs_ending_t: frozenset[str]
    name_phrases: tuple[str, ...]
    never_split_before: frozenset[str]
    heading_never_starts: frozenset[str]
    determiners: frozenset[str]
    auxiliaries: frozenset[str]
    adjective_endings: tuple[str, ...]
    number_words: frozenset[str]
    lowercase_words: frozenset[str]
    role_suffixes: tuple[str, ...]
    min_heading_tokens: int
    max_heading_tokens: int
    max_standalone_heading_words: int


@lru_cache(maxsize=1)
def heading_words() -> HeadingWords:
    data = load_json("boilerplate_headings.json")
    return HeadingWords(
        sentence_openers=frozenset(data["sentence_openers"]),
        non_final_words=frozenset(data["non_final_words"]),
        title_final_ok=frozenset(data.get("title_final_ok", ())),
        heading_start_blockers=frozenset(data["heading_start_blockers"]),
        subject_after_verb_blockers=frozenset(data["subject_after_verb_blockers"]),
        finite_verbs=frozenset(data["finite_verbs"]),
        not_verbs_ending_t=frozenset(data["not_verbs_ending_t"]),
        name_phrases=tuple(data["name_phrases"]),
        never_split_before=frozenset(data["never_split_before"]),
        heading_never_starts=frozenset(data["heading_never_starts"]),
        determiners=frozenset(data["determiners"]),
        auxiliaries=frozenset(data["auxiliaries"]),
        adjective_endings=tuple(data["adjective_endings"]),
        number_words=frozenset(data["number_words"]),
        lowercase_words=frozenset(load_word_list("boilerplate_lowercase_words.txt")),
        role_suffixes=tuple(data["role_suffixes"]),
        min_heading_tokens=int(data["min_heading_tokens"]),
        max_heading_tokens=int(data["max_heading_tokens"]),
        max_standalone_heading_words=int(data["max_standalone_heading_words"]),
    )
