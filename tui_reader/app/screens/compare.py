"""Compare: two to four articles side by side, same speakers in the same colours, twins numbered."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical

from tui_reader.app.commands import bindings
from tui_reader.app.messages import OpenLedger, TwinsFound
from tui_reader.app.screens.coding import CodingScreen
from tui_reader.app.session import Session
from tui_reader.app.widgets.article_view import ArticleView, TwinMark
from tui_reader.app.widgets.bars import ArticleHeader, KeyBar, Legend, StatusLine
from tui_reader.library.models import Article

MIN_TWIN_SCORE = 0.55
"""Twins below this similarity are not shown: short clauses meet by chance near 0.35-0.52 (demo and seeds)."""


def number_twins(
    pairs: dict[tuple[int, int], list[tuple[int, int, int, int]]],
) -> dict[int, list[TwinMark]]:
    """Give passages that report the same words one shared number across all columns.

    ``pairs`` maps a pair of column indexes to (a_start, a_end, b_start, b_end) passages. A
    passage twinned in several columns gets one number (union-find over passages).
    """
    parent: dict[tuple[int, int, int], tuple[int, int, int]] = {}

    def find(x: tuple[int, int, int]) -> tuple[int, int, int]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (i, j), found in pairs.items():
        for a_start, a_end, b_start, b_end in found:
            parent[find((i, a_start, a_end))] = find((j, b_start, b_end))
    groups: dict[tuple[int, int, int], list[tuple[int, int, int]]] = {}
    for node in parent:
        groups.setdefault(find(node), []).append(node)
    ordered = sorted(groups.values(), key=lambda members: min(members))
    marks: dict[int, list[TwinMark]] = {}
    for number, members in enumerate(ordered, start=1):
        for column, start, end in members:
            marks.setdefault(column, []).append(TwinMark(start, end, number))
    return marks


class CompareScreen(CodingScreen):
    """Articles in columns; tab moves between them, s jumps to the twin of a passage."""

    HELP_TITLE = "compare"
    BINDINGS = bindings("compare.")

    def __init__(
        self,
        session: Session,
        article_ids: list[int],
        *,
        at: Sequence[int | None] | None = None,
    ) -> None:
        super().__init__(session)
        self.article_ids = article_ids[:4]
        self.at = list(at or [])[:4]
        """Where each column's cursor goes once laid out (the ledger shows both versions of a
        statement); None: the top."""
        self.articles: list[Article] = []
        self.linked = False

    def compose(self) -> ComposeResult:
        gutter = 14 if len(self.article_ids) <= 2 else 11
        with Horizontal(id="columns"):
            for i, _ in enumerate(self.article_ids):
                with Vertical(classes="column"):
                    yield ArticleHeader(id=f"header{i}")
                    yield Legend(id=f"legend{i}")
                    yield ArticleView(gutter_width=gutter, id=f"view{i}")
        yield StatusLine(id="status")
        yield KeyBar()

    def views(self) -> list[ArticleView]:
        return list(self.query(ArticleView))

    def on_mount(self) -> None:
        super().on_mount()
        tags = self.session.tags()
        missing = []
        for i, article_id in enumerate(self.article_ids):
            article = self.session.article(article_id)
            if article is None:
                missing.append(article_id)
                continue
            self.articles.append(article)
            self.query_one(f"#header{i}", ArticleHeader).show_article(article, compact=True)
            view = self.query_one(f"#view{i}", ArticleView)
            view.load(
                article,
                self.session.quotes(article_id),
                self.session.annotations(article_id),
                tags,
            )
            self.watch(view, "scroll_y", self._follow(view), init=False)
            self.session.opened(article_id)  # open side by side is open: read, this version seen
        self.recolour()
        views = self.views()
        if views:
            views[0].focus()
        if any(offset is not None for offset in self.at):
            self.call_after_refresh(self._go_to_places)
        if missing:
            self.say(f"there is no article {', '.join(map(str, missing))}", error=True)
        else:
            self.say("finding passages that report the same words…")
        self._find_twins(list(self.article_ids))

    def _go_to_places(self) -> None:
        for view, offset in zip(self.views(), self.at, strict=False):
            if offset is not None:
                view.move_to(offset, center=True, quiet=True)

    def _follow(self, view: ArticleView):
        return lambda: self._scrolled(view)

    @work(thread=True, exclusive=True, exit_on_error=False, group="twins", description="twins")
    def _find_twins(self, ids: list[int]) -> None:
        found = self.session.twins(ids)
        pairs = {
            (i, j): [
                (t.a_start, t.a_end, t.b_start, t.b_end)
                for t in found.get((i, j), [])
                if t.score >= MIN_TWIN_SCORE
            ]
            for i, j in combinations(range(len(ids)), 2)
        }
        self.post_message(TwinsFound(pairs))

    @on(TwinsFound)
    def _show_twins(self, message: TwinsFound) -> None:
        marks = number_twins(message.pairs)
        views = self.views()
        for i, view in enumerate(views):
            view.set_twins(marks.get(i, []))
        count = len({m.number for found in marks.values() for m in found})
        self.say(
            f"{count} passage(s) report the same words in another column (numbered in the "
            f"margin) · {self.key('compare.twin')} jumps to the twin · tab next column"
        )

    def _focused_view(self) -> ArticleView | None:
        focused = self.focused
        return focused if isinstance(focused, ArticleView) else None

    def action_twin(self) -> None:
        view = self._focused_view()
        if view is None:
            return
        twin = view.twin_at(view.cursor)
        if twin is None:
            later = [t for t in view.twins if t.start > view.cursor] or view.twins
            if not later:
                self.say("no passage here reports the same words as another column")
                return
            view.move_to(later[0].start, center=True)
            self.say(
                f"[{later[0].number}] next passage with a twin: "
                f"{self.key('compare.twin')} again jumps across"
            )
            return
        views = self.views()
        me = views.index(view)
        for step in range(1, len(views)):
            other = views[(me + step) % len(views)]
            match = next((t for t in other.twins if t.number == twin.number), None)
            if match is not None:
                row = (
                    view.layout_.line_of(view.cursor) - int(view.scroll_offset.y)
                    if view.layout_
                    else 0
                )
                other.move_to(match.start)
                if other.layout_ is not None:
                    y = max(0, other.layout_.line_of(match.start) - row)
                    other.scroll_to(y=y, animate=False, immediate=True)
                other.focus()
                self.describe_cursor(other)
                return
        self.say(f"[{twin.number}] has no twin in another column")

    def action_link(self) -> None:
        self.linked = not self.linked
        self.say("linked scrolling on" if self.linked else "linked scrolling off")

    def _scrolled(self, source: ArticleView) -> None:
        if not self.linked or source is not self.focused:
            return
        fraction = source.scroll_y / source.max_scroll_y if source.max_scroll_y else 0.0
        for view in self.views():
            if view is not source:
                view.scroll_to(y=fraction * view.max_scroll_y, animate=False, immediate=True)

    def on_article_view_back(self, message: ArticleView.Back) -> None:
        self.action_back()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_export(self) -> None:
        view = self._focused_view()
        article_id = view.article.id if view and view.article else None
        stories = self.session.stories_of(article_id) if article_id else []
        scopes = []
        if article_id is not None:
            scopes.append(("article", "the article in the focused column"))
        scopes.append(("compare", "the articles on this screen"))
        scopes += [("story", f"the story “{s}”") for s in stories[:1]]
        scopes.append(("all", "every annotation"))
        self.export_annotations(
            scopes,
            article_id=article_id,
            article_ids=list(self.article_ids),
            story=stories[0] if stories else None,
        )

    def action_who(self) -> None:
        """The ledger of the articles on screen: their story's when they share one."""
        story = self.session.common_story(self.article_ids)
        ids = None if story else [a.id for a in self.articles]
        self.post_message(OpenLedger(story, ids))

    def action_open_url(self) -> None:
        view = self._focused_view()
        if view is not None and view.article is not None:
            self.open_url(view.article.url or view.article.source)
