"""Every stop, for ``refresh``: SIGTERM while the feeds are fetched or while their items are,
``kill -9`` while items are fetched; no worker is left, and a feed whose items were not all
stored is read whole by the next refresh (its validators were not kept). Real processes, real
signals; a feed's text, title and error never reach the terminal as control sequences."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from faultserver import FaultServer
from feedserver import Item, Site, items_for, rss2
from test_faults_signals import marked, reap, start_marked, survivors

from tui_reader.cli import main
from tui_reader.library.store import Store

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc"),
]

RSS = "application/rss+xml"


def start_refresh(db: Path, mark: str) -> subprocess.Popen[str]:
    return start_marked(mark, "refresh", "--db", str(db), "--jobs", "2")


def follow_directly(db: Path, *urls: str) -> None:
    """Feeds followed without fetching them (a stalling URL cannot be followed otherwise)."""
    with Store.open(db) as store:
        for url in urls:
            store.add_feed(url, title=None, site_url=None, kind="rss")


def until(condition: object, proc: subprocess.Popen[str], what: str) -> None:
    deadline = time.monotonic() + 30
    while not condition():  # type: ignore[operator]
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, what
        time.sleep(0.1)
    time.sleep(0.3)


def test_sigterm_while_the_feeds_are_fetched(
    faulty: FaultServer, site: Site, db_path: Path
) -> None:
    site.put("/feed.xml", rss2("Fine", site.url("/"), items_for(site, range(1, 3))), RSS)
    follow_directly(db_path, site.url("/feed.xml"), faulty.url("/stall-before-headers"))
    mark = uuid.uuid4().hex
    proc = start_refresh(db_path, mark)
    try:
        until(lambda: site.seen("/feed.xml"), proc, "the feeds were never fetched")
        os.kill(proc.pid, signal.SIGTERM)
        out, err = proc.communicate(timeout=20)
        assert proc.returncode == 143, (out, err)
        assert "Traceback" not in out + err
        assert err.splitlines()[-1] == (
            "tui-reader: interrupted while checking the feeds: no new item was added"
        )
        assert "added" not in out and survivors(mark) == []
    finally:
        reap(mark, proc)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL])
def test_a_stop_while_items_are_fetched_leaves_them_for_the_next_refresh(
    faulty: FaultServer, site: Site, db_path: Path, signum: int
) -> None:
    items = [
        Item(faulty.url(f"/stall-before-headers?{n}"), f"Stalls {n}", "2025-06-01") for n in (1, 2)
    ]
    items += items_for(site, range(1, 3))
    site.put("/feed.xml", rss2("Half slow", site.url("/"), items), RSS)
    follow_directly(db_path, site.url("/feed.xml"))
    mark = uuid.uuid4().hex
    proc = start_refresh(db_path, mark)
    try:
        until(lambda: len(marked(mark)) >= 3, proc, "the workers never started")
        with Store.open(db_path) as store:
            until(lambda: len(store.article_ids()) == 2, proc, "the quick items were not stored")
        os.kill(proc.pid, signum)
        out, err = proc.communicate(timeout=20)
        if signum == signal.SIGTERM:
            assert proc.returncode == 143 and "Traceback" not in err, err
            assert out.count("added: ") == 2
            assert err.splitlines()[-1] == (
                "tui-reader: interrupted: 2 of 4 sources stored; the rest were not added"
            )
        else:
            assert proc.returncode == -signal.SIGKILL
        assert survivors(mark) == []
    finally:
        reap(mark, proc)
    with Store.open(db_path) as store:
        (feed,) = store.feeds()
        assert feed.items == 2  # the stored items are whole and linked to their feed
        assert not feed.validators  # not "not modified" next time: the rest are still to come
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_what_a_feed_says_reaches_no_terminal_as_control_codes(
    site: Site, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    title = "Evil \x1b]0;pwned\x07Gazette \x1b[31mred\x1b[0m"
    body = rss2("x", site.url("/"), items_for(site, [1])).replace(
        "<title>x</title>", f"<title>{title}</title>"
    )
    site.put("/feed.xml", body.encode("utf-8", "surrogateescape"), RSS)
    for args in (
        ["feed", "add", site.url("/feed.xml")],
        ["refresh"],
        ["feed", "list"],
        ["feed", "list", "--json"],
    ):
        try:
            main([*args, "--db", str(db_path)])
        except SystemExit as exc:
            assert not exc.code
        out, err = capsys.readouterr()
        assert "\x1b" not in out + err and "\x07" not in out + err, args
    rows = json.loads(out)
    assert "Gazette" in rows[0]["title"] and "\x1b" not in rows[0]["title"]
