"""Shared fixtures: real SQLite files in tmp_path, the seed articles, no personal config."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from faultserver import faulty  # noqa: F401  (the misbehaving server fixture)
from httpserver import server  # noqa: F401  (the local HTTP server fixture)

from tui_reader.library.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT.parent / "shared").resolve()
SEEDS = SHARED / "seeds"


@pytest.fixture(autouse=True)
def _isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep the developer's own database and config out of every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("TUI_READER_DB", str(home / "library.db"))
    monkeypatch.setenv("TUI_READER_CONFIG", str(home / "config.toml"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A fresh database file path (not created yet)."""
    return tmp_path / "library.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """A fresh database file, open."""
    s = Store.open(db_path)
    yield s
    s.close()
