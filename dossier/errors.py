"""One exception tree for Dossier; each boundary (CLI, API, store) translates it.

    DossierError
    ├── InputError            a file, line or record that cannot be read
    │   ├── EmptyInput
    │   ├── BinaryInput       PDF, image or other non-text bytes
    │   ├── TooLarge          over --max-bytes, --max-article-chars or an unpacking limit
    │   ├── TooDeep           HTML nested deeper than --max-html-depth
    │   ├── MalformedRecord   a JSONL line / CSV row / feed item that does not parse
    │   └── TruncatedArchive  a .gz or WARC file that ends early
    ├── ConfigError           a bad option, field mapping or missing optional dependency
    ├── StoreError            the database cannot be opened, migrated or written
    ├── QueryError            a search query that cannot be read (unclosed quote, lone OR)
    ├── ModelError            a model file is missing or does not load
    └── EvalError             an evaluation file is not in the expected format

Every error carries the ``location`` (file, and line or record where known) and
a ``hint`` that tells the user what to do.
"""
from __future__ import annotations


class DossierError(Exception):
    """Base of all errors Dossier raises on purpose."""

    default_hint = ""

    def __init__(self, message: str, *, location: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint if hint is not None else self.default_hint

    @property
    def reason(self) -> str:
        return type(self).__name__

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}" if self.location else self.message
        return f"{text} ({self.hint})" if self.hint else text


class InputError(DossierError):
    default_hint = "check the file; the rest of the batch was processed"


class EmptyInput(InputError):
    default_hint = "the file has no text; remove it or fill it"


class BinaryInput(InputError):
    default_hint = "convert it to text, HTML or another supported format first"


class TooLarge(InputError):
    default_hint = "raise --max-bytes if the file is really one article or feed"


class TooDeep(InputError):
    default_hint = ("real pages nest far less; check the page, or raise --max-html-depth "
                    "(at most 255, the HTML parser keeps nothing deeper)")


class MalformedRecord(InputError):
    default_hint = "fix or remove that line; the other lines were read"


class TruncatedArchive(InputError):
    default_hint = "the archive ends early; the records before the break were read"


class ConfigError(DossierError):
    default_hint = "see --help for the expected form"


class MissingDependency(ConfigError):
    def __init__(self, package: str, feature: str):
        super().__init__(
            f"{feature} needs the optional package {package!r}",
            hint=f"pip install {package}",
        )


class StoreError(DossierError):
    default_hint = "check --db / DOSSIER_DB points to a writable Dossier database"


class ModelError(DossierError):
    default_hint = "reinstall dossier-news or retrain with `dossier train`"


class EvalError(DossierError):
    default_hint = "check the file is in the format named by --format"


class QueryError(DossierError):
    """A search query the query language cannot read (see dossier.search.syntax)."""

    default_hint = ('write words, "a phrase", a prefix such as Werbe*, OR between alternatives, '
                    "-word to leave a word out")
