"""Store.resolution_lock: two stores on one database (as two processes hold them) take turns;
the lock is released when its holder's block ends, also by an error."""
from __future__ import annotations

import threading
import time

import pytest

from dossier.store import SQLiteStore


@pytest.fixture(params=["sqlite-file", "postgres"])
def two_stores(request, tmp_path):
    if request.param == "postgres":
        from dossier.store.postgres import PostgresStore

        url = request.getfixturevalue("pg_url")
        stores = [PostgresStore(url), PostgresStore(url)]
    else:
        stores = [SQLiteStore(str(tmp_path / "news.db")), SQLiteStore(str(tmp_path / "news.db"))]
    yield stores
    for store in stores:
        store.close()


def test_a_second_holder_waits_until_the_first_is_done(two_stores):
    first, second = two_stores
    events: list[str] = []
    with first.resolution_lock():
        def other() -> None:
            with second.resolution_lock():
                events.append("second holds")

        waiting = threading.Thread(target=other)
        waiting.start()
        time.sleep(0.5)  # time enough for the other thread to take the lock if it were free
        events.append("first releases")
    waiting.join(timeout=30)
    assert events == ["first releases", "second holds"]


def test_an_error_inside_releases_the_lock(two_stores):
    first, second = two_stores
    with pytest.raises(RuntimeError):
        with first.resolution_lock():
            raise RuntimeError("resolution failed")
    done = threading.Event()

    def other() -> None:
        with second.resolution_lock():
            done.set()

    taker = threading.Thread(target=other)
    taker.start()
    taker.join(timeout=30)
    assert done.is_set()
