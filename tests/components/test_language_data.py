"""The lexicons travel with the pipeline: ``language_data`` installs them, lays a user
folder over the package's files, saves them with ``nlp.to_disk`` and installs the saved
copy on ``spacy.load`` (the components then read that copy, not the package's)."""

from __future__ import annotations

import pytest
import spacy

from pipeline import lexicons
from pipeline.lexicons import LanguageData, data_lines, word_set

# a speech verb the shipped lexicon does not list: with it, the minister is the source
SENTENCE = "Le ministre a susurré que 40 écoles fermeront en juin."
EXTRA_VERB = "susurrer,speech,asserted\n"


@pytest.fixture()
def package_data_back():
    """Whatever a test installs, the package's files are in place again after it."""
    yield
    lexicons.install(LanguageData.package())


def _sources(doc) -> list[str]:
    return [c.source.id for c in doc._.claims]


def test_install_drops_what_was_derived_from_other_files(package_data_back):
    assert "lundi" in word_set("calendar_words.txt")
    before = lexicons.generation()
    files = dict(lexicons.active().files)
    files["calendar_words.txt"] = "# only one day\nlundi2\n"
    assert lexicons.install(LanguageData(files))
    assert lexicons.generation() == before + 1
    assert word_set("calendar_words.txt") == frozenset({"lundi2"})
    assert data_lines("calendar_words.txt") == ("lundi2",)
    # installing the same files again changes nothing
    assert not lexicons.install(LanguageData(files))


def test_missing_data_file_names_the_file():
    with pytest.raises(FileNotFoundError, match="nope.txt"):
        LanguageData({}).text("nope.txt")


@pytest.mark.slow
def test_user_folder_extends_the_speech_verbs(tmp_path, package_data_back):
    from pipeline.nlp import build_pipeline

    plain = build_pipeline()
    assert "ministre" not in _sources(plain(SENTENCE))
    mine = tmp_path / "mine"
    mine.mkdir()
    shipped = LanguageData.package().text("speech_verbs.csv")
    (mine / "speech_verbs.csv").write_text(shipped + EXTRA_VERB, encoding="utf-8")
    extended = build_pipeline(data_dir=mine)
    assert "ministre" in _sources(extended(SENTENCE))
    # every other file is still the package's
    data = extended.get_pipe("language_data").data
    assert data.text("places.txt") == LanguageData.package().text("places.txt")


@pytest.mark.slow
def test_saved_pipeline_reads_its_own_lexicons(tmp_path, package_data_back):
    from pipeline.nlp import build_pipeline

    build_pipeline().to_disk(tmp_path / "saved")
    saved = tmp_path / "saved" / "language_data"
    assert {p.name for p in saved.iterdir()} == set(LanguageData.package().files)
    # the saved copy is what a loaded pipeline uses: edit it, not the package
    verbs = saved / "speech_verbs.csv"
    verbs.write_text(verbs.read_text(encoding="utf-8") + EXTRA_VERB, encoding="utf-8")
    loaded = spacy.load(tmp_path / "saved")
    assert "ministre" in _sources(loaded(SENTENCE))
    assert "susurrer,speech,asserted" in loaded.get_pipe("language_data").data.text(
        "speech_verbs.csv"
    )


def test_run_with_a_data_folder_uses_it(tmp_path, nlp, package_data_back):
    import csv

    from typer.testing import CliRunner

    from pipeline.cli import app

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SENTENCE + "\n", encoding="utf-8")
    mine = tmp_path / "mine"
    mine.mkdir()
    shipped = LanguageData.package().text("speech_verbs.csv")
    (mine / "speech_verbs.csv").write_text(shipped + EXTRA_VERB, encoding="utf-8")
    out = tmp_path / "out"
    args = ["run", str(corpus), "--out", str(out), "--no-report", "--data", str(mine)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    with open(out / "claims.csv", encoding="utf-8") as f:
        assert "ministre" in {row["source_id"] for row in csv.DictReader(f)}


def test_a_misnamed_data_file_is_refused_in_one_line(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SENTENCE + "\n", encoding="utf-8")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "speech_verb.csv").write_text("lemma,kind,certainty\n", encoding="utf-8")
    (mine / "hedges.csv").write_text("word\npeut-être\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["run", str(corpus), "--out", str(out), "--data", str(mine)])
    assert result.exit_code == 2
    assert "speech_verb.csv" in result.output or "hedges.csv" in result.output
    assert "Traceback" not in result.output and not (out / "claims.csv").exists()
