"""The app on the session: a database error is one status message and the app goes on; a
read-only library is read and refuses changes in words; remapped keys show remapped."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from apptools import SIZE, settle, status, view_of

from tui_reader.app.app import ReaderApp
from tui_reader.app.screens.dialogs import TagPicker
from tui_reader.app.screens.help import HelpScreen
from tui_reader.app.screens.reader import ReaderScreen
from tui_reader.app.screens.tag_manager import TagManager
from tui_reader.app.widgets.bars import KeyHint
from tui_reader.library.store import Store

HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
"""


async def test_a_lock_held_by_another_process_is_one_message_and_the_app_goes_on(
    demo: tuple[Path, list[int]],
) -> None:
    db, ids = demo
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_article(ids[0])
        await settle(pilot)
        view = view_of(pilot)
        holder = subprocess.Popen(
            [sys.executable, "-c", HOLD_LOCK, str(db)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
            await pilot.press("right_square_bracket")
            await pilot.press("t", *"blocked", "enter")
            await settle(pilot)
            text = status(app)
            assert text.startswith("not saved: the database is busy")
            assert "Traceback" not in text and "\n" not in text
            assert view.annotations == []
            assert isinstance(app.screen, ReaderScreen)  # the app goes on
        finally:
            assert holder.stdin is not None
            holder.stdin.write("\n")
            holder.stdin.close()
            holder.wait(timeout=10)
        await pilot.press("t", *"blocked", "enter")  # the same key works once the lock is gone
        await settle(pilot)
        assert status(app).startswith("saved: annotation")
        assert [a.tags for a in view.annotations] == [["blocked"]]
    with Store.open(db) as store:
        assert [a.tags for a in store.annotations(ids[0])] == [["blocked"]]


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make a file unwritable, even for root (the immutable flag), for the block."""
    if os.geteuid() != 0:
        path.chmod(stat.S_IRUSR | stat.S_IRGRP)
        try:
            yield
        finally:
            path.chmod(stat.S_IRUSR | stat.S_IWUSR)
        return
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
        pytest.skip("chattr +i is not available here, and root writes to any file")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


async def test_a_read_only_library_is_read_and_refuses_changes_in_words(
    demo: tuple[Path, list[int]],
) -> None:
    db, ids = demo
    with read_only(db):
        app = ReaderApp(db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert "read-only" in status(app)
            app.open_article(ids[0])
            await settle(pilot)
            await pilot.press("right_square_bracket", "t", *"x", "enter")
            await settle(pilot)
            assert status(app) == "not saved: the library is open read-only"


KEYMAP = """[keymap]
"view.next_quote" = "ctrl+n"
"view.tag" = "ctrl+t"
"app.help" = "f1"
"view.next_note" = "J"
"view.prev_note" = "K"
"picker.cancel" = "ctrl+g"
"tags.rename" = "f2"
"tags.close" = "ctrl+w"
"""


async def test_a_remapped_key_shows_remapped_in_help_hints_and_footer(
    demo: tuple[Path, list[int]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(KEYMAP, encoding="utf-8")
    monkeypatch.setenv("TUI_READER_CONFIG", str(config))
    db, ids = demo
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_article(ids[0])
        await settle(pilot)
        hint = status(app)
        assert "^n next quote" in hint and "^t tag" in hint and "f1 keys" in hint
        assert "] next quote" not in hint
        footer = str(app.screen.query_one("KeyBar").render())
        assert "^n Next quote" in footer and "^t Tag" in footer
        view = view_of(pilot)
        await pilot.press("ctrl+n")
        assert view.cursor == view.quotes[0].start
        await pilot.press("right_square_bracket")  # the old key does nothing now
        assert view.cursor == view.quotes[0].start
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        rows = {label: keys for keys, label, _ in app.screen.rows}
        assert rows["Next quote"] == "^n" and rows["Tag"] == "^t"
        assert rows["Next note"] == "J" and rows["Prev note"] == "K"
        await pilot.press("escape")
        await pilot.press("x")  # nothing to delete: the hint names the remapped keys
        assert status(app) == "no annotation under the cursor (J K move between them)"
        await pilot.press("ctrl+t")  # on the quote: the tag picker, its key hint under it
        assert isinstance(app.screen, TagPicker)
        hint = str(app.screen.query_one(KeyHint).render())
        assert hint == "enter apply · ↓ ↑ choose · ^g cancel"
        await pilot.press("escape")  # the old key no longer cancels ...
        assert isinstance(app.screen, TagPicker)
        await pilot.press("ctrl+g")  # ... the new one does
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("T")
        assert isinstance(app.screen, TagManager)
        assert str(app.screen.query_one("#tags-hint").render()) == (
            "f2 rename · m merge into… · c colour · a new tag · d delete · "
            "1…9 quick key (0 clears) · ^w close"
        )
        await pilot.press("q")  # the old key no longer closes ...
        assert isinstance(app.screen, TagManager)
        await pilot.press("ctrl+w")  # ... the new one does
        assert isinstance(app.screen, ReaderScreen)
