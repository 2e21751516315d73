"""The one SQLite file: articles, quotes, speakers, stories, tags and annotations.

:class:`Store` is the storage layer: tables, transactions and migrations, one mixin per group of
tables. It belongs to the thread that opened it. Domain rules live beside it in the library
(speaker linking in :mod:`~tui_reader.library.speaker_links`, coding in
:mod:`~tui_reader.library.coding`, cleaning in :mod:`~tui_reader.library.textclean`).
"""

from __future__ import annotations

from tui_reader.library.store.annotations import AnnotationsMixin
from tui_reader.library.store.articles import ArticlesMixin, count_words, fts_query
from tui_reader.library.store.connection import (
    BUSY_TIMEOUT_MS,
    ReadOnlyError,
    StoreError,
    describe,
)
from tui_reader.library.store.coverage import CoverageMixin
from tui_reader.library.store.feeds import FeedsMixin
from tui_reader.library.store.speakers import SpeakersMixin
from tui_reader.library.store.stories import StoriesMixin
from tui_reader.library.timestamps import now_iso

__all__ = [
    "BUSY_TIMEOUT_MS",
    "ReadOnlyError",
    "Store",
    "StoreError",
    "count_words",
    "describe",
    "fts_query",
    "now_iso",
]


class Store(
    ArticlesMixin, FeedsMixin, StoriesMixin, SpeakersMixin, AnnotationsMixin, CoverageMixin
):
    # ArticlesMixin builds on VersionsMixin (earlier versions and the reader's state).
    """The library database. Open with :meth:`open` (or :meth:`memory`); close with
    :meth:`close`, or use it as a context manager."""
