"""CSV and JSON export: exact round trips, the formula guard, filters, the long shape."""

from __future__ import annotations

import csv
import io
import json

import pytest
from factories import article

from tui_reader.library.export import COLUMNS, LONG_COLUMNS, export_csv, export_json, guard_cell
from tui_reader.library.store import Store

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
    assert data.startswith(",".join(COLUMNS) + "\r\n")
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
    rows = read_csv(out.getvalue())
    assert list(rows[0]) == LONG_COLUMNS
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
