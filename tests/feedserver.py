"""A loopback outlet for feed and refresh tests: pages and feeds a test writes and rewrites,
with ETags and Last-Modified dates and 304 answers to conditional requests, a record of every
request (its headers and the status sent), and routes that break.

``site.put("/a", html)`` publishes (or edits) a page; ``site.seen("/a")`` lists the requests
for it; ``site.break_("/feed")`` makes a route answer 500.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

import pytest
from httpserver import FILLER, article_html

EPOCH = datetime(2025, 6, 1, tzinfo=UTC)


@dataclass
class Resource:
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None
    status: int = 200


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]
    status: int

    @property
    def conditional(self) -> bool:
        return "if-none-match" in self.headers or "if-modified-since" in self.headers


@dataclass
class Site:
    base: str
    routes: dict[str, Resource] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    edits: int = 0

    def url(self, path: str) -> str:
        return self.base + path

    def put(
        self,
        path: str,
        body: str | bytes,
        content_type: str = "text/html; charset=utf-8",
        *,
        etag: bool = True,
        last_modified: bool = True,
    ) -> None:
        """Publish ``body`` at ``path`` (an edit when it is there already): a new ETag, and a
        Last-Modified a minute after the previous edit's."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        with self.lock:
            self.edits += 1
            stamp = format_datetime(EPOCH + timedelta(minutes=self.edits), usegmt=True)
            tag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
            self.routes[path] = Resource(
                data, content_type, tag if etag else None, stamp if last_modified else None
            )

    def break_(self, path: str, status: int = 500) -> None:
        with self.lock:
            self.routes[path] = Resource(b"<h1>Server Error</h1>", "text/html", None, None, status)

    def seen(self, path: str) -> list[Request]:
        with self.lock:
            return [r for r in self.requests if r.path == path]

    def forget(self) -> None:
        """Start a new record of requests."""
        with self.lock:
            self.requests.clear()


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # no 40 ms wait for a delayed ACK on each kept-alive reply

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            headers = {k.lower(): v for k, v in self.headers.items()}
            with site.lock:
                resource = site.routes.get(path)
            status = 404 if resource is None else resource.status
            if resource is not None and status == 200 and _fresh(resource, headers):
                status = 304
            with site.lock:
                site.requests.append(Request(path, headers, status))
            self.send_response(status)
            if resource is not None and status in (200, 304):
                if resource.etag:
                    self.send_header("ETag", resource.etag)
                if resource.last_modified:
                    self.send_header("Last-Modified", resource.last_modified)
            if status == 304:
                self.end_headers()
                return
            body = resource.body if resource is not None else b"<h1>Not Found</h1>"
            self.send_header("Content-Type", resource.content_type if resource else "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


def _fresh(resource: Resource, headers: dict[str, str]) -> bool:
    """What a server does with a conditional request (RFC 9110: If-None-Match first)."""
    if "if-none-match" in headers:
        tags = [t.strip() for t in headers["if-none-match"].split(",")]
        return resource.etag is not None and resource.etag in tags
    if "if-modified-since" in headers:
        return resource.last_modified is not None and (
            headers["if-modified-since"] == resource.last_modified
        )
    return False


class _Quiet(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up on a body it refuses (an image) is part of the tests


@pytest.fixture
def site() -> Iterator[Site]:
    """A ThreadingHTTPServer on 127.0.0.1 serving what the test publishes."""
    state = Site("")
    httpd = _Quiet(("127.0.0.1", 0), _handler(state))
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


# -- what an outlet publishes -----------------------------------------------------------------


def story_page(n: int, opening: str | None = None) -> str:
    """Article number ``n`` of the outlet: a headline, a date and paragraphs."""
    first = opening or f"Story {n} opens with the council's decision on the harbour plan."
    return article_html(
        f"Harbour story number {n}", [first, *FILLER], date=f"2025-06-{n % 28 + 1:02d}"
    )


@dataclass(frozen=True)
class Item:
    url: str
    title: str
    date: str  # YYYY-MM-DD


def rss2(title: str, link: str, items: list[Item]) -> str:
    entries = "".join(
        f"<item><title>{escape(i.title)}</title><link>{escape(i.url)}</link>"
        f"<guid isPermaLink='true'>{escape(i.url)}</guid>"
        f"<pubDate>{format_datetime(datetime.fromisoformat(i.date).replace(tzinfo=UTC))}</pubDate>"
        "</item>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>{escape(link)}</link>"
        f"<description>news</description>{entries}</channel></rss>"
    )


def rss091(title: str, link: str, items: list[Item]) -> str:
    entries = "".join(
        f"<item><title>{escape(i.title)}</title><link>{escape(i.url)}</link></item>" for i in items
    )
    return (
        '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="0.91"><channel>'
        f"<title>{escape(title)}</title><link>{escape(link)}</link>"
        f"<description>news</description><language>en</language>{entries}</channel></rss>"
    )


def atom(title: str, link: str, items: list[Item]) -> str:
    entries = "".join(
        f"<entry><title>{escape(i.title)}</title><link rel='alternate' href='{escape(i.url)}'/>"
        f"<id>{escape(i.url)}</id><updated>{i.date}T08:00:00Z</updated></entry>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><link href='{escape(link)}'/><id>{escape(link)}</id>"
        f"<updated>2025-06-30T00:00:00Z</updated>{entries}</feed>"
    )


def json_feed(title: str, link: str, items: list[Item]) -> str:
    import json

    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": title,
            "home_page_url": link,
            "items": [
                {
                    "id": i.url,
                    "url": i.url,
                    "title": i.title,
                    "date_published": f"{i.date}T08:00:00Z",
                }
                for i in items
            ],
        }
    )


def home_page(title: str, feed_path: str, feed_type: str = "application/rss+xml") -> str:
    """A site's front page that advertises its feed (and, first, a comments feed)."""
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>"
        '<link rel="alternate" type="application/rss+xml" title="Comments" href="/comments.xml">'
        f'<link rel="alternate" type="{feed_type}" title="{title}" href="{feed_path}">'
        f"</head><body><h1>{title}</h1><p>Today's news.</p></body></html>"
    )


def items_for(site: Site, numbers: range | list[int], prefix: str = "/news/") -> list[Item]:
    """Publish story pages ``numbers`` and list them as feed items, newest first."""
    found = []
    for n in numbers:
        path = f"{prefix}{n}.html"
        if path not in site.routes:
            site.put(path, story_page(n))
        found.append(Item(site.url(path), f"Harbour story number {n}", f"2025-06-{n % 28 + 1:02d}"))
    return list(reversed(found))
