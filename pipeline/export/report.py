"""The review page: ``report.html``, one self-contained file (inline CSS, JS and SVG; no
network) built from a run's tables and cleaned texts with the Jinja2 templates of
``pipeline/export/templates/`` (autoescaped: every value from the tables is escaped).

- "Where sources disagree": the groups of ``comparisons.csv`` when the run wrote it, each
  with the quantity, every source's value and words and a link to the article,
  disagreements first;
- a sources overview: an inline-SVG bar chart of claims and figures per source and a
  table of every source;
- an index of the articles (title, counts, sources), filterable by source and by words
  of the titles, sources and texts;
- each article in a collapsible section, its text with claims, figures and entities
  highlighted in the colour of the source they are attributed to, and a tooltip naming
  the claim id, the source and the certainty;
- the claims of each source, in collapsible sections.

At 1000 articles the page stays usable because article bodies sit in closed
``<details>`` (the browser does not lay them out until opened) and the filters only
toggle ``hidden`` on whole sections. The same tables always give the same bytes: every
order has a tie-break.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from pipeline import __version__
from pipeline.export import (
    comparison_order,
    read_optional_table,
    read_table,
    read_texts,
    replace_atomically,
)
from pipeline.export.highlight import Highlight, highlight_text
from pipeline.registry import AUTHOR_ID

TEMPLATES = Path(__file__).parent / "templates"

#: Tableau-like palette: distinct hues that stay readable as light backgrounds.
PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#17becf",
    "#bcbd22",
    "#8c564b",
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
)
AUTHOR_COLOUR = "#8c8c8c"
CHART_MAX_SOURCES = 25  # bars in the overview chart; every source is in the table below
OPEN_DOCS_UP_TO = 5  # small runs open every article; large ones start collapsed


@dataclass
class ReportData:
    """The tables of one output folder, grouped for the page."""

    documents: list[dict]
    sources: list[dict]  # most cited first
    claims: dict[str, list[dict]]  # by doc_id
    figures: dict[str, list[dict]]
    entities: dict[str, list[dict]]
    texts: dict[str, str]
    css: dict[str, str]  # source_id → colour class
    colours: dict[str, str]  # source_id → hex colour
    names: dict[str, str]  # source_id → name
    comparisons: list[dict] = field(default_factory=list)  # comparisons.csv, if any

    @classmethod
    def load(cls, out_dir: Path) -> ReportData:
        documents = read_table(out_dir, "documents")
        sources = read_table(out_dir, "sources")
        by_doc = {}
        for name in ("claims", "figures", "entities"):
            group: dict[str, list[dict]] = defaultdict(list)
            for row in read_table(out_dir, name):
                group[row["doc_id"]].append(row)
            by_doc[name] = group
        # most-cited sources get the first (most distinct) colours
        sources.sort(key=lambda s: (-_int(s["n_claims"]) - _int(s["n_figures"]), s["source_id"]))
        css, colours = {}, {}
        rank = 0
        for s in sources:
            sid = s["source_id"]
            css[sid] = f"s{len(css)}"
            if sid == AUTHOR_ID:
                colours[sid] = AUTHOR_COLOUR
            else:
                colours[sid] = PALETTE[rank % len(PALETTE)]
                rank += 1
        return cls(
            documents,
            sources,
            by_doc["claims"],
            by_doc["figures"],
            by_doc["entities"],
            read_texts(out_dir, documents),
            css,
            colours,
            {s["source_id"]: s["source_name"] for s in sources},
            read_optional_table(out_dir, "comparisons"),
        )


def _int(text: str) -> int:
    try:
        return int(text)
    except (TypeError, ValueError):
        return 0


def doc_highlights(data: ReportData, doc_id: str) -> list[Highlight]:
    """Claims, figures and entities of one document as highlights."""
    rows = (
        ("claim", "claim_id", data.claims),
        ("figure", "figure_id", data.figures),
        ("entity", "mention_id", data.entities),
    )
    return [
        Highlight(
            _int(r["start"]), _int(r["end"]), kind, r[key], data.css.get(r["source_id"], "none")
        )
        for kind, key, table in rows
        for r in table.get(doc_id, [])
    ]


def doc_data(data: ReportData, doc_id: str) -> dict:
    """What the page's script needs to show one article: its highlighted text, and per
    claim / figure / mention the fields of its tooltip and of the claims list."""
    text = data.texts.get(doc_id)
    claims = [
        [c["claim_id"], c["source_id"], c["certainty"], c["attribution"], c["cue"], c["text"]]
        + [c["negated"] == "true", c["source_text"]]
        for c in data.claims.get(doc_id, [])
    ]
    figures = {
        f["figure_id"]: [f["value"], f["value_max"], f["unit"], f["category"], f["claim_id"]]
        + [f["source_id"]]
        for f in data.figures.get(doc_id, [])
    }
    entities = {
        e["mention_id"]: [e["label"], e["canonical"] or e["text"], e["role"], e["claim_id"]]
        for e in data.entities.get(doc_id, [])
    }
    return {
        "html": None if text is None else highlight_text(text, doc_highlights(data, doc_id)),
        "claims": claims,
        "figures": figures,
        "entities": entities,
    }


def plural(n: int, word: str) -> str:
    """``n`` and ``word``, with an ``s`` unless ``n`` is 1 (the page is in English).

    >>> plural(1, "article"), plural(3, "claim"), plural(0, "figure")
    ('1 article', '3 claims', '0 figures')
    """
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def french_number(text: str, percent: bool = False) -> str:
    """A table's plain decimal as a French reader writes it: thin spaces between
    thousands, a decimal comma; a percentage (stored as a fraction) times 100.

    >>> french_number("15000"), french_number("0.425", percent=True), french_number("")
    ('15\u202f000', '42,5', '')
    """
    try:
        value = float(text) * (100 if percent else 1)
    except ValueError:
        return text
    sign = "-" if value < 0 else ""
    whole, _, decimals = f"{abs(value):.6f}".rstrip("0").rstrip(".").partition(".")
    return sign + f"{int(whole):,}".replace(",", "\u202f") + ("," + decimals if decimals else "")


def comparison_groups(rows: list[dict]) -> list[dict]:
    """The groups of ``comparisons.csv``: disagreements first, then in group order
    (``g2`` before ``g10``); the figures of a group in file order."""
    groups: dict[str, dict] = {}
    for r in rows:
        g = groups.setdefault(
            r["group_id"],
            {
                "group_id": r["group_id"],
                "relation": r["relation"],
                "subject": r["subject"],
                "unit": r["unit"],
                "rows": [],
                "sources": [],
            },
        )
        percent = r["unit"] == "%"
        value = french_number(r["value"], percent)
        if r["value_max"]:
            value += "–" + french_number(r["value_max"], percent)
        g["rows"].append(r | {"shown_value": f"{value} {r['unit']}".strip()})
        if r["source_id"] not in g["sources"]:
            g["sources"].append(r["source_id"])
    return sorted(groups.values(), key=comparison_order)


def chart_bars(data: ReportData) -> dict:
    """Geometry of the overview chart: horizontal bars of claims and figures per source,
    the most cited first."""
    rows = [s for s in data.sources if _int(s["n_claims"]) + _int(s["n_figures"]) > 0]
    shown = rows[:CHART_MAX_SOURCES]
    top = max((max(_int(s["n_claims"]), _int(s["n_figures"])) for s in shown), default=0) or 1
    label_w, bar_w, row_h = 260, 420, 30
    bars = []
    for i, s in enumerate(shown):
        n_claims, n_figures = _int(s["n_claims"]), _int(s["n_figures"])
        cw, fw = bar_w * n_claims / top, bar_w * n_figures / top
        name = s["source_name"]
        bars.append(
            {
                "source_id": s["source_id"],
                "name": name,
                "label": name if len(name) <= 36 else name[:35] + "…",
                "y": 26 + i * row_h,
                "colour": data.colours[s["source_id"]],
                "n_claims": n_claims,
                "n_figures": n_figures,
                "cw": f"{cw:.1f}",
                "fw": f"{fw:.1f}",
                "cx": f"{label_w + cw + 4:.1f}",
                "fx": f"{label_w + fw + 4:.1f}",
            }
        )
    return {
        "bars": bars,
        "label_w": label_w,
        "width": label_w + bar_w + 60,
        "height": 30 + row_h * len(shown),
        "more": len(rows) - len(shown),
    }


def _doc_sources(data: ReportData, doc_id: str) -> list[str]:
    ids = {c["source_id"] for c in data.claims.get(doc_id, [])}
    ids |= {f["source_id"] for f in data.figures.get(doc_id, [])}
    return sorted(ids, key=lambda sid: (_int(data.css.get(sid, "s999999")[1:]), sid))


def page_data(data: ReportData) -> str:
    """The JSON the script reads, safe inside ``<script>`` (no ``<`` at all)."""
    payload = {
        "sources": {
            s["source_id"]: [s["source_name"], s["source_type"], data.css[s["source_id"]]]
            for s in data.sources
        },
        "docs": {d["doc_id"]: doc_data(data, d["doc_id"]) for d in data.documents},
        "titles": {d["doc_id"]: d["title"] or d["doc_id"] for d in data.documents},
    }
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.globals["plural"] = plural
    return env


def _asset(name: str) -> Markup:
    """A CSS or JS file of the templates folder, inlined as is (it holds no data)."""
    return Markup((TEMPLATES / name).read_text(encoding="utf-8"))


def render_report(data: ReportData, title: str = "claimtrace review") -> str:
    """The whole page as one string."""
    doc_sources = {d["doc_id"]: _doc_sources(data, d["doc_id"]) for d in data.documents}
    doc_words = {
        doc_id: " ".join([d["title"], doc_id, *(data.names.get(s, s) for s in sids)]).lower()
        for d in data.documents
        for doc_id, sids in [(d["doc_id"], doc_sources[d["doc_id"]])]
    }
    groups = comparison_groups(data.comparisons)
    colour_rules = "".join(
        f".{data.css[sid]}{{--c:{colour};--l:{colour}33;--m:{colour}66}}\n"
        for sid, colour in data.colours.items()
    )
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            title=title,
            version=__version__,
            documents=data.documents,
            sources=data.sources,
            css=data.css,
            names=data.names,
            titles={d["doc_id"]: d["title"] or d["doc_id"] for d in data.documents},
            doc_sources=doc_sources,
            doc_words=doc_words,
            n_claims=sum(len(v) for v in data.claims.values()),
            n_figures=sum(len(v) for v in data.figures.values()),
            groups=groups,
            n_disagree=sum(g["relation"] == "disagree" for g in groups),
            chart=chart_bars(data),
            open_docs=len(data.documents) <= OPEN_DOCS_UP_TO,
            style=_asset("report.css") + Markup(colour_rules),
            script=_asset("report.js"),
            data=Markup(page_data(data)),
        )
    )


def write_report(out_dir: Path, path: Path | None = None) -> Path:
    """``report.html`` (or ``path``) from the tables and texts of ``out_dir``."""
    out_dir = Path(out_dir)
    path = Path(path) if path is not None else out_dir / "report.html"
    page = render_report(ReportData.load(out_dir))

    def write(tmp: Path) -> None:
        tmp.write_text(page, encoding="utf-8")

    replace_atomically(path, write)
    return path
