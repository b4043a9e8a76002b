"""sources: each cue's source mentions on doc.spans["sources"], attrs["cue"] naming the
cue they belong to."""

from __future__ import annotations


def mentions(nlp, text):
    doc = nlp(text)
    group = doc.spans["sources"]
    cues = list(doc.spans["cues"])
    return [
        (m.text, cues[k].text) for m, k in zip(group, group.attrs["cue"], strict=False) if k >= 0
    ]


def test_coordinated_subjects_are_one_mention_each(nlp):
    found = mentions(nlp, "Berlin et Madrid ont accusé la compagnie de mentir sur ses prix.")
    assert found == [("Berlin", "ont accusé"), ("Madrid", "ont accusé")]


def test_inverted_subject_after_the_content(nlp):
    found = mentions(nlp, "Les travaux dureront deux ans, a précisé mardi la mairie.")
    assert found == [("la mairie", "a précisé")]


def test_the_object_of_selon(nlp):
    assert mentions(nlp, "Selon la gendarmerie, trois randonneurs ont été secourus.") == [
        ("la gendarmerie", "Selon")
    ]


def test_a_noun_opened_by_dont_is_no_subject(nlp):
    # "dont quatre hommes" belongs to the count before it; the prefect speaks, and the
    # participle "précisant" inherits him
    found = mentions(
        nlp,
        "Le bilan fait état de neuf blessés, dont quatre hommes, a indiqué le préfet dans "
        "un communiqué, précisant qu'une cellule d'aide est ouverte.",
    )
    assert ("le préfet", "a indiqué") in found and ("le préfet", "précisant") in found
    assert not any(m.startswith("dont") for m, _ in found)


def test_throwing_bottles_is_no_speech_and_selon_names_the_witnesses(nlp):
    found = mentions(
        nlp,
        "Près du stade, des heurts ont éclaté avec un groupe de supporters qui ont lancé "
        "des bouteilles sur les stadiers, selon des témoins.",
    )
    assert found == [("des témoins", "selon")]


def test_lancer_still_speaks_after_a_quote(nlp):
    found = mentions(nlp, "« Nous ne céderons pas », a lancé la syndicaliste.")
    assert found == [("la syndicaliste", "a lancé")]


def test_a_relative_antecedent_without_its_preposition(nlp):
    found = mentions(
        nlp,
        "Le maire s'est entretenu avec des riverains qui ont dénoncé la fermeture de l'école.",
    )
    assert found == [("des riverains", "ont dénoncé")]


def test_first_findings_speak_only_for_who_issued_them(nlp):
    assert mentions(nlp, "Selon les premiers éléments, l'incendie est accidentel.") == []
    found = mentions(nlp, "Selon les premiers éléments de la gendarmerie, le feu est accidentel.")
    assert found and "gendarmerie" in found[0][0]
