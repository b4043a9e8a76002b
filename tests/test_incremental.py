"""Incremental runs: a rerun processes only new and changed articles, and its tables
are byte-identical to a full run's."""

from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.batch import run_corpus
from pipeline.manifest import MANIFEST_NAME, Manifest, decode_tables, encode_tables, fingerprint
from pipeline.read import make_article
from pipeline.tables import SourceUse, doc_tables

from .test_engines import ARTICLES, table_bytes, write_corpus


def outputs(out: Path) -> dict[str, bytes]:
    return {**table_bytes(out), "errors": (out / "errors.csv").read_bytes()}


def test_rerun_on_a_changed_corpus_equals_a_full_run(tmp_path, nlp):
    corpus = write_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    first = run_corpus(corpus, out, incremental=True)
    assert (first.new, first.unchanged) == (len(ARTICLES), 0)
    assert (out / MANIFEST_NAME).exists()

    # the corpus grows by one article, one article changes, one is removed
    (corpus / "2025" / "nouveau.txt").write_text(
        "Selon Reuters, 40 camions d'aide humanitaire sont entrés dans la ville.\n",
        encoding="utf-8",
    )
    budget = corpus / "2025" / "budget.txt"
    budget.write_text(budget.read_text(encoding="utf-8") + "Le Sénat votera jeudi.\n", "utf-8")
    (corpus / "autre" / "meteo.txt").unlink()

    again = run_corpus(corpus, out, incremental=True)
    assert (again.new, again.unchanged) == (2, 2)

    full = tmp_path / "full"
    run_corpus(corpus, full)
    assert outputs(out) == outputs(full)

    # nothing changed: nothing goes through the model, the tables stay the same
    third = run_corpus(corpus, out, incremental=True)
    assert (third.new, third.unchanged) == (0, 4)
    assert outputs(out) == outputs(full)


def test_changed_sources_file_reprocesses_everything(tmp_path, nlp):
    corpus = write_corpus(tmp_path / "corpus", dict(list(ARTICLES.items())[:2]))
    out = tmp_path / "out"
    registry = tmp_path / "sources.csv"
    registry.write_text("id,name,type,aliases\ncgt,CGT,organization,\n", encoding="utf-8")
    run_corpus(corpus, out, [str(registry)], incremental=True)
    same = run_corpus(corpus, out, [str(registry)], incremental=True)
    assert (same.new, same.unchanged) == (0, 2)
    registry.write_text(
        "id,name,type,aliases\ncgt,CGT,organization,Confédération générale du travail\n",
        encoding="utf-8",
    )
    changed = run_corpus(corpus, out, [str(registry)], incremental=True)
    assert (changed.new, changed.unchanged) == (2, 0)


def test_full_option_ignores_the_manifest(tmp_path, nlp):
    corpus = write_corpus(tmp_path / "corpus", dict(list(ARTICLES.items())[:1]))
    out = tmp_path / "out"
    run_corpus(corpus, out, incremental=True)
    again = run_corpus(corpus, out, incremental=True, reuse=False)
    assert (again.new, again.unchanged) == (1, 0)


def test_fingerprint_names_what_rows_depend_on(tmp_path):
    fp = fingerprint()
    assert {"claimtrace", "spacy", "model", "code", "data", "sources"} <= set(fp)
    extra = tmp_path / "s.csv"
    extra.write_text("id,name,type,aliases\n", encoding="utf-8")
    assert fingerprint([extra])["sources"] != fp["sources"]
    assert fingerprint([extra])["data"] == fp["data"]


def test_rows_survive_the_manifest(nlp):
    article = make_article("x", ARTICLES["2025/greve"])
    tables = doc_tables(article, nlp(article.text))
    tables.sources.setdefault("z", SourceUse("Z", "media", {"b", "a"}))
    assert decode_tables(encode_tables(tables)) == tables


def test_a_damaged_manifest_is_rebuilt(tmp_path, nlp):
    corpus = write_corpus(tmp_path / "corpus", dict(list(ARTICLES.items())[:1]))
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST_NAME).write_bytes(b"not a database")
    summary = run_corpus(corpus, out, incremental=True)
    assert summary.new == 1
    assert Manifest.open(out, fingerprint()).reusing
    shutil.rmtree(out)


def test_unchanged_long_article_is_reused_whole(tmp_path, nlp, monkeypatch):
    import pipeline.chunks

    # a low chunk limit makes an ordinary article "long": it goes through in chunks
    monkeypatch.setattr(pipeline.chunks, "CHUNK_CHARS", 120)
    long_text = "\n\n".join(ARTICLES[k].strip() for k in ("2025/budget", "2025/greve")) + "\n"
    assert len(pipeline.chunks.split_article(make_article("long", long_text))) > 1
    corpus = write_corpus(tmp_path / "corpus", {"long": long_text, "court": "Il pleut.\n"})
    out, full = tmp_path / "out", tmp_path / "full"
    run_corpus(corpus, out, incremental=True)
    again = run_corpus(corpus, out, incremental=True)
    assert (again.new, again.unchanged) == (0, 2)
    run_corpus(corpus, full)
    assert outputs(out) == outputs(full)
