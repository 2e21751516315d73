"""Feeds: reading RSS 0.9x/1.0/2.0, Atom and JSON Feed, and finding the feed a site's page
advertises (``<link rel="alternate">``).

Everything here works on bytes already fetched (:mod:`fetch` has the deadline and the limits):
feedparser is never given a URL, so it never opens a connection of its own. feedparser reads the
XML formats (RSS, RDF, Atom, with its lenient parser for broken ones); it has no JSON Feed
reader in its 6.0 releases, so JSON Feed (a small, fully specified format) is read here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from tui_reader.library.sources import SourceError, check_url
from tui_reader.library.textclean import clean_line

MAX_ITEMS = 500
"""Items read from one feed: more than any outlet puts in one, and a bound for a hostile one."""

FEED_LINK_TYPES = (
    "application/atom+xml",
    "application/rss+xml",
    "application/feed+json",
    "application/json",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)
"""``<link rel="alternate" type=...>`` types that name a feed."""

_JSON_FEED = re.compile(r"^https?://jsonfeed\.org/version/", re.IGNORECASE)
_XML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<", re.S)
_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(rss|feed|RDF)\b")


class FeedError(Exception):
    """Bytes that are not a usable feed; the message is one sentence."""


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed: the article it links to."""

    url: str
    title: str | None = None
    published: str | None = None
    """ISO date (``YYYY-MM-DD``), when the feed gives one."""


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A feed's title, the site it belongs to and its items, newest as the feed orders them."""

    kind: str
    """``rss``, ``atom``, ``rdf`` or ``json``."""
    title: str | None
    site_url: str | None
    items: list[FeedItem]


def looks_like_feed(body: bytes) -> bool:
    """Bytes that are a feed (XML with an rss/feed/RDF root, or a JSON Feed), not a web page."""
    head = body[:4096].lstrip()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:].lstrip()
    if head.startswith(b"{"):
        return _json_version(body) is not None
    if not _XML_START.match(head) or re.match(rb"\s*<!DOCTYPE\s+html", head, re.I):
        return False
    root = _ROOT.search(head)
    return root is not None and b"<html" not in head[: root.start()].lower()


def parse_feed(body: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """The feed in ``body`` (fetched from ``url``, against which relative links resolve)."""
    if body.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return _parse_json(body, url)
    return _parse_xml(body, url, content_type)


# -- XML: feedparser ---------------------------------------------------------------------------


def _parse_xml(body: bytes, url: str, content_type: str) -> ParsedFeed:
    import feedparser  # imported when a feed is read: most commands never need it

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    try:
        parsed = feedparser.parse(body, response_headers=headers, sanitize_html=False)
    except Exception as exc:  # feedparser is lenient, but a hostile document may still break it
        raise FeedError(f"the feed could not be read ({type(exc).__name__})") from None
    version = parsed.get("version") or ""
    if not version:
        if parsed.get("bozo"):
            error = parsed.get("bozo_exception")
            detail = f" ({type(error).__name__})" if error is not None else ""
            raise FeedError(f"not a feed: the XML is broken{detail}")
        raise FeedError("not an RSS, Atom or JSON feed")
    kind = (
        "atom" if version.startswith("atom") else "rdf" if version.startswith("rss090") else "rss"
    )
    feed = parsed.get("feed", {})
    items = []
    for entry in parsed.get("entries", [])[:MAX_ITEMS]:
        link = _entry_link(entry, url)
        if link is not None:
            items.append(FeedItem(link, clean_line(entry.get("title")), _date(entry)))
    return ParsedFeed(kind, clean_line(feed.get("title")), _absolute(feed.get("link"), url), items)


def _entry_link(entry: Any, base: str) -> str | None:
    """The article an entry points to: its alternate link, else a guid that is a URL."""
    candidates = [
        link.get("href")
        for link in entry.get("links", [])
        if link.get("rel", "alternate") == "alternate"
    ]
    candidates.append(entry.get("link"))
    if entry.get("guidislink") or str(entry.get("id", "")).startswith(("http://", "https://")):
        candidates.append(entry.get("id"))
    for candidate in candidates:
        found = _absolute(candidate, base)
        if found is not None:
            return found
    return None


def _date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return datetime(*parsed[:3], tzinfo=UTC).date().isoformat()
            except (TypeError, ValueError):
                continue
    return None


# -- JSON Feed ---------------------------------------------------------------------------------


def _json_version(body: bytes) -> str | None:
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    version = data.get("version")
    return version if isinstance(version, str) and _JSON_FEED.match(version) else None


def _parse_json(body: bytes, url: str) -> ParsedFeed:
    """JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1)."""
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise FeedError("not a feed: the JSON is not UTF-8") from None
    except (ValueError, RecursionError):
        raise FeedError("not a feed: the JSON is broken") from None
    if not isinstance(data, dict) or not _JSON_FEED.match(str(data.get("version", ""))):
        raise FeedError("not a JSON Feed (no jsonfeed.org version)")
    items_data = data.get("items")
    if not isinstance(items_data, list):
        raise FeedError("not a JSON Feed (it has no list of items)")
    items = []
    for item in items_data[:MAX_ITEMS]:
        if not isinstance(item, dict):
            continue
        # url is the item's page; external_url a page it is about; id is a URL by convention
        link = next(
            (
                found
                for key in ("url", "external_url", "id")
                if (found := _absolute(item.get(key), url)) is not None
            ),
            None,
        )
        if link is None:
            continue
        published = item.get("date_published") or item.get("date_modified")
        date = published[:10] if isinstance(published, str) and _iso_date(published[:10]) else None
        title = item.get("title") if isinstance(item.get("title"), str) else None
        items.append(FeedItem(link, clean_line(title), date))
    title = data.get("title") if isinstance(data.get("title"), str) else None
    return ParsedFeed("json", clean_line(title), _absolute(data.get("home_page_url"), url), items)


def _iso_date(text: str) -> bool:
    try:
        datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        return False
    return True


# -- links ---------------------------------------------------------------------------------------


def _absolute(link: object, base: str) -> str | None:
    """``link`` resolved against ``base`` as a usable http(s) URL, else None."""
    if not isinstance(link, str) or not link.strip():
        return None
    try:
        return check_url(urljoin(base, link.strip()))
    except (SourceError, ValueError):
        return None


def advertised_feeds(html: str, base: str) -> list[str]:
    """The feeds a page advertises with ``<link rel="alternate" type=...>``, in the page's order
    (sites name their main feed first), comment feeds last: the outlet's own feed is what a
    user following it means."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except Exception:  # lxml raises several kinds on empty or broken documents
        return []
    base_href = tree.xpath("string(//base/@href)").strip()
    if base_href:
        base = urljoin(base, base_href)
    found: list[tuple[int, int, str]] = []
    for n, link in enumerate(tree.xpath("//link[@href]")):
        rels = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        if "alternate" not in rels or kind not in FEED_LINK_TYPES:
            continue
        url = _absolute(link.get("href"), base)
        if url is None:
            continue
        comments = "comment" in (link.get("title") or "").lower() or "comment" in url.lower()
        found.append((int(comments), n, url))
    urls: list[str] = []
    for _rank, _n, url in sorted(found):
        if url not in urls:
            urls.append(url)
    return urls
