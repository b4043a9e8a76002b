"""Parquet output (``claimtrace run --format parquet``): each table as a Parquet file,
for corpora too big for a spreadsheet.

The tables are first written as CSV by the usual writer (so the rows are exactly the
CSV ones), then streamed into Parquet batch by batch with pyarrow: memory stays flat.
Counts and offsets become integers, ``value``/``value_max`` floats, ``approx`` and
``negated`` booleans, every other column text; an empty cell is null in typed columns
and ``""`` in text ones.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.atomic import replace_file

INT_COLUMNS = frozenset(
    ["sent_id", "start", "end", "n_sentences", "n_entities", "n_figures", "n_claims", "n_docs"]
)
FLOAT_COLUMNS = frozenset({"value", "value_max"})
BOOL_COLUMNS = frozenset({"approx", "negated"})


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


def csv_to_parquet(csv_path: Path, parquet_path: Path) -> None:
    """Convert one table; the Parquet file appears only when complete."""
    _require_pyarrow()
    import pyarrow as pa
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    with open(csv_path, encoding="utf-8") as f:
        header = next(iter(f), "").rstrip("\n").split(",")

    def arrow_type(col: str) -> pa.DataType:
        if col in INT_COLUMNS:
            return pa.int64()
        if col in FLOAT_COLUMNS:
            return pa.float64()
        if col in BOOL_COLUMNS:
            return pa.bool_()
        return pa.string()

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
                writer.write_table(pa.Table.from_batches([batch], schema=schema))

    replace_file(parquet_path, write)
