"""The command line: help texts, run on a folder, eval on a gold folder."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from pipeline.cli import app

runner = CliRunner()


def test_every_command_has_help_with_an_example():
    for cmd in ("run", "eval"):
        result = runner.invoke(app, [cmd, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.output


def test_run_missing_corpus_exits_2(tmp_path):
    result = runner.invoke(app, ["run", str(tmp_path / "missing"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2


def test_run_writes_tables_and_reports_bad_files(tmp_path, nlp):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ok.txt").write_text(
        "Selon l'AFP, 12 personnes ont été blessées lors de l'incendie.", encoding="utf-8"
    )
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    for table in ("documents", "entities", "figures", "claims", "sources", "errors"):
        assert (out / f"{table}.csv").exists()
    assert "empty.txt" in (out / "errors.csv").read_text(encoding="utf-8")


def test_eval_scores_a_gold_file(tmp_path, nlp):
    gold = tmp_path / "gold"
    gold.mkdir()
    doc = {
        "id": "g1",
        "text": "Selon l'AFP, 12 personnes ont été blessées lors de l'incendie.",
        "sources": {"afp": {"type": "media", "names": ["AFP"]}},
        "entities": [{"label": "ORG", "names": ["AFP"]}],
        "figures": [
            {
                "text": "12 personnes",
                "value": 12,
                "approx": False,
                "unit": "personnes",
                "category": "casualties",
                "source": "afp",
            }
        ],
        "claims": [
            {
                "source": "afp",
                "cue": "Selon",
                "certainty": "asserted",
                "content": "12 personnes ont été blessées lors de l'incendie",
            }
        ],
    }
    (gold / "g1.json").write_text(json.dumps(doc), encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold), "--verbose"])
    assert result.exit_code == 0, result.output
    assert "claims" in result.output and "1.000" in result.output
