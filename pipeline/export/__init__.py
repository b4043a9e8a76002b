"""Analyst outputs built from a run's output folder: the workbook (``claims.xlsx``), the
spreadsheet CSV variant (``--excel``), the review page (``report.html``) and the terminal
view (``claimtrace show``). They all read the tables as written (CSV in either dialect,
or Parquet), so they work on any output folder, fresh or old, and never need the model.
Reading takes the CSV's formula guard off (:func:`pipeline.safe.restore`): every output
but the CSV files shows the text as the article wrote it. ``comparisons.csv`` is read
when the run wrote it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

from pipeline.atomic import replace_file as replace_atomically  # the one atomic writer
from pipeline.columns import ALL_TABLES, Kind, kind
from pipeline.read import ReadError, make_article
from pipeline.safe import SafeDictWriter, restore
from pipeline.tables import TEXTS_FILE, format_number

BOM = "\ufeff"
#: Tables converted by ``--excel`` (comparisons and errors too when the run wrote them).
EXCEL_TABLES = tuple(ALL_TABLES)
#: Booleans in the ``--excel`` CSV: the French spreadsheets' own words, which
#: LibreOffice Calc and Excel in a French locale read as booleans.
EXCEL_BOOLS = {"true": "VRAI", "false": "FAUX"}
_CSV_BOOLS = {v: k for k, v in EXCEL_BOOLS.items()}


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


def _stored_path(out_dir: Path, name: str) -> Path:
    """The file holding table ``name``: ``NAME.csv`` or ``NAME.parquet``, the newer one
    when a folder holds both (a Parquet run into a folder of an older CSV run)."""
    path = table_path(out_dir, name)
    parquet = path.with_suffix(".parquet")
    if parquet.exists() and (not path.exists() or parquet.stat().st_mtime > path.stat().st_mtime):
        return parquet
    return path


def excel_cell(column: str, value: str, back: bool = False) -> str:
    """A contract cell as the ``--excel`` CSV writes it: decimal comma in numeric
    columns, ``VRAI``/``FAUX`` for booleans, anything else unchanged; ``back=True``
    turns an ``--excel`` cell back into the contract's.

    >>> excel_cell("value", "0.425"), excel_cell("approx", "true"), excel_cell("text", "1.5")
    ('0,425', 'VRAI', '1.5')
    >>> excel_cell("value", "0,425", back=True), excel_cell("approx", "FAUX", back=True)
    ('0.425', 'false')
    """
    k = kind(column)
    if k is Kind.FLOAT:
        return value.replace(",", ".") if back else value.replace(".", ",")
    if k is Kind.BOOL:
        return (_CSV_BOOLS if back else EXCEL_BOOLS).get(value, value)
    return value


def _read_csv(path: Path, out_dir: Path) -> tuple[list[str], list[dict[str, str]]]:
    try:
        f, delimiter = _open_table(path)
    except FileNotFoundError as exc:
        raise OutputError(f"{path}: missing (is {out_dir} a claimtrace output folder?)") from exc
    with f:
        reader = csv.reader(f, delimiter=delimiter)
        header = next(reader, [])
        excel = delimiter == ";"
        rows = []
        for cells in reader:
            if not cells:
                continue
            values = [restore(c) for c in cells]
            if excel:
                values = [excel_cell(c, v, back=True) for c, v in zip(header, values, strict=False)]
            rows.append(dict.fromkeys(header, "") | dict(zip(header, values, strict=False)))
        return header, rows


def load_table(out_dir: Path, name: str) -> tuple[list[str], list[dict[str, str]]]:
    """Columns and rows of one table as the pipeline made them, before the CSV's
    formula guard, from either CSV dialect or from ``NAME.parquet`` (``--format
    parquet``). Every value is a string, as in the contract's CSV."""
    path = _stored_path(out_dir, name)
    if path.suffix == ".parquet":
        return _read_parquet(path)
    return _read_csv(path, out_dir)


def read_table(out_dir: Path, name: str) -> list[dict[str, str]]:
    """The rows of one table (see :func:`load_table`)."""
    return load_table(out_dir, name)[1]


def has_table(out_dir: Path, name: str) -> bool:
    """True when ``out_dir`` holds table ``name`` (as CSV or Parquet)."""
    return _stored_path(out_dir, name).exists()


def read_optional_table(out_dir: Path, name: str) -> list[dict[str, str]]:
    """The rows of a table a run may not have written (``comparisons``): none if absent."""
    return read_table(out_dir, name) if has_table(out_dir, name) else []


def comparison_order(row: dict) -> tuple[bool, int, str]:
    """Disagreements first, then groups in order (``g2`` before ``g10``).

    >>> sorted(["g10", "g2"], key=lambda g: comparison_order({"group_id": g}))
    ['g2', 'g10']
    """
    digits = "".join(ch for ch in row["group_id"] if ch.isdigit())
    return row.get("relation") != "disagree", int(digits or 0), row["group_id"]


def read_columns(out_dir: Path, name: str) -> list[str]:
    """The header of one table, in file order."""
    path = _stored_path(out_dir, name)
    if path.suffix == ".parquet":
        return _read_parquet(path)[0]
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
        if has_table(out_dir, name):
            yield name


def write_excel_csv(out_dir: Path, dest_dir: Path) -> list[Path]:
    """Every table of ``out_dir`` rewritten for French-locale spreadsheets into
    ``dest_dir`` (may be ``out_dir`` itself): UTF-8 BOM, ``;`` separator, decimal
    comma, ``VRAI``/``FAUX``, text neutralised against formula injection."""
    written = []
    for name in list(excel_tables(out_dir)):
        columns, rows = load_table(out_dir, name)
        rows = [{c: excel_cell(c, v) for c, v in r.items()} for r in rows]

        def write(tmp: Path, columns=columns, rows=rows) -> None:
            with open(tmp, "w", encoding="utf-8", newline="") as f:
                w = SafeDictWriter(f, columns, excel=True)
                w.writeheader()
                w.writerows(rows)

        target = table_path(dest_dir, name)
        replace_atomically(target, write)
        written.append(target)
    return written
