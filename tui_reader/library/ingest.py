"""``tui-reader add``: sources in, articles stored, one result per source.

Fetching, extraction and quote finding run in worker processes (:func:`prepare` is pure and
picklable); the parent stores each result as it arrives, one transaction per article, so a kill
in the middle of a batch keeps the finished articles and leaves no half-written row.

Faults are per source: a source that cannot be read, fetched or stored (a lock held past the busy
timeout, a full disk) gets its ``failed`` line and the batch goes on. Only when several sources in
a row cannot be stored does the batch stop writing, and then every source left still gets a line
saying why. Workers die with the parent (:mod:`workers`); SIGTERM, SIGINT and SIGHUP end the batch
with :class:`IngestInterrupted`, the articles stored so far kept.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from tui_reader.library import firstuse
from tui_reader.library.extract import ExtractError, decode_html, extract_article
from tui_reader.library.fetch import FetchError, FetchOptions, fetch
from tui_reader.library.models import ExtractedArticle, IngestResult, Validators
from tui_reader.library.output import safe_line
from tui_reader.library.sources import (
    SourceError,
    check_name,
    check_url,
    kind_of,
    looks_like_url,
    os_reason,
    read_regular_file,
    stat_path,
)
from tui_reader.library.store import Store, StoreError, describe
from tui_reader.library.workers import (
    Stopped,
    inherited_objects_frozen,
    kill_workers,
    stop_on_signals,
    worker_pool,
)

if TYPE_CHECKING:
    from tui_reader.library.quotes import QuoteAnalysis
    from tui_reader.library.salience import Term

HTML_SUFFIXES = (".html", ".htm")
MAX_FILE_BYTES = FetchOptions().max_bytes
STORAGE_FAILURES_TO_STOP = 3
"""Sources in a row that could not be stored before the batch stops trying (each waited the
busy timeout, or the disk is full): the rest get a line at once instead of the same wait."""


@dataclass(slots=True)
class Prepared:
    """A source turned into an article and its quotes, ready to store."""

    source: str
    article: ExtractedArticle
    analysis: QuoteAnalysis | None
    """None for a source already in the library: its quotes are found only if its text
    changed (``save_article(..., analyse=...)``), so re-adding an unchanged page never pays
    for them."""
    validators: Validators | None = None
    """What the server sent to identify this version of the page (kept for the next fetch)."""
    terms: list[Term] | None = None
    """The article's salient terms for coverage's index, found in the worker (None: the
    writer finds them if it needs them)."""


@dataclass(slots=True)
class Failure:
    """A source that could not be turned into an article."""

    source: str
    reason: str


@dataclass(slots=True)
class NotModified:
    """A conditional fetch the server answered 304: the stored article is the page as it is."""

    source: str
    validators: Validators | None = None


@dataclass(frozen=True, slots=True)
class SourcePlan:
    """What a refresh knows of one source: the validators to ask "changed since?" with, and
    where its article goes (a feed's story, the feed it came from)."""

    validators: Validators | None = None
    story: str | None = None
    feed_id: int | None = None


def expand_sources(sources: Iterable[str]) -> list[str]:
    """URLs as given, folders as their HTML files (sorted, recursive), files as absolute paths.

    Never raises and never drops a source: a folder that cannot be listed, or that holds no HTML
    file, stays in the list as itself (and :func:`prepare` says why it gives no article); so does
    a path that cannot be looked at (missing, unreadable, a symlink loop).
    """
    expanded: list[str] = []
    for source in sources:
        source = source.strip()
        if not source:
            continue
        if looks_like_url(source):
            expanded.append(source)
            continue
        path = os.path.expanduser(source)
        try:
            st = os.stat(path)
        except (OSError, ValueError):
            expanded.append(source)
            continue
        if stat.S_ISDIR(st.st_mode):
            expanded.extend(_html_files(path) or [os.path.realpath(path)])
        else:
            expanded.append(os.path.realpath(path))
    seen: set[str] = set()
    return [s for s in expanded if not (s in seen or seen.add(s))]


def _html_files(folder: str) -> list[str]:
    """The .html/.htm entries under ``folder`` (symlinked folders not followed, so a link loop
    cannot make the walk endless), plus each sub-folder that could not be listed."""
    unreadable: list[str] = []
    found: list[str] = []
    for parent, _dirs, files in os.walk(folder, onerror=lambda e: unreadable.append(e.filename)):
        found.extend(
            os.path.join(parent, name) for name in files if name.lower().endswith(HTML_SUFFIXES)
        )
    if unreadable and os.path.realpath(unreadable[0]) == os.path.realpath(folder):
        return []  # the folder itself: prepare() gives the reason
    return [os.path.realpath(p) for p in sorted(found + unreadable)]


def read_source_list(stream: IO[str]) -> list[str]:
    """Sources from a file: one per line; blank lines and ``#`` comments skipped."""
    return [line.strip() for line in stream if line.strip() and not line.lstrip().startswith("#")]


def _read_file(source: str, options: FetchOptions) -> tuple[str, str | None]:
    check_name(source)
    path = os.path.expanduser(source)
    try:
        st = stat_path(path)
    except SourceError as exc:
        if str(exc) != "no such file":
            raise
        if source.lower().endswith(HTML_SUFFIXES) or "/" in source:
            raise FetchError("no such file") from None
        raise FetchError(
            "neither an http(s) URL nor an existing .html/.htm file or folder"
        ) from None
    if stat.S_ISDIR(st.st_mode):
        try:
            os.listdir(path)
        except OSError as exc:
            raise SourceError(f"cannot read the folder ({os_reason(exc)})") from None
        raise FetchError("a folder with no .html or .htm files")
    if not stat.S_ISREG(st.st_mode):
        raise SourceError(f"{kind_of(st.st_mode)}, not an .html file")
    if Path(path).suffix.lower() not in HTML_SUFFIXES:
        raise FetchError("not a URL or an .html/.htm file")
    return decode_html(read_regular_file(path, options.max_bytes)), None


def salient_terms(title: str | None, text: str) -> list[Term]:
    """Coverage's terms of an article (found in the worker, so the one writer only writes)."""
    from tui_reader.library.salience import salient_terms as terms_of

    return list(terms_of(title, text))


def analyse_quotes(text: str) -> QuoteAnalysis:
    """The quote engine's analysis of ``text``."""
    from tui_reader.library.quotes import analyse

    return analyse(text)


def prepare(
    source: str, options: FetchOptions | None = None, validators: Validators | None = None
) -> Prepared | Failure | NotModified:
    """Fetch or read, decode, extract and find quotes; never raises (runs in a worker).

    With ``validators`` a URL is fetched conditionally: an unchanged page is one short
    request, and :class:`NotModified`.
    """
    return _prepare(source, options, validators, find_quotes=True)


def _prepare(
    source: str,
    options: FetchOptions | None,
    validators: Validators | None,
    find_quotes: bool,
) -> Prepared | Failure | NotModified:
    """:func:`prepare`; ``find_quotes`` False for a source already stored (see Prepared)."""
    options = options or FetchOptions()
    try:
        fresh = None
        if looks_like_url(source):
            page = fetch(check_url(source), options, validators)
            if page.not_modified:
                return NotModified(source, page.validators)
            html = decode_html(page.body, page.charset)
            article = extract_article(html, source, page.final_url)
            fresh = page.validators
        else:
            html, _ = _read_file(source, options)
            article = extract_article(html, source)
        analysis = analyse_quotes(article.text) if find_quotes else None
        terms = salient_terms(article.title, article.text) if find_quotes else None
        return Prepared(source, article, analysis, fresh, terms)
    except (FetchError, ExtractError, SourceError) as exc:
        return Failure(source, str(exc))
    except OSError as exc:
        return Failure(source, f"cannot read it ({exc.strerror or exc})")
    except Exception as exc:  # one bad page must not stop a batch of hundreds
        return Failure(source, f"unexpected error ({type(exc).__name__}: {exc})")


Outcome = Prepared | Failure | NotModified


def _store(
    store: Store, outcome: Outcome, story: str | None, plan: SourcePlan | None = None
) -> IngestResult:
    if isinstance(outcome, Failure):
        return IngestResult(outcome.source, "failed", reason=outcome.reason)
    plan = plan or SourcePlan()
    story = plan.story or story
    try:
        # the article, its validators and its feed in one transaction (the inner ones are
        # savepoints): a kill between them cannot leave an item that the next refresh skips
        with store.transaction():
            if isinstance(outcome, NotModified):
                status, article_id = "unchanged", store.article_id_for(outcome.source)
                title = None
                validators = outcome.validators
            else:
                status, article_id = store.save_article(
                    outcome.article,
                    outcome.analysis,
                    None,
                    terms=outcome.terms,
                    analyse=analyse_quotes,  # a known source's, only if its text changed
                )
                title = outcome.article.title
                validators = outcome.validators or Validators()
            if validators is not None:
                store.save_validators(article_id, validators)
            if plan.feed_id is not None:
                store.link_to_feed([article_id], plan.feed_id, story)
            elif story:
                store.add_to_story(story, [article_id])
    except StoreError as exc:
        return IngestResult(outcome.source, "failed", reason=f"not stored: {exc}")
    except sqlite3.Error as exc:  # locked past the busy timeout, disk full, I/O error
        return IngestResult(outcome.source, "failed", reason=f"not stored: {describe(exc)}")
    except Exception as exc:  # a changed page's quotes, found here, fail like prepare's do
        if isinstance(outcome, NotModified) or outcome.analysis is not None:
            raise
        return IngestResult(
            outcome.source, "failed", reason=f"unexpected error ({type(exc).__name__}: {exc})"
        )
    if title is None:
        found = store.article(article_id)
        title = found.title if found is not None else None
    return IngestResult(outcome.source, status, article_id, title)


class IngestInterrupted(Exception):
    """A signal ended the batch; ``results`` are the sources reported before it."""

    def __init__(self, results: list[IngestResult], total: int, signum: int):
        self.results = results
        self.total = total
        self.signum = signum
        self.stored = sum(r.status != "failed" for r in results)
        super().__init__(
            f"interrupted: {self.stored} of {total} sources stored; the rest were not added"
        )


class _Batch:
    """Stores outcomes as they come and keeps the count of storage failures in a row."""

    def __init__(
        self,
        store: Store,
        story: str | None,
        on_result: Callable[[IngestResult], None] | None,
        plans: Mapping[str, SourcePlan] | None = None,
    ):
        self.store = store
        self.story = story
        self.plans = plans or {}
        self.on_result = on_result
        self.results: dict[str, IngestResult] = {}
        self.failures_in_a_row = 0
        self.stop_reason: str | None = None

    def done(self, outcome: Outcome) -> None:
        result = _store(self.store, outcome, self.story, self.plans.get(outcome.source))
        if not isinstance(outcome, Failure) and result.status == "failed":
            self.failures_in_a_row += 1
            if self.failures_in_a_row >= STORAGE_FAILURES_TO_STOP:
                self.stop_reason = (
                    f"not added: the batch stopped after {self.failures_in_a_row} sources in a "
                    f"row could not be stored ({(result.reason or '').removeprefix('not stored: ')})"
                )
        elif not isinstance(outcome, Failure):
            self.failures_in_a_row = 0
        self.report(result)

    def report(self, result: IngestResult) -> None:
        self.results[result.source] = result
        if self.on_result is not None:
            self.on_result(result)

    def finish(self, expanded: Sequence[str]) -> None:
        """After a stop, a line for each source not reported yet."""
        if self.stop_reason is None:
            return
        for source in expanded:
            if source not in self.results:
                self.report(IngestResult(source, "failed", reason=self.stop_reason))


def ingest(
    db_path: str | Path,
    sources: Sequence[str],
    *,
    story: str | None = None,
    jobs: int | None = None,
    options: FetchOptions | None = None,
    on_result: Callable[[IngestResult], None] | None = None,
    plans: Mapping[str, SourcePlan] | None = None,
) -> list[IngestResult]:
    """Add every source to the database; results in the order of the expanded sources.

    ``plans`` (a refresh's) give sources their validators, story and feed. Raises StoreError
    when the database cannot be opened, and :class:`IngestInterrupted` when SIGTERM, SIGINT or
    SIGHUP ends the batch (the workers are ended first).
    """
    expanded = expand_sources(sources)
    plans = plans or {}
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(expanded) or 1))
    with Store.open(db_path) as store:
        batch = _Batch(store, story, on_result, plans)
        known = set(store.known_sources(expanded))  # their quotes are found only if changed
        firstuse.prepare()  # the word lists trafilatura and htmldate would build, in place
        try:
            with stop_on_signals():
                if jobs == 1:
                    for source in expanded:
                        if batch.stop_reason is not None:
                            break
                        plan = plans.get(source)
                        validators = plan.validators if plan else None
                        batch.done(_prepare(source, options, validators, source not in known))
                else:
                    _run_pool(batch, expanded, jobs, options, known)
                batch.finish(expanded)
        except Stopped as stop:
            done = [batch.results[s] for s in expanded if s in batch.results]
            raise IngestInterrupted(done, len(expanded), stop.signum) from None
    return [batch.results[s] for s in expanded]


def _run_pool(
    batch: _Batch,
    expanded: Sequence[str],
    jobs: int,
    options: FetchOptions | None,
    known: set[str],
) -> None:
    # the workers fork from here: the quote engine is imported once, not once in each (and
    # ingest has put the word lists in place)
    import tui_reader.library.quotes  # noqa: F401

    with inherited_objects_frozen():  # (the pool's first task forks its workers)
        pool = worker_pool(jobs)
        finished = False
        try:
            futures = {
                pool.submit(
                    _prepare,
                    s,
                    options,
                    p.validators if (p := batch.plans.get(s)) else None,
                    s not in known,
                ): s
                for s in expanded
            }
            for future in as_completed(futures):
                try:
                    outcome = future.result()
                except Exception as exc:  # a worker died (killed, out of memory)
                    outcome = Failure(futures[future], f"the worker failed ({exc})")
                batch.done(outcome)
                if batch.stop_reason is not None:
                    break
            finished = batch.stop_reason is None
        finally:
            if finished:
                pool.shutdown(wait=True)
            else:  # stopped, interrupted or failed: a fetch in progress is not waited for
                kill_workers(pool)


def ingest_one(
    store: Store,
    source: str,
    *,
    story: str | None = None,
    options: FetchOptions | None = None,
    plan: SourcePlan | None = None,
) -> IngestResult:
    """Add one source in this thread (the app's "add a URL" runs this in a worker).

    Never raises for a bad source or a storage error: every failure is a ``failed`` result with
    its reason; the fetch ends within ``options.total_timeout``.
    """
    if not source.strip():
        return IngestResult(source, "failed", reason="nothing to add: give a URL or a file")
    expanded = expand_sources([source])
    if not expanded:
        return IngestResult(source, "failed", reason="nothing to add")
    validators = plan.validators if plan else None
    firstuse.prepare()
    return _store(store, prepare(expanded[0], options, validators), story, plan)


def format_result(result: IngestResult) -> str:
    """One line for the terminal: ``added: SOURCE (#12 "Title")`` or ``failed: SOURCE: why``."""
    source = safe_line(result.source)  # safe to show whatever the source or page held
    if result.status == "failed":
        return f"failed: {source}: {safe_line(result.reason)}"
    title = f' "{safe_line(result.title)}"' if result.title else ""
    return f"{result.status}: {source} (#{result.article_id}{title})"
