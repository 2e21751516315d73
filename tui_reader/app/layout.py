"""Word-wrapping an article into screen lines that remember their text offsets.

The lines partition the text: every offset ``0 <= i < len(text)`` lies in exactly one line, so a
cursor (an offset) always has a line and a column, and a line's styles are looked up by offset.
Pure Python, no Textual: the article view draws what this computes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len

_TOKEN = re.compile(r"\S+[^\S\n]*|[^\S\n]+")


def width_of(text: str) -> int:
    """Terminal cells taken by ``text`` (ASCII fast path)."""
    return len(text) if text.isascii() else cell_len(text)


def fit(text: str, width: int, *, right: bool = False) -> str:
    """``text`` cut (with …) or padded to ``width`` cells."""
    if width <= 0:
        return ""
    text = " ".join(text.split())
    if width_of(text) > width:
        out = []
        used = 0
        for ch in text:
            w = width_of(ch)
            if used + w > width - 1:
                break
            out.append(ch)
            used += w
        text = "".join(out) + "…"
    pad = " " * max(0, width - width_of(text))
    return pad + text if right else text + pad


@dataclass(slots=True)
class Layout:
    """The wrapped lines of one text at one width."""

    text: str
    width: int
    starts: list[int]
    ends: list[int]

    def __len__(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        """The line holding ``offset`` (clamped to the text)."""
        if not self.starts:
            return 0
        return max(0, bisect_right(self.starts, offset) - 1)

    def line_text(self, y: int) -> str:
        """What line ``y`` shows: its text without the newline, tabs as spaces."""
        return self.text[self.starts[y] : self.ends[y]].replace("\n", " ").replace("\t", " ")

    def column_of(self, offset: int) -> int:
        """The screen column of ``offset`` within its line."""
        y = self.line_of(offset)
        return width_of(self.text[self.starts[y] : offset])

    def offset_at(self, y: int, column: int) -> int:
        """The offset shown at ``column`` of line ``y`` (the line's last offset when past it)."""
        y = min(max(y, 0), len(self.starts) - 1)
        start, end = self.starts[y], self.ends[y]
        last = max(start, end - 1)
        if column <= 0:
            return start
        cells = 0
        for i in range(start, end):
            cells += width_of(self.text[i])
            if cells > column:
                return i
        return last


def wrap(text: str, width: int) -> Layout:
    """Greedy word wrap of ``text`` into lines of at most ``width`` cells (long words split).

    Trailing spaces and the newline belong to the line they end; they are not drawn.
    """
    width = max(1, width)
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    n = len(text)
    ascii_text = text.isascii()
    measure = len if ascii_text else width_of
    fast = _line_pattern(width) if ascii_text else None
    while pos < n:
        nl = text.find("\n", pos)
        stop = n if nl < 0 else nl + 1
        if fast is None or not _wrap_ascii(fast, text, pos, stop, starts, ends):
            _wrap_paragraph(text, pos, stop, width, starts, ends, measure)
        pos = stop
    if not starts:
        starts.append(0)
        ends.append(0)
    return Layout(text, width, starts, ends)


@lru_cache(maxsize=16)
def _line_pattern(width: int) -> re.Pattern[str]:
    """One screen line of ASCII text: up to ``width`` characters ending before a space (or a
    word cut at ``width``), with its trailing spaces."""
    return re.compile(rf"(?:[^\n]{{1,{width}}}(?= |$)|[^ \n]{{{width}}}|[^\n]{{1,{width}}}) *")


def _wrap_ascii(
    pattern: re.Pattern[str], text: str, start: int, stop: int, starts: list[int], ends: list[int]
) -> bool:
    """The greedy wrap of one ASCII paragraph by regex (C speed); False when it cannot (tabs,
    a paragraph starting with spaces), and the general loop takes over."""
    body_end = stop - 1 if text[stop - 1] == "\n" else stop
    if body_end == start:
        starts.append(start)
        ends.append(stop)
        return True
    if text[start] == " " or "\t" in text[start:body_end]:
        return False
    pos = start
    line_starts, line_ends = [], []
    for m in pattern.finditer(text, start, body_end):
        if m.start() != pos or m.end() == m.start():
            return False
        line_starts.append(m.start())
        line_ends.append(m.end())
        pos = m.end()
    if pos != body_end or not line_starts:
        return False
    line_ends[-1] = stop
    starts.extend(line_starts)
    ends.extend(line_ends)
    return True


def _wrap_paragraph(
    text: str,
    start: int,
    stop: int,
    width: int,
    starts: list[int],
    ends: list[int],
    width_of: Callable[[str], int],
) -> None:
    body_end = stop - 1 if text[stop - 1] == "\n" else stop
    line_start = start
    used = 0
    if body_end == start:  # an empty line
        starts.append(start)
        ends.append(stop)
        return
    for m in _TOKEN.finditer(text, start, body_end):
        token = m.group()
        word = token.rstrip()
        w = width_of(word)
        if used and used + w > width:
            starts.append(line_start)
            ends.append(m.start())
            line_start = m.start()
            used = 0
        if used + w <= width:
            used += width_of(token)
            continue
        word_end = m.start() + len(word)
        while width_of(text[line_start:word_end]) > width:  # a word longer than the line
            cut = _cut(text, line_start, width)
            starts.append(line_start)
            ends.append(cut)
            line_start = cut
        used = width_of(text[line_start : m.end()])
    starts.append(line_start)
    ends.append(stop)


def _cut(text: str, start: int, width: int) -> int:
    cells = 0
    i = start
    while i < len(text):
        cw = width_of(text[i])
        if cells + cw > width:
            break
        cells += cw
        i += 1
    return max(i, start + 1)


def fit_middle(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells, cut in the middle (a long URL keeps its host and
    its last part: ``https://example.org/…/story.html``)."""
    text = " ".join(text.split())
    width = max(width, 12)
    if width_of(text) <= width:
        return text
    head = (width - 1) * 2 // 5
    scheme = text.find("://")
    if scheme >= 0:  # a URL: keep its host whole when it fits, and the rest for its end
        host_end = text.find("/", scheme + 3)
        if 0 < host_end + 1 <= (width - 1) * 3 // 5:
            head = host_end + 1
    tail = width - 1 - head
    return text[:head] + "…" + text[len(text) - tail :]
