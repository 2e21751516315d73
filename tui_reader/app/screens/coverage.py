"""Coverage of one article: the library's other articles that report the same story, best first,
with what they share; mark some and make a story of them, or compare them side by side."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from tui_reader.app.commands import bindings
from tui_reader.app.layout import fit
from tui_reader.app.messages import CoverageFound, OpenArticle, OpenCompare
from tui_reader.app.screens.base import SessionScreen
from tui_reader.app.session import Session
from tui_reader.app.widgets.bars import KeyBar, StatusLine
from tui_reader.app.widgets.safe import plain, safe
from tui_reader.app.widgets.table import KeyTable, bar_cell
from tui_reader.library.coverage import Covering
from tui_reader.library.models import ArticleSummary

SCORE_COLOUR = "#0087ff"


class CoverageScreen(SessionScreen):
    """The articles that report the same story as one article."""

    HELP_TITLE = "coverage"
    BINDINGS = bindings("coverage.")

    def __init__(self, session: Session, article: ArticleSummary) -> None:
        super().__init__(session)
        self.article = article
        self.found: list[Covering] = []
        self.marked: list[int] = []

    def compose(self) -> ComposeResult:
        yield Static(id="coverage-title")
        yield KeyTable(id="coverage", cursor_type="row", zebra_stripes=True)
        yield StatusLine(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        a = self.article
        title = plain(f"Coverage of “{a.title or a.source}”", style="bold")
        facts = " · ".join(x for x in (f"#{a.id}", a.site, a.published) if x)
        title.append(f"  {safe(facts)}", style="italic")
        self.query_one("#coverage-title", Static).update(title)
        self.query_one("#coverage", KeyTable).focus()
        self.say("looking for the articles that report the same story…")
        self._find()

    @work(
        thread=True, exclusive=True, exit_on_error=False, group="coverage", description="coverage"
    )
    def _find(self) -> None:
        self.post_message(CoverageFound(self.article.id, self.session.coverage(self.article.id)))

    @on(CoverageFound)
    def _found(self, message: CoverageFound) -> None:
        self.found = message.found
        self.fill()
        if not self.found:
            self.say("no other article in the library reports this story")
            return
        self.say(
            f"{len(self.found)} article(s) report the same story, best first · "
            + self.hint("coverage.mark", "coverage.story", "coverage.compare", "table.open")
        )

    def fill(self) -> None:
        """(Re)fill the table without describing the row (the caller says what happened)."""
        with self.prevent(DataTable.RowHighlighted):
            self._fill()

    def _fill(self) -> None:
        table = self.query_one("#coverage", KeyTable)
        row = table.cursor_coordinate.row
        table.clear(columns=True)
        for label, key in (
            ("", "mark"),
            ("Score", "score"),
            ("Title", "title"),
            ("Site", "site"),
            ("Date", "date"),
            ("Shared", "shared"),
        ):
            table.add_column(label, key=key)
        for c in self.found:
            table.add_row(
                "●" if c.id in self.marked else " ",
                bar_cell(c.score, 1.0, f"{c.score:.2f}", SCORE_COLOUR, 5),
                plain(fit(c.title or "(untitled)", 44)),
                plain(fit(c.site or "", 18)),
                c.published or "",
                plain(fit(c.shared.summary(), 60)),  # the whole of it on the status line
                key=f"c{c.id}",
            )
        if self.found:
            table.move_cursor(row=min(row, len(self.found) - 1), animate=False)

    def current(self) -> Covering | None:
        table = self.query_one("#coverage", KeyTable)
        row = table.cursor_coordinate.row
        return self.found[row] if 0 <= row < len(self.found) else None

    @on(DataTable.RowHighlighted, "#coverage")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        c = self.current()
        if c is None:
            return
        parts = " · ".join(f"{k} {v:.2f}" for k, v in c.parts.items())
        self.say(f"#{c.id} score {c.score:.2f} ({parts}): {c.shared.summary()}")

    @on(DataTable.RowSelected, "#coverage")
    def _open(self, event: DataTable.RowSelected) -> None:
        c = self.current()
        if c is not None:
            self.post_message(OpenArticle(c.id))

    def action_mark(self) -> None:
        c = self.current()
        if c is None:
            return
        if c.id in self.marked:
            self.marked.remove(c.id)
        else:
            self.marked.append(c.id)
        table = self.query_one("#coverage", KeyTable)
        row = table.cursor_coordinate.row
        self.fill()
        with self.prevent(DataTable.RowHighlighted):
            table.move_cursor(row=min(row + 1, len(self.found) - 1), animate=False)
        self.say(
            f"{len(self.marked)} marked · {self.key('coverage.story')} makes a story of them "
            f"with #{self.article.id}"
        )

    def _chosen(self) -> list[int]:
        c = self.current()
        return list(self.marked) or ([c.id] if c else [])

    def action_story(self) -> None:
        """Put this article and the marked ones into a story (new or existing)."""
        from tui_reader.app.screens.dialogs import Prompt

        chosen = self._chosen()
        if not chosen:
            self.say("nothing to put into a story: no article reports the same story", error=True)
            return
        ids = [self.article.id, *chosen]
        stories = self.session.stories_of(self.article.id)
        suggestion = stories[0] if stories else " ".join((self.article.title or "").split())[:60]

        def done(name: str | None) -> None:
            if not name:
                return
            outcome = self.session.add_to_story(name, ids)
            if outcome.ok:
                self.marked.clear()
                self.fill()
                self.say(f"{outcome.text} · {self.key('coverage.back')} back to the library")
            else:
                self.show(outcome)

        self.app.push_screen(Prompt(f"Make a story of {len(ids)} article(s)", suggestion), done)

    def action_compare(self) -> None:
        chosen = self._chosen()[:3]
        if not chosen:
            return
        self.post_message(OpenCompare([self.article.id, *chosen]))

    def action_back(self) -> None:
        self.app.pop_screen()
