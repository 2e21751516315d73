"""Quotes and speakers, and the user's word on them: ``quotes``, ``speakers``,
``rename-speaker``, ``merge-speakers``, ``attribute``, ``remove-alias``, ``reanalyse``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tui_reader.cli.kit import (
    ID,
    CliError,
    ReaderCommand,
    db_option,
    one_format,
    open_store,
    require_article,
    say,
    store_errors,
)
from tui_reader.library.output import safe_json, safe_line, safe_text
from tui_reader.library.textclean import clean_line

QUOTE_FIELDS = [
    "id",
    "article_id",
    "start",
    "end",
    "text",
    "speaker",
    "speaker_id",
    "cue",
    "corrected",
]
QUOTE_CSV_FIELDS = [
    "article_id",
    "start",
    "end",
    "text",
    "speaker",
    "cue",
    "id",
    "speaker_id",
    "corrected",
]
"""SPEC's columns first (article_id .. cue), then the ids and the correction flag."""


@click.command(cls=ReaderCommand)
@click.argument("article_ids", metavar="[ID]...", nargs=-1, type=ID)
@click.option("--json", "as_json", is_flag=True, help="One JSON array on stdout.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV with a header row.")
@db_option
@click.pass_context
def quotes(
    ctx: click.Context,
    article_ids: tuple[int, ...],
    as_json: bool,
    as_csv: bool,
    db: Path | None,
) -> None:
    """Detected direct quotations: id, article_id, start, end, text, speaker, speaker_id, cue,
    corrected (1 when the speaker is your correction)."""
    import csv

    fmt = one_format(json=as_json, csv=as_csv)
    with open_store(ctx, db, read_only=True) as store:
        ids = list(article_ids)
        for article_id in ids:
            require_article(store, article_id)
        found = [q for i in ids for q in store.quotes(i)] if ids else store.quotes()
    rows = [{k: getattr(q, k) for k in QUOTE_FIELDS} for q in found]
    if fmt == "json":
        say(safe_json(rows))
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, QUOTE_CSV_FIELDS, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(
            {k: safe_text(v) if isinstance(v, str) else v for k, v in r.items()} for r in rows
        )
    else:
        for r in rows:
            mark = " (corrected)" if r["corrected"] else ""
            say(
                f"#{r['id']} {r['article_id']}:{r['start']}-{r['end']}  "
                f"{safe_line(r['speaker']) or '?'}{mark}: {safe_line(r['text'])}"
            )


@click.command(cls=ReaderCommand)
@click.option("--json", "as_json", is_flag=True, help="One JSON array on stdout.")
@db_option
@click.pass_context
def speakers(ctx: click.Context, as_json: bool, db: Path | None) -> None:
    """Canonical speakers with their ids, aliases and quote counts per article."""
    with open_store(ctx, db, read_only=True) as store:
        found = store.speakers()
    rows = [
        {
            "id": s.id,
            "name": s.name,
            "kind": s.kind,
            "aliases": s.aliases,
            "quotes": sum(s.quotes_per_article.values()),
            "articles": [
                {"article_id": a, "quotes": n} for a, n in sorted(s.quotes_per_article.items())
            ],
        }
        for s in found
    ]
    if as_json:
        say(safe_json(rows))
        return
    for r in rows:
        per = ", ".join(f"#{a['article_id']}: {a['quotes']}" for a in r["articles"])
        names = "; ".join(safe_line(a) for a in r["aliases"])
        aliases = f"  (also: {names})" if r["aliases"] else ""
        say(
            f"#{r['id']} {safe_line(r['name'])} [{safe_line(r['kind'])}] {r['quotes']} quotes "
            f"({per}){aliases}"
        )


@click.command("rename-speaker", cls=ReaderCommand)
@click.argument("speaker_id", metavar="ID", type=ID)
@click.argument("name")
@db_option
@click.pass_context
def rename_speaker(ctx: click.Context, speaker_id: int, name: str, db: Path | None) -> None:
    """Give speaker ID the name you want shown (later imports keep it)."""
    with open_store(ctx, db) as store, store_errors():
        store.rename_speaker(speaker_id, name)
    say(f"speaker {speaker_id} is now {clean_line(name)!r}")


@click.command("merge-speakers", cls=ReaderCommand)
@click.argument("keep_id", metavar="KEEP", type=ID)
@click.argument("other_id", metavar="OTHER", type=ID)
@db_option
@click.pass_context
def merge_speakers(ctx: click.Context, keep_id: int, other_id: int, db: Path | None) -> None:
    """Make speaker OTHER part of speaker KEEP (its quotes and aliases move over)."""
    with open_store(ctx, db) as store, store_errors():
        store.merge_speakers(keep_id, other_id)
    say(f"speaker {other_id} merged into {keep_id}")


@click.command(cls=ReaderCommand)
@click.argument("quote_id", metavar="QUOTE_ID", type=ID)
@click.argument("name", required=False)
@click.option("--none", "nobody", is_flag=True, help="The quote has no speaker.")
@db_option
@click.pass_context
def attribute(
    ctx: click.Context, quote_id: int, name: str | None, nobody: bool, db: Path | None
) -> None:
    """Correct the speaker of one quote (ids from `quotes --json`): NAME joins the speaker of
    that name or alias, else makes one; --none says nobody. Your correction survives
    re-analysis and re-fetching."""
    if nobody == (name is not None):
        raise CliError("give a speaker NAME or --none")
    with open_store(ctx, db) as store, store_errors():
        quote = store.attribute(quote_id, None if nobody else name)
    who = f"{quote.speaker} (speaker {quote.speaker_id})" if quote.speaker else "nobody"
    say(f"quote {quote_id} is now attributed to {safe_line(who)}, as your correction")


@click.command(cls=ReaderCommand)
@click.argument("article_ids", metavar="[ID]...", nargs=-1, type=ID)
@click.option("--all", "every", is_flag=True, help="Every article, not only outdated ones.")
@db_option
@click.pass_context
def reanalyse(
    ctx: click.Context, article_ids: tuple[int, ...], every: bool, db: Path | None
) -> None:
    """Find the quotes and speakers of stored articles again with this version's engine.

    With no ID, the articles an older engine analysed. Your corrections stay.
    """
    from tui_reader.library.ingest import analyse_quotes

    with open_store(ctx, db) as store:
        if article_ids and every:
            raise CliError("give article IDs or --all, not both")
        ids = list(article_ids) or (store.article_ids() if every else store.outdated_articles())
        for article_id in ids:
            article = require_article(store, article_id)
            with store_errors():
                store.reanalyse(article_id, analyse_quotes(article.text))
    say(f"{len(ids)} article(s) analysed again")


@click.command("remove-alias", cls=ReaderCommand)
@click.argument("speaker_id", metavar="ID", type=ID)
@click.argument("alias")
@db_option
@click.pass_context
def remove_alias(ctx: click.Context, speaker_id: int, alias: str, db: Path | None) -> None:
    """Take a wrong name off speaker ID (see `speakers`); its quotes are linked again."""
    with open_store(ctx, db) as store, store_errors():
        moved = store.remove_alias(speaker_id, alias)
    say(
        f"{clean_line(alias)!r} is no longer a name of speaker {speaker_id}; "
        f"{moved} quote(s) re-linked"
    )


COMMANDS = [quotes, speakers, rename_speaker, merge_speakers, attribute, reanalyse, remove_alias]
