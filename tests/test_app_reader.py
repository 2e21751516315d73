"""The reader and compare screens driven by their keys (SPEC.md: Reader and compare)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from apptools import SIZE, settle, status, view_of
from rich.color import Color as RichColor
from rich.style import Style
from textual.color import Color
from textual.widgets import Input, TextArea

from tui_reader.app.app import ReaderApp
from tui_reader.app.screens.compare import CompareScreen, number_twins
from tui_reader.app.screens.dialogs import ExportDialog, NoteEditor, TagPicker
from tui_reader.app.screens.help import HelpScreen
from tui_reader.app.screens.library import LibraryScreen
from tui_reader.app.screens.reader import ReaderScreen
from tui_reader.app.screens.tag_manager import TagManager
from tui_reader.app.widgets.article_view import ArticleView
from tui_reader.app.widgets.row_list import RowList
from tui_reader.library.export import export_csv
from tui_reader.library.store import Store


async def open_reader(pilot, article_id: int) -> ArticleView:
    await settle(pilot)
    pilot.app.open_article(article_id)
    await settle(pilot)
    assert isinstance(pilot.app.screen, ReaderScreen)
    return view_of(pilot)


async def test_cursor_keys(demo: tuple[Path, list[int]]) -> None:
    db, ids = demo
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_reader(pilot, ids[0])
        assert view.cursor == 0
        await pilot.press("l", "right")
        assert view.cursor == 2
        await pilot.press("h")
        assert view.cursor == 1
        await pilot.press("j")
        line = view.layout_.line_of(view.cursor)
        assert line == 1
        await pilot.press("down", "k")
        assert view.layout_.line_of(view.cursor) == 1
        await pilot.press("up")
        assert view.layout_.line_of(view.cursor) == 0
        await pilot.press("w")
        assert view.text[view.cursor - 1].isspace()
        await pilot.press("G")
        assert view.cursor == len(view.text) - 1
        assert view.scroll_offset.y > 0
        await pilot.press("g")
        assert view.cursor == 0 and view.scroll_offset.y == 0
        await pilot.press("ctrl+d")
        half = view.layout_.line_of(view.cursor)
        assert half >= 10
        await pilot.press("ctrl+u")
        assert view.layout_.line_of(view.cursor) == 0


async def test_quote_jumps_and_speaker_labels(demo: tuple[Path, list[int]]) -> None:
    db, ids = demo
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_reader(pilot, ids[0])
        await pilot.press("right_square_bracket")
        first = view.quotes[0]
        assert view.cursor == first.start
        assert "quote of" in status(app)
        await pilot.press("right_square_bracket")
        assert view.cursor == view.quotes[1].start
        await pilot.press("left_square_bracket")
        assert view.cursor == first.start
        y = view.layout_.line_of(first.start) - int(view.scroll_offset.y)
        assert first.speaker and first.speaker[:6] in view.render_line(y).text


async def test_select_tag_note_reach_the_database_and_the_csv(
    demo: tuple[Path, list[int]], tmp_path: Path
) -> None:
    """The whole coding loop by keyboard: v, movement, t with a new tag, n with a note."""
    db, ids = demo
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_reader(pilot, ids[0])
        await pilot.press("j", "j", "v", "w", "w", "w", "v")
        start, end = view.selection
        passage = view.text[start:end]
        assert len(passage.split()) >= 3
        await pilot.press("t")
        assert isinstance(app.screen, TagPicker)
        await pilot.press(*"damage claim")
        await pilot.press("enter")
        await settle(pilot)
        assert status(app).startswith("saved: annotation")
        annotation = view.annotation_at(start)
        assert annotation is not None and annotation.tags == ["damage claim"]
        view.move_to(start)
        await pilot.press("n")
        assert isinstance(app.screen, NoteEditor)
        app.screen.query_one(TextArea).text = 'Check, with the "council"\nsecond line, café'
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert status(app).startswith("saved: note")
    with Store.open(db) as store:
        (saved,) = store.annotations(ids[0])
        assert (saved.start, saved.end, saved.passage) == (start, end, passage)
        assert saved.tags == ["damage claim"]
        assert saved.note == 'Check, with the "council"\nsecond line, café'
        out = io.StringIO(newline="")
        export_csv(store, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert rows[0]["passage"] == passage
    assert rows[0]["tags"] == "damage claim"
    assert rows[0]["note"] == 'Check, with the "council"\nsecond line, café'


async def test_annotation_survives_a_restart(demo: tuple[Path, list[int]]) -> None:
    db, ids = demo
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_reader(pilot, ids[1])
        await pilot.press("right_square_bracket", "t", *"fact", "enter")
        await settle(pilot)
        quote = view.quotes[0]
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_reader(pilot, ids[1])
        annotation = view.annotation_at(quote.start)
        assert annotation is not None and annotation.tags == ["fact"]
        assert (annotation.start, annotation.end) == (quote.start, quote.end)
        panel = app.screen.query_one("#panel", RowList)
        assert "fact" in panel.rows[1].text


async def test_shift_arrows_select(demo: tuple[Path, list[int]]) -> None:
    db, ids = demo
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_reader(pilot, ids[0])
        await pilot.press("shift+right", "shift+right", "shift+right")
        start, end = view.selection
        assert start == 0 and view.text[start:end] == view.text.split()[0].rstrip(",")
        await pilot.press("shift+down")
        assert view.selection[1] > 4
        await pilot.press("escape")
        assert view.selection is None
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_mouse_drag_selects(demo: tuple[Path, list[int]]) -> None:
    db, ids = demo
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_reader(pilot, ids[0])
        x0 = view.gutter_width
        await pilot.mouse_down(view, offset=(x0 + 2, 0))
        await pilot.hover(view, offset=(x0 + 20, 1))
        await pilot.mouse_up(view, offset=(x0 + 20, 1))
        selection = view.selection
        assert selection is not None
        assert selection[0] == 0 and selection[1] > 20  # snapped to the first word's start


async def test_quick_tags_delete_and_undo(demo: tuple[Path, list[int]]) -> None:
    db, ids = demo
    with Store.open(db) as store:
        store.create_tag("evidence", quick_key=3)
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_reader(pilot, ids[2])
        await pilot.press("4")
        assert "no tag on key 4" in status(app)
        await pilot.press("right_square_bracket", "3")
        await settle(pilot)
        quote = view.quote_at(view.cursor)
        annotation = view.annotation_at(view.cursor)
        assert annotation and annotation.tags == ["evidence"]
        assert (annotation.start, annotation.end) == (quote.start, quote.end)
        await pilot.press("x")
        assert view.annotation_at(view.cursor) is None
        with Store.open(db) as store:
            assert store.annotations(ids[2]) == []
        await pilot.press("u")
        await settle(pilot)
        with Store.open(db) as store:
            (back,) = store.annotations(ids[2])
        assert back.id == annotation.id and back.tags == ["evidence"]


async def test_annotation_jumps(demo: tuple[Path, list[int]]) -> None:
    db, ids = demo
    with Store.open(db) as store:
        text = store.article(ids[0]).text
        a = store.create_annotation(ids[0], 100, 120, tags=["one"])
        b = store.create_annotation(ids[0], len(text) - 40, len(text) - 10, tags=["two"])
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_reader(pilot, ids[0])
        await pilot.press("right_curly_bracket")
        assert view.cursor == a.start
        await pilot.press("right_curly_bracket")
        assert view.cursor == b.start
        await pilot.press("left_curly_bracket")
        assert view.cursor == a.start


async def test_tab_panel_and_jump_from_panel(demo: tuple[Path, list[int]]) -> None:
    db, ids = demo
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_reader(pilot, ids[0])
        await pilot.press("tab")
        panel = app.screen.query_one("#panel", RowList)
        assert app.focused is panel
        assert panel.cursor == 2  # the headings are skipped: the first quote
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is view
        assert view.cursor == view.quotes[0].start
        await pilot.press("p")
        assert not panel.display


async def test_reader_export_writes_the_article(
    demo: tuple[Path, list[int]], tmp_path: Path
) -> None:
    db, ids = demo
    with Store.open(db) as store:
        store.create_annotation(ids[0], 0, 10, tags=["x"])
        store.create_annotation(ids[1], 0, 10, tags=["y"])
    out = tmp_path / "article.csv"
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_reader(pilot, ids[0])
        await pilot.press("e")
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one("#path", Input).value = str(out)
        await pilot.press("enter")
        await settle(pilot)
        assert "exported 1 annotation" in status(app)
    assert len(list(csv.DictReader(out.open(encoding="utf-8", newline="")))) == 1


async def test_help_in_the_reader_lists_the_coding_keys(demo: tuple[Path, list[int]]) -> None:
    db, ids = demo
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_reader(pilot, ids[0])
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        described = {label for _, label, _ in app.screen.rows}
        for expected in ("Tag", "Note", "Select", "Next quote", "Delete note", "Undo delete"):
            assert expected in described
        keys = " ".join(k for k, _, _ in app.screen.rows)
        for key in ("]", "[", "}", "{", "v", "t", "n", "x", "e"):
            assert key in keys.split()


async def test_compare_twins_tab_and_link(demo: tuple[Path, list[int]]) -> None:
    db, ids = demo
    app = ReaderApp(db, open_compare=ids[:2])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        left, right = screen.views()
        assert left.twins and right.twins
        assert app.focused is left
        twin = left.twins[0]
        left.move_to(twin.start)
        await pilot.press("s")
        assert app.focused is right
        match = next(t for t in right.twins if t.number == twin.number)
        assert right.cursor == match.start
        await pilot.press("s")
        assert app.focused is left and left.cursor == twin.start
        await pilot.press("tab")
        assert app.focused is right
        await pilot.press("L")
        assert screen.linked
        await pilot.press("G")
        await pilot.pause()
        assert left.scroll_offset.y > 0
        await pilot.press("q")
        assert isinstance(app.screen, LibraryScreen)


async def test_compare_same_speaker_same_colour(demo: tuple[Path, list[int]]) -> None:
    db, ids = demo
    app = ReaderApp(db, open_compare=ids)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        views = app.screen.views()
        assert len(views) == 4
        by_speaker: dict[int, set[str]] = {}
        for view in views:
            for q in view.quotes:
                if q.speaker_id is not None:
                    body = view._body(q.start, q.end, view.rich_style)
                    colours = {str(s.style.color) for s in body if s.style and s.style.color}
                    by_speaker.setdefault(q.speaker_id, set()).update(colours)
        assert by_speaker and all(len(c) == 1 for c in by_speaker.values())


def test_number_twins_shares_numbers_across_columns() -> None:
    marks = number_twins({(0, 1): [(10, 20, 30, 40)], (1, 2): [(30, 40, 5, 9)], (0, 2): []})
    assert {m.number for found in marks.values() for m in found} == {1}
    assert [(m.start, m.end) for m in marks[2]] == [(5, 9)]


async def test_tag_manager(demo: tuple[Path, list[int]]) -> None:
    db, ids = demo
    with Store.open(db) as store:
        store.create_annotation(ids[0], 0, 10, tags=["old"])
        store.create_tag("other")
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("T")
        assert isinstance(app.screen, TagManager)
        await pilot.press("r")
        app.screen.query_one(Input).value = "renamed"
        await pilot.press("enter")
        await settle(pilot)
        assert "renamed" in [t.name for t in app.session.store.tags()]
        manager = app.screen
        assert isinstance(manager, TagManager)
        assert manager.current().name == "renamed"
        await pilot.press("5")
        assert app.session.store.tag_for_quick_key(5).name == "renamed"
        await pilot.press("c")
        assert next(t for t in app.session.store.tags() if t.name == "renamed").colour
        await pilot.press("m")
        assert isinstance(app.screen, TagPicker)
        await pilot.press(*"other", "enter")
        await settle(pilot)
        assert [t.name for t in app.session.store.tags()] == ["other"]
        assert app.session.store.annotations(ids[0])[0].tags == ["other"]
        await pilot.press("d", "y")
        await settle(pilot)
        assert app.session.store.tags() == []
        assert len(app.session.store.annotations(ids[0])) == 1
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


def next_quote_on_ctrl_n(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A user config that moves "next quote" to ctrl+n."""
    config = tmp_path / "config.toml"
    config.write_text('[keymap]\n"view.next_quote" = "ctrl+n"\n', encoding="utf-8")
    monkeypatch.setenv("TUI_READER_CONFIG", str(config))


async def test_keys_remap_from_the_config(
    demo: tuple[Path, list[int]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, ids = demo
    next_quote_on_ctrl_n(tmp_path, monkeypatch)
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_reader(pilot, ids[0])
        await pilot.press("right_square_bracket")
        assert view.cursor == 0
        await pilot.press("ctrl+n")
        assert view.cursor == view.quotes[0].start


async def test_one_apps_keymap_never_shows_in_anothers_hints(
    demo: tuple[Path, list[int]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hint for a command not bound on the screen falls back on its own app's keymap."""
    from tui_reader.app import commands

    db, _ = demo
    next_quote_on_ctrl_n(tmp_path, monkeypatch)
    remapped = ReaderApp(db)
    async with remapped.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(remapped.screen, LibraryScreen)  # where ] is not bound
        assert commands.key_for(remapped.screen, "view.next_quote") == "^n"
        monkeypatch.setenv("TUI_READER_CONFIG", str(tmp_path / "none.toml"))
        plain = ReaderApp(db)  # a second app in the same process, its own keys
        async with plain.run_test(size=SIZE) as other:
            await settle(other)
            assert commands.key_for(plain.screen, "view.next_quote") == "]"
        assert commands.key_for(remapped.screen, "view.next_quote") == "^n"


async def test_command_palette_lists_the_screen_actions(demo: tuple[Path, list[int]]) -> None:
    db, ids = demo
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_reader(pilot, ids[0])
        names = [c.title for c in app.get_system_commands(app.screen)]
        for expected in ("Tag", "Note", "Next quote", "Export", "Back", "Keys", "Theme"):
            assert expected in names


async def test_tag_picker_prefers_the_best_existing_match(demo: tuple[Path, list[int]]) -> None:
    db, ids = demo
    with Store.open(db) as store:
        store.create_tag("claim", quick_key=1)
        store.create_tag("framing", quick_key=2)
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_reader(pilot, ids[0])
        await pilot.press("right_square_bracket", "t", "c", "l", "enter")
        await settle(pilot)
        assert view.annotation_at(view.cursor).tags == ["claim"]
        await pilot.press("right_square_bracket", "t", "c", "l", "down", "enter")
        await settle(pilot)
        assert view.annotation_at(view.cursor).tags == ["cl"]  # ↓ reaches "+ new tag"


async def test_saved_means_committed(demo: tuple[Path, list[int]]) -> None:
    """Another connection (another process would do the same) sees the annotation as soon as
    the status line says saved: nothing waits for the app to exit."""
    db, ids = demo
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_reader(pilot, ids[0])
        await pilot.press("right_square_bracket", "t", *"checked", "enter")
        await settle(pilot)
        assert status(app).startswith("saved:")
        with Store.open(db) as other:
            (annotation,) = other.annotations(ids[0])
            assert annotation.tags == ["checked"]


def drawn(view: ArticleView, offset: int) -> Style:
    """The style the view draws the character at ``offset`` with (it must be on screen)."""
    assert view.layout_ is not None
    y = view.layout_.line_of(offset) - int(view.scroll_offset.y)
    x = view.gutter_width + view.layout_.column_of(offset)
    (cell,) = list(view.render_line(y).crop(x, x + 1))
    return cell.style or Style()


def near(colour: RichColor | None, css: str) -> bool:
    """``colour`` is the CSS colour ``css``, give or take Textual's rounding."""
    assert colour is not None and colour.triplet is not None
    return all(abs(a - b) <= 2 for a, b in zip(colour.triplet, Color.parse(css).rgb, strict=True))


@pytest.mark.parametrize("theme", ["textual-light", "nord", "gruvbox"])
async def test_themes(demo: tuple[Path, list[int]], theme: str) -> None:
    """A theme recolours what the view draws (its surface, cursor and selection); the quotes
    keep their speakers' colours."""
    db, ids = demo
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_reader(pilot, ids[0])
        await pilot.press("right_square_bracket", "v", "w", "w")
        assert view.selection is not None
        start, end = view.selection
        inside = view.quotes[0].end - 2  # in the first quote, past the selection and the cursor
        assert end < inside
        outside = next(i for i in range(start) if not view.text[i].isspace())  # before the quote
        styles = []
        for name in ("textual-dark", theme):
            app.theme = name
            await settle(pilot)
            colours = app.theme_variables
            text, quoted = drawn(view, outside), drawn(view, inside)
            cursor, selection = drawn(view, view.cursor), drawn(view, start)
            assert near(text.bgcolor, colours["surface"]), name
            assert near(text.color, colours["foreground"]), name
            assert near(cursor.bgcolor, colours["accent"]) and cursor.reverse, name
            assert selection.bgcolor != text.bgcolor, name  # the selection shows
            assert quoted.color != text.color and quoted.bgcolor == text.bgcolor, name
            styles.append((cursor, selection, quoted))
        (dark_cursor, dark_selection, dark_quoted), (cursor, selection, quoted) = styles
        assert cursor != dark_cursor and selection.bgcolor != dark_selection.bgcolor
        assert quoted.color == dark_quoted.color  # the speaker's colour, whatever the theme


async def test_orphaned_annotations_are_listed(demo: tuple[Path, list[int]]) -> None:
    """An annotation a re-fetch could not place stays visible (and exported), flagged."""
    db, ids = demo
    with Store.open(db) as store:
        annotation = store.create_annotation(ids[0], 0, 20, tags=["lost"])
        store.conn.execute("UPDATE annotations SET orphaned = 1 WHERE id = ?", (annotation.id,))
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_reader(pilot, ids[0])
        assert view.annotation_at(5) is None
        rows = [r.text for r in app.screen.query_one("#panel", RowList).rows]
        assert any("Not placed" in r for r in rows) and any("⚠ lost" in r for r in rows)
        assert "could not be placed" in status(app)


async def test_n_after_t_notes_the_new_annotation(demo: tuple[Path, list[int]]) -> None:
    """v w w v, t, n: the note goes on the annotation just tagged, not on a new one."""
    db, ids = demo
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_reader(pilot, ids[0])
        await pilot.press("right_square_bracket", "v", "w", "w", "v", "t", *"framing", "enter")
        await settle(pilot)
        await pilot.press("n")
        app.screen.query_one(TextArea).text = "one annotation"
        await pilot.press("ctrl+s")
        await settle(pilot)
    with Store.open(db) as store:
        (annotation,) = store.annotations(ids[0])
    assert annotation.tags == ["framing"] and annotation.note == "one annotation"
