"""The library: every article in a table, stories and feeds as filters, search as you type,
feeds followed and refreshed in the background."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui_reader.app.commands import bindings
from tui_reader.app.messages import (
    FeedFollowed,
    FeedsRefreshed,
    OpenArticle,
    OpenCompare,
    OpenCoverage,
    OpenLedger,
    PageAdded,
    RowsLoaded,
)
from tui_reader.app.screens.base import SessionScreen
from tui_reader.app.session import Change, Outcome, Session
from tui_reader.app.widgets.article_list import LIST_COMMANDS, ArticleList, header_text
from tui_reader.app.widgets.bars import KeyBar, StatusLine
from tui_reader.app.widgets.safe import plain
from tui_reader.library.models import LIBRARY_ORDERS, ArticleSummary, Feed

ALL = "\x00all"
FEEDS_HEADING = "\x00feeds"
FIRST_PAGE = 100
NARROW = 100
"""Below this width the story list shows only when asked for (f), so titles keep room."""


class StoryList(OptionList):
    """The stories and the followed feeds beside the library (j/k move, as everywhere), with
    their unread counts; a feed whose last refresh failed is marked ⚠."""

    BINDINGS = bindings("stories.")

    @dataclass
    class Manage(Message):
        """Rename or delete the story, or unfollow the feed, under the cursor (the screen asks
        and does it). ``story`` is the story's name, or None for a feed."""

        what: Literal["rename", "delete"]
        story: str | None
        feed_id: int | None = None

    def _current(self) -> tuple[str | None, int | None] | None:
        if self.highlighted is None:
            return None
        option_id = self.get_option_at_index(self.highlighted).id or ALL
        if option_id.startswith("story:"):
            return option_id.removeprefix("story:"), None
        if option_id.startswith("feed:"):
            return None, int(option_id.removeprefix("feed:"))
        return None

    def action_rename(self) -> None:
        current = self._current()
        if current is not None:
            self.post_message(self.Manage("rename", *current))

    def action_delete(self) -> None:
        current = self._current()
        if current is not None:
            self.post_message(self.Manage("delete", *current))


class ListHeader(Static):
    """The column headings above the article list."""

    DEFAULT_CSS = """
    ListHeader { height: 1; background: $panel; text-style: bold; padding: 0 0; }
    """

    def render(self) -> Text:
        lists = self.screen.query(ArticleList)
        width = lists.first().scrollable_content_region.width if lists else self.size.width
        return Text(header_text(width or self.size.width), no_wrap=True)


class LibraryScreen(SessionScreen):
    """Articles newest first: open, mark and compare, search, add, delete."""

    HELP_TITLE = "library"
    BINDINGS = [  # noqa: RUF012
        b for b in bindings("library.") if b.id not in LIST_COMMANDS
    ]

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.marked: list[int] = []
        self._behind = False  # changes came while another screen was shown
        self._summary: str | None = None  # what the status line last said of the rows
        self.sort = "date"
        self.story: str | None = None
        self.feed: int | None = None
        """The feed whose items are shown (None: no feed filter)."""
        self.query_text = ""
        self._story_names: list[str] = []
        self._feeds: dict[int, Feed] = {}
        self._refreshing = False

    @property
    def rows(self) -> list[ArticleSummary]:
        """The articles listed now (all, a story's, or the search results)."""
        return self.query_one("#articles", ArticleList).rows

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield StoryList(id="stories", markup=False)
            with Vertical(id="main"):
                yield Input(placeholder="search titles, texts and notes", id="search")
                yield ListHeader(id="list-header")
                yield ArticleList(id="articles")
        yield StatusLine(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#articles", ArticleList).focus()
        self.session.changed.subscribe(self, self._changed)
        self.fill_stories()
        # A first screenful straight away (an indexed query of ~1 ms), the rest in a worker
        # once it is on screen: start-up does not wait for 10,000 rows.
        self.sort = self.session.sort
        first = self.session.first_page(FIRST_PAGE, self.sort)
        self._fill(first, announce=len(first) < FIRST_PAGE)
        if len(first) >= FIRST_PAGE:
            self.call_after_refresh(self.reload)
        if self.session.read_only:
            self.say(
                f"the library {self.session.db_path} is read-only: you can read, "
                "but nothing can be changed",
                error=True,
            )

    def _changed(self, change: Change) -> None:
        """Counts, rows or stories changed somewhere (a reader, a worker): show them; under
        another screen, once the library is shown again (not a reload per tag typed)."""
        if not self.is_current:
            self._behind = True
            return
        if change.kind in ("stories", "articles", "reading", "feeds"):
            self.fill_stories()
        if change.kind in ("articles", "annotations", "stories", "speakers", "reading", "feeds"):
            if self.feed is not None and self.feed not in self._feeds:
                self.feed = None  # unfollowed
            self.reload(announce=False)

    def on_screen_resume(self) -> None:
        if self._behind:
            self._behind = False
            self._refresh_all()

    def _refresh_all(self) -> None:
        self.fill_stories()
        if self.feed is not None and self.feed not in self._feeds:
            self.feed = None  # unfollowed
        self.reload(announce=False)

    def on_resize(self) -> None:
        self._fit_stories()

    def _fit_stories(self) -> None:
        stories = self.query_one("#stories", StoryList)
        wide = self.size.width >= NARROW
        listed = bool(self._story_names or self._feeds)
        stories.set_class(listed and (wide or stories.has_focus), "-shown")

    # -- loading -------------------------------------------------------------------------

    def fill_stories(self) -> None:
        stories = self.query_one("#stories", StoryList)
        stories.clear_options()
        stories.add_option(Option(Text("All articles", style="bold"), id=ALL))
        counts = self.session.story_counts()
        names = self._story_names = list(counts)
        for name in names:
            total, unread = counts[name]
            label = plain(name)
            label.append(f"  {unread}/{total}" if unread else f"  {total}", style="dim")
            if unread:
                label.stylize("bold", 0, len(name))
            stories.add_option(Option(label, id=f"story:{name}"))
        self._feeds = {f.id: f for f in self.session.feeds()}
        if self._feeds:
            stories.add_option(Option(Text("Feeds", style="bold"), id=FEEDS_HEADING, disabled=True))
        for feed in self._feeds.values():
            stories.add_option(Option(feed_label(feed), id=f"feed:{feed.id}"))
        chosen = (
            f"feed:{self.feed}"
            if self.feed is not None
            else ALL
            if self.story is None
            else f"story:{self.story}"
        )
        for i in range(stories.option_count):
            if stories.get_option_at_index(i).id == chosen:
                stories.highlighted = i
        self._fit_stories()

    def reload(self, *, announce: bool = True) -> None:
        """Fetch the rows in a worker thread (search and big libraries never block keys)."""
        self._load(self.story, self.query_text or None, self.sort, announce, self.feed)

    @work(thread=True, exclusive=True, exit_on_error=False, group="rows", description="loading")
    def _load(
        self, story: str | None, query: str | None, sort: str, announce: bool, feed: int | None
    ) -> None:
        rows = self.session.summaries(story, query, sort, feed)
        self.post_message(RowsLoaded(rows, announce))

    @on(RowsLoaded)
    def _loaded(self, message: RowsLoaded) -> None:
        self._fill(message.rows, message.announce)

    def _fill(self, rows: list[ArticleSummary], announce: bool = True) -> None:
        table = self.query_one("#articles", ArticleList)
        table.marked = set(self.marked)
        table.set_rows(rows, keep=self.current_id())
        summary = self._summary_of(rows)
        # a quiet reload (after reading, a tag, a refresh) still mends the counts when the
        # line shows the library's last summary, never a message about something done
        showing = self.query(StatusLine)
        if announce or (showing and showing.first().message == self._summary):
            self.say(summary)
        self._summary = summary

    def _summary_of(self, rows: list[ArticleSummary]) -> str:
        where = f" in “{self.story}”" if self.story else ""
        if self.feed is not None and self.feed in self._feeds:
            feed = self._feeds[self.feed]
            where = f" from the feed “{feed.title or feed.url}”"
        found = f" matching “{self.query_text}”" if self.query_text else ""
        marked_note = f" · {len(self.marked)} marked" if self.marked else ""
        unread = sum(not r.read for r in rows)
        unread_note = f" · {unread:,} unread" if unread else ""
        changed = sum(r.changed for r in rows)
        changed_note = f" · {changed:,} changed since read (Δ)" if changed else ""
        order = "" if self.query_text else f" · by {self.sort}"
        if rows:
            return (
                f"{len(rows):,} articles{where}{found}{unread_note}{changed_note}"
                f"{marked_note}{order}"
            )
        if self.query_text:
            return f"nothing{where} matches “{self.query_text}”"
        return (
            f"no articles yet: {self.key('library.add')} adds a URL, "
            "or run tui-reader add / tui-reader demo"
        )

    def current(self) -> ArticleSummary | None:
        return self.query_one("#articles", ArticleList).current

    def current_id(self) -> int | None:
        row = self.current()
        return row.id if row else None

    # -- actions -------------------------------------------------------------------------

    @on(ArticleList.Opened, "#articles")
    def _row_opened(self, event: ArticleList.Opened) -> None:
        self.action_open()

    def action_open(self) -> None:
        row = self.current()
        if row is not None:
            self.post_message(OpenArticle(row.id))

    def action_mark(self) -> None:
        row = self.current()
        if row is None:
            return
        table = self.query_one("#articles", ArticleList)
        if row.id in self.marked:
            self.marked.remove(row.id)
        else:
            self.marked.append(row.id)
        table.marked = set(self.marked)
        self.say(
            f"{len(self.marked)} marked · {self.key('library.compare')} compares them side by side"
        )
        table.action_move(1)

    def action_compare(self) -> None:
        ids = list(self.marked)
        if len(ids) < 2:
            self.say(
                f"mark two to four articles with {self.key('library.mark')}, "
                f"then press {self.key('library.compare')}",
                error=True,
            )
            return
        if len(ids) > 4:
            self.say(f"{len(ids)} marked: compare shows at most four", error=True)
            return
        self.post_message(OpenCompare(ids))

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.add_class("-shown")
        search.focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value.strip()
        self.reload()

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.query_one("#articles", ArticleList).focus()

    def action_escape(self) -> None:
        search = self.query_one("#search", Input)
        if search.has_class("-shown"):
            search.value = ""
            search.remove_class("-shown")
            self.query_text = ""
            self.query_one("#articles", ArticleList).focus()
            self.reload()

    def action_stories(self) -> None:
        stories = self.query_one("#stories", StoryList)
        if not self._story_names and not self._feeds:
            self.say(
                f"no stories or feeds yet: {self.key('library.add_to_story')} puts articles "
                f"into a story, {self.key('library.follow')} follows a feed"
            )
            return
        stories.add_class("-shown")
        stories.focus()

    def action_add_to_story(self) -> None:
        """Put the marked articles (or the one under the cursor) into a story, new or not."""
        from tui_reader.app.screens.dialogs import Prompt

        ids = list(self.marked) or ([self.current_id()] if self.current_id() else [])
        if not ids:
            return

        def done(name: str | None) -> None:
            if not name:
                return
            outcome = self.session.add_to_story(name, [i for i in ids if i is not None])
            if outcome.ok:
                self.say(f"{outcome.text} · {self.key('library.stories')} filters by it")
            else:
                self.show(outcome)

        self.app.push_screen(
            Prompt(f"Add {len(ids)} article(s) to the story", self.story or ""), done
        )

    @on(OptionList.OptionSelected, "#stories")
    def _story_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ALL
        self.story = option_id.removeprefix("story:") if option_id.startswith("story:") else None
        self.feed = int(option_id.removeprefix("feed:")) if option_id.startswith("feed:") else None
        self.query_one("#articles", ArticleList).focus()
        self._fit_stories()
        self.reload()

    @on(OptionList.OptionHighlighted, "#stories")
    def _story_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """On a feed, what its last refresh said (its error, in words)."""
        option_id = event.option.id or ALL
        if not option_id.startswith("feed:") or not event.option_list.has_focus:
            return
        feed = self._feeds.get(int(option_id.removeprefix("feed:")))
        if feed is None:
            return
        if feed.error:
            self.say(
                f"⚠ the last refresh of “{feed.title or feed.url}” failed: {feed.error}", error=True
            )
        else:
            checked = (feed.checked_at or "never")[:16].replace("T", " ")
            self.say(f"{feed.url} · {feed.items} article(s) · last refreshed {checked}")

    # -- feeds -----------------------------------------------------------------------------

    def action_follow(self) -> None:
        """Ask for a feed's (or a site's) URL, follow it and fetch its items in a worker."""
        from tui_reader.app.screens.dialogs import Prompt

        def done(url: str | None) -> None:
            if url:
                self.say(f"following {url}: finding its feed, fetching its items…")
                self._follow(url, self.story)

        self.app.push_screen(
            Prompt("Follow a feed: its URL, or a site's page that advertises one"), done
        )

    @work(thread=True, exit_on_error=False, group="follow", description="following a feed")
    def _follow(self, url: str, story: str | None) -> None:
        self.post_message(FeedFollowed(self.session.follow(url, story)))

    @on(FeedFollowed)
    def _followed(self, message: FeedFollowed) -> None:
        self._announce(message.outcome)
        if message.outcome.ok:
            self.say(f"{message.outcome.text} · {self.key('library.refresh')} refreshes every feed")

    def action_refresh(self) -> None:
        if self._refreshing:
            self.say("a refresh is running already")
            return
        if not self._feeds:
            self.say(f"no feeds followed yet: {self.key('library.follow')} follows one", error=True)
            return
        self._refreshing = True
        self.say(f"refreshing {len(self._feeds)} feed(s)…")
        self._refresh()

    @work(thread=True, exit_on_error=False, group="refresh", description="refreshing the feeds")
    def _refresh(self) -> None:
        try:
            self.post_message(FeedsRefreshed(self.session.refresh_feeds()))
        finally:
            self._refreshing = False

    @on(FeedsRefreshed)
    def _refreshed(self, message: FeedsRefreshed) -> None:
        self._announce(message.outcome)

    def _announce(self, outcome: Outcome[object]) -> None:
        self.show(outcome)
        self.app.notify(
            outcome.text, severity="error" if outcome.error else "information", markup=False
        )
        if outcome.value is not None:
            self.session.after_feeds()

    def action_add(self) -> None:
        from tui_reader.app.screens.dialogs import Prompt

        def done(url: str | None) -> None:
            if url:
                self.say(f"adding {url}: fetching, extracting, finding quotes…")
                self._add(url, self.story)

        self.app.push_screen(Prompt("Add a URL (or the path of an .html file)"), done)

    @work(thread=True, exit_on_error=False, group="add", description="adding a page")
    def _add(self, url: str, story: str | None) -> None:
        self.post_message(PageAdded(self.session.add(url, story)))

    @on(PageAdded)
    def _added(self, message: PageAdded) -> None:
        from tui_reader.library.ingest import format_result

        line = format_result(message.result)
        failed = message.result.status == "failed"
        self.say(line, error=failed)
        self.app.notify(line, severity="error" if failed else "information", markup=False)
        self.session.after_add(message.result)

    def action_delete(self) -> None:
        from tui_reader.app.screens.dialogs import Confirm

        row = self.current()
        if row is None:
            return
        notes = f" and its {row.annotations} annotation(s)" if row.annotations else ""

        def done(yes: bool | None) -> None:
            if not yes:
                self.say("kept")
                return
            outcome = self.session.delete_article(row)
            if outcome.ok and row.id in self.marked:
                self.marked.remove(row.id)
            self.show(outcome)

        self.app.push_screen(Confirm(f"Delete “{row.title or row.source}”{notes}?"), done)

    def action_export(self) -> None:
        scopes = [("all", "every annotation")]
        if self.story:
            scopes.insert(0, ("story", f"the story “{self.story}”"))
        self.export_annotations(scopes, story=self.story)

    def action_open_url(self) -> None:
        row = self.current()
        if row is not None:
            self.open_url(row.url or row.source)

    def action_sort(self) -> None:
        """The next order (date, site, title, words, quotes), remembered for next time."""
        self.sort = (
            LIBRARY_ORDERS[(LIBRARY_ORDERS.index(self.sort) + 1) % len(LIBRARY_ORDERS)]
            if self.sort in LIBRARY_ORDERS
            else "date"
        )
        self.show(self.session.set_sort(self.sort))
        self.reload(announce=False)

    def action_toggle_read(self) -> None:
        row = self.current()
        if row is not None:
            self.show(self.session.toggle_read(row))

    def action_remove_from_story(self) -> None:
        if self.story is None:
            self.say(f"no story shown: {self.key('library.stories')} picks one", error=True)
            return
        ids = list(self.marked) or ([self.current_id()] if self.current_id() else [])
        if ids:
            self.show(self.session.remove_from_story(self.story, [i for i in ids if i]))

    @on(StoryList.Manage)
    def _manage_story(self, message: StoryList.Manage) -> None:
        from tui_reader.app.screens.dialogs import Confirm, Prompt

        if message.feed_id is not None:
            self._manage_feed(message)
            return
        story = message.story
        assert story is not None
        if message.what == "rename":

            def renamed(name: str | None) -> None:
                if name and name != story:
                    outcome = self.session.rename_story(story, name)
                    if outcome.ok and self.story == story:
                        self.story = outcome.value
                    self.show(outcome)

            self.app.push_screen(Prompt(f"Rename the story “{story}”", story), renamed)
            return

        def deleted(yes: bool | None) -> None:
            if yes:
                outcome = self.session.delete_story(story)
                if outcome.ok and self.story == story:
                    self.story = None
                    self.reload()
                self.show(outcome)

        self.app.push_screen(
            Confirm(f"Delete the story “{story}”? Its articles stay in the library."), deleted
        )

    def _manage_feed(self, message: StoryList.Manage) -> None:
        from tui_reader.app.screens.dialogs import Confirm

        feed = self._feeds.get(message.feed_id or 0)
        if feed is None:
            return
        if message.what == "rename":
            self.say("a feed is named by its outlet (the title its feed gives)")
            return

        def unfollowed(yes: bool | None) -> None:
            if yes:
                outcome = self.session.unfollow(feed)
                if outcome.ok and self.feed == feed.id:
                    self.feed = None
                self.show(outcome)

        self.app.push_screen(
            Confirm(
                f"Stop following “{feed.title or feed.url}”? Its {feed.items} article(s) stay "
                "in the library."
            ),
            unfollowed,
        )

    def chosen_story(self) -> str | None:
        """The story ``W`` is about: the one highlighted in the story list (when it has focus),
        else the story shown, else the first story of the article under the cursor."""
        stories = self.query_one("#stories", StoryList)
        if stories.has_focus and stories.highlighted is not None:
            option = stories.get_option_at_index(stories.highlighted)
            if option.id and option.id.startswith("story:"):  # not a feed, not "all"
                return option.id.removeprefix("story:")
        if self.story:
            return self.story
        row = self.current()
        found = self.session.stories_of(row.id) if row else []
        return found[0] if found else None

    def action_who(self) -> None:
        """The ledger of a story: who is quoted, how much, and what each outlet leaves out."""
        story = self.chosen_story()
        if story is None:
            self.say(
                "the article is in no story: "
                f"{self.key('library.coverage')} finds the articles that report it, "
                f"{self.key('library.add_to_story')} puts articles into a story",
                error=True,
            )
            return
        self.post_message(OpenLedger(story))

    def action_coverage(self) -> None:
        """The articles that report the same story as the one under the cursor."""
        row = self.current()
        if row is None:
            return
        self.post_message(OpenCoverage(row))

    def action_quit(self) -> None:
        self.app.exit()


def feed_label(feed: Feed) -> Text:
    """A feed in the side list: its title, unread/total, and ⚠ when its last refresh failed."""
    # the mark first: a long title wraps in the narrow list, and the mark stays in sight
    label = Text()
    if feed.error:
        label.append("⚠ ", style="bold red")  # a span: the base style stays plain
    start = len(label)
    label.append_text(plain(feed.title or feed.url))
    name_end = len(label)
    label.append(f"  {feed.unread}/{feed.items}" if feed.unread else f"  {feed.items}", style="dim")
    if feed.unread:
        label.stylize("bold", start, name_end)
    return label
