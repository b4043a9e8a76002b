"""The workbook: ``claims.xlsx``, one sheet per table plus a ``review`` sheet.

Written with XlsxWriter, whose ``write_string`` stores text as text (never as a formula);
free text is also neutralised with :func:`pipeline.safe.safe_cell` like the CSV, so a
cell copied or re-saved as CSV stays inert. Rows are streamed (``constant_memory``), so
a 1000-article run does not hold the sheets in memory twice.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import xlsxwriter

from pipeline.export import read_columns, read_table, replace_atomically
from pipeline.safe import BOOL_COLUMNS, NUMERIC_COLUMNS, safe_cell

#: Sheets in workbook order: the analyst's review sheet first, then the tables.
TABLE_SHEETS = ("documents", "claims", "figures", "entities", "sources")
REVIEW_COLUMNS = [
    "doc_id",
    "title",
    "claim_id",
    "source_name",
    "source_type",
    "attribution",
    "certainty",
    "negated",
    "cue",
    "source_text",
    "text",
    "figures",
    "entities",
    "verdict",
    "comment",
]
#: Long free text: a wide, wrapped column.
WRAPPED_COLUMNS = frozenset({"text", "title", "aliases", "figures", "entities", "comment"})
VERDICTS = ["ok", "wrong source", "wrong text", "wrong certainty", "not a claim", "unsure"]
WRAP_WIDTH = 60
MAX_WIDTH = 40
MIN_WIDTH = 6
WIDTH_SAMPLE = 2000  # rows looked at to size a column


def _number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def column_width(name: str, rows: list[dict[str, str]]) -> float:
    """A width (in characters) that fits the header and most values."""
    if name in WRAPPED_COLUMNS:
        return WRAP_WIDTH
    longest = max((len(r.get(name) or "") for r in rows[:WIDTH_SAMPLE]), default=0)
    return max(MIN_WIDTH, min(MAX_WIDTH, max(longest, len(name) + 2) + 1))


def write_sheet(book, formats: dict, name: str, columns: list[str], rows: list[dict]) -> None:
    """One sheet: bold frozen header with an autofilter, typed cells, sized columns."""
    sheet = book.add_worksheet(name)
    for col, column in enumerate(columns):
        fmt = formats["wrap"] if column in WRAPPED_COLUMNS else None
        sheet.set_column(col, col, column_width(column, rows), fmt)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
    for col, column in enumerate(columns):
        sheet.write_string(0, col, column, formats["header"])
    for r, row in enumerate(rows, 1):
        for col, column in enumerate(columns):
            write_cell(sheet, r, col, column, row.get(column), formats)
    if "verdict" in columns:
        # a drop-down of usual verdicts that still accepts free text
        col = columns.index("verdict")
        sheet.data_validation(
            1,
            col,
            max(len(rows), 1),
            col,
            {"validate": "list", "source": VERDICTS, "error_type": "information"},
        )


def write_cell(sheet, row: int, col: int, column: str, value, formats: dict) -> None:
    """A number as a number, ``true``/``false`` as a boolean, text as neutralised text."""
    if value is None or value == "":
        return
    if column in NUMERIC_COLUMNS:
        try:
            sheet.write_number(row, col, _number(value))
            return
        except ValueError:
            pass  # not a number after all: keep the text rather than lose it
    if column in BOOL_COLUMNS and value in ("true", "false"):
        sheet.write_boolean(row, col, value == "true")
        return
    fmt = formats["wrap"] if column in WRAPPED_COLUMNS else None
    sheet.write_string(row, col, safe_cell(column, value), fmt)


def _claim_key(row: dict) -> tuple[str, str]:
    return row["doc_id"], row.get("claim_id", "")


def review_rows(tables: dict[str, list[dict]]) -> list[dict]:
    """One row per claim with its document title, figures and content entities joined
    in, and empty ``verdict`` / ``comment`` for the analyst."""
    titles = {d["doc_id"]: d.get("title", "") for d in tables["documents"]}
    figures = defaultdict(list)
    for f in tables["figures"]:
        if f.get("claim_id"):
            detail = ", ".join(x for x in (f.get("value"), f.get("unit"), f.get("category")) if x)
            figures[_claim_key(f)].append(f"{f['figure_id']}: {f['text']} ({detail})")
    entities = defaultdict(dict)
    for e in tables["entities"]:
        if e.get("claim_id") and e.get("role") == "content":
            name = e.get("canonical") or e["text"]
            entities[_claim_key(e)].setdefault(name, f"{name} ({e.get('label', '')})")
    rows = []
    for c in tables["claims"]:
        key = _claim_key(c)
        rows.append(
            {
                **{k: c.get(k, "") for k in REVIEW_COLUMNS},
                "title": titles.get(c["doc_id"], ""),
                "figures": "\n".join(figures.get(key, [])),
                "entities": "; ".join(entities.get(key, {}).values()),
                "verdict": "",
                "comment": "",
            }
        )
    return rows


def write_workbook(out_dir: Path, path: Path | None = None) -> Path:
    """``claims.xlsx`` (or ``path``) from the tables of ``out_dir``."""
    out_dir = Path(out_dir)
    path = Path(path) if path is not None else out_dir / "claims.xlsx"
    tables = {name: read_table(out_dir, name) for name in TABLE_SHEETS}

    def write(tmp: Path) -> None:
        options = {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        }
        with xlsxwriter.Workbook(str(tmp), options) as book:
            formats = {
                "header": book.add_format({"bold": True, "bg_color": "#E8ECF1", "bottom": 1}),
                "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
            }
            write_sheet(book, formats, "review", REVIEW_COLUMNS, review_rows(tables))
            for name in TABLE_SHEETS:
                write_sheet(book, formats, name, read_columns(out_dir, name), tables[name])

    replace_atomically(path, write)
    return path
