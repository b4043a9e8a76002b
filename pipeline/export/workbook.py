"""The workbook: ``claims.xlsx``, a ``review`` sheet, a ``comparisons`` sheet when the run
found figures on which sources disagree, then one sheet per table.

Written with XlsxWriter with formula, number and URL conversion off: ``write_string``
stores text as text, never as a formula, so the cells hold the article's text exactly
(the CSV's ``'`` guard is not needed here and is not added). Numbers and booleans are
typed by :mod:`pipeline.columns`. Rows are streamed (``constant_memory``), so a
1000-article run does not hold the sheets in memory twice. Every sheet prints on A4
landscape, one page wide, its header row repeated on each page.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from pathlib import Path

import xlsxwriter

from pipeline.columns import Kind, kind, parse_bool
from pipeline.export import has_table, load_table, replace_atomically

#: Sheets of the tables, in workbook order after ``review`` (and ``comparisons``).
TABLE_SHEETS = ("documents", "claims", "figures", "entities", "sources")
#: The review sheet: what is said next to who says it, the analyst's columns right after,
#: then the details; the title narrow (it is long and repeats on each claim).
REVIEW_COLUMNS = [
    "title",
    "claim_id",
    "source_name",
    "text",
    "cue",
    "certainty",
    "negated",
    "verdict",
    "comment",
    "figures",
    "entities",
    "attribution",
    "source_text",
    "source_type",
    "doc_id",
]
#: Widths (characters) of columns whose width is not taken from their values.
FIXED_WIDTHS = {
    "text": 60,
    "title": 36,
    "subject": 28,
    "source_name": 22,
    "source_text": 24,
    "speaker": 22,
    "aliases": 40,
    "detail": 50,
    "path": 30,
}
#: The review sheet prints one page wide: its details columns are kept narrow.
REVIEW_WIDTHS = FIXED_WIDTHS | {
    "title": 16,
    "source_name": 18,
    "figures": 26,
    "entities": 24,
    "comment": 20,
    "verdict": 16,
    "source_text": 18,
}
#: Long free text: wrapped in its column, the row made tall enough to read it.
WRAPPED_COLUMNS = frozenset(
    {
        "text",
        "title",
        "source_name",
        "source_text",
        "speaker",
        "figures",
        "entities",
        "comment",
        "aliases",
        "subject",
        "detail",
    }
)
#: Columns shown on one line even when long: the review sheet's title repeats the
#: document's on every claim, its first words are enough to tell documents apart.
REVIEW_ONE_LINE = frozenset({"title"})
#: How booleans show: LibreOffice displays a boolean cell without this as 0 / 1 (Excel
#: ignores number formats on booleans and shows VRAI / FAUX in a French locale).
BOOL_FORMAT = '"VRAI";"VRAI";"FAUX"'
#: The verdict drop-down (free text is allowed too): French, like the analysts' sheets.
VERDICTS = [
    "juste",
    "mauvaise source",
    "mauvais contenu",
    "mauvaise certitude",
    "pas une affirmation",
    "à vérifier",
]
MAX_WIDTH = 40
MIN_WIDTH = 6
WIDTH_SAMPLE = 2000  # rows looked at to size a column
WRAP_FILL = 0.85  # share of a column's nominal width that wrapped text fills
LINE_HEIGHT = 15  # points per line of 11-point text
MAX_ROW_HEIGHT = 409  # Excel's limit


def _number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def column_width(name: str, rows: list[dict[str, str]], fixed: dict[str, int]) -> float:
    """A width (in characters) that fits the header and most values."""
    if name in fixed:
        return fixed[name]
    longest = max((len(r.get(name) or "") for r in rows[:WIDTH_SAMPLE]), default=0)
    return max(MIN_WIDTH, min(MAX_WIDTH, max(longest, len(name) + 2) + 1))


def row_height(row: dict, widths: dict[str, float], wrapped=WRAPPED_COLUMNS) -> float | None:
    """Points for a row whose wrapped cells need more than one line; None for one line.

    >>> row_height({"text": "mot " * 30}, {"text": 60})
    45
    """
    lines = 1
    for column, width in widths.items():
        value = row.get(column) or ""
        if column in wrapped and value:
            # a proportional font fits fewer letters than the width's nominal count
            per_line = max(int(width * WRAP_FILL), 1)
            n = sum(max(len(textwrap.wrap(p, per_line)), 1) for p in value.split("\n"))
            lines = max(lines, n)
    return min(MAX_ROW_HEIGHT, LINE_HEIGHT * lines) if lines > 1 else None


def setup_print(sheet) -> None:
    """A4 landscape, one page wide, header row on every page, page numbers."""
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.fit_to_pages(1, 0)  # as many pages down as needed
    sheet.repeat_rows(0)
    sheet.set_footer("&L&A&RPage &P / &N")


def write_sheet(
    book,
    formats: dict,
    name: str,
    columns: list[str],
    rows: list[dict],
    fixed: dict[str, int] = FIXED_WIDTHS,
    one_line: frozenset[str] = frozenset(),
) -> None:
    """One sheet: bold frozen header with an autofilter, typed cells, sized columns,
    rows tall enough for their wrapped text, set up for printing."""
    sheet = book.add_worksheet(name)
    widths = {c: column_width(c, rows, fixed) for c in columns}
    wrapped = WRAPPED_COLUMNS - one_line
    for col, column in enumerate(columns):
        sheet.set_column(col, col, widths[column])
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
    setup_print(sheet)
    for col, column in enumerate(columns):
        header = "header_n" if kind(column) in (Kind.INT, Kind.FLOAT) else "header"
        sheet.write_string(0, col, column, formats[header])
    for r, row in enumerate(rows, 1):
        height = row_height(row, widths, wrapped)
        if height:
            sheet.set_row(r, height)
        for col, column in enumerate(columns):
            write_cell(sheet, r, col, column, row.get(column), formats, column in wrapped)
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


def write_cell(sheet, row: int, col: int, column: str, value, formats: dict, wrap: bool) -> None:
    """A number as a number, ``true``/``false`` as a boolean, text as text."""
    if value is None or value == "":
        return
    k = kind(column)
    if k in (Kind.INT, Kind.FLOAT):
        try:
            sheet.write_number(row, col, _number(value), formats["number"])
            return
        except ValueError:
            pass  # not a number after all: keep the text rather than lose it
    if k is Kind.BOOL and parse_bool(value) is not None:
        sheet.write_boolean(row, col, parse_bool(value), formats["bool"])
        return
    sheet.write_string(row, col, value, formats["wrap" if wrap else "top"])


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
                "title": titles.get(c["doc_id"], "") or c["doc_id"],
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
    tables = {name: load_table(out_dir, name) for name in TABLE_SHEETS}
    rows = {name: t[1] for name, t in tables.items()}
    has_comparisons = has_table(out_dir, "comparisons")

    def write(tmp: Path) -> None:
        options = {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        }
        header = {"bold": True, "bg_color": "#E8ECF1", "bottom": 1, "valign": "top"}
        with xlsxwriter.Workbook(str(tmp), options) as book:
            formats = {
                "header": book.add_format(header | {"align": "left", "indent": 1}),
                "header_n": book.add_format(header | {"align": "right"}),
                # indented: text after a right-aligned number does not run into it
                "wrap": book.add_format(
                    {"text_wrap": True, "valign": "top", "align": "left", "indent": 1}
                ),
                "top": book.add_format({"valign": "top", "align": "left", "indent": 1}),
                "number": book.add_format({"valign": "top"}),
                "bool": book.add_format(
                    {"valign": "top", "align": "center", "num_format": BOOL_FORMAT}
                ),
            }
            review = review_rows(rows)
            write_sheet(
                book, formats, "review", REVIEW_COLUMNS, review, REVIEW_WIDTHS, REVIEW_ONE_LINE
            )
            if has_comparisons:
                columns, comparisons = load_table(out_dir, "comparisons")
                write_sheet(book, formats, "comparisons", columns, comparisons)
            for name in TABLE_SHEETS:
                columns, table = tables[name]
                write_sheet(book, formats, name, columns, table)

    replace_atomically(path, write)
    return path
