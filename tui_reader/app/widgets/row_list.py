"""A one-line-per-row list drawn with the Line API: the reader's panel of annotations and quotes.

An article with 500 quotes has 500 rows; ``OptionList`` measures and wraps every option when it
is filled, this list draws only the rows on screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui_reader.app.commands import bindings
from tui_reader.app.scrolling import keep_in_view


@dataclass(slots=True)
class Row:
    """A row: styled pieces of text, and the article offset it jumps to (None for a heading)."""

    pieces: list[tuple[str, Style]]
    target: int | None = None

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.pieces)


class RowList(ScrollView, can_focus=True):
    """Rows with a cursor; enter (or a click) selects the row's target."""

    COMPONENT_CLASSES = {"row-list--cursor"}  # noqa: RUF012

    DEFAULT_CSS = """
    RowList { background: $panel; }
    RowList > .row-list--cursor { background: $block-cursor-blurred-background; }
    RowList:focus > .row-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    """

    BINDINGS = bindings("panel.")

    class Selected(Message):
        def __init__(self, row_list: RowList, target: int) -> None:
            super().__init__()
            self.row_list = row_list
            self.target = target

        @property
        def control(self) -> RowList:
            return self.row_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []
        self.cursor = 0

    def set_rows(self, rows: list[Row]) -> None:
        self.rows = rows
        self.virtual_size = Size(self.size.width, len(rows))
        self.cursor = min(self.cursor, max(0, len(rows) - 1))
        if rows and rows[self.cursor].target is None:
            self._step(1)
        self.refresh()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows))

    def _step(self, delta: int) -> None:
        i = self.cursor + delta
        while 0 <= i < len(self.rows) and self.rows[i].target is None:
            i += delta
        if 0 <= i < len(self.rows):
            self.cursor = i
        self._show_cursor()

    def _show_cursor(self) -> None:
        keep_in_view(self, self.cursor)
        self.refresh()

    def action_move(self, delta: int) -> None:
        self._step(delta)

    def action_edge(self, bottom: int) -> None:
        self.cursor = len(self.rows) if bottom else -1
        self._step(-1 if bottom else 1)

    def action_select(self) -> None:
        if 0 <= self.cursor < len(self.rows):
            target = self.rows[self.cursor].target
            if target is not None:
                self.post_message(self.Selected(self, target))

    async def _on_click(self, event: events.Click) -> None:
        row = event.y + int(self.scroll_offset.y)
        if 0 <= row < len(self.rows) and self.rows[row].target is not None:
            self.cursor = row
            self.refresh()
            self.action_select()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + int(self.scroll_offset.y)
        base = self.rich_style
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        extra = self.get_component_rich_style("row-list--cursor") if index == self.cursor else None
        segments = [
            Segment(text.replace("\n", " "), base + style + extra if extra else base + style)
            for text, style in row.pieces
        ]
        fill = base + extra if extra else base
        strip = Strip(segments).crop_extend(0, width, fill)
        if row.text and len(row.text) > width > 1:
            strip = Strip([*strip.crop(0, width - 1), Segment("…", fill)])
        return strip
