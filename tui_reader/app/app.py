"""The Textual app: a session on the library, and screens on a stack (library, reader,
compare)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from textual.app import App, SystemCommand
from textual.screen import Screen

from tui_reader.app.commands import bindings, help_text
from tui_reader.app.screens.library import LibraryScreen
from tui_reader.app.session import Session
from tui_reader.app.widgets.bars import StatusLine
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
        self.keymap_table: dict[str, str] = {}
        self._help: dict[tuple[str, str], str] = {}
        self._open_compare = open_compare
        self._open_article = open_article

    def on_mount(self) -> None:
        try:
            self.keymap_table = keymap(load_config())
        except ConfigError as exc:
            self.notify(str(exc), severity="error", markup=False)
        if self.keymap_table:
            self.set_keymap(self.keymap_table)
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

    def open_article(self, article_id: int) -> None:
        """Push the reader on an article (screens load on first use: start-up stays fast)."""
        from tui_reader.app.screens.reader import ReaderScreen

        self.push_screen(ReaderScreen(self.session, article_id))

    def open_compare(self, article_ids: list[int], at: Sequence[int | None] | None = None) -> None:
        """Push compare on the articles; ``at`` puts each column's cursor on a passage (the
        ledger's statement map opens both versions of a statement so)."""
        from tui_reader.app.screens.compare import CompareScreen

        self.push_screen(CompareScreen(self.session, article_ids, at=at))

    def say(self, message: str, *, error: bool = False) -> None:
        """Show ``message`` on the status line of the nearest screen that has one."""
        for screen in reversed(self.screen_stack):
            lines = screen.query(StatusLine)
            if lines:
                lines.first().say(message, error=error)
                return

    # -- help, tags, palette -------------------------------------------------------------

    def key_rows(self, screen: Screen) -> list[tuple[str, str, str]]:
        """(keys, command, what it does) for every binding active on ``screen``, with the keys
        the active keymap gives them."""
        rows: dict[tuple[str, str], list[str]] = {}
        for key, active in screen.active_bindings.items():
            binding = active.binding
            display = self.get_key_display(binding) or key
            keys = rows.setdefault((binding.action, binding.description or binding.action), [])
            if display not in keys:
                keys.append(display)
            self._help[(binding.action, binding.description or binding.action)] = help_text(binding)
        return [
            (" ".join(keys), label, self._help[(action, label)])
            for (action, label), keys in rows.items()
        ]

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
