"""Quality gates on gold annotations: the dev and held-out sets stay at their measured
level minus a small margin (regressions fail; the issues' targets are reported by
../shared/tools/dev_score.sh, not asserted here)."""

from __future__ import annotations

import pytest

from pipeline.batch import run_articles
from pipeline.evaluate import gold_articles, load_gold, score_tables
from pipeline.stage_metrics import stage_scores

from .conftest import ROOT, SHARED

DEV = SHARED / "eval" / "dev"
HELDOUT = ROOT / "eval" / "heldout"
# real articles annotated before any pipeline run (first score 0.396 / 0.685, before
# any tuning on them); now a second development set
REAL = ROOT / "eval" / "real"
# a second set of 8 real articles, scored blind once (claim F1 0.753, fig-src 0.806),
# now development material too
REAL2 = ROOT / "eval" / "real2"


def score(gold_dir, tmp_path, only=None):
    golds = load_gold(gold_dir)
    if only:
        golds = {k: v for k, v in golds.items() if k == only}
    run_articles(gold_articles(golds), tmp_path)
    return score_tables(golds, tmp_path)


@pytest.fixture()
def dev_dir():
    if not DEV.exists():
        pytest.skip("../shared/eval/dev is not beside this checkout")
    return DEV


def test_sample_article_keeps_its_claims_and_figures(dev_dir, tmp_path, nlp):
    # the sample article is the one the README shows: it must stay close to its gold
    s = score(dev_dir, tmp_path, only="kim-obus-2025")
    assert s.claims.f1 >= 0.90 and s.claims.source_accuracy >= 0.90, s.misses
    assert s.figures.f1 >= 0.90 and s.figures.source_accuracy >= 0.80, s.misses
    assert s.entities.recall >= 0.90, s.misses


# measured level minus a small margin (../shared/tools/dev_score.sh on the 38 dev articles;
# `claimtrace eval eval/heldout`): a regression fails, an improvement raises the floor
FLOORS = {
    "dev": {
        "claim_f1": 0.88,
        "claim_source": 0.97,
        "entity_f1": 0.83,
        "figure_f1": 0.95,
        "figure_source": 0.91,
        "source_p": 0.93,
        "source_r": 0.92,
        # comparisons.csv pairs (issue 15): measured 0.863 and 0.833
        "comparison_disagree_f1": 0.82,
        "comparison_agree_f1": 0.79,
    },
    "heldout": {
        "claim_f1": 0.93,
        "claim_source": 0.96,
        "entity_f1": 0.91,
        "figure_f1": 0.96,
        "figure_source": 0.90,
    },
    "real": {
        "claim_f1": 0.73,
        "claim_source": 0.94,
        "entity_f1": 0.76,
        "figure_f1": 0.95,
        "figure_source": 0.87,
    },
    "real2": {
        "claim_f1": 0.80,
        "claim_source": 0.97,
        "entity_f1": 0.82,
        "figure_f1": 0.92,
        "figure_source": 0.86,
    },
}


@pytest.mark.parametrize("which", ["dev", "heldout", "real", "real2"])
def test_gold_sets_stay_above_measured_level(which, tmp_path, nlp, request):
    gold_dir = {"heldout": HELDOUT, "real": REAL, "real2": REAL2}.get(which)
    if gold_dir is None:
        gold_dir = request.getfixturevalue("dev_dir")
    s = score(gold_dir, tmp_path)
    floor = FLOORS[which]
    assert s.claims.f1 >= floor["claim_f1"]
    assert s.claims.source_accuracy >= floor["claim_source"]
    assert s.entities.f1 >= floor["entity_f1"]
    assert s.figures.f1 >= floor["figure_f1"]
    assert s.figures.source_accuracy >= floor["figure_source"]
    if "source_p" in floor:
        # the sources table an analyst reads (pipeline/stage_metrics.py)
        rows = dict((n, v) for n, v, _, _ in stage_scores(load_gold(gold_dir), tmp_path).rows())
        assert rows["sources table P"] >= floor["source_p"]
        assert rows["sources table R"] >= floor["source_r"]
    for rel in ("disagree", "agree"):
        if f"comparison_{rel}_f1" in floor:
            assert s.comparisons[rel].f1 >= floor[f"comparison_{rel}_f1"], rel


STORIES = ROOT / "eval" / "stories"


def test_comparisons_across_articles_stay_above_measured_level(tmp_path, nlp):
    # the real story corpus (12 outlets' articles on 3 events, comparisons.json): pairs of
    # figures of two articles; measured disagree P 0.786 R 0.284, agree P 0.250 R 0.364
    from pipeline.evaluate import load_cross

    golds = load_gold(STORIES)
    run_articles(gold_articles(golds), tmp_path)
    s = score_tables(golds, tmp_path, load_cross(STORIES))
    across = s.cross_comparisons
    assert across["disagree"].precision >= 0.74 and across["disagree"].recall >= 0.25
    assert across["agree"].recall >= 0.3
    # pairs within its articles: measured disagree P 0.872 R 0.586
    within = s.comparisons["disagree"]
    assert within.precision >= 0.82 and within.recall >= 0.54
