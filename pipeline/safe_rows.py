"""The tables' CSV writer: :class:`~pipeline.safe.SafeDictWriter` with a fast path for
rows that hold exactly its columns (every row of a table), which is most of what a run
spends writing: values taken in column order, and the formula guard asked only of a
cell that does not start with a letter or a digit (which never needs it)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pipeline.safe import SafeDictWriter, neutralise


class SafeRowWriter(SafeDictWriter):
    """A :class:`~pipeline.safe.SafeDictWriter` (same dialect, same cells); a row with
    another set of keys goes the :class:`csv.DictWriter` way (missing keys empty, extra
    keys refused)."""

    def writerow(self, rowdict: Mapping[str, Any]) -> Any:
        cells = self._cells(rowdict)
        return super().writerow(rowdict) if cells is None else self.writer.writerow(cells)

    def writerows(self, rowdicts: Iterable[Mapping[str, Any]]) -> None:
        # rows in runs handed to the C writer at once, in their order
        run: list[list] = []
        for row in rowdicts:
            cells = self._cells(row)
            if cells is not None:
                run.append(cells)
                continue
            self.writer.writerows(run)
            run = []
            super().writerow(row)
        self.writer.writerows(run)

    def _cells(self, rowdict: Mapping[str, Any]) -> list | None:
        """The row's cells in column order, guarded; None for a row whose keys are not
        exactly the columns."""
        columns = self.fieldnames
        if len(rowdict) != len(columns):
            return None
        try:
            values = [rowdict[c] for c in columns]
        except KeyError:
            return None
        # pipeline.safe.safe_cell, but a text starting with a letter or a digit (no
        # formula sign, no guard, no space before one) is kept unasked
        return [
            neutralise(v) if isinstance(v, str) and v and not v[0].isalnum() else v for v in values
        ]
