"""Helpers for the fault tests: the CLI run in-process under a time limit (so that a hang fails
the test instead of stalling the suite), or as a real process, optionally without root's power
to ignore file permissions (tests of read-only and unreadable files run as root in CI)."""

from __future__ import annotations

import contextlib
import ctypes
import io
import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT

from tui_reader.cli import main

UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Everything a terminal could act on: C0 but newline and tab, DEL, C1."""


@dataclass
class Run:
    code: int | None
    out: str
    err: str
    seconds: float

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


def assert_one_line_error(run: Run) -> None:
    """The CLI contract for a failure: a non-zero exit, one line on stderr, no traceback."""
    assert run.code not in (0, None), run
    assert "Traceback" not in run.out + run.err, run.err
    assert run.err.startswith("tui-reader: "), run.err
    assert run.err.count("\n") == 1, run.err
    assert not UNSAFE.search(run.err), run.err


def run_cli(*args: str, stdin: bytes = b"", limit: float = 30.0) -> Run:
    """``tui-reader ARGS`` in this process, within ``limit`` seconds (else the test fails)."""
    out, err = io.StringIO(), io.StringIO()
    box: dict[str, int | None] = {}

    def target() -> None:
        try:
            main(list(args))
            box["code"] = 0
        except SystemExit as exc:
            box["code"] = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)

    fake_in = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    started = time.monotonic()
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        _swap_stdin(fake_in),
    ):
        thread = threading.Thread(target=target, daemon=True)
        thread.start()
        thread.join(limit)
    seconds = time.monotonic() - started
    if thread.is_alive():
        pytest.fail(f"tui-reader {' '.join(args)} still running after {limit} s (a hang)")
    return Run(box.get("code"), out.getvalue(), err.getvalue(), seconds)


@contextlib.contextmanager
def _swap_stdin(stream: io.TextIOWrapper):  # type: ignore[no-untyped-def]
    old = sys.stdin
    sys.stdin = stream
    try:
        yield
    finally:
        sys.stdin = old


CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER = 1, 2, 3
PR_CAPBSET_DROP = 24


def _without_file_powers() -> None:
    """preexec_fn: drop root's power to ignore file permissions for the program exec'd next,
    so that chmod 0444 / 0000 / 0555 mean for it what they mean for any user."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER):
        libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)


def run_proc(
    *args: str,
    db: Path | None = None,
    as_user: bool = False,
    timeout: float = 60.0,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
) -> Run:
    """``python -m tui_reader ARGS`` as a real process (``as_user``: without root's file
    powers)."""
    full_env = {**os.environ, **(env or {})}
    if db is not None:
        full_env["TUI_READER_DB"] = str(db)
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "tui_reader", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        timeout=timeout,
        env=full_env,
        preexec_fn=_without_file_powers if as_user and os.geteuid() == 0 else None,
    )
    return Run(
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
        time.monotonic() - started,
    )


@pytest.fixture
def permissions_apply(tmp_path: Path) -> None:
    """Skip unless a process run ``as_user`` is really refused a file mode 0000."""
    probe = tmp_path / "probe"
    probe.write_text("x")
    probe.chmod(0)
    try:
        check = subprocess.run(
            [sys.executable, "-c", f"open({str(probe)!r}).read()"],
            capture_output=True,
            preexec_fn=_without_file_powers if os.geteuid() == 0 else None,
        )
    finally:
        probe.chmod(0o644)
    if check.returncode == 0:
        pytest.skip("file permissions do not apply to this user here")
