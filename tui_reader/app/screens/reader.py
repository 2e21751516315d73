"""The reader: one article, quotes in their speakers' colours, annotations beside it."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui_reader.app.article_view import ArticleView
from tui_reader.app.coding import CodingMixin
from tui_reader.app.colours import speaker_colour
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
        self.targets: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield ArticleHeader(id="header")
        with Horizontal():
            with Vertical(id="reading"):
                yield Legend(id="legend")
                yield ArticleView(id="view")
            yield OptionList(id="panel", markup=False)
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
        view.load(article, self.quotes, store.annotations(article.id), store.tags())
        self.fill_panel(view.annotations)
        view.focus()
        orphans = [a for a in store.annotations(article.id) if a.orphaned]
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
        panel = self.query_one("#panel", OptionList)
        highlighted = panel.highlighted
        panel.clear_options()
        options: list[Option] = []
        self.targets: dict[str, int] = {}
        head = Text(f"Annotations ({len(annotations)})", style="bold")
        options.append(Option(head, disabled=True))
        for a in annotations:
            label = Text(no_wrap=True, overflow="ellipsis")
            label.append("▌" + (", ".join(a.tags) or "note"), style="bold")
            label.append(" " + _snippet(a.note or a.passage, 40), style="italic")
            options.append(Option(label, id=f"annotation:{a.id}"))
            self.targets[f"annotation:{a.id}"] = a.start
        options.append(Option(Text(f"Quotes ({len(self.quotes)})", style="bold"), disabled=True))
        for i, q in enumerate(self.quotes):
            label = Text(no_wrap=True, overflow="ellipsis")
            label.append(q.speaker or "?", style=f"bold {speaker_colour(q.speaker_id)}")
            label.append(" " + _snippet(q.text, 40))
            options.append(Option(label, id=f"quote:{i}"))
            self.targets[f"quote:{i}"] = q.start
        panel.add_options(options)
        if highlighted is not None and highlighted < panel.option_count:
            panel.highlighted = highlighted

    def annotations_changed(self, view: ArticleView) -> None:
        self.fill_panel(view.annotations)

    @on(OptionList.OptionSelected, "#panel")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        offset = self.targets.get(event.option.id or "")
        if offset is not None:
            view = self.query_one(ArticleView)
            view.move_to(offset, center=True)
            view.focus()

    def on_article_view_back(self, message: ArticleView.Back) -> None:
        self.action_back()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_toggle_panel(self) -> None:
        panel = self.query_one("#panel", OptionList)
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
