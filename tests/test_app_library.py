"""The library screen driven by its keys (SPEC.md: Library and Everywhere)."""

from __future__ import annotations

from pathlib import Path

import pytest
from apptools import SIZE, settle
from conftest import SEEDS
from textual.widgets import Input

from tui_reader.app.app import ReaderApp
from tui_reader.app.screens.compare import CompareScreen
from tui_reader.app.screens.dialogs import Confirm, ExportDialog, Prompt
from tui_reader.app.screens.help import HelpScreen
from tui_reader.app.screens.library import LibraryScreen
from tui_reader.app.screens.reader import ReaderScreen
from tui_reader.app.widgets.article_list import ArticleList
from tui_reader.library.store import Store


@pytest.fixture
def demo_db(demo: tuple[Path, list[int]]) -> Path:
    return demo[0]


def table(app: ReaderApp) -> ArticleList:
    return app.screen.query_one("#articles", ArticleList)


async def test_library_lists_articles_and_moves(demo_db: Path) -> None:
    app = ReaderApp(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        t = table(app)
        assert t.row_count == 4
        await pilot.press("j")
        assert t.cursor_row == 1
        await pilot.press("down")
        assert t.cursor_row == 2
        await pilot.press("k")
        assert t.cursor_row == 1
        await pilot.press("G")
        assert t.cursor_row == 3
        await pilot.press("g")
        assert t.cursor_row == 0
        await pilot.press("ctrl+d")
        assert t.cursor_row == 3  # half a page is more than the four rows: the last
        await pilot.press("ctrl+u")
        assert t.cursor_row == 0


async def test_enter_opens_reader_and_q_goes_back(demo_db: Path) -> None:
    app = ReaderApp(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("q")
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_space_marks_and_c_compares(demo_db: Path) -> None:
    app = ReaderApp(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        assert isinstance(app.screen, LibraryScreen)  # nothing marked: a message, no screen
        assert "mark two" in str(app.screen.query_one("#status").render())
        await pilot.press("space", "space", "space")
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert screen.marked == [4, 3, 2]  # the top three rows, newest first
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.article_ids == [4, 3, 2]


async def test_slash_searches_as_you_type(demo_db: Path) -> None:
    app = ReaderApp(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"bakery")
        await settle(pilot)
        rows = app.screen.rows
        with Store.open(demo_db) as store:
            assert rows and all("bakery" in store.article(r.id).text for r in rows)
        assert len(rows) < 4
        await pilot.press("escape")
        await settle(pilot)
        assert table(app).row_count == 4


async def test_a_adds_a_file_in_a_worker(demo_db: Path) -> None:
    app = ReaderApp(demo_db)
    seed = SEEDS / "novinite-2025-05-30.html"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        assert isinstance(app.screen, Prompt)
        app.screen.query_one(Input).value = str(seed)
        await pilot.press("enter")
        await settle(pilot)
        assert table(app).row_count == 5
        assert "added" in str(app.screen.query_one("#status").render())


async def test_a_reports_a_failed_url(demo_db: Path, server) -> None:
    app = ReaderApp(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        app.screen.query_one(Input).value = server.url("/404")
        await pilot.press("enter")
        await settle(pilot)
        status = str(app.screen.query_one("#status").render())
        assert status.startswith("failed:") and "404" in status
        assert table(app).row_count == 4


async def test_d_deletes_after_asking(demo_db: Path) -> None:
    app = ReaderApp(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await settle(pilot)
        assert table(app).row_count == 4
        await pilot.press("d", "y")
        await settle(pilot)
        assert table(app).row_count == 3
    with Store.open(demo_db) as store:
        assert len(store.article_ids()) == 3


async def test_help_lists_every_key_of_the_screen(demo_db: Path) -> None:
    app = ReaderApp(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        described = {label for _, label, _ in app.screen.rows}
        assert {"Open", "Mark", "Compare", "Search", "Add URL", "Delete", "Quit"} <= described
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_o_opens_the_url_or_says_why_not(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    monkeypatch.setenv("DISPLAY", ":0")
    app = ReaderApp(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert opened and opened[0].startswith("https://example-")
        monkeypatch.delenv("DISPLAY")
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
        monkeypatch.delenv("BROWSER", raising=False)
        await pilot.press("o")
        await settle(pilot)
        assert "no browser here; copied the URL" in str(app.screen.query_one("#status").render())
        assert len(opened) == 1


async def test_e_exports_everything(demo_db: Path, tmp_path: Path) -> None:
    with Store.open(demo_db) as store:
        aid = store.article_ids()[0]
        store.create_annotation(aid, 0, 20, tags=["lede"], note="=1+1, “quoted”\nnew line")
    app = ReaderApp(demo_db)
    out = tmp_path / "out" / "all.csv"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one("#path", Input).value = str(out)
        await pilot.press("enter")
        await settle(pilot)
        assert "exported 1 annotation" in str(app.screen.query_one("#status").render())
    text = out.read_text(encoding="utf-8")
    assert text.startswith("annotation_id,article_id,article_title")
    assert "'=1+1" in text


async def test_story_filter(demo_db: Path) -> None:
    seed = SEEDS / "novinite-2025-05-30.html"
    from tui_reader.library.ingest import ingest

    ingest(demo_db, [str(seed)], jobs=1)
    app = ReaderApp(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert table(app).row_count == 5
        await pilot.press("f")
        await pilot.press("down", "enter")
        await settle(pilot)
        assert table(app).row_count == 4
        assert app.screen.story and app.screen.story.startswith("Demo")


async def test_markup_and_escapes_in_titles_are_text(tmp_path: Path) -> None:
    from tui_reader.library.models import ExtractedArticle

    db = tmp_path / "x.db"
    with Store.open(db) as store:
        store.save_article(
            ExtractedArticle(
                source="/tmp/x.html",
                text="Body with [red]not red[/red] and \x1b[31mescape.",
                title="[bold]Title[/bold] \x1b]0;pwned\x07",
            ),
            None,
        )
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        row = table(app).render_line(0).text
        assert "[bold]Title[/bold]" in row
        assert "\x1b" not in row
        await pilot.press("enter")
        await settle(pilot)
        view = app.screen.query_one("ArticleView")
        shown = "".join(view.render_line(y).text for y in range(3))
        assert "[red]not red[/red]" in shown
        assert "\x1b" not in shown


async def test_S_puts_marked_articles_into_a_story(demo_db: Path) -> None:
    app = ReaderApp(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("space", "space", "S")
        assert isinstance(app.screen, Prompt)
        app.screen.query_one(Input).value = "Bridge coverage"
        await pilot.press("enter")
        await settle(pilot)
        assert "saved: 2 article(s)" in str(app.screen.query_one("#status").render())
    with Store.open(demo_db) as store:
        assert len(store.story_article_ids("Bridge coverage")) == 2
