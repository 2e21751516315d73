"""The app under bad input: a malformed URL in the add dialog is one line and the app goes on;
whatever a database written by another tool holds, nothing that drives a terminal is drawn."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from apptools import SIZE, settle, status, view_of
from textual.widgets import Input

from tui_reader.app.app import ReaderApp
from tui_reader.app.screens.dialogs import Prompt, TagPicker
from tui_reader.app.screens.library import LibraryScreen
from tui_reader.library.store import Store

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
NASTY = "\x1b]52;c;cHduZWQ=\x07\x1b[31mred\x1b[0m\x9b2J\x08\x00"


async def test_a_malformed_url_in_the_add_dialog_is_one_line(demo: tuple[Path, list[int]]) -> None:
    db, _ = demo
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for bad in ("http://[::1", "http://", "https://exa mple.org/x"):
            await pilot.press("a")
            assert isinstance(app.screen, Prompt)
            app.screen.query_one(Input).value = bad
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, LibraryScreen)
            line = status(app)
            assert "failed" in line and "Traceback" not in line and "\n" not in line
        assert len(app.screen.rows) == 4  # nothing was added, nothing was lost


async def test_nothing_from_a_foreign_database_drives_the_terminal(tmp_path: Path) -> None:
    db = tmp_path / "foreign.db"
    with Store.open(db) as store:
        from factories import article

        text = 'Opening line.\n\n"A quote that someone said," said Ann Lee.\n\nEnd.'
        from tui_reader.library.quotes import analyse

        store.save_article(article(text, title="Clean title"), analyse(text))
        store.create_annotation(1, 0, 7, tags=["clean"], note="clean")
    # another tool writes raw control sequences into every text column
    conn = sqlite3.connect(db)
    conn.execute("UPDATE articles SET title = ?, site = ?, author = ?", (NASTY + "T", NASTY, NASTY))
    conn.execute("UPDATE articles SET text = substr(text, 1, 5) || ? || substr(text, 6)", (NASTY,))
    conn.execute("UPDATE speakers SET name = ?", ("Ann" + NASTY,))
    conn.execute("UPDATE tags SET name = ?", ("tag" + NASTY,))
    conn.execute("UPDATE annotations SET note = ?", ("note" + NASTY,))
    conn.commit()
    conn.close()
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not CONTROL.search(app.export_screenshot())
        app.open_article(1)
        await settle(pilot)
        view = view_of(pilot)
        assert len(view.text) == len(view.article.text)  # offsets kept: each control is one �
        await pilot.press("right_square_bracket")
        assert not CONTROL.search(app.export_screenshot())
        await pilot.press("g")
        await pilot.pause()
        assert not CONTROL.search(app.export_screenshot())  # the annotation's note in the status
        await pilot.press("t")
        assert isinstance(app.screen, TagPicker)
        assert not CONTROL.search(app.export_screenshot())
