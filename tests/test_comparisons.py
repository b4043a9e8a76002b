"""Comparisons: figures of different sources that measure the same quantity, within an
article and across articles, in comparisons.csv (SCHEMA.md). Sentences written for
these tests."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from pipeline.batch import run_corpus
from pipeline.comparisons import COLUMNS, FigureContext, FigureRecord, comparison_rows
from pipeline.comparisons.context import measure_of
from pipeline.comparisons.values import compatible, interval
from pipeline.tables import write_csv

ARTICLES = {
    "2025/manif-lille": (
        "Manifestation contre la réforme à Lille\n\nJeudi, 12 000 manifestants ont défilé à "
        "Lille selon la préfecture, 30 000 selon les syndicats. À Rouen, la police a compté "
        "4 000 personnes.\n"
    ),
    "2025/manif-lille-cgt": (
        "Lille : la CGT revendique 30 000 manifestants\n\nLa CGT a affirmé que 30 000 "
        "manifestants avaient défilé jeudi à Lille. Selon la police, ils étaient 11 000 à "
        "Lille, dont 2 000 étudiants.\n"
    ),
    "2025/seisme": (
        "Séisme au Maroc\n\nLe séisme a fait 120 morts et 300 blessés, selon le ministère "
        "de l'Intérieur. La Croix-Rouge évoque plus de 150 morts.\n"
    ),
}


def rows_of(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def groups_of(rows: list[dict]) -> dict[str, tuple[str, set]]:
    out: dict[str, tuple[str, set]] = {}
    for r in rows:
        rel, members = out.setdefault(r["group_id"], (r["relation"], set()))
        members.add((r["doc_id"], r["source_id"], r["value"]))
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    for doc_id, text in ARTICLES.items():
        (root / f"{doc_id}.txt").parent.mkdir(parents=True, exist_ok=True)
        (root / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def out(corpus, tmp_path_factory, nlp) -> Path:
    out = tmp_path_factory.mktemp("out")
    run_corpus(corpus, out)
    return out


def test_intervals_follow_hedges_ranges_and_bounds():
    assert interval(15000, approx=True, qualifier="environ") == (13500, 16500)
    assert interval(36000, None, True, "plus de") == (36000, math.inf)
    assert interval(50, 50, True, "moins de") == (0, 50)
    # "des dizaines de blessés" is several tens: 13 is not among them
    assert not compatible(interval(10, None, True, "des dizaines"), interval(13))
    assert compatible(interval(3, None, True, "au moins"), interval(3))
    assert compatible(interval(230, 280), interval(240, 270))
    assert not compatible(interval(180, 200), interval(125, 165))
    # "près de 400 km" is a little under 400: not the 600 km of another source
    assert not compatible(interval(400, None, True, "près de"), interval(600))


def test_synonyms_fold_onto_one_measure():
    assert measure_of("troupes") == measure_of("militaires") == measure_of("soldats")
    assert measure_of("élus") == measure_of("députés") == measure_of("sièges")
    assert measure_of("morts") != measure_of("blessés")


def _record(source, value, *, doc=0, index=0, sent=0, measure="manifestant", text="", **context):
    return FigureRecord(
        doc, f"d{doc}", index, f"f{index + 1}", sent, source, source, float(value), None,
        "manifestants", "protesters", False, "", text or str(value), "",
        FigureContext(measure=measure, **context),
    )  # fmt: skip


def test_one_source_alone_or_two_places_make_no_group():
    lille = {"places": ("lille",)}
    one_source = [_record("police", 100, **lille), _record("police", 300, index=1, **lille)]
    assert comparison_rows(one_source) == []
    rouen = _record("cgt", 250, index=1, sent=1, places=("rouen",))
    assert comparison_rows([_record("police", 200, **lille), rouen]) == []


def test_rows_of_a_run_group_sources_within_and_across_articles(out):
    rows = rows_of(out / "comparisons.csv")
    assert list(rows[0]) == list(COLUMNS)
    groups = groups_of(rows)
    relations = {frozenset(m): rel for rel, m in groups.values()}
    # in one article: the préfecture against the unions in one sentence
    inside = {
        ("2025/manif-lille", "prefecture", "12000"),
        ("2025/manif-lille", "syndicats", "30000"),
    }
    assert any(inside <= m and rel == "disagree" for m, rel in relations.items())
    # across articles: the unions' 30 000 and the CGT's 30 000 agree
    agree = [m for m, rel in relations.items() if rel == "agree"]
    assert any(
        ("2025/manif-lille", "syndicats", "30000") in m
        and ("2025/manif-lille-cgt", "cgt", "30000") in m
        for m in agree
    )
    # killed against killed only; the wounded and the Rouen count have no counterpart
    seisme = [m for m in relations if any(d == "2025/seisme" for d, _, _ in m)]
    assert [sorted(v for _, _, v in m) for m in seisme] == [["120", "150"]]
    assert not any(v == "4000" for m in relations for _, _, v in m)
    # group ids in corpus order, every group with two sources or more
    assert [r["group_id"] for r in rows] == sorted(
        (r["group_id"] for r in rows), key=lambda g: int(g[1:])
    )
    assert all(len({s for _, s, _ in m}) > 1 for m in relations)


def test_comparisons_are_the_same_after_an_incremental_rerun(corpus, out, tmp_path, nlp):
    again = tmp_path / "again"
    run_corpus(corpus, again, incremental=True)
    first = (again / "comparisons.csv").read_bytes()
    summary = run_corpus(corpus, again, incremental=True)  # every row from the manifest
    assert summary.unchanged == len(ARTICLES)
    assert (
        (again / "comparisons.csv").read_bytes() == first == (out / "comparisons.csv").read_bytes()
    )


def test_text_cells_are_neutralised(tmp_path):
    a = _record("s1", 5, text="=5 morts", places=("x",))
    b = _record("s2", 9, index=1, places=("x",))
    write_csv(tmp_path / "c.csv", list(COLUMNS), comparison_rows([a, b]))
    assert "'=5 morts" in (tmp_path / "c.csv").read_text(encoding="utf-8")


def test_one_quantity_over_many_articles_is_one_group_per_relation():
    # 150 articles each give the préfecture's 12 000 and the unions' 30 000 for Lille;
    # every other one adds the CGT's 30 000: repeats collapse, the groups stay whole
    lille = {"places": ("lille",)}
    records = []
    for d in range(150):
        records += [_record("prefecture", 12000, doc=d, **lille)]
        records += [_record("syndicats", 30000, doc=d, index=1, **lille)]
        if d % 2:
            records.append(_record("cgt", 30000, doc=d, index=2, sent=1, **lille))
    groups = groups_of(comparison_rows(records))
    assert sorted((rel, len(n)) for rel, n in groups.values()) == [
        ("agree", 225),
        ("disagree", 225),
        ("disagree", 300),
    ]


def test_a_source_repeated_in_one_article_is_set_against_each_other_source_figure():
    # the CGT gives 1,3 million twice, the ministry 440 000 twice: four comparisons,
    # none of a source with itself
    france = {"places": ("france",)}
    records = [
        _record("ministere", 440000, index=0, **france),
        _record("cgt", 1300000, index=1, sent=0, **france),
        _record("cgt", 1300000, index=2, sent=3, **france),
        _record("ministere", 440000, index=3, sent=3, **france),
    ]
    rows = comparison_rows(records)
    groups = {}
    for r in rows:
        groups.setdefault(r["group_id"], []).append((r["figure_id"], r["source_id"]))
    assert all(len({s for _, s in m}) == len(m) == 2 for m in groups.values())
    pairs = {frozenset(f for f, _ in m) for m in groups.values()}
    assert pairs == {frozenset(p) for p in (("f1", "f2"), ("f1", "f3"), ("f4", "f2"), ("f4", "f3"))}
    assert {r["relation"] for r in rows} == {"disagree"}


def test_a_bare_range_after_a_party_sentence_is_about_that_party(tmp_path):
    # the second sentence names no party: it is about the one of the sentence before;
    # the article's own "contre 250 sortants" is the state before, no counter-figure
    text = (
        "Législatives : les projections\n\nLe Rassemblement national obtiendrait 90 à 120 "
        "sièges selon Elabe, contre 250 sortants. Selon Ipsos, elle obtiendrait 70 à 100 "
        "sièges.\n"
    )
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "projections.txt").write_text(text, encoding="utf-8")
    run_corpus(tmp_path / "corpus", tmp_path / "out")
    groups = groups_of(rows_of(tmp_path / "out" / "comparisons.csv"))
    assert sorted((rel, sorted(v for _, _, v in m)) for rel, m in groups.values()) == [
        ("agree", ["70", "90"])
    ]


def test_an_unclassed_figure_may_measure_a_classed_one():
    seats = FigureContext(measure="siege", groups=("ensemble",))
    classed = _record("elabe", 90, measure="siege", groups=("ensemble",))
    unclassed = FigureRecord(
        0, "d0", 1, "f2", 1, "ipsos", "ipsos", 70.0, 100.0, "sortants", "other", False, "",
        "70 à 100", "", seats,
    )  # fmt: skip
    assert measure_of("sortants") == "siege"
    assert [r["relation"] for r in comparison_rows([classed, unclassed])] == ["agree"] * 2


def test_two_sources_giving_the_very_same_number_in_one_article_agree():
    # different sentences, no place or party named: the same four-year ban twice
    club = _record("club", 4, measure="an")
    parquet = _record("parquet", 4, index=1, sent=4, measure="an")
    other = _record("parquet", 3, doc=1, index=0, sent=4, measure="an")
    assert [r["relation"] for r in comparison_rows([club, parquet])] == ["agree"] * 2
    assert comparison_rows([club, other]) == []


def test_one_source_under_two_names_in_one_article_is_no_comparison():
    # "le ministère de la Santé" then "le ministère", with two tolls: its own update
    gaza = {"places": ("gaza",)}
    first = _record("ministere_de_la_sante", 300, measure="mort", **gaza)
    later = _record("ministere", 350, index=1, sent=2, measure="mort", **gaza)
    assert comparison_rows([first, later]) == []
    # in two articles, the two names may be two ministries
    elsewhere = _record("ministere", 350, doc=1, measure="mort", groups=("hamas",), **gaza)
    hamas = _record(
        "ministere_de_la_sante", 300, index=1, measure="mort", groups=("hamas",), **gaza
    )
    assert {r["relation"] for r in comparison_rows([hamas, elsewhere])} == {"disagree"}
