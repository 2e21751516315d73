"""``tui-reader story``: stories on the command line (SPEC.md, "A story across outlets"):
list, add, rename, remove articles from, delete. Articles always stay in the library."""

from __future__ import annotations

from pathlib import Path

import click

from tui_reader.cli.kit import (
    ID,
    ReaderGroup,
    db_option,
    existing_articles,
    open_store,
    say,
    store_errors,
    table,
)
from tui_reader.library.output import safe_json, safe_line
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


@story.command("add")
@click.argument("name")
@click.argument("article_ids", metavar="ID...", nargs=-1, required=True, type=ID)
@db_option
@click.pass_context
def story_add(ctx: click.Context, name: str, article_ids: tuple[int, ...], db: Path | None) -> None:
    """Put articles into story NAME (made if new)."""
    with open_store(ctx, db) as store:
        ids = existing_articles(store, article_ids)
        with store_errors():
            store.add_to_story(name, ids)
    say(f'{len(ids)} article(s) in the story "{safe_line(clean_line(name))}"')


@story.command("rename")
@click.argument("old")
@click.argument("new")
@db_option
@click.pass_context
def story_rename(ctx: click.Context, old: str, new: str, db: Path | None) -> None:
    """Rename story OLD to NEW (onto an existing story: the two become one)."""
    with open_store(ctx, db) as store, store_errors():
        name = store.rename_story(old, new)
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
        ids = existing_articles(store, article_ids)
        with store_errors():
            n = store.remove_from_story(name, ids)
    say(f'{n} article(s) taken out of "{safe_line(name)}"')


@story.command("delete")
@click.argument("name")
@db_option
@click.pass_context
def story_delete(ctx: click.Context, name: str, db: Path | None) -> None:
    """Delete story NAME; its articles stay in the library."""
    with open_store(ctx, db) as store, store_errors():
        n = store.delete_story(name)
    say(f'deleted the story "{safe_line(name)}"; its {n} article(s) stay in the library')
