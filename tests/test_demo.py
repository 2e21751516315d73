"""The bundled demo story: it loads, its speakers come out right, and loading is idempotent."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tui_reader.library.compare import twins
from tui_reader.library.demo import STORY, demo_files, load_demo
from tui_reader.library.quotes import analyse
from tui_reader.library.store import Store


def test_demo_pages_are_bundled() -> None:
    files = demo_files()
    assert [f.name for f in files] == [  # four outlets, in the order the story reads in
        "01-meridian-wire.html",
        "02-saltmere-courier.html",
        "03-northern-ledger.html",
        "04-ranni-zpravy.html",
    ]
    assert all(f.suffix == ".html" and f.stat().st_size > 0 for f in files)


def test_load_demo_fills_the_story(db_path: Path) -> None:
    ids = load_demo(db_path)
    assert len(ids) == 4  # one article per page
    with Store.open(db_path) as store:
        assert STORY in store.stories()
        assert sorted(store.story_article_ids(STORY)) == sorted(ids)
        assert sorted(s.name for s in store.speakers(ids)) == [
            "Harbour Workers’ Union (HWU)",
            "Helen Marsh",
            "Jiří Dvořák",
            "Marie Dvořáková",
            "Owen Pryce",
            "Priya Nair",
            "Saltmere Port Authority",
            "Tomas Reilly",
        ]
        assert all(q.speaker_id is not None for q in store.quotes())


def test_load_demo_is_idempotent(db_path: Path) -> None:
    first = load_demo(db_path)
    with Store.open(db_path) as store:
        counts = (len(store.article_ids()), len(store.quotes()), len(store.speakers()))
        texts = [store.article(i).text for i in first]
    second = load_demo(db_path)
    assert second == first
    with Store.open(db_path) as store:
        assert (len(store.article_ids()), len(store.quotes()), len(store.speakers())) == counts
        assert [store.article(i).text for i in second] == texts
        assert len(store.story_article_ids(STORY)) == len(first)


def test_diacritics_and_plain_spelling_are_one_speaker(db_path: Path) -> None:
    ids = load_demo(db_path)
    with Store.open(db_path) as store:
        matches = [
            s
            for s in store.speakers(ids)
            if any(n.split()[-1] in ("Dvořák", "Dvorak") for n in [s.name, *s.aliases])
        ]
    assert len(matches) == 1
    engineer = matches[0]
    names = {engineer.name, *engineer.aliases}
    assert "Jiří Dvořák" in names
    assert "Jiri Dvorak" in names
    assert len(engineer.quotes_per_article) == len(ids)  # quoted by every outlet


def test_organization_is_one_speaker(db_path: Path) -> None:
    ids = load_demo(db_path)
    with Store.open(db_path) as store:
        unions = [
            s
            for s in store.speakers(ids)
            if any("HWU" in n or "Workers" in n for n in [s.name, *s.aliases])
        ]
    assert len(unions) == 1
    assert unions[0].kind == "organization"
    assert len(unions[0].quotes_per_article) >= 3


def test_the_same_statement_is_a_twin_across_outlets(db_path: Path) -> None:
    wire, local, *_, translated = load_demo(db_path)
    with Store.open(db_path) as store:
        verbatim = [t for t in twins(store, wire, local) if t.kind == "verbatim"]
        reworded = [t for t in twins(store, wire, translated) if t.same_speaker]
        wire_text = store.article(wire).text
    assert verbatim and verbatim[0].same_speaker
    assert "not safe for traffic" in wire_text[verbatim[0].a_start : verbatim[0].a_end]
    quoted = {wire_text[t.a_start : t.a_end] for t in reworded}
    assert any("forty miles" in q for q in quoted)
    assert any("not safe for traffic" in q for q in quoted)


def test_every_page_has_attributed_quotes() -> None:
    from tui_reader.library.extract import extract_article

    for path in demo_files():
        article = extract_article(path.read_text(encoding="utf-8"), str(path))
        analysis = analyse(article.text)
        assert len(analysis.quotes) >= 5, path.name
        assert all(q.speaker for q in analysis.quotes), path.name


def test_demo_does_not_import_textual() -> None:
    code = "import sys, tui_reader.library.demo; sys.exit('textual' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
