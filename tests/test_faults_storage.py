"""Storage faults fail the sources they hit, not the batch: a write lock held by another process
past the busy timeout, a full disk (``max_page_count``, and a real full file system where one can
be mounted). A failed COMMIT is rolled back and raised, never left open. A read-only database
(file 0444, folder 0555) can still be read."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from factories import article
from faulttools import assert_one_line_error, permissions_apply, run_cli, run_proc

import tui_reader.library.ingest as ingest_module
from tui_reader.library.ingest import STORAGE_FAILURES_TO_STOP, ingest
from tui_reader.library.store import Store
from tui_reader.library.store import connection as store_connection

sys.path.insert(0, str(ROOT / "bench"))
from make_pages import make_pages

__all__ = ["permissions_apply"]

HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(120)
"""


@contextlib.contextmanager
def write_lock_held(db: Path) -> Iterator[None]:
    """Another process holding the database's write lock (``BEGIN IMMEDIATE``) until the
    block ends."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(db)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        yield
    finally:
        proc.kill()
        proc.wait(10)
        assert proc.stdout is not None
        proc.stdout.close()


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """A busy timeout of 0.2 s instead of 10, so that a held lock fails a source quickly."""
    monkeypatch.setattr(store_connection, "BUSY_TIMEOUT_MS", 200)


def pages(tmp_path: Path, n: int) -> list[Path]:
    return make_pages(tmp_path / "pages", n, seed=3)


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def test_a_held_lock_fails_sources_each_with_a_line(
    tmp_path: Path, db_path: Path, short_busy_timeout: None
) -> None:
    files = pages(tmp_path, 6)
    Store.open(db_path).close()
    with write_lock_held(db_path):
        run = run_cli("add", "--db", str(db_path), "--jobs", "1", str(tmp_path / "pages"))
    assert run.code == 1 and run.err == "", run
    assert len(run.lines) == len(files)  # K of K sources got a line
    busy = "the database is busy (another program holds its write lock); try again"
    first, rest = run.lines[:STORAGE_FAILURES_TO_STOP], run.lines[STORAGE_FAILURES_TO_STOP:]
    assert all(
        line.startswith("failed: ") and line.endswith(f"not stored: {busy}") for line in first
    )
    stop = f"not added: the batch stopped after {STORAGE_FAILURES_TO_STOP} sources in a row"
    assert all(f": {stop} could not be stored ({busy})" in line for line in rest), rest
    # the lock gone, the same batch stores everything
    run = run_cli("add", "--db", str(db_path), str(tmp_path / "pages"))
    assert run.code == 0 and len(run.lines) == len(files)
    assert all(line.startswith("added: ") for line in run.lines)


def test_the_batch_goes_on_with_workers_too(
    tmp_path: Path, db_path: Path, short_busy_timeout: None
) -> None:
    files = pages(tmp_path, 5)
    Store.open(db_path).close()
    with write_lock_held(db_path):
        results = ingest(db_path, [str(p) for p in files], jobs=2)
    assert [r.status for r in results] == ["failed"] * len(files)
    # which sources the workers hand in first varies; what happens to the batch does not: three
    # fail to be stored, then the batch stops and the other two say why
    busy = "the database is busy (another program holds its write lock); try again"
    stopped = f"not added: the batch stopped after 3 sources in a row could not be stored ({busy})"
    assert sorted(r.reason or "" for r in results) == [stopped] * 2 + [f"not stored: {busy}"] * 3


def test_a_full_disk_fails_the_sources_it_hits(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = pages(tmp_path, 16)
    Store.open(db_path).close()
    real_open = Store.open.__func__  # type: ignore[attr-defined]

    def tiny_open(cls: type[Store], path: Path, **kw: bool) -> Store:
        store = real_open(cls, path, **kw)
        pages_now = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages_now + 12}")  # "the disk": 48 KB
        return store

    monkeypatch.setattr(ingest_module.Store, "open", classmethod(tiny_open))
    lines: list[str] = []
    results = ingest(
        db_path,
        [str(p) for p in files],
        jobs=1,
        on_result=lambda r: lines.append(ingest_module.format_result(r)),
    )
    assert len(lines) == len(files)
    statuses = [r.status for r in results]
    assert "added" in statuses and "failed" in statuses
    full = [r for r in results if r.status == "failed"]
    assert (full[0].reason or "") == "not stored: the disk is full; nothing was saved"
    assert integrity(db_path) == "ok"
    with sqlite3.connect(db_path) as conn:
        stored = {row[0] for row in conn.execute("SELECT source FROM articles")}
    assert stored == {r.source for r in results if r.status == "added"}


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 600 KB tmpfs mounted in tmp_path (skipped where mounting is not allowed)."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(mount)], capture_output=True
    )
    if made.returncode != 0:
        pytest.skip("cannot mount a small file system here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.mark.slow
def test_a_really_full_disk(tmp_path: Path, tiny_disk: Path) -> None:
    make_pages(tmp_path / "pages", 40, seed=5)
    db = tiny_disk / "library.db"
    run = run_proc("add", "--jobs", "2", str(tmp_path / "pages"), db=db, timeout=120)
    assert "Traceback" not in run.out + run.err, run.err
    assert run.code == 1 and len(run.lines) == 40, run
    assert any(line.startswith("added: ") for line in run.lines)
    assert any("the disk is full" in line for line in run.lines)
    assert integrity(db) == "ok"


# -- the transaction guard -------------------------------------------------------------------


def test_a_failed_commit_is_rolled_back_not_left_open(store: Store, db_path: Path) -> None:
    _, article_id = store.save_article(article("Words to keep."))
    with pytest.raises(sqlite3.IntegrityError), store.transaction() as conn:
        # a deferred foreign key is checked at COMMIT: the COMMIT itself fails
        conn.execute("PRAGMA defer_foreign_keys = ON")
        conn.execute(
            "INSERT INTO story_articles (story_id, article_id) VALUES (?, ?)", (999, article_id)
        )
    assert not store.conn.in_transaction
    store.add_to_story("Later", [article_id])  # a real transaction, not a SAVEPOINT
    with sqlite3.connect(db_path) as other:  # committed: another connection sees it
        assert other.execute("SELECT name FROM stories").fetchall() == [("Later",)]


@pytest.mark.slow
def test_a_commit_on_a_full_disk(tiny_disk: Path) -> None:
    db = tiny_disk / "library.db"
    with Store.open(db) as store:
        _, article_id = store.save_article(article("Words."))
        filler = tiny_disk / "filler"
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
        with contextlib.suppress(OSError):  # fill the disk to its last byte
            while True:
                os.write(fd, b"x" * 4096)
        os.close(fd)
        with pytest.raises(sqlite3.Error), store.transaction() as conn:
            # fits in the page cache: the pages reach the disk (the WAL) only at COMMIT
            for i in range(30):
                conn.execute(
                    "INSERT INTO stories (name, created_at) VALUES (?, '')", (f"s{i}" * 300,)
                )
        assert not store.conn.in_transaction
        filler.unlink()
        store.add_to_story("After", [article_id])
    with sqlite3.connect(db) as other:
        assert other.execute("SELECT name FROM stories").fetchall() == [("After",)]
        assert other.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# -- read-only databases -------------------------------------------------------------------


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "lib"
    folder.mkdir()
    db = folder / "library.db"
    run = run_cli("add", "--db", str(db), str(SEEDS / "moscowtimes-2025-05-29.html"))
    assert run.code == 0, run
    run = run_cli("--db", str(db), "annotate", "1", "--start", "0", "--end", "10", "--tag", "t")
    assert (run.code, run.out) == (0, "saved annotation #1 on article 1 at 0-10 [t]\n"), run
    return db


READING = [["list"], ["show", "1"], ["quotes"], ["speakers"], ["export", "-"], ["list", "--json"]]


@pytest.mark.slow
@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_database_can_be_read(
    library: Path, what: str, permissions_apply: None
) -> None:
    library.chmod(0o444) if what == "file" else library.parent.chmod(0o555)
    try:
        for command in READING:
            run = run_proc("--db", str(library), *command, as_user=True)
            assert run.code == 0 and run.out and "Traceback" not in run.err, (command, run)
        for command in (
            ["add", str(SEEDS / "novinite-2025-05-30.html")],
            ["rename-speaker", "1", "Someone"],
        ):
            run = run_proc("--db", str(library), *command, as_user=True)
            assert_one_line_error(run)
            assert "read-only" in run.err, run.err
    finally:
        library.parent.chmod(0o755)
        library.chmod(0o644)
    assert integrity(library) == "ok"
