"""The command line: a thin shell over the library (SPEC.md, "Command line").

Errors go to stderr as one plain sentence and a non-zero exit; never a traceback. Every text
shown goes through :mod:`tui_reader.library.output` (whatever the database holds, no control
character reaches the terminal); every path and URL a user gives is checked by
:mod:`tui_reader.library.sources`; every id is an :class:`~tui_reader.cli.kit.IdType`.

One module per family of commands: ``articles`` (add, list, show), ``speakers`` (quotes,
speakers and the corrections), ``coding`` (annotate, export), ``stories`` (the story group),
``following`` (feed, refresh, history, diff), ``stories_across`` (coverage, ledger) and
``launch`` (the app and the demo); ``kit`` holds what they share. A new command goes into its
family's module and its ``COMMANDS`` list.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from tui_reader import __version__
from tui_reader.cli import articles, coding, following, launch, speakers, stories, stories_across
from tui_reader.cli.articles import marked_text
from tui_reader.cli.kit import (
    DEFAULT_TIMEOUT,
    CliError,
    ReaderGroup,
    checked_db,
    complain,
    db_option,
)
from tui_reader.library.store import StoreError, describe

__all__ = ["DEFAULT_TIMEOUT", "cli", "main", "marked_text"]


@click.group(
    cls=ReaderGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@db_option
@click.version_option(__version__, prog_name="tui-reader")
@click.pass_context
def cli(ctx: click.Context, db: Path | None) -> None:
    """Read news coverage side by side: quotes by speaker, keyboard coding, CSV export.

    With no command, opens the app on the library.
    """
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
    if ctx.invoked_subcommand is None:
        launch.run_app(checked_db(ctx, None))


for command in [
    *articles.COMMANDS,
    *speakers.COMMANDS,
    *coding.COMMANDS,
    *stories_across.COMMANDS,
    *launch.COMMANDS,
]:
    cli.add_command(command)
following.register(cli)
cli.add_command(stories.story)


def main(argv: Sequence[str] | None = None) -> None:
    """The console script: one-line errors, no tracebacks."""
    for stream in (sys.stdout, sys.stderr):
        # a terminal or pipe that cannot show a character gets "?" rather than a traceback
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    try:
        code = cli.main(args=argv, prog_name="tui-reader", standalone_mode=False)
        sys.stdout.flush()  # here, so that a reader gone away is caught below
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        complain("aborted")
        sys.exit(130)
    except CliError as exc:
        exc.show()
        sys.exit(1)
    except click.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx else "tui-reader"
        complain(f"{exc.format_message()} (see {where} --help)")
        sys.exit(2)
    except click.ClickException as exc:
        complain(exc.format_message())
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        # the reader went away (``| head``): stop quietly, as other tools do (128 + SIGPIPE)
        with contextlib.suppress(OSError, ValueError), open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), sys.stdout.fileno())
        sys.exit(141)
    except sqlite3.Error as exc:
        complain(describe(exc))
        sys.exit(1)
    except (StoreError, OSError) as exc:
        complain(exc)
        sys.exit(1)
    except KeyboardInterrupt:
        complain("interrupted")
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("TUI_READER_DEBUG"):
            raise
        complain(f"unexpected error ({type(exc).__name__}: {exc}); please report it")
        sys.exit(1)
    if isinstance(code, int) and code:  # ctx.exit(1) returns 1 when not standalone
        sys.exit(code)
