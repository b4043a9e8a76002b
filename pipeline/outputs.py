"""The output folder of a run: checked and staged before the run, made whole and moved
in after it (:mod:`pipeline.atomic`), and errors.csv.

Every problem of a run is a row ``{path, error, detail}`` of errors.csv, where ``error``
is a short code (:data:`pipeline.batch.ERROR_CODES`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from pipeline import __version__, atomic
from pipeline.columns import ERROR_COLUMNS
from pipeline.manifest import MANIFEST_NAME, Manifest
from pipeline.read import shown_path
from pipeline.tables import TABLES, write_csv

#: What the last complete run of an output folder wrote (its table format), so readers
#: of the folder (report, show, export) never take another run's leftover files.
RUN_FILE = "claimtrace-run.json"

#: ``error`` codes of errors.csv; the README's Troubleshooting section explains each.
ERROR_CODES = {
    "missing_corpus": "the corpus folder does not exist (exit 2)",
    "empty_corpus": "the corpus folder holds no file (exit 1)",
    "unsupported": "not an article file (.pdf, .jpg, .csv…); skipped",
    "unreadable": "the file cannot be opened (permissions, I/O error); skipped",
    "empty": "empty file, or a page with no text; skipped",
    "binary": "a binary file (PDF, image, archive) named like an article; skipped",
    "undecodable": "bytes that are neither UTF-8 nor a Western encoding; skipped",
    "bad_json_line": "a .jsonl line that is not {id, text…}; that line skipped",
    "too_long": "an article over the length limit; skipped",
    "failed": "the pipeline crashed on this document; skipped",
    "replaced_bytes": "a few invalid UTF-8 bytes replaced by U+FFFD; processed",
    "not_french": "the text does not look French; processed, see documents.lang",
    "duplicate_id": "two inputs with one doc_id: the later one keeps its extension; processed",
    "bad_manifest": "a damaged claimtrace-manifest.sqlite: rebuilt, every article processed",
}


class OutputFolderError(Exception):
    """An output folder claimtrace cannot write into (a file, read-only…)."""


def error_row(path: str, kind: str, detail: str) -> dict:
    """A row of errors.csv (``detail`` on one line, whatever the exception said)."""
    return {"path": path, "error": kind, "detail": " ".join(detail.split())}


def _error_sort_key(row: dict) -> tuple:
    """errors.csv order: by file, then jsonl line number (so that rows do not depend
    on which worker reported first)."""
    path, _, line = row["path"].rpartition(":")
    if path and line.isdigit():
        return (path, int(line), row["error"])
    return (row["path"], 0, row["error"])


def write_errors(out_dir: Path, errors: list[dict]) -> None:
    """errors.csv alone, atomically (a temporary file renamed over the old one)."""
    rows = sorted(errors, key=_error_sort_key)
    path = Path(out_dir) / "errors.csv"
    atomic.replace_file(path, lambda tmp: write_csv(tmp, ERROR_COLUMNS, rows))


def open_output(out_dir: Path) -> Path:
    """The run's staged folder inside ``out_dir`` (created if needed), after finishing
    or removing what dead runs left there; :class:`OutputFolderError` with one line when
    the folder cannot be written."""
    out_dir = Path(out_dir)
    manifest = out_dir / MANIFEST_NAME
    if manifest.is_dir():
        raise OutputFolderError(
            f"{shown_path(manifest)}: a folder where claimtrace keeps its manifest (a file); "
            "move it away or choose another --out"
        )
    try:
        atomic.settle(out_dir)
        return atomic.stage(out_dir)
    except FileExistsError as exc:
        raise OutputFolderError(
            f"{shown_path(out_dir)}: is a file, not a folder; choose another --out"
        ) from exc
    except NotADirectoryError as exc:
        raise OutputFolderError(
            f"{shown_path(out_dir)}: a part of this path is a file, not a folder; "
            "choose another --out"
        ) from exc
    except OSError as exc:
        raise OutputFolderError(
            f"{shown_path(out_dir)}: cannot write into the output folder ({exc.strerror})"
        ) from exc


def manifest_warning(manifest: Manifest) -> dict | None:
    """The errors.csv row for a damaged manifest, once (None when sound or told)."""
    if not manifest.problem or manifest.reported:
        return None
    manifest.reported = True
    return error_row(
        shown_path(manifest.path),
        "bad_manifest",
        f"damaged manifest ({manifest.problem}); rebuilt, every article processed again; processed",
    )


def complete(
    folder: Path,
    out_dir: Path,
    fmt: str,
    errors: list[dict],
    manifest: Manifest | None,
    finish: Callable[[Path], None] | None,
) -> None:
    """The staged folder made whole (errors.csv, Parquet, the run file, the manifest,
    what ``finish`` adds), then moved into ``out_dir`` in one commit; the other format's
    tables of an older run are removed in the same commit."""
    write_csv(folder / "errors.csv", ERROR_COLUMNS, sorted(errors, key=_error_sort_key))
    if fmt == "parquet":
        from pipeline.parquet import csv_to_parquet

        for name in TABLES:
            csv_to_parquet(folder / f"{name}.csv", folder / f"{name}.parquet")
            (folder / f"{name}.csv").unlink()
    stale = "csv" if fmt == "parquet" else "parquet"
    run = {"claimtrace": __version__, "format": fmt, "tables": list(TABLES)}
    (folder / RUN_FILE).write_text(json.dumps(run) + "\n", encoding="utf-8")
    if manifest is not None:
        manifest.commit()
    if finish is not None:
        finish(folder)
    atomic.commit(folder, out_dir, remove=[f"{name}.{stale}" for name in TABLES])
