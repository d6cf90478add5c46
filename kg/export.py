"""`kg export`: the graph, or one paper, in the formats other tools read.

- RDF: Turtle, N-Triples and RDF/XML (the union of the graphs: triples), N-Quads, TriG and JSON-LD
  (each paper keeps its named graph), written by pyoxigraph.
- OWL: the ontology with every individual of the graph, as one OWL 2 DL file in RDF/XML that Protégé
  opens: individuals declared owl:NamedIndividual, classes and properties the data uses without the
  ontology declaring them declared by their use.
- The concept co-occurrence network: GraphML (Gephi, networkx) and VOSviewer map and network files.
  Nodes are concepts and named individuals, weighted by their mentions; two concepts are linked when
  they are mentioned in the same sentence, the link weighted by the number of such sentences.
- CSV: claims and mentions, each row with its provenance (file, section, sentence, offsets).

Every file is written to a temporary name beside its target and renamed into place (os.replace).
"""

from __future__ import annotations

import csv
import io
import os
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import OWL, RDF

from kg.errors import InputError
from kg.graph import ONTOLOGY_GRAPH
from kg.namespaces import PREFIXES, RESOURCE_NS

TRIPLE_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML}
DATASET_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD}
OTHER_FORMATS = ("owl", "graphml", "vosviewer", "csv")
FORMATS = tuple(TRIPLE_FORMATS) + tuple(DATASET_FORMATS) + OTHER_FORMATS
RDF_TYPE = ox.NamedNode(str(RDF.type))
OWL_CLASS = ox.NamedNode(str(OWL.Class))
OWL_OBJECT_PROPERTY = ox.NamedNode(str(OWL.ObjectProperty))
OWL_DATATYPE_PROPERTY = ox.NamedNode(str(OWL.DatatypeProperty))
OWL_ANNOTATION_PROPERTY = ox.NamedNode(str(OWL.AnnotationProperty))
OWL_NAMED_INDIVIDUAL = ox.NamedNode(str(OWL.NamedIndividual))
MULTI_FILE = {"vosviewer": ("map.txt", "network.txt"), "csv": ("claims.csv", "mentions.csv")}


def export(store, fmt: str, out: Path, paper: str | None = None) -> list[Path]:
    """Write the graph (or the paper `paper`: file name, file stem or IRI) as `fmt` to `out`.

    vosviewer and csv write two files into the folder `out`; the others write the file `out`.
    Returns the paths written.
    """
    if fmt not in FORMATS:
        raise InputError(out, f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    graph = paper_graph(store, paper) if paper else None
    out = Path(out)
    if fmt in TRIPLE_FORMATS:
        data = ox.serialize(triples(store, graph), format=TRIPLE_FORMATS[fmt], prefixes=PREFIXES)
        return [write(out, data)]
    if fmt in DATASET_FORMATS:
        prefixes = PREFIXES if fmt == "trig" else None
        return [write(out, ox.serialize(quads(store, graph), format=DATASET_FORMATS[fmt], prefixes=prefixes))]
    if fmt == "owl":
        return [write(out, owl_document(store, graph))]
    if fmt == "graphml":
        return [write(out, graphml(cooccurrence(store, graph)))]
    out.mkdir(parents=True, exist_ok=True)
    first, second = MULTI_FILE[fmt]
    if fmt == "vosviewer":
        map_text, network_text = vosviewer(cooccurrence(store, graph))
        return [write(out / first, map_text.encode()), write(out / second, network_text.encode())]
    return [write(out / first, claims_csv(store, graph).encode()), write(out / second, mentions_csv(store, graph).encode())]


def write(path: Path, data: bytes) -> Path:
    """Write atomically: a temporary file beside `path`, then os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def paper_graph(store, paper: str) -> str:
    """The named graph of a paper given by file name, file stem, paper IRI or graph IRI."""
    if paper in store.named_graphs():
        return paper
    rows = list(store.query(f"""SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?p ckg:sourceFile ?f }}
        FILTER(?p = {_iri_or_none(paper)} || ?f = {_string(paper)} || STRBEFORE(?f, ".") = {_string(paper)}) }}""", union=False))
    if len(rows) != 1:
        raise InputError(paper, "no such paper in the graph (give its file name or its IRI)")
    return rows[0]["g"].value


def _string(text: str) -> str:
    return str(ox.Literal(text))


def _iri_or_none(text: str) -> str:
    try:
        return str(ox.NamedNode(text)) if ":" in text else "<urn:x-clusterkg:none>"
    except ValueError:
        return "<urn:x-clusterkg:none>"


def _in(graph: str | None) -> str:
    """A VALUES clause restricting ?g to one graph, or nothing."""
    return f"VALUES ?g {{ <{graph}> }}" if graph else ""


def quads(store, graph: str | None = None) -> list[ox.Quad]:
    rows = store.query(f"SELECT ?s ?p ?o ?g WHERE {{ {_in(graph)} GRAPH ?g {{ ?s ?p ?o }} }}", union=False)
    return [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]


def triples(store, graph: str | None = None) -> list[ox.Triple]:
    """The union of all graphs (each triple once), or one graph."""
    where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    return list(store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}"))


# OWL: the ontology and the individuals, as one OWL 2 DL document.

def owl_document(store, graph: str | None = None) -> bytes:
    """The ontology graph plus the paper graphs (or one), declared so that OWL 2 DL tools accept it."""
    ontology = {ox.Triple(q.subject, q.predicate, q.object) for q in quads(store, str(ONTOLOGY_GRAPH))
                if q.subject.value != str(ONTOLOGY_GRAPH)}  # the build's hash of the ontology file is not part of it
    graphs = [graph] if graph else sorted(store.named_graphs() - {str(ONTOLOGY_GRAPH)})
    data = {ox.Triple(q.subject, q.predicate, q.object) for g in graphs for q in quads(store, g)}

    declared = {kind: {t.subject for t in ontology if t.predicate == RDF_TYPE and t.object == kind}
                for kind in (OWL_CLASS, OWL_OBJECT_PROPERTY, OWL_DATATYPE_PROPERTY, OWL_ANNOTATION_PROPERTY)}
    properties = set().union(*(declared[k] for k in (OWL_OBJECT_PROPERTY, OWL_DATATYPE_PROPERTY, OWL_ANNOTATION_PROPERTY)))
    out = ontology | data
    literal_values: dict[ox.NamedNode, set[bool]] = defaultdict(set)  # undeclared property -> {object is a literal}
    for t in data:
        if isinstance(t.subject, ox.NamedNode):
            out.add(ox.Triple(t.subject, RDF_TYPE, OWL_NAMED_INDIVIDUAL))
        if t.predicate == RDF_TYPE:
            if t.object not in declared[OWL_CLASS]:
                out.add(ox.Triple(t.object, RDF_TYPE, OWL_CLASS))
            continue
        if t.predicate not in properties:
            literal_values[t.predicate].add(isinstance(t.object, ox.Literal))
        if isinstance(t.object, ox.NamedNode) and t.predicate not in declared[OWL_ANNOTATION_PROPERTY]:
            out.add(ox.Triple(t.object, RDF_TYPE, OWL_NAMED_INDIVIDUAL))
    for prop, kinds in literal_values.items():
        # a property with both literal and IRI values can only be an annotation property in OWL 2 DL
        kind = OWL_ANNOTATION_PROPERTY if len(kinds) > 1 else (OWL_DATATYPE_PROPERTY if True in kinds else OWL_OBJECT_PROPERTY)
        out.add(ox.Triple(prop, RDF_TYPE, kind))
    return ox.serialize(sorted(out, key=str), format=ox.RdfFormat.RDF_XML, prefixes=PREFIXES)


# The concept co-occurrence network.

class Network:
    """Concepts (id -> label, category, mentions, papers) and sentence co-occurrence counts."""

    def __init__(self) -> None:
        self.labels: dict[str, str] = {}
        self.categories: dict[str, str] = {}
        self.mentions: Counter[str] = Counter()
        self.papers: dict[str, set[str]] = defaultdict(set)
        self.links: Counter[tuple[str, str]] = Counter()


def cooccurrence(store, graph: str | None = None) -> Network:
    """Concepts mentioned in the graph and how many sentences mention each pair together."""
    rows = store.query(f"""SELECT ?sentence ?concept ?category ?paper (SAMPLE(?l) AS ?label) WHERE {{
        {_in(graph)}
        GRAPH ?g {{ ?m a ckg:Mention ; ckg:concept ?concept ; ckg:category ?category ; ckg:mentionedIn ?sentence ;
                       ckg:inPublication ?paper . }}
        OPTIONAL {{ ?concept rdfs:label ?l }}
    }} GROUP BY ?m ?sentence ?concept ?category ?paper""")
    network = Network()
    by_sentence: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        concept = r["concept"].value
        network.labels.setdefault(concept, r["label"].value if r["label"] else concept.rsplit("/", 1)[-1].rsplit("#", 1)[-1])
        network.categories.setdefault(concept, r["category"].value)
        network.mentions[concept] += 1
        network.papers[concept].add(r["paper"].value)
        by_sentence[r["sentence"].value].add(concept)
    for concepts in by_sentence.values():
        for pair in combinations(sorted(concepts), 2):
            network.links[pair] += 1
    return network


def graphml(network: Network) -> bytes:
    """The network as GraphML, for Gephi: node label, category, mentions and papers; edge weight."""
    import networkx as nx

    g = nx.Graph()
    for concept in sorted(network.labels):
        g.add_node(concept, label=network.labels[concept], category=network.categories[concept],
                   mentions=network.mentions[concept], papers=len(network.papers[concept]))
    for (a, b), weight in sorted(network.links.items()):
        g.add_edge(a, b, weight=weight)
    buffer = io.BytesIO()
    nx.write_graphml(g, buffer, encoding="utf-8")
    return buffer.getvalue()


def vosviewer(network: Network) -> tuple[str, str]:
    """VOSviewer map and network files (tab-separated): items with a cluster per top-level category,
    weighted by occurrences and documents; links as id, id, strength."""
    concepts = sorted(network.labels)
    ids = {c: n for n, c in enumerate(concepts, start=1)}
    clusters = {c: n for n, c in enumerate(sorted(set(network.categories.values())), start=1)}
    lines = ["id\tlabel\tdescription\turl\tcluster\tweight<Occurrences>\tweight<Documents>"]
    for c in concepts:
        lines.append("\t".join([str(ids[c]), _vos_text(network.labels[c]), _vos_text(network.categories[c]), c,
                                str(clusters[network.categories[c]]), str(network.mentions[c]), str(len(network.papers[c]))]))
    links = [f"{ids[a]}\t{ids[b]}\t{weight}" for (a, b), weight in sorted(network.links.items(), key=lambda x: (ids[x[0][0]], ids[x[0][1]]))]
    return "\n".join(lines) + "\n", "\n".join(links) + ("\n" if links else "")


def _vos_text(text: str) -> str:
    """A label as VOSviewer reads it: one line, quoted when it holds a comma or semicolon."""
    text = " ".join(text.replace('"', "'").split())
    return f'"{text}"' if ("," in text or ";" in text) else text


# Claims and mentions as CSV.

CLAIM_COLUMNS = ["claim", "subject", "subject_concept", "relation", "object", "object_concept", "polarity", "hedged",
                 "file", "section", "sentence", "start", "end", "sentence_text"]
MENTION_COLUMNS = ["mention", "text", "concept", "label", "category", "file", "section", "sentence", "start", "end", "sentence_text"]


def _csv(columns: list[str], rows: Iterable[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _value(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return term.value.replace(RESOURCE_NS, "res:") if term.value.startswith(RESOURCE_NS) else term.value
    return term.value


def claims_csv(store, graph: str | None = None) -> str:
    """One row per claim; start and end are the evidence sentence's offsets in the file."""
    rows = store.query(f"""SELECT ?claim ?subject ?sc ?relation ?object ?oc ?polarity ?hedged ?file ?section ?position
                                  ?start ?end ?text WHERE {{
        {_in(graph)}
        GRAPH ?g {{
          ?claim a ckg:Claim ; ckg:relation ?relation ; ckg:polarity ?polarity ; ckg:hedged ?hedged ;
                 ckg:hasSubject ?sm ; ckg:hasObject ?om ; ckg:hasEvidence ?s ; ckg:inPublication ?p .
          ?sm ckg:text ?subject ; ckg:concept ?sc . ?om ckg:text ?object ; ckg:concept ?oc .
          ?s ckg:position ?position ; ckg:startOffset ?start ; ckg:endOffset ?end ; ckg:text ?text ; ckg:inSection ?sec .
          ?p ckg:sourceFile ?file .
          OPTIONAL {{ ?sec ckg:sectionKind ?kind }} OPTIONAL {{ ?sec ckg:heading ?heading }}
        }}
        BIND(COALESCE(?heading, ?kind, "") AS ?section)
    }} ORDER BY ?file ?start ?claim""")
    names = ["claim", "subject", "sc", "relation", "object", "oc", "polarity", "hedged", "file", "section", "position", "start", "end", "text"]
    return _csv(CLAIM_COLUMNS, ({column: _value(r[name]) for column, name in zip(CLAIM_COLUMNS, names)} for r in rows))


def mentions_csv(store, graph: str | None = None) -> str:
    """One row per mention; start and end are its offsets in the file."""
    rows = store.query(f"""SELECT ?m ?text ?concept (SAMPLE(?l) AS ?label) ?category ?file ?section ?position ?start ?end ?stext WHERE {{
        {_in(graph)}
        GRAPH ?g {{
          ?m a ckg:Mention ; ckg:text ?text ; ckg:concept ?concept ; ckg:category ?category ; ckg:startOffset ?start ;
             ckg:endOffset ?end ; ckg:mentionedIn ?s ; ckg:inPublication ?p .
          ?s ckg:position ?position ; ckg:text ?stext ; ckg:inSection ?sec . ?p ckg:sourceFile ?file .
          OPTIONAL {{ ?sec ckg:sectionKind ?kind }} OPTIONAL {{ ?sec ckg:heading ?heading }}
        }}
        OPTIONAL {{ ?concept rdfs:label ?l }}
        BIND(COALESCE(?heading, ?kind, "") AS ?section)
    }} GROUP BY ?m ?text ?concept ?category ?file ?section ?position ?start ?end ?stext ORDER BY ?file ?start ?m""")
    names = ["m", "text", "concept", "label", "category", "file", "section", "position", "start", "end", "stext"]
    return _csv(MENTION_COLUMNS, ({column: _value(r[name]) for column, name in zip(MENTION_COLUMNS, names)} for r in rows))

