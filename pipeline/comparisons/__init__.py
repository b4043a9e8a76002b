"""Where sources disagree: figures of different sources that measure the same quantity,
within a document and across the run's documents (comparisons.csv, SCHEMA.md).

Each document's figures leave a small :class:`FigureRecord` (their row's values and a
:class:`FigureContext` read from the Doc while it exists); after the last document,
:func:`comparison_rows` groups them.

>>> ctx = FigureContext(measure="manifestant", places=("bruxelles",))
>>> police = FigureRecord(0, "a", 0, "f1", 0, "police", "police", 45000.0, None,
...     "manifestants", "protesters", False, "", "45.000 manifestants", "", ctx)
>>> unions = FigureRecord(0, "a", 1, "f2", 0, "syndicats", "syndicats", 65000.0, None,
...     "manifestants", "protesters", False, "", "65.000", "", ctx)
>>> [(r["group_id"], r["relation"], r["source_id"]) for r in comparison_rows([police, unions])]
[('g1', 'disagree', 'police'), ('g1', 'disagree', 'syndicats')]
"""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.comparisons.context import FigureContext, figure_contexts
from pipeline.comparisons.group import COLUMNS, FigureRecord, same_quantity
from pipeline.comparisons.relations import comparison_groups, comparison_rows

__all__ = [
    "COLUMNS",
    "FigureContext",
    "FigureRecord",
    "comparison_groups",
    "comparison_rows",
    "figure_contexts",
    "figure_records",
    "same_quantity",
]


def _number(text: str) -> float | None:
    try:
        return float(text) if text not in ("", None) else None
    except (TypeError, ValueError):
        return None


def figure_records(
    doc_index: int, document: dict, figures: list[dict], contexts: list[dict]
) -> Iterator[FigureRecord]:
    """The records of one document's figure rows (and their contexts, aligned), those
    that could be compared only: a value and a counted noun."""
    for i, (row, context) in enumerate(zip(figures, contexts, strict=False)):
        value = _number(row["value"])
        if value is None or not context.get("measure"):
            continue
        yield FigureRecord(
            doc_index=doc_index,
            doc_id=row["doc_id"],
            figure_index=i,
            figure_id=row["figure_id"],
            sent_id=int(row["sent_id"]),
            source_id=row["source_id"],
            source_name=row["source_name"],
            value=value,
            value_max=_number(row["value_max"]),
            unit=row["unit"],
            category=row["category"],
            approx=row["approx"] == "true",
            qualifier=row["qualifier"],
            text=row["text"],
            published=document.get("published") or "",
            context=FigureContext.from_record(context),
        )
