"""Quote engine quality: F1 and speaker accuracy on the seeds and on the project's own articles.

Run: .venv/bin/python bench/quote_quality.py

Scoring (tui_reader/library/quotes/scoring.py): a found quote matches a gold quote when most of
their words coincide; gold fragments under four words are optional; a matched quote's speaker
is right when it is the same entity as the gold speaker (aliases, diacritics, titles folded).
"""

from __future__ import annotations

import json
from pathlib import Path

from tui_reader.library.extract import extract_article
from tui_reader.library.quotes import analyse
from tui_reader.library.quotes.scoring import Score, score_article

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
OWN = ROOT / "tests" / "data" / "quotes" / "articles.json"
HELDOUT = ROOT / "tests" / "data" / "quotes" / "heldout.json"
BLIND2 = ROOT / "tests" / "data" / "quotes" / "blind2.json"
BLIND3 = ROOT / "bench" / "data" / "blind3.json"
BLIND4 = ROOT / "bench" / "data" / "blind4.json"
BLIND5 = ROOT / "bench" / "data" / "blind5.json"
BLIND6 = ROOT / "bench" / "data" / "blind6.json"
BLIND7 = ROOT / "bench" / "data" / "blind7.json"
BLIND8 = ROOT / "bench" / "data" / "blind8.json"  # measured once, after all rule changes


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
        f"{name:<34} F1 {score.f1:.3f}  precision {score.precision:.3f}  "
        f"recall {score.recall:.3f}  speaker accuracy {score.speaker_accuracy:.3f}"
    )


def main() -> None:
    print(line("seeds, text files", seeds("txt")))
    print(line("seeds, HTML through extraction", seeds("html")))
    score, n = own()
    print(line(f"own test articles ({n})", score))
    score, n = own(HELDOUT)
    print(line(f"held-out set 1 ({n}, diagnosed)", score))
    blind, n = own(BLIND2)
    print(line(f"blind set 2 ({n}; 0.815 before diagnosis)", blind))
    third, n = own(BLIND3)
    print(line(f"blind set 3 ({n}; 0.822 before diagnosis)", third))
    fourth, n = own(BLIND4)
    print(line(f"blind set 4 ({n}; 0.853 before diagnosis)", fourth))
    fifth, n = own(BLIND5)
    print(line(f"blind set 5 ({n}; 0.919 before diagnosis)", fifth))
    sixth, n = own(BLIND6)
    print(line(f"blind set 6 ({n}; 0.877 before diagnosis)", sixth))
    seventh, n = own(BLIND7)
    print(line(f"blind set 7 ({n}; 0.862 before diagnosis)", seventh))
    eighth, n = own(BLIND8)
    print(line(f"blind set 8 ({n}, measured once, never tuned on)", eighth))
    for error in eighth.errors:
        print("  ", error)


if __name__ == "__main__":
    main()
