"""The quote engine: direct quotations, who said them, and the same words across articles.

Pure Python (rules and rapidfuzz), no Textual. Offsets are indices into the article text.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

from tui_reader.library import regexes
from tui_reader.library.quotes.entities import group_entities
from tui_reader.library.quotes.marks import find_spans, paragraphs
from tui_reader.library.quotes.mentions import is_pronoun, is_role, kind_of
from tui_reader.library.quotes.names import best_name, same_entity, speaker_key
from tui_reader.library.quotes.speakers import attribute
from tui_reader.library.quotes.twins import (
    QuoteLike,
    Twin,
    passage_kind,
    same_words,
    same_words_across,
)

__all__ = [
    "Quote",
    "QuoteAnalysis",
    "QuoteLike",
    "Speaker",
    "Twin",
    "analyse",
    "best_name",
    "find_spans",
    "passage_kind",
    "same_entity",
    "same_words",
    "same_words_across",
    "speaker_key",
]


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation: the words inside the marks, and who said them."""

    start: int
    end: int
    text: str
    speaker: str | None
    cue: str | None


@dataclass(slots=True)
class Speaker:
    """An article-level speaker: its fullest name and the other names it goes by."""

    name: str
    aliases: list[str]
    kind: str


@dataclass(slots=True)
class QuoteAnalysis:
    """Quotes (sorted, non-overlapping) and the speakers they name."""

    quotes: list[Quote]
    speakers: list[Speaker]


_SENTENCE_PUNCTUATION_END = regexes.compile(r"[.!?:][\"“”’'»«›‹]?\s*$")
regexes.save()  # the engine's patterns are all compiled: keep them for the next run


def _headline_end(text: str) -> int:
    """The end of a leading headline paragraph (no sentence punctuation), else 0."""
    paras = list(islice(paragraphs(text), 2))
    if len(paras) < 2:
        return 0
    start, end = paras[0]
    first = text[start:end]
    if len(first.split()) <= 25 and not _SENTENCE_PUNCTUATION_END.search(first):
        return end
    return 0


def analyse(text: str) -> QuoteAnalysis:
    """Every direct quotation in ``text`` with its speaker, and the article's speakers."""
    skip = _headline_end(text)
    spans = [s for s in find_spans(text) if s[0] >= skip]
    if not spans:
        return QuoteAnalysis([], [])  # no quote: no speaker either
    attributions, ctx = attribute(text, spans)
    surfaces = [a.surface for a in attributions if a.surface and not is_pronoun(a.surface)]
    mapping, aliases = group_entities(list(dict.fromkeys(surfaces)), ctx.names)
    quotes = [
        Quote(start, end, text[start:end], mapping.get(a.surface) if a.surface else None, a.cue)
        for (start, end), a in zip(spans, attributions, strict=True)
    ]
    by_name: dict[str, Speaker] = {}
    for name in dict.fromkeys(mapping.values()):
        speaker = Speaker(name, aliases[name], kind_of(name))
        for alias in speaker.aliases:
            if speaker.kind == "unknown":
                speaker.kind = kind_of(alias)
        by_name[name] = speaker
    for speaker in by_name.values():
        if speaker.kind == "unknown" and not is_role(speaker.name):
            speaker.kind = "person"
    return QuoteAnalysis(quotes, list(by_name.values()))
