"""Keyboard coding, shared by the reader and the compare screens.

The article view asks (``CodeRequest``); this mixin answers: it finds the target (the selection,
else the annotation under the cursor, else the quote under the cursor), asks for a tag or a note
when needed, writes one small transaction, redraws, and only then says "saved".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from tui_reader.app.article_view import ArticleView
from tui_reader.library.models import Annotation
from tui_reader.library.store import StoreError

if TYPE_CHECKING:
    from tui_reader.app.app import ReaderApp


class CodingMixin(Screen):
    """Tag, note, delete and undo on the article views of a screen."""

    @property
    def reader(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    def on_article_view_code_request(self, message: ArticleView.CodeRequest) -> None:
        message.stop()
        view, what = message.view, message.what
        if view.article is None:
            return
        if what == "tag":
            self._tag(view)
        elif what == "note":
            self._note(view)
        elif what == "delete":
            self._delete(view)
        elif what == "undo":
            self._undo(view)
        elif what.startswith("quick"):
            self._quick(view, int(what[5:]))

    def on_article_view_cursor_moved(self, message: ArticleView.CursorMoved) -> None:
        self.describe_cursor(message.view)

    def describe_cursor(self, view: ArticleView) -> None:
        """Say what is under the cursor: the selection, an annotation, a quote."""
        parts = []
        selection = view.selection
        if selection is not None:
            parts.append(f"selected {selection[1] - selection[0]} characters")
        annotation = view.annotation_at(view.cursor)
        if annotation is not None:
            tags = ", ".join(annotation.tags) or "no tags"
            note = annotation.note.replace("\n", " ")
            parts.append(f"annotation {annotation.id}: {tags}" + (f" · {note}" if note else ""))
        quote = view.quote_at(view.cursor)
        if quote is not None:
            cue = f" ({quote.cue})" if quote.cue else ""
            parts.append(f"quote of {quote.speaker or 'unknown speaker'}{cue}")
        twin = view.twin_at(view.cursor)
        if twin is not None:
            parts.append(f"same words as [{twin.number}] elsewhere: s jumps there")
        if parts:
            self.reader.say(" · ".join(parts))

    # -- targets -------------------------------------------------------------------------

    def _target(self, view: ArticleView) -> tuple[int, int] | Annotation | None:
        selection = view.selection
        if selection is not None:
            return selection
        annotation = view.annotation_at(view.cursor)
        if annotation is not None:
            return annotation
        quote = view.quote_at(view.cursor)
        if quote is not None:
            return (quote.start, quote.end)
        return None

    def _refresh_view(self, view: ArticleView) -> None:
        assert view.article is not None
        store = self.reader.store
        view.set_annotations(store.annotations(view.article.id), store.tags())
        self.annotations_changed(view)

    def _saved(self, view: ArticleView, annotation: Annotation, message: str) -> None:
        """After a committed change: redraw, keep the cursor on the annotation (so n, t or x
        act on it next), and only then say so."""
        view.clear_selection()
        self._refresh_view(view)
        if not annotation.start <= view.cursor < annotation.end:
            view.move_to(annotation.end - 1, quiet=True)
        self.reader.say(message)

    def annotations_changed(self, view: ArticleView) -> None:
        """Screens update their panels here."""

    # -- actions -------------------------------------------------------------------------

    def _apply_tag(
        self, view: ArticleView, target: tuple[int, int] | Annotation, name: str
    ) -> None:
        assert view.article is not None
        store = self.reader.store
        created = None
        try:
            if not any(t.name.casefold() == name.casefold() for t in store.tags()):
                created = self.reader.new_tag(name)
                name = created.name
            if isinstance(target, Annotation):
                annotation = store.update_annotation(target.id, add_tags=[name])
            else:
                annotation = store.create_annotation(view.article.id, *target, tags=[name])
        except StoreError as exc:
            self.reader.say(f"not saved: {exc}", error=True)
            return
        extra = ""
        if created is not None:
            key = f", key {created.quick_key}" if created.quick_key else ""
            extra = f" (new tag{key})"
        self._saved(view, annotation, f"saved: annotation {annotation.id} tagged “{name}”{extra}")

    def _tag(self, view: ArticleView) -> None:
        from tui_reader.app.dialogs import TagPicker  # dialogs load on first use

        target = self._target(view)
        if target is None:
            self.reader.say("nothing to tag: select a passage with v, or move onto a quote")
            return
        store = self.reader.store

        def done(name: str | None) -> None:
            if name:
                self._apply_tag(view, target, name)

        self.app.push_screen(TagPicker(store.tags(), store.tag_counts()), done)

    def _quick(self, view: ArticleView, key: int) -> None:
        tag = self.reader.store.tag_for_quick_key(key)
        if tag is None:
            self.reader.say(f"no tag on key {key}: set one in the tag manager (T)", error=True)
            return
        target = self._target(view)
        if target is None:
            self.reader.say("nothing to tag: select a passage with v, or move onto a quote")
            return
        self._apply_tag(view, target, tag.name)

    def _note(self, view: ArticleView) -> None:
        from tui_reader.app.dialogs import NoteEditor

        target = self._target(view)
        if target is None:
            self.reader.say("nothing to note: select a passage with v, or move onto a quote")
            return
        article = view.article
        assert article is not None
        if isinstance(target, Annotation):
            old, passage = target.note, target.passage
        else:
            old, passage = "", article.text[target[0] : target[1]]

        def done(note: str | None) -> None:
            if note is None or note == old:
                return
            try:
                if isinstance(target, Annotation):
                    annotation = self.reader.store.update_annotation(target.id, note=note)
                else:
                    annotation = self.reader.store.create_annotation(article.id, *target, note=note)
            except StoreError as exc:
                self.reader.say(f"not saved: {exc}", error=True)
                return
            self._saved(view, annotation, f"saved: note on annotation {annotation.id}")

        self.app.push_screen(NoteEditor(old, passage), done)

    def _delete(self, view: ArticleView) -> None:
        annotation = view.annotation_at(view.cursor)
        if annotation is None:
            self.reader.say("no annotation under the cursor ({ } move between them)")
            return
        try:
            gone = self.reader.store.delete_annotation(annotation.id)
        except StoreError as exc:
            self.reader.say(f"not deleted: {exc}", error=True)
            return
        self.reader.undo.append(gone)
        self._refresh_view(view)
        self.reader.say(f"saved: annotation {gone.id} deleted · u undoes")

    def _undo(self, view: ArticleView) -> None:
        if not self.reader.undo:
            self.reader.say("nothing to undo")
            return
        annotation = self.reader.undo.pop()
        try:
            self.reader.store.restore_annotation(annotation)
        except StoreError as exc:
            self.reader.say(f"not restored: {exc}", error=True)
            return
        for other in self.query(ArticleView):
            if other.article is not None and other.article.id == annotation.article_id:
                self._refresh_view(other)
        view.move_to(annotation.start, center=True)
        self.reader.say(f"saved: annotation {annotation.id} restored")
