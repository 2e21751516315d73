"""Re-adding pages already in the library: an unchanged one costs no quote finding and no
writes; a changed one is updated with the quotes of its new text, as before."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import ROOT

from tui_reader.library import ingest as ingest_module
from tui_reader.library.ingest import ingest
from tui_reader.library.quotes import analyse
from tui_reader.library.store import Store

sys.path.insert(0, str(ROOT / "bench"))
from make_pages import make_pages


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts the quote engine is run on (jobs=1: in this process)."""
    texts: list[str] = []

    def counting(text: str) -> object:
        texts.append(text)
        return analyse(text)

    monkeypatch.setattr(ingest_module, "analyse_quotes", counting)
    return texts


def quotes_of(db: Path) -> list[tuple[str, int, str]]:
    with Store.open(db) as store:
        return store.conn.execute(
            "SELECT a.source, q.start, q.text FROM quotes q JOIN articles a ON a.id = q.article_id "
            "ORDER BY a.source, q.start"
        ).fetchall()


def files_of(db: Path) -> dict[str, bytes]:
    """The database and its WAL and shared-memory files, byte for byte."""
    return {p.name: p.read_bytes() for p in sorted(db.parent.glob(db.name + "*"))}


def test_unchanged_readd_skips_quotes_and_writes(
    tmp_path: Path, db_path: Path, counted: list[str]
) -> None:
    pages = make_pages(tmp_path / "pages", 6, seed=5)
    first = ingest(db_path, [str(tmp_path / "pages")], jobs=1)
    assert [r.status for r in first] == ["added"] * 6 and len(counted) == 6
    stored = quotes_of(db_path)
    assert stored
    before = files_of(db_path)

    counted.clear()
    again = ingest(db_path, [str(tmp_path / "pages")], jobs=1)
    assert [r.status for r in again] == ["unchanged"] * 6
    assert [r.article_id for r in again] == [r.article_id for r in first]
    assert counted == []  # no quote finding for an unchanged page
    assert quotes_of(db_path) == stored
    assert files_of(db_path) == before  # not a byte written by the re-add

    # A changed page: updated, its quotes found again (once), those of its new text.
    html = pages[2].read_text(encoding="utf-8")
    pages[2].write_text(
        html.replace("</article>", '<p>"It changed," said Ana Petrova.</p></article>'),
        encoding="utf-8",
    )
    third = ingest(db_path, [str(tmp_path / "pages")], jobs=1)
    assert [r.status for r in third].count("updated") == 1
    assert third[2].status == "updated" and len(counted) == 1
    assert "It changed" in counted[0]
    new_quotes = [q for q in quotes_of(db_path) if q[0] == str(pages[2].resolve())]
    assert [q[2] for q in new_quotes] == [q.text for q in analyse(counted[0]).quotes]


def test_readd_with_workers_gives_the_same_statuses(tmp_path: Path, db_path: Path) -> None:
    make_pages(tmp_path / "pages", 8, seed=6)
    first = ingest(db_path, [str(tmp_path / "pages")], jobs=2)
    stored = quotes_of(db_path)
    again = ingest(db_path, [str(tmp_path / "pages")], jobs=2)
    assert [r.status for r in first] == ["added"] * 8
    assert [r.status for r in again] == ["unchanged"] * 8
    assert quotes_of(db_path) == stored


def test_a_failing_quote_engine_on_a_changed_page_fails_that_page_only(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = make_pages(tmp_path / "pages", 3, seed=7)
    first = ingest(db_path, [str(tmp_path / "pages")], jobs=1)
    before = quotes_of(db_path)
    for page in pages[:2]:
        html = page.read_text(encoding="utf-8")
        page.write_text(html.replace("</article>", "<p>Added later.</p></article>"), "utf-8")
    calls: list[str] = []

    def broken_once(text: str) -> object:
        calls.append(text)
        if len(calls) == 1:
            raise RuntimeError("boom")
        return analyse(text)

    monkeypatch.setattr(ingest_module, "analyse_quotes", broken_once)
    again = ingest(db_path, [str(tmp_path / "pages")], jobs=1)
    assert [r.status for r in again] == ["failed", "updated", "unchanged"]
    assert again[0].reason == "unexpected error (RuntimeError: boom)"
    # the failed page keeps its stored version and quotes (its transaction was undone)
    with Store.open(db_path) as store:
        kept = store.article(first[0].article_id)
    assert kept is not None and "Added later" not in kept.text
    old_quotes = [q for q in before if q[0] == str(pages[0].resolve())]
    assert [q for q in quotes_of(db_path) if q[0] == str(pages[0].resolve())] == old_quotes
