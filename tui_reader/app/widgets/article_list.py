"""The library's article table as a Line API widget: only the visible rows are ever drawn.

A ``DataTable`` builds a row object per article up front (seconds for 10,000 articles); this
list keeps the query's summaries as they are and draws the ~40 rows on screen, so start-up,
search results and scrolling cost the same for ten articles or ten thousand.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui_reader.app.commands import bindings
from tui_reader.app.layout import fit
from tui_reader.app.scrolling import keep_in_view
from tui_reader.app.widgets.safe import safe
from tui_reader.library.models import ArticleSummary

LIST_COMMANDS = frozenset(
    f"library.{name}"
    for name in (
        "open",
        "down",
        "up",
        "top",
        "bottom",
        "half_down",
        "half_up",
        "page_down",
        "page_up",
    )
)
"""The library's commands that belong to the list itself (the screen has the others)."""

# (heading, width, right-aligned); the title takes what is left
COLUMNS = (
    ("", 1, False),  # ● marked for compare
    ("", 1, False),  # N unread, Δ changed since read
    ("title", 0, False),
    ("site", 20, False),
    ("date", 10, False),
    ("words", 7, True),
    ("quotes", 6, True),
    ("notes", 5, True),
)


MIN_TITLE = 30
"""The title keeps at least this many cells: narrower screens shed columns first."""


def widths(total: int) -> list[int]:
    """Column widths for ``total`` cells: the title takes what is left; on a narrow screen the
    site column shrinks and the word and note counts go (0 width) before the title is cut."""
    sizes = [w for _, w, _ in COLUMNS]
    for index, smaller in ((3, 14), (7, 0), (5, 0), (3, 10)):
        used = sum(w + 1 for w in sizes if w) - 1
        if total - used >= MIN_TITLE:
            break
        sizes[index] = smaller
    used = sum(w + 1 for i, w in enumerate(sizes) if w and i != 2)
    sizes[2] = max(10, total - used)
    return sizes


def cells(row: ArticleSummary, marked: bool) -> list[str]:
    return [
        "●" if marked else " ",
        "Δ" if row.changed else ("N" if not row.read else " "),
        safe(row.title or "(untitled)"),
        safe(row.site or ""),
        row.published or "",
        f"{row.words:,}",
        str(row.quotes),
        str(row.annotations or ""),
    ]


def _line(values: list[str], total: int) -> str:
    return " ".join(
        fit(value, w, right=r)
        for value, w, (_, _, r) in zip(values, widths(total), COLUMNS, strict=True)
        if w
    )


def header_text(total: int) -> str:
    return _line([h for h, _, _ in COLUMNS], total)


class ArticleList(ScrollView, can_focus=True):
    """Rows of article summaries with a cursor; enter (or a second click) opens one."""

    COMPONENT_CLASSES = {"article-list--cursor", "article-list--odd"}  # noqa: RUF012

    DEFAULT_CSS = """
    ArticleList { background: $surface; scrollbar-gutter: stable; }
    ArticleList > .article-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    ArticleList:blur > .article-list--cursor { background: $block-cursor-blurred-background; text-style: none; }
    ArticleList > .article-list--odd { background: $surface-lighten-1; }
    """

    BINDINGS = [b for b in bindings("library.") if b.id in LIST_COMMANDS]  # noqa: RUF012

    class Opened(Message):
        """Enter (or a second click) on a row."""

        def __init__(self, article_list: ArticleList, row: ArticleSummary) -> None:
            super().__init__()
            self.article_list = article_list
            self.row = row

        @property
        def control(self) -> ArticleList:
            return self.article_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[ArticleSummary] = []
        self.marked: set[int] = set()
        self.cursor_row = 0
        self._styles: dict[str, Style] | None = None

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def current(self) -> ArticleSummary | None:
        return self.rows[self.cursor_row] if 0 <= self.cursor_row < len(self.rows) else None

    def set_rows(self, rows: list[ArticleSummary], keep: int | None = None) -> None:
        """Show ``rows``; the cursor stays on article ``keep`` when it is among them."""
        self.rows = rows
        row = 0
        if keep is not None:
            row = next((i for i, r in enumerate(rows) if r.id == keep), 0)
        self.virtual_size = Size(self.size.width, len(rows))
        self.move_cursor(row)
        self.refresh()

    def move_cursor(self, row: int) -> None:
        self.cursor_row = max(0, min(row, len(self.rows) - 1))
        keep_in_view(self, self.cursor_row)
        self.refresh()

    def action_move(self, delta: int) -> None:
        self.move_cursor(self.cursor_row + delta)

    def action_edge(self, bottom: int) -> None:
        self.move_cursor(len(self.rows) - 1 if bottom else 0)

    def action_half_page(self, direction: int) -> None:
        self.move_cursor(
            self.cursor_row + direction * max(1, self.scrollable_content_region.height // 2)
        )

    def action_page(self, direction: int) -> None:
        self.move_cursor(
            self.cursor_row + direction * max(1, self.scrollable_content_region.height - 1)
        )

    def action_open(self) -> None:
        if self.current is not None:
            self.post_message(self.Opened(self, self.current))

    async def _on_click(self, event: events.Click) -> None:
        row = event.y + int(self.scroll_offset.y)
        if 0 <= row < len(self.rows):
            if row == self.cursor_row and event.chain >= 2:
                self.action_open()
            self.move_cursor(row)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows))
        for header in self.screen.query("ListHeader"):
            header.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None

    def on_focus(self) -> None:
        self._styles = None
        self.refresh()

    def on_blur(self) -> None:
        self._styles = None
        self.refresh()

    def _style(self, name: str) -> Style:
        if self._styles is None:
            self._styles = {
                n: self.get_component_rich_style(n)
                for n in ("article-list--cursor", "article-list--odd")
            }
        return self._styles[name]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + int(self.scroll_offset.y)
        base = self.rich_style
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        if index == self.cursor_row:
            style = base + self._style("article-list--cursor")
        elif index % 2:
            style = base + self._style("article-list--odd")
        else:
            style = base
        if not row.read or row.changed:
            style = style + Style(bold=True)  # unread, or changed since it was read
        text = _line(cells(row, row.id in self.marked), width)
        return Strip([Segment(text, style)]).crop_extend(0, width, style)
