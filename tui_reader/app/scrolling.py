"""Keeping a cursor row on screen in the Line API widgets (article, article list, panel)."""

from __future__ import annotations

from textual.scroll_view import ScrollView


def keep_in_view(view: ScrollView, row: int, *, center: bool = False) -> None:
    """Scroll ``view`` the least needed to show ``row`` (a third down from the top if ``center``
    and it was off screen)."""
    height = max(1, view.scrollable_content_region.height)
    top = int(view.scroll_offset.y)
    if center and not top <= row < top + height:
        view.scroll_to(y=max(0, row - height // 3), animate=False, immediate=True)
    elif row < top:
        view.scroll_to(y=row, animate=False, immediate=True)
    elif row >= top + height:
        view.scroll_to(y=row - height + 1, animate=False, immediate=True)
