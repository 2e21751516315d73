"""Every stop: ``kill -9`` or SIGTERM of ``add`` leaves no worker running, and SIGTERM or SIGINT
ends the batch with one line and a non-zero exit. Real processes, real kills; the workers are
found through /proc (by a mark in their environment, since a killed parent's children are
re-parented)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from conftest import ROOT
from faultserver import FaultServer

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc"),
]

RUNS = 5
JOBS = 2


def marked(mark: str) -> list[int]:
    """The live processes whose environment holds ``TUI_READER_TEST_MARK=mark``."""
    found = []
    needle = f"TUI_READER_TEST_MARK={mark}".encode()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            environ = Path(f"/proc/{entry}/environ").read_bytes()
            state = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if needle in environ.split(b"\0") and state != "Z":
            found.append(int(entry))
    return found


def survivors(mark: str, wait: float = 5.0) -> list[int]:
    """The marked processes still alive after up to ``wait`` seconds."""
    deadline = time.monotonic() + wait
    while (alive := marked(mark)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return alive


def start_add(db: Path, urls: list[str], mark: str) -> subprocess.Popen[str]:
    return start_marked(mark, "add", "--db", str(db), "--jobs", str(JOBS), *urls)


def start_marked(mark: str, *args: str) -> subprocess.Popen[str]:
    """``tui-reader ARGS`` in a process group of its own, its workers marked by ``mark``."""
    return subprocess.Popen(
        [sys.executable, "-m", "tui_reader", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TUI_READER_TEST_MARK": mark},
        start_new_session=True,
    )


def wait_for_workers(mark: str, proc: subprocess.Popen[str]) -> None:
    """Until the parent and its JOBS workers are up and busy (fetching from the slow server)."""
    deadline = time.monotonic() + 30
    while len(marked(mark)) < JOBS + 1:
        assert proc.poll() is None, proc.communicate()
        if time.monotonic() > deadline:  # a guard for the set-up, not a measurement
            pytest.fail("the workers never started")
        time.sleep(0.1)
    time.sleep(0.5)


def cleanup(mark: str) -> None:
    for pid in marked(mark):
        os.kill(pid, signal.SIGKILL)


def reap(mark: str, proc: subprocess.Popen[str]) -> None:
    """After a run, whatever it ended in: its marked processes killed, then ``proc`` if it is
    still running."""
    cleanup(mark)
    if proc.poll() is None:
        proc.kill()
        proc.communicate(timeout=10)


def test_kill_9_leaves_no_worker(faulty: FaultServer, tmp_path: Path) -> None:
    urls = [faulty.url(f"/stall-before-headers?{i}") for i in range(6)]
    left = []
    for run in range(RUNS):
        mark = uuid.uuid4().hex
        proc = start_add(tmp_path / f"kill{run}.db", urls, mark)
        try:
            wait_for_workers(mark, proc)
            os.kill(proc.pid, signal.SIGKILL)  # the parent only, not its group
            proc.wait(10)
            left.append(len(survivors(mark)))
        finally:
            cleanup(mark)  # first: an orphaned worker holds the pipes open
            if proc.poll() is None:
                proc.kill()
            proc.communicate(timeout=10)
    print(f"workers alive after kill -9: {sum(left)} in {RUNS} runs")
    assert left == [0] * RUNS


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_ends_the_batch_with_a_line(
    faulty: FaultServer, tmp_path: Path, signum: int, code: int
) -> None:
    urls = [faulty.url("/page"), *(faulty.url(f"/stall-before-headers?{i}") for i in range(5))]
    for run in range(RUNS if signum == signal.SIGTERM else 2):
        mark = uuid.uuid4().hex
        proc = start_add(tmp_path / f"sig{run}.db", urls, mark)
        try:
            wait_for_workers(mark, proc)
            if signum == signal.SIGINT:
                os.killpg(proc.pid, signum)  # Ctrl-C reaches the whole process group
            else:
                os.kill(proc.pid, signum)
            out, err = proc.communicate(timeout=20)
            assert proc.returncode == code, (out, err)
            assert "Traceback" not in out + err, err
            assert err.splitlines()[-1] == (
                f"tui-reader: interrupted: {out.count('added: ')} of {len(urls)} sources "
                "stored; the rest were not added"
            ), err
            assert survivors(mark) == []
        finally:
            reap(mark, proc)
