"""Source registry: lookup by alias, type guessing, user extensions and bad rows."""

from __future__ import annotations

import pytest

from pipeline.registry import RegistryError, SourceRegistry, guess_source_type, slugify


def test_alias_lookup_prefers_the_head():
    reg = SourceRegistry.load()
    assert reg.match("l'Agence centrale de presse nord-coréenne").id == "kcna"
    assert (
        reg.match(
            "un rapport de l'Institut pour la stratégie de sécurité nationale, "
            "affilié aux services de renseignement sud-coréens"
        ).id
        == "inss"
    )
    assert reg.match("le voisin du boulanger") is None


@pytest.mark.parametrize(
    ("description", "kind"),
    [
        ("le ministère des Affaires étrangères", "government"),
        ("l'armée ukrainienne", "military"),
        ("les analystes", "analyst"),
        ("un groupe de réflexion américain", "think_tank"),
        ("l'agence de presse officielle", "state_media"),
        ("les médias d'État", "state_media"),
    ],
)
def test_guess_type_from_head_noun(description, kind):
    assert guess_source_type(description) == kind


def test_user_file_extends_registry(tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text("id,name,type,aliases\nlocal_news,La Voix locale,media,Voix locale\n")
    reg = SourceRegistry.load([extra])
    assert reg.match("selon La Voix locale").id == "local_news"
    assert reg.get("afp") is not None


def test_malformed_row_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name,type,aliases\nok,OK,media,\nBad Id,X,media,\n")
    with pytest.raises(RegistryError, match=r"bad.csv:3: id 'Bad Id'"):
        SourceRegistry.load([bad])
    bad.write_text("id,name,type,aliases\nx,X,newspaper,\n")
    with pytest.raises(RegistryError, match=r"bad.csv:2: type 'newspaper'"):
        SourceRegistry.load([bad])


def test_slug_is_stable_ascii():
    assert slugify("Séoul") == "seoul"
    assert slugify("Kim Jong-un") == slugify("Kim Jong Un")


def test_long_ids_stay_short_and_distinct():
    a = slugify("les chercheurs de l'institut de santé publique du canton de Vaud en Suisse")
    b = slugify("les chercheurs de l'institut de santé publique du canton de Genève en Suisse")
    assert len(a) <= 48 and len(b) <= 48
    assert a != b
    assert a.startswith("chercheurs_de_l_institut")
