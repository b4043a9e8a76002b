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
        columns = self.fieldnames
        if len(rowdict) == len(columns):
            try:
                values = [rowdict[c] for c in columns]
            except KeyError:
                pass
            else:
                # pipeline.safe.safe_cell, but a text starting with a letter or a digit
                # (no formula sign, no guard, no space before one) is kept unasked
                cells = [
                    neutralise(v) if isinstance(v, str) and v and not v[0].isalnum() else v
                    for v in values
                ]
                return self.writer.writerow(cells)
        return super().writerow(rowdict)

    def writerows(self, rowdicts: Iterable[Mapping[str, Any]]) -> None:
        for row in rowdicts:
            self.writerow(row)
