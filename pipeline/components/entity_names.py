"""Names found without the model: a gazetteer of well-known organisations and places
(``pipeline/data/org_names.txt``, ``places.txt``) and the person and agency of credit
lines. :func:`pipeline.components.entities.fix_entities` adds them to ``doc.ents``."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.components.doc_text import doc_text

# Photo and text credits: "(© AGENCE/PRÉNOM NOM)", "Photo: Prénom Nom/Journal", a line
# "Prénom Nom / journal": a person, then the agency or newspaper.
_CREDIT = re.compile(
    r"(?:[(©]\s*©?|\b(?:Photo|Crédit|Credit|Image)s?\s*:)\s*(?P<a>[^/\n()©:]{2,40}?)\s*/\s*"
    r"(?P<b>[^/\n()©:]{2,40}?)\s*(?=\)|\n|$)"
    r"|^[ \t]*(?P<p>[A-ZÀ-Ý][^/\n]{2,40}?)[ \t]+/[ \t]+(?P<o>[^/\n]{2,30}?)[ \t]*$",
    re.M,
)


def credit_spans(doc: Doc) -> list[Span]:
    """The person and the organisation of credit lines (see ``_CREDIT``): after ©, an
    agency then a photographer ("© KEYSTONE/JEAN DUPONT"); otherwise a person, then the
    agency or newspaper ("Photo: Jeanne Roy/Le Matin")."""
    out: list[Span] = []
    text = doc_text(doc)
    if "/" not in text:
        return out  # (every credit line has its slash)
    for m in _CREDIT.finditer(text):
        agency_first = m.group("a") is not None and "©" in m.group(0)
        pairs = (
            (("a", "ORG"), ("b", "PER"))
            if agency_first
            else (("a", "PER"), ("b", "ORG"))
            if m.group("a") is not None
            else (("p", "PER"), ("o", "ORG"))
        )
        for group, label in pairs:
            span = doc.char_span(
                m.start(group), m.end(group), label=label, alignment_mode="contract"
            )
            if span is not None and len(span) <= 5 and any(t.is_alpha for t in span):
                out.append(span)
    return out


def gazetteer_matcher(nlp: Language, orgs: list[str], places: list[str]) -> PhraseMatcher:
    """A case-sensitive matcher of well-known organisations (ORG) and places (LOC)."""
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    matcher.add("ORG", [nlp.make_doc(n) for n in orgs])
    matcher.add("LOC", [nlp.make_doc(n) for n in places])
    return matcher


def gazetteer_spans(doc: Doc, matcher: PhraseMatcher, ents: list[Span]) -> list[Span]:
    """Names of the gazetteer: an organisation wins over the model's label for the same
    words ("Twitter" as MISC, "Boko Haram" as LOC) or adds what it missed ("talibans"); a
    place only fills a gap. Neither cuts a longer name ("Richard Wagner" stays whole)."""
    out: list[Span] = []
    matches = matcher(doc, as_spans=True)
    if not matches:
        return out
    bounds = [(e.start, e.end) for e in ents]  # (read once: a Span property per look-up costs)
    for span in filter_spans(matches):
        start, end = span.start, span.end
        clashes = [b for b in bounds if b[0] < end and start < b[1]]
        if any(s < start or e > end for s, e in clashes):
            continue
        if span.label_ == "LOC" and clashes:
            continue
        out.append(span)
    return out
