"""sources.csv lists the names a source was written as, never the pronouns pointing at it."""

from __future__ import annotations

import csv

from pipeline.batch import run_corpus


def test_a_pronoun_is_no_alias(tmp_path, nlp):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "usine.txt").write_text(
        "Le directeur de l'usine, Paul Mercier, a annoncé mardi la fermeture du site. "
        "« C'est une décision difficile », a-t-il ajouté devant les salariés. "
        "Il a aussi déclaré que 120 emplois seraient supprimés.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    run_corpus(corpus, out)
    rows = list(csv.DictReader((out / "sources.csv").open(encoding="utf-8")))
    aliases = [a for r in rows for a in r["aliases"].split("|") if a]
    assert aliases, rows
    assert not [a for a in aliases if a.lstrip("'-t").lower() in ("il", "elle", "-il")], aliases
