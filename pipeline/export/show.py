"""Terminal views: ``claimtrace show`` (claims, figures or comparisons of a run,
filtered) as a rich table, CSV or JSON, and ``claimtrace sources`` (the source registry).

Every value printed through rich is escaped (:func:`rich.markup.escape`): article text
such as «la réforme [des retraites] sera votée [sic]» is shown with its brackets.
"""

from __future__ import annotations

import io
import json
from enum import Enum
from pathlib import Path

from rich.markup import escape
from rich.table import Table

from pipeline.columns import COMPARISONS_COLUMNS, Kind, kind, parse_bool
from pipeline.export import comparison_order, has_table, load_table
from pipeline.registry import SourceRegistry
from pipeline.safe import SafeDictWriter


class ShowKind(str, Enum):
    """The tables ``show`` prints."""

    claims = "claims"
    figures = "figures"
    comparisons = "comparisons"


class ShowFormat(str, Enum):
    """How ``show`` prints: a table for people, CSV for csvkit, JSON for jq."""

    table = "table"
    csv = "csv"
    json = "json"


KINDS = tuple(k.value for k in ShowKind)
#: (column, header, style) shown per kind; text columns fold, the others stay on one line.
SHOW_COLUMNS: dict[str, list[tuple[str, str, str]]] = {
    "claims": [
        ("doc_id", "doc", "cyan"),
        ("claim_id", "claim", "bold"),
        ("source_name", "source", "magenta"),
        ("certainty", "certainty", ""),
        ("attribution", "attribution", ""),
        ("cue", "cue", "italic"),
        ("text", "text", ""),
    ],
    "figures": [
        ("doc_id", "doc", "cyan"),
        ("figure_id", "figure", "bold"),
        ("text", "text", ""),
        ("value", "value", "green"),
        ("unit", "unit", ""),
        ("category", "category", ""),
        ("claim_id", "claim", ""),
        ("source_name", "source", "magenta"),
    ],
    "comparisons": [
        ("group_id", "group", "bold"),
        ("relation", "relation", ""),
        ("subject", "quantity", ""),
        ("source_name", "source", "magenta"),
        ("value", "value", "green"),
        ("value_max", "max", "green"),
        ("text", "text", ""),
        ("doc_id", "doc", "cyan"),
        ("figure_id", "figure", ""),
    ],
}
#: Columns that keep some width even on a narrow terminal.
FOLDED = {"text": 20, "source_name": 10, "cue": 8, "subject": 12}
#: Columns left out below :data:`WIDE` terminal columns, so the text keeps room.
NARROW_DROPS = {
    "claims": frozenset({"attribution", "cue"}),
    "figures": frozenset({"unit", "category", "claim_id"}),
    "comparisons": frozenset({"value_max", "figure_id"}),
}
WIDE = 120


def matches_source(row: dict, wanted: str) -> bool:
    """``wanted`` is a source id (``nis``) or words of its name, any case.

    >>> matches_source({"source_id": "nis", "source_name": "Service national…"}, "NIS")
    True
    >>> matches_source({"source_id": "kcna", "source_name": "KCNA"}, "national")
    False
    """
    w = wanted.strip().lower()
    return row.get("source_id", "").lower() == w or w in row.get("source_name", "").lower()


def select_table(
    out_dir: Path, kind_: str, source: str | None = None, doc: str | None = None
) -> tuple[list[str], list[dict]]:
    """Columns and rows of ``kind_`` for one source and/or one document. A run that wrote
    no ``comparisons.csv`` has no comparisons (an empty table, not an error)."""
    if kind_ not in KINDS:
        raise ValueError(f"--kind must be one of {', '.join(KINDS)}, not {kind_!r}")
    if kind_ == "comparisons" and not has_table(out_dir, kind_):
        if not has_table(out_dir, "documents"):
            load_table(out_dir, "documents")  # raises the folder's OutputError
        return list(COMPARISONS_COLUMNS), []
    columns, rows = load_table(out_dir, kind_)
    if source:
        rows = [r for r in rows if matches_source(r, source)]
    if doc:
        rows = [r for r in rows if r["doc_id"] == doc]
    if kind_ == "comparisons":
        rows.sort(key=comparison_order)  # stable: file order within a group
    return columns, rows


def select_rows(
    out_dir: Path, kind_: str, source: str | None = None, doc: str | None = None
) -> list[dict]:
    """The rows of ``kind_`` (claims, figures or comparisons), filtered."""
    return select_table(out_dir, kind_, source, doc)[1]


def rows_table(
    kind_: str, rows: list[dict], title: str, width: int = WIDE, one_doc: bool = False
) -> Table:
    """``rows`` as a rich table; on a terminal narrower than :data:`WIDE` the secondary
    columns are left out, and ``doc`` too when all rows come from one document."""
    columns = [
        c
        for c in SHOW_COLUMNS[kind_]
        if not (width < WIDE and c[0] in NARROW_DROPS[kind_]) and not (one_doc and c[0] == "doc_id")
    ]
    table = Table(title=escape(title))
    for column, header, style in columns:
        # every column may fold, so a narrow terminal wraps cells instead of cropping
        table.add_column(header, style=style or None, overflow="fold", min_width=FOLDED.get(column))
    for r in rows:
        table.add_row(*(escape(r.get(column, "")) for column, _, _ in columns))
    return table


def rows_csv(columns: list[str], rows: list[dict]) -> str:
    """The rows in the tables' own CSV dialect (formula guard included), for csvkit."""
    buffer = io.StringIO()
    writer = SafeDictWriter(buffer, columns)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def typed(column: str, value: str) -> object:
    """A cell as JSON: numbers as numbers, booleans as booleans, empty as null.

    >>> typed("value", "0.18"), typed("start", "12"), typed("negated", "true"), typed("unit", "")
    (0.18, 12, True, None)
    """
    if value == "":
        return None
    k = kind(column)
    try:
        if k is Kind.INT:
            return int(value)
        if k is Kind.FLOAT:
            return float(value)
    except ValueError:
        return value
    if k is Kind.BOOL:
        return parse_bool(value)
    return value


def rows_json(columns: list[str], rows: list[dict]) -> str:
    """The rows as a JSON array of objects (text exactly as in the article), for jq."""
    records = [{c: typed(c, r.get(c, "")) for c in columns} for r in rows]
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def registry_table(registry: SourceRegistry) -> Table:
    table = Table(title=f"source registry ({len(registry)} sources)")
    table.add_column("id", style="bold", no_wrap=True)
    table.add_column("name")
    table.add_column("type", style="magenta", no_wrap=True)
    table.add_column("aliases", overflow="fold")
    for src in registry:
        table.add_row(*(escape(x) for x in (src.id, src.name, src.type, " | ".join(src.aliases))))
    return table
