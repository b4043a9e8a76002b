"""Scoring comparisons.csv against gold pairs (../shared/eval/FORMAT.md, ``comparisons``).

- Within documents (gold files with the ``comparisons`` key): every pair of figures of
  different gold sources in a gold comparison is a gold pair with its relation; a
  predicted pair is two figure rows of one document in one group; it is right when both
  rows are the ones matched to the gold figures and the relation is the same. As
  ../shared/tools/score.py does, to the number.
- Across documents (``comparisons.json`` beside the gold files: ``{"groups":
  [{"figures": [[DOC_ID, FIGURE_INDEX], …], "relation": …}]}``): gold pairs are the
  pairs of a group whose figures come from different documents and different gold
  sources; predicted pairs likewise: two rows of one group from different documents
  and different ``source_id`` (one source's figure reported by two outlets is no
  comparison).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.evaluate import Kind

RELATIONS = ("disagree", "agree")
Miss = tuple[str, str, str]


def _kinds(gold: dict, pred: dict, misses: list[Miss], label: str) -> dict[str, Kind]:
    """P/R counts per relation from gold and predicted pair → relation maps."""
    from pipeline.evaluate import Kind

    out = {}
    for rel in RELATIONS:
        g = {p for p, r in gold.items() if r == rel}
        pr = {p for p, r in pred.items() if r == rel}
        tp = len(g & pr)
        out[rel] = Kind(tp_pred=tp, n_pred=len(pr), tp_gold=tp, n_gold=len(g))
        for p in sorted(g - pr, key=str):
            misses.append((p[0], f"{label}-{rel}-missed", str(sorted(map(str, p[1])))))
        for p in sorted(pr - g, key=str):
            misses.append((p[0], f"{label}-{rel}-extra", str(sorted(map(str, p[1])))))
    return out


def _groups(rows: Iterable[dict]) -> list[list[tuple[str, str, str, str]]]:
    """Members (doc, figure_id, source_id, relation) of each group of comparisons.csv."""
    groups: dict[str, list[tuple[str, str, str, str]]] = {}
    for r in rows:
        member = (r["doc_id"], r.get("figure_id") or "", r.get("source_id") or "")
        groups.setdefault(r.get("group_id") or "", []).append(
            (*member, (r.get("relation") or "").strip())
        )
    return list(groups.values())


def within_documents(
    golds: dict[str, dict], rows: list[dict], hits: dict[tuple[str, int], str], misses: list[Miss]
) -> dict[str, Kind]:
    """Pairs inside one document (``rows``' doc_id already the gold file's key)."""
    annotated = {k for k, g in golds.items() if "comparisons" in g}
    gold_pairs: dict[tuple, str] = {}
    for k in sorted(annotated):
        figs = golds[k]["figures"]
        for c in golds[k]["comparisons"]:
            for i, j in combinations(c["figures"], 2):
                if figs[i]["source"] == figs[j]["source"]:
                    continue
                pi, pj = hits.get((k, i)), hits.get((k, j))
                key = (k, frozenset((pi, pj))) if pi and pj else (k, ("unmatched", i, j))
                gold_pairs[key] = c["relation"]
    pred_pairs: dict[tuple, str] = {}
    for members in _groups(rows):
        for (ka, fa, _, rel), (kb, fb, _, _) in combinations(members, 2):
            if ka == kb and ka in annotated:
                pred_pairs[(ka, frozenset((fa, fb)))] = rel
    return _kinds(gold_pairs, pred_pairs, misses, "comparison")


def across_documents(
    golds: dict[str, dict], cross: dict, rows: list[dict], hits: dict, misses: list[Miss]
) -> dict[str, Kind]:
    """Pairs of figures of two documents (see the module docstring)."""
    gold_pairs: dict[tuple, str] = {}
    for group in cross.get("groups", []):
        for (da, ia), (db, ib) in combinations([tuple(f) for f in group["figures"]], 2):
            if da == db or da not in golds or db not in golds:
                continue
            if golds[da]["figures"][ia]["source"] == golds[db]["figures"][ib]["source"]:
                continue
            pa, pb = hits.get((da, ia)), hits.get((db, ib))
            key = (
                ("cross", frozenset(((da, pa), (db, pb))))
                if pa and pb
                else ("cross", ("unmatched", (da, ia), (db, ib)))
            )
            gold_pairs[key] = group["relation"]
    pred_pairs: dict[tuple, str] = {}
    for members in _groups(rows):
        for (da, fa, sa, rel), (db, fb, sb, _) in combinations(members, 2):
            if da != db and sa != sb:
                pred_pairs[("cross", frozenset(((da, fa), (db, fb))))] = rel
    return _kinds(gold_pairs, pred_pairs, misses, "cross")


def score_comparisons(
    golds: dict[str, dict],
    rows: list[dict],
    hits: dict[tuple[str, int], str],
    cross: dict | None,
    misses: list[Miss],
) -> tuple[dict[str, Kind], dict[str, Kind]]:
    """Within-document and (when ``cross`` is given) across-document pair counts."""
    inside = within_documents(golds, rows, hits, misses)
    across = across_documents(golds, cross, rows, hits, misses) if cross is not None else {}
    return inside, across
