"""The word lists trafilatura and htmldate build on first use, from the cache: the same lists,
the same answers, and a bad cache is a miss."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from htmldate import extractors
from lxml.html import fromstring
from lxml.html import tostring as html_tostring
from trafilatura import external

from tui_reader.library import cachefiles, firstuse

HTMLDATES = extractors.month_words


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A process that has built neither list yet, with its own cache folder."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("TUI_READER_CACHE", str(folder))
    monkeypatch.setattr(firstuse, "_prepared", False)
    monkeypatch.setattr(external, "JT_STOPLIST", None)
    monkeypatch.setattr(extractors, "month_words", HTMLDATES)
    yield folder


def again(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a new process would start: nothing built, the cache folder kept."""
    monkeypatch.setattr(firstuse, "_prepared", False)
    monkeypatch.setattr(external, "JT_STOPLIST", None)
    monkeypatch.setattr(extractors, "month_words", HTMLDATES)


def originals() -> tuple[frozenset[str], frozenset[str]]:
    """What trafilatura and htmldate build themselves."""
    stoplist = frozenset(
        w for lang in external.get_stoplists() for w in external.get_stoplist(lang)
    )
    return stoplist, HTMLDATES.__wrapped__()


def test_the_lists_are_the_ones_trafilatura_and_htmldate_build(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stoplist, months = originals()
    firstuse.prepare()  # a miss: built by their own functions, and kept
    path = fresh / firstuse.CACHE_NAME
    assert path.is_file()
    assert isinstance(external.JT_STOPLIST, tuple)
    assert frozenset(external.JT_STOPLIST) == stoplist
    assert len(external.JT_STOPLIST) == len(stoplist)
    assert extractors.month_words() == months
    written = path.stat().st_mtime_ns, path.read_bytes()

    again(monkeypatch)
    firstuse.prepare()  # from the file
    assert frozenset(external.JT_STOPLIST) == stoplist
    assert len(external.JT_STOPLIST) == len(stoplist)
    assert extractors.month_words() == months
    assert (path.stat().st_mtime_ns, path.read_bytes()) == written  # read, not written


def test_trafilatura_and_htmldate_answer_the_same_with_the_cached_lists(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = (
        "<html><body><div><p>Short, with few words.</p><p>The council met on a wet "
        "Thursday and said that the bridge would stay shut until the spring, when "
        "engineers could look at it again and decide what to do about the cracks.</p>"
        "<p>Das ist ein kurzer Satz, und er hat nicht viele Wörter.</p>"
        "<p>Il a dit que le pont resterait fermé jusqu'au printemps.</p></div></body></html>"
    )
    strings = [
        "3 avril",
        "le 12 mars",
        "vendredi 7 juin",
        "14 Oktober",
        "5 de mayo",
        "May 4",
        "nothing here 12",
        "12 plus 3",
    ]
    low, high = datetime(1995, 1, 1), datetime(2030, 12, 31)

    def answers() -> tuple[bytes, list[bool]]:
        body = external.try_justext(fromstring(page), None, None)
        cues = [extractors.has_date_cue(s, low, high) for s in strings]
        return html_tostring(body), cues

    built = answers()  # trafilatura and htmldate build their own lists
    again(monkeypatch)
    firstuse.prepare()
    assert answers() == built  # from lists firstuse built
    again(monkeypatch)
    firstuse.prepare()
    assert answers() == built  # from the cache
    assert any(built[1]) and not all(built[1])


@pytest.mark.parametrize("damage", [b"", b"garbage", "other key", "wrong shape", "wrong types"])
def test_a_damaged_cache_is_a_miss(
    fresh: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes | str
) -> None:
    stoplist, months = originals()
    firstuse.prepare()
    path = fresh / firstuse.CACHE_NAME
    key = firstuse._key()
    assert key is not None
    if damage == "other key":
        kept = cachefiles.load(firstuse.CACHE_NAME, key)
        cachefiles.save(firstuse.CACHE_NAME, ("another htmldate",), kept)
    elif damage == "wrong shape":
        cachefiles.save(firstuse.CACHE_NAME, key, ["a", "b"])
    elif damage == "wrong types":
        cachefiles.save(firstuse.CACHE_NAME, key, (1, 2))
    else:
        assert isinstance(damage, bytes)
        path.write_bytes(damage)
    again(monkeypatch)
    firstuse.prepare()
    assert frozenset(external.JT_STOPLIST) == stoplist
    assert extractors.month_words() == months
    assert cachefiles.load(firstuse.CACHE_NAME, key) is not None  # whole again


def test_the_key_follows_the_packages_the_lists_come_from(fresh: Path) -> None:
    key = firstuse._key()
    assert key is not None
    import dateparser
    import htmldate
    import justext
    import trafilatura

    assert trafilatura.__version__ in key and htmldate.__version__ in key
    origins = {stamp[0] for stamp in key if isinstance(stamp, tuple)}
    assert origins == {justext.__file__, dateparser.__file__}


def test_a_month_words_that_is_not_htmldates_is_left_alone(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def other() -> frozenset[str]:
        return frozenset({"x"})

    monkeypatch.setattr(extractors, "month_words", other)
    firstuse.prepare()
    assert extractors.month_words is other
    assert external.JT_STOPLIST is None
    assert not (fresh / firstuse.CACHE_NAME).exists()


def test_no_cache_folder_still_puts_the_lists_in_place(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TUI_READER_CACHE", "")
    stoplist, months = originals()
    firstuse.prepare()
    assert frozenset(external.JT_STOPLIST) == stoplist
    assert extractors.month_words() == months
