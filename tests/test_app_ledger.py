"""The ledger and coverage screens driven by their keys: W in the library and in compare, the
table of speakers × outlets (sorting, enter to the first quote), the statement map (enter to
compare with both versions in view), C and a story made of the marked coverage."""

from __future__ import annotations

from pathlib import Path

import pytest
from apptools import SIZE, settle, status, view_of
from factories import article
from textual.widgets import Input, TabbedContent

from tui_reader.app.app import ReaderApp
from tui_reader.app.screens.compare import CompareScreen
from tui_reader.app.screens.coverage import CoverageScreen
from tui_reader.app.screens.dialogs import Prompt
from tui_reader.app.screens.ledger import FIXED, LedgerScreen
from tui_reader.app.screens.library import LibraryScreen
from tui_reader.app.screens.reader import ReaderScreen
from tui_reader.app.widgets.table import KeyTable, bar
from tui_reader.library.quotes import analyse
from tui_reader.library.store import Store

STORY = "Demo: The Hollin Bridge closure"


def speakers_table(app: ReaderApp) -> KeyTable:
    return app.screen.query_one("#speakers", KeyTable)


async def open_ledger(pilot) -> LedgerScreen:
    await settle(pilot)
    await pilot.press("W")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, LedgerScreen)
    return screen


def figures(cell: str) -> str:
    """A cell without its bar: ``"19 (1)"`` (words, quotes), ``"153"``, ``"·"``."""
    return " ".join(cell.split()[-2:]) if "(" in cell else cell.split()[-1]


async def test_w_on_the_article_opens_its_storys_ledger(demo: tuple[Path, list[int]]) -> None:
    db, _ = demo
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ledger(pilot)
        assert screen.story == STORY
        table = speakers_table(app)
        assert [str(c.label) for c in table.columns.values()] == [
            "Speaker",
            "Words quoted",
            "Quotes",
            "Outlets",
            "#1 Meridian Wire",
            "#2 The Saltmere…",
            "#3 The Northern…",
            "#4 Ranní zprávy…",
        ]
        assert table.row_count == 8  # the demo's eight speakers, none unattributed
        # the table is speakers × outlets: each cell shows the words and quotes of its row
        first, second = ([str(c) for c in table.get_row_at(i)] for i in (0, 1))
        assert first[0] == "Jiří Dvořák"  # the most quoted, in all four outlets
        assert [figures(c) for c in first[1:]] == [
            *("153", "11", "4/4"),
            *("19 (1)", "41 (3)", "32 (4)", "61 (3)"),
        ]
        assert second[0] == "Owen Pryce"  # two outlets quote him, two do not
        assert [figures(c) for c in second[1:]] == [
            *("78", "4", "2/4"),
            "·",
            "16 (1)",
            "62 (3)",
            "·",
        ]
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


DVORAK, PRYCE, MARSH, HWU = (
    "Jiří Dvořák",
    "Owen Pryce",
    "Helen Marsh",
    "Harbour Workers’ Union (HWU)",
)
REILLY, NAIR, MARIE, PORT = (
    "Tomas Reilly",
    "Priya Nair",
    "Marie Dvořáková",
    "Saltmere Port Authority",
)
# The demo story's speakers: words quoted, quotes, outlets quoting, first quote (share of text)
#   Dvořák 153 11 4 .201 · Pryce 78 4 2 .387 · Marsh 57 5 4 .411 · HWU 45 4 3 .614
#   Reilly 34 2 1 .205 · Nair 33 2 1 .391 · Marie Dvořáková 22 2 1 .880 · Port 17 4 3 .561
SORTED = {  # each sort's order; ties go to more words, then the name
    "quotes": [DVORAK, MARSH, PRYCE, HWU, PORT, REILLY, NAIR, MARIE],
    "outlets": [DVORAK, MARSH, HWU, PORT, PRYCE, REILLY, NAIR, MARIE],
    "first": [DVORAK, REILLY, PRYCE, NAIR, MARSH, PORT, HWU, MARIE],
    "name": [HWU, MARSH, DVORAK, MARIE, PRYCE, NAIR, PORT, REILLY],
    "words": [DVORAK, PRYCE, MARSH, HWU, REILLY, NAIR, MARIE, PORT],
}
SORT_SAYS = {
    "quotes": "sorted by quotes · s next column",
    "outlets": "sorted by outlets quoting · s next column",
    "first": "sorted by first quote (earliest first) · s next column",
    "name": "sorted by name · s next column",
    "words": "sorted by words quoted · s next column",
}


async def test_s_cycles_the_sort_and_r_reverses(demo: tuple[Path, list[int]]) -> None:
    db, _ = demo
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ledger(pilot)
        table = speakers_table(app)
        assert [str(table.get_cell_at((i, 0))) for i in range(table.row_count)] == SORTED["words"]
        for expected in ("quotes", "outlets", "first", "name", "words"):
            await pilot.press("s")
            assert screen.sort_by == expected
            assert [line.name for line in screen.lines] == SORTED[expected]
            names = [str(table.get_cell_at((i, 0))) for i in range(table.row_count)]
            assert names == SORTED[expected], expected  # the table drawn in that order
            assert status(app) == SORT_SAYS[expected]
        await pilot.press("r")
        assert [s.name for s in screen.lines] == SORTED["words"][::-1]
        assert status(app) == "sorted by words quoted (reversed)"


async def test_enter_on_a_cell_opens_the_article_at_the_first_quote(
    demo: tuple[Path, list[int]],
) -> None:
    db, _ = demo
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_ledger(pilot)
        await pilot.press(*["l"] * (FIXED + 1))  # Jiří Dvořák in #2 The Saltmere Courier
        assert (
            str(speakers_table(app).cursor_coordinate) == f"Coordinate(row=0, column={FIXED + 1})"
        )
        assert status(app) == (
            "Jiří Dvořák in #2 The Saltmere Courier: 3 quote(s), 41 words (36% of its quoted "
            "words), first quote 20% into the text · 3 statement(s), 2 in no other outlet · "
            "also quoted in #1, #3, #4 · ⏎ opens it there"
        )
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen) and app.screen.article_id == 2
        view = view_of(pilot)
        quote = view.quote_at(view.cursor)
        assert quote is not None and quote.speaker == "Jiří Dvořák"
        assert view.cursor == quote.start  # at the start of his first quote in the article
        assert next(q for q in view.quotes if q.speaker == "Jiří Dvořák") == quote
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
        # the first statement: Dvořák's, quoted by the Wire (#1) and the Courier (#2), missing
        # in the Ledger (#3), reworded by Ranní zprávy (#4)
        await pilot.press(*["l"] * (FIXED + 1))  # its version in #2
        assert status(app) == (
            "#2 The Saltmere Courier: verbatim, quoted · ⏎ compares it with the statement"
        )
        assert "Jiří Dvořák" in str(screen.query_one("#versions").render())
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.article_ids == [1, 2]
        said = "The bridge is not safe for traffic, and I will not reopen it until every bearing"
        for view in app.screen.views():
            assert view.text[view.cursor :].startswith(said), view.article
            line = view.layout_.line_of(view.cursor)  # in view: the cursor's line is on screen
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
