"""Comparing articles: the passages of two stored articles that report the same words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_reader.library.store import Store

if TYPE_CHECKING:
    from tui_reader.library.quotes import Twin


def twins(store: Store, article_a: int, article_b: int) -> list[Twin]:
    """Passages of two articles that report the same words (verbatim, trimmed or reworded)."""
    from tui_reader.library.quotes import same_words  # the engine loads on first use

    a, b = store.article(article_a), store.article(article_b)
    if a is None or b is None:
        return []
    return same_words(a.text, store.quotes(article_a), b.text, store.quotes(article_b))
