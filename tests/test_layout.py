"""Word wrap for the article view: lines partition the text, the fast path equals the general one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.app.layout import _wrap_paragraph, width_of, wrap

ASCII_TEXT = st.text(alphabet=st.sampled_from(list("ab cd\n  efghijklmnopq.,")), max_size=400)
ANY_TEXT = st.text(max_size=300)
WIDTH = st.integers(min_value=1, max_value=40)


def general(text: str, width: int) -> tuple[list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    while pos < len(text):
        nl = text.find("\n", pos)
        stop = len(text) if nl < 0 else nl + 1
        _wrap_paragraph(text, pos, stop, width, starts, ends, width_of)
        pos = stop
    if not starts:
        return [0], [0]
    return starts, ends


@settings(max_examples=300)
@given(ANY_TEXT, WIDTH)
def test_lines_partition_the_text(text: str, width: int) -> None:
    layout = wrap(text, width)
    assert layout.starts[0] == 0
    for y in range(len(layout) - 1):
        assert layout.ends[y] == layout.starts[y + 1]
    assert layout.ends[-1] == len(text)
    for offset in range(len(text)):
        y = layout.line_of(offset)
        assert layout.starts[y] <= offset < layout.ends[y]


@settings(max_examples=300)
@given(ASCII_TEXT, WIDTH)
def test_fast_ascii_wrap_equals_the_general_one(text: str, width: int) -> None:
    layout = wrap(text, width)
    assert (layout.starts, layout.ends) == general(text, width)


@settings(max_examples=200)
@given(ASCII_TEXT, WIDTH)
def test_drawn_lines_fit(text: str, width: int) -> None:
    layout = wrap(text, width)
    for y in range(len(layout)):
        assert len(layout.line_text(y).rstrip()) <= width


def test_words_are_not_split_when_they_fit() -> None:
    layout = wrap("Hello world, this is a test of wrapping.", 12)
    assert [layout.line_text(y) for y in range(len(layout))] == [
        "Hello world, ",
        "this is a ",
        "test of ",
        "wrapping.",
    ]
