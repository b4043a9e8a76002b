"""A small hand-written comparisons.csv (the table of issue 15) for the analyst-output
tests: two groups over the sample article's figures, a disagreement listed after an
agreement in the file, and text that must reach every output unchanged."""

from __future__ import annotations

from pathlib import Path

from pipeline.columns import COMPARISONS_COLUMNS
from pipeline.tables import write_csv

NIS = "Service national de renseignement sud-coréen"
#: Written by hand (not pipeline output): g1 agrees, g2 disagrees, g3 agrees on decimals.
#: One row a line, cells separated by " | ", in COMPARISONS_COLUMNS order.
ROWS = f"""
g1 | agree | kim-obus-2025 | f2 | nis | {NIS} | 15000 |  | soldats | troops | soldats nord-coréens envoyés en Russie | environ 15 000 soldats
g1 | agree | kim-obus-2025 | f4 | kcna | KCNA | 14000 | 16000 | soldats | troops | soldats nord-coréens envoyés en Russie | entre 14 000 et 16 000 militaires
g2 | disagree | kim-obus-2025 | f3 | nis | {NIS} | 5000 |  | soldats | casualties | soldats tués ou blessés [Koursk] | près de 5000 d'entre eux
g2 | disagree | kim-obus-2025 | f5 | washington | Washington | 1200 |  | soldats | casualties | soldats tués ou blessés [Koursk] | =SOMME(1 200) <b>morts</b>
g3 | agree | kim-obus-2025 | f1 | kcna | KCNA | 0.425 |  | % | percent | part des obus livrés | 42,5 % des obus
g3 | agree | kim-obus-2025 | f2 | nis | {NIS} | 0.43 | 0.45 | % | percent | part des obus livrés | 43 à 45 %
"""  # noqa: E501
COMPARISONS = [line.split(" | ") for line in ROWS.strip().splitlines()]


def write_comparisons(out_dir: Path) -> list[dict]:
    """Write ``out_dir/comparisons.csv`` through the tables' writer; returns the rows."""
    rows = [dict(zip(COMPARISONS_COLUMNS, r, strict=True)) for r in COMPARISONS]
    write_csv(Path(out_dir) / "comparisons.csv", COMPARISONS_COLUMNS, rows)
    return rows
