"""Safe cells: formula-injection neutralisation for every table writer (CSV and XLSX).

A spreadsheet treats a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some
programs, a tab or carriage return) as a formula: an article containing
``=HYPERLINK("http://evil","clic")`` would become a live link, or worse, when an analyst
opens the tables (OWASP "CSV injection"). :func:`neutralise` prefixes such text with a
``'``, which spreadsheets show as text and never evaluate.

Only free-text columns are touched. Numeric columns, booleans and IDs are join keys or
values that scripts read back, so they are left exactly as the contract writes them, and
a text cell that is itself a plain number (``-3``, ``+2,5``) stays unchanged too.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from typing import IO, Any

#: Characters that make a spreadsheet read a cell as a formula (OWASP list).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

#: Columns holding numbers: written as numbers in the workbook, never neutralised.
NUMERIC_COLUMNS = frozenset(
    [
        "sent_id",
        "start",
        "end",
        "value",
        "value_max",
        "n_sentences",
        "n_entities",
        "n_figures",
        "n_claims",
        "n_docs",
    ]
)
#: Columns holding ``true``/``false``.
BOOL_COLUMNS = frozenset({"approx", "negated"})
#: Identifiers and hashes: join keys between tables, never rewritten.
ID_COLUMNS = frozenset(
    ["doc_id", "mention_id", "figure_id", "claim_id", "entity_id", "source_id", "sha256"]
)
#: Columns that are never neutralised (the rest is free text from the articles).
UNTOUCHED_COLUMNS = NUMERIC_COLUMNS | BOOL_COLUMNS | ID_COLUMNS

_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def is_number(text: str) -> bool:
    """True for a plain decimal number, as spreadsheets would read it.

    >>> is_number("-3"), is_number("+2,5"), is_number("-3 soldats"), is_number("=1+1")
    (True, True, False, False)
    """
    return bool(_NUMBER.fullmatch(text))


def neutralise(text: str) -> str:
    """``text`` made inert for spreadsheets: a ``'`` before a leading formula trigger.

    >>> neutralise('=HYPERLINK("http://x","y")')
    '\\'=HYPERLINK("http://x","y")'
    >>> neutralise("-3"), neutralise("- 3 morts"), neutralise("KCNA")
    ('-3', "'- 3 morts", 'KCNA')
    """
    if text and text.startswith(FORMULA_TRIGGERS) and not is_number(text):
        return "'" + text
    return text


def safe_cell(column: str, value: Any) -> Any:
    """The value to write for ``column``: free text neutralised, everything else as is."""
    if column in UNTOUCHED_COLUMNS or not isinstance(value, str):
        return value
    return neutralise(value)


def safe_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``row`` with every free-text cell neutralised."""
    return {k: safe_cell(k, v) for k, v in row.items()}


class SafeDictWriter(csv.DictWriter):
    """:class:`csv.DictWriter` in the contract's dialect (``,``, ``"``, ``\\n``) whose rows
    go through :func:`safe_row`; ``excel=True`` gives the French-spreadsheet variant
    (UTF-8 BOM, ``;`` separator). The BOM is written with the header."""

    def __init__(self, f: IO[str], fieldnames: Iterable[str], excel: bool = False) -> None:
        super().__init__(
            f, fieldnames=list(fieldnames), delimiter=";" if excel else ",", lineterminator="\n"
        )
        self._f = f
        self.excel = excel

    def writeheader(self) -> Any:
        if self.excel:
            self._f.write("\ufeff")
        return super().writeheader()

    def writerow(self, rowdict: Mapping[str, Any]) -> Any:
        return super().writerow(safe_row(rowdict))

    def writerows(self, rowdicts: Iterable[Mapping[str, Any]]) -> None:
        for row in rowdicts:
            self.writerow(row)
