"""Coreference of source mentions: every mention resolved to one source identity.

Resolution order for a mention (``KCNA``, ``les médias d'État``, ``l'agence``, ``il``):

1. a registry alias inside it → that registered source (``De récentes évaluations des
   services de renseignement sud-coréens`` → NIS);
2. a pronoun (``il``, ``elle``, ``-t-il``) → the latest source of a claim;
3. a generic description (``l'agence``, ``le ministère``, ``le dirigeant nord-coréen``,
   ``les médias d'État``, ``l'évaluation``) → the nearest *compatible* source mentioned
   before it (claim sources and named entities alike), else the first one after it;
4. a named entity inside it → that entity (a person; a place speaking is its
   government: ``Moscou a reconnu``, ``Washington et Séoul``);
5. anything else is a new source named by the mention, typed by its head noun.

No network model: compatibility is by source type (``agence`` fits state media, media
and intelligence services; ``ministre`` fits a person) from the ``refers_to`` column of
``source_nouns.csv``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from pipeline.closed_words import THIRD_PERSON, with_inverted
from pipeline.components.agents import is_share
from pipeline.components.agreement import (
    demonym_person,
    entity_number,
    mention_gender,
    mention_number,
    other_nationality,
    pronoun_number,
)
from pipeline.components.candidates import CandidateIndex as _CandidateIndex
from pipeline.components.intervals import Stabber
from pipeline.components.mention_shapes import title_apposed_name
from pipeline.components.quotes import doc_quotes
from pipeline.components.sentences import ents_within
from pipeline.components.token_lookups import morph_values, pos_id, token_ids
from pipeline.lexicons import data_lines, source_nouns
from pipeline.registry import (
    AUTHOR,
    Source,
    SourceRegistry,
    guess_source_type,
    normalize_name,
    slugify,
)

PRONOUNS = with_inverted(THIRD_PERSON) | {"lui", "eux"}
_NOUN, _ADJ, _VERBS = pos_id("NOUN"), pos_id("ADJ"), (pos_id("AUX"), pos_id("VERB"))
FEMININE_PRONOUNS = with_inverted(frozenset({"elle", "elles"}))
POSSESSIVES = frozenset({"son", "sa", "ses", "leur", "leurs"})

ORG_TYPES = frozenset(
    {"state_media", "media", "intelligence", "government", "military", "think_tank",
     "international_org", "organization", "analyst"}
)  # fmt: skip
# head noun of a generic description → the source types it can refer back to
STATE_MEDIA = re.compile(r"d'[ée]tat|officiel|publique?s?\b")
DEMONSTRATIVES = ("le ", "la ", "les ", "l'", "cette ", "ce ", "cet ", "ces ")


@dataclass
class Mention:
    """A source seen in the document, for later descriptions to refer back to."""

    source: Source
    start: int
    gender: str = ""  # "Fem" / "Masc" when the mention says it ("la ministre", "il")
    subject: bool = False  # a sentence subject: pronouns refer back to subjects first
    text: str = ""  # the mention, lower-cased, for "l'évaluation" → "des évaluations de X"
    number: str = ""  # "Sing" / "Plur" when the mention says it ("les habitants", "ils")


@dataclass
class SourceResolver:
    """Resolves the source mentions of one document, in text order."""

    doc: Doc
    registry: SourceRegistry
    history: list[Mention] = field(default_factory=list)

    def __post_init__(self) -> None:
        # named entities that can speak, in text order, as candidates for coreference
        self._entity_mentions = []
        datelines = [z for z in self.doc.spans.get("zones", []) if z.label_ == "dateline"]
        in_quote = Stabber((q.start, q.end) for q in doc_quotes(self.doc))
        persons: list[Span] = []
        for ent in self.doc.ents:
            if ent.label_ == "PER":
                persons.append(ent)
            # "PARIS (AFP) -" names who wrote the dispatch, not who speaks in it; a name
            # inside a quote is who is spoken about ("« Yannick est sous contrat », a-t-il")
            if any(z.start <= ent.start < z.end for z in datelines) or in_quote.covers(ent.start):
                continue
            src = self._entity_source(ent)
            if src is not None:
                # a subject, or a name in apposition to one ("La présidente, Elena
                # Vargas, s'est rendue…")
                subject = any(t.dep_.startswith("nsubj") for t in ent) or (
                    ent.root.dep_ in ("appos", "conj", "flat:name")
                    and ent.root.head.dep_.startswith("nsubj")
                )
                gender, number = mention_gender(ent), entity_number(ent)
                mention = Mention(src, ent.start_char, gender, subject, number=number)
                self._entity_mentions.append(mention)
        self._entity_mentions.extend(self._institution_subjects(in_quote))
        self._entity_mentions.sort(key=lambda m: m.start)
        # len(Doc.text) without joining every token: where the last token ends
        doc = self.doc
        text_end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
        self._index = _CandidateIndex(self._entity_mentions, text_end)
        for seq, m in enumerate(self.history):
            self._index.add_remembered(m, seq)
        # the persons whose neighbourhood holds each word, for "la cheffe de mission"
        self._persons_near: dict[str, list[Span]] = {}
        for ent in persons:
            window = doc[max(ent.start - 6, 0) : min(ent.end + 6, len(doc))]
            for word in {t.lower_ for t in window}:
                self._persons_near.setdefault(word, []).append(ent)

    def _institution_subjects(self, in_quote: Stabber) -> list[Mention]:
        """Subjects naming an institution's role, which no name stands for ("l'avocat
        général a abordé…, a-t-il ajouté"): candidates for a later pronoun."""
        found = []
        doc = self.doc
        n = len(doc)
        pos = token_ids(doc).pos
        for i in range(n):
            if pos[i] != _NOUN or in_quote.covers(i):
                continue
            tok = doc[i]
            end = i + 2 if i + 1 < n and pos[i + 1] == _ADJ else i + 1
            # the parser may miss the subject after a fronted participle ("Succédant à
            # X, l'avocat général a…"): a finite verb right after it will do
            verb_next = end < n and pos[end] in _VERBS
            if not (tok.dep_.startswith("nsubj") or verb_next):
                continue
            span = doc[tok.left_edge.i if tok.left_edge.i < tok.i else tok.i : end]
            if not is_institution(span.text.lower()):
                continue
            name = display_name(span)
            src = Source(slugify(name), name, guess_source_type(name))
            gender, number = mention_gender(span), mention_number(span)
            found.append(Mention(src, span.start_char, gender, True, number=number))
        return found

    def _entity_source(self, ent: Span) -> Source | None:
        if ent.label_ == "ORG":
            src = self.registry.match(ent.text)
            if src is not None:
                return src
            name = ent._.canonical or ent.text
            return Source(slugify(name), name, guess_source_type(name))
        if ent.label_ == "PER":
            name = ent._.canonical or ent.text
            return Source(slugify(name), name, "person")
        return None

    def remember(self, source: Source, mention: Span) -> None:
        gender, number = mention_gender(mention), mention_number(mention)
        self.history.append(
            Mention(source, mention.start_char, gender, True, mention.text.lower(), number)
        )
        self._index.add_remembered(self.history[-1], len(self.history) - 1)

    def _resolve_pronoun(self, mention: Span, low: str) -> Source:
        """A pronoun refers to the latest speaker or sentence subject before it whose
        gender does not contradict it ("-t-elle" is not "son porte-parole")."""
        gender = "Fem" if low.lstrip("-t") in FEMININE_PRONOUNS else "Masc"
        pos = mention.start_char
        # the latest of the speakers and subjects before it (a speaker first at a tie)
        m = self._index.latest_agreeing(gender, pos, pronoun_number(low))
        if m is None:
            m = self._index.latest_any(pos)
        return m.source if m is not None else Source(slugify(low), low, "person")

    def _titled_person(self, mention: Span) -> Source | None:
        """``la cheffe de mission`` after "Claire Dumont, cheffe de mission de MSF": a
        person introduced earlier with the title this description repeats."""
        low = mention.text.lower()
        if ents_within(mention) or not low.startswith(DEMONSTRATIVES):
            return None
        if is_institution(low):
            return None  # "l'avocat général" is the prosecution, not "Me X", an avocat
        head = next((t for t in mention if t.pos_ == "NOUN"), None)
        if head is None or guess_source_type(head.lower_, "") != "person":
            return None
        # the latest person before the mention with the title near their name
        near = self._persons_near.get(head.lower_, [])
        k = bisect_right([e.end for e in near], mention.start) - 1
        if k < 0:
            return None
        ent = near[k]
        name = ent._.canonical or ent.text
        return Source(slugify(name), name, "person")

    def _document_owner(
        self, word: str, pos: int, compatible: frozenset[str], lead: bool = True
    ) -> Source | None:
        """Whose ``rapport`` / ``évaluation`` this is: the source last named with that
        word ("De récentes évaluations des services de renseignement" → "selon
        l'évaluation"), else (``lead``) the article's first compatible source."""
        before = [m for m in self.history if m.start < pos and m.source.type in compatible]
        for m in reversed(before):
            if re.search(rf"\b{re.escape(word)}", m.text):
                return m.source
        return before[0].source if before and lead else None

    def resolve(self, mention: Span) -> Source:
        """The source identity of ``mention`` (see the module docstring for the order)."""
        ent = speaking_entity(mention)
        if ent is not None and ent.label_ == "PER":
            # "la secrétaire générale de la CGT Sophie Binet" speaks for herself
            name = ent._.canonical or ent.text
            return Source(slugify(name), name, "person")
        named = title_apposed_name(mention)
        if named is not None and (ent is None or ent.label_ != "LOC"):
            return Source(slugify(named.text), named.text, "person")  # a name the tagger missed
        src = self.registry.match(mention.text)
        if src is not None:
            return src
        if is_share(mention):
            # "24 % des Québécois estiment…" after "selon un sondage Léger": the poll's
            # respondents, whose answers the poll reports
            issued = source_nouns().issued
            for m in reversed(self.history):
                if m.start < mention.start_char and issued.intersection(m.text.split()):
                    return m.source
        first = mention[0].lower_
        if first in ("nos", "notre"):
            return AUTHOR  # "selon nos informations": the newspaper itself
        if first in POSSESSIVES and len(mention) > 1 and mention[1].lower_ in source_nouns().issued:
            # "selon ses calculs", "d'après leurs estimations": the possessor spoke last
            # ("son porte-parole", "son entourage" are sources of their own)
            return self._resolve_pronoun(mention, "ils" if first.startswith("leur") else "il")
        issuer = document_issuer(mention)
        if issuer is not None:
            # "le communiqué de l'armée", "les mesures de l'observatoire": who issued it
            return self.resolve(issuer)
        low = mention.text.lower().replace("’", "'").strip()
        if low in PRONOUNS or low.lstrip("-t") in PRONOUNS:
            return self._resolve_pronoun(mention, low)
        person = demonym_person(mention)
        if person is not None:
            # "a glissé l'Allemand": the person last named, called by nationality
            name = person._.canonical or person.text
            return Source(slugify(name), name, "person")
        head = generic_head(mention)
        if head is not None:
            compatible = source_nouns().refers_to[head]
            if STATE_MEDIA.search(low):
                compatible = frozenset({"state_media"})
            # "cette source", "la source sécuritaire malienne": the source last named so,
            # not the last speaker ("l'agence" alone is the last compatible speaker)
            lead = head in source_nouns().document_heads
            this = lead or mention[0].lower_ in ("ce", "cet", "cette", "ces")
            word = head if this else display_name(mention)
            if this or " " in word:
                owner = self._document_owner(word.lower(), mention.start_char, compatible, lead)
                if owner is not None:
                    return owner
            # earlier speakers first, then any entity named before, then after
            m = self._index.compatible(compatible, mention.start_char)
            if m is not None and not other_nationality(mention, m.source.name):
                return m.source
        titled = self._titled_person(mention)
        if titled is not None:
            return titled
        if ent is not None:
            name = ent._.canonical or ent.text
            if ent.label_ == "PER":
                return Source(slugify(name), name, "person")
            if ent.label_ == "LOC":
                return Source(slugify(name), name, "government")
            return Source(slugify(name), name, guess_source_type(mention.text))
        name = display_name(mention)
        return Source(slugify(name), name, guess_source_type(name))


def document_issuer(mention: Span) -> Span | None:
    """``le communiqué de l'armée`` → ``l'armée``: the issuer of a document noun that
    heads the mention."""
    head = next((t for t in mention if t.pos_ in ("NOUN", "PROPN")), None)
    if head is None or head.lower_ not in source_nouns().issued:
        return None
    doc = mention.doc
    for t in doc[head.i + 1 : min(head.i + 4, mention.end)]:
        if t.lower_ in ("de", "du", "des", "d'", "d’"):
            start = t.i + 1 if t.lower_ in ("de", "d'", "d’") else t.i
            rest = doc[start : mention.end]
            if len(rest) and any(x.pos_ in ("NOUN", "PROPN") for x in rest):
                return rest
            return None
        if t.pos_ not in ("ADJ",):
            return None
    return None


def speaking_entity(mention: Span) -> Span | None:
    """The named entity that speaks in a mention: a person named in it ("la ministre
    du Travail, Astrid Panosyan-Bouvet"), or the entity the mention starts with
    ("Washington", "l'armée russe" no: "armée" heads it). ``le tribunal correctionnel
    de Paris`` is the tribunal, not Paris: no entity speaks there.
    """
    ents = [e for e in ents_within(mention) if e.label_ in ("PER", "ORG", "LOC")]
    if not ents:
        return None
    persons = [e for e in ents if e.label_ == "PER"]
    if persons:
        return persons[0]
    head = next((t for t in mention if t.pos_ in ("NOUN", "PROPN")), None)
    if head is None:
        return ents[0]
    for e in ents:
        if e.start <= head.i < e.end:
            return e
    return None


def is_institution(low: str) -> bool:
    """A role that is an institution of its own ("le ministère public", "l'avocat
    général"), in ``pipeline/data/institution_terms.txt``.

    >>> is_institution("l'avocat général a requis"), is_institution("l'avocat")
    (True, False)
    """
    return any(term in low for term in data_lines("institution_terms.txt"))


def generic_head(mention: Span) -> str | None:
    """The generic head noun of a short definite description with no name in it
    (``l'agence`` → ``agence``, ``le dirigeant nord-coréen`` → ``dirigeant``,
    ``les médias d'État`` → ``médias``). A head with a complement (``la présidente de la
    cour``) names a new source."""
    if any(t.pos_ == "PROPN" or t.ent_type_ for t in mention if t.ent_type_ != "MISC"):
        return None
    low = mention.text.lower().replace("’", "'")
    if not low.startswith(DEMONSTRATIVES):
        return None
    if is_institution(low):
        return None  # "le ministère public": an institution of its own
    generic = source_nouns().refers_to
    for tok in mention:
        if tok.pos_ in ("NOUN", "PROPN") or tok.lower_ in generic:
            word = tok.lower_ if tok.lower_ in generic else tok.lemma_.lower()
            if word not in generic:
                return None
            # "les analystes", "les syndicats": a group is a new source, not someone
            # named before (but "les médias d'État" are the state agency)
            # ("les mêmes sources" refer back, like "la même source")
            plural = "Plur" in morph_values(tok, "Number") and not re.search(r"\bmêmes\b", low)
            if plural and not STATE_MEDIA.search(low):
                return None
            rest = mention.doc[tok.i + 1 : mention.end]
            if not STATE_MEDIA.search(rest.text.lower()) and any(
                t.pos_ not in ("ADJ", "PUNCT") and t.ent_type_ != "MISC" for t in rest
            ):
                return None
            return word
    return None


def display_name(mention: Span) -> str:
    """A source's display name from its mention: without leading determiner, cut at the
    first comma (``un analyste parisien, sous couvert d'anonymat`` → ``analyste
    parisien``)."""
    text = mention.text.split(",")[0].strip()
    norm = normalize_name(text)
    if not norm:
        return mention.text.strip()
    words = text.split()
    while words and words[0].lower().replace("’", "'") in (
        "le", "la", "les", "un", "une", "des", "du", "de", "d'", "l'", "cette", "ce", "ces",
    ):  # fmt: skip
        words = words[1:]
    text = " ".join(words)
    for prefix in ("l'", "d'", "l’", "d’"):
        if text.lower().startswith(prefix):
            text = text[len(prefix) :]
    return text or mention.text.strip()
