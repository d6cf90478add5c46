"""Every namespace, prefix and IRI pattern of ClusterKG. No other module spells an IRI.

The terms of our own schema (top-level classes and properties) are listed in ``CKG``, a closed
namespace: a misspelt term fails at import time. Domain concepts (``ckg:KnowledgeSpillover``...) are
data: they are read from the ontology file and never named in Python.
"""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace
from rdflib.term import URIRef

ONTOLOGY_IRI = URIRef("https://w3id.org/clusterkg/ontology")
CKG_NS = "https://w3id.org/clusterkg/ontology#"
RESOURCE_NS = "https://w3id.org/clusterkg/resource/"


class CKG(DefinedNamespace):
    """The ClusterKG schema vocabulary (ontology/clusterkg.owl)."""

    _fail = True
    _NS = Namespace(CKG_NS)

    # top-level classes
    Cluster: URIRef
    Mechanism: URIRef
    Actor: URIRef
    Place: URIRef
    Policy: URIRef
    Theory: URIRef
    DevelopmentStage: URIRef
    Outcome: URIRef
    Industry: URIRef
    Factor: URIRef
    Publication: URIRef
    Claim: URIRef
    # publications, text structure, provenance
    JournalArticle: URIRef
    ConferencePaper: URIRef
    Book: URIRef
    BookChapter: URIRef
    Report: URIRef
    Thesis: URIRef
    CitedWork: URIRef
    TextUnit: URIRef
    Section: URIRef
    Paragraph: URIRef
    Sentence: URIRef
    Mention: URIRef
    ExtractionActivity: URIRef
    # relations that papers assert
    affects: URIRef
    drives: URIRef
    drivesFormationOf: URIRef
    drivesGrowthOf: URIRef
    drivesUpgradingOf: URIRef
    hinders: URIRef
    hindersFormationOf: URIRef
    hindersGrowthOf: URIRef
    hindersUpgradingOf: URIRef
    causes: URIRef
    enables: URIRef
    constrains: URIRef
    attracts: URIRef
    supports: URIRef
    performs: URIRef
    issuedBy: URIRef
    issues: URIRef
    aimedAt: URIRef
    locatedIn: URIRef
    partOf: URIRef
    hasPart: URIRef
    componentOf: URIRef
    hasComponent: URIRef
    resultsFrom: URIRef
    drivenBy: URIRef
    benefitsFrom: URIRef
    specialisesIn: URIRef
    atStage: URIRef
    explainedBy: URIRef
    relationName: URIRef
    # claims
    relation: URIRef
    hasSubject: URIRef
    hasObject: URIRef
    hasEvidence: URIRef
    polarity: URIRef
    hedged: URIRef
    hedgeCue: URIRef
    # mentions and text units
    mentionCategory: URIRef
    unmatched: URIRef
    generic: URIRef
    mentionedIn: URIRef
    refersTo: URIRef
    inPublication: URIRef
    inSection: URIRef
    inParagraph: URIRef
    studies: URIRef
    text: URIRef
    startOffset: URIRef
    endOffset: URIRef
    position: URIRef
    sourceFile: URIRef
    contentHash: URIRef
    year: URIRef
    doi: URIRef
    venue: URIRef
    keyword: URIRef
    # build records, metadata and citations (graph.py)
    buildKey: URIRef
    sourceFormat: URIRef
    sectionKind: URIRef
    heading: URIRef
    concept: URIRef
    category: URIRef
    extractedBy: URIRef
    MetadataValue: URIRef
    hasMetadataValue: URIRef
    field: URIRef
    affiliation: URIRef
    firstAuthor: URIRef
    authorName: URIRef
    inline: URIRef
    softwareVersion: URIRef
    ontologyVersion: URIRef
    ontologyHash: URIRef
    modelVersion: URIRef
    # materialised statistics (kg/reason.py, the aggregates graph)
    Statistic: URIRef
    ConceptFrequency: URIRef
    CorpusConceptFrequency: URIRef
    CoOccurrence: URIRef
    CoCitation: URIRef
    YearlyConceptFrequency: URIRef
    Contradiction: URIRef
    sideA: URIRef
    sideB: URIRef
    publicationYear: URIRef
    mentionCount: URIRef
    sentenceCount: URIRef
    paperCount: URIRef
    claimCount: URIRef
    citationCount: URIRef
    conceptCategory: URIRef
    citedWork: URIRef
    FDIDrivenCluster: URIRef  # defined in the ontology by an equivalent class, classified by HermiT


FABIO = Namespace("http://purl.org/spar/fabio/")
CITO = Namespace("http://purl.org/spar/cito/")
DOCO = Namespace("http://purl.org/spar/doco/")
OA = Namespace("http://www.w3.org/ns/oa#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")

PREFIXES: dict[str, str] = {
    "ckg": CKG_NS,
    "res": RESOURCE_NS,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "fabio": str(FABIO),
    "cito": str(CITO),
    "doco": str(DOCO),
    "oa": str(OA),
    "foaf": str(FOAF),
}

# The annotation properties whose values are the extraction vocabulary, and what each is called in output.
LABEL_PROPERTIES: dict[URIRef, str] = {
    RDFS.label: "label",
    SKOS.prefLabel: "prefLabel",
    SKOS.altLabel: "altLabel",
    SKOS.hiddenLabel: "hiddenLabel",
}


def slug(text: str) -> str:
    """A readable, IRI-safe key: lower case ASCII letters and digits joined by hyphens."""
    import re
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def resource(kind: str, key: str) -> URIRef:
    """The IRI of a resource of the graph: res:<kind>/<key>, e.g. res:paper/003-e44eb5927b8b8e90."""
    return URIRef(f"{RESOURCE_NS}{kind}/{key}")
