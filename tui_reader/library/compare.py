"""Comparing articles: the passages of two stored articles that report the same words."""

from __future__ import annotations

from collections.abc import Sequence
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


def twins_across(store: Store, article_ids: Sequence[int]) -> dict[tuple[int, int], list[Twin]]:
    """:func:`twins` for every pair (i, j), i < j, of the articles (the compare screen's
    columns), each article read and cut into passages once."""
    from tui_reader.library.quotes import same_words_across

    articles = [store.article(a) for a in article_ids]
    if any(a is None for a in articles):
        return {}
    return same_words_across([(a.text, store.quotes(a.id)) for a in articles if a is not None])
