"""``python -m tui_reader`` is the ``tui-reader`` command."""

from tui_reader.cli import main

if __name__ == "__main__":
    main()
