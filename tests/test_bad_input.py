"""``tui-reader add`` over good and bad sources (SPEC.md, "Bad input"): one clear line per source,
the rest of the batch goes on, nothing half-written, control sequences neutralised."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from conftest import SEEDS
from httpserver import GARBAGE, LATIN1_HTML, Server

from tui_reader.cli import main
from tui_reader.library.store import Store

RESULT = re.compile(r"^(added|updated|unchanged): (.+) \(#(\d+)(?: \"(.*)\")?\)$")
FAILED = re.compile(r"^failed: (.+?): ([^\n]+)$")

BAD_URLS = {
    "/404": "HTTP 404 Not Found",
    "/500": "HTTP 500 Internal Server Error",
    "/slow": "timed out after 1 s waiting for 127.0.0.1",
    "/loop": "more than 5 redirects",
    "/pdf": "not an HTML page (application/pdf)",
    "/big": "larger than the 10 MB limit",
    "/empty": "no article text found",
    "/garbage": "the page is not text (binary data)",
}
GOOD_URLS = ["/seed-mt.html", "/seed-nov.html", "/latin1", "/latin1-meta", "/escapes"]


def add(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, list[str], str]:
    try:
        main(["add", "--db", str(db), "--timeout", "1", *args])
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out.splitlines(), err


def parse(lines: list[str]) -> dict[str, tuple[str, str]]:
    """source -> (status, title or failure reason); every line must be a result line."""
    results: dict[str, tuple[str, str]] = {}
    for line in lines:
        if m := FAILED.match(line):
            results[m.group(1)] = ("failed", m.group(2))
        elif m := RESULT.match(line):
            results[m.group(2)] = (m.group(1), m.group(4) or "")
        else:
            raise AssertionError(f"not a result line: {line!r}")
    return results


def rows(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT source, text FROM articles"))


def test_mixed_batch(
    server: Server, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "latin1.html").write_bytes(LATIN1_HTML.encode("latin-1"))  # no charset at all
    (tmp_path / "garbage.html").write_bytes(GARBAGE)
    (tmp_path / "notes.txt").write_text("not html")
    seed = SEEDS / "moscowtimes-2025-05-29.html"
    files_ok = [str(tmp_path / "latin1.html"), str(seed)]
    bad_local = {
        "not-a-url": "neither an http(s) URL nor an existing .html/.htm file or folder",
        str(tmp_path / "missing.html"): "no such file",
        str(tmp_path / "garbage.html"): "the page is not text (binary data)",
        str(tmp_path / "notes.txt"): "not a URL or an .html/.htm file",
        "htp://example.com/a.html": "not an http(s) URL",
    }
    good = [server.url(p) for p in GOOD_URLS] + files_ok
    bad = {server.url(p): reason for p, reason in BAD_URLS.items()} | bad_local
    sources = [*good[:3], *list(bad)[:6], *good[3:], *list(bad)[6:]]

    _, lines, err = add(capsys, db_path, "--jobs", "2", *sources)

    assert err == ""
    assert len(lines) == len(sources)
    results = parse(lines)
    assert set(results) == set(sources)
    for source in good:
        assert results[source][0] == "added", (source, results[source])
    for source, reason in bad.items():
        assert results[source] == ("failed", reason)
    stored = rows(db_path)
    assert set(stored) == set(good)  # no row, not even an empty one, for a failed source
    assert all(text.strip() for text in stored.values())
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        orphans = "SELECT count(*) FROM quotes WHERE article_id NOT IN (SELECT id FROM articles)"
        assert conn.execute(orphans).fetchone()[0] == 0

    # Odd encodings: latin-1 by header, by <meta>, and with no declaration at all.
    for source in (server.url("/latin1"), server.url("/latin1-meta"), files_ok[0]):
        assert "Muñoz said" in stored[source], source
        assert results[source][1].startswith("Muñoz promises a bridge")

    # Terminal control sequences are gone; bracketed text stays literally.
    text = stored[server.url("/escapes")]
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
    assert "[bold]not markup[/bold]" in text and "[red]still text[/red]" in text
    assert "The mayor read a statement in red to the reporters" in text
    assert "[31m" not in text and "[0m" not in text and "pwned" not in text
    with Store.open(db_path) as store:
        summary = next(s for s in store.article_summaries() if s.source == server.url("/escapes"))
        article = store.article(summary.id)
    assert article is not None and article.text == text


def test_only_bad_sources(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, lines, err = add(capsys, db_path, "not-a-url", str(tmp_path / "gone.html"))
    assert err == ""
    assert sorted(lines) == sorted(
        [
            "failed: not-a-url: neither an http(s) URL nor an existing .html/.htm file or folder",
            f"failed: {tmp_path / 'gone.html'}: no such file",
        ]
    )
    assert rows(db_path) == {}


def test_exit_code_is_one_when_any_source_failed(
    server: Server, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines, _ = add(capsys, db_path, server.url("/404"), server.url("/seed-nov.html"))
    assert sorted(status for status, _ in parse(lines).values()) == ["added", "failed"]
    assert code == 1
    code, _, _ = add(capsys, db_path, "not-a-url")
    assert code == 1


def test_all_good_exits_zero(
    server: Server, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines, _ = add(capsys, db_path, server.url("/seed-mt.html"), server.url("/latin1"))
    results = parse(lines)
    assert code == 0 and len(results) == 2
    assert {status for status, _ in results.values()} == {"added"}


def test_added_unchanged_updated(
    server: Server, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.url("/changed")
    code, lines, _ = add(capsys, db_path, url)
    assert code == 0 and parse(lines)[url][0] == "added"
    first_id = RESULT.match(lines[0]).group(3)  # type: ignore[union-attr]
    assert "Version A opens the story" in rows(db_path)[url]

    code, lines, _ = add(capsys, db_path, url)
    assert code == 0 and parse(lines)[url][0] == "unchanged"

    server.flip()
    code, lines, _ = add(capsys, db_path, url)
    assert code == 0 and parse(lines)[url][0] == "updated"
    assert RESULT.match(lines[0]).group(3) == first_id  # type: ignore[union-attr]
    text = rows(db_path)[url]
    assert "Version B opens the story" in text and "Version A" not in text
    assert len(rows(db_path)) == 1


def test_failed_refetch_keeps_the_stored_article(
    server: Server, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.html"
    page.write_bytes((SEEDS / "novinite-2025-05-30.html").read_bytes())
    code, lines, _ = add(capsys, db_path, str(page))
    assert code == 0 and parse(lines)[str(page)][0] == "added"
    before = rows(db_path)
    page.write_bytes(b"<html><body></body></html>")
    _, lines, _ = add(capsys, db_path, str(page))
    assert parse(lines)[str(page)] == ("failed", "no article text found")
    assert rows(db_path) == before
