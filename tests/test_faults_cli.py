"""The CLI contract under odd arguments: one id type for every id and offset (0, negatives,
past 2^63, not a number), and for every command and bad argument one plain sentence on stderr
and a non-zero exit. Also the contract items of issue 8 (merge into itself, conflicting
formats, list columns, --note-file)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from factories import article
from faulttools import assert_one_line_error, run_cli

from tui_reader.cli import cli
from tui_reader.library.store import Store

TEXT = '"We will not give up," Mayor Ana Petrović said on Monday in the town hall.'

BAD_INTEGERS = [
    "0",
    "-1",
    "-9223372036854775809",
    str(2**63),
    str(2**64),
    "1" + "0" * 30,
    "9" * 5000,  # past int()'s digit limit
    "abc",
    "1.5",
    "1e3",
    "0x10",
    "",
    " ",
]

ID_COMMANDS = [
    ["show", "{}"],
    ["quotes", "{}"],
    ["quotes", "1", "{}"],
    ["rename-speaker", "{}", "Name"],
    ["merge-speakers", "{}", "1"],
    ["merge-speakers", "1", "{}"],
    ["attribute", "{}", "Name"],
    ["remove-alias", "{}", "Alias"],
    ["annotate", "{}", "--passage", "give"],
    ["annotate", "1", "--start", "{}", "--end", "3"],
    ["annotate", "1", "--start", "1", "--end", "{}"],
    ["export", "-", "--article", "{}"],
]


@pytest.fixture
def filled(db_path: Path) -> Path:
    with Store.open(db_path) as store:
        store.save_article(article(TEXT, title="Mayor", author="A. Writer"), story="Council")
    return db_path


@pytest.mark.parametrize("command", ID_COMMANDS, ids=lambda c: " ".join(c))
def test_every_id_rejects_odd_integers_in_one_line(command: list[str], filled: Path) -> None:
    offset = "--start" in command and command.index("{}") in (3, 5)
    for bad in BAD_INTEGERS:
        if offset and bad == "0":
            continue  # 0 is a good offset
        args = [a.replace("{}", bad) for a in command]
        run = run_cli("--db", str(filled), *args)
        assert_one_line_error(run)
        assert run.code == 2, (args, run)
        assert len(run.err) < 300, run.err  # the number is not echoed in full


def test_the_largest_id_is_simply_not_there(filled: Path) -> None:
    run = run_cli("--db", str(filled), "show", str(2**63 - 1))
    assert_one_line_error(run)
    assert run.err == f"tui-reader: there is no article {2**63 - 1} (see tui-reader list)\n"
    assert_one_line_error(run_cli("--db", str(filled), "rename-speaker", str(2**63 - 1), "X"))


def all_commands() -> list[str]:
    return sorted(cli.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", all_commands())
def test_every_command_has_help(name: str) -> None:
    run = run_cli(name, "--help")
    assert run.code == 0 and run.out.startswith("Usage: tui-reader ") and run.err == ""


ODD_ARGUMENTS = [
    ["no-such-command"],
    ["show"],
    ["show", "1", "2"],
    ["show", "--plian", "1"],
    ["quotes", "--json", "--csv"],
    ["speakers", "--json", "extra"],
    ["list", "--story"],
    ["add"],
    ["add", "--jobs", "0", "x.html"],
    ["add", "--jobs", "100000", "x.html"],
    ["add", "--story", "", "x.html"],
    ["add", "--story", "\x1b[31m", "x.html"],
    ["annotate", "1"],
    ["annotate", "1", "--passage", "x", "--start", "1", "--end", "2"],
    ["annotate", "1", "--start", "1"],
    ["annotate", "1", "--passage", "not in the text"],
    ["annotate", "1", "--passage", "give", "--note", "a", "--note-file", "-"],
    ["annotate", "1", "--start", "5", "--end", "2"],
    ["annotate", "1", "--start", "0", "--end", "999999"],
    ["attribute", "1"],
    ["attribute", "1", "Name", "--none"],
    ["merge-speakers", "1", "1"],
    ["rename-speaker", "1", ""],
    ["rename-speaker", "99", "Name"],
    ["remove-alias", "99", "X"],
    ["export", "-", "--format", "xml"],
    ["export", "-", "--story", "No such story"],
    ["export", "-", "--article", "99"],
    ["show", "\x1b]52;c;cHduZWQ=\x07"],
    ["--db"],
]


@pytest.mark.parametrize("args", ODD_ARGUMENTS, ids=lambda a: " ".join(a)[:40])
def test_odd_arguments_get_one_plain_line(args: list[str], filled: Path) -> None:
    run = run_cli("--db", str(filled), *args) if args != ["--db"] else run_cli(*args)
    assert_one_line_error(run)


def test_merge_into_itself_is_refused(filled: Path) -> None:
    run = run_cli("--db", str(filled), "merge-speakers", "16", "16")
    assert_one_line_error(run)
    assert "itself" in run.err


def test_list_shows_author_and_source(filled: Path) -> None:
    run = run_cli("--db", str(filled), "list")
    header = run.lines[0].split()
    assert run.code == 0 and "author" in header and "source" in header
    assert "A. Writer" in run.out and "https://example.org/a" in run.out


def test_note_file_and_stdin(filled: Path, tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("from a file\n", encoding="utf-8")
    run = run_cli(
        "--db", str(filled), "annotate", "1", "--passage", "give", "--note-file", str(note)
    )
    assert run.code == 0, run
    run = run_cli(
        "--db",
        str(filled),
        "annotate",
        "1",
        "--passage",
        "Monday",
        "--note-file",
        "-",
        stdin=b"from stdin",
    )
    assert run.code == 0, run
    exported = json.loads(run_cli("--db", str(filled), "export", "-", "--format", "json").out)
    assert [a["note"] for a in exported] == ["from a file\n", "from stdin"]
