"""The compiled-pattern cache: a pattern from the cache is re.compile's, and a bad cache is a miss.

Each check runs the cache as a fresh process would (its state reset, the folder its own), so
that what one check writes another only reads when it says so.
"""

from __future__ import annotations

import marshal
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_reader.library import cachefiles, regexes


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    regexes.save()  # whatever the test process compiled before goes to its own folder
    folder = tmp_path / "cache"
    monkeypatch.setenv("TUI_READER_CACHE", str(folder))
    yield folder
    regexes.save()


def run(patterns: list[tuple[str, int]]) -> list[re.Pattern[str]]:
    """Compile ``patterns`` as one import does: compile each, then save."""
    compiled = [regexes.compile(p, f) for p, f in patterns]
    regexes.save()
    return compiled


def same(a: re.Pattern[str], b: re.Pattern[str]) -> bool:
    return (
        a == b
        and a.pattern == b.pattern
        and a.flags == b.flags
        and a.groups == b.groups
        and dict(a.groupindex) == dict(b.groupindex)
    )


SAMPLE = [
    (r"(?P<who>[A-Z]\w+)\s+(?:said|says|told)\b", 0),
    (r"^\s*(?:according\s+to)\s+(?P<name>\w+(?:\s+\w+){0,3})", re.I),
    (r"(?<![\w\-])(?:a|b|c)+?(?=\d)|\n\s*\n", re.M),
    (r"[\"“”„‟«»‹›‘’'‚]", 0),
]


def test_a_pattern_from_the_cache_is_re_compiles(cache: Path) -> None:
    first = run(SAMPLE)  # a miss: compiled by re, and kept
    assert (cache / regexes.CACHE_NAME).is_file()
    again = run(SAMPLE)  # a fresh process: every one from the file
    for (pattern, flags), a, b in zip(SAMPLE, first, again, strict=True):
        expected = re.compile(pattern, flags)
        assert same(a, expected)
        assert same(b, expected)
        text = "Then Ana Ruiz said: “no”, according to Bo Li Po 3\n\n'x'"
        assert [m.span() for m in b.finditer(text)] == [m.span() for m in expected.finditer(text)]
        assert [m.groupdict() for m in b.finditer(text)] == [
            m.groupdict() for m in expected.finditer(text)
        ]


def test_a_run_that_finds_every_pattern_writes_nothing(cache: Path) -> None:
    run(SAMPLE)
    path = cache / regexes.CACHE_NAME
    before = path.stat().st_mtime_ns, path.read_bytes()
    run(SAMPLE)
    run(SAMPLE[:2])  # a run that needs fewer patterns keeps the others too
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before
    run([*SAMPLE, (r"new\s+one", 0)])  # one missing: the file is written again, with it
    assert (r"new\s+one", 0) in cachefiles.load(regexes.CACHE_NAME, regexes.KEY)


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not marshal at all",
        b"\xe3\x00\x00\x00",
        "truncated",
        "other key",
        "wrong code",
        "wrong shape",
        "changed on disk",
    ],
)
def test_a_damaged_cache_is_a_miss(cache: Path, damage: bytes | str) -> None:
    run(SAMPLE)
    path = cache / regexes.CACHE_NAME
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif damage == "other key":
        kept = cachefiles.load(regexes.CACHE_NAME, regexes.KEY)
        cachefiles.save(regexes.CACHE_NAME, ("another python",), kept)
    elif damage in ("wrong code", "wrong shape"):
        kept = cachefiles.load(regexes.CACHE_NAME, regexes.KEY)
        for key, (flags, code, groups, index, names) in list(kept.items()):
            if damage == "wrong code":
                kept[key] = (flags, [999_999, *code[1:]], groups, index, names)
            else:
                kept[key] = (flags, "code", groups)  # type: ignore[assignment]
        cachefiles.save(regexes.CACHE_NAME, regexes.KEY, kept)
    elif damage == "changed on disk":  # the code changed, the file still well formed
        form, key, digest, data = marshal.loads(path.read_bytes())
        kept = marshal.loads(data)
        for entry_key, (flags, code, groups, index, names) in list(kept.items()):
            kept[entry_key] = (flags, [*code[:-3], 0, 0, 0], groups, index, names)
        path.write_bytes(marshal.dumps((form, key, digest, marshal.dumps(kept))))
        assert cachefiles.load(regexes.CACHE_NAME, regexes.KEY) is None  # never read
    else:
        assert isinstance(damage, bytes)
        path.write_bytes(damage)
    for (pattern, flags), compiled in zip(SAMPLE, run(SAMPLE), strict=True):
        assert same(compiled, re.compile(pattern, flags))
    # and the file is whole again for the next run
    assert set(cachefiles.load(regexes.CACHE_NAME, regexes.KEY)) == set(SAMPLE)


def test_the_patterns_of_other_runs_are_kept_beside_this_ones(cache: Path) -> None:
    """Two checkouts (or an older engine) sharing the folder do not rewrite it in turn."""
    other = [(r"other\s+checkout", 0), (r"(?P<x>older)\s+engine", re.I)]
    run(SAMPLE)
    run(other)  # a miss for both: written with the first run's beside them
    path = cache / regexes.CACHE_NAME
    before = path.stat().st_mtime_ns
    run(SAMPLE)
    run(other)
    assert path.stat().st_mtime_ns == before
    assert set(cachefiles.load(regexes.CACHE_NAME, regexes.KEY)) == {*SAMPLE, *other}
    one = [(r"one\s+more", 0)]
    run(one)  # a miss, in a run of one pattern: 6 kept would be more than 3 times 1
    assert set(cachefiles.load(regexes.CACHE_NAME, regexes.KEY)) == set(one)
    assert regexes.CACHE_NAME.startswith("patterns-")  # one file per Python build


def test_a_folder_that_cannot_be_looked_into_is_no_cache(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(self: Path) -> bool:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "exists", refused)
    assert cachefiles.writable() is False
    for (pattern, flags), compiled in zip(SAMPLE, run(SAMPLE), strict=True):
        assert same(compiled, re.compile(pattern, flags))


def test_no_folder_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUI_READER_CACHE", "")
    assert cachefiles.cache_dir() is None
    for (pattern, flags), compiled in zip(SAMPLE, run(SAMPLE), strict=True):
        assert same(compiled, re.compile(pattern, flags))
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would be")
    monkeypatch.setenv("TUI_READER_CACHE", str(blocked / "cache"))
    made: list[str] = []
    real = regexes._entry
    monkeypatch.setattr(regexes, "_entry", lambda p, f: made.append(p) or real(p, f))
    for (pattern, flags), compiled in zip(SAMPLE, run(SAMPLE), strict=True):
        assert same(compiled, re.compile(pattern, flags))
    assert blocked.read_text() == "a file where the folder would be"
    assert made == []  # nothing that could never be kept is made


def test_the_quote_engines_patterns_from_the_cache_are_its_own(cache: Path) -> None:
    """Every pattern of the engine, compiled by re, equals the one the cache gives back."""
    import tui_reader.library.quotes as quotes

    engine = [
        value
        for module in vars(quotes).values()
        if getattr(module, "__name__", "").startswith("tui_reader.library.quotes.")
        for value in vars(module).values()
        if isinstance(value, re.Pattern)
    ]
    engine += [v for v in vars(quotes).values() if isinstance(v, re.Pattern)]
    wanted = list(dict.fromkeys((p.pattern, p.flags & ~re.UNICODE) for p in engine))
    assert len(wanted) >= 70  # every pattern of the engine's modules, each once
    run(wanted)
    for (pattern, flags), compiled in zip(wanted, run(wanted), strict=True):
        assert same(compiled, re.compile(pattern, flags))


# -- any pattern: made of the pieces the engine uses ------------------------------------------

_ATOMS = st.sampled_from(
    [
        "a",
        "said",
        r"\w+",
        r"\s+",
        r"\b",
        r"\d{2,4}",
        "[A-Z]",
        r"[^,.;\n]",
        ".",
        "“",
        r"\.",
        "é",
    ]
)


@st.composite
def patterns(draw: st.DrawFn, depth: int = 0) -> str:
    pieces = []
    for _ in range(draw(st.integers(1, 4))):
        if depth < 2 and draw(st.booleans()):
            inner = "|".join(draw(st.lists(patterns(depth + 1), min_size=1, max_size=3)))
            kind = draw(st.sampled_from(["(?:", "(", "(?=", "(?!", "(?<=x", "NAMED"]))
            if kind == "NAMED":
                name = draw(st.sampled_from(["who", "verb", "x1"]))
                piece = f"(?P<{name}{len(pieces)}{depth}>{inner})"
            elif kind == "(?<=x":
                piece = "(?<=x)"
            else:
                piece = f"{kind}{inner})"
        else:
            piece = draw(_ATOMS)
        piece += draw(st.sampled_from(["", "?", "*", "+", "{1,3}", "*?", "+?"]))
        pieces.append(piece)
    return "".join(pieces)


def _compiles(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    pattern=patterns().filter(_compiles),
    flags=st.sampled_from([0, re.I, re.M, re.S, re.I | re.M]),
    text=st.text(alphabet=string.ascii_letters + " .,\n“”é0123x", max_size=40),
)
def test_any_pattern_from_the_cache_matches_as_re_compiles(
    cache: Path, pattern: str, flags: int, text: str
) -> None:
    run([(pattern, flags)])
    (cached,) = run([(pattern, flags)])
    expected = re.compile(pattern, flags)
    assert same(cached, expected)
    assert [(m.span(), m.groups()) for m in cached.finditer(text)] == [
        (m.span(), m.groups()) for m in expected.finditer(text)
    ]
