"""``tui-reader story``: stories on the command line (SPEC.md, "A story across outlets"):
list, add, rename, remove articles from, delete. Articles always stay in the library."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from tui_reader.cli.kit import (
    ID,
    CliError,
    ReaderGroup,
    db_option,
    open_store,
    require_article,
    say,
    table,
)
from tui_reader.library.output import safe_json, safe_line
from tui_reader.library.store import StoreError
from tui_reader.library.textclean import clean_line


@click.group(cls=ReaderGroup)
def story() -> None:
    """Stories: named groups of articles (one event as several outlets covered it)."""


@story.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON array on stdout.")
@db_option
@click.pass_context
def story_list(ctx: click.Context, as_json: bool, db: Path | None) -> None:
    """The stories: name, articles, unread."""
    with open_store(ctx, db, read_only=True) as store:
        counts = store.story_counts()
    rows = [{"name": n, "articles": t, "unread": u} for n, (t, u) in counts.items()]
    if as_json:
        say(safe_json(rows))
    elif not rows:
        say("no stories yet: tui-reader story add NAME ID... (or add --story NAME)", err=True)
    else:
        cells = [[r["name"], r["articles"], r["unread"]] for r in rows]
        say(table(cells, ["story", "articles", "unread"], {0: 60}))


def _existing(store: Any, article_ids: tuple[int, ...]) -> list[int]:
    for article_id in article_ids:
        require_article(store, article_id)
    return list(dict.fromkeys(article_ids))


@story.command("add")
@click.argument("name")
@click.argument("article_ids", metavar="ID...", nargs=-1, required=True, type=ID)
@db_option
@click.pass_context
def story_add(ctx: click.Context, name: str, article_ids: tuple[int, ...], db: Path | None) -> None:
    """Put articles into story NAME (made if new)."""
    with open_store(ctx, db) as store:
        ids = _existing(store, article_ids)
        try:
            store.add_to_story(name, ids)
        except StoreError as exc:
            raise CliError(str(exc)) from None
    say(f'{len(ids)} article(s) in the story "{safe_line(clean_line(name))}"')


@story.command("rename")
@click.argument("old")
@click.argument("new")
@db_option
@click.pass_context
def story_rename(ctx: click.Context, old: str, new: str, db: Path | None) -> None:
    """Rename story OLD to NEW (onto an existing story: the two become one)."""
    with open_store(ctx, db) as store:
        try:
            name = store.rename_story(old, new)
        except StoreError as exc:
            raise CliError(str(exc)) from None
    say(f'the story "{safe_line(old)}" is now "{safe_line(name)}"')


@story.command("remove")
@click.argument("name")
@click.argument("article_ids", metavar="ID...", nargs=-1, required=True, type=ID)
@db_option
@click.pass_context
def story_remove(
    ctx: click.Context, name: str, article_ids: tuple[int, ...], db: Path | None
) -> None:
    """Take articles out of story NAME (they stay in the library)."""
    with open_store(ctx, db) as store:
        ids = _existing(store, article_ids)
        try:
            n = store.remove_from_story(name, ids)
        except StoreError as exc:
            raise CliError(str(exc)) from None
    say(f'{n} article(s) taken out of "{safe_line(name)}"')


@story.command("delete")
@click.argument("name")
@db_option
@click.pass_context
def story_delete(ctx: click.Context, name: str, db: Path | None) -> None:
    """Delete story NAME; its articles stay in the library."""
    with open_store(ctx, db) as store:
        try:
            n = store.delete_story(name)
        except StoreError as exc:
            raise CliError(str(exc)) from None
    say(f'deleted the story "{safe_line(name)}"; its {n} article(s) stay in the library')
