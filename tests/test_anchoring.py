"""Annotations re-anchor after a changed re-fetch; those that cannot be placed are flagged."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tui_reader.library.anchoring import Selector, make_selector, reanchor

ARTICLE = (
    "Russia's Foreign Intelligence Service (SVR) on Thursday accused Serbia's defense industry "
    "of supplying weapons to Ukraine, despite Belgrade's official neutrality in the war.\n\n"
    '"These shipments can hardly be justified on humanitarian grounds," the SVR said.\n\n'
    "Serbia maintains close ties with Moscow and depends heavily on Russian gas."
)


def test_exact_match_after_text_moved() -> None:
    start = ARTICLE.index("These shipments")
    sel = make_selector(ARTICLE, start, start + 40)
    moved = "Updated at 10:00.\n\n" + ARTICLE
    assert reanchor(moved, sel, hint=start) == (start + 19, start + 59)


def test_repeated_passage_is_told_apart_by_context() -> None:
    text = "the SVR said. Then later, again, the SVR said. And a third: the SVR said."
    second = text.index("the SVR said", 5)
    sel = make_selector(text, second, second + 12)
    edited = "New lead. " + text.replace("Then later", "Soon after")
    placed = reanchor(edited, sel, hint=second)
    assert placed is not None
    assert edited[: placed[0]].endswith("again, ")


def test_fuzzy_when_the_passage_itself_was_edited() -> None:
    start = ARTICLE.index("These shipments")
    end = ARTICLE.index(',"', start)
    sel = make_selector(ARTICLE, start, end)
    edited = ARTICLE.replace("hardly be justified", "scarcely be justified")
    placed = reanchor(edited, sel, hint=start)
    assert placed is not None
    assert edited[placed[0] : placed[1]].startswith("These shipments can scarcely")


def test_gone_passage_is_not_placed() -> None:
    start = ARTICLE.index("Serbia maintains")
    sel = make_selector(ARTICLE, start, len(ARTICLE))
    assert reanchor("A completely different article about football.", sel, hint=start) is None
    assert reanchor("anything", Selector("", "", ""), 0) is None


_chars = st.characters(codec="utf-8", exclude_categories=("Cs",))
_edit_text = st.text(_chars, max_size=40)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    before=st.text(_chars, min_size=0, max_size=300),
    passage=st.text(_chars, min_size=1, max_size=80),
    after=st.text(_chars, min_size=0, max_size=300),
    edits=st.lists(
        st.tuples(
            st.sampled_from(["before", "after"]), st.floats(0, 1), st.integers(0, 20), _edit_text
        ),
        max_size=4,
    ),
)
def test_edits_around_a_passage_never_lose_it(
    before: str, passage: str, after: str, edits: list[tuple[str, float, int, str]]
) -> None:
    """Random inserts/deletes outside the passage: it is found again, exactly."""
    text = before + passage + after
    sel = make_selector(text, len(before), len(before) + len(passage))
    for side, where, delete, insert in edits:
        part = before if side == "before" else after
        i = int(where * len(part))
        part = part[:i] + insert + part[i + delete :]
        if side == "before":
            before = part
        else:
            after = part
    new_text = before + passage + after
    placed = reanchor(new_text, sel, hint=len(before))
    assert placed is not None
    start, end = placed
    assert 0 <= start < end <= len(new_text)
    assert new_text[start:end] == passage


@settings(max_examples=150, deadline=None)
@given(old=st.text(_chars, max_size=200), new=st.text(_chars, max_size=200), data=st.data())
def test_any_text_offsets_always_valid(old: str, new: str, data: st.DataObject) -> None:
    """Whatever the texts: no exception, and any placement is a valid non-empty span."""
    assume(old)
    start = data.draw(st.integers(0, len(old) - 1))
    end = data.draw(st.integers(start + 1, len(old)))
    placed = reanchor(new, make_selector(old, start, end), hint=start)
    if placed is not None:
        assert 0 <= placed[0] < placed[1] <= len(new)
