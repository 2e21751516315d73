"""The help screen: every key of the screen it was opened on, as the active keymap has them."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from tui_reader.app.commands import bindings
from tui_reader.app.widgets.bars import KeyHint


class HelpScreen(ModalScreen[None]):
    """Keys and what they do; arrows, j/k, page keys and the mouse scroll it."""

    HELP_TITLE = "help"
    BINDINGS = bindings("help.")

    def __init__(self, title: str, rows: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide tall", id="help"):
            yield Label(Text(f"Keys: {self.title_text}"), classes="dialog-title")
            table: DataTable[Text] = DataTable(id="keys", cursor_type="row", zebra_stripes=True)
            yield table
            yield KeyHint(
                ("scroll", "help.down", "help.up"),
                "↑↓ pgup pgdn scroll",
                ("closes", "help.close"),
                "the palette finds any action by name",
                "keys are remapped in config.toml [keymap]",
            )

    def on_mount(self) -> None:
        table = self.query_one("#keys", DataTable)
        table.add_columns("key", "command", "what it does")
        for key, label, description in self.rows:
            table.add_row(Text(key, style="bold"), Text(label), Text(description))
        table.focus()

    def action_scroll_down(self) -> None:
        self.query_one("#keys", DataTable).action_cursor_down()

    def action_scroll_up(self) -> None:
        self.query_one("#keys", DataTable).action_cursor_up()

    def action_close(self) -> None:
        self.dismiss(None)
