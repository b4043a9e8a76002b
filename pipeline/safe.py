"""Safe cells: formula-injection neutralisation for the CSV files.

A spreadsheet treats a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some
programs, a tab or carriage return, a full-width ``＝``, or spaces before any of them)
as a formula: an article or a file named ``=HYPERLINK("http://evil","clic")`` would
become a live link, or worse, when an analyst opens the tables (OWASP "CSV injection").
:func:`neutralise` prefixes such a cell with a ``'``, which spreadsheets show as text and
never evaluate.

Every column is guarded, IDs included: a ``doc_id`` taken from a file name is written the
same way in every table, so joins still work. A cell that is a plain number (``-3``,
``+2,5``) is left as it is. The guard belongs to the CSV files only, where a spreadsheet
evaluates text: :func:`restore` undoes it exactly (a cell that itself starts with ``'``
gets a second one), so the workbook, the review page, ``show`` and Parquet, which read
the CSV back, hold the article's text unchanged.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from typing import IO, Any

#: Characters that make a spreadsheet read a cell as a formula (OWASP list), with their
#: full-width forms, which some spreadsheets also take for formula signs.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
GUARD = "'"

_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def is_number(text: str) -> bool:
    """True for a plain decimal number, as spreadsheets would read it.

    >>> is_number("-3"), is_number("+2,5"), is_number("-3 soldats"), is_number("=1+1")
    (True, True, False, False)
    """
    return bool(_NUMBER.fullmatch(text))


def needs_guard(text: str) -> bool:
    """True when a spreadsheet could evaluate ``text`` (or it starts with the guard).

    >>> [needs_guard(t) for t in ("=1+1", "  =1", "\uff1d1", "-il", "-1+cmd", "-3", "KCNA")]
    [True, True, True, True, True, False, False]
    """
    if not text:
        return False
    if text.startswith(FORMULA_TRIGGERS):
        return not is_number(text)
    if text.startswith(GUARD):
        return True  # doubled, so that restore() gives it back exactly
    stripped = text.lstrip()  # spaces before a trigger
    return stripped != text and stripped.startswith(FORMULA_TRIGGERS) and not is_number(stripped)


def neutralise(text: str) -> str:
    """``text`` made inert for spreadsheets: a ``'`` before a leading formula trigger.

    >>> neutralise('=HYPERLINK("http://x","y")')
    '\\'=HYPERLINK("http://x","y")'
    >>> neutralise("-3"), neutralise("- 3 morts"), neutralise("KCNA")
    ('-3', "'- 3 morts", 'KCNA')
    """
    return GUARD + text if needs_guard(text) else text


def restore(text: str) -> str:
    """The cell as the article wrote it: :func:`neutralise` undone.

    >>> restore("'=1+1"), restore("''tis"), restore("KCNA")
    ('=1+1', "'tis", 'KCNA')
    """
    return text[1:] if text.startswith(GUARD) else text


def safe_cell(value: Any) -> Any:
    """The value to write in a CSV cell: text neutralised, everything else as is."""
    return neutralise(value) if isinstance(value, str) else value


def safe_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``row`` with every text cell neutralised."""
    return {k: safe_cell(v) for k, v in row.items()}


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
