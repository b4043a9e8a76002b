"""claims: one claim per content and resolved source; the article's own figures."""

from __future__ import annotations


def test_two_sources_give_two_claims(nlp):
    doc = nlp("Lyon et Grenoble ont demandé à l'État de financer les tramways.")
    claims = [(c.source.id, c.content.text) for c in doc._.claims]
    assert [s for s, _ in claims] == ["lyon", "grenoble"]
    assert claims[0][1] == claims[1][1]


def test_a_figure_nobody_is_quoted_for_is_the_authors(nlp):
    doc = nlp("La ville compte 12 000 habitants depuis 2020.")
    (claim,) = doc._.claims
    assert (claim.source.id, claim.attribution) == ("author", "unattributed")
    assert doc.spans["claims"][0].label_ == "unattributed"
