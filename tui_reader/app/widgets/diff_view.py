"""The diff view: an article's last re-fetch, word by word.

Both versions in one text: words the outlet deleted struck through in red, words it added in
green, and quotes whose words changed (or that vanished, or are new) marked in the margin. A
Line API widget like the article view: only the lines on screen are drawn.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import pairwise

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui_reader.app.commands import bindings
from tui_reader.app.layout import Layout, fit, wrap
from tui_reader.app.widgets.safe import masked
from tui_reader.library.diff import Piece, QuoteChange

DELETED = Style(color="#d70000", strike=True)
ADDED = Style(color="#5faf00", bold=True)
QUOTE_MARK = Style(underline=True)
GUTTER = 10


@dataclass(frozen=True, slots=True)
class Mark:
    """A stretch of the merged text and what it is."""

    start: int
    end: int
    style: Style


@dataclass(frozen=True, slots=True)
class QuoteNote:
    """A quote the new version changed, where it starts in the merged text."""

    start: int
    end: int
    label: str


def merge(
    pieces: list[Piece], changes: list[QuoteChange], old_text: str
) -> tuple[str, list[Mark], list[QuoteNote]]:
    """One text of both versions, the marks that colour it, and the changed quotes in it."""
    text_parts: list[str] = []
    marks: list[Mark] = []
    new_at: list[tuple[int, int]] = []  # (new-text offset, merged offset) at each piece start
    old_at: list[tuple[int, int]] = []
    pos = new = old = 0
    for piece in pieces:
        n = len(piece.text)
        if piece.kind != "added":
            old_at.append((old, pos))
            old += n
        if piece.kind != "deleted":
            new_at.append((new, pos))
            new += n
        if piece.kind == "deleted":
            marks.append(Mark(pos, pos + n, DELETED))
        elif piece.kind == "added":
            marks.append(Mark(pos, pos + n, ADDED))
        text_parts.append(piece.text)
        pos += n

    def place(table: list[tuple[int, int]], offset: int) -> int:
        i = bisect_right([t[0] for t in table], offset) - 1
        if i < 0:
            return 0
        return table[i][1] + offset - table[i][0]

    notes: list[QuoteNote] = []
    for change in changes:
        if change.kind in ("changed", "new") and change.start is not None and change.end:
            start, end = place(new_at, change.start), place(new_at, change.end - 1) + 1
            notes.append(QuoteNote(start, end, "changed" if change.kind == "changed" else "new"))
        elif change.kind == "vanished" and change.old_text:
            found = old_text.find(change.old_text)
            if found >= 0:
                start = place(old_at, found)
                notes.append(QuoteNote(start, start + len(change.old_text), "gone"))
    for note in notes:
        marks.append(Mark(note.start, note.end, QUOTE_MARK))
    return "".join(text_parts), marks, sorted(notes, key=lambda n: n.start)


class DiffView(ScrollView, can_focus=True):
    """Two versions of an article as one text, the changes coloured."""

    DEFAULT_CSS = """
    DiffView { background: $surface; color: $foreground; scrollbar-gutter: stable; }
    """

    BINDINGS = bindings("diff.")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""
        self.marks: list[Mark] = []
        self.notes: list[QuoteNote] = []
        self.changes: list[int] = []
        self.layout_: Layout | None = None

    def load(self, pieces: list[Piece], changes: list[QuoteChange], old_text: str) -> None:
        text, self.marks, self.notes = merge(pieces, changes, old_text)
        self.text = masked(text)
        starts = sorted({m.start for m in self.marks if m.style is not QUOTE_MARK})
        self.changes = starts
        self._relayout()

    def on_resize(self) -> None:
        self._relayout()

    def _relayout(self) -> None:
        if self.size.width == 0:
            return
        self.layout_ = wrap(self.text, max(8, self.scrollable_content_region.width - GUTTER))
        self.virtual_size = Size(self.size.width, len(self.layout_))
        self.refresh()

    def change_lines(self) -> list[int]:
        """The screen lines where a change starts."""
        if self.layout_ is None:
            return []
        return sorted({self.layout_.line_of(start) for start in self.changes})

    def action_scroll_lines(self, delta: int) -> None:
        self.scroll_to(y=self.scroll_offset.y + delta, animate=False)

    def action_change(self, direction: int) -> None:
        """To the next (or previous) change, a few lines from the top."""
        lines = self.change_lines()
        top = int(self.scroll_offset.y) + 3
        if direction > 0:
            i = bisect_right(lines, top)
            target = lines[i] if i < len(lines) else None
        else:
            i = bisect_left(lines, top) - 1
            target = lines[i] if i >= 0 else None
        if target is not None:
            self.scroll_to(y=max(0, target - 3), animate=False)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + int(self.scroll_offset.y)
        base = self.rich_style
        if self.layout_ is None or index >= len(self.layout_):
            return Strip.blank(width, base)
        start, end = self.layout_.starts[index], self.layout_.ends[index]
        label = ""
        for note in self.notes:
            if start <= note.start < end:
                label = f"“ {note.label}"
                break
        gutter = Segment(fit(label, GUTTER - 1) + " ", base + Style(bold=True, italic=True))
        spans = [m for m in self.marks if m.start < end and m.end > start]
        points = {start, end}
        for m in spans:
            points.update(p for p in (m.start, m.end) if start < p < end)
        segments = [gutter]
        for a, b in pairwise(sorted(points)):
            style = base
            for m in spans:
                if m.start <= a and b <= m.end:
                    style = style + m.style
            piece = self.text[a:b].replace("\n", " ").replace("\t", " ")
            if piece:
                segments.append(Segment(piece, style))
        return Strip(segments).crop_extend(0, width, base)
