"""Quote engine speed: words per second for span finding and for full analysis, and the time
to link the same words across two ~2,000-word articles.

Run: .venv/bin/python bench/quotes.py
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from tui_reader.library.quotes import analyse, find_spans, same_words

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def corpus() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    own = json.loads((ROOT / "tests/data/quotes/articles.json").read_text(encoding="utf-8"))
    texts += [a["text"] for a in own["articles"]]
    return texts


def best_of(runs: int, fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    texts = corpus()
    words_each = [len(t.split()) for t in texts]
    repeat = max(1, 1_000_000 // sum(words_each))
    articles = texts * repeat
    words = sum(words_each) * repeat
    spans_s = best_of(3, lambda: [find_spans(t) for t in articles])
    analyse_s = best_of(1, lambda: [analyse(t) for t in articles])
    print(f"corpus: {len(articles)} articles, {words:,} words")
    print(f"find_spans: {words / spans_s:,.0f} words/s ({spans_s:.2f} s)")
    print(
        f"analyse (spans + speakers + entities): {words / analyse_s:,.0f} words/s ({analyse_s:.2f} s)"
    )
    a = "\n\n".join(texts[0:1] * 5 + texts[2:4] * 2)
    b = "\n\n".join(texts[1:2] * 5 + texts[4:6] * 2)
    qa, qb = analyse(a).quotes, analyse(b).quotes
    twin_s = best_of(5, lambda: same_words(a, qa, b, qb))
    print(f"same_words: {len(a.split()):,} x {len(b.split()):,} words in {twin_s * 1000:.1f} ms")


if __name__ == "__main__":
    main()
