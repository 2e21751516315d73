"""fetch() against a local server, charset decoding and extraction of the seed articles."""

from __future__ import annotations

import socket

import pytest
from conftest import SEEDS
from httpserver import LATIN1_HTML, LATIN1_META_HTML, Server

from tui_reader.library.extract import ExtractError, decode_html, extract_article
from tui_reader.library.fetch import FetchError, FetchOptions, fetch

FAST = FetchOptions(connect_timeout=1, read_timeout=1, total_timeout=2)


def fetch_error(url: str, options: FetchOptions = FAST) -> str:
    with pytest.raises(FetchError) as info:
        fetch(url, options)
    message = str(info.value)
    # One plain sentence: one line, no traceback, no exception class dump.
    assert message and "\n" not in message and "Traceback" not in message
    assert info.value.__cause__ is None
    return message


def test_fetch_good_page(server: Server) -> None:
    page = fetch(server.url("/seed-mt.html"), FAST)
    assert page.content_type == "text/html" and page.charset == "utf-8"
    assert page.body == (SEEDS / "moscowtimes-2025-05-29.html").read_bytes()
    assert page.final_url == server.url("/seed-mt.html")


def test_fetch_follows_a_redirect_then_reuses_the_connection(server: Server) -> None:
    page = fetch(server.url("/redirect"), FAST)
    assert page.final_url == server.url("/seed-mt.html")
    # After a redirect or an error the pooled connection must still work.
    fetch_error(server.url("/404"))
    assert fetch(server.url("/seed-nov.html"), FAST).body.startswith(b"<!DOCTYPE")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/404", "HTTP 404 Not Found"),
        ("/500", "HTTP 500 Internal Server Error"),
        ("/loop", "more than 5 redirects"),
        ("/pdf", "not an HTML page (application/pdf)"),
        ("/big", "larger than the 10 MB limit"),
        ("/big-declared", "larger than the 10 MB limit"),
    ],
)
def test_fetch_errors(server: Server, path: str, expected: str) -> None:
    assert fetch_error(server.url(path)) == expected


def test_size_limit_is_checked_while_streaming(server: Server) -> None:
    small = FetchOptions(max_bytes=100 * 1024, read_timeout=2)
    assert fetch_error(server.url("/big"), small) == "larger than the 100 KB limit"
    assert fetch_error(server.url("/seed-mt.html"), FetchOptions(max_bytes=1024)) == (
        "larger than the 1 KB limit"
    )


def test_redirect_limit_is_an_option(server: Server) -> None:
    assert fetch_error(server.url("/redirect"), FetchOptions(max_redirects=0)) == (
        "more than 0 redirects"
    )


def test_slow_server_times_out(server: Server) -> None:
    message = fetch_error(server.url("/slow"), FetchOptions(read_timeout=1))
    assert message == "timed out after 1 s waiting for 127.0.0.1"  # the 1 s limit ended it


def test_unreachable_host() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert fetch_error(f"http://127.0.0.1:{port}/") == "cannot connect to 127.0.0.1"


@pytest.mark.parametrize("url", ["not-a-url", "ftp://example.com/a.html", "http://"])
def test_not_a_url(url: str) -> None:
    assert fetch_error(url).startswith("not an http(s) URL")


def test_latin1_by_header_and_by_meta(server: Server) -> None:
    page = fetch(server.url("/latin1"), FAST)
    assert page.charset == "iso-8859-1"
    assert "Muñoz said" in decode_html(page.body, page.charset)
    page = fetch(server.url("/latin1-meta"), FAST)
    assert page.charset is None
    assert "Muñoz said" in decode_html(page.body, page.charset)


def test_decode_html_fallbacks() -> None:
    latin1 = LATIN1_HTML.encode("latin-1")  # no charset anywhere in the page
    assert decode_html(latin1, "iso-8859-1") == LATIN1_HTML
    assert decode_html(LATIN1_META_HTML.encode("latin-1")) == LATIN1_META_HTML
    assert "Muñoz" in decode_html(latin1)  # detection, not mojibake like "Muńoz"
    assert decode_html("Muñoz".encode()) == "Muñoz"
    assert decode_html(b"\xef\xbb\xbf<p>Mu\xc3\xb1oz</p>", "iso-8859-1") == "<p>Muñoz</p>"
    assert decode_html(b"") == ""
    # An unknown declared charset falls back to the page's own.
    assert "Muñoz" in decode_html(LATIN1_META_HTML.encode("latin-1"), "x-bogus")


def test_extract_latin1_article() -> None:
    article = extract_article(decode_html(LATIN1_HTML.encode("latin-1"), "latin-1"), "/x.html")
    assert article.title == "Muñoz promises a bridge"
    assert article.text.startswith('"We will build the new bridge before the winter," Muñoz said')
    assert "Muń" not in article.text


def test_extract_seed_moscowtimes() -> None:
    html = decode_html((SEEDS / "moscowtimes-2025-05-29.html").read_bytes())
    article = extract_article(html, "seed.html")
    assert article.title == (
        "'Stab in the Back': Russian Spy Agency Accuses Serbia of Supplying Arms to Ukraine"
    )
    assert article.site == "The Moscow Times"
    assert article.published == "2025-05-29"
    assert article.source == "seed.html"
    assert article.url and article.url.startswith("https://www.themoscowtimes.com/2025/05/29/")
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 9
    assert paragraphs[0].startswith("Russia's Foreign Intelligence Service (SVR) on Thursday")
    assert paragraphs[-1].startswith("Tens of thousands of Russians")
    # Navigation and footer are not article text.
    assert "Subscribe" not in article.text and "Home" not in article.text


def test_extract_seed_novinite_matches_its_text() -> None:
    html = decode_html((SEEDS / "novinite-2025-05-30.html").read_bytes())
    article = extract_article(html, "nov.html")
    assert article.title and article.site and article.published == "2025-05-30"
    expected = (SEEDS / "novinite-2025-05-30.txt").read_text(encoding="utf-8")
    words = lambda s: s.split()  # noqa: E731
    # Every paragraph of the reference text is in the extracted text, in order.
    position = 0
    for para in [p for p in expected.split("\n")[2:] if len(p.split()) > 8]:
        found = " ".join(words(article.text)).find(" ".join(words(para)), position)
        assert found >= 0, para
        position = found
    assert "\n\n" in article.text


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("", "the page is empty"),
        ("   \n", "the page is empty"),
        ("<html><body></body></html>", "no article text found"),
        ("\x00\x01\x02\ufffd" * 200, "the page is not text (binary data)"),
    ],
)
def test_extract_errors(html: str, expected: str) -> None:
    with pytest.raises(ExtractError) as info:
        extract_article(html, "x.html")
    assert str(info.value) == expected


def test_unknown_host() -> None:
    assert fetch_error("http://no-such-host.invalid/") == "unknown host no-such-host.invalid"


def test_strip_escapes_removes_whole_sequences_but_never_the_page() -> None:
    from tui_reader.library.extract import strip_escapes

    assert strip_escapes("a \x1b[1;31mred\x1b[0m b") == "a red b"
    assert strip_escapes("t \x1b]0;title\x07 u") == "t  u"
    unterminated = "x \x1b]0;no end " + "rest of the page " * 100
    assert "rest of the page" in strip_escapes(unterminated)
    assert strip_escapes("plain [bold]text[/bold]") == "plain [bold]text[/bold]"
