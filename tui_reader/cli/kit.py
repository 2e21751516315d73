"""What every command of the command line shares: output, one-line errors, argument types,
the database option and opening the store, plain tables, and the result lines (under a
progress bar) of ``add`` and ``refresh``.

Kept apart from :mod:`tui_reader.cli` (the group and the first commands) so that the commands in
other modules (:mod:`tui_reader.cli.following` and the rest) use the same helpers without an
import circle.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from tui_reader.library.export import write_atomically
from tui_reader.library.output import safe_line, safe_text
from tui_reader.library.sources import SourceError, check_db_path, read_text
from tui_reader.library.store import Store, StoreError
from tui_reader.library.textclean import clean_line
from tui_reader.paths import default_db_path

F = TypeVar("F", bound=Callable[..., Any])


def say(text: object = "", *, err: bool = False) -> None:
    """Print for the terminal: the one way text leaves the CLI (control characters out)."""
    click.echo(safe_text(text), err=err)


def complain(message: object) -> None:
    """One line on stderr: ``tui-reader: message``."""
    click.echo(f"tui-reader: {safe_line(message)}", err=True)


class CliError(click.ClickException):
    """A failure the user can act on; shown as one line."""

    def show(self, file: Any = None) -> None:
        complain(self.format_message())


@contextlib.contextmanager
def store_errors(hint: str = "") -> Iterator[None]:
    """The store's refusal (no such speaker, a name taken, a locked file) as the command's
    one-line error, with ``hint`` after it."""
    try:
        yield
    except StoreError as exc:
        raise CliError(f"{exc}{hint}") from exc


# -- argument types ------------------------------------------------------------------------

DEFAULT_TIMEOUT = 30.0
"""The fetch deadline without ``--timeout`` (fetch.DEFAULT_TOTAL_TIMEOUT; not imported here so
that ``--help`` does not load urllib3)."""

MAX_ID = 2**63 - 1
"""SQLite's largest integer: every id and offset fits, and nothing past it reaches the store."""


class IdType(click.ParamType):
    """A whole number from ``minimum`` to 2^63-1 (ids are 1 or more, offsets 0 or more). One
    type for every id and offset of the CLI, so 0, negatives and huge numbers get one line."""

    name = "integer"

    def __init__(self, what: str = "an id", minimum: int = 1):
        self.what = what
        self.minimum = minimum

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        else:
            text = str(value).strip()
            shown = safe_line(text if len(text) <= 30 else text[:29] + "…")
            if not re.fullmatch(r"[+-]?[0-9]+", text):
                self.fail(f"{self.what} is a whole number, not {shown!r}", param, ctx)
            if len(text.lstrip("+-").lstrip("0")) > 19:  # past 2^63 (and int()'s digit limit)
                self.fail(f"{self.what} must be at most {MAX_ID}, not {shown}", param, ctx)
            number = int(text)
        if number < self.minimum:
            self.fail(f"{self.what} must be {self.minimum} or more, not {number}", param, ctx)
        if number > MAX_ID:
            self.fail(f"{self.what} must be at most {MAX_ID}, not {number}", param, ctx)
        return number


ID = IdType()
OFFSET = IdType("an offset", minimum=0)


class SecondsType(click.ParamType):
    """Seconds as a finite number between ``low`` and ``high`` (not nan, not inf)."""

    name = "seconds"

    def __init__(self, low: float, high: float):
        self.low, self.high = low, high

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            self.fail(f"{safe_line(value)!r} is not a number of seconds", param, ctx)
        if not math.isfinite(seconds) or not self.low <= seconds <= self.high:
            self.fail(f"give seconds from {self.low:g} to {self.high:g}", param, ctx)
        return seconds


class ReadableText(click.ParamType):
    """A text file named by the user (``-`` for standard input), read with the checks of
    :func:`sources.read_text`: never a hang on a device, never an unlimited read."""

    name = "file"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            return read_text(str(value), stdin=sys.stdin.buffer)
        except SourceError as exc:
            self.fail(str(exc), param, ctx)


class ReaderCommand(click.Command):
    """A command whose ``-5`` (an id, not an option) gets the id's message, not "no such
    option"."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as exc:
            if re.fullmatch(r"-[0-9]+", exc.option_name):
                raise click.UsageError(
                    f"{exc.option_name} is not an id: ids are 1 or more (offsets 0 or more)", ctx
                ) from None
            raise


class ReaderGroup(click.Group):
    command_class = ReaderCommand


# -- the database --------------------------------------------------------------------------


def db_option(f: F) -> F:
    """``--db PATH`` on the group and on every command (the command's value wins)."""
    return click.option(
        "--db",
        "db",
        type=click.Path(path_type=Path),
        default=None,
        help="The database file (default: $TUI_READER_DB, else library.db in the user data folder).",
    )(f)


def resolve_db(ctx: click.Context, db: Path | None) -> Path:
    """The database path from the command, the group, the environment or the default."""
    if db is not None:
        return db
    root = ctx.find_root()
    if root.obj and root.obj.get("db"):
        return Path(root.obj["db"])
    return default_db_path()


def checked_db(ctx: click.Context, db: Path | None) -> Path:
    path = resolve_db(ctx, db).expanduser()
    explicit = db is not None or bool(ctx.find_root().obj and ctx.find_root().obj.get("db"))
    explicit = explicit or bool(os.environ.get("TUI_READER_DB"))
    try:
        # only the default location's folder is made; a folder the user named must exist
        check_db_path(path, make_folder=not explicit)
    except SourceError as exc:
        raise CliError(str(exc)) from None
    return path


def open_store(ctx: click.Context, db: Path | None, *, read_only: bool = False) -> Store:
    """Open the database or fail with one line. Reading commands open it read-only, so that
    a file the user cannot write to can still be read."""
    path = checked_db(ctx, db)
    try:
        return Store.open(path, read_only=read_only)
    except StoreError as exc:
        raise CliError(str(exc)) from exc


def write_output(path: str, write: Callable[[Any], int]) -> int:
    """The export writer (:func:`write_atomically`): ``-`` and ``/dev/stdout`` to stdout,
    special files written through, regular files replaced atomically."""
    try:
        return write_atomically(path, write, stdout=sys.stdout)
    except OSError as exc:
        raise CliError(str(exc)) from exc


def table(rows: Sequence[Sequence[Any]], headers: Sequence[str], widths: dict[int, int]) -> str:
    """A plain aligned table; column i is cut to widths[i] characters when given."""

    def cell(value: Any, i: int) -> str:
        text = "" if value is None else safe_line(value)
        limit = widths.get(i)
        if limit and len(text) > limit:
            text = text[: limit - 1] + "…"
        return text

    cells = [[cell(v, i) for i, v in enumerate(r)] for r in [headers, *rows]]
    sizes = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    return "\n".join("  ".join(c.ljust(sizes[i]) for i, c in enumerate(r)).rstrip() for r in cells)


def require_article(store: Store, article_id: int) -> Any:
    article = store.article(article_id)
    if article is None:
        raise CliError(f"there is no article {article_id} (see tui-reader list)")
    return article


def existing_articles(store: Store, article_ids: Sequence[int]) -> list[int]:
    """``article_ids`` each once, in the order given, once every one is known to be an
    article (else the first that is not is the error)."""
    for article_id in article_ids:
        require_article(store, article_id)
    return list(dict.fromkeys(article_ids))


def check_story_name(story: str | None) -> None:
    """``--story NAME``: a name that is nothing once cleaned is a usage error."""
    if story is not None and not clean_line(story):
        raise click.BadParameter("a story name cannot be empty", param_hint="'--story'")


def one_format(**flags: bool) -> str | None:
    """The one output format asked for; two at once is an error, not a silent choice."""
    chosen = [name for name, on in flags.items() if on]
    if len(chosen) > 1:
        raise click.UsageError(" and ".join(f"--{c}" for c in chosen) + " cannot be combined")
    return chosen[0] if chosen else None


# -- fetching and the result lines of add and refresh ------------------------------------------


def fetch_options(timeout: float | None) -> Any:
    """The fetch options of ``--timeout`` (None without it: the defaults)."""
    from tui_reader.library.fetch import FetchOptions

    return FetchOptions.with_deadline(timeout) if timeout is not None else None


class ResultLines:
    """One line per result, under a progress bar on a terminal; ``failed`` counts the failed
    ones. ``place`` (``--story auto``) adds where an article went to its line."""

    def __init__(self, bar: Any, show_bar: bool, place: Callable[[Any], str] | None = None):
        self.bar, self.show_bar, self.failed, self.place = bar, show_bar, 0, place

    def clear_bar(self) -> None:
        if self.show_bar:
            sys.stderr.write("\r\x1b[K")

    def line(self, text: str, failed: bool = False) -> None:
        self.failed += failed
        self.clear_bar()
        say(text)
        sys.stdout.flush()

    def result(self, result: Any) -> None:
        from tui_reader.library.ingest import format_result

        extra = self.place(result) if self.place is not None else ""
        self.line(format_result(result) + extra, result.status == "failed")
        self.bar.update(1)


@contextlib.contextmanager
def progress(length: int, label: str) -> Iterator[ResultLines]:
    """The lines of ``length`` results, with a bar on stderr when it is a terminal and there
    is more than one."""
    show_bar = sys.stderr.isatty() and length > 1
    with (
        open(os.devnull, "w") as devnull,
        click.progressbar(
            length=length, label=label, file=sys.stderr if show_bar else devnull
        ) as bar,
    ):
        yield ResultLines(bar, show_bar)


def interrupted(ctx: click.Context, lines: ResultLines, exc: Any) -> None:
    """A batch ended by a signal: the line saying so, and exit 128 + the signal's number."""
    lines.clear_bar()
    complain(exc)
    ctx.exit(128 + exc.signum)
