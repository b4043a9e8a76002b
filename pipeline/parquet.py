"""Parquet output (``claimtrace run --format parquet``): each table as a Parquet file,
for corpora too big for a spreadsheet.

The tables are first written as CSV by the usual writer (so the rows are exactly the
CSV ones), then streamed into Parquet batch by batch with pyarrow: memory stays flat.
Column types come from :mod:`pipeline.columns`: counts and offsets are integers,
``value``/``value_max`` floats, ``approx`` and ``negated`` booleans, every other column
text; an empty cell is null in typed columns and ``""`` in text ones. Parquet is no
spreadsheet: the CSV's formula guard is taken off (:func:`pipeline.safe.restore`), so
text is stored as the article wrote it.
"""

from __future__ import annotations

import csv
from pathlib import Path

from pipeline.atomic import replace_file
from pipeline.columns import Kind, kind
from pipeline.safe import GUARD


def _require_pyarrow():
    try:
        import pyarrow  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError(
            "--format parquet needs pyarrow: pip install 'claimtrace[parquet]'"
        ) from exc


def check_available() -> None:
    """Raise ``RuntimeError`` with the install hint when pyarrow is missing."""
    _require_pyarrow()


def arrow_type(column: str):
    """The pyarrow type of ``column``."""
    import pyarrow as pa

    return {Kind.INT: pa.int64(), Kind.FLOAT: pa.float64(), Kind.BOOL: pa.bool_()}.get(
        kind(column), pa.string()
    )


def _unguarded(batch):
    """``batch`` with the CSV's formula guard taken off every text column."""
    import pyarrow as pa
    import pyarrow.compute as pc

    columns = []
    for field, array in zip(batch.schema, batch.columns, strict=True):
        if pa.types.is_string(field.type):
            guarded = pc.starts_with(array, GUARD)
            array = pc.if_else(guarded, pc.utf8_slice_codeunits(array, 1), array)
        columns.append(array)
    return pa.RecordBatch.from_arrays(columns, schema=batch.schema)


def csv_to_parquet(csv_path: Path, parquet_path: Path) -> None:
    """Convert one table; the Parquet file appears only when complete."""
    _require_pyarrow()
    import pyarrow as pa
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    with open(csv_path, encoding="utf-8", newline="") as f:
        header = next(csv.reader(f), [])
    schema = pa.schema([(c, arrow_type(c)) for c in header])
    convert = pcsv.ConvertOptions(
        column_types={c: schema.field(c).type for c in header},
        strings_can_be_null=False,
        true_values=["true"],
        false_values=["false"],
    )
    read = pcsv.ReadOptions(block_size=1 << 22)

    def write(tmp: Path) -> None:
        reader = pcsv.open_csv(csv_path, read_options=read, convert_options=convert)
        with pq.ParquetWriter(tmp, schema) as writer:
            for batch in reader:
                writer.write_table(pa.Table.from_batches([_unguarded(batch)], schema=schema))

    replace_file(parquet_path, write)
