"""Language identification. Non-German articles are stored and flagged, not
analysed as German (the German stages would only produce noise on them)."""
from __future__ import annotations

from functools import lru_cache

# The languages a German newsroom's input realistically mixes in; a closed set
# keeps lingua fast and avoids exotic false positives on short texts.
CANDIDATES = ("GERMAN", "ENGLISH", "FRENCH", "ITALIAN", "SPANISH", "DUTCH", "POLISH", "TURKISH",
              "PORTUGUESE", "RUSSIAN", "DANISH", "SWEDISH", "CZECH")
SAMPLE_CHARS = 2000  # enough for a reliable guess; whole long articles only cost time
MIN_LETTERS = 20  # fewer letters than this cannot be told apart


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in CANDIDATES]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot be told."""
    sample = text[:SAMPLE_CHARS]
    if not _has_letters(sample, MIN_LETTERS):
        return None
    language = _detector().detect_language_of(sample)
    return language.iso_code_639_1.name.lower() if language else None


def _has_letters(text: str, wanted: int) -> bool:
    """Whether ``text`` holds at least ``wanted`` letters (stops counting there)."""
    for char in text:
        if char.isalpha():
            wanted -= 1
            if wanted <= 0:
                return True
    return False
