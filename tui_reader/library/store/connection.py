"""The connection to the one SQLite file: opening, read-only mode, and the transaction guard.

A store belongs to the thread that opened it (sqlite3 enforces that): open one per worker thread
or process. The file is in WAL mode with a busy timeout, so several processes can share it.
Every write is one transaction, committed before the method returns; a failed ``COMMIT`` is
rolled back and raised, never left open, so nothing unsaved is ever reported as saved.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from tui_reader.library import migrations

if TYPE_CHECKING:
    import sqlite_utils

BUSY_TIMEOUT_MS = 10_000


class StoreError(Exception):
    """A request the database cannot satisfy; the message is one plain sentence."""


class ReadOnlyError(StoreError):
    """A write was asked of a database opened read-only."""


def describe(exc: sqlite3.Error) -> str:
    """One plain sentence for a database error (locked, full disk, read-only, corrupt)."""
    text = str(exc)
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return "the database is busy (another program holds its write lock); try again"
    if "full" in lowered:
        return "the disk is full; nothing was saved"
    if "readonly" in lowered or "read-only" in lowered:
        return "the database is read-only; nothing was saved"
    if "malformed" in lowered or "not a database" in lowered:
        return f"the database file is damaged ({text})"
    return f"database error: {text}"


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection; falls back to ``immutable`` when the folder cannot hold the WAL
    index (a read-only folder): nobody can be writing there anyway."""
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        conn.close()
        conn = sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)
    return conn


def _text(value: bytes) -> str:
    """Text as stored, and text another tool stored as invalid UTF-8 shown with U+FFFD rather
    than failing the whole query."""
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("utf-8", errors="replace")


class StoreBase:
    """The connection and its transaction guard; the tables live in the mixins of ``Store``."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, *, read_only: bool = False):
        conn.text_factory = _text
        self.conn = conn
        self._db: sqlite_utils.Database | None = None
        self.path = path
        self.read_only = read_only

    @property
    def db(self) -> sqlite_utils.Database:
        """The same connection as a sqlite-utils ``Database`` (imported on first use: it is the
        slowest import of the app's start-up)."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        migrate: bool = True,
        read_only: bool = False,
        busy_timeout_ms: int | None = None,
    ) -> Self:
        """Open (creating if needed) the database at ``path`` and bring its schema up to date.

        ``read_only`` opens an existing file without write access (a file or folder the user
        cannot write to can still be read); a file that needs an upgrade is upgraded first when
        it is writable. ``busy_timeout_ms`` is how long a write waits for another process's
        lock (default :data:`BUSY_TIMEOUT_MS`; the app's UI thread waits briefly, then says the
        database is busy).
        """
        if busy_timeout_ms is None:
            busy_timeout_ms = BUSY_TIMEOUT_MS
        path = Path(path).expanduser()
        if path.is_dir():
            raise StoreError(f"{path} is a folder, not a database file")
        if path.exists() and not path.is_file():
            raise StoreError(f"{path} is not a regular file, so it cannot be a database")
        if read_only and path.exists():
            return cls._open_read_only(path, migrate=migrate, busy_timeout_ms=busy_timeout_ms)
        if path.exists() and not os.access(path, os.W_OK):
            raise StoreError(
                f"the database {path} is read-only; reading commands still work, changes do not"
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), timeout=busy_timeout_ms / 1000, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the database {path}: {exc}") from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL in WAL mode survives a crash or kill of the process (not a power cut).
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            if migrate:
                migrations.migrate(conn)
        except sqlite3.OperationalError as exc:
            conn.close()
            if "readonly" in str(exc) or "read-only" in str(exc):
                raise StoreError(
                    f"the database {path} is read-only (its folder cannot be written)"
                ) from exc
            raise StoreError(f"cannot open the database {path}: {describe(exc)}") from exc
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"{path} is not a tui-reader database ({exc})") from exc
        except migrations.NewerSchemaError as exc:
            conn.close()
            raise StoreError(str(exc)) from exc
        return cls(conn, path)

    @classmethod
    def _open_read_only(cls, path: Path, *, migrate: bool, busy_timeout_ms: int) -> Self:
        if migrate and os.access(path, os.W_OK) and os.access(path.parent, os.W_OK):
            # an older file is upgraded once, with write access, then read as asked
            cls.open(path, migrate=True).close()
        try:
            conn = _connect_read_only(path)
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            version = migrations.current_version(conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path} is not a tui-reader database ({exc})") from exc
        latest = migrations.latest_version()
        if version > latest:
            conn.close()
            raise StoreError(
                f"this database has schema version {version}, newer than this tui-reader "
                f"understands ({latest}); upgrade tui-reader"
            )
        if version < latest:
            conn.close()
            raise StoreError(
                f"the database {path} is read-only and has an older schema (version {version} of "
                f"{latest}); open it once with write access to upgrade it"
            )
        return cls(conn, path, read_only=True)

    @classmethod
    def memory(cls) -> Self:
        """A private in-memory database (tests, benchmarks)."""
        conn = sqlite3.connect(":memory:", isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
        migrations.migrate(conn)
        return cls(conn, None)

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions --------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; ``BEGIN IMMEDIATE`` takes the write lock up front.

        Inside another transaction this is a savepoint: a failure undoes only its own writes,
        and nothing is committed until the outer transaction ends. When ``COMMIT`` itself fails
        (a lock, a full disk) the transaction is rolled back and the error raised: the
        connection never stays inside a transaction that will not be committed.
        """
        if self.read_only:
            raise ReadOnlyError(f"the database {self.path} is open read-only: nothing can be saved")
        if self.conn.in_transaction:
            self.conn.execute("SAVEPOINT inner")
            try:
                yield self.conn
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK TO inner")
                    self.conn.execute("RELEASE inner")
                raise
            self.conn.execute("RELEASE inner")
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def _rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _write_one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> int:
        """One statement as a write of its own; inside a transaction it needs no savepoint (a
        statement is atomic). How many rows it changed."""
        if self.conn.in_transaction and not self.read_only:
            return self.conn.execute(sql, params).rowcount
        with self.transaction() as conn:
            return conn.execute(sql, params).rowcount

    def _insert_row(self, table: str, values: dict[str, Any]) -> int:
        """Insert one row (the hot inserts: sqlite-utils reads the schema on every call, see
        bench/store.py); its rowid."""
        columns = ", ".join(f'"{c}"' for c in values)
        cursor = self.conn.execute(
            f'INSERT INTO "{table}" ({columns}) VALUES ({", ".join("?" * len(values))})',
            list(values.values()),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _update_row(self, table: str, rowid: int, values: dict[str, Any]) -> None:
        """Update the columns in ``values`` of one row, found by its id."""
        columns = ", ".join(f'"{c}" = ?' for c in values)
        self.conn.execute(f'UPDATE "{table}" SET {columns} WHERE id = ?', [*values.values(), rowid])

    @staticmethod
    def _missing(what: str, ident: int) -> StoreError:
        return StoreError(f"there is no {what} {ident}")

    def schema_version(self) -> int:
        """The schema version of this file."""
        return migrations.current_version(self.conn)
