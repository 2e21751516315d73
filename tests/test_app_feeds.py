"""Feeds in the app: the side list with unread counts and errors, a feed as a filter, `F` to
follow, `R` to refresh, `d` to stop following (a loopback outlet, driven with Pilot)."""

from __future__ import annotations

from pathlib import Path

from apptools import SIZE, settle, status
from feedserver import Site, home_page, items_for, rss2
from textual.widgets import Input

from tui_reader.app.app import ReaderApp
from tui_reader.app.screens.dialogs import Confirm, Prompt
from tui_reader.app.screens.library import LibraryScreen, StoryList
from tui_reader.library.following import follow, refresh_feeds
from tui_reader.library.store import Store

RSS = "application/rss+xml"


def labels(screen: LibraryScreen) -> list[str]:
    stories = screen.query_one(StoryList)
    return [str(stories.get_option_at_index(i).prompt) for i in range(stories.option_count)]


def publish(site: Site, numbers: range) -> None:
    site.put("/", home_page("Harbour Gazette", "/feed.xml"))
    site.put("/feed.xml", rss2("Harbour Gazette", site.url("/"), items_for(site, numbers)), RSS)


def followed(site: Site, db: Path, *, broken: bool = False) -> None:
    """A library following the outlet (refreshed once), and a second feed that then broke."""
    publish(site, range(1, 4))
    site.put("/other.xml", rss2("Other Post", site.url("/"), items_for(site, [9], "/o/")), RSS)
    with Store.open(db) as store:
        follow(store, site.url("/feed.xml"))
        follow(store, site.url("/other.xml"))
    if broken:
        site.break_("/other.xml")
    refresh_feeds(db, jobs=1)


async def test_the_side_list_shows_feeds_with_counts_and_errors(site: Site, db_path: Path) -> None:
    followed(site, db_path, broken=True)
    app = ReaderApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert labels(screen) == [
            "All articles",
            "Feeds",
            "Harbour Gazette  3/3",
            "⚠ Other Post  0",
        ]
        stories = screen.query_one(StoryList)
        assert stories.has_class("-shown") and len(screen.rows) == 3
        await pilot.press("f", "j", "j")  # past the heading: the second feed
        assert "failed: HTTP 500 Internal Server Error" in status(app)
        await pilot.press("k", "enter")  # the first feed: its items only
        await settle(pilot)
        assert screen.feed == 1 and len(screen.rows) == 3
        assert "from the feed “Harbour Gazette”" in status(app)
        await pilot.press("enter")  # open one: the feed's unread count goes down
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert "Harbour Gazette  2/3" in labels(screen)


async def test_F_follows_a_site_and_fetches_its_items(site: Site, db_path: Path) -> None:
    publish(site, range(1, 4))
    Store.open(db_path).close()
    app = ReaderApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen) and screen.rows == []
        await pilot.press("F")
        assert isinstance(app.screen, Prompt)
        app.screen.query_one(Input).value = site.url("/")
        await pilot.press("enter")
        await settle(pilot)
        assert status(app) == (
            "saved: following “Harbour Gazette”: 3 new article(s) · R refreshes every feed"
        )
        assert len(screen.rows) == 3
        assert "Harbour Gazette  3/3" in labels(screen)
        await pilot.press("F")
        app.screen.query_one(Input).value = site.url("/news/1.html")
        await pilot.press("enter")
        await settle(pilot)
        assert "advertises no feed" in status(app)
    with Store.open(db_path) as store:
        assert [f.url for f in store.feeds()] == [site.url("/feed.xml")]


async def test_R_refreshes_every_feed_and_says_what_came(site: Site, db_path: Path) -> None:
    followed(site, db_path)
    app = ReaderApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen) and len(screen.rows) == 4
        publish(site, range(1, 6))  # two new stories
        site.break_("/other.xml")
        site.forget()
        await pilot.press("R")
        await settle(pilot)
        text = status(app)
        assert text.startswith("refreshed 2 feed(s): 2 new article(s) · 1 feed(s) failed")
        assert "HTTP 500" in text
        assert len(screen.rows) == 6
        assert "Harbour Gazette  5/5" in labels(screen) and "⚠ Other Post  1/1" in labels(screen)
        assert all(r.conditional for r in site.seen("/feed.xml"))
        site.forget()
        publish(site, range(1, 6))  # the same feed again: a new ETag, no new item
        await pilot.press("R")
        await settle(pilot)
        assert status(app).startswith("refreshed 2 feed(s): 0 new article(s)")


async def test_d_on_a_feed_stops_following_it_and_keeps_its_articles(
    site: Site, db_path: Path
) -> None:
    followed(site, db_path)
    app = ReaderApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        await pilot.press("f", "j", "enter")
        await settle(pilot)
        assert screen.feed == 1
        await pilot.press("f", "d")
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await settle(pilot)
        assert "stopped following “Harbour Gazette” (its 3 article(s) stay" in status(app)
        assert screen.feed is None and len(screen.rows) == 4
        assert labels(screen) == ["All articles", "Feeds", "Other Post  1/1"]
