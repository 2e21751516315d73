"""Coverage: a story hidden among unrelated articles (and decoys that share its people and place)
is found, best first; the term index is filled at ingest and built for older libraries;
``story_for`` and ``add --story auto``; the seeds rank each other first."""

from __future__ import annotations

import html
import json
import random
from pathlib import Path

import pytest
import storygen
from clitools import run
from conftest import SEEDS
from factories import article

from tui_reader.library.coverage import MIN_SCORE, coverage, ensure_indexed, story_for
from tui_reader.library.extract import extract_article
from tui_reader.library.quotes import analyse
from tui_reader.library.salience import fold, salient_terms
from tui_reader.library.store import Store, StoreError


def save(store: Store, g: storygen.Generated, story: str | None = None) -> int:
    return store.save_article(g.article, analyse(g.article.text), story=story)[1]


@pytest.fixture(scope="module")
def made() -> tuple[list[storygen.Generated], list[storygen.Generated], list[storygen.Generated]]:
    others, _ = storygen.library(11, 80)
    rng = random.Random(12)  # not the library's seed: its first event would be the story's
    event = storygen.make_event(rng, 500)
    story = storygen.coverage_of(rng, event, 5)
    return others, story, storygen.sequels(rng, event, 2)


@pytest.fixture
def library(
    store: Store,
    made: tuple[list[storygen.Generated], list[storygen.Generated], list[storygen.Generated]],
) -> tuple[Store, list[int], list[int], list[int]]:
    others, story, fakes = made
    # the story's articles are spread through the library, not stored together
    other_ids = [save(store, g) for g in others[:40]]
    story_ids = [save(store, g) for g in story]
    other_ids += [save(store, g) for g in others[40:]]
    decoy_ids = [save(store, g) for g in fakes]
    return store, story_ids, other_ids, decoy_ids


def test_a_story_hidden_among_unrelated_articles_ranks_first(
    library: tuple[Store, list[int], list[int], list[int]],
) -> None:
    store, story, others, fakes = library
    for me in story:
        found = coverage(store, me)
        ranked = [c.id for c in found]
        rest = set(story) - {me}
        assert set(ranked[: len(rest)]) == rest, me  # every other report first ...
        assert all(c.score >= MIN_SCORE for c in found)
        assert not set(ranked) & set(others)  # ... and no unrelated article at all
        below = [c for c in found if c.id in fakes]  # the decoys, if listed, come after
        assert all(c.score < min(x.score for x in found if x.id in rest) for c in below)
        best = found[0]
        assert best.shared.people and best.shared.days_apart is not None
        assert best.shared.days_apart <= 2
    assert any(coverage(store, me)[0].shared.statements for me in story)


def test_unrelated_articles_have_no_coverage_in_the_story(
    library: tuple[Store, list[int], list[int], list[int]],
) -> None:
    store, story, others, _ = library
    for me in others[::10]:
        assert not {c.id for c in coverage(store, me)} & set(story)


def test_the_evidence_is_said(library: tuple[Store, list[int], list[int], list[int]]) -> None:
    store, story, _, _ = library
    best = coverage(store, story[0])[0]
    assert set(best.parts) == {"words", "people", "statements", "dates"}
    assert all(0 <= v <= 1 for v in best.parts.values())
    line = best.shared.summary()
    assert "people: " in line and "names: " in line


def test_terms_are_indexed_at_ingest_and_follow_the_text(store: Store) -> None:
    text = "Officials in Tarnov said on Monday that the Tarnov dam would close."
    _, article_id = store.save_article(article(text, title="Tarnov dam"))
    terms = {t.term: t for t in store.article_terms(article_id)}
    assert terms["tarnov"].kind == "name" and terms["tarnov"].weight > 2  # twice, and the title
    assert "officials" not in terms  # a capital that only opens a sentence is no name
    store.save_article(article("The Belin weir is shut.", title="Belin"))  # another source
    store.save_article(article("Officials in Orsk said the Orsk weir would close.", title="Orsk"))
    terms = {t.term for t in store.article_terms(article_id)}
    assert "orsk" in terms and "tarnov" not in terms  # the same source, updated: new terms
    store.delete_article(article_id)
    assert store.article_terms(article_id) == []
    assert store.unindexed_articles() == []


def test_an_older_library_is_indexed_when_coverage_is_asked(
    library: tuple[Store, list[int], list[int], list[int]], db_path: Path
) -> None:
    store, story, _, _ = library
    before = [c.id for c in coverage(store, story[0])]
    store.conn.execute("DELETE FROM article_terms")
    store.conn.execute("DELETE FROM article_index")
    assert len(store.unindexed_articles()) == len(store.article_ids())
    read_only = Store.open(db_path, read_only=True)
    try:
        with pytest.raises(StoreError, match="open it once with write access"):
            coverage(read_only, story[0])
    finally:
        read_only.close()
    assert [c.id for c in coverage(store, story[0])] == before
    assert store.unindexed_articles() == [] and ensure_indexed(store) == 0


def test_names_fold_and_sentence_starts() -> None:
    terms = {t.term: t for t in salient_terms("Vučić speaks", "He met Vucic. Vučić said no.")}
    assert terms["vucic"].kind == "name"
    assert "he" not in terms
    assert fold("Đoković Østergaard") == "dokovic ostergaard"
    assert {t.kind for t in salient_terms(None, "the pipelines and the pipeline")} == {"word"}


def test_story_for(library: tuple[Store, list[int], list[int], list[int]]) -> None:
    store, story, others, _ = library
    store.add_to_story("Ferry strike", story[:3])
    store.add_to_story("Unrelated", others[:3])
    assert story_for(store, story[3]) == "Ferry strike"
    assert story_for(store, others[10]) is None
    store.add_to_story("Ferry strike, again", [story[4]])  # two stories of one event: unclear
    assert story_for(store, story[3]) is None


def test_the_seeds_rank_each_other_first(store: Store) -> None:
    others, _ = storygen.library(4, 30)
    for g in others:
        save(store, g)
    ids = []
    for path in sorted(SEEDS.glob("*.html")):
        page = extract_article(path.read_text(encoding="utf-8"), str(path))
        ids.append(store.save_article(page, analyse(page.text))[1])
    a, b = ids
    assert coverage(store, a)[0].id == b
    assert coverage(store, b)[0].id == a
    shared = coverage(store, a)[0].shared
    assert len(shared.people) == 2 and shared.days_apart == 1
    assert "serbia" in shared.names


# -- the command line -------------------------------------------------------------------------


def write_page(folder: Path, g: storygen.Generated, name: str) -> Path:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in g.article.text.split("\n\n"))
    path = folder / f"{name}.html"
    path.write_text(
        f"<html><head><title>{html.escape(g.article.title or '')}</title>"
        f'<meta name="date" content="{g.article.published}"></head>'
        f"<body><article><h1>{html.escape(g.article.title or '')}</h1>{body}</article>"
        "</body></html>",
        encoding="utf-8",
    )
    return path


def test_cli_coverage_json_and_text(
    library: tuple[Store, list[int], list[int], list[int]],
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, story, _, _ = library
    code, out, _ = run(capsys, "--db", str(db_path), "coverage", str(story[0]), "--json")
    rows = json.loads(out)
    ids = [r["id"] for r in rows]
    # the story's other four reports (stored apart, among unrelated articles) come first
    assert code == 0 and set(ids[:4]) == set(story[1:]) and story[0] not in ids
    assert list(rows[0]) == ["id", "title", "site", "published", "score", "shared", "parts"]
    assert set(rows[0]["shared"]) == {"people", "statements", "names", "days_apart"}
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    code, out, _ = run(capsys, "--db", str(db_path), "coverage", str(story[0]), "--limit", "2")
    assert code == 0 and out.count("\n#") + out.startswith("#") == 2 and "people: " in out
    code, _, err = run(capsys, "--db", str(db_path), "coverage", "99999")
    assert code == 1 and "there is no article 99999" in err


def test_cli_coverage_builds_the_index_of_an_older_library(
    library: tuple[Store, list[int], list[int], list[int]],
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store, story, _, _ = library
    store.conn.execute("DELETE FROM article_index")
    code, out, _ = run(capsys, "--db", str(db_path), "coverage", str(story[0]), "--json")
    assert code == 0 and json.loads(out)[0]["id"] in story
    assert store.unindexed_articles() == []


def test_add_story_auto(
    made: tuple[list[storygen.Generated], list[storygen.Generated], list[storygen.Generated]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    others, story, _ = made
    db = tmp_path / "auto.db"
    first = [write_page(tmp_path, g, f"story{n}") for n, g in enumerate(story[:2])]
    code, out, _ = run(capsys, "--db", str(db), "add", *map(str, first), "--story", "Barge")
    assert code == 0
    unrelated = [write_page(tmp_path, g, f"other{n}") for n, g in enumerate(others[:5])]
    late = write_page(tmp_path, story[2], "story2")
    code, out, _ = run(
        capsys,
        "--db",
        str(db),
        "add",
        *map(str, unrelated),
        str(late),
        "--story",
        "auto",
        "--jobs",
        "1",
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[-1].startswith("added: ") and lines[-1].endswith("· story “Barge”")
    assert all(line.endswith("· no story (none clearly fits)") for line in lines[:-1])
    with Store.open(db) as s:
        assert len(s.story_article_ids("Barge")) == 3 and s.stories() == ["Barge"]


def test_coverage_survives_a_lost_index_row(store: Store) -> None:
    """A term row whose article is gone (a database written by another tool) is ignored."""
    _, a = store.save_article(article("The Lumar canal closed, said Ada Kern.", title="Lumar"))
    _, b = store.save_article(
        article("Ada Kern said the Lumar canal closed.", source="https://example.org/b")
    )
    store.conn.execute("PRAGMA foreign_keys = OFF")
    store.conn.execute("INSERT INTO article_terms VALUES (4242, 'lumar', 'name', 3.0)")
    store.conn.execute("INSERT INTO article_index VALUES (4242, 1)")
    store.conn.execute("PRAGMA foreign_keys = ON")
    assert [c.id for c in coverage(store, a)] == [b]


def test_a_library_from_before_coverage_upgrades_and_is_indexed(tmp_path: Path) -> None:
    """Schema 4 had no term index: the upgrade adds it empty, the first coverage fills it."""
    import sqlite3

    from tui_reader.library import migrations

    path = tmp_path / "v4.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrations.migrate(conn, target=4) == 4
    for n, text in enumerate(
        ["Ada Kern said the Lumar canal would close.", "The Lumar canal closes, Ada Kern said."]
    ):
        conn.execute(
            "INSERT INTO articles (id, source, title, text, words, content_hash, fetched_at) "
            "VALUES (?, ?, 'Lumar canal', ?, 8, 'x', '2025-01-01')",
            (n + 1, f"/old/{n}", text),
        )
    conn.close()
    with Store.open(path) as store:
        assert store.schema_version() == migrations.latest_version()
        assert store.unindexed_articles() == [1, 2]
        assert [c.id for c in coverage(store, 1)] == [2]
        assert store.unindexed_articles() == []
