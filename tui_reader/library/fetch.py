"""Fetching pages over HTTP with explicit limits.

One total deadline for the whole fetch (connecting, headers, body and every redirect), a size
limit checked while streaming (a 1 GB body is never read), a redirect limit, and a content-type
check. Every failure is a :class:`FetchError` whose message is one plain sentence for the user.

urllib3's timeouts bound each connect and each read, so a server that sends one byte a second
never trips them. The deadline is enforced under urllib3, on the sockets themselves: every
socket a fetch uses is registered with a watchdog timer that shuts it down when the time is up,
which ends any read in progress however the server paces its bytes (TLS included, and the
handshake too, whose own timeout starts only after name resolution and the TCP connect). Name
resolution comes before there is a socket to cut: the host is looked up in a thread of its own
that the fetch waits for only as long as it has left (a hanging resolver is left to finish
alone, holding nothing of the fetch), and the TCP connect then waits at most the time left.

Connections are kept alive in one pool shared by every fetch (and every thread). A socket is
watched only while its fetch holds it: going back to the pool it leaves that fetch's deadline,
so a watchdog firing late never cuts a connection another fetch has taken since, and one whose
deadline has expired (its socket perhaps cut) is closed instead of pooled. A request that the
server of a kept-alive connection hung up on (no reply at all) is sent again on another
connection, as HTTP clients do: a server closes idle connections when it likes.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from email.message import Message
from typing import Any
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    LocationParseError,
    NameResolutionError,
    NewConnectionError,
)
from urllib3.util.connection import allowed_gai_family
from urllib3.util.timeout import _DEFAULT_TIMEOUT

from tui_reader.library.models import Validators
from tui_reader.library.sources import SourceError, check_url, size_text

HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/json",
    "application/xml",
    "text/xml",
    "text/html",  # a site's page, whose advertised feed is looked for
    "application/xhtml+xml",
    "text/plain",  # feeds served by servers that know no better
)
"""What ``feed add`` and a feed's refresh accept (``FetchOptions.accept``)."""
DEFAULT_TOTAL_TIMEOUT = 30.0
"""Seconds for a whole fetch by default (``add --timeout`` changes it)."""


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """Limits for one fetch. ``total_timeout`` is the deadline for everything; the connect and
    read timeouts (each at most the deadline) end a silent server sooner."""

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = DEFAULT_TOTAL_TIMEOUT
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = "tui-reader/0.1 (+https://example.invalid/tui-reader)"
    accept: tuple[str, ...] = HTML_TYPES
    """Content types taken (prefixes); anything else is "not an HTML page"."""

    @classmethod
    def with_deadline(cls, seconds: float) -> FetchOptions:
        """The defaults with a total deadline of ``seconds`` (``add --timeout``)."""
        default = cls()
        return cls(
            connect_timeout=min(default.connect_timeout, seconds),
            read_timeout=min(default.read_timeout, seconds),
            total_timeout=seconds,
        )


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A page's bytes with what the server said about them. ``not_modified``: the server
    answered 304 to a conditional request, and ``body`` is empty."""

    final_url: str
    body: bytes
    content_type: str
    charset: str | None
    validators: Validators = field(default_factory=Validators)
    not_modified: bool = False


class FetchError(Exception):
    """A page could not be fetched; the message is one sentence."""


def _content_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    msg = Message()
    msg["content-type"] = header
    return msg.get_content_type().lower(), msg.get_param("charset")  # type: ignore[return-value]


# -- the deadline ----------------------------------------------------------------------------


class Deadline:
    """A watchdog for one fetch: at the deadline it shuts down every socket registered with it.

    Shutting a socket down (not closing it: the descriptor stays valid for the thread that is
    reading) makes a blocked ``recv`` return at once, so no pacing of bytes can outlast it.
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.ends = time.monotonic() + seconds
        self.expired = False
        self._cancelled = False
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        return max(0.0, self.ends - time.monotonic())

    def spent(self) -> bool:
        """Expired, or about to: a read timeout clamped to the time left fires a moment
        before the watchdog, and is the deadline all the same."""
        return self.expired or self.remaining() < 0.05

    def watch(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            if self.expired:
                _cut(sock)
            elif sock not in self._sockets:
                self._sockets.append(sock)

    def release(self, sock: socket.socket) -> bool:
        """Stop watching ``sock``, whose connection goes back to the pool, where another
        fetch may take it. False if the deadline has expired: the socket may have been cut,
        and must not be reused."""
        with self._lock:
            with contextlib.suppress(ValueError):
                self._sockets.remove(sock)
            return not self.expired

    def _expire(self) -> None:
        with self._lock:
            if self._cancelled:  # the timer lost the race with cancel(): the fetch is over
                return
            self.expired = True
            for sock in self._sockets:
                _cut(sock)

    def cancel(self) -> None:
        """The fetch is over: once this returns, the watchdog cuts nothing."""
        self._timer.cancel()
        with self._lock:
            self._cancelled = True
            self._sockets.clear()


def _cut(sock: socket.socket) -> None:
    # the plain socket's shutdown, also under a TLS socket (whose own shutdown would tear
    # down its state under the reading thread); OSError: already closed or never connected
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


_current = threading.local()
"""The deadline of the fetch running in this thread (connections are used by one thread)."""


def _watch(sock: socket.socket | None) -> None:
    deadline: Deadline | None = getattr(_current, "deadline", None)
    if deadline is not None:
        deadline.watch(sock)


class _LookupTimeout(ConnectTimeoutError):
    """The host's name was not looked up within the time the fetch had left."""


_Address = tuple[socket.AddressFamily, socket.SocketKind, int, str, tuple[Any, ...]]


def _resolve(host: str, port: int) -> list[_Address]:
    """``getaddrinfo`` as urllib3 calls it, within the current fetch's time left. The lookup
    runs in a daemon thread: on a timeout it is left to finish alone (it holds no socket and
    nothing else of the fetch), and the fetch goes on to report its deadline."""
    family = allowed_gai_family()
    deadline: Deadline | None = getattr(_current, "deadline", None)
    if deadline is None:
        return socket.getaddrinfo(host, port, family, socket.SOCK_STREAM)
    answer: list[list[_Address] | BaseException] = []

    def lookup() -> None:
        try:
            answer.append(socket.getaddrinfo(host, port, family, socket.SOCK_STREAM))
        except BaseException as exc:  # handed to the fetch's thread
            answer.append(exc)

    worker = threading.Thread(target=lookup, name=f"lookup {host}", daemon=True)
    worker.start()
    worker.join(deadline.remaining())
    if not answer:
        raise _LookupTimeout(f"looking up {host} outlasted the deadline")
    result = answer[0]
    if isinstance(result, BaseException):
        raise result
    return result


def _connect(
    addresses: list[_Address],
    timeout: float | object | None,
    source_address: tuple[str, int] | None,
    socket_options: list[tuple[int, int, int | bytes]] | None,
) -> socket.socket:
    """urllib3's ``create_connection`` given the addresses: each tried in turn, the connect
    waiting at most the current fetch's time left (the socket's timeout is then urllib3's)."""
    deadline: Deadline | None = getattr(_current, "deadline", None)
    error: OSError = OSError("getaddrinfo returns an empty list")
    for family, kind, proto, _, address in addresses:
        sock = socket.socket(family, kind, proto)
        try:
            for option in socket_options or ():
                sock.setsockopt(*option)
            if timeout is not _DEFAULT_TIMEOUT:
                sock.settimeout(timeout)  # type: ignore[arg-type]
            if source_address:
                sock.bind(source_address)
            wait = sock.gettimeout()
            if deadline is not None:
                left = max(deadline.remaining(), 0.001)  # 0 would make the socket non-blocking
                sock.settimeout(left if wait is None else min(wait, left))
            sock.connect(address)
            sock.settimeout(wait)
            return sock
        except OSError as exc:
            sock.close()
            error = exc
        except BaseException:
            sock.close()
            raise
    raise error


class _Watched:
    """A connection whose sockets the current fetch's deadline watches: new ones, and a
    kept-alive one reused by this fetch. ``_current.reused`` tells the fetch whether its
    request went out on a kept-alive socket (one that has carried a request before).

    A new socket is made as urllib3 makes it (``HTTPConnection._new_conn``), but with the name
    looked up and the TCP connect made within the fetch's time left. Only the socket's
    address comes of the lookup: the Host header, SNI and the certificate check still use the
    URL's host (``self.host``)."""

    sock: socket.socket | None
    _used = False
    _dns_host: str
    host: str
    port: int
    timeout: float | None
    source_address: tuple[str, int] | None
    socket_options: list[tuple[int, int, int | bytes]] | None

    def _new_conn(self) -> socket.socket:
        host = self._dns_host
        if host.startswith("["):
            host = host.strip("[]")
        try:
            host.encode("idna")
        except UnicodeError:
            raise LocationParseError(f"'{host}', label empty or too long") from None
        try:
            sock = _connect(
                _resolve(host, self.port), self.timeout, self.source_address, self.socket_options
            )
        except socket.gaierror as exc:
            raise NameResolutionError(self.host, self, exc) from exc  # type: ignore[arg-type]
        except TimeoutError as exc:
            raise ConnectTimeoutError(
                self, f"Connection to {self.host} timed out. (connect timeout={self.timeout})"
            ) from exc
        except OSError as exc:
            raise NewConnectionError(
                self,  # type: ignore[arg-type]
                f"Failed to establish a new connection: {exc}",
            ) from exc
        sys.audit("http.client.connect", self, self.host, self.port)
        self._used = False
        _watch(sock)
        return sock

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        _watch(self.sock)  # over TLS, the socket the SSL layer made of the plain one

    def request(self, *args: Any, **kwargs: Any) -> None:
        _current.reused = self.sock is not None and self._used
        _watch(self.sock)
        super().request(*args, **kwargs)  # type: ignore[misc]
        self._used = True


class _WatchedHTTPConnection(_Watched, HTTPConnection):
    pass


class _WatchedHTTPSConnection(_Watched, HTTPSConnection):
    """The TLS handshake runs inside ``connect`` on an SSL socket made of the plain one, which
    it empties (``detach``) first: a cut of the plain socket then does nothing. Meanwhile the
    deadline watches a duplicate of its descriptor (a shutdown ends the connection whichever
    descriptor names it), closed once the handshake is over; the SSL socket is watched from
    then on."""

    _handshake: tuple[Deadline, socket.socket, socket.socket] | None = None
    """While connecting: the deadline, the plain socket and the duplicate it watches."""

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        deadline: Deadline | None = getattr(_current, "deadline", None)
        if deadline is not None:
            duplicate = sock.dup()
            self._handshake = (deadline, sock, duplicate)
            deadline.watch(duplicate)
        return sock

    def connect(self) -> None:
        try:
            super().connect()
        finally:
            if self._handshake is not None:
                (deadline, plain, duplicate), self._handshake = self._handshake, None
                # released before it is closed: the watchdog never cuts a closed descriptor
                # (its number may already name another socket)
                deadline.release(duplicate)
                deadline.release(plain)
                duplicate.close()


class _ReleasedPool:
    """A pool whose connections leave the current fetch's deadline as they come back (always
    in the thread of that fetch): no deadline watches a pooled socket, so none can cut it under
    the next fetch, in this thread or another. A connection whose deadline has expired is
    closed instead: its socket may be cut, and a cut socket reads as a server hanging up."""

    def _put_conn(self, conn: HTTPConnection | None) -> None:
        if conn is not None and conn.sock is not None:
            deadline: Deadline | None = getattr(_current, "deadline", None)
            if deadline is not None and not deadline.release(conn.sock):
                conn.close()
        super()._put_conn(conn)  # type: ignore[misc]


class _WatchedHTTPPool(_ReleasedPool, HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(_ReleasedPool, HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


_POOL: urllib3.PoolManager | None = None


def _pool() -> urllib3.PoolManager:
    global _POOL
    if _POOL is None:
        pool = urllib3.PoolManager(num_pools=8, retries=False)
        pool.pool_classes_by_scheme = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}
        _POOL = pool
    return _POOL


def _forget_pool() -> None:
    """In a forked child: a pool of its own. The parent's kept-alive connections are the
    parent's; two processes reading one socket get each other's replies (a refresh fetches its
    feeds, then forks the workers that fetch the items)."""
    global _POOL
    _POOL = None


os.register_at_fork(after_in_child=_forget_pool)


# -- fetching ------------------------------------------------------------------------------


def fetch(
    url: str, options: FetchOptions | None = None, validators: Validators | None = None
) -> FetchedPage:
    """GET ``url`` following at most ``max_redirects`` redirects, all within
    ``total_timeout`` seconds; raise FetchError on failure.

    With ``validators`` the request is conditional (``If-None-Match``, ``If-Modified-Since``):
    a ``304`` gives a page with ``not_modified`` set and no body, within the same deadline.
    """
    options = options or FetchOptions()
    try:
        url = check_url(url)
    except SourceError as exc:
        raise FetchError(str(exc)) from None
    deadline = Deadline(options.total_timeout)
    _current.deadline = deadline
    try:
        return _fetch(url, options, deadline, validators or Validators())
    finally:
        _current.deadline = None
        deadline.cancel()


def _server_hung_up(exc: Exception) -> bool:
    """The request went out on a kept-alive connection and the server closed it without a
    reply: it had hung up on the idle connection, or did so as the request arrived (urllib3's
    check before reusing a connection cannot see a close still on its way). Nothing was
    answered and a GET may be repeated: it is sent again on another connection."""
    if not getattr(_current, "reused", False):
        return False  # on a new connection it is the server's answer: "broke off"
    cause = exc.args[1] if len(exc.args) > 1 else None
    return isinstance(exc, urllib3.exceptions.ProtocolError) and isinstance(cause, ConnectionError)


def _timed_out(options: FetchOptions, host: str, started_body: bool) -> FetchError:
    if started_body:
        return FetchError(
            f"timed out after {options.total_timeout:g} s reading from {host} "
            "(the whole page must arrive within the time limit)"
        )
    return FetchError(f"timed out after {options.total_timeout:g} s waiting for {host}")


def _validators(headers: Any) -> Validators:
    def one(name: str) -> str | None:
        value = headers.get(name)
        # a validator is sent back verbatim: one short printable line, or none at all
        if not value or len(value) > 512 or not value.isprintable():
            return None
        return str(value).strip() or None

    return Validators(one("ETag"), one("Last-Modified"))


def _fetch(
    url: str, options: FetchOptions, deadline: Deadline, validators: Validators
) -> FetchedPage:
    seen: list[str] = []
    accept = "text/html,*/*;q=0.5"
    if options.accept != HTML_TYPES:
        accept = ",".join(t for t in options.accept if t != "text/plain") + ",*/*;q=0.5"
    current = url
    resent = 0
    while True:
        host = urlsplit(current).hostname or current
        remaining = deadline.remaining()
        if deadline.spent():
            raise _timed_out(options, host, started_body=False)
        # each wait at most what is left, so that urllib3's own timeout usually fires first
        timeout = urllib3.Timeout(
            connect=min(options.connect_timeout, remaining),
            read=min(options.read_timeout, remaining),
        )
        _current.reused = False
        try:
            response = _pool().request(
                "GET",
                current,
                headers={
                    "User-Agent": options.user_agent,
                    "Accept": accept,
                    **validators.headers(),
                },
                timeout=timeout,
                redirect=False,
                preload_content=False,
                retries=False,
            )
        except Exception as exc:
            # the failed connection is discarded: the request goes out again on another
            # pooled one (other threads' fetches pool theirs too) or a new one, twice at most
            if _server_hung_up(exc) and not deadline.spent() and resent < 2:
                resent += 1
                continue
            raise _request_error(exc, options, host, deadline) from None
        complete = False
        try:
            if response.status in (301, 302, 303, 307, 308):
                location = response.headers.get("Location")
                if not location:
                    raise FetchError(f"HTTP {response.status} redirect without a Location")
                seen.append(current)
                if len(seen) > options.max_redirects:
                    raise FetchError(f"more than {options.max_redirects} redirects")
                try:
                    current = check_url(urljoin(current, location))
                except (SourceError, ValueError):
                    raise FetchError("redirected to something that is not an http(s) URL") from None
                continue
            if response.status == 304 and validators:
                complete = True  # a 304 has no body
                fresh = _validators(response.headers) or validators
                return FetchedPage(current, b"", "", None, fresh, not_modified=True)
            if response.status >= 400:
                reason = response.reason or ""
                raise FetchError(f"HTTP {response.status} {reason}".strip())
            content_type, charset = _content_type(response.headers.get("Content-Type"))
            if content_type and not content_type.startswith(options.accept):
                what = "an HTML page" if options.accept == HTML_TYPES else "a feed or a web page"
                raise FetchError(f"not {what} ({content_type})")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > options.max_bytes:
                raise FetchError(f"larger than the {size_text(options.max_bytes)} limit")
            chunks, total = [], 0
            try:
                for chunk in response.stream(64 * 1024):
                    total += len(chunk)
                    if total > options.max_bytes:
                        raise FetchError(f"larger than the {size_text(options.max_bytes)} limit")
                    chunks.append(chunk)
            except FetchError:
                raise
            except Exception as exc:
                if deadline.spent():
                    raise _timed_out(options, host, started_body=True) from None
                if isinstance(exc, urllib3.exceptions.ReadTimeoutError | TimeoutError):
                    raise FetchError(
                        f"timed out after {options.read_timeout:g} s waiting for {host}"
                    ) from None
                if isinstance(exc, urllib3.exceptions.HTTPError | http.client.HTTPException):
                    raise FetchError(f"the connection to {host} broke off") from None
                raise
            if deadline.expired:  # a body without a length ends at the cut: it is not whole
                raise _timed_out(options, host, started_body=True)
            complete = True
            return FetchedPage(
                current,
                b"".join(chunks),
                content_type or "text/html",
                charset,
                _validators(response.headers),
            )
        finally:
            if not complete:
                # A body left unread (redirect, HTTP error, over the limit) would break the
                # next request on this pooled connection: close it instead of reusing it.
                response.close()
            response.release_conn()


def _request_error(
    exc: Exception, options: FetchOptions, host: str, deadline: Deadline
) -> FetchError | Exception:
    """The sentence for a failure before the response headers were read."""
    errors = urllib3.exceptions
    if isinstance(exc, _LookupTimeout):
        return FetchError(f"timed out after {options.total_timeout:g} s looking up {host}")
    if deadline.spent():
        return _timed_out(options, host, started_body=False)
    # Most specific first: in urllib3 2 NameResolutionError is a NewConnectionError, which
    # is a ConnectTimeoutError.
    if isinstance(exc, errors.NameResolutionError):
        return FetchError(f"unknown host {host}")
    if isinstance(exc, errors.NewConnectionError):
        return FetchError(f"cannot connect to {host}")
    if isinstance(exc, errors.ConnectTimeoutError):
        return FetchError(f"timed out after {options.connect_timeout:g} s connecting to {host}")
    if isinstance(exc, errors.ReadTimeoutError | TimeoutError):
        return FetchError(f"timed out after {options.read_timeout:g} s waiting for {host}")
    if isinstance(exc, errors.SSLError):
        return FetchError(f"TLS error talking to {host}")
    if isinstance(exc, errors.LocationParseError | ValueError):
        return FetchError("not a valid http(s) URL")
    if isinstance(exc, errors.ProtocolError | http.client.HTTPException):
        # headers over http.client's limits (100 headers, 64 KB a line), a reply that is not
        # HTTP, or a connection closed before the status line
        cause = exc.args[1] if len(exc.args) > 1 else exc
        if isinstance(cause, http.client.LineTooLong | http.client.HTTPException) and not (
            isinstance(cause, http.client.RemoteDisconnected)
        ):
            return FetchError(f"{host} sent a malformed HTTP reply ({type(cause).__name__})")
        return FetchError(f"the connection to {host} broke off")
    if isinstance(exc, errors.HTTPError):
        return FetchError(f"network error talking to {host} ({type(exc).__name__})")
    return exc
