"""Running the command line in-process, as its console script does, for tests."""

from __future__ import annotations

from typing import AnyStr

import pytest

from tui_reader.cli import main


def run(capture: pytest.CaptureFixture[AnyStr], *args: str) -> tuple[int, AnyStr, AnyStr]:
    """``tui-reader ARGS``: (exit code, stdout, stderr), as text with ``capsys`` and as
    bytes with ``capsysbinary``."""
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capture.readouterr()
    return code, out, err
