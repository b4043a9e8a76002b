"""certainty: how firmly each claim is put, and whether it denies."""

from __future__ import annotations


def graded(nlp, text):
    return [(c.certainty, c.negated) for c in nlp(text)._.claims if c.cue is not None]


def test_conditional_hedge_denial(nlp):
    assert graded(nlp, "Selon la police, le suspect aurait fui vers l'Espagne.") == [
        ("conditional", False)
    ]
    assert graded(nlp, "Le syndicat estime que la grève durera probablement.") == [
        ("hedged", False)
    ]
    assert graded(nlp, "La société a démenti toute fermeture du site.")[0][0] == "denied"


def test_negated_content(nlp):
    assert graded(nlp, "Le parquet a indiqué que rien ne permettait de conclure.") == [
        ("asserted", True)
    ]


def test_a_long_quote_is_graded_on_its_first_sentence(nlp):
    found = graded(
        nlp,
        "Le pompier Marc Dufour raconte : « Le feu a pris dans la grange. "
        "Le vent l'a probablement attisé. »",
    )
    assert found == [("asserted", False)]
