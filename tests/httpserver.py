"""A local HTTP server with good and bad pages, for fetch and ``add`` tests (no network).

``server.url("/latin1")`` is the address of a route; ``server.flip()`` switches ``/changed`` from
version A of its article to version B.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

SEEDS = (Path(__file__).resolve().parents[2] / "shared" / "seeds").resolve()
SEED_MT = SEEDS / "moscowtimes-2025-05-29.html"
SEED_NOV = SEEDS / "novinite-2025-05-30.html"

SLOW_SECONDS = 3.0
BIG_BYTES = 11 * 1024 * 1024  # over FetchOptions().max_bytes (10 MB)

FILLER = [
    "The council met on Tuesday evening in the old town hall to discuss the budget for next "
    "year, which includes new spending on schools, roads and the harbour.",
    "Several members of the opposition argued that the plan was rushed and that residents had "
    "not been given enough time to read the documents before the vote.",
    "Officials said the harbour project alone would cost around twelve million euros over five "
    "years, most of it paid for by a loan from a regional development bank.",
    "Local business owners, many of whom attended the meeting, said they welcomed the new "
    "investment but worried about months of construction near the waterfront.",
    "The final vote is expected next month, after a round of public hearings in each of the "
    "city's four districts and a review by the regional audit office.",
]


def article_html(
    title: str,
    paragraphs: list[str],
    *,
    meta_charset: str | None = "utf-8",
    site: str = "Harbour Gazette",
    date: str = "2025-06-02",
) -> str:
    """A plain news page that trafilatura extracts: headline, date, several paragraphs."""
    meta = f'<meta charset="{meta_charset}">' if meta_charset else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head>{meta}<title>{title}</title>'
        f'<meta property="og:title" content="{title}">'
        f'<meta property="og:site_name" content="{site}">'
        f'<meta property="article:published_time" content="{date}"></head>\n'
        f'<body><header><nav><a href="/">Home</a></nav></header><main><article>'
        f"<h1>{title}</h1><time datetime='{date}'>{date}</time>\n{body}\n"
        f"</article></main><footer><p>All rights reserved.</p></footer></body></html>\n"
    )


LATIN1_PARAGRAPHS = [
    '"We will build the new bridge before the winter," Muñoz said on Monday at the town hall.',
    *FILLER,
    "Muñoz, who has led the council since 2021, added that the contract would be signed in "
    "July and that work could start in the first days of August if the weather allowed it.",
]
LATIN1_HTML = article_html("Muñoz promises a bridge", LATIN1_PARAGRAPHS, meta_charset=None)
LATIN1_META_HTML = article_html(
    "Muñoz promises a bridge again", LATIN1_PARAGRAPHS, meta_charset="iso-8859-1"
)

ESCAPE_PARAGRAPHS = [
    "The mayor read a statement \x1b[31min red\x1b[0m to the reporters outside the building.",
    "A second line tried to set the terminal title \x1b]0;pwned title\x07 and failed quietly.",
    "C1 controls such as \x9b31m and \x85 and \x90dcs\x9c must not reach the terminal either.",
    "The page also says [bold]not markup[/bold] and [red]still text[/red], which is plain text.",
    *FILLER,
]
ESCAPES_HTML = article_html("Escapes in the news", ESCAPE_PARAGRAPHS)

CHANGED_A = article_html("The changing story", ["Version A opens the story today.", *FILLER])
CHANGED_B = article_html(
    "The changing story",
    ["Version B opens the story today, with a correction.", *FILLER],
)

GARBAGE = random.Random(7).randbytes(20_000)


@dataclass
class Server:
    """The running server: its base URL and the switch for ``/changed``."""

    base: str
    state: dict[str, bool] = field(default_factory=lambda: {"changed": False})

    def url(self, path: str) -> str:
        return self.base + path

    def flip(self) -> None:
        self.state["changed"] = True


def _handler(state: dict[str, bool]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def send(self, status: int, body: bytes, content_type: str = "text/html") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def redirect(self, location: str) -> None:
            self.send_response(302)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def big(self, declare: bool) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            if declare:
                self.send_header("Content-Length", str(BIG_BYTES))
            else:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            chunk = b"<p>" + b"x" * (64 * 1024 - 8) + b"</p>\n"
            sent = 0
            while sent < BIG_BYTES:
                self.wfile.write(chunk)
                sent += len(chunk)

        def do_GET(self) -> None:
            routes: dict[str, Callable[[], None]] = {
                "/seed-mt.html": lambda: self.send(200, SEED_MT.read_bytes(), HTML_UTF8),
                "/seed-nov.html": lambda: self.send(200, SEED_NOV.read_bytes(), HTML_UTF8),
                "/redirect": lambda: self.redirect("/seed-mt.html"),
                "/404": lambda: self.send(404, b"<h1>Not Found</h1>"),
                "/500": lambda: self.send(500, b"<h1>Server Error</h1>"),
                "/slow": self.slow,
                "/loop": lambda: self.redirect("/loop"),
                "/pdf": lambda: self.send(
                    200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" * 50, "application/pdf"
                ),
                "/big": lambda: self.big(declare=False),
                "/big-declared": lambda: self.big(declare=True),
                "/empty": lambda: self.send(200, b"<html><body></body></html>"),
                "/garbage": lambda: self.send(200, GARBAGE),
                "/latin1": lambda: self.send(
                    200, LATIN1_HTML.encode("latin-1"), "text/html; charset=iso-8859-1"
                ),
                "/latin1-meta": lambda: self.send(200, LATIN1_META_HTML.encode("latin-1")),
                "/escapes": lambda: self.send(200, ESCAPES_HTML.encode("utf-8"), HTML_UTF8),
                "/changed": lambda: self.send(
                    200, (CHANGED_B if state["changed"] else CHANGED_A).encode(), HTML_UTF8
                ),
            }
            route = routes.get(self.path.split("?")[0])
            try:
                if route is None:
                    self.send(404, b"<h1>Not Found</h1>")
                else:
                    route()
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client stopped reading (size limit)

        def slow(self) -> None:
            time.sleep(SLOW_SECONDS)
            self.send(200, SEED_MT.read_bytes(), HTML_UTF8)

    return Handler


HTML_UTF8 = "text/html; charset=utf-8"


class _Quiet(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that hang up early (timeouts, size limits) are part of the tests


@pytest.fixture
def server() -> Iterator[Server]:
    """A ThreadingHTTPServer on 127.0.0.1 (a free port) in a daemon thread."""
    state = {"changed": False}
    httpd = _Quiet(("127.0.0.1", 0), _handler(state))
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{httpd.server_address[1]}", state)
    finally:
        httpd.shutdown()
        httpd.server_close()
