"""Finding quotation spans: the words inside quote marks, in every common style.

"…", “…”, ‘…’ and '…' (not apostrophes), „…“, «…», »…«, ‹…›, with nested quotes kept inside the
outer span. Work is per paragraph: an unbalanced mark never swallows the rest of the article. A
quote left open at a paragraph's end continues only when the next paragraph reopens it (the
newspaper convention for quotes running over several paragraphs).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from tui_reader.library import regexes

_MARKS = regexes.compile("[\"“”„‟«»‹›‘’'‚]")
_PARAGRAPH = regexes.compile(r"\n\s*\n")
_OPEN_CONTEXT = set(" \t\n([{—–-/:;") | {"\u00a0"}
_SINGLES = set("'‘’‚")
_APOSTROPHE_WORDS = regexes.compile(
    r"['’‘](?:n['’‘]|\d\d?s\b|em\b|til\b|cause\b|tis\b|twas\b)", re.I
)

# The closing mark(s) that end a quote opened by a given mark.
_CLOSERS = {
    '"': '"”',  # a straight opener closed by a curly mark: mixed marks in one quote
    "“": '”"“',
    "„": '“”"',
    "‟": "”",
    "«": "»",
    "»": "«",
    "‹": "›",
    "›": "‹",
    "‘": "’'",
    "'": "'’",
    "‚": "‘’",
}


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph (blocks separated by a blank line)."""
    pos = 0
    for m in _PARAGRAPH.finditer(text):
        if m.start() > pos:
            yield pos, m.start()
        pos = m.end()
    if pos < len(text):
        yield pos, len(text)


def _is_letter(ch: str) -> bool:
    return ch.isalnum()


def _single_role(text: str, i: int, start: int, end: int) -> str:
    """'open', 'close', 'either' or 'apostrophe' for a single mark at ``i``."""
    prev = text[i - 1] if i > start else " "
    nxt = text[i + 1] if i + 1 < end else " "
    if _is_letter(prev) and _is_letter(nxt):
        return "apostrophe"  # Serbia's, that's, don't
    if _APOSTROPHE_WORDS.match(text, i):
        return "apostrophe"  # '90s, rock 'n' roll, 'em
    opens = (prev in _OPEN_CONTEXT or prev in '"“„«»') and not nxt.isspace()
    closes = not prev.isspace() and (not _is_letter(nxt))
    if opens and not closes:
        return "open"
    if closes and not opens:
        # "the Joneses' house": a closer-looking mark after s may be a possessive.
        return "close-s" if prev in "sS" else "close"
    return "either" if opens else "apostrophe"


def _paragraph_spans(
    text: str, start: int, end: int, marks: list[tuple[int, str]]
) -> tuple[list[tuple[int, int]], int | None]:
    """Outer quote spans of one paragraph, and the offset of an opener left unclosed; ``marks``
    are the paragraph's quote marks (offset, mark)."""
    if not marks:
        return [], None
    # Singles first: pair real openers with real closers; the rest are apostrophes.
    single_ok: set[int] = set()
    pending: list[int] = []
    for i, ch in marks:
        if ch not in _SINGLES:
            continue
        role = _single_role(text, i, start, end)
        if role == "open" or (role == "either" and not pending):
            pending.append(i)
        elif (role in ("close", "either") and pending) or (role == "close-s" and pending):
            single_ok.update((pending.pop(), i))
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for i, ch in marks:
        if ch in _SINGLES and i not in single_ok:
            continue
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        top = stack[-1] if stack else None
        closes_top = top is not None and ch in _CLOSERS.get(top[0], "")
        if ch in _SINGLES:
            opening = _single_role(text, i, start, end) in ("open", "either") and not closes_top
        elif ch == '"':
            looks_open = (prev in _OPEN_CONTEXT or prev in "“„«‘'") and not nxt.isspace()
            if closes_top and looks_open and top is not None and top[0] == '"' and nxt.isalnum():
                # "A "B": the first mark was stray; restart at this one.
                stack[-1] = (ch, i)
                continue
            opening = not closes_top and looks_open
            if not opening and not closes_top:
                continue  # a stray closer
        elif ch in "“„‟«‹‘‚":
            opening = not closes_top
        elif ch in "»›":
            opening = not closes_top and not nxt.isspace()
        else:  # ” ’
            if not closes_top:
                continue
            opening = False
        if opening:
            stack.append((ch, i))
            continue
        if not closes_top:
            continue  # a closing mark with nothing open
        opener = stack.pop()
        if not stack:
            spans.append(_trimmed(text, opener[1] + 1, i))
    spans = [s for s in spans if s[1] > s[0]]
    return spans, (stack[0][1] if stack else None)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every direct quotation: offsets of the words inside the marks.

    Sorted, non-overlapping, never empty, always inside ``text``.
    """
    result: list[tuple[int, int]] = []
    paras = list(paragraphs(text))
    marks = [(m.start(), m.group()) for m in _MARKS.finditer(text)]  # one scan, not one a paragraph
    at = [i for i, _ in marks]
    for n, (start, end) in enumerate(paras):
        mine = marks[bisect_left(at, start) : bisect_left(at, end)]
        spans, unclosed = _paragraph_spans(text, start, end, mine)
        if unclosed is not None and n + 1 < len(paras):
            nxt_start = paras[n + 1][0]
            opener = text[unclosed]
            # Reopened at the start of the next paragraph: the quote runs on; closed there
            # (a line break before the closing mark), it ends with this paragraph.
            first = text[nxt_start : nxt_start + 1]
            if (
                first == opener
                or (opener in '“"' and first in '“"')
                or (first in _CLOSERS.get(opener, "") and first not in "“„‚")
            ):
                spans.append(_trimmed(text, unclosed + 1, end))
        result.extend(s for s in spans if s[1] > s[0])
    return result
