"""SVG snapshots of the main screens at 160x45 (pytest-textual-snapshot).

Update after an intended change with ``.venv/bin/pytest tests/test_snapshots.py --snapshot-update``
and look at the report before committing.
"""

from __future__ import annotations

from pathlib import Path

from apptools import SIZE, settle

from tui_reader.app.app import ReaderApp


def test_library(snap_compare, demo: tuple[Path, list[int]]) -> None:
    db, _ = demo
    assert snap_compare(ReaderApp(db), terminal_size=SIZE, run_before=settle)


def test_reader(snap_compare, demo: tuple[Path, list[int]]) -> None:
    db, ids = demo

    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.open_article(ids[1])
        await settle(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "v", "w", "w", "w")
        await settle(pilot)

    assert snap_compare(ReaderApp(db), terminal_size=SIZE, run_before=run_before)


def test_compare(snap_compare, demo: tuple[Path, list[int]]) -> None:
    db, ids = demo

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)

    app = ReaderApp(db, open_compare=ids[:2])
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_tag_picker(snap_compare, demo: tuple[Path, list[int]]) -> None:
    db, ids = demo

    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.session.store.create_tag("claim", quick_key=1)
        pilot.app.session.store.create_tag("framing", quick_key=2)
        pilot.app.open_article(ids[0])
        await settle(pilot)
        await pilot.press("right_square_bracket", "t", "c", "l")
        await settle(pilot)

    assert snap_compare(ReaderApp(db), terminal_size=SIZE, run_before=run_before)


def test_ledger_screen(snap_compare, demo: tuple[Path, list[int]]) -> None:
    """The demo story's ledger: speakers × outlets with bars, one row highlighted."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("W")
        await settle(pilot)
        await pilot.press("j", "l", "l", "l", "l", "l")
        await settle(pilot)

    assert snap_compare(ReaderApp(demo[0]), terminal_size=SIZE, run_before=run_before)


def test_statement_map_screen(snap_compare, demo: tuple[Path, list[int]]) -> None:
    """The demo story's statement map, a statement's versions below it."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("W")
        await settle(pilot)
        await pilot.press("tab", "j", "l", "l", "l", "l", "l")
        await settle(pilot)

    assert snap_compare(ReaderApp(demo[0]), terminal_size=SIZE, run_before=run_before)
