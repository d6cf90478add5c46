"""What ingest hands to extraction: a paper's original text, its cleaned paragraphs with a map back to
the original offsets, its sections, metadata and references. All offsets index `Paper.text`, the
file's text exactly as read (for a PDF: the text extracted from it, page by page)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

SECTION_KINDS = ("front", "title", "abstract", "keywords", "body", "acknowledgements", "references")
# Sections whose text is the paper's own content: extraction reads these and skips the rest.
CONTENT_KINDS = ("title", "abstract", "keywords", "body")


@dataclass(frozen=True)
class Span:
    """A value found in the text, with where it was found (offsets into Paper.text)."""

    value: str
    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    """A paragraph as extraction reads it: cleaned text plus, for every character of it, its offset in
    the original text, so that any span of `text` maps back to the file."""

    start: int
    end: int
    text: str
    offsets: tuple[int, ...]  # len(text) + 1 entries; offsets[i] is the original offset of text[i]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a span [start, end) of the cleaned text to the original text."""
        if start >= end:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1

    def without(self, cuts: list[tuple[int, int]]) -> Paragraph:
        """The paragraph with the spans `cuts` (sorted, not overlapping) taken out of its text; the offsets
        of what remains still point into the original text."""
        if not cuts:
            return self
        keep, last = [], 0
        for start, end in cuts:
            keep.append((last, start))
            last = end
        keep.append((last, len(self.text)))
        text = "".join(self.text[a:b] for a, b in keep)
        offsets = tuple(o for a, b in keep for o in self.offsets[a:b]) + (self.offsets[-1],)
        return Paragraph(self.start, self.end, text, offsets)


@dataclass(frozen=True)
class Section:
    kind: str  # one of SECTION_KINDS
    heading: str | None
    start: int
    end: int
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Reference:
    """A cited work: an entry of the reference list, or an author-year citation in the text."""

    raw: str
    start: int
    end: int
    authors: tuple[str, ...]  # surnames as written, first author first
    year: int | None
    title: str | None = None
    venue: str | None = None
    doi: str | None = None
    inline: bool = False  # True for an in-text citation such as "(Porter, 1998)"


@dataclass(frozen=True)
class Metadata:
    """Bibliographic metadata. Values found in the text carry their span; values from a BibTeX, RIS or
    CSL-JSON record have start = end = -1 and `source` names that file."""

    title: Span | None = None
    authors: tuple[Span, ...] = ()
    affiliations: tuple[Span, ...] = ()
    year: Span | None = None
    venue: Span | None = None
    doi: Span | None = None
    keywords: tuple[Span, ...] = ()
    kind: str | None = None  # journal-article | conference-paper | book | book-chapter | report | thesis
    source: str | None = None  # the bibliography file the record came from, if any


@dataclass(frozen=True)
class Paper:
    path: Path
    text: str
    format: str  # text | markdown | pdf
    content_hash: str  # sha256 of the file's bytes
    metadata: Metadata
    sections: tuple[Section, ...]
    references: tuple[Reference, ...] = ()
    pages: tuple[tuple[int, int], ...] = field(default=())  # PDF: (start, end) of each page in `text`


@dataclass(frozen=True)
class BibRecord:
    """One record of a bibliography file (BibTeX, RIS or CSL-JSON) beside the papers."""

    source: str  # the bibliography file's name
    key: str  # the record's citation key or id, as exported
    kind: str | None = None  # as in Metadata.kind
    title: str | None = None
    authors: tuple[str, ...] = ()  # "Given Family" as exported, first author first
    year: int | None = None
    venue: str | None = None
    doi: str | None = None
    keywords: tuple[str, ...] = ()
    files: tuple[str, ...] = ()  # base names of the attached files, e.g. "003_e44eb5927b8b8e90.txt"
