"""Stable colours: one per speaker and one per tag, readable on dark and light themes, and
apart from each other on one screen even in a 256-colour terminal.

The palette is made of colours of the xterm 256-colour cube itself, so a terminal without true
colour shows each exactly (no two collapse into one index when Rich downgrades them), chosen to
read on both dark and light backgrounds. A speaker's colour comes from its id, so it is the same
on every screen; only when two speakers on one screen would share a colour does the one with
the higher id take the next free colour (:func:`speaker_colours`).
"""

from __future__ import annotations

from collections.abc import Iterable

PALETTE = (
    "#0087ff",  # 33 blue
    "#d70000",  # 160 red
    "#5faf00",  # 70 green
    "#d700af",  # 163 magenta
    "#d7af00",  # 178 gold
    "#00afaf",  # 37 teal
    "#d75f00",  # 166 orange
    "#875fff",  # 99 violet
    "#af5f00",  # 130 brown
    "#5f87af",  # 67 steel
    "#af5f87",  # 132 rose
    "#5f8700",  # 64 olive
)
UNKNOWN_SPEAKER = "#8a8a8a"  # 245 grey: no one is known
DEFAULT_TAG = "#d7af00"


def speaker_colour(speaker_id: int | None) -> str:
    """The colour a speaker has when nobody else on the screen claims it (grey for nobody)."""
    if speaker_id is None:
        return UNKNOWN_SPEAKER
    return PALETTE[(speaker_id * 7 + 1) % len(PALETTE)]


def speaker_colours(speaker_ids: Iterable[int | None]) -> dict[int | None, str]:
    """Colours for the speakers on one screen, all different while the palette lasts: each
    keeps its own colour unless a speaker with a lower id has it, then takes the next free."""
    taken: set[str] = set()
    colours: dict[int | None, str] = {None: UNKNOWN_SPEAKER}
    for speaker_id in sorted({i for i in speaker_ids if i is not None}):
        start = PALETTE.index(speaker_colour(speaker_id))
        free = [
            PALETTE[(start + k) % len(PALETTE)]
            for k in range(len(PALETTE))
            if PALETTE[(start + k) % len(PALETTE)] not in taken
        ]
        colour = free[0] if free else speaker_colour(speaker_id)
        taken.add(colour)
        colours[speaker_id] = colour
        if len(taken) == len(PALETTE):
            taken.clear()  # more speakers than colours: start again (unavoidable)
    return colours


def tag_colour(colour: str | None, tag_id: int | None = None) -> str:
    """A tag's own colour, else one from the palette by its id."""
    if colour:
        return colour
    if tag_id is None:
        return DEFAULT_TAG
    return PALETTE[(tag_id * 5 + 4) % len(PALETTE)]


def next_colour(colour: str | None) -> str:
    """The palette colour after ``colour`` (the tag manager cycles with it)."""
    try:
        return PALETTE[(PALETTE.index(colour or "") + 1) % len(PALETTE)]
    except ValueError:
        return PALETTE[0]
