"""A table with the app's keys (j/k/h/l, g/G, enter, remappable), and small bars for its cells.

Textual's ``DataTable`` draws only the rows on screen; the ledger (a speaker per row, an outlet
per column) and the coverage list are a few hundred rows at most.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from tui_reader.app.commands import bindings

_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: float, most: float, width: int = 6) -> str:
    """A bar of ``width`` cells, full for ``most``, in eighths of a cell; any value above 0 shows
    at least a sliver."""
    if most <= 0 or value <= 0:
        return " " * width
    eighths = max(1, round(min(value / most, 1.0) * width * 8))
    full, rest = divmod(eighths, 8)
    text = "█" * full + (_EIGHTHS[rest] if rest else "")
    return text.ljust(width)


def bar_cell(value: float, most: float, label: str, colour: str, width: int = 6) -> Text:
    """A cell: a bar in ``colour`` and its figure."""
    text = Text(no_wrap=True)
    text.append(bar(value, most, width), style=colour)
    text.append(" " + label)
    return text


class KeyTable(DataTable):
    """A ``DataTable`` whose keys come from the command table (``table.*``)."""

    BINDINGS = bindings("table.")
