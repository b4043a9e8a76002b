"""Fuzzing (hypothesis): arbitrary Unicode, French-like news sentences and pathological
inputs through the readers, the figure parser, the claim builder (the full pipeline)
and the exporter. Properties: no exception, every offset inside the text and pointing
at the row's text, every row valid against the contract (../shared/SCHEMA.md).

Example counts come from a settings profile, ``HYPOTHESIS_PROFILE``:

- ``ci`` (default): a few hundred examples in all, about a minute with the model;
- ``long``: 20× more, for a night run:
  ``HYPOTHESIS_PROFILE=long .venv/bin/pytest -q tests/test_fuzz.py``;
- ``dev``: a handful, to check the tests themselves.

A failure prints the shrunk input; hypothesis also replays it first on the next run
(``.hypothesis/``, not committed).
"""

from __future__ import annotations

import csv
import math
import os
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline.batch import ERROR_CODES
from pipeline.chunks import chunk_bounds, merge_chunks, split_article
from pipeline.engines import analyse_article
from pipeline.figures_parse import parse_number, scan
from pipeline.formats import ReadError, decode_bytes, guess_language, jsonl_records
from pipeline.read import find_zones, make_article, read_path
from pipeline.tables import COLUMNS, DocTables, TableWriter

_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]
settings.register_profile("ci", deadline=None, suppress_health_check=_SLOW, print_blob=True)
settings.register_profile("long", deadline=None, suppress_health_check=_SLOW, print_blob=True)
settings.register_profile("dev", deadline=None, suppress_health_check=_SLOW)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)
SCALE = {"ci": 1.0, "long": 20.0, "dev": 0.1}.get(PROFILE, 1.0)


def n(examples: int) -> int:
    """``examples`` for the ci profile, scaled for the others."""
    return max(3, int(examples * SCALE))


# --- strategies ----------------------------------------------------------------------

SPEAKERS = [
    "Le ministre",
    "l'AFP",
    "Kim Jong Un",
    "les médias d'État",
    "Il",
    "Le porte-parole du gouvernement sud-coréen",
    "Reuters",
    "Selon l'agence Yonhap,",
    "D'après le NIS,",
    "Les services de renseignement",
]
VERBS = [
    "a déclaré",
    "a affirmé",
    "a indiqué",
    "aurait dit",
    "estime",
    "a nié",
    "a-t-il ajouté",
    "selon",
    "a démenti",
    "rapportent",
]
FIGURES = [
    "15 000 soldats",
    "près de 5000 morts",
    "3,5 milliards de dollars",
    "30 %",
    "entre 10 et 20 blessés",
    "des centaines de personnes",
    "deux millions",
    "plus de 1,2 million d'euros",
    "12",
    "0,5",
    "1er",
    "2025",
    "10 000 000 000 000",
]
WORDS = ["que", "la", "guerre", "a", "été", "aucun", "ne", "pas", "rien", "n'indique", "Séoul"]
QUOTES = ["«", "»", '"', "“", "”", "« ", " »", "'", "’"]
PUNCT = [".", ",", ";", ":", "!", "?", "…", "\n", "\n\n", " - ", "(", ")"]

french_like = st.lists(
    st.one_of(
        st.sampled_from(SPEAKERS),
        st.sampled_from(VERBS),
        st.sampled_from(FIGURES),
        st.sampled_from(WORDS),
        st.sampled_from(QUOTES),
        st.sampled_from(PUNCT),
        st.integers(min_value=-(10**12), max_value=10**12).map(str),
        st.decimals(allow_nan=False, allow_infinity=False, places=2).map(
            lambda d: str(d).replace(".", ",")
        ),
    ),
    min_size=1,
    max_size=40,
).map(" ".join)

# Unicode without surrogates (not encodable, never in decoded text)
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)

PATHOLOGICAL = [
    "",
    " ",
    "\n" * 50,
    "«" * 60,
    "»" * 60,
    '"' * 61,
    "« Il a dit que « oui » et « non",
    '" Le ministre a déclaré " que " 3 soldats "',
    "1" * 10_000,
    "9" * 400 + " soldats",
    ".,;:!?…«»\"'()-" * 80,
    "-" * 500,
    "Selon\n\nselon\n\nselon l'AFP",
    "a déclaré a déclaré a déclaré « » « » 3 3 3 %%%",
    "\u200b\u200d\ufeff\u00a0 \u2009\u202f",
    "Le ministre a déclaré : « 15 000 soldats » " * 30,
]


# --- properties ----------------------------------------------------------------------

LABELS = {"PER", "ORG", "LOC", "MISC"}
ROLES = {"source", "content", "other"}
ATTRIBUTIONS = {"direct", "indirect", "mixed", "according_to", "unattributed"}
CERTAINTY = {"asserted", "hedged", "conditional", "denied"}
BOOLS = {"true", "false"}


def check_rows(text: str, tables: DocTables) -> None:
    """Every row valid: contract columns, offsets into ``text``, ids, references, enums."""
    doc = tables.document
    assert list(doc) == COLUMNS["documents"]
    n_sent = doc["n_sentences"]
    claim_ids = {r["claim_id"] for r in tables.claims}
    for name, key in (("entities", "mention_id"), ("figures", "figure_id"), ("claims", "claim_id")):
        rows = getattr(tables, name)
        assert doc[f"n_{name}"] == len(rows)
        assert [r[key] for r in rows] == [f"{key[0]}{i}" for i in range(1, len(rows) + 1)]
        for r in rows:
            assert list(r) == COLUMNS[name], name
            assert r["doc_id"] == doc["doc_id"]
            assert 0 <= r["start"] < r["end"] <= len(text), (name, r)
            assert text[r["start"] : r["end"]] == r["text"], (name, r)
            assert 0 <= r["sent_id"] < n_sent, (name, r)
            if name != "claims":
                assert r["claim_id"] == "" or r["claim_id"] in claim_ids, (name, r)
    for r in tables.entities:
        assert r["label"] in LABELS and r["role"] in ROLES, r
        assert r["entity_id"] and r["canonical"], r
    for r in tables.figures:
        assert r["approx"] in BOOLS, r
        for col in ("value", "value_max"):
            assert r[col] == "" or math.isfinite(float(r[col])), r
        assert r["source_id"] in tables.sources, r
    for r in tables.claims:
        assert r["attribution"] in ATTRIBUTIONS and r["certainty"] in CERTAINTY, r
        assert r["negated"] in BOOLS and r["source_id"] in tables.sources, r


def export_round_trip(tables: DocTables) -> None:
    """The exporter writes the rows and the CSV reads back with the same shape."""
    with tempfile.TemporaryDirectory() as tmp:
        with TableWriter(Path(tmp)) as writer:
            writer.write(tables)
        for name in ("documents", "entities", "figures", "claims", "sources"):
            with open(Path(tmp) / f"{name}.csv", newline="", encoding="utf-8") as f:
                reader = csv.DictReader(f)
                rows = list(reader)
            assert reader.fieldnames == COLUMNS[name]
            if name != "sources":  # the run-wide tally adds the author row
                assert len(rows) == (1 if name == "documents" else len(getattr(tables, name)))
            assert all(None not in r for r in rows)  # no row with extra cells


# --- readers (no model) --------------------------------------------------------------


@settings(max_examples=n(300))
@given(st.binary(max_size=2000))
@example(b"\xef\xbb\xbf\xff")
@example(b"\xff\xfe\x00")
@example(b"\x00" * 10)
def test_decode_bytes_decodes_or_refuses_clearly(data):
    try:
        decoded = decode_bytes(data)
    except ReadError as exc:
        assert exc.kind in ERROR_CODES and str(exc)
    else:
        assert isinstance(decoded.text, str)


@settings(max_examples=n(200))
@given(st.one_of(any_text, french_like, st.sampled_from(PATHOLOGICAL)))
def test_make_article_zones_inside_text(text):
    art = make_article("x", text)
    assert "\r" not in art.text and not art.text.startswith("\ufeff")
    for start, end, _ in find_zones(art.text):
        assert 0 <= start <= end <= len(art.text)
    assert guess_language(art.text) in {"", "fr", "en", "es", "de", "it", "pt"}


@settings(max_examples=n(100))
@given(st.lists(st.one_of(any_text, st.just('{"id": 1, "text": "A."}')), max_size=8))
def test_jsonl_records_never_raise(lines):
    for rec in jsonl_records("\n".join(lines)):
        if isinstance(rec, tuple):
            assert rec[1].kind == "bad_json_line"
        else:
            assert rec.text.strip() and rec.id


@settings(max_examples=n(200))
@given(st.one_of(any_text, french_like), st.integers(min_value=1, max_value=200))
def test_chunk_bounds_cover_text_exactly(text, limit):
    bounds = chunk_bounds(text, limit)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    for (s1, e1), (s2, _) in zip(bounds[:-1], bounds[1:], strict=True):
        assert s1 < e1 == s2 and e1 - s1 <= limit


@settings(max_examples=n(150))
@given(
    st.one_of(
        st.binary(max_size=1500),
        st.one_of(any_text, french_like).map(lambda t: t.encode("utf-8")),
        st.lists(st.one_of(any_text, st.just('{"id": "a", "text": "Oui."}'))).map(
            lambda lines: "\n".join(lines).encode("utf-8")
        ),
        any_text.map(lambda t: f"<html><body><p>{t}</p></body></html>".encode()),
    ),
    st.sampled_from([".txt", ".md", ".html", ".htm", ".jsonl", ".pdf", ""]),
)
def test_read_path_yields_articles_or_clear_errors(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"doc{suffix}"
        path.write_bytes(data)
        for item in read_path(path, Path(tmp)):
            if isinstance(item, tuple):
                assert item[0].startswith(path.as_posix()) and item[1].kind in ERROR_CODES
            else:
                assert item.text.strip() and item.doc_id.startswith("doc")
                assert all(kind in ERROR_CODES for kind, _ in item.notes)


# --- figure parser (no model) --------------------------------------------------------


@settings(max_examples=n(400))
@given(st.one_of(any_text, french_like, st.sampled_from(PATHOLOGICAL)))
def test_figure_scan_offsets_inside_text(text):
    last_end = 0
    for raw in scan(text):
        assert 0 <= raw.start <= raw.core_start < raw.core_end <= raw.end <= len(text), raw
        assert raw.start >= last_end  # left to right, no overlap
        last_end = raw.end
        assert isinstance(raw.value, Decimal) and raw.value.is_finite()
        if raw.value_max is not None:
            assert raw.value_max.is_finite()


@settings(max_examples=n(200))
@given(st.one_of(any_text, french_like, st.sampled_from(FIGURES)))
def test_parse_number_is_finite_or_none(text):
    value = parse_number(text)
    assert value is None or math.isfinite(value)


# --- claim builder and exporter (full pipeline) ----------------------------------------


@settings(max_examples=n(100))
@given(any_text)
def test_pipeline_on_any_unicode(nlp, text):
    art = make_article("fuzz/u", text)
    tables = analyse_article(art, nlp)
    check_rows(art.text, tables)


@settings(max_examples=n(250))
@given(st.lists(french_like, min_size=1, max_size=4).map("\n\n".join))
def test_pipeline_on_french_like_news(nlp, text):
    art = make_article("fuzz/fr", text)
    tables = analyse_article(art, nlp)
    check_rows(art.text, tables)
    export_round_trip(tables)


@settings(max_examples=len(PATHOLOGICAL) * 2)
@given(st.sampled_from(PATHOLOGICAL))
def test_pipeline_on_pathological_inputs(nlp, text):
    art = make_article("fuzz/p", text)
    tables = analyse_article(art, nlp)
    check_rows(art.text, tables)
    export_round_trip(tables)


@settings(max_examples=n(40))
@given(st.lists(french_like, min_size=3, max_size=10).map("\n".join), st.integers(80, 400))
def test_chunked_rows_are_valid_for_the_whole_text(nlp, text, limit):
    art = make_article("fuzz/long", text)
    pieces = split_article(art, limit)
    (merged,) = list(merge_chunks((a, analyse_article(a, nlp)) for a in pieces))
    whole, tables = merged
    assert whole.text == art.text
    check_rows(art.text, tables)
