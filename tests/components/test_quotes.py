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
