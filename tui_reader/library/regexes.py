"""Regular expressions compiled once per machine, not once per run (for the quote engine).

``re.compile`` parses a pattern and turns it into the code its matcher runs (``re._parser`` and
``re._compiler``, both pure Python), then hands that code to ``_sre.compile``. The quote
engine's 88 patterns, two of them 26,000 and 30,000 characters long, take 0.1 s of that each
time the engine is imported: most of what ``add`` does before its workers start, while the
second core waits.

:func:`compile` keeps each pattern's code in the cache folder (:mod:`cachefiles`), keyed by
Python's version and its matcher's magic number, and rebuilds the pattern from it with
``_sre.compile``: the call ``re.compile`` ends with, with the same arguments, so the pattern
equals (``==`` compares the pattern, flags and code) the one ``re.compile`` gives. The code of a
pattern is kept only once the pattern rebuilt from it has been checked equal to
``re.compile``'s, with the same groups; on a Python whose internals differ the check fails, and
every pattern is compiled by ``re`` as before.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import hashlib
import re
import sys
from re import _compiler, _parser  # type: ignore[attr-defined]
from typing import Any

from tui_reader.library import cachefiles

KEY = (sys.version, sys.implementation.cache_tag, _sre.MAGIC, _sre.CODESIZE, sys.maxunicode)
CACHE_NAME = f"patterns-{hashlib.sha256(repr(KEY).encode()).hexdigest()[:12]}.marshal"
"""One file per Python build: two Pythons sharing the folder do not take turns rewriting it."""
KEPT_PER_USED = 3
"""A file keeps the patterns of earlier runs beside this run's (another checkout's, an older
engine's), up to this many times as many as this run used."""

Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
"""What ``_sre.compile`` takes after the pattern: flags, code, groups, group index, names."""

_kept: dict[tuple[str, int], Entry] | None = None  # the file's entries, read on first use
_used: dict[tuple[str, int], Entry] = {}
_missed = False


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the cache when this Python compiled it before."""
    global _kept, _missed
    flags = int(flags)
    if not isinstance(pattern, str) or flags & re.DEBUG:
        return re.compile(pattern, flags)
    if _kept is None:
        found = cachefiles.load(CACHE_NAME, KEY)
        _kept = found if isinstance(found, dict) else {}
    entry = _kept.get((pattern, flags))
    if entry is not None:
        try:
            compiled = _build(pattern, entry)
        except (TypeError, ValueError, RuntimeError, OverflowError):  # damaged: compile it
            pass
        else:
            _used[(pattern, flags)] = entry
            return compiled
    _missed = True
    compiled = re.compile(pattern, flags)
    if _keeping():
        entry = _entry(pattern, flags)
        if entry is not None and _same(pattern, entry, compiled):
            _used[(pattern, flags)] = entry
    return compiled


_can_keep: bool | None = None


def _keeping() -> bool:
    """Whether this run can keep what it compiles (asked once per import of the engine)."""
    global _can_keep
    if _can_keep is None:
        _can_keep = cachefiles.writable()
    return _can_keep


def save() -> None:
    """Write the patterns compiled so far to the cache if any was missing from it (at the end
    of the import that compiled them), and let go of the entries read."""
    global _kept, _used, _missed, _can_keep
    if _missed and _used:
        kept = {**(_kept or {}), **_used}
        cachefiles.save(CACHE_NAME, KEY, kept if len(kept) <= KEPT_PER_USED * len(_used) else _used)
    _kept, _used, _missed, _can_keep = None, {}, False, None


def _entry(pattern: str, flags: int) -> Entry | None:
    """What ``re._compiler.compile`` passes to ``_sre.compile`` for this pattern."""
    try:
        parsed = _parser.parse(pattern, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]
        state: Any = parsed.state
        groupindex = dict(state.groupdict)
        indexgroup: list[str | None] = [None] * state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        return (flags | state.flags, code, state.groups - 1, groupindex, tuple(indexgroup))
    except Exception:  # internals not as this Python 3.11-3.13's: no cache
        return None


def _build(pattern: str, entry: Entry) -> re.Pattern[str]:
    flags, code, groups, groupindex, indexgroup = entry
    compiled: re.Pattern[str] = _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)
    return compiled


def _same(pattern: str, entry: Entry, compiled: re.Pattern[str]) -> bool:
    """Whether the pattern rebuilt from ``entry`` is ``compiled``'s equal, groups and all."""
    try:
        rebuilt = _build(pattern, entry)
    except Exception:  # _sre.compile takes other arguments here: no cache
        return False
    return (
        rebuilt == compiled
        and rebuilt.groups == compiled.groups
        and dict(rebuilt.groupindex) == dict(compiled.groupindex)
    )
