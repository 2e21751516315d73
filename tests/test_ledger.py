"""The source ledger: figures on a story written here, where every number is known; golden JSON
and CSV; the user's corrections; the seeds against gold.json; the command line."""

from __future__ import annotations

import csv
import io
import json
from functools import cache
from pathlib import Path

import pytest
from clitools import run
from conftest import SEEDS
from factories import article
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension

from tui_reader.library.extract import extract_article
from tui_reader.library.ledger import build_ledger, write_speakers_csv, write_statements_csv
from tui_reader.library.quotes import analyse
from tui_reader.library.store import Store, StoreError


class CsvFile(SingleFileSnapshotExtension):
    _file_extension = "csv"


class JsonFile(SingleFileSnapshotExtension):
    _file_extension = "json"


# Three outlets report one made-up event. Mara Quist is quoted by two and paraphrased by the
# third, Tomas Lind is quoted by two, Ivo Brandt by one.
GAZETTE = (
    "The ferry service across Lake Orrin will stop on Friday, the operator announced.\n\n"
    "“We cannot run the boats without a safe pier,” said Mara Quist, the harbour master.\n\n"
    "Passengers were told to use the road bridge instead.\n\n"
    "“The road adds an hour to every trip,” said Tomas Lind, who commutes daily.\n\n"
    "Quist added that repairs would start in May. “The pier will reopen in the autumn,” she said."
)
TIMES = (
    "Ferries on Lake Orrin stop this week.\n\n"
    "Harbour master Mara Quist said: “We cannot run the boats without a safe pier.”\n\n"
    "“It is a disgrace,” said Ivo Brandt, a local councillor. “The town was warned in 2023.”"
)
COURIER = (
    "The Lake Orrin ferry will not sail from Friday.\n\n"
    "Mara Quist, the harbour master, said the boats could not run without a safe pier.\n\n"
    "“The road adds an hour to every trip,” Tomas Lind said. “Nobody asked us.”"
)
STORY = "Ferry"

# The CSV headers as the product contract (README: the ledger) spells them.
SPEAKER_HEADER = (
    "speaker,speaker_id,article_id,site,title,quotes,words,share,first_at,start,"
    "also_quoted_in,named_in,statements,shared_statements"
)
STATEMENT_HEADER = (
    "statement,speaker,speaker_id,statement_text,article_id,site,kind,quoted,text,start,end,"
    "similarity,added,dropped"
)
GOLDEN = Path(__file__).parent / "__snapshots__" / "test_ledger"


@pytest.fixture
def ferry(store: Store) -> tuple[Store, list[int]]:
    ids = []
    for n, (text, site, day) in enumerate(
        [
            (GAZETTE, "Harbour Gazette", "2025-03-01"),
            (TIMES, "Valley Times", "2025-03-02"),
            (COURIER, "Daily Courier", "2025-03-05"),
        ]
    ):
        page = article(text, source=f"https://example.org/ferry/{n}", site=site, published=day)
        page.title = f"Ferry stops ({site})"
        ids.append(store.save_article(page, analyse(text), story=STORY)[1])
    return store, ids


def test_every_figure_of_a_story_written_here(ferry: tuple[Store, list[int]]) -> None:
    store, (g, t, c) = ferry
    ledger = build_ledger(store, STORY)
    rows = {(r.speaker, r.article_id): r for r in ledger.speakers}
    # speaker, article -> quotes, words, share of the article's quoted words, first quote's start
    expected = {
        ("Mara Quist", g): (2, 9 + 7, 16 / 24, GAZETTE.index("We cannot")),
        ("Tomas Lind", g): (1, 8, 8 / 24, GAZETTE.index("The road")),
        ("Mara Quist", t): (1, 9, 9 / 19, TIMES.index("We cannot")),
        ("Ivo Brandt", t): (2, 4 + 6, 10 / 19, TIMES.index("It is")),
        ("Tomas Lind", c): (2, 8 + 3, 1.0, COURIER.index("The road")),
    }
    assert set(rows) == set(expected)
    texts = {g: GAZETTE, t: TIMES, c: COURIER}
    for key, (quotes, words, share, start) in expected.items():
        r = rows[key]
        assert (r.quotes, r.words, r.share, r.start) == (quotes, words, round(share, 3), start)
        assert r.first_at == round(start / len(texts[key[1]]), 3)
    assert [rows[("Mara Quist", g)].first_at, rows[("Tomas Lind", c)].first_at] == [0.213, 0.646]
    # who appears elsewhere: quoted, or named without a quote (Quist in the Courier)
    assert rows[("Mara Quist", g)].also_quoted_in == [t]
    assert rows[("Mara Quist", g)].named_in == [c]
    assert rows[("Tomas Lind", c)].also_quoted_in == [g]
    assert rows[("Tomas Lind", c)].named_in == []
    assert rows[("Ivo Brandt", t)].also_quoted_in == []
    # the statements each carries, and those another outlet carries too
    assert (rows[("Mara Quist", g)].statements, rows[("Mara Quist", g)].shared_statements) == (2, 1)
    assert (rows[("Mara Quist", t)].statements, rows[("Mara Quist", t)].shared_statements) == (1, 1)
    assert (rows[("Tomas Lind", c)].statements, rows[("Tomas Lind", c)].shared_statements) == (2, 1)
    assert (rows[("Ivo Brandt", t)].statements, rows[("Ivo Brandt", t)].shared_statements) == (2, 0)
    # the most quoted first (Quist 25 words, Lind 19, Brandt 10), each in story order
    assert [(r.speaker, r.article_id) for r in ledger.speakers] == [
        ("Mara Quist", g),
        ("Mara Quist", t),
        ("Tomas Lind", g),
        ("Tomas Lind", c),
        ("Ivo Brandt", t),
    ]
    outlets = {o.article_id: o for o in ledger.articles}
    assert outlets[c].left_out_speakers == ["Ivo Brandt", "Mara Quist"]
    assert outlets[t].left_out_speakers == ["Tomas Lind"]
    assert (outlets[g].quotes, outlets[g].quoted_words, outlets[g].speakers) == (3, 24, 2)


def test_the_statement_map_of_the_story_written_here(ferry: tuple[Store, list[int]]) -> None:
    store, (g, t, c) = ferry
    statements = build_ledger(store, STORY).statements
    carried = [
        (s.speaker, s.text, [(v.article_id, v.kind, v.quoted) for v in s.versions])
        for s in statements
    ]
    assert carried == [
        (
            "Mara Quist",
            "We cannot run the boats without a safe pier,",
            [(g, "verbatim", True), (t, "verbatim", True), (c, "reworded", False)],
        ),
        (
            "Tomas Lind",
            "The road adds an hour to every trip,",
            [(g, "verbatim", True), (t, "missing", False), (c, "verbatim", True)],
        ),
        (
            "Mara Quist",
            "The pier will reopen in the autumn,",
            [(g, "verbatim", True), (t, "missing", False), (c, "missing", False)],
        ),
        (
            "Ivo Brandt",
            "It is a disgrace,",
            [(g, "missing", False), (t, "verbatim", True), (c, "missing", False)],
        ),
        (
            "Ivo Brandt",
            "The town was warned in 2023.",
            [(g, "missing", False), (t, "verbatim", True), (c, "missing", False)],
        ),
        (
            "Tomas Lind",
            "Nobody asked us.",
            [(g, "missing", False), (t, "missing", False), (c, "verbatim", True)],
        ),
    ]
    paraphrase = statements[0].version(c)
    assert paraphrase is not None
    assert paraphrase.text == "said the boats could not run without a safe pier"
    assert COURIER[paraphrase.start : paraphrase.end] == paraphrase.text  # type: ignore[misc]
    assert (paraphrase.added, paraphrase.dropped) == (["said", "could not run"], ["We cannot run"])


@pytest.fixture
def ferry_db(ferry: tuple[Store, list[int]], db_path: Path) -> Path:
    return db_path


def test_json_golden(
    ferry_db: Path, capsysbinary: pytest.CaptureFixture[bytes], snapshot: SnapshotAssertion
) -> None:
    """``ledger --json``: the bytes the CLI writes, against the golden file."""
    code, out, err = run(capsysbinary, "--db", str(ferry_db), "ledger", STORY, "--json")
    assert (code, err) == (0, b"")
    data = json.loads(out)
    assert list(data) == ["story", "articles", "speakers", "statements"]
    for row in data["speakers"]:  # the fields SPEC.md promises scripts
        assert {"speaker", "speaker_id", "article_id", "site", "quotes", "words", "share"} <= set(
            row
        )
        assert "first_at" in row
    for s in data["statements"]:
        assert {"text", "speaker", "articles"} <= set(s)
        assert all({"article_id", "kind", "text"} <= set(v) for v in s["articles"])
    assert out == snapshot(extension_class=JsonFile)


def test_csv_golden(ferry: tuple[Store, list[int]], snapshot: SnapshotAssertion) -> None:
    store, _ = ferry
    out = io.StringIO(newline="")
    assert write_speakers_csv(build_ledger(store, STORY), out) == 5
    assert out.getvalue().startswith(SPEAKER_HEADER + "\r\n")
    assert out.getvalue().encode("utf-8") == snapshot(extension_class=CsvFile)


def test_statements_csv_golden(ferry: tuple[Store, list[int]], snapshot: SnapshotAssertion) -> None:
    store, _ = ferry
    out = io.StringIO(newline="")
    assert write_statements_csv(build_ledger(store, STORY), out) == 6 * 3
    assert out.getvalue().startswith(STATEMENT_HEADER + "\r\n")
    assert out.getvalue().encode("utf-8") == snapshot(extension_class=CsvFile)


def test_csv_cells_that_look_like_formulas_are_defused(store: Store) -> None:
    text = "Prices rose.\n\n“=SUM(A1) is what they want,” said Ana Berg."
    store.save_article(article(text, site="=Evil"), analyse(text), story="X")
    out = io.StringIO(newline="")
    write_statements_csv(build_ledger(store, "X"), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["text"].startswith("'=SUM") and rows[0]["site"] == "'=Evil"
    raw = io.StringIO(newline="")
    write_statements_csv(build_ledger(store, "X"), raw, raw=True)
    assert next(csv.DictReader(io.StringIO(raw.getvalue())))["text"].startswith("=SUM")


def test_a_correction_counts(ferry: tuple[Store, list[int]]) -> None:
    """The user's word is on the stored quotes, so the ledger follows it."""
    store, (g, _, _) = ferry
    reopen = next(q for q in store.quotes(g) if q.text.startswith("The pier will"))
    store.attribute(reopen.id, "Tomas Lind")
    rows = {(r.speaker, r.article_id): r for r in build_ledger(store, STORY).speakers}
    assert (rows[("Mara Quist", g)].quotes, rows[("Mara Quist", g)].words) == (1, 9)
    assert (rows[("Tomas Lind", g)].quotes, rows[("Tomas Lind", g)].words) == (2, 15)
    store.attribute(reopen.id, None)
    rows = {(r.speaker, r.article_id): r for r in build_ledger(store, STORY).speakers}
    assert rows[(None, g)].words == 7 and rows[(None, g)].share == round(7 / 24, 3)


def test_an_unknown_story_is_an_error(store: Store) -> None:
    with pytest.raises(StoreError, match="no story named 'Nope'"):
        build_ledger(store, "Nope")


# -- the seeds ------------------------------------------------------------------------------


@cache
def gold() -> dict:
    return json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture
def seeds(store: Store) -> tuple[Store, dict[str, int]]:
    ids = {}
    for art in gold()["articles"]:
        name = art["file"]
        page = extract_article((SEEDS / f"{name}.html").read_text(encoding="utf-8"), f"/s/{name}")
        ids[name] = store.save_article(page, analyse(page.text), story="Seeds")[1]
    return store, ids


def test_seeds_ledger_matches_the_gold_counts(seeds: tuple[Store, dict[str, int]]) -> None:
    """The SVR and Vučić (Vucic in one outlet) are one speaker each, in both outlets, with the
    quote counts of gold.json."""
    store, ids = seeds
    ledger = build_ledger(store, "Seeds")
    speaker_ids = {r.speaker_id for r in ledger.speakers}
    assert len(speaker_ids) == 2
    for art in gold()["articles"]:
        mine = [r for r in ledger.speakers if r.article_id == ids[art["file"]]]
        got = sorted(r.quotes for r in mine)
        want = sorted(
            sum(q["speaker"] == name for q in art["quotes"]) for name in gold()["speakers"]
        )
        assert got == want, art["file"]
        for r in mine:
            assert r.also_quoted_in == [i for i in ids.values() if i != r.article_id]


def test_seeds_statement_map_lists_the_four_gold_pairs(seeds: tuple[Store, dict[str, int]]) -> None:
    store, ids = seeds
    a_name, b_name = (art["file"] for art in gold()["articles"])
    statements = build_ledger(store, "Seeds").statements
    for pair in gold()["same_words"]:
        found = []
        for s in statements:
            va, vb = s.version(ids[a_name]), s.version(ids[b_name])
            if (
                va
                and vb
                and va.kind != "missing" != vb.kind
                and _holds(va.text, pair["a"])
                and _holds(vb.text, pair["b"])
            ):
                found.append((va, vb))
        assert len(found) == 1, pair["kind"]
        va, vb = found[0]
        # both are the same statement in other words: one side is the statement, the other
        # its rewording (another translation, a paraphrase)
        assert sorted([va.kind, vb.kind]) == ["reworded", "verbatim"], pair["kind"]
        quoted = {
            "same quote, two translations": (True, True),
            "same quote, paraphrased": (True, True),
            "paraphrase in a, quote in b": (False, True),
            "quote in a, paraphrase in b": (True, False),
        }
        assert (va.quoted, vb.quoted) == quoted[pair["kind"]]


def _holds(found: str, want: str) -> bool:
    words = set(want.lower().split())
    return len(words & set(found.lower().split())) >= 0.6 * len(words)


# -- the command line -------------------------------------------------------------------------


def test_cli_csv_and_text(ferry_db: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """The CLI's CSVs are the library's, byte for byte (the golden files of the tests above)."""
    code, out, _ = run(capsysbinary, "--db", str(ferry_db), "ledger", STORY, "--csv")
    assert code == 0 and out.split(b"\r\n")[0] == SPEAKER_HEADER.encode()
    assert out == (GOLDEN / "test_csv_golden.csv").read_bytes()
    code, out, _ = run(
        capsysbinary, "--db", str(ferry_db), "ledger", STORY, "--csv", "--statements"
    )
    assert code == 0 and out.split(b"\r\n")[0] == STATEMENT_HEADER.encode()
    assert out == (GOLDEN / "test_statements_csv_golden.csv").read_bytes()
    code, out, _ = run(capsysbinary, "--db", str(ferry_db), "ledger", STORY)
    text = out.decode("utf-8")
    assert code == 0 and "Mara Quist" in text and "reworded (reported)" in text


def test_cli_errors_are_one_line(ferry_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", str(ferry_db), "ledger", "Nope")
    assert code == 1 and err.strip() == "tui-reader: there is no story named 'Nope'"
    code, _, err = run(capsys, "--db", str(ferry_db), "ledger", STORY, "--json", "--csv")
    assert code == 2 and "cannot be combined" in err
    code, _, err = run(capsys, "--db", str(ferry_db), "ledger", STORY, "--statements")
    assert code == 2 and "--statements goes with --csv" in err
