"""End to end on corpus/: the sample article's key facts, the table contract, stability."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from pipeline.batch import run_corpus
from pipeline.tables import COLUMNS

from .conftest import CORPUS, SHARED


def rows(out, table):
    with open(out / f"{table}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_sample_is_the_gold_text(sample_text):
    gold = SHARED / "eval" / "dev" / "kim-obus-2025.json"
    if not gold.exists():
        pytest.skip("../shared/eval is not beside this checkout")
    import json

    assert sample_text == json.loads(gold.read_text(encoding="utf-8"))["text"]


def test_tables_have_contract_columns(sample_out):
    for table, columns in COLUMNS.items():
        with open(sample_out / f"{table}.csv", encoding="utf-8") as f:
            header = f.readline().rstrip("\n").split(",")
        assert header[: len(columns)] == columns


def test_shared_table_checker_passes(sample_out):
    checker = SHARED / "tools" / "check_tables.py"
    if not checker.exists():
        pytest.skip("../shared/tools/check_tables.py is not beside this checkout")
    result = subprocess.run([sys.executable, str(checker), str(sample_out)], capture_output=True)
    assert result.returncode == 0, result.stdout.decode()


@pytest.mark.parametrize(
    "text",
    ["environ 15 000 soldats", "près de 5000", "environ 15 000 travailleurs", "des milliards"],
)
def test_key_figures_attributed_to_south_korean_intelligence(sample_out, text):
    figs = [r for r in rows(sample_out, "figures") if text in r["text"]]
    assert figs, f"no figure {text!r}"
    assert figs[0]["source_id"] == "nis"
    assert figs[0]["claim_id"]


def test_figure_values(sample_out):
    values = {r["text"]: r["value"] for r in rows(sample_out, "figures")}
    assert values.get("environ 15 000 soldats") == "15000"
    assert values.get("des milliards de dollars") == "1000000000"


def claims_with(out, fragment):
    return [r for r in rows(out, "claims") if fragment in r["text"]]


def test_state_media_report_of_kim_is_kcna(sample_out):
    (claim,) = claims_with(sample_out, "a appelé son industrie des munitions")
    assert claim["source_id"] == "kcna"
    assert claim["source_text"] == "les médias d'État"
    assert claim["cue"] == "ont rapporté"
    assert "Kim Jong-un" in claim["speaker"]


def test_kcna_indicated_claim(sample_out):
    (claim,) = claims_with(sample_out, "avait salué les efforts de modernisation")
    assert claim["source_id"] == "kcna"
    assert claim["cue"] == "a indiqué"


def test_kim_calls_without_outer_reporter_are_his(sample_out):
    own = claims_with(sample_out, "les travailleurs à accélérer davantage")
    assert len(own) == 2  # standfirst and paragraph 3
    assert {c["source_id"] for c in own} == {"kim_jong_un"}
    (later,) = claims_with(sample_out, "au développement de machines plus sophistiquées")
    assert later["source_id"] == "kim_jong_un"  # "Il a également appelé"


def test_washington_and_seoul_get_one_claim_each(sample_out):
    accused = claims_with(sample_out, "la Corée du Nord de fournir à la Russie")
    assert sorted(c["source_name"] for c in accused) == ["Séoul", "Washington"]
    assert len({c["text"] for c in accused}) == 1


def test_later_agence_is_the_intelligence_service(sample_out):
    (claim,) = claims_with(sample_out, "rien n'indique pour l'instant")
    assert claim["source_text"] == "l'agence"
    assert claim["source_id"] == "nis"
    assert claim["negated"] == "true"


def test_caption_and_teaser_give_no_claims(sample_out):
    texts = " ".join(r["text"] for r in rows(sample_out, "claims"))
    assert "filigrane" not in texts
    assert "a testé un nouveau missile" not in texts


def test_documents_row(sample_out):
    (doc,) = rows(sample_out, "documents")
    assert doc["doc_id"] == "kim-obus-2025"
    assert doc["section"] == "International"
    assert doc["title"].startswith("Kim Jong Un appelle")
    assert int(doc["n_claims"]) == len(rows(sample_out, "claims"))


def test_rerun_is_byte_identical(sample_out, tmp_path):
    run_corpus(CORPUS, tmp_path)
    for table in COLUMNS:
        assert (tmp_path / f"{table}.csv").read_bytes() == (
            sample_out / f"{table}.csv"
        ).read_bytes()
