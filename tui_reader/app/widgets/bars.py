"""One-line bars shared by the screens: the status line, the key bar, the speaker legend and the
article header.

Everything that comes from the database (titles, names, notes) is drawn as ``rich.text.Text``
made by :func:`~tui_reader.app.widgets.safe.plain`, never as markup and never with a control
character in it, whatever wrote the database.
"""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from tui_reader.app.colours import speaker_colour
from tui_reader.app.commands import key_for
from tui_reader.app.widgets.safe import plain, safe
from tui_reader.library.models import Article, StoredQuote


class StatusLine(Static):
    """One line above the footer: "saved", what is under the cursor, what just happened."""

    DEFAULT_CSS = """
    StatusLine { height: 1; padding: 0 1; background: $panel; color: $text-muted; }
    StatusLine.error { color: $text-error; }
    """

    message = ""
    """What the line says now."""

    def say(self, message: str, *, error: bool = False) -> None:
        self.message = message
        self.set_class(error, "error")
        self.update(Text(safe(message), no_wrap=True, overflow="ellipsis"))


class Legend(Static):
    """The speakers of an article in their colours, with their quote counts."""

    DEFAULT_CSS = """
    Legend { height: auto; max-height: 4; padding: 0 1; background: $boost; }
    """

    def show_quotes(
        self, quotes: list[StoredQuote], colours: dict[int | None, str] | None = None
    ) -> None:
        colours = colours or {}
        counts: Counter[tuple[int | None, str]] = Counter(
            (q.speaker_id, q.speaker or "unattributed") for q in quotes
        )
        text = Text(no_wrap=False)
        if not counts:
            text.append("no quotes found", style="italic")
        for i, ((speaker_id, name), n) in enumerate(counts.most_common()):
            colour = colours.get(speaker_id) or speaker_colour(speaker_id)
            if i:
                text.append("  ")
            text.append("■ ", style=colour)
            text.append(safe(name), style=f"bold {colour}" if speaker_id else f"italic {colour}")
            text.append(f" {n}")
        self.update(text)


class ArticleHeader(Static):
    """Title, outlet, author, date and URL of an article."""

    DEFAULT_CSS = """
    ArticleHeader { height: auto; max-height: 4; padding: 0 1; background: $primary-background; }
    """

    def show_article(self, article: Article, *, compact: bool = False) -> None:
        text = plain(article.title or "(untitled)", style="bold")
        facts = [
            article.site,
            article.author,
            article.published,
            f"{article.words:,} words" if article.words else None,
        ]
        line = " · ".join(f for f in facts if f)
        if line:
            text.append("\n" + safe(line), style="italic")
        if not compact and (article.url or article.source):
            text.append("\n" + safe(article.url or article.source), style="dim")
        self.update(text)


class KeyBar(Widget):
    """The footer: the main keys of what has focus, drawn as one line of text.

    Textual's ``Footer`` mounts a widget per key and recomposes on every focus change, which
    costs more than the rest of the library screen at start-up; this draws the same hints (and
    runs a key's action when clicked) with a single line. Keys show as the active keymap has
    them.
    """

    DEFAULT_CSS = """
    KeyBar { height: 1; dock: bottom; background: $footer-background; color: $footer-foreground; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, str, object]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        self._spans = []
        seen: set[str] = set()
        palette_key = self.app.COMMAND_PALETTE_BINDING
        colour = self.app.theme_variables.get("footer-key-foreground", "#ffa62b")
        key_style = f"bold {colour}"
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if not binding.show or binding.action in seen or key == palette_key:
                continue
            seen.add(binding.action)
            start = len(text)
            text.append(f" {self.app.get_key_display(binding)} ", style=key_style)
            text.append(f"{binding.description} ", style="dim" if not active.enabled else "")
            self._spans.append((start, len(text), binding.action, active.node))
        palette = self.app.get_key_display(Binding(palette_key, "command_palette"))
        text.append(f" {palette} ", style=key_style)
        text.append("palette")
        return text

    async def _on_click(self, event: events.Click) -> None:
        for start, end, action, node in self._spans:
            if start <= event.x < end:
                await self.app.run_action(action, node)  # type: ignore[arg-type]
                return


class KeyHint(Static):
    """A line of key hints under a dialog, with the keys the active keymap gives them.

    Each part is plain text ("enter apply") or ``(what, command_id, ...)``, shown as the
    commands' keys then ``what`` ("esc cancel"; "^n ^b choose" after a remap).
    """

    DEFAULT_CSS = """
    KeyHint { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, *parts: str | tuple[str, ...], id: str | None = None) -> None:
        super().__init__(id=id, classes="hint")
        self.parts = parts

    def on_mount(self) -> None:
        shown = []
        for part in self.parts:
            if isinstance(part, str):
                shown.append(part)
            else:
                what, *ids = part
                shown.append(" ".join(key_for(self, i) for i in ids) + f" {what}")
        self.update(Text(" · ".join(shown)))
