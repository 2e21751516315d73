"""Reading feeds and finding them: RSS 0.91 and 2.0, Atom, JSON Feed, a page's advertised feed,
and bytes that are none of these (no network: library/feeds.py works on bytes)."""

from __future__ import annotations

import pytest
from feedserver import Item, atom, home_page, json_feed, rss091, rss2

from tui_reader.library.feeds import (
    MAX_ITEMS,
    FeedError,
    advertised_feeds,
    looks_like_feed,
    parse_feed,
)

BASE = "https://news.example/"
ITEMS = [
    Item("https://news.example/b.html", "Second & last", "2025-06-03"),
    Item("https://news.example/a.html", "First", "2025-06-02"),
]


@pytest.mark.parametrize(
    ("make", "kind", "dated"),
    [(rss2, "rss", True), (rss091, "rss", False), (atom, "atom", True), (json_feed, "json", True)],
)
def test_every_format_gives_title_site_and_items(make: object, kind: str, dated: bool) -> None:
    body = make("The Gazette", BASE, ITEMS).encode("latin-1" if make is rss091 else "utf-8")  # type: ignore[operator]
    assert looks_like_feed(body)
    feed = parse_feed(body, BASE + "feed")
    assert feed.kind == kind
    assert feed.title == "The Gazette"
    assert feed.site_url == BASE
    assert [i.url for i in feed.items] == [i.url for i in ITEMS]
    assert feed.items[0].title == "Second & last"
    assert [i.published for i in feed.items] == (
        ["2025-06-03", "2025-06-02"] if dated else [None, None]
    )


def test_relative_links_resolve_against_the_feed() -> None:
    body = rss2("Rel", "/", [Item("/news/1.html", "One", "2025-06-01")]).encode()
    feed = parse_feed(body, "https://news.example/feeds/all.xml")
    assert feed.items[0].url == "https://news.example/news/1.html"
    assert feed.site_url == "https://news.example/"


def test_items_without_a_usable_link_are_left_out() -> None:
    body = rss2(
        "Odd",
        BASE,
        [Item("javascript:alert(1)", "Bad", "2025-06-01"), Item("/ok.html", "Ok", "2025-06-01")],
    ).encode()
    assert [i.url for i in parse_feed(body, BASE).items] == ["https://news.example/ok.html"]


def test_a_huge_feed_is_read_up_to_the_bound() -> None:
    many = [Item(f"/n/{n}.html", f"N {n}", "2025-06-01") for n in range(MAX_ITEMS + 50)]
    assert len(parse_feed(json_feed("Big", BASE, many).encode(), BASE).items) == MAX_ITEMS


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (b"<!DOCTYPE html><html><body><p>a page</p></body></html>", "not"),
        (b'{"title": "not a feed", "items": []}', "JSON Feed"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": 3}', "list of items"),
        (b"{broken json", "JSON is broken"),
        (b"<rss version='2.0'><channel><title>x</title><item><link>", ""),
    ],
)
def test_what_is_not_a_feed_is_said_in_words(body: bytes, says: str) -> None:
    try:
        feed = parse_feed(body, BASE)
    except FeedError as exc:
        assert says in str(exc)
    else:  # feedparser reads a truncated RSS as far as it goes: no item with a link
        assert feed.kind == "rss" and feed.items == []
        assert not says


def test_a_page_is_not_a_feed_and_a_feed_is_not_a_page() -> None:
    assert not looks_like_feed(home_page("Gazette", "/feed.xml").encode())
    assert not looks_like_feed(b'<?xml version="1.0"?><html><body/></html>')
    assert looks_like_feed(b"\xef\xbb\xbf  " + rss2("t", BASE, ITEMS).encode())


def test_a_page_advertises_its_own_feed_before_its_comments() -> None:
    html = home_page("Gazette", "/feed.xml")
    assert advertised_feeds(html, "https://news.example/today") == [
        "https://news.example/feed.xml",
        "https://news.example/comments.xml",
    ]


def test_advertised_feeds_honour_base_and_types() -> None:
    html = (
        '<html><head><base href="https://cdn.example/site/">'
        '<link rel="stylesheet" type="text/css" href="a.css">'
        '<link rel="alternate" type="text/html" hreflang="fr" href="/fr/">'
        '<link rel="Alternate" type="application/feed+json; charset=utf-8" href="feed.json">'
        '<link rel="alternate" type="application/atom+xml" href="javascript:void(0)">'
        "</head><body></body></html>"
    )
    assert advertised_feeds(html, "https://news.example/") == ["https://cdn.example/site/feed.json"]
    assert advertised_feeds("", BASE) == []
