"""From HTML to an article: decoding, one parse, the metadata, trafilatura's text, cleaning.

The page is parsed once and the tree handed to the metadata pass, then to the text pass (the
rare second text pass parses the page again); the metadata is trafilatura's, minus what is
never stored, with dateparser held to the page's languages, and trafilatura's costliest
expressions are answered by :mod:`fastpaths`. Same results as ``bare_extraction(html, with_metadata=True)`` at a
fraction of the cost: ``bench/README.md`` has the figures and the reasons.

Decoding honours the charset the server declares, then a ``<meta charset>`` in the page, then
UTF-8 when the bytes decode as such, then charset detection. (Bare ``trafilatura.extract`` on
latin-1 bytes guesses wrong and turns "Muñoz" into "Muńoz".)
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import re
import threading
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from lxml.etree import ElementDefaultClassLookup, XPath, strip_tags
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HTMLParser,
    HtmlProcessingInstruction,
    fromstring,
)
from trafilatura import metadata as tmeta
from trafilatura.core import trafilatura_sequence
from trafilatura.settings import DEFAULT_CONFIG, Document, Extractor, set_date_params
from trafilatura.utils import is_dubious_html, repair_faulty_html, trim
from trafilatura.xml import xmltotxt

from tui_reader.library import fastpaths
from tui_reader.library.models import ExtractedArticle
from tui_reader.library.textclean import clean_line, clean_text

fastpaths.install()  # trafilatura's costliest expressions, node for node, at a third of the cost


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


_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_AUTHOR_MAX = 120  # extract_author's len_limit
_EXTENSIVE_DATES = DEFAULT_CONFIG.getboolean("DEFAULT", "EXTENSIVE_DATE_SEARCH")


# trafilatura's AUTHOR_DISCARD_XPATHS as a test of one element (tests/test_extract_same.py pins
# the XPath text these were written from, so an upgrade that changes it fails the tests)
_DISCARD_ALWAYS = frozenset({"time", "figure"})
_DISCARD_TAGS = frozenset({"a", "div", "section", "span"})
_DISCARD_IDS = frozenset({"comments"})
_DISCARD_CLASSES = frozenset({"comments", "title", "date"})
_DISCARD_ID = re.compile("^comments|comment-?list|ProductReviews")
_DISCARD_CLASS = re.compile(
    "^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram"
    "|article-(?:share|support)|print|category|meta-date|meta-reviewer"
)


def _discarded(element: Any) -> bool:
    """Whether trafilatura's author search prunes this element (and so all inside it)."""
    tag = element.tag
    if tag in _DISCARD_ALWAYS:
        return True
    if tag not in _DISCARD_TAGS:
        return False
    ident, cls = element.get("id"), element.get("class")
    return bool(
        ident in _DISCARD_IDS
        or cls in _DISCARD_CLASSES
        or (ident and _DISCARD_ID.search(ident))
        or (cls and _DISCARD_CLASS.search(cls))
        or "Figure" in (element.get("data-component") or "")
    )


# trafilatura's three AUTHOR_XPATHS as tests of one element (pinned like the above). Only the
# values of six attributes can make an element match, and each match needs one of these
# fragments in one of them: a search of the page's attribute values finds the few candidates
# (about 20 a page) at a fifth of the cost of running the three expressions over every element.
_AUTHOR_ATTRIBUTES = XPath("//@class|//@id|//@itemprop|//@rel|//@data-testid|//@data-component")
_AUTHOR_ELEMENTS = XPath("//author")
_AUTHOR_HINT = re.compile(
    "uthor|yl|BBL|username|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by"
    "|journalist-name|screenname|writer"
)
_FIRST_TAGS = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
_FIRST_CLASS = re.compile("author-?name|AuthorName|authorName")
_SECOND_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
_SECOND_CLASSES = frozenset({"byline", "username", "byl", "BBL"})
_SECOND_ID = re.compile("author|zuozhe|bianji|xiaobian")
_SECOND_CLASS = re.compile(
    "author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name"
)
_THIRD_ID = re.compile("[Aa]uthor")
_THIRD_CLASS = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")


def _first_author_expression(element: Any) -> bool:
    """AUTHOR_XPATHS[0], for a page without ``<rel>`` elements (its ``rel='me'`` is false)."""
    tag = element.tag
    if tag == "author":
        return True
    if tag not in _FIRST_TAGS:
        return False
    cls = element.get("class")
    return bool(
        element.get("rel") == "author"
        or element.get("id") == "author"
        or cls == "author"
        or element.get("itemprop") == "author name"
        or element.get("data-testid") in ("AuthorCard", "AuthorURL")
        or (cls and _FIRST_CLASS.search(cls))
    )


def _second_author_expression(element: Any) -> bool:
    """AUTHOR_XPATHS[1]."""
    if element.tag not in _SECOND_TAGS:
        return False
    cls, ident = element.get("class"), element.get("id")
    return bool(
        cls in _SECOND_CLASSES
        or "author" in (element.get("itemprop") or "")
        or (ident and _SECOND_ID.search(ident))
        or (cls and _SECOND_CLASS.search(cls))
    )


def _third_author_expression(element: Any) -> bool:
    """AUTHOR_XPATHS[2]."""
    cls, ident = element.get("class"), element.get("id")
    return bool(
        "Byline" in (element.get("data-component") or "")
        or "author" in (element.get("itemprop") or "")
        or (ident and _THIRD_ID.search(ident))
        or (cls and _THIRD_CLASS.search(cls))
    )


AUTHOR_EXPRESSIONS = (
    _first_author_expression,
    _second_author_expression,
    _third_author_expression,
)


def author_candidates(tree: Any) -> list[list[Any]]:
    """What each of trafilatura's AUTHOR_XPATHS finds in a page without ``<rel>`` elements,
    in document order (``tests/test_extract_same.py`` holds them to the expressions)."""
    candidates: list[Any] = []
    for value in _AUTHOR_ATTRIBUTES(tree):
        if _AUTHOR_HINT.search(value):
            element = value.getparent()
            if not candidates or candidates[-1] is not element:
                candidates.append(element)
    authors = _AUTHOR_ELEMENTS(tree)
    if authors:  # rare: merge them in, in document order
        root = tree.getroottree().getroot()
        top = [*reversed(list(root.itersiblings(preceding=True))), root, *root.itersiblings()]
        order = {e: i for i, e in enumerate(e for node in top for e in node.iter())}
        candidates = sorted({*candidates, *authors}, key=order.__getitem__)
    return [[e for e in candidates if test(e)] for test in AUTHOR_EXPRESSIONS]


def _author(tree: Any) -> str | None:
    """trafilatura's ``extract_author``, without its pruned copy of the whole page.

    ``extract_author`` deep-copies the tree, deletes comment sections, dates and figures from
    the copy (two more searches of every element), then takes the first author-like element
    of the copy whose text is 3 to 119 characters. Pruning only removes elements, and the
    author expressions test an element's own tag and attributes (the one exception, a child
    ``<rel>`` element, sends such pages the long way), so the copy's candidates are the
    page's own minus those inside a pruned element, and a candidate with nothing pruned
    inside has the same text in both. Only a candidate with a pruned element inside (its
    text would differ) needs the real thing.
    """
    if tree.find(".//rel") is not None:
        return tmeta.extract_author(tree)
    for found in author_candidates(tree):
        for element in found:
            ancestors = [element, *element.iterancestors()]
            # the copy holds the root element only: a broken page's elements after </html>
            # are not in it
            if ancestors[-1] is not tree or any(_discarded(e) for e in ancestors):
                continue
            if any(_discarded(e) for e in element.iterdescendants()):
                return tmeta.extract_author(tree)
            content = trim(" ".join(element.itertext()))
            if content and 2 < len(content) < _AUTHOR_MAX:
                return tmeta.normalize_authors(None, content)
    return None


DATE_LANGUAGES = ("en",)
"""Dates in words are read in the page's declared languages and these (English: dates in
English are everywhere); a page that declares none gets dateparser's ten most used."""
UNDECLARED_LANGUAGES = 10

_DATES = threading.Lock()  # the date parser is shared by the whole process
_LANG_META = XPath(
    "//meta[@content][@property='og:locale' or translate(@http-equiv, 'CONTENT-LANGUAGE',"
    " 'content-language')='content-language']/@content"
)


@functools.cache
def _known_languages() -> frozenset[str]:
    from dateparser.data.languages_info import language_order

    return frozenset(language_order)


def page_languages(tree: Any) -> list[str]:
    """The languages the page declares (``<html lang>``, og:locale, Content-Language) that
    dateparser knows, as its codes."""
    known = _known_languages()
    found: list[str] = []
    declared = [tree.get("lang"), tree.get(_XML_LANG), *_LANG_META(tree)]
    for value in declared:
        for tag in str(value or "").replace("_", "-").split(","):
            parts = tag.strip().split("-")
            for code in ("-".join(parts[:2]), parts[0].lower()):
                if code in known and code not in found:
                    found.append(code)
                    break
    return found


def _find_date(tree: Any, date_params: dict[str, Any]) -> str | None:
    """htmldate's date search as trafilatura runs it, with dateparser held to a few languages.

    htmldate hands strings that look like a date in words to dateparser, which (asked for no
    particular language) tries every one of its 205: the first string that none of them
    reads costs about a second per process, more than the rest of the page's metadata.
    Held to the page's own languages and English (or, for a page that declares none, the ten
    most used), in dateparser's own order so that a string several of them read is read as
    before, it costs 0.05-0.2 s.
    """
    from dateparser.data.languages_info import language_order
    from htmldate.extractors import get_external_parser, try_date_expr

    declared = page_languages(tree)
    wanted = (
        {*declared, *DATE_LANGUAGES} if declared else set(language_order[:UNDECLARED_LANGUAGES])
    )
    languages = [code for code in language_order if code in wanted]
    with _DATES:
        parser = get_external_parser()
        if parser.languages != languages:
            parser.languages = languages
            # htmldate caches each string's answer: drop those read with other languages
            try_date_expr.cache_clear()
        return tmeta.find_date(tree, **date_params)


def page_metadata(tree: Any, default_url: str | None = None) -> Document:
    """What ``trafilatura.metadata.extract_metadata`` finds, for the fields an article keeps.

    The same steps in the same order (meta tags, JSON-LD, title, author, URL, host, htmldate's
    date search with trafilatura's settings, site name, trimming), minus categories, tags and
    the licence, which are not stored and cost a search of every link in the page.
    ``tests/test_extract_same.py`` holds it to ``extract_metadata`` field by field.
    """
    metadata = tmeta.examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    with contextlib.suppress(Exception):  # trafilatura's own guard: bugs in its JSON-LD reader
        metadata = tmeta.extract_meta_json(tree, metadata)
    if not metadata.title:
        metadata.title = tmeta.extract_title(tree)
    if not metadata.author:
        metadata.author = _author(tree)
    if not metadata.url:
        metadata.url = tmeta.extract_url(tree, default_url)
    if metadata.url:
        metadata.hostname = tmeta.extract_domain(metadata.url, fast=True)
    date_params = set_date_params(_EXTENSIVE_DATES)
    date_params["url"] = metadata.url
    metadata.date = _find_date(tree, date_params)
    if not metadata.sitename:
        metadata.sitename = tmeta.extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")
        if (
            metadata.sitename
            and "." not in metadata.sitename
            and not metadata.sitename[0].isupper()
        ):
            metadata.sitename = metadata.sitename.title()
    elif metadata.url:
        match = tmeta.META_URL.match(metadata.url)
        if match:
            metadata.sitename = match[1]
    metadata.filedate = date_params.get("max_date")
    metadata.clean_and_trim()
    return metadata


# trafilatura's parser (trafilatura.utils.HTML_PARSER, same options) but for one thing: lxml.html
# asks a Python function for the class of every element it hands to Python (740,000 calls
# on 250 pages, 5 % of extraction); this one gives every element lxml.html's HtmlElement
# from C. Only forms, inputs, labels, selects and textareas lose lxml.html's subclasses,
# which neither trafilatura nor htmldate uses.
_PARSER = HTMLParser(
    collect_ids=False,
    default_doctype=False,
    encoding="utf-8",
    remove_comments=True,
    remove_pis=True,
)
_PARSER.set_element_class_lookup(
    ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
    )
)


def _from_bytes(html: str) -> Any:
    try:
        return fromstring(html.encode("utf8", "surrogatepass"), parser=_PARSER)
    except Exception:  # trafilatura's fromstring_bytes gives up the same way
        return None


def parse_html(html: str) -> Any:
    """The page as trafilatura's ``load_html`` parses a string, with :data:`_PARSER`."""
    beginning = html[:50].lower()
    dubious = is_dubious_html(beginning)
    html = repair_faulty_html(html, beginning)
    tree, from_bytes = None, False
    try:
        tree = fromstring(html, parser=_PARSER)
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        tree, from_bytes = _from_bytes(html), True
    except Exception:  # load_html logs and goes on to the bytes
        pass
    if (tree is None or len(tree) < 1) and not from_bytes:
        tree = _from_bytes(html)
    if tree is not None and dubious and len(tree) < 2:  # not HTML at all
        tree = None
    return tree


FAST_ENOUGH_CHARS = 600
"""Below this much text from the main extractor, the fallback extractors get a try."""


def _text(tree: Any, url: str | None, *, fast: bool) -> str | None:
    """trafilatura's main text of a parsed page, as ``bare_extraction(html, url=url,
    fast=fast, include_comments=False, include_tables=False, deduplicate=False)`` gives it;
    None when it finds no document at all.

    The tree is used up (the cascade prunes it). ``bare_extraction`` would copy a tree it is
    handed, and for a page with elements beside its root the copy would lose them, so the
    page would have to be parsed again: its own steps for these options are these
    (pinned in ``tests/test_extract_same.py``).
    """
    options = Extractor(
        config=DEFAULT_CONFIG,
        output_format="python",
        fast=fast,
        precision=False,
        recall=False,
        comments=False,
        formatting=None,
        links=False,
        images=False,
        tables=False,
        dedup=False,
        lang=None,
        url=url,
        with_metadata=False,
        only_with_metadata=False,
        author_blacklist=None,
        url_blacklist=None,
        date_params=None,
    )
    try:
        body, text, _, comments = trafilatura_sequence(tree, options, options.url)
        if options.max_tree_size:
            if len(body) > options.max_tree_size:
                strip_tags(body, "hi")
            if len(body) > options.max_tree_size:
                return None
        if len(text) < options.min_output_size and len(comments) < options.min_output_comm_size:
            return None
    except (TypeError, ValueError):
        return None
    return xmltotxt(body, options.formatting) or ""


def extract_article(html: str, source: str, final_url: str | None = None) -> ExtractedArticle:
    """Text and metadata of a news page; raise ExtractError when there is no article text.

    One parse and one metadata pass, whatever the number of text passes: the page is parsed
    here as ``bare_extraction`` would parse it, the metadata (:func:`page_metadata`) read
    off that tree, and the text extracted from the tree itself (:func:`_text`; a second
    pass, when the first finds little, parses the page again). The results are those of
    ``bare_extraction(html, with_metadata=True)`` (``tests/test_extract_same.py``,
    ``bench/ingest.py --check``) for half the cost (``bench/README.md``).
    """
    html = strip_escapes(html)
    if not html.strip():
        raise ExtractError("the page is empty")
    if _looks_binary(html):
        raise ExtractError("the page is not text (binary data)")
    try:
        tree = parse_html(html)
        if tree is None:  # bare_extraction gives up on the same pages
            raise ExtractError("no article text found")
        try:
            meta = page_metadata(tree, final_url)
        except (TypeError, ValueError):  # inside bare_extraction these meant "no document"
            raise ExtractError("no article text found") from None
        url = final_url or meta.url  # what bare_extraction hands its extractors
        # trafilatura's main extractor alone first; its fallback extractors (readability,
        # jusText) only when that finds little: they keep rescuing hard pages without being
        # paid for on every ordinary article. The first pass uses the tree up; the rare
        # second one parses the page again.
        found = _text(tree, url, fast=True)
        if len(found or "") < FAST_ENOUGH_CHARS:
            second = _text(parse_html(html), url, fast=False)
            found = second if second is not None else found
    except ExtractError:
        raise
    except Exception as exc:  # trafilatura and lxml raise many kinds on broken markup
        raise ExtractError(f"the page could not be parsed ({type(exc).__name__})") from None
    if found is None:
        raise ExtractError("no article text found")
    text = _paragraphs(found)
    title = clean_line(meta.title)
    if title and text.startswith(title):
        # trafilatura sometimes repeats the headline as the first paragraph.
        text = text[len(title) :].lstrip("\n")
    if not text.strip():
        raise ExtractError("no article text found")
    url = meta.url or final_url
    site = clean_line(meta.sitename) or clean_line(meta.hostname)
    if not site and url:
        site = urlsplit(url).hostname
    published = meta.date
    return ExtractedArticle(
        source=source,
        text=text,
        url=clean_line(url) if url else None,
        title=title,
        author=clean_line(meta.author),
        site=site,
        published=published[:10] if published else None,
        language=clean_line(meta.language),
        fetched_at=now_iso(),
    )
