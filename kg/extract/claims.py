"""Claims from the dependency parse (being written: see the claims brief)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span


@dataclass(frozen=True)
class SpanClaim:
    """A claim found in a parsed paragraph, between two mention spans of the same sentence."""

    subject: Span
    relation: str  # IRI of an ontology property
    object: Span
    polarity: str  # positive | negative
    hedged: bool
    cue: str | None = None
    trigger: str | None = None


def find_claims(doc: Doc, mentions: list[Span]) -> list[SpanClaim]:
    """The claims that the sentences of `doc` assert between its mentions."""
    return []
