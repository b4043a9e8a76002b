"""Word lists shipped as data files under ``pipeline/data/`` (one entry a line, ``#``
comments), read once."""

from __future__ import annotations

import csv
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


@lru_cache(maxsize=32)
def data_rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of the CSV file ``pipeline/data/NAME`` (header first, ``#`` comments),
    cells stripped.

    >>> data_rows("comparison_measures.csv")[0]["measure"]
    'soldat'
    """
    lines = [ln for ln in data_lines(name) if ln.strip()]
    return tuple({k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines))
