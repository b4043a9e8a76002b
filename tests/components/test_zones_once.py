"""Zones are found once, when the article is read: the Doc carries them to the
``article_zones`` component, which does not look again (a chunk of a long article keeps
the zones of the whole, and no section or headline of its own)."""

from __future__ import annotations

from pipeline.chunks import split_article
from pipeline.components import segment
from pipeline.nlp import article_doc
from pipeline.read import find_zones, make_article

TEXT = (
    "Économie\n\nLa filière du bois sous tension\n\n"
    "Les scieries du Jura manquent de commandes depuis le printemps.\n\n"
    "Les réactions\n\n"
    "Le syndicat a indiqué que dix entreprises avaient fermé.\n"
)


def test_the_doc_takes_the_zones_of_the_article(nlp, monkeypatch):
    article = make_article("bois", TEXT)
    looked = []
    monkeypatch.setattr(segment, "find_zones", lambda text: looked.append(text) or [])
    doc = nlp(article_doc(nlp, article))
    assert looked == []
    assert [(z.label_, z.text) for z in doc.spans["zones"]] == [
        ("section", "Économie"),
        ("headline", "La filière du bois sous tension"),
    ]


def test_a_chunk_finds_no_zone_of_its_own(nlp):
    article = make_article("bois", TEXT)
    chunks = split_article(article, limit=120)
    last = chunks[-1]
    assert last.text.startswith("Les réactions")
    # read alone, its first line would be the page's section
    assert [k for _, _, k in find_zones(last.text)] == ["section"]
    doc = nlp(article_doc(nlp, last))
    assert [z.label_ for z in doc.spans["zones"]] == []
    assert [c.source.id for c in doc._.claims if c.cue is not None] == ["syndicat"]
