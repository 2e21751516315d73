"""UI speed: start-up, article open, a search keystroke and a cursor move, headless.

    .venv/bin/python bench/ui.py [--articles 10000] [--annotations 50000]

Builds a library of N articles (with quotes and annotations) plus one 30,000-word article with
500 quotes, then drives the real app with ``App.run_test`` (no terminal) and reports:

- start-up to a usable library screen (rows in the table), as a ratio to a bare Textual app
  with one Static widget started the same way in the same process;
- opening the 30,000-word article (reader screen mounted, first screen of lines drawn);
- a search keystroke in the library (key to results in the table);
- a cursor move in the big article (key handled and the visible lines drawn again);
- peak memory (max RSS) of the process.

Targets (issue 4): start-up < 1.5x the bare app, article open < 150 ms, keystroke < 16 ms,
memory < 200 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Input, Static

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tui_reader.app.app import ReaderApp  # noqa: E402
from tui_reader.app.widgets.article_list import ArticleList  # noqa: E402
from tui_reader.app.widgets.article_view import ArticleView  # noqa: E402
from tui_reader.library.models import ExtractedArticle  # noqa: E402
from tui_reader.library.quotes import analyse  # noqa: E402
from tui_reader.library.store import Store, count_words  # noqa: E402

SIZE = (160, 45)
WORDS = (
    "council harbour bridge minister said election budget report police court water energy "
    "school hospital strike union port storm road farmers market prices talks border army "
    "vote press statement inquiry engineers residents ferry repairs weeks months"
).split()
NAMES = ["Ana Lopez", "Jiri Novak", "Sam Okafor", "Mia Berg", "Lee Chen", "Omar Haddad"]


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def big_article(rng: random.Random, words: int = 30_000, quotes: int = 500) -> str:
    paragraphs = []
    per = words // quotes
    for i in range(quotes):
        name = NAMES[i % len(NAMES)]
        quote = sentence(rng, 14)
        body = sentence(rng, per - 20)
        paragraphs.append(f'{body} "{quote}" {name} said.')
    return "\n\n".join(paragraphs)


def build_library(path: Path, articles: int, annotations: int) -> int:
    """Fill ``path``; returns the id of the big article."""
    rng = random.Random(7)
    store = Store.open(path)
    now = "2026-11-28T00:00:00+00:00"
    with store.transaction() as conn:
        rows = []
        for i in range(articles):
            text = "\n\n".join(sentence(rng, 60) for _ in range(5))
            rows.append(
                (
                    f"https://bench.test/{i}",
                    f"https://bench.test/{i}",
                    f"{sentence(rng, 8)[:-1]} #{i}",
                    "Bench Times",
                    f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}",
                    text,
                    count_words(text),
                    f"h{i}",
                    now,
                )
            )
        conn.executemany(
            "INSERT INTO articles (source, url, title, site, published, text, words, "
            "content_hash, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        conn.execute(
            "INSERT INTO tags (name, quick_key, created_at) VALUES ('claim', 1, ?)", (now,)
        )
        ann = []
        for n in range(annotations):
            article_id = 1 + n % articles
            ann.append((article_id, 0, 20, "x" * 20, now, now))
        conn.executemany(
            'INSERT INTO annotations (article_id, start, "end", passage, created_at, updated_at) '
            "VALUES (?, ?, ?, ?, ?, ?)",
            ann,
        )
        conn.execute("INSERT INTO annotation_tags SELECT id, 1 FROM annotations")
        quote_rows = [(1 + n % articles, 0, 10, "x" * 10) for n in range(articles * 3)]
        conn.executemany(
            'INSERT INTO quotes (article_id, start, "end", text) VALUES (?, ?, ?, ?)', quote_rows
        )
    text = big_article(rng)
    _, big = store.save_article(
        ExtractedArticle(source="bench://big", text=text, title="A 30,000-word article"),
        analyse(text),
    )
    store.close()
    return big


PAINTED: dict[str, float] = {}


class PaintedStatic(Static):
    def render_line(self, y: int):
        PAINTED.setdefault("bare", time.monotonic())
        return super().render_line(y)


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield PaintedStatic("hello")


_render_line = ArticleList.render_line


def _painted_render_line(self: ArticleList, y: int):
    if self.rows:
        PAINTED.setdefault("ours", time.monotonic())
    return _render_line(self, y)


ArticleList.render_line = _painted_render_line  # type: ignore[method-assign]

_view_render_line = ArticleView.render_line


def _painted_view_line(self: ArticleView, y: int):
    if self.text:
        PAINTED.setdefault("view", time.monotonic())
    return _view_render_line(self, y)


ArticleView.render_line = _painted_view_line  # type: ignore[method-assign]


async def until(pilot, condition, timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError
        await asyncio.sleep(0.001)
    await pilot.pause()


async def time_bare() -> tuple[float, float]:
    """Seconds to the first paint of the Static, and to an idle app (Pilot's pause)."""
    PAINTED.clear()
    t0 = time.monotonic()
    app = Bare()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        idle = time.monotonic() - t0
    return PAINTED["bare"] - t0, idle


async def time_startup(db: Path, articles: int) -> tuple[float, float, float]:
    """Seconds to the first paint of article rows, to an idle app, and to every row loaded."""
    PAINTED.clear()
    t0 = time.monotonic()
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:

        def rows() -> int:
            lists = app.screen.query("#articles")
            return lists.first(ArticleList).row_count if lists else 0

        await until(pilot, lambda: "ours" in PAINTED)
        idle = time.monotonic() - t0
        await until(pilot, lambda: rows() >= articles)
        full = time.monotonic() - t0
    return PAINTED["ours"] - t0, idle, full


async def time_reader(db: Path, big: int) -> dict[str, float]:
    app = ReaderApp(db)
    out: dict[str, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.screen.query_one(ArticleList).row_count > 10)
        await asyncio.sleep(0.5)  # the library's full load has finished
        await app.workers.wait_for_complete()
        await pilot.pause()
        opens = []
        for _ in range(5):  # the first open also imports the reader's modules
            PAINTED.clear()
            t0 = time.monotonic()
            app.open_article(big)
            await until(pilot, lambda: "view" in PAINTED)
            opens.append(PAINTED["view"] - t0)
            await pilot.press("q")
            await pilot.pause()
        out["open_first"] = opens[0]
        out["open"] = statistics.median(opens[1:])
        t0 = time.perf_counter()
        app.open_article(big)
        await until(pilot, lambda: isinstance(app.screen.focused, ArticleView))
        out["open_idle"] = time.perf_counter() - t0
        view = app.screen.focused
        assert isinstance(view, ArticleView)
        height = view.scrollable_content_region.height
        out["quotes"] = len(view.quotes)
        out["words"] = count_words(view.text)
        # a cursor move: the key's action plus drawing the visible lines again
        moves = []
        for _ in range(200):
            t1 = time.perf_counter()
            view.action_move_line(1)
            for y in range(height):
                view.render_line(y)
            moves.append(time.perf_counter() - t1)
        out["move"] = statistics.median(moves)
        out["move_p95"] = sorted(moves)[int(len(moves) * 0.95)]
        # the same through the whole event loop (Pilot key press, includes Pilot's own pause)
        rounds = []
        for _ in range(30):
            t1 = time.perf_counter()
            await pilot.press("j")
            rounds.append(time.perf_counter() - t1)
        out["move_pilot"] = statistics.median(rounds)
        t1 = time.perf_counter()
        await pilot.press("G")
        out["bottom"] = time.perf_counter() - t1
    return out


async def time_bare_key() -> float:
    """Pilot's own cost of one key press, on the bare app (a key nothing is bound to)."""
    app = Bare()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rounds = []
        for _ in range(30):
            t0 = time.perf_counter()
            await pilot.press("j")
            rounds.append(time.perf_counter() - t0)
    return statistics.median(rounds)


async def time_search(db: Path) -> dict[str, float]:
    app = ReaderApp(db)
    out: dict[str, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("slash")
        screen = app.screen
        search = screen.query_one("#search", Input)
        ends, ui_key, ui_fill = [], [], []
        original_fill = screen._fill

        def timed_fill(rows, announce=True):
            t = time.perf_counter()
            original_fill(rows, announce)
            ui_fill.append(time.perf_counter() - t)

        screen._fill = timed_fill
        for word in ("harbour", "ferry", "inquiry", "storm", "minister", "court"):
            search.value = word[:-1]
            await app.workers.wait_for_complete()
            await pilot.pause()
            t0 = time.perf_counter()
            search.value = word  # what a keystroke does: Input.Changed, a worker, the results
            t1 = time.perf_counter()
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            ends.append(time.perf_counter() - t0)
            ui_key.append(t1 - t0)
            rows = len(screen.rows)
        out["search"] = statistics.median(ends)
        out["search_rows"] = rows
        out["search_fill"] = statistics.median(ui_fill)
    return out


CHILD_BARE = """
import asyncio, time
from textual.app import App
from textual.widgets import Static
T = {}
class S(Static):
    def render_line(self, y):
        T.setdefault("t", time.monotonic())
        return super().render_line(y)
class A(App):
    def compose(self):
        yield S("hello")
async def main():
    async with A().run_test(size=(160, 45)):
        while not T:
            await asyncio.sleep(0.001)
        print(T["t"])
asyncio.run(main())
"""

CHILD_OURS = """
import asyncio, sys, time
from tui_reader.app.app import ReaderApp
from tui_reader.app.widgets.article_list import ArticleList
T = {}
render_line = ArticleList.render_line
def painted(self, y):
    if self.rows:
        T.setdefault("t", time.monotonic())
    return render_line(self, y)
ArticleList.render_line = painted
async def main():
    async with ReaderApp(sys.argv[1]).run_test(size=(160, 45)):
        while not T:
            await asyncio.sleep(0.001)
        print(T["t"])
asyncio.run(main())
"""


def process_startup(kind: str, db: Path) -> float:
    """Seconds from spawning a fresh interpreter to the first paint of the app's content: what a
    user waits for after pressing enter (interpreter start and imports included)."""
    import subprocess

    code = CHILD_BARE if kind == "bare" else CHILD_OURS
    t0 = time.monotonic()  # CLOCK_MONOTONIC: the same clock in the child
    out = subprocess.run(
        [sys.executable, "-c", code, str(db)], capture_output=True, text=True, check=True
    ).stdout
    return float(out.strip().splitlines()[-1]) - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--annotations", type=int, default=50_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        t0 = time.perf_counter()
        big = build_library(db, args.articles, args.annotations)
        print(
            f"library: {args.articles:,} articles, {args.annotations:,} annotations "
            f"(built in {time.perf_counter() - t0:.1f} s)"
        )
        asyncio.run(time_bare())  # warm imports for both
        asyncio.run(time_startup(db, args.articles + 1))
        bares = [asyncio.run(time_bare()) for _ in range(5)]
        runs = [asyncio.run(time_startup(db, args.articles + 1)) for _ in range(5)]
        bare_paint = statistics.median(b[0] for b in bares)
        bare_idle = statistics.median(b[1] for b in bares)
        paint = statistics.median(r[0] for r in runs)
        idle = statistics.median(r[1] for r in runs)
        full = statistics.median(r[2] for r in runs)
        procs_bare = [process_startup("bare", db) for _ in range(5)]
        procs_ours = [process_startup("ours", db) for _ in range(5)]
        pb, po = statistics.median(procs_bare), statistics.median(procs_ours)
        print(
            f"start-up as a user waits for it (new process to first paint, imports included): "
            f"bare Textual app {pb * 1000:.0f} ms, tui-reader with {args.articles:,} articles "
            f"{po * 1000:.0f} ms = {po / pb:.2f}x (target < 1.5x)"
        )
        print(
            f"start-up to first paint: bare Textual app (one Static) {bare_paint * 1000:.0f} ms, "
            f"tui-reader library with its first rows {paint * 1000:.0f} ms = "
            f"{paint / bare_paint:.2f}x (in-process, imports excluded)"
        )
        print(
            f"start-up to idle (Pilot's pause): bare {bare_idle * 1000:.0f} ms, tui-reader "
            f"{idle * 1000:.0f} ms = {idle / bare_idle:.2f}x; all {args.articles + 1:,} rows "
            f"loaded (worker) {full * 1000:.0f} ms"
        )
        reader = asyncio.run(time_reader(db, big))
        print(
            f"article open (call to first paint of its text): {reader['words']:,} words, "
            f"{reader['quotes']:.0f} quotes in {reader['open'] * 1000:.0f} ms median of 4; the "
            f"first open, which also imports the reader's modules, {reader['open_first'] * 1000:.0f}"
            f" ms; to an idle app (Pilot's pause) {reader['open_idle'] * 1000:.0f} ms "
            "(target < 150 ms)"
        )
        print(
            f"cursor move: {reader['move'] * 1000:.2f} ms median, {reader['move_p95'] * 1000:.2f} "
            "ms p95 (the key's action and a redraw of every visible line; target < 16 ms)"
        )
        search = asyncio.run(time_search(db))
        print(
            f"search keystroke: results on screen {search['search'] * 1000:.0f} ms after the key "
            f"(FTS5 over {args.articles:,} articles in a worker, {search['search_rows']:,} rows); "
            f"UI thread busy {search['search_fill'] * 1000:.2f} ms to show them (target < 16 ms)"
        )
        bare_key = asyncio.run(time_bare_key())
        print(
            f"key press through Pilot (whole event loop): bare app {bare_key * 1000:.1f} ms, "
            f"cursor move in the big article {reader['move_pilot'] * 1000:.1f} ms "
            f"(+{(reader['move_pilot'] - bare_key) * 1000:.1f} ms)"
        )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"memory: peak RSS {peak:.0f} MB (target < 200 MB)")


if __name__ == "__main__":
    main()
