"""Per-stage metrics on a small gold file and tables written for the test."""

from __future__ import annotations

import csv

from pipeline.stage_metrics import stage_scores

GOLD = {
    "a1": {
        "sources": {
            "cgt": {"type": "organization", "names": ["CGT"]},
            "author": {"type": "author", "names": []},
        },
        "claims": [
            {"source": "cgt", "cue": "a annoncé", "certainty": "asserted",
             "content": "200 plans sociaux sont attendus cette année"},
        ],
        "figures": [{"text": "200 plans sociaux", "value": 200, "source": "cgt"}],
    }
}  # fmt: skip


def write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def test_stage_scores(tmp_path):
    write(
        tmp_path / "claims.csv",
        [
            {"doc_id": "a1", "text": "200 plans sociaux sont attendus cette année",
             "cue": "a annoncé", "attribution": "indirect", "source_text": "le syndicat",
             "source_id": "cgt", "source_name": "CGT", "certainty": "hedged"},
            {"doc_id": "a1", "text": "la hausse continue", "cue": "a dit",
             "attribution": "indirect", "source_text": "la hausse",
             "source_id": "la_hausse", "source_name": "la hausse", "certainty": "asserted"},
        ],
    )  # fmt: skip
    write(
        tmp_path / "figures.csv",
        [{"doc_id": "a1", "text": "200 plans sociaux", "value": "200", "source_id": "cgt"}],
    )
    r = {name: (v, hit, n) for name, v, hit, n in stage_scores(GOLD, tmp_path).rows()}
    assert r["cue recall"] == (1.0, 1, 1)
    assert r["cue precision"] == (0.5, 1, 2)
    assert r["source mention"][0] == 0.0  # "le syndicat" is only resolved to the CGT
    assert r["resolved source"][0] == 1.0
    assert r["certainty"][0] == 0.0
    assert r["sources table P"] == (0.5, 1, 2) and r["sources table R"] == (1.0, 1, 1)
    assert r["figures given a source"] == (1.0, 1, 1)
