"""Lexicons: the word lists shipped as data files under ``pipeline/data/``, read here
and nowhere else.

The files a process uses are one :class:`LanguageData` (file name → text): the
package's by default; a user folder laid over it (``build_pipeline(data_dir=…)``,
``claimtrace run --data DIR``: a file there replaces the package file of the same
name); or the copy a saved pipeline carries (the
``language_data`` component writes it with ``nlp.to_disk`` and installs it again on
``spacy.load``, as spaCy's SpanRuler does with its patterns). Everything derived from
the files (sets, tables, compiled patterns) is cached with :func:`lexicon_cache` and
dropped when other data is installed; :func:`generation` tells components that keep
their own copy when to rebuild it.

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
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

#: the kinds of file a data folder holds
DATA_SUFFIXES = (".txt", ".csv")


class DataFolderError(ValueError):
    """A user's data folder that cannot be laid over the package's files."""


def _header(text: str) -> str:
    return next((ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), "")


class LanguageData:
    """The data files of one pipeline, by name."""

    def __init__(self, files: Mapping[str, str]) -> None:
        self.files = dict(sorted(files.items()))

    @classmethod
    def package(cls) -> LanguageData:
        """The files shipped in ``pipeline/data/`` (read once per process)."""
        return _package_data()

    @classmethod
    def read_dir(cls, path: str | Path) -> LanguageData:
        """The ``.txt`` and ``.csv`` files of a folder."""
        folder = Path(path)
        if not folder.is_dir():
            raise DataFolderError(f"{folder}: no such data folder")
        return cls(
            {
                f.name: f.read_text(encoding="utf-8")
                for f in folder.iterdir()
                if f.is_file() and f.name.endswith(DATA_SUFFIXES)
            }
        )

    def overlaid(self, other: LanguageData, where: str | Path = "") -> LanguageData:
        """These files with ``other``'s laid over them (same name: ``other`` wins).

        Every file of ``other`` must be one of these (a misspelt name would be read by
        nothing) and a table keep its header (its columns are what the stages read).
        """
        for name, text in other.files.items():
            shown = f"{Path(where) / name}" if where else name
            if name not in self.files:
                raise DataFolderError(
                    f"{shown}: not a data file claimtrace reads (see pipeline/data/ for names)"
                )
            if name.endswith(".csv") and _header(text) != _header(self.files[name]):
                raise DataFolderError(
                    f"{shown}: the header must be {_header(self.files[name])!r}, "
                    f"not {_header(text)!r}"
                )
        return LanguageData({**self.files, **other.files})

    def write_dir(self, path: str | Path) -> None:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in self.files.items():
            (folder / name).write_text(text, encoding="utf-8")

    def text(self, name: str) -> str:
        try:
            return self.files[name]
        except KeyError:
            raise FileNotFoundError(f"language data file {name!r} is missing") from None

    def digest(self) -> str:
        """A hash of every file's name and text (the manifest's ``data`` fingerprint)."""
        h = hashlib.sha256()
        for name, text in self.files.items():
            h.update(name.encode("utf-8") + b"\0" + text.encode("utf-8") + b"\0")
        return h.hexdigest()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LanguageData) and self.files == other.files

    __hash__ = None  # type: ignore[assignment]  (mutable mapping inside)


@lru_cache(maxsize=1)
def _package_data() -> LanguageData:
    folder = resources.files("pipeline") / "data"
    files = {f.name: f.read_text(encoding="utf-8") for f in folder.iterdir()}
    return LanguageData({n: t for n, t in files.items() if n.endswith(DATA_SUFFIXES)})


_active: LanguageData | None = None
_generation = 0
_caches: list[Callable] = []


def lexicon_cache(maxsize: int | None = 1) -> Callable[[Callable], Callable]:
    """``functools.lru_cache`` for what is derived from the data files: cleared when
    :func:`install` puts other files in place."""

    def wrap(fn: Callable) -> Callable:
        cached = lru_cache(maxsize=maxsize)(fn)
        _caches.append(cached)
        return cached

    return wrap


def active() -> LanguageData:
    """The files this process reads (the package's until :func:`install`)."""
    global _active
    if _active is None:
        _active = LanguageData.package()
    return _active


def install(data: LanguageData) -> bool:
    """Make ``data`` the files this process reads; True when that changed anything
    (every derived cache is then dropped and :func:`generation` moves on)."""
    global _active, _generation
    if data == active():
        return False
    _active = data
    _generation += 1
    for cached in _caches:
        cached.cache_clear()
    return True


def generation() -> int:
    """How many times other data was installed: a component that built its own index of
    a lexicon rebuilds it when this number changes."""
    return _generation


def data_text(name: str) -> str:
    """The text of the data file ``NAME``.

    >>> data_text("calendar_words.txt").startswith("#")
    True
    """
    return active().text(name)


@lexicon_cache(maxsize=32)
def data_lines(name: str) -> tuple[str, ...]:
    """The entries of ``pipeline/data/NAME``.

    >>> "mardi" in data_lines("calendar_words.txt")
    True
    """
    text = data_text(name)
    return tuple(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


@lexicon_cache(maxsize=32)
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


@lexicon_cache()
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


@lexicon_cache()
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


@lexicon_cache()
def head_noun_types() -> tuple[tuple[str, str], ...]:
    """Head nouns of source descriptions and the type they imply, in the order they are
    tried (``head_noun_types.csv``: "agence de presse" before "agence")."""
    return tuple((r["phrase"], r["type"]) for r in data_rows("head_noun_types.csv"))


@lexicon_cache(maxsize=64)
def word_set(name: str) -> frozenset[str]:
    """A one-word-a-line list as a set (``number_words.txt``, ``comparatives.txt``…)."""
    return frozenset(data_lines(name))


@lexicon_cache()
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
