"""The word lists the segmentation views read (``resources/de``)."""
from __future__ import annotations

from importlib import resources


def resource_lines(name: str) -> list[str]:
    """The non-empty, non-comment lines of ``resources/de/<name>``, stripped."""
    text = resources.files("dossier.resources.de").joinpath(name).read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
