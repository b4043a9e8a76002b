"""Back-references: "C'est ce qu'a confirmé l'état-major" gives the sentence before it
to the source named after the cue ("Le sommeil recule chez les adolescents. C'est ce
qu'annonce une étude parue lundi.").
"""

from __future__ import annotations

from spacy.tokens import Span

from pipeline.components.sentences import sent_of, sent_starts

_CLEFT = ("c'est ce qu'", "c'est ce que", "voilà ce qu'", "voilà ce que")
_STOP = frozenset({".", ";", ":", "!", "?", "«", "»", '"', "(", "—"})


_CLEFT_JOINED = tuple(c.replace(" ", "") for c in _CLEFT)


def refers_back(cue_span: Span) -> bool:
    """True when the cue's sentence opens with "C'est ce qu'" right before the cue."""
    sent = sent_of(cue_span)
    doc = sent.doc
    # the first word before the cue must start the phrase: most sentences stop here,
    # before the text up to the cue is joined
    first = next((t for t in doc[sent.start : cue_span.start] if not t.is_space), None)
    if first is None:
        return False
    opening = first.lower_.replace("’", "'").replace(" ", "")
    if not any(c.startswith(opening) for c in _CLEFT_JOINED):
        return False
    before = doc[sent.start : cue_span.start].text.lower().replace("’", "'")
    return " ".join(before.split()) in _CLEFT or before.replace(" ", "") in _CLEFT_JOINED


def previous_sentence(cue_span: Span) -> Span | None:
    """The sentence before the cue's, without its final punctuation."""
    doc = cue_span.doc
    starts = sent_starts(doc)
    start = sent_of(cue_span).start
    k = starts.index(start) if start in starts else -1
    if k <= 0:
        return None
    prev = doc[starts[k - 1] : start]
    end = prev.end
    while end > prev.start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        if doc[end - 1].text == "?":
            break  # a question is what the study answers: keep its mark
        end -= 1
    return doc[prev.start : end] if end > prev.start else None


def speaker_after(cue_span: Span, time_words: frozenset[str]) -> Span | None:
    """The noun phrase after the cue, past commas and time words: ", mercredi,
    l'état-major sud-coréen"."""
    doc = cue_span.doc
    sent = sent_of(cue_span)
    i = cue_span.end
    while i < sent.end and (
        doc[i].text == ","
        or doc[i].is_space
        or doc[i].pos_ == "ADV"
        or doc[i].lower_.replace("’", "'") in time_words
    ):
        i += 1
    end = i
    while end < sent.end and doc[end].text not in _STOP and doc[end].text != ",":
        end += 1
    return doc[i:end] if end > i else None
