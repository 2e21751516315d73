"""Word lists grouped by first letter match what the plain alternations matched, in the same
order of trial (so every pattern built from them finds the same quotes and speakers)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.library.quotes import lexicon
from tui_reader.library.quotes.alternation import alternation

LISTS = {
    "VERBS": lexicon.VERBS,
    "INVERTED_VERBS": lexicon.INVERTED_VERBS,
    "INVERTED_AFTER": lexicon.INVERTED_AFTER,
    "PARTICIPLES": lexicon.PARTICIPLES,
    "VERBS|PARTICIPLES": f"{lexicon.VERBS}|{lexicon.PARTICIPLES}",
    "ROLE_NOUNS": lexicon.ROLE_NOUNS,
    "DESCRIPTION_NOUNS": lexicon.DESCRIPTION_NOUNS,
    "TITLE_ABBREVIATIONS": lexicon.TITLE_ABBREVIATIONS,
    "small": "man|manager|ma|mayor|m|sheriff's office|sheriff|said|said on|say|says|x|x",
}


def _tried(pattern: str, text: str, flags: int = 0) -> list[int]:
    """The ends of the words that ``pattern`` matches at the start of ``text``, in the order
    they are tried (each later one found by refusing the ends found before)."""
    ends: list[int] = []
    while True:
        refused = "".join(f"(?!.{{{len(text) - end}}}\\Z)" for end in ends)
        m = re.match(f"(?:{pattern}){refused}", text, flags | re.S)
        if m is None:
            return ends
        ends.append(m.end())


@pytest.mark.parametrize("name", LISTS)
def test_same_words_tried_in_the_same_order(name: str) -> None:
    words = LISTS[name]
    grouped = alternation(words)
    for word in words.split("|"):
        for text in (word, f"{word}#", f"{word} x", word.upper(), word[:-1]):
            assert _tried(grouped, text) == _tried(words, text), (name, text)
            assert _tried(grouped, text, re.I) == _tried(words, text, re.I), (name, text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(sorted(set(LISTS["VERBS|PARTICIPLES"].split("|")))), max_size=8),
    st.lists(st.sampled_from(["", " ", ", ", "s", "ly ", "on ", "reporters", "\n"]), max_size=8),
)
def test_same_matches_in_any_text(words: list[str], glue: list[str]) -> None:
    text = "".join(w + (glue[i] if i < len(glue) else " ") for i, w in enumerate(words))
    for continuation in (r"\b", r"\s+\w", r"(?:\s+on)?\b", ""):
        plain = re.compile(rf"\b(?:{LISTS['VERBS|PARTICIPLES']}){continuation}")
        grouped = re.compile(rf"\b(?:{alternation(LISTS['VERBS|PARTICIPLES'])}){continuation}")
        assert [m.span() for m in grouped.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ]
