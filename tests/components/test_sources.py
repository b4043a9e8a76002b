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
