"""Ingest speed: ``tui-reader add`` on a folder of pages against bare trafilatura.

Makes N varied pages (bench/make_pages.py) in a temporary folder, then times, in the same run,
(a) bare single-process ``trafilatura.extract(html)`` over every page (read the bytes, decode
UTF-8, extract) and (b) the whole ingest into a fresh database with the library function that
``tui-reader add`` runs (fetch/read, decode, extract with metadata, quotes, store; default jobs:
all cores). Prints pages, seconds, pages/s and the ratio ingest time / bare time (target <= 1).

Run: .venv/bin/python bench/ingest.py [N] [--jobs J]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import trafilatura

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_pages import make_pages

from tui_reader.library.ingest import ingest


def bare(paths: list[Path]) -> float:
    t0 = time.perf_counter()
    for path in paths:
        trafilatura.extract(path.read_bytes().decode("utf-8"))
    return time.perf_counter() - t0


def full(paths: list[Path], folder: Path, db: Path, jobs: int | None) -> float:
    t0 = time.perf_counter()
    results = ingest(db, [str(folder)], jobs=jobs)
    elapsed = time.perf_counter() - t0
    failed = [r for r in results if r.status != "added"]
    if len(results) != len(paths) or failed:
        raise SystemExit(f"ingest went wrong: {len(results)} results, {len(failed)} not added")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=320)
    parser.add_argument("--jobs", type=int, default=None, help="default: all cores")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        folder = Path(tmp) / "pages"
        paths = make_pages(folder, args.n, args.seed)
        size = sum(p.stat().st_size for p in paths)
        bare(paths[:10])  # warm up: imports, lxml and trafilatura caches
        t_bare = bare(paths)
        t_full = full(paths, folder, Path(tmp) / "library.db", args.jobs)
    n = len(paths)
    jobs = args.jobs or os.cpu_count()
    print(f"pages                  {n} ({size / 1024:.0f} KB of HTML)")
    print(f"cores (os.cpu_count)   {os.cpu_count()}")
    print(f"bare trafilatura       {t_bare:6.2f} s  {n / t_bare:6.1f} pages/s  (1 process)")
    print(f"tui-reader add         {t_full:6.2f} s  {n / t_full:6.1f} pages/s  (jobs={jobs})")
    print(f"ratio add / bare       {t_full / t_bare:6.2f}  (target <= 1.0)")


if __name__ == "__main__":
    main()
