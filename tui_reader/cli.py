"""The command line: a thin shell over the library (SPEC.md, "Command line").

Errors go to stderr as one plain sentence and a non-zero exit; never a traceback.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from tui_reader import __version__
from tui_reader.library.export import write_atomically
from tui_reader.library.store import Store, StoreError
from tui_reader.paths import default_db_path

F = TypeVar("F", bound=Callable[..., Any])


class CliError(click.ClickException):
    """A failure the user can act on; shown as one line."""

    def show(self, file: Any = None) -> None:
        click.echo(f"tui-reader: {self.format_message()}", err=True)


def db_option(f: F) -> F:
    """``--db PATH`` on the group and on every command (the command's value wins)."""
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False, path_type=Path),
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


def open_store(ctx: click.Context, db: Path | None, *, read_only: bool = False) -> Store:
    """Open the database or fail with one line. Reading commands open it read-only, so that
    a file the user cannot write to can still be read."""
    try:
        return Store.open(resolve_db(ctx, db), read_only=read_only)
    except StoreError as exc:
        raise CliError(str(exc)) from exc


def write_output(path: str, write: Callable[[Any], int]) -> int:
    """Write to stdout for ``-``, else atomically to a file (no half-written file on failure)."""
    if path == "-":
        return write(sys.stdout)
    try:
        return write_atomically(Path(path).expanduser(), write)
    except OSError as exc:
        raise CliError(str(exc)) from exc


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
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
        run_app(resolve_db(ctx, None))


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

    path = resolve_db(ctx, db)
    try:
        ids = load_demo(path)
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    run_app(path, open_compare=ids)


@cli.command()
@click.argument("sources", nargs=-1)
@click.option(
    "--from",
    "from_file",
    type=click.File("r", encoding="utf-8"),
    help="Read sources from FILE, one per line ('-' for standard input).",
)
@click.option(
    "--story",
    help="Put the articles into this story (a named group); 'auto': each into the story it "
    "clearly belongs to, if any (by coverage).",
)
@click.option("--jobs", type=click.IntRange(min=1), help="Worker processes (default: all cores).")
@click.option("--timeout", type=click.FloatRange(min=0.1), help="Seconds to wait for a server.")
@db_option
@click.pass_context
def add(
    ctx: click.Context,
    sources: tuple[str, ...],
    from_file: Any,
    story: str | None,
    jobs: int | None,
    timeout: float | None,
    db: Path | None,
) -> None:
    """Add articles: http(s) URLs, .html/.htm files or folders of them.

    One line per source: added, updated, unchanged, or failed with the reason. Exit 0 when all
    succeeded, 1 when any failed (the others are still stored).
    """
    from tui_reader.library.fetch import FetchOptions
    from tui_reader.library.ingest import expand_sources, format_result, ingest, read_source_list

    wanted = list(sources)
    if from_file is not None:
        wanted += read_source_list(from_file)
    if not wanted:
        raise CliError("nothing to add: give URLs, HTML files or folders (or --from FILE)")
    path = resolve_db(ctx, db)
    open_store(ctx, db).close()
    expanded = expand_sources(wanted)
    options = None
    if timeout is not None:
        options = FetchOptions(
            connect_timeout=timeout, read_timeout=timeout, total_timeout=timeout * 2
        )
    show_bar = sys.stderr.isatty() and len(expanded) > 1
    failed = 0
    auto = _AutoStory(path) if story == AUTO_STORY else None
    if auto is not None:
        story = None
    with click.progressbar(
        length=len(expanded), label="adding", file=sys.stderr if show_bar else open(os.devnull, "w")
    ) as bar:

        def on_result(result: Any) -> None:
            nonlocal failed
            failed += result.status == "failed"
            if show_bar:
                sys.stderr.write("\r\x1b[K")
            line = format_result(result)
            if auto is not None:
                line += auto.place(result)
            click.echo(line)
            sys.stdout.flush()
            bar.update(1)

        try:
            ingest(path, expanded, story=story, jobs=jobs, options=options, on_result=on_result)
        except KeyboardInterrupt:
            raise CliError("interrupted; the articles listed above are stored") from None
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


def _table(rows: Sequence[Sequence[Any]], headers: Sequence[str], widths: dict[int, int]) -> str:
    """A plain aligned table; column i is cut to widths[i] characters when given."""

    def cell(value: Any, i: int) -> str:
        text = "" if value is None else str(value)
        limit = widths.get(i)
        if limit and len(text) > limit:
            text = text[: limit - 1] + "…"
        return text

    cells = [[cell(v, i) for i, v in enumerate(r)] for r in [headers, *rows]]
    sizes = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    return "\n".join("  ".join(c.ljust(sizes[i]) for i, c in enumerate(r)).rstrip() for r in cells)


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
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("no articles yet: tui-reader add URL|FILE|FOLDER", err=True)
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
    click.echo(
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


def _require_article(store: Store, article_id: int) -> Any:
    article = store.article(article_id)
    if article is None:
        raise CliError(f"there is no article {article_id} (see tui-reader list)")
    return article


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
@click.argument("article_id", metavar="ID", type=int)
@click.option("--plain", is_flag=True, help="The text only, without quote marks added.")
@db_option
@click.pass_context
def show(ctx: click.Context, article_id: int, plain: bool, db: Path | None) -> None:
    """One article as plain text, its quotes marked ⟦like this⟧(Speaker)."""
    with open_store(ctx, db, read_only=True) as store:
        article = _require_article(store, article_id)
        quotes = store.quotes(article_id)
    head = [article.title or "(untitled)"]
    meta = " · ".join(x for x in (article.site, article.author, article.published) if x)
    if meta:
        head.append(meta)
    head.append(article.url or article.source)
    body = article.text if plain else marked_text(article.text, quotes)
    click.echo("\n".join(head) + "\n\n" + body)


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


def one_format(**flags: bool) -> str | None:
    """The one output format asked for; two at once is an error, not a silent choice."""
    chosen = [name for name, on in flags.items() if on]
    if len(chosen) > 1:
        raise click.UsageError(" and ".join(f"--{c}" for c in chosen) + " cannot be combined")
    return chosen[0] if chosen else None


@cli.command()
@click.argument("article_ids", metavar="[ID]...", nargs=-1, type=int)
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
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, QUOTE_CSV_FIELDS, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        for r in rows:
            mark = " (corrected)" if r["corrected"] else ""
            click.echo(
                f"#{r['id']} {r['article_id']}:{r['start']}-{r['end']}  "
                f"{r['speaker'] or '?'}{mark}: {r['text']}"
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
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in rows:
        per = ", ".join(f"#{a['article_id']}: {a['quotes']}" for a in r["articles"])
        aliases = f"  (also: {'; '.join(r['aliases'])})" if r["aliases"] else ""
        click.echo(f"#{r['id']} {r['name']} [{r['kind']}] {r['quotes']} quotes ({per}){aliases}")


@cli.command("rename-speaker")
@click.argument("speaker_id", metavar="ID", type=int)
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
    click.echo(f"speaker {speaker_id} is now {name.strip()!r}")


@cli.command("merge-speakers")
@click.argument("keep_id", metavar="KEEP", type=int)
@click.argument("other_id", metavar="OTHER", type=int)
@db_option
@click.pass_context
def merge_speakers(ctx: click.Context, keep_id: int, other_id: int, db: Path | None) -> None:
    """Make speaker OTHER part of speaker KEEP (its quotes and aliases move over)."""
    with open_store(ctx, db) as store:
        try:
            store.merge_speakers(keep_id, other_id)
        except StoreError as exc:
            raise CliError(str(exc)) from exc
    click.echo(f"speaker {other_id} merged into {keep_id}")


@cli.command()
@click.argument("quote_id", metavar="QUOTE_ID", type=int)
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
    click.echo(f"quote {quote_id} is now attributed to {who}, as your correction")


@cli.command()
@click.argument("article_ids", metavar="[ID]...", nargs=-1, type=int)
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
    click.echo(f"{len(ids)} article(s) analysed again")


@cli.command("remove-alias")
@click.argument("speaker_id", metavar="ID", type=int)
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
    click.echo(
        f"{alias.strip()!r} is no longer a name of speaker {speaker_id}; {moved} quote(s) re-linked"
    )


@cli.command()
@click.argument("article_id", metavar="ID", type=int)
@click.option("--passage", help="The exact text to annotate (must occur once in the article).")
@click.option("--start", type=int, help="Start offset (with --end).")
@click.option("--end", type=int, help="End offset (with --start).")
@click.option("--tag", "tags", multiple=True, help="A tag (repeat for several).")
@click.option("--note", default=None, help="A note.")
@click.option(
    "--note-file",
    type=click.File("r", encoding="utf-8", errors="strict"),
    help="Read the note from FILE ('-' for standard input).",
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
    note_file: Any,
    db: Path | None,
) -> None:
    """Make an annotation without the app (scripts, bulk coding). New tags get the next free
    quick key, as in the app."""
    from tui_reader.library import coding

    if (passage is None) == (start is None and end is None):
        raise CliError("give either --passage TEXT or --start S --end E")
    if passage is None and (start is None or end is None):
        raise CliError("--start and --end go together")
    if note is not None and note_file is not None:
        raise CliError("give the note as --note TEXT or --note-file FILE, not both")
    if note_file is not None:
        try:
            note = note_file.read()
        except UnicodeDecodeError as exc:
            raise CliError(f"the note file is not UTF-8 text ({exc.reason})") from None
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
    tag_text = f" [{'; '.join(ann.tags)}]" if ann.tags else ""
    click.echo(
        f"saved annotation #{ann.id} on article {article_id} at {ann.start}-{ann.end}{tag_text}"
    )
    for tag in made:
        key = f" on quick key {tag.quick_key}" if tag.quick_key else ""
        click.echo(f"new tag {tag.name!r}{key}", err=True)


@cli.command()
@click.argument("path", default="-", metavar="[PATH | -]")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv")
@click.option("--tag", help="Only annotations with this tag.")
@click.option("--article", "article_id", type=int, help="Only this article's annotations.")
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
                store, out, tag=tag, article_id=article_id, story=story, long=long_, raw=raw
            )

        n = write_output(path, write)
    if path != "-":
        click.echo(f"{n} rows written to {path}", err=True)


def _open_indexing(ctx: click.Context, db: Path | None) -> Store:
    """Open for a reading command that may first index older articles (coverage): with write
    access when the file allows it, else read-only."""
    try:
        return Store.open(resolve_db(ctx, db))
    except StoreError:
        return open_store(ctx, db, read_only=True)


def coverage_dict(c: Any) -> dict[str, Any]:
    """A coverage row for ``--json`` (SPEC.md: id, title, site, published, score, shared)."""
    return {
        "id": c.id,
        "title": c.title,
        "site": c.site,
        "published": c.published,
        "score": c.score,
        "shared": {
            "people": c.shared.people,
            "statements": [
                {"here": s.here, "there": s.there, "kind": s.kind, "similarity": s.similarity}
                for s in c.shared.statements
            ],
            "names": c.shared.names,
            "days_apart": c.shared.days_apart,
        },
        "parts": c.parts,
    }


@cli.command()
@click.argument("article_id", metavar="ID", type=int)
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

    with _open_indexing(ctx, db) as store:
        _require_article(store, article_id)
        try:
            found = find_coverage(store, article_id, limit=limit)
        except StoreError as exc:
            raise CliError(str(exc)) from exc
    if as_json:
        click.echo(json.dumps([coverage_dict(c) for c in found], ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo(f"no other article in the library reports the story of #{article_id}", err=True)
        return
    for c in found:
        facts = " · ".join(x for x in (c.site, c.published) if x)
        click.echo(
            f"#{c.id}  {c.score:.2f}  {c.title or '(untitled)'}" + (f"  ({facts})" if facts else "")
        )
        click.echo(f"      {c.shared.summary()}")


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
        click.echo(json.dumps(ledger_json(found), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        write = write_statements_csv if statements else write_speakers_csv
        write(found, sys.stdout, raw=raw)
    else:
        click.echo(ledger_text(found))


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


def main(argv: Sequence[str] | None = None) -> None:
    """The console script: one-line errors, no tracebacks."""
    try:
        code = cli.main(args=argv, prog_name="tui-reader", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("tui-reader: aborted", err=True)
        sys.exit(130)
    except CliError as exc:
        exc.show()
        sys.exit(1)
    except click.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx else "tui-reader"
        click.echo(f"tui-reader: {exc.format_message()} (see {where} --help)", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        click.echo(f"tui-reader: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except (StoreError, sqlite3.Error, OSError) as exc:
        click.echo(f"tui-reader: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("tui-reader: interrupted", err=True)
        sys.exit(130)
    if isinstance(code, int) and code:  # ctx.exit(1) returns 1 when not standalone
        sys.exit(code)
