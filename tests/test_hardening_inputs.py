"""Hostile and unlucky inputs (issue 13): each costs at most its own file, with one line
and one errors.csv row, and never the rest of the batch. Inputs are generated here.

One CLI run over a corpus holding every case is shared by most tests (module fixture).
"""

from __future__ import annotations

import csv
import json
import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.chunks import CHUNK_CHARS, chunk_bounds, split_article
from pipeline.cli import app
from pipeline.formats import extract_html, jsonl_records
from pipeline.read import make_article
from pipeline.registry import RegistryError, SourceRegistry

runner = CliRunner()

PHRASE = (
    "Le maire a déclaré lundi que {n} familles seraient relogées avant l'hiver. "
    "Selon la préfecture, près de 40 logements restent vides.\n"
)
LATIN1_NAME = os.fsdecode(b"\xe9t\xe9.txt")  # "été.txt" written by an old Latin-1 system
DEEP_JSON = "[" * 100_000 + "]" * 100_000


def text(n: int) -> str:
    return PHRASE.format(n=n)


def rows(out: Path, name: str) -> list[dict]:
    with open(out / f"{name}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def build(corpus: Path) -> None:
    (corpus / "x").mkdir(parents=True)
    (corpus / LATIN1_NAME).write_text(text(1), encoding="utf-8")
    (corpus / "a.txt").write_text(text(2), encoding="utf-8")
    (corpus / "une\nligne.txt").write_text(text(10), encoding="utf-8")
    (corpus / "notes\nbrouillon.pdf").write_bytes(b"%PDF-1.4 rien")
    (corpus / "a.md").write_text(text(3), encoding="utf-8")
    (corpus / "x" / "y.txt").write_text(text(4), encoding="utf-8")
    lines = [
        json.dumps({"id": "y", "text": text(5)}, ensure_ascii=False),
        DEEP_JSON,
        # a scraper cut an emoji in two: lone surrogates in id, title, url and text; a NUL
        '{"id": "z\\ud83d", "title": "Titre \\ud83d\\u0000", "url": "https://x.example/\\ude00", '
        f'"text": {json.dumps(text(6).strip())[:-1]} \\ud83d"}}',
        json.dumps({"id": "after", "text": text(7)}, ensure_ascii=False),
    ]
    (corpus / "x.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (corpus / "dead.txt").symlink_to(corpus / "nowhere.txt")
    os.mkfifo(corpus / "pipe.txt")  # reading it would block the run for ever
    page = "<html><body>" + "<div>" * 300 + f"<p>{text(8)}</p>" + "</div>" * 300 + "</body></html>"
    (corpus / "deep.html").write_text(page, encoding="utf-8")
    # an older claimtrace output folder kept inside the corpus
    (corpus / "old-run").mkdir()
    (corpus / "old-run" / "claimtrace-run.json").write_text('{"format": "csv"}\n')
    (corpus / "old-run" / "texts.txt").write_text(text(9), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, nlp):
    corpus = tmp_path_factory.mktemp("hostile")
    build(corpus)
    out = corpus / "out"  # --out inside the corpus
    first = runner.invoke(app, ["run", str(corpus), "--out", str(out)])
    return corpus, out, first


def test_the_run_goes_through_with_exit_0(hostile):
    _, out, result = hostile
    assert result.exit_code == 0, result.output
    assert (out / "report.html").exists()


def test_a_non_utf8_file_name_is_processed_and_shown_escaped(hostile):
    _, out, result = hostile
    (doc,) = [d for d in rows(out, "documents") if "xe9" in d["doc_id"]]
    assert doc["doc_id"] == "\\xe9t\\xe9"
    assert doc["path"].endswith("/\\xe9t\\xe9.txt")
    assert int(doc["n_claims"]) >= 1


def test_a_newline_in_a_file_name_keeps_every_message_on_one_line(hostile):
    _, out, result = hostile
    assert "une\\x0aligne" in {d["doc_id"] for d in rows(out, "documents")}
    (line,) = [line for line in result.stderr.splitlines() if "brouillon" in line]
    assert line.startswith("skipped") and "notes\\x0abrouillon.pdf" in line


def test_the_corpus_folder_as_its_own_output_folder(tmp_path, nlp):
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(2):
        (corpus / f"d{i}.txt").write_text(text(i), encoding="utf-8")
    for _ in range(2):  # the second run must not read the first one's outputs
        result = runner.invoke(app, ["run", str(corpus), "--out", str(corpus), "--xlsx"])
        assert result.exit_code == 0, result.output
        assert [d["doc_id"] for d in rows(corpus, "documents")] == ["d0", "d1"]
        assert rows(corpus, "errors") == []


def test_lone_surrogates_become_u_fffd_and_are_noted(hostile):
    _, out, result = hostile
    docs = {d["doc_id"]: d for d in rows(out, "documents")}
    doc = docs["x/z\ufffd"]
    assert doc["title"] == "Titre \ufffd\ufffd" and doc["url"] == "https://x.example/\ufffd"
    (note,) = [r for r in rows(out, "errors") if r["error"] == "replaced_bytes"]
    assert note["path"].endswith("x.jsonl:3") and "5 lone surrogate" in note["detail"]
    assert "x/after" in docs  # the lines after it went through


def test_a_jsonl_line_nested_100000_levels_costs_only_that_line(hostile):
    _, out, _ = hostile
    (bad,) = [r for r in rows(out, "errors") if r["error"] == "bad_json_line"]
    assert bad["path"].endswith("x.jsonl:2") and "nested too deeply" in bad["detail"]
    ids = [r.id if not isinstance(r, tuple) else r[1].kind for r in jsonl_records(f"{DEEP_JSON}\n")]
    assert ids == ["bad_json_line"]


def test_two_inputs_with_one_doc_id_get_unique_ids_and_a_warning(hostile):
    _, out, result = hostile
    ids = [d["doc_id"] for d in rows(out, "documents")]
    assert len(ids) == len(set(ids))
    # a.txt + a.md keep their extensions; x.jsonl's record "y" comes after x/y.txt
    assert {"a.md", "a.txt", "x/y", "x.jsonl/y"} <= set(ids)
    (clash,) = [r for r in rows(out, "errors") if r["error"] == "duplicate_id"]
    assert clash["path"].endswith("x.jsonl:1") and '"x.jsonl/y"' in clash["detail"]
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "a.md" in page and "a.txt" in page and "x.jsonl/y" in page


def test_broken_link_and_pipe_are_reported(hostile):
    _, out, result = hostile
    errors = {Path(r["path"]).name: r for r in rows(out, "errors")}
    assert errors["dead.txt"]["error"] == "unreadable"
    assert "broken symbolic link" in errors["dead.txt"]["detail"]
    assert errors["pipe.txt"]["error"] == "unsupported"
    lines = [line for line in result.stderr.splitlines() if "dead.txt" in line]
    assert len(lines) == 1 and lines[0].startswith("skipped")


def test_html_nested_300_levels_keeps_its_text(hostile):
    _, out, _ = hostile
    (doc,) = [d for d in rows(out, "documents") if d["doc_id"] == "deep"]
    assert int(doc["n_claims"]) >= 1
    for depth in (300, 5000, 100_000):
        page = "<html><body>" + "<div>" * depth + f"<p>{text(1)}</p>" + "</div>" * depth
        started = time.perf_counter()
        assert "familles seraient relogées" in extract_html(page).text
        assert time.perf_counter() - started < 20  # ~3 s here; not quadratic in the depth


def test_output_folders_inside_the_corpus_are_never_read_back(hostile, tmp_path):
    corpus, out, first = hostile
    second = runner.invoke(app, ["run", str(corpus), "--out", str(out)])
    assert second.exit_code == 0, second.output
    ids = {d["doc_id"] for d in rows(out, "documents")}
    assert not any(i.startswith(("out/", "old-run/")) for i in ids)
    (old,) = [r for r in rows(out, "errors") if r["path"].endswith("old-run")]
    assert old["error"] == "unsupported" and "claimtrace output folder" in old["detail"]


# --- --sources as spreadsheets save it -------------------------------------------------

REGISTRY = "id;name;type;aliases\nprefecture_nord;Préfecture du Nord;government;la préfecture\n"


@pytest.mark.parametrize(
    "data",
    [
        REGISTRY.encode("cp1252"),  # Excel fr-FR "CSV (séparateur: point-virgule)"
        ("\ufeff" + REGISTRY.replace(";", "\t")).encode("utf-16-le"),  # "Texte Unicode"
        REGISTRY.replace(";", ",").encode("utf-8"),
    ],
    ids=["cp1252-semicolon", "utf16-tab", "utf8-comma"],
)
def test_sources_saved_by_a_spreadsheet_are_read(tmp_path, data):
    path = tmp_path / "mes_sources.csv"
    path.write_bytes(data)
    source = SourceRegistry.load([path]).get("prefecture_nord")
    assert source is not None and source.name == "Préfecture du Nord"


def test_binary_sources_file_is_one_line_and_exit_2(tmp_path):
    path = tmp_path / "mes_sources.csv"
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)))  # an .xlsx renamed .csv
    with pytest.raises(RegistryError, match=r"mes_sources.csv:1: not a CSV text file"):
        SourceRegistry.load([path])
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text(text(1), encoding="utf-8")
    result = runner.invoke(
        app, ["run", str(tmp_path / "c"), "--out", str(tmp_path / "o"), "--sources", str(path)]
    )
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "mes_sources.csv:1" in result.stderr


# --- chunks: cut between sentences, linear time -----------------------------------------


def test_a_one_megabyte_line_is_cut_at_sentence_ends_in_linear_time():
    line = "".join(
        f"Le comité a versé {i} 500 euros à M. Durand, a indiqué la mairie. " for i in range(15_000)
    )
    assert "\n" not in line and len(line) > 1_000_000
    started = time.perf_counter()
    bounds = chunk_bounds(line)
    assert time.perf_counter() - started < 2.0
    assert len(bounds) > len(line) // CHUNK_CHARS
    for _, end in bounds[:-1]:
        assert line[end - 2 : end] == ". " and line[end] == "L"  # after "…la mairie. "
    article = make_article("long", line)
    assert "".join(a.text for a in split_article(article)) == line


def test_a_cut_without_sentence_end_never_splits_a_number():
    line = "".join(f"rue {i} montant 15 000 300 " for i in range(20_000))  # no sentence end
    for _, end in chunk_bounds(line)[:-1]:
        assert not (line[end - 2].isdigit() and line[end].isdigit()), line[end - 10 : end + 10]
    digits = "7" * 120_000
    assert "".join(digits[s:e] for s, e in chunk_bounds(digits)) == digits


def test_a_file_too_big_for_one_article_is_refused_without_reading_it(tmp_path, monkeypatch):
    from pipeline import read

    monkeypatch.setattr(read, "MAX_CHARS", 1_000)
    big = tmp_path / "dump.txt"
    big.write_text(text(1) * 40, encoding="utf-8")  # > 4 000 bytes

    def never(self):
        raise AssertionError("read_bytes must not be called")

    monkeypatch.setattr(Path, "read_bytes", never)
    ((where, error),) = list(read.read_path(big, tmp_path))
    assert error.kind == "too_long" and "file too big" in str(error)
