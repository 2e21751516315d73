"""Modal dialogs: tag and speaker pickers, note editor, confirmation, one-line prompt, export.

Each returns its answer through ``dismiss`` (None when cancelled); the screens decide what to do
with it. Text that came from articles or users is shown as plain text, never as markup, and
without control characters.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Input,
    Label,
    OptionList,
    RadioButton,
    RadioSet,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option

from tui_reader.app.colours import speaker_colour, tag_colour
from tui_reader.app.commands import bindings, key_for
from tui_reader.app.widgets.bars import KeyHint
from tui_reader.app.widgets.safe import plain, safe
from tui_reader.library.models import StoredQuote, StoredSpeaker, Tag

NEW = "\x00new"
"""The option that makes a new tag or speaker of what is typed."""
NOBODY = "\x00nobody"
T = TypeVar("T")


class FilterPicker(ModalScreen[T]):
    """A list to pick from, filtered as you type: the tag and speaker pickers.

    Subclasses compose it (an ``#filter`` Input over a ``#choices`` OptionList), give the
    options for what is typed (:meth:`options`) and say what an option means (:meth:`choose`);
    with nothing highlighted, enter takes the typed text as a new name (:data:`NEW`).
    """

    BINDINGS = bindings("picker.")

    def on_mount(self) -> None:
        self._fill("")

    def options(self, query: str) -> list[Option]:
        raise NotImplementedError

    def choose(self, option_id: str | None) -> None:
        raise NotImplementedError

    def typed(self) -> str:
        """What is typed in the filter, whitespace collapsed."""
        return " ".join(self.query_one("#filter", Input).value.split())

    def _fill(self, query: str) -> None:
        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        options = self.options(" ".join(query.split()))
        choices.add_options(options)
        if options:
            choices.highlighted = 0

    @on(Input.Changed, "#filter")
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#filter")
    def _submitted(self, event: Input.Submitted) -> None:
        choices = self.query_one("#choices", OptionList)
        if choices.highlighted is None:
            self.choose(NEW)
        else:
            self.choose(choices.get_option_at_index(choices.highlighted).id)

    @on(OptionList.OptionSelected, "#choices")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.choose(event.option.id)

    def action_cursor(self, delta: int) -> None:
        choices = self.query_one("#choices", OptionList)
        if choices.option_count:
            current = choices.highlighted if choices.highlighted is not None else -1
            choices.highlighted = (current + delta) % choices.option_count

    def action_cancel(self) -> None:
        self.dismiss(None)


class TagPicker(FilterPicker[str | None]):
    """Type to filter the tags (fuzzy); enter applies; a new name makes a new tag."""

    HELP_TITLE = "tag picker"

    def __init__(self, tags: list[Tag], counts: dict[str, int], title: str = "Tag") -> None:
        super().__init__()
        self.tags = tags
        self.counts = counts
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self.title_text), classes="dialog-title")
            yield Input(placeholder="type to filter, or a new tag name", id="filter")
            yield OptionList(id="choices", markup=False)
            yield KeyHint(
                "enter apply",
                ("choose", "picker.next", "picker.previous"),
                ("cancel", "picker.cancel"),
            )

    def options(self, query: str) -> list[Option]:
        if query:
            matcher = Matcher(query)
            scored = [(matcher.match(t.name), t) for t in self.tags]
            ranked = [t for s, t in sorted(scored, key=lambda st: -st[0]) if s > 0]
        else:
            ranked = sorted(self.tags, key=lambda t: (-self.counts.get(t.name, 0), t.name))
        options = []
        exact = any(t.name.casefold() == query.casefold() for t in self.tags)
        for tag in ranked:
            label = Text()
            label.append("■ ", style=tag_colour(tag.colour, tag.id))
            label.append(safe(tag.name))
            if tag.quick_key:
                label.append(f"  [{tag.quick_key}]", style="dim")
            label.append(f"  {self.counts.get(tag.name, 0)}", style="dim")
            options.append(Option(label, id=f"tag:{tag.name}"))
        if query and not exact:  # last: enter takes the best match, ↓ reaches "new"
            options.append(plain_option(f"+ new tag “{query}”", NEW))
        return options

    def choose(self, option_id: str | None) -> None:
        if option_id == NEW:
            self.dismiss(self.typed() or None)
        elif option_id and option_id.startswith("tag:"):
            self.dismiss(option_id[4:])


class NoteEditor(ModalScreen[str | None]):
    """Write or edit a note; ctrl+s or escape saves, so a note is never lost by a key."""

    HELP_TITLE = "note"
    BINDINGS = bindings("note.")

    def __init__(self, note: str, passage: str) -> None:
        super().__init__()
        self.note = note
        self.passage = passage

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(Text("Note"), classes="dialog-title")
            passage = self.passage if len(self.passage) < 300 else self.passage[:297] + "…"
            yield Static(plain(f"“{passage}”", style="italic"), classes="passage")
            yield TextArea(self.note, id="note", soft_wrap=True)
            yield KeyHint(("save", "note.save", "note.close"), "the note may have several lines")

    def on_mount(self) -> None:
        area = self.query_one("#note", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one("#note", TextArea).text)


class Confirm(ModalScreen[bool]):
    """A yes/no question (``y``/``enter`` yes, ``n``/``escape`` no)."""

    HELP_TITLE = "question"
    BINDINGS = bindings("confirm.")

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.question))
            with Horizontal(classes="buttons"):
                yield Button("Yes", id="yes", variant="error")
                yield Button("No", id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).label = f"Yes ({key_for(self, 'confirm.yes')})"
        self.query_one("#no", Button).label = f"No ({key_for(self, 'confirm.no')})"
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class Prompt(ModalScreen[str | None]):
    """One line of input (add a URL, rename a tag)."""

    HELP_TITLE = "prompt"
    BINDINGS = bindings("prompt.")

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(plain(self.title_text), classes="dialog-title")
            yield Input(safe(self.value), placeholder=self.placeholder, id="value")
            yield KeyHint("enter ok", ("cancel", "prompt.cancel"))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True, slots=True)
class ExportRequest:
    path: Path
    scope: str
    """``article``, ``story``, ``compare`` or ``all``."""


class ExportDialog(ModalScreen[ExportRequest | None]):
    """Where to write the CSV, and what to put in it."""

    HELP_TITLE = "export"
    BINDINGS = bindings("export.")

    def __init__(self, scopes: list[tuple[str, str]], path: Path) -> None:
        super().__init__()
        self.scopes = scopes
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(Text("Export annotations (CSV)"), classes="dialog-title")
            with RadioSet(id="scope"):
                for i, (_, label) in enumerate(self.scopes):
                    yield RadioButton(plain(label), value=i == 0)
            yield Input(str(self.path), id="path")
            yield KeyHint("enter write", "tab to the scope", ("cancel", "export.cancel"))

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            return
        index = self.query_one("#scope", RadioSet).pressed_index
        scope = self.scopes[max(0, index)][0]
        self.dismiss(ExportRequest(Path(event.value.strip()).expanduser(), scope))

    def action_cancel(self) -> None:
        self.dismiss(None)


def plain_option(text: str, option_id: str) -> Option:
    return Option(plain(text, style="italic"), id=option_id)


class SpeakerPicker(FilterPicker["SpeakerPicker.Choice | None"]):
    """Who said this quote: the article's speakers (type to filter), a new name, or nobody."""

    HELP_TITLE = "speaker picker"

    @dataclass(frozen=True, slots=True)
    class Choice:
        """The answer: an existing speaker (its id), a new name, or nobody (both None)."""

        name: str | None
        speaker_id: int | None = None

    def __init__(self, speakers: list[StoredSpeaker], quote: StoredQuote) -> None:
        super().__init__()
        self.speakers = speakers
        self.quote = quote

    def compose(self) -> ComposeResult:
        words = " ".join(self.quote.text.split())
        words = words if len(words) <= 120 else words[:119] + "…"
        with Vertical(classes="dialog wide"):
            yield Label(Text("Who said it?"), classes="dialog-title")
            yield Static(plain(f"“{words}”", style="italic"), classes="passage")
            yield Input(placeholder="type to filter, or a new name", id="filter")
            yield OptionList(id="choices", markup=False)
            yield KeyHint(
                "enter choose",
                ("move", "picker.next", "picker.previous"),
                "a new name makes a speaker",
                ("cancel", "picker.cancel"),
            )

    def options(self, query: str) -> list[Option]:
        speakers = self.speakers
        if query:
            matcher = Matcher(query)
            scored = [
                (max(matcher.match(n) for n in [s.name, *s.aliases]), s) for s in self.speakers
            ]
            speakers = [s for score, s in sorted(scored, key=lambda x: -x[0]) if score > 0]
        options = []
        for speaker in speakers:
            label = Text()
            label.append("■ ", style=speaker_colour(speaker.id))
            label.append(
                safe(speaker.name), style="bold" if speaker.id == self.quote.speaker_id else ""
            )
            count = sum(speaker.quotes_per_article.values())
            label.append(f"  {count} quote(s)", style="dim")
            options.append(Option(label, id=f"speaker:{speaker.id}"))
        names = {n.casefold() for s in self.speakers for n in [s.name, *s.aliases]}
        if query and query.casefold() not in names:
            options.append(plain_option(f"+ new speaker “{query}”", NEW))
        options.append(plain_option("nobody (the quote has no speaker)", NOBODY))
        return options

    def choose(self, option_id: str | None) -> None:
        if option_id == NOBODY:
            self.dismiss(self.Choice(None))
        elif option_id == NEW:
            if self.typed():
                self.dismiss(self.Choice(self.typed()))
        elif option_id and option_id.startswith("speaker:"):
            speaker_id = int(option_id.removeprefix("speaker:"))
            found = next(s for s in self.speakers if s.id == speaker_id)
            self.dismiss(self.Choice(found.name, found.id))
