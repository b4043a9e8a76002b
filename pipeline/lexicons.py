"""Lexicons: the word lists shipped as data files under ``pipeline/data/``, read here
and nowhere else, each once per process.

Plain lists are one entry a line (``#`` comments); tables are CSV files with a header.
The attribution stages' nouns share one table, ``source_nouns.csv``, a column per use:

- ``refers_to``: a generic head ("l'agence", "le ministère") and the source types it
  can refer back to (space-separated);
- ``issued``: a document or a measure someone issues ("le communiqué de l'armée",
  "selon ses calculs");
- ``document_head``: a document that speaks for its author ("selon l'évaluation");
- ``document``: a document noun another cue can speak for ("une déclaration
  remerciant …");
- ``quote``: a noun that names the speaker of the quote before it ("Déclaration de
  la ministre …").
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def data_text(name: str) -> str:
    """The text of ``pipeline/data/NAME``."""
    return (resources.files("pipeline") / "data" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=32)
def data_lines(name: str) -> tuple[str, ...]:
    """The entries of ``pipeline/data/NAME``.

    >>> "mardi" in data_lines("calendar_words.txt")
    True
    """
    text = data_text(name)
    return tuple(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


@lru_cache(maxsize=32)
def data_rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of the CSV table ``pipeline/data/NAME`` (``#`` lines before or between
    rows are comments).

    >>> data_rows("speech_verbs.csv")[0].keys() >= {"lemma", "kind", "certainty"}
    True
    >>> data_rows("comparison_measures.csv")[0]["measure"]
    'soldat'
    """
    lines = [ln for ln in data_text(name).splitlines() if ln.strip() and not ln.startswith("#")]
    return tuple(csv.DictReader(lines))


def calendar_words() -> frozenset[str]:
    """Days, months and times of day (``pipeline/data/calendar_words.txt``)."""
    return frozenset(data_lines("calendar_words.txt"))


@dataclass(frozen=True)
class SourceNouns:
    """The columns of ``source_nouns.csv`` (see the module docstring)."""

    refers_to: dict[str, frozenset[str]]
    issued: frozenset[str]
    document_heads: frozenset[str]
    documents: frozenset[str]
    quotes: frozenset[str]


@lru_cache(maxsize=1)
def source_nouns() -> SourceNouns:
    """The nouns of source descriptions, by use.

    >>> sorted(source_nouns().refers_to["journal"]), "rapport" in source_nouns().issued
    (['media'], True)
    """
    rows = data_rows("source_nouns.csv")

    def marked(column: str) -> frozenset[str]:
        return frozenset(r["word"] for r in rows if r[column].strip())

    return SourceNouns(
        refers_to={r["word"]: frozenset(r["refers_to"].split()) for r in rows if r["refers_to"]},
        issued=marked("issued"),
        document_heads=marked("document_head"),
        documents=marked("document"),
        quotes=marked("quote"),
    )


@lru_cache(maxsize=1)
def head_noun_types() -> tuple[tuple[str, str], ...]:
    """Head nouns of source descriptions and the type they imply, in the order they are
    tried (``head_noun_types.csv``: "agence de presse" before "agence")."""
    return tuple((r["phrase"], r["type"]) for r in data_rows("head_noun_types.csv"))


def word_set(name: str) -> frozenset[str]:
    """A one-word-a-line list as a set (``number_words.txt``, ``comparatives.txt``…)."""
    return frozenset(data_lines(name))


@lru_cache(maxsize=1)
def numeral_words() -> dict[str, tuple[int, str]]:
    """French number words → (value, kind), plurals included (``pipeline/data/numerals.csv``;
    kind is ``unit``, ``ten``, ``hundred``, ``scale`` or ``fraction``, whose value is the
    denominator: ``quart`` → 4).

    >>> numeral_words()["millions"], numeral_words()["septante"]
    ((1000000, 'scale'), (70, 'ten'))
    """
    words: dict[str, tuple[int, str]] = {}
    for row in data_rows("numerals.csv"):
        entry = (int(row["value"]), row["kind"])
        word = row["word"].lower()
        words[word] = entry
        if row["kind"] in ("ten", "hundred", "scale", "fraction") and not word.endswith("s"):
            words[word + "s"] = entry  # "quatre-vingts", "deux cents", "trois quarts"
    return words
