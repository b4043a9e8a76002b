"""Entities (issue 12): organisations that are no places, institutions named with an
adjective, places after long names; on sentences written for these tests."""

from __future__ import annotations

import pytest

from pipeline.components.entities import _inner_capital


def labels(nlp, text: str) -> set[tuple[str, str]]:
    return {(e.text, e.label_) for e in nlp(text).ents}


@pytest.mark.parametrize(
    "text, name, label",
    [
        # the gazetteer (org_names.txt): platforms, media, armed groups
        ("La vidéo a circulé sur Telegram avant d'être supprimée.", "Telegram", "ORG"),
        ("Le message a été relayé sur WhatsApp par des militants.", "WhatsApp", "ORG"),
        ("Les talibans ont repris le contrôle du district.", "talibans", "ORG"),
        ("Selon France 24, le convoi a été attaqué à l'aube.", "France 24", "ORG"),
        # written as companies and unions are
        ("La start-up NovaChem Industries a levé des fonds.", "NovaChem Industries", "ORG"),
        ("La CFE-CGC a refusé de signer l'accord salarial.", "CFE-CGC", "ORG"),
        # institutions with an adjective
        ("Le ministère public a fait appel du jugement.", "ministère public", "ORG"),
        ("L'état-major général a démenti toute offensive.", "état-major général", "ORG"),
        ("Le texte sera examiné par l'Assemblée nationale mardi.", "Assemblée nationale", "ORG"),
        ("Le parquet antidopage suisse a ouvert une enquête.", "parquet antidopage suisse", "ORG"),
        # a place after a place noun, a city adjective
        ("Les combats ont repris autour de la localité de Sayed Amir.", "Sayed Amir", "LOC"),
        ("Les commerçants lyonnais dénoncent la hausse des loyers.", "lyonnais", "MISC"),
    ],
)
def test_entity_label(nlp, text, name, label):
    assert (name, label) in labels(nlp, text)


def test_national_branch_is_its_nationality(nlp):
    """In "l'armée malienne" the entity is the nationality, not an organisation."""
    found = labels(nlp, "L'armée malienne a riposté après l'attaque du camp.")
    assert ("malienne", "MISC") in found
    assert not any(label == "ORG" and "armée" in text for text, label in found)


def test_a_longer_name_is_not_cut_by_the_gazetteer(nlp):
    found = labels(nlp, "Le chef d'orchestre a dirigé une œuvre de Richard Wagner hier soir.")
    assert ("Wagner", "ORG") not in found


def test_a_tagged_common_word_alone_is_no_entity(nlp):
    found = labels(nlp, "Encadrée par la police, la marche s'est déroulée dans le calme.")
    assert not any(text == "Encadrée" for text, _ in found)


def test_inner_capital():
    assert _inner_capital("NovaChem") and _inner_capital("YouTube")
    assert not _inner_capital("MacArthur") and not _inner_capital("Dupont")


def test_credit_lines_give_a_person_and_an_agency(nlp):
    found = labels(
        nlp, "Des renforts sont arrivés dans la nuit. (© AGENCEPRESSE/MARC DURAND)\n\nLa suite."
    )
    assert ("AGENCEPRESSE", "ORG") in found and ("MARC DURAND", "PER") in found
    found = labels(nlp, "Une affiche sur un mur. Photo: Julie Martin/Le Quotidien\n\nLe texte.")
    assert ("Julie Martin", "PER") in found and ("Le Quotidien", "ORG") in found


def test_a_name_with_an_age_is_a_person(nlp):
    found = labels(nlp, "C'est Maëlys, 14 ans, qui a donné l'alerte aux voisins.")
    assert ("Maëlys", "PER") in found


def test_a_company_short_name_joins_the_company(nlp):
    doc = nlp("Les Industries Vantor ont publié leurs résultats.\n\nVantor a souligné la hausse.")
    short = [e for e in doc.ents if e.text == "Vantor"]
    assert short and all(e.label_ == "ORG" for e in short)
