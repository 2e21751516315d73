"""What a new user found: help scrolls by arrows and j/k, 80x24 keeps titles and text readable,
a long URL is shown whole enough to recognise, j/k move in the story list."""

from __future__ import annotations

from pathlib import Path

import pytest
from apptools import SIZE, settle, status, view_of

from tui_reader.app.app import ReaderApp
from tui_reader.app.screens.help import HelpScreen
from tui_reader.app.screens.library import LibraryScreen, StoryList
from tui_reader.app.widgets.article_list import ArticleList, widths
from tui_reader.app.widgets.row_list import RowList
from tui_reader.library.store import Store

SMALL = (80, 24)


async def test_help_scrolls_with_arrows_and_j_k(demo: tuple[Path, list[int]]) -> None:
    db, ids = demo
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_article(ids[0])
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#keys")
        assert table.row_count > table.scrollable_content_region.height  # more than fits
        await pilot.press(*["j"] * 40)
        assert table.cursor_row == 40 and table.scroll_offset.y > 0
        await pilot.press(*["k"] * 10, "down", "up", "up")
        assert table.cursor_row == 29
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_at_80x24_titles_and_text_keep_room(demo: tuple[Path, list[int]]) -> None:
    db, ids = demo
    app = ReaderApp(db)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert not app.screen.query_one(StoryList).has_class("-shown")  # f shows it
        articles = app.screen.query_one(ArticleList)
        title_width = widths(articles.scrollable_content_region.width)[2]
        assert title_width >= 30
        row = articles.render_line(0).text
        newest = "Czech engineer keeps English harbour bridge closed after barge collision"
        assert row.startswith(f"  N {newest[: title_width - 1]}… ")  # unread, the title cut
        await pilot.press("f")
        assert app.screen.query_one(StoryList).has_class("-shown")
        await pilot.press("escape")
        app.open_article(ids[0])
        await settle(pilot)
        view = view_of(pilot)
        assert not app.screen.query_one(RowList).display  # the panel waits for p
        assert view.layout_ is not None and view.layout_.width >= 55
        await pilot.press("p")
        assert app.screen.query_one(RowList).display


def test_columns_are_shed_before_the_title_shrinks() -> None:
    assert widths(160)[2] == 103
    narrow = widths(78)
    assert narrow[2] >= 30 and narrow[7] == 0  # the note count goes first
    assert widths(50)[2] >= 10


async def test_o_on_a_long_url_shows_its_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factories import article

    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("BROWSER", raising=False)
    url = "https://news.example.org/" + "section/" * 20 + "the-story-itself.html"
    db = tmp_path / "l.db"
    with Store.open(db) as store:
        store.save_article(article("Some text of a story.", source=url, url=url))
    app = ReaderApp(db)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        text = status(app)
        assert "copied the URL" in text
        assert "story-itself.html" in text and "news.example.org" in text
        assert len(text) <= SMALL[0]


async def test_j_k_move_in_the_story_list(tmp_path: Path) -> None:
    from factories import article

    db = tmp_path / "s.db"
    with Store.open(db) as store:
        for n, story in enumerate(["Alpha", "Beta", "Gamma"]):
            store.save_article(article(f"Text {n}.", source=f"https://e.org/{n}"), story=story)
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f")
        stories = app.screen.query_one(StoryList)
        assert stories.has_focus and stories.highlighted == 0
        await pilot.press("j", "j")
        assert stories.highlighted == 2
        await pilot.press("k")
        assert stories.highlighted == 1
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.story == "Alpha"
        assert [r.title for r in app.screen.rows] == ["A title"]
