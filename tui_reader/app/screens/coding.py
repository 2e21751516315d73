"""Keyboard coding, shared by the reader and the compare screens.

The article view asks (``CodeRequest``); this screen answers through the session: the target
comes from :func:`tui_reader.library.coding.choose_target` (the selection, else the annotation
under the cursor, else the quote under the cursor), a tag or a note is asked for when needed,
the session writes one small transaction and says what it did, and the views redraw when the
session announces the change.
"""

from __future__ import annotations

from textual import on

from tui_reader.app.colours import speaker_colours
from tui_reader.app.screens.base import SessionScreen
from tui_reader.app.session import Change
from tui_reader.app.widgets.article_view import ArticleView
from tui_reader.app.widgets.bars import Legend
from tui_reader.app.widgets.safe import safe
from tui_reader.library import coding
from tui_reader.library.models import Annotation


class CodingScreen(SessionScreen):
    """Tag, note, delete, undo and correct speakers on the article views of a screen."""

    def on_mount(self) -> None:
        self.session.changed.subscribe(self, self._changed)

    def _changed(self, change: Change) -> None:
        touched = [
            view
            for view in self.query(ArticleView)
            if view.article is not None and change.touches(view.article.id)
        ]
        if change.kind in ("annotations", "tags"):
            tags = self.session.tags()
            for view in touched:
                assert view.article is not None
                view.set_annotations(self.session.annotations(view.article.id), tags)
                self.annotations_changed(view)
        elif change.kind == "speakers" and touched:
            for view in touched:
                assert view.article is not None
                view.set_quotes(self.session.quotes(view.article.id))
            self.recolour()
            for view in touched:
                self.quotes_changed(view)

    def annotations_changed(self, view: ArticleView) -> None:
        """Screens update their panels here."""

    def quotes_changed(self, view: ArticleView) -> None:
        """Screens update their legends and panels here."""

    def recolour(self) -> None:
        """Give the speakers on this screen colours that stay apart, in every view and legend."""
        views = list(self.query(ArticleView))
        colours = speaker_colours(q.speaker_id for view in views for q in view.quotes)
        for view in views:
            view.set_colours(colours)
        for legend, view in zip(self.query(Legend), views, strict=False):
            legend.show_quotes(view.quotes, colours)

    # -- what is under the cursor --------------------------------------------------------

    @on(ArticleView.CursorMoved)
    def _cursor_moved(self, message: ArticleView.CursorMoved) -> None:
        self.describe_cursor(message.view)

    @on(ArticleView.Hint)
    def _hint(self, message: ArticleView.Hint) -> None:
        self.say(message.text)

    def describe_cursor(self, view: ArticleView) -> None:
        """Say what is under the cursor: the selection, an annotation, a quote, a twin."""
        parts = []
        selection = view.selection
        if selection is not None:
            parts.append(f"selected {selection[1] - selection[0]} characters")
        annotation = view.annotation_at(view.cursor)
        if annotation is not None:
            tags = ", ".join(annotation.tags) or "no tags"
            note = annotation.note.replace("\n", " ")
            placed = "" if annotation.anchor == "exact" else f" ({annotation.anchor})"
            parts.append(
                f"annotation {annotation.id}{placed}: {tags}" + (f" · {note}" if note else "")
            )
        quote = view.quote_at(view.cursor)
        if quote is not None:
            cue = f" ({quote.cue})" if quote.cue and not quote.corrected else ""
            mine = " (your correction)" if quote.corrected else ""
            parts.append(f"quote of {quote.speaker or 'nobody known'}{mine}{cue}")
        twin = view.twin_at(view.cursor)
        if twin is not None:
            parts.append(
                f"same words as [{twin.number}] elsewhere: {self.key('compare.twin')} jumps there"
            )
        if parts:
            self.say(safe(" · ".join(parts)))

    # -- requests from the views ---------------------------------------------------------

    @on(ArticleView.CodeRequest)
    def _code(self, message: ArticleView.CodeRequest) -> None:
        message.stop()
        view = message.view
        if view.article is None:
            return
        if message.verb == "tag":
            self._tag(view)
        elif message.verb == "note":
            self._note(view)
        elif message.verb == "delete":
            self._delete(view)
        elif message.verb == "undo":
            self._undo(view)
        elif message.verb == "attribute":
            self._attribute(view)
        elif message.verb == "quick" and message.key is not None:
            self._quick(view, message.key)

    def _target(self, view: ArticleView) -> coding.Target | None:
        target = coding.choose_target(
            view.selection, view.annotation_at(view.cursor), view.quote_at(view.cursor)
        )
        if target is None:
            self.say(
                f"nothing to code: select a passage with {self.key('view.select')}, "
                f"or move onto a quote ({self.key('view.next_quote')})"
            )
        return target

    def _saved(self, view: ArticleView, annotation: Annotation) -> None:
        """After a committed change: keep the cursor on the annotation (so a note, a tag or a
        delete acts on it next)."""
        view.clear_selection()
        if not annotation.start <= view.cursor < annotation.end:
            view.move_to(annotation.end - 1, quiet=True)

    def _tag(self, view: ArticleView) -> None:
        from tui_reader.app.screens.dialogs import TagPicker

        target = self._target(view)
        if target is None:
            return
        article = view.article
        assert article is not None

        def done(name: str | None) -> None:
            if not name:
                return
            outcome = self.session.tag(article.id, target, name)
            if outcome.value is not None:
                self._saved(view, outcome.value.annotation)
            self.show(outcome)

        self.app.push_screen(TagPicker(self.session.tags(), self.session.tag_counts()), done)

    def _quick(self, view: ArticleView, key: int) -> None:
        if self.session.quick_key_tag(key) is None:
            self.say(
                f"no tag on key {key}: set one in the tag manager ({self.key('app.tags')})",
                error=True,
            )
            return
        target = self._target(view)
        if target is None or view.article is None:
            return
        outcome = self.session.quick_tag(view.article.id, target, key)
        if outcome.value is not None:
            self._saved(view, outcome.value.annotation)
        self.show(outcome)

    def _note(self, view: ArticleView) -> None:
        from tui_reader.app.screens.dialogs import NoteEditor

        target = self._target(view)
        article = view.article
        if target is None or article is None:
            return
        if isinstance(target, Annotation):
            old, passage = target.note, target.passage
        else:
            old, passage = "", view.text[target.start : target.end]

        def done(note: str | None) -> None:
            if note is None or note == old:
                return
            outcome = self.session.note(article.id, target, note)
            if outcome.value is not None:
                self._saved(view, outcome.value)
            self.show(outcome)

        self.app.push_screen(NoteEditor(old, passage), done)

    def _delete(self, view: ArticleView) -> None:
        annotation = view.annotation_at(view.cursor)
        if annotation is None:
            self.say(
                "no annotation under the cursor "
                f"({self.key('view.next_note')} {self.key('view.prev_note')} move between them)"
            )
            return
        outcome = self.session.delete(annotation)
        if outcome.ok:
            self.say(f"{outcome.text} · {self.key('view.undo')} undoes")
        else:
            self.show(outcome)

    def _undo(self, view: ArticleView) -> None:
        outcome = self.session.undo()
        if outcome.value is not None:
            for other in self.query(ArticleView):
                if other.article is not None and other.article.id == outcome.value.article_id:
                    other.move_to(outcome.value.start, center=True, quiet=True)
        self.show(outcome)

    def _attribute(self, view: ArticleView) -> None:
        from tui_reader.app.screens.dialogs import SpeakerPicker

        quote = view.quote_at(view.cursor)
        article = view.article
        if quote is None or article is None:
            self.say(f"no quote under the cursor ({self.key('view.next_quote')} goes to the next)")
            return

        def done(choice: SpeakerPicker.Choice | None) -> None:
            if choice is None:
                return
            outcome = self.session.attribute(quote, choice.name, choice.speaker_id)
            self.show(outcome)

        speakers = self.session.speakers_of(article.id)
        self.app.push_screen(SpeakerPicker(speakers, quote), done)
