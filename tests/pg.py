"""A throw-away PostgreSQL cluster for the tests: Debian's postgresql, started in a temp dir on a free port."""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path


class NoPostgres(Exception):
    """No PostgreSQL server could be started here."""


def _bindir() -> Path:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True):
        return Path(candidate).parent
    raise NoPostgres("PostgreSQL is not installed (Debian: apt-get install postgresql)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """One running cluster; `url(schema)` gives a connection string whose tables live in their own schema."""

    def __init__(self):
        bindir = _bindir()
        self.root = Path(tempfile.mkdtemp(prefix="pictionary-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        as_postgres: list[str] = []
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root: run it as the postgres user
            try:
                user = pwd.getpwnam("postgres")
            except KeyError as exc:
                raise NoPostgres("no postgres user to run the server as") from exc
            os.chown(self.root, user.pw_uid, user.pw_gid)
            as_postgres = ["runuser", "-u", "postgres", "--"]
        self._run(as_postgres + [str(bindir / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
                                 "--no-sync", "-E", "UTF8"])
        self._run(as_postgres + [str(bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "log"), "-w",
                                 "-o", f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                                       "-c full_page_writes=off -c synchronous_commit=off -c max_connections=300",
                                 "start"])
        self._stop = as_postgres + [str(bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"]
        self.base = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    @staticmethod
    def _run(cmd: list[str]) -> None:
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise NoPostgres(f"{cmd[0]} failed: {exc}") from exc
        if done.returncode != 0:
            raise NoPostgres(f"{' '.join(cmd[-3:])} failed: {(done.stderr or done.stdout).strip()[-400:]}")

    def new_schema(self) -> str:
        """A connection string to an empty schema of its own (a fresh database for one test)."""
        import psycopg
        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.base, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {name}")
        return f"{self.base}?options=-csearch_path%3D{name}"

    def stop(self) -> None:
        """Stop the server and delete its files."""
        subprocess.run(self._stop, capture_output=True, timeout=60)
        time.sleep(0.2)
        shutil.rmtree(self.root, ignore_errors=True)
