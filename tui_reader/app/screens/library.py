"""The library: every article in a table, stories as a filter, search as you type."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui_reader.app.article_list import ArticleList, header_text
from tui_reader.app.widgets import KeyBar, StatusLine
from tui_reader.library.models import ArticleSummary
from tui_reader.library.store import Store, StoreError

if TYPE_CHECKING:
    from tui_reader.app.app import ReaderApp

ALL = "\x00all"
FIRST_PAGE = 100


class ListHeader(Static):
    """The column headings above the article list."""

    DEFAULT_CSS = """
    ListHeader { height: 1; background: $panel; text-style: bold; padding: 0 0; }
    """

    def render(self) -> Text:
        lists = self.screen.query(ArticleList)
        width = lists.first().scrollable_content_region.width if lists else self.size.width
        return Text(header_text(width or self.size.width), no_wrap=True)


class LibraryScreen(Screen[None]):
    """Articles newest first: open, mark and compare, search, add, delete."""

    BINDINGS = [  # noqa: RUF012
        Binding("q", "quit", "Quit", id="library.quit"),
        Binding("space", "mark", "Mark", id="library.mark"),
        Binding("c", "compare", "Compare", id="library.compare"),
        Binding("slash", "search", "Search", id="library.search"),
        Binding("a", "add", "Add URL", id="library.add"),
        Binding("d", "delete", "Delete", id="library.delete"),
        Binding("f", "stories", "Stories", id="library.stories"),
        Binding("S", "add_to_story", "To story", show=False, id="library.add_to_story"),
        Binding("e", "export", "Export", id="library.export"),
        Binding("o", "open_url", "Open URL", show=False, id="library.open_url"),
        Binding("escape", "escape", "Close search", show=False, id="library.escape"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.marked: list[int] = []
        self.story: str | None = None
        self.query_text = ""
        self.stale = False

    @property
    def rows(self) -> list[ArticleSummary]:
        """The articles listed now (all, a story's, or the search results)."""
        return self.query_one("#articles", ArticleList).rows

    @property
    def reader(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield OptionList(id="stories", markup=False)
            with Vertical(id="main"):
                yield Input(placeholder="search titles, texts and notes", id="search")
                yield ListHeader(id="list-header")
                yield ArticleList(id="articles")
        yield StatusLine(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#articles", ArticleList).focus()
        self.fill_stories()
        # A first screenful straight away (an indexed query of ~1 ms), the rest in a worker
        # once it is on screen: start-up does not wait for 10,000 rows.
        first = self.reader.store.article_summaries(limit=FIRST_PAGE)
        self._fill(first, announce=len(first) < FIRST_PAGE)
        if len(first) >= FIRST_PAGE:
            self.call_after_refresh(self.reload)

    def on_screen_resume(self) -> None:
        if self.stale:  # back from a reader or compare screen: counts may have changed
            self.stale = False
            self.fill_stories()
            self.reload()

    # -- loading -------------------------------------------------------------------------

    def fill_stories(self) -> None:
        stories = self.query_one("#stories", OptionList)
        stories.clear_options()
        stories.add_option(Option(Text("All articles", style="bold"), id=ALL))
        names = self.reader.store.stories()
        for name in names:
            stories.add_option(Option(Text(name), id=f"story:{name}"))
        chosen = ALL if self.story is None else f"story:{self.story}"
        for i in range(stories.option_count):
            if stories.get_option_at_index(i).id == chosen:
                stories.highlighted = i
        stories.set_class(bool(names), "-shown")

    def reload(self, *, announce: bool = True) -> None:
        """Fetch the rows in a worker thread (search and big libraries never block keys)."""
        self._load(self.story, self.query_text or None, announce)

    @work(thread=True, exclusive=True, group="rows")
    def _load(self, story: str | None, query: str | None, announce: bool) -> None:
        worker = get_current_worker()
        with Store.open(self.reader.db_path, migrate=False) as store:
            rows = store.article_summaries(story=story, query=query)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._fill, rows, announce)

    def _fill(self, rows: list[ArticleSummary], announce: bool = True) -> None:
        table = self.query_one("#articles", ArticleList)
        table.marked = set(self.marked)
        table.set_rows(rows, keep=self.current_id())
        if not announce:
            return
        where = f" in “{self.story}”" if self.story else ""
        found = f" matching “{self.query_text}”" if self.query_text else ""
        marked_note = f" · {len(self.marked)} marked" if self.marked else ""
        if rows:
            self.reader.say(f"{len(rows):,} articles{where}{found}{marked_note}")
        elif self.query_text:
            self.reader.say(f"nothing{where} matches “{self.query_text}”")
        else:
            self.reader.say(
                "no articles yet: a adds a URL, or run tui-reader add / tui-reader demo"
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
            self.stale = True
            self.reader.open_article(row.id)

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
        self.reader.say(f"{len(self.marked)} marked · c compares them side by side")
        table.action_move(1)

    def action_compare(self) -> None:
        ids = list(self.marked)
        if len(ids) < 2:
            self.reader.say("mark two to four articles with space, then press c", error=True)
            return
        if len(ids) > 4:
            self.reader.say(f"{len(ids)} marked: compare shows at most four", error=True)
            return
        self.stale = True
        self.reader.open_compare(ids)

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
        stories = self.query_one("#stories", OptionList)
        if not stories.has_class("-shown"):
            self.reader.say("no stories yet: tui-reader add --story NAME makes one")
            return
        stories.focus()

    def action_add_to_story(self) -> None:
        """Put the marked articles (or the one under the cursor) into a story, new or not."""
        from tui_reader.app.dialogs import Prompt

        ids = list(self.marked) or ([self.current_id()] if self.current_id() else [])
        if not ids:
            return

        def done(name: str | None) -> None:
            if not name:
                return
            try:
                self.reader.store.add_to_story(name, ids)
            except StoreError as exc:
                self.reader.say(f"not saved: {exc}", error=True)
                return
            self.fill_stories()
            self.reader.say(f"saved: {len(ids)} article(s) in the story “{name}” · f filters by it")

        self.app.push_screen(
            Prompt(f"Add {len(ids)} article(s) to the story", self.story or ""), done
        )

    @on(OptionList.OptionSelected, "#stories")
    def _story_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ALL
        self.story = None if option_id == ALL else option_id.removeprefix("story:")
        self.query_one("#articles", ArticleList).focus()
        self.reload()

    def action_add(self) -> None:
        from tui_reader.app.dialogs import Prompt

        def done(url: str | None) -> None:
            if url:
                self.reader.say(f"adding {url}: fetching, extracting, finding quotes…")
                self._add(url, self.story)

        self.app.push_screen(Prompt("Add a URL (or the path of an .html file)"), done)

    @work(thread=True, group="add")
    def _add(self, url: str, story: str | None) -> None:
        from tui_reader.library.ingest import format_result, ingest_one  # trafilatura: slow import

        try:
            with Store.open(self.reader.db_path) as store:
                result = ingest_one(store, url, story=story)
        except StoreError as exc:
            self.app.call_from_thread(self.reader.say, f"failed: {url}: {exc}", error=True)
            return
        self.app.call_from_thread(self._added, format_result(result), result.status == "failed")

    def _added(self, line: str, failed: bool) -> None:
        self.reader.say(line, error=failed)
        self.app.notify(line, severity="error" if failed else "information", markup=False)
        self.fill_stories()
        self.reload(announce=False)

    def action_delete(self) -> None:
        from tui_reader.app.dialogs import Confirm

        row = self.current()
        if row is None:
            return
        notes = f" and its {row.annotations} annotation(s)" if row.annotations else ""

        def done(yes: bool | None) -> None:
            if not yes:
                self.reader.say("kept")
                return
            try:
                self.reader.store.delete_article(row.id)
            except StoreError as exc:
                self.reader.say(f"not deleted: {exc}", error=True)
                return
            if row.id in self.marked:
                self.marked.remove(row.id)
            self.reader.say(f"saved: deleted “{row.title or row.source}”")
            self.reload(announce=False)

        self.app.push_screen(Confirm(f"Delete “{row.title or row.source}”{notes}?"), done)

    def action_export(self) -> None:
        scopes = [("all", "every annotation")]
        if self.story:
            scopes.insert(0, ("story", f"the story “{self.story}”"))
        self.reader.export(scopes, story=self.story)

    def action_open_url(self) -> None:
        row = self.current()
        if row is not None:
            self.reader.open_url(row.url or row.source)

    def action_quit(self) -> None:
        self.app.exit()
