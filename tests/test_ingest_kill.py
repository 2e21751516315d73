"""SIGKILL in the middle of ``tui-reader add``: the database stays whole, every article reported
"added" is stored with its text, and running the same batch again completes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from make_pages import make_pages

pytestmark = pytest.mark.slow


def run_add(db: Path, folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tui_reader", "add", "--db", str(db), "--jobs", "2", str(folder)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        start_new_session=True,  # its own process group: the kill takes the workers too
    )


def test_kill_during_add_keeps_a_whole_database(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    pages = make_pages(folder, 40, seed=11)
    db = tmp_path / "library.db"

    proc = run_add(db, folder)
    added: list[str] = []
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            assert line.startswith(("added: ", "failed: ")), line
            if line.startswith("added: "):
                added.append(line.removeprefix("added: ").rsplit(" (#", 1)[0])
            if len(added) >= 3:
                break
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()
        proc.stderr.close()
    assert len(added) >= 3

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        stored = dict(conn.execute("SELECT source, text FROM articles"))
        assert set(added) <= set(stored)
        assert all(text and text.strip() for text in stored.values())
        orphans = conn.execute(
            "SELECT count(*) FROM quotes WHERE article_id NOT IN (SELECT id FROM articles)"
        ).fetchone()[0]
        assert orphans == 0
        fts = conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        assert fts == len(stored)
    assert len(stored) < len(pages)  # killed in the middle, not after the end

    proc = run_add(db, folder)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "Traceback" not in out + err
    lines = out.splitlines()
    assert len(lines) == len(pages)
    statuses = {line.split(": ", 1)[1].rsplit(" (#", 1)[0]: line.split(":")[0] for line in lines}
    # what the killed run had stored is unchanged now, everything else is added
    assert statuses == {p: "unchanged" if p in stored else "added" for p in statuses}
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        sources = {row[0] for row in conn.execute("SELECT source FROM articles")}
        titles = {row[0] for row in conn.execute("SELECT title FROM articles")}
    assert sources == {str(p.resolve()) for p in pages}
    assert len(titles) == len(pages)  # every page is a distinct article
