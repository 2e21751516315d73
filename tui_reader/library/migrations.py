"""Numbered schema migrations from ``db/``, applied when a database is opened.

Each ``db/NNN_name.sql`` file moves the schema to version NNN; the version lives in
``PRAGMA user_version``. A migration runs in one ``BEGIN IMMEDIATE`` transaction together with the
version bump, so two processes opening a new file at once cannot both apply it, and a crash
leaves the previous version intact.
"""

from __future__ import annotations

import re
import sqlite3
from functools import cache
from importlib import resources
from pathlib import Path

_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


def schema_dir() -> Path:
    """The folder of migration files: inside the wheel, or ``db/`` of a source checkout."""
    packaged = Path(str(resources.files("tui_reader"))) / "db"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "db"


@cache
def migrations() -> tuple[tuple[int, str], ...]:
    """All migrations as (version, SQL), in order."""
    found = []
    for path in sorted(schema_dir().iterdir()):
        match = _NAME.match(path.name)
        if match:
            found.append((int(match.group(1)), path.read_text(encoding="utf-8")))
    versions = [v for v, _ in found]
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"migrations in {schema_dir()} are not numbered 1..N: {versions}")
    return tuple(found)


def latest_version() -> int:
    """The schema version this program writes."""
    return len(migrations())


def current_version(conn: sqlite3.Connection) -> int:
    """The schema version of an open database (0 for a new file)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _statements(script: str) -> list[str]:
    """Split a script into complete statements (triggers with BEGIN ... END stay whole)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        if not buffer and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise ValueError(f"incomplete SQL statement in a migration: {buffer[:80]!r}")
    return statements


class NewerSchemaError(Exception):
    """The file was written by a newer tui-reader."""


def migrate(conn: sqlite3.Connection, target: int | None = None) -> int:
    """Apply the migrations the database lacks, up to ``target`` (default: all).

    ``conn`` must be in autocommit mode (``isolation_level=None``). Returns the new version.
    """
    target = latest_version() if target is None else target
    if current_version(conn) > latest_version():
        raise NewerSchemaError(
            f"this database has schema version {current_version(conn)}, newer than this "
            f"tui-reader understands ({latest_version()}); upgrade tui-reader"
        )
    for version, script in migrations():
        if version > target or current_version(conn) >= version:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if current_version(conn) < version:  # another process may have just done it
                for statement in _statements(script):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return current_version(conn)
