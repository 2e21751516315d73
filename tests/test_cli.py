"""The command line, run in-process through its console-script entry point."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from clitools import run
from factories import article

from tui_reader.cli import marked_text
from tui_reader.library.store import Store

TEXT = (
    "Officials met on Monday.\n\n"
    '"We will not give up," Mayor Ana Petrović said. "Never."\n\n'
    "The council's plan costs =1 million."
)


@pytest.fixture
def filled(db_path: Path) -> Path:
    with Store.open(db_path) as store:
        store.save_article(
            article(TEXT, title="[bold]Council[/bold] votes", site="Daily", author="A. Writer"),
            story="Council",
        )
    return db_path


def test_list_plain_and_json(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(filled), "list")
    assert code == 0 and "[bold]Council[/bold] votes" in out and "Daily" in out
    code, out, _ = run(capsys, "list", "--json", "--db", str(filled))
    rows = json.loads(out)
    assert code == 0 and rows[0]["title"] == "[bold]Council[/bold] votes"
    assert set(rows[0]) == {
        "id",
        "title",
        "site",
        "author",
        "published",
        "url",
        "source",
        "words",
        "quotes",
        "annotations",
    }


def test_db_from_environment(
    filled: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TUI_READER_DB", str(filled))
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0 and len(json.loads(out)) == 1


def test_show(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(filled), "show", "1", "--plain")
    assert (
        code == 0 and out.endswith(TEXT + "\n") and out.startswith("[bold]Council[/bold] votes\n")
    )
    code, _, err = run(capsys, "--db", str(filled), "show", "9")
    assert code == 1 and err == "tui-reader: there is no article 9 (see tui-reader list)\n"


def test_marked_text() -> None:
    class Q:
        def __init__(self, start: int, end: int, speaker: str | None) -> None:
            self.start, self.end, self.speaker = start, end, speaker

    assert marked_text('a "bc" d', [Q(3, 5, "X")]) == 'a "⟦bc⟧(X)" d'


def test_annotate_and_export(
    filled: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = ["--db", str(filled)]
    with Store.open(filled) as store:  # quick keys 1 and 3 taken: new tags get 2, then 4
        store.create_tag("claim", quick_key=1)
        store.create_tag("fact", quick_key=3)
    code, out, err = run(
        capsys,
        "annotate",
        "1",
        "--passage",
        "We will not give up",
        "--tag",
        "resolve",
        "--tag",
        "mayor",
        "--note",
        '=HYPERLINK("x"), with, commas\nand 北京',
        *db,
    )
    assert code == 0 and out.startswith("saved annotation #1 on article 1 at ")
    assert err == "new tag 'resolve' on quick key 2\nnew tag 'mayor' on quick key 4\n"
    with Store.open(filled) as store:
        keys = {t.name: t.quick_key for t in store.tags()}
    assert keys == {"claim": 1, "resolve": 2, "fact": 3, "mayor": 4}
    code, out, err = run(capsys, "annotate", "1", "--start", "0", "--end", "9", *db)
    assert (code, out, err) == (0, "saved annotation #2 on article 1 at 0-9\n", "")
    target = tmp_path / "out.csv"
    code, _, err = run(capsys, "export", str(target), *db)
    assert code == 0 and err == f"2 rows written to {target}\n"
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"), newline="")))
    assert rows[1]["note"] == '\'=HYPERLINK("x"), with, commas\nand 北京'
    assert rows[1]["tags"] == "mayor; resolve"
    code, out, _ = run(capsys, "export", "-", "--raw", "--tag", "mayor", *db)
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert len(rows) == 1 and rows[0]["note"].startswith("=HYPERLINK")
    code, out, _ = run(capsys, "export", "--format", "json", "--story", "Council", *db)
    assert code == 0 and len(json.loads(out)) == 2
    code, out, _ = run(capsys, "export", "--long", *db)
    assert code == 0 and len(list(csv.DictReader(io.StringIO(out, newline="")))) == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["annotate", "1", "--passage", "nowhere to be found"], "the passage does not occur"),
        (["annotate", "1", "--passage", "e"], "occurs"),
        (["annotate", "1"], "give either --passage"),
        (["annotate", "1", "--start", "5", "--end", "2"], "0 <= start < end"),
        (["annotate", "1", "--start", "5"], "--start and --end go together"),
        (["export", "--story", "nope"], "there is no story named 'nope'"),
        (["export", "--article", "42"], "there is no article 42"),
        (["export", "/no/such/folder/out.csv"], "does not exist"),
        (["quotes", "77"], "there is no article 77"),
        (["list", "--bogus"], "No such option"),
    ],
)
def test_errors_are_one_line(
    filled: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, "--db", str(filled), *args)
    assert code != 0 and out == ""
    assert err.count("\n") == 1 and err.startswith("tui-reader: ") and message in err
    assert "Traceback" not in err


def test_not_a_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.db"
    junk.write_text("hello" * 1000)
    code, _, err = run(capsys, "--db", str(junk), "list")
    assert code == 1 and "is not a tui-reader database" in err and err.count("\n") == 1


def test_quotes_and_speakers_empty_ok(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(filled), "quotes", "--csv")
    assert code == 0 and out.startswith("article_id,start,end,text,speaker,cue,")
    code, out, _ = run(capsys, "--db", str(filled), "speakers", "--json")
    assert code == 0 and json.loads(out) == []


def test_seeds_add_list_quotes_speakers(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The acceptance path of issues 2 and 3 on the two seed pages."""
    from conftest import SEEDS

    seeds = sorted(str(p) for p in SEEDS.glob("*.html"))
    code, out, _ = run(capsys, "add", "--db", str(db_path), *seeds)
    assert code == 0 and out.count("added: ") == 2
    code, out, _ = run(capsys, "list", "--db", str(db_path), "--json")
    listed = json.loads(out)
    assert {a["site"] for a in listed} == {"The Moscow Times", "Novinite.com"}
    assert all(a["title"] and a["published"] and a["quotes"] > 0 for a in listed)

    code, out, _ = run(capsys, "quotes", "--db", str(db_path), "--json")
    quotes = json.loads(out)
    with Store.open(db_path) as store:
        texts = {i: store.article(i).text for i in store.article_ids()}
    assert quotes and all(
        texts[q["article_id"]][q["start"] : q["end"]] == q["text"] for q in quotes
    )
    code, out, _ = run(capsys, "quotes", "--db", str(db_path), "--csv")
    assert out.splitlines()[0] == ("article_id,start,end,text,speaker,cue,id,speaker_id,corrected")

    code, out, _ = run(capsys, "speakers", "--db", str(db_path), "--json")
    speakers = {s["name"]: s for s in json.loads(out)}
    vucic = speakers["Aleksandar Vučić"]
    assert "Aleksandar Vucic" in vucic["aliases"] and len(vucic["articles"]) == 2
    svr = next(s for name, s in speakers.items() if "SVR" in name)

    code, out, _ = run(capsys, "rename-speaker", "--db", str(db_path), str(svr["id"]), "SVR")
    assert code == 0
    code, out, _ = run(
        capsys, "merge-speakers", "--db", str(db_path), str(svr["id"]), str(vucic["id"])
    )
    assert code == 0
    code, out, _ = run(capsys, "speakers", "--db", str(db_path), "--json")
    (merged,) = json.loads(out)
    assert merged["name"] == "SVR" and "Aleksandar Vucic" in merged["aliases"]
    # a re-add keeps the user's name
    code, out, _ = run(capsys, "add", "--db", str(db_path), *seeds)
    assert out.count("unchanged: ") == 2
    code, out, _ = run(capsys, "speakers", "--db", str(db_path), "--json")
    assert json.loads(out)[0]["name"] == "SVR"


def test_python_dash_m(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "tui_reader", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and "add" in done.stdout and "export" in done.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["quotes", "1"],
        ["coverage", "1"],
        ["ledger", "x"],
        ["history", "1"],
        ["feed", "list"],
        ["story", "list"],
        ["export", "-"],
    ],
)
def test_a_db_in_a_folder_that_is_not_there_is_refused_by_every_command(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
) -> None:
    """As the command's own --db, and with ~ for the home folder: nothing is made."""
    monkeypatch.setenv("HOME", str(tmp_path))
    for db in (str(tmp_path / "gone" / "library.db"), "~/gone/library.db"):
        code, out, err = run(capsys, *args, "--db", db)
        assert (code, out) == (1, "")
        assert err == f"tui-reader: the folder {tmp_path / 'gone'} does not exist\n"
    assert list(tmp_path.iterdir()) == []
