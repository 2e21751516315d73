"""The Textual app: screens on a stack (library, reader, compare), one database connection.

The app owns the store for small writes in the UI thread (each one transaction, committed before
the status line says "saved"); fetching, searching, twin finding and export run in worker
threads with their own connections.
"""

from __future__ import annotations

import os
import sys
import webbrowser
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TextIO

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tui_reader.app.screens.library import LibraryScreen
from tui_reader.app.widgets import StatusLine
from tui_reader.library.models import Tag
from tui_reader.library.store import Store
from tui_reader.paths import ConfigError, keymap, load_config


class ReaderApp(App[None]):
    """tui-reader: read news coverage side by side, see who is quoted, code passages."""

    CSS_PATH = "app.tcss"
    TITLE = "tui-reader"
    BINDINGS = [  # noqa: RUF012
        Binding("question_mark", "help", "Keys", id="app.help"),
        Binding("T", "tags", "Tags", id="app.tags"),
    ]

    def __init__(
        self,
        db_path: str | Path,
        *,
        open_compare: list[int] | None = None,
        open_article: int | None = None,
    ) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.store = Store.open(self.db_path)
        self.undo: list = []
        self._open_compare = open_compare
        self._open_article = open_article

    def on_mount(self) -> None:
        try:
            table = keymap(load_config())
        except ConfigError as exc:
            self.notify(str(exc), severity="error", markup=False)
            table = {}
        if table:
            self.set_keymap(table)
        if self._open_compare and len(self._open_compare) >= 2:
            self.open_compare(self._open_compare)
        elif self._open_compare:
            self.open_article(self._open_compare[0])
        elif self._open_article is not None:
            self.open_article(self._open_article)

    def get_default_screen(self) -> Screen:
        """The library is the bottom of the screen stack (q there quits)."""
        return LibraryScreen()

    def on_unmount(self) -> None:
        self.store.close()

    # -- the small API the screens use ---------------------------------------------------

    def say(self, message: str, *, error: bool = False) -> None:
        """Show ``message`` on the status line of the nearest screen that has one."""
        for screen in reversed(self.screen_stack):
            lines = screen.query(StatusLine)
            if lines:
                line = lines.first()
                line.say(message)
                line.set_class(error, "error")
                return

    # Screens and dialogs are imported when first used: start-up imports only the library.

    def open_article(self, article_id: int) -> None:
        from tui_reader.app.screens.reader import ReaderScreen

        self.push_screen(ReaderScreen(article_id))

    def open_compare(self, article_ids: list[int]) -> None:
        from tui_reader.app.screens.compare import CompareScreen

        self.push_screen(CompareScreen(article_ids))

    def new_tag(self, name: str) -> Tag:
        """Create a tag; it gets the first free quick key 1-9."""
        used = {t.quick_key for t in self.store.tags() if t.quick_key}
        free = next((k for k in range(1, 10) if k not in used), None)
        return self.store.create_tag(name, quick_key=free)

    def tags_changed(self) -> None:
        """Tags were renamed, merged, recoloured or deleted: redraw every open article."""
        from tui_reader.app.article_view import ArticleView
        from tui_reader.app.coding import CodingMixin

        tags = self.store.tags()
        for screen in self.screen_stack:
            for view in screen.query(ArticleView):
                if view.article is not None:
                    view.set_annotations(self.store.annotations(view.article.id), tags)
                    if isinstance(screen, CodingMixin):
                        screen.annotations_changed(view)

    def open_url(self, url: str | None) -> None:
        """Open the original in the system browser, or say why not (and copy the URL)."""
        if not url or not url.startswith(("http://", "https://")):
            self.say(f"no web address to open (the article came from {url or 'nowhere'})")
            return
        graphical = (
            sys.platform in ("darwin", "win32")
            or os.environ.get("DISPLAY")
            or os.environ.get("WAYLAND_DISPLAY")
            or os.environ.get("BROWSER")
        )
        if not graphical:
            self.copy_to_clipboard(url)
            self.say(f"cannot open a browser here (no display); copied the URL: {url}", error=True)
            return
        self._open_in_browser(url)

    @work(thread=True, group="browser")
    def _open_in_browser(self, url: str) -> None:
        try:
            opened = webbrowser.open(url)
        except webbrowser.Error:
            opened = False
        message = f"opened {url}" if opened else f"cannot open a browser for {url}"
        self.call_from_thread(self.say, message, error=not opened)

    # -- export --------------------------------------------------------------------------

    def export(
        self,
        scopes: list[tuple[str, str]],
        *,
        article_id: int | None = None,
        article_ids: list[int] | None = None,
        story: str | None = None,
    ) -> None:
        """Ask where and what, then write the CSV of SPEC.md in a worker."""
        from tui_reader.app.dialogs import ExportDialog, ExportRequest

        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        path = Path.cwd() / f"annotations-{stamp}.csv"

        def done(request: ExportRequest | None) -> None:
            if request is None:
                return
            filters: dict = {}
            if request.scope == "article":
                filters["article_id"] = article_id
            elif request.scope == "story":
                filters["story"] = story
            elif request.scope == "compare":
                filters["article_ids"] = tuple(article_ids or ())
            self.say(f"writing {request.path}…")
            self._write_export(request.path, filters)

        self.push_screen(ExportDialog(scopes, path), done)

    @work(thread=True, group="export")
    def _write_export(self, path: Path, filters: dict) -> None:
        from tui_reader.library.export import export_csv, write_atomically

        def write(out: TextIO) -> int:
            with Store.open(self.db_path, migrate=False) as store:
                return export_csv(store, out, **filters)

        try:
            rows = write_atomically(path, write, make_parents=True)
        except OSError as exc:
            self.call_from_thread(self.say, f"export failed: {exc}", error=True)
            self.call_from_thread(
                self.notify, f"export failed: {exc}", severity="error", markup=False
            )
            return
        message = f"exported {rows} annotation(s) to {path}"
        self.call_from_thread(self.say, message)
        self.call_from_thread(self.notify, message, markup=False)

    # -- help, tags, palette -------------------------------------------------------------

    def key_rows(self, screen: Screen) -> list[tuple[str, str]]:
        """(keys, description) for every binding active on ``screen``, keys of one action joined."""
        rows: dict[tuple[str, str], list[str]] = {}
        for key, active in screen.active_bindings.items():
            binding = active.binding
            description = binding.description or binding.action
            display = (
                self.get_key_display(binding)
                if binding.key_display is None
                else binding.key_display
            )
            rows.setdefault((binding.action, description), [])
            if display not in rows[(binding.action, description)]:
                rows[(binding.action, description)].append(display or key)
        return [(" ".join(keys), description) for (_, description), keys in rows.items()]

    def action_help(self) -> None:
        from tui_reader.app.dialogs import HelpScreen

        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        name = {
            "LibraryScreen": "library",
            "ReaderScreen": "reader",
            "CompareScreen": "compare",
            "TagManager": "tag manager",
        }.get(type(screen).__name__, type(screen).__name__)
        self.push_screen(HelpScreen(name, self.key_rows(screen)))

    def action_tags(self) -> None:
        from tui_reader.app.tag_manager import TagManager

        if not isinstance(self.screen, TagManager):
            self.push_screen(TagManager())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette: every key of the current screen by name, then Textual's own commands."""
        seen: set[str] = set()
        for _key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            namespace, action = active.node, binding.action
            yield SystemCommand(
                binding.description,
                f"key: {self.get_key_display(binding)}",
                lambda namespace=namespace, action=action: self.call_later(
                    self.run_action, action, namespace
                ),
            )
        yield from super().get_system_commands(screen)
