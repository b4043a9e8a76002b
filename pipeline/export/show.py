"""Terminal views: ``claimtrace show`` (claims or figures of a run, filtered) and
``claimtrace sources`` (the source registry), as rich tables."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table

from pipeline.export import read_table
from pipeline.registry import SourceRegistry

KINDS = ("claims", "figures")
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
}
#: Columns that keep some width even on a narrow terminal.
FOLDED = {"text": 20, "source_name": 10, "cue": 8}


def matches_source(row: dict, wanted: str) -> bool:
    """``wanted`` is a source id (``nis``) or words of its name, any case.

    >>> matches_source({"source_id": "nis", "source_name": "Service national…"}, "NIS")
    True
    >>> matches_source({"source_id": "kcna", "source_name": "KCNA"}, "national")
    False
    """
    w = wanted.strip().lower()
    return row.get("source_id", "").lower() == w or w in row.get("source_name", "").lower()


def select_rows(
    out_dir: Path, kind: str, source: str | None = None, doc: str | None = None
) -> list[dict]:
    """The rows of ``kind`` (claims or figures) for one source and/or one document."""
    if kind not in KINDS:
        raise ValueError(f"--kind must be one of {', '.join(KINDS)}, not {kind!r}")
    rows = read_table(out_dir, kind)
    if source:
        rows = [r for r in rows if matches_source(r, source)]
    if doc:
        rows = [r for r in rows if r["doc_id"] == doc]
    return rows


#: Columns left out below :data:`WIDE` terminal columns, so the text keeps room.
NARROW_DROPS = {
    "claims": frozenset({"attribution", "cue"}),
    "figures": frozenset({"unit", "category", "claim_id"}),
}
WIDE = 120


def rows_table(
    kind: str, rows: list[dict], title: str, width: int = WIDE, one_doc: bool = False
) -> Table:
    """``rows`` as a rich table; on a terminal narrower than :data:`WIDE` the secondary
    columns are left out, and ``doc`` too when all rows come from one document."""
    columns = [
        c
        for c in SHOW_COLUMNS[kind]
        if not (width < WIDE and c[0] in NARROW_DROPS[kind]) and not (one_doc and c[0] == "doc_id")
    ]
    table = Table(title=title)
    for column, header, style in columns:
        # every column may fold, so a narrow terminal wraps cells instead of cropping
        table.add_column(header, style=style or None, overflow="fold", min_width=FOLDED.get(column))
    for r in rows:
        table.add_row(*(r.get(column, "") for column, _, _ in columns))
    return table


def registry_table(registry: SourceRegistry) -> Table:
    table = Table(title=f"source registry ({len(registry)} sources)")
    table.add_column("id", style="bold", no_wrap=True)
    table.add_column("name")
    table.add_column("type", style="magenta", no_wrap=True)
    table.add_column("aliases", overflow="fold")
    for src in registry:
        table.add_row(src.id, src.name, src.type, " | ".join(src.aliases))
    return table
