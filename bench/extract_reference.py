"""The extraction that ``tui-reader add`` ran before it parsed each page once: the reference
that today's :func:`tui_reader.library.extract.extract_article` must agree with.

Two ``trafilatura.bare_extraction(html, with_metadata=True)`` calls at most (the main extractor,
then the fallback extractors when it finds under 600 characters), each parsing the page and
running trafilatura's whole metadata pass. Kept verbatim (commit 815e5f8) for
``bench/ingest.py --check`` and ``tests/test_extract_same.py``; nothing else uses it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import trafilatura

from tui_reader.library.extract import (
    FAST_ENOUGH_CHARS,
    ExtractError,
    _looks_binary,
    _paragraphs,
    now_iso,
    strip_escapes,
)
from tui_reader.library.models import ExtractedArticle
from tui_reader.library.textclean import clean_line


def _bare_extraction(html: str, url: str | None, *, fast: bool) -> Any:
    return trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        fast=fast,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )


def reference_extract_article(
    html: str, source: str, final_url: str | None = None
) -> ExtractedArticle:
    """Text and metadata of a news page, the way it was done before; raise ExtractError."""
    html = strip_escapes(html)
    if not html.strip():
        raise ExtractError("the page is empty")
    if _looks_binary(html):
        raise ExtractError("the page is not text (binary data)")
    try:
        doc = _bare_extraction(html, final_url, fast=True)
        found = (getattr(doc, "text", None) or "") if doc is not None else ""
        if len(found) < FAST_ENOUGH_CHARS:
            doc = _bare_extraction(html, final_url, fast=False) or doc
    except Exception as exc:
        raise ExtractError(f"the page could not be parsed ({type(exc).__name__})") from None
    if doc is None:
        raise ExtractError("no article text found")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = _paragraphs(data.get("text") or "")
    title = clean_line(data.get("title"))
    if title and text.startswith(title):
        text = text[len(title) :].lstrip("\n")
    if not text.strip():
        raise ExtractError("no article text found")
    url = data.get("url") or final_url
    site = clean_line(data.get("sitename")) or clean_line(data.get("hostname"))
    if not site and url:
        site = urlsplit(url).hostname
    published = data.get("date")
    return ExtractedArticle(
        source=source,
        text=text,
        url=clean_line(url) if url else None,
        title=title,
        author=clean_line(data.get("author")),
        site=site,
        published=published[:10] if published else None,
        language=clean_line(data.get("language")),
        fetched_at=now_iso(),
    )
