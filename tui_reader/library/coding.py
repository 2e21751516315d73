"""Coding passages: what a key acts on, and tagging, noting, deleting and restoring annotations.

Pure library code (no Textual): the app's keys and the command line's ``annotate`` call these
alike, so the rules are the same everywhere: a key acts on the selection, else the annotation
under the cursor, else the quote under the cursor; a new tag gets the first free quick key; a new
tag and its annotation are written in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tui_reader.library.models import Annotation, StoredQuote, Tag
from tui_reader.library.store import Store, StoreError


class CodingError(StoreError):
    """A coding request that cannot be carried out; the message says why in one sentence."""


QUICK_KEYS = range(1, 10)


def first_free_key(used: Iterable[int | None]) -> int | None:
    """The quick key a new tag gets: the lowest digit 1-9 no tag has, else none."""
    taken = set(used)
    return next((k for k in QUICK_KEYS if k not in taken), None)


def new_tag(store: Store, name: str) -> tuple[Tag, bool]:
    """The tag of this name, made when new with the first free quick key; True when made.

    The app (``t``, the tag manager) and the command line (``annotate --tag``) make tags
    through this, so a tag gets its quick key wherever it was made."""
    with store.transaction():
        existing = store.find_tag(name)
        if existing is not None:
            return existing, False
        key = first_free_key(store.used_quick_keys())
        return store.create_tag(name, quick_key=key), True


@dataclass(frozen=True, slots=True)
class Passage:
    """A stretch of article text not yet annotated: ``text[start:end]``."""

    start: int
    end: int


Target = Passage | Annotation
"""What a coding key acts on: a new passage, or an existing annotation."""


def choose_target(
    selection: tuple[int, int] | None,
    annotation: Annotation | None,
    quote: StoredQuote | None,
) -> Target | None:
    """The selection, else the annotation under the cursor, else the quote under the cursor."""
    if selection is not None:
        return Passage(*selection)
    if annotation is not None:
        return annotation
    if quote is not None:
        return Passage(quote.start, quote.end)
    return None


@dataclass(frozen=True, slots=True)
class Tagged:
    """The outcome of tagging: the annotation, its tag, and whether the tag is new."""

    annotation: Annotation
    tag: Tag
    new_tag: bool


def tag(store: Store, article_id: int, target: Target, name: str) -> Tagged:
    """Put tag ``name`` (made when new, with the first free quick key) on the target, in one
    transaction: a new tag never exists without the annotation it was made for."""
    with store.transaction():
        found, made = new_tag(store, name)
        if isinstance(target, Annotation):
            annotation = store.update_annotation(target.id, add_tags=[found.name])
        else:
            annotation = store.create_annotation(
                article_id, target.start, target.end, tags=[found.name]
            )
    return Tagged(annotation, found, made)


def quick_tag(store: Store, article_id: int, target: Target, key: int) -> Tagged:
    """Apply the tag on quick key ``key`` (1-9)."""
    found = store.tag_for_quick_key(key)
    if found is None:
        raise CodingError(f"no tag on key {key}")
    return tag(store, article_id, target, found.name)


def note(store: Store, article_id: int, target: Target, text: str) -> Annotation:
    """Write the note of the target annotation, or make an annotation with this note."""
    if isinstance(target, Annotation):
        return store.update_annotation(target.id, note=text)
    return store.create_annotation(article_id, target.start, target.end, note=text)


def delete(store: Store, annotation_id: int) -> Annotation:
    """Delete an annotation; the returned copy restores it (undo)."""
    return store.delete_annotation(annotation_id)


def restore(store: Store, annotation: Annotation) -> Annotation:
    """Put a deleted annotation back with its id, tags, note and times."""
    return store.restore_annotation(annotation)


def find_passage(text: str, passage: str) -> Passage:
    """Where ``passage`` occurs in ``text``; it must occur exactly once."""
    count = text.count(passage) if passage else 0
    if count == 0:
        raise CodingError("the passage does not occur in the article")
    if count > 1:
        raise CodingError(f"the passage occurs {count} times in the article; give offsets")
    start = text.index(passage)
    return Passage(start, start + len(passage))


def annotate(
    store: Store,
    article_id: int,
    target: Passage,
    *,
    tags: Sequence[str] = (),
    note: str = "",
) -> tuple[Annotation, list[Tag]]:
    """Make one annotation with tags and a note (the command line's ``annotate``), in one
    transaction; tags that are new get quick keys as in the app. Returns the new tags too."""
    made: list[Tag] = []
    with store.transaction():
        names = []
        for name in tags:
            if not name.strip():
                continue
            found, new = new_tag(store, name)
            names.append(found.name)
            if new:
                made.append(found)
        annotation = store.create_annotation(
            article_id, target.start, target.end, tags=names, note=note
        )
    return annotation, made
