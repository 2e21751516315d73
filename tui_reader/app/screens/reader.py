"""The reader: one article, quotes in their speakers' colours, annotations beside it."""

from __future__ import annotations

from rich.style import Style
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical

from tui_reader.app.article_view import ArticleView
from tui_reader.app.coding import CodingMixin
from tui_reader.app.colours import speaker_colour
from tui_reader.app.row_list import Row, RowList
from tui_reader.app.widgets import ArticleHeader, KeyBar, Legend, StatusLine
from tui_reader.library.models import Annotation, Article, StoredQuote


def _snippet(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class ReaderScreen(CodingMixin):
    """Read and code one article."""

    BINDINGS = [  # noqa: RUF012
        Binding("q", "back", "Back", id="reader.back"),
        Binding("e", "export", "Export", id="reader.export"),
        Binding("o", "open_url", "Open URL", id="reader.open_url"),
        Binding("p", "toggle_panel", "Panel", id="reader.panel"),
    ]

    def __init__(self, article_id: int) -> None:
        super().__init__()
        self.article_id = article_id
        self.article: Article | None = None
        self.quotes: list[StoredQuote] = []
        self.orphans: list[Annotation] = []

    def compose(self) -> ComposeResult:
        yield ArticleHeader(id="header")
        with Horizontal():
            with Vertical(id="reading"):
                yield Legend(id="legend")
                yield ArticleView(id="view")
            yield RowList(id="panel")
        yield StatusLine(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        store = self.reader.store
        article = store.article(self.article_id)
        if article is None:
            self.reader.say(f"there is no article {self.article_id}", error=True)
            self.app.pop_screen()
            return
        self.article = article
        self.quotes = store.quotes(article.id)
        self.query_one(ArticleHeader).show_article(article)
        self.query_one(Legend).show_quotes(self.quotes)
        view = self.query_one(ArticleView)
        annotations = store.annotations(article.id)
        orphans = self.orphans = [a for a in annotations if a.orphaned]
        view.load(article, self.quotes, annotations, store.tags())
        self.fill_panel(view.annotations)
        view.focus()
        if orphans:
            self.reader.say(
                f"{len(orphans)} annotation(s) could not be placed after a re-fetch: "
                "they are kept and exported, flagged as orphaned",
                error=True,
            )
        else:
            self.reader.say(
                f"{len(self.quotes)} quotes · ] next quote · v select · t tag · n note · ? keys"
            )

    def fill_panel(self, annotations: list[Annotation]) -> None:
        bold, italic, dim = Style(bold=True), Style(italic=True), Style(dim=True)
        rows = [Row([(f"Annotations ({len(annotations)})", bold + dim)])]
        for a in annotations:
            tags = ", ".join(a.tags) or "note"
            rows.append(
                Row([("▌" + tags, bold), (" " + _snippet(a.note or a.passage), italic)], a.start)
            )
        if self.orphans:  # kept and exported, but their text is no longer in the article
            rows.append(Row([(f"Not placed after a re-fetch ({len(self.orphans)})", bold + dim)]))
            for a in self.orphans:
                tags = ", ".join(a.tags) or "note"
                rows.append(Row([("⚠ " + tags, bold), (" " + _snippet(a.passage), italic + dim)]))
        rows.append(Row([(f"Quotes ({len(self.quotes)})", bold + dim)]))
        for q in self.quotes:
            colour = Style(color=speaker_colour(q.speaker_id), bold=True)
            rows.append(
                Row([(q.speaker or "?", colour), (" " + _snippet(q.text), Style())], q.start)
            )
        self.query_one("#panel", RowList).set_rows(rows)

    def annotations_changed(self, view: ArticleView) -> None:
        self.fill_panel(view.annotations)

    @on(RowList.Selected, "#panel")
    def _jump(self, event: RowList.Selected) -> None:
        view = self.query_one(ArticleView)
        view.move_to(event.target, center=True)
        view.focus()

    def on_article_view_back(self, message: ArticleView.Back) -> None:
        self.action_back()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_toggle_panel(self) -> None:
        panel = self.query_one("#panel", RowList)
        panel.display = not panel.display

    def action_export(self) -> None:
        if self.article is None:
            return
        stories = self.reader.store.stories_of(self.article.id)
        scopes = [("article", "this article")]
        scopes += [("story", f"the story “{s}”") for s in stories[:1]]
        scopes.append(("all", "every annotation"))
        self.reader.export(
            scopes, article_id=self.article.id, story=stories[0] if stories else None
        )

    def action_open_url(self) -> None:
        if self.article is not None:
            self.reader.open_url(self.article.url or self.article.source)
