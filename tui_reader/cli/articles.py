"""Articles in and out: ``add``, ``list`` and ``show``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tui_reader.cli.kit import (
    DEFAULT_TIMEOUT,
    ID,
    CliError,
    ReadableText,
    ReaderCommand,
    SecondsType,
    check_story_name,
    checked_db,
    db_option,
    fetch_options,
    interrupted,
    open_store,
    progress,
    require_article,
    say,
    store_errors,
    table,
)
from tui_reader.library.output import safe_json, safe_line, safe_text
from tui_reader.library.store import Store

if TYPE_CHECKING:
    from tui_reader.library.models import IngestResult


@click.command(cls=ReaderCommand)
@click.argument("sources", nargs=-1)
@click.option(
    "--from",
    "from_text",
    type=ReadableText(),
    help="Read sources from FILE, one per line ('-' for standard input; UTF-8).",
)
@click.option(
    "--story",
    help="Put the articles into this story (a named group); 'auto': each into the story it "
    "clearly belongs to, if any (by coverage).",
)
@click.option(
    "--jobs", type=click.IntRange(min=1, max=256), help="Worker processes (default: all cores)."
)
@click.option(
    "--timeout",
    type=SecondsType(0.1, 3600),
    help=f"Seconds for the whole fetch of one page, headers, body and redirects included "
    f"(default {DEFAULT_TIMEOUT:g}).",
)
@db_option
@click.pass_context
def add(
    ctx: click.Context,
    sources: tuple[str, ...],
    from_text: str | None,
    story: str | None,
    jobs: int | None,
    timeout: float | None,
    db: Path | None,
) -> None:
    """Add articles: http(s) URLs, .html/.htm files or folders of them.

    One line per source: added, updated, unchanged, or failed with the reason. Exit 0 when all
    succeeded, 1 when any failed (the others are still stored); a signal (Ctrl-C, SIGTERM)
    ends the batch with a line saying how many were stored.
    """
    import io

    from tui_reader.library.coverage import AUTO_STORY
    from tui_reader.library.ingest import (
        IngestInterrupted,
        expand_sources,
        ingest,
        read_source_list,
    )

    for n, source in enumerate(sources, 1):
        if not source.strip():
            raise click.BadParameter(
                f"source {n} is empty: give a URL, an .html file or a folder",
                param_hint="'SOURCES...'",
            )
    wanted = list(sources)
    if from_text is not None:
        listed = read_source_list(io.StringIO(from_text))
        if not listed and not wanted:
            raise CliError("the --from list holds no sources (one URL or path per line)")
        wanted += listed
    if not wanted:
        raise CliError("nothing to add: give URLs, HTML files or folders (or --from FILE)")
    check_story_name(story)
    path = checked_db(ctx, db)
    open_store(ctx, db).close()
    expanded = expand_sources(wanted)
    options = fetch_options(timeout)
    auto = _AutoStory(path) if story == AUTO_STORY else None
    if auto is not None:
        story = None
    with progress(len(expanded), "adding") as lines:
        if auto is not None:
            lines.place = auto.place
        try:
            with store_errors():
                ingest(
                    path, expanded, story=story, jobs=jobs, options=options, on_result=lines.result
                )
        except IngestInterrupted as exc:
            interrupted(ctx, lines, exc)
        finally:
            if auto is not None:
                auto.close()
    if lines.failed:
        ctx.exit(1)


class _AutoStory:
    """``add --story auto``: after each article is stored, the story it clearly belongs to."""

    def __init__(self, path: Path) -> None:
        self.store = Store.open(path)

    def place(self, result: IngestResult) -> str:
        """Put a stored article into its story; what to add to its result line."""
        from tui_reader.library.coverage import place_by_coverage

        if result.article_id is None or result.status == "failed":
            return ""
        return place_by_coverage(self.store, result.article_id)

    def close(self) -> None:
        self.store.close()


def _article_dicts(store: Store) -> list[dict[str, Any]]:
    return [
        {
            "id": s.id,
            "title": s.title,
            "site": s.site,
            "author": s.author,
            "published": s.published,
            "url": s.url,
            "source": s.source,
            "words": s.words,
            "quotes": s.quotes,
            "annotations": s.annotations,
        }
        for s in store.article_summaries()
    ]


@click.command("list", cls=ReaderCommand)
@click.option("--json", "as_json", is_flag=True, help="One JSON array on stdout.")
@click.option("--story", help="Only the articles of this story.")
@db_option
@click.pass_context
def list_(ctx: click.Context, as_json: bool, story: str | None, db: Path | None) -> None:
    """The articles: id, title, site, author, published, url, source, words, quotes, annotations."""
    with open_store(ctx, db, read_only=True) as store:
        rows = _article_dicts(store)
        if story is not None:
            keep = set(store.story_article_ids(story))
            rows = [r for r in rows if r["id"] in keep]
    if as_json:
        say(safe_json(rows))
        return
    if not rows:
        say("no articles yet: tui-reader add URL|FILE|FOLDER", err=True)
        return
    keys = [
        "id",
        "title",
        "site",
        "author",
        "published",
        "words",
        "quotes",
        "annotations",
        "url",
        "source",
    ]
    headers = ["notes" if k == "annotations" else k for k in keys]
    say(table([[r[k] for k in keys] for r in rows], headers, {1: 50, 2: 24, 3: 24, 8: 60, 9: 60}))


def marked_text(text: str, quotes: Sequence[Any]) -> str:
    """The text with each quote wrapped in ⟦ ⟧ and followed by its speaker."""
    parts, pos = [], 0
    for q in sorted(quotes, key=lambda q: q.start):
        if q.start < pos:
            continue
        parts.append(text[pos : q.start])
        parts.append(f"⟦{text[q.start : q.end]}⟧")
        if q.speaker:
            parts.append(f"({q.speaker})")
        pos = q.end
    parts.append(text[pos:])
    return "".join(parts)


@click.command(cls=ReaderCommand)
@click.argument("article_id", metavar="ID", type=ID)
@click.option("--plain", is_flag=True, help="The text only, without quote marks added.")
@db_option
@click.pass_context
def show(ctx: click.Context, article_id: int, plain: bool, db: Path | None) -> None:
    """One article as plain text, its quotes marked ⟦like this⟧(Speaker)."""
    with open_store(ctx, db, read_only=True) as store:
        article = require_article(store, article_id)
        quotes = store.quotes(article_id)
    head = [safe_line(article.title) or "(untitled)"]
    meta = " · ".join(safe_line(x) for x in (article.site, article.author, article.published) if x)
    if meta:
        head.append(meta)
    head.append(safe_line(article.url or article.source))
    body = article.text if plain else marked_text(article.text, quotes)
    say("\n".join(head) + "\n\n" + safe_text(body))


COMMANDS = [add, list_, show]
