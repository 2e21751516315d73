"""Quote engine quality: F1 and speaker accuracy on the seeds, the project's own articles and
real news (the PolNeAR splits in ../shared/quotes-eval/, skipped when absent).

Run: .venv/bin/python bench/quote_quality.py [--no-real]

Own sets (tui_reader/library/quotes/scoring.py): a found quote matches a gold quote when most of
their words coincide; gold fragments under four words are optional; a matched quote's speaker
is right when it is the same entity as the gold speaker (aliases, diacritics, titles folded).

Real news: each page is extracted as `tui-reader add` does (extract_article) and analysed in
process, then scored with the evaluation's own scorer (../shared/quotes-eval/score_quotes.py,
loaded by path, never copied). Speaker accuracy is also given by kind of gold speaker, decided
by :func:`speaker_kind` from the annotator's Source span and the gold speaker. The official
figure is `../shared/quotes-eval/run SET`, which goes through the command line and the
library's speaker linking; the two agree to within a few quotes.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from typing import Any

from tui_reader.library.extract import decode_html, extract_article
from tui_reader.library.quotes import analyse
from tui_reader.library.quotes.scoring import Score, score_article

_PRONOUNS = set("he she they it we i you him her them us who which".split())
_INDEFINITE = set("a an one another some someone many several two three".split())
_DEFINITE = set("the his her their its our my".split())
_ORG_WORDS = set(
    "campaign committee news times post house department party association council commission "
    "agency office bureau institute foundation center centre university college network group "
    "union court board company corporation inc press journal magazine ministry government "
    "administration police fbi service poll survey report statement organization coalition "
    "league fund pac church federation society cnn nbc abc cbs fox reuters democrats "
    "republicans gop team staff aides officials spokesman spokeswoman".split()
)


def speaker_kind(gold_quote: dict[str, Any]) -> str:
    """The kind of a gold quote's speaker, from the annotator's Source span and the gold speaker.

    pronoun: the Source is a pronoun (he, she, they, who...), whatever it was resolved to.
    description: the Source starts with an indefinite word (a, an, one, another, some...) or the
    gold speaker has no capitalised word ("a senior adviser", "one voter").
    role: the Source is a definite phrase (the, his, her, their, its) whose gold speaker is a
    name the Source does not contain ("the board" for a named board, "the senator").
    organization: otherwise, a gold speaker written in capitals (an acronym) or holding an
    organization word (campaign, committee, news, party, department, ...).
    named: otherwise, a named source (a person's name, with or without a title).
    """
    source = (gold_quote.get("source") or "").strip()
    speaker = gold_quote.get("speaker") or ""
    words = re.findall(r"[\w'’.-]+", source)
    first = words[0].lower() if words else ""
    if source.lower().strip(" ,.") in _PRONOUNS:
        return "pronoun"
    if first in _INDEFINITE or not re.search(r"\b[A-Z]", speaker):
        return "description"
    speaker_words = set(re.findall(r"\w+", speaker.lower()))
    if first in _DEFINITE and not speaker_words <= set(re.findall(r"\w+", source.lower())):
        return "role"
    if re.search(r"\b[A-Z]{2,}\b", speaker) or speaker_words & _ORG_WORDS:
        return "organization"
    return "named"


ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
OWN = ROOT / "tests" / "data" / "quotes" / "articles.json"
DATA = ROOT / "tests" / "data" / "quotes"
BENCH_DATA = ROOT / "bench" / "data"
# Sets written blind by other authors, in the order they were measured, with the speaker
# accuracy each had when first measured (before its failures were studied).
BLIND_SETS = [
    ("held-out set 1", DATA / "heldout.json", "0.722"),
    ("blind set 2", DATA / "blind2.json", "0.815"),
    ("blind set 3", BENCH_DATA / "blind3.json", "0.822"),
    ("blind set 4", BENCH_DATA / "blind4.json", "0.853"),
    ("blind set 5", BENCH_DATA / "blind5.json", "0.919"),
    ("blind set 6", BENCH_DATA / "blind6.json", "0.877"),
    ("blind set 7", BENCH_DATA / "blind7.json", "0.862"),
    ("blind set 8", BENCH_DATA / "blind8.json", None),  # measured once, never tuned on
    ("blind set 9", BENCH_DATA / "blind9.json", None),  # measured once, never tuned on
]


def seeds(form: str) -> Score:
    gold = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
    total = Score()
    for art in gold["articles"]:
        if form == "txt":
            text = (SEEDS / f"{art['file']}.txt").read_text(encoding="utf-8")
        else:
            html = (SEEDS / f"{art['file']}.html").read_text(encoding="utf-8")
            text = extract_article(html, art["file"]).text
        total.add(score_article(analyse(text).quotes, art["quotes"], gold["speakers"]))
    return total


def own(path: Path = OWN) -> tuple[Score, int]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    total = Score()
    for art in gold["articles"]:
        total.add(score_article(analyse(art["text"]).quotes, art["quotes"], gold["speakers"]))
    return total, len(gold["articles"])


def line(name: str, score: Score) -> str:
    return (
        f"{name:<52} F1 {score.f1:.3f}  precision {score.precision:.3f}  "
        f"recall {score.recall:.3f}  speaker accuracy {score.speaker_accuracy:.3f}"
    )


EVAL = ROOT.parent / "shared" / "quotes-eval"
REAL_SETS = ("polnear-dev", "polnear-train")
KINDS = ("named", "pronoun", "role", "organization", "description")


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score_quotes", EVAL / "score_quotes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def real_set(name: str) -> tuple[dict[str, Any], dict[str, list[int]], int] | None:
    """The evaluation scorer's summary for one real set, right/total by kind, and articles."""
    folder = EVAL / name
    if not (folder / "gold.json").is_file() or not (EVAL / "score_quotes.py").is_file():
        return None
    scorer = _scorer()
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    preds: dict[str, list[dict[str, Any]]] = {}
    for art in gold:
        page = folder / "pages" / (art["file"][:-4] + ".html")
        text = extract_article(decode_html(page.read_bytes()), str(page)).text
        preds[art["file"]] = [{"text": q.text, "speaker": q.speaker} for q in analyse(text).quotes]
    summary = scorer.score(gold, {}, preds)
    by_kind: dict[str, list[int]] = {kind: [0, 0] for kind in KINDS}
    for art in gold:  # the scorer's own matching, to see which gold quote each prediction got
        found, used = preds[art["file"]], set()
        for g in art["quotes"]:
            best, at = 0.0, None
            for i, p in enumerate(found):
                if i not in used and (o := scorer.overlap(p["text"], g["text"])) > best:
                    best, at = o, i
            if at is None or best < 0.6:
                continue
            used.add(at)
            if g.get("speaker"):
                tally = by_kind[speaker_kind(g)]
                tally[0] += bool(scorer.same_speaker(found[at]["speaker"], g["speaker"], []))
                tally[1] += 1
    return summary, by_kind, len(gold)


def real_lines(name: str) -> list[str]:
    result = real_set(name)
    if result is None:
        return [f"{name}: not found in {EVAL}, skipped"]
    summary, by_kind, n = result
    kinds = "  ".join(
        f"{kind} {right / total:.3f} ({total})" for kind, (right, total) in by_kind.items() if total
    )
    return [
        f"{name + f' ({n} real articles)':<52} F1 {summary['f1']:.3f}  precision "
        f"{summary['precision']:.3f}  recall {summary['recall']:.3f}  speaker accuracy "
        f"{summary['speaker_accuracy']:.3f} ({summary['speaker_n']})",
        f"   by kind of speaker: {kinds}",
    ]


def main() -> None:
    print(line("seeds, text files", seeds("txt")))
    print(line("seeds, HTML through extraction", seeds("html")))
    score, n = own()
    print(line(f"own test articles ({n})", score))
    for name, path, first in BLIND_SETS:
        score, n = own(path)
        when = f"{first} before diagnosis" if first else "measured once, never tuned on"
        print(line(f"{name} ({n}; {when})", score))
        if first is None:
            for error in score.errors:  # what the untuned sets miss
                print("  ", error)
    if "--no-real" not in sys.argv:
        for name in REAL_SETS:
            print("\n".join(real_lines(name)))


if __name__ == "__main__":
    main()
