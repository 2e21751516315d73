"""A loopback HTTP server whose pages a test writes and rewrites (``pages["/a"] = html``), for
re-fetch tests: an edited page, a correction that must survive it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Pages:
    """The server's base URL and its pages by path."""

    base: str
    pages: dict[str, str] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return self.base + path

    def __setitem__(self, path: str, html: str) -> None:
        self.pages[path] = html


def _handler(pages: dict[str, str]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            html = pages.get(self.path.split("?")[0])
            body = (html or "<h1>Not Found</h1>").encode("utf-8")
            self.send_response(200 if html is not None else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@pytest.fixture
def pages() -> Iterator[Pages]:
    """A ThreadingHTTPServer on 127.0.0.1 serving what the test puts in it."""
    served: dict[str, str] = {}
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(served))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield Pages(f"http://127.0.0.1:{httpd.server_address[1]}", served)
    finally:
        httpd.shutdown()
        httpd.server_close()
