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


def test_a_plural_pronoun_is_the_latest_plural_speaker(nlp):
    found = resolved(
        nlp,
        "Les pêcheurs du port de Sète ont affirmé que la saison était perdue. "
        "L'Unesco avait prévenu la mairie en juin. "
        "Ils ont compté 40 bateaux restés à quai.",
    )
    assert found[-1][0] == "Ils"
    assert found[-1][1] == found[0][1]


def test_a_singular_pronoun_skips_a_plural_subject(nlp):
    found = resolved(
        nlp,
        "Le maire Paul Girard a annoncé la fermeture du pont. "
        "Les riverains dénoncent une décision brutale. "
        "Il a ajouté que les travaux dureraient six mois.",
    )
    assert found[-1] == ("Il", "paul_girard")


def test_the_gender_of_a_speaker_is_not_taken_from_the_word_before(nlp):
    from pipeline.components.agreement import mention_gender

    # "la radio" (feminine) ends the phrase before "le technicien Marc Olier"
    doc = nlp("« La digue a cédé dans la nuit », a déclaré à la radio le technicien Marc Olier.")
    speaker = next(m for m in doc.spans["sources"] if "Olier" in m.text)
    assert mention_gender(speaker) == "Masc"


def test_the_same_sources_are_the_sources_named_before(nlp):
    found = resolved(
        nlp,
        "Trois soldats ont été blessés, ont indiqué des sources militaires. "
        "« Le poste a été attaqué à l'aube », précisent les mêmes sources.",
    )
    assert [src for _, src in found] == ["sources_militaires", "sources_militaires"]


def test_the_person_named_after_a_title_is_the_source(nlp):
    # the tagger may miss the name or run it into the ministry
    found = resolved(
        nlp,
        "« Le taux est plus bas », a indiqué le ministre des Sports Pierre-Yves Lemoal "
        "sur BFM, lundi. Le ministère a confirmé la date.",
    )
    assert found[0] == ("le ministre des Sports Pierre-Yves Lemoal", "pierre_yves_lemoal")
    assert found[-1][1] != "pierre_yves_lemoal"  # "le ministère" is not the minister


def test_a_version_or_account_speaks_for_its_possessor(nlp):
    found = resolved(
        nlp,
        "Le prévenu Karim Bensaïd a reconnu les faits devant le tribunal. "
        "Son récit évoque une dispute qui a mal tourné.",
    )
    assert found[-1] == ("Son récit", "karim_bensaid")


def test_what_a_newsroom_learnt_is_said_by_whom_it_learnt_it_from(nlp):
    found = resolved(
        nlp,
        "La course de dimanche a été annulée, a appris l'AFP auprès de la fédération.",
    )
    assert found == [("la fédération", "federation")]


def test_an_adverbial_between_auxiliary_and_participle_is_no_part_of_the_source(nlp):
    doc = nlp("La procureure Anne Lenoir a quant à elle rappelé que le prévenu avait menti.")
    assert [m.text for m in doc.spans["sources"]] == ["La procureure Anne Lenoir"]


def test_an_inverted_speaker_after_an_adverb_inside_the_verb_group(nlp):
    doc = nlp(
        "« Le quartier manque de logements », avait d'ailleurs déclaré Sophie Tremblay, "
        "porte-parole de l'association."
    )
    found = [(c.content.text, c.source.id) for c in doc._.claims if c.cue is not None]
    assert found == [("Le quartier manque de logements", "sophie_tremblay")]


def test_the_survey_is_the_survey_named_before(nlp):
    found = resolved(
        nlp,
        "Selon la dernière enquête de l'Observatoire du logement, les loyers ont bondi de "
        "9 %. L'enquête montre aussi que les petites villes sont touchées.",
    )
    assert found[-1][0] == "L'enquête"
    assert found[-1][1] == found[0][1]


def test_a_share_of_respondents_speaks_for_the_poll_named_before(nlp):
    found = resolved(
        nlp,
        "Les écologistes progressent de trois points, selon un sondage Harris Interactive. "
        "Par ailleurs, 41 % des Bretons estiment que la région est mal desservie.",
    )
    assert found[-1][0] == "41 % des Bretons"
    assert found[-1][1] == found[0][1] and "harris" in found[0][1]


def test_a_share_with_no_poll_before_stays_its_own_mention(nlp):
    found = resolved(nlp, "Au conseil, 41 % des élus estiment que la région est mal desservie.")
    assert found and found[-1][1] != "author" and "41" in found[-1][1]


def test_a_bracket_after_the_party_scored_is_no_source(nlp):
    found = resolved(
        nlp,
        "Selon un sondage Ifop, les écologistes obtiennent 19 %, contre 23 % pour les "
        "socialistes (PS) et 11 % chez les centristes (UDI).",
    )
    assert [m for m, _ in found] == ["un sondage Ifop"]


def test_a_bracket_after_a_projection_names_the_pollster(nlp):
    found = resolved(nlp, "Les instituts leur prédisent 40 à 60 sièges (Ifop).")
    assert ("Ifop", "ifop") in found


def test_an_army_of_another_country_is_a_source_of_its_own(nlp):
    found = resolved(
        nlp,
        "Selon l'armée tchadienne, douze rebelles ont été tués. "
        "De son côté, l'armée française a annoncé la capture de cinq combattants.",
    )
    assert [s for _, s in found] == ["armee_tchadienne", "armee_francaise"]


def test_a_description_with_the_same_nationality_refers_back(nlp):
    found = resolved(
        nlp,
        "Selon l'armée tchadienne, douze rebelles ont été tués. "
        "L'armée tchadienne a ajouté que les combats avaient cessé.",
    )
    assert found[0][1] == found[1][1]


def test_cette_source_is_the_source_named_so_not_the_last_speaker(nlp):
    found = resolved(
        nlp,
        "Neuf gendarmes ont été blessés, a-t-on appris de source policière, alors que la "
        "préfecture avait jusqu'ici fait état de quatre blessés. Les blessés ont été "
        "transportés à Lyon, a précisé cette source.",
    )
    assert found[-1] == ("cette source", found[0][1]) and found[0][1] != found[1][1]
