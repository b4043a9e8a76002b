"""Stage metrics: how each attribution stage does on gold articles, so a change to one
stage shows where it helps (``claimtrace eval`` prints them under the main table).

Over the gold claims of every document, each stage is scored on its own:

- ``cue``: a gold claim's cue is the cue of some predicted claim of the document (recall);
  predicted cues that are some gold cue (precision);
- ``source mention``: of the gold claims matched by content, the share whose predicted
  mention *as written* (``source_text``) names the gold source, before any resolution;
- ``resolved source``: the same share after coreference (``source_name``/``source_id``);
- ``content``: the mean best Dice of each gold claim's content with a predicted one;
- ``certainty``: over matched claims, the predicted certainty is the gold one;
- ``sources table``: the document's distinct attributed sources against the gold ones
  (precision, recall), as ../shared/tools/score.py counts them;
- ``figures in scopes``: of the gold figures a source is given for, the share attributed
  to some source other than the article (author) at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.evaluate import CLAIM_MATCH, _by_doc, _read, dice, names_match, norm, source_ok


@dataclass
class Ratio:
    hit: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.hit += bool(ok)
        self.total += 1

    @property
    def value(self) -> float:
        return self.hit / self.total if self.total else 0.0


@dataclass
class StageScore:
    """One ratio per stage, plus the content Dice sum."""

    ratios: dict[str, Ratio] = field(default_factory=dict)
    dice_sum: float = 0.0
    dice_n: int = 0

    def ratio(self, name: str) -> Ratio:
        return self.ratios.setdefault(name, Ratio())

    def rows(self) -> list[tuple[str, float, int, int]]:
        """(stage, value, hits, total), the content Dice as a mean."""
        out = [(n, r.value, r.hit, r.total) for n, r in self.ratios.items()]
        mean = self.dice_sum / self.dice_n if self.dice_n else 0.0
        return [*out, ("content (mean Dice)", mean, 0, self.dice_n)]


def _attributed(rows: list[dict]) -> list[dict]:
    return [r for r in rows if (r.get("attribution") or "").lower() != "unattributed"]


def _source_names(gold: dict, key: str) -> list[str]:
    return [*gold["sources"].get(key, {}).get("names", []), key]


def _score_doc(s: StageScore, gold: dict, claims: list[dict], figures: list[dict]) -> None:
    said = _attributed(claims)
    cues = {norm(r.get("cue")) for r in said if norm(r.get("cue"))}
    gold_cues = {norm(g.get("cue")) for g in gold["claims"] if norm(g.get("cue"))}
    for g in gold["claims"]:
        if g["source"] == "author" or not norm(g.get("cue")):
            continue
        s.ratio("cue recall").add(any(names_match([c], [g["cue"]]) for c in cues))
        best = max(said, key=lambda r: dice(r.get("text", ""), g["content"]), default=None)
        score = dice(best.get("text", ""), g["content"]) if best is not None else 0.0
        s.dice_sum += score
        s.dice_n += 1
        if best is None or score < CLAIM_MATCH:
            continue
        s.ratio("source mention").add(
            names_match([best.get("source_text") or ""], _source_names(gold, g["source"]))
        )
        s.ratio("resolved source").add(source_ok(best, g["source"], gold))
        s.ratio("certainty").add((best.get("certainty") or "") == g.get("certainty"))
    for c in cues:
        s.ratio("cue precision").add(any(names_match([c], [gc]) for gc in gold_cues))
    _score_sources(s, gold, said)
    for g in gold["figures"]:
        if g["source"] != "author":
            hit = next((f for f in figures if _same_figure(f, g)), None)
            if hit is not None:
                s.ratio("figures given a source").add(hit.get("source_id") != "author")


def _same_figure(row: dict, g: dict) -> bool:
    try:
        same = abs(float(row.get("value") or "nan") - float(g["value"])) < 1e-9
    except (TypeError, ValueError):
        return False
    text, gt = norm(row.get("text")), norm(g["text"])
    return same and bool(text) and (text in gt or gt in text)


def _score_sources(s: StageScore, gold: dict, said: list[dict]) -> None:
    predicted: dict[str, set[str]] = {}
    for r in said:
        sid = (r.get("source_id") or "").strip()
        if sid and sid.lower() != "author":
            names = predicted.setdefault(sid, {sid, r.get("source_name") or ""})
            names.add(r.get("source_text") or "")
    used = {c["source"] for c in gold["claims"]} | {f["source"] for f in gold["figures"]}
    keys = [k for k in used if k != "author" and gold["sources"].get(k, {}).get("type") != "author"]
    for names in predicted.values():
        ok = any(names_match([n for n in names if n], _source_names(gold, k)) for k in keys)
        s.ratio("sources table P").add(ok)
    for k in keys:
        ok = any(
            names_match([n for n in ns if n], _source_names(gold, k)) for ns in predicted.values()
        )
        s.ratio("sources table R").add(ok)


def stage_scores(golds: dict[str, dict], out_dir: Path) -> StageScore:
    """Per-stage scores of the tables in ``out_dir`` against ``golds``."""
    ids = set(golds)
    claims = _by_doc(_read(Path(out_dir) / "claims.csv"), ids)
    figures = _by_doc(_read(Path(out_dir) / "figures.csv"), ids)
    s = StageScore()
    for k, gold in golds.items():
        _score_doc(s, gold, claims.get(k, []), figures.get(k, []))
    return s


def print_stages(golds: dict[str, dict], out_dir: Path, console) -> None:
    """The per-stage table, under ``claimtrace eval``'s main one."""
    from rich.table import Table

    table = Table(title="per stage (attributed gold claims)")
    for col in ("stage", "score", "hits", "of"):
        table.add_column(col, justify="right")
    for name, value, hit, total in stage_scores(golds, out_dir).rows():
        table.add_row(name, f"{value:.3f}", str(hit) if hit else "", str(total))
    console.print(table)
