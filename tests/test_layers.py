"""The library layer stays free of Textual: the CLI's quick commands and scripts need no UI."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import tui_reader.library


def library_modules() -> list[str]:
    return [
        m.name for m in pkgutil.walk_packages(tui_reader.library.__path__, "tui_reader.library.")
    ]


def test_library_modules_never_import_textual() -> None:
    modules = library_modules()
    assert "tui_reader.library.store" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
