"""Coding without the app: ``annotate``, and ``export`` of the annotations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from tui_reader.cli.kit import (
    ID,
    OFFSET,
    CliError,
    ReadableText,
    ReaderCommand,
    db_option,
    open_store,
    require_article,
    say,
    store_errors,
    write_output,
)
from tui_reader.library.export import is_stdout
from tui_reader.library.output import safe_line


@click.command(cls=ReaderCommand)
@click.argument("article_id", metavar="ID", type=ID)
@click.option("--passage", help="The exact text to annotate (must occur once in the article).")
@click.option("--start", type=OFFSET, help="Start offset (with --end).")
@click.option("--end", type=OFFSET, help="End offset (with --start).")
@click.option("--tag", "tags", multiple=True, help="A tag (repeat for several).")
@click.option("--note", default=None, help="A note.")
@click.option(
    "--note-file",
    "note_text",
    type=ReadableText(),
    help="Read the note from FILE ('-' for standard input; UTF-8).",
)
@db_option
@click.pass_context
def annotate(
    ctx: click.Context,
    article_id: int,
    passage: str | None,
    start: int | None,
    end: int | None,
    tags: tuple[str, ...],
    note: str | None,
    note_text: str | None,
    db: Path | None,
) -> None:
    """Make an annotation without the app (scripts, bulk coding). New tags get the next free
    quick key, as in the app."""
    from tui_reader.library import coding

    if (passage is None) == (start is None and end is None):
        raise CliError("give either --passage TEXT or --start S --end E")
    if passage is None and (start is None or end is None):
        raise CliError("--start and --end go together")
    if note is not None and note_text is not None:
        raise CliError("give the note as --note TEXT or --note-file FILE, not both")
    if note_text is not None:
        note = note_text
    with open_store(ctx, db) as store:
        article = require_article(store, article_id)
        with store_errors(f" (article {article_id})"):
            if passage is not None:
                target = coding.find_passage(article.text, passage)
            else:
                assert start is not None and end is not None
                target = coding.Passage(start, end)
            ann, made = coding.annotate(store, article_id, target, tags=tags, note=note or "")
    tag_text = f" [{'; '.join(safe_line(t) for t in ann.tags)}]" if ann.tags else ""
    say(f"saved annotation #{ann.id} on article {article_id} at {ann.start}-{ann.end}{tag_text}")
    for tag in made:
        key = f" on quick key {tag.quick_key}" if tag.quick_key else ""
        say(f"new tag {safe_line(tag.name)!r}{key}", err=True)


@click.command(cls=ReaderCommand)
@click.argument("path", default="-", metavar="[PATH | -]")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv")
@click.option("--tag", help="Only annotations with this tag.")
@click.option("--article", "article_id", type=ID, help="Only this article's annotations.")
@click.option("--story", help="Only annotations on this story's articles.")
@click.option("--long", "long_", is_flag=True, help="One row per annotation and tag (CSV).")
@click.option("--raw", is_flag=True, help="No leading ' before cells that look like formulas.")
@db_option
@click.pass_context
def export(
    ctx: click.Context,
    path: str,
    fmt: str,
    tag: str | None,
    article_id: int | None,
    story: str | None,
    long_: bool,
    raw: bool,
    db: Path | None,
) -> None:
    """Annotations out: CSV by default (or JSON), to PATH or standard output."""
    from tui_reader.library.export import export_csv, export_json

    with open_store(ctx, db, read_only=True) as store:
        if article_id is not None:
            require_article(store, article_id)
        if story is not None and story not in store.stories():
            raise CliError(f"there is no story named {story!r}")

        def write(out: Any) -> int:
            if fmt == "json":
                return export_json(store, out, tag=tag, article_id=article_id, story=story)
            return export_csv(
                store,
                out,
                tag=tag,
                article_id=article_id,
                story=story,
                long=long_,
                raw=raw,
                terminal_safe=is_stdout(path),
            )

        n = write_output(path, write)
    if not is_stdout(path):
        say(f"{n} rows written to {path}", err=True)


COMMANDS = [annotate, export]
