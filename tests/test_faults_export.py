"""One export writer for every target: ``-`` and ``/dev/stdout`` to standard output, symlinks
written through to their target (the link kept), FIFOs and devices written through (never
replaced), regular files replaced atomically with their own mode or the umask's; folders,
missing folders, read-only targets, sockets and link loops refused in one line."""

from __future__ import annotations

import csv
import io
import os
import socket
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT
from factories import article
from faulttools import Run, assert_one_line_error, permissions_apply, run_cli, run_proc

from tui_reader.library import coding
from tui_reader.library.export import ExportError, write_atomically
from tui_reader.library.store import Store

__all__ = ["permissions_apply"]

TEXT = "The council met on Monday. The mayor said the bridge would open in spring."


@pytest.fixture
def coded(db_path: Path) -> Path:
    with Store.open(db_path) as store:
        _, article_id = store.save_article(article(TEXT))
        coding.annotate(store, article_id, coding.find_passage(TEXT, "the bridge"), tags=["x"])
    return db_path


def export(db: Path, target: str | Path, *extra: str, limit: float = 15) -> Run:
    return run_cli("--db", str(db), "export", str(target), *extra, limit=limit)


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_dash_writes_to_stdout(coded: Path) -> None:
    run = export(coded, "-")
    assert run.code == 0 and run.err == "" and rows(run.out)[1][8] == "the bridge"


def test_dev_stdout_writes_to_stdout_not_over_it(coded: Path, tmp_path: Path) -> None:
    run = run_proc("export", "/dev/stdout", db=coded)
    assert run.code == 0 and rows(run.out)[1][8] == "the bridge", run
    # stdout redirected to a file opened for appending: appended to, not truncated or replaced
    folder = tmp_path / "out"
    folder.mkdir()
    log = folder / "log.csv"
    log.write_text("kept\n")
    before = log.stat()
    with log.open("ab") as out:
        subprocess.run(
            [sys.executable, "-m", "tui_reader", "--db", str(coded), "export", "/dev/stdout"],
            cwd=ROOT,
            stdout=out,
            check=True,
            timeout=60,
        )
    assert log.read_bytes().decode("utf-8") == "kept\n" + run.out
    after = log.stat()  # the same file, written through: not a new one renamed over it
    assert (after.st_ino, after.st_dev) == (before.st_ino, before.st_dev)
    assert stat.S_ISREG(after.st_mode) and stat.S_IMODE(after.st_mode) == stat.S_IMODE(
        before.st_mode
    )
    assert [p.name for p in folder.iterdir()] == ["log.csv"]  # and no temporary file beside it


def test_symlink_is_written_through_and_kept(coded: Path, tmp_path: Path) -> None:
    target = tmp_path / "real.csv"
    target.write_text("old\n")
    target.chmod(0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    run = export(coded, link)
    assert run.code == 0, run
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert rows(target.read_text())[1][8] == "the bridge"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the file's own mode, kept
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(tmp_path / "new-target.csv")
    assert export(coded, dangling).code == 0
    assert dangling.is_symlink() and (tmp_path / "new-target.csv").is_file()


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_files_get_the_umask(
    coded: Path, tmp_path: Path, umask: None, mask: int, mode: int
) -> None:
    os.umask(mask)
    out = tmp_path / f"new-{mask:o}.csv"
    assert export(coded, out).code == 0
    assert stat.S_IMODE(out.stat().st_mode) == mode
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_fifo_is_written_through(coded: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    got: list[bytes] = []

    def reader() -> None:
        with fifo.open("rb") as f:  # waits in open() for a writer, as a reader of a pipe does
            got.append(f.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    for _ in range(50):  # until the reader thread is in its open()
        run = export(coded, fifo)
        if "nothing is reading" not in run.err:
            break
        threading.Event().wait(0.1)
    thread.join(10)
    assert run.code == 0, run
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still a FIFO
    assert rows(got[0].decode())[1][8] == "the bridge"


def test_fifo_without_a_reader_is_refused_not_waited_on(coded: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "nobody.csv"
    os.mkfifo(fifo)
    run = export(coded, fifo, limit=10)
    assert_one_line_error(run)
    assert "nothing is reading from" in run.err
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_devices_are_written_through(coded: Path, tmp_path: Path) -> None:
    assert export(coded, "/dev/null").code == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    node = tmp_path / "null.csv"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # what /dev/null is
    except PermissionError:
        pytest.skip("cannot make device nodes here")
    assert export(coded, node).code == 0
    assert stat.S_ISCHR(node.stat().st_mode)  # not replaced by a regular file
    run = export(coded, "/dev/full")
    assert_one_line_error(run)
    assert "the disk is full" in run.err


def test_targets_that_cannot_be_written(coded: Path, tmp_path: Path) -> None:
    loop = tmp_path / "loop.csv"
    loop.symlink_to(loop)
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock.csv"))
    sock.close()
    for target, expected in {
        tmp_path: "is a folder; give a file name",
        tmp_path / "missing" / "out.csv": "the folder",
        loop: "a symlink loop",
        tmp_path / "sock.csv": "is a socket; give a file name",
    }.items():
        run = export(coded, target)
        assert_one_line_error(run)
        assert expected in run.err, (target, run.err)
    assert not (tmp_path / "missing").exists()


@pytest.mark.slow
def test_read_only_targets(coded: Path, tmp_path: Path, permissions_apply: None) -> None:
    locked = tmp_path / "locked.csv"
    locked.write_text("keep me\n")
    locked.chmod(0o444)
    shut = tmp_path / "shut"
    shut.mkdir()
    coded.chmod(0o644)
    try:
        shut.chmod(0o555)
        for target, expected in {
            locked: "is read-only",
            shut / "new.csv": "cannot write in the folder",
        }.items():
            run = run_proc("--db", str(coded), "export", str(target), as_user=True)
            assert_one_line_error(run)
            assert expected in run.err, run.err
    finally:
        shut.chmod(0o755)
    assert locked.read_text() == "keep me\n"
    assert list(shut.iterdir()) == []


def test_a_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n")

    def broken(out: io.TextIOBase) -> int:
        out.write("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportError, match="was not written: the disk is full"):
        write_atomically(target, broken)
    assert target.read_text() == "old\n" and len(list(tmp_path.iterdir())) == 1


def test_the_app_cannot_export_onto_its_own_terminal(tmp_path: Path) -> None:
    for name in ("/dev/stdout", "/dev/stderr", "/dev/tty", "-"):
        with pytest.raises(ExportError, match="is the terminal"):
            write_atomically(name, lambda out: 0, make_parents=True)  # as the app calls it
