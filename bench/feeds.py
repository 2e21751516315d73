"""Refresh cost: following N feeds over a loopback server, the first refresh against refreshes
that find nothing new.

A loopback outlet serves N RSS feeds of M generated pages each (bench/make_pages.py), with
ETags and 304 answers to conditional requests. Times, in one run, with the library functions
the commands run:

(a) the first ``refresh``: N feeds fetched, N x M new items through ``ingest`` (jobs: all cores);
(b) ``refresh`` again, nothing changed: N conditional requests, N 304s, nothing to add;
(c) the same, the server ignoring the validators (a 200 with the whole feed every time, read and
    compared item by item): what (b) saves;
(d) ``refresh --all`` of the N x M articles, nothing changed: a 304 per page.

Prints seconds and the ratios (b)/(a), (c)/(a) and (d)/(a), and the bytes the server sent.

Run: .venv/bin/python bench/feeds.py [N] [--items M] [--jobs J]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_pages import make_pages

from tui_reader.library.following import follow, refresh_articles, refresh_feeds
from tui_reader.library.store import Store


class Outlet:
    """Routes (path -> bytes, content type, ETag), the bytes sent, and whether 304s are given."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[bytes, str, str]] = {}
        self.sent = 0
        self.requests = 0
        self.conditional = True
        self.lock = threading.Lock()

    def put(self, path: str, body: bytes, content_type: str) -> None:
        self.routes[path] = (body, content_type, '"' + hashlib.sha1(body).hexdigest() + '"')

    def handler(self) -> type[BaseHTTPRequestHandler]:
        outlet = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # headers and body go out in two writes: with Nagle's algorithm on, each kept-alive
            # reply waits for the client's delayed ACK (~40 ms), which real servers do not
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                body, kind, tag = outlet.routes.get(self.path, (b"", "text/html", ""))
                fresh = outlet.conditional and tag and self.headers.get("If-None-Match") == tag
                status = 404 if not tag else 304 if fresh else 200
                payload = b"" if status == 304 else body
                self.send_response(status)
                if tag:
                    self.send_header("ETag", tag)
                if status != 304:
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                with outlet.lock:
                    outlet.sent += len(payload)
                    outlet.requests += 1

        return Handler


def rss(base: str, n: int, paths: list[str]) -> bytes:
    start = datetime(2025, 6, 1, tzinfo=UTC)
    items = "".join(
        f"<item><title>Story {n}.{i}</title><link>{escape(base + p)}</link>"
        f"<pubDate>{format_datetime(start + timedelta(hours=i))}</pubDate></item>"
        for i, p in enumerate(paths)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet {n}</title>'
        f"<link>{base}/</link><description>news</description>{items}</channel></rss>"
    ).encode()


def timed(what: object) -> float:
    t0 = time.perf_counter()
    what()  # type: ignore[operator]
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=40, help="feeds (default 40)")
    parser.add_argument("--items", type=int, default=8, help="items per feed (default 8)")
    parser.add_argument("--jobs", type=int, default=None, help="default: all cores")
    args = parser.parse_args()
    outlet = Outlet()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), outlet.handler())
    httpd.daemon_threads = True
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    with tempfile.TemporaryDirectory(prefix="bench-feeds-") as tmp:
        pages = make_pages(Path(tmp) / "pages", args.n * args.items, 0)
        for f in range(args.n):
            paths = []
            for i in range(args.items):
                path = f"/{f}/{i}.html"
                outlet.put(path, pages[f * args.items + i].read_bytes(), "text/html; charset=utf-8")
                paths.append(path)
            outlet.put(f"/{f}/feed.xml", rss(base, f, paths), "application/rss+xml")
        db = Path(tmp) / "library.db"
        with Store.open(db) as store:
            for f in range(args.n):
                follow(store, f"{base}/{f}/feed.xml")

        def first() -> None:
            report = refresh_feeds(db, jobs=args.jobs)
            assert sum(r.status == "added" for r in report.results) == args.n * args.items

        def again() -> None:
            report = refresh_feeds(db, jobs=args.jobs)
            assert not report.results and not report.failed

        def articles() -> None:
            with Store.open(db) as store:
                ids = store.article_ids()
            results = refresh_articles(db, ids, jobs=args.jobs)
            assert all(r.status == "unchanged" for r in results)

        rows = []
        for label, run, conditional in [
            ("(a) first refresh", first, True),
            ("(b) refresh, nothing new (304s)", again, True),
            ("(c) refresh, nothing new, no 304s", again, False),
            ("(d) refresh --all, unchanged (304s)", articles, True),
        ]:
            outlet.conditional = conditional
            outlet.sent = outlet.requests = 0
            rows.append((label, timed(run), outlet.requests, outlet.sent))
    httpd.shutdown()
    first_s = rows[0][1]
    jobs = args.jobs or os.cpu_count()
    print(f"feeds {args.n} x {args.items} items = {args.n * args.items} pages; jobs {jobs}")
    print(f"{'':38} {'seconds':>8} {'ratio':>7} {'requests':>9} {'bytes sent':>11}")
    for label, seconds, requests, sent in rows:
        print(f"{label:38} {seconds:8.3f} {seconds / first_s:7.3f} {requests:9} {sent:11,}")


if __name__ == "__main__":
    main()
