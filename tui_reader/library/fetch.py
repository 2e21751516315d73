"""Fetching pages over HTTP with explicit limits.

Connect and read timeouts plus a wall-clock limit for the whole body, a size limit checked while
streaming (a 1 GB body is never read), a redirect limit, and a content-type check. Every failure
is a :class:`FetchError` whose message is one plain sentence for the user.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin, urlsplit

import urllib3

HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml")


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """Limits for one fetch."""

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = "tui-reader/0.1 (+https://example.invalid/tui-reader)"


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A page's bytes with what the server said about them."""

    final_url: str
    body: bytes
    content_type: str
    charset: str | None


class FetchError(Exception):
    """A page could not be fetched; the message is one sentence."""


def is_url(source: str) -> bool:
    """An http(s) URL with a host."""
    parts = urlsplit(source)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _content_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    msg = Message()
    msg["content-type"] = header
    return msg.get_content_type().lower(), msg.get_param("charset")  # type: ignore[return-value]


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB" if n >= 1024 * 1024 else f"{n / 1024:g} KB"


_POOL: urllib3.PoolManager | None = None


def _pool() -> urllib3.PoolManager:
    global _POOL
    if _POOL is None:
        _POOL = urllib3.PoolManager(num_pools=8, retries=False)
    return _POOL


def fetch(url: str, options: FetchOptions | None = None) -> FetchedPage:
    """GET ``url`` following at most ``max_redirects`` redirects; raise FetchError on failure."""
    options = options or FetchOptions()
    if not is_url(url):
        raise FetchError("not an http(s) URL")
    timeout = urllib3.Timeout(connect=options.connect_timeout, read=options.read_timeout)
    deadline = time.monotonic() + options.total_timeout
    seen: list[str] = []
    current = url
    while True:
        host = urlsplit(current).hostname or current
        try:
            response = _pool().request(
                "GET",
                current,
                headers={"User-Agent": options.user_agent, "Accept": "text/html,*/*;q=0.5"},
                timeout=timeout,
                redirect=False,
                preload_content=False,
                retries=False,
            )
        # Most specific first: in urllib3 2 NameResolutionError is a NewConnectionError, which
        # is a ConnectTimeoutError.
        except urllib3.exceptions.NameResolutionError:
            raise FetchError(f"unknown host {host}") from None
        except urllib3.exceptions.NewConnectionError:
            raise FetchError(f"cannot connect to {host}") from None
        except urllib3.exceptions.ConnectTimeoutError:
            raise FetchError(
                f"timed out after {options.connect_timeout:g} s connecting to {host}"
            ) from None
        except (urllib3.exceptions.ReadTimeoutError, TimeoutError):
            raise FetchError(
                f"timed out after {options.read_timeout:g} s waiting for {host}"
            ) from None
        except urllib3.exceptions.SSLError:
            raise FetchError(f"TLS error talking to {host}") from None
        except urllib3.exceptions.HTTPError as exc:
            raise FetchError(f"network error talking to {host} ({type(exc).__name__})") from None
        complete = False
        try:
            if response.status in (301, 302, 303, 307, 308):
                location = response.headers.get("Location")
                if not location:
                    raise FetchError(f"HTTP {response.status} redirect without a Location")
                seen.append(current)
                if len(seen) > options.max_redirects:
                    raise FetchError(f"more than {options.max_redirects} redirects")
                current = urljoin(current, location)
                if not is_url(current):
                    raise FetchError("redirected to something that is not an http(s) URL")
                continue
            if response.status >= 400:
                reason = response.reason or ""
                raise FetchError(f"HTTP {response.status} {reason}".strip())
            content_type, charset = _content_type(response.headers.get("Content-Type"))
            if content_type and not content_type.startswith(HTML_TYPES):
                raise FetchError(f"not an HTML page ({content_type})")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > options.max_bytes:
                raise FetchError(f"larger than the {_size(options.max_bytes)} limit")
            chunks, total = [], 0
            try:
                for chunk in response.stream(64 * 1024):
                    total += len(chunk)
                    if total > options.max_bytes:
                        raise FetchError(f"larger than the {_size(options.max_bytes)} limit")
                    if time.monotonic() > deadline:
                        raise FetchError(
                            f"timed out after {options.total_timeout:g} s reading from {host}"
                        )
                    chunks.append(chunk)
            except (urllib3.exceptions.ReadTimeoutError, TimeoutError):
                raise FetchError(
                    f"timed out after {options.read_timeout:g} s waiting for {host}"
                ) from None
            except urllib3.exceptions.ProtocolError:
                raise FetchError(f"the connection to {host} broke off") from None
            complete = True
            return FetchedPage(current, b"".join(chunks), content_type or "text/html", charset)
        finally:
            if not complete:
                # A body left unread (redirect, HTTP error, over the limit) would break the
                # next request on this pooled connection: close it instead of reusing it.
                response.close()
            response.release_conn()
