"""What trafilatura and htmldate build the first time a process needs it, kept between runs.

Each worker of ``add`` used to build two word lists on its first pages:

- jusText's stop words of all its languages, for trafilatura's fallback extractor
  (``trafilatura.external.jt_stoplist_init`` reads 100 files: 0.06 s);
- the month names of all 205 dateparser locales, for htmldate's test of whether a string could
  be a date (``htmldate.extractors.month_words``: 0.05 s).

Both are plain sets of words. :func:`prepare` builds each by calling trafilatura's or htmldate's
own function, or reads it from the cache folder (:mod:`cachefiles`) under a key of the versions
of the packages it comes from, and puts it where they look for it: trafilatura's
``JT_STOPLIST``, which ``try_justext`` uses once set, and htmldate's ``month_words``, whose
cached answer it becomes. ``add`` calls it before its workers fork, so that none builds either.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from typing import Any

from tui_reader.library import cachefiles

CACHE_NAME = "words.marshal"

_prepared = False


def prepare() -> None:
    """Put both word lists in place (once per process; never raises)."""
    global _prepared
    if _prepared:
        return
    _prepared = True
    try:
        from htmldate import extractors
        from trafilatura import external
    except ImportError:
        return
    month_words = getattr(extractors, "month_words", None)
    if not _is_htmldates(month_words):
        return  # not the function this was written for: htmldate builds its own
    key = _key()
    words = cachefiles.load(CACHE_NAME, key) if key is not None else None
    if isinstance(words, tuple) and len(words) == 2 and all(isinstance(w, str) for w in words):
        stoplist, months = (w.split("\n") if w else [] for w in words)
    else:
        try:
            stoplist = list(external.JT_STOPLIST or external.jt_stoplist_init())
            months = list(month_words())
        except Exception:  # left to trafilatura and htmldate, which will say what is wrong
            return
        whole = not any("\n" in w for w in (*stoplist, *months))  # kept one per line
        if key is not None and whole and cachefiles.writable():
            kept = ("\n".join(sorted(stoplist)), "\n".join(sorted(months)))
            cachefiles.save(CACHE_NAME, key, kept)
    external.JT_STOPLIST = tuple(stoplist)
    extractors.month_words = _answer(frozenset(months))


def _is_htmldates(function: Any) -> bool:
    """Whether ``function`` is htmldate's own cached ``month_words`` (not a replacement)."""
    wrapped = getattr(function, "__wrapped__", None)
    return (
        callable(function)
        and hasattr(function, "cache_clear")
        and getattr(wrapped, "__module__", None) == "htmldate.extractors"
        and getattr(wrapped, "__name__", None) == "month_words"
    )


def _answer(months: frozenset[str]) -> Any:
    @functools.cache
    def month_words() -> frozenset[str]:
        "Month names in all dateparser locales (built by htmldate, kept by tui-reader)."
        return months

    return month_words


def _key() -> tuple[Any, ...] | None:
    """The versions the word lists come from: trafilatura's and htmldate's (imported already),
    and the installed files of jusText and dateparser (found, not imported: dateparser costs
    0.02 s to import), as Python checks a compiled module against its source."""
    import htmldate
    import trafilatura

    stamps: list[Any] = [trafilatura.__version__, htmldate.__version__]
    for package in ("justext", "dateparser"):
        spec = importlib.util.find_spec(package)
        if spec is None or spec.origin is None:
            return None
        try:
            st = os.stat(spec.origin)
        except OSError:
            return None
        stamps.append((spec.origin, st.st_mtime_ns, st.st_size))
    return tuple(stamps)
