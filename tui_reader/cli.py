"""The command line: a thin shell over the library (SPEC.md, "Command line").

Errors go to stderr as one plain sentence and a non-zero exit; never a traceback. Every text
shown goes through :mod:`tui_reader.library.output` (whatever the database holds, no control
character reaches the terminal); every path and URL a user gives is checked by
:mod:`tui_reader.library.sources`; every id is an :class:`IdType`.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from tui_reader import __version__, cli_follow, cli_stories
from tui_reader.clikit import (
    DEFAULT_TIMEOUT,
    ID,
    OFFSET,
    CliError,
    ReadableText,
    ReaderGroup,
    SecondsType,
    complain,
    db_option,
    one_format,
    open_store,
    resolve_db,
    say,
    write_output,
)
from tui_reader.clikit import checked_db as _checked_db
from tui_reader.clikit import require_article as _require_article
from tui_reader.clikit import table as _table
from tui_reader.library.export import is_stdout
from tui_reader.library.output import safe_json, safe_line, safe_text
from tui_reader.library.store import Store, StoreError, describe
from tui_reader.library.textclean import clean_line


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
        run_app(_checked_db(ctx, None))


def run_app(path: Path, *, open_compare: list[int] | None = None) -> None:
    """Start the Textual app (imported here so that the other commands start fast)."""
    try:
        Store.open(path).close()  # a clear error before the screen switches
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    from tui_reader.app.app import ReaderApp

    ReaderApp(path, open_compare=open_compare).run()


@cli.command()
@db_option
@click.pass_context
def demo(ctx: click.Context, db: Path | None) -> None:
    """Load the bundled sample story (idempotent) and open its articles side by side."""
    from tui_reader.library.demo import load_demo

    path = _checked_db(ctx, db)
    try:
        ids = load_demo(path)
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    run_app(path, open_compare=ids)


@cli.command()
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

    from tui_reader.library.fetch import FetchOptions
    from tui_reader.library.ingest import (
        IngestInterrupted,
        expand_sources,
        format_result,
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
    if story is not None and not clean_line(story):
        raise click.BadParameter("a story name cannot be empty", param_hint="'--story'")
    path = _checked_db(ctx, db)
    open_store(ctx, db).close()
    expanded = expand_sources(wanted)
    options = FetchOptions.with_deadline(timeout) if timeout is not None else None
    show_bar = sys.stderr.isatty() and len(expanded) > 1
    failed = 0
    auto = _AutoStory(path) if story == AUTO_STORY else None
    if auto is not None:
        story = None
    with (
        open(os.devnull, "w") as devnull,
        click.progressbar(
            length=len(expanded), label="adding", file=sys.stderr if show_bar else devnull
        ) as bar,
    ):

        def on_result(result: Any) -> None:
            nonlocal failed
            failed += result.status == "failed"
            if show_bar:
                sys.stderr.write("\r\x1b[K")
            line = format_result(result)
            if auto is not None:
                line += auto.place(result)
            say(line)
            sys.stdout.flush()
            bar.update(1)

        try:
            ingest(path, expanded, story=story, jobs=jobs, options=options, on_result=on_result)
        except IngestInterrupted as exc:
            if show_bar:
                sys.stderr.write("\r\x1b[K")
            complain(exc)
            ctx.exit(128 + exc.signum)
        except StoreError as exc:
            raise CliError(str(exc)) from None
        finally:
            if auto is not None:
                auto.close()
    if failed:
        ctx.exit(1)


AUTO_STORY = "auto"
"""``add --story auto``: each new article into the story coverage says it belongs to."""


class _AutoStory:
    """``add --story auto``: after each article is stored, the story it clearly belongs to."""

    def __init__(self, path: Path) -> None:
        self.store = Store.open(path)

    def place(self, result: Any) -> str:
        """Put a stored article into its story; what to add to its result line."""
        from tui_reader.library.coverage import story_for

        if result.article_id is None or result.status == "failed":
            return ""
        try:
            name = story_for(self.store, result.article_id)
            if name is None:
                return " · no story (none clearly fits)"
            self.store.add_to_story(name, [result.article_id])
        except StoreError as exc:
            return f" · no story ({exc})"
        return f" · story “{name}”"

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


@cli.command("list")
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
    say(
        _table(
            [[r[k] for k in keys] for r in rows],
            [
                "id",
                "title",
                "site",
                "author",
                "published",
                "words",
                "quotes",
                "notes",
                "url",
                "source",
            ],
            {1: 50, 2: 24, 3: 24, 8: 60, 9: 60},
        )
    )


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


@cli.command()
@click.argument("article_id", metavar="ID", type=ID)
@click.option("--plain", is_flag=True, help="The text only, without quote marks added.")
@db_option
@click.pass_context
def show(ctx: click.Context, article_id: int, plain: bool, db: Path | None) -> None:
    """One article as plain text, its quotes marked ⟦like this⟧(Speaker)."""
    with open_store(ctx, db, read_only=True) as store:
        article = _require_article(store, article_id)
        quotes = store.quotes(article_id)
    head = [safe_line(article.title) or "(untitled)"]
    meta = " · ".join(safe_line(x) for x in (article.site, article.author, article.published) if x)
    if meta:
        head.append(meta)
    head.append(safe_line(article.url or article.source))
    body = article.text if plain else marked_text(article.text, quotes)
    say("\n".join(head) + "\n\n" + safe_text(body))


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


@cli.command()
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
            _require_article(store, article_id)
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


@cli.command()
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


@cli.command("rename-speaker")
@click.argument("speaker_id", metavar="ID", type=ID)
@click.argument("name")
@db_option
@click.pass_context
def rename_speaker(ctx: click.Context, speaker_id: int, name: str, db: Path | None) -> None:
    """Give speaker ID the name you want shown (later imports keep it)."""
    with open_store(ctx, db) as store:
        try:
            store.rename_speaker(speaker_id, name)
        except StoreError as exc:
            raise CliError(str(exc)) from exc
    say(f"speaker {speaker_id} is now {clean_line(name)!r}")


@cli.command("merge-speakers")
@click.argument("keep_id", metavar="KEEP", type=ID)
@click.argument("other_id", metavar="OTHER", type=ID)
@db_option
@click.pass_context
def merge_speakers(ctx: click.Context, keep_id: int, other_id: int, db: Path | None) -> None:
    """Make speaker OTHER part of speaker KEEP (its quotes and aliases move over)."""
    with open_store(ctx, db) as store:
        try:
            store.merge_speakers(keep_id, other_id)
        except StoreError as exc:
            raise CliError(str(exc)) from exc
    say(f"speaker {other_id} merged into {keep_id}")


@cli.command()
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
    with open_store(ctx, db) as store:
        try:
            quote = store.attribute(quote_id, None if nobody else name)
        except StoreError as exc:
            raise CliError(str(exc)) from exc
    who = f"{quote.speaker} (speaker {quote.speaker_id})" if quote.speaker else "nobody"
    say(f"quote {quote_id} is now attributed to {safe_line(who)}, as your correction")


@cli.command()
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
            article = _require_article(store, article_id)
            try:
                store.reanalyse(article_id, analyse_quotes(article.text))
            except StoreError as exc:
                raise CliError(str(exc)) from exc
    say(f"{len(ids)} article(s) analysed again")


@cli.command("remove-alias")
@click.argument("speaker_id", metavar="ID", type=ID)
@click.argument("alias")
@db_option
@click.pass_context
def remove_alias(ctx: click.Context, speaker_id: int, alias: str, db: Path | None) -> None:
    """Take a wrong name off speaker ID (see `speakers`); its quotes are linked again."""
    with open_store(ctx, db) as store:
        try:
            moved = store.remove_alias(speaker_id, alias)
        except StoreError as exc:
            raise CliError(str(exc)) from exc
    say(
        f"{clean_line(alias)!r} is no longer a name of speaker {speaker_id}; "
        f"{moved} quote(s) re-linked"
    )


@cli.command()
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
        article = _require_article(store, article_id)
        try:
            if passage is not None:
                target = coding.find_passage(article.text, passage)
            else:
                assert start is not None and end is not None
                target = coding.Passage(start, end)
            ann, made = coding.annotate(store, article_id, target, tags=tags, note=note or "")
        except StoreError as exc:
            raise CliError(f"{exc} (article {article_id})") from exc
    tag_text = f" [{'; '.join(safe_line(t) for t in ann.tags)}]" if ann.tags else ""
    say(f"saved annotation #{ann.id} on article {article_id} at {ann.start}-{ann.end}{tag_text}")
    for tag in made:
        key = f" on quick key {tag.quick_key}" if tag.quick_key else ""
        say(f"new tag {safe_line(tag.name)!r}{key}", err=True)


@cli.command()
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
            _require_article(store, article_id)
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


def _open_indexing(ctx: click.Context, db: Path | None) -> Store:
    """Open for a reading command that may first index older articles (coverage): with write
    access when the file allows it, else read-only."""
    try:
        return Store.open(resolve_db(ctx, db))
    except StoreError:
        return open_store(ctx, db, read_only=True)


@cli.command()
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
        _require_article(store, article_id)
        try:
            found = find_coverage(store, article_id, limit=limit)
        except StoreError as exc:
            raise CliError(str(exc)) from exc
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


@cli.command()
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
    with open_store(ctx, db, read_only=True) as store:
        try:
            found = build_ledger(store, story)
        except StoreError as exc:
            raise CliError(str(exc)) from exc
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
        _table(
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


cli_follow.register(cli)
cli.add_command(cli_stories.story)


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
