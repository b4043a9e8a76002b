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


def test_quote_after_the_cue_s_short_object_and_a_colon(nlp):
    found = contents(
        nlp,
        "La capitaine Anne Ravel raconte la scène : « Le camion a glissé sur le verglas. "
        "Il a fini dans le ravin. »",
    )
    assert found == [("Le camion a glissé sur le verglas. Il a fini dans le ravin.", "direct", [])]


def test_an_incise_verb_before_a_colon_introduces_the_quote(nlp):
    doc = nlp("Le maire Paul Roux a visité la digue. Il poursuit : « Nous reconstruirons tout. »")
    found = [(c.content.text, c.source.id) for c in doc._.claims if c.cue is not None]
    assert found == [("Nous reconstruirons tout.", "paul_roux")]


def test_a_quote_after_by_x_and_a_colon_waits_for_its_own_cue(nlp):
    doc = nlp(
        "Un projet critiqué par les riverains : « La route coupera le village », "
        "a dénoncé Jean Morel, leur porte-parole."
    )
    found = {c.content.text: c.source.id for c in doc._.claims if c.cue is not None}
    assert found.get("La route coupera le village") == "jean_morel"
