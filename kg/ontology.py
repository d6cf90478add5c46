"""Load the ontology, check it with a reasoner, count it, and build the extraction vocabulary from it.

The vocabulary is data: every rdfs:label, skos:altLabel and skos:hiddenLabel of the sub-classes and
named individuals of a top-level class marked ``ckg:mentionCategory true``. Adding a synonym in Protégé
adds a term here, with no code change.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax import SAXParseException

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.errors import InconsistentOntologyError, OntologyError
from kg.namespaces import CKG, CKG_NS, LABEL_PROPERTIES

RDF_FORMATS = {".owl": "xml", ".rdf": "xml", ".xml": "xml", ".nt": "nt", ".ttl": "turtle", ".owx": "xml"}


@dataclass(frozen=True)
class Concept:
    """A class or named individual of the ontology that extraction can find in text."""

    iri: str
    label: str
    category: str
    definition: str | None
    alt_labels: tuple[str, ...] = ()
    hidden_labels: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()
    is_individual: bool = False
    generic: bool = False  # ckg:generic: its labels name a whole category in general (bare "cluster")


@dataclass(frozen=True)
class Term:
    """One phrase of the extraction vocabulary: the text to match and the concept it names."""

    text: str
    concept: str
    category: str
    kind: str  # label | prefLabel | altLabel | hiddenLabel


@dataclass
class Vocabulary:
    """The concepts of the ontology's mention categories, with their labels."""

    concepts: dict[str, Concept]
    categories: dict[str, str]  # category class IRI -> its label ("Cluster")
    terms: list[Term] = field(default_factory=list)
    version: str | None = None  # owl:versionInfo

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def concept(self, iri: str) -> Concept:
        return self.concepts[iri]


@dataclass(frozen=True)
class Relation:
    """A relation that claims assert: an object property of the ontology with a ckg:relationName.

    Its trigger words are the property's skos:altLabels (verb lemmas and short phrases, read as
    "subject <trigger> object"); those of a property declared owl:inverseOf it are its inverse triggers,
    read the other way round ("industrial clusters result from externalities").
    """

    iri: str
    name: str  # ckg:relationName: the export name (drives, part_of, located_in...)
    label: str
    triggers: tuple[str, ...] = ()
    inverse_triggers: tuple[str, ...] = ()
    domain: frozenset[str] = frozenset()  # labels of the top-level classes a subject may have; empty: any
    range: frozenset[str] = frozenset()  # the same for the object


@dataclass(frozen=True)
class Stats:
    """Counts that describe the ontology."""

    version: str | None
    top_level: dict[str, tuple[int, int]]  # label of top-level class -> (sub-classes, named individuals)
    classes: int
    individuals: int
    object_properties: int
    data_properties: int
    annotation_properties: int
    labels: int
    alt_labels: int
    hidden_labels: int
    definitions: int
    triples: int


def normalise_label(text: str) -> str:
    """The form in which two labels count as the same: lower case, hyphens as spaces, one space."""
    return re.sub(r"[\s\-‐‑–]+", " ", text).strip().lower()


def load_graph(path: str | Path) -> Graph:
    """Parse an ontology file (RDF/XML, N-Triples or Turtle) into an rdflib graph."""
    path = Path(path)
    if not path.is_file():
        raise OntologyError(f"{path}: no such ontology file")
    graph = Graph()
    try:
        graph.parse(path, format=RDF_FORMATS.get(path.suffix.lower(), "xml"))
    except SAXParseException as e:
        raise OntologyError(f"{path}:{e.getLineNumber()}:{e.getColumnNumber()}: not valid RDF/XML: {e.getMessage()}") from e
    except Exception as e:  # rdflib's parsers raise many unrelated types for a malformed file
        raise OntologyError(f"{path}: cannot be parsed: {e}") from e
    return graph


def _text(graph: Graph, subject: URIRef, predicate: URIRef) -> list[str]:
    """English or untagged literal values, in a stable order."""
    values = [o for o in graph.objects(subject, predicate) if isinstance(o, Literal) and o.language in (None, "en")]
    return sorted(str(v) for v in values)


def _local_name(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def _display(graph: Graph, iri: URIRef) -> str:
    labels = _text(graph, iri, RDFS.label)
    return labels[0] if labels else _local_name(str(iri))


def top_level_classes(graph: Graph) -> list[URIRef]:
    """The project's classes that have no superclass in the project's namespace."""
    ours = {c for c in graph.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef) and str(c).startswith(CKG_NS)}
    return sorted(c for c in ours if not any(p in ours for p in graph.objects(c, RDFS.subClassOf)))


def _flagged(graph: Graph, flag: URIRef) -> set[URIRef]:
    """The entities on which the boolean annotation `flag` is true (ckg:mentionCategory, ckg:generic...)."""
    return {s for s, v in graph.subject_objects(flag) if isinstance(v, Literal) and v.toPython() is True}


def mention_categories(graph: Graph) -> dict[URIRef, str]:
    """The top-level classes marked ckg:mentionCategory true, with their labels."""
    return {c: _display(graph, c) for c in sorted(_flagged(graph, CKG.mentionCategory))}


def _category_of_class(graph: Graph, cls: URIRef, categories: dict[URIRef, str]) -> URIRef | None:
    """The mention category above a class, following named rdfs:subClassOf links breadth first."""
    seen, frontier = {cls}, [cls]
    while frontier:
        nxt = []
        for c in frontier:
            if c in categories:
                return c
            for parent in graph.objects(c, RDFS.subClassOf):
                if isinstance(parent, URIRef) and parent not in seen:
                    seen.add(parent)
                    nxt.append(parent)
        frontier = nxt
    return None


def load_vocabulary(path: str | Path | None = None, graph: Graph | None = None) -> Vocabulary:
    """Build the extraction vocabulary from the ontology file (or an already parsed graph)."""
    if graph is None:
        from kg.settings import ontology_path

        graph = load_graph(path or ontology_path())
    categories = mention_categories(graph)
    if not categories:
        raise OntologyError("the ontology marks no top-level class with ckg:mentionCategory true")
    concepts: dict[str, Concept] = {}

    generic = _flagged(graph, CKG.generic)

    def add(entity: URIRef, category: URIRef, parents: list[URIRef], is_individual: bool) -> None:
        labels = _text(graph, entity, RDFS.label) or _text(graph, entity, SKOS.prefLabel)
        definitions = _text(graph, entity, SKOS.definition)
        concepts[str(entity)] = Concept(
            iri=str(entity),
            label=labels[0] if labels else _local_name(str(entity)),
            category=categories[category],
            definition=definitions[0] if definitions else None,
            alt_labels=tuple(_text(graph, entity, SKOS.altLabel)),
            hidden_labels=tuple(_text(graph, entity, SKOS.hiddenLabel)),
            parents=tuple(sorted(str(p) for p in parents)),
            is_individual=is_individual,
            generic=entity in generic,
        )

    for cls in sorted(set(graph.subjects(RDF.type, OWL.Class))):
        if isinstance(cls, BNode) or cls in categories:
            continue
        category = _category_of_class(graph, cls, categories)
        if category is not None:
            parents = [p for p in graph.objects(cls, RDFS.subClassOf) if isinstance(p, URIRef)]
            add(cls, category, parents, is_individual=False)
    for individual in sorted(set(graph.subjects(RDF.type, OWL.NamedIndividual))):
        types = [t for t in graph.objects(individual, RDF.type) if isinstance(t, URIRef) and t != OWL.NamedIndividual]
        found = [c for c in (_category_of_class(graph, t, categories) for t in types) if c is not None]
        if found:
            add(individual, found[0], types, is_individual=True)

    terms = []
    unmatched = _flagged(graph, CKG.unmatched)
    for concept in concepts.values():
        if URIRef(concept.iri) in unmatched:
            continue
        for prop, kind in LABEL_PROPERTIES.items():
            for text in _text(graph, URIRef(concept.iri), prop):
                terms.append(Term(text=text, concept=concept.iri, category=concept.category, kind=kind))
    version = next((str(v) for v in graph.objects(None, OWL.versionInfo)), None)
    return Vocabulary(concepts=concepts, categories={str(k): v for k, v in categories.items()}, terms=terms, version=version)


def load_relations(path: str | Path | None = None, graph: Graph | None = None) -> dict[str, Relation]:
    """The relations that claims assert, by property IRI: every object property with a ckg:relationName."""
    if graph is None:
        from kg.settings import ontology_path

        graph = load_graph(path or ontology_path())
    relations: dict[str, Relation] = {}
    for prop, name in sorted(graph.subject_objects(CKG.relationName)):
        if not isinstance(prop, URIRef):
            continue
        inverses = set(graph.objects(prop, OWL.inverseOf)) | set(graph.subjects(OWL.inverseOf, prop))
        relations[str(prop)] = Relation(
            iri=str(prop),
            name=str(name),
            label=_display(graph, prop),
            triggers=tuple(_text(graph, prop, SKOS.altLabel)),
            inverse_triggers=tuple(sorted(t for i in inverses if isinstance(i, URIRef) for t in _text(graph, i, SKOS.altLabel))),
            domain=_signature(graph, prop, RDFS.domain),
            range=_signature(graph, prop, RDFS.range),
        )
    return relations


def _signature(graph: Graph, prop: URIRef, which: URIRef) -> frozenset[str]:
    """The labels of the classes in a property's rdfs:domain or rdfs:range (a class or an owl:unionOf of
    classes), inherited from the nearest super-property that states one; empty when none does."""
    seen, frontier = {prop}, [prop]
    while frontier:
        classes: set[URIRef] = set()
        for p in frontier:
            for value in graph.objects(p, which):
                if isinstance(value, URIRef):
                    classes.add(value)
                for members in graph.objects(value, OWL.unionOf):
                    classes |= {m for m in Collection(graph, members) if isinstance(m, URIRef)}
        if classes:
            return frozenset(_display(graph, c) for c in classes)
        frontier = [s for p in frontier for s in graph.objects(p, RDFS.subPropertyOf) if isinstance(s, URIRef) and s not in seen]
        seen.update(frontier)
    return frozenset()


def duplicate_labels(vocabulary: Vocabulary) -> dict[str, list[str]]:
    """Labels (normalised) that name more than one concept, with the concepts they name."""
    owners: dict[str, set[str]] = {}
    for term in vocabulary:
        owners.setdefault(normalise_label(term.text), set()).add(term.concept)
    return {label: sorted(iris) for label, iris in sorted(owners.items()) if len(iris) > 1}


def ontology_stats(graph: Graph) -> Stats:
    """Count classes and individuals under each top-level class, properties, and labels."""
    tops = top_level_classes(graph)
    individuals = {i for i in graph.subjects(RDF.type, OWL.NamedIndividual) if isinstance(i, URIRef)}
    classes = {c for c in graph.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    top_level: dict[str, tuple[int, int]] = {}
    for top in tops:
        below = {c for c in classes if c != top and _category_of_class(graph, c, {top: ""}) == top}
        members = {i for i in individuals if any(t == top or t in below for t in graph.objects(i, RDF.type))}
        top_level[_display(graph, top)] = (len(below), len(members))
    version = next((str(v) for v in graph.objects(None, OWL.versionInfo)), None)
    count = Counter(p for _, p, _ in graph)
    return Stats(
        version=version,
        top_level=top_level,
        classes=len(classes),
        individuals=len(individuals),
        object_properties=len(set(graph.subjects(RDF.type, OWL.ObjectProperty))),
        data_properties=len(set(graph.subjects(RDF.type, OWL.DatatypeProperty))),
        annotation_properties=len(set(graph.subjects(RDF.type, OWL.AnnotationProperty))),
        labels=count[RDFS.label],
        alt_labels=count[SKOS.altLabel],
        hidden_labels=count[SKOS.hiddenLabel],
        definitions=count[SKOS.definition],
        triples=len(graph),
    )


def check_consistency(path: str | Path) -> int:
    """Load the ontology with owlready2 and check it with the HermiT reasoner; return its class count.

    Raises InconsistentOntologyError naming the unsatisfiable classes, or, when the ontology as a whole
    is inconsistent, a smallest set of named individuals whose assertions make it so.
    """
    path = Path(path).resolve()
    if not path.is_file():
        raise OntologyError(f"{path}: no such ontology file")
    world, ontology = _load_owlready(path)
    if not _hermit_consistent(world, ontology, path):
        graph = load_graph(path)
        culprits = [f"{iri} ({_display(graph, URIRef(iri))})" for iri in _inconsistent_individuals(graph, path)]
        raise InconsistentOntologyError(path, culprits, "HermiT: the ontology is inconsistent; the individuals named above are enough to make it so")
    import owlready2

    unsatisfiable = sorted(f"{c.iri} ({c.label.first() or c.name})" for c in world.inconsistent_classes() if c is not owlready2.Nothing)
    if unsatisfiable:
        raise InconsistentOntologyError(path, unsatisfiable, "HermiT: these classes are unsatisfiable (equivalent to owl:Nothing)")
    return len(list(ontology.classes()))


def classify(graph: Graph, individuals: set[str]) -> dict[str, set[str]]:
    """Run HermiT over an ontology graph with extra individuals; return each of `individuals` with the
    named classes it belongs to after reasoning (owlready2 keeps the most specific ones).

    Raises InconsistentOntologyError naming a smallest set of those individuals that, with the ontology,
    is inconsistent (delta debugging, as check_consistency does).
    """
    import tempfile

    import owlready2

    with tempfile.TemporaryDirectory() as tmp:
        file = Path(tmp) / "abox.nt"
        graph.serialize(file, format="nt", encoding="utf-8")
        world, ontology = _load_owlready(file)
        if not _hermit_consistent(world, ontology, file):
            culprits = [f"{iri} ({_display(graph, URIRef(iri))})" for iri in _inconsistent_individuals(graph, file, among=individuals)]
            raise InconsistentOntologyError("reasoning", culprits, "HermiT: these individuals make the graph inconsistent")
        types = {}
        for iri in individuals:
            entity = world[iri]
            if entity is not None:
                types[iri] = {c.iri for c in entity.is_a if isinstance(c, owlready2.ThingClass)}
        return types


def _load_owlready(path: Path):  # -> tuple[owlready2.World, owlready2.Ontology]
    import owlready2

    world = owlready2.World()
    try:
        return world, world.get_ontology(path.as_uri()).load()
    except (OSError, ValueError, SAXParseException, owlready2.OwlReadyOntologyParsingError) as e:
        raise OntologyError(f"{path}: owlready2 cannot load it: {e}") from e


def _hermit_consistent(world, ontology, path: Path) -> bool:
    """Run HermiT; False when the ontology is inconsistent."""
    import owlready2

    try:
        with ontology:
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    except FileNotFoundError as e:
        raise OntologyError("the HermiT reasoner needs Java: install a JRE (Debian: default-jre-headless)") from e
    except owlready2.OwlReadyInconsistentOntologyError:
        return False
    except owlready2.OwlReadyJavaError as e:
        raise OntologyError(f"{path}: the reasoner failed: {str(e).strip().splitlines()[-1]}") from e
    return True


def _inconsistent_individuals(graph: Graph, path: Path, among: set[str] | None = None) -> list[str]:
    """A smallest set of named individuals that, with the classes and properties, is inconsistent.

    Delta debugging over the individuals: drop chunks of them while the rest stays inconsistent. Each
    probe is one HermiT run (about a second), so a culprit among n individuals takes O(log n) runs.
    """
    import tempfile

    individuals = sorted(str(i) for i in graph.subjects(RDF.type, OWL.NamedIndividual)
                         if isinstance(i, URIRef) and (among is None or str(i) in among))
    schema = Graph()
    for triple in graph:
        if str(triple[0]) not in individuals:
            schema.add(triple)

    def inconsistent(kept: list[str]) -> bool:
        trial = Graph()
        trial += schema
        for iri in kept:
            for triple in graph.triples((URIRef(iri), None, None)):
                trial.add(triple)
        with tempfile.TemporaryDirectory() as tmp:
            file = Path(tmp) / "probe.nt"
            trial.serialize(file, format="nt", encoding="utf-8")
            world, ontology = _load_owlready(file)
            return not _hermit_consistent(world, ontology, path)

    if not individuals or inconsistent([]):
        return []
    culprits, chunk = individuals, max(1, len(individuals) // 2)
    while True:
        i = 0
        while i < len(culprits):
            trial = culprits[:i] + culprits[i + chunk :]
            if trial and inconsistent(trial):
                culprits = trial
            else:
                i += chunk
        if chunk == 1:
            return culprits
        chunk = max(1, chunk // 2)
