"""Attribution scopes and agents, on sentences written for the test: a source's
account runs on over sentences with no cue of their own; only agents are sources."""

from __future__ import annotations

import pytest

from pipeline.components.agents import is_agent, without_cleft
from pipeline.components.scopes import carries_on_breakdown
from pipeline.read import Article
from pipeline.tables import doc_tables


def figure_sources(nlp, text: str) -> dict[str, str]:
    doc = nlp(text)
    rows = doc_tables(Article(doc_id="t", path="t.txt", text=text), doc).figures
    return {r["text"]: r["source_id"] for r in rows}


def test_tally_continues_over_the_next_sentence(nlp):
    text = (
        "L'Observatoire national des prisons a recensé 412 évasions en 2023, a indiqué "
        "l'association. Les établissements du Nord en comptent 97 à eux seuls."
    )
    doc = nlp(text)
    scopes = list(doc.spans["scopes"])
    assert len(scopes) == 1 and scopes[0].text.startswith("Les établissements")
    assert scopes[0].kb_id_  # the evidence is kept
    src = figure_sources(nlp, text)
    assert src["412 évasions"] == src["97"] != "author"


def test_poll_results_run_on_over_paragraphs(nlp):
    text = (
        "Selon un sondage de l'institut Harris, le maire sortant arrive en tête avec 34 % "
        "des intentions de vote.\n\nSon principal rival le suit à 29 %, devant la liste "
        "écologiste à 15 %."
    )
    src = figure_sources(nlp, text)
    assert src["29 %"] == src["15 %"] == src["34 %"] != "author"


def test_figure_before_any_attribution_stays_author(nlp):
    text = (
        "L'incendie a détruit 300 hectares de forêt. Selon les pompiers, 40 maisons ont "
        "été évacuées."
    )
    src = figure_sources(nlp, text)
    assert src["300 hectares"] == "author"
    assert src["40 maisons"] != "author"


def test_article_voice_ends_the_account(nlp):
    # two sentences with no figure: the article has moved on to its own narration
    text = (
        "La préfecture a annoncé 12 blessés légers. Les secours sont restés sur place. "
        "La route a rouvert dans la soirée. Le pont avait coûté 8 millions d'euros."
    )
    src = figure_sources(nlp, text)
    assert src["12 blessés légers"] != "author"
    assert src["8 millions d'euros"] == "author"


def test_after_a_quote_the_article_speaks_again(nlp):
    text = (
        "« Nous avons tout fait pour sauver l'usine », a déclaré le maire. "
        "Le site employait 250 salariés."
    )
    assert figure_sources(nlp, text)["250 salariés"] == "author"


def test_intertitle_is_the_article_s_own(nlp):
    text = (
        "Le ministère a annoncé 30 fermetures de classes.\n\n"
        "Près de 500 élèves concernés\n\nLes parents protestent."
    )
    assert figure_sources(nlp, text)["Près de 500 élèves"] == "author"


def test_breakdown_goes_on_after_an_intertitle(nlp):
    text = (
        "La préfecture a annoncé jeudi que les inondations avaient fait 14 morts.\n\n"
        "Plus de 300 sinistrés dans la vallée\n\n"
        "Sur les 14 morts, on recense 9 hommes et 5 femmes.\n\n"
        "Quant aux sinistrés, 120 ont été relogés."
    )
    src = figure_sources(nlp, text)
    assert src["Plus de 300 sinistrés"] == "author"  # the headline is the article's
    assert src["9 hommes"] == src["5 femmes"] == src["120"] == src["14 morts"] != "author"


def test_a_poll_s_method_paragraphs_later_is_the_poll_s(nlp):
    text = (
        "Selon un sondage Ifop publié mardi, 61 % des Français approuvent la réforme.\n\n"
        "Le gouvernement s'en félicite. L'opposition dénonce une manœuvre. Les syndicats "
        "se taisent.\n\n"
        "Les 1 012 personnes sondées ont été interrogées en ligne. La marge d'erreur est "
        "de 3 points."
    )
    src = figure_sources(nlp, text)
    assert src["1 012 personnes sondées"] == src["3 points"] == src["61 %"] != "author"


def test_method_words_without_a_poll_stay_the_article_s(nlp):
    text = (
        "Le maire a annoncé 40 nouveaux logements. Les habitants attendent. Rien ne bouge."
        "\n\nLes 300 riverains interrogés par notre journal sont partagés."
    )
    assert figure_sources(nlp, text)["300 riverains"] == "author"


def test_breakdown_markers(nlp):
    def breakdown(text: str) -> bool:
        return carries_on_breakdown(nlp(text)[:])

    assert breakdown("Sur les 40 blessés, 12 sont des enfants.")
    assert breakdown("Depuis lundi, on recense 52 morts.")
    assert breakdown("Quant aux écoles, elles resteront fermées.")
    assert not breakdown("Les parents protestent devant la mairie.")
    assert not breakdown("On ne sait pas encore quand la route rouvrira.")


def test_agents(nlp):
    def agent(text: str) -> bool:
        return is_agent(nlp(text)[:])

    assert agent("le ministère de la Santé")
    assert agent("l'une des avocates de la défense")
    assert agent("un porte-parole de la mairie")
    assert agent("les chiffres de l'Insee")
    assert not agent("environ la moitié des entreprises")
    assert not agent("les armes livrées")
    assert not agent("14 pays")
    assert not agent("les chiffres")
    assert not agent("tout")
    assert not agent("les produits importés d'Asie")
    assert not agent("une nouvelle fois")


def test_goods_whose_price_rises_are_no_source(nlp):
    text = (
        "Les prix ont augmenté de 2 % en mai, a annoncé l'Insee. Les produits frais ont "
        "renchéri de 4,1 % sur un an."
    )
    src = figure_sources(nlp, text)
    assert src["4,1 %"] == src["2 %"] != "author"


def test_no_claim_from_a_quantity_subject(nlp):
    doc = nlp("Environ la moitié des clubs ont communiqué leurs comptes avant l'été.")
    assert not [c for c in doc._.claims if c.attribution != "unattributed"]


def test_document_speaks_for_its_issuer(nlp):
    doc = nlp(
        "D'après les chiffres communiqués par le rectorat, le taux de grévistes atteint 18 %."
    )
    claim = next(c for c in doc._.claims if c.attribution != "unattributed")
    assert "rectorat" in claim.source_mention.text


def test_cleft_names_its_agent(nlp):
    assert without_cleft(nlp("C'est Julie Martin")[:]).text == "Julie Martin"
    assert without_cleft(nlp("le maire")[:]).text == "le maire"


def test_participle_describing_a_document_is_no_cue_of_the_main_subject(nlp):
    text = (
        "Le PS reprend la tête à Namur, dans les intentions de vote du « Grand Sondage » "
        "Le Matin publié samedi, selon cette enquête semestrielle. Il place les écologistes "
        "à 14 %."
    )
    doc = nlp(text)
    said = [c for c in doc._.claims if c.attribution != "unattributed"]
    assert [c.cue.text for c in said] == ["selon"]
    assert "enquête" in said[0].source_mention.text
    assert figure_sources(nlp, text)["14 %"] == said[0].source.id


def test_sources_an_ngo_relies_on_are_no_cue(nlp):
    doc = nlp(
        "Les combats ont fait 40 morts, a précisé l'ONG, qui s'appuie sur un réseau de "
        "bénévoles et de sources hospitalières."
    )
    said = [c for c in doc._.claims if c.attribution != "unattributed"]
    assert [c.cue.text for c in said] == ["a précisé"]


def test_pollster_giving_a_figure_is_a_cue(nlp):
    doc = nlp("Dans cette enquête, Odoxa donne 41 % au candidat sortant, 22 % à son rival.")
    said = [c for c in doc._.claims if c.attribution != "unattributed"]
    assert [(c.cue.text, c.source_mention.text) for c in said] == [("donne", "Odoxa")]
    assert not [
        c for c in nlp("Il donne 20 euros à son fils.")._.claims if c.attribution != "unattributed"
    ]


def test_dated_pluperfect_background_is_the_article_s_own(nlp):
    text = (
        "Selon l'observatoire sismologique, la secousse a fait 12 morts dans la vallée. "
        "En 1998, un séisme avait fait 60 victimes dans la même région."
    )
    src = figure_sources(nlp, text)
    assert src["12 morts"] != "author"
    assert src["60 victimes"] == "author"


def test_relative_after_a_prepositional_enumeration_gives_each_its_claim(nlp):
    doc = nlp(
        "Le Portugal rejoint ainsi l'Espagne, aux Pays-Bas, au Danemark et à la Grèce, qui "
        "ont déjà promis d'envoyer des pompiers."
    )
    mentions = [c.source_mention.text for c in doc._.claims if c.attribution != "unattributed"]
    assert mentions[-3:] == ["Pays-Bas", "Danemark", "la Grèce"]


def test_prepositional_enumeration(nlp):
    from pipeline.components.sources import prepositional_conjuncts

    doc = nlp("aux États-Unis, au Japon et à la Corée du Sud")
    assert [s.text for s in prepositional_conjuncts(doc[:])] == [
        "États-Unis",
        "Japon",
        "la Corée du Sud",
    ]
    assert prepositional_conjuncts(doc[1:3]) is None


def said(nlp, text):
    return [c for c in nlp(text)._.claims if c.attribution != "unattributed"]


def test_setting_is_no_part_of_the_source(nlp):
    (c,) = said(nlp, "Le gouvernement va geler les loyers, a annoncé la ministre sur France Info.")
    assert c.source_mention.text == "la ministre"


def test_ministere_public_is_an_institution_of_its_own(nlp):
    text = (
        "Le tribunal de Rennes a entendu les témoins mardi, a indiqué la greffe. "
        "Le ministère public a requis trois ans de prison contre le prévenu."
    )
    last = said(nlp, text)[-1]
    assert "ministère public" in last.source.name.lower()


@pytest.mark.parametrize(
    "text",
    [
        # the description is not the lawyer named before
        "Me Laurent Vidal a plaidé l'acquittement pendant une heure. L'avocat général a "
        "ensuite requis douze ans de réclusion.",
        # nor is the pronoun after it
        "Après Me Laurent Vidal, l'avocat général a évoqué le passé du prévenu. "
        "« Il n'a jamais cessé de mentir », a-t-il affirmé.",
    ],
)
def test_prosecutor_is_not_the_lawyer_named_before(nlp, text):
    last = said(nlp, text)[-1]
    assert last.source.id != "me_laurent_vidal"
    assert "avocat général" in last.source.name.lower()


def test_nationality_noun_stands_for_the_person_named_before(nlp):
    text = (
        "Le transfert a été salué par l'entraîneur Carlo Ancelotti. « C'est un grand "
        "joueur pour Madrid », a confié l'Italien dans les colonnes de Marca."
    )
    assert said(nlp, text)[-1].source.name == "Carlo Ancelotti"


def test_pollster_giving_seats_through_a_clitic(nlp):
    (c,) = said(
        nlp, "Dans le pire des cas, Harris leur donne 12 à 20 sièges, les autres instituts 25."
    )
    assert c.source_mention.text == "Harris"
    assert c.content.text == "12 à 20 sièges"


def test_participle_naming_what_was_confirmed(nlp):
    text = (
        "« Le bilan est de deux morts », a déclaré une source policière. Une autre source "
        "policière a confirmé, parlant de « bilan provisoire ». Selon cette dernière source, "
        "« trois blessés sont hospitalisés »."
    )
    found = said(nlp, text)
    assert [c.content.text for c in found][1] == "bilan provisoire"
    assert found[2].source.id == found[1].source.id != found[0].source.id


def test_cest_ce_qua_confirme_gives_the_sentence_before(nlp):
    text = (
        "Les engins tirés mardi ont parcouru environ 450 km. C’est ce qu’a confirmé, "
        "mercredi, l’état-major sud-coréen au cours d’un point presse."
    )
    (c,) = said(nlp, text)
    assert c.source_mention.text == "l’état-major sud-coréen"
    assert c.content.text == "Les engins tirés mardi ont parcouru environ 450 km"
    assert figure_sources(nlp, text)["environ 450 km"] == c.source.id


def test_past_relative_on_a_noun_is_background(nlp):
    text = (
        "Selon l'institut, le maire sortant obtient 41 % des voix. Il devance son rival, "
        "loin du score de l'élection de 2014, durant laquelle la liste avait obtenu 55 %."
    )
    src = figure_sources(nlp, text)
    assert src["41 %"] != "author"
    assert src["55 %"] == "author"


def test_another_named_agent_acting_ends_the_account(nlp):
    text = (
        "Mardi, le groupe Renault a publié un chiffre d'affaires de 12 milliards d'euros, "
        "en hausse de 4 %. Le constructeur Stellantis a affiché une marge de 9 % sur le "
        "semestre."
    )
    src = figure_sources(nlp, text)
    assert src["4 %"] != "author"
    assert src["9 %"] == "author"


def test_a_poll_goes_on_over_the_parties_it_measures(nlp):
    text = (
        "Selon un sondage de l'institut Harris publié jeudi, le Parti socialiste obtient "
        "31 % des intentions de vote. Les Républicains recueillent 22 %."
    )
    src = figure_sources(nlp, text)
    assert src["22 %"] == src["31 %"] != "author"


def test_what_a_place_is_stays_the_article_s_own(nlp):
    text = (
        "Le ministère de l'Intérieur a annoncé que 25 migrants avaient été secourus. "
        "Douze ont été débarqués à Lampedusa, une île à environ 200 kilomètres des côtes "
        "tunisiennes, et treize à Malte."
    )
    src = figure_sources(nlp, text)
    assert src["Douze"] == src["25 migrants"] != "author"
    assert src["environ 200 kilomètres"] == "author"


def test_a_standfirst_line_opens_no_account_in_the_body(nlp):
    text = (
        "Les chiffres de l'Observatoire montrent que les loyers n'ont jamais été aussi hauts\n\n"
        "Les loyers ont grimpé de 7 % en un an dans la capitale. La hausse touche "
        "aussi les studios, d'après l'Observatoire."
    )
    src = figure_sources(nlp, text)
    assert src["7 %"] == "author"
