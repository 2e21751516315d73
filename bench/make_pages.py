"""Make N varied news pages from the seed articles, deterministically (same seed, same pages).

Each page takes a seed article's paragraphs, shuffles them, adds paragraphs from the other
seeds, swaps names, and changes the title, site and date; lengths vary from a few paragraphs
to about three times the seed. Pages keep real page furniture (navigation, related links,
footer) so that extraction does its usual work, and vary their metadata as real pages do, so
that the metadata pass does its usual work too: a declared language or none, the author in a
meta tag, in JSON-LD or only in a byline, the date in meta tags or only in words in the page,
sometimes a comments section.

Run: .venv/bin/python bench/make_pages.py OUT_DIR [N] [--seed S]
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"

NAMES = [
    ("Aleksandar Vučić", "Vučić"),
    ("Ana Brnabić", "Brnabić"),
    ("Ivica Dačić", "Dačić"),
    ("Rumen Radev", "Radev"),
    ("Petr Fiala", "Fiala"),
    ("Ursula von der Leyen", "von der Leyen"),
    ("José Muñoz", "Muñoz"),
    ("Björn Østergaard", "Østergaard"),
]
SITES = ["The Moscow Times", "Novinite.com", "Balkan Insight", "Harbour Gazette", "N1 Info"]
LANGS = ["en", "en-GB", "", "en-US"]
AUTHORS = ["Jana Novak", "Petar Ilić", "Maria Schmidt", "Tom Reed"]
MONTHS = "January February March April May June July August September October November December"
PREFIXES = ["", "Update: ", "Analysis: ", "Live: ", "Exclusive: ", "Explainer: "]
SUFFIXES = ["", " as talks stall", " amid new pressure", ", officials say", " in {year}"]

_P = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_H1 = re.compile(r"<h1>(.*?)</h1>", re.DOTALL)


def load_seeds() -> list[tuple[str, list[str]]]:
    """(title, paragraphs) of each seed page, as HTML-escaped fragments."""
    seeds = []
    for path in sorted(SEEDS.glob("*.html")):
        page = path.read_text(encoding="utf-8")
        article = page[page.index("<article>") : page.index("</article>")]
        h1 = _H1.search(article)
        seeds.append((h1.group(1) if h1 else path.stem, _P.findall(article)))
    return seeds


def _swap_names(text: str, rng: random.Random) -> str:
    full, short = rng.choice(NAMES)
    text = re.sub(r"Aleksandar Vu(?:č|c)i(?:ć|c)", html.escape(full), text)
    text = re.sub(r"\bVu(?:č|c)i(?:ć|c)\b", html.escape(short), text)
    return text


def page_html(i: int, rng: random.Random, seeds: list[tuple[str, list[str]]]) -> str:
    title, paragraphs = seeds[i % len(seeds)]
    others = [p for j, (_, ps) in enumerate(seeds) if j != i % len(seeds) for p in ps]
    body = paragraphs[:1] + rng.sample(paragraphs[1:], len(paragraphs) - 1)
    extra = rng.choice([0, 0, 1, 2, 4, 8, 12, 20])
    body += rng.choices(others + paragraphs, k=extra)
    if rng.random() < 0.2:
        body = body[: max(3, len(body) // 2)]
    body = [_swap_names(p, rng) for p in body]
    day = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
    suffix = rng.choice(SUFFIXES).format(year=day.year)
    headline = f"{rng.choice(PREFIXES)}{title}{suffix} (No. {i + 1})"
    site = rng.choice(SITES)
    slug = re.sub(r"[^a-z0-9]+", "-", html.unescape(headline).lower()).strip("-")
    related = "".join(
        f'<li><a href="/news/{rng.randrange(10**6)}">{html.escape(rng.choice(seeds)[0])}</a></li>'
        for _ in range(rng.randrange(3, 8))
    )
    paras = "\n    ".join(f"<p>{p}</p>" for p in body)
    lang = rng.choice(LANGS)
    author = rng.choice(AUTHORS)
    where_author = rng.choice(["meta", "meta", "json", "byline", "byline", "none"])
    where_date = rng.choice(["meta", "meta", "time", "words", "words"])
    meta = []
    if where_author == "meta":
        meta.append(f'<meta name="author" content="{author}">')
    if where_author == "json":
        meta.append(
            '<script type="application/ld+json">{"@context": "https://schema.org", "@type": '
            f'"NewsArticle", "headline": {json.dumps(html.unescape(headline))}, "author": '
            f'{{"@type": "Person", "name": "{author}"}}}}</script>'
        )
    if where_date == "meta":
        meta.append(f'<meta property="article:published_time" content="{day.isoformat()}">')
    byline = f'<p class="byline">By {author}</p>' if where_author == "byline" else ""
    if where_date == "time":
        dateline = f'<time datetime="{day.isoformat()}">{day.isoformat()}</time>'
    elif where_date == "words":
        month = MONTHS.split()[day.month - 1]
        dateline = (
            f'<div class="meta">Published {day.day} {month} {day.year}, 10:{day.day:02d}</div>'
        )
    else:
        dateline = ""
    comments = ""
    if rng.random() < 0.3:
        comments = (
            '<section class="comments"><h3>Comments</h3>'
            + "".join(
                f'<div class="comment"><span class="author">Reader {k}</span>'
                f"<p>{html.escape(rng.choice(seeds)[0])} - I disagree.</p></div>"
                for k in range(rng.randrange(2, 6))
            )
            + "</section>"
        )
    nav = " | ".join(
        f'<a href="/{s.lower().replace(" ", "-")}">{s}</a>'
        for s in ["Home", "News", "World", "Europe", "Business", "Opinion", "Sport", "Culture"]
    )
    html_tag = f'<html lang="{lang}">' if lang else "<html>"
    # a date in the URL ends htmldate's search at once: only some pages have one
    dated = f"{day.isoformat()}/" if where_date == "meta" else ""
    canonical = f"https://news.example/{dated}{slug}"
    return f"""<!DOCTYPE html>
{html_tag}
<head>
  <meta charset="utf-8">
  <title>{headline} - {site}</title>
  <meta property="og:title" content="{headline}">
  <meta property="og:site_name" content="{site}">
  {"".join(meta)}
  <link rel="canonical" href="{canonical}">
</head>
<body>
  <header><nav>{nav}</nav></header>
  <main>
  <article>
    <h1>{headline}</h1>
    {byline}{dateline}
    {paras}
  </article>
  {comments}
  <aside><h2>Related</h2><ul>{related}</ul></aside>
  </main>
  <footer><p>Subscribe to our newsletter</p><p>All rights reserved.</p></footer>
</body>
</html>
"""


def make_pages(out: Path, n: int, seed: int = 0) -> list[Path]:
    """Write ``n`` pages ``page-0001.html`` ... into ``out``; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    seeds = load_seeds()
    paths = []
    for i in range(n):
        rng = random.Random(seed * 1_000_003 + i)
        path = out / f"page-{i + 1:04d}.html"
        path.write_text(page_html(i, rng, seeds), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int, nargs="?", default=300)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    paths = make_pages(args.out, args.n, args.seed)
    print(f"{len(paths)} pages in {args.out}")


if __name__ == "__main__":
    main()
