"""Text for the terminal, whatever the database holds.

The library cleans what it stores, but a database written by another tool may hold anything:
every string from the database passes through :func:`safe` (or :func:`plain`) before it is
drawn, so no control character or escape sequence reaches the terminal. Text is never parsed as
markup.
"""

from __future__ import annotations

import re

from rich.text import Text

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(text: str) -> str:
    """``text`` with control characters (C0 but newline and tab, DEL, C1) removed."""
    return _UNSAFE.sub("", text) if _UNSAFE.search(text) else text


def plain(text: str, style: str = "") -> Text:
    """A ``Text`` of ``text`` as written: no markup, no control characters."""
    return Text(safe(text), style=style)


def masked(text: str) -> str:
    """``text`` with each control character shown as U+FFFD: the same length, so offsets into
    the article stay valid (the article view draws this)."""
    return _UNSAFE.sub("\ufffd", text) if _UNSAFE.search(text) else text
