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
def csv_rows(name: str) -> tuple[dict[str, str], ...]:
    """The non-empty rows of the CSV file ``pipeline/data/NAME``, cells stripped.

    >>> csv_rows("numerals.csv")[0]
    {'word': 'zéro', 'value': '0', 'kind': 'unit'}
    """
    text = (resources.files("pipeline") / "data" / name).read_text(encoding="utf-8")
    return tuple(
        {k: (v or "").strip() for k, v in row.items()}
        for row in csv.DictReader(text.splitlines())
        if any((v or "").strip() for v in row.values())
    )


@lru_cache(maxsize=1)
def numeral_words() -> dict[str, tuple[int, str]]:
    """French number words → (value, kind), plurals included (``pipeline/data/numerals.csv``;
    kind is ``unit``, ``ten``, ``hundred``, ``scale`` or ``fraction``, whose value is the
    denominator: ``quart`` → 4).

    >>> numeral_words()["millions"], numeral_words()["septante"]
    ((1000000, 'scale'), (70, 'ten'))
    """
    words: dict[str, tuple[int, str]] = {}
    for row in csv_rows("numerals.csv"):
        entry = (int(row["value"]), row["kind"])
        word = row["word"].lower()
        words[word] = entry
        if row["kind"] in ("ten", "hundred", "scale", "fraction") and not word.endswith("s"):
            words[word + "s"] = entry  # "quatre-vingts", "deux cents", "trois quarts"
    return words
