"""Claim builder: cue → source → content → coreference, on sentences written for the test."""

from __future__ import annotations

import pytest


def claims(nlp, text):
    doc = nlp(text)
    return [
        {
            "cue": c.cue.text if c.cue else "",
            "source": c.source.id,
            "name": c.source.name,
            "type": c.source.type,
            "mention": c.source_mention.text if c.source_mention is not None else "",
            "content": c.content.text,
            "attribution": c.attribution,
            "certainty": c.certainty,
            "negated": c.negated,
            "speaker": c.speaker,
        }
        for c in doc._.claims
    ]


def only(nlp, text):
    found = [c for c in claims(nlp, text) if c["attribution"] != "unattributed"]
    assert len(found) == 1, found
    return found[0]


def test_indirect_speech_que_clause(nlp):
    c = only(nlp, "Le ministère de la Défense a indiqué que trois drones avaient été abattus.")
    assert c["cue"] == "a indiqué"
    assert c["content"] == "trois drones avaient été abattus"
    assert c["attribution"] == "indirect"
    assert c["type"] == "military"


def test_inverted_report_with_time_word(nlp):
    c = only(
        nlp, "Le président a promis des élections libres, ont rapporté jeudi les médias d'État."
    )
    assert c["cue"] == "ont rapporté"
    assert c["mention"] == "les médias d'État"
    assert c["content"] == "Le président a promis des élections libres"


def test_selon_at_the_start(nlp):
    c = only(nlp, "Selon l'AFP, le bilan s'élève à douze morts.")
    assert c["source"] == "afp"
    assert c["attribution"] == "according_to"
    assert c["content"] == "le bilan s'élève à douze morts"


def test_d_apres_at_the_end(nlp):
    c = only(nlp, "Le cessez-le-feu a été violé à plusieurs reprises, d'après Reuters.")
    assert c["source"] == "reuters"
    assert c["content"] == "Le cessez-le-feu a été violé à plusieurs reprises"


def test_direct_quote_with_inverted_speaker(nlp):
    c = only(nlp, "« Nous ne céderons pas », a déclaré la ministre Anne Dupont.")
    assert c["attribution"] == "direct"
    assert c["content"] == "Nous ne céderons pas"
    assert c["type"] == "person"


def test_quote_after_colon(nlp):
    c = only(nlp, 'Le syndicat CGT a prévenu : "La grève sera longue".')
    assert c["attribution"] == "direct"
    assert c["content"] == "La grève sera longue"
    assert c["source"] == "cgt"


def test_accusation_with_two_sources(nlp):
    found = claims(nlp, "Paris et Berlin ont accusé Moscou de mener des cyberattaques.")
    assert sorted(c["name"] for c in found) == ["Berlin", "Paris"]
    assert {c["content"] for c in found} == {"Moscou de mener des cyberattaques"}
    assert {c["type"] for c in found} == {"government"}


def test_appeal_verb_with_infinitive(nlp):
    c = only(nlp, "Le pape François a exhorté les fidèles à prier pour la paix.")
    assert c["cue"] == "a exhorté"
    assert c["content"] == "les fidèles à prier pour la paix"
    assert c["type"] == "person"


def test_nested_report_keeps_outer_source_and_speaker(nlp):
    c = only(nlp, "Xinhua a indiqué que le président Xi Jinping avait salué les progrès du pays.")
    assert c["source"] == "xinhua"
    assert "Xi Jinping" in c["speaker"]
    assert c["content"].startswith("le président Xi Jinping avait salué")


def test_pronoun_source_resolves_to_previous_speaker(nlp):
    found = claims(
        nlp,
        "Le porte-parole Jean Martin a affirmé que la situation était stable. "
        "Il a ajouté que des renforts arriveraient.",
    )
    assert [c["name"] for c in found] == ["Jean Martin", "Jean Martin"]


def test_generic_agence_resolves_to_nearest_compatible_source(nlp):
    found = claims(
        nlp,
        "L'agence Yonhap a affirmé que le tir avait eu lieu à l'aube. "
        "Le missile a parcouru une longue distance, a précisé l'agence.",
    )
    assert [c["source"] for c in found] == ["yonhap", "yonhap"]


def test_hedged_and_conditional_certainty(nlp):
    hedged = only(nlp, "Des experts suggèrent que le virus pourrait muter rapidement.")
    assert hedged["certainty"] == "hedged"
    assert hedged["type"] == "analyst"
    cond = only(nlp, "Selon Le Monde, le ministre aurait démissionné hier soir.")
    assert cond["certainty"] == "conditional"


def test_denial(nlp):
    c = only(nlp, "Le Kremlin a démenti toute implication dans l'attaque.")
    assert c["certainty"] == "denied"
    assert c["source"] == "kremlin"


def test_negated_content(nlp):
    c = only(nlp, "La police a indiqué que rien n'indique un acte criminel.")
    assert c["negated"] is True


def test_negated_cue_is_no_claim(nlp):
    found = claims(nlp, "Le ministre n'a mentionné aucun chiffre lors de sa visite.")
    assert [c for c in found if c["attribution"] != "unattributed"] == []


def test_participle_after_comma_is_its_own_claim(nlp):
    found = claims(
        nlp,
        "Le général Paul Durand a exhorté les soldats à tenir leurs positions, "
        "les qualifiant de héros.",
    )
    cues = {c["cue"]: c for c in found}
    assert cues["a exhorté"]["content"] == "les soldats à tenir leurs positions"
    assert "qualifiant" in cues
    assert cues["qualifiant"]["name"] == "Paul Durand"


@pytest.mark.parametrize(
    "text",
    [
        "Le vent a soufflé toute la nuit sur la côte.",
        "Les enfants jouent dans le parc.",
    ],
)
def test_narration_without_cue_gives_no_attributed_claim(nlp, text):
    assert [c for c in claims(nlp, text) if c["attribution"] != "unattributed"] == []


def test_author_conditional_narration(nlp):
    found = claims(nlp, "Près de 700 salariés seraient concernés par la fermeture.")
    assert found and found[0]["source"] == "author"
    assert found[0]["attribution"] == "unattributed"
    assert found[0]["certainty"] == "conditional"


def test_enumerated_counts_each_get_their_source(nlp):
    found = claims(
        nlp,
        "La marche a rassemblé 12.000 personnes selon les organisateurs, 4.500 selon la "
        "police, et 6.000 selon le cabinet Occurrence.",
    )
    by_content = {c["content"]: c["mention"] for c in found if c["attribution"] == "according_to"}
    assert by_content["4.500"] == "la police"
    assert by_content["6.000"] == "le cabinet Occurrence"


def test_a_en_croire_with_bracketed_figures(nlp):
    found = claims(nlp, "La défaite serait lourde à en croire Ipsos (70 à 100) et Ifop (60 à 90).")
    found = [c for c in found if c["attribution"] != "unattributed"]
    assert sorted(c["name"] for c in found) == ["Ifop", "Ipsos"]
    assert {c["content"] for c in found} == {"La défaite serait lourde"}
    assert {c["certainty"] for c in found} == {"conditional"}


def test_figure_with_source_in_brackets(nlp):
    found = claims(nlp, "Les projections lui donnent 125 à 165 députés (Ipsos) au second tour.")
    bracket = [c for c in found if c["name"] == "Ipsos"]
    assert bracket and bracket[0]["content"].startswith("125 à 165 députés")


def test_quote_after_colon_belongs_to_the_subject(nlp):
    found = claims(
        nlp, 'Marie Leroy, déléguée syndicale, est amère: "On nous a menti pendant des mois."'
    )
    quoted = [c for c in found if c["attribution"] == "direct"]
    assert quoted and quoted[0]["name"] == "Marie Leroy"


def test_quote_then_declaration_of_speaker(nlp):
    found = claims(
        nlp,
        '"Nous devons agir vite face à cette crise sanitaire". Déclaration jeudi de la '
        "ministre de la Santé Claire Martin devant les députés.",
    )
    quoted = [c for c in found if c["attribution"] == "direct"]
    assert quoted and quoted[0]["name"] == "Claire Martin"


def test_dit_on_at_an_institution(nlp):
    c = only(nlp, "Les routes resteront fermées jusqu'à lundi, dit-on à la préfecture du Var.")
    assert c["mention"] == "la préfecture du Var"
    assert c["content"] == "Les routes resteront fermées jusqu'à lundi"


def test_passive_without_agent_is_no_claim(nlp):
    found = claims(nlp, "Le nombre de cas a été estimé à 3000 la semaine dernière.")
    assert [c for c in found if c["attribution"] != "unattributed"] == []


def test_passive_participle_with_agent(nlp):
    c = only(nlp, "Dix ans de prison requis contre l'ancien maire par le parquet de Lyon")
    assert c["content"] == "Dix ans de prison"
    assert "parquet" in c["name"]


def test_relative_pronoun_source_is_its_antecedent(nlp):
    found = claims(
        nlp, "Selon trois instituts qui leur prédisent 200 sièges, le parti arriverait en tête."
    )
    predicted = [c for c in found if c["cue"] == "prédisent"]
    assert predicted and "instituts" in predicted[0]["mention"]


def test_court_ruling_is_not_a_statement(nlp):
    found = claims(nlp, "Le tribunal a condamné l'ancien ministre à deux ans de prison ferme.")
    assert [c for c in found if c["cue"] == "a condamné"] == []


def test_si_clause_and_mais_split_contents(nlp):
    found = claims(
        nlp,
        "Si les pertes sont lourdes, rien n'indique une retraite, a indiqué l'état-major.",
    )
    assert [c["content"] for c in found] == [
        "les pertes sont lourdes",
        "rien n'indique une retraite",
    ]
    assert found[1]["negated"] is True


def test_inverted_quote_with_clitic_pronoun(nlp):
    found = claims(
        nlp,
        "La ministre Anne Dupont a défendu la réforme. « Elle est juste », a-t-elle ajouté.",
    )
    quoted = [c for c in found if c["attribution"] == "direct"]
    assert quoted and quoted[0]["name"] == "Anne Dupont"


def test_passive_with_agent_gives_subject_as_content(nlp):
    c = only(nlp, "Le plan de relance a été annoncé par le ministère de l'Économie mardi.")
    assert c["content"] == "Le plan de relance a été annoncé"
    assert c["mention"] == "le ministère de l'Économie"


def test_communique_speaks_for_its_issuer(nlp):
    c = only(nlp, "Deux soldats ont été tués lors de l'attaque, indique le communiqué de l'armée.")
    assert c["cue"] == "indique"
    assert c["type"] == "military"
    assert c["content"] == "Deux soldats ont été tués lors de l'attaque"


def test_de_source_militaire(nlp):
    c = only(nlp, "Trois drones ont été abattus, de source militaire.")
    assert c["cue"] == "de source"
    assert c["mention"] == "source militaire"
    assert c["type"] == "military"


def test_mistagged_denial_still_a_cue(nlp):
    found = claims(nlp, "700 salariés seraient concernés, mais Stellantis dément tout projet.")
    denial = [c for c in found if c["certainty"] == "denied"]
    assert denial and denial[0]["content"] == "tout projet"
    author = [c for c in found if c["source"] == "author"]
    assert author and author[0]["content"] == "700 salariés seraient concernés"


def test_quote_spanning_sentences(nlp):
    c = only(nlp, "« Nous irons jusqu'au bout. Rien ne nous arrêtera », a déclaré Paul Girard.")
    assert c["attribution"] == "direct"
    assert c["content"] == "Nous irons jusqu'au bout. Rien ne nous arrêtera"


def test_mixed_quote(nlp):
    c = only(
        nlp, "Le ministre a promis des mesures « dans les prochains jours » pour les éleveurs."
    )
    assert c["attribution"] == "mixed"


def test_subject_left_hanging_by_the_parser(nlp):
    found = claims(
        nlp,
        "Selon des sources onusiennes, le convoi a été touché.\n\n"
        "Washington et Paris ont appelé les deux parties à la retenue.",
    )
    appeal = [c for c in found if c["cue"] == "ont appelé"]
    assert [c["name"] for c in appeal] == ["Washington", "Paris"]


def test_finite_verb_parsed_as_modifier(nlp):
    c = only(nlp, "L'agence relève par ailleurs que 12 % des décès concernent des moins de 65 ans.")
    assert c["mention"] == "L'agence"
    assert c["content"].startswith("12 % des décès")


def test_author_claim_for_entity_to_entity_fact(nlp):
    found = claims(nlp, "La Corée du Nord a envoyé des troupes en Russie l'an passé.")
    assert [(c["source"], c["attribution"]) for c in found] == [("author", "unattributed")]


def test_rumour_after_selon_lesquelles_is_no_source(nlp):
    found = claims(
        nlp, "Le ministère a démenti des informations selon lesquelles des patients seraient morts."
    )
    assert [c["cue"] for c in found if c["attribution"] == "according_to"] == []


def test_incise_in_the_middle_of_the_statement(nlp):
    c = only(nlp, "Le rapport d'expertise, a-t-il souligné, évoque plusieurs hypothèses sérieuses.")
    assert c["content"].startswith("Le rapport d'expertise")
    assert c["content"].endswith("plusieurs hypothèses sérieuses")


def test_passive_agent_parsed_as_noun_modifier(nlp):
    found = claims(
        nlp, "La coalition est créditée au mieux de 90 à 120 sièges par Elabe, contre 250 sortants."
    )
    c = [c for c in found if c["name"] == "Elabe"]
    assert c and c[0]["content"].endswith("90 à 120 sièges")


def test_pronominal_verb_outside_the_lexicon_is_no_cue(nlp):
    found = claims(nlp, "Le score du parti s'explique par la progression de l'abstention.")
    assert [c for c in found if c["attribution"] != "unattributed"] == []


def test_inverted_participle_with_clitic_between(nlp):
    found = claims(
        nlp,
        "La présidente, Elena Vargas, s'est rendue sur place.\n\n"
        "« Personne ne sera abandonné », a-t-elle promis devant la presse.",
    )
    quoted = [c for c in found if c["attribution"] == "direct"]
    assert quoted and quoted[0]["content"] == "Personne ne sera abandonné"
    assert quoted[0]["name"] == "Elena Vargas"


def test_subject_with_relative_clause_is_not_inverted(nlp):
    c = only(nlp, "Le groupe, qui emploie 1 350 salariés, a annoncé la suppression de 180 postes.")
    assert c["mention"].startswith("Le groupe")
    assert c["content"] == "la suppression de 180 postes"


def test_participle_tagged_adjective_with_time_word(nlp):
    c = only(nlp, "« Nous restons confiants », a tempéré mardi le directeur sportif.")
    assert c["content"] == "Nous restons confiants"
    assert c["mention"] == "le directeur sportif"


def test_sentence_after_a_glued_full_stop(nlp):
    found = claims(
        nlp, "Le club offrirait 40 M€. L'agent du joueur, Mehdi Saïdi, dément tout contact."
    )
    denial = [c for c in found if c["certainty"] == "denied"]
    assert denial and denial[0]["name"] == "Mehdi Saïdi"


def test_conditional_after_a_past_report_is_asserted(nlp):
    c = only(nlp, "Les députés ont annoncé qu'ils voteraient le texte.")
    assert c["certainty"] == "asserted"


def test_risk_is_a_hedge(nlp):
    c = only(nlp, "Le bilan risque de s'alourdir, a indiqué la préfecture.")
    assert c["certainty"] == "hedged"


def test_inverted_ressort_il_de_names_the_source_after_the_fact(nlp):
    c = only(nlp, "La gauche arrive en tête à Lyon, ressort-il du dernier sondage Elabe.")
    assert c["cue"] == "ressort-il du"
    assert c["content"] == "La gauche arrive en tête à Lyon"
    assert "sondage" in c["name"].lower() or "elabe" in c["name"].lower()


def test_a_risk_named_by_a_noun_is_no_hedge(nlp):
    c = only(nlp, "Le rapport a indiqué que le tabac double le risque de cancer.")
    assert c["certainty"] == "asserted"


def test_a_study_proving_a_finding_is_a_source(nlp):
    c = only(nlp, "Une étude danoise vient de montrer que le sel favorise l'hypertension.")
    assert c["content"].startswith("le sel favorise")
    assert c["source"] != "author"


def test_showing_a_thing_or_a_rising_price_is_no_cue(nlp):
    for text in (
        "Le joueur a montré sa détermination pendant le match.",
        "Le prévenu devra prouver sa bonne foi devant le juge.",
        "Les loyers ont renchéri de 3 % en un an.",
    ):
        assert not [c for c in claims(nlp, text) if c["attribution"] != "unattributed"], text


def test_our_information_is_the_article_and_their_figures_the_speaker(nlp):
    ours = only(nlp, "Selon nos informations, le ministre aurait démissionné.")
    assert ours["source"] == "author"
    found = claims(
        nlp, "Le comité a publié ses chiffres. Le déficit atteint 3 milliards, selon ses calculs."
    )
    assert found[-1]["content"] == "Le déficit atteint 3 milliards"
    assert found[-1]["source"] == found[0]["source"]


def test_pronoun_does_not_refer_to_a_name_inside_the_quote(nlp):
    found = claims(
        nlp,
        "L'entraîneur, Stijn De Vos, a été clair : « Yannick est sous contrat jusqu'en "
        "2027 », a-t-il lâché.",
    )
    assert {c["name"] for c in found if c["attribution"] == "direct"} == {"Stijn De Vos"}


def test_locution_with_adverb_inside(nlp):
    c = only(nlp, "Le ministre met toutefois en garde contre « toute précipitation ».")
    assert c["cue"] == "met toutefois en garde"
    assert c["content"] == "contre « toute précipitation »"


def test_on_apprend_aupres_de(nlp):
    c = only(nlp, "Le suspect a été interpellé, a-t-on appris auprès de la gendarmerie.")
    assert c["mention"] == "la gendarmerie"
    assert c["content"] == "Le suspect a été interpellé"


def test_poll_respondents_are_what_the_poll_says(nlp):
    found = claims(
        nlp,
        "Selon un sondage Elabe publié jeudi, 68 % des Français jugent que la réforme est injuste.",
    )
    assert [c["name"] for c in found] == ["Elabe"]
    assert found[0]["content"].endswith("la réforme est injuste")


def test_unverified_by_independent_source_is_no_claim(nlp):
    found = claims(nlp, "Ces chiffres n'ont pas pu être vérifiés de source indépendante.")
    assert [c for c in found if c["attribution"] == "according_to"] == []
