"""A paper and what was extracted from it, as RDF quads in the paper's own named graph.

Every mention, claim, sentence and metadata value carries the character offsets into the paper's
original text, and points to its sentence, section and paper. IRIs are derived from content (paper file
name, offsets, concept), so a rebuild of an unchanged paper gives the same IRIs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from kg.extract.types import Claim, Extraction, Mention, Sentence
from kg.ingest.references import work_key
from kg.ingest.types import Metadata, Paper, Reference, Span
from kg.namespaces import CITO, CKG, FOAF, resource, slug
from kg.ontology import Vocabulary

PUBLICATION_CLASSES = {
    "journal-article": CKG.JournalArticle,
    "conference-paper": CKG.ConferencePaper,
    "book": CKG.Book,
    "book-chapter": CKG.BookChapter,
    "report": CKG.Report,
    "thesis": CKG.Thesis,
}
NEW_INDIVIDUAL_CLASSES = {"Place": CKG.Place, "Actor": CKG.Actor, "Factor": CKG.Factor}
ONTOLOGY_GRAPH = resource("graph", "ontology")
BUILDS_GRAPH = resource("graph", "builds")


@dataclass(frozen=True)
class BuildInfo:
    """What a build records about itself (a PROV-O activity)."""

    iri: str
    build_key: str  # changes when the paper, the ontology or the software changes
    started: str  # xsd:dateTime


def paper_key(path: Path) -> str:
    """The stable key of a paper: its file name, without extension, as a slug."""
    return slug(path.name.rsplit(".", 1)[0])


def paper_iri(path: Path) -> NamedNode:
    return node(resource("paper", paper_key(path)))


def paper_graph(path: Path) -> NamedNode:
    """The named graph that holds everything extracted from one paper file."""
    return node(resource("graph", f"paper/{paper_key(path)}"))


def node(iri: str) -> NamedNode:
    return NamedNode(str(iri))


def text(value: str) -> Literal:
    return Literal(value)


def integer(value: int) -> Literal:
    return Literal(str(value), datatype=NamedNode(str(XSD.integer)))


def boolean(value: bool) -> Literal:
    return Literal("true" if value else "false", datatype=NamedNode(str(XSD.boolean)))


def digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


class _Writer:
    """Collects the quads of one paper's graph."""

    def __init__(self, graph: NamedNode) -> None:
        self.graph = graph
        self.quads: list[Quad] = []

    def add(self, subject: NamedNode, predicate: str, obj: NamedNode | Literal) -> None:
        self.quads.append(Quad(subject, node(predicate), obj, self.graph))

    def located(self, subject: NamedNode, start: int, end: int, value: str) -> None:
        self.add(subject, CKG.text, text(value))
        self.add(subject, CKG.startOffset, integer(start))
        self.add(subject, CKG.endOffset, integer(end))


def paper_quads(paper: Paper, extraction: Extraction, vocabulary: Vocabulary, build: BuildInfo,
                relation_iris: set[str] | None = None) -> list[Quad]:
    """All quads of a paper's named graph."""
    key = paper_key(paper.path)
    w = _Writer(paper_graph(paper.path))
    publication = paper_iri(paper.path)
    _publication(w, publication, paper, build)
    sections = _structure(w, publication, key, paper)
    sentences = _sentences(w, publication, key, extraction.sentences, sections)
    mention_nodes = {m: _mention(w, publication, key, m, sentences, vocabulary) for m in extraction.mentions}
    for claim in extraction.claims:
        _claim(w, publication, key, claim, mention_nodes, sentences)
    _metadata(w, publication, key, paper.metadata, paper)
    _references(w, publication, key, paper.references, paper)
    return w.quads


def _publication(w: _Writer, publication: NamedNode, paper: Paper, build: BuildInfo) -> None:
    kind = PUBLICATION_CLASSES.get(paper.metadata.kind or "", CKG.Publication)
    w.add(publication, RDF.type, node(kind))
    w.add(publication, CKG.sourceFile, text(paper.path.name))
    w.add(publication, CKG.contentHash, text(paper.content_hash))
    w.add(publication, CKG.buildKey, text(build.build_key))
    w.add(publication, PROV.wasGeneratedBy, node(build.iri))
    w.add(publication, CKG.sourceFormat, text(paper.format))


def _structure(w: _Writer, publication: NamedNode, key: str, paper: Paper) -> dict[tuple[int, int], NamedNode]:
    """Sections and paragraphs; returns the paragraph nodes by (section, paragraph) index."""
    paragraphs = {}
    for s, section in enumerate(paper.sections):
        section_node = node(resource("section", f"{key}/{s}"))
        w.add(section_node, RDF.type, node(CKG.Section))
        w.add(section_node, CKG.inPublication, publication)
        w.add(section_node, CKG.position, integer(s))
        w.add(section_node, CKG.sectionKind, text(section.kind))
        w.add(section_node, CKG.startOffset, integer(section.start))
        w.add(section_node, CKG.endOffset, integer(section.end))
        if section.heading:
            w.add(section_node, CKG.heading, text(section.heading))
        for p, paragraph in enumerate(section.paragraphs):
            paragraph_node = node(resource("paragraph", f"{key}/{s}-{p}"))
            w.add(paragraph_node, RDF.type, node(CKG.Paragraph))
            w.add(paragraph_node, CKG.inSection, section_node)
            w.add(paragraph_node, CKG.inPublication, publication)
            w.add(paragraph_node, CKG.position, integer(p))
            w.add(paragraph_node, CKG.startOffset, integer(paragraph.start))
            w.add(paragraph_node, CKG.endOffset, integer(paragraph.end))
            paragraphs[(s, p)] = paragraph_node
    return paragraphs


def _sentences(w: _Writer, publication: NamedNode, key: str, sentences: tuple[Sentence, ...],
               paragraphs: dict[tuple[int, int], NamedNode]) -> list[NamedNode]:
    nodes = []
    for sentence in sentences:
        sentence_node = node(resource("sentence", f"{key}/{sentence.index}"))
        w.add(sentence_node, RDF.type, node(CKG.Sentence))
        w.add(sentence_node, CKG.inPublication, publication)
        w.add(sentence_node, CKG.position, integer(sentence.index))
        w.add(sentence_node, CKG.inSection, node(resource("section", f"{key}/{sentence.section}")))
        w.add(sentence_node, CKG.inParagraph, paragraphs[(sentence.section, sentence.paragraph)])
        w.located(sentence_node, sentence.start, sentence.end, sentence.text)
        nodes.append(sentence_node)
    return nodes


def _mention(w: _Writer, publication: NamedNode, key: str, mention: Mention, sentences: list[NamedNode],
             vocabulary: Vocabulary) -> NamedNode:
    mention_node = node(resource("mention", f"{key}/{digest(mention.start, mention.end, mention.concept)}"))
    w.add(mention_node, RDF.type, node(CKG.Mention))
    concept = vocabulary.concepts.get(mention.concept)
    if concept is None:  # a place or organisation found by NER, or an unnamed factor: a new individual
        individual = node(mention.concept)
        w.add(individual, RDF.type, node(NEW_INDIVIDUAL_CLASSES[mention.category]))
        w.add(individual, RDFS.label, text(mention.label))
        w.add(mention_node, RDF.type, node(NEW_INDIVIDUAL_CLASSES[mention.category]))
        w.add(mention_node, CKG.refersTo, individual)
    elif concept.is_individual:
        for type_iri in concept.parents:
            w.add(mention_node, RDF.type, node(type_iri))
        w.add(mention_node, CKG.refersTo, node(concept.iri))
    else:
        w.add(mention_node, RDF.type, node(concept.iri))
    w.add(mention_node, CKG.concept, node(mention.concept))
    w.add(mention_node, CKG.category, text(mention.category))
    w.add(mention_node, CKG.mentionedIn, sentences[mention.sentence])
    w.add(mention_node, CKG.inPublication, publication)
    w.add(mention_node, CKG.extractedBy, text(mention.source))
    w.located(mention_node, mention.start, mention.end, mention.text)
    return mention_node


def _claim(w: _Writer, publication: NamedNode, key: str, claim: Claim, mentions: dict[Mention, NamedNode],
           sentences: list[NamedNode]) -> None:
    claim_node = node(resource("claim", f"{key}/{digest(claim.subject.start, claim.relation, claim.object.start, claim.polarity)}"))
    w.add(claim_node, RDF.type, node(CKG.Claim))
    w.add(claim_node, CKG.hasSubject, mentions[claim.subject])
    w.add(claim_node, CKG.relation, node(claim.relation))
    w.add(claim_node, CKG.hasObject, mentions[claim.object])
    w.add(claim_node, CKG.polarity, text(claim.polarity))
    w.add(claim_node, CKG.hedged, boolean(claim.hedged))
    if claim.cue:
        w.add(claim_node, CKG.hedgeCue, text(claim.cue))
    w.add(claim_node, CKG.hasEvidence, sentences[claim.sentence])
    w.add(claim_node, CKG.inPublication, publication)


def _metadata(w: _Writer, publication: NamedNode, key: str, metadata: Metadata, paper: Paper) -> None:
    """Direct triples for querying, plus one located value node per value found in the text."""
    fields: list[tuple[str, str, Span]] = []
    if metadata.title:
        w.add(publication, DCTERMS.title, text(metadata.title.value))
        fields.append(("title", DCTERMS.title, metadata.title))
    if metadata.year and metadata.year.value.isdigit():
        w.add(publication, CKG.year, integer(int(metadata.year.value)))
        fields.append(("year", CKG.year, metadata.year))
    if metadata.venue:
        w.add(publication, CKG.venue, text(metadata.venue.value))
        fields.append(("venue", CKG.venue, metadata.venue))
    if metadata.doi:
        w.add(publication, CKG.doi, text(metadata.doi.value))
        fields.append(("doi", CKG.doi, metadata.doi))
    for keyword in metadata.keywords:
        w.add(publication, CKG.keyword, text(keyword.value))
        fields.append(("keyword", CKG.keyword, keyword))
    for position, author in enumerate(metadata.authors):
        person = node(resource("person", slug(author.value)))
        w.add(person, RDF.type, node(FOAF.Person))
        w.add(person, FOAF.name, text(author.value))
        w.add(publication, DCTERMS.creator, person)
        fields.append(("author", DCTERMS.creator, author))
    for affiliation in metadata.affiliations:
        w.add(publication, CKG.affiliation, text(affiliation.value))
        fields.append(("affiliation", CKG.affiliation, affiliation))
    for n, (name, prop, span) in enumerate(fields):
        value = node(resource("metadata", f"{key}/{n}"))
        w.add(publication, CKG.hasMetadataValue, value)
        w.add(value, RDF.type, node(CKG.MetadataValue))
        w.add(value, CKG.field, node(prop))
        w.add(value, CKG.inPublication, publication)
        if span.start >= 0:
            w.located(value, span.start, span.end, paper.text[span.start:span.end])
        else:
            w.add(value, CKG.text, text(span.value))
            w.add(value, DCTERMS.source, text(metadata.source or "bibliography"))


def work_iri(reference: Reference) -> NamedNode:
    """One IRI per cited work, whichever paper cites it and however it spells the author."""
    return node(resource("work", work_key(reference)))


def _references(w: _Writer, publication: NamedNode, key: str, references: tuple[Reference, ...], paper: Paper) -> None:
    """Each cited work is one node, shared by every paper that cites it; each citation is located."""
    for n, reference in enumerate(references):
        work = work_iri(reference)
        w.add(work, RDF.type, node(CKG.CitedWork))
        if reference.authors:
            w.add(work, CKG.firstAuthor, text(reference.authors[0]))
            for author in reference.authors:
                w.add(work, CKG.authorName, text(author))
        if reference.year:
            w.add(work, CKG.year, integer(reference.year))
        if reference.title:
            w.add(work, DCTERMS.title, text(reference.title))
        if reference.venue:
            w.add(work, CKG.venue, text(reference.venue))
        if reference.doi:
            w.add(work, CKG.doi, text(reference.doi))
        w.add(publication, CITO.cites, work)
        citation = node(resource("citation", f"{key}/{n}"))
        w.add(citation, RDF.type, node(CITO.Citation))
        w.add(citation, CITO.hasCitingEntity, publication)
        w.add(citation, CITO.hasCitedEntity, work)
        w.add(citation, CKG.inline, boolean(reference.inline))
        w.located(citation, reference.start, reference.end, paper.text[reference.start:reference.end])


def build_quads(build: BuildInfo, software_version: str, ontology_version: str, ontology_hash: str,
                model_version: str, ended: str) -> Iterator[Quad]:
    """The PROV-O record of one build, in the builds graph."""
    w = _Writer(node(BUILDS_GRAPH))
    activity = node(build.iri)
    w.add(activity, RDF.type, node(CKG.ExtractionActivity))
    w.add(activity, PROV.startedAtTime, Literal(build.started, datatype=NamedNode(str(XSD.dateTime))))
    w.add(activity, PROV.endedAtTime, Literal(ended, datatype=NamedNode(str(XSD.dateTime))))
    w.add(activity, CKG.softwareVersion, text(software_version))
    w.add(activity, CKG.ontologyVersion, text(ontology_version))
    w.add(activity, CKG.ontologyHash, text(ontology_hash))
    w.add(activity, CKG.modelVersion, text(model_version))
    return iter(w.quads)
