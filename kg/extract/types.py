"""What extraction hands to the graph: sentences, mentions and claims, each with offsets into the
paper's original text (Paper.text)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    index: int  # position in the paper, from 0
    section: int  # index into Paper.sections
    paragraph: int  # index into that section's paragraphs
    start: int
    end: int
    text: str  # the original text, Paper.text[start:end]


@dataclass(frozen=True)
class Mention:
    text: str  # Paper.text[start:end]
    start: int
    end: int
    concept: str  # IRI of the ontology concept or named individual, or of a new individual found by NER
    category: str  # label of the top-level class: Cluster, Mechanism, Actor, Place, Policy, Theory...
    sentence: int  # Sentence.index
    source: str  # "vocabulary", "ner", "anaphor" or "claim" (an unnamed factor that a claim takes as argument)
    label: str  # the concept's preferred label (for a new individual: its text)
    # a word for a whole category ("clusters"), an anaphor ("they", "these clusters") or an unnamed factor:
    # kept only as a claim's argument
    argument_only: bool = False


@dataclass(frozen=True)
class Claim:
    subject: Mention
    relation: str  # IRI of the ontology property (ckg:drives...)
    object: Mention
    polarity: str  # positive | negative
    hedged: bool
    sentence: int  # Sentence.index
    cue: str | None = None  # the hedge or attribution cue, when hedged
    trigger: str | None = None  # the words that express the relation


@dataclass(frozen=True)
class Extraction:
    """Everything extraction found in one paper."""

    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    claims: tuple[Claim, ...]
