"""The Textual app: a session on the library, and screens on a stack (library, reader,
compare)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from textual import on
from textual.app import App, SystemCommand
from textual.screen import Screen

from tui_reader.app import commands
from tui_reader.app.commands import bindings, help_text
from tui_reader.app.messages import OpenArticle, OpenCompare, OpenCoverage, OpenDiff, OpenLedger
from tui_reader.app.screens.library import LibraryScreen
from tui_reader.app.session import Session
from tui_reader.paths import ConfigError, keymap, load_config


class ReaderApp(App[None]):
    """tui-reader: read news coverage side by side, see who is quoted, code passages."""

    CSS_PATH = "app.tcss"
    TITLE = "tui-reader"
    BINDINGS = bindings("app.")

    def __init__(
        self,
        db_path: str | Path,
        *,
        open_compare: list[int] | None = None,
        open_article: int | None = None,
    ) -> None:
        super().__init__()
        self.session = Session(db_path, owner=self)

        self._open_compare = open_compare
        self._open_article = open_article

    def on_mount(self) -> None:
        table: dict[str, str] = {}
        try:
            table = keymap(load_config())
        except ConfigError as exc:
            self.notify(str(exc), severity="error", markup=False)
        commands.use_keymap(self, table)
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
        return LibraryScreen(self.session)

    def on_unmount(self) -> None:
        self.session.close()

    # -- where to go: screens post these messages, the app pushes the screen ---------------
    # (screens are imported on first use, so start-up stays fast and no screen imports another)

    def open_article(self, article_id: int, at: int | None = None) -> None:
        from tui_reader.app.screens.reader import ReaderScreen

        self.push_screen(ReaderScreen(self.session, article_id, at=at))

    def open_compare(self, article_ids: list[int], at: Sequence[int | None] | None = None) -> None:
        from tui_reader.app.screens.compare import CompareScreen

        self.push_screen(CompareScreen(self.session, article_ids, at=at))

    @on(OpenArticle)
    def _open_article(self, message: OpenArticle) -> None:
        self.open_article(message.article_id, message.at)

    @on(OpenCompare)
    def _open_compare(self, message: OpenCompare) -> None:
        self.open_compare(message.article_ids, message.at)

    @on(OpenLedger)
    def _open_ledger(self, message: OpenLedger) -> None:
        from tui_reader.app.screens.ledger import LedgerScreen

        self.push_screen(LedgerScreen(self.session, message.story, message.article_ids))

    @on(OpenCoverage)
    def _open_coverage(self, message: OpenCoverage) -> None:
        from tui_reader.app.screens.coverage import CoverageScreen

        self.push_screen(CoverageScreen(self.session, message.article))

    @on(OpenDiff)
    def _open_diff(self, message: OpenDiff) -> None:
        from tui_reader.app.screens.diff import DiffScreen

        self.push_screen(DiffScreen(self.session, message.article_id))

    # -- help, tags, palette -------------------------------------------------------------

    def key_rows(self, screen: Screen) -> list[tuple[str, str, str]]:
        """(keys, command, what it does) for every binding active on ``screen``, with the keys
        the active keymap gives them."""
        rows: dict[tuple[str, str], list[str]] = {}
        helps: dict[tuple[str, str], str] = {}
        for key, active in screen.active_bindings.items():
            binding = active.binding
            display = self.get_key_display(binding) or key
            row = (binding.action, binding.description or binding.action)
            keys = rows.setdefault(row, [])
            if display not in keys:
                keys.append(display)
            helps[row] = help_text(binding)
        return [(" ".join(keys), row[1], helps[row]) for row, keys in rows.items()]

    def action_help(self) -> None:
        from tui_reader.app.screens.help import HelpScreen

        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        title = getattr(screen, "HELP_TITLE", "") or type(screen).__name__
        self.push_screen(HelpScreen(title, self.key_rows(screen)))

    def action_tags(self) -> None:
        from tui_reader.app.screens.tag_manager import TagManager

        if not isinstance(self.screen, TagManager):
            self.push_screen(TagManager(self.session))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette: every command of the current screen by name, then Textual's own."""
        seen: set[str] = set()
        for _key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            namespace, action = active.node, binding.action
            yield SystemCommand(
                binding.description,
                f"{help_text(binding)} · key: {self.get_key_display(binding)}",
                lambda namespace=namespace, action=action: self.call_later(
                    self.run_action, action, namespace
                ),
            )
        yield from super().get_system_commands(screen)
