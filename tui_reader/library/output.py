"""Text for a terminal, whatever the database holds.

Everything the tool stores is cleaned when it is stored (:mod:`textclean`), but a database written
by another tool (or by an older version) can hold anything. So every text shown goes through one
of these on its way out: nothing from ``\\x00-\\x1f`` or ``\\x7f-\\x9f`` but newline and tab reaches
the terminal, and lone surrogates (undecodable bytes of a file name, passed through by Python)
become U+FFFD instead of an encoding error.

``safe_json`` is lossless: JSON keeps every character, with the ones a terminal would act on
written as ``\\u`` escapes, so the data parses back exactly.
"""

from __future__ import annotations

import json
import re
from typing import Any

from tui_reader.library.textclean import clean_text

_SPACES = re.compile(r"\s+")
_JSON_UNSAFE = re.compile("[\x7f-\x9f\ud800-\udfff]")  # json.dumps escapes \x00-\x1f itself


def safe_text(value: object) -> str:
    """``value`` as text without control characters or escape sequences (newline and tab kept;
    a carriage return becomes a newline)."""
    return clean_text("" if value is None else str(value))


def safe_line(value: object) -> str:
    """``safe_text`` on one line: newlines and tabs become spaces (table cells, status lines)."""
    return _SPACES.sub(" ", safe_text(value)).strip()


def safe_json(value: Any, *, indent: int | None = 2) -> str:
    """JSON text that a terminal shows as text: non-ASCII kept readable, DEL, C1 controls and
    lone surrogates written as ``\\u`` escapes (JSON strings can hold them; parsing gives back
    the same data)."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
