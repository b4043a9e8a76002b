"""A processed Doc serialises (DocBin with user data) and a saved pipeline is
self-contained (nlp.to_disk → spacy.load gives the same tables)."""

from __future__ import annotations

import dataclasses

import pytest
import spacy
from spacy.tokens import DocBin

from pipeline.comparisons.component import doc_figure_contexts
from pipeline.read import make_article
from pipeline.tables import doc_tables

TEXT = (
    "Le ministère de la Santé a annoncé mardi que 1 200 lits seraient ouverts d'ici juin. "
    "« Nous tiendrons nos promesses », a déclaré la ministre Claire Vasseur.\n\n"
    "Selon la CGT, près de 300 infirmières manquent encore à l'hôpital de Lyon (AFP). "
    "La direction a démenti ces chiffres, jugeant qu'ils étaient exagérés."
)


def _summary(doc):
    claims = [
        (c.content.text, c.source.id, c.attribution, c.certainty, c.negated, c.speaker)
        + ((c.cue.text, c.cue.kind) if c.cue is not None else ())
        for c in doc._.claims
    ]
    figures = [(s.text, s._.figure, s._.figure_claim) for s in doc.spans["figures"]]
    return claims, figures


def test_docbin_round_trip_keeps_claims_and_figures(nlp):
    doc = nlp(TEXT)
    assert doc._.claims and len(doc.spans["figures"]) >= 2
    db = DocBin(store_user_data=True)
    db.add(doc)
    (back,) = DocBin().from_bytes(db.to_bytes()).get_docs(nlp.vocab)
    assert _summary(back) == _summary(doc)
    for key in ("quotes", "cues", "sources", "contents", "claims"):
        assert [(s.start, s.end, s.label_) for s in back.spans[key]] == [
            (s.start, s.end, s.label_) for s in doc.spans[key]
        ]
    # what each figure measures (for comparisons.csv) travels with the Doc, as set by the
    # figure_contexts component: the tables of the Doc read back are the same
    contexts = doc_figure_contexts(back)
    assert contexts == doc_figure_contexts(doc)
    assert len(contexts) == len(doc.spans["figures"])
    nurses = next(c for s, c in zip(doc.spans["figures"], contexts, strict=True) if "300" in s.text)
    assert nurses["measure"] == "infirmiere"
    article = make_article("a", TEXT)
    assert dataclasses.asdict(doc_tables(article, back)) == dataclasses.asdict(
        doc_tables(article, doc)
    )


@pytest.mark.slow
def test_saved_pipeline_gives_the_same_tables(nlp, tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text("id,name,type,aliases\nobs_lits,Observatoire des lits,analyst,OdL\n")
    from pipeline.nlp import build_pipeline

    built = build_pipeline([extra])
    built.to_disk(tmp_path / "saved")
    extra.unlink()  # the saved pipeline carries the registry, not a path to it
    loaded = spacy.load(tmp_path / "saved")
    assert loaded.pipe_names == built.pipe_names
    assert loaded.get_pipe("source_registry").registry.get("obs_lits") is not None
    article = make_article("a", TEXT + "\n\nL'OdL a compté 40 lits fermés.")
    want = dataclasses.asdict(doc_tables(article, built(article.text)))
    got = dataclasses.asdict(doc_tables(article, loaded(article.text)))
    assert got == want
    assert any(c["source_id"] == "obs_lits" for c in got["claims"])


@pytest.mark.slow
def test_nlp_pipe_with_processes_gives_the_same_claims(nlp):
    # spaCy sends each Doc back from its worker as bytes: the claims must survive that
    texts = [TEXT, "Selon la préfecture, 4 000 personnes ont défilé à Nantes."]
    alone = [_summary(d) for d in nlp.pipe(texts)]
    pooled = [_summary(d) for d in nlp.pipe(texts, n_process=2, batch_size=1)]
    assert pooled == alone
