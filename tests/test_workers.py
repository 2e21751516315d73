"""The worker pool's collector: what the workers inherit is frozen, they collect less often, and
the parent gets its objects back afterwards."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from tui_reader.library import ingest, workers


def _collector() -> tuple[int, int, int]:
    """In a worker: its pid, its youngest generation's threshold, its frozen objects."""
    return os.getpid(), gc.get_threshold()[0], gc.get_freeze_count()


def test_workers_inherit_frozen_objects_and_collect_less() -> None:
    assert gc.get_freeze_count() == 0
    with workers.inherited_objects_frozen():
        frozen_here = gc.get_freeze_count()
        pool = workers.worker_pool(2)
        try:
            seen = [pool.submit(_collector).result(timeout=60) for _ in range(4)]
        finally:
            pool.shutdown(wait=True)
    assert frozen_here > 1000  # the test process's modules, at least
    assert gc.get_freeze_count() == 0  # the parent's collector has them all back
    for pid, threshold, frozen in seen:
        assert pid != os.getpid()
        assert threshold == workers.WORKER_GC_THRESHOLD
        assert frozen > frozen_here // 2  # (less any freed since)


def test_a_batch_leaves_the_parents_collector_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []
    real = workers.worker_pool

    def pool(jobs: int) -> object:
        seen.append(gc.get_freeze_count())  # frozen while the pool forks
        return real(jobs)

    monkeypatch.setattr(ingest, "worker_pool", pool)
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(3):
        (pages / f"p{i}.html").write_text(
            f"<html><head><title>Page {i}</title></head><body><article><p>"
            + "The harbour board met on Tuesday and agreed to repair the old pier. " * 12
            + "</p></article></body></html>",
            encoding="utf-8",
        )
    threshold = gc.get_threshold()
    results = ingest.ingest(tmp_path / "library.db", [str(pages)], jobs=2)
    assert [r.status for r in results] == ["added"] * 3
    assert seen and seen[0] > 1000
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == threshold


def test_a_freeze_inside_another_leaves_the_objects_frozen() -> None:
    gc.freeze()  # a caller's own, or a batch's in another thread
    try:
        with workers.inherited_objects_frozen():
            pass
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
