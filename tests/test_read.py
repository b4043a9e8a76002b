"""Read: corpus listing, doc ids, cleaning and zones on pages written for the test."""

from __future__ import annotations

import pytest

from pipeline.read import ReadError, find_zones, make_article, read_corpus

PAGE = (
    "Monde\n\n"
    "Le ministre salue un accord historique\n\n"
    "Le texte a été signé mardi à Genève.\n\n"
    "Publié le 12/03/2025 à 10h00\n\n"
    "0f1e2d3c4b5a69788796a5b4c3d2e1f0aa.jpg Sur cette photo, le ministre à Genève.\n\n"
    "Le ministre a déclaré que l'accord entrerait en vigueur en mai.\n\n"
    "À LIRE AUSSI | Un autre accord signé en 2024\n"
)


def kinds(text):
    return {kind: text[s:e] for s, e, kind in find_zones(text)}


def test_zones_of_a_news_page():
    z = kinds(PAGE)
    assert z["section"] == "Monde"
    assert z["headline"] == "Le ministre salue un accord historique"
    assert z["standfirst"] == "Le texte a été signé mardi à Genève."
    assert z["published"].startswith("Publié")
    assert z["image"].endswith(".jpg")
    assert z["caption"].startswith("Sur cette photo")
    assert z["teaser"].startswith("À LIRE AUSSI")


def test_article_fields_and_offsets_kept():
    art = make_article("monde/accord", "\ufeff" + PAGE.replace("\n", "\r\n"))
    assert art.text == PAGE  # BOM gone, CRLF → LF, nothing else moved
    assert art.title == "Le ministre salue un accord historique"
    assert art.section == "Monde"
    assert art.published == "2025-03-12"


def test_body_only_article_has_no_headline():
    text = "Le gouvernement a annoncé mardi 300 millions d'euros d'aide. Les syndicats ont salué."
    assert find_zones(text) == []


def test_read_corpus_recursive_ids_and_errors(tmp_path):
    (tmp_path / "2025").mkdir()
    (tmp_path / "2025" / "a.txt").write_text("Titre\n\nCorps du texte.", encoding="utf-8")
    (tmp_path / "b.md").write_bytes("\ufeffTitre B\n\nCorps.".encode())
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "ignored.csv").write_text("x", encoding="utf-8")
    out = list(read_corpus(tmp_path))
    ids = [a.doc_id for a in out if not isinstance(a, tuple)]
    errors = {
        path.rsplit("/", 1)[1]: exc.kind for path, exc in (a for a in out if isinstance(a, tuple))
    }
    assert ids == ["2025/a", "b"]
    # a file that is not an article is reported, not silently dropped
    assert errors == {"empty.txt": "empty", "ignored.csv": "unsupported"}


def test_missing_corpus_is_a_clear_error(tmp_path):
    with pytest.raises(ReadError, match="does not exist"):
        list(read_corpus(tmp_path / "nope"))
