"""Analyst outputs built from a run's output folder: the workbook (``claims.xlsx``), the
spreadsheet CSV variant (``--excel``), the review page (``report.html``) and the terminal
view (``claimtrace show``). They all read the tables as written, so they work on any
output folder, fresh or old, and never need the model.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

from pipeline.atomic import replace_file as replace_atomically  # the one atomic writer
from pipeline.read import ReadError, make_article
from pipeline.safe import SafeDictWriter
from pipeline.tables import TABLES, TEXTS_FILE, format_number

BOM = "\ufeff"
#: Tables converted by ``--excel`` (errors.csv too when the run wrote one).
EXCEL_TABLES = (*TABLES, "errors")


class OutputError(Exception):
    """An output folder that lacks what an export needs; the message names the file."""


def table_path(out_dir: Path, name: str) -> Path:
    return Path(out_dir) / f"{name}.csv"


def _open_table(path: Path):
    """``path`` opened past its BOM, with the separator of its dialect: the contract's
    (``,``) or the ``--excel`` one (BOM and ``;``), told apart by the BOM."""
    f = open(path, encoding="utf-8", newline="")  # noqa: SIM115
    excel = f.read(1) == BOM
    if not excel:
        f.seek(0)
    return f, ";" if excel else ","


def _parquet_cell(value: object) -> str:
    """A Parquet value written back as the CSV writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format_number(value)
    return str(value)


def _read_parquet(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Columns and rows of a ``--format parquet`` table, as strings like the CSV's."""
    import pyarrow.parquet as pq  # only runs that asked for parquet have pyarrow

    table = pq.read_table(path)
    rows = [{k: _parquet_cell(v) for k, v in r.items()} for r in table.to_pylist()]
    return table.column_names, rows


def read_table(out_dir: Path, name: str) -> list[dict[str, str]]:
    """The rows of one table, in either CSV dialect, or from ``NAME.parquet`` when the
    run wrote Parquet (``--format parquet``)."""
    path = table_path(out_dir, name)
    parquet = path.with_suffix(".parquet")
    if not path.exists() and parquet.exists():
        return _read_parquet(parquet)[1]
    try:
        f, delimiter = _open_table(path)
    except FileNotFoundError as exc:
        raise OutputError(f"{path}: missing (is {out_dir} a claimtrace output folder?)") from exc
    with f:
        return list(csv.DictReader(f, delimiter=delimiter))


def read_columns(out_dir: Path, name: str) -> list[str]:
    """The header of one table, in file order."""
    path = table_path(out_dir, name)
    if not path.exists() and path.with_suffix(".parquet").exists():
        return _read_parquet(path.with_suffix(".parquet"))[0]
    f, delimiter = _open_table(path)
    with f:
        return next(csv.reader(f, delimiter=delimiter), [])


def read_texts(out_dir: Path, documents: list[dict[str, str]]) -> dict[str, str]:
    """The cleaned text of each document: from ``texts.jsonl`` when the run wrote it,
    else re-read from the document's ``path`` (kept only if its hash still matches, since
    offsets point into exactly that text)."""
    texts: dict[str, str] = {}
    path = Path(out_dir) / TEXTS_FILE
    if path.exists():
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    rec = json.loads(line)
                    texts[rec["doc_id"]] = rec["text"]
    for doc in documents:
        if doc["doc_id"] in texts or not doc.get("path"):
            continue
        try:
            raw = Path(doc["path"]).read_bytes().decode("utf-8-sig")
            article = make_article(doc["doc_id"], raw, doc["path"])
        except (OSError, UnicodeDecodeError, ReadError):
            continue
        if article.sha256 == doc.get("sha256"):
            texts[doc["doc_id"]] = article.text
    return texts


def excel_tables(out_dir: Path) -> Iterator[str]:
    """The tables of ``out_dir`` that ``--excel`` converts."""
    for name in EXCEL_TABLES:
        path = table_path(out_dir, name)
        if path.exists() or path.with_suffix(".parquet").exists():
            yield name


def write_excel_csv(out_dir: Path, dest_dir: Path) -> list[Path]:
    """Every table of ``out_dir`` rewritten for French-locale spreadsheets into
    ``dest_dir`` (may be ``out_dir`` itself): UTF-8 BOM, ``;`` separator, free text
    neutralised against formula injection."""
    written = []
    for name in list(excel_tables(out_dir)):
        columns = read_columns(out_dir, name)
        rows = read_table(out_dir, name)

        def write(tmp: Path, columns=columns, rows=rows) -> None:
            with open(tmp, "w", encoding="utf-8", newline="") as f:
                w = SafeDictWriter(f, columns, excel=True)
                w.writeheader()
                w.writerows(rows)

        target = table_path(dest_dir, name)
        replace_atomically(target, write)
        written.append(target)
    return written
