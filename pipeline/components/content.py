"""Content: what a cue says, as a span of the text (not the whole sentence).

- ``que``-clause of a speech verb: ``a indiqué que [Kim … d'obus]``; coordinated
  ``que``-clauses are separate contents (``suggèrent que [A], et que [B]``);
- object / infinitive of an appeal or accusation verb: ``a exhorté [les travailleurs à
  accélérer …]``, ``ont accusé [la Corée du Nord de fournir …]``, cut before a following
  participial cue (``, la qualifiant …``) or an absolute clause;
- inverted cue: what comes before it in the sentence: ``[Kim a appelé …], ont rapporté
  les médias d'État``; a quote right before it: ``« [C'était bon] », a-t-il dit``;
- ``selon X``: the rest of the sentence around the ``selon`` phrase;
- a quote right after the cue (``a prévenu : « … »``) is the content;
- ``Si A, B`` is two contents, A and B (the reported condition and the report).

:func:`find_quotes` finds «…», “…” and "…" quotes, which may span sentences.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline.components.backrefs import previous_sentence, refers_back
from pipeline.components.cues import ACCORDING_TO, Cue, is_past_participle
from pipeline.components.participles import participle_content
from pipeline.components.polls import gives_figures, up_to_next_subject
from pipeline.components.quotes import (  # noqa: F401  (find_quotes, imported from here)
    Quotes,
    _opens_quote,
    _standalone,
    find_quotes,
    quote_after,
    quote_before,
)
from pipeline.components.sentences import sent_of
from pipeline.components.sources import agent_after, is_inverted, subject_token
from pipeline.components.token_lookups import morph_values
from pipeline.lexicons import word_set

_BREAK_DEPS = ("advcl", "conj", "parataxis", "acl", "acl:relcl", "obl:mod", "dislocated")
_CLAUSE_STARTERS = frozenset({"alors", "tandis", "mais", "car", "bien", "même", "puisque"})


#: symbols that end a figure and must stay in a content ("en hausse de 18%")
UNIT_SYMBOLS = frozenset({"%", "€", "$", "£", "°", "‰"})


def trim(span: Span | None) -> Span | None:
    """Strip punctuation, spaces and dangling conjunctions at both ends.

    >>> import spacy
    >>> nlp = spacy.blank("fr")
    >>> trim(nlp(", et la Russie ,")[:]).text
    'la Russie'
    """
    if span is None:
        return None
    doc, start, end = span.doc, span.start, span.end
    drop_start = {"et", "mais", "que", "qu'", "qu’", ":", "—", "-"}
    while start < end and (
        doc[start].is_punct or doc[start].is_space or doc[start].lower_ in drop_start
    ):
        if doc[start].text in '«“"' and _closes_within(doc, start, end):
            break
        start += 1
    while (
        end > start
        and doc[end - 1].text not in UNIT_SYMBOLS
        and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in ("et",))
    ):
        if doc[end - 1].text in '»”"' and _opens_within(doc, start, end - 1):
            break
        end -= 1
    return doc[start:end] if end > start else None


def _closes_within(doc: Doc, start: int, end: int) -> bool:
    return any(t.text in '»”"' for t in doc[start + 1 : end])


def _opens_within(doc: Doc, start: int, end: int) -> bool:
    return any(t.text in '«“"' for t in doc[start:end])


def _is_sibling_clause(tok: Token, head: Token) -> bool:
    """True when ``tok`` heads a clause coordinated with or adjoined to ``head``
    (``…, la qualifiant de…``), not one inside its object or ``que``-clause."""
    child = tok
    while child.head.i != child.i and child.head.i != head.i:
        child = child.head
    return child.head.i == head.i and child.dep_ in _BREAK_DEPS


def _right_content(cue: Cue, others: set[int]) -> Span | None:
    """Tokens after the verb inside its clause: objects, infinitives, ``à``-phrases, cut
    before a comma that opens another clause or a sibling cue."""
    doc = cue.span.doc
    head = cue.head
    sent = sent_of(cue.span)
    right = head.right_edge.i + 1  # the last token of the verb's subtree
    end = min(right, sent.end)
    # a que-clause runs on to the end of the sentence whatever the parse made of it
    # ("a indiqué que Kim, lors de visites, avait salué …"); only a participle after a
    # comma or a new clause starter ("…, alors que") ends it early
    que_clause = _que_after(cue, sent.end, others) is not None
    if que_clause:
        end = sent.end
    for t in doc[cue.span.end : end]:
        if t.i in others and _participle_after_comma(t):
            end = max(x.i for x in doc[t.i - 3 : t.i] if x.text == ",")
            break
        if t.i in others and (
            (not que_clause and _is_sibling_clause(t, head))
            # "assure que « … » et juge « … »": a second cue joined to this one by "et"
            or (
                t.dep_ == "conj"
                and t.head.i == head.i
                and any(c.dep_ == "cc" and c.lower_ == "et" for c in t.children)
            )
        ):
            end = t.i
            break
        if (
            t.text == ":"
            and _has_finite_verb(doc[t.i + 1 : end])
            and not _opens_quote(doc, t.i + 1)
        ):
            # "actent la déroute du camp : la coalition est créditée de…" — a new clause
            end = t.i
            break
        if t.text in ",;" or (t.text == "(" and t.i > cue.span.end):
            nxt = _next_word(doc, t.i, end)
            if nxt is None:
                end = t.i
                break
            # a comma that opens another clause of the verb ("…, la qualifiant de…",
            # "…, Vladimir Poutine ayant publié…", "…, alors que…")
            if nxt.lower_ in _CLAUSE_STARTERS or (
                not que_clause and _clause_head_after(t, head, end) is not None
            ):
                end = t.i
                break
    start = cue.span.end
    # "a déclaré penser que …", "a affirmé dans le JDD que …", "a annoncé une heure plus
    # tard devant la presse que …": what stands before the "que" belongs to the cue
    que = _que_after(cue, end, others)
    if que is not None:
        start = que
    while start < end and (doc[start].is_space or doc[start].lower_ in ("que", "qu'", "qu’")):
        start += 1
    return trim(doc[start:end])


_QUE = frozenset({"que", "qu'", "qu’"})


def _que_after(cue: Cue, end: int, others: set[int]) -> int | None:
    """The ``que`` opening the reported clause, when it comes within a few words of the
    cue with no other verb (but a nested opinion cue) and no quote before it."""
    doc = cue.span.doc
    for t in doc[cue.span.end : min(cue.span.end + 10, end)]:
        if t.lower_ in _QUE:
            # a clause follows ("que la Russie a…"), not a comparison ("meilleur
            # qu'attendu", "plus que prévu")
            before = {x.lower_ for x in doc[max(t.i - 2, 0) : t.i]}
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            comparison = bool(before & word_set("comparatives.txt")) or (
                nxt is not None and "Part" in morph_values(nxt, "VerbForm")
            )
            return None if comparison else t.i
        if (t.pos_ in ("VERB", "AUX") and t.i not in others) or t.text in '«“"':
            return None
    return None


def _participle_after_comma(tok: Token) -> bool:
    """``…, la qualifiant d'essentielle`` / ``…, affirmant que``: a present participle
    after a comma opens a new statement, whatever the parser hung it on."""
    present_participle = (
        "Part" in morph_values(tok, "VerbForm") and "Pres" in morph_values(tok, "Tense")
    ) or (tok.pos_ == "VERB" and tok.lower_.endswith("ant"))  # the morphologizer misses some
    if not present_participle:
        return False
    doc = tok.doc
    return any(t.text == "," for t in doc[max(tok.i - 3, 0) : tok.i])


def _next_word(doc: Doc, i: int, end: int) -> Token | None:
    for t in doc[i + 1 : end]:
        if not t.is_space and not t.is_punct:
            return t
    return None


def _clause_head_after(comma: Token, verb: Token, end: int) -> Token | None:
    """A clause of ``verb`` (advcl, conj, parataxis…) that starts in the stretch after
    ``comma`` (up to the next comma): the comma closes the content."""
    doc = comma.doc
    for t in doc[comma.i + 1 : end]:
        if t.text == ",":
            break
        if t.dep_ in _BREAK_DEPS and t.head.i == verb.i and t.pos_ in ("VERB", "AUX", "ADJ"):
            return t
    return None


def _left_content(cue: Cue, floor: int) -> Span | None:
    """For an inverted cue: the sentence before it, from ``floor``."""
    doc = cue.span.doc
    return trim(doc[floor : cue.span.start])


def split_si_clause(span: Span) -> list[Span]:
    """``Si A, B`` → [A, B]: the reported condition and the report are two statements.

    >>> import spacy
    >>> nlp = spacy.blank("fr")
    >>> doc = nlp("Si la valeur est haute, rien n'indique un paiement")
    >>> [s.text for s in split_si_clause(doc[:])]
    ['la valeur est haute', "rien n'indique un paiement"]
    """
    if not len(span) or span[0].lower_ not in ("si", "s'") or span[0].lower_ == "s'":
        return [span]
    for t in span[1:]:
        if t.text == ",":
            a, b = trim(span.doc[span.start + 1 : t.i]), trim(span.doc[t.i + 1 : span.end])
            return [s for s in (a, b) if s is not None]
    return [span]


def _passive_subject(cue: Cue) -> Span | None:
    """The subject of a passive cue with an agent ("X a été annoncé par Y")."""
    head = cue.head
    if not any(c.dep_ == "aux:pass" for c in head.children):
        return None
    subj = next((c for c in head.children if c.dep_ == "nsubj:pass" and c.i < head.i), None)
    agent = next((c for c in head.children if c.dep_ == "obl:agent"), None)
    agent = agent if agent is not None else agent_after(head)
    if subj is None or agent is None:
        return None
    # the subject and what is said of it, up to "par": "la coalition est créditée de 90 à
    # 120 sièges [par Elabe]", "Le plan de relance a été annoncé [par le ministère]"
    doc = cue.span.doc
    left = subj.left_edge.i
    par = next((t.i for t in doc[head.i : agent.i] if t.lower_ == "par"), agent.i)
    return trim(doc[left:par]) if par > left else None


def _linear_right(cue: Cue) -> Span | None:
    """The words after a cue, to the end of its clause."""
    doc = cue.span.doc
    sent = sent_of(cue.span)
    end = cue.span.end
    while end < sent.end and not (
        doc[end].text in ",;"
        and _next_word(doc, end, sent.end) is not None
        and _next_word(doc, end, sent.end).lower_ in (*_CLAUSE_STARTERS, "a", "ont")
    ):
        end += 1
    return trim(doc[cue.span.end : end])


def split_mais(span: Span) -> list[Span]:
    """``A mais B`` → [A, B] when both sides are clauses with their own finite verb
    ("Des bâtiments ont été endommagés mais les autorités n'ont connaissance d'aucun…")."""
    doc = span.doc
    for t in span:
        if t.lower_ != "mais" or t.i <= span.start + 2:
            continue
        a, b = trim(doc[span.start : t.i]), trim(doc[t.i + 1 : span.end])
        if a is not None and b is not None and _has_finite_verb(a) and _has_finite_verb(b):
            return [a, *split_mais(b)]
    return [span]


def _has_finite_verb(span: Span) -> bool:
    return any(t.pos_ in ("VERB", "AUX") and "Fin" in morph_values(t, "VerbForm") for t in span)


def split_que_clauses(span: Span) -> list[Span]:
    """``que A, et que B`` → [A, B] (coordinated reported clauses)."""
    doc = span.doc
    for t in span:
        if (
            t.lower_ in ("que", "qu'", "qu’")
            and t.i > span.start + 2
            and doc[t.i - 1].lower_ == "et"
        ):
            cut = t.i - 1
            a, b = trim(doc[span.start : cut]), trim(doc[t.i + 1 : span.end])
            return [s for s in (a, b) if s is not None]
    return [span]


def content_spans(
    cue: Cue, quotes: list[Span], source_spans: list[Span], other_cues: set[int], floor: int
) -> tuple[list[Span], str]:
    """The content span(s) of a cue and the attribution kind (direct, indirect, mixed,
    according_to). ``floor`` is the first token the content may start at (after an
    earlier claim in the same sentence)."""
    doc = cue.span.doc
    sent = sent_of(cue.span)
    if cue.kind == ACCORDING_TO:
        src_end = max((s.end for s in source_spans), default=cue.span.end)
        at_start = not any(not t.is_space and not t.is_punct for t in doc[floor : cue.span.start])
        if at_start:
            end = sent.end
            for t in doc[src_end : sent.end]:
                if t.i in other_cues:
                    end = t.i
                    break
            spans = [trim(doc[src_end:end])]
        else:
            spans = [trim(doc[floor : cue.span.start])]
        spans = [s for s in spans if s is not None]
        return spans, ACCORDING_TO
    if refers_back(cue.span):  # "C'est ce qu'a confirmé X": the sentence before
        return [s for s in [previous_sentence(cue.span)] if s is not None], "indirect"
    if is_inverted(cue):
        left = _left_content(cue, floor)
        q = quote_before(cue, quotes)
        if q is not None and (left is None or q.start <= left.start + 1 or _standalone(q)):
            return [q], "direct"
        if left is None:
            return [], "indirect"
        if not _has_finite_verb(left):
            # an incise: "Le rapport d'expertise, a-t-il souligné, évoque « … »" — the
            # statement goes on after it
            rest = trim(doc[left.start : sent_of(cue.span).end])
            left = rest if rest is not None else left
        kind = "mixed" if q is not None and q.start >= left.start else "indirect"
        return [p for s in split_si_clause(left) for p in split_mais(s)], kind
    q = quote_after(cue, quotes)
    if q is not None:
        return [q], "direct"
    if (
        cue.head.dep_ == "acl"
        and cue.head.head.i < cue.head.i
        and is_past_participle(cue.head)
        and subject_token(cue.head) is not None
    ):
        # "quatre ans de suspension requis … par le parquet": what is said is the noun
        noun = cue.head.head
        left = noun.left_edge.i
        return [s for s in [trim(doc[left : cue.span.start])] if s is not None], "indirect"
    passive = _passive_subject(cue)
    if passive is not None:
        # "Le plan a été annoncé par le ministère": what was announced is the subject
        return [passive], "indirect"
    right = _right_content(cue, other_cues)
    # a mistagged cue, a poll's, or a locution parsed upside down ("fait" hung on its
    # own "état"): the words after it
    upside_down = cue.head.head.i != cue.head.i and cue.head.head in cue.span
    mistagged = cue.head.pos_ not in ("VERB", "AUX")
    if right is None and (mistagged or gives_figures(cue) or upside_down):
        right = _linear_right(cue)
    if right is not None and gives_figures(cue):
        right = up_to_next_subject(right)
    if right is None:
        said = participle_content(cue.span)  # "a confirmé, parlant de « … »"
        return ([said], "mixed") if said is not None else ([], "indirect")
    spans = []
    for part in split_si_clause(right):
        for clause in split_que_clauses(part):
            spans.extend(split_mais(clause))
    kind = "indirect"
    if Quotes.of(quotes).within(right):
        kind = "mixed"
    return spans, kind
