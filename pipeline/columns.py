"""The tables' columns and what each holds: the one definition read by the CSV writer
(``pipeline.tables``), Parquet (``pipeline.parquet``), the workbook and the ``--excel``
CSV (``pipeline.export``) and the safe-cell guard (``pipeline.safe``).

Column order is the contract's (../shared/SCHEMA.md); columns after the contract's are
claimtrace's additions. Every column has one :class:`Kind`; a column not listed here
(e.g. a newer table's) is text.
"""

from __future__ import annotations

from enum import Enum


def _columns(names: str) -> list[str]:
    return names.split()


#: The five tables every run writes, in the order they are listed everywhere.
COLUMNS: dict[str, list[str]] = {
    # `lang` and `url` are appended after the contract's columns: the language guessed
    # for the text (`fr`, or `en`, `es`… for a foreign text; empty when too short to
    # tell) and the article's address when the input gives one (.html, .jsonl)
    "documents": _columns(
        "doc_id path title section published n_sentences n_entities n_figures n_claims sha256"
        " lang url"
    ),
    "entities": _columns(
        "doc_id mention_id sent_id start end text label entity_id canonical role "
        "claim_id source_id source_name"
    ),
    "figures": _columns(
        "doc_id figure_id sent_id start end text value value_max unit approx qualifier "
        "category claim_id source_id source_name"
    ),
    # `speaker` is appended after the contract's columns: who speaks inside the content
    # of a nested claim ("KCNA a indiqué que Kim a salué…" → Kim)
    "claims": _columns(
        "doc_id claim_id sent_id start end text cue attribution source_text source_id "
        "source_name source_type certainty negated speaker"
    ),
    "sources": _columns("source_id source_name source_type aliases n_docs n_claims n_figures"),
}
#: Every table a run writes: those five, then comparisons.csv (issue 15).
TABLES = (*COLUMNS, "comparisons")
#: Figures of different sources that measure one quantity (issue 15); read by the
#: analyst outputs when a run wrote it.
COMPARISONS_COLUMNS = _columns(
    "group_id relation doc_id figure_id source_id source_name value value_max unit category "
    "subject text"
)
ERROR_COLUMNS = ["path", "error", "detail"]
#: Every table an output folder may hold, in display order.
ALL_TABLES: dict[str, list[str]] = {
    **COLUMNS,
    "comparisons": COMPARISONS_COLUMNS,
    "errors": ERROR_COLUMNS,
}


class Kind(str, Enum):
    """What a column holds, which decides how each format writes it."""

    INT = "int"  # offsets, counts, indexes
    FLOAT = "float"  # measured values
    BOOL = "bool"  # `true` / `false` in the CSV
    ID = "id"  # join keys between tables
    TEXT = "text"  # free text, mostly from the articles


_KINDS: dict[str, Kind] = {
    **dict.fromkeys(
        _columns("sent_id start end n_sentences n_entities n_figures n_claims n_docs"), Kind.INT
    ),
    **dict.fromkeys(("value", "value_max"), Kind.FLOAT),
    **dict.fromkeys(("approx", "negated"), Kind.BOOL),
    **dict.fromkeys(
        _columns("doc_id mention_id figure_id claim_id entity_id source_id group_id sha256"),
        Kind.ID,
    ),
}


def kind(column: str) -> Kind:
    """The kind of ``column`` (any table: one name means one thing everywhere).

    >>> kind("value"), kind("approx"), kind("doc_id"), kind("title")
    (<Kind.FLOAT: 'float'>, <Kind.BOOL: 'bool'>, <Kind.ID: 'id'>, <Kind.TEXT: 'text'>)
    """
    return _KINDS.get(column, Kind.TEXT)


def parse_bool(text: str) -> bool | None:
    """A CSV boolean cell as a bool; None for an empty or unexpected cell."""
    return {"true": True, "false": False}.get(text)
