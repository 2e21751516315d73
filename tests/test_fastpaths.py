"""The fast expressions find what trafilatura's find, node for node, in document order."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml.html import fromstring

from tui_reader.library import fastpaths
from tui_reader.library.extract import parse_html

# words of the expressions' own patterns, cut and joined so that near misses come up too
_WORDS = sorted(
    {
        *re.findall(
            r"[A-Za-z][A-Za-z_:-]*",
            "|".join(fastpaths._ORIGINALS[name].path for name in fastpaths.SLOTS),
        ),
        "comment",
        "Comments",
        "commentary",
        "comments-title",
        "reply-to",
        "a-reply-b",
        "hidden",
        " hidden",
        "display:none",
        "display: none",
        "true",
        "false",
        "Nav",
        "NAV",
        "MostPopularStories",
        "COOKIE-BANNER",
        "cookie_notice",
        "mvp-post-add-box",
        "infinite-scroll",
        "infinitescroll",
        "disqus_thread",
        "post-comments",
        "elementor-share-buttons",
        "footer",
        " ad ",
        "ad-",
        "x",
        "",
    }
)
_ATTRIBUTES = [
    "class",
    "id",
    "style",
    "role",
    "aria-hidden",
    "data-component",
    "data-lp-replacement-content",
    "title",
]
_TAGS = [
    "div",
    "section",
    "aside",
    "span",
    "p",
    "ol",
    "ul",
    "li",
    "details",
    "list",
    "item",
    "footer",
    "script",
    "svg",
    "h1",
    "a",
    "template",
]


@st.composite
def markup(draw: st.DrawFn) -> str:
    """Nested elements whose attributes (in any order) are made of the expressions' words."""

    def value() -> str:
        parts = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3))
        return draw(st.sampled_from([" ", "", "-", "_"])).join(parts)

    def element(depth: int) -> str:
        tag = draw(st.sampled_from(_TAGS))
        names = draw(st.lists(st.sampled_from(_ATTRIBUTES), max_size=4, unique=True))
        attributes = "".join(f' {name}="{value()}"' for name in names)
        children = draw(st.integers(0, 3 if depth < 3 else 0))
        inner = "".join(element(depth + 1) for _ in range(children))
        return f"<{tag}{attributes}>w{inner}</{tag}>"

    return "".join(element(0) for _ in range(draw(st.integers(1, 4))))


@pytest.mark.parametrize("name", sorted(fastpaths.SLOTS))
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html=markup())
def test_a_fast_expression_finds_what_the_original_finds(name: str, html: str) -> None:
    tree = parse_html(f"<html><body>{html}</body></html>")
    fast = fastpaths.SLOTS[name].get()
    assert isinstance(fast, fastpaths.FastExpression)
    assert fast(tree) == fast.original(tree)
    body = tree.find(".//body")
    assert fast(body) == fast.original(body)  # relative to any element, as they are used


INSTALLED = [*fastpaths.SLOTS, *fastpaths.FUNCTIONS]


def test_every_expression_is_installed_and_its_text_is_the_one_mirrored() -> None:
    assert fastpaths.install() == INSTALLED, (
        "an expression or function of this trafilatura is not the one "
        "tui_reader/library/fastpaths.py mirrors: check the mirror against it, then update "
        "its digest"
    )
    for name, slot in fastpaths.SLOTS.items():
        assert fastpaths.digest(slot.get().path) == slot.digest, name
    slot = fastpaths.FUNCTIONS["_prepare_tree"]
    assert slot.get() is fastpaths.prepare_tree
    assert slot.fingerprint(fastpaths._ORIGINALS["_prepare_tree"]) == slot.digest


def _fast_everywhere() -> bool:
    return all(
        isinstance(s.get(), fastpaths.FastExpression) for s in fastpaths.SLOTS.values()
    ) and all(s.get() is fastpaths._FAST[n] for n, s in fastpaths.FUNCTIONS.items())


def _fast_nowhere() -> bool:
    return not any(
        isinstance(s.get(), fastpaths.FastExpression) for s in fastpaths.SLOTS.values()
    ) and all(s.get() is fastpaths._ORIGINALS[n] for n, s in fastpaths.FUNCTIONS.items())


def test_originals_puts_trafilaturas_own_back_for_a_while() -> None:
    with fastpaths.originals():
        assert _fast_nowhere()
    assert _fast_everywhere()


def test_overlapping_originals_end_with_the_fast_ones_back() -> None:
    first, second = fastpaths.originals(), fastpaths.originals()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert _fast_nowhere()  # the second is still open
    second.__exit__(None, None, None)
    assert _fast_everywhere()
    assert fastpaths.install() == INSTALLED  # installing again changes nothing
    assert _fast_everywhere()


def test_a_cookie_banner_among_many_scripts_keeps_document_order() -> None:
    scripts = "".join(f"<div><script>s{i}</script></div>" for i in range(40))
    tree = fromstring(
        f'<html><body>{scripts}<div class="cookie-banner">c</div>{scripts}</body></html>'
    )
    fast = fastpaths.SLOTS["BASIC_CLEAN_XPATH"].get()
    assert fast(tree) == fast.original(tree)


@pytest.mark.parametrize(
    ("html", "name", "found"),
    [
        (
            '<div id="comments">c</div><ol class="comment-list">l</ol>',
            "REMOVE_COMMENTS_AND_LISTS_XPATH[0]",
            ["div", "ol"],
        ),
        (
            '<div id="reply-1" class="x">r</div><div class="x" id="reply-1">s</div>',
            "OVERALL_DISCARD_XPATH[1]",
            ["div"],
        ),
        (
            '<span role="Navigation">n</span><p style="display:none">h</p>',
            "OVERALL_DISCARD_XPATH[0]",
            ["span"],
        ),
        (
            '<div class="infinite-scroll"><h1>t</h1></div><aside id="mvp-post-add-box"><h1>u</h1></aside>',
            "RAW_TREE_PRUNE_XPATH[0]",
            ["aside"],
        ),
        ('<p class="Cookie-Banner">c</p><script>s</script>', "BASIC_CLEAN_XPATH", ["p", "script"]),
    ],
)
def test_examples_of_what_each_finds(html: str, name: str, found: list[str]) -> None:
    tree = fromstring(f"<html><body>{html}</body></html>")
    result = fastpaths.SLOTS[name].get()(tree)
    assert [e.tag for e in result] == found
    assert result == fastpaths.SLOTS[name].get().original(tree)


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize("comments", [True, False])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html=markup())
def test_prepare_tree_is_trafilaturas_but_for_the_copy_no_one_reads(
    html: str, fast: bool, comments: bool
) -> None:
    from lxml.etree import tostring
    from trafilatura.settings import Extractor

    options = Extractor(fast=fast, comments=comments)
    page = f"<html><body><p>Text of the page.</p>{html}</body></html>"
    original = fastpaths._ORIGINALS["_prepare_tree"]
    theirs, their_backup = original(parse_html(page), options, None)
    ours, our_backup = fastpaths.prepare_tree(parse_html(page), options, None)
    assert tostring(ours) == tostring(theirs)
    if fast and not comments:
        assert our_backup is None
    else:
        assert tostring(our_backup) == tostring(their_backup)
