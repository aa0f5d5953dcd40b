"""A throw-away PostgreSQL cluster for one test session, and a fresh database per test.

The cluster is made with the server binaries of the Debian package
(``/usr/lib/postgresql/*/bin``, or ``initdb`` on PATH) in a temporary folder,
listens only on 127.0.0.1 on a free port with trust authentication, and is
stopped by its PID and removed at session end. Each test gets its own empty
schema in one test database (see ``PgServer.new_schema``). PostgreSQL refuses to run as
root, so as root it runs as the ``postgres`` system user (created if missing).
Without server binaries or without psycopg the PostgreSQL tests skip.
"""
from __future__ import annotations

import glob
import itertools
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Iterator
from urllib.parse import quote

import pytest

START_TIMEOUT_S = 30
TEST_DATABASE = "dossier_test"
_schema_numbers = itertools.count(1)


def server_bin_dir() -> Path | None:
    """The folder with ``initdb`` and ``postgres``: PATH first, else the newest Debian version."""
    candidates = []
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(os.path.realpath(on_path)).parent)

    def major(path: str) -> int:
        found = re.search(r"postgresql/(\d+)/", path)
        return int(found.group(1)) if found else 0

    for initdb in sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=major, reverse=True):
        candidates.append(Path(initdb).parent)
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "postgres").exists():
            return folder
    return None


def _run_as_prefix() -> tuple[list[str], pwd.struct_passwd | None]:
    """How to run the server: as ourselves, or (as root) through runuser as ``postgres``."""
    if os.geteuid() != 0:
        return [], None
    if shutil.which("runuser") is None:
        pytest.skip("running as root and runuser is missing: cannot start PostgreSQL as another user")
    try:
        user = pwd.getpwnam("postgres")
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "postgres"], check=True, capture_output=True)
        user = pwd.getpwnam("postgres")
    return ["runuser", "-u", "postgres", "--"], user


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PgServer:
    """A running throw-away cluster; ``new_schema()`` gives the URL of a fresh, empty schema."""

    def __init__(self, bin_dir: Path):
        self.bin_dir = bin_dir
        self.prefix, user = _run_as_prefix()
        # As root, TMPDIR may be inside /root, which the postgres user cannot enter.
        parent = "/tmp" if user is not None and os.path.isdir("/tmp") else None
        self.folder = Path(tempfile.mkdtemp(prefix="dossier-pg-", dir=parent))
        if user is not None:
            os.chown(self.folder, user.pw_uid, user.pw_gid)
        self.data = self.folder / "data"
        self.port = _free_port()
        self.process: subprocess.Popen | None = None
        self.log = self.folder / "server.log"

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        init = subprocess.run(
            [*self.prefix, str(self.bin_dir / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
             "-E", "UTF8", "--locale=C", "--no-sync"], capture_output=True, text=True)
        if init.returncode != 0:
            raise RuntimeError(f"initdb failed:\n{init.stdout}\n{init.stderr}")
        self.start_server()
        self._wait_until_ready(create=TEST_DATABASE)

    def start_server(self) -> None:
        """Start the postmaster on the existing cluster (again, after ``stop_server``)."""
        with open(self.log, "ab") as log:
            # fsync off: the cluster is thrown away, and durability only costs test time.
            self.process = subprocess.Popen(
                [*self.prefix, str(self.bin_dir / "postgres"), "-D", str(self.data), "-p", str(self.port),
                 "-k", str(self.folder), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
                 "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self._wait_until_ready()

    def _wait_until_ready(self, create: str | None = None) -> None:
        import psycopg

        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"PostgreSQL exited at start:\n{self.log.read_text(errors='replace')}")
            try:
                with psycopg.connect(self.url("postgres"), connect_timeout=2, autocommit=True) as conn:
                    if create:
                        conn.execute(f"CREATE DATABASE {create}")
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"PostgreSQL did not accept connections in {START_TIMEOUT_S} s:\n"
                                       f"{self.log.read_text(errors='replace')}")
                time.sleep(0.1)

    def new_schema(self) -> str:
        """URL of a new, empty schema in the session's test database.

        A schema per test instead of a database: CREATE DATABASE costs ~0.3 s each
        (it copies and checkpoints a template), CREATE SCHEMA a few milliseconds, and
        the store only ever sees ``current_schema()`` (the first of its search_path).
        """
        import psycopg

        name = f"t{next(_schema_numbers)}"
        with psycopg.connect(self.url(TEST_DATABASE), autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {name}")
        return f"{self.url(TEST_DATABASE)}?options={quote(f'-csearch_path={name}')}"

    def drop_schema(self, url: str) -> None:
        import psycopg

        name = url.rsplit("%3D", 1)[1]
        with psycopg.connect(self.url(TEST_DATABASE), autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")

    def stop_server(self) -> None:
        """Stop the postmaster by the PID it wrote (SIGINT: fast shutdown, which rolls back open
        transactions and ends every session); the cluster stays for ``start_server``."""
        pid_file = self.data / "postmaster.pid"
        if pid_file.exists():
            pid = int(pid_file.read_text().splitlines()[0])
            os.kill(pid, signal.SIGINT)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and _alive(pid):
                time.sleep(0.05)
        if self.process is not None:
            self.process.wait(timeout=30)

    def stop(self) -> None:
        """Stop the postmaster, then remove the folder."""
        try:
            self.stop_server()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie child of runuser still answers kill(0); its state says it is gone.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (OSError, IndexError):
        return True


def running_cluster() -> Iterator[PgServer]:
    """A started cluster, stopped and removed afterwards (skips when psycopg or the server
    binaries are missing); for fixtures of any scope."""
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'psycopg[binary]')")
    bin_dir = server_bin_dir()
    if bin_dir is None:
        pytest.skip("no PostgreSQL server binaries (initdb, postgres) in /usr/lib/postgresql/*/bin or on PATH; "
                    "install the Debian package postgresql")
    server = PgServer(bin_dir)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pg_server():
    """The session's PostgreSQL cluster."""
    yield from running_cluster()


@pytest.fixture
def pg_url(pg_server):
    """URL of a new, empty schema on the session cluster (dropped after the test)."""
    url = pg_server.new_schema()
    yield url
    pg_server.drop_schema(url)


BACKENDS = ("memory", "sqlite-file", "postgres")


def open_backend(request, tmp_path):
    """The store a ``params=BACKENDS`` fixture asks for: the in-memory double, a SQLite file, or
    a fresh schema on the session's PostgreSQL cluster."""
    from dossier.store import MemoryStore, SQLiteStore

    if request.param == "postgres":
        from dossier.store.postgres import PostgresStore

        return PostgresStore(request.getfixturevalue("pg_url"))
    return MemoryStore() if request.param == "memory" else SQLiteStore(str(tmp_path / "store.db"))
