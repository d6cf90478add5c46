"""Run the spaCy pipeline, with the ClusterKG components, over the content paragraphs of papers."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex

from kg.extract import mentions as _mentions  # registers the "clusterkg_mentions" factory
from kg.extract import claims as _claims  # registers the "clusterkg_claims" factory
from kg.extract.types import Claim, Extraction, Mention, Sentence
from kg.ingest.references import citation_marks
from kg.ingest.types import CONTENT_KINDS, Paper, Paragraph
from kg.models import load_spacy
from kg.namespaces import resource, slug
from kg.ontology import Relation, Vocabulary, load_graph, load_relations, load_vocabulary
from kg.settings import ontology_path

EXTRACTOR_VERSION = "clusterkg.extract.v1"
# Where the tokenizer also splits words: at a semicolon or a full-width comma or semicolon with no space
# around it, and at the Unicode hyphens (U+2010, U+2011) that some publishers print ("spin‐off").
EXTRA_INFIXES = (r"(?<=\S)[;；，](?=\S)", r"(?<=[^\W\d_])[‐‑](?=[^\W\d_])")
BROKEN_WORD = re.compile(r"\b([A-Za-z]+)([-‐] +)([a-z]+)\b")
# Mentions of what the ontology does not name become new individuals: places and organisations that NER
# finds, and the unnamed factors that claims take as arguments.
NEW_INDIVIDUAL_KINDS = {"Place": "place", "Actor": "organisation", _claims.FACTOR: "factor"}


class Extractor:
    """Finds sentences, mentions and claims in papers. Load once, use for many papers."""

    def __init__(self, vocabulary: Vocabulary | None = None, relations: dict[str, Relation] | None = None,
                 nlp: Language | None = None, use_ner: bool = True) -> None:
        if vocabulary is None or relations is None:
            graph = load_graph(ontology_path())
            vocabulary = vocabulary or load_vocabulary(graph=graph)
            relations = relations if relations is not None else load_relations(graph=graph)
        self.vocabulary = vocabulary
        self.relations = relations
        self.nlp = nlp or load_spacy()
        split_more_infixes(self.nlp)
        self.nlp.add_pipe("clusterkg_mentions", last=True, config={"use_ner": use_ner}).set_vocabulary(vocabulary)
        self.nlp.add_pipe("clusterkg_claims", last=True).set_relations(relations)

    @property
    def model_version(self) -> str:
        return f"{self.nlp.meta.get('lang')}_{self.nlp.meta.get('name')}-{self.nlp.meta.get('version')}"

    def extract(self, paper: Paper) -> Extraction:
        return next(self.extract_many([paper]))[1]

    def extract_many(self, papers: Iterable[Paper], n_process: int = 1, batch_size: int = 64) -> Iterator[tuple[Paper, Extraction]]:
        """Extract from each paper, in order. All paragraphs stream through one nlp.pipe, and papers are
        read from `papers` only as the pipe needs them, so memory holds a few papers, not the corpus."""
        in_flight: dict[int, Paper] = {}
        readings: dict[tuple[int, int, int], Paragraph] = {}

        def paragraphs() -> Iterator[tuple[str, tuple[int, int, int]]]:
            for n, paper in enumerate(papers):
                in_flight[n] = paper
                yield "", (n, -1, -1)  # marks the paper even if it has no content paragraph
                for s, i, p in content_paragraphs(paper):
                    readings[n, s, i] = reading(p)
                    yield readings[n, s, i].text, (n, s, i)

        pending: list[tuple[Doc, Paragraph, int, int]] = []
        current = 0
        for doc, (n, s, i) in self.nlp.pipe(paragraphs(), as_tuples=True, n_process=n_process, batch_size=batch_size):
            if n > current:  # every paragraph of paper `current` has arrived
                paper = in_flight.pop(current)
                yield paper, self._collect(paper, pending)
                pending, current = [], n
            if s >= 0:
                pending.append((doc, readings.pop((n, s, i)), s, i))
        if in_flight:
            paper = in_flight.pop(current)
            yield paper, self._collect(paper, pending)

    def _collect(self, paper: Paper, docs: Iterable[tuple[Doc, Paragraph, int, int]]) -> Extraction:
        """The sentences, mentions and claims of a paper from its parsed paragraphs: (doc, the paragraph as
        parsed, section index, paragraph index)."""
        sentences: list[Sentence] = []
        mentions: list[Mention] = []
        claims: dict[tuple[str, str, str, str], Claim] = {}
        docs = list(docs)

        def strength(claim: Claim) -> tuple[bool, bool]:
            """How well its evidence states a claim: plainly, and in a sentence of the text, not the title."""
            return not claim.hedged, paper.sections[sentences[claim.sentence].section].kind != "title"

        defined = _mentions.abbreviations(doc for doc, *_ in docs)
        places = _mentions.places_named(doc for doc, *_ in docs)
        short = _mentions.short_names(doc for doc, *_ in docs)
        for doc, *_ in docs:
            added = [_mentions.add_abbreviations(doc, defined), _mentions.add_short_names(doc, short),
                     _mentions.add_places(doc, places)]
            if any(added):
                self.nlp.get_pipe("clusterkg_claims")(doc)  # the claims again, with the new mentions
        for doc, paragraph, section, index in docs:
            first = len(sentences)
            for sent in doc.sents:
                start, end = paragraph.to_source(sent.start_char, sent.end_char)
                sentences.append(Sentence(len(sentences), section, index, start, end, paper.text[start:end]))
            starts = [s.start for s in doc.sents]
            found = {}
            groups = [(_mentions.MENTIONS_KEY, False), (_mentions.GENERIC_KEY, False), (_claims.ARGUMENTS_KEY, True)]
            for key, argument in groups:
                for span in doc.spans.get(key, []):
                    sentence = first + bisect_right(starts, span.start) - 1
                    found[(span.start, span.end)] = self._mention(paper, paragraph, span, sentence, argument)
            for s_start, s_end, relation, o_start, o_end, polarity, hedged, cue, trigger, anchor in doc.user_data.get(_claims.CLAIMS_KEY, []):
                subject, obj = found[(s_start, s_end)], found[(o_start, o_end)]
                # the trigger's sentence is the evidence
                evidence = first + bisect_right(starts, anchor) - 1 if anchor >= 0 else subject.sentence
                # a paper that repeats a claim (abstract, then body) asserts it once: the first plain statement
                # of it in a sentence is the evidence; a hedged one, or the title's, only until there is one
                key = (subject.concept, relation, obj.concept, polarity)
                claim = Claim(subject, relation, obj, polarity, hedged, evidence, cue, trigger)
                if key not in claims or strength(claim) > strength(claims[key]):
                    claims[key] = claim
            mentions.extend(sorted(found.values(), key=lambda m: m.start))
        # a general word ("clusters"), an anaphor ("they") or an unnamed factor is no mention of its own: it
        # stays only as a claim's argument
        arguments = {argument for claim in claims.values() for argument in (claim.subject, claim.object)}
        mentions = [m for m in mentions if not m.argument_only or m in arguments]
        return Extraction(tuple(sentences), tuple(mentions), tuple(claims.values()))

    def _mention(self, paper: Paper, paragraph: Paragraph, span: Span, sentence: int, argument: bool = False) -> Mention:
        """The mention of a span: of an ontology concept (also an anaphor, which carries its antecedent's
        concept), else of a new individual. `argument`: a span that claims found, no mention of its own."""
        start, end = paragraph.to_source(span.start_char, span.end_char)
        if span.id_:
            concept = self.vocabulary.concepts[span.id_]
            # a general word is an argument only, but not with a kind before it ("footwear clusters")
            general = concept.generic and not _mentions.kind_modified(span)
            return Mention(paper.text[start:end], start, end, concept.iri, concept.category, sentence,
                           "anaphor" if argument else "vocabulary", concept.label, argument or general)
        name = span.kb_id_ or " ".join(span.text.split())  # (a short name carries the name it stands for)
        iri = str(resource(NEW_INDIVIDUAL_KINDS[span.label_], slug(name)))
        source = "claim" if span.label_ == _claims.FACTOR else "ner"
        return Mention(paper.text[start:end], start, end, iri, span.label_, sentence, source, name, argument)


def split_more_infixes(nlp: Language) -> None:
    """Make the tokenizer split words at EXTRA_INFIXES too: keyword lines are often typed without spaces
    ("science park;innovation capacity", "Suzhou，Kunshan"), and spaCy's English infixes split only at a plain
    comma and the ASCII hyphen."""
    pattern = nlp.tokenizer.infix_finditer.__self__.pattern
    missing = [infix for infix in EXTRA_INFIXES if infix not in pattern]
    if missing:
        nlp.tokenizer.infix_finditer = compile_infix_regex([pattern, *missing]).finditer


def reading(paragraph: Paragraph) -> Paragraph:
    """The paragraph as the parser reads it: without its in-text citations, which break a sentence's parse
    ("Clusters (Porter 1990; Cooke 2002) foster innovation"), and with the words that copied PDF text
    breaks at a hyphen inside a line made whole ("posi- tively"). Offsets still map to the original file."""
    cuts: list[tuple[int, int]] = []
    for cut in sorted(citation_marks(paragraph.text) + broken_hyphens(paragraph.text)):
        if not cuts or cut[0] >= cuts[-1][1]:  # (a broken word inside a citation goes with the citation)
            cuts.append(cut)
    return paragraph.without(cuts)


def broken_hyphens(text: str) -> list[tuple[int, int]]:
    """Where a word is broken by a hyphen and a space, as a line-end hyphen becomes in text copied from a
    PDF: "posi- tively", "coopera- tion". Only where the two halves make a dictionary word and the first
    is none, so "hi- tech", "e- commerce" and "well- known" stay as they are."""
    return [match.span(2) for match in BROKEN_WORD.finditer(text)
            if _mentions.is_dictionary_word(match[1] + match[3]) and not _mentions.is_dictionary_word(match[1])]


def content_paragraphs(paper: Paper) -> Iterator[tuple[int, int, Paragraph]]:
    """(section index, paragraph index, paragraph) of the sections that hold the paper's own content."""
    for s, section in enumerate(paper.sections):
        if section.kind in CONTENT_KINDS:
            for i, paragraph in enumerate(section.paragraphs):
                if paragraph.text.strip():
                    yield s, i, paragraph
