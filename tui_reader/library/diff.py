"""Word-level differences between two versions of an article's text.

The texts are split into words, punctuation and runs of whitespace, and aligned with difflib;
the result is a list of pieces (the same, deleted, added) that the command line prints as
``git diff --word-diff`` does (``[-old-]{+new+}``) and the reader's diff view colours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

PieceKind = Literal["same", "deleted", "added"]

_TOKEN = re.compile(r"\s+|\w+(?:['’]\w+)*|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of text that both versions share, or that one of them alone has."""

    kind: PieceKind
    text: str


def tokens(text: str) -> list[str]:
    """Words, punctuation marks and whitespace runs; joined they give ``text`` back."""
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[Piece]:
    """The pieces that turn ``old`` into ``new``, in reading order (deleted before added)."""
    a, b = tokens(old), tokens(new)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    pieces: list[Piece] = []

    def put(kind: PieceKind, words: list[str]) -> None:
        text = "".join(words)
        if not text:
            return
        if pieces and pieces[-1].kind == kind:
            pieces[-1] = Piece(kind, pieces[-1].text + text)
        else:
            pieces.append(Piece(kind, text))

    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            put("same", a[i1:i2])
        else:
            put("deleted", a[i1:i2])
            put("added", b[j1:j2])
    return _tidy(pieces)


def _tidy(pieces: list[Piece]) -> list[Piece]:
    """A change that only swaps whitespace reads as no change; a lone space kept "same"
    between two changes joins them, so "[-a b-]{+c d+}" is not "[-a-]{+c+} [-b-]{+d+}"."""
    out: list[Piece] = []
    for i, piece in enumerate(pieces):
        if piece.kind == "deleted" and not piece.text.strip():
            continue  # whitespace that went: nothing a reader would see
        if piece.kind == "added" and not piece.text.strip():
            piece = Piece("same", piece.text)
        if (
            piece.kind == "same"
            and piece.text.isspace()
            and "\n" not in piece.text
            and 0 < i < len(pieces) - 1
            and pieces[i - 1].kind != "same"
            and pieces[i + 1].kind != "same"
        ):
            out.append(Piece("deleted", piece.text))
            out.append(Piece("added", piece.text))
            continue
        if out and out[-1].kind == piece.kind:
            out[-1] = Piece(piece.kind, out[-1].text + piece.text)
        else:
            out.append(piece)
    return _regroup(out)


def _regroup(pieces: list[Piece]) -> list[Piece]:
    """Within a run of changes, all deleted text first, then all added text."""
    out: list[Piece] = []
    run: list[Piece] = []

    def flush() -> None:
        deleted = "".join(p.text for p in run if p.kind == "deleted")
        added = "".join(p.text for p in run if p.kind == "added")
        if deleted:
            out.append(Piece("deleted", deleted))
        if added:
            out.append(Piece("added", added))
        run.clear()

    for piece in pieces:
        if piece.kind == "same":
            flush()
            out.append(piece)
        else:
            run.append(piece)
    flush()
    return out


def words_changed(pieces: list[Piece]) -> tuple[int, int]:
    """How many words were added and removed."""
    added = sum(len(re.findall(r"\w+", p.text)) for p in pieces if p.kind == "added")
    removed = sum(len(re.findall(r"\w+", p.text)) for p in pieces if p.kind == "deleted")
    return added, removed


def as_word_diff(pieces: list[Piece]) -> str:
    """The diff as ``git diff --word-diff`` prints it: ``[-removed-]{+added+}``."""
    out = []
    for piece in pieces:
        if piece.kind == "same":
            out.append(piece.text)
        elif piece.kind == "deleted":
            out.append(f"[-{piece.text}-]")
        else:
            out.append(f"{{+{piece.text}+}}")
    return "".join(out)


@dataclass(frozen=True, slots=True)
class QuoteChange:
    """What a new version did to one quote."""

    kind: Literal["changed", "vanished", "new"]
    old_text: str | None
    new_text: str | None
    start: int | None = None
    end: int | None = None


def quote_changes(
    old: list[tuple[int, int, str]], new: list[tuple[int, int, str]]
) -> list[QuoteChange]:
    """Quotes whose words changed, vanished or are new between two versions: a quote with the
    same words in both is unchanged (wherever it moved); the rest are paired by similarity
    (rapidfuzz, at least 60 of 100) as changed, and what is left vanished or is new."""
    from rapidfuzz import fuzz

    left = [q for q in old]
    unmatched: list[tuple[int, int, str]] = []
    for quote in new:
        same = next((q for q in left if q[2] == quote[2]), None)
        if same is not None:
            left.remove(same)
        else:
            unmatched.append(quote)
    changes: list[QuoteChange] = []
    for start, end, text in unmatched:
        scored = [(fuzz.ratio(text, q[2]), q) for q in left]
        best = max(scored, default=None, key=lambda sq: sq[0])
        if best is not None and best[0] >= 60:
            left.remove(best[1])
            changes.append(QuoteChange("changed", best[1][2], text, start, end))
        else:
            changes.append(QuoteChange("new", None, text, start, end))
    changes.extend(QuoteChange("vanished", q[2], None) for q in left)
    return changes
