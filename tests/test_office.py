"""The spreadsheet outputs in a real spreadsheet: LibreOffice Calc, headless, in a French
locale. The ``--excel`` CSV must arrive with numbers as numbers and booleans as booleans,
the workbook must print landscape, each sheet one page wide.

Needs ``soffice`` (Debian: ``apt-get install libreoffice-calc``) and ``pdftotext``
(``poppler-utils``); .ci/run installs both and sets CLAIMTRACE_REQUIRE_OFFICE, so that
in CI a missing program is a failure, not a skip.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.columns import Kind, kind
from pipeline.export import read_columns, read_table
from pipeline.export.workbook import REVIEW_COLUMNS, write_workbook

from .comparisons_fixture import write_comparisons

runner = CliRunner()
INSTALL_HINT = (
    "{program} not found: the LibreOffice tests need it. Install it with `apt-get install -y "
    "libreoffice-calc poppler-utils` (Debian/Ubuntu; .ci/run does this) and rerun."
)
#: The CSV import filter's options: separator `;` (59), quote `"` (34), UTF-8 (76), from
#: line 1, default column types, French locale (1036), quoted fields not forced to text,
#: and "detect special numbers", which is what makes VRAI/FAUX booleans.
CSV_FILTER = "CSV:59,34,76,1,,1036,false,{special}"
NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
}


def _program(*names: str) -> str:
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    hint = INSTALL_HINT.format(program=names[0])
    # CI installs LibreOffice and sets this: there a missing program is a failure
    if os.environ.get("CLAIMTRACE_REQUIRE_OFFICE") or os.environ.get("CI") == "true":
        pytest.fail(hint)
    pytest.skip(hint)


@pytest.fixture(scope="module")
def soffice(tmp_path_factory):
    """A function running LibreOffice headless with a fresh profile of its own (a shared
    or half-made profile is what makes headless runs hang or fail)."""
    binary = _program("soffice", "libreoffice")
    profile = tmp_path_factory.mktemp("lo-profile")

    def run(args: list[str], outdir: Path) -> None:
        cmd = [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore"]
        result = subprocess.run(
            [*cmd, *args, "--outdir", str(outdir)], capture_output=True, text=True, timeout=240
        )
        assert result.returncode == 0, result.stdout + result.stderr

    return run


@pytest.fixture(scope="module")
def compared_out(sample_out, tmp_path_factory):
    out = tmp_path_factory.mktemp("office-out")
    shutil.copytree(sample_out, out, dirs_exist_ok=True)
    write_comparisons(out)
    result = runner.invoke(app, ["export", str(out), "--excel", "--xlsx"])
    assert result.exit_code == 0, result.output
    return out


def ods_rows(path: Path) -> list[list[tuple[str, str]]]:
    """The first sheet of an .ods file: per row, per cell, (value type, value)."""
    with zipfile.ZipFile(path) as z:
        root = ElementTree.fromstring(z.read("content.xml"))
    office, table = (f"{{{NS[k]}}}" for k in ("office", "table"))
    rows = []
    for row in root.iterfind(".//table:table-row", NS):
        cells = []
        for cell in row.iterfind("table:table-cell", NS):
            repeat = int(cell.get(f"{table}number-columns-repeated", "1"))
            vtype = cell.get(f"{office}value-type", "")
            value = (
                cell.get(f"{office}value")
                or cell.get(f"{office}boolean-value")
                or "".join(cell.itertext())
            )
            cells.extend([(vtype, value)] * min(repeat, 100))
        rows.append(cells)
    return rows


def _convert_csv(soffice, folder: Path, names: list[str], dest: Path, special: bool) -> None:
    files = [str(folder / f"{n}.csv") for n in names]
    flt = CSV_FILTER.format(special=str(special).lower())
    soffice([f"--infilter={flt}", "--convert-to", "ods", *files], dest)


def test_excel_csv_types_in_libreoffice_french_locale(soffice, compared_out, tmp_path):
    excel = compared_out / "excel"
    names = ["documents", "claims", "figures", "comparisons"]
    _convert_csv(soffice, excel, names, tmp_path, special=True)
    n_decimals = 0
    for name in names:
        rows = ods_rows(tmp_path / f"{name}.ods")
        header = [v for _, v in rows[0] if v]
        assert header == read_columns(compared_out, name), name
        expected = read_table(compared_out, name)
        assert len([r for r in rows[1:] if any(v for _, v in r)]) == len(expected), name
        for cells, want in zip(rows[1:], expected, strict=False):
            for column, (vtype, value) in zip(header, cells, strict=False):
                if want[column] == "":
                    continue
                k = kind(column)
                if k in (Kind.INT, Kind.FLOAT):
                    assert vtype == "float", (name, column, want[column], vtype, value)
                    assert float(value) == float(want[column]), (name, column)
                    n_decimals += not float(want[column]).is_integer()
                elif k is Kind.BOOL:
                    assert (vtype, value) == ("boolean", want[column]), (name, column, value)
                elif column == "text":
                    assert vtype == "string", (name, column, value)
    assert n_decimals >= 3  # 0.425, 0.43, 0.45 in the comparisons came in as numbers
    # the formula in the comparisons stays inert text
    texts = [c[1] for r in ods_rows(tmp_path / "comparisons.ods") for c in r]
    assert "'=SOMME(1 200) <b>morts</b>" in texts


def test_excel_csv_numbers_are_numbers_with_default_import_options(soffice, compared_out, tmp_path):
    _convert_csv(soffice, compared_out / "excel", ["comparisons"], tmp_path, special=False)
    rows = ods_rows(tmp_path / "comparisons.ods")
    header = [v for _, v in rows[0] if v]
    values = [r[header.index("value")] for r in rows[1:] if r and r[0][1]]
    assert values and all(t == "float" for t, _ in values), values
    assert ("float", "0.425") in values


def _pdf_pages(pdf: Path) -> list[tuple[float, float]]:
    """(width, height) of every page, from the PDF's page objects."""
    data = pdf.read_bytes()
    boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    return [(float(x1) - float(x0), float(y1) - float(y0)) for x0, y0, x1, y1 in boxes]


def test_workbook_prints_landscape_each_sheet_one_page_wide(soffice, compared_out, tmp_path):
    pdftotext = _program("pdftotext")
    book = write_workbook(compared_out, tmp_path / "claims.xlsx")
    soffice(["--convert-to", "pdf", str(book)], tmp_path)
    pdf = tmp_path / "claims.pdf"
    pages = _pdf_pages(pdf)
    assert pages and all(w > h for w, h in pages), pages  # landscape
    assert all(abs(w - 841.9) < 2 for w, _ in pages), pages  # A4
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    sheets = text.split("\f")
    # one page wide: each sheet's first page shows its first and its last column
    first_pages = {}
    for page in sheets:
        footer = re.search(r"^\s*(\w+)\s+Page (\d+) / \d+\s*$", page, re.M)
        if footer:
            first_pages.setdefault(footer.group(1), page)
    lasts = {"review": REVIEW_COLUMNS[-1], "comparisons": "text", "sources": "n_figures"}
    for name in ("review", "comparisons", "documents", "claims", "figures", "sources"):
        page = first_pages.get(name)
        assert page, f"no page with the footer of sheet {name}"
        columns = REVIEW_COLUMNS if name == "review" else read_columns(compared_out, name)
        assert columns[0] in page and lasts.get(name, columns[-1]) in page, name


def test_a_missing_spreadsheet_program_fails_in_ci(monkeypatch):
    monkeypatch.setenv("CLAIMTRACE_REQUIRE_OFFICE", "1")
    with pytest.raises(pytest.fail.Exception, match="libreoffice-calc"):
        _program("claimtrace-no-such-soffice")
    monkeypatch.delenv("CLAIMTRACE_REQUIRE_OFFICE")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        _program("claimtrace-no-such-soffice")
