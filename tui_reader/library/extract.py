"""From HTML to an article: decoding, one trafilatura pass for text and metadata, cleaning.

Decoding honours the charset the server declares, then a ``<meta charset>`` in the page, then
UTF-8 when the bytes decode as such, then charset detection. (Bare ``trafilatura.extract`` on
latin-1 bytes guesses wrong and turns "Muñoz" into "Muńoz".)
"""

from __future__ import annotations

import codecs
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import trafilatura

from tui_reader.library.models import ExtractedArticle
from tui_reader.library.textclean import clean_line, clean_text


class ExtractError(Exception):
    """No article could be made of the page; the message is one sentence."""


_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def decode_html(body: bytes, declared_charset: str | None = None) -> str:
    """The page as text, by the declared charset, the page's own, UTF-8 or detection."""
    if not body:
        return ""
    if body.startswith(codecs.BOM_UTF8):
        return body[3:].decode("utf-8", errors="replace")
    codec = _codec(declared_charset)
    if codec is None:
        match = _META_CHARSET.search(body[:4096])
        codec = _codec(match.group(1).decode("ascii", "ignore")) if match else None
    if codec is not None:
        return body.decode(codec, errors="replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = from_bytes(body)
    best = matches.best()
    if best is not None:
        # Few non-ASCII bytes tie many single-byte code pages (Muñoz is Muńoz in cp1250, Muþoz
        # in hp_roman8); on a tie prefer windows-1252, the web's default legacy encoding.
        for match in matches:
            if match.chaos <= best.chaos and "cp1252" in match.could_be_from_charset:
                return body.decode("cp1252", errors="replace")
        return str(best)
    return body.decode("cp1252", errors="replace")


_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")  # C0 controls but \t \n \f \r


def _looks_binary(html: str) -> bool:
    sample = html[:4096]
    if not sample:
        return False
    return len(_NOT_TEXT.findall(sample)) / len(sample) > 0.05


def now_iso() -> str:
    """The current UTC time, ISO 8601."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _paragraphs(text: str) -> str:
    """trafilatura's one-line-per-block text as paragraphs separated by a blank line."""
    lines = [" ".join(line.split()) for line in clean_text(text).split("\n")]
    return "\n\n".join(line for line in lines if line)


# Never across a "<": a stray "ESC [" just before a tag must not eat the tag (and the page with
# it); real sequences hold no "<".
_HTML_ESCAPES = re.compile(
    r"\x1b\[[0-;=-?]*[ -/]*[@-~]"  # CSI
    r"|\x9b[0-;=-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|[\x1b]\][^\x07\x1b\x9c<]{0,512}(?:\x07|\x1b\\|\x9c)"  # OSC, only when terminated
    r"|\x9d[^\x07\x1b\x9c<]{0,512}(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -/]*[0-;=-~]"  # two-character ESC sequences
)


def strip_escapes(html: str) -> str:
    """Terminal escape sequences out of a page before parsing.

    lxml drops the ESC byte itself, which would leave the rest of a sequence ("[31m") behind as
    text; removing whole sequences first leaves nothing. OSC strings are removed only when they
    end within 512 characters, so an unterminated one cannot swallow the page.
    """
    return (
        _HTML_ESCAPES.sub("", html)
        if ("\x1b" in html or "\x9b" in html or "\x9d" in html)
        else html
    )


FAST_ENOUGH_CHARS = 600
"""Below this much text from the main extractor, the fallback extractors get a try."""


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


def extract_article(html: str, source: str, final_url: str | None = None) -> ExtractedArticle:
    """Text and metadata of a news page; raise ExtractError when there is no article text."""
    html = strip_escapes(html)
    if not html.strip():
        raise ExtractError("the page is empty")
    if _looks_binary(html):
        raise ExtractError("the page is not text (binary data)")
    try:
        # trafilatura's main extractor alone first; its fallback extractors (readability,
        # jusText) only when that finds little: they keep rescuing hard pages without being
        # paid for on every ordinary article
        doc = _bare_extraction(html, final_url, fast=True)
        found = (getattr(doc, "text", None) or "") if doc is not None else ""
        if len(found) < FAST_ENOUGH_CHARS:
            doc = _bare_extraction(html, final_url, fast=False) or doc
    except Exception as exc:  # trafilatura and lxml raise many kinds on broken markup
        raise ExtractError(f"the page could not be parsed ({type(exc).__name__})") from None
    if doc is None:
        raise ExtractError("no article text found")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = _paragraphs(data.get("text") or "")
    title = clean_line(data.get("title"))
    if title and text.startswith(title):
        # trafilatura sometimes repeats the headline as the first paragraph.
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
