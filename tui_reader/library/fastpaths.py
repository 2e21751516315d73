"""Faster equivalents of trafilatura's costliest XPath expressions, node for node.

Five of trafilatura's pruning expressions test every element of a page with ``re:test``,
which lxml answers by calling back into Python once per element and attribute: on real news
pages they are a quarter of the text extraction. Each can only match an element through the
values of a few attributes, so a :class:`FastExpression` reads those values (a C-level
search per attribute), keeps the elements whose values could match (a superset: a few in a
page), and tests only those, in Python, exactly as the expression does. The result is the expression's
node-set in document order (``tests/test_fastpaths.py`` holds each to its original on
generated markup; ``bench/ingest.py --check`` on real pages).

:func:`install` puts them in trafilatura's own lists, but only where the expression's text is
the one each was written from: a trafilatura that changes an expression keeps running its
own, and the test of the digests says which mirror to check again. :func:`originals` runs
trafilatura's own for a while (the bench's reference, the tests).

One function goes in the same way: trafilatura's ``_prepare_tree`` copies the cleaned tree for
readers that fast mode never runs (:func:`prepare_tree`), pinned by the text of the functions
that read the copy.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from copy import copy
from dataclasses import dataclass, field
from typing import Any

from lxml.etree import XPath
from trafilatura import xpaths

Element = Any  # lxml.html.HtmlElement


def _first(element: Element, names: tuple[str, str]) -> str:
    """The string value of ``@a|@b``: whichever of the two comes first in the element."""
    for name in element.attrib:
        if name in names:
            return element.get(name)
    return ""


def _search(pattern: re.Pattern[str], value: str | None) -> bool:
    return value is not None and pattern.search(value) is not None


@dataclass(frozen=True, eq=False)  # hashed by identity, as the XPath objects it stands for
class FastExpression:
    """An XPath's node-set, from the candidates some attribute value makes possible."""

    original: XPath
    hints: dict[str, re.Pattern[str]]
    """For each attribute the expression can match through, a pattern that every value
    making its element match is found by (a superset: it may find more)."""
    test: Callable[[Element], bool]
    """The expression's predicates, for one element."""
    plain: XPath | None = None
    """A part of a union without ``re:test``, run as it is."""
    _values: tuple[tuple[XPath, Callable[[str], Any]], ...] = field(init=False)

    def __post_init__(self) -> None:
        values = tuple((XPath(f".//*/@{name}"), p.search) for name, p in self.hints.items())
        object.__setattr__(self, "_values", values)

    @property
    def path(self) -> str:
        return self.original.path

    def __call__(self, tree: Element) -> list[Element]:
        found: list[Element] = []
        several = False
        for values, search in self._values:
            hits = [value.getparent() for value in filter(search, values(tree))]
            several = several or bool(found and hits)
            found.extend(hits)
        matches = [e for e in (dict.fromkeys(found) if several else found) if self.test(e)]
        if several and len(matches) > 1:
            matches = _in_order(matches)
        if self.plain is None:
            return matches
        plain = self.plain(tree)
        if not matches:
            return plain
        if not plain:
            return matches
        return _in_order([*dict.fromkeys([*matches, *plain])])


def _position(element: Element) -> tuple[int, ...]:
    """Where the element is in its tree: the index of it and of each ancestor among its
    siblings, from the root (document order is the order of these)."""
    steps = []
    parent = element.getparent()
    while parent is not None:
        steps.append(parent.index(element))
        element, parent = parent, parent.getparent()
    return tuple(reversed(steps))


def _in_order(elements: list[Element]) -> list[Element]:
    """Distinct elements of one tree, in document order."""
    if len(elements) <= _FEW:
        return sorted(elements, key=_position)
    root = elements[0]
    while (parent := root.getparent()) is not None:
        root = parent
    order = {e: i for i, e in enumerate(root.iter())}
    return sorted(elements, key=order.__getitem__)


_FEW = 16
"""Up to this many, elements are ordered by their positions; more (a page's scripts and
styles beside a cookie banner), by one walk of the tree."""


# -- RAW_TREE_PRUNE_XPATH[0]: infinite-scroll containers ---------------------------------------

_SCROLL_TAGS = frozenset({"div", "section", "aside"})
_SCROLL = re.compile("mvp-post-add-(?:box|wrap)|infinite-?scroll")
_SCROLL_ADD = re.compile("mvp-post-add-(?:box|wrap)")


def _scroll(element: Element) -> bool:
    ident, cls = element.get("id"), element.get("class")
    return (
        element.tag in _SCROLL_TAGS
        and (_search(_SCROLL, ident) or _search(_SCROLL, cls))
        and (
            element.find(".//h1") is None
            or _search(_SCROLL_ADD, ident)
            or _search(_SCROLL_ADD, cls)
        )
    )


# -- REMOVE_COMMENTS_AND_LISTS_XPATH[0]: comment sections ---------------------------------------

_COMMENT_TAGS = frozenset({"div", "list", "section", "details", "ol", "ul"})
_COMMENT_ID = re.compile("^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)")
_COMMENT_CLASS = re.compile("^[Cc]omment(?!ary)|(?:article|post)-comments")
_COMMENT_LIST_ID = re.compile("^(?:[Cc]omment(?!ary)|comol)")


def _comments(element: Element) -> bool:
    ident, cls = element.get("id"), element.get("class")
    tag = element.tag
    return (
        tag in _COMMENT_TAGS
        and (_search(_COMMENT_ID, ident) or _search(_COMMENT_CLASS, cls))
        and (
            tag not in ("ol", "ul")
            or _search(_COMMENT_LIST_ID, ident)
            or _search(_COMMENT_CLASS, cls)
        )
    )


# -- OVERALL_DISCARD_XPATH[0]: navigation, sharing, ads, bylines... -----------------------------

_DISCARD_TAGS = frozenset({"div", "item", "list", "p", "section", "span"})
_TEST_ARGUMENT = re.compile(r"re:test\(@(id|class), '([^']*)'\)")


def _make_discard(original: XPath) -> FastExpression:
    """OVERALL_DISCARD_XPATH[0], whose id and class alternations are composed from
    trafilatura's token lists: they are read from the expression's text (fixed by its
    digest)."""
    found = dict(_TEST_ARGUMENT.findall(original.path))
    by_id, by_class = re.compile(found["id"]), re.compile(found["class"])

    def test(element: Element) -> bool:
        if element.tag not in _DISCARD_TAGS:
            return False
        get = element.get
        return (
            get("data-lp-replacement-content") is not None
            or "nav" in (get("role") or "").replace("N", "n")
            or "MostPopularStories" in (get("data-component") or "")
            or "cookie" in _first(element, ("id", "class"))
            or _search(by_id, get("id"))
            or _search(by_class, get("class"))
        )

    hints = {
        "id": re.compile(f"cookie|{by_id.pattern}"),
        "class": re.compile(f"cookie|{by_class.pattern}"),
        "role": re.compile("[nN]av"),  # translate(@role, 'N', 'n') holds "nav"
        "data-component": re.compile("MostPopularStories"),
        "data-lp-replacement-content": re.compile(""),  # there at all
    }
    return FastExpression(original, hints, test)


# -- OVERALL_DISCARD_XPATH[1]: hidden elements, replies ----------------------------------------

_HIDDEN_ID = re.compile("reader-comments|akismet")
_HIDDEN_CLASS = re.compile(
    "^hide-|comments-title|nocomments|-reply-|message|akismet|suggest-links|-hide-|hide-print"
    "| hidden| hide|noprint|notloaded"
)


_HIDDEN_HINTS = {
    "class": re.compile(rf"\Acomments-title\Z|\Areply-|{_HIDDEN_CLASS.pattern}"),
    "id": re.compile(rf"\Areply-|hidden|{_HIDDEN_ID.pattern}"),
    "style": re.compile("hidden|display:none|display: none"),
    "aria-hidden": re.compile(r"\Atrue\Z"),
}


def _hidden(element: Element) -> bool:
    get = element.get
    style = get("style") or ""
    return (
        get("class") == "comments-title"
        or _first(element, ("id", "class")).startswith("reply-")
        or "hidden" in _first(element, ("id", "style"))
        or "display:none" in style
        or "display: none" in style
        or _search(_HIDDEN_ID, get("id"))
        or _search(_HIDDEN_CLASS, get("class"))
        or get("aria-hidden") == "true"
    )


# -- BASIC_CLEAN_XPATH (baseline, html2txt): cookie banners and the usual clutter ---------------

_COOKIE = re.compile(
    "cookie[-_]?(?:banner|bar|consent|law|notice|policy|description)|notice[-_]{0,2}cookie"
    "|consent[-_]?(?:banner|manager|sdk)|borlabs|cookiebot|cmplz|onetrust|moove[-_]?gdpr",
    re.IGNORECASE,
)
_BASIC_PLAIN = XPath(
    ".//aside|.//div[contains(@class|@id, 'footer')]|.//fencedframe|.//footer|.//script"
    "|.//style|.//svg|.//template"
)


def _cookie(element: Element) -> bool:
    return _search(_COOKIE, element.get("class")) or _search(_COOKIE, element.get("id"))


# -- trafilatura.core._prepare_tree: the backup copy no one reads in fast mode -----------------

_CORE = importlib.import_module("trafilatura.core")


def prepare_tree(tree: Element, options: Any, url: str | None) -> tuple[Element, Element | None]:
    """``trafilatura.core._prepare_tree`` without the backup of the cleaned tree where nothing
    reads it.

    The backup (the cleaned tree before its tags are converted) is read by the external
    extractors (``_extract_and_compare`` calls ``compare_extraction`` only when not
    ``options.fast``) and by comment capture on forum pages (``options.comments``); a fast
    pass without comments, the first of each page in ``extract._text``, never reads it.
    """
    cleaned = _CORE.tree_cleaning(copy(tree), options)
    backup = copy(cleaned) if not options.fast or options.comments else None
    return _CORE.convert_tags(cleaned, options, url), backup


def _readers_of_the_backup(function: Any) -> str:
    """The digest of ``_prepare_tree`` and of the functions that read its backup."""
    functions = (
        function,
        _CORE._extract_and_compare,
        _CORE._recall_retry,
        _CORE.trafilatura_sequence,
    )
    try:
        return digest("".join(inspect.getsource(f) for f in functions))
    except (OSError, TypeError):  # no source to read: not the code this was written from
        return ""


# -- installing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Slot:
    """Where trafilatura keeps an expression: a module attribute, or an item of a list."""

    owner: Any
    key: str | int
    digest: str
    make: Callable[[Any], Any]
    fingerprint: Callable[[Any], str] = lambda current: digest(current.path)
    """The digest of what is there now (an expression's: its text)."""

    def get(self) -> Any:
        return self.owner[self.key] if isinstance(self.key, int) else getattr(self.owner, self.key)

    def set(self, value: Any) -> None:
        if isinstance(self.key, int):
            self.owner[self.key] = value
        else:
            setattr(self.owner, self.key, value)


_BASELINE = importlib.import_module("trafilatura.baseline")  # the name is also a function's

SLOTS = {
    "RAW_TREE_PRUNE_XPATH[0]": _Slot(
        xpaths.RAW_TREE_PRUNE_XPATH,
        0,
        "01e7c660fd6406f2",
        lambda x: FastExpression(x, {"id": _SCROLL, "class": _SCROLL}, _scroll),
    ),
    "REMOVE_COMMENTS_AND_LISTS_XPATH[0]": _Slot(
        xpaths.REMOVE_COMMENTS_AND_LISTS_XPATH,
        0,
        "9cc18d34e6e2d258",
        lambda x: FastExpression(x, {"id": _COMMENT_ID, "class": _COMMENT_CLASS}, _comments),
    ),
    "OVERALL_DISCARD_XPATH[0]": _Slot(
        xpaths.OVERALL_DISCARD_XPATH, 0, "a837e58a1b1ea116", _make_discard
    ),
    "OVERALL_DISCARD_XPATH[1]": _Slot(
        xpaths.OVERALL_DISCARD_XPATH,
        1,
        "c1d5b70b8cd03783",
        lambda x: FastExpression(x, _HIDDEN_HINTS, _hidden),
    ),
    "BASIC_CLEAN_XPATH": _Slot(
        _BASELINE,
        "BASIC_CLEAN_XPATH",
        "db6c25acd08aef99",
        lambda x: FastExpression(
            x,
            {"class": _COOKIE, "id": _COOKIE},
            _cookie,
            plain=_BASIC_PLAIN,
        ),
    ),
}

FUNCTIONS = {
    "_prepare_tree": _Slot(
        _CORE,
        "_prepare_tree",
        "522d8031d3ea92f4",
        lambda _: prepare_tree,
        fingerprint=_readers_of_the_backup,
    ),
}
_ALL = {**SLOTS, **FUNCTIONS}


def digest(path: str) -> str:
    """The first 16 hex digits of the expression text's sha256."""
    return hashlib.sha256(path.encode()).hexdigest()[:16]


_ORIGINALS: dict[str, Any] = {}
_FAST: dict[str, Any] = {}
_LOCK = threading.Lock()
_SUSPENDED = 0  # how many originals() are open


def install() -> list[str]:
    """Put the fast expressions (and :data:`FUNCTIONS`) in trafilatura's place where the text
    is the one they were written from; the names of those installed."""
    with _LOCK:
        for name, slot in _ALL.items():
            if name in _FAST:
                continue
            current = slot.get()
            if slot.fingerprint(current) != slot.digest:
                continue
            _ORIGINALS[name] = current
            _FAST[name] = slot.make(current)
            if not _SUSPENDED:
                slot.set(_FAST[name])
        return list(_FAST)


@contextmanager
def originals() -> Iterator[None]:
    """trafilatura's own expressions for the duration (benchmarks, tests); nested or
    overlapping uses put the fast ones back when the last one ends."""
    global _SUSPENDED
    with _LOCK:
        _SUSPENDED += 1
        for name, original in _ORIGINALS.items():
            _ALL[name].set(original)
    try:
        yield
    finally:
        with _LOCK:
            _SUSPENDED -= 1
            if not _SUSPENDED:
                for name, fast in _FAST.items():
                    _ALL[name].set(fast)
