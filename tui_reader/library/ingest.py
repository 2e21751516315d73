"""``tui-reader add``: sources in, articles stored, one result per source.

Fetching, extraction and quote finding run in worker processes (:func:`prepare` is pure and
picklable); the parent stores each result as it arrives, one transaction per article, so a kill
in the middle of a batch keeps the finished articles and leaves no half-written row.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from tui_reader.library.extract import ExtractError, decode_html, extract_article
from tui_reader.library.fetch import FetchError, FetchOptions, fetch, is_url
from tui_reader.library.models import ExtractedArticle, IngestResult
from tui_reader.library.store import Store, StoreError

HTML_SUFFIXES = (".html", ".htm")
MAX_FILE_BYTES = FetchOptions().max_bytes


@dataclass(slots=True)
class Prepared:
    """A source turned into an article and its quotes, ready to store."""

    source: str
    article: ExtractedArticle
    analysis: Any


@dataclass(slots=True)
class Failure:
    """A source that could not be turned into an article."""

    source: str
    reason: str


def expand_sources(sources: Iterable[str]) -> list[str]:
    """URLs as given, folders as their HTML files (sorted, recursive), files as absolute paths."""
    expanded: list[str] = []
    for source in sources:
        source = source.strip()
        if not source:
            continue
        if is_url(source):
            expanded.append(source)
            continue
        path = Path(source).expanduser()
        if path.is_dir():
            expanded.extend(
                str(p.resolve())
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in HTML_SUFFIXES
            )
        elif path.exists():
            expanded.append(str(path.resolve()))
        else:
            expanded.append(source)
    seen: set[str] = set()
    return [s for s in expanded if not (s in seen or seen.add(s))]


def read_source_list(stream: IO[str]) -> list[str]:
    """Sources from a file: one per line; blank lines and ``#`` comments skipped."""
    return [line.strip() for line in stream if line.strip() and not line.lstrip().startswith("#")]


def _read_file(source: str, options: FetchOptions) -> tuple[str, str | None]:
    path = Path(source)
    if not path.exists():
        if "://" in source or source.lower().startswith(("http:", "https:", "www.")):
            raise FetchError("not a valid http(s) URL")
        if source.lower().endswith(HTML_SUFFIXES) or "/" in source:
            raise FetchError("no such file")
        raise FetchError("neither an http(s) URL nor an existing .html/.htm file or folder")
    if path.is_dir():
        raise FetchError("a folder with no .html or .htm files")
    if path.suffix.lower() not in HTML_SUFFIXES:
        raise FetchError("not a URL or an .html/.htm file")
    size = path.stat().st_size
    if size > options.max_bytes:
        raise FetchError(f"larger than the {options.max_bytes // (1024 * 1024)} MB limit")
    return decode_html(path.read_bytes()), None


def analyse_quotes(text: str) -> Any:
    """The quote engine's analysis of ``text``."""
    from tui_reader.library.quotes import analyse

    return analyse(text)


def prepare(source: str, options: FetchOptions | None = None) -> Prepared | Failure:
    """Fetch or read, decode, extract and find quotes; never raises (runs in a worker)."""
    return _prepare(source, options, find_quotes=True)


def _prepare(source: str, options: FetchOptions | None, find_quotes: bool) -> Prepared | Failure:
    options = options or FetchOptions()
    try:
        if is_url(source):
            page = fetch(source, options)
            html = decode_html(page.body, page.charset)
            article = extract_article(html, source, page.final_url)
        else:
            html, _ = _read_file(source, options)
            article = extract_article(html, source)
        analysis = analyse_quotes(article.text) if find_quotes else None
        return Prepared(source, article, analysis)
    except (FetchError, ExtractError) as exc:
        return Failure(source, str(exc))
    except OSError as exc:
        return Failure(source, f"cannot read it ({exc.strerror or exc})")
    except Exception as exc:  # one bad page must not stop a batch of hundreds
        return Failure(source, f"unexpected error ({type(exc).__name__}: {exc})")


class _QuotesOnDemand:
    """The quote engine's analysis of a text, run when first asked for.

    For a source already in the library: ``save_article`` asks for the quotes only when the
    text changed (or the article has none yet), so re-adding an unchanged page never pays for
    them; a changed one has them found here, in the parent, inside its transaction.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._analysis: Any = None

    def _get(self) -> Any:
        if self._analysis is None:
            self._analysis = analyse_quotes(self._text)
        return self._analysis

    @property
    def quotes(self) -> Any:
        return self._get().quotes

    @property
    def speakers(self) -> Any:
        return self._get().speakers


def _known_sources(store: Store, sources: Sequence[str]) -> set[str]:
    """Those of ``sources`` already in the library (their workers skip quote finding)."""
    known: set[str] = set()
    for i in range(0, len(sources), 500):  # SQLite's limit on parameters is 999 or more
        chunk = sources[i : i + 500]
        marks = ", ".join("?" * len(chunk))
        rows = store.conn.execute(f"SELECT source FROM articles WHERE source IN ({marks})", chunk)
        known.update(row[0] for row in rows)
    return known


def _store(store: Store, outcome: Prepared | Failure, story: str | None) -> IngestResult:
    if isinstance(outcome, Failure):
        return IngestResult(outcome.source, "failed", reason=outcome.reason)
    try:
        analysis = outcome.analysis
        if analysis is None:
            analysis = _QuotesOnDemand(outcome.article.text)
        status, article_id = store.save_article(outcome.article, analysis, story)
    except StoreError as exc:
        return IngestResult(outcome.source, "failed", reason=str(exc))
    except Exception as exc:  # a changed page's quotes, found here, like prepare's
        if outcome.analysis is not None:
            raise
        return IngestResult(
            outcome.source, "failed", reason=f"unexpected error ({type(exc).__name__}: {exc})"
        )
    return IngestResult(outcome.source, status, article_id, outcome.article.title)


def ingest(
    db_path: str | Path,
    sources: Sequence[str],
    *,
    story: str | None = None,
    jobs: int | None = None,
    options: FetchOptions | None = None,
    on_result: Callable[[IngestResult], None] | None = None,
) -> list[IngestResult]:
    """Add every source to the database; results in the order of the expanded sources."""
    expanded = expand_sources(sources)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(expanded) or 1))
    results: dict[str, IngestResult] = {}
    with Store.open(db_path) as store:

        def done(outcome: Prepared | Failure) -> None:
            result = _store(store, outcome, story)
            results[outcome.source] = result
            if on_result is not None:
                on_result(result)

        known = _known_sources(store, expanded)
        if jobs == 1:
            for source in expanded:
                done(_prepare(source, options, source not in known))
        else:
            # the workers fork from here: the quote engine imported once, not once in each
            import tui_reader.library.quotes  # noqa: F401

            with ProcessPoolExecutor(max_workers=jobs) as pool:
                futures = {pool.submit(_prepare, s, options, s not in known): s for s in expanded}
                try:
                    for future in as_completed(futures):
                        try:
                            outcome = future.result()
                        except Exception as exc:  # a worker died (killed, out of memory)
                            outcome = Failure(futures[future], f"the worker failed ({exc})")
                        done(outcome)
                except BaseException:
                    for future in futures:
                        future.cancel()
                    raise
    return [results[s] for s in expanded]


def ingest_one(
    store: Store, source: str, *, story: str | None = None, options: FetchOptions | None = None
) -> IngestResult:
    """Add one source in this thread (the app's "add a URL" runs this in a worker)."""
    expanded = expand_sources([source])
    if not expanded:
        return IngestResult(source, "failed", reason="nothing to add")
    return _store(store, prepare(expanded[0], options), story)


def format_result(result: IngestResult) -> str:
    """One line for the terminal: ``added: SOURCE (#12 "Title")`` or ``failed: SOURCE: why``."""
    if result.status == "failed":
        return f"failed: {result.source}: {result.reason}"
    title = f' "{result.title}"' if result.title else ""
    return f"{result.status}: {result.source} (#{result.article_id}{title})"
