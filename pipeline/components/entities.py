"""Entities: what fr_core_news_md gets wrong on news, fixed; mentions clustered.

- ``source_names`` (an ``entity_ruler`` before ``ner``): names and acronyms of the source
  registry are ORG (KCNA, AP, NIS…); the statistical NER respects them.
- ``demonyms`` (an ``entity_ruler`` after ``ner``): nationality adjectives outside any
  name are MISC (``nord-coréen``, ``ukrainiennes``).
- ``entity_fixes``: drop lone common words tagged as entities ("État"), keep person
  names whole across a hyphen ("Kim Jong" + "-un").
- ``entity_clusters`` (:mod:`pipeline.components.entity_clusters`): mentions of one
  entity share ``span._.entity_id`` and ``span._.canonical``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.components.doc_text import doc_text
from pipeline.components.entity_clusters import cluster_entities  # noqa: F401  (its factory)
from pipeline.components.entity_names import credit_spans, gazetteer_matcher, gazetteer_spans
from pipeline.components.sentences import sent_of
from pipeline.components.token_lookups import token_ids, word_ids
from pipeline.lexicons import calendar_words, data_lines, generation, lexicon_cache, word_set
from pipeline.registry import SourceRegistry


def demonym_forms(line: str) -> list[str]:
    """The four forms of a nationality adjective from its masculine singular (or the
    forms given explicitly, ``|``-separated).

    >>> demonym_forms("nord-coréen")
    ['nord-coréen', 'nord-coréenne', 'nord-coréens', 'nord-coréennes']
    >>> demonym_forms("russe")
    ['russe', 'russes']
    """
    if "|" in line:
        return [f.strip() for f in line.split("|") if f.strip()]
    if line.endswith("e") or line.endswith("è"):
        return [line, line + "s"]
    if line.endswith("en"):
        return [line, line + "ne", line + "s", line + "nes"]
    if line.endswith("s"):
        return [line, line + "e", line + "es"]
    return [line, line + "e", line + "s", line + "es"]


def demonym_patterns() -> list[dict]:
    """MISC entity-ruler patterns for every nationality adjective form."""
    forms = {f for line in data_lines("demonyms.txt") for f in demonym_forms(line)}
    return [{"label": "MISC", "pattern": f} for f in sorted(forms)]


def registry_patterns(registry: SourceRegistry) -> list[dict]:
    """ORG entity-ruler patterns for the registry's names and aliases that are proper
    names (capitalised), each with the source id as the pattern id."""
    patterns = []
    for alias, src in registry.surface_forms():
        # proper names, and descriptions long enough to be unambiguous ("services de
        # renseignement sud-coréens", "ministère de l'Intérieur")
        if alias[:1].isupper() or len(alias.split()) >= 2:
            patterns.append({"label": "ORG", "pattern": alias, "id": src.id})
    return patterns


def org_heads() -> frozenset[str]:
    """Nouns that make a name an organisation ("Cour de cassation", "Tribunal de…")."""
    return frozenset(w.lower() for w in data_lines("org_heads.txt"))


@lexicon_cache()
def demonym_words() -> frozenset[str]:
    return frozenset(f for line in data_lines("demonyms.txt") for f in demonym_forms(line))


# "Abigaël, 15 ans," : a name with an age in apposition is a person's.
_AGE_AFTER = re.compile(r",\s*\d{1,3}\s+ans\s*[,)]")
_COMMON_POS = frozenset({"ADJ", "VERB", "AUX", "ADV"})


def _is_junk(ent: Span, demonyms: frozenset[str], text: str) -> bool:
    """Spans the model tags that name nothing: a single letter ("échantillon B", "°C"),
    a common word alone ("Grève" opening a headline, "Autorisée", "INONDATIONS"), a job
    title ("ministre de la Santé"), a run over a page separator ("VOIR AUSSI | La Corée").
    """
    if "|" in text or len(text.strip(".")) <= 1:
        return True
    tok = ent[0]
    if tok.lower_ in word_set("person_titles.txt") and (ent.label_ == "ORG" or tok.is_lower):
        return True  # "ministre de la Santé", "procureur de la"
    if len(ent) == 1 and text.lower() not in demonyms:
        if tok.pos_ == "NOUN" and (tok.is_lower or (tok.is_sent_start and not tok.is_upper)):
            return True  # a capital only because it opens the sentence, or no capital
        # a tagged common word that no acronym rule keeps: "Encadrée", "INONDATIONS"
        if _is_acronym(ent, text) or _inner_capital(tok.text):
            return False
        return tok.pos_ in _COMMON_POS or (tok.pos_ == "NOUN" and tok.is_upper and len(tok) > 6)
    return False


_INNER_CAPITAL = re.compile(r"[a-zà-ÿ]{2}[A-ZÀ-Ý]")


def _inner_capital(word: str) -> bool:
    """A capital inside a word after two lower-case letters: a brand or company name
    ("WeylChem", "TeleBärn", "YouTube"), never a place; "MacArthur" is a person.

    >>> _inner_capital("WeylChem"), _inner_capital("McDonald"), _inner_capital("Paris")
    (True, False, False)
    """
    return bool(_INNER_CAPITAL.search(word)) and not word.startswith("Mac")


def _hyphen_acronym(text: str) -> bool:
    """One word of hyphenated parts, one of them in capitals: a party or union ("N-VA",
    "Snes-FSU"), not "Jean-Marie" or "Al-Qaïda"."""
    if " " in text or "-" not in text:
        return False
    parts = [p for p in text.split("-") if p]
    return any(len(p) >= 2 and p.isalpha() and p.isupper() for p in parts)


INSTITUTION_ADJECTIVES = frozenset(
    f for line in data_lines("institution_adjectives.txt") for f in demonym_forms(line)
)
NAME_PARTICLES = frozenset(
    {"de", "du", "des", "d'", "d’", "la", "le", "van", "von", "der", "ben", "bin", "al", "el"}
)


def _is_acronym(ent: Span, name: str) -> bool:
    """A one-word name in capitals, 2 to 6 letters (``name`` is the span's text): in
    news, almost always an organisation (the few country acronyms are in places.txt)."""
    text = name.replace(".", "")
    if not (len(ent) == 1 and 2 <= len(text) <= 6 and text.isalpha() and text.isupper()):
        return False
    # not in a line written in capitals ("PRÈS DE 400 INTERVENTIONS DANS LE GARD")
    line = sent_of(ent)
    return sum(1 for t in line if t.is_alpha and t.is_upper and len(t) > 1) < 3


def _introduced_as_org(ent: Span, introducers: frozenset[str]) -> bool:
    """The name follows a noun that introduces organisations ("le cabinet Occurrence",
    "le réseau social Weibo"), within two words."""
    doc = ent.doc
    i = ent.start - 1
    if i >= 0 and doc[i].pos_ == "ADJ" and doc[i].is_lower:
        i -= 1  # "le réseau social Weibo"
    return i >= 0 and doc[i].lower_ in introducers and doc[i].pos_ == "NOUN"


def _not_a_person_name(ent: Span) -> bool:
    """A "person" with a lower-case word that is no name particle ("Santé publique
    France") is an organisation."""
    doc = ent.doc
    return (
        len(ent) > 1
        and any(
            t.is_alpha
            and t.is_lower
            and t.lower_ not in NAME_PARTICLES
            and doc[t.i - 1].whitespace_  # "Kim Jong-un": a glued part is still the name
            for t in ent[1:]
        )
    )


def _dateline_entities(doc: Doc) -> list[Span]:
    """``PARIS (AFP) -``: the city is a place, the agency an organisation."""
    out = []
    for zone in doc.spans.get("zones", []):
        if zone.label_ != "dateline":
            continue
        paren = next((t.i for t in zone if t.text == "("), None)
        city_end = paren if paren is not None else zone.end
        city = [t for t in doc[zone.start : city_end] if t.is_alpha and t.is_upper]
        if city:
            out.append(Span(doc, city[0].i, city[-1].i + 1, label="LOC"))
        if paren is None:
            continue
        close = next((t.i for t in doc[paren : zone.end] if t.text == ")"), None)
        if close is not None and close > paren + 1:
            out.append(Span(doc, paren + 1, close, label="ORG"))
    return out


def institution_spans(
    doc: Doc,
    orgs: frozenset[str],
    demonyms: frozenset[str],
    adjectives: frozenset[str] = frozenset(),
) -> list[Span]:
    """Institutions the model misses because they are written in lower case or with an
    adjective: "armée israélienne", "tribunal correctionnel de Bordeaux", "ministère
    libanais de la Santé", "parquet antidopage italien", "ministère public", "état-major
    général", "l'Assemblée nationale", "préfecture de police"."""
    out = []
    n = len(doc)
    for i in _head_candidates(doc, orgs):
        tok = doc[i]
        head_end = tok.i + 1
        if tok.lower_ == "état" and doc[tok.i : tok.i + 3].text.lower() == "état-major":
            head_end = tok.i + 3  # (tokenized "état" "-" "major")
        elif tok.lower_ not in orgs:
            continue
        j = head_end
        while (
            j < n
            and j - head_end < 3
            and doc[j].is_lower
            and _modifies_head(doc, j, head_end, demonyms)
        ):
            j += 1
        adjs = {doc[x].lower_ for x in range(head_end, j)}
        national, institutional = bool(adjs & demonyms), bool(adjs & adjectives)
        if tok.is_title and tok.i > sent_of(tok).start:
            if institutional:  # "l'Assemblée nationale": the model often misses it
                out.append(Span(doc, tok.i, j, label="ORG"))
            continue  # other capitalised names are the model's
        k = j
        if k < n and doc[k].lower_ in ("de", "du", "des", "d'", "d’"):
            k += 1
            if k < n and doc[k].lower_ in ("la", "l'", "l’", "le"):
                k += 1
            name_end = k
            while name_end < n and (
                doc[name_end].is_title or doc[name_end].lower_ in ("police", "commerce")
            ):
                name_end += 1
            if name_end > k:
                out.append(Span(doc, tok.i, name_end, label="ORG"))
                continue
        if tok.lower_ in word_set("national_branches.txt") and not institutional:
            continue  # "l'armée russe": the entity is the nationality (MISC)
        if national or institutional:
            out.append(Span(doc, tok.i, j, label="ORG"))
    return out


# (string ids of the institution nouns, for the last set of nouns asked about)
_head_keys: list = [None, None]


def _head_candidates(doc: Doc, orgs: frozenset[str]) -> list[int]:
    """Indices of the tokens whose lower-case form is an institution noun or "état",
    found on the Doc's token ids (a Token per word is what costs)."""
    if _head_keys[0] is not orgs:
        _head_keys[:] = [orgs, word_ids(orgs | {"état"})]
    keys = _head_keys[1]
    return [i for i, key in enumerate(token_ids(doc).lower) if key in keys]


def _modifies_head(doc: Doc, j: int, head_end: int, demonyms: frozenset[str]) -> bool:
    """Token ``j`` continues an institution's name: an adjective, or a noun used as one
    right before a nationality ("parquet antidopage italien")."""
    tok = doc[j]
    if tok.pos_ == "ADJ" or tok.lower_ in demonyms:
        return True
    return (
        j == head_end and tok.pos_ == "NOUN" and j + 1 < len(doc) and doc[j + 1].lower_ in demonyms
    )


def fix_entities(
    doc: Doc,
    stoplist: frozenset[str],
    orgs: frozenset[str] = frozenset(),
    demonyms: frozenset[str] = frozenset(),
    introducers: frozenset[str] = frozenset(),
    places: frozenset[str] = frozenset(),
    gazetteer: PhraseMatcher | None = None,
) -> Doc:
    """Drop stoplisted or junk entities, re-attach hyphenated name endings, relabel, and
    add what the model misses (dateline city and agency, lower-case institutions).

    A person name split at a hyphen ("Kim Jong" | "-un") is extended over the glued
    tokens; a lone "État" tagged LOC is dropped; a name headed by an institution noun
    ("Cour de cassation") is ORG; a nationality word ("Allemand") is MISC.
    """
    ents = []
    text = doc_text(doc)
    calendar = calendar_words()
    for ent in doc.ents:
        # (the entity's text as a slice of the Doc's: Span.text joins its tokens on each
        # access; relabelling keeps the bounds, so the text stays right for the tests)
        name = text[ent.start_char : ent.end_char]
        if name in stoplist or _is_junk(ent, demonyms, name):
            continue
        first = ent[0].lower_.replace("’", "'")
        if first in ("l'", "la", "le", "les") and len(ent) > 1:
            first = ent[1].lower_
        if ent.label_ == "PER" and _not_a_person_name(ent):
            ent = Span(doc, ent.start, ent.end, label="ORG")  # "Santé publique France"
        if ent.label_ != "ORG" and _is_acronym(ent, name) and name not in places:
            ent = Span(doc, ent.start, ent.end, label="ORG")  # "RN", "UFC", "ONU"
        elif ent.label_ != "LOC" and name in places and not _introduced_as_org(ent, introducers):
            ent = Span(doc, ent.start, ent.end, label="LOC")  # "France", "Bruxelles"
        elif ent.label_ != "ORG" and _introduced_as_org(ent, introducers):
            ent = Span(doc, ent.start, ent.end, label="ORG")  # "l'assureur Axa"
        if first in orgs and ent.label_ != "ORG":
            ent = Span(doc, ent.start, ent.end, label="ORG")
        elif name.lower() in demonyms and ent.label_ != "MISC":
            ent = Span(doc, ent.start, ent.end, label="MISC")
        elif ent.label_ != "ORG" and name not in places and _company_like(ent, name):
            ent = Span(doc, ent.start, ent.end, label="ORG")  # "WeylChem", "N-VA"
        elif ent.label_ in ("MISC", "PER") and _after_place_noun(ent):
            ent = Span(doc, ent.start, ent.end, label="LOC")  # "la ville d'Ourginoye"
        elif ent.label_ != "PER" and _AGE_AFTER.match(text, ent.end_char):
            ent = Span(doc, ent.start, ent.end, label="PER")  # "Abigaël, 15 ans,"
        end = ent.end
        while end > ent.start + 1 and (doc[end - 1].is_space or doc[end - 1].is_punct):
            end -= 1  # "Métro\n\n", "Liberté !"
        # "ministère de l'Économie mardi": a date word ends no name
        while end > ent.start + 1 and doc[end - 1].lower_ in calendar:
            end -= 1
        if end != ent.end:
            ent = Span(doc, ent.start, end, label=ent.label)
        # extend over glued hyphen parts: "Jong" "-un" or "Jong-" "un"
        while (
            end < len(doc)
            and not doc[end - 1].whitespace_
            and (doc[end].text.startswith("-") or doc[end - 1].text.endswith("-"))
        ):
            end += 1
            if end < len(doc) and doc[end - 1].text == "-" and not doc[end - 1].whitespace_:
                end += 1
        ents.append(Span(doc, ent.start, end, label=ent.label) if end != ent.end else ent)
    # a dateline is sure; an institution span wins over the model's spans it contains,
    # never over a person or a longer name ("parti de Jordan Bardella" stays a person's)
    added = _dateline_entities(doc)
    # (start, end, label) of each kept entity, read once for the overlap tests below
    bounds = [(e.start, e.end, e.label_) for e in ents]
    for inst in institution_spans(doc, orgs, demonyms, INSTITUTION_ADJECTIVES) if orgs else []:
        start, end = inst.start, inst.end
        clashes = [b for b in bounds if b[0] < end and start < b[1]]
        if all(label != "PER" and start <= s and e <= end for s, e, label in clashes):
            added.append(inst)
    added += credit_spans(doc)
    added += gazetteer_spans(doc, gazetteer, ents) if gazetteer is not None else []
    taken = [(a.start, a.end) for a in added]
    kept = [
        e
        for e, (s, end, _) in zip(ents, bounds, strict=True)
        if not any(a_start < end and s < a_end for a_start, a_end in taken)
    ]
    doc.ents = filter_spans(kept + added)
    return doc


def _company_like(ent: Span, name: str) -> bool:
    """Written as companies and parties are, never places (``name`` is the span's text):
    an inner capital ("WeylChem Lamotte") or a hyphenated acronym ("Snes-FSU")."""
    if _hyphen_acronym(name):
        return True
    # (no inner capital in the whole text: none in any of its words)
    return _INNER_CAPITAL.search(name) is not None and any(_inner_capital(t.text) for t in ent)


def _after_place_noun(ent: Span) -> bool:
    """The name follows a noun that introduces places: "la ville d'Ourginoye", "le
    village de Koulikoro", "la province du Namentenga"."""
    doc, i = ent.doc, ent.start
    if i >= 2 and doc[i - 1].lower_ in ("de", "d'", "d’", "du"):
        return doc[i - 2].lower_ in word_set("place_nouns.txt")
    return False


@Language.factory("entity_fixes", default_config={"stoplist": None})
def make_entity_fixes(nlp: Language, name: str, stoplist: list[str] | None):
    built: dict = {}

    def word_lists() -> tuple:
        # built once, and again when other language data is installed (a saved
        # pipeline's own copy, loaded after the components were made)
        if built.get("generation") != generation():
            words = stoplist if stoplist is not None else data_lines("entity_stoplist.txt")
            places = word_set("places.txt")
            built["lists"] = (
                frozenset(words),
                org_heads(),
                demonym_words(),
                word_set("org_introducers.txt"),
                places,
                gazetteer_matcher(nlp, list(data_lines("org_names.txt")), sorted(places)),
            )
            built["generation"] = generation()
        return built["lists"]

    def entity_fixes(doc: Doc) -> Doc:
        return fix_entities(doc, *word_lists())

    return entity_fixes
