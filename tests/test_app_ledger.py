"""The ledger and coverage screens driven by their keys: W in the library and in compare, the
table of speakers × outlets (sorting, enter to the first quote), the statement map (enter to
compare with both versions in view), C and a story made of the marked coverage."""

from __future__ import annotations

from pathlib import Path

import pytest
from apptools import SIZE, settle, view_of
from factories import article
from textual.widgets import Input, TabbedContent

from tui_reader.app.app import ReaderApp
from tui_reader.app.screens.compare import CompareScreen
from tui_reader.app.screens.coverage import CoverageScreen
from tui_reader.app.screens.dialogs import Prompt
from tui_reader.app.screens.ledger import FIXED, LedgerScreen, sort_lines
from tui_reader.app.screens.library import LibraryScreen
from tui_reader.app.screens.reader import ReaderScreen
from tui_reader.app.widgets.table import KeyTable, bar
from tui_reader.library.ledger import build_ledger
from tui_reader.library.quotes import analyse
from tui_reader.library.store import Store

STORY = "Demo: The Hollin Bridge closure"


def status(app: ReaderApp) -> str:
    return str(app.screen.query_one("#status").render())


def speakers_table(app: ReaderApp) -> KeyTable:
    return app.screen.query_one("#speakers", KeyTable)


async def open_ledger(pilot) -> LedgerScreen:
    await settle(pilot)
    await pilot.press("W")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, LedgerScreen)
    return screen


async def test_w_on_the_article_opens_its_storys_ledger(demo: tuple[Path, list[int]]) -> None:
    db, ids = demo
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ledger(pilot)
        assert screen.story == STORY
        with Store.open(db) as store:
            want = build_ledger(store, STORY)
        table = speakers_table(app)
        speakers = {r.speaker_id for r in want.speakers}
        assert table.row_count == len(speakers)
        assert len(table.columns) == FIXED + len(ids)
        # the table is speakers × outlets: each cell shows the words and quotes of its row
        first = screen.lines[0]
        assert first.words == max(line.words for line in screen.lines)
        for column, outlet in enumerate(want.articles, start=FIXED):
            cell = str(table.get_cell_at((0, column)))
            r = first.cells.get(outlet.article_id)
            assert (f"{r.words} ({r.quotes})" in cell) if r else cell == "·"
        await pilot.press("q")
        assert isinstance(app.screen, LibraryScreen)


async def test_w_uses_the_story_list_and_says_when_there_is_no_story(
    demo: tuple[Path, list[int]],
) -> None:
    db, _ = demo
    with Store.open(db) as store:
        store.save_article(article("A page of its own.", source="https://example.org/z"))
        store.add_to_story("Second story", [1, 2])
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        library = app.screen
        assert isinstance(library, LibraryScreen)
        row = next(i for i, r in enumerate(library.rows) if r.source == "https://example.org/z")
        library.query_one("#articles").move_cursor(row)
        await pilot.press("W")
        assert isinstance(app.screen, LibraryScreen)
        assert "in no story" in status(app) and "C finds" in status(app)
        await pilot.press("f")  # the story list: the highlighted story is the one
        await pilot.press("j", "j")
        await pilot.press("W")
        await settle(pilot)
        assert isinstance(app.screen, LedgerScreen) and app.screen.story == "Second story"
        assert len(app.screen.ledger.articles) == 2


async def test_s_cycles_the_sort_and_r_reverses(demo: tuple[Path, list[int]]) -> None:
    db, _ = demo
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ledger(pilot)
        lines = list(screen.lines)
        for expected in ("quotes", "outlets", "first", "name", "words"):
            await pilot.press("s")
            assert screen.sort_by == expected
            assert screen.lines == sort_lines(lines, expected, False)
            assert expected.split()[0] in status(app) or "first quote" in status(app)
        names = [str(speakers_table(app).get_cell_at((i, 0))) for i in range(len(lines))]
        assert names == [line.name for line in screen.lines]
        await pilot.press("r")
        assert [s.name for s in screen.lines] == [s.name for s in sort_lines(lines, "words", True)]
        assert "reversed" in status(app)


async def test_enter_on_a_cell_opens_the_article_at_the_first_quote(
    demo: tuple[Path, list[int]],
) -> None:
    db, _ = demo
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ledger(pilot)
        line = screen.lines[0]
        outlet = screen.ledger.articles[1]
        row = line.cells[outlet.article_id]
        await pilot.press(*["l"] * (FIXED + 1))
        assert (
            str(speakers_table(app).cursor_coordinate) == f"Coordinate(row=0, column={FIXED + 1})"
        )
        assert "first quote" in status(app) and f"{row.quotes} quote(s)" in status(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen) and app.screen.article_id == outlet.article_id
        view = view_of(pilot)
        assert view.cursor == row.start
        quote = view.quote_at(view.cursor)
        assert quote is not None and quote.speaker_id == line.speaker_id
        await pilot.press("q")
        assert isinstance(app.screen, LedgerScreen)


async def test_the_statement_map_opens_compare_with_both_versions_in_view(
    demo: tuple[Path, list[int]],
) -> None:
    db, _ = demo
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ledger(pilot)
        await pilot.press("tab")
        assert screen.query_one(TabbedContent).active == "statements"
        statement = screen.ledger.statements[0]
        other = next(
            (k, v)
            for k, v in enumerate(statement.versions)
            if v.kind != "missing" and v.article_id != statement.article_id
        )
        await pilot.press(*["l"] * (FIXED + other[0]))
        assert other[1].kind in status(app)
        versions = str(screen.query_one("#versions").render())
        assert statement.speaker in versions
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.article_ids == [statement.article_id, other[1].article_id]
        cursors = [view.cursor for view in app.screen.views()]
        assert cursors == [statement.start, other[1].start]
        for view in app.screen.views():  # in view: the cursor's line is on screen
            line = view.layout_.line_of(view.cursor)
            assert view.scroll_offset.y <= line < view.scroll_offset.y + view.size.height


async def test_a_missing_statement_says_so(demo: tuple[Path, list[int]]) -> None:
    db, _ = demo
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ledger(pilot)
        await pilot.press("tab")
        row, statement = next(
            (i, s) for i, s in enumerate(screen.ledger.statements) if s.carried_by == 1
        )
        column = next(k for k, v in enumerate(statement.versions) if v.kind == "missing")
        await pilot.press(*["j"] * row, *["l"] * (FIXED + column))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LedgerScreen)
        assert "does not carry this statement" in status(app)


async def test_w_in_compare_and_a_correction_shows(demo: tuple[Path, list[int]]) -> None:
    db, ids = demo
    app = ReaderApp(db, open_compare=ids[:2])
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ledger(pilot)
        assert screen.story == STORY
        before = {line.name for line in screen.lines}
        quote = app.session.quotes(ids[0])[0]
        outcome = app.session.attribute(quote, "Nell Quorn")  # as the reader's `a` does
        assert outcome.ok
        await settle(pilot)
        assert {line.name for line in screen.lines} == before | {"Nell Quorn"}


async def test_compare_without_a_shared_story_ledgers_its_articles(
    demo: tuple[Path, list[int]],
) -> None:
    db, ids = demo
    with Store.open(db) as store:
        text = "The vote was close.\n\n“We shall see,” said Ona Brik."
        store.save_article(article(text, source="https://example.org/o"), analyse(text))
        other = store.article_ids()[-1]
    app = ReaderApp(db, open_compare=[ids[0], other])
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ledger(pilot)
        assert screen.story is None and screen.article_ids == [ids[0], other]
        assert "Ona Brik" in {line.name for line in screen.lines}


async def test_c_lists_coverage_and_makes_a_story_of_the_marked(
    demo: tuple[Path, list[int]],
) -> None:
    db, ids = demo
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        library = app.screen
        first = library.current()
        await pilot.press("C")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CoverageScreen)
        found = [c.id for c in screen.found]
        assert set(found) == set(ids) - {first.id}  # the demo's other three reports
        assert "report the same story" in status(app)
        await pilot.press("space", "space")
        assert screen.marked == found[:2]
        await pilot.press("S")
        assert isinstance(app.screen, Prompt)
        assert app.screen.query_one(Input).value == STORY  # its story, as a suggestion
        app.screen.query_one(Input).value = "Bridge, two views"
        await pilot.press("enter")
        await settle(pilot)
        assert "saved: 3 article(s)" in status(app)
    with Store.open(db) as store:
        assert sorted(store.story_article_ids("Bridge, two views")) == sorted(
            [first.id, *found[:2]]
        )


async def test_a_remapped_ledger_key_shows_remapped(
    demo: tuple[Path, list[int]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keymap]\n"ledger.sort" = "o"\n"library.who" = "w"\n', encoding="utf-8")
    monkeypatch.setenv("TUI_READER_CONFIG", str(config))
    db, _ = demo
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LedgerScreen)
        assert "o sort" in str(screen.query_one("KeyBar").render()).lower()
        await pilot.press("o")
        assert screen.sort_by == "quotes" and "o next column" in status(app)


def test_bars() -> None:
    assert bar(0, 10, 4) == "    "
    assert bar(10, 10, 4) == "████"
    assert bar(5, 10, 4) == "██  "
    assert bar(0.01, 10, 4).strip() == "▏"  # a little is never nothing
