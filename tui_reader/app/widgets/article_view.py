"""The article view: wrapped text with a cursor, a selection, quotes, annotations and twins.

A Line API widget (``ScrollView``): only the visible lines are drawn, so a 30,000-word article
opens and scrolls at the speed of a short one. Article text is drawn as plain ``Segment``s, never
parsed as markup, and the stored text holds no control characters (the library strips them), so
nothing in an article can style or drive the terminal.

The view knows nothing of the database: screens give it an article, its quotes, annotations and
twins, and it posts messages (``CodeRequest``, ``CursorMoved``, ``Hint``, ``Back``) for them to act
on.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui_reader.app.colours import speaker_colour, tag_colour
from tui_reader.app.commands import bindings, hint, key_for
from tui_reader.app.layout import Layout, fit, width_of, wrap
from tui_reader.app.scrolling import keep_in_view
from tui_reader.app.widgets.safe import masked, safe
from tui_reader.library.models import Annotation, Article, StoredQuote, Tag

CodeVerb = Literal["tag", "note", "delete", "undo", "attribute", "quick"]


@dataclass(frozen=True, slots=True)
class TwinMark:
    """A passage that reports the same words as a passage of another column."""

    start: int
    end: int
    number: int


class ArticleView(ScrollView, can_focus=True):
    """One article to read and code by keyboard (and mouse)."""

    COMPONENT_CLASSES = {  # noqa: RUF012 (Textual's convention)
        "article-view--cursor",
        "article-view--cursor-blur",
        "article-view--selection",
        "article-view--gutter",
        "article-view--twin",
    }

    DEFAULT_CSS = """
    ArticleView {
        background: $surface;
        color: $foreground;
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;
    }
    ArticleView > .article-view--cursor { background: $accent; color: $text-accent; text-style: bold reverse; }
    ArticleView > .article-view--cursor-blur { text-style: underline; }
    ArticleView > .article-view--selection { background: $primary 45%; }
    ArticleView > .article-view--gutter { color: $text-muted; }
    ArticleView > .article-view--twin { text-style: italic; background: $secondary 15%; }
    """

    BINDINGS = bindings("view.")

    class CursorMoved(Message):
        """The cursor moved (the screen shows what is under it)."""

        def __init__(self, view: ArticleView) -> None:
            super().__init__()
            self.view = view

    @dataclass
    class CodeRequest(Message):
        """The reader asked to code at the cursor or selection (the screen does it)."""

        view: ArticleView
        verb: CodeVerb
        key: int | None = None
        """The quick-tag digit, for ``verb == "quick"``."""

    @dataclass
    class Hint(Message):
        """Something to say on the status line (the view has none of its own)."""

        text: str

    class Back(Message):
        """Escape with nothing selected: leave the screen."""

    def __init__(
        self, *, gutter_width: int = 16, name: str | None = None, id: str | None = None
    ) -> None:
        super().__init__(name=name, id=id)
        self.gutter_width = gutter_width
        self.article: Article | None = None
        self.text = ""
        self.quotes: list[StoredQuote] = []
        self._quote_starts: list[int] = []
        self.annotations: list[Annotation] = []
        self._annotation_starts: list[int] = []
        self.tags: dict[str, Tag] = {}
        self.twins: list[TwinMark] = []
        self._twin_starts: list[int] = []
        self.colours: dict[int | None, str] = {}
        self.layout_: Layout | None = None
        self.cursor = 0
        self.sel_anchor: int | None = None
        self.extending = False
        self._goal_column: int | None = None
        self._dragging = False
        self._cache: dict[tuple[int, int], Strip] = {}
        self._styles: dict[str, Style] = {}

    # -- data ----------------------------------------------------------------------------

    def load(
        self,
        article: Article,
        quotes: list[StoredQuote],
        annotations: list[Annotation],
        tags: list[Tag],
    ) -> None:
        """Show an article (cursor at the top)."""
        self.article = article
        self.text = masked(article.text)  # the same offsets, nothing that drives a terminal
        self.quotes = sorted(quotes, key=lambda q: q.start)
        self._quote_starts = [q.start for q in self.quotes]
        self.cursor = 0
        self.sel_anchor = None
        self.extending = False
        self.set_annotations(annotations, tags)
        self._relayout()

    def set_annotations(self, annotations: list[Annotation], tags: list[Tag]) -> None:
        """Replace the annotations shown (after any change)."""
        self.annotations = sorted(
            (a for a in annotations if not a.orphaned), key=lambda a: (a.start, a.end)
        )
        self._annotation_starts = [a.start for a in self.annotations]
        self.tags = {t.name.casefold(): t for t in tags}
        self._redraw()

    def set_colours(self, colours: dict[int | None, str]) -> None:
        """The speakers' colours on this screen (so that no two share one)."""
        self.colours = colours
        self._redraw()

    def colour_of(self, speaker_id: int | None) -> str:
        return self.colours.get(speaker_id) or speaker_colour(speaker_id)

    def set_quotes(self, quotes: list[StoredQuote]) -> None:
        """Replace the quotes shown (after a speaker was corrected)."""
        self.quotes = sorted(quotes, key=lambda q: q.start)
        self._quote_starts = [q.start for q in self.quotes]
        self._redraw()

    def set_twins(self, twins: list[TwinMark]) -> None:
        """Mark the passages that have a twin in another column."""
        self.twins = sorted(twins, key=lambda t: t.start)
        self._twin_starts = [t.start for t in self.twins]
        self._redraw()

    # -- what is where -------------------------------------------------------------------

    @property
    def selection(self) -> tuple[int, int] | None:
        """The selected passage as ``(start, end)``: whole words, whitespace trimmed; or None."""
        if self.sel_anchor is None or not self.text:
            return None
        text = self.text
        start, last = sorted((self.sel_anchor, self.cursor))
        if last > start and text[last - 1].isspace() and not text[last].isspace():
            end = last  # the cursor sits on the next word (after w): stop before it
        else:
            end = min(last + 1, len(text))
            while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
                end += 1  # whole words: a passage never ends in the middle of one
        while 0 < start < len(text) and text[start].isalnum() and text[start - 1].isalnum():
            start -= 1
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return (start, end) if start < end else None

    def quote_at(self, offset: int) -> StoredQuote | None:
        i = bisect_right(self._quote_starts, offset) - 1
        if i >= 0 and self.quotes[i].start <= offset < self.quotes[i].end:
            return self.quotes[i]
        return None

    def annotation_at(self, offset: int) -> Annotation | None:
        """The innermost annotation under ``offset``."""
        found = [
            a
            for a in self.annotations[: bisect_right(self._annotation_starts, offset)]
            if a.start <= offset < a.end
        ]
        return min(found, key=lambda a: a.end - a.start) if found else None

    def twin_at(self, offset: int) -> TwinMark | None:
        i = bisect_right(self._twin_starts, offset) - 1
        for twin in self.twins[max(0, i - 3) : i + 1]:
            if twin.start <= offset < twin.end:
                return twin
        return None

    # -- moving --------------------------------------------------------------------------

    def move_to(
        self, offset: int, *, extend: bool = False, center: bool = False, quiet: bool = False
    ) -> None:
        """Put the cursor at ``offset``; ``extend`` grows the selection from its anchor."""
        if not self.text:
            return
        if extend and self.sel_anchor is None:
            self.sel_anchor = self.cursor
        self.cursor = min(max(offset, 0), len(self.text) - 1)
        self._scroll_to_cursor(center=center)
        self._redraw()
        if not quiet:  # quiet: the screen is about to say something itself ("saved: ...")
            self.post_message(self.CursorMoved(self))

    def _extend(self) -> bool:
        return self.extending or self._dragging

    def action_move_line(self, delta: int) -> None:
        self._move_lines(delta, extend=self._extend())

    def action_extend_line(self, delta: int) -> None:
        self._move_lines(delta, extend=True)

    def _move_lines(self, delta: int, *, extend: bool) -> None:
        layout = self.layout_
        if layout is None or not self.text:
            return
        if self._goal_column is None:
            self._goal_column = layout.column_of(self.cursor)
        goal = self._goal_column
        y = min(max(layout.line_of(self.cursor) + delta, 0), len(layout) - 1)
        self.move_to(layout.offset_at(y, goal), extend=extend)
        self._goal_column = goal

    def action_move_char(self, delta: int) -> None:
        self._goal_column = None
        self.move_to(self.cursor + delta, extend=self._extend())

    def action_extend_char(self, delta: int) -> None:
        self._goal_column = None
        self.move_to(self.cursor + delta, extend=True)

    def action_move_word(self, delta: int) -> None:
        self._goal_column = None
        text, i = self.text, self.cursor
        if delta > 0:
            while i < len(text) and not text[i].isspace():
                i += 1
            while i < len(text) and text[i].isspace():
                i += 1
        else:
            i = max(0, i - 1)
            while i > 0 and text[i].isspace():
                i -= 1
            while i > 0 and not text[i - 1].isspace():
                i -= 1
        self.move_to(i, extend=self._extend())

    def action_top(self) -> None:
        self._goal_column = None
        self.move_to(0, extend=self._extend())

    def action_bottom(self) -> None:
        self._goal_column = None
        self.move_to(len(self.text) - 1, extend=self._extend())

    def action_half_page(self, direction: int) -> None:
        self._move_lines(
            direction * max(1, self.scrollable_content_region.height // 2), extend=self._extend()
        )

    def action_page(self, direction: int) -> None:
        self._move_lines(
            direction * max(1, self.scrollable_content_region.height - 1), extend=self._extend()
        )

    def action_toggle_selection(self) -> None:
        """``v``: start a selection at the cursor; again: stop extending it."""
        if self.extending:
            self.extending = False
            self.notify_status(
                "selection made: " + hint(self, "view.tag", "view.note", "view.escape")
            )
        else:
            self.sel_anchor = self.cursor
            self.extending = True
            self.notify_status(
                f"selecting: move to extend, {key_for(self, 'view.select')} to finish"
            )
        self._redraw()

    def clear_selection(self) -> None:
        self.sel_anchor = None
        self.extending = False
        self._redraw()

    def action_escape(self) -> None:
        if self.sel_anchor is not None:
            self.clear_selection()
            self.notify_status("selection cancelled")
        else:
            self.post_message(self.Back())

    def action_quote(self, direction: int) -> None:
        self._jump(self._quote_starts, direction, "quotes")

    def action_annotation(self, direction: int) -> None:
        self._jump(self._annotation_starts, direction, "annotations")

    def _jump(self, starts: list[int], direction: int, what: str) -> None:
        """To the next (or previous) of ``starts`` from the cursor."""
        if direction > 0:
            i = bisect_right(starts, self.cursor)
            target = starts[i] if i < len(starts) else None
        else:
            i = bisect_left(starts, self.cursor) - 1
            target = starts[i] if i >= 0 else None
        if target is None:
            self.notify_status(f"no more {what} this way")
            return
        self._goal_column = None
        self.move_to(target, extend=self._extend(), center=True)

    def action_tag(self) -> None:
        self.post_message(self.CodeRequest(self, "tag"))

    def action_note(self) -> None:
        self.post_message(self.CodeRequest(self, "note"))

    def action_delete(self) -> None:
        self.post_message(self.CodeRequest(self, "delete"))

    def action_undo(self) -> None:
        self.post_message(self.CodeRequest(self, "undo"))

    def action_attribute(self) -> None:
        self.post_message(self.CodeRequest(self, "attribute"))

    def action_quick(self, key: int) -> None:
        self.post_message(self.CodeRequest(self, "quick", key))

    def notify_status(self, message: str) -> None:
        self.post_message(self.Hint(message))

    # -- mouse ---------------------------------------------------------------------------

    def _offset_at(self, event: events.MouseEvent) -> int | None:
        if self.layout_ is None or not self.text:
            return None
        x = event.x - self.gutter_width
        y = event.y + int(self.scroll_offset.y)
        if y >= len(self.layout_):
            return len(self.text) - 1
        return self.layout_.offset_at(y, max(0, x))

    async def _on_mouse_down(self, event: events.MouseDown) -> None:
        offset = self._offset_at(event)
        if offset is None:
            return
        self.focus()
        self._goal_column = None
        self.sel_anchor = None
        self.extending = False
        self.move_to(offset)
        self.sel_anchor = offset
        self._dragging = True
        self.capture_mouse()

    async def _on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragging:
            offset = self._offset_at(event)
            if offset is not None and offset != self.cursor:
                self.move_to(offset, extend=True)

    async def _on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            self._dragging = False
            self.release_mouse()
            if self.sel_anchor == self.cursor:
                self.sel_anchor = None
                self._redraw()

    # -- layout and drawing --------------------------------------------------------------

    def on_resize(self) -> None:
        self._relayout()

    def _text_width(self) -> int:
        return max(8, self.scrollable_content_region.width - self.gutter_width)

    def _relayout(self) -> None:
        width = self._text_width()
        if self.size.width == 0:
            return
        layout = self.layout_
        if layout is None or layout.text is not self.text or layout.width != width:
            self.layout_ = wrap(self.text, width)
        assert self.layout_ is not None
        self.virtual_size = Size(self.size.width, len(self.layout_))
        self._scroll_to_cursor()
        self._redraw()

    def _scroll_to_cursor(self, *, center: bool = False) -> None:
        if self.layout_ is not None:
            keep_in_view(self, self.layout_.line_of(self.cursor), center=center)

    def _redraw(self) -> None:
        self._cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self._styles.clear()

    def _component(self, name: str, *, partial: bool = False) -> Style:
        """A component class's style, looked up once (Textual's lookup is slow per line)."""
        key = f"{name}:{partial}"
        style = self._styles.get(key)
        if style is None:
            style = self.get_component_rich_style(name, partial=partial)
            if partial and style.bgcolor is not None:
                # a partial style loses the alpha of "$primary 45%": take the background
                # blended over the view from the full style, keep the rest partial (so a
                # quote's colour shows through a selection or a twin mark)
                full = self.get_component_rich_style(name, partial=False)
                style = style + Style(bgcolor=full.bgcolor)
            self._styles[key] = style
        return style

    def render_line(self, y: int) -> Strip:
        index = y + int(self.scroll_offset.y)
        width = self.scrollable_content_region.width
        key = (index, width)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_index(index, width)
            self._cache[key] = strip
        return strip

    def _render_index(self, index: int, width: int) -> Strip:
        base = self.rich_style
        layout = self.layout_
        if layout is None or index >= len(layout):
            return Strip.blank(width, base)
        start, end = layout.starts[index], layout.ends[index]
        gutter = self._gutter(start, end, base)
        body = self._body(start, end, base)
        text_width = max(0, width - self.gutter_width)
        return Strip([*gutter, *Strip(body).crop_extend(0, text_width, base)], width)

    def _line_quotes(self, start: int, end: int) -> list[StoredQuote]:
        i = bisect_left(self._quote_starts, end)
        found = []
        while i > 0 and self.quotes[i - 1].end > start:
            i -= 1
            found.append(self.quotes[i])
        found.reverse()
        return found

    def _line_annotations(self, start: int, end: int) -> list[Annotation]:
        stop = bisect_left(self._annotation_starts, end)
        return [a for a in self.annotations[:stop] if a.end > start]

    def _line_twins(self, start: int, end: int) -> list[TwinMark]:
        stop = bisect_left(self._twin_starts, end)
        return [t for t in self.twins[max(0, stop - 8) : stop] if t.end > start]

    def _tag_colour(self, annotation: Annotation) -> str:
        for name in annotation.tags:
            tag = self.tags.get(name.casefold())
            if tag is not None:
                return tag_colour(tag.colour, tag.id)
        return tag_colour(None)

    def _gutter(self, start: int, end: int, base: Style) -> list[Segment]:
        if self.gutter_width <= 0:
            return []
        muted = base + self._component("article-view--gutter", partial=True)
        label_width = max(0, self.gutter_width - 5)
        label = Segment(" " * label_width, base)
        for quote in self._line_quotes(start, end):
            colour = Style(color=self.colour_of(quote.speaker_id))
            if start <= quote.start < end:
                name = safe(quote.speaker or "?")
                if width_of(name) > label_width and label_width < 10:
                    name = short_name(name)
                text = fit(name, label_width)
                label = Segment(text, base + colour + Style(bold=True))
                break
            label = Segment(fit("│", label_width), base + colour)
        twin_seg = Segment("  ", base)
        for twin in self._line_twins(start, end):
            if start <= twin.start < end:
                twin_seg = Segment(f"{twin.number:>2}"[-2:], base + Style(bold=True, reverse=True))
                break
        mark = Segment(" ", base)
        annotations = self._line_annotations(start, end)
        if annotations:
            mark = Segment("▌", base + Style(color=self._tag_colour(annotations[0])))
        return [label, Segment(" ", muted), twin_seg, mark, Segment(" ", base)]

    def _body(self, start: int, end: int, base: Style) -> list[Segment]:
        text = self.text
        spans: list[tuple[int, int, Style]] = []
        for quote in self._line_quotes(start, end):
            spans.append((quote.start, quote.end, Style(color=self.colour_of(quote.speaker_id))))
        twin_style = self._component("article-view--twin", partial=True)
        for twin in self._line_twins(start, end):
            spans.append((twin.start, twin.end, twin_style))
        for annotation in self._line_annotations(start, end):
            spans.append((annotation.start, annotation.end, Style(underline=True)))
        selection = self.selection if self.sel_anchor is not None else None
        if selection is not None:
            sel_style = self._component("article-view--selection", partial=True)
            spans.append((selection[0], selection[1], sel_style))
        if start <= self.cursor < end:
            name = "article-view--cursor" if self.has_focus else "article-view--cursor-blur"
            spans.append((self.cursor, self.cursor + 1, self._component(name)))
        points = {start, end}
        for a, b, _ in spans:
            if start < a < end:
                points.add(a)
            if start < b < end:
                points.add(b)
        segments = []
        for a, b in pairwise(sorted(points)):
            style = base
            for x, y, extra in spans:
                if x <= a and b <= y:
                    style = style + extra
            piece = text[a:b].replace("\n", " ").replace("\t", " ")
            if piece:
                segments.append(Segment(piece, style))
        return segments

    def on_focus(self) -> None:
        self._styles.clear()
        self._redraw()

    def on_blur(self) -> None:
        self._styles.clear()
        self._redraw()


def short_name(name: str) -> str:
    """A label for a narrow margin: the surname, or the acronym of an organization."""
    words = name.replace("(", " ").replace(")", " ").split()
    return words[-1] if words else name
