"""Evaluate: score a run's tables against gold annotations (../shared/eval/FORMAT.md).

- entities: a gold entity is found when a predicted mention with its label matches one
  of its names; precision over distinct predicted (label, normalised text) pairs;
- figures: same document, equal value, overlapping text; source accuracy over matches;
- claims: content word-set Dice ≥ 0.6; ``unattributed`` predictions count only where
  they match a gold ``author`` claim; source and certainty accuracy over matches;
- sources (the sources table as an analyst sees it): per document, the distinct sources
  of the attributed claims against the gold sources claims and figures are given to;
- comparisons: pairs of figures in one group of comparisons.csv against the gold
  files' ``comparisons`` (within a document) and a ``comparisons.json`` beside them
  (across documents), per relation (:mod:`pipeline.comparisons.score`).

:meth:`Score.metrics` gives the numbers under ../shared/tools/score.py's names, and the
same values (``tests/test_evaluate.py`` checks it on the dev set).

Names match after normalisation (lower case, no accents, apostrophes and hyphens
unified, leading articles dropped) when one equals or contains the other on word
boundaries; a name two gold sources share (``l'agence``) identifies neither.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.read import Article, make_article

CLAIM_MATCH = 0.6
_ARTICLES = re.compile(r"^(?:le|la|les|l|un|une|des|du|de|d)\s+")


def norm(text: str | None) -> str:
    """FORMAT.md normalisation.

    >>> norm("L’Agence centrale de presse nord-coréenne")
    'agence centrale de presse nord coreenne'
    """
    s = unicodedata.normalize("NFKD", text or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"[-\u2010-\u2015'\u00a0\u202f]", " ", s)
    s = re.sub(r"[^\w\s%]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    prev = None
    while prev != s:
        prev, s = s, _ARTICLES.sub("", s)
    return s


def names_match(predicted: list[str], gold: list[str]) -> bool:
    """True when a predicted name equals, contains or is contained in a gold name."""
    gold_n = [g for g in (norm(x) for x in gold) if g]
    for p in (norm(x) for x in predicted):
        if p and any(p == g or f" {g} " in f" {p} " or f" {p} " in f" {g} " for g in gold_n):
            return True
    return False


def dice(a: str, b: str) -> float:
    """Dice coefficient of two texts' normalised word sets.

    >>> round(dice("la Corée du Nord a envoyé", "Corée du Nord a envoyé des soldats"), 3)
    0.833
    """
    wa, wb = set(norm(a).split()), set(norm(b).split())
    return 2 * len(wa & wb) / (len(wa) + len(wb)) if wa and wb else 0.0


def source_ok(row: dict, gold_key: str, gold: dict) -> bool:
    """Whether a predicted row's source is the gold source (see module docstring)."""
    src = gold["sources"].get(gold_key, {})
    if gold_key == "author" or src.get("type") == "author":
        return (row.get("source_id") or "").strip().lower() in ("author", "") and (
            row.get("source_type") or "author"
        ).strip().lower() in ("author", "")
    names = _gold_names(gold, gold_key)
    resolved = [
        p
        for p in (row.get("source_name"), row.get("source_id"))
        if p and p.strip().lower() != "author"
    ]
    predicted = resolved or [row.get("source_text") or ""]
    return names_match([p for p in predicted if p], names)


@dataclass
class Kind:
    """Counts for one kind (entities, figures, claims)."""

    tp_pred: int = 0
    n_pred: int = 0
    tp_gold: int = 0
    n_gold: int = 0
    matched: int = 0
    source_ok: int = 0

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def source_accuracy(self) -> float | None:
        return self.source_ok / self.matched if self.matched else None


@dataclass
class Score:
    entities: Kind = field(default_factory=Kind)
    figures: Kind = field(default_factory=Kind)
    claims: Kind = field(default_factory=Kind)
    sources: Kind = field(default_factory=Kind)
    misses: list[tuple[str, str, str]] = field(default_factory=list)
    docs: int = 0
    certainty_ok: int = 0  # matched claims whose certainty is the gold one
    #: (doc, gold figure index) → the figure_id of the predicted figure matched to it
    figure_hits: dict[tuple[str, int], str] = field(default_factory=dict)
    #: comparison pairs: relation → counts, within documents and across them
    comparisons: dict[str, Kind] = field(default_factory=dict)
    cross_comparisons: dict[str, Kind] = field(default_factory=dict)

    def metrics(self) -> dict[str, float | int]:
        """The scores under score.py's names (0.0 where nothing was matched)."""
        out: dict[str, float | int] = {"docs": self.docs}
        for name, kind in (("entity", self.entities), ("figure", self.figures)):
            out |= {f"{name}_p": kind.precision, f"{name}_r": kind.recall, f"{name}_f1": kind.f1}
            if name == "figure":
                out["figure_source_acc"] = kind.source_accuracy or 0.0
                out["figure_end_to_end"] = kind.source_ok / kind.n_gold if kind.n_gold else 0.0
        c = self.claims
        out |= {"claim_p": c.precision, "claim_r": c.recall, "claim_f1": c.f1}
        out["claim_source_acc"] = c.source_accuracy or 0.0
        out["claim_end_to_end"] = c.source_ok / c.n_gold if c.n_gold else 0.0
        out["claim_certainty_acc"] = self.certainty_ok / c.matched if c.matched else 0.0
        src = self.sources
        out |= {"source_p": src.precision, "source_r": src.recall, "source_f1": src.f1}
        for prefix, table in (("comparison", self.comparisons), ("cross", self.cross_comparisons)):
            for rel, k in table.items():
                out |= {f"{prefix}_{rel}_p": k.precision, f"{prefix}_{rel}_r": k.recall}
                out |= {f"{prefix}_{rel}_f1": k.f1, f"{prefix}_{rel}_gold_pairs": k.n_gold}
        return out


#: the file beside the gold files that holds comparisons across documents
CROSS_FILE = "comparisons.json"


def load_gold(gold_dir: Path) -> dict[str, dict]:
    """The gold files of ``gold_dir`` by name (``d04.json`` → ``d04``)."""
    return {
        p.stem: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(Path(gold_dir).glob("*.json"))
        if p.name != CROSS_FILE
    }


def load_cross(gold_dir: Path) -> dict | None:
    """The gold comparisons across documents (``comparisons.json``), if any."""
    path = Path(gold_dir) / CROSS_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def gold_articles(golds: dict[str, dict]) -> list[Article]:
    """The gold texts as articles (doc_id = gold file name without .json)."""
    return [make_article(k, g["text"], path=f"{k}.json") for k, g in golds.items()]


def _read(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def _by_doc(rows: list[dict], ids: set[str]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {k: [] for k in ids}
    for r in rows:
        k = doc_key(r.get("doc_id"), ids)
        if k is not None:
            out[k].append(r)
    return out


def _value(x: str | None) -> float | None:
    try:
        return float(str(x).replace(",", ".").replace(" ", ""))
    except (TypeError, ValueError):
        return None


def doc_key(doc_id: str | None, ids: set[str]) -> str | None:
    """The gold file a row's doc_id belongs to (``news/d04.txt`` → ``d04``)."""
    stem = re.sub(r"\.(txt|md|html?|json)$", "", (doc_id or "").strip().rsplit("/", 1)[-1])
    return stem if stem in ids else None


def score_tables(golds: dict[str, dict], out_dir: Path, cross: dict | None = None) -> Score:
    """Score the tables in ``out_dir`` against ``golds`` (FORMAT.md); ``cross`` is the
    gold of comparisons across documents (``comparisons.json``), when there is one."""
    from pipeline.comparisons.score import score_comparisons

    ids = set(golds)
    tables = {
        t: _by_doc(_read(Path(out_dir) / f"{t}.csv"), ids)
        for t in ("entities", "figures", "claims")
    }
    s = Score(docs=len(golds))
    for k, gold in golds.items():
        _score_entities(s, k, gold, tables["entities"][k])
        _score_figures(s, k, gold, tables["figures"][k])
        _score_claims(s, k, gold, tables["claims"][k])
        _score_sources(s, k, gold, tables["claims"][k])
    rows = [r for r in _read(Path(out_dir) / "comparisons.csv") if doc_key(r.get("doc_id"), ids)]
    for r in rows:
        r["doc_id"] = doc_key(r["doc_id"], ids)
    s.comparisons, s.cross_comparisons = score_comparisons(
        golds, rows, s.figure_hits, cross, s.misses
    )
    return s


def _record_match(
    s: Score, kind: Kind, name: str, doc_id: str, row: dict, g: dict, gold: dict, label: str
) -> None:
    """Count a prediction that matches gold item ``g``, and check its source."""
    kind.tp_gold += 1
    kind.tp_pred += 1
    kind.matched += 1
    if source_ok(row, g["source"], gold):
        kind.source_ok += 1
    else:
        s.misses.append(
            (doc_id, f"{name}-source", f"{label} -> gold {g['source']}, got {row.get('source_id')}")
        )


def _score_entities(s: Score, k: str, gold: dict, rows: list[dict]) -> None:
    preds = {(r.get("label", ""), norm(r.get("text", ""))) for r in rows} - {("", "")}
    for label, text in preds:
        s.entities.n_pred += 1
        if any(e["label"] == label and names_match([text], e["names"]) for e in gold["entities"]):
            s.entities.tp_pred += 1
    for e in gold["entities"]:
        s.entities.n_gold += 1
        if any(label == e["label"] and names_match([t], e["names"]) for label, t in preds):
            s.entities.tp_gold += 1
        else:
            s.misses.append((k, "entity", f"{e['label']} {e['names'][0]}"))
    for label, text in sorted(preds):
        if not any(
            e["label"] == label and names_match([text], e["names"]) for e in gold["entities"]
        ):
            s.misses.append((k, "entity-extra", f"{label} {text}"))


def _score_figures(s: Score, k: str, gold: dict, rows: list[dict]) -> None:
    used: set[int] = set()
    s.figures.n_pred += len(rows)
    for gi, g in enumerate(gold["figures"]):
        s.figures.n_gold += 1
        gv = float(g["value"])
        hit = None
        for i, r in enumerate(rows):
            v = _value(r.get("value"))
            if i in used or v is None or abs(v - gv) > 1e-6 * max(1.0, abs(gv)):
                continue
            if dice(r.get("text", ""), g["text"]) > 0 or norm(r.get("text", "")) in norm(g["text"]):
                hit = i
                break
        if hit is None:
            s.misses.append((k, "figure", g["text"]))
            continue
        used.add(hit)
        s.figure_hits[(k, gi)] = rows[hit].get("figure_id") or ""
        _record_match(s, s.figures, "figure", k, rows[hit], g, gold, g["text"])
    for i, r in enumerate(rows):
        if i not in used:
            s.misses.append((k, "figure-extra", f"{r.get('text')} = {r.get('value')}"))


def _score_claims(s: Score, k: str, gold: dict, rows: list[dict]) -> None:
    narration = {
        i for i, r in enumerate(rows) if (r.get("attribution") or "").lower() == "unattributed"
    }
    used: set[int] = set()
    s.claims.n_pred += len(rows) - len(narration)
    for g in gold["claims"]:
        s.claims.n_gold += 1
        best, hit = 0.0, None
        for i, r in enumerate(rows):
            if i in used or (i in narration and g["source"] != "author"):
                continue
            o = dice(r.get("text", ""), g["content"])
            if o > best:
                best, hit = o, i
        if hit is None or best < CLAIM_MATCH:
            s.misses.append((k, "claim", f"[{g['source']}] {g['content'][:90]}"))
            continue
        used.add(hit)
        if hit in narration:
            s.claims.n_pred += 1
        certainty = (rows[hit].get("certainty") or "asserted").strip().lower()
        s.certainty_ok += certainty == g.get("certainty", "asserted")
        _record_match(s, s.claims, "claim", k, rows[hit], g, gold, g["content"][:60])
    for i, r in enumerate(rows):
        if i not in used and i not in narration:
            s.misses.append((k, "claim-extra", f"[{r.get('source_id')}] {r.get('text', '')[:90]}"))


def _gold_names(gold: dict, key: str) -> list[str]:
    """A gold source's names and key, less those another source of the file shares."""
    ambiguous = {
        norm(n)
        for other, src in gold["sources"].items()
        if other != key
        for n in src.get("names", [])
    }
    names = [*gold["sources"].get(key, {}).get("names", []), key]
    return [n for n in names if norm(n) not in ambiguous]


def _score_sources(s: Score, k: str, gold: dict, rows: list[dict]) -> None:
    """Each distinct source of the document's attributed claims (known by its
    source_name, id and every source_text) against the gold sources but ``author``
    that a claim or figure is given to."""
    predicted: dict[str, set[str]] = {}
    for r in rows:
        sid = (r.get("source_id") or "").strip()
        if (r.get("attribution") or "").lower() == "unattributed" or sid.lower() in ("", "author"):
            continue
        predicted.setdefault(sid, {sid, r.get("source_name") or ""}).add(r.get("source_text") or "")
    used = {c["source"] for c in gold["claims"]} | {f["source"] for f in gold["figures"]}
    keys = [
        key
        for key, src in gold["sources"].items()
        if key in used and key != "author" and src.get("type") != "author"
    ]
    names = {key: _gold_names(gold, key) for key in keys}
    s.sources.n_pred += len(predicted)
    s.sources.n_gold += len(keys)
    for sid, known in sorted(predicted.items()):
        if any(names_match([n for n in known if n], names[key]) for key in keys):
            s.sources.tp_pred += 1
        else:
            s.misses.append((k, "source-extra", sid))
    for key in keys:
        if any(names_match([n for n in known if n], names[key]) for known in predicted.values()):
            s.sources.tp_gold += 1
        else:
            s.misses.append((k, "source-missed", key))
