"""Annotations out, as CSV (RFC 4180, UTF-8) or JSON, for spreadsheets, pandas and R.

Columns (SPEC.md): annotation_id, article_id, article_title, site, url, published, start, end,
passage, prefix, suffix, tags, note, speakers, created_at, updated_at, anchor. ``tags`` and
``speakers`` (the speakers of the quotes the passage overlaps) are joined with ``"; "``. ``anchor``
says how the passage sits in the article's current text (exact, moved, fuzzy, orphaned); an
orphaned row has empty offsets and the passage as coded, and the JSON keeps the words as coded
(``coded_passage``) beside the words covered now. The long shape has
one row per annotation and tag, with a ``tag`` column in place of ``tags``.

An export is data: a file holds the stored text as it is (which the store cleaned when it was
written). On standard output, which may be a terminal, CSV cells are made terminal-safe (only a
database written by another tool can hold control characters) and JSON writes such characters as
``\\u`` escapes, which parse back to the same text. :func:`write_atomically` is the one writer for
every target: see there.
"""

from __future__ import annotations

import csv
import errno
import os
import secrets
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from tui_reader.library.output import safe_json, safe_text
from tui_reader.library.sources import kind_of, os_reason
from tui_reader.library.store import Store

COLUMNS = [
    "annotation_id",
    "article_id",
    "article_title",
    "site",
    "url",
    "published",
    "start",
    "end",
    "passage",
    "prefix",
    "suffix",
    "tags",
    "note",
    "speakers",
    "created_at",
    "updated_at",
    "anchor",
]
LONG_COLUMNS = [c if c != "tags" else "tag" for c in COLUMNS]

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard_cell(value: Any) -> Any:
    """Defuse a cell a spreadsheet would run as a formula, by a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


@dataclass(frozen=True, slots=True)
class ExportFilter:
    """Which annotations to export; all of them when every field is None."""

    tag: str | None = None
    article_id: int | None = None
    story: str | None = None
    article_ids: tuple[int, ...] | None = None
    """Only these articles (the compare view's columns)."""


def records(store: Store, flt: ExportFilter = ExportFilter()) -> Iterator[dict[str, Any]]:
    """One dict per annotation, with lists for tags and speakers."""
    articles: dict[int, dict[str, Any]] = {}
    quotes_by_article: dict[int, list[tuple[int, int, str]]] = {}
    for ann in store.annotations(flt.article_id, tag=flt.tag, story=flt.story):
        if flt.article_ids is not None and ann.article_id not in flt.article_ids:
            continue
        if ann.article_id not in articles:
            found = store.article_summaries(ids=[ann.article_id])
            meta = found[0] if found else None
            articles[ann.article_id] = {
                "title": meta.title if meta else None,
                "site": meta.site if meta else None,
                "url": meta.url if meta else None,
                "published": meta.published if meta else None,
            }
            quotes_by_article[ann.article_id] = [
                (q.start, q.end, q.speaker) for q in store.quotes(ann.article_id) if q.speaker
            ]
        meta = articles[ann.article_id]
        speakers: list[str] = []
        if not ann.orphaned:
            for start, end, speaker in quotes_by_article[ann.article_id]:
                if start < ann.end and end > ann.start and speaker not in speakers:
                    speakers.append(speaker)
        placed = not ann.orphaned
        yield {
            "annotation_id": ann.id,
            "article_id": ann.article_id,
            "article_title": meta["title"] or "",
            "site": meta["site"] or "",
            "url": meta["url"] or "",
            "published": meta["published"] or "",
            "start": ann.start if placed else None,
            "end": ann.end if placed else None,
            "passage": ann.passage if placed else ann.coded_words,
            "coded_passage": ann.coded_words,
            "prefix": ann.prefix,
            "suffix": ann.suffix,
            "tags": list(ann.tags),
            "note": ann.note,
            "speakers": speakers,
            "created_at": ann.created_at,
            "updated_at": ann.updated_at,
            "anchor": ann.anchor,
            "orphaned": ann.orphaned,
            "coded_on_version": ann.version,
        }


def export_csv(
    store: Store,
    out: TextIO,
    *,
    tag: str | None = None,
    article_id: int | None = None,
    story: str | None = None,
    long: bool = False,
    raw: bool = False,
    article_ids: tuple[int, ...] | None = None,
    terminal_safe: bool = False,
) -> int:
    """Write the CSV to ``out`` (opened with ``newline=""``); returns the rows written.
    ``terminal_safe`` (standard output) takes control characters out of the cells."""
    writer = _SafeWriter(out) if terminal_safe else csv.writer(out, lineterminator="\r\n")
    writer.writerow(LONG_COLUMNS if long else COLUMNS)
    rows = 0
    for rec in records(store, ExportFilter(tag, article_id, story, article_ids)):
        flat = {**rec, "speakers": "; ".join(rec["speakers"])}
        flat["start"] = "" if rec["start"] is None else rec["start"]
        flat["end"] = "" if rec["end"] is None else rec["end"]
        if long:
            for one in rec["tags"] or [""]:
                if tag is not None and one.casefold() != tag.strip().casefold():
                    continue
                cells = [{**flat, "tag": one}[c] for c in LONG_COLUMNS]
                writer.writerow(cells if raw else [guard_cell(v) for v in cells])
                rows += 1
        else:
            flat["tags"] = "; ".join(rec["tags"])
            cells = [flat[c] for c in COLUMNS]
            writer.writerow(cells if raw else [guard_cell(v) for v in cells])
            rows += 1
    return rows


def export_json(
    store: Store,
    out: TextIO,
    *,
    tag: str | None = None,
    article_id: int | None = None,
    story: str | None = None,
) -> int:
    """Write one JSON array (tags and speakers as lists, plus ``orphaned``); returns its length.
    Characters a terminal would act on are ``\\u`` escapes (the same data once parsed)."""
    items = list(records(store, ExportFilter(tag, article_id, story)))
    out.write(safe_json(items))
    out.write("\n")
    return len(items)


class _SafeWriter:
    """A csv writer whose text cells are terminal-safe (newlines and tabs in a cell are kept)."""

    def __init__(self, out: TextIO):
        self._writer = csv.writer(out, lineterminator="\r\n")

    def writerow(self, cells: list[Any]) -> None:
        self._writer.writerow([safe_text(c) if isinstance(c, str) else c for c in cells])


class ExportError(OSError):
    """An export target that cannot be written; the message is one plain sentence."""


STDOUT_NAMES = ("-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")
TERMINAL_NAMES = ("/dev/stderr", "/dev/fd/2", "/proc/self/fd/2", "/dev/tty", "/dev/fd/0")


def is_stdout(name: str | Path) -> bool:
    """``-`` and the names of standard output, which are written to the stream itself (not
    opened: ``/dev/stdout`` redirected to a file would otherwise be truncated or replaced)."""
    return str(name) in STDOUT_NAMES


def write_atomically(
    target: str | Path,
    write: Callable[[TextIO], int],
    *,
    make_parents: bool = False,
    stdout: TextIO | None = None,
) -> int:
    """Write an export through ``write(out)`` to what ``target`` names; returns what ``write``
    returned. The one writer of the CLI and the app:

    - ``-`` and ``/dev/stdout``: ``stdout`` (refused when None, as in the app, which owns the
      terminal; so are ``/dev/stderr`` and ``/dev/tty`` there);
    - a regular file (or a symlink to one, which is kept): replaced atomically by a file written
      beside it, so it appears whole or not at all, with the file's own permissions, or for a new
      file those the user's umask gives;
    - a FIFO or a character device (``/dev/null``, a terminal): written through, never replaced;
      a FIFO nobody reads from is refused instead of waited on;
    - a folder, a missing folder (unless ``make_parents``), a read-only file or folder, a block
      device, a socket, a symlink loop: :class:`ExportError` with one plain sentence.
    """
    name = str(target)
    if is_stdout(name) or (stdout is None and name in TERMINAL_NAMES):
        if stdout is None:
            raise ExportError(f"{name} is the terminal; export to a file")
        return write(stdout)
    path = Path(name).expanduser()
    try:
        st: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        st = None  # a new file, or a symlink to one that does not exist yet
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {os_reason(exc)}") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise ExportError(f"{path} is a folder; give a file name")
    if st is not None and not stat.S_ISREG(st.st_mode):
        if stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode):
            return _write_through(path, write)
        raise ExportError(f"{path} is {kind_of(st.st_mode)}; give a file name")
    real = Path(os.path.realpath(path))  # through a symlink to its target; the link stays
    if make_parents:
        try:
            real.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ExportError(f"cannot make the folder {real.parent}: {os_reason(exc)}") from None
    elif not real.parent.is_dir():
        raise ExportError(f"the folder {real.parent} does not exist")
    if st is not None and not os.access(real, os.W_OK):
        raise ExportError(f"{path} is read-only")
    return _replace(real, write, None if st is None else stat.S_IMODE(st.st_mode))


def _replace(real: Path, write: Callable[[TextIO], int], mode: int | None) -> int:
    tmp = real.parent / f".{real.name}.{secrets.token_hex(4)}.tmp"
    try:
        # 0o666 through the kernel's umask, as any new file; mkstemp would give 0600
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise ExportError(
                f"cannot write in the folder {real.parent} ({os_reason(exc)})"
            ) from None
        raise ExportError(f"cannot write {real}: {os_reason(exc)}") from None
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            n = write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, real)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, ExportError):
            raise ExportError(f"{real} was not written: {os_reason(exc)}") from None
        raise
    return n


def _write_through(path: Path, write: Callable[[TextIO], int]) -> int:
    try:
        # O_NONBLOCK: a FIFO without a reader fails at once (ENXIO) instead of waiting for one
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise ExportError(f"nothing is reading from {path}") from None
        raise ExportError(f"cannot write {path}: {os_reason(exc)}") from None
    try:
        os.set_blocking(fd, True)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            return write(out)
    except OSError as exc:
        if isinstance(exc, ExportError):
            raise
        raise ExportError(f"writing to {path} failed: {os_reason(exc)}") from None
