"""What a figure measures, read from its own sentences (the figure_contexts component),
and the comparisons that follow: overlapping ranges under different names, earlier
tolls, disputed tolls across articles, levels of schooling worded two ways, a source's
repeats. Sentences written for these tests."""

from __future__ import annotations

import pytest

from pipeline.comparisons import comparison_rows, figure_records
from pipeline.comparisons.component import doc_figure_contexts
from pipeline.comparisons.context import label_classes
from pipeline.comparisons.words import BY_EVENT, event_measures, measure_of
from pipeline.read import make_article
from pipeline.tables import doc_tables, format_number
from tests.test_comparisons import _record


@pytest.fixture(scope="module")
def compare(nlp):
    """Texts → (figure contexts of each, comparison rows over all of them)."""

    def run(*texts: str) -> tuple[list[list[dict]], list[dict]]:
        contexts, records = [], []
        for n, text in enumerate(texts):
            tables = doc_tables(make_article(f"a{n}", text), nlp(text))
            contexts.append(tables.figure_context)
            records += figure_records(n, tables.document, tables.figures, tables.figure_context)
        return contexts, comparison_rows(records, format_number)

    return run


def groups(rows: list[dict]) -> list[tuple[str, list[tuple[str, str]]]]:
    out: dict[str, tuple[str, list]] = {}
    for r in rows:
        out.setdefault(r["group_id"], (r["relation"], []))[1].append((r["source_id"], r["value"]))
    return sorted((rel, sorted(m)) for rel, m in out.values())


def test_the_component_sets_the_contexts_on_the_doc(nlp):
    doc = nlp("À Brest, 2 500 personnes ont défilé samedi selon la préfecture.")
    (context,) = doc_figure_contexts(doc)
    assert (context["measure"], context["places"], context["periods"]) == (
        "personne",
        ["brest"],
        ["samedi"],
    )
    assert nlp.pipe_names[-1] == "figure_contexts"


def test_overlapping_ranges_under_two_names_estimate_one_thing(compare):
    # the lead names the party, the next paragraph its leader: the ranges say it
    text = (
        "Municipales : les projections\n\nLe Parti vert obtiendrait entre 120 et 160 sièges "
        "au conseil, selon Ipsos.\n\nLe mouvement de Julie Marchand décrocherait de 130 à 150 "
        "sièges selon Ifop, et de 125 à 155 sièges d'après Elabe.\n"
    )
    _, rows = compare(text)
    assert ("agree", [("elabe", "125"), ("ipsos", "120")]) in groups(rows)
    assert {r["relation"] for r in rows} == {"agree"}


def test_an_earlier_toll_is_no_counter_figure(compare):
    text = (
        "Tempête dans le Finistère\n\nSelon la préfecture, la tempête a fait 9 morts et 4 "
        "blessés graves. Un précédent bilan de la gendarmerie faisait état de 6 morts et 4 "
        "blessés graves, sans précédent dans la région.\n"
    )
    (contexts,), rows = compare(text)
    assert [c["marker"] for c in contexts] == ["", "", "earlier", "earlier"]
    assert rows == []


def test_a_toll_disputed_by_an_order_of_magnitude_across_articles(compare):
    ministry = (
        "Explosion à Kaboul\n\nSelon le ministère de la Santé, l'explosion survenue à Kaboul "
        "a fait 300 morts.\n"
    )
    diplomat = (
        "Kaboul : le bilan contesté\n\nUn diplomate occidental estime que l'explosion de "
        "Kaboul a fait entre 20 et 40 morts.\n"
    )
    _, rows = compare(ministry, diplomat)
    assert [(rel, [s for s, _ in m]) for rel, m in groups(rows)] == [
        ("disagree", ["diplomate_occidental", "ministere_de_la_sante"])
    ]


def test_one_level_of_schooling_worded_two_ways(compare):
    text = (
        "Grève dans l'éducation\n\nSelon le ministère, 28 % de grévistes dans le premier "
        "degré mardi. Le syndicat Snuipp avance 45 % de grévistes dans les écoles primaires.\n"
    )
    (contexts,), rows = compare(text)
    assert [c["labels"] for c in contexts] == [["primaire"], ["primaire"]]
    assert groups(rows) == [("disagree", [("ministere", "0.28"), ("syndicat_snuipp", "0.45")])]
    assert label_classes(["second", "degre"]) == label_classes(["lycee"]) == ["secondaire"]


def test_a_noun_that_names_no_counted_thing_takes_the_measure_of_the_event():
    assert measure_of("fourchette") == measure_of("bilan") == BY_EVENT
    assert event_measures()["killed"] == measure_of("morts")


def test_a_sources_repeat_carries_its_comparisons_to_other_articles():
    # the headline's figures name no place; the body repeats them for France, and
    # another article gives the same two counts for France
    france = {"places": ("france",)}
    rows = comparison_rows(
        [
            _record("ministere", 1280000),
            _record("cgt", 3500000, index=1),
            _record("ministere", 1280000, index=2, sent=3, **france),
            _record("cgt", 3500000, index=3, sent=3, **france),
            _record("ministere", 1280000, doc=1, **france),
            _record("cgt", 3500000, doc=1, index=1, **france),
        ]
    )
    headline = {("d0", "f1"), ("d0", "f2")}
    linked = {
        (r["doc_id"], r["figure_id"])
        for r in rows
        if r["group_id"] in {g["group_id"] for g in rows if g["doc_id"] == "d1"}
    }
    assert headline <= linked
    assert {r["relation"] for r in rows} == {"disagree"}


def test_places_both_taken_from_other_sentences_do_not_contradict():
    # one article: a country from the headline, a town from the sentence before
    soldiers = {"measure": "soldat"}
    country = _record("armee", 3, places=("burkina faso",), **soldiers)
    town = _record("source_locale", 3, index=1, sent=4, places=("bouroum",), **soldiers)
    assert [r["relation"] for r in comparison_rows([country, town])] == ["agree"] * 2
    named = _record(
        "source_locale", 3, index=1, sent=4, places=("bouroum",), placed=True, **soldiers
    )
    assert comparison_rows([country, named]) == []
