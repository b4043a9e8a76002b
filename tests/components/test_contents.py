"""contents: what each cue says on doc.spans["contents"], labelled by attribution; a cue
inside another claim's content is that claim's speaker."""

from __future__ import annotations


def contents(nlp, text):
    doc = nlp(text)
    group = doc.spans["contents"]
    return [
        (c.text, c.label_, list(speakers))
        for c, speakers in zip(group, group.attrs["speakers"], strict=True)
    ]


def test_que_clause_is_indirect(nlp):
    assert contents(nlp, "Le ministère a indiqué que deux ponts seraient fermés.") == [
        ("deux ponts seraient fermés", "indirect", [])
    ]


def test_quote_after_the_cue_is_direct(nlp):
    found = contents(nlp, "La directrice a prévenu : « Nous ne fermerons aucun service ».")
    assert found == [("Nous ne fermerons aucun service", "direct", [])]


def test_a_nested_cue_is_a_speaker(nlp):
    found = contents(nlp, "L'agence a rapporté que Paul Morin avait affirmé être innocent.")
    assert len(found) == 1
    text, attribution, speakers = found[0]
    assert text.startswith("Paul Morin avait affirmé") and attribution == "indirect"
    assert speakers == ["Paul Morin"]
