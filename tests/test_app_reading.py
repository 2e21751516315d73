"""A library that reads like a reader: unread and changed marks, sorting remembered, the reading
position kept, `D` for what a re-fetch changed, stories renamed and deleted from the app."""

from __future__ import annotations

from pathlib import Path

import pytest
from apptools import SIZE, settle, status, view_of
from factories import article
from textual.widgets import Input

from tui_reader.app.app import ReaderApp
from tui_reader.app.screens.dialogs import Confirm, Prompt
from tui_reader.app.screens.diff import DiffScreen
from tui_reader.app.screens.library import FIRST_PAGE, LibraryScreen, StoryList
from tui_reader.app.screens.reader import ReaderScreen
from tui_reader.app.widgets.article_list import ArticleList
from tui_reader.app.widgets.bars import StatusLine
from tui_reader.app.widgets.diff_view import ADDED, DELETED, DiffView
from tui_reader.library.quotes import analyse
from tui_reader.library.store import Store

V1 = (
    "The harbour board met on Monday.\n\n"
    '"We will rebuild the pier by spring," said Mara Quist, the board chair.\n\n'
    "Fishermen were not asked."
)
V2 = (
    "The harbour board met on Monday evening.\n\n"
    '"We will rebuild the pier by summer," said Mara Quist, the board chair.\n\n'
    "Fishermen were not asked."
)


def library(tmp_path: Path) -> Path:
    db = tmp_path / "r.db"
    with Store.open(db) as store:
        for n, (title, site, words, date) in enumerate(
            [("Beta", "Zed Times", 50, "2025-01-03"), ("alpha", "Ant Post", 10, "2025-01-01")]
        ):
            store.save_article(
                article(
                    "word " * words,
                    source=f"https://e.org/{n}",
                    title=title,
                    site=site,
                    published=date,
                ),
                story="Harbour",
            )
        store.save_article(
            article(V1, source="https://e.org/pier", title="Pier", published="2024-12-31"),
            analyse(V1),
        )
    return db


async def test_opening_marks_read_and_N_toggles(tmp_path: Path) -> None:
    db = library(tmp_path)
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = app.screen.query_one(ArticleList)
        assert all(not r.read for r in rows.rows) and "3 unread" in status(app)
        assert rows.render_line(0).text.startswith("  N ")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert rows.rows[0].read and not rows.rows[1].read
        assert rows.render_line(0).text.startswith("  ")
        assert "2 unread" in status(app)  # the count mended on the way back
        await pilot.press("N")
        await settle(pilot)
        assert not rows.rows[0].read
    with Store.open(db) as store:
        assert sum(r.read for r in store.article_summaries()) == 0


async def test_comparing_articles_marks_them_read(tmp_path: Path) -> None:
    db = library(tmp_path)
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = app.screen.query_one(ArticleList)
        await pilot.press("space", "space", "c")  # the first two (space marks and moves on)
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert [r.read for r in rows.rows] == [True, True, False]
    with Store.open(db) as store:
        assert sorted(r.read for r in store.article_summaries()) == [False, True, True]


async def test_a_quiet_reload_never_overwrites_what_was_said(tmp_path: Path) -> None:
    db = library(tmp_path)
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        screen.say("saved: something the user did")
        screen.reload(announce=False)
        await settle(pilot)
        assert status(app) == "saved: something the user did"


async def test_a_big_library_never_shows_the_first_pages_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "big.db"
    with Store.open(db) as store:
        for n in range(FIRST_PAGE + 30):
            store.save_article(article("word " * 20, source=f"https://e.org/{n}", title=f"T{n}"))
    said: list[str] = []
    say = StatusLine.say
    monkeypatch.setattr(
        StatusLine, "say", lambda line, m, **kw: (said.append(m), say(line, m, **kw))
    )
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        counts = [m for m in said if " articles" in m]
        assert counts and all(m.startswith(f"{FIRST_PAGE + 30} articles") for m in counts), said


async def test_s_cycles_the_order_and_it_is_remembered(tmp_path: Path) -> None:
    db = library(tmp_path)
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = lambda: [r.title for r in app.screen.query_one(ArticleList).rows]  # noqa: E731
        assert titles() == ["Beta", "alpha", "Pier"]  # newest first
        await pilot.press("s")
        await settle(pilot)
        assert status(app) == "sorted by site"
        assert titles() == ["alpha", "Pier", "Beta"]  # Ant Post, Example, Zed Times
        await pilot.press("s")
        await settle(pilot)
        assert titles() == ["alpha", "Beta", "Pier"]  # by title
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.sort == "title"
        assert [r.title for r in app.screen.query_one(ArticleList).rows] == [
            "alpha",
            "Beta",
            "Pier",
        ]


async def test_an_article_reopens_where_the_reader_left_it(tmp_path: Path) -> None:
    db = library(tmp_path)
    with Store.open(db) as store:
        pier = next(r.id for r in store.article_summaries() if r.title == "Pier")
    app = ReaderApp(db, open_article=pier)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = view_of(pilot)
        await pilot.press("j", "j", "w", "w")
        left_at = view.cursor
        assert left_at > 0
        await pilot.press("q")
        await settle(pilot)
    app = ReaderApp(db, open_article=pier)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert view_of(pilot).cursor == left_at


async def test_D_shows_what_the_refetch_changed(tmp_path: Path) -> None:
    db = library(tmp_path)
    with Store.open(db) as store:
        store.save_article(article(V2, source="https://e.org/pier", title="Pier"), analyse(V2))
        pier = next(r.id for r in store.article_summaries() if r.title == "Pier")
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = app.screen.query_one(ArticleList).rows
        assert not next(r for r in rows if r.id == pier).changed  # never read: just unread
        app.open_article(pier)
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        assert isinstance(app.screen, DiffScreen)
        diff = app.screen.query_one(DiffView)
        # the new text, each dropped word shown just before the word that replaced it
        assert diff.text == V2.replace("by summer", "by springsummer")
        deleted = [diff.text[m.start : m.end] for m in diff.marks if m.style is DELETED]
        added = [diff.text[m.start : m.end] for m in diff.marks if m.style is ADDED]
        assert deleted == ["spring"] and added == [" evening", "summer"]
        assert [n.label for n in diff.notes] == ["changed"]
        assert "1 quote(s) changed" in status(app)
        assert "“ changed" in "".join(diff.render_line(y).text for y in range(10))
        await pilot.press("q")
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("q")
        await settle(pilot)
    with Store.open(db) as store:  # read now: a third version makes it "changed since read"
        store.save_article(article(V1, source="https://e.org/pier", title="Pier"), analyse(V1))
        assert next(r for r in store.article_summaries() if r.id == pier).changed


async def test_D_on_an_article_with_one_version_says_so(tmp_path: Path) -> None:
    db = library(tmp_path)
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("D")
        assert isinstance(app.screen, ReaderScreen) and "one version" in status(app)


async def test_stories_are_renamed_emptied_and_deleted_in_the_app(tmp_path: Path) -> None:
    db = library(tmp_path)
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        stories = screen.query_one(StoryList)
        assert "2/2" in str(stories.get_option_at_index(1).prompt)  # unread / all
        await pilot.press("f", "j", "enter")
        await settle(pilot)
        assert screen.story == "Harbour" and len(screen.rows) == 2
        await pilot.press("X")  # the article under the cursor out of the story
        await settle(pilot)
        assert status(app).startswith("saved: 1 article(s) taken out")
        assert len(screen.rows) == 1
        await pilot.press("f", "r")  # the story shown is the one under the cursor
        assert isinstance(app.screen, Prompt)
        app.screen.query_one(Input).value = "Pier works"
        await pilot.press("enter")
        await settle(pilot)
        assert screen.story == "Pier works" and "Pier works" in status(app)
        await pilot.press("f", "d")
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await settle(pilot)
        assert screen.story is None and len(screen.rows) == 3
        assert "deleted the story" in status(app)
    with Store.open(db) as store:
        assert store.stories() == [] and len(store.article_ids()) == 3
