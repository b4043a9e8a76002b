"""Scopes: the sentences a source's account covers beyond its claims.

A source's account often runs on without a new speech verb: "L'ONG a recensé 292 817
morts. Les forces du régime ont perdu 104 656 hommes." The second sentence is no claim
of its own, but its figures are the ONG's (../shared/eval/FORMAT.md). The ``scopes``
component writes those stretches on ``doc.spans["scopes"]``, one span per stretch of
sentences, labelled by the source id; ``span.id_`` is the index of the claim that opened
the account in ``doc._.claims`` and ``span.kb_id_`` the evidence (why the stretch
continues the account).

A scope ends where a new source or cue speaks, where a quote is someone else's, and
where the article's own voice begins (see :func:`continues_account`).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.components.claim import Claim
from pipeline.components.polls import gives_figures
from pipeline.components.segment import in_article_body
from pipeline.components.sentences import sentences
from pipeline.components.token_lookups import morph_values
from pipeline.lexicons import calendar_words, source_nouns, word_set
from pipeline.registry import AUTHOR

SPAN_KEY = "scopes"
_QUOTED = frozenset({"direct", "mixed"})


def _attributed(c: Claim) -> bool:
    return c.attribution != "unattributed" and c.source.id != AUTHOR.id


def _claim_sentences(doc: Doc, claims: list[Claim]) -> dict[int, int]:
    """Sentence index → index (in ``claims``) of the last attributed claim said in it."""
    sents = sentences(doc)
    starts = [s.start for s in sents]
    from bisect import bisect_right

    last: dict[int, int] = {}
    for k, c in enumerate(claims):
        if not _attributed(c):
            continue
        anchors = [c.content.end - 1]
        if c.cue is not None:
            anchors.append(c.cue.span.start)
        for a in anchors:
            si = bisect_right(starts, a) - 1
            if si not in last or claims[last[si]].content.end <= c.content.end:
                last[si] = k
    return last


_FINAL = frozenset({".", "!", "?", "…", "»", '"', "”", ":"})


def _breaks_before(tok: Token) -> bool:
    doc = tok.doc
    return tok.i == 0 or "\n" in doc[tok.i - 1].whitespace_ or "\n" in doc[tok.i - 1].text


def is_intertitle(sent: Span, max_words: int = 16) -> bool:
    """A short paragraph of its own with no final punctuation: a headline or intertitle
    the article writes in its own name ("Des centaines de blessés à Lyon").

    >>> import spacy
    >>> doc = spacy.blank("fr")("Le bilan.\\n\\nTrois morts à Lyon\\n\\nLa suite.")
    >>> is_intertitle(doc[4:9]), is_intertitle(doc[0:4])
    (True, False)
    """
    words = [t for t in sent if not t.is_space]
    if not words or len(words) > max_words:
        return False
    end = sent.end
    closes = end >= len(sent.doc) or _breaks_before(sent.doc[end])
    return _breaks_before(sent[0]) and closes and words[-1].text not in _FINAL


_YEAR = re.compile(r"^(1[89]|20)\d\d$")


def is_background(sent: Span) -> bool:
    """The article's own background: a pluperfect dated with "en" + month or year ("En
    2001, un séisme y avait fait 145 morts", "l'incendie avait fait sept morts en mars").
    (``tests/test_scopes.py`` runs it on sentences of its own.)
    """
    pluperfect = any(
        t.dep_.startswith("aux")
        and t.lemma_ in ("avoir", "être")
        and "Imp" in morph_values(t, "Tense")
        and "Part" in morph_values(t.head, "VerbForm")
        for t in sent
    )
    if not pluperfect:
        return False
    months = calendar_words()
    return any(
        t.lower_ == "en"
        and t.i + 1 < sent.end
        and (_YEAR.match(sent.doc[t.i + 1].text) or sent.doc[t.i + 1].lower_ in months)
        for t in sent
    )


def _has_figure(sent: Span, figures: list[Span]) -> bool:
    return any(sent.start <= f.start < sent.end for f in figures)


def carries_on_breakdown(sent: Span) -> bool:
    """A sentence that lists the breakdown of a tally given before it: it opens on a
    breakdown word ("Sur les 40 blessés, 12 sont des enfants", "Quant aux victimes, …")
    or counts with the impersonal "on" ("Depuis lundi, on recense 52 morts"); the words
    are in ``pipeline/data/account_markers.txt``.
    (``tests/test_scopes.py`` runs it on sentences of its own.)
    """
    markers = word_set("account_markers.txt")
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if words and words[0].lower_ in markers and words[0].lemma_ != "compter":
        return True
    return any(
        t.lower_ == "on" and t.head.lemma_ in markers and t.head.pos_ == "VERB" for t in sent
    )


def describes_method(sent: Span) -> bool:
    """A sentence on a poll's or study's method ("Les 1 000 personnes sondées ont été
    interrogées en mai", "La marge d'erreur est de 3 %"); the words are in
    ``pipeline/data/study_method_words.txt``.
    (``tests/test_scopes.py`` runs it on sentences of its own.)
    """
    words = word_set("study_method_words.txt")
    return any(t.lower_ in words for t in sent)


def reports_a_document(claim: Claim) -> bool:
    """The claim's source is a poll, study, report or bulletin ("selon le sondage
    Ifop", "une étude danoise montre que"): a document whose method the article may
    describe later."""
    mention = claim.source_mention
    issued = source_nouns().issued
    return mention is not None and any(t.lower_ in issued for t in mention)


def another_agent_acts(sent: Span, source_name: str) -> bool:
    """The sentence's subject names a person or organisation other than the account's
    source ("Les banques BNP Paribas et Société Générale ont affiché…" after "Axa a
    publié…"): what it does is the article's report, not the source's account.
    (``tests/test_scopes.py`` runs it on sentences of its own.)
    """
    root = sent.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    if subj is None:
        return False
    name = source_name.lower()
    # the subject itself or a name in apposition to it, not a complement ("les forces
    # du régime", "les annonces du site Kijiji")
    return any(
        e.label_ in ("PER", "ORG")
        and (e.root == subj or (e.root.head == subj and _names(e.root)))
        and e.text.lower() not in name
        for e in sent.ents
    )


def _names(tok: Token) -> bool:
    """A name in apposition to its head ("le constructeur Stellantis", which the parser
    may call a complement with no preposition)."""
    if tok.dep_ in ("appos", "flat:name", "conj"):
        return True
    return tok.dep_ == "nmod" and not any(c.dep_ == "case" for c in tok.children)


def continues_account(
    sent: Span, figures: list[Span], gap: int, source_name: str = ""
) -> str | None:
    """Why ``sent`` (a sentence with no claim of its own) carries on the account before
    it, or None when the article's own voice takes over: an intertitle, a sentence
    whose subject is another named agent, or a second sentence in a row that gives no
    figure (the article has moved on to its own narration)."""
    if not in_article_body(sent) or is_intertitle(sent) or is_background(sent):
        return None
    if source_name and another_agent_acts(sent, source_name):
        return None
    if _has_figure(sent, figures):
        return "figures with no new cue"
    return "no new cue" if gap == 0 else None


def attribution_scopes(doc: Doc, claims: list[Claim]) -> list[Span]:
    """The stretches of sentences that continue an attributed claim's account."""
    by_sent = _claim_sentences(doc, claims)
    scopes: list[Span] = []
    opener: int | None = None
    run: list[Span] = []
    evidence = ""

    def close() -> None:
        if opener is not None and run:
            c = claims[opener]
            scopes.append(
                Span(
                    doc,
                    run[0].start,
                    run[-1].end,
                    label=c.source.id,
                    kb_id=evidence,
                    span_id=str(opener),
                )
            )

    figures = list(doc.spans.get("figures", []))
    gap = 0
    # an intertitle inside an account that restates its figures; the account goes on
    # after it when the next sentence carries on the breakdown ("Sur les 40 blessés…")
    held: Span | None = None
    document: int | None = None  # the last claim whose source is a poll or study
    for si, sent in enumerate(sentences(doc)):
        if si in by_sent and reports_a_document(claims[by_sent[si]]):
            document = by_sent[si]
        method = si not in by_sent and describes_method(sent) and in_article_body(sent)
        if method and document is not None and opener != document:
            # "Les 1 000 personnes sondées…": the poll's method, paragraphs later
            close()
            opener, run, gap, evidence = document, [sent], 0, "the document's method"
            continue
        if held is not None:
            if si not in by_sent and carries_on_breakdown(sent) and in_article_body(sent):
                close()  # the intertitle itself is the article's headline
                run, gap = [], 0
            else:
                close()
                opener, run = None, []
            held = None
        if (
            opener is not None
            and si not in by_sent
            and is_intertitle(sent)
            and _has_figure(sent, figures)
        ):
            held = sent
            continue
        same_source = (
            si in by_sent
            and opener is not None
            and claims[by_sent[si]].source.id == claims[opener].source.id
        )
        if same_source and carries_on_breakdown(sent):
            # "Sur les 40 blessés, on recense « 12 enfants »": the quote is the
            # source's, and so is the tally it breaks down
            if not run:
                evidence = "a breakdown of the same source's tally"
            run.append(sent)
            continue
        if si in by_sent:
            close()
            opener, run, gap = by_sent[si], [], 0
            # after a person's quoted words, the article speaks again (an institution's
            # quoted bulletin may go on: "… 28 morts", a déclaré le ministère. « … »)
            if claims[opener].attribution in _QUOTED and claims[opener].source.type == "person":
                opener = None
            # a headline or standfirst line says what the body will tell: the body's
            # first sentences are the article's own until a source speaks there
            if is_intertitle(sent, max_words=30):
                opener = None
            continue
        why = None
        if opener is not None:
            c = claims[opener]
            # a poll or study measures what other agents get ("la CAQ domine (37 %)")
            measures = reports_a_document(c) or (c.cue is not None and gives_figures(c.cue))
            why = continues_account(sent, figures, gap, "" if measures else c.source.name)
        if why is None:
            close()
            opener, run = None, []
            continue
        gap = 0 if _has_figure(sent, figures) else gap + 1
        if not run:
            evidence = why
        run.append(sent)
    close()
    return scopes


def scope_claim(span: Span, claims: list[Claim]) -> Claim | None:
    """The claim whose account's scope holds ``span`` (None outside every scope)."""
    for scope in span.doc.spans.get(SPAN_KEY, []):
        if scope.start_char <= span.start_char and span.end_char <= scope.end_char:
            k = int(scope.id_)
            return claims[k] if k < len(claims) else None
    return None


def in_past_relative(span: Span) -> bool:
    """A figure in a relative clause in the past tense, the article's background on a
    noun of the account ("…depuis les élections de 2019, lors desquelles le parti avait
    obtenu 26,1 % des voix").
    (``tests/test_scopes.py`` runs it on sentences of its own.)
    """
    tok = span.root
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") or any(c.dep_ == "cop" for c in tok.children):
            break
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    # on a noun ("les élections de 2019, lors desquelles"), not "…, ce qui représentait"
    if tok.dep_ != "acl:relcl" or tok.head.pos_ != "NOUN":
        return False
    verbs = [tok, *(c for c in tok.children if c.dep_.startswith("aux") or c.dep_ == "cop")]
    return any("Imp" in morph_values(v, "Tense") for v in verbs)


def describes_place(span: Span) -> bool:
    """A figure in a noun phrase the article puts after a place's name to say what it is
    ("Tambov, une ville à environ 400 km de la frontière"): its own gazetteer, not the
    account's figure.
    (``tests/test_scopes.py`` runs it on sentences of its own.)
    """
    doc = span.doc
    tok = span.root
    for _ in range(3):
        # "…, et seize dans le secteur": a conjunct says more of the account
        if tok.head.i == tok.i or tok.head.pos_ not in ("NOUN", "NUM") or tok.dep_ == "conj":
            break
        tok = tok.head
        first = tok.left_edge.i
        if first >= 2 and doc[first].lower_ in ("un", "une") and doc[first - 1].text == ",":
            return doc[first - 2].ent_type_ == "LOC"
    return False


def attributed_claim(span: Span, claims: list[Claim], inner: Claim | None) -> Claim | None:
    """``inner`` (the claim whose content holds ``span``) unless it is the article's own
    narration inside a source's account, which gives way to that account's claim."""
    if inner is not None and _attributed(inner):
        return inner
    if in_past_relative(span) or describes_place(span):
        return inner
    return scope_claim(span, claims) or inner


@Language.factory("scopes", requires=["doc._.claims"], assigns=["doc.spans"])
def make_scopes(nlp: Language, name: str):
    def scopes_component(doc: Doc) -> Doc:
        doc.spans[SPAN_KEY] = attribution_scopes(doc, doc._.claims or [])
        return doc

    return scopes_component
