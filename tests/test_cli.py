"""The command line: help texts, run on a folder, eval on a gold folder."""

from __future__ import annotations

import json
from pathlib import Path

import typer.main
from typer.testing import CliRunner

from pipeline.cli import app

runner = CliRunner()


def test_every_command_has_help_with_an_example():
    for cmd in ("run", "eval", "export", "show", "sources", "version"):
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


# --- conventions: --version, -h, choices, markup in help, the README synopsis -----------

README = Path(__file__).resolve().parent.parent / "README.md"


def _commands() -> dict:
    return typer.main.get_command(app).commands


def test_version_and_short_help():
    from pipeline import __version__

    for args in (["--version"], ["-V"], ["version"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0 and __version__ in result.output, args
    for args in (["-h"], ["run", "-h"], ["show", "-h"], ["export", "-h"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0 and "Usage" in result.output, args


def test_help_lists_the_choices_and_keeps_brackets():
    run_help = runner.invoke(app, ["run", "--help"], env={"COLUMNS": "200"}).output
    assert "local|dask" in run_help and "csv|parquet" in run_help
    assert "claimtrace[dask]" in run_help and "claimtrace[parquet]" in run_help
    show_help = runner.invoke(app, ["show", "--help"], env={"COLUMNS": "200"}).output
    assert "claims|figures|comparisons" in show_help and "table|csv|json" in show_help


def test_a_value_outside_the_choices_is_refused_with_them(tmp_path):
    result = runner.invoke(app, ["run", str(tmp_path), "--engine", "spark"])
    assert result.exit_code == 2 and "local" in result.output and "dask" in result.output
    result = runner.invoke(app, ["show", str(tmp_path), "--format", "xml"])
    assert result.exit_code == 2 and "json" in result.output


def test_readme_synopsis_lists_every_command_and_option():
    readme = README.read_text(encoding="utf-8")
    synopsis = readme[readme.index("## Set-up and use") : readme.index("## Outputs for analysts")]
    assert ".venv/bin/claimtrace" in synopsis and "source .venv/bin/activate" in synopsis
    assert "chromium" in synopsis and "LibreOffice" in synopsis
    for name, command in _commands().items():
        assert f"claimtrace {name}" in synopsis, name
        for param in command.params:
            for opt in [*param.opts, *param.secondary_opts]:
                if opt.startswith("--"):
                    assert opt in synopsis, f"{name} {opt} missing from the README synopsis"


def test_console_script_ends_without_teardown_and_keeps_its_outputs(tmp_path):
    """``claimtrace`` (pipeline.cli:main) skips the interpreter's teardown once the
    command has returned: the tables are complete, the summary printed and the exit
    codes those of the command."""
    import subprocess
    import sys

    script = Path(sys.executable).parent / "claimtrace"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Le maire a annoncé que 40 logements seraient construits, selon la mairie.",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    done = subprocess.run([script, "run", corpus, "--out", out], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "1 new, 0 unchanged" in done.stderr  # the summary's last line reached the pipe
    figures = (out / "figures.csv").read_text(encoding="utf-8")
    assert "40 logements" in figures
    bad = subprocess.run([script, "run", tmp_path / "nowhere"], capture_output=True, text=True)
    assert bad.returncode == 2
    assert "nowhere" in bad.stderr and bad.stderr.count("\n") == 1
