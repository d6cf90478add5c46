"""Extraction results as plain JSON records: the `kg extract --jsonl` format."""

from __future__ import annotations

from kg.extract.types import Claim, Extraction, Mention, Sentence

# The six categories that `kg extract` reports; the others (Outcome, Industry, Development stage) are
# kept in the graph but are not part of the mention format.
REPORTED_CATEGORIES = ("Cluster", "Mechanism", "Actor", "Place", "Policy", "Theory")


def mention_record(mention: Mention, sentences: tuple[Sentence, ...]) -> dict:
    return {
        "kind": "mention",
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "category": mention.category,
        "concept": mention.concept,
        "label": mention.label,
        "source": mention.source,
        "sentence": sentences[mention.sentence].text,
        "sentence_start": sentences[mention.sentence].start,
        "sentence_end": sentences[mention.sentence].end,
    }


def claim_record(claim: Claim, sentences: tuple[Sentence, ...], relation_names: dict[str, str]) -> dict:
    sentence = sentences[claim.sentence]
    return {
        "kind": "claim",
        "subject": claim.subject.text,
        "subject_concept": claim.subject.concept,
        "subject_category": claim.subject.category,
        "relation": relation_names.get(claim.relation, claim.relation),
        "relation_iri": claim.relation,
        "object": claim.object.text,
        "object_concept": claim.object.concept,
        "object_category": claim.object.category,
        "polarity": claim.polarity,
        "hedged": claim.hedged,
        "sentence": sentence.text,
        "sentence_start": sentence.start,
        "sentence_end": sentence.end,
    }


def records(extraction: Extraction, relation_names: dict[str, str]) -> list[dict]:
    """Mentions of the reported categories (not the general words that are claims' arguments), then
    claims, in text order."""
    mentions = [mention_record(m, extraction.sentences) for m in extraction.mentions
                if m.category in REPORTED_CATEGORIES and not m.argument_only]
    claims = [claim_record(c, extraction.sentences, relation_names) for c in extraction.claims]
    return mentions + claims
