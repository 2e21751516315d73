"""Where tui-reader keeps its files, and its configuration.

The database is ``--db PATH``, else ``$TUI_READER_DB``, else ``library.db`` in the platform's user
data folder. The configuration is ``$TUI_READER_CONFIG``, else ``config.toml`` in the user config
folder; its ``[keymap]`` table maps binding ids to keys (Textual keymaps).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "tui-reader"


def default_db_path() -> Path:
    """The database used when no ``--db`` is given."""
    env = os.environ.get("TUI_READER_DB")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME)) / "library.db"


def config_path() -> Path:
    """The configuration file (it need not exist)."""
    env = os.environ.get("TUI_READER_CONFIG")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def export_dir() -> Path:
    """The folder the app suggests for CSV exports: the current directory."""
    return Path.cwd()


class ConfigError(Exception):
    """The configuration file exists but cannot be read."""


def load_config(path: Path | None = None) -> dict[str, Any]:
    """Read the TOML configuration; an absent file is an empty configuration."""
    path = path or config_path()
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read the configuration {path}: {exc}") from exc


def keymap(config: dict[str, Any]) -> dict[str, str]:
    """The ``[keymap]`` table as Textual's ``App.set_keymap`` wants it."""
    table = config.get("keymap", {})
    if not isinstance(table, dict):
        return {}
    return {str(k): str(v) for k, v in table.items()}
