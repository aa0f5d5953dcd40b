"""Versioned migrations of the PostgreSQL store: the files of ``migrations_pg/`` (numbered
1..n), each applied in its own transaction under an advisory lock."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from importlib import resources

from dossier.errors import StoreError

_MIGRATION_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")
# Any id for pg_advisory_xact_lock; only Dossier's migrations take this one.
MIGRATION_LOCK = 0x646F7373


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def migrations() -> list[tuple[int, str, str]]:
    """(version, file name, SQL) of every PostgreSQL migration, in order."""
    found = []
    for entry in resources.files("dossier.store").joinpath("migrations_pg").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    if [v for v, _, _ in found] != list(range(1, len(found) + 1)):
        raise StoreError("PostgreSQL migration files are not numbered 1..n", hint="reinstall dossier-news")
    return found


def current_version(conn) -> int:
    """Schema version of the database: 0 when empty; StoreError when it is not Dossier's."""
    tables = {r[0] for r in conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}
    if "schema_version" not in tables:
        if tables:
            raise StoreError("not a Dossier database (it has tables but no schema_version)",
                             hint="point --db / DOSSIER_DB at a Dossier database or an empty one")
        return 0
    return int(conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0)


def upgrade(conn, *, location: str, target: int | None = None) -> int:
    """Apply the missing migrations up to ``target``, each in its own transaction.

    The advisory lock makes a second process opening the same new database wait,
    then see the version the first one wrote, instead of migrating twice.
    """
    steps = migrations()
    target = len(steps) if target is None else target
    version = current_version(conn)
    if version > len(steps):
        raise StoreError(f"the database has schema version {version}, this Dossier knows only up to "
                         f"{len(steps)}", location=location, hint="upgrade dossier-news (pip install -U dossier-news)")
    for number, name, sql in steps:
        if version < number <= target:
            _apply(conn, number, name, sql, location)
            version = number
    return version


def _apply(conn, number: int, name: str, sql: str, location: str) -> None:
    import psycopg  # present: the store that calls this has connected with it
    try:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version "
                         "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
            if current_version(conn) >= number:
                return
            conn.execute(sql)  # several statements, no parameters: one simple query
            conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (%s, %s)", (number, _now()))
    except psycopg.Error as exc:
        raise StoreError(f"migration {name} failed: {exc}", location=location,
                         hint="the database was left at its previous version; report this bug") from exc
