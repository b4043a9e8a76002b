"""The review page: ``report.html``, one self-contained file (inline CSS, JS and SVG; no
network) built from a run's tables and cleaned texts.

- a sources overview: an inline-SVG bar chart of claims and figures per source and a
  table of every source;
- an index of the articles (title, counts, sources), filterable by source and by words;
- each article in a collapsible section, its text with claims, figures and entities
  highlighted in the colour of the source they are attributed to, and a tooltip naming
  the claim id, the source and the certainty;
- the claims of each source, in collapsible sections.

At 1000 articles the page stays usable because article bodies sit in closed
``<details>`` (the browser does not lay them out until opened) and the filters only
toggle ``hidden`` on whole sections.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from pipeline import __version__
from pipeline.export import read_table, read_texts, replace_atomically
from pipeline.registry import AUTHOR_ID

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

# Nesting order of highlights sharing a start and end: claims outermost, entities inside.
LAYER = {"claim": 0, "figure": 1, "entity": 2}


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


@dataclass(frozen=True)
class Highlight:
    """One span of text to wrap: a claim, a figure or an entity mention."""

    start: int
    end: int
    kind: str  # claim | figure | entity
    ident: str  # claim_id, figure_id or mention_id
    css: str  # source colour class (s0, s1…) or "none"

    @property
    def order(self) -> tuple[int, int, int]:
        # earlier and longer spans are opened first, so they enclose the others
        return (self.start, -self.end, LAYER[self.kind])

    def open_tag(self) -> str:
        # tooltips are added by the page's script from the data (see SCRIPT): keeping
        # them out of the markup keeps a 1000-article page small
        tag = "span" if self.kind == "claim" else "mark"
        attr = {"claim": "data-claim", "figure": "data-fig", "entity": "data-mention"}[self.kind]
        # single quotes: this markup travels inside JSON, where " would be escaped
        return f"<{tag} class='{self.kind} {self.css}' {attr}='{esc(self.ident)}'>"

    def close_tag(self) -> str:
        return "</span>" if self.kind == "claim" else "</mark>"


def highlight_text(text: str, spans: Iterable[Highlight]) -> str:
    """``text`` as HTML with every span wrapped in its tag. Spans may nest or cross:
    at each boundary the open tags are closed back to the common prefix and reopened, so
    the markup stays well formed (a crossing span is simply split in pieces)."""
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    starts: dict[int, list[Highlight]] = defaultdict(list)
    ends: dict[int, list[Highlight]] = defaultdict(list)
    for s in spans:
        starts[s.start].append(s)
        ends[s.end].append(s)
    cuts = sorted({0, len(text), *starts, *ends})
    out: list[str] = []
    active: set[Highlight] = set()
    stack: list[Highlight] = []
    for here, nxt in zip(cuts, cuts[1:], strict=False):
        active.difference_update(ends.get(here, ()))
        active.update(starts.get(here, ()))
        want = sorted(active, key=lambda s: s.order)
        keep = 0
        while keep < min(len(stack), len(want)) and stack[keep] is want[keep]:
            keep += 1
        out.extend(s.close_tag() for s in reversed(stack[keep:]))
        out.extend(s.open_tag() for s in want[keep:])
        stack = want
        out.append(esc(text[here:nxt]))
    out.extend(s.close_tag() for s in reversed(stack))
    return "".join(out)


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


def render_style(data: ReportData) -> str:
    rules = [
        f".{data.css[sid]}{{--c:{colour};--l:{colour}33;--m:{colour}66}}"
        for sid, colour in data.colours.items()
    ]
    return CSS + "\n".join(rules)


def render_chart(data: ReportData) -> str:
    """Horizontal bars, claims and figures per source (the most cited first)."""
    rows = [s for s in data.sources if _int(s["n_claims"]) + _int(s["n_figures"]) > 0]
    shown = rows[:CHART_MAX_SOURCES]
    if not shown:
        return "<p>No claims or figures.</p>"
    top = max(max(_int(s["n_claims"]), _int(s["n_figures"])) for s in shown) or 1
    label_w, bar_w, row_h = 260, 420, 30
    height = 30 + row_h * len(shown)
    parts = [
        f'<svg id="chart" xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_w + 60}" '
        f'height="{height}" role="img" aria-label="claims and figures per source">',
        '<rect x="0" y="4" width="12" height="10" fill="#4e79a7"/>'
        '<text x="16" y="13">claims</text>'
        '<rect x="80" y="4" width="12" height="10" fill="#f28e2b"/>'
        '<text x="96" y="13">figures</text>',
    ]
    for i, s in enumerate(shown):
        y = 26 + i * row_h
        name = s["source_name"]
        label = name if len(name) <= 36 else name[:35] + "…"
        n_claims, n_figures = _int(s["n_claims"]), _int(s["n_figures"])
        cw, fw = bar_w * n_claims / top, bar_w * n_figures / top
        colour = data.colours[s["source_id"]]
        parts.append(
            f'<g class="bar" data-source="{esc(s["source_id"])}">'
            f"<title>{esc(name)}: {n_claims} claims, {n_figures} figures</title>"
            f'<circle cx="6" cy="{y + 11}" r="5" fill="{colour}"/>'
            f'<text x="16" y="{y + 15}">{esc(label)}</text>'
            f'<rect x="{label_w}" y="{y + 2}" width="{cw:.1f}" height="11" fill="#4e79a7"/>'
            f'<text x="{label_w + cw + 4:.1f}" y="{y + 12}" class="n">{n_claims}</text>'
            f'<rect x="{label_w}" y="{y + 15}" width="{fw:.1f}" height="11" fill="#f28e2b"/>'
            f'<text x="{label_w + fw + 4:.1f}" y="{y + 25}" class="n">{n_figures}</text></g>'
        )
    parts.append("</svg>")
    if len(rows) > len(shown):
        parts.append(f"<p class='muted'>{len(rows) - len(shown)} more sources in the table.</p>")
    return "".join(parts)


def render_sources(data: ReportData) -> str:
    out = [
        '<section id="sources"><h2>Sources</h2>',
        render_chart(data),
        '<table class="list"><thead><tr><th>source</th><th>id</th><th>type</th>'
        "<th>docs</th><th>claims</th><th>figures</th><th>as written</th></tr></thead><tbody>",
    ]
    for s in data.sources:
        sid = s["source_id"]
        out.append(
            f'<tr id="source-{esc(sid)}" class="source" data-source="{esc(sid)}">'
            f'<td><span class="dot {data.css[sid]}"></span>'
            f'<a href="#claims-{esc(quote(sid))}">{esc(s["source_name"])}</a></td>'
            f"<td><code>{esc(sid)}</code></td><td>{esc(s['source_type'])}</td>"
            f'<td class="n">{esc(s["n_docs"])}</td><td class="n">{esc(s["n_claims"])}</td>'
            f'<td class="n">{esc(s["n_figures"])}</td>'
            f'<td class="aliases">{esc(s["aliases"].replace("|", " · "))}</td></tr>'
        )
    out.append("</tbody></table></section>")
    return "".join(out)


def _doc_sources(data: ReportData, doc_id: str) -> list[str]:
    ids = {c["source_id"] for c in data.claims.get(doc_id, [])}
    ids |= {f["source_id"] for f in data.figures.get(doc_id, [])}
    return sorted(ids, key=lambda sid: _int(data.css.get(sid, "s999999")[1:]))


def _chip(data: ReportData, sid: str) -> str:
    name = data.names.get(sid, sid)
    return f'<span class="chip {data.css.get(sid, "none")}">{esc(name)}</span>'


def _filter_attrs(data: ReportData, doc: dict) -> str:
    """What the filters look at: the document's sources and words of its title."""
    sids = " ".join(_doc_sources(data, doc["doc_id"]))
    words = (doc["title"] + " " + doc["doc_id"]).lower()
    return f'data-doc="{esc(doc["doc_id"])}" data-sources=" {esc(sids)} " data-words="{esc(words)}"'


def render_index(data: ReportData) -> str:
    out = [
        '<section id="index"><h2>Articles</h2><table class="list"><thead><tr>'
        "<th>title</th><th>doc_id</th><th>published</th><th>claims</th><th>figures</th>"
        "<th>sources</th></tr></thead><tbody>"
    ]
    for d in data.documents:
        doc_id = d["doc_id"]
        chips = "".join(_chip(data, s) for s in _doc_sources(data, doc_id))
        out.append(
            f'<tr class="doc-row" {_filter_attrs(data, d)}>'
            f'<td><a href="#doc-{esc(quote(doc_id))}">{esc(d["title"] or doc_id)}</a></td>'
            f"<td><code>{esc(doc_id)}</code></td><td>{esc(d['published'])}</td>"
            f'<td class="n">{esc(d["n_claims"])}</td><td class="n">{esc(d["n_figures"])}</td>'
            f"<td>{chips}</td></tr>"
        )
    out.append("</tbody></table></section>")
    return "".join(out)


def render_article(data: ReportData, doc: dict, open_: bool) -> str:
    """A collapsible article; its body is drawn by the script when it opens."""
    doc_id = doc["doc_id"]
    chips = "".join(_chip(data, s) for s in _doc_sources(data, doc_id))
    meta = " · ".join(esc(x) for x in (doc["section"], doc["published"], doc["path"]) if x)
    return (
        f'<details class="doc" id="doc-{esc(doc_id)}" {_filter_attrs(data, doc)}'
        f"{' open' if open_ else ''}><summary><b>{esc(doc['title'] or doc_id)}</b> "
        f'<span class="muted">{esc(doc["n_claims"])} claims · {esc(doc["n_figures"])} figures'
        f'</span> {chips}</summary><p class="muted">{meta}</p><div class="body"></div></details>'
    )


def render_claims_by_source(data: ReportData) -> str:
    """A collapsible section per source; its claims are listed by the script on opening."""
    out = ['<section id="claims-by-source"><h2>Claims per source</h2>']
    for s in data.sources:
        sid = s["source_id"]
        if not _int(s["n_claims"]):
            continue
        out.append(
            f'<details class="src" id="claims-{esc(sid)}" data-source="{esc(sid)}">'
            f"<summary>{_chip(data, sid)} <span class='muted'>{esc(s['source_type'])} · "
            f"{esc(s['n_claims'])} claims in {esc(s['n_docs'])} articles</span></summary>"
            '<ol class="claims"></ol></details>'
        )
    out.append("</section>")
    return "".join(out)


def render_toolbar(data: ReportData) -> str:
    options = "".join(
        f'<option value="{esc(s["source_id"])}" data-css="{data.css[s["source_id"]]}">'
        f"{esc(s['source_name'])} ({esc(s['n_claims'])})</option>"
        for s in data.sources
    )
    return (
        '<nav id="toolbar"><label>Source <select id="source-filter">'
        f'<option value="">all sources</option>{options}</select></label> '
        '<label>Find <input id="word-filter" type="search" placeholder="title or doc id">'
        '</label> <button id="expand">expand shown</button> <button id="collapse">collapse '
        'all</button> <a href="#sources">sources</a> · <a href="#index">articles</a> · '
        '<a href="#claims-by-source">claims per source</a> '
        '<span class="legend"><span class="claim s0">claim</span> '
        '<mark class="figure s0">figure</mark> <mark class="entity s0">entity</mark></span>'
        '<span id="shown" class="muted"></span></nav>'
    )


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


def render_report(data: ReportData, title: str = "claimtrace review") -> str:
    """The whole page as one string."""
    n_claims = sum(len(v) for v in data.claims.values())
    n_figures = sum(len(v) for v in data.figures.values())
    open_ = len(data.documents) <= OPEN_DOCS_UP_TO
    articles = "".join(render_article(data, d, open_) for d in data.documents)
    return (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{render_style(data)}</style></head><body>"
        f"<header><h1>{esc(title)}</h1><p class='muted'>{len(data.documents)} articles · "
        f"{n_claims} claims · {n_figures} figures · {len(data.sources)} sources · "
        f"claimtrace {esc(__version__)}</p>"
        "<noscript><p>This page needs JavaScript to show the article texts.</p></noscript>"
        f"</header>{render_toolbar(data)}<main>{render_sources(data)}{render_index(data)}"
        f'<section id="articles"><h2>Texts</h2>{articles}</section>'
        f"{render_claims_by_source(data)}</main>"
        f'<script id="data" type="application/json">{page_data(data)}</script>'
        f"<script>{SCRIPT}</script></body></html>\n"
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


CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#222;
background:#fafafa}
header,main{max-width:1100px;margin:0 auto;padding:0 16px}
h1{margin:16px 0 0;font-size:24px}h2{border-bottom:2px solid #ddd;padding-top:8px}
.muted{color:#777;font-size:13px}
#toolbar{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid #ddd;
padding:8px 16px;display:flex;gap:12px;align-items:center;flex-wrap:wrap;font-size:14px}
#toolbar select{max-width:280px}
table.list{border-collapse:collapse;width:100%;font-size:13px;background:#fff}
table.list th,table.list td{border-bottom:1px solid #eee;padding:3px 6px;text-align:left;
vertical-align:top}
table.list th{background:#f0f2f5;position:sticky;top:44px}
td.n{text-align:right}td.aliases{color:#555;max-width:380px}
details{background:#fff;border:1px solid #e3e3e3;border-radius:6px;margin:8px 0;
padding:4px 12px}
details>summary{cursor:pointer;padding:4px 0}
.text{white-space:pre-wrap;line-height:1.8;font-size:15px;max-width:80ch;
font-family:Georgia,"DejaVu Serif",serif}
mark{background:none;color:inherit}
.claim{background:var(--l,#eee);border-radius:2px}
.figure{background:var(--m,#ddd);border-bottom:3px solid var(--c,#999);font-weight:600;
border-radius:2px;padding:0 1px}
.entity{border-bottom:2px solid var(--c,#999)}
.entity.none,.figure.none{--c:#aaa}
.chip{display:inline-block;border-radius:9px;padding:0 8px;margin:1px 2px;font-size:12px;
background:var(--l,#eee);border:1px solid var(--c,#ccc)}
.dot{display:inline-block;width:10px;height:10px;border-radius:5px;background:var(--c);
margin-right:6px}
.tag{font-size:11px;background:#eef;border-radius:3px;padding:0 4px;color:#445}
ol.claims li,details.src li{margin:3px 0;font-size:14px}
svg text{font:12px system-ui,sans-serif;fill:#333}svg text.n{fill:#555;font-size:11px}
body.filtered main mark,body.filtered main span.claim{background:none;
border-bottom-color:transparent;font-weight:inherit}
[hidden]{display:none!important}
g.bar{cursor:pointer}g.bar.dim{opacity:.15}
.legend{margin-left:auto}
"""

# Filters toggle `hidden` on whole sections and rows (cheap at 1000 articles); the
# source filter also dims every highlight of other sources through one injected rule.
SCRIPT = """
(function(){
const $=s=>document.querySelector(s), $$=s=>Array.from(document.querySelectorAll(s));
const DATA=JSON.parse($('#data').textContent), S=DATA.sources, EXPAND_MAX=100;
const sel=$('#source-filter'), words=$('#word-filter'), style=document.createElement('style');
document.head.appendChild(style);
const name=id=>S[id]?S[id][0]:id;
function el(tag,cls,text){const e=document.createElement(tag);if(cls)e.className=cls;
  if(text!=null)e.textContent=text;return e;}
const chip=id=>el('span','chip '+(S[id]?S[id][2]:'none'),name(id));
// c = [claim_id, source_id, certainty, attribution, cue, text, negated, source_text]
function claimItem(c,docId,withDoc){
  const li=el('li');li.dataset.source=c[1];
  if(withDoc){const a=el('a',null,docId+' '+c[0]);a.href='#doc-'+encodeURIComponent(docId);
    a.title=DATA.titles[docId];li.append(a,' ');}
  else li.append(el('b',null,c[0]),' ');
  li.append(chip(c[1]),' ',el('span','tag',c[2]),' ',el('span','tag',c[3]),' ',
    el('i',null,(c[7]?c[7]+' ':'')+c[4]),' ',c[5]);
  if(c[6])li.append(' ',el('span','tag','negated'));
  return li;
}
// tooltips (title) and data-source of every highlight of one article
function tooltips(d,root){
  const cl={};d.claims.forEach(c=>cl[c[0]]=c);
  const about=id=>{const c=cl[id];return c?'claim '+c[0]+' · source '+name(c[1])+' ('+
    (S[c[1]]?S[c[1]][1]:'')+') · certainty '+c[2]:'in no claim';};
  root.querySelectorAll('[data-claim]').forEach(x=>{const c=cl[x.dataset.claim];if(!c)return;
    x.title=about(c[0])+' · '+c[3]+(c[6]?' · negated':'');x.dataset.source=c[1];});
  root.querySelectorAll('[data-fig]').forEach(x=>{const f=d.figures[x.dataset.fig];if(!f)return;
    x.title='figure '+x.dataset.fig+': '+f[0]+(f[1]?'–'+f[1]:'')+' '+f[2]+' ('+f[3]+') · '+
      (f[4]?about(f[4]):'source '+name(f[5]));x.dataset.source=f[5];});
  root.querySelectorAll('[data-mention]').forEach(x=>{const e=d.entities[x.dataset.mention];
    if(!e)return;x.title=e[0]+' '+e[1]+' · role '+e[2]+' · '+about(e[3]);});
}
function renderDoc(det){
  if(det.dataset.done)return;det.dataset.done='1';
  const d=DATA.docs[det.dataset.doc],body=det.querySelector('.body');
  if(d.html===null)body.append(el('p','muted','Text not available: texts.jsonl is missing '+
    'and the article could not be re-read unchanged.'));
  else{const t=el('div','text');t.innerHTML=d.html;tooltips(d,t);body.append(t);}
  const ol=el('ol','claims');d.claims.forEach(c=>ol.append(claimItem(c,det.dataset.doc,false)));
  body.append(el('h4',null,'Claims'),ol);
}
function renderSource(det){
  if(det.dataset.done)return;det.dataset.done='1';
  const sid=det.dataset.source,ol=det.querySelector('ol');
  for(const [docId,d] of Object.entries(DATA.docs))
    d.claims.forEach(c=>{if(c[1]===sid)ol.append(claimItem(c,docId,true));});
}
// article bodies and claim lists are drawn when their section first opens
function render(t){
  if(t.classList.contains('doc'))renderDoc(t);else if(t.classList.contains('src'))renderSource(t);}
document.addEventListener('toggle',e=>{if(e.target.open)render(e.target);},true);
function apply(){
  const src=sel.value, w=words.value.trim().toLowerCase(), opt=sel.selectedOptions[0];
  let shown=0;
  $$('.doc,.doc-row').forEach(el=>{
    const ok=(!src||el.dataset.sources.includes(' '+src+' '))&&(!w||el.dataset.words.includes(w));
    el.hidden=!ok; if(ok&&el.classList.contains('doc')) shown++;
  });
  $$('details.src,tr.source').forEach(el=>{el.hidden=!!src&&el.dataset.source!==src;});
  // SVG has no `hidden`, and hiding bars would leave holes: other sources' bars fade
  $$('g.bar').forEach(g=>g.classList.toggle('dim',!!src&&g.dataset.source!==src));
  document.body.classList.toggle('filtered',!!src);
  const c=src?opt.dataset.css:'';
  style.textContent=src?'body.filtered main mark.figure.'+c+'{background:var(--m);'+
    'border-bottom-color:var(--c);font-weight:600}body.filtered main mark.entity.'+c+
    '{border-bottom-color:var(--c)}body.filtered main span.claim.'+c+
    '{background:var(--l)}':'';
  $('#shown').textContent=(src||w)?shown+' articles shown':'';
  if(src&&location.hash!=='#source='+src) history.replaceState(null,'','#source='+src);
}
function openTarget(){
  const h=decodeURIComponent(location.hash.slice(1));
  if(h.startsWith('source=')){sel.value=h.slice(7);apply();return;}
  const el=document.getElementById(h);
  if(el&&el.tagName==='DETAILS'){el.open=true;render(el);el.scrollIntoView();}
}
sel.addEventListener('change',apply); words.addEventListener('input',apply);
$$('g.bar').forEach(g=>g.addEventListener('click',()=>{
  sel.value=sel.value===g.dataset.source?'':g.dataset.source;apply();}));
$('#expand').onclick=()=>$$('details.doc:not([hidden])').slice(0,EXPAND_MAX)
  .forEach(d=>{d.open=true;renderDoc(d);});
$('#collapse').onclick=()=>$$('details').forEach(d=>d.open=false);
$$('details.doc[open]').forEach(renderDoc);
window.addEventListener('hashchange',openTarget); openTarget();
})();
"""
