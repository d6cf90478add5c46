"""What the build derives from the paper graphs: the inference graph and the aggregates graph.

Run once at the end of a build that changed something (`derive`), over the whole store:

- The inference graph (`res:graph/inferences`) holds, for every mention, each named superclass of the
  class it is typed by (so `?m a ckg:Mechanism` finds the mentions of every kind of mechanism); for
  every positive, unhedged claim, the relation between its subject and object mentions, with the
  relation's super-properties (and between the named individuals they refer to); and the classes HermiT
  infers for the mentions those claims connect (a cluster that FDI drives is an FDI-driven cluster, by
  the ontology's equivalent-class definition). The subclass closure is computed here rather than by
  HermiT: it is the same answer, and HermiT over every mention of a large corpus is needlessly slow.
  HermiT sees the ontology plus only the individuals claims connect, where its answers can differ.
- The aggregates graph (`res:graph/aggregates`) holds what the heavy competency queries need:
  concept frequencies per paper, per publication year and over the corpus, sentence-level co-occurrence
  pairs, citation and co-citation counts, each paper's mention, sentence and claim counts, and the
  contradicting claims grouped by subject concept, object concept and issue (finding them in SPARQL
  joins every claim with every claim on the same concepts: 44 s at 1M triples).

Both graphs are replaced atomically. When HermiT finds the graph inconsistent, the previous inference
graph stays and the report names the individuals that make it so.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.errors import InconsistentOntologyError
from kg.graph import digest, integer, node
from kg.namespaces import CKG, CITO, RESOURCE_NS, resource
from kg.ontology import classify, load_graph
from kg.validate import Violation, validate_graphs

INFERENCE_GRAPH = resource("graph", "inferences")
AGGREGATES_GRAPH = resource("graph", "aggregates")
PAPER_GRAPHS = str(resource("graph", "paper/"))
# only the paper graphs feed the derived graphs, never the derived graphs themselves
IN_PAPER_GRAPH = f'FILTER(STRSTARTS(STR(?g), "{PAPER_GRAPHS}"))'


@dataclass
class DeriveReport:
    inferred: int = 0  # triples in the inference graph (0 when it was left as it was)
    classified: list[tuple[str, str]] = field(default_factory=list)  # (individual, class) HermiT added
    inconsistent: list[str] = field(default_factory=list)  # culprits; the old inference graph stayed
    aggregates: int = 0  # triples in the aggregates graph
    violations: list[Violation] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def derive(store, ontology: Path, changed_graphs: list[str] | None = None, shapes: Path | None = None) -> DeriveReport:
    """Rewrite the inference and aggregates graphs from the paper graphs, then validate `changed_graphs`
    (paper graph IRIs; None: every paper graph) against the SHACL shapes."""
    report = DeriveReport()
    tbox = load_graph(ontology)
    clock = time.perf_counter()
    try:
        quads, report.classified = infer(store, tbox)
        store.replace_graph(node(INFERENCE_GRAPH), quads)
        report.inferred = len(quads)
    except InconsistentOntologyError as e:
        report.inconsistent = e.culprits
    report.seconds["inference"] = time.perf_counter() - clock
    clock = time.perf_counter()
    quads = aggregate(store, _closure(tbox, RDFS.subPropertyOf))
    store.replace_graph(node(AGGREGATES_GRAPH), quads)
    report.aggregates = len(quads)
    report.seconds["aggregates"] = time.perf_counter() - clock
    clock = time.perf_counter()
    if changed_graphs is None:
        changed_graphs = sorted(g for g in store.named_graphs() if g.startswith(PAPER_GRAPHS))
    report.violations = validate_graphs(store, changed_graphs, shapes)
    report.seconds["validation"] = time.perf_counter() - clock
    return report


def _closure(tbox: Graph, predicate: URIRef) -> dict[str, set[str]]:
    """Each named entity with its named ancestors along `predicate` (rdfs:subClassOf, rdfs:subPropertyOf)."""
    parents = defaultdict(set)
    for child, parent in tbox.subject_objects(predicate):
        if isinstance(child, URIRef) and isinstance(parent, URIRef) and parent != OWL.Thing:
            parents[str(child)].add(str(parent))
    closed: dict[str, set[str]] = {}

    def ancestors(entity: str) -> set[str]:
        if entity not in closed:
            closed[entity] = set()  # guards against cycles (equivalent classes written as two subClassOf)
            found = set()
            for parent in parents.get(entity, ()):
                found |= {parent} | ancestors(parent)
            closed[entity] = found - {entity}
        return closed[entity]

    return {entity: ancestors(entity) for entity in list(parents)}


def infer(store, tbox: Graph) -> tuple[list[Quad], list[tuple[str, str]]]:
    """The inference graph's quads, and the (individual, class) pairs HermiT added.

    Raises InconsistentOntologyError when the ontology and the claims' individuals are inconsistent."""
    graph = node(INFERENCE_GRAPH)
    superclasses = _closure(tbox, RDFS.subClassOf)
    superproperties = _closure(tbox, RDFS.subPropertyOf)
    asserted: dict[str, set[str]] = defaultdict(set)
    rows = store.query(f"SELECT ?m ?t WHERE {{ GRAPH ?g {{ ?m a <{CKG.Mention}>, ?t }} {IN_PAPER_GRAPH} }}", union=False)
    for row in rows:
        asserted[row["m"].value].add(row["t"].value)
    claims = store.query(f"""SELECT ?s ?r ?o ?rs ?ro WHERE {{ GRAPH ?g {{
        ?c a <{CKG.Claim}> ; <{CKG.hasSubject}> ?s ; <{CKG.relation}> ?r ; <{CKG.hasObject}> ?o ;
           <{CKG.polarity}> "positive" ; <{CKG.hedged}> false .
        OPTIONAL {{ ?s <{CKG.refersTo}> ?rs }} OPTIONAL {{ ?o <{CKG.refersTo}> ?ro }} }} {IN_PAPER_GRAPH} }}""", union=False)
    relations: set[tuple[str, str, str]] = set()
    for row in claims:
        s, r, o = row["s"].value, row["r"].value, row["o"].value
        for prop in {r} | superproperties.get(r, set()):
            relations.add((s, prop, o))
            if row["rs"] is not None and row["ro"] is not None:
                relations.add((row["rs"].value, prop, row["ro"].value))

    # HermiT: the ontology plus the mentions that claims connect, with their types and relations
    abox = Graph()
    abox += tbox
    connected = {x for s, _, o in relations for x in (s, o) if x in asserted}
    for individual in connected:
        abox.add((URIRef(individual), RDF.type, OWL.NamedIndividual))
        for t in asserted[individual]:
            abox.add((URIRef(individual), RDF.type, URIRef(t)))
    for s, p, o in relations:
        if s in connected and o in connected:
            abox.add((URIRef(s), URIRef(p), URIRef(o)))
    classified = classify(abox, connected) if connected else {}

    types: set[tuple[str, str]] = set()
    added: list[tuple[str, str]] = []
    for mention, classes in asserted.items():
        known = set(classes)
        for c in classes:
            known |= superclasses.get(c, set())
        new = {c for c in classified.get(mention, set()) if c not in known}
        added += [(mention, c) for c in sorted(new)]
        for c in new:
            known |= {c} | superclasses.get(c, set())
        types |= {(mention, c) for c in known - classes if c.startswith(str(CKG._NS))}
    quads = [Quad(node(m), node(RDF.type), node(c), graph) for m, c in sorted(types)]
    quads += [Quad(node(s), node(p), node(o), graph) for s, p, o in sorted(relations)]
    return quads, sorted(added)


def aggregate(store, superproperties: dict[str, set[str]]) -> list[Quad]:
    """The aggregates graph's quads: counts the heavy competency queries read instead of scanning mentions,
    and the contradicting claims. `superproperties`: each relation's named super-properties."""
    graph = node(AGGREGATES_GRAPH)
    quads: list[Quad] = []

    def add(subject: NamedNode, predicate: str, obj: NamedNode | Literal) -> None:
        quads.append(Quad(subject, node(predicate), obj, graph))

    rows = store.query(f"""SELECT ?p ?s ?c ?cat WHERE {{ GRAPH ?g {{ ?m <{CKG.concept}> ?c ; <{CKG.category}> ?cat ;
        <{CKG.mentionedIn}> ?s ; <{CKG.inPublication}> ?p }} {IN_PAPER_GRAPH} }}""", union=False)
    per_paper: Counter[tuple[str, str]] = Counter()
    per_paper_mentions: Counter[str] = Counter()
    category: dict[str, str] = {}
    sentence_concepts: dict[str, set[str]] = defaultdict(set)
    sentence_paper: dict[str, str] = {}
    for row in rows:
        paper, sentence, concept = row["p"].value, row["s"].value, row["c"].value
        category[concept] = row["cat"].value
        per_paper[(paper, concept)] += 1
        per_paper_mentions[paper] += 1
        sentence_concepts[sentence].add(concept)
        sentence_paper[sentence] = paper

    def concept_statistic(path: str, cls: str, concept: str, counts: dict[str, int]) -> NamedNode:
        stat = node(resource("statistic", path))
        add(stat, RDF.type, node(cls))
        add(stat, CKG.concept, node(concept))
        add(stat, CKG.conceptCategory, Literal(category[concept]))
        for predicate, n in counts.items():
            add(stat, predicate, integer(n))
        return stat

    concept_mentions: Counter[str] = Counter()
    concept_papers: Counter[str] = Counter()
    for (paper, concept), n in sorted(per_paper.items()):
        stat = concept_statistic(f"frequency/{_key(paper)}/{digest(concept)}", CKG.ConceptFrequency, concept,
                                 {CKG.mentionCount: n})
        add(stat, CKG.inPublication, node(paper))
        concept_mentions[concept] += n
        concept_papers[concept] += 1
    years = _publication_years(store)
    yearly: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])  # (year, concept) -> [mentions, papers]
    for (paper, concept), n in per_paper.items():
        if paper in years:
            yearly[(years[paper], concept)][0] += n
            yearly[(years[paper], concept)][1] += 1
    for (year, concept), (mentions, papers) in sorted(yearly.items()):
        stat = concept_statistic(f"yearly/{year}/{digest(concept)}", CKG.YearlyConceptFrequency, concept,
                                 {CKG.mentionCount: mentions, CKG.paperCount: papers})
        add(stat, CKG.publicationYear, integer(year))
    concept_sentences = Counter(c for concepts in sentence_concepts.values() for c in concepts)
    for concept in sorted(concept_mentions):
        concept_statistic(f"frequency/corpus/{digest(concept)}", CKG.CorpusConceptFrequency, concept,
                          {CKG.mentionCount: concept_mentions[concept], CKG.sentenceCount: concept_sentences[concept],
                           CKG.paperCount: concept_papers[concept]})

    pair_sentences: Counter[tuple[str, str]] = Counter()
    pair_papers: dict[tuple[str, str], set[str]] = defaultdict(set)
    for sentence, concepts in sentence_concepts.items():
        for pair in combinations(sorted(concepts), 2):
            pair_sentences[pair] += 1
            pair_papers[pair].add(sentence_paper[sentence])
    for (a, b), n in sorted(pair_sentences.items()):
        stat = node(resource("statistic", f"cooccurrence/{digest(a, b)}"))
        add(stat, RDF.type, node(CKG.CoOccurrence))
        add(stat, CKG.concept, node(a))
        add(stat, CKG.concept, node(b))
        for cat in {category[a], category[b]}:  # lets a query start from the pairs of two categories
            add(stat, CKG.conceptCategory, Literal(cat))
        add(stat, CKG.sentenceCount, integer(n))
        add(stat, CKG.paperCount, integer(len(pair_papers[(a, b)])))

    counts = {"sentences": Counter(), "claims": Counter()}
    for kind, cls in (("sentences", CKG.Sentence), ("claims", CKG.Claim)):
        for row in store.query(f"""SELECT ?p (COUNT(?x) AS ?n) WHERE {{ GRAPH ?g {{ ?x a <{cls}> ; <{CKG.inPublication}> ?p }}
                                   {IN_PAPER_GRAPH} }} GROUP BY ?p""", union=False):
            counts[kind][row["p"].value] = int(row["n"].value)
    for paper in sorted(set(counts["sentences"]) | set(per_paper_mentions)):
        add(node(paper), CKG.mentionCount, integer(per_paper_mentions[paper]))
        add(node(paper), CKG.sentenceCount, integer(counts["sentences"][paper]))
        add(node(paper), CKG.claimCount, integer(counts["claims"][paper]))

    cited: dict[str, set[str]] = defaultdict(set)
    for row in store.query(f"SELECT DISTINCT ?p ?w WHERE {{ GRAPH ?g {{ ?p <{CITO.cites}> ?w }} {IN_PAPER_GRAPH} }}", union=False):
        cited[row["p"].value].add(row["w"].value)
    citations: Counter[str] = Counter(w for works in cited.values() for w in works)
    for work, n in sorted(citations.items()):
        add(node(work), CKG.citationCount, integer(n))
    cocited: Counter[tuple[str, str]] = Counter()
    for works in cited.values():
        cocited.update(combinations(sorted(works), 2))
    for (a, b), n in sorted(cocited.items()):
        stat = node(resource("statistic", f"cocitation/{digest(a, b)}"))
        add(stat, RDF.type, node(CKG.CoCitation))
        add(stat, CKG.citedWork, node(a))
        add(stat, CKG.citedWork, node(b))
        add(stat, CKG.paperCount, integer(n))

    for key, (side_a, side_b) in sorted(contradictions(store, superproperties).items()):
        stat = node(resource("statistic", f"contradiction/{digest(*key)}"))
        add(stat, RDF.type, node(CKG.Contradiction))
        for claim in sorted(side_a):
            add(stat, CKG.sideA, node(claim))
        for claim in sorted(side_b):
            add(stat, CKG.sideB, node(claim))
    return quads


def _publication_years(store) -> dict[str, int]:
    """The year of each paper of the corpus that gives one (the earliest, should a paper give two)."""
    years: dict[str, int] = {}
    rows = store.query(f"""SELECT ?p ?y WHERE {{ GRAPH ?g {{ ?p <{CKG.sourceFile}> ?f ; <{CKG.year}> ?y }}
                             {IN_PAPER_GRAPH} }}""", union=False)
    for row in rows:
        try:
            year = int(row["y"].value)
        except ValueError:
            continue
        years[row["p"].value] = min(year, years.get(row["p"].value, year))
    return years


def contradictions(store, superproperties: dict[str, set[str]]) -> dict[tuple[str, ...], tuple[set[str], set[str]]]:
    """The claims that contradict each other, as two sides (every claim on side A contradicts every claim
    on side B), by (subject concept, object concept, issue). The issue is either one relation, asserted
    (side A) and negated (side B), or the drives/hinders opposition at one polarity: a claim whose relation
    is drives or a sub-property of it (side A) against one whose relation is hinders or below (side B).

    Grouping instead of listing pairs keeps the graph linear in the number of claims: n claims each way
    are one node and 2n triples, not n x n pairs."""
    rows = store.query(f"""SELECT ?c ?r ?pol ?sc ?oc WHERE {{ GRAPH ?g {{
        ?c a <{CKG.Claim}> ; <{CKG.relation}> ?r ; <{CKG.polarity}> ?pol ; <{CKG.hasSubject}> ?s ; <{CKG.hasObject}> ?o .
        ?s <{CKG.concept}> ?sc . ?o <{CKG.concept}> ?oc }} {IN_PAPER_GRAPH} }}""", union=False)
    groups: dict[tuple[str, ...], tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    for row in rows:
        claim, relation, polarity = row["c"].value, row["r"].value, row["pol"].value
        concepts = (row["sc"].value, row["oc"].value)
        groups[(*concepts, relation)][0 if polarity == "positive" else 1].add(claim)
        families = {relation} | superproperties.get(relation, set())
        if str(CKG.drives) in families:
            groups[(*concepts, f"drives/hinders {polarity}")][0].add(claim)
        elif str(CKG.hinders) in families:
            groups[(*concepts, f"drives/hinders {polarity}")][1].add(claim)
    return {key: sides for key, sides in groups.items() if sides[0] and sides[1]}


def _key(iri: str) -> str:
    """res:paper/003-e44e... -> 003-e44e..."""
    return iri[len(RESOURCE_NS):].split("/", 1)[-1] if iri.startswith(RESOURCE_NS) else digest(iri)
