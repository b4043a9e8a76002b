"""Every way French news writes a number (issue 12): one parametrised table per family, on
sentences written for these tests. Each row: sentence, anchor (a substring of the figure's
span), value, value_max, unit, approx, qualifier (None: not checked)."""

from __future__ import annotations

import time

import pytest

from pipeline.figures_parse import scan
from pipeline.numerals import parse_digits, read_words
from tests.test_figures import fig_nlp, figures  # noqa: F401  (the shared fixture)

NBSP, NNBSP = "\u00a0", "\u202f"


def check(nlp, text, anchor, value, value_max, unit, approx, qualifier):
    found = [(t, f) for t, f in figures(nlp, text) if anchor in t]
    assert len(found) == 1, f"{anchor!r} in {figures(nlp, text)}"
    fig = found[0][1]
    assert fig.value == pytest.approx(value)
    assert fig.value_max == (None if value_max is None else pytest.approx(value_max))
    if unit is not None:
        assert fig.unit == unit
    assert fig.approx is approx
    if qualifier is not None:
        assert fig.qualifier == qualifier


THOUSANDS = [
    ("Le canton compte 824’000 habitants.", "824’000", 824_000, None, "habitants", False, ""),
    ("La manifestation a réuni 30'000 personnes.", "30'000", 30_000, None, "personnes", False, ""),
    ("Le fonds pèse 1'250'000 francs.", "1'250'000", 1_250_000, None, "francs", False, ""),
    (
        "La dette atteint 1 234 567,89 euros.",
        "1 234 567,89",
        1_234_567.89,
        None,
        "euros",
        False,
        "",
    ),
    (f"Il a versé 6{NBSP}700,54 euros.", "700,54", 6700.54, None, "euros", False, ""),
    ("La caution s'élève à 10 000,00 $.", "10 000,00", 10_000, None, "$", False, ""),
    (f"Le lac couvre 4{NNBSP}486,8 hectares.", "486,8", 4486.8, None, "hectares", False, ""),
    (
        "La récolte a rapporté 2.345.678,5 euros.",
        "2.345.678,5",
        2_345_678.5,
        None,
        "euros",
        False,
        "",
    ),
]

SCALES = [
    ("Un million et demi de fidèles sont attendus.", "demi", 1.5e6, None, "fidèles", False, ""),
    ("Trois millions et demi de foyers sont concernés.", "demi", 3.5e6, None, "foyers", False, ""),
    ("Un demi-million de réfugiés ont fui.", "demi-million", 5e5, None, "réfugiés", False, ""),
    ("L'État prêtera 1,5 million d'euros.", "1,5 million", 1.5e6, None, "euros", False, ""),
    ("La dette dépasse un billion d'euros.", "billion", 1e12, None, "euros", True, None),
    ("Le plan coûtera deux milliards d'euros.", "milliards", 2e9, None, "euros", False, ""),
    ("Ils ont récolté 2 millions et demi de dollars.", "demi", 2.5e6, None, "dollars", False, ""),
    ("La ville a reçu 4,2 milliards de subventions.", "4,2", 4.2e9, None, "subventions", False, ""),
]

RATIOS = [
    ("Un salarié sur trois travaille le dimanche.", "sur trois", 1 / 3, None, None, False, ""),
    ("Selon l'étude, 1 sur 3 renonce aux soins.", "1 sur 3", 1 / 3, None, None, False, ""),
    ("Un Français sur cinq vit seul.", "sur cinq", 0.2, None, "Français", False, ""),
    ("Deux élèves sur dix redoublent.", "sur dix", 0.2, None, "élèves", False, ""),
    ("Le plan supprime 130 emplois sur deux sites.", "130", 130, None, "emplois", False, ""),
]

FRACTIONS = [
    ("La réunion a duré deux heures et demie.", "et demie", 2.5, None, "heures", False, ""),
    ("Un cinquième des votants a voté blanc.", "cinquième", 0.2, None, "votants", False, ""),
    ("Trois cinquièmes des députés ont approuvé.", "cinquièmes", 0.6, None, "députés", False, ""),
    ("Trois quarts des habitants sont satisfaits.", "quarts", 0.75, None, "habitants", False, ""),
    ("Il a bu un demi de bière.", "un demi", 0.5, None, None, False, ""),
    ("Les 3/4 des communes sont rurales.", "3/4", 0.75, None, "communes", False, ""),
    ("La course a duré 2 1/4 heures.", "2 1/4", 2.25, None, "heures", False, ""),
    ("Il a marché cinq et un quart kilomètres.", "cinq et un quart", 5.25, None, None, False, ""),
    ("Le colis pèse un et demi kilo.", "un et demi", 1.5, None, None, False, ""),
    (
        "Il reste cent et trois quarts litres.",
        "cent et trois quarts",
        100.75,
        None,
        None,
        False,
        "",
    ),
]

PERCENT = [
    ("Les prix ont augmenté de 12 pour cent.", "12 pour cent", 0.12, None, "%", False, ""),
    ("Le chômage touche 8 pour-cent des actifs.", "8 pour-cent", 0.08, None, "%", False, ""),
    ("La hausse atteint 15 pourcents cette année.", "15 pourcents", 0.15, None, "%", False, ""),
    ("Vingt pour cent des électeurs hésitent.", "Vingt pour cent", 0.2, None, "%", False, ""),
    ("La croissance sera de deux virgule cinq pour cent.", "virgule", 0.025, None, "%", False, ""),
    ("Le taux est de un virgule zéro cinq pour cent.", "virgule", 0.0105, None, "%", False, ""),
    ("Le lac mesure trois virgule deux kilomètres.", "virgule", 3.2, None, "kilomètres", False, ""),
]

REGIONAL = [
    ("Septante personnes ont été évacuées.", "Septante", 70, None, "personnes", False, ""),
    ("Le village compte nonante-deux maisons.", "nonante-deux", 92, None, "maisons", False, ""),
    ("Huitante candidats se présentent.", "Huitante", 80, None, "candidats", False, ""),
    ("Il a soixante et onze ans.", "soixante et onze", 71, None, "ans", False, ""),
    ("Il a acheté deux douzaines d'œufs.", "douzaines", 24, None, None, True, None),
    ("Une douzaine de policiers sont arrivés.", "douzaine", 12, None, "policiers", True, None),
    ("Des douzaines de lettres sont arrivées.", "douzaines", 12, None, "lettres", True, None),
    ("Le témoin parle de « vingtaine de blessés ».", "vingtaine", 20, None, "blessés", True, None),
    ("Les secours ont dégagé neuf corps des décombres.", "neuf", 9, None, "corps", False, ""),
]

MONEY_UNITS = [
    ("Le billet coûte € 1000 au marché noir.", "1000", 1000, None, "€", False, ""),
    ("L'amende est de EUR 20 par jour.", "20", 20, None, "EUR", False, ""),
    ("Le titre a clôturé à USD 1,23.", "1,23", 1.23, None, "USD", False, ""),
    ("Le groupe a levé 40 M€ cette année.", "40", 40e6, None, "€", False, ""),
    ("La start-up vaut 2 Md$ en Bourse.", "2", 2e9, None, "$", False, ""),
    ("Le prix atteint 10 k€ par mois.", "10", 10e3, None, "€", False, ""),
    ("Le compte a gagné 10k abonnés en un mois.", "10k", 10e3, None, "abonnés", False, ""),
    ("Le repas coûte 15 dollars et 15 cents.", "15 cents", 15.15, None, "dollars", False, ""),
    ("Chaque flacon contient 75ml de produit.", "75ml", 75, None, "ml", False, ""),
    ("Le tunnel mesure 2,5 km de long.", "2,5 km", 2.5, None, "km", False, ""),
    ("Le loyer est de 850 CHF par mois.", "850 CHF", 850, None, "CHF", False, ""),
]

SIGNS = [
    ("Il a fait moins 10 degrés cette nuit.", "moins 10", -10, None, None, False, ""),
    ("Le thermomètre affiche - 10 °C au sommet.", "- 10", -10, None, "°C", False, ""),
    ("Il fait 10 degrés en dessous de zéro.", "zéro", -10, None, "degrés", False, ""),
    ("Le mercure est tombé à 5 degrés sous zéro.", "sous zéro", -5, None, "degrés", False, ""),
    ("Les ventes ont varié de moins 3 %.", "moins 3", -0.03, None, "%", False, ""),
]

RANGES = [
    (
        "Le seuil est supérieur à 100 et inférieur à 300 personnes.",
        "100",
        100,
        300,
        None,
        True,
        None,
    ),
    ("Il faut au plus 100 et au moins 20 bénévoles.", "100", 20, 100, None, True, None),
    ("Le billet coûte 10 - 20 euros selon la date.", "10 - 20", 10, 20, "euros", False, ""),
    ("La place coûte entre 10 euros et 20 euros.", "entre 10", 10, 20, "euros", False, ""),
    ("Les usines emploient de 1000 à 5000 salariés.", "1000 à 5000", 1000, 5000, None, False, ""),
    ("Les lots vont de 1000 à 5000.", "1000 à 5000", 1000, 5000, None, False, ""),
    ("Il faudra deux à trois millions de doses.", "deux à trois", 2e6, 3e6, "doses", False, ""),
]

OPEN_BOUNDS = [
    ("Les groupes de 200 ou plus sont interdits.", "200 ou plus", 200, None, None, True, "ou plus"),
    ("Il faut un score supérieur ou égal à 30 points.", "30", 30, None, "points", True, None),
    ("Le texte a obtenu au moins de 194 voix.", "194", 194, None, "voix", True, "au moins de"),
    ("Le groupe compte 50 membres au moins.", "50", 50, None, None, True, None),
    ("On attend 300 personnes au maximum.", "300", 300, 300, None, True, None),
    ("Il restera 12 sièges ou moins.", "12", 12, 12, None, True, None),
    ("Les travaux coûteront 10 000 euros environ.", "environ", 10_000, None, "euros", True, None),
]

NOT_FIGURES = [
    "Il est arrivé en France en 01/1995 avec sa famille.",
    "Le procès s'est ouvert le 17/05/2018 à Lyon.",
    "Appelez le 01 45 67 89 12 pour vous inscrire.",
    "Le standard répond au +33 6 12 34 56 78 le matin.",
    "Le numéro suisse est le 079 123 45 67.",
    "Le vingt et unième siècle commence à peine.",
    "Elle fête son vingt-cinquième anniversaire.",
    "Il entame un cinquième mandat de maire.",
    "Le taux est exprimé en pour cent dans le rapport.",
    "Les mille-pattes envahissent le jardin.",
]

ALL = [
    (name, row)
    for name, table in (
        ("thousands", THOUSANDS),
        ("scales", SCALES),
        ("ratios", RATIOS),
        ("fractions", FRACTIONS),
        ("percent", PERCENT),
        ("regional", REGIONAL),
        ("money_units", MONEY_UNITS),
        ("signs", SIGNS),
        ("ranges", RANGES),
        ("open_bounds", OPEN_BOUNDS),
    )
    for row in table
]


@pytest.mark.parametrize("family, row", ALL, ids=[f"{f}:{r[1]}" for f, r in ALL])
def test_number_family(fig_nlp, family, row):  # noqa: F811
    check(fig_nlp, *row)


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_a_figure(fig_nlp, text):  # noqa: F811
    assert figures(fig_nlp, text) == []


@pytest.mark.parametrize(
    "text, value, kind",
    [
        ("quatre-vingt-dix-sept", 97, "cardinal"),
        ("deux cent mille trois", 200_003, "cardinal"),
        ("trois billions", 3 * 10**12, "cardinal"),
        ("mille milliards", 10**12, "cardinal"),
        ("deux virgule cinq millions", 2_500_000, "cardinal"),
        ("deux tiers", 2 / 3, "fraction"),
        ("trente et unième", 0, "ordinal"),
    ],
)
def test_read_words(text, value, kind):
    found = read_words(text, 0)
    assert found is not None and found.kind == kind
    assert float(found.value) == pytest.approx(value)


def test_two_numbers_in_a_row_are_two():
    """text2num says where one number stops: "deux trois" is two numbers."""
    assert [float(r.value) for r in scan("deux trois")] == [2.0, 3.0]


@pytest.mark.slow
def test_cost_is_linear_in_number_runs(fig_nlp):  # noqa: F811
    """50 kB of "1 " tokens and a 200 000-digit run take seconds, not minutes (issue 13)."""
    # the figures component alone on an untagged Doc: no tagger cost, and no noun to stop
    # the look-backs, the case that was quadratic
    doc = fig_nlp.make_doc("1 " * 25_000)
    start = time.perf_counter()
    doc = fig_nlp.get_pipe("figures")(doc)
    assert len(doc.spans["figures"]) == 25_000
    assert time.perf_counter() - start < 30  # (quadratic, it took minutes)
    start = time.perf_counter()
    assert scan("x " + "7" * 200_000 + " y") == []
    assert scan(("12 " * 40 + "\n") * 500)  # many short runs
    assert time.perf_counter() - start < 10
    assert parse_digits("9" * 40) is not None  # the parser itself has no cap; the scanner does
