"""Passages: the units search returns, cut from a paper and its extraction.

Three kinds, all with offsets into the paper's original text: each sentence, each sentence with its
neighbours (the previous and the next sentence of the same section) and each paragraph that holds more
than one sentence. A lone sentence embeds one statement sharply; a window is short enough for the embedding
model to read whole (all-MiniLM-L6-v2 reads 256 word pieces) and still carries the context a lone sentence
lacks; a paragraph answers broader questions. A fragment of fewer than three words (a heading, a bare
section number, a citation the sentence splitter cut off: "Case background", "1.2.3", "[12].", "Fig.") is
neither a passage nor a window's centre: it answers nothing, and windows that started at a heading or
centred on a fragment repeated their neighbours (on eval-dev, 807 -> 759 passages, hybrid recall@5
0.887 -> 0.912, MRR@10 0.755 -> 0.766; README, "Measured > Search"). A fragment inside a window stays in
its text.

The title and the keyword list are not passages: they are metadata (every hit shows its paper's title), and
as passages they answered any question on the paper's topic ahead of the sentence that answers it (on
eval-dev, dense MRR@10 0.663 -> 0.678 without them, hybrid 0.741 -> 0.755).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from kg.extract.types import Extraction
from kg.ingest.clean import is_cjk
from kg.ingest.types import Paper

WINDOW = 1  # sentences on each side of the centre sentence
METADATA_KINDS = ("title", "keywords")  # sections whose sentences are not passages
MIN_WORDS = 3  # words (of two letters or more) a sentence needs to be a passage of its own
WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class Passage:
    start: int  # offsets into Paper.text
    end: int
    text: str  # Paper.text[start:end]
    section: str  # the section's heading, or its kind (abstract, keywords...)
    kind: str  # sentence | window | paragraph
    first: int  # index of its first sentence (Sentence.index)
    last: int  # index of its last sentence
    concepts: tuple[str, ...]  # IRIs of the concepts mentioned in it
    categories: tuple[str, ...]  # their top-level classes
    labels: tuple[str, ...]  # their preferred labels, lower case (NER places have no IRI in the ontology)

    def to_dict(self) -> dict:
        return asdict(self)


def clean(text: str) -> str:
    """One space for every run of whitespace (line breaks included): what is embedded and shown."""
    return re.sub(r"\s+", " ", text).strip()


def is_fragment(sentence: str) -> bool:
    """Whether a sentence is too short to say anything: fewer than MIN_WORDS words (Chinese, Japanese or
    Korean text, written without spaces, never is)."""
    return len(WORD.findall(sentence)) < MIN_WORDS and not is_cjk(sentence)


def make_passages(paper: Paper, extraction: Extraction) -> list[Passage]:
    """The sentences, sentence windows and multi-sentence paragraphs of a paper, without duplicate spans
    or fragments."""
    by_index = {sentence.index: sentence for sentence in extraction.sentences}
    sentences = [s for s in extraction.sentences
                 if paper.sections[s.section].kind not in METADATA_KINDS and not is_fragment(s.text)]
    spans: dict[tuple[int, int], tuple[str, int, int]] = {}  # (start, end) -> (kind, first, last)
    for sentence in sentences:  # a lone sentence: the sharpest embedding of one statement
        spans.setdefault((sentence.start, sentence.end), ("sentence", sentence.index, sentence.index))
    for i, sentence in enumerate(sentences):
        lo, hi = i, i
        while lo > 0 and i - lo < WINDOW and sentences[lo - 1].section == sentence.section:
            lo -= 1
        while hi + 1 < len(sentences) and hi - i < WINDOW and sentences[hi + 1].section == sentence.section:
            hi += 1
        spans.setdefault((sentences[lo].start, sentences[hi].end), ("window", sentences[lo].index, sentences[hi].index))
    by_paragraph: dict[tuple[int, int], list[int]] = {}
    for i, sentence in enumerate(sentences):
        by_paragraph.setdefault((sentence.section, sentence.paragraph), []).append(i)
    for members in by_paragraph.values():
        if len(members) > 1:  # a paragraph equal to a window keeps only its window entry
            first, last = sentences[members[0]], sentences[members[-1]]
            spans.setdefault((first.start, last.end), ("paragraph", first.index, last.index))

    mentions_by_sentence: dict[int, list] = {}
    for mention in extraction.mentions:
        mentions_by_sentence.setdefault(mention.sentence, []).append(mention)
    passages = []
    for (start, end), (kind, first, last) in sorted(spans.items()):
        section = paper.sections[by_index[first].section]
        found = [m for s in range(first, last + 1) for m in mentions_by_sentence.get(s, [])]
        passages.append(Passage(
            start=start, end=end, text=paper.text[start:end],
            section=(section.heading or section.kind) if section else "",
            kind=kind, first=first, last=last,
            concepts=tuple(sorted({m.concept for m in found})),
            categories=tuple(sorted({m.category for m in found})),
            labels=tuple(sorted({m.label.lower() for m in found})),
        ))
    return passages


def citation(paper: Paper) -> str:
    """A short citation: 'Zou & Liang (2019) Mass entrepreneurship...', with what metadata there is."""
    metadata = paper.metadata
    surnames = [a.value.split()[-1] for a in metadata.authors if a.value.split()]
    authors = (" & ".join(surnames) if len(surnames) <= 2 else f"{surnames[0]} et al.") if surnames else ""
    year = f"({metadata.year.value})" if metadata.year else ""
    title = metadata.title.value if metadata.title else paper.path.name
    if len(title) > 90:
        title = title[:87].rstrip() + "..."
    return " ".join(part for part in (authors, year, title) if part)


def paper_year(paper: Paper) -> int | None:
    year = paper.metadata.year
    return int(year.value) if year and year.value.isdigit() else None
