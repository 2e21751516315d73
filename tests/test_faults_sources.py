"""Strings and paths: every source, ``--from`` list, note file and ``--db`` a user can name gets
one clear line (never a hang, a traceback or a read without limit): malformed URLs, FIFOs,
devices, sockets, symlink loops, unreadable files and folders, odd encodings, empty strings."""

from __future__ import annotations

import os
import socket
import stat
import threading
from pathlib import Path

import pytest
from conftest import SEEDS
from faulttools import UNSAFE, Run, assert_one_line_error, permissions_apply, run_cli, run_proc

from tui_reader.library.ingest import ingest_one
from tui_reader.library.sources import SourceError, check_url
from tui_reader.library.store import Store

__all__ = ["permissions_apply"]  # the fixture, used by name

SEED = SEEDS / "moscowtimes-2025-05-29.html"


def failed_lines(run: Run) -> dict[str, str]:
    """source -> reason, for every ``failed:`` line (each must have a reason)."""
    found = {}
    for line in run.lines:
        assert line.startswith(("failed: ", "added: ", "updated: ", "unchanged: ")), line
        if line.startswith("failed: "):
            source, reason = line.removeprefix("failed: ").rsplit(": ", 1)
            found[source] = reason
    return found


# -- URLs ----------------------------------------------------------------------------------

BAD_URLS = {
    "http://[::1": "not a valid URL (invalid ipv6 url)",
    "http://[::1/a.html": "not a valid URL (invalid ipv6 url)",
    "http://": "not an http(s) URL (it has no host name)",
    "https://": "not an http(s) URL (it has no host name)",
    "https://exa mple.org": "a URL cannot contain spaces or control characters (write %20)",
    "http://example.org/\x1b]52;c;cHduZWQ=\x07": (
        "a URL cannot contain spaces or control characters (write %20)"
    ),
    "http://a:99999/": "not a valid URL (port out of range 0-65535)",
    "http://a:port/": "not a valid URL (port could not be cast to integer value as 'port')",
    "http://a..b/": "not a valid host name (a..b)",
    "http://" + "x" * 5000 + ".org/": "the URL is longer than 4096 characters",
    "ftp://example.org/a.html": "not an http(s) URL",
    "www.example.org/a.html": "not an http(s) URL (add https:// in front)",
}


@pytest.mark.parametrize("url", list(BAD_URLS))
def test_malformed_urls_are_refused_in_words(url: str, db_path: Path) -> None:
    run = run_cli("add", "--db", str(db_path), url)
    assert run.code == 1 and run.err == "", run
    reasons = failed_lines(run)
    assert list(reasons.values()) == [BAD_URLS[url]]
    assert not UNSAFE.search(run.out)


@pytest.mark.parametrize("url", list(BAD_URLS))
def test_the_apps_add_refuses_them_too(url: str, store: Store) -> None:
    result = ingest_one(store, url)  # the app's add dialog: a result, never an exception
    assert result.status == "failed" and result.reason == BAD_URLS[url]


def test_a_good_url_survives_the_check() -> None:
    assert check_url("https://example.org/a b".replace(" ", "%20")) == "https://example.org/a%20b"
    assert check_url("http://[::1]:8080/x") == "http://[::1]:8080/x"
    assert check_url("https://bücher.example/ä") == "https://xn--bcher-kva.example/ä"
    with pytest.raises(SourceError):
        check_url("http://-bad-.example/")


@pytest.mark.parametrize("args", [[""], ["   "], ["\t"], ["a.html", ""]])
def test_empty_sources_are_an_error(args: list[str], db_path: Path) -> None:
    run = run_cli("add", "--db", str(db_path), *args)
    assert_one_line_error(run)
    assert "is empty" in run.err


# -- special files named like pages ----------------------------------------------------------


def make_specials(tmp_path: Path) -> dict[str, str]:
    """Special files named .html, with the reason each must give."""
    made: dict[str, str] = {}
    fifo = tmp_path / "fifo.html"
    os.mkfifo(fifo)
    made[str(fifo)] = "a FIFO (named pipe), not an .html file"
    loop = tmp_path / "loop.html"
    loop.symlink_to(tmp_path / "loop2.html")
    (tmp_path / "loop2.html").symlink_to(loop)
    made[str(loop)] = "a symlink loop"
    sock_path = tmp_path / "sock.html"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    sock.close()
    made[str(sock_path)] = "a socket, not an .html file"
    empty_folder = tmp_path / "folder.html"
    empty_folder.mkdir()
    made[str(empty_folder)] = "a folder with no .html or .htm files"
    zero = tmp_path / "zero.html"
    try:
        os.mknod(zero, stat.S_IFCHR | 0o666, os.makedev(1, 5))  # what /dev/zero is
        made[str(zero)] = "a character device, not an .html file"
    except PermissionError:
        zero.symlink_to("/dev/zero")
        made[str(zero)] = "a character device, not an .html file"
    random_link = tmp_path / "random.html"
    random_link.symlink_to("/dev/random")
    made["/dev/random"] = "a character device, not an .html file"  # a link is added as its target
    made["/dev/zero"] = "a character device, not an .html file"
    made[str(tmp_path / "missing.html")] = "no such file"
    return made


def test_special_files_get_a_line_and_never_hang(tmp_path: Path, db_path: Path) -> None:
    specials = make_specials(tmp_path)
    good = tmp_path / "good.html"
    good.write_bytes(SEED.read_bytes())
    run = run_cli("add", "--db", str(db_path), "--jobs", "1", *specials, str(good), limit=30)
    assert run.code == 1 and run.err == "", run
    assert failed_lines(run) == specials
    assert any(line.startswith(f"added: {good}") for line in run.lines)


def test_a_folder_with_special_files_lists_each(tmp_path: Path, db_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "good.html").write_bytes(SEED.read_bytes())
    os.mkfifo(folder / "stray.html")
    (folder / "self").symlink_to(folder)  # a folder link loop: not followed
    run = run_cli("add", "--db", str(db_path), str(folder), limit=30)
    assert failed_lines(run) == {
        str(folder / "stray.html"): "a FIFO (named pipe), not an .html file"
    }
    assert len(run.lines) == 2


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path, store: Store) -> None:
    big = tmp_path / "big.html"
    with big.open("wb") as f:
        f.truncate(11 * 1024 * 1024)  # sparse: nothing to read, and nothing is
    assert ingest_one(store, str(big)).reason == "larger than the 10 MB limit"


def test_file_names_that_cannot_be_shown(tmp_path: Path, store: Store) -> None:
    weird = tmp_path / "esc\x1b[31m.html"
    weird.write_bytes(SEED.read_bytes())
    result = ingest_one(store, str(weird))
    assert result.reason == "the file name contains control characters; rename the file"
    undecodable = os.fsdecode(bytes(tmp_path) + b"/caf\xe9.html")
    Path(undecodable).write_bytes(SEED.read_bytes())
    assert ingest_one(store, undecodable).reason == (
        "the file name is not valid UTF-8; rename the file"
    )


@pytest.mark.slow
def test_unreadable_files_and_folders(
    tmp_path: Path, db_path: Path, permissions_apply: None
) -> None:
    locked = tmp_path / "locked.html"
    locked.write_bytes(SEED.read_bytes())
    locked.chmod(0)
    closed = tmp_path / "closed"
    closed.mkdir()
    (closed / "inside.html").write_bytes(SEED.read_bytes())
    closed.chmod(0)
    closed_html = tmp_path / "closed.html"
    closed_html.mkdir(mode=0)
    tmp_path.chmod(0o755)
    db_path.parent.chmod(0o777)
    try:
        run = run_proc("add", str(locked), str(closed), str(closed_html), db=db_path, as_user=True)
    finally:
        closed.chmod(0o755)
        closed_html.chmod(0o755)
    assert run.code == 1 and "Traceback" not in run.err, run
    assert failed_lines(run) == {
        str(locked): "cannot read it (permission denied)",
        str(closed): "cannot read the folder (permission denied)",
        str(closed_html): "cannot read the folder (permission denied)",
    }


# -- --from lists and note files -------------------------------------------------------------


def test_from_list_encodings(tmp_path: Path, db_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(SEED.read_bytes())
    lines = f"# a comment\n{page}\n\n"
    for n, (encoding, data) in enumerate(
        {
            "utf-8": lines.encode("utf-8"),
            "utf-8-sig": lines.encode("utf-8-sig"),
            "utf-16": lines.encode("utf-16"),
            "utf-32": lines.encode("utf-32"),
        }.items()
    ):
        listing = tmp_path / f"list-{encoding}.txt"
        listing.write_bytes(data)
        run = run_cli("add", "--db", str(db_path), "--from", str(listing))
        # the one page each list names: added from the first list, unchanged from the others
        assert run.code == 0 and len(run.lines) == 1, (encoding, run)
        assert run.lines[0].startswith(f"{'unchanged' if n else 'added'}: {page} "), (encoding, run)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"/a.html\nx\xe9y.html\n", "is not UTF-8 text (line 2); save it as UTF-8"),
        ("/caf\u00e9.html\n".encode("latin-1"), "is not UTF-8 text (line 1); save it as UTF-8"),
        (b"\xff\xfe\x00\xd8", "is not valid UTF-16 text"),  # a BOM, then a lone surrogate
        (b"a.html\x00\x00\x00", "is not a text file (it holds NUL bytes)"),
        (b"# only comments\n\n", "the --from list holds no sources"),
    ],
)
def test_from_list_that_cannot_be_read(
    data: bytes, expected: str, tmp_path: Path, db_path: Path
) -> None:
    listing = tmp_path / "list.txt"
    listing.write_bytes(data)
    for name, stdin in ((str(listing), b""), ("-", data)):
        run = run_cli("add", "--db", str(db_path), "--from", name, stdin=stdin)
        assert_one_line_error(run)
        assert expected in run.err, run.err


def test_from_special_files(tmp_path: Path, db_path: Path) -> None:
    fifo = tmp_path / "nobody-writes"
    os.mkfifo(fifo)
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    for name, expected in {
        "/dev/zero": "/dev/zero is a character device, not a file (give - for standard input)",
        str(tmp_path): "is a folder, not a file",
        str(loop): "a symlink loop",
        str(tmp_path / "missing.txt"): "no such file",
        str(fifo): "the --from list holds no sources",  # opened without waiting: empty
    }.items():
        run = run_cli("add", "--db", str(db_path), "--from", name, limit=15)
        assert_one_line_error(run)
        assert expected in run.err, (name, run.err)


def test_from_a_pipe_with_a_writer(tmp_path: Path, db_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(SEED.read_bytes())
    fifo = tmp_path / "sources"
    os.mkfifo(fifo)
    ready = threading.Event()

    def writer() -> None:
        ready.set()
        with fifo.open("w") as f:  # blocks until the reader opens it
            f.write(f"{page}\n")

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    ready.wait()
    # the writer opens as soon as there is a reader; a short pause lets it be there first
    threading.Event().wait(0.2)
    run = run_cli("add", "--db", str(db_path), "--from", str(fifo), limit=15)
    assert run.code == 0 and run.lines[0].startswith(f"added: {page}"), run


def test_from_stdin_over_the_size_limit(db_path: Path) -> None:
    run = run_cli("add", "--db", str(db_path), "--from", "-", stdin=b"x" * (17 * 1024 * 1024))
    assert_one_line_error(run)
    assert "larger than the 16 MB limit" in run.err


def test_note_file_checks(tmp_path: Path, db_path: Path) -> None:
    from factories import article

    with Store.open(db_path) as store:
        store.save_article(article("Some words to annotate here."))
    bad = tmp_path / "note.txt"
    bad.write_bytes("caf\u00e9".encode("latin-1"))
    base = ["annotate", "--db", str(db_path), "1", "--passage", "words"]
    for name in ("/dev/zero", str(bad), str(tmp_path)):
        assert_one_line_error(run_cli(*base, "--note-file", name, limit=15))
    run = run_cli(*base, "--note-file", "-", stdin=b"a note\nover two lines")
    assert run.code == 0, run
    with Store.open(db_path) as store:
        assert store.annotations(1)[0].note == "a note\nover two lines"


# -- --db ------------------------------------------------------------------------------------


def test_db_paths(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.db"
    os.mkfifo(fifo)
    loop = tmp_path / "loop.db"
    loop.symlink_to(loop)
    text = tmp_path / "notes.db"
    text.write_text("not a database at all, just some words in a file\n" * 20)
    cases = {
        str(tmp_path): "is a folder, not a database file",
        str(fifo): "is a FIFO (named pipe), not a database file",
        "/dev/zero": "is a character device, not a database file",
        str(tmp_path / "missing" / "library.db"): "the folder",
        str(loop): "a symlink loop",
        str(text): "is not a tui-reader database",
    }
    for db, expected in cases.items():
        for command in (["list"], ["add", str(SEED)], ["speakers"], ["export", "-"]):
            run = run_cli("--db", db, *command, limit=15)
            assert_one_line_error(run)
            assert expected in run.err, (db, command, run.err)
    assert not (tmp_path / "missing").exists()  # a folder the user named is not made


@pytest.mark.slow
def test_unreadable_db(tmp_path: Path, permissions_apply: None) -> None:
    db = tmp_path / "library.db"
    Store.open(db).close()
    db.chmod(0)
    run = run_proc("list", db=db, as_user=True)
    assert_one_line_error(run)
    assert "cannot read the database" in run.err and "permission denied" in run.err
