"""A loopback HTTP server that misbehaves: it trickles, stalls, lies about Content-Length, sends
endless headers and redirects in chains and cycles (fault tests; no network).

Every slow route runs at most ``LIMIT`` seconds and stops as soon as the fixture ends, so no
server thread outlives its test for long. ``tls_faulty`` is the same server over HTTPS, with a
second one that trickles its TLS handshake.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from httpserver import SEED_MT

LIMIT = 30.0
"""No route keeps a connection longer than this."""
STEP = 0.1
"""Seconds between two trickled bytes: under any read timeout, so only a total deadline ends
the fetch."""


@dataclass
class FaultServer:
    base: str
    stop: threading.Event
    served: list[tuple[str, int]]
    """(path, client port) of every request, in order: which ones shared a connection."""

    def url(self, path: str) -> str:
        return self.base + path


def _trickle(
    send: Callable[[bytes], object], data: bytes, stop: threading.Event, started: float
) -> bool:
    """``data`` one byte each STEP seconds; False when the test ended or LIMIT seconds passed
    since ``started`` before all of it was sent."""
    for i in range(len(data)):
        if stop.is_set() or time.monotonic() - started > LIMIT:
            return False
        send(data[i : i + 1])
        stop.wait(STEP)
    return True


def _handler(stop: threading.Event, served: list[tuple[str, int]]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = LIMIT  # a kept-alive connection waits no longer for its next request
        answered = 0
        """Requests answered on this connection (one handler a connection)."""

        def log_message(self, format: str, *args: object) -> None:
            pass

        def raw(self, data: bytes) -> None:
            self.wfile.write(data)
            self.wfile.flush()

        def wait(self, seconds: float) -> None:
            stop.wait(min(seconds, LIMIT))

        def trickle(self, data: bytes) -> None:
            """One byte each STEP seconds until the data, LIMIT or the test ends."""
            _trickle(self.raw, data, stop, time.monotonic())

        def head(self, length: int | None, extra: str = "") -> None:
            size = f"Content-Length: {length}\r\n" if length is not None else ""
            close = "Connection: close\r\n" if length is None else ""
            self.raw(
                f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n{size}{close}"
                f"{extra}\r\n".encode()
            )

        def redirect(self, location: str) -> None:
            self.raw(
                f"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\n\r\n".encode()
            )

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            served.append((path, self.client_address[1]))
            page = SEED_MT.read_bytes()
            if path.startswith("/keep-alive"):
                self.keep_alive(path, page)
                return
            routes: dict[str, Callable[[], None]] = {
                "/trickle-body": lambda: (self.head(len(page)), self.trickle(page)),
                "/trickle-body-unsized": lambda: (self.head(None), self.trickle(page)),
                "/trickle-headers": lambda: self.trickle(
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                    + b"".join(b"X-Pad-%d: y\r\n" % i for i in range(5000))
                ),
                "/stall-before-headers": lambda: self.wait(LIMIT),
                "/stall-after-headers": lambda: (self.head(len(page)), self.wait(LIMIT)),
                "/stall-mid-body": lambda: (
                    self.head(len(page)),
                    self.raw(page[:2000]),
                    self.wait(LIMIT),
                ),
                "/endless-headers": self.endless_headers,
                "/long-header-line": lambda: self.raw(
                    b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * (1024 * 1024) + b"\r\n\r\n"
                ),
                "/lie-short": lambda: (self.head(len(page) * 2), self.raw(page), self.hang_up()),
                "/lie-long": lambda: (self.head(100), self.raw(page)),
                "/lie-garbled": lambda: (
                    self.raw(b"HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n"),
                    self.raw(page),
                    self.hang_up(),
                ),
                "/not-http": lambda: (self.raw(b"hello there\r\n\r\n"), self.hang_up()),
                "/redirect-to-bad": lambda: self.redirect("http://[::1"),
                "/redirect-to-ftp": lambda: self.redirect("ftp://example.org/a.html"),
            }
            if path.startswith("/slow-chain/"):
                n = int(path.rsplit("/", 1)[1])
                self.wait(0.5)
                self.redirect(f"/slow-chain/{n + 1}" if n < 4 else "/page")
                return
            if path.startswith("/cycle/"):
                n = int(path.rsplit("/", 1)[1])
                self.redirect(f"/cycle/{(n + 1) % 3}")
                return
            route = routes.get(path)
            try:
                if route is not None:
                    route()
                else:
                    self.head(len(page))
                    self.raw(page)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True

        def endless_headers(self) -> None:
            self.raw(b"HTTP/1.1 200 OK\r\n")
            started = time.monotonic()
            i = 0
            while not stop.is_set() and time.monotonic() - started < LIMIT:
                self.raw(b"X-More-%d: yes\r\n" % i)
                i += 1

        def keep_alive(self, path: str, page: bytes) -> None:
            """Routes that keep the connection for the next request (the others close it after
            one). ``/keep-alive-once``: a second request on the connection is met by a hang-up
            without a reply, the server closing an idle connection just as the client reuses
            it. ``/keep-alive-slow``: the page in ten pieces over two seconds."""
            if path == "/keep-alive-once" and self.answered:
                self.close_connection = True
                return
            self.answered += 1
            self.head(len(page))
            if path == "/keep-alive-slow":
                for i in range(10):
                    self.raw(page[i * len(page) // 10 : (i + 1) * len(page) // 10])
                    self.wait(0.2)
            else:
                self.raw(page)

        def hang_up(self) -> None:
            self.connection.shutdown(socket.SHUT_RDWR)

    return Handler


class _Quiet(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@pytest.fixture
def faulty() -> Iterator[FaultServer]:
    """The misbehaving server on 127.0.0.1 (a free port)."""
    stop = threading.Event()
    served: list[tuple[str, int]] = []
    httpd = _Quiet(("127.0.0.1", 0), _handler(stop, served))
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield FaultServer(f"http://127.0.0.1:{httpd.server_address[1]}", stop, served)
    finally:
        stop.set()
        httpd.shutdown()
        httpd.server_close()


# -- the same over TLS -----------------------------------------------------------------------


@dataclass
class TLSFaultServer(FaultServer):
    slow_handshake: str
    """The URL of a server that answers the client's hello with its side of the TLS handshake
    one byte each STEP seconds: every read succeeds, the handshake never ends."""


@pytest.fixture(scope="session")
def tls_certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A throwaway self-signed certificate for 127.0.0.1 and its key, in a temporary
    directory (made by the openssl command; never kept)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("no openssl command to make a test certificate")
    directory = tmp_path_factory.mktemp("tls")
    cert, key = directory / "cert.pem", directory / "key.pem"
    command = [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
    command += ["-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2"]
    command += ["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]
    subprocess.run(command, check=True, capture_output=True)
    return cert, key


def _trickle_handshake(conn: socket.socket, context: ssl.SSLContext, stop: threading.Event) -> None:
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    tls = context.wrap_bio(incoming, outgoing, server_side=True)
    started = time.monotonic()
    with contextlib.suppress(OSError):  # the client gave up (ssl.SSLError is an OSError)
        while not stop.is_set() and time.monotonic() - started < LIMIT:
            data = conn.recv(64 * 1024)
            if not data:
                return
            incoming.write(data)
            with contextlib.suppress(ssl.SSLWantReadError):
                tls.do_handshake()
            if not _trickle(conn.sendall, outgoing.read(), stop, started):
                return


class _QuietTLS(_Quiet):
    """The fault server's routes over TLS (``trickle`` False), or the handshake trickled."""

    context: ssl.SSLContext
    stop: threading.Event
    trickle = False

    def finish_request(self, request: socket.socket, client_address: object) -> None:  # type: ignore[override]
        # in the connection's own thread: a slow handshake holds up no other connection
        request.settimeout(LIMIT)
        if self.trickle:
            _trickle_handshake(request, self.context, self.stop)
            return
        try:
            tls = self.context.wrap_socket(request, server_side=True)
        except OSError:  # a client that does not trust the certificate hangs up
            return
        with tls:
            self.RequestHandlerClass(tls, client_address, self)  # type: ignore[arg-type]


@pytest.fixture
def tls_faulty(
    tls_certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> Iterator[TLSFaultServer]:
    """The misbehaving server over HTTPS on 127.0.0.1, trusted by fetches in this test: urllib3
    loads the system's CAs for each new connection, and OpenSSL takes them from
    ``SSL_CERT_FILE`` (here the test certificate alone); verification stays on."""
    cert, key = tls_certificate
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    stop = threading.Event()
    served: list[tuple[str, int]] = []
    servers = []
    for trickle in (False, True):
        httpd = _QuietTLS(("127.0.0.1", 0), _handler(stop, served))
        httpd.context, httpd.stop, httpd.trickle = context, stop, trickle
        threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
        servers.append(httpd)
    routes, handshake = (f"https://127.0.0.1:{httpd.server_address[1]}" for httpd in servers)
    try:
        yield TLSFaultServer(routes, stop, served, handshake + "/page")
    finally:
        stop.set()
        for httpd in servers:
            httpd.shutdown()
            httpd.server_close()
