"""Evaluate: score a run's tables against gold annotations (../shared/eval/FORMAT.md).

- entities: a gold entity is found when a predicted mention with its label matches one
  of its names; precision over distinct predicted (label, normalised text) pairs;
- figures: same document, equal value, overlapping text; source accuracy over matches;
- claims: content word-set Dice ≥ 0.6; ``unattributed`` predictions count only where
  they match a gold ``author`` claim; source accuracy over matches.

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
    ambiguous = {
        norm(n) for k, s in gold["sources"].items() if k != gold_key for n in s.get("names", [])
    }
    names = [n for n in [*src.get("names", []), gold_key] if norm(n) not in ambiguous]
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
    misses: list[tuple[str, str, str]] = field(default_factory=list)
    docs: int = 0


def load_gold(gold_dir: Path) -> dict[str, dict]:
    return {
        p.stem: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(Path(gold_dir).glob("*.json"))
    }


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
        stem = re.sub(
            r"\.(txt|md|html?|json)$", "", (r.get("doc_id") or "").strip().rsplit("/", 1)[-1]
        )
        if stem in out:
            out[stem].append(r)
    return out


def _value(x: str | None) -> float | None:
    try:
        return float(str(x).replace(",", ".").replace(" ", ""))
    except (TypeError, ValueError):
        return None


def score_tables(golds: dict[str, dict], out_dir: Path) -> Score:
    """Score the tables in ``out_dir`` against ``golds`` (FORMAT.md)."""
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
    for g in gold["figures"]:
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
        _record_match(s, s.claims, "claim", k, rows[hit], g, gold, g["content"][:60])
    for i, r in enumerate(rows):
        if i not in used and i not in narration:
            s.misses.append((k, "claim-extra", f"[{r.get('source_id')}] {r.get('text', '')[:90]}"))
