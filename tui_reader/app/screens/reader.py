"""The reader: one article, quotes in their speakers' colours, annotations beside it."""

from __future__ import annotations

from rich.style import Style
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical

from tui_reader.app.commands import bindings
from tui_reader.app.messages import OpenDiff
from tui_reader.app.screens.coding import CodingScreen
from tui_reader.app.session import Session
from tui_reader.app.widgets.article_view import ArticleView
from tui_reader.app.widgets.bars import ArticleHeader, KeyBar, Legend, StatusLine
from tui_reader.app.widgets.row_list import Row, RowList
from tui_reader.app.widgets.safe import safe
from tui_reader.library.models import Annotation, Article

NARROW = 110
"""Below this width the panel starts hidden, so the text keeps a readable column."""


def _snippet(text: str, width: int = 60) -> str:
    text = " ".join(safe(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


class ReaderScreen(CodingScreen):
    """Read and code one article."""

    HELP_TITLE = "reader"
    BINDINGS = bindings("reader.")

    def __init__(self, session: Session, article_id: int, *, at: int | None = None) -> None:
        super().__init__(session)
        self.article_id = article_id
        self.at = at
        """Where to put the cursor once the text is laid out (the ledger opens a speaker's first
        quote); None: the top."""
        self.article: Article | None = None
        self.orphans: list[Annotation] = []
        self._panel_chosen = False
        self._cursor = 0

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
        super().on_mount()
        article = self.session.article(self.article_id)
        if article is None:  # deleted meanwhile (another window, the command line)
            self.app.notify(f"there is no article {self.article_id}", severity="error")
            self.app.pop_screen()
            return
        self.article = article
        self.query_one(ArticleHeader).show_article(article)
        view = self.query_one(ArticleView)
        annotations = self.session.annotations(article.id)
        self.orphans = [a for a in annotations if a.orphaned]
        view.load(article, self.session.quotes(article.id), annotations, self.session.tags())
        self.recolour()
        self.fill_panel(view)
        self._fit_panel()
        view.focus()
        position = self._cursor = self.session.position(article.id)
        if self.at is not None:
            at = self.at
            self.call_after_refresh(lambda: view.move_to(at, center=True))
        elif position:
            view.move_to(position, center=True, quiet=True)  # where the reader left it
        self.session.opened(article.id)
        if self.orphans:
            self.say(
                f"{len(self.orphans)} annotation(s) could not be placed after a re-fetch: "
                "they are kept and exported, flagged as orphaned",
                error=True,
            )
        else:
            self.say(
                f"{len(view.quotes)} quotes · "
                + self.hint("view.next_quote", "view.select", "view.tag", "view.note", "app.help")
            )

    def on_resize(self) -> None:
        self._fit_panel()

    def _fit_panel(self) -> None:
        if not self._panel_chosen:
            self.query_one("#panel", RowList).display = self.size.width >= NARROW

    def fill_panel(self, view: ArticleView) -> None:
        bold, italic, dim = Style(bold=True), Style(italic=True), Style(dim=True)
        annotations = view.annotations
        rows = [Row([(f"Annotations ({len(annotations)})", bold + dim)])]
        for a in annotations:
            tags = safe(", ".join(a.tags)) or "note"
            placed = "" if a.anchor == "exact" else f" ({a.anchor})"
            rows.append(
                Row(
                    [
                        ("▌" + tags, bold),
                        (placed, dim),
                        (" " + _snippet(a.note or a.passage), italic),
                    ],
                    a.start,
                )
            )
        if self.orphans:  # kept and exported, but their text is no longer in the article
            rows.append(Row([(f"Not placed after a re-fetch ({len(self.orphans)})", bold + dim)]))
            for a in self.orphans:
                tags = safe(", ".join(a.tags)) or "note"
                rows.append(Row([("⚠ " + tags, bold), (" " + _snippet(a.passage), italic + dim)]))
        rows.append(Row([(f"Quotes ({len(view.quotes)})", bold + dim)]))
        for q in view.quotes:
            colour = Style(color=view.colour_of(q.speaker_id), bold=True)
            who = safe(q.speaker or "unattributed") + (" ✎" if q.corrected else "")
            rows.append(Row([(who, colour), (" " + _snippet(q.text), Style())], q.start))
        self.query_one("#panel", RowList).set_rows(rows)

    def annotations_changed(self, view: ArticleView) -> None:
        if self.article is not None:
            self.orphans = [a for a in self.session.annotations(self.article.id) if a.orphaned]
        self.fill_panel(view)

    def quotes_changed(self, view: ArticleView) -> None:
        self.fill_panel(view)

    @on(RowList.Selected, "#panel")
    def _jump(self, event: RowList.Selected) -> None:
        view = self.query_one(ArticleView)
        view.move_to(event.target, center=True)
        view.focus()

    def on_article_view_back(self, message: ArticleView.Back) -> None:
        self.action_back()

    def describe_cursor(self, view: ArticleView) -> None:
        self._cursor = view.cursor  # remembered when the reader leaves
        super().describe_cursor(view)

    def on_unmount(self) -> None:
        if self.article is not None:
            self.session.left(self.article.id, self._cursor)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_diff(self) -> None:
        if self.article is None:
            return
        if self.session.version_count(self.article.id) < 2:
            self.say("this article has one version: nothing changed since it was first fetched")
            return
        self.post_message(OpenDiff(self.article.id))

    def action_toggle_panel(self) -> None:
        panel = self.query_one("#panel", RowList)
        panel.display = not panel.display
        self._panel_chosen = True

    def action_export(self) -> None:
        if self.article is None:
            return
        stories = self.session.stories_of(self.article.id)
        scopes = [("article", "this article")]
        scopes += [("story", f"the story “{s}”") for s in stories[:1]]
        scopes.append(("all", "every annotation"))
        self.export_annotations(
            scopes, article_id=self.article.id, story=stories[0] if stories else None
        )

    def action_open_url(self) -> None:
        if self.article is not None:
            self.open_url(self.article.url or self.article.source)
