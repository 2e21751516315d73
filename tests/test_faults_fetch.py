"""One total deadline for a fetch, headers included, however the server paces its bytes (over
TLS too, the handshake included); and replies that lie (Content-Length, endless headers, not
HTTP) end in one line, not a hang or a traceback. The server is on loopback (faultserver.py)."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest
from conftest import SEEDS
from faultserver import FaultServer, TLSFaultServer
from faulttools import assert_one_line_error, run_cli

from tui_reader.library.fetch import Deadline, FetchError, FetchOptions, fetch
from tui_reader.library.ingest import ingest_one
from tui_reader.library.store import Store

DEADLINE = 1.5
HANG_GUARD = 20.0
"""Generous: the machine is shared. A hang is 30 s (the server's own limit) or for ever."""
OPTIONS = FetchOptions(connect_timeout=DEADLINE, read_timeout=DEADLINE, total_timeout=DEADLINE)


def fetch_within(url: str, options: FetchOptions = OPTIONS) -> str:
    """The FetchError message of fetching ``url``; fails (instead of hanging) when the fetch
    outlives the hang guard."""
    box: dict[str, object] = {}

    def target() -> None:
        try:
            fetch(url, options)
            box["result"] = "fetched"
        except Exception as exc:
            box["result"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    # a guard against a hang (the fault under test), far above the deadline; which deadline
    # ended the fetch is asserted from its message, never from the clock
    thread.join(HANG_GUARD)
    if thread.is_alive():
        pytest.fail(f"{url}: still fetching after {HANG_GUARD:g} s (a {DEADLINE:g} s deadline)")
    error = box["result"]
    assert isinstance(error, FetchError), error
    message = str(error)
    assert message and "\n" not in message and error.__cause__ is None
    return message


@pytest.mark.parametrize(
    "path",
    [
        "/trickle-body",  # one byte each 0.1 s: every read succeeds, the whole never ends
        "/trickle-body-unsized",  # the same without Content-Length (ends at the close)
        "/trickle-headers",  # the status line and headers one byte at a time
        "/stall-before-headers",
        "/stall-after-headers",
        "/stall-mid-body",
        "/slow-chain/0",  # five redirects, each 0.5 s: slow in total only
    ],
)
def test_one_deadline_for_the_whole_fetch(faulty: FaultServer, path: str) -> None:
    message = fetch_within(faulty.url(path))
    assert message.startswith(f"timed out after {DEADLINE:g} s"), message


def test_a_long_deadline_does_not_cut_a_slow_but_finite_page(faulty: FaultServer) -> None:
    # The chain takes ~2.5 s: inside a 20 s deadline it is fetched whole.
    roomy = FetchOptions(connect_timeout=5, read_timeout=5, total_timeout=20)
    page = fetch(faulty.url("/slow-chain/0"), roomy)
    assert page.body == (SEEDS / "moscowtimes-2025-05-29.html").read_bytes()
    assert page.final_url.endswith("/page")


def test_the_watchdog_leaves_later_fetches_alone(faulty: FaultServer) -> None:
    fetch_within(faulty.url("/stall-after-headers"))
    for _ in range(3):  # pooled connections reused after a cut still work
        assert fetch(faulty.url("/page"), OPTIONS).body.startswith(b"<!DOCTYPE")


def test_a_kept_alive_connection_the_server_hung_up_on_is_fetched_again(
    faulty: FaultServer,
) -> None:
    # What made the test above flaky, made certain: the fault server closes every connection
    # after one reply without saying so, and a fetch that reused the connection before the
    # close arrived got no reply ("broke off"). Real servers close idle connections too.
    url = faulty.url("/keep-alive-once")
    for _ in range(3):
        assert fetch(url, OPTIONS).body.startswith(b"<!DOCTYPE")
    ports = [port for _, port in faulty.served]
    # each later fetch went out on the kept-alive connection, was hung up on, and was sent
    # again on a new one
    assert len(ports) == 5 and ports[0] == ports[1] != ports[2] == ports[3] != ports[4]


def test_a_deadline_firing_late_cuts_no_connection_back_in_the_pool(
    faulty: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A fetch's watchdog may fire after the fetch has put its connection back in the pool and
    # before it cancels the watchdog; meanwhile another thread's fetch (feeds are fetched in
    # threads) may have taken that connection. The watchdog must not cut it under that fetch.
    cancel = Deadline.cancel
    pooled = threading.Event()

    def late(self: Deadline) -> None:
        if threading.current_thread().name == "early":
            pooled.set()
            time.sleep(self.remaining() + 0.3)  # the watchdog fires first
        cancel(self)

    monkeypatch.setattr(Deadline, "cancel", late)
    short = FetchOptions(connect_timeout=1, read_timeout=1, total_timeout=1)
    early = threading.Thread(
        target=fetch, args=(faulty.url("/keep-alive"), short), name="early", daemon=True
    )
    early.start()
    assert pooled.wait(HANG_GUARD)
    # two seconds of body on the early fetch's connection, across the early fetch's deadline
    page = fetch(faulty.url("/keep-alive-slow"), FetchOptions(total_timeout=HANG_GUARD))
    assert page.body == (SEEDS / "moscowtimes-2025-05-29.html").read_bytes()
    early.join(HANG_GUARD)
    (_, first), (_, second) = faulty.served
    assert first == second  # one connection: the slow page reused the early fetch's


@pytest.mark.parametrize(
    "path",
    [
        "handshake",  # the server's side of the TLS handshake one byte each 0.1 s
        "/trickle-body",  # after the handshake, through the TLS socket
        "/trickle-headers",
    ],
)
def test_one_deadline_for_an_https_fetch_tls_included(
    tls_faulty: TLSFaultServer, path: str
) -> None:
    url = tls_faulty.slow_handshake if path == "handshake" else tls_faulty.url(path)
    started = time.monotonic()
    message = fetch_within(url)
    elapsed = time.monotonic() - started
    assert message.startswith(f"timed out after {DEADLINE:g} s"), message
    # the clock too: a failure after the deadline is reported as the deadline whatever ended it
    assert elapsed < DEADLINE + 1.0, f"{url}: ended after {elapsed:.1f} s"


def test_a_tls_handshake_starting_late_is_cut_at_the_deadline(
    tls_faulty: TLSFaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The handshake's own timeout (the connect timeout, clamped to the time left when the
    # request began) starts only after name resolution and the TCP connect: after a slow
    # resolver it would run past the deadline (by 1.2 s here); the watchdog cuts it there.
    resolve = socket.getaddrinfo

    def slow(*args: object, **kwargs: object) -> object:
        time.sleep(1.2)
        return resolve(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", slow)
    started = time.monotonic()
    message = fetch_within(tls_faulty.slow_handshake)
    elapsed = time.monotonic() - started
    assert message == f"timed out after {DEADLINE:g} s waiting for 127.0.0.1", message
    assert elapsed < DEADLINE + 1.0, f"ended after {elapsed:.1f} s"


def slow_resolver(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    """``slow.invalid`` takes ``seconds`` to look up, then names 127.0.0.1 (the fault
    server); ``nowhere.invalid`` is unknown; other names are looked up as usual."""
    resolve = socket.getaddrinfo

    def lookup(host: object, *args: object, **kwargs: object) -> object:
        if host == "nowhere.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        if host == "slow.invalid":
            time.sleep(seconds)
            host = "127.0.0.1"
        return resolve(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", lookup)


def on_host(url: str, host: str) -> str:
    return url.replace("127.0.0.1", host, 1)


def assert_a_hanging_lookup_is_cut(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fetching ``url`` on ``slow.invalid``, a 5 s lookup, ends at the deadline, saying so."""
    slow_resolver(monkeypatch, 5.0)
    started = time.monotonic()
    message = fetch_within(on_host(url, "slow.invalid"))
    elapsed = time.monotonic() - started
    assert elapsed < DEADLINE + 1.0, f"ended after {elapsed:.1f} s"
    assert message == f"timed out after {DEADLINE:g} s looking up slow.invalid", message


def test_a_hanging_resolver_is_cut_at_the_deadline(
    faulty: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A broken DNS server blocks getaddrinfo for 5-30 s, before there is a socket to cut:
    # the name is looked up within the time left, or the fetch ends at the deadline.
    assert_a_hanging_lookup_is_cut(faulty.url("/page"), monkeypatch)
    assert faulty.served == []


def test_a_hanging_resolver_is_cut_at_the_deadline_over_https_too(
    tls_faulty: TLSFaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert_a_hanging_lookup_is_cut(tls_faulty.url("/page"), monkeypatch)


def test_names_looked_up_in_time_are_fetched(
    faulty: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow_resolver(monkeypatch, 0.3)
    page = (SEEDS / "moscowtimes-2025-05-29.html").read_bytes()
    assert fetch(on_host(faulty.url("/page"), "slow.invalid"), OPTIONS).body == page
    assert fetch(on_host(faulty.url("/page"), "localhost"), OPTIONS).body == page


def test_an_unknown_host_is_said_so(faulty: FaultServer, monkeypatch: pytest.MonkeyPatch) -> None:
    slow_resolver(monkeypatch, 0.0)
    message = fetch_within(on_host(faulty.url("/page"), "nowhere.invalid"))
    assert message == "unknown host nowhere.invalid", message


def test_the_certificate_is_checked_against_the_name_not_the_address(
    tls_faulty: TLSFaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # slow.invalid resolves to the server's address, but its certificate names 127.0.0.1
    # only: looking the name up first must not verify the certificate against the address
    slow_resolver(monkeypatch, 0.0)
    message = fetch_within(on_host(tls_faulty.url("/page"), "slow.invalid"))
    assert message == "TLS error talking to slow.invalid", message
    assert tls_faulty.served == []


def test_https_pages_are_fetched_and_kept_alive(tls_faulty: TLSFaultServer) -> None:
    fetch_within(tls_faulty.slow_handshake)  # a cut handshake leaves later fetches alone
    page = (SEEDS / "moscowtimes-2025-05-29.html").read_bytes()
    assert fetch(tls_faulty.url("/page"), OPTIONS).body == page
    for _ in range(2):
        assert fetch(tls_faulty.url("/keep-alive"), OPTIONS).body == page
    (_, first), (_, second), (_, third) = tls_faulty.served
    assert first != second == third  # the TLS connection went back to the pool and out again


def test_an_https_server_with_an_unknown_certificate_is_refused(
    tls_faulty: TLSFaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE")  # the system's CAs, which do not know the test's
    message = fetch_within(tls_faulty.url("/page"))
    assert message == "TLS error talking to 127.0.0.1", message
    assert tls_faulty.served == []


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/endless-headers", "127.0.0.1 sent a malformed HTTP reply"),
        ("/long-header-line", "127.0.0.1 sent a malformed HTTP reply"),
        ("/not-http", "127.0.0.1 sent a malformed HTTP reply"),
        ("/lie-short", "the connection to 127.0.0.1 broke off"),
        ("/redirect-to-bad", "redirected to something that is not an http(s) URL"),
        ("/redirect-to-ftp", "redirected to something that is not an http(s) URL"),
        ("/cycle/0", "more than 5 redirects"),
    ],
)
def test_lying_servers_get_one_line(faulty: FaultServer, path: str, expected: str) -> None:
    message = fetch_within(faulty.url(path))
    assert message.startswith(expected), message


def test_content_length_shorter_than_the_body_reads_only_what_was_declared(
    faulty: FaultServer,
) -> None:
    assert len(fetch(faulty.url("/lie-long"), OPTIONS).body) == 100


def test_add_timeout_is_the_whole_fetch(faulty: FaultServer, db_path: Path) -> None:
    urls = [faulty.url("/trickle-body"), faulty.url("/stall-after-headers"), faulty.url("/page")]
    run = run_cli("add", "--db", str(db_path), "--jobs", "1", "--timeout", "1", *urls, limit=60)
    lines = dict(line.rsplit(": ", 1) for line in run.lines if line.startswith("failed: "))
    assert run.code == 1, run
    assert lines[f"failed: {urls[0]}"].startswith("timed out after 1 s reading from 127.0.0.1")
    assert lines[f"failed: {urls[1]}"].startswith("timed out after 1 s reading from 127.0.0.1")
    assert any(line.startswith(f"added: {urls[2]}") for line in run.lines)


def test_the_apps_add_ends_within_the_deadline(faulty: FaultServer, store: Store) -> None:
    # ingest_one is what the app's "add a URL" runs in a worker thread: the fetch deadline
    # ends it (the message names that deadline)
    result = ingest_one(store, faulty.url("/trickle-headers"), options=OPTIONS)
    assert result.status == "failed" and (result.reason or "").startswith("timed out after 1.5 s")


def test_the_default_deadline_is_the_documented_one() -> None:
    """README (Under faults): "30 s by default, ``add --timeout T`` to change it"."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "30 s by default" in readme.split("## Under faults", 1)[1]
    assert FetchOptions().total_timeout == 30  # the library's (the app's "add a URL")
    run = run_cli("add", "--help")
    assert run.code == 0 and "(default 30)" in " ".join(run.out.split())  # the command line's
    assert FetchOptions.with_deadline(2).read_timeout == 2


@pytest.mark.parametrize("seconds", ["0", "-1", "nan", "inf", "1e400", "abc", "99999"])
def test_timeout_must_be_a_sensible_number(seconds: str, db_path: Path) -> None:
    assert_one_line_error(run_cli("add", "--db", str(db_path), "--timeout", seconds, "x.html"))


# sha256 (first 16 hex digits) of the urllib3 code that fetch.py's bounded lookup mirrors
URLLIB3_PINNED = {
    "HTTPConnection._new_conn": "83e6a5dd7db98a0a",  # _Watched._new_conn
    "create_connection": "ebc7b96a8ed79d81",  # _connect
}


def test_the_urllib3_code_mirrored_by_the_bounded_lookup_is_unchanged() -> None:
    import hashlib
    import inspect

    import urllib3.connection
    import urllib3.util.connection

    found = {
        "HTTPConnection._new_conn": urllib3.connection.HTTPConnection._new_conn,
        "create_connection": urllib3.util.connection.create_connection,
    }
    for name, function in found.items():
        digest = hashlib.sha256(inspect.getsource(function).encode()).hexdigest()[:16]
        assert digest == URLLIB3_PINNED[name], (
            f"urllib3's {name} changed: check its mirror in tui_reader/library/fetch.py "
            "(_Watched._new_conn, _connect), then update the pin"
        )
