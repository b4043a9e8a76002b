"""quotes: «…», “…” and "…" passages on doc.spans["quotes"] (no model needed)."""

from __future__ import annotations

import spacy

from pipeline.components import attribution  # noqa: F401  (registers the factory)


def test_quotes_of_three_kinds_and_across_sentences():
    nlp = spacy.blank("fr")
    nlp.add_pipe("quotes")
    doc = nlp('Elle a dit : « Rien ne bouge. Tout est figé. » Puis “assez” et enfin "non merci".')
    assert [q.text for q in doc.spans["quotes"]] == [
        "Rien ne bouge. Tout est figé.",
        "assez",
        "non merci",
    ]


def test_an_unclosed_quote_is_no_quote():
    nlp = spacy.blank("fr")
    nlp.add_pipe("quotes")
    assert list(nlp("Il a lancé « on verra bien, puis il est parti.").spans["quotes"]) == []


def test_doubled_apostrophes_quote_with_apostrophes_inside():
    nlp = spacy.blank("fr")
    nlp.add_pipe("quotes")
    doc = nlp("‘‘J’ai signé. C’est fait’’, a confirmé l’entraîneur.")
    assert [q.text for q in doc.spans["quotes"]] == ["J’ai signé. C’est fait"]


def test_a_quote_in_doubled_apostrophes_and_a_setting_after_the_speaker(nlp):
    doc = nlp(
        "Le club a recruté deux joueurs. ‘‘Nous voulons gagner la coupe’’, a expliqué "
        "l’entraîneur Marco Villa dans des propos rapportés par la radio locale."
    )
    found = [(c.content.text, c.source.id) for c in doc._.claims if c.cue is not None]
    assert found == [("Nous voulons gagner la coupe", "marco_villa")]
