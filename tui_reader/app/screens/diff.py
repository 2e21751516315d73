"""What the last re-fetch changed in an article: the diff view on its own screen."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult

from tui_reader.app.commands import bindings
from tui_reader.app.messages import DiffReady
from tui_reader.app.screens.base import SessionScreen
from tui_reader.app.session import Session
from tui_reader.app.widgets.bars import ArticleHeader, KeyBar, StatusLine
from tui_reader.app.widgets.diff_view import DiffView
from tui_reader.library.diff import words_changed


class DiffScreen(SessionScreen):
    """The previous and current version of an article as one text, the changes coloured."""

    HELP_TITLE = "changes"
    BINDINGS = bindings("diff.back")

    def __init__(self, session: Session, article_id: int) -> None:
        super().__init__(session)
        self.article_id = article_id

    def compose(self) -> ComposeResult:
        yield ArticleHeader(id="header")
        yield DiffView(id="diff")
        yield StatusLine(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        article = self.session.article(self.article_id)
        if article is not None:
            self.query_one(ArticleHeader).show_article(article)
        self.query_one(DiffView).focus()
        self.say("comparing the last two versions…")
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="diff", description="diff")
    def _load(self) -> None:
        self.post_message(DiffReady(self.session.diff(self.article_id)))

    @on(DiffReady)
    def _ready(self, message: DiffReady) -> None:
        diff = message.diff
        if diff is None:
            self.say("this article has one version: nothing changed since it was first fetched")
            return
        view = self.query_one(DiffView)
        view.load(diff.pieces, diff.quote_changes, diff.old_text)
        added, removed = words_changed(diff.pieces)
        quotes = len(diff.quote_changes)
        self.say(
            f"version {diff.old_version} → {diff.new_version}: {added} word(s) added, "
            f"{removed} removed, {quotes} quote(s) changed · struck red: gone · green: new · "
            + self.hint("diff.next", "diff.back")
        )

    def action_back(self) -> None:
        self.app.pop_screen()
