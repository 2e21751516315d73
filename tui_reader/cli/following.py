"""The commands for following outlets and the articles that change: ``feed``, ``refresh``,
``history`` and ``diff`` (SPEC.md, "Command line"). Thin over
:mod:`tui_reader.library.following`, the store and :mod:`tui_reader.library.diff`; output and
errors as every command has them (:mod:`tui_reader.cli.kit`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from tui_reader.cli.kit import (
    DEFAULT_TIMEOUT,
    ID,
    CliError,
    IdType,
    ReaderGroup,
    ResultLines,
    SecondsType,
    check_story_name,
    checked_db,
    db_option,
    existing_articles,
    fetch_options,
    interrupted,
    open_store,
    progress,
    require_article,
    say,
    store_errors,
    table,
)
from tui_reader.library.output import safe_json, safe_line

VERSION = IdType("a version")


def register(group: click.Group) -> None:
    """Add this module's commands to the ``tui-reader`` group."""
    for command in (feed, refresh, history, diff):
        group.add_command(command)


def _timeout_option(f: Any) -> Any:
    return click.option(
        "--timeout",
        type=SecondsType(0.1, 3600),
        help=f"Seconds for the whole fetch of one feed or page (default {DEFAULT_TIMEOUT:g}).",
    )(f)


def _feed_name(feed: Any) -> str:
    title = f' "{safe_line(feed.title)}"' if feed.title else ""
    return f"feed #{feed.id}{title}"


# -- feed --------------------------------------------------------------------------------------


@click.group(cls=ReaderGroup)
def feed() -> None:
    """Follow outlets: RSS, Atom and JSON Feed (or a site's page that advertises one)."""


@feed.command("add")
@click.argument("url")
@click.option(
    "--story",
    help="Put the feed's items into this story; 'auto': each into the story it clearly "
    "belongs to (see coverage), if any.",
)
@_timeout_option
@db_option
@click.pass_context
def feed_add(
    ctx: click.Context, url: str, story: str | None, timeout: float | None, db: Path | None
) -> None:
    """Follow the feed at URL, or the feed a site's page at URL advertises. Its items come in
    with the next `tui-reader refresh`."""
    from tui_reader.library.feeds import FeedError
    from tui_reader.library.fetch import FetchError
    from tui_reader.library.following import AUTO_STORY, follow

    check_story_name(story)
    with open_store(ctx, db) as store:
        try:
            with store_errors():
                done = follow(store, url.strip(), story=story, options=fetch_options(timeout))
        except (FeedError, FetchError) as exc:
            raise CliError(f"cannot follow {safe_line(url)}: {exc}") from None
    found = f", found from the page {safe_line(done.found_from)}" if done.found_from else ""
    into = f', into the story "{safe_line(done.feed.story)}"' if done.feed.story else ""
    if done.feed.story == AUTO_STORY:
        into = ", each item into the story it clearly belongs to"
    if done.new:
        say(
            f"following {_feed_name(done.feed)} ({safe_line(done.feed.url)}{found}{into}): "
            f"{done.items} items; tui-reader refresh fetches them"
        )
    else:
        say(f"already following {_feed_name(done.feed)} ({safe_line(done.feed.url)}{into})")


def _feed_dict(f: Any) -> dict[str, Any]:
    return {
        "id": f.id,
        "title": f.title,
        "url": f.url,
        "items": f.items,
        "checked_at": f.checked_at,
        "error": f.error,
        "unread": f.unread,
        "story": f.story,
        "site_url": f.site_url,
    }


@feed.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON array on stdout.")
@db_option
@click.pass_context
def feed_list(ctx: click.Context, as_json: bool, db: Path | None) -> None:
    """The followed feeds: id, title, url, items, last checked, last error."""
    with open_store(ctx, db, read_only=True) as store:
        rows = [_feed_dict(f) for f in store.feeds()]
    if as_json:
        say(safe_json(rows))
        return
    if not rows:
        say("no feeds followed yet: tui-reader feed add URL", err=True)
        return
    cells = [
        [
            r["id"],
            r["title"],
            r["items"],
            r["unread"],
            (r["checked_at"] or "never")[:16].replace("T", " "),
            f"⚠ {r['error']}" if r["error"] else "ok" if r["checked_at"] else "",
            r["url"],
        ]
        for r in rows
    ]
    headers = ["id", "title", "items", "unread", "checked", "error", "url"]
    say(table(cells, headers, {1: 40, 5: 60, 6: 60}))


@feed.command("remove")
@click.argument("feed_id", metavar="ID", type=ID)
@db_option
@click.pass_context
def feed_remove(ctx: click.Context, feed_id: int, db: Path | None) -> None:
    """Stop following feed ID; its articles stay in the library."""
    with open_store(ctx, db) as store, store_errors(" (see tui-reader feed list)"):
        gone = store.remove_feed(feed_id)
    say(f"stopped following {_feed_name(gone)}; its {gone.items} article(s) stay in the library")


# -- refresh -----------------------------------------------------------------------------------


def _feed_line(check: Any) -> str:
    name = _feed_name(check.feed)
    if check.status == "failed":
        return f"failed: {name} {safe_line(check.feed.url)}: {safe_line(check.reason)}"
    if check.status == "new items":
        return f"{name}: {len(check.new)} new item(s)"
    return f"{name}: {check.status}"


@click.command()
@click.argument("article_ids", metavar="[ID]...", nargs=-1, type=ID)
@click.option("--story", help="Fetch this story's articles again.")
@click.option("--feeds", "feeds_", is_flag=True, help="Every followed feed's new items (default).")
@click.option("--feed", "feed_ids", multiple=True, type=ID, help="Only this feed (repeatable).")
@click.option("--all", "every", is_flag=True, help="Fetch every article again.")
@click.option(
    "--jobs", type=click.IntRange(min=1, max=256), help="Worker processes (default: all cores)."
)
@_timeout_option
@db_option
@click.pass_context
def refresh(
    ctx: click.Context,
    article_ids: tuple[int, ...],
    story: str | None,
    feeds_: bool,
    feed_ids: tuple[int, ...],
    every: bool,
    jobs: int | None,
    timeout: float | None,
    db: Path | None,
) -> None:
    """Fetch the followed feeds and add their new items (the default, --feeds), or fetch
    articles again (IDs, --story, --all): `updated` keeps a new version. Requests are
    conditional (ETag, Last-Modified): an unchanged feed or page costs one short request."""
    chosen = [bool(article_ids), story is not None, feeds_, bool(feed_ids), every]
    if sum(chosen) > 1:
        raise click.UsageError("give one of: IDs, --story NAME, --feeds, --feed ID, --all")
    path = checked_db(ctx, db)
    options = fetch_options(timeout)
    if article_ids or story is not None or every:
        with open_store(ctx, db) as store:
            if story is not None:
                if story not in store.stories():
                    raise CliError(f"there is no story named {story!r} (see tui-reader story list)")
                ids = store.story_article_ids(story)
            elif every:
                ids = store.article_ids()
            else:
                ids = existing_articles(store, article_ids)
        _refresh_articles(ctx, path, ids, jobs, options)
    else:
        _refresh_feeds(ctx, path, list(feed_ids) or None, jobs, options)


def _refresh_articles(
    ctx: click.Context, path: Path, ids: list[int], jobs: int | None, options: Any
) -> None:
    from tui_reader.library.following import refresh_articles
    from tui_reader.library.ingest import IngestInterrupted

    if not ids:
        say("no articles to fetch again", err=True)
        return
    with progress(len(ids), "refreshing") as lines:
        try:
            with store_errors():
                refresh_articles(path, ids, jobs=jobs, options=options, on_result=lines.result)
        except IngestInterrupted as exc:
            interrupted(ctx, lines, exc)
    if lines.failed:
        ctx.exit(1)


def _refresh_feeds(
    ctx: click.Context, path: Path, feed_ids: list[int] | None, jobs: int | None, options: Any
) -> None:
    from tui_reader.library.following import (
        AutoStories,
        RefreshInterrupted,
        check_feeds,
        finish_feeds,
    )
    from tui_reader.library.ingest import IngestInterrupted, ingest

    with open_store(ctx, path) as store:
        if not store.feeds():
            say("no feeds followed yet: tui-reader feed add URL", err=True)
            return
    feed_lines = ResultLines(None, False)
    try:
        with store_errors():
            checks, planned = check_feeds(
                path,
                feed_ids,
                options=options,
                on_feed=lambda c: feed_lines.line(_feed_line(c), c.status == "failed"),
            )
    except RefreshInterrupted as exc:
        interrupted(ctx, feed_lines, exc)
    failed = feed_lines.failed
    if planned:
        auto = AutoStories(path, planned)
        with progress(len(planned), "adding") as lines:
            lines.place = auto.place
            try:
                with store_errors():
                    results = ingest(
                        path,
                        list(planned),
                        jobs=jobs,
                        options=options,
                        on_result=lines.result,
                        plans=planned,
                    )
            except IngestInterrupted as exc:
                interrupted(ctx, lines, exc)
            finally:
                auto.close()
        finish_feeds(path, checks, results)
        failed += lines.failed
    if failed:
        ctx.exit(1)


# -- versions ----------------------------------------------------------------------------------


def _history_rows(store: Any, article_id: int) -> list[dict[str, Any]]:
    from tui_reader.library.diff import word_diff, words_changed

    versions = store.versions(article_id)
    changes: dict[int, int] = {}
    for change in store.quote_changes(article_id):
        changes[change.version] = changes.get(change.version, 0) + 1
    rows = []
    for n, v in enumerate(versions):
        added = removed = quotes_changed = None  # the first version changed nothing
        if n:
            added, removed = words_changed(word_diff(versions[n - 1].text, v.text))
            quotes_changed = changes.get(v.version, 0)
        rows.append(
            {
                "version": v.version,
                "fetched_at": v.fetched_at,
                "words": v.words,
                "added": added,
                "removed": removed,
                "quotes_changed": quotes_changed,
                "title": v.title,
                "current": v.current,
            }
        )
    return rows


@click.command()
@click.argument("article_id", metavar="ID", type=ID)
@click.option("--json", "as_json", is_flag=True, help="One JSON array on stdout.")
@db_option
@click.pass_context
def history(ctx: click.Context, article_id: int, as_json: bool, db: Path | None) -> None:
    """The versions of article ID: number, fetched_at, words, and what each changed (words
    added and removed, quotes changed); the first version has nothing to compare with."""
    with open_store(ctx, db, read_only=True) as store:
        require_article(store, article_id)
        rows = _history_rows(store, article_id)
    if as_json:
        say(safe_json(rows))
        return

    def count(value: int | None, sign: str) -> str:
        return "" if value is None else f"{sign}{value}"

    cells = [
        [
            f"{r['version']}{' *' if r['current'] else ''}",
            r["fetched_at"][:16].replace("T", " "),
            r["words"],
            count(r["added"], "+"),
            count(r["removed"], "-"),
            "" if r["quotes_changed"] is None else r["quotes_changed"],
            r["title"],
        ]
        for r in rows
    ]
    say(
        table(
            cells, ["version", "fetched", "words", "added", "removed", "quotes", "title"], {6: 60}
        )
    )


@click.command()
@click.argument("article_id", metavar="ID", type=ID)
@click.argument("v1", metavar="[V1", required=False, type=VERSION)
@click.argument("v2", metavar="[V2]]", required=False, type=VERSION)
@db_option
@click.pass_context
def diff(
    ctx: click.Context, article_id: int, v1: int | None, v2: int | None, db: Path | None
) -> None:
    """The words that changed between two versions of article ID (default: the last two; V1
    alone: V1 against the current one), marked [-old-]{+new+} as git diff --word-diff does."""
    from tui_reader.library.diff import as_word_diff, word_diff

    with open_store(ctx, db, read_only=True) as store:
        require_article(store, article_id)
        versions = store.versions(article_id)
        last = versions[-1].version
        if v1 is None and len(versions) < 2:
            raise CliError(
                f"article {article_id} has one version only: nothing to compare yet (a refresh "
                "that finds the page changed keeps a second)"
            )
        first = v1 if v1 is not None else versions[-2].version
        second = v2 if v2 is not None else last
        with store_errors():
            old, new = store.version(article_id, first), store.version(article_id, second)
    if first == second:
        raise CliError(f"version {first} against itself: give two different versions")
    say(f"--- version {old.version} (fetched {old.fetched_at})")
    say(f"+++ version {new.version} (fetched {new.fetched_at})")
    if (old.title or "") != (new.title or ""):
        say("title: " + as_word_diff(word_diff(old.title or "", new.title or "")))
    say()
    say(as_word_diff(word_diff(old.text, new.text)))
