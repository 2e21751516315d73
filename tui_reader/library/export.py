"""Annotations out, as CSV (RFC 4180, UTF-8) or JSON, for spreadsheets, pandas and R.

Columns (SPEC.md): annotation_id, article_id, article_title, site, url, published, start, end,
passage, prefix, suffix, tags, note, speakers, created_at, updated_at, anchor. ``tags`` and
``speakers`` (the speakers of the quotes the passage overlaps) are joined with ``"; "``. ``anchor``
says how the passage sits in the article's current text (exact, moved, fuzzy, orphaned); an
orphaned row has empty offsets and the passage as coded, and the JSON keeps the words as coded
(``coded_passage``) beside the words covered now. The long shape has
one row per annotation and tag, with a ``tag`` column in place of ``tags``.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

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
) -> int:
    """Write the CSV to ``out`` (opened with ``newline=""``); returns the rows written."""
    writer = csv.writer(out, lineterminator="\r\n")
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
    """Write one JSON array (tags and speakers as lists, plus ``orphaned``); returns its length."""
    items = list(records(store, ExportFilter(tag, article_id, story)))
    json.dump(items, out, ensure_ascii=False, indent=2)
    out.write("\n")
    return len(items)


def write_atomically(
    target: Path, write: Callable[[TextIO], int], *, make_parents: bool = False
) -> int:
    """Write a file through ``write(out)`` so that it appears whole or not at all.

    The text goes to a temporary file beside ``target``, which replaces ``target`` only when
    ``write`` returned; a failure leaves no half-written file. Raises OSError with a plain
    message for a folder in the way or a missing folder (unless ``make_parents``).
    """
    if target.is_dir():
        raise OSError(f"{target} is a folder; give a file name")
    if make_parents:
        target.parent.mkdir(parents=True, exist_ok=True)
    elif not target.parent.is_dir():
        raise OSError(f"the folder {target.parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=target.suffix, dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            n = write(out)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return n
