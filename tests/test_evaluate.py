"""`claimtrace eval` scores as ../shared/tools/score.py does, and scores comparison pairs
across documents from a comparisons.json beside the gold files."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from pipeline.batch import run_articles
from pipeline.evaluate import gold_articles, load_cross, load_gold, score_tables

from .conftest import SHARED

SCORE_PY = SHARED / "tools" / "score.py"
DEV = SHARED / "eval" / "dev"


def test_eval_gives_score_py_numbers_on_the_dev_set(tmp_path, nlp):
    if not SCORE_PY.exists() or not DEV.exists():
        pytest.skip("../shared is not beside this checkout")
    golds = load_gold(DEV)
    run_articles(gold_articles(golds), tmp_path)
    ours = score_tables(golds, tmp_path).metrics()
    theirs = json.loads(
        subprocess.run(
            [sys.executable, str(SCORE_PY), str(DEV), str(tmp_path), "--json"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    shared = {k: v for k, v in theirs.items() if k not in ("counts", "misses")}
    assert shared, theirs
    for key, value in shared.items():
        assert ours[key] == pytest.approx(value, abs=1e-9), key


def _gold(doc_id: str, text: str, figures: list[dict], sources: dict) -> dict:
    return {
        "id": doc_id,
        "text": text,
        "sources": {**sources, "author": {"type": "author", "names": []}},
        "entities": [],
        "figures": figures,
        "claims": [],
        "comparisons": [],
    }


def test_pairs_across_documents_are_scored_from_comparisons_json(tmp_path, nlp):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    prefecture = {"prefecture": {"type": "government", "names": ["préfecture"]}}
    unions = {"syndicats": {"type": "organization", "names": ["syndicats"]}}
    cgt = {"cgt": {"type": "organization", "names": ["CGT"]}}
    files = {
        "a": _gold(
            "a",
            "Selon la préfecture, 12 000 manifestants ont défilé jeudi à Nantes.\n",
            [{"text": "12 000 manifestants", "value": 12000, "source": "prefecture"}],
            prefecture,
        ),
        "b": _gold(
            "b",
            "Les syndicats ont affirmé que 30 000 manifestants avaient défilé jeudi à Nantes.\n",
            [{"text": "30 000 manifestants", "value": 30000, "source": "syndicats"}],
            unions,
        ),
        "c": _gold(
            "c",
            "La CGT a revendiqué 30 000 manifestants jeudi à Nantes.\n",
            [{"text": "30 000 manifestants", "value": 30000, "source": "cgt"}],
            cgt,
        ),
    }
    for k, g in files.items():
        (gold_dir / f"{k}.json").write_text(json.dumps(g, ensure_ascii=False), encoding="utf-8")
    cross = {
        "groups": [
            {"figures": [["a", 0], ["b", 0], ["c", 0]], "relation": "disagree", "about": "x"},
            {"figures": [["b", 0], ["c", 0]], "relation": "agree", "about": "y"},
        ]
    }
    (gold_dir / "comparisons.json").write_text(json.dumps(cross), encoding="utf-8")
    golds = load_gold(gold_dir)
    assert sorted(golds) == ["a", "b", "c"]  # comparisons.json is no gold document
    run_articles(gold_articles(golds), tmp_path / "out")
    s = score_tables(golds, tmp_path / "out", load_cross(gold_dir))
    # the préfecture against each union: 2 gold pairs; the b-c pair is in both groups,
    # its relation the last group's (agree)
    disagree, agree = s.cross_comparisons["disagree"], s.cross_comparisons["agree"]
    assert (disagree.n_gold, agree.n_gold) == (2, 1)
    assert (disagree.tp_gold, agree.tp_gold) == (2, 1), s.misses
    assert disagree.precision == agree.precision == 1.0
    assert s.metrics()["cross_disagree_f1"] == 1.0
