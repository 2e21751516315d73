"""Storing speed: what the single writer of ``tui-reader add`` spends on each article, and why
the hot inserts are raw SQL rather than sqlite-utils'.

Pages (``--pages``, default ``../shared/bench-pages`` when there): the pages are prepared once as
``add``'s workers prepare them (extraction, quotes, terms; in this process, not timed), then
stored with ``ingest._store`` (what the parent runs for each) into a fresh file, R times: CPU
time per article (median and range), and SQLite statements per article (the trace: each row of
an ``executemany`` counts, FTS5's own statements do not).

Rows: on fresh files, in one transaction, the two rows ``save_article`` inserts for each article
and each new speaker, with a raw ``INSERT`` as the store does and with sqlite-utils'
``table.insert`` (which reads the schema on every call: two queries for views, one for tables,
and a savepoint); then what importing sqlite-utils costs (``add`` no longer imports it). The
rows are seed texts (``../shared/seeds`` when present, else the demo story), each made unique.

Run: .venv/bin/python bench/store.py [--pages DIR] [--repeats R] [--rows N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tui_reader.library.ingest import Prepared, _prepare, _store, expand_sources
from tui_reader.library.store import Store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
PAGES = ROOT.parent / "shared" / "bench-pages"


def texts() -> list[str]:
    found = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if found:
        return [p.read_text(encoding="utf-8") for p in found]
    from tui_reader.library.demo import demo_files
    from tui_reader.library.extract import decode_html, extract_article

    return [extract_article(decode_html(p.read_bytes()), str(p)).text for p in demo_files()]


def article_rows(n: int) -> list[dict[str, object]]:
    base = texts()
    return [
        {
            "source": f"https://example.org/{i}",
            "title": f"Article {i}",
            "site": "Bench",
            "text": base[i % len(base)] + f"\n\nA closing line number {i}.",
            "words": 500,
            "content_hash": f"h{i}",
            "fetched_at": "2026-01-01T00:00:00+00:00",
        }
        for i in range(n)
    ]


def speaker_rows(n: int) -> list[dict[str, object]]:
    return [{"name": f"Speaker Number {i}", "kind": "person"} for i in range(n)]


def store_pages(outcomes: list, trace: bool = False) -> tuple[float, int]:
    """CPU seconds to store the outcomes into a fresh file, and the statements run."""
    statements = 0

    def count(sql: str) -> None:
        nonlocal statements
        statements += not sql.startswith("--")

    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "p.db") as store:
        if trace:
            store.conn.set_trace_callback(count)
        started = time.process_time()
        for outcome in outcomes:
            _store(store, outcome, None)
        return time.process_time() - started, statements


def timed(table: str, write: Callable[[Store, str, dict[str, object]], None], rows: list) -> float:
    """CPU of the writes alone: one transaction around them, so commits do not hide them."""
    with (
        tempfile.TemporaryDirectory() as tmp,
        Store.open(Path(tmp) / "b.db") as store,
        store.transaction(),
    ):
        started = time.process_time()
        for values in rows:
            write(store, table, values)
        return time.process_time() - started


def raw(store: Store, table: str, values: dict[str, object]) -> None:
    store._insert_row(table, values)


def via_sqlite_utils(store: Store, table: str, values: dict[str, object]) -> None:
    store.db[table].insert(values)


def pages(folder: Path, repeats: int) -> float | None:
    sources = expand_sources([str(folder)])
    outcomes = [_prepare(s, None, None, find_quotes=True) for s in sources]
    articles = sum(isinstance(o, Prepared) for o in outcomes)
    if not articles:
        print(f"no articles from {folder}", file=sys.stderr)
        return None
    _, statements = store_pages(outcomes, trace=True)
    cpu = sorted(store_pages(outcomes)[0] for _ in range(repeats))
    per = statistics.median(cpu) / articles
    print(f"pages: {len(sources)} ({articles} articles) from {folder}, {repeats} runs")
    print(
        f"storing, CPU        {statistics.median(cpu):.3f} s ({cpu[0]:.3f}-{cpu[-1]:.3f}), "
        f"{per * 1000:.2f} ms per article"
    )
    print(f"statements          {statements / articles:.1f} per article")
    return per


def rows(n: int, repeats: int) -> None:
    started = time.process_time()
    import sqlite_utils  # noqa: F401  (its first import, as a process that uses it pays)

    imported = time.process_time() - started
    for table, made in (("articles", article_rows(n)), ("speakers", speaker_rows(n))):
        t_raw = min(timed(table, raw, made) for _ in range(repeats))
        t_utils = min(timed(table, via_sqlite_utils, made) for _ in range(repeats))
        print(
            f"{table} row, raw INSERT {t_raw / n * 1000:.3f} ms, sqlite-utils insert "
            f"{t_utils / n * 1000:.3f} ms (x{t_utils / t_raw:.1f}, "
            f"+{(t_utils - t_raw) / n * 1000:.3f} ms a row)"
        )
    print(f"importing sqlite-utils   {imported * 1000:.0f} ms CPU, once per process")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, default=PAGES if PAGES.is_dir() else None)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--rows", type=int, default=300)
    args = parser.parse_args()
    if args.pages is not None:
        pages(args.pages, args.repeats)
    else:
        print("no pages (../shared/bench-pages, or --pages DIR): rows only", file=sys.stderr)
    rows(args.rows, args.repeats)


if __name__ == "__main__":
    main()
