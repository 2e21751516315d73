"""Every command of the app, defined once: its binding id, default keys, action, footer label
and help text. Bindings, the footer, the help screen, the command palette and every key hint
in a message are made from this table, so a key remapped in ``config.toml`` shows as remapped
everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from textual.binding import Binding

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode


@dataclass(frozen=True, slots=True)
class Command:
    """One command: ``id`` is the keymap id (``view.tag``), ``label`` the footer's word and the
    hint's phrase, ``help`` the sentence in the help screen and the palette."""

    id: str
    keys: str
    action: str
    label: str
    help: str
    show: bool = False
    priority: bool = False

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.label,
            show=self.show,
            id=self.id,
            tooltip=self.help,
            priority=self.priority,
        )


_TABLE: tuple[Command, ...] = (
    # -- everywhere
    Command("app.help", "question_mark", "help", "Keys", "list every key of this screen", True),
    Command(
        "app.tags", "T", "tags", "Tags", "open the tag manager: rename, merge, colours, keys", True
    ),
    # -- library
    Command("library.open", "enter", "open", "Open", "open the article under the cursor", True),
    Command("library.down", "down,j", "move(1)", "Down", "next article"),
    Command("library.up", "up,k", "move(-1)", "Up", "previous article"),
    Command("library.top", "g,home", "edge(0)", "Top", "first article"),
    Command("library.bottom", "G,end", "edge(1)", "Bottom", "last article"),
    Command("library.half_down", "ctrl+d", "half_page(1)", "Half page down", "half a page down"),
    Command("library.half_up", "ctrl+u", "half_page(-1)", "Half page up", "half a page up"),
    Command("library.page_down", "pagedown", "page(1)", "Page down", "a page down"),
    Command("library.page_up", "pageup", "page(-1)", "Page up", "a page up"),
    Command("library.quit", "q", "quit", "Quit", "quit tui-reader", True),
    Command("library.mark", "space", "mark", "Mark", "mark the article for compare", True),
    Command(
        "library.compare",
        "c",
        "compare",
        "Compare",
        "compare the marked articles side by side",
        True,
    ),
    Command("library.search", "slash", "search", "Search", "search titles, texts and notes", True),
    Command("library.add", "a", "add", "Add URL", "add a page by URL or file path", True),
    Command("library.delete", "d", "delete", "Delete", "delete the article (asks first)", True),
    Command("library.stories", "f", "stories", "Stories", "filter by story", True),
    Command(
        "library.add_to_story",
        "S",
        "add_to_story",
        "To story",
        "put the marked articles into a story",
    ),
    Command("library.export", "e", "export", "Export", "export annotations to CSV", True),
    Command("library.open_url", "o", "open_url", "Open URL", "open the original in a browser"),
    Command(
        "library.who",
        "W",
        "who",
        "Who is quoted",
        "the ledger of the story (the one chosen, else the article's): who is quoted, how much, "
        "and which statements each outlet carries",
        True,
    ),
    Command(
        "library.coverage",
        "C",
        "coverage",
        "Coverage",
        "the other articles that report the article's story; mark some and make a story of them",
        True,
    ),
    Command("library.escape", "escape", "escape", "Close search", "close the search"),
    Command(
        "library.sort",
        "s",
        "sort",
        "Sort",
        "sort by date, site, title, words or quotes (cycles)",
        True,
    ),
    Command(
        "library.toggle_read", "N", "toggle_read", "Read/unread", "mark the article read or unread"
    ),
    Command(
        "library.remove_from_story",
        "X",
        "remove_from_story",
        "Out of story",
        "take the article out of the story shown",
    ),
    Command(
        "library.follow",
        "F",
        "follow",
        "Follow",
        "follow a feed (RSS, Atom, JSON Feed, or a site's page) and fetch its items",
    ),
    Command(
        "library.refresh",
        "R",
        "refresh",
        "Refresh",
        "fetch every followed feed and add the new items",
    ),
    # -- the story and feed list beside the library
    Command("stories.down", "j", "cursor_down", "Down", "next story or feed"),
    Command("stories.up", "k", "cursor_up", "Up", "previous story or feed"),
    Command("stories.rename", "r", "rename", "Rename", "rename the story under the cursor", True),
    Command(
        "stories.delete",
        "d",
        "delete",
        "Delete",
        "delete the story, or stop following the feed (its articles stay)",
        True,
    ),
    # -- reading and coding (reader and compare)
    Command("view.down", "down,j", "move_line(1)", "Down", "cursor a line down"),
    Command("view.up", "up,k", "move_line(-1)", "Up", "cursor a line up"),
    Command("view.right", "right,l", "move_char(1)", "Right", "cursor a character right"),
    Command("view.left", "left,h", "move_char(-1)", "Left", "cursor a character left"),
    Command("view.word_next", "w", "move_word(1)", "Next word", "cursor to the next word"),
    Command(
        "view.word_previous", "b", "move_word(-1)", "Previous word", "cursor to the previous word"
    ),
    Command(
        "view.select_down",
        "shift+down",
        "extend_line(1)",
        "Select down",
        "extend the selection a line down",
    ),
    Command(
        "view.select_up",
        "shift+up",
        "extend_line(-1)",
        "Select up",
        "extend the selection a line up",
    ),
    Command(
        "view.select_right",
        "shift+right",
        "extend_char(1)",
        "Select right",
        "extend the selection right",
    ),
    Command(
        "view.select_left",
        "shift+left",
        "extend_char(-1)",
        "Select left",
        "extend the selection left",
    ),
    Command("view.top", "g,home", "top", "Top", "cursor to the top"),
    Command("view.bottom", "G,end", "bottom", "Bottom", "cursor to the bottom"),
    Command("view.half_down", "ctrl+d", "half_page(1)", "Half page down", "half a page down"),
    Command("view.half_up", "ctrl+u", "half_page(-1)", "Half page up", "half a page up"),
    Command("view.page_down", "pagedown", "page(1)", "Page down", "a page down"),
    Command("view.page_up", "pageup", "page(-1)", "Page up", "a page up"),
    Command("view.select", "v", "toggle_selection", "Select", "start or end a selection", True),
    Command(
        "view.next_quote",
        "right_square_bracket",
        "quote(1)",
        "Next quote",
        "jump to the next quote",
        True,
    ),
    Command(
        "view.prev_quote",
        "left_square_bracket",
        "quote(-1)",
        "Prev quote",
        "jump to the previous quote",
    ),
    Command(
        "view.next_note",
        "right_curly_bracket",
        "annotation(1)",
        "Next note",
        "jump to the next annotation",
    ),
    Command(
        "view.prev_note",
        "left_curly_bracket",
        "annotation(-1)",
        "Prev note",
        "jump to the previous annotation",
    ),
    Command(
        "view.tag",
        "t",
        "tag",
        "Tag",
        "tag the selection, or the annotation or quote under the cursor",
        True,
    ),
    Command(
        "view.note",
        "n",
        "note",
        "Note",
        "write a note on the selection, or edit the note under the cursor",
        True,
    ),
    Command("view.delete", "x", "delete", "Delete note", "delete the annotation under the cursor"),
    Command("view.undo", "u", "undo", "Undo delete", "undo the last delete"),
    Command(
        "view.attribute",
        "a",
        "attribute",
        "Speaker",
        "correct who said the quote under the cursor",
        True,
    ),
    *(
        Command(
            f"view.quick{n}",
            str(n),
            f"quick({n})",
            f"Quick tag {n}",
            f"apply the tag on quick key {n}",
        )
        for n in range(1, 10)
    ),
    Command("view.escape", "escape", "escape", "Back", "cancel the selection, else go back"),
    # -- reader
    Command("reader.back", "q", "back", "Back", "back to the library", True),
    Command(
        "reader.diff", "D", "diff", "Changes", "what the last re-fetch changed, word by word", True
    ),
    Command("reader.export", "e", "export", "Export", "export annotations to CSV", True),
    Command("reader.open_url", "o", "open_url", "Open URL", "open the original in a browser", True),
    Command(
        "reader.panel",
        "p",
        "toggle_panel",
        "Panel",
        "show or hide the panel of annotations and quotes",
        True,
    ),
    # -- the reader's panel
    Command(
        "panel.jump",
        "enter",
        "select",
        "Jump there",
        "jump to the row's place in the article",
        True,
    ),
    Command("panel.down", "down,j", "move(1)", "Down", "next row"),
    Command("panel.up", "up,k", "move(-1)", "Up", "previous row"),
    Command("panel.top", "g,home", "edge(0)", "Top", "first row"),
    Command("panel.bottom", "G,end", "edge(1)", "Bottom", "last row"),
    # -- the diff view
    Command("diff.back", "q,escape", "back", "Back", "back to the article", True),
    Command("diff.down", "down,j", "scroll_lines(1)", "Down", "scroll a line down"),
    Command("diff.up", "up,k", "scroll_lines(-1)", "Up", "scroll a line up"),
    Command(
        "diff.next",
        "right_square_bracket",
        "change(1)",
        "Next change",
        "jump to the next change",
        True,
    ),
    Command(
        "diff.previous",
        "left_square_bracket",
        "change(-1)",
        "Prev change",
        "jump to the previous change",
        True,
    ),
    Command("diff.page_down", "pagedown,space", "scroll_lines(20)", "Page down", "a page down"),
    Command("diff.page_up", "pageup", "scroll_lines(-20)", "Page up", "a page up"),
    # -- compare
    Command("compare.back", "q", "back", "Back", "back to the library", True),
    Command("compare.twin", "s", "twin", "Twin", "jump to the same words in another column", True),
    Command(
        "compare.link", "L", "link", "Link scroll", "scroll the columns together, or apart", True
    ),
    Command("compare.export", "e", "export", "Export", "export annotations to CSV", True),
    Command("compare.open_url", "o", "open_url", "Open URL", "open the focused article's original"),
    Command(
        "compare.who",
        "W",
        "who",
        "Who is quoted",
        "the ledger of these articles (their story's when they share one)",
        True,
    ),
    # -- the ledger: who is quoted, and the statement map
    Command("ledger.back", "q,escape", "back", "Back", "back to where you came from", True),
    Command(
        "ledger.sort",
        "s",
        "sort",
        "Sort",
        "sort by the next column: words quoted, quotes, outlets, first quote, name",
        True,
    ),
    Command("ledger.reverse", "r", "reverse", "Reverse", "reverse the order", True),
    Command(
        "ledger.switch",
        "tab",
        "switch",
        "Speakers/statements",
        "switch between who is quoted and the statement map",
        True,
    ),
    # -- coverage: the articles that report the same story
    Command("coverage.back", "q,escape", "back", "Back", "back to the library", True),
    Command("coverage.mark", "space", "mark", "Mark", "mark the article for a story", True),
    Command(
        "coverage.story",
        "S",
        "story",
        "Make story",
        "put this article and the marked ones (or the one under the cursor) into a story",
        True,
    ),
    Command(
        "coverage.compare",
        "c",
        "compare",
        "Compare",
        "compare this article with the marked ones (or the one under the cursor)",
        True,
    ),
    # -- tables (the ledger's and coverage's)
    Command("table.open", "enter", "select_cursor", "Open", "open what the cell shows", True),
    Command("table.down", "down,j", "cursor_down", "Down", "next row"),
    Command("table.up", "up,k", "cursor_up", "Up", "previous row"),
    Command("table.right", "right,l", "cursor_right", "Right", "next column"),
    Command("table.left", "left,h", "cursor_left", "Left", "previous column"),
    Command("table.top", "g,home", "scroll_top", "Top", "first row"),
    Command("table.bottom", "G,end", "scroll_bottom", "Bottom", "last row"),
    Command("table.page_down", "pagedown,ctrl+d", "page_down", "Page down", "a page down"),
    Command("table.page_up", "pageup,ctrl+u", "page_up", "Page up", "a page up"),
    # -- tag manager
    Command("tags.close", "escape,q", "close", "Close", "close the tag manager", True),
    Command("tags.rename", "r", "rename", "Rename", "rename the tag", True),
    Command("tags.merge", "m", "merge", "Merge into…", "merge the tag into another", True),
    Command("tags.colour", "c", "colour", "Colour", "give the tag the next colour", True),
    Command("tags.add", "a", "add", "New tag", "make a new tag", True),
    Command("tags.delete", "d", "delete", "Delete", "delete the tag (its annotations stay)", True),
    *(
        Command(
            f"tags.key{n}",
            str(n),
            f"quick_key({n})",
            f"Quick key {n}",
            f"put the tag on quick key {n}" if n else "take the tag off its quick key",
        )
        for n in range(10)
    ),
    Command("tags.down", "j,down", "cursor(1)", "Down", "next tag"),
    Command("tags.up", "k,up", "cursor(-1)", "Up", "previous tag"),
    # -- dialogs
    Command("picker.cancel", "escape", "cancel", "Cancel", "close without choosing", True),
    Command("picker.next", "down", "cursor(1)", "Next", "next choice", priority=True),
    Command("picker.previous", "up", "cursor(-1)", "Previous", "previous choice", priority=True),
    Command("note.save", "ctrl+s", "save", "Save", "save the note", True, priority=True),
    Command("note.close", "escape", "save", "Save and close", "save the note and close", True),
    Command("confirm.yes", "y", "answer(True)", "Yes", "yes", True),
    Command("confirm.no", "n,escape", "answer(False)", "No", "no", True),
    Command("prompt.cancel", "escape", "cancel", "Cancel", "close without a change", True),
    Command("export.cancel", "escape", "cancel", "Cancel", "close without exporting", True),
    Command("help.close", "escape,q,question_mark", "close", "Close", "close the help", True),
    Command("help.down", "j", "scroll_down", "Down", "scroll down"),
    Command("help.up", "k", "scroll_up", "Up", "scroll up"),
)

COMMANDS: dict[str, Command] = {c.id: c for c in _TABLE}

_keymaps: WeakKeyDictionary[App[Any], dict[str, str]] = WeakKeyDictionary()
"""Each running app's ``[keymap]`` (binding id -> keys), set by the app when it starts: one
app's keys never show in another's hints (two apps in one process, as in the tests)."""


def use_keymap(app: App[Any], table: dict[str, str]) -> None:
    """Make ``table`` the keymap that ``app``'s hints fall back on for commands not bound on
    its screen."""
    _keymaps[app] = dict(table)


def bindings(*prefixes: str) -> list[Binding]:
    """The bindings of every command whose id starts with one of ``prefixes`` (``"view."``)."""
    return [c.binding() for c in _TABLE if c.id.startswith(prefixes)]


def help_text(binding: Binding) -> str:
    """The help sentence of a binding (its command's), else its description."""
    command = COMMANDS.get(binding.id or "")
    return command.help if command else (binding.description or binding.action)


def key_for(node: DOMNode, command_id: str) -> str:
    """How the key of a command shows now: the key it has in the active bindings of the
    node's screen (after the user's keymap), else in the keymap, else its default."""
    app = node.app
    screen = node.screen if node.is_attached else app.screen
    for key, active in screen.active_bindings.items():
        if active.binding.id == command_id:
            return app.get_key_display(active.binding) or key
    command = COMMANDS[command_id]
    first = _keymaps.get(app, {}).get(command_id, command.keys).split(",")[0].strip()
    return app.get_key_display(Binding(first, command.action)) or first


def hint(node: DOMNode, *command_ids: str) -> str:
    """Key hints for a status line: ``"] next quote · v select · t tag"``."""
    return " · ".join(f"{key_for(node, i)} {COMMANDS[i].label.lower()}" for i in command_ids)
