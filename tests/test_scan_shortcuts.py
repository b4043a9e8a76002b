"""The shortcuts of the entity and figure components give what the plain ways give: the
start gates of the figure scanner (the same matches as the patterns without them), the
Doc's text kept once, paragraph starts read from token offsets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Span

from pipeline.components.doc_text import doc_text, forget_text
from pipeline.components.entity_clusters import cluster_entities
from pipeline.components.segment import ABBREVIATIONS, mark_paragraph_starts
from pipeline.figure_masks import _LIST_MARKER, _mask_re, masked_spans
from pipeline.figures_parse import _core
from pipeline.regex_gates import start_gate

ROOT = Path(__file__).resolve().parent.parent
TRICKY = (
    "Photo : un.jpg, https://x.fr/a.png le 12 mai 2020 à 17h, de 8h à 9h, hash "
    "0123456789abcdef, +33 6 12 34 56 78, jusqu’à 14 heures.\n1. Deux D’entre eux, "
    "Quelques dizaines de milliers, la moitié, un tiers, un sur trois, 3/4, −5 °C, "
    "ſept ﬅ KELVIN \u212a, doublé, « le double », d'une moitié; Zéro. 1er septembre 2019"
)


def _texts() -> list[str]:
    paths = [*sorted((ROOT / "corpus").glob("*.txt")), *(ROOT / "benchmarks/articles").glob("*")]
    return [TRICKY, *(p.read_text(encoding="utf-8") for p in paths if p.is_file())]


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple]:
    return [(m.span(), m.lastgroup, m.groupdict()) for m in pattern.finditer(text)]


def test_the_core_gate_changes_no_match():
    gated, plain = _core(), _core(gated=False)
    assert gated.pattern != plain.pattern
    for text in _texts():
        assert _matches(gated, text) == _matches(plain, text)
        for pos in range(0, len(text), 11):  # (the scanner searches from where it is)
            a, b = gated.search(text, pos), plain.search(text, pos)
            assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict()))


def test_the_masks_are_those_of_the_whole_pattern():
    def plain(text: str) -> list[tuple[int, int]]:
        spans = [m.span() for m in _mask_re().finditer(text)]
        return sorted(spans + [m.span(1) for m in _LIST_MARKER.finditer(text)])

    for text in _texts():
        assert masked_spans(text) == plain(text)
        no_files = text.replace(".jpg", " jpg").replace(".png", " png").replace("abcdef", "")
        assert masked_spans(no_files) == plain(no_files)


@pytest.mark.parametrize("word", ["deux", "d'une", "de", "à peu", "a", "quinze"])
def test_a_gate_admits_its_words_in_any_case_and_spacing(word):
    gate = re.compile(start_gate([word], r"\d"), re.I)
    for form in {word, word.upper(), word.title(), word.replace("'", "’"), word.replace(" ", "\n")}:
        assert gate.match(form), form
    if word == "de":
        assert gate.match("d’")  # ("de" is also written "d'" before a vowel)
    assert gate.match("7") and not gate.match("xyz")


def test_the_doc_text_is_kept_until_forgotten():
    doc = spacy.blank("fr")("Il pleut sur Paris.\n\nLe vent souffle. ")
    assert doc_text(doc) == doc.text
    assert doc_text(doc) is doc_text(doc)
    forget_text(doc)
    assert "claimtrace.text" not in doc.user_data
    doc.user_data["claimtrace.text"] = "another text"  # (not this Doc's: read again)
    assert doc_text(doc) == doc.text
    empty = spacy.blank("fr")("")
    assert doc_text(empty) == ""


def _paragraph_flags_plainly(doc) -> list[int]:
    """The loop over token strings that ``mark_paragraph_starts`` replaced."""
    flags = doc.to_array("SENT_START").astype("int64").tolist()
    texts, spaces = [t.text for t in doc], [t.whitespace_ for t in doc]
    final, closing = {".", "!", "?", "…", "»", '"', "”"}, {"»", '"', "”"}
    for i in range(len(doc)):
        if i == 0:
            flags[i] = 1
            continue
        text, prev, prev_space = texts[i], texts[i - 1], spaces[i - 1]
        if "\n" in prev_space or "\n" in prev:  # noqa: SIM114
            flags[i] = 1
        elif text in ("«", "“") and prev in (".", "!", "?", "…"):  # noqa: SIM114
            flags[i] = 1
        elif (
            prev.endswith(".")
            and len(prev) >= 3
            and prev.lower() not in ABBREVIATIONS
            and text.istitle()
            and prev_space
        ):
            flags[i] = 1
        elif (
            text.isspace()
            or prev[-1] not in final
            or (text in closing and not prev_space)
            or (prev in closing and not prev_space)
        ):
            flags[i] = -1
    return flags


def test_paragraph_starts_are_those_of_the_token_loop():
    nlp = spacy.blank("fr")
    for text in [*_texts(), "« Oui. » Non !Si.\n \nM. Dupont… « Peut-être »", "", "Un"]:
        doc = nlp(text)
        expected = _paragraph_flags_plainly(nlp(text))
        mark_paragraph_starts(doc)
        got = doc.to_array("SENT_START").astype("int64").tolist()
        assert got == expected


def test_a_mention_alone_in_a_cluster_keeps_its_own_name():
    # the first "Kim" joins "Kim Jong Un"; "KIM", clustered with the first before that,
    # is left alone in the first one's cluster and keeps its own text and label
    doc = spacy.blank("fr")("Kim parle. KIM rit. Kim Jong Un arrive.")
    doc.ents = [
        Span(doc, 0, 1, label="PER"),
        Span(doc, 3, 4, label="MISC"),
        Span(doc, 6, 9, label="PER"),
    ]
    cluster_entities(doc)
    assert [(e._.entity_id, e._.canonical) for e in doc.ents] == [
        ("PER:kim_jong_un", "Kim Jong Un"),
        ("MISC:kim", "KIM"),
        ("PER:kim_jong_un", "Kim Jong Un"),
    ]
