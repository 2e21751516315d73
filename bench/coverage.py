"""Coverage and the ledger: the seed check on real pages, and speed in a 10,000-article library.

1. Seeds (when ``../shared`` is there): the two seed pages and 50 other real pages
   (``../shared/bench-pages``, the first 50 by name) added as ``tui-reader add`` adds them;
   ``coverage`` of each seed must rank the other first; the ledger of the two must show the SVR
   and Vučić in both with the quote counts of ``gold.json``; the statement map must list the
   four same-words pairs of the gold, each with its kind.
2. Speed: a generated library (``tests/storygen.py``: 10,000 articles about as many made-up
   events, plus one event covered by 30 outlets, ~700 words each), then ``coverage`` of story
   and unrelated articles (median, p95, max) and the ledger of the 30-article story (median of
   runs), each from an open database as the CLI has it. Also how well coverage ranks: of the
   story's 29 other articles, how many are in the top 29 of each story article's coverage.

Run: .venv/bin/python bench/coverage.py [--articles N] [--db PATH (kept, reused)] [--skip-seeds]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "tests"))

import storygen  # noqa: E402

from tui_reader.library.coverage import coverage  # noqa: E402
from tui_reader.library.ingest import analyse_quotes, ingest  # noqa: E402
from tui_reader.library.ledger import build_ledger, ledger_json  # noqa: E402
from tui_reader.library.store import Store  # noqa: E402

STORY = "Thirty outlets"


def check(ok: bool, what: str) -> bool:
    print(f"  {'ok  ' if ok else 'FAIL'} {what}")
    return ok


def seeds(tmp: Path) -> bool:
    """The acceptance check of issue 11 on the seeds among 50 real pages."""
    seed_pages = sorted((SHARED / "seeds").glob("*.html"))
    others = sorted((SHARED / "bench-pages").glob("*.html"))[:50]
    gold = json.loads((SHARED / "seeds" / "gold.json").read_text(encoding="utf-8"))
    db = tmp / "seeds.db"
    results = ingest(db, [str(p) for p in seed_pages + others])
    ids = {Path(r.source).stem: r.article_id for r in results if r.article_id is not None}
    print(
        f"seeds: {len(results)} pages added ({sum(r.status == 'failed' for r in results)} failed)"
    )
    names = [a["file"] for a in gold["articles"]]
    a, b = ids[names[0]], ids[names[1]]
    good = True
    with Store.open(db) as store:
        for me, other in ((a, b), (b, a)):
            found = coverage(store, me)
            top = found[0] if found else None
            good &= check(
                top is not None and top.id == other,
                f"coverage of #{me} ranks #{other} first "
                f"(score {top.score if top else 0:.3f}; next "
                f"{found[1].score if len(found) > 1 else 0:.3f}) · {top.shared.summary() if top else ''}",
            )
        store.add_to_story("Seeds", [a, b])
        ledger = ledger_json(build_ledger(store, "Seeds"))
    rows = {(r["speaker"], r["article_id"]): r for r in ledger["speakers"]}
    svr = next(r["speaker_id"] for r in ledger["speakers"] if "SVR" in (r["speaker"] or ""))
    vucic = next(r["speaker_id"] for r in ledger["speakers"] if "Vu" in (r["speaker"] or ""))
    for art in gold["articles"]:
        article_id = ids[art["file"]]
        for gold_name, speaker_id in (("SVR", svr), ("Aleksandar Vučić", vucic)):
            want = sum(q["speaker"] == gold_name for q in art["quotes"])
            got = next(
                (
                    r["quotes"]
                    for (_, aid), r in rows.items()
                    if aid == article_id and r["speaker_id"] == speaker_id
                ),
                0,
            )
            good &= check(
                got == want, f"{art['file']}: {gold_name} quoted {got} times (gold {want})"
            )
    for pair in gold["same_words"]:
        hit = None
        for s in ledger["statements"]:
            versions = {v["article_id"]: v for v in s["articles"]}
            va, vb = versions.get(ids[names[0]]), versions.get(ids[names[1]])
            if va and vb and _covers(va["text"], pair["a"]) and _covers(vb["text"], pair["b"]):
                hit = tuple(
                    f"{v['kind']} ({'quoted' if v['quoted'] else 'reported'})" for v in (va, vb)
                )
        kinds = f"{names[0][:11]}: {hit[0]}, {names[1][:8]}: {hit[1]}" if hit else "not found"
        good &= check(hit is not None, f"statement map, {pair['kind']!r}: {kinds}")
    return good


def _covers(found: str, want: str) -> bool:
    """The version holds most of the gold passage's words (it may hold its clause around it)."""
    words = set(want.lower().split())
    return bool(found) and len(words & set(found.lower().split())) >= 0.6 * len(words)


SEQUELS = 50
"""Hard negatives: later events with the story's people and place (other statements)."""


def generate(n: int) -> tuple[list[storygen.Generated], list[storygen.Generated]]:
    """The library (deterministic): 10 to 40 paragraphs of background (the story's articles
    25 to 50, ~700 words), and SEQUELS of the story's event among the unrelated articles."""
    others, story = storygen.library(
        7, n - 30 - SEQUELS, 30, filler=(10, 40), story_filler=(25, 50)
    )
    return others + storygen.sequels(random.Random(8), story[0].event, SEQUELS), story


def build_library(db: Path, n: int) -> None:
    others, story = generate(n)
    t0 = time.perf_counter()
    with Store.open(db) as store:
        everything = [*others, *story]
        for lo in range(0, len(everything), 1000):
            with store.transaction():
                for g in everything[lo : lo + 1000]:
                    store.save_article(g.article, analyse_quotes(g.article.text))
        store.add_to_story(STORY, store.article_ids()[-30:])
    print(f"built {n:,} articles in {time.perf_counter() - t0:.0f} s")


def agreement(ledger: object, story: list[storygen.Generated], ids: dict[str, int]) -> str:
    """How the statement map agrees with what the generator wrote: for each statement of the
    event and each article, carried or not, and how."""
    truth: dict[tuple[int, int], storygen.Quoted] = {}
    texts: dict[int, str] = {}
    for g in story:
        for q in g.quoted:
            truth[(q.statement, ids[g.article.source])] = q
            if q.carry == "verbatim":
                texts.setdefault(q.statement, q.text)
    cells = right = kinds = kinds_right = 0
    for number, said in texts.items():
        found = next((s for s in ledger.statements if said.startswith(s.text.rstrip(",."))), None)  # type: ignore[attr-defined]
        for g in story:
            article_id = ids[g.article.source]
            said = truth.get((number, article_id))
            want = said.carry if said else "missing"
            got = found.version(article_id) if found else None
            kind = got.kind if got else "missing"
            cells += 1
            right += (kind == "missing") == (want == "missing")
            if said and want in ("verbatim", "trimmed", "reworded") and kind != "missing":
                # kinds are against the statement's text, the wording most outlets quote: when
                # most reworded it one way, those outlets quote it verbatim
                if found and said.text.rstrip(",.") == found.text.rstrip(",."):  # type: ignore[attr-defined]
                    want = "verbatim"
                kinds += 1
                kinds_right += kind == want
    return (
        f"statement map against the generator's truth: carried or missing right in "
        f"{right}/{cells} cells; kind right in {kinds_right}/{kinds} quoted cells"
    )


def speed(db: Path) -> None:
    with Store.open(db) as store:
        n = len(store.article_ids())
        story = store.story_article_ids(STORY)
        words = [store.article(i).words for i in story[:5]]  # type: ignore[union-attr]
        print(f"library: {n:,} articles; story {STORY!r}: {len(story)} articles, ~{words[0]} words")
        coverage(store, story[0])  # warm up: the quote engine's import, SQLite's page cache
        unrelated = [i for i in store.article_ids()[:: max(1, n // 20)] if i not in story][:20]
        for label, ids in (("story articles", story[:20]), ("unrelated", unrelated)):
            times = []
            for i in ids:
                t0 = time.perf_counter()
                coverage(store, i)
                times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            print(
                f"coverage, {label:14} median {statistics.median(times):5.1f} ms  "
                f"p95 {times[int(len(times) * 0.95) - 1]:5.1f} ms  max {times[-1]:5.1f} ms  "
                "(target < 100 ms)"
            )
        sequels = {
            i
            for i in store.article_ids()
            if store.article(i).source.startswith("https://sequel.")  # type: ignore[union-attr]
        }
        found_in_top, sequels_in_top = [], []
        first_right = 0
        for i in story:
            ids = [c.id for c in coverage(store, i, limit=29)]
            found_in_top.append(len(set(ids) & set(story)))
            sequels_in_top.append(len(set(ids) & sequels))
            first_right += bool(ids) and ids[0] in story
        print(
            f"coverage ranking: rank 1 in the story for {first_right}/{len(story)}; "
            f"of the 29 other story articles, {statistics.mean(found_in_top):.1f} in the top 29 "
            f"on average (min {min(found_in_top)}); of the {len(sequels)} sequels (the same "
            f"people and place, other events) {statistics.mean(sequels_in_top):.1f} in the top 29"
        )
        build_ledger(store, STORY)  # warm up
        times = []
        for _ in range(7):
            t0 = time.perf_counter()
            ledger = build_ledger(store, STORY)
            times.append((time.perf_counter() - t0) * 1000)
        shared = sum(s.carried_by > 1 for s in ledger.statements)
        sources = {store.article(i).source: i for i in story}  # type: ignore[union-attr]
        print(
            f"ledger of {len(story)} articles: median {statistics.median(times):.0f} ms, "
            f"max {max(times):.0f} ms (target < 300 ms); {len(ledger.speakers)} rows, "
            f"{len(ledger.statements)} statements ({shared} carried by more than one outlet)"
        )
    print(agreement(ledger, generate(n)[1], sources))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--db", type=Path, help="keep the generated library here (reused)")
    parser.add_argument("--skip-seeds", action="store_true")
    args = parser.parse_args()
    good = True
    with tempfile.TemporaryDirectory(prefix="bench-coverage-") as tmp:
        if not args.skip_seeds and (SHARED / "seeds").is_dir():
            good = seeds(Path(tmp))
        db = args.db or Path(tmp) / "library.db"
        if not db.exists():
            build_library(db, args.articles)
        speed(db)
    sys.exit(0 if good else 1)


if __name__ == "__main__":
    main()
