"""Following an outlet over a loopback server: ``feed add`` of a site's page, ``refresh`` adding
exactly the new items, conditional requests answered 304, an edited page giving a new version
and a word diff with its annotations kept, a broken feed's error shown while the others go on;
``history``, ``diff`` and the ``story`` commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clitools import run
from feedserver import Item, Site, atom, home_page, items_for, json_feed, rss091, rss2, story_page

from tui_reader.library.store import Store

RSS = "application/rss+xml"


@pytest.fixture
def outlet(site: Site) -> Site:
    """A front page advertising an RSS feed of three stories."""
    site.put("/", home_page("Harbour Gazette", "/feed.xml"))
    site.put("/feed.xml", rss2("Harbour Gazette", site.url("/"), items_for(site, range(1, 4))), RSS)
    return site


def sources(db: Path) -> set[str]:
    with Store.open(db) as store:
        return {s.source for s in store.article_summaries()}


def test_feed_add_of_a_site_page_finds_its_feed(
    outlet: Site, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "feed", "add", outlet.url("/"), "--db", str(db_path))
    assert code == 0
    assert outlet.url("/feed.xml") in out and "found from the page" in out and "3 items" in out
    code, out, _ = run(capsys, "feed", "list", "--json", "--db", str(db_path))
    (row,) = json.loads(out)
    assert {k: row[k] for k in ("id", "title", "url", "items", "checked_at", "error")} == {
        "id": 1,
        "title": "Harbour Gazette",
        "url": outlet.url("/feed.xml"),
        "items": 0,
        "checked_at": None,
        "error": None,
    }
    code, out, _ = run(capsys, "feed", "add", outlet.url("/feed.xml"), "--db", str(db_path))
    assert code == 0 and "already following feed #1" in out


def test_refresh_adds_exactly_the_new_items_then_costs_304s(
    outlet: Site, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    run(capsys, "feed", "add", outlet.url("/"), "--story", "Harbour", "--db", db)
    code, out, _ = run(capsys, "refresh", "--jobs", "2", "--db", db)
    assert code == 0 and out.count("added: ") == 3 and '"Harbour Gazette": 3 new item(s)' in out
    # the feed grows by two stories
    outlet.put(
        "/feed.xml", rss2("Harbour Gazette", outlet.url("/"), items_for(outlet, range(1, 6))), RSS
    )
    outlet.forget()
    code, out, _ = run(capsys, "refresh", "--jobs", "2", "--db", db)
    assert code == 0
    added = sorted(line.split()[1] for line in out.splitlines() if line.startswith("added: "))
    assert added == [outlet.url("/news/4.html"), outlet.url("/news/5.html")]
    # only the new stories were fetched; the feed itself was asked conditionally
    assert sorted(r.path for r in outlet.requests if r.path.startswith("/news/")) == [
        "/news/4.html",
        "/news/5.html",
    ]
    (grown,) = outlet.seen("/feed.xml")
    assert grown.conditional and grown.status == 200
    # nothing changed: one conditional request for the feed, answered 304, and nothing added
    outlet.forget()
    code, out, _ = run(capsys, "refresh", "--db", db)
    assert code == 0 and "added" not in out and '"Harbour Gazette": not modified' in out
    (feed_request,) = outlet.requests
    assert feed_request.path == "/feed.xml" and feed_request.status == 304
    assert feed_request.headers["if-none-match"].startswith('"')
    assert "if-modified-since" in feed_request.headers
    with Store.open(db_path) as store:
        (feed,) = store.feeds()
        assert feed.items == 5 and feed.error is None and feed.checked_at
        assert len(store.story_article_ids("Harbour")) == 5


def test_a_server_with_last_modified_only_is_asked_if_modified_since(
    site: Site, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = atom("Dated", site.url("/"), items_for(site, range(1, 2)))
    site.put("/atom.xml", body, "application/atom+xml", etag=False)
    run(capsys, "feed", "add", site.url("/atom.xml"), "--db", str(db_path))
    run(capsys, "refresh", "--db", str(db_path))
    site.forget()
    code, out, _ = run(capsys, "refresh", "--db", str(db_path))
    (request,) = site.requests
    assert (
        code == 0
        and '"Dated": not modified' in out
        and request.status == 304
        and "if-none-match" not in request.headers
    )
    assert request.headers["if-modified-since"] == site.routes["/atom.xml"].last_modified


def test_a_broken_feed_is_shown_and_the_others_refresh(
    site: Site, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    site.put(
        "/rss.xml", rss091("Old style", site.url("/"), items_for(site, [1], "/o/")), "text/xml"
    )
    site.put(
        "/j.json",
        json_feed("Jay", site.url("/"), items_for(site, [2], "/j/")),
        "application/feed+json",
    )
    site.put("/bad.xml", rss2("Soon broken", site.url("/"), items_for(site, [3], "/b/")), RSS)
    for path in ("/rss.xml", "/j.json", "/bad.xml"):
        assert run(capsys, "feed", "add", site.url(path), "--db", db)[0] == 0
    site.break_("/bad.xml")
    code, out, _ = run(capsys, "refresh", "--db", db)
    assert code == 1
    assert f'failed: feed #3 "Soon broken" {site.url("/bad.xml")}: HTTP 500' in out
    assert sources(db_path) == {site.url("/o/1.html"), site.url("/j/2.html")}
    code, out, _ = run(capsys, "feed", "list", "--db", db)
    assert "⚠ HTTP 500 Internal Server Error" in out
    rows = json.loads(run(capsys, "feed", "list", "--json", "--db", db)[1])
    assert [r["error"] for r in rows] == [None, None, "HTTP 500 Internal Server Error"]
    assert [r["items"] for r in rows] == [1, 1, 0]
    # mended: the error goes, its item comes in
    site.put("/bad.xml", rss2("Soon broken", site.url("/"), items_for(site, [3], "/b/")), RSS)
    code, out, _ = run(capsys, "refresh", "--db", db)
    assert code == 0 and f"added: {site.url('/b/3.html')}" in out
    rows = json.loads(run(capsys, "feed", "list", "--json", "--db", db)[1])
    assert rows[2]["error"] is None and rows[2]["items"] == 1


def test_an_edited_page_is_a_new_version_with_its_annotations_kept(
    outlet: Site, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    run(capsys, "feed", "add", outlet.url("/feed.xml"), "--db", db)
    run(capsys, "refresh", "--db", db)
    with Store.open(db_path) as store:
        article_id = next(
            s.id for s in store.article_summaries() if s.source == outlet.url("/news/2.html")
        )
    kept = "the harbour project alone would cost around twelve million euros"
    edited = "Story 2 opens with the council's decision on the harbour plan."
    for passage in (kept, edited, "regional development bank"):
        code, _, err = run(capsys, "annotate", str(article_id), "--passage", passage, "--db", db)
        assert code == 0, err
    # unchanged: a 304 and "unchanged"
    outlet.forget()
    code, out, _ = run(capsys, "refresh", str(article_id), "--db", db)
    assert code == 0 and out.startswith("unchanged: ")
    assert [(r.status, r.conditional) for r in outlet.seen("/news/2.html")] == [(304, True)]
    # the outlet rewrites the opening and drops a sentence's end
    outlet.put(
        "/news/2.html",
        story_page(2, "Story 2 now opens with a correction about the harbour plan.").replace(
            ", most of it paid for by a loan from a regional development bank", ""
        ),
    )
    code, out, _ = run(capsys, "refresh", str(article_id), "--db", db)
    assert code == 0 and out.startswith("updated: ")
    rows = json.loads(run(capsys, "history", str(article_id), "--json", "--db", db)[1])
    assert [r["version"] for r in rows] == [1, 2]
    assert set(rows[0]) >= {"version", "fetched_at", "words", "added", "removed", "quotes_changed"}
    assert rows[0]["added"] is None and rows[1]["added"] == 4 and rows[1]["removed"] > 5
    code, out, _ = run(capsys, "diff", str(article_id), "--db", db)
    assert code == 0
    assert "Story 2{+ now+} opens with [-the council's decision on-]{+a correction about+}" in out
    assert "[-, most of it paid for by a loan from a regional development bank-]" in out
    with Store.open(db_path) as store:
        anchors = {a.coded_words: a.anchor for a in store.annotations(article_id)}
    assert anchors[kept] == "moved"  # the same words, later: the opening grew
    assert anchors[edited] in ("fuzzy", "orphaned")
    assert anchors["regional development bank"] == "orphaned"
    assert len(anchors) == 3  # none lost


def test_diff_and_history_refuse_what_is_not_there(
    outlet: Site, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    run(capsys, "feed", "add", outlet.url("/feed.xml"), "--db", db)
    run(capsys, "refresh", "--db", db)
    code, _, err = run(capsys, "diff", "1", "--db", db)
    assert code == 1 and "has one version only" in err
    code, _, err = run(capsys, "diff", "1", "1", "3", "--db", db)
    assert code == 1 and "article 1 has no version 3 (it has 1 to 1)" in err
    code, _, err = run(capsys, "diff", "1", "0", "--db", db)
    assert code == 2 and "a version must be 1 or more, not 0" in err
    code, _, err = run(capsys, "history", "99", "--db", db)
    assert code == 1 and "there is no article 99" in err
    code, _, err = run(capsys, "refresh", "1", "--all", "--db", db)
    assert code == 2 and "give one of" in err
    code, _, err = run(capsys, "refresh", "--feed", "9", "--db", db)
    assert code == 1 and "there is no feed 9" in err


def test_feed_add_says_why_it_cannot_follow(
    site: Site, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site.put("/plain.html", story_page(1))
    site.put("/data.json", '{"not": "a feed"}', "application/json")
    site.put("/pic.png", b"\x89PNG\r\n", "image/png")
    for path, says in [
        ("/plain.html", "advertises no feed"),
        ("/data.json", "not a JSON Feed"),
        ("/pic.png", "not a feed or a web page (image/png)"),
        ("/missing.xml", "HTTP 404"),
    ]:
        code, _, err = run(capsys, "feed", "add", site.url(path), "--db", str(db_path))
        assert code == 1 and says in err and len(err.strip().splitlines()) == 1, err
    code, _, err = run(capsys, "feed", "add", "http://[::1", "--db", str(db_path))
    assert code == 1 and "not a valid URL" in err


def test_feed_remove_keeps_its_articles(
    outlet: Site, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    run(capsys, "feed", "add", outlet.url("/feed.xml"), "--db", db)
    run(capsys, "refresh", "--db", db)
    code, out, _ = run(capsys, "feed", "remove", "1", "--db", db)
    assert code == 0 and "its 3 article(s) stay" in out
    assert len(sources(db_path)) == 3
    assert json.loads(run(capsys, "feed", "list", "--json", "--db", db)[1]) == []
    code, _, err = run(capsys, "feed", "remove", "1", "--db", db)
    assert code == 1 and "there is no feed 1" in err


def test_refresh_of_a_story_and_of_all(
    outlet: Site, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    run(capsys, "feed", "add", outlet.url("/feed.xml"), "--story", "Harbour", "--db", db)
    run(capsys, "refresh", "--db", db)
    outlet.put("/news/3.html", story_page(3, "Story 3 was rewritten overnight by the desk."))
    outlet.forget()
    code, out, _ = run(capsys, "refresh", "--story", "Harbour", "--db", db)
    assert code == 0 and out.count("unchanged: ") == 2 and out.count("updated: ") == 1
    assert sorted(r.status for r in outlet.requests) == [200, 304, 304]
    assert all(r.conditional for r in outlet.requests)
    code, out, _ = run(capsys, "refresh", "--all", "--db", db)
    assert code == 0 and out.count("unchanged: ") == 3


def test_story_commands(outlet: Site, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(db_path)
    run(capsys, "feed", "add", outlet.url("/feed.xml"), "--db", db)
    run(capsys, "refresh", "--db", db)
    assert run(capsys, "story", "add", "Bridge", "1", "2", "--db", db)[0] == 0
    code, out, _ = run(capsys, "story", "list", "--json", "--db", db)
    assert json.loads(out) == [{"name": "Bridge", "articles": 2, "unread": 2}]
    assert run(capsys, "story", "rename", "Bridge", "Harbour bridge", "--db", db)[0] == 0
    code, out, _ = run(capsys, "story", "remove", "Harbour bridge", "2", "--db", db)
    assert code == 0 and out.startswith("1 article(s) taken out")
    code, out, _ = run(capsys, "story", "list", "--db", db)
    assert "Harbour bridge" in out and "1" in out
    code, out, _ = run(capsys, "story", "delete", "Harbour bridge", "--db", db)
    assert code == 0 and "its 1 article(s) stay" in out
    assert len(sources(db_path)) == 3
    code, _, err = run(capsys, "story", "delete", "Nope", "--db", db)
    assert code == 1 and "there is no story named 'Nope'" in err
    code, _, err = run(capsys, "story", "add", "X", "77", "--db", db)
    assert code == 1 and "there is no article 77" in err


def test_a_story_auto_feed_puts_each_item_into_the_story_it_belongs_to(
    site: Site, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui_reader.library.demo import demo_files

    db = str(db_path)
    first, *others = demo_files()
    code, _, _ = run(capsys, "add", *map(str, others), "--story", "Hollin Bridge", "--db", db)
    assert code == 0
    site.put("/wire/bridge.html", first.read_bytes())
    site.put("/wire/off.html", story_page(7))  # a story about something else
    items = [
        Item(site.url("/wire/bridge.html"), "Barge strikes bridge", "2026-03-10"),
        Item(site.url("/wire/off.html"), "Harbour budget", "2026-03-09"),
    ]
    site.put("/wire/feed.xml", rss2("Meridian Wire", site.url("/wire/"), items), RSS)
    code, out, _ = run(
        capsys, "feed", "add", site.url("/wire/feed.xml"), "--story", "auto", "--db", db
    )
    assert code == 0 and "each item into the story it clearly belongs to" in out
    code, out, _ = run(capsys, "refresh", "--db", db)
    assert code == 0
    assert f"added: {site.url('/wire/bridge.html')}" in out and "· story “Hollin Bridge”" in out
    assert "· no story (none clearly fits)" in out
    with Store.open(db_path) as store:
        assert store.stories() == ["Hollin Bridge"]
        assert len(store.story_article_ids("Hollin Bridge")) == len(others) + 1


def test_an_item_that_failed_is_tried_again_by_the_next_refresh(
    outlet: Site, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The feed's new validators are kept only once all its new items are stored: else the
    next refresh would be told "not modified" and never fetch the missing item."""
    db = str(db_path)
    run(capsys, "feed", "add", outlet.url("/feed.xml"), "--db", db)
    outlet.break_("/news/2.html")
    code, out, _ = run(capsys, "refresh", "--db", db)
    assert code == 1 and f"failed: {outlet.url('/news/2.html')}: HTTP 500" in out
    outlet.put("/news/2.html", story_page(2))
    outlet.forget()
    code, out, _ = run(capsys, "refresh", "--db", db)
    assert code == 0 and out.count("added: ") == 1 and outlet.url("/news/2.html") in out
    (feed_request,) = outlet.seen("/feed.xml")
    assert feed_request.status == 200 and not feed_request.conditional
    outlet.forget()
    code, out, _ = run(capsys, "refresh", "--db", db)
    assert code == 0 and "not modified" in out and outlet.seen("/feed.xml")[0].status == 304
