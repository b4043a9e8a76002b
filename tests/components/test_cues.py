"""cues: doc.spans["cues"], labelled by kind, with the speech-verb entry as attributes."""

from __future__ import annotations


def cues(nlp, text):
    doc = nlp(text)
    return [
        (s.text, s.label_, s._.verb_lemma, s._.verb_certainty, doc[s._.cue_head].text)
        for s in doc.spans["cues"]
    ]


def test_speech_verb_with_its_auxiliary(nlp):
    assert cues(nlp, "La préfète a déclaré que la route serait rouverte lundi.") == [
        ("a déclaré", "verb", "déclarer", "asserted", "déclaré")
    ]


def test_selon_and_a_denial(nlp):
    found = cues(nlp, "Selon le syndicat, l'usine fermera. La direction a démenti.")
    assert ("Selon", "according_to", "", "", "Selon") in found
    assert ("a démenti", "verb", "démentir", "denied", "démenti") in found


def test_a_negated_verb_is_no_cue(nlp):
    assert cues(nlp, "Le maire n'a pas dit que le marché fermerait.") == []


def test_the_cue_record_is_rebuilt_from_the_span(nlp):
    doc = nlp("Le club a annoncé le départ de son entraîneur.")
    cue = doc.spans["cues"][0]._.cue
    assert (cue.text, cue.kind, cue.head.text, cue.verb.kind) == (
        "a annoncé",
        "verb",
        "annoncé",
        "speech",
    )


def test_a_source_revising_its_forecast_or_tally_is_a_cue(nlp):
    found = cues(
        nlp,
        "Les analystes de la banque Valmont ont abaissé leur prévision de croissance à 0,8 %.",
    )
    assert [(c[1], c[2]) for c in found] == [("verb", "abaisser")]
    found = cues(nlp, "Le ministère de la Santé a porté le bilan à 42 morts.")
    assert [c[2] for c in found] == ["porter"]


def test_the_revising_verb_alone_is_no_cue(nlp):
    assert cues(nlp, "Le facteur a porté le colis à la mairie.") == []
    assert cues(nlp, "La commune a abaissé la vitesse à 30 km/h.") == []


def test_troops_advancing_by_a_distance_say_nothing(nlp):
    assert cues(nlp, "Les blindés ont avancé de 12 km vers la frontière.") == []
    found = cues(nlp, "Le syndicat a avancé le chiffre de 3 000 grévistes.")
    assert [c[2] for c in found] == ["avancer"]


def test_a_verb_tagged_as_a_noun_after_a_quote_is_a_cue(nlp):
    # "note" after «…», is the inverted verb; "une note de service" stays a noun
    found = cues(nlp, "«Le chantier sera terminé en juin», note Sophie Marchal.")
    assert [(c[0], c[2]) for c in found] == [("note", "noter")]
    assert cues(nlp, "Une note de service, datée de lundi, circule dans les bureaux.") == []


def test_an_adverb_between_auxiliary_and_locution_keeps_the_cue(nlp):
    found = cues(
        nlp,
        "Douze policiers ont été blessés, a-t-on appris de source hospitalière, alors que "
        "la préfecture avait jusqu'ici fait état d'un bilan de cinq blessés.",
    )
    assert ("avait jusqu'ici fait état", "verb", "faire état") in [c[:3] for c in found]
