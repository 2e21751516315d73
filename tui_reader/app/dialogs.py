"""Modal dialogs: tag picker, note editor, confirmation, one-line prompt, export, help.

Each returns its answer through ``dismiss`` (None when cancelled); the screens decide what to do
with it. Text that came from articles or users is shown as plain text, never as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    DataTable,
    Input,
    Label,
    OptionList,
    RadioButton,
    RadioSet,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option

from tui_reader.app.colours import tag_colour
from tui_reader.library.models import Tag

NEW_TAG = "\x00new"


class TagPicker(ModalScreen[str | None]):
    """Type to filter the tags (fuzzy); enter applies; a new name makes a new tag."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        Binding("down", "cursor(1)", "Next", show=False, priority=True),
        Binding("up", "cursor(-1)", "Previous", show=False, priority=True),
    ]

    def __init__(self, tags: list[Tag], counts: dict[str, int], title: str = "Tag") -> None:
        super().__init__()
        self.tags = tags
        self.counts = counts
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.title_text), classes="dialog-title")
            yield Input(placeholder="type to filter, or a new tag name", id="filter")
            yield OptionList(id="choices", markup=False)
            yield Static(Text("enter apply · ↑↓ choose · escape cancel"), classes="hint")

    def on_mount(self) -> None:
        self._fill("")

    def _fill(self, query: str) -> None:
        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        query = " ".join(query.split())
        if query:
            matcher = Matcher(query)
            scored = [(matcher.match(t.name), t) for t in self.tags]
            ranked = [t for s, t in sorted(scored, key=lambda st: -st[0]) if s > 0]
        else:
            ranked = sorted(self.tags, key=lambda t: (-self.counts.get(t.name, 0), t.name))
        options = []
        exact = any(t.name.casefold() == query.casefold() for t in self.tags)
        for tag in ranked:
            label = Text()
            label.append("■ ", style=tag_colour(tag.colour, tag.id))
            label.append(tag.name)
            if tag.quick_key:
                label.append(f"  [{tag.quick_key}]", style="dim")
            label.append(f"  {self.counts.get(tag.name, 0)}", style="dim")
            options.append(Option(label, id=f"tag:{tag.name}"))
        if query and not exact:  # last: enter takes the best match, ↓ reaches "new"
            options.append(Option(Text(f"+ new tag “{query}”", style="italic"), id=NEW_TAG))
        choices.add_options(options)
        if options:
            choices.highlighted = 0

    @on(Input.Changed, "#filter")
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#filter")
    def _submitted(self, event: Input.Submitted) -> None:
        choices = self.query_one("#choices", OptionList)
        if choices.highlighted is None:
            name = " ".join(event.value.split())
            self.dismiss(name or None)
            return
        self._choose(choices.get_option_at_index(choices.highlighted).id)

    @on(OptionList.OptionSelected, "#choices")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id)

    def _choose(self, option_id: str | None) -> None:
        if option_id == NEW_TAG:
            self.dismiss(" ".join(self.query_one("#filter", Input).value.split()) or None)
        elif option_id and option_id.startswith("tag:"):
            self.dismiss(option_id[4:])

    def action_cursor(self, delta: int) -> None:
        choices = self.query_one("#choices", OptionList)
        if choices.option_count:
            current = choices.highlighted if choices.highlighted is not None else -1
            choices.highlighted = (current + delta) % choices.option_count

    def action_cancel(self) -> None:
        self.dismiss(None)


class NoteEditor(ModalScreen[str | None]):
    """Write or edit a note; ctrl+s or escape saves, so a note is never lost by a key."""

    BINDINGS = [  # noqa: RUF012
        Binding("ctrl+s", "save", "Save", priority=True, id="note.save"),
        Binding("escape", "save", "Save and close", id="note.close"),
    ]

    def __init__(self, note: str, passage: str) -> None:
        super().__init__()
        self.note = note
        self.passage = passage

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(Text("Note"), classes="dialog-title")
            passage = self.passage if len(self.passage) < 300 else self.passage[:297] + "…"
            yield Static(Text(f"“{passage}”", style="italic"), classes="passage")
            yield TextArea(self.note, id="note", soft_wrap=True)
            yield Static(
                Text("ctrl+s or escape save · the note may have several lines"), classes="hint"
            )

    def on_mount(self) -> None:
        area = self.query_one("#note", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one("#note", TextArea).text)


class Confirm(ModalScreen[bool]):
    """A yes/no question (``y``/``enter`` yes, ``n``/``escape`` no)."""

    BINDINGS = [  # noqa: RUF012
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.question))
            with Horizontal(classes="buttons"):
                yield Button("Yes (y)", id="yes", variant="error")
                yield Button("No (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class Prompt(ModalScreen[str | None]):
    """One line of input (add a URL, rename a tag)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]  # noqa: RUF012

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(Text(self.title_text), classes="dialog-title")
            yield Input(self.value, placeholder=self.placeholder, id="value")
            yield Static(Text("enter ok · escape cancel"), classes="hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True, slots=True)
class ExportRequest:
    path: Path
    scope: str
    """``article``, ``story``, ``compare`` or ``all``."""


class ExportDialog(ModalScreen[ExportRequest | None]):
    """Where to write the CSV, and what to put in it."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export.cancel")]  # noqa: RUF012

    def __init__(self, scopes: list[tuple[str, str]], path: Path) -> None:
        super().__init__()
        self.scopes = scopes
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(Text("Export annotations (CSV)"), classes="dialog-title")
            with RadioSet(id="scope"):
                for i, (_, label) in enumerate(self.scopes):
                    yield RadioButton(Text(label), value=i == 0)
            yield Input(str(self.path), id="path")
            yield Static(Text("enter write · tab to the scope · escape cancel"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            return
        index = self.query_one("#scope", RadioSet).pressed_index
        scope = self.scopes[max(0, index)][0]
        self.dismiss(ExportRequest(Path(event.value.strip()).expanduser(), scope))

    def action_cancel(self) -> None:
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    """Every key of the screen it was opened on."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", id="help.close")]  # noqa: RUF012

    def __init__(self, title: str, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide tall"):
            yield Label(Text(f"Keys: {self.title_text}"), classes="dialog-title")
            table: DataTable[Text] = DataTable(id="keys", cursor_type="row", zebra_stripes=True)
            yield table
            yield Static(
                Text("ctrl+p: every action by name · keys are remapped in config.toml [keymap]"),
                classes="hint",
            )

    def on_mount(self) -> None:
        table = self.query_one("#keys", DataTable)
        table.add_columns("key", "action")
        for key, description in self.rows:
            table.add_row(Text(key, style="bold"), Text(description))
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
