"""Save SVG screenshots of the demo (library, reader, compare, ledger, coverage; the library
following feeds and the diff view of an edited article) into screenshots/.

Run with ``make screenshots``. Uses throwaway databases, so your own library is untouched; the
feeds are the demo's pages served by a loopback server that exists while the script runs.
"""

from __future__ import annotations

import asyncio
import hashlib
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tui_reader.app.app import ReaderApp
from tui_reader.library.demo import demo_files, load_demo
from tui_reader.library.following import follow, refresh_feeds
from tui_reader.library.store import Store

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "screenshots"
SIZE = (160, 45)


async def shoot(db: Path, out: Path) -> list[Path]:
    ids = load_demo(db)
    saved: list[Path] = []

    def save(app: ReaderApp, name: str) -> None:
        path = out / f"{name}.svg"
        app.save_screenshot(filename=path.name, path=str(out))
        saved.append(path)

    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
        save(app, "library")
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.press("v", "w", "w", "w", "w", "v")
        await pilot.pause(0.2)
        save(app, "reader")
        await pilot.press("escape", "escape")
    app = ReaderApp(db, open_compare=ids[:2])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.8)
        for _ in range(60):
            await pilot.press("right_square_bracket")
            view = app.screen.focused
            if getattr(view, "twin_at", None) and view.twin_at(view.cursor):
                break
        await pilot.press("s")
        await pilot.pause(0.3)
        save(app, "compare")
    app = ReaderApp(db, open_compare=ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.8)
        save(app, "compare4")
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
        await pilot.press("W")
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        await pilot.press("j", "l", "l", "l", "l", "l")
        await pilot.pause(0.2)
        save(app, "ledger")
        await pilot.press("tab", "j", "l", "l", "l", "l", "l")
        await pilot.pause(0.2)
        save(app, "statements")
        await pilot.press("q", "C")
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        save(app, "coverage")
    return saved


class Outlets:
    """The demo's four outlets on a loopback server: a page and an RSS feed each, with ETags."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, bytes, str]] = {}
        handler = self._handler()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def put(self, path: str, body: bytes, kind: str = "text/html; charset=utf-8") -> None:
        self.routes[path] = (200, body, kind)

    def break_(self, path: str) -> None:
        self.routes[path] = (503, b"<h1>Service Unavailable</h1>", "text/html")

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        routes = self.routes

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                status, body, kind = routes.get(self.path, (404, b"", "text/html"))
                tag = '"' + hashlib.sha1(body).hexdigest()[:12] + '"'
                if status == 200 and self.headers.get("If-None-Match") == tag:
                    self.send_response(304)
                    self.send_header("ETag", tag)
                    self.end_headers()
                    return
                self.send_response(status)
                self.send_header("ETag", tag)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler

    def feed(self, name: str, title: str, paths: list[str]) -> str:
        items = "".join(
            f"<item><title>{p}</title><link>{self.base}{p}</link></item>" for p in paths
        )
        self.put(
            f"/{name}/feed.xml",
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>{self.base}/{name}/</link><description>news</description>{items}"
            "</channel></rss>".encode(),
            "application/rss+xml",
        )
        return f"{self.base}/{name}/feed.xml"


async def shoot_feeds(db: Path, out: Path) -> list[Path]:
    """The library following the demo's outlets: unread counts, a feed whose last refresh
    failed (⚠), an article edited after it was read (Δ); then that article's diff (D)."""
    outlets = Outlets()
    pages = demo_files()
    names = [("meridian", "Meridian Wire"), ("courier", "The Saltmere Courier")]
    names += [("ledger", "The Northern Ledger"), ("ranni", "Ranní zprávy")]
    with Store.open(db) as store:
        for (name, title), page in zip(names, pages, strict=True):
            outlets.put(f"/{name}/bridge.html", page.read_bytes())
            url = outlets.feed(name, title, [f"/{name}/bridge.html"])
            follow(store, url, story="Hollin Bridge" if name != "ranni" else None)
    refresh_feeds(db, jobs=1)
    with Store.open(db) as store:
        first = store.article_id_for(f"{outlets.base}/meridian/bridge.html")
        store.mark_read(first)
    # a stealth edit: the skipper's quote trimmed, the engineer's caution softened
    edited = (
        pages[0].read_bytes().replace(b" and in this harbor forty seconds is a very long time", b"")
    )
    edited = edited.replace(
        b"He declined to say how long", b"He said he hoped to know within a week how long"
    )
    outlets.put("/meridian/bridge.html", edited)
    outlets.break_("/ledger/feed.xml")
    refresh_feeds(db, jobs=1)
    from tui_reader.library.following import refresh_articles

    refresh_articles(db, [first], jobs=1)
    saved: list[Path] = []
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
        path = out / "library-feeds.svg"
        app.save_screenshot(filename=path.name, path=str(out))
        saved.append(path)
        rows = [r.id for r in app.screen.query_one("#articles").rows]  # type: ignore[attr-defined]
        await pilot.press(*["j"] * rows.index(first), "enter")
        await pilot.pause(0.3)
        await pilot.press("D")
        await pilot.pause(0.5)
        path = out / "diff.svg"
        app.save_screenshot(filename=path.name, path=str(out))
        saved.append(path)
    outlets.httpd.shutdown()
    return saved


def to_png(svg: Path) -> Path | None:
    """A PNG beside the SVG when librsvg's rsvg-convert is installed (for viewers without SVG)."""
    tool = shutil.which("rsvg-convert")
    if tool is None:
        return None
    png = svg.with_suffix(".png")
    subprocess.run([tool, "-o", str(png), str(svg)], check=True)
    return png


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        shots = asyncio.run(shoot(Path(tmp) / "demo.db", OUT))
        shots += asyncio.run(shoot_feeds(Path(tmp) / "feeds.db", OUT))
        for path in shots:
            print(path.relative_to(ROOT))
            png = to_png(path)
            if png is not None:
                print(png.relative_to(ROOT))
    sys.exit(0)


if __name__ == "__main__":
    main()
