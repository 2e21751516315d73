"""Opening the app: ``tui-reader`` with no command, and ``tui-reader demo``."""

from __future__ import annotations

from pathlib import Path

import click

from tui_reader.cli.kit import ReaderCommand, checked_db, db_option, store_errors
from tui_reader.library.store import Store


def run_app(path: Path, *, open_compare: list[int] | None = None) -> None:
    """Start the Textual app (imported here so that the other commands start fast)."""
    with store_errors():
        Store.open(path).close()  # a clear error before the screen switches
    from tui_reader.app.app import ReaderApp

    ReaderApp(path, open_compare=open_compare).run()


@click.command(cls=ReaderCommand)
@db_option
@click.pass_context
def demo(ctx: click.Context, db: Path | None) -> None:
    """Load the bundled sample story (idempotent) and open its articles side by side."""
    from tui_reader.library.demo import load_demo

    path = checked_db(ctx, db)
    with store_errors():
        ids = load_demo(path)
    run_app(path, open_compare=ids)


COMMANDS = [demo]
