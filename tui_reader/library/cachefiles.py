"""Values kept between runs in the user's cache folder, as Python keeps compiled modules.

A value is plain data (``marshal``: numbers, strings, tuples, lists, dicts, sets), so reading
a file never runs code. Each file holds a key beside its value and is read only when that key
matches (the versions of what the value was built from) and the value's bytes still have the
sha256 they were written with (a file damaged on disk is never read: a compiled pattern's code
must not be taken from a file that changed since it was checked). A file is written whole, to
a temporary file renamed over the old one, so that a reader sees the old file or the new one.
Nothing here ever fails its caller: a folder that cannot be made or read, a file that is
missing, damaged or of another version is a miss, and the value is built as if there were no
cache.

The folder is ``$TUI_READER_CACHE``, else the platform's user cache folder; an empty
``TUI_READER_CACHE`` turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "tui-reader"
FORMAT = 2
"""Bumped when what a file holds changes shape."""


def cache_dir() -> Path | None:
    """The cache folder (it need not exist), or None when the cache is off."""
    env = os.environ.get("TUI_READER_CACHE")
    if env is not None:
        return Path(env).expanduser() if env.strip() else None
    return Path(platformdirs.user_cache_dir(APP_NAME))


def writable() -> bool:
    """Whether a value could be kept: the folder, or the nearest folder above it that exists,
    can be written to (so that a run which could never keep a value does not pay to make
    it)."""
    folder = cache_dir()
    if folder is None:
        return False
    try:
        for candidate in (folder, *folder.parents):
            if candidate.exists():
                return candidate.is_dir() and os.access(candidate, os.W_OK)
    except OSError:  # a folder above that cannot be looked into
        return False
    return False


def load(name: str, key: tuple[Any, ...]) -> Any | None:
    """The value saved under ``name`` with this ``key``, or None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        stored = marshal.loads((folder / name).read_bytes())
        if not (isinstance(stored, tuple) and len(stored) == 4):
            return None
        form, stored_key, digest, data = stored
        if form != FORMAT or stored_key != key or not isinstance(data, bytes):
            return None
        if hashlib.sha256(data).hexdigest() != digest:
            return None
        return marshal.loads(data)
    except (OSError, EOFError, ValueError, TypeError):
        return None


def save(name: str, key: tuple[Any, ...], value: Any) -> bool:
    """Keep ``value`` under ``name`` with this ``key``; False when it could not be kept."""
    folder = cache_dir()
    if folder is None:
        return False
    try:
        data = marshal.dumps(value)
        whole = marshal.dumps((FORMAT, key, hashlib.sha256(data).hexdigest(), data))
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=folder)
    except (OSError, ValueError):
        return False
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(whole)
        os.replace(tmp, folder / name)
        return True
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return False
