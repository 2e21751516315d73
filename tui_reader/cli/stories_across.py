"""A story across outlets: ``coverage`` and the ``ledger``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from tui_reader.cli.kit import (
    ID,
    ReaderCommand,
    checked_db,
    db_option,
    one_format,
    open_store,
    require_article,
    say,
    store_errors,
    table,
)
from tui_reader.library.output import safe_json
from tui_reader.library.store import Store, StoreError


def _open_indexing(ctx: click.Context, db: Path | None) -> Store:
    """Open for a reading command that may first index older articles (coverage): with write
    access when the file allows it, else read-only."""
    path = checked_db(ctx, db)  # the path as every command takes it: ~ expanded, folder checked
    try:
        return Store.open(path)
    except StoreError:
        return open_store(ctx, db, read_only=True)


@click.command(cls=ReaderCommand)
@click.argument("article_id", metavar="ID", type=ID)
@click.option("--json", "as_json", is_flag=True, help="One JSON array on stdout.")
@click.option("--limit", type=click.IntRange(min=1), default=10, help="At most this many.")
@db_option
@click.pass_context
def coverage(
    ctx: click.Context, article_id: int, as_json: bool, limit: int, db: Path | None
) -> None:
    """The other articles that report the same story as ID, best first, with a score (0-1) and
    what they share: people quoted in both, statements in both, names, dates."""
    from tui_reader.library.coverage import coverage as find_coverage
    from tui_reader.library.coverage import coverage_json

    with _open_indexing(ctx, db) as store:
        require_article(store, article_id)
        with store_errors():
            found = find_coverage(store, article_id, limit=limit)
    if as_json:
        say(safe_json([coverage_json(c) for c in found]))
        return
    if not found:
        say(f"no other article in the library reports the story of #{article_id}", err=True)
        return
    for c in found:
        facts = " · ".join(x for x in (c.site, c.published) if x)
        say(
            f"#{c.id}  {c.score:.2f}  {c.title or '(untitled)'}" + (f"  ({facts})" if facts else "")
        )
        say(f"      {c.shared.summary()}")


@click.command(cls=ReaderCommand)
@click.argument("story")
@click.option("--json", "as_json", is_flag=True, help="One JSON object on stdout.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV: one row per speaker and article.")
@click.option(
    "--statements",
    is_flag=True,
    help="With --csv: the statement map instead, one row per statement and article.",
)
@click.option("--raw", is_flag=True, help="No leading ' before cells that look like formulas.")
@db_option
@click.pass_context
def ledger(
    ctx: click.Context,
    story: str,
    as_json: bool,
    as_csv: bool,
    statements: bool,
    raw: bool,
    db: Path | None,
) -> None:
    """Who is quoted in STORY's articles: per speaker and article the quotes, words quoted,
    share of the article's quoted words and where the first quote is (first_at: the share of
    the text before it); then each statement and how every outlet carries it (verbatim,
    trimmed, reworded, missing)."""
    from tui_reader.library.ledger import (
        build_ledger,
        ledger_json,
        write_speakers_csv,
        write_statements_csv,
    )

    fmt = one_format(json=as_json, csv=as_csv)
    if statements and fmt != "csv":
        raise click.UsageError("--statements goes with --csv (the JSON has the statements)")
    with open_store(ctx, db, read_only=True) as store, store_errors():
        found = build_ledger(store, story)
    if fmt == "json":
        say(safe_json(ledger_json(found)))
    elif fmt == "csv":
        write = write_statements_csv if statements else write_speakers_csv
        write(found, sys.stdout, raw=raw)
    else:
        say(ledger_text(found))


def ledger_text(found: Any) -> str:
    """The ledger for a terminal: the speaker rows as a table, then the statements."""
    outlets = {
        o.article_id: f"#{o.article_id} {o.site or o.title or ''}".strip() for o in found.articles
    }
    lines = [
        f"“{found.story}”: {len(found.articles)} article(s), "
        f"{len({r.speaker_id for r in found.speakers if r.speaker_id is not None})} speaker(s) "
        f"quoted, {len(found.statements)} statement(s)",
        "",
        table(
            [
                [
                    r.speaker or "(unattributed)",
                    outlets[r.article_id],
                    r.quotes,
                    r.words,
                    f"{r.share:.0%}",
                    f"{r.first_at:.0%}",
                    f"{r.statements} ({r.statements - r.shared_statements} alone)",
                    ", ".join(f"#{a}" for a in r.also_quoted_in) or "-",
                    ", ".join(f"#{a}" for a in r.named_in) or "-",
                ]
                for r in found.speakers
            ],
            [
                "speaker",
                "article",
                "quotes",
                "words",
                "share",
                "first at",
                "statements",
                "also quoted in",
                "named in",
            ],
            {0: 36, 1: 30},
        ),
        "",
        "statements: how each article carries them",
    ]
    for n, s in enumerate(found.statements, start=1):
        text = s.text if len(s.text) <= 90 else s.text[:89] + "…"
        lines.append(f"{n:3}. {s.speaker or '(unattributed)'}: “{text}”")
        lines.append(
            "     "
            + " · ".join(
                f"#{v.article_id} {v.kind}"
                + ("" if v.quoted or v.kind == "missing" else " (reported)")
                for v in s.versions
            )
        )
    return "\n".join(lines)


COMMANDS = [coverage, ledger]
