"""Shared fixtures: real SQLite files in tmp_path, the seed articles, no personal config."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from apptools import copy_db, make_demo_db
from faultserver import faulty, tls_certificate, tls_faulty  # noqa: F401  (misbehaving servers)
from feedserver import site  # noqa: F401  (an outlet with feeds, ETags and 304s)
from httpserver import server  # noqa: F401  (the local HTTP server fixture)
from pageserver import pages  # noqa: F401  (a server of pages a test writes)

from tui_reader.library.store import Store
from tui_reader.library.store.connection import StoreBase

# tui-reader's cache folder (compiled patterns, word lists) for this run, never the user's: set
# before the test modules, which import the quote engine (it reads the folder at import)
_CACHE = tempfile.mkdtemp(prefix="tui-reader-test-cache-")
os.environ["TUI_READER_CACHE"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, True)

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


@pytest.fixture(autouse=True)
def _every_store_closed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every Store a test (or the code it drives) opens is closed by the end of the test."""
    opened: list[StoreBase] = []
    real_init, real_close = StoreBase.__init__, StoreBase.close

    def init(self: StoreBase, *args: object, **kwargs: object) -> None:
        real_init(self, *args, **kwargs)  # type: ignore[arg-type]
        opened.append(self)

    def close(self: StoreBase) -> None:
        real_close(self)
        if self in opened:
            opened.remove(self)

    monkeypatch.setattr(StoreBase, "__init__", init)
    monkeypatch.setattr(StoreBase, "close", close)
    yield
    leaked = [s.path for s in opened]
    for s in list(opened):
        s.close()
    assert not leaked, f"Stores left open: {leaked}"


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[int]]:
    """The demo story loaded once per run (copied for each test that uses it)."""
    return make_demo_db(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def demo(demo_template: tuple[Path, list[int]], tmp_path: Path) -> tuple[Path, list[int]]:
    """A fresh copy of the demo library, and its article ids in story order."""
    return copy_db(demo_template[0], tmp_path), demo_template[1]
