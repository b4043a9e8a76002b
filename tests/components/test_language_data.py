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
