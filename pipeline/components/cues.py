"""Cues: the words that introduce an attributed statement.

Three kinds of cue, found on a parsed Doc:

- ``verb``: a speech, report, opinion, appeal, accusation or denial verb from
  ``pipeline/data/speech_verbs.csv`` (``a indiqué``, ``ont rapporté``, ``suggèrent``,
  ``a exhorté``, ``avoir nié``), with its auxiliaries and the adverbs between them;
- ``according_to``: ``selon X``, ``d'après X``, ``à en croire X``, ``de source X``;
- quotes are not cues on their own: :mod:`pipeline.components.content` finds them and
  attaches them to the cue that introduces them.

A negated cue ("KCNA n'a mentionné aucun commentaire") reports what was *not* said and
is no cue.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from pipeline.components.according_to import according_to_cues
from pipeline.components.cue_records import ACCORDING_TO, VERB, Cue, SpeechVerb  # noqa: F401 (re-exported)
from pipeline.components.forecasts import revision_lemma
from pipeline.components.participles import auxiliary_before, is_auxiliary
from pipeline.components.polls import score_verb_lemma
from pipeline.components.sentences import sent_of, sentences
from pipeline.components.token_lookups import morph_values, pos_id, token_ids, word_ids
from pipeline.lexicons import data_rows, lexicon_cache, word_set

NEGATION_WORDS = frozenset({"pas", "aucun", "aucune", "jamais", "rien", "guère", "nullement"})
# participles used as adjectives or in fixed phrases that are no speech act
_NOT_CUE_DEPS = frozenset({"amod", "case", "mark", "fixed", "compound"})


@lexicon_cache()
def speech_verbs() -> dict[str, SpeechVerb]:
    """The speech-verb lexicon, keyed by lemma (multi-word locutions by their verb).

    >>> speech_verbs()["suggérer"].certainty
    'hedged'
    """
    rows = data_rows("speech_verbs.csv")
    return {r["lemma"]: SpeechVerb(r["lemma"], r["kind"], r["certainty"]) for r in rows}


@lexicon_cache()
def cue_forms() -> dict[str, str]:
    """Forms of speech verbs the tagger or lemmatizer gets wrong: finite forms taken for
    an adverb or a noun ("Stellantis dément tout projet"), irregular participles left
    unlemmatised ("a-t-elle promis"); from ``pipeline/data/cue_forms.csv``."""
    return {r["form"]: r["lemma"] for r in data_rows("cue_forms.csv")}


@lexicon_cache()
def _locution_heads() -> frozenset[str]:
    """The first word of every multi-word entry ("faire" of "faire état de")."""
    return frozenset(k.split(" ", 1)[0] for k in speech_verbs() if " " in k)


def _lemma_candidates(tok: Token) -> list[str]:
    """The model's lemma, then first-group guesses for verbs it left unlemmatised
    ("demande" → "demander")."""
    lemma = tok.lemma_.lower()
    out = [lemma]
    if tok.lower_ in cue_forms():
        out.append(cue_forms()[tok.lower_])  # irregular forms: "promis" → "promettre"
    if tok.pos_ == "VERB" and not lemma.endswith(("er", "ir", "re")):
        low = tok.lower_
        out += [re.sub(r"(?:e|es|ent|ait|aient|ant)$", "er", low), low + "r"]
    return out


def _lexicon_entry(tok: Token, candidates: list[str]) -> SpeechVerb | None:
    """The speech-verb entry of a verb whose candidate lemmas are ``candidates``
    (:func:`_lemma_candidates`)."""
    verbs = speech_verbs()
    lemma = tok.lemma_.lower()
    # locutions: "a fait état de", "a mis en garde", "laisse entendre"
    doc = tok.doc
    # the words after the verb, adverbs skipped ("fait également état de", "met
    # toutefois en garde")
    if lemma in _locution_heads() or " " in lemma:
        window = doc[tok.i + 1 : min(tok.i + 5, len(doc))]
        following = [t.lower_ for t in window if t.pos_ != "ADV"][:2]
        for n in (2, 1):
            locution = " ".join([lemma, *following[:n]])
            if len(following) >= n and locution in verbs:
                return verbs[locution]
    # pronominal verbs are verbs of their own: "s'inquiéter" and "se dire" speak,
    # "s'explique" ("is explained by") and "se montre" do not
    pronominal = verbs.get(f"s'{lemma}") or verbs.get(f"se {lemma}")
    plain = next((verbs[c] for c in candidates if c in verbs), None)
    if pronominal is None and plain is None:
        return None  # no entry either way: the verb's clitics need not be looked at
    reflexive = any(c.lower_ in ("se", "s'", "s’") and c.i < tok.i for c in tok.children)
    return pronominal if reflexive else plain


def is_negated(tok: Token) -> bool:
    """True when the verb is negated: a ``ne`` with ``pas``/``aucun``/``jamais``/``rien``
    ("n'a mentionné aucun", "n'a pas dit"); a restrictive "n'a dit que" is no negation."""
    if not any(c.lower_ in ("ne", "n'", "n’") for c in tok.children):
        return False
    window = tok.doc[max(tok.i - 3, 0) : min(tok.i + 4, len(tok.doc))]
    return any(t.lower_ in NEGATION_WORDS for t in (*window, *tok.subtree))


def verb_group(tok: Token) -> Span:
    """The verb with its auxiliaries and what sits between them: ``ont aussi accusé``,
    ``a également déclaré``, ``a-t-il dit``, ``avoir nié``. Only a contiguous run: an
    auxiliary the parser hung on the verb from another clause is left out."""
    doc = tok.doc
    start = tok.i
    j = tok.i - 1
    while j >= 0:
        t = doc[j]
        if (
            (t.dep_.startswith("aux") and t.head.i == tok.i)
            # "a-t-elle promis": the parser may hang the auxiliary on the clitic
            or (is_auxiliary(t) and j + 1 < tok.i and doc[j + 1].text.startswith("-"))
            or (t.pos_ in ("ADV", "PRON") and t.head.i == tok.i and t.lower_ not in ("ne", "n'"))
            # an adverbial locution between auxiliary and verb ("avait d'ailleurs déclaré")
            or (t.pos_ in ("ADV", "ADP") and t.head.head.i == tok.i and t.head.i < tok.i)
            or (t.text.startswith("-") and t.pos_ == "PRON")
        ):
            start = j
        else:
            break
        j -= 1
    # a leading adverb or pronoun is only kept between auxiliaries ("a également dit")
    while start < tok.i and not (
        doc[start].dep_.startswith(("aux", "expl")) or is_auxiliary(doc[start])
    ):
        if doc[start].text.startswith("-"):
            break
        start += 1
    return doc[start : tok.i + 1]


def _with_locution(group: Span, entry: SpeechVerb) -> Span:
    """Extend a verb group over the rest of its locution, adverbs included."""
    doc = group.doc
    words = entry.lemma.split()[1:]
    end = group.end
    while words and end < len(doc):
        if doc[end].lower_ == words[0]:
            words.pop(0)
        elif doc[end].pos_ != "ADV":
            break
        end += 1
    return doc[group.start : end]


def _legal_sense(tok: Token, entry: SpeechVerb) -> bool:
    """A sense of a lexicon verb that states no one's words: a court "condamne X à un an
    de prison" or "reconnaît X coupable" (a ruling), "la France compte 850.000
    enseignants" (a fact)."""
    doc = tok.doc
    after = doc[tok.i + 1 : min(tok.i + 8, sent_of(tok).end)]
    if entry.lemma == "condamner":
        return any(t.lower_ in ("à", "au") for t in after) and not any(
            t.lower_ in ("que", "qu'") for t in after
        )
    if entry.lemma == "compter":
        # "la police a compté 14.000 personnes" reports a count; "la France compte
        # 850.000 enseignants" states a fact
        return not any(c.dep_.startswith("aux") for c in tok.children)
    if entry.lemma == "reconnaître":
        return any(t.lower_ in ("coupable", "coupables", "responsable") for t in after)
    if entry.lemma in ("montrer", "prouver", "démontrer"):
        # "l'étude montre que…" states a finding; "il montre la voie", "s'il démontre
        # sa bonne foi" show a thing
        return not any(t.lower_ in ("que", "qu'", "qu’") for t in after[:4])
    if entry.lemma == "renchérir":
        # "les prix ont renchéri de 2 %" is a rise, "a renchéri le ministre" a reply
        return bool(len(after)) and after[0].lower_ in ("de", "d'", "d’")
    if entry.lemma == "avancer":
        # "les troupes ont avancé de 6 km" is a move, "a avancé un chiffre" a claim
        return len(after) > 1 and after[0].lower_ == "de" and after[1].like_num
    return False


def doc_word(doc: Doc, i: int) -> bool:
    """True when token ``i`` can end a subject (a noun, a name or a pronoun)."""
    return doc[i].pos_ in ("NOUN", "PROPN", "PRON")


def _after_subject(tok: Token) -> bool:
    """The word before ``tok`` ends a subject, or an apposition after one ("L'agent du
    joueur, Mehdi Saïdi, dément"), or a quote before its inverted speaker ("», note X")."""
    doc, i = tok.doc, tok.i - 1
    if doc[i].text == "," and i > 0:
        i -= 1
    after_quote = doc[i].text in '»”"' and doc[i + 1].text == ","
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return doc_word(doc, i) or (after_quote and nxt is not None and nxt.pos_ in ("PROPN", "DET"))


_PAST_PARTICIPLE = re.compile(r"(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues|t|te|ts|tes|s|se|ses)$")


def is_past_participle(tok: Token) -> bool:
    """Tagged a past participle and shaped like one: the tagger also calls "relève" (a
    finite verb) a participle, and "remerciant" ends in t."""
    return (
        "Part" in morph_values(tok, "VerbForm")
        and "Pres" not in morph_values(tok, "Tense")
        and not tok.lower_.endswith("ant")
        and bool(_PAST_PARTICIPLE.search(tok.lower_))
    )


def _in_a_en_croire(tok: Token) -> bool:
    doc = tok.doc
    return tok.i >= 2 and doc[tok.i - 1].lower_ == "en" and doc[tok.i - 2].lower_ == "à"


def _passive_with_agent(tok: Token) -> bool:
    """``quatre ans de suspension requis … par le parquet``: a past participle modifying a
    noun phrase that states a quantity, with the agent that said it (a headline form;
    "l'analyse demandée par l'athlète" reports nothing)."""
    noun = tok.head
    if not any(
        t.like_num or t.lower_ in word_set("number_words.txt") for t in noun.subtree if t.i < tok.i
    ):
        return False
    if any(c.dep_ == "obl:agent" for c in tok.children):
        return True
    for t in tok.doc[tok.i + 1 : sent_of(tok).end]:
        if t.is_punct:
            return False
        if t.lower_ == "par":
            return True
    return False


def verb_cues(sent: Span) -> list[Cue]:
    """Speech-verb cues of one sentence."""
    cues = []
    forms = cue_forms()
    doc = sent.doc
    ids = token_ids(doc)
    form_ids = _cue_form_ids()
    for i in range(sent.start, sent.end):
        pos = ids.pos[i]
        if pos != _VERB and pos != _AUX:
            # a mistagged finite form right after its subject: "Stellantis dément …"
            lemma = forms.get(doc[i].lower_) if ids.lower[i] in form_ids else None
            if lemma and i > sent.start and _after_subject(doc[i]):
                cues.append(Cue(doc[i : i + 1], doc[i], VERB, speech_verbs()[lemma]))
            elif pos == _ADJ and i > sent.start and is_auxiliary(doc[i - 1]):
                # "a tempéré mardi le directeur": a participle tagged as an adjective
                entry = speech_verbs().get(re.sub(r"(?:é|ée|és|ées)$", "er", doc[i].lower_))
                if entry is not None:
                    cues.append(Cue(doc[i - 1 : i + 1], doc[i], VERB, entry))
            continue
        tok = doc[i]
        aux = auxiliary_before(tok)
        if tok.dep_ in _NOT_CUE_DEPS and aux < 0:
            continue
        candidates = _lemma_candidates(tok)
        entry = _lexicon_entry(tok, candidates)
        if entry is None and (score := score_verb_lemma(tok, candidates)):
            entry = SpeechVerb(score, "report", "asserted")  # "Léger donne 32 % à la CAQ"
        if entry is None and (revised := revision_lemma(tok, candidates)):
            entry = SpeechVerb(revised, "report", "asserted")  # "a relevé sa prévision"
        if entry is None or is_negated(tok) or _in_a_en_croire(tok) or _legal_sense(tok, entry):
            continue
        # a past participle modifying a noun reports nothing ("la mesure annoncée hier"),
        # unless it names who said it ("quatre ans requis par le parquet")
        group = verb_group(tok)
        if (
            tok.dep_ == "acl"
            and is_past_participle(tok)
            and not any(t.dep_.startswith("aux") for t in group)  # "a-t-elle promis"
            and not _passive_with_agent(tok)
        ):
            continue
        if " " in entry.lemma:
            group = _with_locution(group, entry)  # "met toutefois en garde"
        group = tok.doc[min(aux, group.start) if aux >= 0 else group.start : group.end]
        cues.append(Cue(group, tok, VERB, entry))
    return cues


_VERB, _AUX, _ADJ = (pos_id(tag) for tag in ("VERB", "AUX", "ADJ"))


@lexicon_cache()
def _cue_form_ids() -> frozenset[int]:
    return word_ids(cue_forms())


def find_cues(doc: Doc) -> list[Cue]:
    """Every cue of ``doc`` in text order."""
    cues = []
    for sent in sentences(doc):
        cues.extend(verb_cues(sent))
        cues.extend(according_to_cues(sent))
    return sorted(cues, key=lambda c: c.span.start)
