"""Helpers for driving the real app with Pilot: a demo database per test, waiting for workers."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot

from tui_reader.app.widgets.article_view import ArticleView
from tui_reader.library.demo import load_demo

SIZE = (160, 45)


def make_demo_db(folder: Path) -> tuple[Path, list[int]]:
    """The demo story in a fresh database file; its article ids in story order."""
    path = folder / "demo.db"
    ids = load_demo(path)
    return path, ids


def copy_db(template: Path, folder: Path) -> Path:
    target = folder / "library.db"
    shutil.copy(template, target)
    return target


async def settle(pilot: Pilot) -> None:
    """Let pending messages, timers and worker threads finish."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def view_of(pilot: Pilot) -> ArticleView:
    focused = pilot.app.screen.focused
    assert isinstance(focused, ArticleView), f"focus is on {focused!r}"
    return focused


def line_text(view: ArticleView, y: int) -> str:
    """What row ``y`` of the view shows, gutter included."""
    return view.render_line(y).text


def status(app: App[None]) -> str:
    """What the status line of the screen on top says."""
    return str(app.screen.query_one("#status").render())
