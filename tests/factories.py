"""Small builders for test data."""

from __future__ import annotations

from tui_reader.library.models import ExtractedArticle


def article(text: str, source: str = "https://example.org/a", **meta: str) -> ExtractedArticle:
    """An ExtractedArticle for tests."""
    return ExtractedArticle(
        source=source,
        text=text,
        url=meta.get("url", source),
        title=meta.get("title", "A title"),
        author=meta.get("author"),
        site=meta.get("site", "Example"),
        published=meta.get("published", "2025-01-01"),
        language="en",
        fetched_at="2025-01-02T00:00:00+00:00",
    )
