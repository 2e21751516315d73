"""Stable colours: one per speaker and one per tag, readable on dark and light themes.

The palette is Solarized's accents, chosen by their author to read on both a dark and a light
background. A speaker's colour depends only on its id, so it is the same in every view.
"""

from __future__ import annotations

PALETTE = (
    "#268bd2",  # blue
    "#dc322f",  # red
    "#859900",  # green
    "#d33682",  # magenta
    "#b58900",  # yellow
    "#2aa198",  # cyan
    "#cb4b16",  # orange
    "#6c71c4",  # violet
)
UNKNOWN_SPEAKER = "#93a1a1"
DEFAULT_TAG = "#b58900"


def speaker_colour(speaker_id: int | None) -> str:
    """The colour of a speaker's quotes and label (grey when nobody is known)."""
    if speaker_id is None:
        return UNKNOWN_SPEAKER
    return PALETTE[(speaker_id * 5 + 1) % len(PALETTE)]


def tag_colour(colour: str | None, tag_id: int | None = None) -> str:
    """A tag's own colour, else one from the palette by its id."""
    if colour:
        return colour
    if tag_id is None:
        return DEFAULT_TAG
    return PALETTE[(tag_id * 3 + 4) % len(PALETTE)]


def next_colour(colour: str | None) -> str:
    """The palette colour after ``colour`` (the tag manager cycles with it)."""
    try:
        return PALETTE[(PALETTE.index(colour or "") + 1) % len(PALETTE)]
    except ValueError:
        return PALETTE[0]
