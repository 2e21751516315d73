"""Word lists as regular expressions that match faster, with the same matches.

``re`` tries the branches of ``said|says|say|...`` one after the other wherever it looks for a
cue: with hundreds of words, every try is long. :func:`alternation` groups the words by their
first letter (``s(?:aid|ays|ay|...)|t(?:old|ells|...)|...``), so that a try goes through the
words of one letter only. What matches is unchanged: words with different first letters never
match at the same place, and those of one letter keep their order (the first that lets the
whole pattern match is the one taken, as before). A word listed twice is kept once: its second
try could only fail again. (Under IGNORECASE, for words all in one case: "S" and "s" would be
two groups that match at one place.)
"""

from __future__ import annotations

import re


def alternation(words: str) -> str:
    """The pattern for ``"w1|w2|..."`` (literal words), grouped by first letter; embed it where
    the plain alternation was (inside its group)."""
    by_letter: dict[str, list[str]] = {}
    for word in dict.fromkeys(words.split("|")):
        by_letter.setdefault(word[:1], []).append(re.escape(word[1:]))
    return "|".join(
        f"{re.escape(letter)}(?:{'|'.join(rests)})" for letter, rests in by_letter.items()
    )


def longest_first(word: str) -> tuple[int, str]:
    """A sort key for word lists: longest first, then alphabetical.

    Words of one length in any order match the same (two can never match at one place), but
    a list sorted by length alone keeps a set's order within each length, which changes from
    process to process: the pattern would be another string each run (and never found in the
    compiled-pattern cache, :mod:`tui_reader.library.regexes`).
    """
    return (-len(word), word)
