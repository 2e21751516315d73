"""Every text shown: whatever the database holds (a database written by another tool can hold
escape sequences in any text column), nothing in ``\\x00-\\x1f\\x7f-\\x9f`` but newline and tab
reaches the CLI's stdout or stderr; JSON keeps such characters as escapes (lossless); export
files keep the stored text. And the property test: random bytes and escape sequences through
every text field a user or a page can fill, none of it on stdout or in the stored rows."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import tempfile
from pathlib import Path

import pytest
from faulttools import UNSAFE, run_cli
from httpserver import FILLER, article_html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_reader.library.output import safe_json, safe_line, safe_text

INJECT = "\x1b]52;c;cHduZWQ=\x07\x1b[31mRED\x9b2J\x90dcs\x9c\x00\x07\x08\r\x7f\x85"
"""An OSC 52 clipboard write, colour, an 8-bit CSI, a DCS string, NUL, BEL, BS, CR, DEL, NEL."""

SKIP_COLUMNS = {"content_hash", "anchor", "key", "last"}

QUOTED = '"We will build the new bridge before the winter," Mayor Ana Petrović said on Monday.'


def text_columns(conn: sqlite3.Connection) -> dict[str, list[str]]:
    tables = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if "_fts" not in r[0] and not r[0].startswith("sqlite_")
    ]
    return {
        t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})") if (r[2] or "").upper() == "TEXT"]
        for t in tables
    }


def make_library(folder: Path) -> Path:
    db = folder / "library.db"
    page = folder / "page.html"
    page.write_text(article_html("A bridge", [QUOTED, *FILLER]), encoding="utf-8")
    assert run_cli("add", "--db", str(db), "--story", "Bridge", str(page)).code == 0
    run = run_cli(
        "--db", str(db), "annotate", "1", "--passage", "Monday", "--tag", "t", "--note", "n"
    )
    assert run.code == 0, run
    return db


def outputs(db: Path) -> dict[str, str]:
    """What every reading command prints, stdout and stderr together."""
    commands = {
        "list": ["list"],
        "list json": ["list", "--json"],
        "list story": ["list", "--story", "Bridge"],
        "show": ["show", "1"],
        "show plain": ["show", "1", "--plain"],
        "quotes": ["quotes"],
        "quotes json": ["quotes", "--json"],
        "quotes csv": ["quotes", "--csv"],
        "speakers": ["speakers"],
        "speakers json": ["speakers", "--json"],
        "export": ["export", "-"],
        "export long": ["export", "-", "--long"],
        "export json": ["export", "-", "--format", "json"],
    }
    shown = {}
    for name, args in commands.items():
        run = run_cli("--db", str(db), *args)
        assert run.code == 0, (name, run)
        shown[name] = run.out + run.err
    return shown


def assert_terminal_safe(text: str, what: str) -> None:
    # CSV rows end in CRLF (RFC 4180); a CR anywhere else would be a control character
    found = UNSAFE.search(text.replace("\r\n", "\n"))
    assert not found, f"{what}: {found.group()!r} reaches the terminal"


def test_a_database_written_by_another_tool(tmp_path: Path) -> None:
    db = make_library(tmp_path)
    with sqlite3.connect(db) as conn:
        for table, columns in text_columns(conn).items():
            for column in columns:
                if column in SKIP_COLUMNS:
                    continue
                # a column with a CHECK constraint: another tool cannot write it either
                with contextlib.suppress(sqlite3.IntegrityError):
                    conn.execute(
                        f"UPDATE {table} SET {column} = ? || {column} || ? WHERE {column} IS NOT NULL",
                        (INJECT, INJECT),
                    )
        stored_title = conn.execute("SELECT title FROM articles").fetchone()[0]
    shown = outputs(db)
    for name, text in shown.items():
        assert_terminal_safe(text, name)
    assert "RED" in shown["show"] and "A bridge" in shown["list"]
    # JSON is lossless: the escapes parse back to exactly what is stored
    assert json.loads(shown["list json"])[0]["title"] == stored_title
    # a file is data: it keeps the stored text as it is
    out = tmp_path / "out.json"
    assert run_cli("--db", str(db), "export", str(out), "--format", "json").code == 0
    assert json.loads(out.read_text(encoding="utf-8"))[0]["note"].startswith("\x1b]52")
    # error messages that echo what was typed are safe too
    run = run_cli("--db", str(db), "list", "--story", INJECT)
    assert_terminal_safe(run.out + run.err, "list --story")
    run = run_cli("--db", str(db), "export", "-", "--story", INJECT)
    assert run.code == 1 and not UNSAFE.search(run.err)


def test_text_that_is_not_utf8_is_shown_with_replacement_marks(tmp_path: Path) -> None:
    db = make_library(tmp_path)
    with sqlite3.connect(db) as conn:  # ESC [ 3 1 m, "m", then a byte that is not UTF-8
        conn.execute("UPDATE articles SET title = CAST(X'1b5b33316d6dff41' AS TEXT)")
    run = run_cli("--db", str(db), "list")
    assert run.code == 0 and "Traceback" not in run.err
    assert "m\ufffdA" in run.out and not UNSAFE.search(run.out)
    run = run_cli("--db", str(db), "list", "--json")
    assert json.loads(run.out)[0]["title"] == "\x1b[31mm\ufffdA"  # lossless but for the byte


def test_the_safe_functions() -> None:
    assert safe_text("a\x1b[31mb\tc\nd\x9be") == "ab\tc\nd"
    assert safe_line("a\nb\tc  d\x07") == "a b c d"
    assert safe_text("x\ud800y") == "x\ufffdy"
    assert json.loads(safe_json(["\x85\x1b\ud800"])) == ["\x85\x1b\ud800"]
    assert not UNSAFE.search(safe_json(["\x85\x1b\x9b\x00"]))


# -- the property test ---------------------------------------------------------------------

FRAGMENTS = [
    "\x1b[",
    "\x1b]",
    "\x1b]52;c;",
    "\x1bP",
    "\x1b\\",
    "\x9b",
    "\x9d",
    "\x90",
    "\x07",
    "\x1b[2J",
    "\x1b[31m",
    "\x1b]0;title\x07",
    "\r",
    "\x00",
    "\x7f",
    "\x85",
    "\ud83d",
    "[bold]",
    "%1B",
]
noisy = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.text(st.characters(min_codepoint=0, max_codepoint=0x2FF), max_size=6),
        st.binary(max_size=6).map(lambda b: b.decode("latin-1")),
    ),
    min_size=1,
    max_size=8,
).map("".join)


@pytest.mark.slow
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    title=noisy,
    paragraph=noisy,
    tag=noisy,
    note=noisy,
    speaker=noisy,
    story=noisy,
    listed=noisy,
)
def test_noise_in_every_field_never_reaches_the_terminal_or_the_rows(
    title: str, paragraph: str, tag: str, note: str, speaker: str, story: str, listed: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        db = root / "library.db"
        page = root / "page.html"
        html = article_html(title, [QUOTED, paragraph + " " + FILLER[0], *FILLER[1:]])
        page.write_bytes(html.encode("utf-8", "surrogatepass"))  # lone surrogates: bad UTF-8
        sources = root / "sources.txt"
        sources.write_bytes(f"{listed}\n{page}\n".encode("utf-8", "surrogatepass"))
        runs = [
            # a name that is empty once cleaned is refused; "Story " keeps the batch going
            run_cli("add", "--db", str(db), f"--story=Story {story}", str(page)),
            run_cli("add", "--db", str(db), "--from", str(sources)),
            run_cli("--db", str(db), "annotate", "1", "--passage", "Monday", f"--tag=t{tag}"),
            run_cli("--db", str(db), "annotate", "1", "--passage", "winter", f"--note={note}"),
            # a letter in front, so that noise that cleans to nothing still stores something
            run_cli("--db", str(db), "attribute", "1", "--", "S" + speaker),
            run_cli("--db", str(db), "rename-speaker", "1", "--", "R" + speaker),
            run_cli("--db", str(db), "list", f"--story={story}"),
        ]
        for run in runs:
            assert "Traceback" not in run.out + run.err
            assert_terminal_safe(run.out + run.err, "a write command")
        for name, text in outputs(db).items():
            assert_terminal_safe(text, name)
        with sqlite3.connect(db) as conn:
            for table, columns in text_columns(conn).items():
                for column in columns:
                    for (value,) in conn.execute(f"SELECT {column} FROM {table}"):
                        assert not (value and UNSAFE.search(value)), (table, column, value)
