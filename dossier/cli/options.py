"""Checks shared by the options of several commands."""
from __future__ import annotations

import click

from dossier.query.search import ISO_DATE


def iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A --since/--until value must be an ISO date (prefix): the filters compare it as text,
    so anything else (``'``, ``%``) would silently select the wrong articles."""
    if value is None:
        return None
    if not ISO_DATE.match(value.strip()):
        raise click.BadParameter(f"must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return value.strip()
