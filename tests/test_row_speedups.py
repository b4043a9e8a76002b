"""The faster row paths read and write exactly what the plain ones do: span extension
values in bulk (``pipeline.extension_values``), the tables' CSV writer
(``pipeline.safe_rows``), the pairs the comparisons test (``pipeline.comparisons.group``)
and the words of a Doc (``pipeline.comparisons.tokens``)."""

from __future__ import annotations

import dataclasses
import io
import random

from spacy.tokens import Span

from pipeline.comparisons import FigureContext, FigureRecord
from pipeline.comparisons.group import (
    MAX_NEIGHBOURS,
    PERSON_CATEGORIES,
    _clusters,
    _dated,
    repeats,
    same_quantity,
)
from pipeline.comparisons.speakers import speakers
from pipeline.comparisons.tokens import DocWords
from pipeline.extension_values import set_span_value, span_values
from pipeline.safe import SafeDictWriter
from pipeline.safe_rows import SafeRowWriter

TEXT = (
    "Selon la préfecture, 12 000 manifestants ont défilé jeudi 5 décembre 2019 à Paris ; "
    "la CGT en a compté 30 000 dans le cortège parisien.\n\nLe précédent bilan était de 3."
)


def test_span_values_are_those_of_underscore(nlp):
    doc = nlp(TEXT)
    if not Span.has_extension("test_list_default"):
        Span.set_extension("test_list_default", default=[])
    figures, ents = list(doc.spans["figures"]), list(doc.ents)
    for spans, names in (
        (figures, ("figure_data", "figure_claim", "figure")),
        (ents, ("entity_claim", "entity_role", "entity_id", "canonical")),
    ):
        for name in names:
            assert span_values(spans, name) == [getattr(s._, name) for s in spans], name
    # a mutable default goes through span._ (which stores a copy on first read)
    assert span_values(ents, "test_list_default") == [[] for _ in ents]
    assert span_values([], "figure_data") == []


def test_set_span_value_is_what_underscore_reads(nlp):
    doc = nlp(TEXT)
    ent = doc.ents[0]
    set_span_value(ent, "canonical", "Préfecture de police")
    assert ent._.canonical == "Préfecture de police"
    assert doc[ent.start : ent.end]._.canonical == "Préfecture de police"


def test_doc_words_are_the_tokens(nlp):
    doc = nlp(TEXT)
    words = DocWords(doc)
    assert words.lower == [t.lower_ for t in doc]
    assert words.adjectives() == [t.i for t in doc if t.pos_ == "ADJ"]
    assert all(words.is_adj(t.i) == (t.pos_ == "ADJ") for t in doc)
    assert [words.text(t.i) for t in doc] == [t.text for t in doc]
    assert DocWords(nlp.make_doc("")).lower == []


CELLS = [
    "",
    "texte",
    "=1+1",
    "+33 1 23",
    "-3",
    "-il",
    "@x",
    "'tis",
    "  =1",
    " a",
    "\tx",
    "\uff1d1",
    "É",
    "2,5",
    "«x»",
    "(a)",
    0,
    -3,
    1.5,
    None,
    True,
]


def _csv(writer_class, columns, rows) -> str:
    buffer = io.StringIO()
    w = writer_class(buffer, columns)
    w.writeheader()
    w.writerows(rows)
    return buffer.getvalue()


def test_row_writer_writes_what_the_dict_writer_writes():
    rnd = random.Random(7)
    columns = ["a", "b", "c"]
    rows = [{c: rnd.choice(CELLS) for c in columns} for _ in range(400)]
    rows += [{"a": "x"}, {"c": "=y", "a": 1}]  # keys missing: empty cells, either way
    assert _csv(SafeRowWriter, columns, rows) == _csv(SafeDictWriter, columns, rows)
    for extra in ({"a": 1, "b": 2, "z": 3}, {"a": 1, "b": 2, "c": 3, "z": 4}):
        for writer_class in (SafeRowWriter, SafeDictWriter):
            try:
                _csv(writer_class, columns, [extra])
            except ValueError:
                continue
            raise AssertionError(f"{writer_class.__name__} took a key of no column")


def _all_pairs_clusters(records: list[FigureRecord]) -> list[list[int]]:
    """:func:`_clusters` over the unfiltered candidate pairs (as before the filter)."""
    by_doc, by_name = {}, {}
    for i, r in enumerate(records):
        by_doc.setdefault(r.doc_index, []).append(i)
        kind = "people" if r.category in PERSON_CATEGORIES else r.category
        c = r.context
        for name in (*c.places, *c.groups, *_dated(c.periods), *c.labels):
            by_name.setdefault((kind, name), []).append(i)
    pairs = [(i, j) for m in by_doc.values() for x, i in enumerate(m) for j in m[x + 1 :]]
    for m in by_name.values():
        m.sort(key=lambda i: (records[i].published or "9999", records[i].doc_index))
        for x, i in enumerate(m):
            for j in m[x + 1 : x + 1 + MAX_NEIGHBOURS]:
                if records[i].doc_index != records[j].doc_index:
                    pairs.append((min(i, j), max(i, j)))
    parent = list(range(len(records)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, j in pairs:
        if same_quantity(records[i], records[j]) or repeats(records[i], records[j]):
            parent[root(i)] = root(j)
    out: dict[int, list[int]] = {}
    for i in range(len(records)):
        out.setdefault(root(i), []).append(i)
    return [sorted(m) for m in out.values() if len(m) > 1]


def test_filtered_pairs_link_what_all_pairs_link():
    rnd = random.Random(3)
    records = []
    for n in range(300):
        value = rnd.choice([100.0, 120.0, 3000.0, 3100.0, 45000.0, 65000.0])
        context = FigureContext(
            measure=rnd.choice(["manifestant", "personne", "mort", "%"]),
            event=rnd.choice(["", "", "killed"]),
            marker=rnd.choice(["", "", "", "part"]),
            places=rnd.choice([(), ("lille",), ("paris",)]),
            placed=rnd.random() < 0.5,
            groups=rnd.choice([(), ("cgt",)]),
            periods=rnd.choice([(), ("5 decembre",), ("jeudi",)]),
        )
        doc = rnd.randrange(40)
        records.append(
            FigureRecord(
                doc_index=doc,
                doc_id=f"d{doc % 25}",  # documents 0 and 25… share an id: the rare case
                figure_index=n,
                figure_id=f"f{n}",
                sent_id=rnd.randrange(3),
                source_id=rnd.choice(["author", "police", "cgt", "prefecture", "syndicats"]),
                source_name="",
                value=value,
                value_max=None,
                unit="",
                category=rnd.choice(["protesters", "people", "casualties", "other"]),
                approx=rnd.random() < 0.3,
                qualifier="",
                text="",
                published=rnd.choice(["", "2025-01-09", "2025-01-10", "2025-02-20"]),
                context=context,
            )
        )
    speakers(records)
    expected = _all_pairs_clusters(records)
    assert expected  # the random run links something
    assert _clusters(records) == expected
    shuffled = [dataclasses.replace(r) for r in records]
    speakers(shuffled)
    assert _clusters(shuffled) == expected
