"""Word lists shipped as data files under ``pipeline/data/`` (one entry a line, ``#``
comments), read once."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=32)
def data_lines(name: str) -> tuple[str, ...]:
    """The entries of ``pipeline/data/NAME``.

    >>> "mardi" in data_lines("calendar_words.txt")
    True
    """
    text = (resources.files("pipeline") / "data" / name).read_text(encoding="utf-8")
    return tuple(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


def calendar_words() -> frozenset[str]:
    """Days, months and times of day (``pipeline/data/calendar_words.txt``)."""
    return frozenset(data_lines("calendar_words.txt"))
