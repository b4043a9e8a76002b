"""Listing: a corpus folder → the files to read, and one printable doc_id per document.

File names are shown and stored as printable text (:func:`shown_path`: a byte that is
not UTF-8 becomes ``\\xe9``); a broken link, a pipe, a folder that cannot be listed and
another claimtrace output folder are reported, never dropped silently.
"""

from __future__ import annotations

import os
import stat
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.columns import TABLES
from pipeline.formats import ReadError

if TYPE_CHECKING:
    from pipeline.read import Article

#: What the corpus reader takes (others are listed, then reported as unsupported).
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")


#: Control characters (a newline in a file name would split a one-line message).
_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(32), *range(127, 160))}
_CONTROLS.update({0x2028: "\\u2028", 0x2029: "\\u2029"})


def shown_path(path: Path | str) -> str:
    """``path`` as text that can be printed and written to a CSV file: a byte of a file
    name that is not UTF-8 (a Latin-1 name from an old archive) is shown as ``\\xe9``,
    a control character (a newline) as ``\\x0a``.

    >>> shown_path(Path(os.fsdecode(b"corpus/\\xe9t\\xe9.txt")))
    'corpus/\\\\xe9t\\\\xe9.txt'
    >>> shown_path("une\\nligne.txt")
    'une\\\\x0aligne.txt'
    """
    text = path.as_posix() if isinstance(path, Path) else str(path)
    return os.fsencode(text).decode("utf-8", "backslashreplace").translate(_CONTROLS)


def doc_id_for(path: Path, root: Path, keep_suffix: bool = False) -> str:
    """``doc_id`` = path relative to the corpus root, without extension (with it when
    ``keep_suffix``), ``/``-separated, printable (:func:`shown_path`).

    >>> doc_id_for(Path("corpus/2025/kim.txt"), Path("corpus"))
    '2025/kim'
    """
    rel = path.relative_to(root)
    return shown_path(rel if keep_suffix else rel.with_suffix(""))


class UniqueIds:
    """One doc_id per document over a run. Files whose names differ only by their
    extension (``a.txt``, ``a.md``) keep it in their ids (``a.txt``, ``a.md``); an
    article whose id an earlier one took (``x/y.txt`` after the record ``y`` of
    ``x.jsonl``) gets its file's extension too, and a ``duplicate_id`` warning.
    Remembers every id of the run (a set of short strings: ~100 bytes a document)."""

    def __init__(self, paths: Iterable[Path], root: Path) -> None:
        self.root = root if root.is_dir() else root.parent
        counts = Counter(
            doc_id_for(p, self.root) for p in paths if p.suffix.lower() in ARTICLE_SUFFIXES
        )
        self._twins = {doc_id for doc_id, n in counts.items() if n > 1}
        self._seen: dict[str, str] = {}

    def doc_id(self, path: Path) -> str:
        """The doc_id of the file ``path`` (its records' ids start with it)."""
        doc_id = doc_id_for(path, self.root)
        return doc_id_for(path, self.root, keep_suffix=True) if doc_id in self._twins else doc_id

    def claim(self, article: Article, path: Path) -> str | None:
        """Take ``article.doc_id`` for ``article``, renaming it when an earlier article
        has it; returns the warning to report then, else None."""
        first = self._seen.setdefault(article.doc_id, article.path)
        if first == article.path:
            return None
        old = article.doc_id
        base = doc_id_for(path, self.root, keep_suffix=True)
        new = base + old[len(self.doc_id(path)) :]
        n = 2
        while new in self._seen:
            new, n = f"{base}~{n}{old[len(self.doc_id(path)) :]}", n + 1
        article.doc_id = new
        self._seen[new] = article.path
        return f'doc_id "{old}" is already that of {first}; this one is "{new}"; processed'


#: Files that mark a claimtrace output folder: never read back as articles.
OUTPUT_MARKERS = ("claimtrace-manifest.sqlite", "claimtrace-run.json")
#: What a run writes into its output folder (left out when that folder is the corpus).
OUTPUT_FILES = frozenset(
    {
        *OUTPUT_MARKERS,
        *(
            f"{t}.{x}"
            for t in TABLES  # the five tables and comparisons
            for x in ("csv", "parquet")
        ),
        "errors.csv",
        "texts.jsonl",
        "report.html",
        "claims.xlsx",
    }
)


def _not_regular(path: Path) -> ReadError | None:
    """Why a listed name is no file to read (a broken link, a pipe…), or None."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            target = shown_path(os.readlink(path))
            return ReadError(f"broken symbolic link (to {target}, which does not exist)")
        return ReadError("vanished while the folder was listed")
    except OSError as exc:
        return ReadError(f"cannot read file ({exc.strerror})")
    if stat.S_ISREG(mode):
        return None
    what = "a named pipe" if stat.S_ISFIFO(mode) else "a socket or device"
    return ReadError(f"not a regular file ({what})", "unsupported")


def list_corpus(
    root: Path,
    on_error: Callable[[str, ReadError], None] | None = None,
    skip: Iterable[Path] = (),
) -> list[Path]:
    """Every file under ``root`` (recursively, hidden files and folders left out) in a
    stable order. Files that are not articles are listed too, so that reading reports
    them instead of dropping them silently; so are a folder that cannot be listed, a
    broken link and another claimtrace output folder (``on_error(where, error)``). The
    folders in ``skip`` (the run's own output folder) are left out silently."""
    root = Path(root)
    if not root.exists():
        raise ReadError(f"{shown_path(root)}: corpus folder does not exist", "missing_corpus")
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise ReadError(f"{shown_path(root)}: not a folder nor a file", "missing_corpus")

    def report(where: Path | str, exc: ReadError) -> None:
        if on_error is not None:
            on_error(shown_path(where), exc)

    def unlistable(exc: OSError) -> None:
        report(exc.filename or root, ReadError(f"cannot list folder ({exc.strerror})"))

    skipped = {os.path.realpath(p) for p in skip}
    found = []
    seen: set[str] = set()  # real paths: a symlink loop is walked once
    top = os.path.realpath(root)
    for folder, dirs, files in os.walk(root, onerror=unlistable, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen or (real in skipped and real != top):
            dirs.clear()
            continue
        seen.add(real)
        if real == top and (real in skipped or any(m in files for m in OUTPUT_MARKERS)):
            # the corpus is an output folder too (--out CORPUS): its articles are read,
            # what claimtrace wrote there is not
            files = [f for f in files if f not in OUTPUT_FILES]
            dirs[:] = [d for d in dirs if d != "excel"]
        elif any(m in files for m in OUTPUT_MARKERS):
            marker = next(m for m in OUTPUT_MARKERS if m in files)
            report(
                folder,
                ReadError(f"a claimtrace output folder ({marker}), not articles", "unsupported"),
            )
            dirs.clear()
            continue
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = Path(folder, name)
            if name.startswith("."):
                continue
            if (problem := _not_regular(path)) is not None:
                report(path, problem)
            else:
                found.append(path)
    return sorted(found)
