"""claim_links: which claim each figure and each entity mention belongs to."""

from __future__ import annotations


def test_figure_and_entities_linked_to_their_claim(nlp):
    doc = nlp("Selon Météo-France, 40 communes ont été inondées dans le Gard.")
    claims = doc._.claims
    (figure,) = [s for s in doc.spans["figures"] if s.text.startswith("40")]
    assert figure._.figure_claim >= 0
    assert claims[figure._.figure_claim].source.id == "meteo_france"
    roles = {e.text: (e._.entity_role, e._.entity_claim) for e in doc.ents}
    assert roles["Météo-France"] == ("source", figure._.figure_claim)
    assert roles["Gard"] == ("content", figure._.figure_claim)
