"""Who said it: the attribution stages for each quote, then what the surface stands for.

Context is searched in the text with the quotes' own words masked out (so a name inside a quote
is never its speaker), within the quote's sentence, by the stages of :mod:`stages` in order; the
first candidate found is resolved (:mod:`resolve`: pronouns, roles, documents). A quote with no
candidate goes through :data:`FALLBACKS`, in order: a dash-and-name line signing it, the
subject of the sentence before it in its paragraph, a name after it in its sentence, the speaker
of the quote it continues, the subject of the paragraph before, and last the latest near speaker
or the person the text is about (a quote in news is almost never nobody's).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from tui_reader.library import regexes
from tui_reader.library.quotes.lexicon import CUE_ANY, NAME
from tui_reader.library.quotes.mentions import Context, clean_name
from tui_reader.library.quotes.resolve import resolve
from tui_reader.library.quotes.stages import (
    OPENING,
    STAGES,
    Site,
    first_candidate,
    line_start,
    who,
)

# a sentence telling of a statement issued: what follows it is the statement's words
_ISSUED = regexes.compile(
    r"\b(?:issued|released|put out|published|posted|sent)\s+(?:a|an|its|their|his|her)\s+"
    r"(?:[\w\-]+\s+){0,2}?(?:statement|release|letter|note|memo)\b"
)
# a paragraph that is only a dash and a name, right after a quote paragraph: "— Tom Hale."
_SIGNATURE = regexes.compile(
    rf"[.,!?]?[\"”’'»]*[^\S\n]*\n\s*[-–—]+[^\S\n]*({NAME})[^\S\n]*(?:[,.(;]|\n|$)"
)


@dataclass(slots=True)
class Attribution:
    """The raw result for one quote before entities are merged."""

    surface: str | None
    cue: str | None
    via: str = field(default="", compare=False)  # the stage or fallback that found it


@dataclass(frozen=True, slots=True)
class Previous:
    """What the fallbacks need of the quotes before this one."""

    spans: list[tuple[int, int]]
    results: list[Attribution]
    n: int
    known: list[str] = field(default_factory=list)


Fallback = Callable[[Site, Previous], Attribution | None]


def signed_after(site: Site, prev: Previous) -> Attribution | None:
    """A quote that is a paragraph of its own, signed by the next one ('"X."\n\n— Tom
    Hale, on the vote'): the name after the dash said it."""
    text = site.ctx.text
    if text[line_start(text, site.start) : site.start].rstrip(OPENING).rstrip(" \t"):
        return None  # the quote does not open its paragraph
    m = _SIGNATURE.match(text, site.end)
    if m is None:
        return None
    name = clean_name(m.group(1))
    if name is None:
        return None
    return Attribution(resolve(site.ctx, name, m.start(1), prev.known), None)


def sentence_before(site: Site, prev: Previous) -> Attribution | None:
    """A quote that is a sentence of its own after a sentence about someone, in the same
    paragraph and with no quote of its own: 'Dana Ruiz agreed. "X."' is Dana Ruiz's."""
    ctx, lo = site.ctx, site.lo
    if ctx.text[lo : site.start].strip(OPENING) != "" or lo <= 0:
        return None
    prev_lo, _ = ctx.sentence(lo - 1, lo - 1)
    if prev_lo >= lo or ctx.paragraph_index(prev_lo) != ctx.paragraph_index(site.start):
        return None
    if "\x01" in ctx.masked[prev_lo:lo]:
        return None  # a sentence with its own quote: the conversation rules decide
    cues = [m for m in CUE_ANY.finditer(ctx.masked, prev_lo, lo) if who(m)]
    if cues:  # "Or Tom Hale, pollster Dana Ruiz says. 'X'"
        name = who(cues[-1])
        assert name is not None
        surface = resolve(ctx, name, prev_lo + cues[-1].start(), prev.known)
        return Attribution(surface, None) if surface else None
    subject = ctx.subject(prev_lo, lo, want="any")
    if subject is None:
        return None
    surface = resolve(ctx, subject[1], subject[0], prev.known)
    return Attribution(surface, None) if surface else None


def sentence_mention(site: Site, prev: Previous) -> Attribution | None:
    """No cue was recognised, but the quote's sentence names someone after the quote
    ('"X," Ohio delegate Rhea Banks, in a blue sash, said with a sigh'): that one."""
    ctx = site.ctx
    subject = ctx.subject(site.end, site.end + len(site.after), want="any")
    if subject is None or (subject[2] == "pronoun" and not prev.known):
        return None
    surface = resolve(ctx, subject[1], subject[0], prev.known)
    return Attribution(surface, None) if surface else None


def continues_previous(site: Site, prev: Previous) -> Attribution | None:
    """A quote without a cue in the same paragraph as the previous one, or opening the next
    paragraph, continues it: '"We lost," said coach Mia Berg. "But we will be back."'."""
    if prev.n == 0 or prev.results[-1].surface is None:
        return None
    ctx = site.ctx
    prev_para = ctx.paragraph_index(prev.spans[prev.n - 1][0])
    here = ctx.paragraph_index(site.start)
    if here == prev_para or (
        here == prev_para + 1 and ctx.text[site.lo : site.start].strip(OPENING) == ""
    ):
        return Attribution(prev.results[-1].surface, None)
    return None


def paragraph_subject(site: Site, prev: Previous) -> Attribution | None:
    """A quote that is a paragraph of its own, after a paragraph about someone (and not after
    one of their quotes): "Hēnare has already sent 400 ewes ... / 'We're ...'"."""
    ctx, lo = site.ctx, site.lo
    if ctx.text[lo : site.start].strip(OPENING) != "" or lo <= 0:
        return None
    last = max(0, len(ctx.text[:lo].rstrip()) - 1)
    prev_lo, _ = ctx.sentence(last, last)
    if prev.n > 0 and prev.spans[prev.n - 1][1] > prev_lo:
        return None
    issued = _ISSUED.search(ctx.masked, prev_lo, lo)
    if issued is not None:  # "The league issued a statement thanking Hale." then the quote
        subject = ctx.subject(prev_lo, issued.start(), want="any")
        if subject is not None and subject[2] in ("name", "role"):
            surface = resolve(ctx, subject[1], subject[0], prev.known)
            return Attribution(surface, None) if surface else None
    subject = ctx.subject(prev_lo, lo)
    if subject is not None and subject[2] == "name":
        return Attribution(subject[1], None)
    return None


def last_resort(site: Site, prev: Previous) -> Attribution | None:
    """No cue and no subject: a quote in news is almost never nobody's, so the speaker of the
    latest quote when it is near, else the person the text was last about."""
    ctx = site.ctx
    here = ctx.paragraph_index(site.start)
    for n in range(prev.n - 1, -1, -1):
        surface = prev.results[n].surface
        if surface is not None:
            if here - ctx.paragraph_index(prev.spans[n][0]) <= 2:
                return Attribution(surface, None)
            break
    person = ctx.previous_mention(site.start, "person")
    if person:
        return Attribution(person, None)
    if prev.known:
        return Attribution(prev.known[-1], None)
    # the person the article is about: the one it names most ("Tom Hale" in a story on him)
    people = Counter(
        name for start, name in ctx.mentions if " " in name and ctx.person_like(start, name)
    )
    return Attribution(people.most_common(1)[0][0], None) if people else None


FALLBACKS: tuple[Fallback, ...] = (
    signed_after,
    sentence_before,
    sentence_mention,
    continues_previous,
    paragraph_subject,
    last_resort,
)


def attribute(text: str, spans: list[tuple[int, int]]) -> tuple[list[Attribution], Context]:
    """A raw speaker surface and cue for every span (None when no one can be found)."""
    ctx = Context(text, spans)
    result: list[Attribution] = []
    known: list[str] = []
    for n in range(len(spans)):
        site = Site.of(ctx, spans, n)
        attribution = Attribution(None, None)
        found = first_candidate(site, STAGES)
        if found is not None:
            previous = spans[n - 1][0] if n > 0 else -1
            attribution = Attribution(
                resolve(ctx, found.surface, found.pos, known, previous), found.cue, found.stage
            )
        if attribution.surface is None:
            prev = Previous(spans, result, n, known)
            for fallback in FALLBACKS:
                if (fell := fallback(site, prev)) is not None:
                    attribution = Attribution(fell.surface, fell.cue, fallback.__name__)
                    break
        if attribution.surface:
            known.append(attribution.surface)
        result.append(attribution)
    return result, ctx
