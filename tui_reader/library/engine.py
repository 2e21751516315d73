"""The quote engine's version (kept outside the engine's package, which is slow to import): stored with each article's quotes, so that articles analysed by an
older engine are analysed again (``tui-reader reanalyse``, or any re-add), keeping the user's
corrections. Bump it whenever a change to the engine changes its output."""

ENGINE_VERSION = "2026.12.3"
