"""Save SVG screenshots of the demo (library, reader, compare, ledger, coverage) into
screenshots/.

Run with ``make screenshots``. Uses a throwaway database, so your own library is untouched.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tui_reader.app.app import ReaderApp
from tui_reader.library.demo import load_demo

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "screenshots"
SIZE = (160, 45)


async def shoot(db: Path, out: Path) -> list[Path]:
    ids = load_demo(db)
    saved: list[Path] = []

    def save(app: ReaderApp, name: str) -> None:
        path = out / f"{name}.svg"
        app.save_screenshot(filename=path.name, path=str(out))
        saved.append(path)

    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
        save(app, "library")
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.press("v", "w", "w", "w", "w", "v")
        await pilot.pause(0.2)
        save(app, "reader")
        await pilot.press("escape", "escape")
    app = ReaderApp(db, open_compare=ids[:2])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.8)
        for _ in range(60):
            await pilot.press("right_square_bracket")
            view = app.screen.focused
            if getattr(view, "twin_at", None) and view.twin_at(view.cursor):
                break
        await pilot.press("s")
        await pilot.pause(0.3)
        save(app, "compare")
    app = ReaderApp(db, open_compare=ids)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.8)
        save(app, "compare4")
    app = ReaderApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
        await pilot.press("W")
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        await pilot.press("j", "l", "l", "l", "l", "l")
        await pilot.pause(0.2)
        save(app, "ledger")
        await pilot.press("tab", "j", "l", "l", "l", "l", "l")
        await pilot.pause(0.2)
        save(app, "statements")
        await pilot.press("q", "C")
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        save(app, "coverage")
    return saved


def to_png(svg: Path) -> Path | None:
    """A PNG beside the SVG when librsvg's rsvg-convert is installed (for viewers without SVG)."""
    tool = shutil.which("rsvg-convert")
    if tool is None:
        return None
    png = svg.with_suffix(".png")
    subprocess.run([tool, "-o", str(png), str(svg)], check=True)
    return png


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for path in asyncio.run(shoot(Path(tmp) / "demo.db", OUT)):
            print(path.relative_to(ROOT))
            png = to_png(path)
            if png is not None:
                print(png.relative_to(ROOT))
    sys.exit(0)


if __name__ == "__main__":
    main()
