"""What workers send back to the screens: one dataclass message per kind of result.

Workers post these from their threads (``post_message`` is thread-safe); a worker that fails
raises instead, and the handler every screen inherits (``SessionScreen``) turns that into one
status message. The ``Open…`` messages are screens asking the app to push another screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from tui_reader.library.models import ArticleSummary, IngestResult

if TYPE_CHECKING:
    from tui_reader.app.session import ArticleDiff, FollowReport, Outcome
    from tui_reader.library.coverage import Covering
    from tui_reader.library.following import Refreshed
    from tui_reader.library.ledger import Ledger


@dataclass
class RowsLoaded(Message):
    """The library's rows for a story or a search."""

    rows: list[ArticleSummary]
    announce: bool


@dataclass
class PageAdded(Message):
    """The app's "add a URL" finished (stored, unchanged or failed)."""

    result: IngestResult


@dataclass
class ExportWritten(Message):
    """An export file was written."""

    path: Path
    rows: int


@dataclass
class TwinsFound(Message):
    """Passages that report the same words, per pair of compare columns."""

    pairs: dict[tuple[int, int], list[tuple[int, int, int, int]]]


@dataclass
class BrowserOpened(Message):
    """The system browser was asked to open a URL."""

    url: str
    opened: bool


@dataclass
class DiffReady(Message):
    """An article's last two versions compared (None: it has one version)."""

    diff: ArticleDiff | None


@dataclass
class FeedFollowed(Message):
    """``F`` finished: the feed followed and its items fetched, or why not."""

    outcome: Outcome[FollowReport]


@dataclass
class FeedsRefreshed(Message):
    """``R`` finished: every feed fetched, the new items added (or why not)."""

    outcome: Outcome[Refreshed]


@dataclass
class LedgerBuilt(Message):
    """The ledger of a story (or of the articles on a compare screen)."""

    ledger: Ledger


@dataclass
class CoverageFound(Message):
    """The articles that report the same story as ``article_id``, best first."""

    article_id: int
    found: list[Covering]


# -- where to go: screens ask, the app pushes (so no screen imports another) ----------------


@dataclass
class OpenArticle(Message):
    """Open the reader on an article, with the cursor at ``at`` (else where the user left)."""

    article_id: int
    at: int | None = None


@dataclass
class OpenCompare(Message):
    """Open compare on two to four articles; ``at`` puts each column's cursor on a passage."""

    article_ids: list[int]
    at: list[int | None] | None = None


@dataclass
class OpenLedger(Message):
    """Open the ledger of a story (or, with no story, of these articles)."""

    story: str | None
    article_ids: list[int] | None = None


@dataclass
class OpenCoverage(Message):
    """Open the list of articles that report the same story as this one."""

    article: ArticleSummary


@dataclass
class OpenDiff(Message):
    """Open what the last re-fetch changed in an article."""

    article_id: int
