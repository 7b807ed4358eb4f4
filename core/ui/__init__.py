"""Static assets of our own page components (JavaScript and CSS), read once per process."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    """The text of one asset file in core/ui (a .js or .css file shipped with the app)."""
    path = (HERE / name).resolve()
    if path.parent != HERE or path.suffix not in (".js", ".css"):
        raise ValueError(f"not an asset of core/ui: {name!r}")
    return path.read_text(encoding="utf-8")
