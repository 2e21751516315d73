"""Following outlets: ``feed add`` (a feed, or a site's page that advertises one) and
``refresh`` (the feeds' new items, or articles fetched again), both with conditional requests.

A refresh of feeds has two steps. First every feed is fetched (threads: it is waiting on the
network, a few feeds at a time), conditionally, so an unchanged feed is a 304 and nothing else;
each feed's outcome (error included) is stored at once, and one feed's failure is that feed's
line only. Then the new items go through the same :func:`ingest.ingest` as ``add`` (worker
processes, one result line per source), each into its feed's story.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, TypeVar

from tui_reader.library.coverage import AUTO_STORY, place_by_coverage
from tui_reader.library.extract import decode_html
from tui_reader.library.feeds import (
    FeedError,
    FeedItem,
    ParsedFeed,
    advertised_feeds,
    looks_like_feed,
    parse_feed,
)
from tui_reader.library.fetch import FEED_TYPES, FetchedPage, FetchError, FetchOptions, fetch
from tui_reader.library.ingest import SourcePlan, ingest
from tui_reader.library.models import Feed, IngestResult, Validators
from tui_reader.library.sources import SourceError, check_url
from tui_reader.library.store import Store, StoreError, describe
from tui_reader.library.workers import Stopped, stop_on_signals

T = TypeVar("T")
R = TypeVar("R")

FEED_FETCHES = 8
"""Feeds fetched at once: the work is waiting on servers, not the CPU."""
CANDIDATES = 3
"""Feeds a page advertises that ``feed add`` tries before it gives up."""


def feed_options(options: FetchOptions | None) -> FetchOptions:
    """``options`` (the defaults, else ``--timeout``'s) taking feeds as well as pages."""
    return replace(options or FetchOptions(), accept=FEED_TYPES)


# -- feed add --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Followed:
    """What ``feed add`` did: the feed, whether it is new, how many items it lists now, and
    the page it was found from (when the URL was a site's page)."""

    feed: Feed
    new: bool
    items: int
    found_from: str | None = None


def find_feed(
    url: str, options: FetchOptions | None = None
) -> tuple[FetchedPage, ParsedFeed, str | None]:
    """The feed at ``url``, or the one the page at ``url`` advertises (then also that page's
    address); FeedError or FetchError say in words why there is none."""
    options = feed_options(options)
    try:
        url = check_url(url)
    except SourceError as exc:
        raise FeedError(str(exc)) from None
    page = fetch(url, options)
    if looks_like_feed(page.body):
        return page, parse_feed(page.body, page.final_url, page.content_type), None
    if not page.content_type.startswith(("text/html", "application/xhtml")):
        return page, parse_feed(page.body, page.final_url, page.content_type), None  # says why not
    html = decode_html(page.body, page.charset)
    candidates = advertised_feeds(html, page.final_url)
    if not candidates:
        raise FeedError(
            'a web page that advertises no feed (no <link rel="alternate"> of RSS, Atom or '
            "JSON Feed): give the feed's own URL"
        )
    reasons = []
    for candidate in candidates[:CANDIDATES]:
        try:
            found = fetch(candidate, options)
            parsed = parse_feed(found.body, found.final_url, found.content_type)
            return found, parsed, page.final_url
        except (FetchError, FeedError) as exc:
            reasons.append(f"{candidate}: {exc}")
    raise FeedError("the page advertises feeds that cannot be read (" + "; ".join(reasons) + ")")


def follow(
    store: Store, url: str, *, story: str | None = None, options: FetchOptions | None = None
) -> Followed:
    """Follow the feed at ``url`` (or the one its page advertises). Its items come in with the
    next refresh: the validators are not kept here, so that refresh fetches it whole."""
    page, parsed, found_from = find_feed(url, options)
    feed, new = store.add_feed(
        page.final_url, title=parsed.title, site_url=parsed.site_url, kind=parsed.kind, story=story
    )
    return Followed(feed, new, len(parsed.items), found_from)


# -- refresh of feeds -------------------------------------------------------------------------


@dataclass(slots=True)
class FeedCheck:
    """One feed's part of a refresh."""

    feed: Feed
    status: Literal["new items", "no new items", "not modified", "failed"]
    new: list[FeedItem] = field(default_factory=list)
    reason: str | None = None
    pending: Validators | None = None
    """The validators of a feed with new items: kept only once they are all stored (see
    :func:`finish_feeds`), so that a refresh killed or failing before that asks for the whole
    feed again next time instead of being told "not modified" and missing them."""


@dataclass(slots=True)
class _Fetched:
    feed: Feed
    page: FetchedPage | None = None
    parsed: ParsedFeed | None = None
    error: str | None = None


def _check(feed: Feed, options: FetchOptions) -> _Fetched:
    """Fetch and read one feed (in a thread); never raises."""
    try:
        page = fetch(feed.url, options, feed.validators)
        if page.not_modified:
            return _Fetched(feed, page)
        return _Fetched(feed, page, parse_feed(page.body, page.final_url, page.content_type))
    except (FetchError, FeedError) as exc:
        return _Fetched(feed, error=str(exc))
    except Exception as exc:  # one feed must never stop the others
        return _Fetched(feed, error=f"unexpected error ({type(exc).__name__}: {exc})")


def in_threads(work: Callable[[T], R], items: Sequence[T], threads: int) -> Iterator[R]:
    """``work`` on every item, a few at a time in daemon threads, results as they finish.
    Daemon threads: a signal ending the refresh does not wait for a fetch in progress."""
    todo: queue.SimpleQueue[T] = queue.SimpleQueue()
    done: queue.SimpleQueue[R] = queue.SimpleQueue()
    for item in items:
        todo.put(item)

    def run() -> None:
        while True:
            try:
                item = todo.get_nowait()
            except queue.Empty:
                return
            done.put(work(item))

    for _ in range(max(1, min(threads, len(items)))):
        threading.Thread(target=run, daemon=True).start()
    for _ in items:
        yield done.get()


def _record(store: Store, fetched: _Fetched, planned: dict[str, SourcePlan]) -> FeedCheck:
    """Store one feed's outcome; its items not in the library yet are planned for ingest."""
    feed = fetched.feed
    if fetched.error is not None:
        store.feed_checked(feed.id, error=fetched.error)
        return FeedCheck(feed, "failed", reason=fetched.error)
    page, parsed = fetched.page, fetched.parsed
    assert page is not None
    if parsed is None:
        store.feed_checked(feed.id, validators=page.validators)
        return FeedCheck(feed, "not modified")
    items = list(reversed(parsed.items))  # oldest first: ids follow the order of publication
    known = store.known_sources(i.url for i in items)
    # items already in the library (added by hand, by another feed, or stored by a refresh
    # that was killed before it linked them) become this feed's without a fetch
    if known:
        story = None if feed.story == AUTO_STORY else feed.story
        store.link_to_feed(sorted(known.values()), feed.id, story)
    new = []
    for item in items:
        if item.url not in known and item.url not in planned:
            story = None if feed.story == AUTO_STORY else feed.story  # placed once stored
            planned[item.url] = SourcePlan(story=story, feed_id=feed.id)
            new.append(item)
    store.feed_checked(
        feed.id,
        validators=None if new else page.validators,
        title=parsed.title,
        site_url=parsed.site_url,
    )
    status: Literal["new items", "no new items"] = "new items" if new else "no new items"
    return FeedCheck(store.feed(feed.id), status, new, pending=page.validators if new else None)


def finish_feeds(
    db_path: str | Path, checks: Sequence[FeedCheck], results: Sequence[IngestResult]
) -> None:
    """After the items are in: keep the validators of each feed whose new items were all
    stored. A feed with an item that failed keeps its old ones, so the next refresh reads it
    whole and tries that item again."""
    failed = {r.source for r in results if r.status == "failed"}
    done = {r.source for r in results}
    with Store.open(db_path) as store:
        for check in checks:
            urls = {i.url for i in check.new}
            if check.pending is not None and urls <= done and not urls & failed:
                store.feed_validators(check.feed.id, check.pending)


class AutoStories:
    """The items of ``--story auto`` feeds, each put into the story it clearly belongs to
    (:func:`coverage.story_for`) once it is stored, since that needs the article indexed."""

    def __init__(self, db_path: str | Path, planned: dict[str, SourcePlan]):
        self.db_path = db_path
        self.planned = planned
        self.store: Store | None = None
        self.auto: set[int] | None = None

    def place(self, result: IngestResult) -> str:
        """Place one stored item; what to add to its result line (nothing for other feeds)."""
        plan = self.planned.get(result.source)
        if result.article_id is None or result.status == "failed" or plan is None:
            return ""
        if self.store is None:
            self.store = Store.open(self.db_path)
            self.auto = {f.id for f in self.store.feeds() if f.story == AUTO_STORY}
        if plan.feed_id not in (self.auto or set()):
            return ""
        return place_by_coverage(self.store, result.article_id)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


@dataclass(slots=True)
class Refreshed:
    """A refresh: what each feed gave, then a result per new item (as ``add`` gives them)."""

    feeds: list[FeedCheck] = field(default_factory=list)
    results: list[IngestResult] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(c.status == "failed" for c in self.feeds) + sum(
            r.status == "failed" for r in self.results
        )


class RefreshInterrupted(Exception):
    """A signal ended the refresh while the feeds were being fetched: nothing was added."""

    def __init__(self, signum: int):
        self.signum = signum
        super().__init__("interrupted while checking the feeds: no new item was added")


def check_feeds(
    db_path: str | Path,
    feed_ids: Sequence[int] | None = None,
    *,
    options: FetchOptions | None = None,
    on_feed: Callable[[FeedCheck], None] | None = None,
) -> tuple[list[FeedCheck], dict[str, SourcePlan]]:
    """Step one of a refresh: fetch the feeds, record each outcome, plan the new items."""
    opts = feed_options(options)
    checks: list[FeedCheck] = []
    planned: dict[str, SourcePlan] = {}
    with Store.open(db_path) as store:
        feeds = store.feeds(feed_ids)
        missing = sorted(set(feed_ids or ()) - {f.id for f in feeds})
        if missing:
            raise StoreError(f"there is no feed {missing[0]} (see tui-reader feed list)")
        try:
            with stop_on_signals():
                for fetched in in_threads(lambda f: _check(f, opts), feeds, FEED_FETCHES):
                    try:
                        check = _record(store, fetched, planned)
                    except (StoreError, sqlite3.Error) as exc:  # this feed's line, not all
                        reason = (
                            f"not stored: {exc if isinstance(exc, StoreError) else describe(exc)}"
                        )
                        check = FeedCheck(fetched.feed, "failed", reason=reason)
                    checks.append(check)
                    if on_feed is not None:
                        on_feed(check)
        except Stopped as stop:
            raise RefreshInterrupted(stop.signum) from None
    order = {f.id: n for n, f in enumerate(feeds)}
    checks.sort(key=lambda c: order[c.feed.id])
    # the items in the order of the feeds (not of the replies): the same library every time
    planned = dict(sorted(planned.items(), key=lambda kv: order.get(kv[1].feed_id or 0, 0)))
    return checks, planned


def refresh_feeds(
    db_path: str | Path,
    feed_ids: Sequence[int] | None = None,
    *,
    jobs: int | None = None,
    options: FetchOptions | None = None,
    on_feed: Callable[[FeedCheck], None] | None = None,
    on_plan: Callable[[int], None] | None = None,
    on_result: Callable[[IngestResult], None] | None = None,
) -> Refreshed:
    """Fetch every followed feed (or those of ``feed_ids``) and add their new items.

    ``on_plan`` hears how many items will be fetched before the first is (a progress bar's
    length). Raises StoreError when the database cannot be opened or a feed id is not one,
    RefreshInterrupted or IngestInterrupted when a signal ends it.
    """
    checks, planned = check_feeds(db_path, feed_ids, options=options, on_feed=on_feed)
    report = Refreshed(checks)
    if on_plan is not None:
        on_plan(len(planned))
    if planned:
        auto = AutoStories(db_path, planned)

        def stored(result: IngestResult) -> None:
            auto.place(result)
            if on_result is not None:
                on_result(result)

        try:
            report.results = ingest(
                db_path, list(planned), jobs=jobs, options=options, on_result=stored, plans=planned
            )
        finally:
            auto.close()
        finish_feeds(db_path, checks, report.results)
    return report


# -- refresh of articles ----------------------------------------------------------------------


def article_plans(
    store: Store, article_ids: Sequence[int]
) -> tuple[list[str], dict[str, SourcePlan]]:
    """The sources of articles to fetch again, each with the validators its page came with."""
    sources: list[str] = []
    for article_id in article_ids:
        article = store.article(article_id)
        if article is None:
            raise StoreError(f"there is no article {article_id} (see tui-reader list)")
        sources.append(article.source)
    validators = store.validators_of(article_ids)
    plans = {
        source: SourcePlan(validators=validators.get(article_id))
        for source, article_id in zip(sources, article_ids, strict=True)
    }
    return sources, plans


def refresh_articles(
    db_path: str | Path,
    article_ids: Sequence[int],
    *,
    jobs: int | None = None,
    options: FetchOptions | None = None,
    on_result: Callable[[IngestResult], None] | None = None,
) -> list[IngestResult]:
    """Fetch articles again, conditionally: ``updated`` keeps a new version, ``unchanged``
    costs a 304 when the server keeps validators (else a fetch and a comparison)."""
    with Store.open(db_path) as store:
        sources, plans = article_plans(store, article_ids)
    if not sources:
        return []
    return ingest(db_path, sources, jobs=jobs, options=options, on_result=on_result, plans=plans)
