"""Every attribution stage costs about linear time in one long paragraph (issue 13):
a parsed paragraph is repeated into a Doc of ~1 600 sentences, which the stages before
this rewrite took minutes over (each cue compared with every other, every quote, every
entity of the Doc)."""

from __future__ import annotations

import time

import numpy
import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG
from spacy.tokens import Doc

PARAGRAPH = (
    "Le ministre du Travail a déclaré que 300 postes seraient créés. "
    "« Nous sommes prêts à tenir nos engagements », a assuré la directrice de l'usine. "
    "Selon la CGT, 1 200 salariés ont manifesté à Lyon mardi. "
    "Il a ajouté que la situation restait difficile pour les familles. "
    "L'entreprise Renault a annoncé un plan de 2 milliards d'euros. "
    "La police a compté 4 000 personnes, d'après la préfecture. "
)
ATTRS = [POS, TAG, MORPH, LEMMA, DEP, HEAD, SENT_START, ENT_IOB, ENT_TYPE]
# the stages after the statistical model and the entity fixes
STAGES_FROM = "entity_clusters"


def repeated(nlp, times: int) -> Doc:
    """``PARAGRAPH`` parsed once and repeated ``times`` times on one line."""
    one = nlp(PARAGRAPH)
    words = [t.text for t in one] * times
    spaces = [bool(t.whitespace_) for t in one] * times
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    # heads are relative offsets in these arrays, so the copies parse alike
    doc.from_array(ATTRS, numpy.tile(one.to_array(ATTRS), (times, 1)))
    return doc


def run_stages(nlp, doc: Doc) -> tuple[Doc, float]:
    names = nlp.pipe_names
    started = time.perf_counter()
    doc = nlp.get_pipe("article_zones")(doc)
    for name in names[names.index(STAGES_FROM) :]:
        doc = nlp.get_pipe(name)(doc)
    return doc, time.perf_counter() - started


@pytest.mark.slow
def test_one_long_paragraph_costs_linear_time(nlp):
    small, _ = run_stages(nlp, repeated(nlp, 2))
    per_copy = len(small._.claims) / 2
    assert per_copy >= 5  # the paragraph's claims are found, not dropped
    doc, seconds = run_stages(nlp, repeated(nlp, 270))
    assert len(list(doc.sents)) >= 1600
    # every copy gives its claims, figures linked to them
    assert len(doc._.claims) >= 270 * per_copy * 0.9
    assert sum(s._.figure_claim >= 0 for s in doc.spans["figures"]) >= 270 * 3
    # and what each figure measures, for comparisons.csv (the last stage)
    assert len(doc._.figure_contexts) == len(doc.spans["figures"])
    # a few seconds here; several minutes when a stage compares every pair
    assert seconds < 40, f"{seconds:.1f} s for {len(doc)} tokens"
