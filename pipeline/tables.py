"""Tables: a processed Doc → rows → the five CSV files of ../shared/SCHEMA.md.

:func:`doc_tables` turns one article and its Doc into plain rows (picklable, so worker
processes can send them back); :class:`TableWriter` streams rows into the output folder
as documents finish and writes ``sources.csv`` (the run-wide source tally) at the end.
Files are written into a temporary folder and moved into place only when complete, so
an interrupted run never leaves half-written tables.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from pipeline.atomic import TEMP_PREFIX, commit, discard, settle, stage  # noqa: F401
from pipeline.closed_words import is_pronoun
from pipeline.columns import COLUMNS, COMPARISONS_COLUMNS, TABLES  # noqa: F401 — TABLES re-exported
from pipeline.comparisons import comparison_rows, figure_records
from pipeline.comparisons.component import doc_figure_contexts
from pipeline.components.attribution import CUES
from pipeline.components.figures import Figure
from pipeline.components.sentences import sent_starts
from pipeline.extension_values import span_values
from pipeline.read import Article
from pipeline.registry import AUTHOR
from pipeline.safe_rows import SafeRowWriter

#: the article's own voice, as a claim record's ``source`` (id, name, type)
_AUTHOR = (AUTHOR.id, AUTHOR.name, AUTHOR.type)

#: The cleaned text of every document (one JSON object a line: doc_id, sha256, text),
#: written beside the tables so the review page can show what the offsets point into.
TEXTS_FILE = "texts.jsonl"


def format_number(value: float | None) -> str:
    """A plain decimal, no exponent, no trailing zeros.

    >>> format_number(15000.0), format_number(0.18), format_number(1e9), format_number(None)
    ('15000', '0.18', '1000000000', '')
    """
    if value is None:
        return ""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_bool(value: bool) -> str:
    return "true" if value else "false"


@dataclass
class SourceUse:
    """What one document says about one source, for the run-wide sources table."""

    name: str
    type: str
    aliases: set[str] = field(default_factory=set)
    n_claims: int = 0
    n_figures: int = 0

    def absorb(self, other: SourceUse) -> None:
        """Add another document's (or chunk's) use of the same source."""
        self.aliases |= other.aliases
        self.n_claims += other.n_claims
        self.n_figures += other.n_figures


@dataclass
class DocTables:
    """All rows of one document."""

    document: dict
    entities: list[dict]
    figures: list[dict]
    claims: list[dict]
    sources: dict[str, SourceUse]
    text: str = ""  # the cleaned text the offsets point into (for texts.jsonl)
    n_tokens: int = 0  # spaCy tokens of the Doc (the progress line's tokens/s)
    #: what each figure measures (pipeline.comparisons.FigureContext records), aligned
    #: with ``figures``: kept through the run for comparisons.csv
    figure_context: list[dict] = field(default_factory=list)


def doc_tables(article: Article, doc: Doc) -> DocTables:
    """The rows of every table for one processed article."""
    doc_id = article.doc_id
    # sentence of a token by bisection over sentence starts (sentences tile the Doc);
    # a token → sentence dict cost a Python loop over every token
    starts = sent_starts(doc)  # cached on the Doc by the attribution stages

    def sent_of(token_i: int) -> int:
        return bisect_right(starts, token_i) - 1

    # the claims as their records (doc._.claim_records, pipeline.components.claim), not
    # as ``doc._.claims``, which rebuilds every claim's spans and cue for a few strings
    records: list[dict] = doc._.claim_records or []
    sources: dict[str, SourceUse] = {}

    def use(source: list, alias: str | None = None) -> SourceUse:
        u = sources.get(source[0])
        if u is None:
            u = sources[source[0]] = SourceUse(source[1], source[2])
        # a pronoun ("-il", "elle") is how the sentence points at a source, not a name
        # an analyst could search for
        if alias and not is_pronoun(alias):
            u.aliases.add(" ".join(alias.split()))
        return u

    claim_rows = []
    cues = doc.spans.get(CUES, [])
    for n, r in enumerate(records, 1):
        content = doc[r["content"][0] : r["content"][1]]
        mention = r["mention"]
        mention_text = doc[mention[0] : mention[1]].text if mention is not None else None
        source = r["source"]
        use(source, mention_text).n_claims += 1
        claim_rows.append(
            {
                "doc_id": doc_id,
                "claim_id": f"c{n}",
                "sent_id": sent_of(content.start),
                "start": content.start_char,
                "end": content.end_char,
                "text": content.text,
                "cue": cues[r["cue"]].text if r["cue"] >= 0 else "",
                "attribution": r["attribution"],
                "source_text": mention_text or "",
                "source_id": source[0],
                "source_name": source[1],
                "source_type": source[2],
                "certainty": r["certainty"],
                "negated": format_bool(r["negated"]),
                "speaker": r["speaker"],
            }
        )
    figure_rows = []
    figure_spans = list(doc.spans.get("figures", []))
    figure_data = span_values(figure_spans, "figure_data")
    figure_claims = span_values(figure_spans, "figure_claim")
    for i, span in enumerate(figure_spans, 1):
        data, k = figure_data[i - 1], figure_claims[i - 1]
        fig = Figure(*data) if data is not None else None
        src = records[k]["source"] if k >= 0 else _AUTHOR
        use(src).n_figures += 1
        figure_rows.append(
            {
                "doc_id": doc_id,
                "figure_id": f"f{i}",
                "sent_id": sent_of(span.start),
                "start": span.start_char,
                "end": span.end_char,
                "text": span.text,
                "value": format_number(fig.value),
                "value_max": format_number(fig.value_max),
                "unit": fig.unit,
                "approx": format_bool(fig.approx),
                "qualifier": fig.qualifier,
                "category": fig.category,
                "claim_id": f"c{k + 1}" if k >= 0 else "",
                "source_id": src[0],
                "source_name": src[1],
            }
        )
    entity_rows = []
    ents = doc.ents
    columns = zip(
        ents,
        span_values(ents, "entity_claim"),
        span_values(ents, "entity_role"),
        span_values(ents, "entity_id"),
        span_values(ents, "canonical"),
        strict=True,
    )
    for i, (ent, k, role, entity_id, canonical) in enumerate(columns, 1):
        src = records[k]["source"] if k >= 0 else None
        entity_rows.append(
            {
                "doc_id": doc_id,
                "mention_id": f"m{i}",
                "sent_id": sent_of(ent.start),
                "start": ent.start_char,
                "end": ent.end_char,
                "text": ent.text,
                "label": ent.label_,
                "entity_id": entity_id,
                "canonical": canonical,
                "role": role,
                "claim_id": f"c{k + 1}" if k >= 0 else "",
                "source_id": src[0] if src is not None else "",
                "source_name": src[1] if src is not None else "",
            }
        )
    document = {
        "doc_id": doc_id,
        "path": article.path,
        "title": article.title,
        "section": article.section,
        "published": article.published,
        "n_sentences": len(starts),
        "n_entities": len(entity_rows),
        "n_figures": len(figure_rows),
        "n_claims": len(claim_rows),
        "sha256": article.sha256,
        "lang": article.lang,
        "url": article.url,
    }
    return DocTables(
        document,
        entity_rows,
        figure_rows,
        claim_rows,
        sources,
        article.text,
        len(doc),
        doc_figure_contexts(doc),  # set by the figure_contexts component
    )


class SourceTally:
    """Run-wide counts per source, merged from each document's :class:`SourceUse`."""

    def __init__(self) -> None:
        self._uses: dict[str, SourceUse] = {}
        # documents per source as a count, not a set of doc_ids: memory must not grow
        # with the corpus. A doc_id comes twice only from files that differ by extension
        # (a.md, a.txt), which are neighbours in corpus order: the last doc_id per
        # source is enough to count it once.
        self._docs: dict[str, int] = {}
        self._last_doc: dict[str, str] = {}

    def add(self, doc_id: str, sources: dict[str, SourceUse]) -> None:
        for sid, u in sources.items():
            self._uses.setdefault(sid, SourceUse(u.name, u.type)).absorb(u)
            if self._last_doc.get(sid) != doc_id:
                self._last_doc[sid] = doc_id
                self._docs[sid] = self._docs.get(sid, 0) + 1

    def rows(self) -> list[dict]:
        if AUTHOR.id not in self._uses:
            self._uses[AUTHOR.id] = SourceUse(AUTHOR.name, AUTHOR.type)
            self._docs[AUTHOR.id] = 0
        return [
            {
                "source_id": sid,
                "source_name": u.name,
                "source_type": u.type,
                "aliases": "|".join(sorted(u.aliases)),
                "n_docs": self._docs[sid],
                "n_claims": u.n_claims,
                "n_figures": u.n_figures,
            }
            for sid, u in sorted(self._uses.items())
        ]


class TableWriter:
    """Streams rows into the five tables (and texts.jsonl).

    With ``folder`` (a run's staged folder, :func:`pipeline.atomic.stage`) the files are
    written there and the caller moves them in with everything else the run writes;
    without, the writer stages its own folder inside ``out_dir`` and :meth:`close`
    commits it, so files appear in ``out_dir`` all together or not at all.
    """

    def __init__(self, out_dir: Path, folder: Path | None = None) -> None:
        self.out_dir = Path(out_dir)
        self._own = folder is None
        if self._own:
            settle(self.out_dir)
            folder = stage(self.out_dir, "tables")
        self.folder = Path(folder)
        self._done = False
        self._files = {}
        self._writers = {}
        self._texts = None
        try:
            for name in ("documents", "entities", "figures", "claims"):
                f = open(self.folder / f"{name}.csv", "w", encoding="utf-8", newline="")  # noqa: SIM115
                self._files[name] = f
                self._writers[name] = w = SafeRowWriter(f, COLUMNS[name])
                w.writeheader()
            self._texts = open(self.folder / TEXTS_FILE, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        except BaseException:
            self.abort()
            raise
        self.sources = SourceTally()
        self._figures: list = []  # a small record per comparable figure, for comparisons
        self.counts = dict.fromkeys(("documents", "entities", "figures", "claims"), 0)

    def write(self, tables: DocTables) -> None:
        self._writers["documents"].writerow(tables.document)
        for name in ("entities", "figures", "claims"):
            rows = getattr(tables, name)
            self._writers[name].writerows(rows)
            self.counts[name] += len(rows)
        self.counts["documents"] += 1
        doc = tables.document
        record = {"doc_id": doc["doc_id"], "sha256": doc["sha256"], "text": tables.text}
        self._texts.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.sources.add(tables.document["doc_id"], tables.sources)
        self._figures += figure_records(
            self.counts["documents"], tables.document, tables.figures, tables.figure_context
        )

    def _close_files(self) -> bool:
        """Close the open files once; False when that was already done."""
        if self._done:
            return False
        self._done = True
        for f in (*self._files.values(), self._texts):
            if f is not None:
                f.close()  # a full disk fails here at the latest (buffered rows)
        return True

    def finish(self) -> None:
        """Complete the tables in the folder (sources.csv, the run-wide tally, and
        comparisons.csv, made from every document's figures)."""
        if self._close_files():
            write_csv(self.folder / "sources.csv", COLUMNS["sources"], self.sources.rows())
            rows = comparison_rows(self._figures, format_number)
            write_csv(self.folder / "comparisons.csv", COMPARISONS_COLUMNS, rows)

    def close(self) -> None:
        already = self._done
        self.finish()
        if self._own and not already:
            commit(self.folder, self.out_dir)

    def abort(self) -> None:
        """Drop everything written so far; the previous tables stay as they were."""
        try:
            self._close_files()
        finally:
            if self._own:
                discard(self.folder)

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


#: Kept under their old names for callers of this module.
remove_stale_temp = settle


def write_csv(path: Path, columns: list[str], rows: Iterable[dict]) -> None:
    """One table in the contract's CSV dialect, free text neutralised (pipeline.safe)."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = SafeRowWriter(f, columns)
        w.writeheader()
        w.writerows(rows)
