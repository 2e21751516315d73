"""What every screen of the app shares: the session, the status line, key hints, export and
opening the original in a browser."""

from __future__ import annotations

import os
import sys
import webbrowser
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from tui_reader.app import commands
from tui_reader.app.layout import fit_middle
from tui_reader.app.messages import BrowserOpened, ExportWritten
from tui_reader.app.session import Outcome, Session, error_text
from tui_reader.app.widgets.bars import StatusLine
from tui_reader.library.export import ExportFilter
from tui_reader.paths import export_dir


class SessionScreen(Screen[None]):
    """A screen that works on the library through the session."""

    HELP_TITLE: ClassVar[str] = ""
    """What the help screen calls this screen."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    # -- the status line -----------------------------------------------------------------

    def say(self, message: str, *, error: bool = False) -> None:
        """Show ``message`` on this screen's status line."""
        lines = self.query(StatusLine)
        if lines:
            lines.first().say(message, error=error)

    def show(self, outcome: Outcome[object]) -> bool:
        """Say what a session verb did; True when it succeeded."""
        self.say(outcome.text, error=outcome.error)
        return outcome.ok

    def key(self, command_id: str) -> str:
        """The key of a command as it shows now (remapped keys show remapped)."""
        return commands.key_for(self, command_id)

    def hint(self, *command_ids: str) -> str:
        """Key hints for the status line: ``"] next quote · v select"``."""
        return commands.hint(self, *command_ids)

    def status_width(self) -> int:
        lines = self.query(StatusLine)
        return max(20, (lines.first().size.width if lines else self.size.width) - 2)

    # -- background work -----------------------------------------------------------------

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        """The one place a failed worker of any screen is reported: one message in words,
        never a traceback, and the app goes on. (Worker state changes do not bubble, so every
        screen inherits this handler.)"""
        if event.state != WorkerState.ERROR:
            return
        worker = event.worker
        doing = f"{worker.description or worker.group} failed"
        text = error_text(worker.error or RuntimeError("unknown error"), doing=doing)
        self.say(text, error=True)
        self.app.notify(text, severity="error", markup=False)

    # -- export --------------------------------------------------------------------------

    def export_annotations(
        self,
        scopes: list[tuple[str, str]],
        *,
        article_id: int | None = None,
        article_ids: list[int] | None = None,
        story: str | None = None,
    ) -> None:
        """Ask where and what, then write the CSV of SPEC.md in a worker."""
        from tui_reader.app.screens.dialogs import ExportDialog, ExportRequest

        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        path = export_dir() / f"annotations-{stamp}.csv"

        def done(request: ExportRequest | None) -> None:
            if request is None:
                return
            filters = ExportFilter()  # "all"
            if request.scope == "article":
                filters = ExportFilter(article_id=article_id)
            elif request.scope == "story":
                filters = ExportFilter(story=story)
            elif request.scope == "compare":
                filters = ExportFilter(article_ids=tuple(article_ids or ()))
            self.say(f"writing {request.path}…")
            self._export(request.path, filters)

        self.app.push_screen(ExportDialog(scopes, path), done)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export", description="export")
    def _export(self, path: Path, filters: ExportFilter) -> None:
        self.post_message(ExportWritten(path, self.session.export(path, filters)))

    @on(ExportWritten)
    def _exported(self, message: ExportWritten) -> None:
        text = f"exported {message.rows} annotation(s) to {message.path}"
        self.say(text)
        self.app.notify(text, markup=False)

    # -- the original in a browser -------------------------------------------------------

    def open_url(self, url: str | None) -> None:
        """Open the original in the system browser, or say why not (and copy the URL)."""
        if not url or not url.startswith(("http://", "https://")):
            where = fit_middle(url or "nowhere", self.status_width() - 50)
            self.say(f"no web address to open (the article came from {where})")
            return
        graphical = (
            sys.platform in ("darwin", "win32")
            or os.environ.get("DISPLAY")
            or os.environ.get("WAYLAND_DISPLAY")
            or os.environ.get("BROWSER")
        )
        if not graphical:
            self.app.copy_to_clipboard(url)
            prefix = "no browser here; copied the URL "
            shown = fit_middle(url, self.status_width() - len(prefix))
            self.say(prefix + shown, error=True)
            return
        self._open_in_browser(url)

    @work(thread=True, exclusive=True, exit_on_error=False, group="browser", description="browser")
    def _open_in_browser(self, url: str) -> None:
        try:
            opened = webbrowser.open(url)
        except webbrowser.Error:
            opened = False
        self.post_message(BrowserOpened(url, opened))

    @on(BrowserOpened)
    def _browser_opened(self, message: BrowserOpened) -> None:
        shown = fit_middle(message.url, self.status_width() - 30)
        if message.opened:
            self.say(f"opened {shown}")
        else:
            self.say(f"cannot open a browser for {shown}", error=True)
