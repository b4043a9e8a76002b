"""Entity clusters: every mention of one entity shares ``span._.entity_id`` and
``span._.canonical`` ("Kim Jong Un" / "Kim Jong-un" / "Kim"; KCNA / "Agence centrale de
presse nord-coréenne")."""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.components.source_registry import registry_of
from pipeline.extension_values import set_span_value
from pipeline.registry import SourceRegistry, normalize_name, slugify

for _ext in ("entity_id", "canonical"):
    if not Span.has_extension(_ext):
        Span.set_extension(_ext, default="")


def _initial(ent: Span) -> str:
    """First letter of a name's first significant word, upper-cased."""
    words = [t for t in ent if t.is_alpha and t.lower_ not in ("l", "la", "le", "les")]
    return words[0].text[0].upper() if words else ""


def _name_key(text: str) -> tuple[str, ...]:
    return tuple(normalize_name(text).split())


def cluster_entities(doc: Doc, registry: SourceRegistry | None = None) -> Doc:
    """Give every mention of one entity the same ``entity_id`` and ``canonical``.

    Mentions join a cluster when their folded names are equal ("Kim Jong Un" = "Kim
    Jong-un"), when one is a registered alias of the same source (KCNA = "Agence centrale
    de presse nord-coréenne"), when an acronym follows a name in brackets ("… (KCNA)"),
    or when a shorter name's words all belong to a longer person name ("Kim").
    """
    ents = list(doc.ents)
    # each mention's text, label and bounds read once (a Span property joins or looks
    # them up on every access)
    texts = [e.text for e in ents]
    labels = [e.label_ for e in ents]
    bounds = [(e.start, e.end) for e in ents]
    cluster_of: dict[int, int] = {}
    keys = [_name_key(t) for t in texts]
    by_key: dict[tuple, int] = {}
    by_source: dict[str, int] = {}
    for i, text in enumerate(texts):
        src = registry.match(text) if registry and labels[i] == "ORG" else None
        if src and normalize_name(text) not in {
            normalize_name(a) for a in (src.name, *src.aliases)
        }:
            src = None  # the alias is only part of a longer name
        if keys[i] in by_key:
            cluster_of[i] = by_key[keys[i]]
        elif src and src.id in by_source:
            cluster_of[i] = by_source[src.id]
        else:
            cluster_of[i] = i
        by_key.setdefault(keys[i], cluster_of[i])
        if src:
            by_source.setdefault(src.id, cluster_of[i])
        # "Name (ACRONYM)": the acronym joins the name's cluster
        start = bounds[i][0]
        if (
            i > 0
            and start >= 2
            and doc[start - 1].text == "("
            and bounds[i - 1][1] == start - 1
            and text.isupper()
            # initials agree ("Institut géophysique du Pérou (IGP)"), not "PARIS (AFP)"
            and text[0] == _initial(ents[i - 1])
        ):
            cluster_of[i] = cluster_of[i - 1]
            by_key[keys[i]] = cluster_of[i]
    # short person names ("Kim", "Poutine") join the person whose name contains them
    persons = [i for i, label in enumerate(labels) if label == "PER" and len(keys[i]) > 1]
    # organisations named "<head> <Name>" with no particle: "Industries Dorel"
    orgs = [
        i
        for i, label in enumerate(labels)
        if label == "ORG" and 1 < len(keys[i]) <= 3 and not {"de", "du", "des", "d"} & set(keys[i])
    ]
    for i, label in enumerate(labels):
        if cluster_of[i] != i or len(keys[i]) > 1 or label not in ("PER", "MISC"):
            continue
        host = next((p for p in persons if keys[i][0] in keys[p]), None)
        # "Dorel" after "Les Industries Dorel": the company's own name, not a person
        if host is None and label == "PER":
            host = next((o for o in orgs if keys[o][-1] == keys[i][0]), None)
        if host is not None:
            cluster_of[i] = cluster_of[host]
    members: dict[int, list[int]] = defaultdict(list)
    for i, c in cluster_of.items():
        members[c].append(i)
    relabel = []
    used_ids: set[str] = set()
    for root in sorted(members):
        idx = members[root]
        if len(idx) == 1:  # (most entities are mentioned once: no vote to count)
            label, canonical = labels[idx[0]], texts[idx[0]]  # (idx[0] may not be root)
        else:
            votes = Counter(labels[i] for i in idx if len(keys[i]) > 1)
            label = votes.most_common(1)[0][0] if votes else labels[root]
            longest = max(len(" ".join(keys[i])) for i in idx)
            surfaces = Counter(texts[i] for i in idx if len(" ".join(keys[i])) == longest)
            canonical = surfaces.most_common(1)[0][0]
        src = registry.match(canonical) if registry and label == "ORG" else None
        if src and normalize_name(src.name) in {normalize_name(texts[i]) for i in idx}:
            canonical = src.name
        entity_id = f"{label}:{slugify(canonical)}"
        while entity_id in used_ids:
            entity_id += "_"
        used_ids.add(entity_id)
        for i in idx:
            if labels[i] != label:
                relabel.append((i, label))
            set_span_value(ents[i], "entity_id", entity_id)
            set_span_value(ents[i], "canonical", canonical)
    if relabel:
        for i, label in relabel:
            new = Span(doc, ents[i].start, ents[i].end, label=label)
            new._.entity_id, new._.canonical = ents[i]._.entity_id, ents[i]._.canonical
            ents[i] = new
        doc.ents = ents
    return doc


@Language.factory("entity_clusters", default_config={"sources": []})
def make_entity_clusters(nlp: Language, name: str, sources: list[str]):
    registry = registry_of(nlp, sources)

    def entity_clusters(doc: Doc) -> Doc:
        return cluster_entities(doc, registry)

    return entity_clusters
