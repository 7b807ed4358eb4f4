"""Exports for the team: CSV of the tables and a zip of a consistent copy of the database."""
from __future__ import annotations

import base64
import csv
import io
import tempfile
import zipfile
from pathlib import Path
from typing import Iterable, Sequence

from core.guessers.common import scrub
from core.store import Store

EXPORTABLE = ("games", "guesses", "frames", "players", "word_lists", "eval_runs", "eval_results", "events",
              "room_people", "audit_log")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet runs a cell that starts so as a formula


def rows_to_csv(rows: Iterable[dict], secrets: Sequence[str] = ()) -> bytes:
    """Rows as UTF-8 CSV; bytes columns become base64 text; anything secret-looking is redacted."""
    rows = list(rows)
    buf = io.StringIO()
    if rows:
        writer = csv.DictWriter(buf, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        for r in rows:
            writer.writerow({k: _cell(v, secrets) for k, v in r.items()})
    return buf.getvalue().encode("utf-8")


def _cell(value: object, secrets: Sequence[str]) -> object:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, str):
        return neutralized(scrub(value, secrets))
    return value


def neutralized(text: str) -> str:
    """A text cell a spreadsheet shows as text: one starting like a formula gets a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class ExportUnavailable(Exception):
    """A copy of a PostgreSQL database is made with pg_dump, not from the app."""


def table_csv(store: Store, table: str, secrets: Sequence[str] = ()) -> bytes:
    """One of the app's tables as CSV."""
    if table not in EXPORTABLE:
        raise ValueError(f"{table!r} is not exportable")
    rows = store.rows(table)
    if table == "events":  # the host code's keyed hash stays in the database
        rows = [{k: v for k, v in r.items() if k != "host_code"} for r in rows]
    return rows_to_csv(rows, secrets)


def database_zip(store: Store) -> bytes:
    """A zip holding a consistent snapshot of the database (SQLite's online backup), safe while writing,
    without the app's own secrets (the player-id key, the host code's hash) and the sign-in brake's records."""
    if store.copy_command:
        raise ExportUnavailable(store.copy_command)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "pictionary.db"
        store.copy_to(copy)
        scrub_copy(copy)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            z.write(copy, "pictionary.db")
        return buf.getvalue()


def scrub_copy(path: Path) -> None:
    """Take the secrets out of a copied SQLite file, and compact it."""
    copy = Store(path)  # the same schema, so the same named queries
    try:
        copy.forget_secrets()
        copy.execute("VACUUM")
    finally:
        copy.shutdown()
