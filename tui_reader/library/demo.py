"""The bundled demo story behind ``tui-reader demo``.

Four short fictional news pages (``demo_story/*.html``) report one made-up event, the closure of
a harbour town's swing bridge after a barge strikes it in a storm, as a wire service, a local
paper, a broadsheet and a translated foreign outlet would. Between them they exercise what the
quote engine has to get right: curly, straight and British single quotes, quotes split by their
attribution and running over paragraphs, a speaker named with and without diacritics, an
organization as a speaker, pronoun attributions, and one statement reported verbatim in two
outlets and reworded in a third.

:func:`load_demo` ingests the pages through :func:`tui_reader.library.ingest.ingest` like any
other files, so loading twice finds them unchanged and returns the same article ids.
"""

from __future__ import annotations

from pathlib import Path

from tui_reader.library.ingest import HTML_SUFFIXES, ingest
from tui_reader.library.store import StoreError

STORY = "Demo: The Hollin Bridge closure"
DEMO_DIR = Path(__file__).parent / "demo_story"


def demo_files() -> list[Path]:
    """The demo pages, sorted by file name (the order the story reads in)."""
    return sorted(
        p for p in DEMO_DIR.iterdir() if p.is_file() and p.suffix.lower() in HTML_SUFFIXES
    )


def load_demo(db_path: Path) -> list[int]:
    """Add the demo pages to the database at ``db_path`` in :data:`STORY`; their ids in file order.

    Idempotent: the pages are stored by their path, so a second run finds them unchanged and
    returns the same ids. Raises :class:`StoreError` when a page cannot be stored.
    """
    files = demo_files()
    if not files:
        raise StoreError(f"the demo pages are missing from {DEMO_DIR}")
    results = ingest(db_path, [str(p) for p in files], story=STORY, jobs=1)
    failed = [r for r in results if r.article_id is None]
    if failed:
        raise StoreError("; ".join(f"{r.source}: {r.reason}" for r in failed))
    return [r.article_id for r in results if r.article_id is not None]
