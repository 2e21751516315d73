"""Ingest speed on real pages: ``tui-reader add`` against bare single-process trafilatura.

The pages are ``../shared/bench-pages`` (250 saved news pages) when that folder is there, else
N pages made by bench/make_pages.py (``--generated N`` forces that). Every measurement runs in
a fresh interpreter, as ``tui-reader add`` does, so that nothing one warms (dateparser's
languages, htmldate's caches, imports) helps another. Each repeat runs, one after the other:

  bare   single-process ``trafilatura.extract(page bytes)`` over every page, after a warm-up
         on 10 pages: the reference
  cold   the same without the warm-up (a fresh process's first pass, as ``add``'s workers
         make theirs): "add / cold bare" compares two fresh starts
  add    ``tui_reader.library.ingest.ingest(fresh db, [folder], jobs)``, what ``tui-reader add``
         runs (read, decode, extract text and metadata, find quotes, store each article in its
         own transaction; default jobs: all cores)
  readd  the same ingest again into that database: every page unchanged
  first add  ``add`` with tui-reader's cache folder empty, as on a machine's first ``add``
         (library/regexes.py, library/firstuse.py): it fills the folder that add and readd
         then use (a temporary one, never the user's)

and prints the ratios add / bare and readd / bare of the repeat, with the share of the
machine's CPU that other processes used meanwhile (it is shared: a busy neighbour slows the
parallel ``add`` more than the one-process reference). The summary gives the median and the
range of each ratio over the repeats, and over the quiet ones (others under 10 %).

  --stages [--reference]   where the time goes, one process, CPU time per stage (--reference:
                           the extraction as it was before one parse and one metadata pass)
  --check                  the extraction against the earlier one (bench/extract_reference.py),
                           field by field over every page (each in its own process)
  --before DIR             also time add and readd of the tui_reader package in DIR, e.g.
                           mkdir /tmp/base && git archive 815e5f8 tui_reader db | tar -x -C /tmp/base

Run: .venv/bin/python bench/ingest.py [--repeats R] [--jobs J] [--quiet] [--before DIR]
     [--generated N] [--stages] [--reference] [--check]
"""

from __future__ import annotations

import argparse
import atexit
import functools
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext, suppress
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SHARED_PAGES = ROOT.parent / "shared" / "bench-pages"
FIELDS = ("text", "url", "title", "author", "site", "published", "language")
QUIET = 0.10  # others' share of the CPU under which a repeat counts as quiet

sys.path.insert(0, str(BENCH))


def html_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".html", ".htm"))


@contextmanager
def page_folder(generated: int | None, seed: int) -> Iterator[tuple[Path, str]]:
    """The shared real pages when present (and not overridden), else generated ones."""
    if generated is None and SHARED_PAGES.is_dir() and html_files(SHARED_PAGES):
        yield SHARED_PAGES, f"real pages ({SHARED_PAGES.resolve()})"
        return
    from make_pages import make_pages

    with tempfile.TemporaryDirectory(prefix="bench-ingest-pages-") as tmp:
        folder = Path(tmp) / "pages"
        make_pages(folder, generated or 320, seed)
        yield folder, "generated pages (bench/make_pages.py)"


# -- measurements, each in its own interpreter -----------------------------------------------


def _busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (``/proc/stat``)."""
    with open("/proc/stat") as stat:
        fields = [int(x) for x in stat.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def wait_for_quiet(timeout: float = 180.0) -> float:
    """Wait (up to ``timeout`` seconds) until the machine is idle for two seconds at a time;
    return the busy share seen last."""
    deadline = time.monotonic() + timeout
    while True:
        busy = _busy_seconds()
        time.sleep(2.0)
        share = (_busy_seconds() - busy) / (2.0 * (os.cpu_count() or 1))
        if share < QUIET / 2 or time.monotonic() > deadline:
            return share
        time.sleep(3.0)


def _own_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(run: Callable[[], Any]) -> dict[str, Any]:
    busy, own, t0 = _busy_seconds(), _own_seconds(), time.perf_counter()
    value = run()
    wall = time.perf_counter() - t0
    own = _own_seconds() - own
    others = max(0.0, _busy_seconds() - busy - own)
    return {
        "wall": wall,
        "cpu": own,
        "others": others / (wall * (os.cpu_count() or 1)),
        "value": value,
    }


def measure_bare(folder: Path, warm: bool = True) -> dict[str, Any]:
    import trafilatura

    paths = html_files(folder)
    if warm:  # warm-up: trafilatura's first-use costs (jusText's stoplists, ...) not counted
        for path in paths[:10]:
            trafilatura.extract(path.read_bytes())

    def run() -> int:
        return sum(bool(trafilatura.extract(path.read_bytes())) for path in paths)

    return _timed(run)


def measure_add(folder: Path, db: Path, jobs: int | None) -> dict[str, Any]:
    from tui_reader.library.ingest import ingest

    def run() -> dict[str, int]:
        counts: dict[str, int] = {}
        for result in ingest(db, [str(folder)], jobs=jobs):
            counts[result.status] = counts.get(result.status, 0) + 1
        return counts

    return _timed(run)


def measure_extract(folder: Path, which: str, out: Path) -> None:
    """Every page through the new or the reference extraction, as JSON (for --check)."""
    from tui_reader.library import fastpaths
    from tui_reader.library.extract import ExtractError, decode_html

    if which == "new":
        from tui_reader.library.extract import extract_article as extract
    else:
        from extract_reference import reference_extract_article as extract
    results: dict[str, Any] = {}
    # the reference runs trafilatura's own expressions
    with fastpaths.originals() if which != "new" else nullcontext():
        for path in html_files(folder):
            html = decode_html(path.read_bytes())
            try:
                article = extract(html, str(path))
                results[path.name] = {f: getattr(article, f) for f in FIELDS}
            except ExtractError as exc:
                results[path.name] = {"error": str(exc)}
    out.write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")


class StageClock:
    """CPU seconds spent in wrapped functions (outermost call only), by stage name."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self._depth: dict[str, int] = {}

    def wrap(self, module: Any, name: str, stage: str) -> None:
        original = getattr(module, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            depth = self._depth.get(stage, 0)
            self._depth[stage] = depth + 1
            start = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                self._depth[stage] = depth
                if depth == 0:
                    self.add(stage, time.process_time() - start)

        setattr(module, name, timed)

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds
        self.calls[stage] = self.calls.get(stage, 0) + 1


def measure_stages(folder: Path, reference: bool) -> dict[str, Any]:
    """One process: bare extraction, then each stage of ``add`` over every page (CPU time)."""
    import htmldate.extractors
    import trafilatura
    from trafilatura import core, metadata

    from tui_reader.library import extract as ex
    from tui_reader.library import fastpaths
    from tui_reader.library.quotes import analyse
    from tui_reader.library.store import Store

    paths = html_files(folder)
    clock = StageClock()
    with fastpaths.originals():  # the reference runs trafilatura's own expressions
        for path in paths[:10]:
            trafilatura.extract(path.read_bytes())
        start = time.process_time()
        for path in paths:
            trafilatura.extract(path.read_bytes())
        clock.add("bare", time.process_time() - start)

    start = time.process_time()
    htmls = [ex.decode_html(path.read_bytes()) for path in paths]
    clock.add("decode", time.process_time() - start)

    clock.wrap(htmldate.extractors, "_external_date", "dateparser")
    clock.wrap(metadata, "find_date", "dates")
    if reference:
        from extract_reference import reference_extract_article as extract

        clock.wrap(core, "load_html", "parse")
        clock.wrap(core, "extract_metadata", "metadata")
        clock.wrap(metadata, "extract_author", "author")
        clock.wrap(metadata, "extract_catstags", "categories, tags")
        clock.wrap(metadata, "extract_license", "categories, tags")
        clock.wrap(trafilatura, "bare_extraction", "passes")
    else:
        extract = ex.extract_article
        clock.wrap(ex, "parse_html", "parse")
        clock.wrap(ex, "page_metadata", "metadata")
        clock.wrap(ex, "_author", "author")
        clock.wrap(ex, "_text", "passes")
    articles = []
    start = time.process_time()
    with fastpaths.originals() if reference else nullcontext():  # the reference: trafilatura's own
        for html, path in zip(htmls, paths, strict=True):
            with suppress(ex.ExtractError):
                articles.append(extract(html, str(path)))
    clock.add("extract_article", time.process_time() - start)

    start = time.process_time()
    analyses = [analyse(a.text) for a in articles]
    clock.add("quotes", time.process_time() - start)

    with tempfile.TemporaryDirectory(prefix="bench-ingest-db-") as tmp:
        store = Store.open(Path(tmp) / "library.db")
        start = time.process_time()
        for article, analysis in zip(articles, analyses, strict=True):
            store.save_article(article, analysis)
        clock.add("storing", time.process_time() - start)
        start = time.process_time()
        for article in articles:
            store.save_article(article, None)
        clock.add("storing unchanged", time.process_time() - start)
        store.close()
    return {"pages": len(paths), "seconds": clock.seconds, "calls": clock.calls}


def measure_first_use(folder: Path, reference: bool) -> dict[str, Any]:
    """A fresh process's first pass over the pages (extraction and quotes) against its second:
    what each worker pays once (lazy imports, dateparser's languages, tld's suffix list), with
    the word lists ``add`` puts in place before its workers fork (not for the reference)."""
    from tui_reader.library import fastpaths, firstuse
    from tui_reader.library.extract import ExtractError, decode_html
    from tui_reader.library.quotes import analyse

    if reference:
        from extract_reference import reference_extract_article as extract
    else:
        from tui_reader.library.extract import extract_article as extract
    htmls = [(decode_html(p.read_bytes()), str(p)) for p in html_files(folder)]
    if not reference:
        firstuse.prepare()
    passes = []
    with fastpaths.originals() if reference else nullcontext():  # the reference: trafilatura's own
        for _ in range(2):
            start = time.process_time()
            for html, source in htmls:
                with suppress(ExtractError):
                    analyse(extract(html, source).text)
            passes.append(time.process_time() - start)
    return {"cold": passes[0], "warm": passes[1]}


# -- the driver ------------------------------------------------------------------------------


@functools.cache
def _bench_cache() -> Path:
    """tui-reader's cache folder for the measurements that get none of their own: the bench's,
    never the user's (filled by the first that needs it, removed at exit)."""
    folder = Path(tempfile.mkdtemp(prefix="bench-ingest-cache-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


def _child(*args: str, code: Path | None = None, cache: Path | None = None) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter (with ``tui_reader`` from ``code`` when
    given: another checkout, for the figures before a change; with ``cache`` as tui-reader's
    cache folder); its JSON result."""
    env = dict(os.environ)
    env["TUI_READER_CACHE"] = str(cache or _bench_cache())
    if code is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(code), env.get("PYTHONPATH", "")])
    out = subprocess.run(
        [sys.executable, __file__, "--measure", *args],
        cwd=code or ROOT,
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _spread(values: list[float]) -> str:
    if not values:
        return "-"
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f}, n={len(values)})"


def run_repeats(
    folder: Path, repeats: int, jobs: int | None, quiet: bool, before: Path | None
) -> None:
    """Each repeat: bare, add, readd (and add, readd of the code before); each ratio pairs a
    run with the bare run of its repeat, and counts as quiet when others used under 10 % of
    the CPU during both."""
    ratios: dict[str, list[tuple[float, float]]] = {}  # name: [(ratio, others)]

    def note(name: str, run: dict[str, Any], bare: dict[str, Any], key: str = "wall") -> str:
        value = run[key] / bare[key]
        ratios.setdefault(name, []).append((value, max(run["others"], bare["others"])))
        return f"{name} {value:.2f} ({run['others']:.0%})"

    print("repeat: ratio to the repeat's bare run (others' share of the CPU during the run)")
    for i in range(repeats):
        if quiet:
            wait_for_quiet()
        runs: dict[str, dict[str, Any]] = {"bare": _child("bare", str(folder))}
        with tempfile.TemporaryDirectory(prefix="bench-ingest-db-") as tmp:
            cache = Path(tmp) / "cache"  # tui-reader's own, empty: the machine's first add
            first = str(Path(tmp) / "first.db")
            runs["first add"] = _child("add", str(folder), first, str(jobs or 0), cache=cache)
            db = str(Path(tmp) / "library.db")
            runs["add"] = _child("add", str(folder), db, str(jobs or 0), cache=cache)
            runs["readd"] = _child("add", str(folder), db, str(jobs or 0), cache=cache)
        if set(runs["readd"]["value"]) - {"unchanged", "failed"}:
            raise SystemExit(f"re-add was not all unchanged: {runs['readd']['value']}")
        if before is not None:
            with tempfile.TemporaryDirectory(prefix="bench-ingest-db-") as tmp:
                db = str(Path(tmp) / "library.db")
                cache = Path(tmp) / "cache"
                runs["before add"] = _child(
                    "add", str(folder), db, str(jobs or 0), code=before, cache=cache
                )
                runs["before readd"] = _child(
                    "add", str(folder), db, str(jobs or 0), code=before, cache=cache
                )
        runs["bare cold"] = _child("bare-cold", str(folder))
        bare = runs["bare"]
        cells = [f"bare {bare['wall']:.2f} s ({bare['others']:.0%})"]
        for name in ("add", "first add", "readd", "before add", "before readd"):
            if name in runs:
                cells.append(note(name, runs[name], bare))
        cells.append(note("add / cold bare", runs["add"], runs["bare cold"]))
        for name in ("add", "before add"):
            if name in runs:
                note(f"{name} CPU", runs[name], bare, key="cpu")
        print(f"{i + 1:3d}  " + "  ".join(cells) + f"  {runs['add']['value']}", flush=True)
    for title, limit in (("all repeats", 1.0), (f"quiet (others < {QUIET:.0%})", QUIET)):
        print(f"\n{title}: median (range, n) of the ratio to bare")
        for name, values in ratios.items():
            picked = [value for value, others in values if others < limit]
            suffix = "  (CPU of all processes / bare's)" if name.endswith("CPU") else ""
            print(f"  {name:18s} {_spread(picked)}{suffix}")


def run_stages(folder: Path, reference: bool) -> None:
    result = _child("stages", str(folder), "reference" if reference else "new")
    seconds, calls, n = result["seconds"], result["calls"], result["pages"]
    bare = seconds["bare"]
    other = seconds["extract_article"] - sum(
        seconds.get(k, 0.0) for k in ("parse", "metadata", "passes")
    )
    if reference:  # bare_extraction holds the parse and the metadata: text is what remains
        text = seconds["passes"] - seconds.get("parse", 0.0) - seconds.get("metadata", 0.0)
        other = seconds["extract_article"] - seconds["passes"]
    else:
        text = seconds["passes"]
    rows = [
        ("bare `trafilatura.extract` (the reference)", bare),
        ("read + decode", seconds["decode"]),
        (f"parse ({calls.get('parse', 0)} parses)", seconds.get("parse", 0.0)),
        (f"text extraction ({calls.get('passes', 0)} passes)", text),
        (f"metadata ({calls.get('metadata', 0)} passes)", seconds.get("metadata", 0.0)),
        ("  of which dates (htmldate)", seconds.get("dates", 0.0)),
        ("    of which dateparser", seconds.get("dateparser", 0.0)),
        ("  of which author", seconds.get("author", 0.0)),
    ]
    if reference:
        rows.append(("  of which categories, tags, licence", seconds.get("categories, tags", 0)))
    rows += [
        ("cleaning, article", other),
        ("= `extract_article`", seconds["extract_article"]),
        ("quotes (`analyse`)", seconds["quotes"]),
        ("storing (`save_article`, new)", seconds["storing"]),
        ("storing (`save_article`, unchanged)", seconds["storing unchanged"]),
    ]
    first = _child("first-use", str(folder), "reference" if reference else "new")
    rows.append(
        ("first-use costs of a fresh process (first pass − second)", first["cold"] - first["warm"])
    )
    print(f"{'reference' if reference else 'today'}: {n} pages, one process, CPU time")
    print("| stage | s | ms / page | × bare |")
    print("| --- | --- | --- | --- |")
    for name, value in rows:
        print(f"| {name} | {value:.2f} | {1000 * value / n:.1f} | {value / bare:.2f} |")


def run_check(folder: Path) -> int:
    with tempfile.TemporaryDirectory(prefix="bench-ingest-check-") as tmp:
        outs = {w: Path(tmp) / f"{w}.json" for w in ("new", "reference")}
        for which, out in outs.items():
            subprocess.run(
                [sys.executable, __file__, "--measure", "extract", str(folder), which, str(out)],
                cwd=ROOT,
                check=True,
                env={**os.environ, "TUI_READER_CACHE": str(_bench_cache())},
            )
        new, old = (json.loads(outs[w].read_text(encoding="utf-8")) for w in outs)
    differences = 0
    for name in sorted(old):
        a, b = old[name], new.get(name)
        for field in sorted(set(a) | set(b or {})):
            if b is None or a.get(field) != b.get(field):
                differences += 1
                print(f"{name}: {field}: {a.get(field)!r:.70} -> {(b or {}).get(field)!r:.70}")
    articles = sum("error" not in a for a in old.values())
    print(f"{len(old)} pages ({articles} articles): {differences} differences in {FIELDS}")
    return 1 if differences else 0


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--measure":
        kind, args = sys.argv[2], sys.argv[3:]
        if kind in ("bare", "bare-cold"):
            result = measure_bare(Path(args[0]), warm=kind == "bare")
        elif kind == "add":
            result = measure_add(Path(args[0]), Path(args[1]), int(args[2]) or None)
        elif kind == "first-use":
            result = measure_first_use(Path(args[0]), reference=args[1] == "reference")
        elif kind == "stages":
            result = measure_stages(Path(args[0]), reference=args[1] == "reference")
        else:
            measure_extract(Path(args[0]), args[1], Path(args[2]))
            return
        print(json.dumps(result))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=None, help="default: all cores")
    parser.add_argument("--generated", type=int, default=None, metavar="N")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--stages", action="store_true")
    parser.add_argument("--reference", action="store_true")
    parser.add_argument("--check", action="store_true")
    parser.add_argument(
        "--before",
        type=Path,
        metavar="DIR",
        help="also time the add of the tui_reader in DIR (e.g. git archive of an older commit)",
    )
    parser.add_argument(
        "--quiet",
        action="store_true",
        help="before each repeat, wait (up to 3 min) for an idle machine",
    )
    args = parser.parse_args()
    with page_folder(args.generated, args.seed) as (folder, what):
        n = len(html_files(folder))
        size = sum(p.stat().st_size for p in html_files(folder))
        print(f"{n} {what}, {size / 1e6:.1f} MB; cores {os.cpu_count()}; jobs {args.jobs or 'all'}")
        if args.check:
            raise SystemExit(run_check(folder))
        if args.stages:
            run_stages(folder, args.reference)
            return
        run_repeats(folder, args.repeats, args.jobs, args.quiet, args.before)


if __name__ == "__main__":
    main()
