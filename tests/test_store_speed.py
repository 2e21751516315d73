"""Storing an article for less: its speakers linked to the library's in one query, nothing read
that a new article cannot have, and the shortcuts of the word count and the cleaning, each with
the answer of the long way."""

from __future__ import annotations

from factories import article

from tui_reader.library.quotes import Quote, QuoteAnalysis, Speaker
from tui_reader.library.store import Store

TEXT = (
    '"We will not give in," Vučić said on Monday. Later Aleksandar Vučić added: "Never." '
    '"It is a good day," said Ana Brnabić.'
)


def quote(words: str, speaker: str) -> Quote:
    start = TEXT.index(words)
    return Quote(start, start + len(words), words, speaker, f"{speaker} said")


def analysis() -> QuoteAnalysis:
    return QuoteAnalysis(
        [
            quote("We will not give in,", "Vučić"),
            quote("Never.", "Aleksandar Vučić"),
            quote("It is a good day,", "Ana Brnabić"),
        ],
        [
            Speaker("Vučić", [], "person"),
            Speaker("Aleksandar Vučić", [], "person"),
            Speaker("Ana Brnabić", ["Brnabić"], "person"),
        ],
    )


def test_a_later_speaker_joins_the_entity_an_earlier_one_made(store: Store) -> None:
    _, article_id = store.save_article(article(TEXT), analysis())
    by_name = {s.name: s for s in store.speakers()}
    assert sorted(by_name) == ["Aleksandar Vučić", "Ana Brnabić"]
    assert by_name["Aleksandar Vučić"].aliases == ["Vučić"]
    assert by_name["Ana Brnabić"].aliases == ["Brnabić"]
    quoted = [q.speaker for q in store.quotes(article_id)]
    assert quoted == ["Aleksandar Vučić", "Aleksandar Vučić", "Ana Brnabić"]
    # a second article's speakers join the same entities
    _, other = store.save_article(article(TEXT, source="https://example.org/b"), analysis())
    assert len(store.speakers()) == 2
    assert [q.speaker_id for q in store.quotes(other)] == [
        q.speaker_id for q in store.quotes(article_id)
    ]


def test_a_new_article_is_stored_without_schema_queries_or_reads_of_its_own_rows(
    store: Store,
) -> None:
    store.save_article(article(TEXT), analysis())
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    store.save_article(article(TEXT, source="https://example.org/b"), analysis())
    store.conn.set_trace_callback(None)
    ours = [s for s in seen if not s.startswith("--")]  # FTS5's own statements aside
    assert not [s for s in ours if "sqlite_master" in s]
    assert not [s for s in ours if s.startswith(("DELETE", "SELECT DISTINCT", "UPDATE articles"))]
    assert len([s for s in ours if "FROM speaker_aliases" in s]) == 1  # one for all speakers


def test_the_word_count_and_the_cleaning_take_shortcuts_to_the_same_answer() -> None:
    import random
    import re

    from tui_reader.library import textclean
    from tui_reader.library.store import count_words

    def cleaned_the_long_way(text: str) -> str:  # every step, as before the shortcut
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = textclean._CONTROLS.sub("", textclean._ESCAPES.sub("", text))
        return textclean._SURROGATES.sub("\ufffd", text)

    pieces = [*"ab Z9_'’ \t\n\r-.,«»\u00a0é٣²½ⅷ\x1b[]\x9b\x9c\x07\x85\x7f\u2028\ud800"]
    pieces += ["don't", "l’été", "\x1b[31m", "\x1b]0;title\x07"]
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 25)))
        assert count_words(text) == len(re.findall(r"\w+(?:['’]\w+)*", text)), repr(text)
        assert textclean.clean_text(text) == cleaned_the_long_way(text), repr(text)
