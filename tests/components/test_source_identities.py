"""source_identities: every claim mention resolved to one source, in text order, on
doc.spans["sources"].attrs["source"] ([id, name, type])."""

from __future__ import annotations


def resolved(nlp, text):
    doc = nlp(text)
    group = doc.spans["sources"]
    return [
        (m.text, tuple(src)[0])
        for m, src in zip(group, group.attrs["source"], strict=True)
        if src is not None
    ]


def test_a_pronoun_is_the_latest_speaker_of_its_gender(nlp):
    found = resolved(
        nlp,
        "La ministre Claire Vasseur a annoncé un plan pour les écoles. "
        "Le maire Paul Girard a salué l'annonce. Elle a ajouté que les travaux "
        "commenceraient en mai.",
    )
    assert found[-1] == ("Elle", "claire_vasseur")


def test_a_registry_alias_names_its_source(nlp):
    assert resolved(nlp, "Selon l'AFP, le col est fermé.") == [("l'AFP", "afp")]


def test_the_speaker_before_a_colon_speaks_the_quote(nlp):
    doc = nlp("Le maire est inquiet : « nous manquons de tout pour les enfants ».")
    group = doc.spans["sources"]
    quoted = [
        (m.text, src[0])
        for m, q, src in zip(group, group.attrs["quote"], group.attrs["source"], strict=True)
        if q >= 0
    ]
    assert quoted == [("Le maire", "maire")]
