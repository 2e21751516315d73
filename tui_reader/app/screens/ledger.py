"""The ledger of a story: who is quoted in which outlet (a table with bars), and the statement
map (which outlets carry each statement, and how). Built in a worker; enter opens the article at
the speaker's first quote, or compare with both versions of a statement in view."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from tui_reader.app.colours import speaker_colours
from tui_reader.app.commands import bindings
from tui_reader.app.layout import fit
from tui_reader.app.messages import LedgerBuilt, OpenArticle, OpenCompare
from tui_reader.app.screens.base import SessionScreen
from tui_reader.app.session import Change, Session
from tui_reader.app.widgets.bars import KeyBar, StatusLine
from tui_reader.app.widgets.safe import plain, safe
from tui_reader.app.widgets.table import KeyTable, bar_cell
from tui_reader.library.ledger import Ledger, Outlet, SpeakerRow
from tui_reader.library.salience import fold
from tui_reader.library.statements import Statement, word_diff

SORTS = {
    "words": "words quoted",
    "quotes": "quotes",
    "outlets": "outlets quoting",
    "first": "first quote (earliest first)",
    "name": "name",
}
KIND_STYLES = {
    "verbatim": "bold #5faf00",
    "trimmed": "bold #d7af00",
    "reworded": "bold #0087ff",
    "missing": "dim",
}
DIFF_STYLES = {"same": "", "added": "bold #5faf00", "dropped": "strike #d70000"}
"""The outlet's words that the statement has not (added), and the statement's it left out."""
ONLY_HERE = "bold #d75f00"
"""A speaker quoted by one outlet only, when the story has several: it should stand out."""
FIXED = 4
"""Columns before the outlets: speaker, words, quotes, outlets (statements: #, speaker, text,
outlets)."""


@dataclass(slots=True)
class SpeakerLine:
    """A speaker's row of the table: their cells per article and their totals."""

    speaker_id: int | None
    name: str
    cells: dict[int, SpeakerRow] = field(default_factory=dict)

    @property
    def words(self) -> int:
        return sum(r.words for r in self.cells.values())

    @property
    def quotes(self) -> int:
        return sum(r.quotes for r in self.cells.values())

    @property
    def first_at(self) -> float:
        return min(r.first_at for r in self.cells.values())


def speaker_lines(ledger: Ledger) -> list[SpeakerLine]:
    lines: dict[int | None, SpeakerLine] = {}
    for r in ledger.speakers:
        line = lines.setdefault(r.speaker_id, SpeakerLine(r.speaker_id, r.speaker or ""))
        line.cells[r.article_id] = r
    return list(lines.values())


def sort_lines(lines: list[SpeakerLine], by: str, reverse: bool) -> list[SpeakerLine]:
    """Speakers in the order asked for; the unattributed quotes stay last."""
    keys = {
        "words": lambda s: (-s.words, fold(s.name)),
        "quotes": lambda s: (-s.quotes, -s.words, fold(s.name)),
        "outlets": lambda s: (-len(s.cells), -s.words, fold(s.name)),
        "first": lambda s: (s.first_at, fold(s.name)),
        "name": lambda s: (fold(s.name), s.speaker_id or 0),
    }
    named = sorted((s for s in lines if s.speaker_id is not None), key=keys[by], reverse=reverse)
    return named + [s for s in lines if s.speaker_id is None]


def outlet_label(outlet: Outlet, width: int = 16) -> str:
    return fit(safe(f"#{outlet.article_id} {outlet.site or outlet.title or ''}".strip()), width)


class LedgerScreen(SessionScreen):
    """Who is quoted (speakers × outlets) and the statement map, as two tabs."""

    HELP_TITLE = "ledger"
    BINDINGS = bindings("ledger.")

    def __init__(
        self, session: Session, story: str | None, article_ids: list[int] | None = None
    ) -> None:
        super().__init__(session)
        self.story = story
        self.article_ids = article_ids
        self.ledger: Ledger | None = None
        self.sort_by = "words"
        self.reverse = False
        self.lines: list[SpeakerLine] = []
        self.colours: dict[int | None, str] = {}

    @property
    def title_text(self) -> str:
        return f"“{self.story}”" if self.story else "the articles on screen"

    def compose(self) -> ComposeResult:
        yield Static(id="ledger-title")
        with TabbedContent(id="ledger-tabs", initial="who"):
            with TabPane("Who is quoted", id="who"):
                yield KeyTable(id="speakers", cursor_type="cell", zebra_stripes=True)
            with TabPane("Statements", id="statements"):
                yield KeyTable(id="statement-table", cursor_type="cell", zebra_stripes=True)
                yield Static(id="versions")
        yield StatusLine(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#ledger-title", Static).update(plain(f"Who is quoted in {self.title_text}"))
        self.query_one("#speakers", KeyTable).focus()
        self.session.changed.subscribe(self, self._changed)
        self.say(f"working out who is quoted in {self.title_text}…")
        self._build()

    def _changed(self, change: Change) -> None:
        """A correction (in a reader opened from here), a story or an article changed."""
        if change.kind in ("speakers", "stories", "articles"):
            self._build()

    @work(thread=True, exclusive=True, exit_on_error=False, group="ledger", description="ledger")
    def _build(self) -> None:
        self.post_message(LedgerBuilt(self.session.ledger(self.story, self.article_ids)))

    @on(LedgerBuilt)
    def _built(self, message: LedgerBuilt) -> None:
        ledger = self.ledger = message.ledger
        self.colours = speaker_colours(r.speaker_id for r in ledger.speakers)
        self.lines = speaker_lines(ledger)
        self.fill_speakers()
        self.fill_statements()
        speakers = sum(1 for s in self.lines if s.speaker_id is not None)
        title = Text(f"Who is quoted in {safe(self.title_text)}", style="bold")
        title.append(
            f" · {len(ledger.articles)} article(s) · {speakers} speaker(s) · "
            f"{len(ledger.statements)} statement(s)",
            style="italic",
        )
        self.query_one("#ledger-title", Static).update(title)
        self.say(
            f"{speakers} speaker(s) in {len(ledger.articles)} article(s), sorted by "
            f"{SORTS[self.sort_by]} · {self.hint('table.open', 'ledger.sort', 'ledger.switch')}"
        )

    # -- who is quoted -------------------------------------------------------------------

    def fill_speakers(self) -> None:
        """(Re)fill the table; the cursor stays on its speaker and says nothing (the caller
        says what changed)."""
        with self.prevent(DataTable.CellHighlighted):
            self._fill_speakers()

    def _fill_speakers(self) -> None:
        ledger = self.ledger
        if ledger is None:
            return
        table = self.query_one("#speakers", KeyTable)
        keep = self.current_line()
        row, column = table.cursor_coordinate
        table.clear(columns=True)
        table.add_column("Speaker", key="speaker")
        table.add_column("Words quoted", key="words")
        table.add_column("Quotes", key="quotes")
        table.add_column("Outlets", key="outlets")
        for outlet in ledger.articles:
            table.add_column(outlet_label(outlet), key=f"a{outlet.article_id}")
        table.fixed_columns = 1
        self.lines = sort_lines(self.lines, self.sort_by, self.reverse)
        most_total = max((s.words for s in self.lines), default=0)
        most = max((r.words for r in ledger.speakers), default=0)
        n = len(ledger.articles)
        for line in self.lines:
            colour = self.colours.get(line.speaker_id, "")
            name = plain(line.name or "(unattributed)", style=f"bold {colour}")
            if line.speaker_id is None:
                name.stylize("italic")
            reach = Text(
                f"{len(line.cells)}/{n}", style=ONLY_HERE if len(line.cells) == 1 < n else ""
            )
            cells: list[Text | str] = [
                name,
                bar_cell(line.words, most_total, f"{line.words:,}", colour, 8),
                str(line.quotes),
                reach,
            ]
            for outlet in ledger.articles:
                r = line.cells.get(outlet.article_id)
                cells.append(
                    bar_cell(r.words, most, f"{r.words} ({r.quotes})", colour, 5)
                    if r
                    else Text("·", style="dim")
                )
            table.add_row(*cells, key=f"s{line.speaker_id}")
        if keep is not None and keep in self.lines:
            row = self.lines.index(keep)
        if self.lines:
            table.move_cursor(row=min(row, len(self.lines) - 1), column=column, animate=False)

    def current_line(self) -> SpeakerLine | None:
        table = self.query_one("#speakers", KeyTable)
        row = table.cursor_coordinate.row
        return self.lines[row] if 0 <= row < len(self.lines) and table.row_count else None

    def _outlet_at(self, column: int) -> Outlet | None:
        if self.ledger is None or column < FIXED:
            return None
        index = column - FIXED
        return self.ledger.articles[index] if index < len(self.ledger.articles) else None

    def _site(self, article_id: int) -> str:
        outlet = next(o for o in self.ledger.articles if o.article_id == article_id)  # type: ignore[union-attr]
        return f"#{article_id} {outlet.site or outlet.title or ''}".strip()

    def _active(self, tab: str) -> bool:
        return self.query_one("#ledger-tabs", TabbedContent).active == tab

    @on(DataTable.CellHighlighted, "#speakers")
    def _speaker_cell(self, event: DataTable.CellHighlighted) -> None:
        if not self._active("who"):
            return
        line = self.lines[event.coordinate.row] if event.coordinate.row < len(self.lines) else None
        if line is None:
            return
        who = line.name or "unattributed quotes"
        outlet = self._outlet_at(event.coordinate.column)
        if outlet is None:
            self.say(
                f"{who}: {line.quotes} quote(s), {line.words:,} words quoted, in "
                f"{len(line.cells)} of {len(self.ledger.articles)} article(s)"  # type: ignore[union-attr]
            )
            return
        r = line.cells.get(outlet.article_id)
        site = self._site(outlet.article_id)
        if r is None:
            self.say(f"{who} is not quoted in {site}")
            return
        elsewhere = ", ".join(f"#{a}" for a in r.also_quoted_in) or "no other article"
        named = (
            f" · named without a quote in {', '.join(f'#{a}' for a in r.named_in)}"
            if r.named_in
            else ""
        )
        alone = r.statements - r.shared_statements
        said = f" · {r.statements} statement(s), {alone} in no other outlet" if r.statements else ""
        self.say(
            f"{who} in {site}: {r.quotes} quote(s), {r.words} words ({r.share:.0%} of its quoted "
            f"words), first quote {r.first_at:.0%} into the text{said} · also quoted in "
            f"{elsewhere}{named} · {self.key('table.open')} opens it there"
        )

    @on(DataTable.CellSelected, "#speakers")
    def _speaker_open(self, event: DataTable.CellSelected) -> None:
        line = self.lines[event.coordinate.row] if event.coordinate.row < len(self.lines) else None
        if line is None or self.ledger is None:
            return
        outlet = self._outlet_at(event.coordinate.column)
        if outlet is None:  # the speaker's own columns: their first article
            outlet = next(o for o in self.ledger.articles if o.article_id in line.cells)
        r = line.cells.get(outlet.article_id)
        if r is None:
            self.say(
                f"{line.name or 'nobody unattributed'} is not quoted in {self._site(outlet.article_id)}"
            )
            return
        self.post_message(OpenArticle(r.article_id, at=r.start))

    def action_sort(self) -> None:
        names = list(SORTS)
        self.sort_by = names[(names.index(self.sort_by) + 1) % len(names)]
        self.fill_speakers()
        self._show_tab("who")
        order = " (reversed)" if self.reverse else ""
        self.say(f"sorted by {SORTS[self.sort_by]}{order} · {self.key('ledger.sort')} next column")

    def action_reverse(self) -> None:
        self.reverse = not self.reverse
        self.fill_speakers()
        self._show_tab("who")
        self.say(f"sorted by {SORTS[self.sort_by]}{' (reversed)' if self.reverse else ''}")

    # -- the statement map ---------------------------------------------------------------

    def fill_statements(self) -> None:
        with self.prevent(DataTable.CellHighlighted):
            self._fill_statements()

    def _fill_statements(self) -> None:
        ledger = self.ledger
        if ledger is None:
            return
        table = self.query_one("#statement-table", KeyTable)
        row, column = table.cursor_coordinate
        table.clear(columns=True)
        table.add_column("#", key="n")
        table.add_column("Speaker", key="speaker")
        table.add_column("Statement", key="text")
        table.add_column("Outlets", key="outlets")
        for outlet in ledger.articles:
            table.add_column(outlet_label(outlet, 12), key=f"a{outlet.article_id}")
        table.fixed_columns = 3
        n = len(ledger.articles)
        for number, s in enumerate(ledger.statements, start=1):
            colour = self.colours.get(s.speaker_id, "")
            cells: list[Text | str] = [
                str(number),
                plain(fit(s.speaker or "(unattributed)", 20), style=f"bold {colour}"),
                plain(fit(" ".join(s.text.split()), 44)),
                Text(f"{s.carried_by}/{n}", style=ONLY_HERE if s.carried_by == 1 < n else ""),
            ]
            for outlet in ledger.articles:
                v = s.version(outlet.article_id)
                kind = v.kind if v else "missing"
                label = "—" if kind == "missing" else kind
                style = KIND_STYLES[kind] + (
                    "" if v is None or v.quoted or kind == "missing" else " italic"
                )
                cells.append(Text(label, style=style))
            table.add_row(*cells, key=f"st{number}")
        if ledger.statements:
            table.move_cursor(
                row=min(row, len(ledger.statements) - 1), column=column, animate=False
            )
            self.show_versions(self.current_statement())
        else:
            self.query_one("#versions", Static).update(
                Text("no quotes in these articles", style="italic")
            )

    def current_statement(self) -> Statement | None:
        table = self.query_one("#statement-table", KeyTable)
        row = table.cursor_coordinate.row
        statements = self.ledger.statements if self.ledger else []
        return statements[row] if 0 <= row < len(statements) else None

    def show_versions(self, statement: Statement | None) -> None:
        """Below the map: every outlet's words for the statement, and what differs."""
        panel = self.query_one("#versions", Static)
        if statement is None or self.ledger is None:
            panel.update("")
            return
        text = Text()
        text.append(
            safe(statement.speaker or "unattributed"),
            style=f"bold {self.colours.get(statement.speaker_id, '')}",
        )
        text.append(f": “{safe(' '.join(statement.text.split()))}”\n")
        missing = []
        for v in statement.versions:
            if v.kind == "missing":
                missing.append(f"#{v.article_id}")
                continue
            text.append(f"{self._site(v.article_id)}: ", style="bold")
            text.append(v.kind, style=KIND_STYLES[v.kind])
            text.append("" if v.quoted else " (reported, not quoted)", style="italic")
            if v.article_id != statement.article_id:
                # the outlet's words, with what differs from the statement marked in place
                text.append("  ")
                for words, how in word_diff(statement.text, v.text):
                    text.append(safe(words) + " ", style=DIFF_STYLES[how])
            text.append("\n")
        if missing:
            text.append("not carried by " + ", ".join(missing), style="dim")
        panel.update(text)

    @on(DataTable.CellHighlighted, "#statement-table")
    def _statement_cell(self, event: DataTable.CellHighlighted) -> None:
        statement = self.current_statement()
        self.show_versions(statement)
        if statement is None or not self._active("statements"):
            return
        outlet = self._outlet_at(event.coordinate.column)
        if outlet is None:
            self.say(
                f"carried by {statement.carried_by} of {len(statement.versions)} · "
                f"{self.key('table.open')} compares the first two"
            )
            return
        v = statement.version(outlet.article_id)
        site = self._site(outlet.article_id)
        if v is None or v.kind == "missing":
            self.say(f"{site} does not carry this statement")
        else:
            how = "quoted" if v.quoted else "reported"
            self.say(
                f"{site}: {v.kind}, {how} · {self.key('table.open')} compares it with the statement"
            )

    @on(DataTable.CellSelected, "#statement-table")
    def _statement_open(self, event: DataTable.CellSelected) -> None:
        statement = self.current_statement()
        if statement is None:
            return
        carriers = [v for v in statement.versions if v.kind != "missing" and v.start is not None]
        outlet = self._outlet_at(event.coordinate.column)
        chosen = statement.version(outlet.article_id) if outlet else None
        if outlet is not None and (chosen is None or chosen.kind == "missing"):
            self.say(f"{self._site(outlet.article_id)} does not carry this statement", error=True)
            return
        first = next(v for v in carriers if v.article_id == statement.article_id)
        other = chosen if chosen is not None and chosen is not first else None
        other = other or next((v for v in carriers if v is not first), None)
        if other is None:
            self.post_message(OpenArticle(first.article_id, at=first.start))
            return
        self.post_message(
            OpenCompare([first.article_id, other.article_id], at=[first.start, other.start])
        )

    # -- tabs ----------------------------------------------------------------------------

    def _show_tab(self, tab: str) -> None:
        tabs = self.query_one("#ledger-tabs", TabbedContent)
        tabs.active = tab
        self.query_one("#speakers" if tab == "who" else "#statement-table", KeyTable).focus()

    def action_switch(self) -> None:
        tabs = self.query_one("#ledger-tabs", TabbedContent)
        self._show_tab("statements" if tabs.active == "who" else "who")
        if tabs.active == "statements":
            self.say(
                "each statement and how every outlet carries it (italic: reported, not quoted) · "
                f"{self.key('table.open')} compares two versions"
            )

    @on(TabbedContent.TabActivated, "#ledger-tabs")
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        table_id = "#speakers" if event.pane.id == "who" else "#statement-table"
        self.query_one(table_id, KeyTable).focus()

    def action_back(self) -> None:
        self.app.pop_screen()
