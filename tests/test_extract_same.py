"""One parse and one metadata pass give what two ``bare_extraction(with_metadata=True)`` calls
gave (bench/extract_reference.py), field by field, on self-written and generated pages.

The fast path mirrors a few trafilatura functions (its metadata steps, its author search, its
HTML loading); the pins below fail when an upgrade of trafilatura changes one of them, so that
the mirror is checked again rather than drifting away in silence.
"""

from __future__ import annotations

import copy
import hashlib
import inspect
import random
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import trafilatura
import trafilatura.core
import trafilatura.metadata
import trafilatura.utils
import trafilatura.xpaths
from conftest import ROOT, SEEDS
from htmldate.extractors import get_external_parser, try_date_expr
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml.html import fromstring

from tui_reader.library import extract, fastpaths
from tui_reader.library.extract import ExtractError, extract_article, page_metadata, parse_html

sys.path.insert(0, str(ROOT / "bench"))
from extract_reference import reference_extract_article
from make_pages import make_pages

FIELDS = ("text", "url", "title", "author", "site", "published", "language")

# sha256 (first 16 hex digits) of the trafilatura code that tui_reader.library.extract mirrors
PINNED = {
    "trafilatura.metadata.extract_metadata": "40ba8cda7a32c71a",  # page_metadata
    "trafilatura.metadata.extract_author": "e356580cb8515cbb",  # _author
    "trafilatura.utils.load_html": "bc0039c89805dea3",  # parse_html
    "trafilatura.core.bare_extraction": "2e57adb3062086f9",  # _text
    "trafilatura.utils.fromstring_bytes": "c5ee8713366ea137",  # _from_bytes
    "trafilatura.xpaths.AUTHOR_DISCARD_XPATHS": "4310178944df39f1",  # _discarded
    "trafilatura.xpaths.AUTHOR_XPATHS": "891940caa2b6ebd3",  # author_candidates
}


def _source(name: str) -> str:
    module, _, attr = name.rpartition(".")
    value = getattr(sys.modules[module], attr)
    if isinstance(value, list):
        return "|".join(x.path for x in value)
    return inspect.getsource(value)


@pytest.mark.parametrize("name", sorted(PINNED))
def test_mirrored_trafilatura_code_is_unchanged(name: str) -> None:
    digest = hashlib.sha256(_source(name).encode()).hexdigest()[:16]
    assert digest == PINNED[name], (
        f"{name} changed in this trafilatura: check its mirror in tui_reader/library/extract.py "
        "against it (and bench/ingest.py --check), then update the pin"
    )


def reference(html: str, source: str) -> object:
    """The earlier extraction, with dateparser free to try all its languages as it did."""
    get_external_parser().languages = None
    try_date_expr.cache_clear()
    try:
        with fastpaths.originals():  # and trafilatura's own expressions
            return reference_extract_article(html, source)
    except ExtractError as exc:
        return str(exc)
    finally:
        try_date_expr.cache_clear()


def today(html: str, source: str) -> object:
    try:
        return extract_article(html, source)
    except ExtractError as exc:
        return str(exc)


def assert_same(html: str, source: str = "page.html") -> None:
    old, new = reference(html, source), today(html, source)
    if isinstance(old, str) or isinstance(new, str):
        assert old == new
        return
    for field in FIELDS:
        assert getattr(new, field) == getattr(old, field), field


# -- self-written pages: each a mix of what the metadata pass looks at ---------------------------

WORDS = (
    "The council voted on the bridge after a long debate about its cost and the river "
    "crossing that the city has wanted for a decade"
).split()


def paragraphs(rng: random.Random, n: int) -> str:
    out = []
    for _ in range(n):
        words = rng.choices(WORDS, k=rng.randrange(20, 60))
        quote = f' "We will build it," said {rng.choice(["Ana Petrova", "Marko Ilić"])}.'
        out.append(f"<p>{' '.join(words).capitalize()}.{quote if rng.random() < 0.5 else ''}</p>")
    return "\n".join(out)


def page(seed: int) -> str:
    rng = random.Random(seed)
    lang = rng.choice([None, "en", "en-GB", "de", "fr", "ru", "sr-Latn", "bg", "pt_BR"])
    head = [f"<title>Bridge vote {seed} | The Harbour Gazette</title>"]
    if rng.random() < 0.5:
        head.append('<meta property="og:site_name" content="Harbour Gazette">')
    if rng.random() < 0.4:
        head.append('<meta name="author" content="Jana Novak">')
    if rng.random() < 0.3:
        head.append('<meta property="article:published_time" content="2024-03-05T10:00:00Z">')
    if rng.random() < 0.3:
        head.append(
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
            f'"Bridge vote {seed}", "author": {{"@type": "Person", "name": "Iva Horvat"}}}}'
            "</script>"
        )
    if rng.random() < 0.5:
        head.append(f'<link rel="canonical" href="https://gazette.example/news/{seed}">')
    byline = rng.choice(
        [
            "",
            '<p class="byline">By Petra Kos</p>',
            '<span class="author-name">Luka Mar</span>',
            '<div class="author"><a rel="author" href="/a/1">Ema Lis</a> <time>2023</time></div>',
            '<div class="comments"><span class="author">Commenter Name</span></div>',
            '<figure><span class="author">Photo Person</span></figure>',
        ]
    )
    dates = {
        None: "5 March 2024",
        "en": "March 5, 2024",
        "de": "5. März 2024",
        "fr": "5 mars 2024",
        "ru": "5 марта 2024",
    }
    date = rng.choice(
        [
            "",
            '<time datetime="2024-03-05">5 March</time>',
            f'<p class="date">{dates.get(lang, "2024-03-05")}</p>',
            f"<span class='meta'>Posted {dates.get(lang, '05.03.2024')}</span>",
        ]
    )
    body = paragraphs(rng, rng.choice([1, 2, 6, 12]))
    extra = rng.choice(["", "<aside><ul><li><a href='/x'>More news</a></li></ul></aside>"])
    html_open = f'<html lang="{lang}">' if lang else "<html>"
    return (
        f"<!DOCTYPE html>\n{html_open}<head>{''.join(head)}</head><body>"
        f"<header><nav><a href='/'>Home</a></nav></header><main><article>"
        f"<h1>Bridge vote {seed}</h1>{byline}{date}{body}</article>{extra}</main>"
        f"<footer><p>© 2024 Harbour Gazette</p></footer></body></html>"
    )


@pytest.mark.parametrize("seed", range(60))
def test_self_written_pages_give_the_same_article(seed: int) -> None:
    assert_same(page(seed), f"page-{seed}.html")


def test_generated_and_seed_pages_give_the_same_article(tmp_path: Path) -> None:
    paths = make_pages(tmp_path, 12, seed=3) + sorted(SEEDS.glob("*.html"))
    for path in paths:
        assert_same(extract.decode_html(path.read_bytes()), str(path))


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<html><body></body></html>",
        "<p>just a fragment of text that is not a page</p>",
        "not html at all, only words " * 30,
        # a broken page: elements after </html> (parsed as siblings of the root element)
        "<html><head><title>T</title></head></html><div class='author'>Ana Petrova</div>"
        + "<p>"
        + "Words of the article go on. " * 40
        + "</p>",
        # short: the fallback extractors run
        "<html><body><article><p>Only a short note.</p></article></body></html>",
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>'
        + "Declared as XML with an encoding. " * 30
        + "</p></body></html>",
    ],
)
def test_odd_pages_give_the_same_result(html: str) -> None:
    assert_same(html)


# -- the mirrored pieces, one by one ------------------------------------------------------------


def test_page_metadata_matches_trafilatura_extract_metadata() -> None:
    for seed in range(60):
        html = page(seed)
        get_external_parser().languages = None
        try_date_expr.cache_clear()
        theirs = trafilatura.metadata.extract_metadata(
            trafilatura.utils.load_html(html), None, None, True, None
        )
        ours = page_metadata(parse_html(html), None)
        for field in ("title", "author", "url", "hostname", "sitename", "date", "language"):
            assert getattr(ours, field) == getattr(theirs, field), (seed, field)


AUTHOR_PAGES = [
    '<div class="byline">By Petra Kos</div>',
    '<div class="comments"><span class="author">In comments</span></div>'
    '<span class="author">Real Author</span>',
    '<section class="sidebar"><a class="author">Sidebar Name</a></section>',
    '<div class="author">Ema Lis <time>2023</time></div>',  # a pruned element inside
    '<figure><span class="author-name">Photo Person</span></figure><p class="byline">Iva H</p>',
    '<div id="comment-list"><p class="username">Anon Ymous</p></div>',
    '<p><rel>me</rel>Someone Named</p><span class="writer">Writer Name</span>',
    "<author>Ana Petrova</author>",
    '<span class="author">x</span><span class="author">Too short first</span>',
    '<div class="article-share"><a class="author">Share Name</a></div>',
    '<span class="AuthorName">' + "Long " * 40 + "</span><a class='author'>Next One</a>",
    "<p>no author at all</p>",
]


@pytest.mark.parametrize("snippet", AUTHOR_PAGES)
def test_author_search_matches_trafilatura(snippet: str) -> None:
    html = f"<html><body><article>{snippet}<p>{'Text. ' * 30}</p></article></body></html>"
    tree = parse_html(html)
    assert extract._author(tree) == trafilatura.metadata.extract_author(copy.deepcopy(tree))


_FRAGMENTS = [
    "author",
    "Author",
    "author name",
    "author-name",
    "authorName",
    "AuthorName",
    "AuthorCard",
    "AuthorURL",
    "byline",
    "Byline",
    "byl",
    "BBL",
    "username",
    "channel-name",
    "zuozhe",
    "bianji",
    "xiaobian",
    "submitted-by",
    "posted-by",
    "journalist-name",
    "screenname",
    "writer",
    "me",
    "x",
    "",
]
_ATTRIBUTES = ["class", "id", "itemprop", "rel", "data-testid", "data-component", "title"]
_TAGS = ["a", "address", "div", "link", "p", "span", "strong", "h3", "h4", "li", "author"]


@st.composite
def author_markup(draw: st.DrawFn) -> str:
    """Nested elements whose attributes are made of the author expressions' own words."""

    def element(depth: int) -> str:
        tag = draw(st.sampled_from(_TAGS))
        attributes = "".join(
            f' {name}="{value}"'
            for name in draw(st.lists(st.sampled_from(_ATTRIBUTES), max_size=3, unique=True))
            for value in [
                " ".join(draw(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=2)))
            ]
        )
        inner = "".join(
            element(depth + 1) for _ in range(draw(st.integers(0, 2 if depth < 3 else 0)))
        )
        return f"<{tag}{attributes}>w{inner}</{tag}>"

    return "".join(element(0) for _ in range(draw(st.integers(1, 4))))


@settings(max_examples=300, deadline=None)
@given(author_markup())
def test_author_candidates_are_what_the_author_expressions_find(markup: str) -> None:
    tree = parse_html(f"<html><body>{markup}</body></html>")
    theirs = [list(x(tree)) for x in trafilatura.xpaths.AUTHOR_XPATHS]
    assert extract.author_candidates(tree) == theirs


def elements(html: str) -> Iterator[object]:
    yield from fromstring(f"<html><body>{html}</body></html>").iter()


@pytest.mark.parametrize(
    "snippet",
    [
        '<div id="comments">',
        '<span class="comments">',
        '<a class="title">',
        '<div class="date">',
        '<div id="comments-3">',
        '<div id="x-commentlist">',
        '<div id="comment-list">',
        '<div id="ProductReviews1">',
        '<div class="Comments box">',
        '<div class="a comments">',
        '<div class="commentlist">',
        '<span class="my-sidebar">',
        '<span class="is-hidden">',
        '<div class="blockquote">',
        '<div class="article-share">',
        '<div class="article-support">',
        '<div class="printable">',
        '<a class="category-x">',
        '<div class="meta-date">',
        '<div class="meta-reviewer">',
        '<div data-component="FigureBlock">',
        "<time>",
        "<figure>",
        '<p class="comments">',
        '<div class="article-other">',
        '<section id="x">',
        '<div class="Title">',
        '<span data-component="figure">',
        "<div>",
    ],
)
def test_discarded_mirrors_trafilaturas_expressions(snippet: str) -> None:
    tag = snippet[1:].split()[0].rstrip(">")
    tree = fromstring(f"<html><body>{snippet}x</{tag}></body></html>")
    pruned = {e for x in trafilatura.xpaths.AUTHOR_DISCARD_XPATHS for e in x(tree)}
    for element in tree.iter():
        assert extract._discarded(element) == (element in pruned), snippet


def test_parse_html_is_trafilaturas_parse() -> None:
    from lxml import etree

    for html in [page(1), page(7), "<p>frag</p>", "<html></html><p>after</p>", "text only"]:
        ours, theirs = parse_html(html), trafilatura.utils.load_html(html)
        assert (ours is None) == (theirs is None)
        if ours is not None:
            assert etree.tostring(ours) == etree.tostring(theirs)


@pytest.mark.parametrize(
    ("html", "languages"),
    [
        ('<html lang="de-DE"><head></head></html>', ["de"]),
        ('<html lang="sr-Latn-RS"><head></head></html>', ["sr-Latn"]),
        (
            '<html lang="pt_BR"><head><meta property="og:locale" content="en_US"></head></html>',
            ["pt", "en"],
        ),
        (
            '<html><head><meta http-equiv="Content-Language" content="fr, de"></head></html>',
            ["fr", "de"],
        ),
        ('<html lang="xx-unknown"><head></head></html>', []),
        ("<html><head></head></html>", []),
    ],
)
def test_page_languages(html: str, languages: list[str]) -> None:
    assert extract.page_languages(fromstring(html)) == languages


def test_dates_in_words_are_read_in_the_pages_language() -> None:
    body = "<p>" + "Words of the article go on and on. " * 30 + "</p>"

    def published(lang: str, date: str) -> str | None:
        html = (
            f'<html lang="{lang}"><head><title>T</title></head><body><article>'
            f'<div class="meta">{date}</div>{body}</article></body></html>'
        )
        return extract_article(html, "p.html").published

    # htmldate reads this one only through dateparser, in Russian
    assert published("ru", "15 августа 2016, 13:43") == "2016-08-15"
    assert published("en", "August 15, 2016, 13:43") == "2016-08-15"
    # the page is not Russian, nor is the date English: dateparser is not asked for Russian, and
    # htmldate settles for the year (all 205 languages would have read it: bench/README.md)
    assert published("de", "15 августа 2016, 13:43") == "2016-01-01"


def test_a_metadata_error_is_no_document_as_inside_bare_extraction(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(tree: object, url: object = None) -> object:
        raise ValueError("bad date")

    monkeypatch.setattr(extract, "page_metadata", broken)
    with pytest.raises(ExtractError) as info:
        extract_article(page(3), "p.html")
    assert str(info.value) == "no article text found"


@pytest.mark.parametrize("fast", [True, False])
def test_the_text_pass_is_bare_extractions(fast: bool) -> None:
    pages = [page(seed) for seed in range(30)]
    pages += [
        page(3).replace("</html>", "</html><p>After the end. " * 5 + "</p>"),
        "<html><body><p>short</p></body></html>",
        "<html><body>" + "<div><a href='/x'>link</a></div>" * 40 + "</body></html>",
        # pages the fallback extractors read differently
        "<html><body><ul>"
        + "<li>An item of a list with words in it.</li>" * 30
        + "</ul></body></html>",
        "<html><body><font>" + "Old page text in font tags. " * 40 + "</font></body></html>",
    ]
    for html in pages:
        with fastpaths.originals():
            theirs = trafilatura.bare_extraction(
                html,
                url="https://gazette.example/a",
                with_metadata=False,
                fast=fast,
                include_comments=False,
                include_tables=False,
                include_images=False,
                include_links=False,
                deduplicate=False,
            )
        tree = parse_html(html)
        ours = (
            extract._text(tree, "https://gazette.example/a", fast=fast)
            if tree is not None
            else None
        )
        assert ours == (None if theirs is None else (theirs.text or "")), html[:80]
