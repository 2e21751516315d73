"""The coding session: the one thing between the screens and the database.

A :class:`Session` owns the UI thread's connection and offers the verbs the screens need. Every
write returns an :class:`Outcome` (the text for the status line, or an error in words); database
errors (``StoreError``, ``sqlite3.Error``) become that one message here, in one place. After a
change the session publishes a :class:`Change` on :attr:`Session.changed` (a Textual ``Signal``),
and the screens that show what changed redraw themselves; no screen repaints another.

Methods marked "in a worker" open their own connection (a connection belongs to its thread) and
are called from worker threads; the others run on the UI thread. The UI thread's connection waits
only briefly for another program's write lock, so the interface never freezes on a lock: the
write fails with "the database is busy" and nothing is reported as saved.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, Literal, TextIO, TypeVar

from textual.signal import Signal

from tui_reader.library import coding
from tui_reader.library.models import (
    Annotation,
    Article,
    ArticleSummary,
    Feed,
    IngestResult,
    StoredQuote,
    StoredSpeaker,
    Tag,
)
from tui_reader.library.store import ReadOnlyError, Store, StoreError, describe

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from tui_reader.library.coverage import Covering
    from tui_reader.library.diff import Piece, QuoteChange
    from tui_reader.library.export import ExportFilter
    from tui_reader.library.following import Followed, Refreshed
    from tui_reader.library.ledger import Ledger
    from tui_reader.library.quotes import Twin

T = TypeVar("T")

UI_BUSY_TIMEOUT_MS = 400
"""How long a write on the UI thread waits for another program's lock before it gives up."""

ChangeKind = Literal["annotations", "tags", "articles", "stories", "speakers", "reading", "feeds"]


@dataclass(frozen=True, slots=True)
class Change:
    """What changed: screens showing it redraw. ``article_ids`` empty means "any article"."""

    kind: ChangeKind
    article_ids: frozenset[int] = frozenset()

    def touches(self, article_id: int) -> bool:
        return not self.article_ids or article_id in self.article_ids


@dataclass(frozen=True, slots=True)
class Outcome(Generic[T]):
    """What a verb did: the status line's text, whether it failed, and its result."""

    text: str
    error: bool = False
    value: T | None = None

    @property
    def ok(self) -> bool:
        return not self.error


@dataclass(frozen=True, slots=True)
class ArticleDiff:
    """What the last re-fetch changed: two versions, their word diff, and the quotes it
    changed (offsets of changed and new quotes are into the new text)."""

    old_version: int
    new_version: int
    old_text: str
    new_text: str
    pieces: list[Piece]
    quote_changes: list[QuoteChange]


@dataclass(frozen=True, slots=True)
class FollowReport:
    """``F`` in the library: the feed followed, then its first refresh."""

    followed: Followed
    refreshed: Refreshed


def error_text(exc: BaseException, *, doing: str = "not saved") -> str:
    """One sentence for a failure: the database's errors in words, others as they say."""
    if isinstance(exc, ReadOnlyError):
        return f"{doing}: the library is open read-only"
    if isinstance(exc, StoreError):
        return f"{doing}: {exc}"
    if isinstance(exc, sqlite3.Error):
        return f"{doing}: {describe(exc)}"
    if isinstance(exc, OSError):
        return f"{doing}: {exc.strerror or exc}"
    return f"{doing}: {type(exc).__name__}: {exc}"


class Session:
    """The library as the screens use it: reads, coding verbs, and change notices."""

    def __init__(self, db_path: str | Path, owner: DOMNode) -> None:
        self.db_path = Path(db_path)
        try:
            self.store = Store.open(self.db_path, busy_timeout_ms=UI_BUSY_TIMEOUT_MS)
        except StoreError:
            # a file (or folder) the user cannot write: read it, refuse changes in words
            self.store = Store.open(
                self.db_path, read_only=True, busy_timeout_ms=UI_BUSY_TIMEOUT_MS
            )
        self.changed: Signal[Change] = Signal(owner, "changed")
        self._owner = owner
        self._deleted: list[Annotation] = []  # for undo, the last deleted last

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def close(self) -> None:
        self.store.close()

    # -- reading (UI thread: small indexed queries) --------------------------------------

    def _read(self, do: Callable[[], T], default: T) -> T:
        """One read on the UI thread; a database error is one message (and an empty answer),
        never a crash of the app."""
        try:
            return do()
        except (StoreError, sqlite3.Error) as exc:
            text = error_text(exc, doing="cannot read the library")
            self._owner.app.notify(text, severity="error", markup=False)
            return default

    def article(self, article_id: int) -> Article | None:
        return self._read(lambda: self.store.article(article_id), None)

    def quotes(self, article_id: int) -> list[StoredQuote]:
        return self._read(lambda: self.store.quotes(article_id), [])

    def annotations(self, article_id: int) -> list[Annotation]:
        return self._read(lambda: self.store.annotations(article_id), [])

    def tags(self) -> list[Tag]:
        return self._read(lambda: self.store.tags(), [])

    def tag_counts(self) -> dict[str, int]:
        return self._read(lambda: self.store.tag_counts(), {})

    def stories(self) -> list[str]:
        return self._read(lambda: self.store.stories(), [])

    def stories_of(self, article_id: int) -> list[str]:
        return self._read(lambda: self.store.stories_of(article_id), [])

    def quick_key_tag(self, key: int) -> Tag | None:
        """The tag on quick key ``key``, if any."""
        return self._read(lambda: self.store.tag_for_quick_key(key), None)

    def first_page(self, limit: int, sort: str = "date") -> list[ArticleSummary]:
        """The library's first screenful (an indexed query of about a millisecond)."""
        return self._read(lambda: self.store.article_summaries(limit=limit, sort=sort), [])

    def story_counts(self) -> dict[str, tuple[int, int]]:
        """Each story's articles and unread articles."""
        return self._read(lambda: self.store.story_counts(), {})

    def feeds(self) -> list[Feed]:
        """The followed feeds with their item and unread counts and last errors."""
        return self.store.feeds()

    def position(self, article_id: int) -> int:
        """Where the reader left the article."""
        return self._read(lambda: self.store.position(article_id), 0)

    def version_count(self, article_id: int) -> int:
        return self._read(lambda: len(self.store.versions(article_id)), 1)

    @property
    def sort(self) -> str:
        """The library's order, as the user last chose it."""
        return self._read(lambda: self.store.setting("library.sort", "date") or "date", "date")

    def speakers_of(self, article_id: int) -> list[StoredSpeaker]:
        """The speakers quoted in an article, most quoted first."""
        return self._read(lambda: self.store.speakers([article_id]), [])

    # -- reading in a worker ---------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[Store]:
        store = Store.open(self.db_path, read_only=True, migrate=False)
        try:
            yield store
        finally:
            store.close()

    def summaries(
        self, story: str | None, query: str | None, sort: str = "date", feed: int | None = None
    ) -> list[ArticleSummary]:
        """In a worker: the library's rows (a story's, a feed's, or search results best
        first)."""
        with self._reading() as store:
            return store.article_summaries(story=story, query=query, sort=sort, feed=feed)

    def diff(self, article_id: int) -> ArticleDiff | None:
        """In a worker: the word diff of an article's last two versions (None: one version)."""
        from tui_reader.library.diff import word_diff

        with self._reading() as store:
            versions = store.versions(article_id)
            if len(versions) < 2:
                return None
            old, new = versions[-2], versions[-1]
            changes = [c.change for c in store.quote_changes(article_id, new.version)]
        return ArticleDiff(
            old.version, new.version, old.text, new.text, word_diff(old.text, new.text), changes
        )

    def twins(self, article_ids: Sequence[int]) -> dict[tuple[int, int], list[Twin]]:
        """In a worker: for each pair (i, j) of the articles, the passages that report the
        same words."""
        from tui_reader.library.compare import twins_across

        with self._reading() as store:
            return twins_across(store, article_ids)

    def ledger(self, story: str | None, article_ids: Sequence[int] | None = None) -> Ledger:
        """In a worker: who is quoted in a story's articles (or in ``article_ids``), and the
        statement map."""
        from tui_reader.library.ledger import build_ledger

        with self._reading() as store:
            return build_ledger(store, story, article_ids)

    def coverage(self, article_id: int) -> list[Covering]:
        """In a worker: the articles that report the same story, best first. A library stored
        before coverage existed is indexed first (once), so this opens it for writing."""
        from tui_reader.library.coverage import coverage

        if self.read_only:
            with self._reading() as store:
                return coverage(store, article_id)
        with Store.open(self.db_path) as store:
            return coverage(store, article_id)

    def common_story(self, article_ids: Sequence[int]) -> str | None:
        """The first story (alphabetically) every one of the articles belongs to."""
        shared: set[str] | None = None
        for article_id in article_ids:
            mine = set(self.store.stories_of(article_id))
            shared = mine if shared is None else shared & mine
        return min(shared) if shared else None

    def export(self, path: Path, filters: ExportFilter) -> int:
        """In a worker: write the CSV of SPEC.md to ``path``; returns the rows written."""
        from tui_reader.library.export import export_csv, write_atomically

        def write(out: TextIO) -> int:
            with self._reading() as store:
                return export_csv(
                    store,
                    out,
                    tag=filters.tag,
                    article_id=filters.article_id,
                    story=filters.story,
                    article_ids=filters.article_ids,
                )

        return write_atomically(path, write, make_parents=True)

    def add(self, source: str, story: str | None) -> IngestResult:
        """In a worker: fetch, extract, find quotes and store one page."""
        from tui_reader.library.ingest import ingest_one  # trafilatura: a slow import

        if self.read_only:
            raise ReadOnlyError("the library is open read-only")
        with Store.open(self.db_path) as store:
            return ingest_one(store, source, story=story)

    def follow(self, url: str, story: str | None) -> Outcome[FollowReport]:
        """In a worker: follow the feed at ``url`` (or the one its page advertises), then fetch
        its items. A URL that gives no feed is an error in words, not a failed worker."""
        from tui_reader.library.feeds import FeedError
        from tui_reader.library.fetch import FetchError
        from tui_reader.library.following import follow, refresh_feeds

        if self.read_only:
            return Outcome("not followed: the library is open read-only", error=True)
        try:
            with Store.open(self.db_path) as store:
                followed = follow(store, url, story=story)
            # one process: forking worker processes from a threaded app is not safe
            refreshed = refresh_feeds(self.db_path, [followed.feed.id], jobs=1)
        except (FeedError, FetchError) as exc:
            return Outcome(f"cannot follow {url}: {exc}", error=True)
        except (StoreError, sqlite3.Error) as exc:
            return Outcome(error_text(exc, doing="not followed"), error=True)
        report = FollowReport(followed, refreshed)
        return Outcome(_follow_text(report), value=report)

    def refresh_feeds(self) -> Outcome[Refreshed]:
        """In a worker: fetch every followed feed and add the new items (conditional requests:
        an unchanged feed is a 304)."""
        from tui_reader.library.following import refresh_feeds

        if self.read_only:
            return Outcome("not refreshed: the library is open read-only", error=True)
        try:
            report = refresh_feeds(self.db_path, jobs=1)
        except (StoreError, sqlite3.Error) as exc:
            return Outcome(error_text(exc, doing="not refreshed"), error=True)
        return Outcome(_refresh_text(report), error=bool(report.failed), value=report)

    def after_feeds(self) -> None:
        """On the UI thread, once a worker followed or refreshed feeds: tell the screens."""
        self._publish("feeds")
        self._publish("articles")

    def unfollow(self, feed: Feed) -> Outcome[Feed]:
        """Stop following a feed; its articles stay."""
        outcome = self._write(
            lambda: self.store.remove_feed(feed.id),
            lambda gone: (
                f"saved: stopped following “{gone.title or gone.url}” "
                f"(its {gone.items} article(s) stay in the library)"
            ),
        )
        if outcome.ok:
            self._publish("feeds")
        return outcome

    def after_add(self, result: IngestResult) -> None:
        """On the UI thread, once a worker stored an article: tell the screens."""
        if result.article_id is not None:
            self._publish("articles", [result.article_id])
            self._publish("stories")

    # -- writing (UI thread: one small transaction each) ---------------------------------

    def _publish(self, kind: ChangeKind, article_ids: Sequence[int] = ()) -> None:
        self.changed.publish(Change(kind, frozenset(article_ids)))

    def _write(self, do: Callable[[], T], saved: Callable[[T], str]) -> Outcome[T]:
        """Run one write; its outcome in words. Nothing says "saved" unless it committed."""
        try:
            value = do()
        except (StoreError, sqlite3.Error) as exc:
            return Outcome(error_text(exc), error=True)
        return Outcome(saved(value), value=value)

    def tag(self, article_id: int, target: coding.Target, name: str) -> Outcome[coding.Tagged]:
        """Tag the target (a new tag gets the first free quick key; one transaction)."""
        outcome = self._write(
            lambda: coding.tag(self.store, article_id, target, name), _tagged_text
        )
        self._after_coding(outcome, article_id)
        return outcome

    def quick_tag(self, article_id: int, target: coding.Target, key: int) -> Outcome[coding.Tagged]:
        """Apply the tag on quick key ``key``."""
        outcome = self._write(
            lambda: coding.quick_tag(self.store, article_id, target, key), _tagged_text
        )
        self._after_coding(outcome, article_id)
        return outcome

    def note(self, article_id: int, target: coding.Target, text: str) -> Outcome[Annotation]:
        """Write a note on the target."""
        outcome = self._write(
            lambda: coding.note(self.store, article_id, target, text),
            lambda a: f"saved: note on annotation {a.id}",
        )
        self._after_coding(outcome, article_id)
        return outcome

    def delete(self, annotation: Annotation) -> Outcome[Annotation]:
        """Delete an annotation (undo puts it back)."""
        outcome = self._write(
            lambda: coding.delete(self.store, annotation.id),
            lambda a: f"saved: annotation {a.id} deleted",
        )
        if outcome.ok and outcome.value is not None:
            self._deleted.append(outcome.value)
            self._publish("annotations", [annotation.article_id])
        return outcome

    def undo(self) -> Outcome[Annotation]:
        """Put back the last deleted annotation."""
        if not self._deleted:
            return Outcome("nothing to undo")
        annotation = self._deleted[-1]
        outcome = self._write(
            lambda: coding.restore(self.store, annotation),
            lambda a: f"saved: annotation {a.id} restored",
        )
        if outcome.ok:
            self._deleted.pop()
            self._publish("annotations", [annotation.article_id])
        return outcome

    def _after_coding(self, outcome: Outcome[object], article_id: int) -> None:
        if outcome.ok:
            self._publish("annotations", [article_id])
            value = outcome.value
            if isinstance(value, coding.Tagged) and value.new_tag:
                self._publish("tags")

    def attribute(
        self, quote: StoredQuote, name: str | None, speaker_id: int | None = None
    ) -> Outcome[StoredQuote]:
        """Make ``name`` (or speaker ``speaker_id``) the speaker of a quote (None: nobody), as
        the user's correction."""
        outcome = self._write(
            lambda: self.store.attribute(quote.id, name, speaker_id=speaker_id),
            lambda q: (
                f"saved: the quote is {q.speaker}'s, your correction"
                if q.speaker
                else "saved: the quote has no speaker, your correction"
            ),
        )
        if outcome.ok:
            self._publish("speakers", [quote.article_id])
        return outcome

    def opened(self, article_id: int) -> None:
        """The user opened an article: it is read, and its current version seen. Quietly does
        nothing in a read-only library (reading must not fail there)."""
        if not self.read_only:
            try:
                self.store.mark_read(article_id)
            except (StoreError, sqlite3.Error):
                return  # a busy database must not stop the user reading
            self._publish("reading", [article_id])

    def left(self, article_id: int, offset: int) -> None:
        """The user left an article with the cursor at ``offset``: remember it."""
        if not self.read_only:
            try:
                self.store.save_position(article_id, offset)
            except (StoreError, sqlite3.Error):
                return

    def toggle_read(self, article: ArticleSummary) -> Outcome[None]:
        outcome = self._write(
            lambda: self.store.mark_read(article.id, read=not article.read),
            lambda _: "marked unread" if article.read else "marked read",
        )
        if outcome.ok:
            self._publish("reading", [article.id])
        return outcome

    def set_sort(self, sort: str) -> Outcome[None]:
        outcome = self._write(
            lambda: self.store.set_setting("library.sort", sort), lambda _: f"sorted by {sort}"
        )
        return outcome

    def rename_story(self, old: str, new: str) -> Outcome[str]:
        outcome = self._write(
            lambda: self.store.rename_story(old, new),
            lambda name: f"saved: the story “{old}” is now “{name}”",
        )
        if outcome.ok:
            self._publish("stories")
        return outcome

    def delete_story(self, name: str) -> Outcome[int]:
        outcome = self._write(
            lambda: self.store.delete_story(name),
            lambda n: f"saved: deleted the story “{name}” (its {n} article(s) stay in the library)",
        )
        if outcome.ok:
            self._publish("stories")
        return outcome

    def remove_from_story(self, name: str, article_ids: Sequence[int]) -> Outcome[int]:
        outcome = self._write(
            lambda: self.store.remove_from_story(name, article_ids),
            lambda n: f"saved: {n} article(s) taken out of “{name}”",
        )
        if outcome.ok:
            self._publish("stories", article_ids)
        return outcome

    def add_to_story(self, name: str, article_ids: Sequence[int]) -> Outcome[None]:
        outcome = self._write(
            lambda: self.store.add_to_story(name, article_ids),
            lambda _: (
                f"saved: {len(article_ids)} article(s) in the story “{' '.join(name.split())}”"
            ),
        )
        if outcome.ok:
            self._publish("stories", article_ids)
        return outcome

    def delete_article(self, article: ArticleSummary) -> Outcome[None]:
        outcome = self._write(
            lambda: self.store.delete_article(article.id),
            lambda _: f"saved: deleted “{article.title or article.source}”",
        )
        if outcome.ok:
            self._publish("articles", [article.id])
        return outcome

    # -- tags ----------------------------------------------------------------------------

    def _tag_write(self, do: Callable[[], T], saved: str) -> Outcome[T]:
        outcome = self._write(do, lambda _: f"saved: {saved}")
        if outcome.ok:
            self._publish("tags")
            self._publish("annotations")
        return outcome

    def new_tag(self, name: str) -> Outcome[tuple[Tag, bool]]:
        outcome = self._write(
            lambda: coding.new_tag(self.store, name),
            lambda found: (
                f"saved: new tag “{found[0].name}”"
                + (f" on key {found[0].quick_key}" if found[0].quick_key else "")
                if found[1]
                else f"“{found[0].name}” exists already"
            ),
        )
        if outcome.ok:
            self._publish("tags")
        return outcome

    def rename_tag(self, old: str, new: str) -> Outcome[None]:
        return self._tag_write(
            lambda: self.store.rename_tag(old, new), f"renamed “{old}” to “{new}”"
        )

    def merge_tags(self, source: str, target: str) -> Outcome[None]:
        return self._tag_write(
            lambda: self.store.merge_tags(source, target), f"merged “{source}” into “{target}”"
        )

    def set_tag_colour(self, name: str, colour: str | None) -> Outcome[None]:
        return self._tag_write(
            lambda: self.store.set_tag_colour(name, colour), f"colour of “{name}”"
        )

    def set_quick_key(self, name: str, key: int | None) -> Outcome[None]:
        what = f"“{name}” on key {key}" if key else f"“{name}” has no quick key"
        return self._tag_write(lambda: self.store.set_quick_key(name, key), what)

    def delete_tag(self, name: str) -> Outcome[None]:
        return self._tag_write(lambda: self.store.delete_tag(name), f"deleted tag “{name}”")


def _refresh_text(report: Refreshed) -> str:
    """``refreshed 3 feeds: 5 new articles · 1 feed failed (…)``."""
    added = sum(r.status == "added" for r in report.results)
    failed_feeds = [c for c in report.feeds if c.status == "failed"]
    failed_items = sum(r.status == "failed" for r in report.results)
    text = f"refreshed {len(report.feeds)} feed(s): {added} new article(s)"
    if failed_items:
        text += f" · {failed_items} item(s) could not be added"
    if failed_feeds:
        first = failed_feeds[0]
        text += (
            f" · {len(failed_feeds)} feed(s) failed (⚠ in the list; "
            f"“{first.feed.title or first.feed.url}”: {first.reason})"
        )
    return text


def _follow_text(report: FollowReport) -> str:
    feed = report.followed.feed
    name = feed.title or feed.url
    if not report.followed.new:
        return f"already following “{name}” · " + _refresh_text(report.refreshed)
    added = sum(r.status == "added" for r in report.refreshed.results)
    text = f"saved: following “{name}”: {added} new article(s)"
    failed = report.refreshed.failed
    return text + (f" · {failed} could not be added" if failed else "")


def _tagged_text(done: coding.Tagged) -> str:
    extra = ""
    if done.new_tag:
        key = f", key {done.tag.quick_key}" if done.tag.quick_key else ""
        extra = f" (new tag{key})"
    return f"saved: annotation {done.annotation.id} tagged “{done.tag.name}”{extra}"
