"""Sub-headings (stub)."""
from __future__ import annotations

from dossier.model import Heading


def find_headings(text: str) -> list[Heading]:
    return []
