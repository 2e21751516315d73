"""Quote engine quality: F1 and speaker accuracy on the seeds and on the project's own articles.

Run: .venv/bin/python bench/quote_quality.py

Scoring (tui_reader/library/quotes/scoring.py): a found quote matches a gold quote when most of
their words coincide; gold fragments under four words are optional; a matched quote's speaker
is right when it is the same entity as the gold speaker (aliases, diacritics, titles folded).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tui_reader.library.extract import extract_article
from tui_reader.library.quotes import analyse
from tui_reader.library.quotes.scoring import Score, score_article

_PRONOUNS = {
    "he",
    "she",
    "they",
    "it",
    "we",
    "i",
    "you",
    "him",
    "her",
    "them",
    "us",
    "who",
    "which",
}
_INDEFINITE = {"a", "an", "one", "another", "some", "someone", "many", "several", "two", "three"}
_DEFINITE = {"the", "his", "her", "their", "its", "our", "my"}
_ORG_WORDS = {
    "campaign",
    "committee",
    "news",
    "times",
    "post",
    "house",
    "department",
    "party",
    "association",
    "council",
    "commission",
    "agency",
    "office",
    "bureau",
    "institute",
    "foundation",
    "center",
    "centre",
    "university",
    "college",
    "network",
    "group",
    "union",
    "court",
    "board",
    "company",
    "corporation",
    "inc",
    "press",
    "journal",
    "magazine",
    "ministry",
    "government",
    "administration",
    "police",
    "fbi",
    "service",
    "poll",
    "survey",
    "report",
    "statement",
    "organization",
    "coalition",
    "league",
    "fund",
    "pac",
    "church",
    "federation",
    "society",
    "cnn",
    "nbc",
    "abc",
    "cbs",
    "fox",
    "reuters",
    "democrats",
    "republicans",
    "gop",
    "team",
    "staff",
    "aides",
    "officials",
    "spokesman",
    "spokeswoman",
}


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


if __name__ == "__main__":
    main()
