"""Worker processes that die with their parent, and batches that stop cleanly on a signal.

A ``kill -9`` of ``add`` gives its workers no chance to be told, so each worker asks the kernel
to kill it when its parent dies (``prctl(PR_SET_PDEATHSIG)``, Linux) and also watches its parent
from a thread (other systems, and the moment before ``prctl`` took effect). Workers ignore
SIGINT: a Ctrl-C reaches the whole process group, and the parent, which decides what was
stored, ends them itself.

Workers collect cyclic garbage less: the objects they inherit from the parent (the quote
engine's patterns and word lists, trafilatura's, htmldate's: 36,000) are frozen before the
fork (:func:`inherited_objects_frozen`), so no collection walks them, and a worker collects
after :data:`WORKER_GC_THRESHOLD` new objects rather than Python's 700. On the 250 real pages
that took a worker's collector from 0.11 s to 0.02 s (``bench/README.md``).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import os
import signal
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from types import FrameType

PR_SET_PDEATHSIG = 1
WORKER_GC_THRESHOLD = 10_000
"""New objects between a worker's collections of the youngest generation (Python's: 700)."""
WATCH_SECONDS = 0.5
"""How often a worker checks that its parent is still there (the fallback to prctl)."""


def _die_with_parent_prctl() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # no prctl here: the watch thread alone does it


def _watch_parent(parent_pid: int) -> None:
    event = threading.Event()
    while not event.wait(WATCH_SECONDS):
        if os.getppid() != parent_pid:
            os._exit(1)


def init_worker(parent_pid: int) -> None:
    """The initializer of every worker process: die with ``parent_pid``, ignore Ctrl-C."""
    _die_with_parent_prctl()
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()


@contextlib.contextmanager
def inherited_objects_frozen() -> Iterator[None]:
    """While the block runs (in it, the pool's first task forks its workers), every object
    there is now is out of the collector's reach, here and in the workers forked meanwhile.

    Only the block that froze them gives them back: one inside another's (a batch in another
    thread, a caller's own ``gc.freeze()``) leaves them frozen.
    """
    ours = gc.get_freeze_count() == 0
    gc.freeze()
    try:
        yield
    finally:
        if ours:
            gc.unfreeze()


def worker_pool(jobs: int) -> ProcessPoolExecutor:
    """A process pool whose workers die with this process."""
    return ProcessPoolExecutor(max_workers=jobs, initializer=init_worker, initargs=(os.getpid(),))


def kill_workers(pool: ProcessPoolExecutor) -> None:
    """End every worker now (a fetch in progress is not waited for), and the pool with them."""
    kill = getattr(pool, "kill_workers", None)  # Python 3.14
    if kill is not None:
        kill()
    else:
        processes = dict(getattr(pool, "_processes", None) or {})
        for process in processes.values():
            with contextlib.suppress(Exception):
                process.kill()
        for process in processes.values():
            with contextlib.suppress(Exception):
                process.join(5)
    pool.shutdown(wait=False, cancel_futures=True)


class Stopped(BaseException):
    """SIGTERM, SIGINT or SIGHUP arrived during a batch (a BaseException, so that the ``except
    Exception`` around one source's work cannot swallow it)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """Turn SIGTERM, SIGINT and SIGHUP into :class:`Stopped` while the block runs (main thread
    only: elsewhere signals cannot be handled, and the block runs as it is)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        raise Stopped(signum)

    wanted = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
    previous = {s: signal.signal(s, handler) for s in wanted}
    try:
        yield
    finally:
        for s, old in previous.items():
            signal.signal(s, old if old is not None else signal.SIG_DFL)
