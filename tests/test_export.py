"""CSV and JSON export: golden files, exact round trips, the formula guard, filters, the long
shape, and how re-anchored and orphaned annotations are written."""

from __future__ import annotations

import csv
import io
import json

import pytest
from factories import article
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension

from tui_reader.library.export import export_csv, export_json, guard_cell
from tui_reader.library.quotes import analyse
from tui_reader.library.store import Store


class CsvFile(SingleFileSnapshotExtension):
    """A golden file that is the export itself, byte for byte (open it in a spreadsheet)."""

    _file_extension = "csv"


class JsonFile(SingleFileSnapshotExtension):
    _file_extension = "json"


ORIGINAL = (
    "The harbour board met on Monday.\n\n"
    '"We will rebuild the pier by spring," said Mara Quist, the board chair. '
    "Fishermen doubted the date.\n\n"
    "A second meeting is set for June."
)
CHANGED = (
    "The harbour board met on Monday evening.\n\n"
    '"We will rebuild the pier by summer," said Mara Quist, the board chair. '
    "Fishermen doubted the date.\n\n"
    "The council did not comment."
)
STAMP = "2026-01-02T03:04:05+00:00"

HEADER = (
    "annotation_id,article_id,article_title,site,url,published,start,end,passage,prefix,suffix,"
    "tags,note,speakers,created_at,updated_at,anchor"
)
"""The export's header line as the product contract (README: CSV export) spells it."""
LONG_HEADER = HEADER.replace(",tags,", ",tag,")


@pytest.fixture
def golden(store: Store) -> Store:
    """A library whose every exported cell is known: an exact, a moved, a fuzzy and an
    orphaned annotation, tags (one formula-like), a multi-line note and a quote's speaker."""
    page = article(ORIGINAL, title="Pier to be rebuilt", site="Harbour News")
    _, a = store.save_article(page, analyse(ORIGINAL), story="Pier")
    _, b = store.save_article(article("Short other text.", source="https://example.org/b"))
    fuzzy = ORIGINAL.index("We will rebuild the pier by spring")
    moved = ORIGINAL.index("Fishermen doubted the date.")
    gone = ORIGINAL.index("A second meeting is set for June.")
    store.create_annotation(a, fuzzy, fuzzy + 34, tags=["promise", "=risky"], note="line 1\nline 2")
    store.create_annotation(a, moved, moved + 27, tags=["doubt"])
    store.create_annotation(a, gone, gone + 33, note="dropped later")
    store.create_annotation(b, 0, 5, tags=["promise"])
    store.save_article(
        article(CHANGED, title="Pier to be rebuilt", site="Harbour News"), analyse(CHANGED)
    )
    store.conn.execute("UPDATE annotations SET created_at = ?, updated_at = ?", (STAMP, STAMP))
    return store


def test_csv_golden(golden: Store, snapshot: SnapshotAssertion) -> None:
    out = io.StringIO(newline="")
    assert export_csv(golden, out) == 4
    assert out.getvalue().encode("utf-8") == snapshot(extension_class=CsvFile)


def test_csv_long_raw_golden(golden: Store, snapshot: SnapshotAssertion) -> None:
    out = io.StringIO(newline="")
    assert export_csv(golden, out, long=True, raw=True) == 5
    assert out.getvalue().encode("utf-8") == snapshot(extension_class=CsvFile)


def test_json_golden(golden: Store, snapshot: SnapshotAssertion) -> None:
    out = io.StringIO()
    assert export_json(golden, out) == 4
    assert out.getvalue().encode("utf-8") == snapshot(extension_class=JsonFile)


def test_anchor_column_tells_how_each_passage_sits(golden: Store) -> None:
    out = io.StringIO(newline="")
    export_csv(golden, out, raw=True)
    rows = {r["annotation_id"]: r for r in read_csv(out.getvalue())}
    assert [rows[i]["anchor"] for i in ("1", "2", "3", "4")] == [
        "fuzzy",
        "moved",
        "orphaned",
        "exact",
    ]
    assert rows["1"]["passage"] == "We will rebuild the pier by summer"
    assert rows["1"]["speakers"] == "Mara Quist"
    assert (rows["3"]["start"], rows["3"]["end"]) == ("", "")
    assert rows["3"]["passage"] == "A second meeting is set for June."
    text = golden.article(1).text
    assert text[int(rows["2"]["start"]) : int(rows["2"]["end"])] == "Fishermen doubted the date."
    items = {i["annotation_id"]: i for i in json.loads(_json(golden))}
    assert items[1]["coded_passage"] == "We will rebuild the pier by spring"
    assert items[1]["passage"] == "We will rebuild the pier by summer"


def _json(store: Store) -> str:
    out = io.StringIO()
    export_json(store, out)
    return out.getvalue()


TEXT = 'The minister spoke.\n\n"We will build it," he said. Others disagreed.'
NOTE = '=SUM(A1:A2), "quoted", comma,\nnew line; Вучић, 北京, ñ — done'


@pytest.fixture
def coded(store: Store) -> tuple[Store, int]:
    _, a = store.save_article(article(TEXT, title="-Minus title", site="Site"), story="S")
    store.save_article(article("Unrelated text.", source="https://example.org/b"))
    start = TEXT.index("We will")
    store.create_annotation(a, start, start + 16, tags=["promise", "@risky"], note=NOTE)
    store.create_annotation(a, 0, 12, note="plain")
    return store, a


def read_csv(data: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data, newline="")))


def test_csv_round_trip_with_guard(coded: tuple[Store, int]) -> None:
    store, _ = coded
    out = io.StringIO(newline="")
    assert export_csv(store, out) == 2
    data = out.getvalue()
    assert data.startswith(HEADER + "\r\n")
    rows = read_csv(data)
    assert rows[0]["note"] == "plain"
    assert rows[1]["note"] == "'" + NOTE  # a formula is defused
    assert rows[1]["tags"] == "'@risky; promise"
    assert rows[1]["article_title"] == "'-Minus title"
    assert rows[1]["passage"] == "We will build it"
    assert TEXT[int(rows[1]["start"]) : int(rows[1]["end"])] == "We will build it"


def test_csv_raw_is_exact(coded: tuple[Store, int]) -> None:
    store, _ = coded
    out = io.StringIO(newline="")
    export_csv(store, out, raw=True)
    rows = read_csv(out.getvalue())
    assert rows[1]["note"] == NOTE
    assert rows[1]["tags"] == "@risky; promise"


def test_long_shape_one_row_per_tag(coded: tuple[Store, int]) -> None:
    store, _ = coded
    out = io.StringIO(newline="")
    assert export_csv(store, out, long=True, raw=True) == 3
    data = out.getvalue()
    assert data.startswith(LONG_HEADER + "\r\n")
    rows = read_csv(data)
    assert list(rows[0]) == LONG_HEADER.split(",")
    assert [r["tag"] for r in rows] == ["", "@risky", "promise"]
    out = io.StringIO(newline="")
    assert export_csv(store, out, long=True, tag="promise") == 1


def test_filters(coded: tuple[Store, int]) -> None:
    store, a = coded
    assert export_csv(store, io.StringIO(), tag="promise") == 1
    assert export_csv(store, io.StringIO(), article_id=a) == 2
    assert export_csv(store, io.StringIO(), story="S") == 2
    assert export_csv(store, io.StringIO(), story="nope") == 0


def test_json_round_trip(coded: tuple[Store, int]) -> None:
    store, _ = coded
    out = io.StringIO()
    assert export_json(store, out) == 2
    items = json.loads(out.getvalue())
    assert items[1]["note"] == NOTE and items[1]["tags"] == ["@risky", "promise"]
    assert items[1]["orphaned"] is False


@pytest.mark.parametrize(
    ("value", "guarded"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("ok", "ok"),
        ("", ""),
        (5, 5),
    ],
)
def test_guard_cell(value: object, guarded: object) -> None:
    assert guard_cell(value) == guarded
