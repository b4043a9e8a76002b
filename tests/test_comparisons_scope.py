"""What sets two figures apart, or does not, on real text: a country named around the
article's city, a nationality beside a figure, a part of another figure, a share's
level of schooling, dates given only as points of reference, another year, a
change in points. Sentences written for these tests."""

from __future__ import annotations

from pipeline.comparisons import FigureContext, FigureRecord, comparison_rows, figure_records
from pipeline.comparisons.component import doc_figure_contexts
from pipeline.comparisons.words import holds
from pipeline.read import make_article
from pipeline.tables import doc_tables, format_number
from tests.test_comparisons import _record
from tests.test_comparisons_context import groups


def _rows(nlp, text: str) -> list[dict]:
    """The comparison rows of one article."""
    tables = doc_tables(make_article("a0", text), nlp(text))
    records = figure_records(0, tables.document, tables.figures, tables.figure_context)
    return comparison_rows(list(records), format_number)


def _contexts(nlp, text: str) -> list[dict]:
    return doc_figure_contexts(nlp(text))


def test_a_country_named_around_the_headline_city_sets_no_count_apart(nlp):
    # the préfecture's count carries Lyon from the headline; the union's sentence names
    # only the country around it
    text = (
        "Grève à Lyon : un long cortège sous la pluie\n\n"
        "Selon la préfecture, 12 000 personnes ont défilé mardi dans le centre-ville. "
        "La CGT annonçait pour sa part 30 000 personnes, un record en France depuis des années.\n"
    )
    rows = _rows(nlp, text)
    assert [rel for rel, _ in groups(rows)] == ["disagree"]
    assert holds("france", "lyon") and not holds("lyon", "france")


def test_a_city_named_in_its_sentence_is_another_count_than_the_country(nlp):
    text = (
        "Grève : une mobilisation en France\n\n"
        "Selon la CGT, 600 000 personnes ont manifesté mardi. "
        "À Lyon, 250 000 personnes ont défilé mardi selon la préfecture.\n"
    )
    rows = _rows(nlp, text)
    assert rows == []


def test_a_nationality_beside_a_figure_says_whose_it_is(nlp):
    # "les Ukrainiens" is a source here, yet "drones ukrainiens" names whose drones
    text = (
        "L'armée russe affirme avoir détruit 45 drones ukrainiens dans la nuit. "
        "Les Ukrainiens disent avoir intercepté 38 drones russes."
    )
    contexts = _contexts(nlp, text)
    assert [c["groups"] for c in contexts] == [["ukrainien"], ["russe"]]


def test_a_figure_of_another_is_a_part_of_it(nlp):
    contexts = _contexts(
        nlp, "Les gardes-côtes ont secouru 35 des 90 passagers, dont 12 d'entre eux blessés."
    )
    assert contexts[0]["marker"] == "part"
    assert _contexts(nlp, "Selon les pompiers, 14 d'entre eux sont morts.")[0]["marker"] == "part"
    # a share "d'entre eux" is the share of them, no part of a count
    assert _contexts(nlp, "Environ 40 % d'entre eux étaient absents.")[0]["marker"] == ""


def test_a_level_of_schooling_in_figures_labels_a_share(nlp):
    assert _contexts(nlp, "On comptait 30 % de grévistes dans le 1er degré.")[0]["labels"] == [
        "primaire"
    ]
    assert _contexts(nlp, "Ils étaient 21 % dans le 2nd degré.")[0]["labels"] == ["secondaire"]


def test_dates_given_only_as_references_do_not_take_the_sentence_before(nlp):
    text = (
        "Le syndicat avait revendiqué 400 000 manifestants (le 12 mars). "
        "La police a compté 90 000 manifestants, le plus fort total depuis le 3 février."
    )
    assert [c["periods"] for c in _contexts(nlp, text)] == [["12 mars"], []]
    # a sentence before without figures dates the one after ("alors")
    text = (
        "Le record date du 9 mai 2018. Le taux de grévistes avait alors atteint 47 %, "
        "du jamais-vu depuis 2001."
    )
    assert "9 mai 2018" in _contexts(nlp, text)[0]["periods"]


def _dated(source: str, value: float, year: str, index: int, published: str) -> FigureRecord:
    context = FigureContext(measure="%", periods=(year,) if year else (), labels=("primaire",))
    return FigureRecord(
        0, "d0", index, f"f{index + 1}", index, source, source, value, None, "%", "percent",
        False, "", f"{value:.0%}", published, context,
    )  # fmt: skip


def test_a_year_named_sets_a_figure_apart_from_another_years():
    # 2019's record in an article of 2024 against this year's count of a union
    record = _dated("ministere", 0.51, "2019", 0, "2024-03-07")
    today = _dated("fsu", 0.6, "", 1, "2024-03-07")
    assert comparison_rows([record, today]) == []
    assert {
        r["relation"]
        for r in comparison_rows([_dated("ministere", 0.4, "", 0, "2024-03-07"), today])
    } == {"disagree"}


def test_a_change_in_points_in_two_sentences_needs_a_label():
    base = {"places": ("france",)}
    up = _record("insee", 0.2, measure="point", **base)
    other = _record("dares", 0.5, index=1, sent=3, measure="point", **base)
    assert comparison_rows([up, other]) == []
    young = {"labels": ("jeune",), **base}
    a = _record("insee", 0.2, measure="point", **young)
    b = _record("dares", 0.5, index=1, sent=3, measure="point", **young)
    assert {r["relation"] for r in comparison_rows([a, b])} == {"disagree"}


def test_a_repeat_of_a_disputed_value_is_set_against_the_other_source_too(nlp):
    # a gap of nine times is trusted in one sentence; the union's repeat in another
    # paragraph, where so wide a gap alone would not be, is the same claim
    text = (
        "Retraites : la mobilisation à Nantes\n\n"
        "À Nantes, 400 000 personnes ont défilé selon la CGT, 45 000 selon la police.\n\n"
        "Mardi soir, la CGT a affirmé que 400 000 personnes avaient défilé.\n"
    )
    groups_ = {}
    for r in _rows(nlp, text):
        groups_.setdefault(r["group_id"], set()).add((r["relation"], r["figure_id"]))
    assert sorted(sorted(g) for g in groups_.values()) == [
        [("disagree", "f1"), ("disagree", "f2")],
        [("disagree", "f2"), ("disagree", "f3")],
    ]


def test_a_study_and_its_authors_are_one_source_in_one_article():
    study = _record("etude_americaine", 0.4, measure="%", labels=("cancer",))
    authors = _record("auteurs", 0.5, index=1, sent=5, measure="%", labels=("cancer",))
    assert comparison_rows([study, authors]) == []
    # two studies: their authors may be either's
    other = _record("rapport_de_l_oms", 0.3, index=2, sent=7, measure="%", labels=("cancer",))
    assert comparison_rows([study, authors, other]) != []
