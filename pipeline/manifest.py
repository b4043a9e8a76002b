"""Manifest: what the last run of an output folder processed, for incremental runs.

The manifest is an SQLite file in the output folder (:data:`MANIFEST_NAME`) with

- ``meta``: the *fingerprint* of the pipeline that wrote it (claimtrace version, spaCy
  and model versions, a hash of claimtrace's code, of the data files under
  ``pipeline/data`` and of the ``--sources`` files);
- ``docs``: one row per document, ``doc_id → sha256`` of its cleaned text, with the
  document's rows (:class:`~pipeline.tables.DocTables`, JSON, zlib-compressed).

A rerun with the same fingerprint takes the rows of every article whose ``doc_id`` and
``sha256`` are unchanged from the manifest and runs the model only on the others; the
tables are then written exactly as a full run writes them (same writer, same order,
``sources.csv`` tallied from every document), so they equal a full rerun's byte for
byte. Any change of fingerprint makes the old manifest void: everything is reprocessed.

Keeping the rows themselves (rather than byte ranges of the old CSV files) makes the
reuse independent of the output format and of the CSV writing options, and lookups by
``doc_id`` need no memory proportional to the corpus.

>>> import tempfile
>>> from pipeline.engines import analyse_article
>>> from pipeline.read import make_article
>>> out = Path(tempfile.mkdtemp())
>>> article = make_article("a", "Selon l'AFP, 3 soldats ont été tués.")
>>> m = Manifest.open(out, fingerprint())
>>> m.record(article, analyse_article(article, nlp))
>>> m.commit()
>>> Manifest.open(out, fingerprint()).lookup(article).figures[0]["text"]   # reused rows
'3 soldats'
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import hashlib
import json
import os
import sqlite3
import zlib
from collections.abc import Iterable, Sequence
from importlib import metadata
from pathlib import Path

import spacy

from pipeline import __version__
from pipeline.components.language_data import package_with
from pipeline.nlp import MODEL
from pipeline.read import Article
from pipeline.tables import TEMP_PREFIX, DocTables, SourceUse

MANIFEST_NAME = "claimtrace-manifest.sqlite"
PACKAGE_DIR = Path(__file__).resolve().parent
#: bump when the stored row format changes
FORMAT = 1


def _hash_files(paths: Iterable[Path], root: Path | None = None) -> str:
    h = hashlib.sha256()
    for path in paths:
        name = path.relative_to(root).as_posix() if root is not None else str(path)
        h.update(name.encode("utf-8") + b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"


def fingerprint(
    sources: Sequence[str | Path] = (), data_dir: str | Path | None = None
) -> dict[str, str]:
    """What the rows of a document depend on besides its text (``data_dir``: the user's
    lexicon folder laid over the package's data files).

    The code hash is there because a development checkout changes code without a
    version bump; an installed release changes it only with one.
    """
    code = sorted(PACKAGE_DIR.rglob("*.py"))
    return {
        "format": str(FORMAT),
        "claimtrace": __version__,
        "spacy": spacy.__version__,
        "model": f"{MODEL} {_package_version(MODEL.replace('_', '-'))}",
        "code": _hash_files(code, PACKAGE_DIR),
        "data": package_with(data_dir).digest(),
        "sources": _hash_files(Path(s) for s in sources),
    }


_TABLES_FIELDS = tuple(f.name for f in dataclasses.fields(DocTables))
_SOURCE_FIELDS = tuple(f.name for f in dataclasses.fields(SourceUse))


def encode_tables(tables: DocTables) -> bytes:
    """A document's rows as compressed JSON (sets become sorted lists)."""
    record = {name: getattr(tables, name) for name in _TABLES_FIELDS}
    # field by field, not dataclasses.asdict: that deep-copies what JSON copies anyway
    record["sources"] = {
        sid: {**{name: getattr(u, name) for name in _SOURCE_FIELDS}, "aliases": sorted(u.aliases)}
        for sid, u in tables.sources.items()
    }
    return zlib.compress(json.dumps(record, ensure_ascii=False).encode("utf-8"), 1)


def decode_tables(blob: bytes) -> DocTables:
    """The inverse of :func:`encode_tables`."""
    record = json.loads(zlib.decompress(blob))
    record["sources"] = {
        sid: SourceUse(**{**u, "aliases": set(u["aliases"])})
        for sid, u in record["sources"].items()
    }
    return DocTables(**record)


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE docs (doc_id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, rows BLOB NOT NULL);
"""


class Manifest:
    """The previous manifest of an output folder (read) and the next one (written
    beside it, moved into place by :meth:`commit`)."""

    def __init__(
        self, out_dir: Path, fp: dict[str, str], reuse: bool = True, into: Path | None = None
    ) -> None:
        self.out_dir = Path(out_dir)
        self.path = self.out_dir / MANIFEST_NAME
        self.fingerprint = fp
        #: why the previous manifest could not be used (damaged), for a one-line warning
        self.problem: str | None = None
        self.reported = False  # whether the run has told the user about ``problem``
        self._old: sqlite3.Connection | None = None
        if reuse and self.path.exists():
            self._old = self._open_previous()
        self.out_dir.mkdir(parents=True, exist_ok=True)
        # the new manifest goes into the run's staged folder (moved in with the tables),
        # or beside the old one under a name the stale-temp sweep recognises
        self._into = into
        if into is not None:
            self._tmp_path = Path(into) / MANIFEST_NAME
        else:
            self._tmp_path = self.out_dir / f"{TEMP_PREFIX}{os.getpid()}-manifest.sqlite"
        self._tmp_path.unlink(missing_ok=True)
        self._new = sqlite3.connect(self._tmp_path)
        # one transaction for the whole run; the file is moved into place only when done
        self._new.execute("PRAGMA journal_mode=OFF")
        self._new.execute("PRAGMA synchronous=OFF")
        self._new.executescript(_SCHEMA)
        self._new.executemany("INSERT INTO meta VALUES (?, ?)", sorted(fp.items()))

    @classmethod
    def open(
        cls, out_dir: Path, fp: dict[str, str], reuse: bool = True, into: Path | None = None
    ) -> Manifest:
        """The manifest of ``out_dir``; ``reuse=False`` ignores the previous one; the new
        one is written into the folder ``into`` when given."""
        return cls(out_dir, fp, reuse, into)

    def _open_previous(self) -> sqlite3.Connection | None:
        """The previous manifest, checked whole (``PRAGMA quick_check``: a damaged page is
        found here, not halfway through the run); None when absent, damaged or void."""
        con = None
        try:
            # as a URI (read-only), percent-encoded: a folder named "res#1" stays a path
            con = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
            check = con.execute("PRAGMA quick_check").fetchone()
            if check is None or check[0] != "ok":
                raise sqlite3.DatabaseError(str(check[0] if check else "no answer"))
            meta = dict(con.execute("SELECT key, value FROM meta"))
        except sqlite3.Error as exc:
            if con is not None:
                con.close()
            self.problem = str(exc)
            return None  # damaged: treat as absent, the run rebuilds it
        if meta != self.fingerprint:
            con.close()
            return None
        return con

    @property
    def reusing(self) -> bool:
        """Whether a previous manifest with the same fingerprint was found."""
        return self._old is not None

    def lookup(self, article: Article) -> DocTables | None:
        """The stored rows of ``article`` when it is unchanged since the last run, with
        the article's current path and metadata (not those of the run that stored them:
        the same text may come from another corpus path or with a new title)."""
        if self._old is None:
            return None
        try:
            row = self._old.execute(
                "SELECT rows FROM docs WHERE doc_id = ? AND sha256 = ?",
                (article.doc_id, article.sha256),
            ).fetchone()
        except sqlite3.Error as exc:  # damage quick_check missed: stop reusing, go on
            self.problem = str(exc)
            self._close_old()
            return None
        if row is None:
            return None
        try:
            tables = decode_tables(row[0])
        except (ValueError, TypeError, KeyError, zlib.error):
            return None  # a damaged entry: process the article again
        doc = tables.document
        if doc.get("doc_id") != article.doc_id or doc.get("sha256") != article.sha256:
            return None  # bytes changed inside the entry: not this article's rows
        doc.update(
            path=article.path,
            title=article.title,
            section=article.section,
            published=article.published,
            lang=article.lang,
            url=article.url,
        )
        return tables

    def record(self, article: Article, tables: DocTables) -> None:
        """Keep ``tables`` as the rows of ``article`` for the next run."""
        try:
            blob = encode_tables(tables)
        except (TypeError, ValueError):
            return  # rows JSON cannot hold: not stored, so simply reprocessed next time
        with self._disk_full():
            self._new.execute(
                "INSERT OR REPLACE INTO docs VALUES (?, ?, ?)",
                (article.doc_id, article.sha256, blob),
            )

    @contextlib.contextmanager
    def _disk_full(self):
        """SQLite's "database or disk is full" as the OSError every other writer raises,
        so that a full disk is told in the same one line."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            if "full" not in str(exc):
                raise
            raise OSError(errno.ENOSPC, "No space left on device", str(self._tmp_path)) from exc

    def commit(self) -> None:
        """Make the new manifest the folder's manifest."""
        self._close_old()
        with self._disk_full():
            self._new.commit()
        self._new.close()
        if self._into is None:
            os.replace(self._tmp_path, self.path)

    def abort(self) -> None:
        """Drop the new manifest; the previous one stays (in a staged folder, the folder's
        own fate decides: dropped with it, or moved in if its commit had begun)."""
        self._close_old()
        self._new.close()
        if self._into is None:
            self._tmp_path.unlink(missing_ok=True)

    def _close_old(self) -> None:
        if self._old is not None:
            self._old.close()
            self._old = None
