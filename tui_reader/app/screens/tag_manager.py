"""The tag manager: rename, merge, recolour, set quick-tag keys, delete."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from tui_reader.app.colours import next_colour, tag_colour
from tui_reader.app.commands import bindings, hint
from tui_reader.app.screens.dialogs import Confirm, Prompt, TagPicker
from tui_reader.app.session import Change, Outcome, Session
from tui_reader.app.widgets.bars import StatusLine
from tui_reader.app.widgets.safe import safe
from tui_reader.library.models import Tag


class TagManager(ModalScreen[None]):
    """A table of tags with keys to change them; every change is saved at once."""

    HELP_TITLE = "tag manager"
    BINDINGS = bindings("tags.")

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide tall"):
            yield Label(Text("Tags"), classes="dialog-title", id="tags-title")
            yield DataTable(id="tags", cursor_type="row", zebra_stripes=True)
            yield StatusLine(id="tags-status")
            yield Static(id="tags-hint", classes="hint")

    def on_mount(self) -> None:
        table = self.query_one("#tags", DataTable)
        table.add_column("tag", key="tag")
        table.add_column("key", key="key")
        table.add_column("uses", key="uses")
        self.query_one("#tags-hint", Static).update(
            Text(
                hint(self, "tags.rename", "tags.merge", "tags.colour", "tags.add", "tags.delete")
                + f" · {self.key('tags.key1')}…{self.key('tags.key9')} quick key "
                + f"({self.key('tags.key0')} clears) · "
                + hint(self, "tags.close")
            )
        )
        self.session.changed.subscribe(self, self._changed)
        self.refill()
        table.focus()

    def _changed(self, change: Change) -> None:
        if change.kind == "tags":
            self.refill(keep=self._keep)

    _keep: str | None = None

    def refill(self, keep: str | None = None) -> None:
        table = self.query_one("#tags", DataTable)
        row = table.cursor_row
        table.clear()
        counts = self.session.tag_counts()
        tags = self.session.tags()
        for tag in tags:
            name = Text()
            name.append("■ ", style=tag_colour(tag.colour, tag.id))
            name.append(safe(tag.name))
            table.add_row(
                name,
                Text(str(tag.quick_key or "")),
                Text(str(counts.get(tag.name, 0))),
                key=str(tag.id),
            )
        title = (
            "Tags"
            if table.row_count
            else f"Tags: none yet ({self.key('tags.add')} makes one; so does t in the reader)"
        )
        self.query_one("#tags-title", Label).update(Text(title))
        if keep is not None:
            row = next((i for i, t in enumerate(tags) if t.name == keep), row)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def key(self, command_id: str) -> str:
        from tui_reader.app.commands import key_for

        return key_for(self, command_id)

    def current(self) -> Tag | None:
        table = self.query_one("#tags", DataTable)
        if not table.row_count:
            return None
        tag_id = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return next((t for t in self.session.tags() if str(t.id) == tag_id), None)

    def _show(self, outcome: Outcome[object], keep: str | None) -> None:
        self._keep = keep
        self.query_one("#tags-status", StatusLine).say(outcome.text, error=outcome.error)
        self.refill(keep=keep)

    def action_cursor(self, delta: int) -> None:
        table = self.query_one("#tags", DataTable)
        table.move_cursor(row=table.cursor_row + delta)

    def action_rename(self) -> None:
        tag = self.current()
        if tag is None:
            return

        def done(name: str | None) -> None:
            if name and name != tag.name:
                self._show(self.session.rename_tag(tag.name, name), keep=" ".join(name.split()))

        self.app.push_screen(Prompt(f"Rename “{tag.name}”", tag.name), done)

    def action_merge(self) -> None:
        tag = self.current()
        if tag is None:
            return
        others = [t for t in self.session.tags() if t.id != tag.id]

        def done(target: str | None) -> None:
            if target:
                self._show(self.session.merge_tags(tag.name, target), keep=target)

        self.app.push_screen(
            TagPicker(others, self.session.tag_counts(), f"Merge “{tag.name}” into"), done
        )

    def action_colour(self) -> None:
        tag = self.current()
        if tag is not None:
            colour = next_colour(tag.colour or tag_colour(None, tag.id))
            self._show(self.session.set_tag_colour(tag.name, colour), keep=tag.name)

    def action_quick_key(self, key: int) -> None:
        tag = self.current()
        if tag is not None:
            self._show(self.session.set_quick_key(tag.name, key or None), keep=tag.name)

    def action_add(self) -> None:
        def done(name: str | None) -> None:
            if name:
                outcome = self.session.new_tag(name)
                self._show(outcome, keep=outcome.value[0].name if outcome.value else None)

        self.app.push_screen(Prompt("New tag"), done)

    def action_delete(self) -> None:
        tag = self.current()
        if tag is None:
            return
        uses = self.session.tag_counts().get(tag.name, 0)

        def done(yes: bool | None) -> None:
            if yes:
                self._show(self.session.delete_tag(tag.name), keep=None)

        self.app.push_screen(
            Confirm(f"Delete the tag “{tag.name}”? It is on {uses} annotation(s); they stay."),
            done,
        )

    def action_close(self) -> None:
        self.dismiss(None)
