"""Storing speed: why ``save_article`` writes the article row (and new speakers) with raw SQL.

In the same run, on fresh databases: (a) the whole ``Store.save_article`` per analysed article,
for scale; then the one write in question, the article row, made (b) with a raw ``INSERT`` as
the store does and (c) with sqlite-utils' ``table.insert`` (which looks up the table's columns
on every call). Prints ms per article and the ratio (c)/(b). The articles are the seed texts
(``../shared/seeds`` when present, else the demo story), each made unique.

Run: .venv/bin/python bench/store.py [N]
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tui_reader.library.models import ExtractedArticle
from tui_reader.library.quotes import analyse
from tui_reader.library.store import Store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def texts() -> list[str]:
    found = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if found:
        return [p.read_text(encoding="utf-8") for p in found]
    from tui_reader.library.demo import demo_files
    from tui_reader.library.extract import decode_html, extract_article

    return [extract_article(decode_html(p.read_bytes()), str(p)).text for p in demo_files()]


def rows(n: int) -> list[dict[str, object]]:
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


def timed(write: Callable[[Store, dict[str, object]], None], items: list) -> float:
    """The writes alone: one transaction around all of them, so commits do not hide them."""
    with (
        tempfile.TemporaryDirectory() as tmp,
        Store.open(Path(tmp) / "b.db") as store,
        store.transaction(),
    ):
        started = time.perf_counter()
        for item in items:
            write(store, item)
        return time.perf_counter() - started


def raw(store: Store, values: dict[str, object]) -> None:
    store.conn.execute(
        f"INSERT INTO articles ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
        list(values.values()),
    )


def via_sqlite_utils(store: Store, values: dict[str, object]) -> None:
    store.db["articles"].insert(values)


def whole(items: list[tuple[ExtractedArticle, object]]) -> float:
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "w.db") as store:
        started = time.perf_counter()
        for article, analysis in items:
            store.save_article(article, analysis)  # type: ignore[arg-type]
        return time.perf_counter() - started


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    values = rows(n)
    analysed = [
        (
            ExtractedArticle(source=str(v["source"]), text=str(v["text"]), title=str(v["title"])),
            analyse(str(v["text"])),
        )
        for v in values
    ]
    t_whole = min(whole(analysed) for _ in range(3))
    t_raw = min(timed(raw, values) for _ in range(5))
    t_utils = min(timed(via_sqlite_utils, values) for _ in range(5))
    print(f"articles                          {n}")
    print(f"save_article, whole               {t_whole / n * 1000:.2f} ms per article")
    print(f"article row, raw INSERT           {t_raw / n * 1000:.3f} ms")
    print(f"article row, sqlite-utils insert  {t_utils / n * 1000:.3f} ms")
    print(f"ratio sqlite-utils / raw          {t_utils / t_raw:.2f}")
    print(
        f"extra per article with sqlite-utils: {(t_utils - t_raw) / t_whole * 100:.0f}% of save_article"
    )


if __name__ == "__main__":
    main()
