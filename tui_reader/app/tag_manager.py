"""The tag manager: rename, merge, recolour, set quick-tag keys, delete."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from tui_reader.app.colours import next_colour, tag_colour
from tui_reader.app.dialogs import Confirm, Prompt, TagPicker
from tui_reader.library.models import Tag
from tui_reader.library.store import StoreError

if TYPE_CHECKING:
    from tui_reader.app.app import ReaderApp


class TagManager(ModalScreen[None]):
    """A table of tags with keys to change them; every change is saved at once."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape,q", "close", "Close", id="tags.close"),
        Binding("r", "rename", "Rename", id="tags.rename"),
        Binding("m", "merge", "Merge into…", id="tags.merge"),
        Binding("c", "colour", "Colour", id="tags.colour"),
        Binding("a", "add", "New tag", id="tags.add"),
        Binding("d", "delete", "Delete", id="tags.delete"),
        *(
            Binding(str(n), f"quick_key({n})", f"Quick key {n}", show=False, id=f"tags.key{n}")
            for n in range(10)
        ),
        Binding("j", "cursor(1)", "Down", show=False),
        Binding("k", "cursor(-1)", "Up", show=False),
    ]

    @property
    def reader(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide tall"):
            yield Label(Text("Tags"), classes="dialog-title", id="tags-title")
            yield DataTable(id="tags", cursor_type="row", zebra_stripes=True)
            yield Static(
                Text(
                    "r rename · m merge · c colour · 1-9 quick key (0 clears) · a new · "
                    "d delete · escape close"
                ),
                classes="hint",
            )

    def on_mount(self) -> None:
        table = self.query_one("#tags", DataTable)
        table.add_column("tag", key="tag")
        table.add_column("key", key="key")
        table.add_column("uses", key="uses")
        self.refill()
        table.focus()

    def refill(self, keep: str | None = None) -> None:
        table = self.query_one("#tags", DataTable)
        row = table.cursor_row
        table.clear()
        counts = self.reader.store.tag_counts()
        for tag in self.reader.store.tags():
            name = Text()
            name.append("■ ", style=tag_colour(tag.colour, tag.id))
            name.append(tag.name)
            table.add_row(
                name,
                Text(str(tag.quick_key or "")),
                Text(str(counts.get(tag.name, 0))),
                key=tag.name,
            )
        title = (
            "Tags" if table.row_count else "Tags: none yet (a makes one; so does t in the reader)"
        )
        self.query_one("#tags-title", Label).update(Text(title))
        if keep is not None:
            for i, tag in enumerate(self.reader.store.tags()):
                if tag.name == keep:
                    row = i
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def current(self) -> Tag | None:
        table = self.query_one("#tags", DataTable)
        if not table.row_count:
            return None
        name = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return next((t for t in self.reader.store.tags() if t.name == name), None)

    def _run(self, what: str, change: object) -> None:
        try:
            if callable(change):
                change()
        except StoreError as exc:
            self.reader.say(f"not saved: {exc}", error=True)
            return
        self.reader.say(f"saved: {what}")
        self.reader.tags_changed()

    def action_cursor(self, delta: int) -> None:
        table = self.query_one("#tags", DataTable)
        table.move_cursor(row=table.cursor_row + delta)

    def action_rename(self) -> None:
        tag = self.current()
        if tag is None:
            return

        def done(name: str | None) -> None:
            if name and name != tag.name:
                self._run(f"renamed “{tag.name}” to “{name}”", lambda: self._rename(tag, name))
                self.refill(keep=name)

        self.app.push_screen(Prompt(f"Rename “{tag.name}”", tag.name), done)

    def _rename(self, tag: Tag, name: str) -> None:
        self.reader.store.rename_tag(tag.name, name)

    def action_merge(self) -> None:
        tag = self.current()
        if tag is None:
            return
        others = [t for t in self.reader.store.tags() if t.id != tag.id]

        def done(target: str | None) -> None:
            if target:
                self._run(
                    f"merged “{tag.name}” into “{target}”",
                    lambda: self.reader.store.merge_tags(tag.name, target),
                )
                self.refill(keep=target)

        self.app.push_screen(
            TagPicker(others, self.reader.store.tag_counts(), f"Merge “{tag.name}” into"), done
        )

    def action_colour(self) -> None:
        tag = self.current()
        if tag is None:
            return
        colour = next_colour(tag.colour or tag_colour(None, tag.id))
        self._run(
            f"colour of “{tag.name}”", lambda: self.reader.store.set_tag_colour(tag.name, colour)
        )
        self.refill(keep=tag.name)

    def action_quick_key(self, key: int) -> None:
        tag = self.current()
        if tag is None:
            return
        value = key or None
        what = f"“{tag.name}” on key {key}" if value else f"“{tag.name}” has no quick key"
        self._run(what, lambda: self.reader.store.set_quick_key(tag.name, value))
        self.refill(keep=tag.name)

    def action_add(self) -> None:
        def done(name: str | None) -> None:
            if name:
                self._run(f"new tag “{name}”", lambda: self.reader.new_tag(name))
                self.refill(keep=name)

        self.app.push_screen(Prompt("New tag"), done)

    def action_delete(self) -> None:
        tag = self.current()
        if tag is None:
            return
        uses = self.reader.store.tag_counts().get(tag.name, 0)

        def done(yes: bool | None) -> None:
            if yes:
                self._run(
                    f"deleted tag “{tag.name}”", lambda: self.reader.store.delete_tag(tag.name)
                )
                self.refill()

        self.app.push_screen(
            Confirm(f"Delete the tag “{tag.name}”? It is on {uses} annotation(s); they stay."),
            done,
        )

    def action_close(self) -> None:
        self.dismiss(None)
