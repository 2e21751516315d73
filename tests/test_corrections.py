"""The user's word on speakers: `attribute` and the app's `a`, kept through re-analysis, a
changed re-fetch and a new engine version; renames, merges and alias removal on top; colours
that stay apart on one screen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from apptools import SIZE, settle, view_of
from clitools import run
from httpserver import article_html
from pageserver import Pages
from rich.color import Color, ColorSystem

from tui_reader.app.app import ReaderApp
from tui_reader.app.colours import PALETTE, UNKNOWN_SPEAKER, speaker_colour, speaker_colours
from tui_reader.app.screens.dialogs import SpeakerPicker
from tui_reader.app.screens.reader import ReaderScreen
from tui_reader.library.ingest import analyse_quotes
from tui_reader.library.store import Store

BEFORE = [
    "The ferry service to the island will end in May, the operator announced on Friday.",
    '"We cannot run boats that nobody pays for," said Ines Varga, the operator\'s director.',
    "Residents were angry. One fisherman, Tomas Brandt, spoke at the harbour meeting.",
    '"This island dies without a ferry," Brandt said. "Everyone here knows it."',
    "The regional council said it would look for another operator before the summer.",
]
AFTER = [
    "The ferry service to the island will end in June, the operator announced on Friday.",
    *BEFORE[1:3],
    '"This island dies without a ferry," Brandt said. "Everyone here knows it."',
    "The regional council said on Monday it would look for another operator.",
]


def quotes_json(capsys: pytest.CaptureFixture[str], db: Path) -> list[dict]:
    code, out, err = run(capsys, "--db", str(db), "quotes", "--json")
    assert code == 0, err
    return json.loads(out)


def island(pages: Pages, paragraphs: list[str]) -> str:
    pages["/ferry"] = article_html("Ferry to end", paragraphs)
    return pages.url("/ferry")


def test_attribute_from_the_cli_survives_a_changed_refetch(
    pages: Pages, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = island(pages, BEFORE)
    assert run(capsys, "--db", str(db_path), "add", url)[0] == 0
    found = quotes_json(capsys, db_path)
    everyone = next(q for q in found if q["text"].startswith("Everyone here"))
    assert {"id", "speaker_id", "corrected"} <= set(everyone)
    assert everyone["corrected"] is False
    code, out, _ = run(capsys, "--db", str(db_path), "attribute", str(everyone["id"]), "Mara Holt")
    assert code == 0 and "Mara Holt" in out and "correction" in out
    fixed = next(q for q in quotes_json(capsys, db_path) if q["id"] == everyone["id"])
    assert (fixed["speaker"], fixed["corrected"]) == ("Mara Holt", True)

    island(pages, AFTER)  # the outlet edits the page: the quote moves
    code, out, _ = run(capsys, "--db", str(db_path), "add", url)
    assert code == 0 and out.startswith("updated:")
    again = next(q for q in quotes_json(capsys, db_path) if q["text"].startswith("Everyone here"))
    assert (again["speaker"], again["corrected"]) == ("Mara Holt", True)
    assert again["start"] != everyone["start"]
    others = [q for q in quotes_json(capsys, db_path) if q["id"] != again["id"]]
    assert not any(q["corrected"] for q in others)


def test_attribute_none_and_errors(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(db_path) as store:
        store.save_article(_article(BEFORE), analyse_quotes(_text(BEFORE)))
    first = quotes_json(capsys, db_path)[0]
    code, out, _ = run(capsys, "--db", str(db_path), "attribute", str(first["id"]), "--none")
    assert code == 0 and "nobody" in out
    gone = quotes_json(capsys, db_path)[0]
    assert (gone["speaker"], gone["speaker_id"], gone["corrected"]) == (None, None, True)
    code, _, err = run(capsys, "--db", str(db_path), "attribute", "999", "X")
    assert code == 1 and err == "tui-reader: there is no quote 999\n"
    code, _, err = run(capsys, "--db", str(db_path), "attribute", str(first["id"]))
    assert code == 1 and "NAME or --none" in err
    code, _, err = run(capsys, "--db", str(db_path), "attribute", str(first["id"]), "  ")
    assert code == 1 and "cannot be empty" in err


def _text(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def _article(paragraphs: list[str], source: str = "https://example.org/ferry"):
    from factories import article

    return article(_text(paragraphs), source=source)


def test_corrections_survive_reanalysis_and_a_new_engine(store: Store) -> None:
    _, a = store.save_article(_article(BEFORE), analyse_quotes(_text(BEFORE)))
    target = next(q for q in store.quotes(a) if q.text.startswith("We cannot"))
    store.attribute(target.id, "The Ferry Company")
    store.reanalyse(a, analyse_quotes(_text(BEFORE)))
    again = next(q for q in store.quotes(a) if q.text.startswith("We cannot"))
    assert (again.speaker, again.corrected) == ("The Ferry Company", True)
    store.conn.execute("UPDATE articles SET engine = 'an older engine'")
    assert store.outdated_articles() == [a]
    # an unchanged page re-added after an engine upgrade is analysed again, correction kept
    status, _ = store.save_article(_article(BEFORE), analyse_quotes(_text(BEFORE)))
    assert status == "unchanged" and store.outdated_articles() == []
    assert next(q for q in store.quotes(a) if q.id and q.corrected).speaker == "The Ferry Company"


def test_renames_and_merges_keep_working_on_corrections(store: Store) -> None:
    _, a = store.save_article(_article(BEFORE), analyse_quotes(_text(BEFORE)))
    quotes = store.quotes(a)
    fixed = store.attribute(quotes[0].id, "I. Varga")
    assert fixed.speaker_id is not None
    store.rename_speaker(fixed.speaker_id, "Ines Varga (director)")
    assert store.quote(fixed.id).speaker == "Ines Varga (director)"
    brandt = next(q.speaker_id for q in quotes if q.speaker and "Brandt" in q.speaker)
    assert brandt is not None
    store.merge_speakers(brandt, fixed.speaker_id)
    merged = store.quote(fixed.id)
    assert merged.speaker_id == brandt and merged.corrected
    store.reanalyse(a, analyse_quotes(_text(BEFORE)))
    assert next(q for q in store.quotes(a) if q.corrected).speaker_id == brandt


def test_removing_a_wrong_alias_relinks_its_quotes(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # article two names its speaker by surname only; the library links "Lind" to the one Lind
    # it knows, the mayor, though the baker of article two is someone else
    one = ['"The wall must come down," said Anna Lind, the mayor.', "Nothing more was said."]
    two = ['"The wall stays," said Lind, who runs the bakery.', "Nobody else spoke."]
    with Store.open(db_path) as store:
        for n, paragraphs in enumerate((one, two)):
            store.save_article(
                _article(paragraphs, source=f"https://example.org/{n}"),
                analyse_quotes(_text(paragraphs)),
            )
        (merged,) = store.speakers()
    assert merged.name == "Anna Lind" and merged.aliases == ["Lind"]
    assert merged.quotes_per_article == {1: 1, 2: 1}
    code, out, _ = run(capsys, "--db", str(db_path), "speakers")
    assert code == 0 and f"#{merged.id} Anna Lind" in out and "also: Lind" in out
    code, out, _ = run(capsys, "--db", str(db_path), "remove-alias", str(merged.id), "Lind")
    assert code == 0 and "1 quote(s) re-linked" in out
    with Store.open(db_path) as store:
        anna = store.speaker(merged.id)
        baker = next(s for s in store.speakers() if s.id != merged.id)
        assert (anna.name, anna.aliases, anna.quotes_per_article) == ("Anna Lind", [], {1: 1})
        assert (baker.name, baker.quotes_per_article) == ("Lind", {2: 1})
        # linking never gives the name back, even when the page is added again
        store.save_article(
            _article(two, source="https://example.org/again"), analyse_quotes(_text(two))
        )
        anna = store.speaker(merged.id)
        assert "Lind" not in anna.aliases and anna.quotes_per_article == {1: 1}
        assert store.speaker(baker.id).quotes_per_article == {2: 1, 3: 1}
    code, _, err = run(capsys, "--db", str(db_path), "remove-alias", str(merged.id), "Nobody")
    assert code == 1 and "has no alias 'Nobody'" in err
    code, _, err = run(capsys, "--db", str(db_path), "remove-alias", str(merged.id), "Anna Lind")
    assert code == 1 and "only name" in err


async def test_a_in_the_reader_corrects_and_the_correction_survives_a_refetch(
    pages: Pages, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = island(pages, BEFORE)
    assert run(capsys, "--db", str(db_path), "add", url)[0] == 0
    app = ReaderApp(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        view = view_of(pilot)
        target = next(q for q in view.quotes if q.text.startswith("Everyone here"))
        view.move_to(target.start)
        await pilot.press("a")
        assert isinstance(app.screen, SpeakerPicker)
        await pilot.press(*"Mara Holt", "enter")
        await settle(pilot)
        status = str(app.screen.query_one("#status").render())
        assert "Mara Holt" in status and "your correction" in status
        assert view.quote_at(target.start).corrected
        legend = str(app.screen.query_one("#legend").render())
        assert "Mara Holt" in legend
        view.move_to(target.start + 2)
        await pilot.pause()
        assert "(your correction)" in str(app.screen.query_one("#status").render())
    island(pages, AFTER)
    _, out, _ = run(capsys, "--db", str(db_path), "add", url)
    assert out.startswith("updated:")
    again = next(q for q in quotes_json(capsys, db_path) if q["text"].startswith("Everyone here"))
    assert (again["speaker"], again["corrected"]) == ("Mara Holt", True)


def test_colours_on_one_screen_stay_apart_in_256_colours() -> None:
    assert len({Color.parse(c).downgrade(ColorSystem.EIGHT_BIT).number for c in PALETTE}) == len(
        PALETTE
    )
    # ids whose own colours collide still get different colours on one screen
    same = [i for i in range(1, 200) if speaker_colour(i) == speaker_colour(1)][:3]
    assert len(same) == 3
    colours = speaker_colours([*same, None])
    assert len({colours[i] for i in same}) == 3 and colours[None] == UNKNOWN_SPEAKER
    # up to the palette's size, every speaker on a screen has its own colour
    many = speaker_colours(range(1, len(PALETTE) + 1))
    assert len(set(many.values()) - {UNKNOWN_SPEAKER}) == len(PALETTE)
    # a speaker nobody collides with keeps its own colour on every screen
    assert speaker_colours([5])[5] == speaker_colour(5) == speaker_colours([5, 6])[5]
