"""Pagination shared by every list the API and the UI show."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50


@dataclass
class Page:
    items: list[Any]
    total: int
    limit: int
    offset: int

    @property
    def next_offset(self) -> int | None:
        return self.offset + self.limit if self.offset + self.limit < self.total else None

    def to_dict(self) -> dict[str, Any]:
        return {"items": self.items, "total": self.total, "limit": self.limit, "offset": self.offset,
                "next_offset": self.next_offset}


def paginate(items: Sequence[Any], limit: int = DEFAULT_PAGE_SIZE, offset: int = 0) -> Page:
    limit = max(1, min(limit, MAX_PAGE_SIZE))
    offset = max(0, offset)
    return Page(list(items[offset:offset + limit]), len(items), limit, offset)


def in_date_range(published: str | None, since: str | None, until: str | None) -> bool:
    """ISO dates compare as text; a partial date (``2023-11``) is inside a range that touches it."""
    if not since and not until:
        return True
    if not published:
        return False
    if since and published[:len(since)] < since:
        return False
    return not (until and published[:len(until)] > until)
