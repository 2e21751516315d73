"""Clean text: nothing stored may act on a terminal.

Strips terminal control characters from everything stored: C0 controls except newline and tab,
DEL, C1 controls, and whole escape sequences (CSI, OSC, DCS/SOS/PM/APC strings, two-character
ESC sequences and the 8-bit CSI). Carriage returns become newlines; lone surrogates (bytes that
were not UTF-8, passed through by Python) become U+FFFD, which SQLite can store. Bracketed text such as
``[bold]`` is text and is kept literally; the app never parses stored text as markup.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tui_reader.library.models import ExtractedArticle

_ESCAPES = re.compile(
    r"""
    \x1b\[ [0-?]* [ -/]* [@-~]                 # CSI ... final byte
  | \x9b [0-?]* [ -/]* [@-~]                   # 8-bit CSI
  | \x1b\] .*? (?:\x07|\x1b\\|\x9c|$)          # OSC ... BEL or ST
  | \x9d .*? (?:\x07|\x1b\\|\x9c|$)            # 8-bit OSC
  | \x1b[PX^_] .*? (?:\x1b\\|\x9c|$)           # DCS, SOS, PM, APC strings
  | [\x90\x98\x9e\x9f] .*? (?:\x1b\\|\x9c|$)   # their 8-bit forms
  | \x1b [ -/]* [0-~]                          # two-character (and nF) ESC sequences
    """,
    re.VERBOSE | re.DOTALL,
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATES = re.compile("[\ud800-\udfff]")  # undecodable bytes Python passed through
_SPACES = re.compile(r"\s+")
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
"""Every character the cleaning acts on (each escape sequence starts with one, and ``\\r`` is
one): a text without any is returned as it is, after one scan instead of five."""


def clean_text(text: str) -> str:
    """``text`` without terminal control characters or escape sequences; newlines normalised."""
    if not text:
        return ""
    if not _UNSAFE.search(text):
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPES.sub("", text)
    return _SURROGATES.sub("\ufffd", _CONTROLS.sub("", text))


def clean_line(text: str | None) -> str | None:
    """A one-line field (title, author, site): clean, whitespace collapsed; None stays None."""
    if text is None:
        return None
    return _SPACES.sub(" ", clean_text(text)).strip() or None


def clean_article(article: ExtractedArticle) -> tuple[ExtractedArticle, bool]:
    """The article with its text and one-line fields cleaned; True when the text changed (so
    offsets computed on the old text no longer hold)."""
    text = clean_text(article.text)
    cleaned = replace(
        article,
        text=text,
        title=clean_line(article.title),
        author=clean_line(article.author),
        site=clean_line(article.site),
    )
    return cleaned, text != article.text
