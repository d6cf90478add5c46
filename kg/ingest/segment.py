"""Segmentation: a paper's text into sections (front, title, abstract, keywords, body,
acknowledgements, references) of cleaned paragraphs.

Three passes:

1. lines: split the text into lines, dropping blank lines, page numbers, running headers and
   footers (PDF pages or form feeds), web boilerplate and the "1. 1." markers of Springer reference
   lists, and trimming boilerplate glued to a line ("...141Google Scholar");
2. blocks: join lines into paragraphs. A line that does not end a sentence is joined with the next one
   (blank lines between them or not), unless the next one starts something of its own: a label, a
   heading, a numbered item, a table row. A short line that may be a heading (numbered or short, no
   full stop) is joined only with a next line that starts in lower case, which is how a wrapped
   heading continues ("3.4 To intensify ... the modernization" + "and up-grade of clusters");
3. sections: the front zone runs until the first abstract or keywords label, a long paragraph
   (an abstract without a label), a numbered heading or an introduction heading; its first title-like
   line is the title. After it, labels and headings open sections; a heading is also the first
   paragraph of its body section, so that its words are read. Lines after the abstract that cite the
   paper itself ("WEN Hu, ZENG Gang. TITLE. HUMAN GEOGRAPHY, 2005...") give a title section for the
   title and front sections for the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from kg.ingest.clean import (clean_paragraph, is_boilerplate, is_cjk, is_page_number, normalize_line, page_key,
                             running_lines, trim_boilerplate)
from kg.ingest.references import split_entry
from kg.ingest.types import Section

# Layout words that label a part of a paper. "back" labels are the publisher page's blocks about the
# paper (copyright, affiliations), which belong with the front matter.
LABELS = {
    "abstract": r"abstract|summary",
    "keywords": r"key\s*-?\s*words?|index\s+terms",
    "acknowledgements": r"acknowledge?ments?",
    "references": r"references|bibliography|literature\s+cited|works\s+cited|reference\s+list",
    "back": r"copyright\s+information|authors?\s+and\s+affiliations|about\s+this\s+(?:article|paper|chapter)|"
            r"rights\s+and\s+permissions",
}
LABEL_RE = {kind: re.compile(rf"^\s*(?:#+\s*)?(?:\d{{1,2}}\.?\s+)?(?P<label>{pattern})\b\s*(?:[:：.\-—]\s*)?", re.IGNORECASE)
            for kind, pattern in LABELS.items()}
INLINE_LABELS = ("abstract", "keywords")  # may be followed by their text on the same line
INTRODUCTION = re.compile(r"^(?:#+\s*)?(?:\d{1,2}\.?\s*|[IVX]{1,4}\.\s*)?introduction\s*$", re.IGNORECASE)
NUMBERED = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2})*\.?)\s*(?=[A-Z])")
NUMBERED_ITEM = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?\s*[A-Z]|\[\d{1,3}\]|\d{1,3}\.\s)")
MARKDOWN_HEADING = re.compile(r"^\s{0,3}(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
CAPTION = re.compile(r"^(?:table|fig\.?|figure|chart|exhibit)\s*\d+", re.IGNORECASE)
REFERENCE_MARKER = re.compile(r"^\s*(\d{1,3})\.\s*\1\.\s*$")  # Springer's "1. 1." before each entry
# A line ending so ends its paragraph; a semicolon does not (004 breaks lines after "；").
SENTENCE_END = re.compile(r"[.!?:。．：][\"'”’)\]）]*$")
# A heading has at most this many words: the longest in the corpus, 004's wrapped "3.4 To intensify
# industry-research collaboration, and gradually realize the modernization and up-grade of clusters",
# has 13 with its number; unnumbered ones ("New interpretation of the formation of the e-commerce
# entrepreneurial clusters") 11.
NUMBERED_HEADING_WORDS = 20
HEADING_WORDS = 12
# Without a blank line after it, an unnumbered heading must be this much shorter than the next line.
HEADING_LENGTH_RATIO = 1.5
# An abstract without a label is the first paragraph of at least this many words (the shortest in the
# corpus, 001's, has 160); the front matter's longest line (000's affiliation) has 11.
ABSTRACT_WORDS = 40
TITLE_WORDS = (3, 40)
# A line citing the paper itself is one reference long: 002's has 131 characters.
CITATION_CHARS = 400


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str  # normalize_line of the original
    tab: bool  # a table row
    blank_after: bool = True  # a blank line (or the end of the text) follows


@dataclass
class Block:
    """Consecutive lines that make one paragraph (or one heading, label, table row)."""

    kind: str  # text | heading | label | table | caption | refmark | cjk
    lines: list[Line]
    label: str | None = None  # for kind == "label": a key of LABELS
    content_start: int | None = None  # where the text starts after an inline label or heading marks
    pieces: list[tuple[int, int]] = field(default_factory=list)
    next_length: int = 0  # length of the line after the block's first line, 0 at the end

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


def segment(text: str, pages: Sequence[tuple[int, int]] = (), markdown: bool = False) -> tuple[Section, ...]:
    """The sections of a paper's text; pages are the (start, end) of each page, when known."""
    lines = split_lines(text, pages)
    front = front_line_count(text, lines, markdown)
    front_blocks = [_start_block(text, line, markdown) for line in lines[:front]]
    blocks = build_blocks(text, lines[front:], markdown)
    return assign_sections(text, front_blocks, blocks)


# 1. Lines --------------------------------------------------------------------------------------------

def split_lines(text: str, pages: Sequence[tuple[int, int]] = ()) -> list[Line]:
    """The non-blank lines of `text` that are not page artefacts or boilerplate."""
    if not pages and "\f" in text:
        pages = _form_feed_pages(text)
    raw = list(_raw_lines(text))
    running = _running_keys(text, raw, pages)
    lines = []
    for n, (start, end) in enumerate(raw):
        blank_after = n + 1 == len(raw) or not text[raw[n + 1][0]:raw[n + 1][1]].strip()
        start, end = trim_boilerplate(text, start, end)
        original = text[start:end]
        if not original.strip() or is_boilerplate(original) or is_page_number(original):
            continue
        if running and page_key(original) in running:
            continue
        lines.append(Line(start, end, normalize_line(original), "\t" in original.strip(), blank_after))
    return lines


def _raw_lines(text: str) -> Iterator[tuple[int, int]]:
    position = 0
    for match in re.finditer(r"[\n\f]", text):
        yield position, match.start()
        position = match.end()
    yield position, len(text)


def _form_feed_pages(text: str) -> list[tuple[int, int]]:
    pages, position = [], 0
    for match in re.finditer("\f", text):
        pages.append((position, match.start()))
        position = match.end()
    pages.append((position, len(text)))
    return pages


def _running_keys(text: str, raw: list[tuple[int, int]], pages: Sequence[tuple[int, int]]) -> frozenset[str]:
    if len(pages) < 3:
        return frozenset()
    per_page = [[text[a:b] for a, b in raw if start <= a < end and text[a:b].strip()] for start, end in pages]
    return running_lines(per_page)


# 2. Blocks -------------------------------------------------------------------------------------------

def front_line_count(text: str, lines: list[Line], markdown: bool = False) -> int:
    """How many lines the front matter has: the lines before the first abstract, keywords, references
    or acknowledgements label, reference marker, long line (an abstract without a label), numbered
    heading or introduction heading. Front lines are not joined: each is a block. Without any of
    those, there is no front matter and everything is read as content."""
    for i, line in enumerate(lines):
        block = _start_block(text, line, markdown)
        if block.kind == "refmark" or (block.kind == "label" and block.label != "back"):
            return i
        if len(line.text.split()) >= ABSTRACT_WORDS or INTRODUCTION.match(line.text):
            return i
        numbered = NUMBERED.match(line.text)
        if numbered and not re.search(r"[,:;@]", line.text) and len(line.text.split()) <= HEADING_WORDS:
            return i
    return 0

def build_blocks(text: str, lines: list[Line], markdown: bool = False) -> list[Block]:
    """Join lines into blocks (see the module doc)."""
    blocks: list[Block] = []
    in_references = False
    i = 0
    while i < len(lines):
        block = _start_block(text, lines[i], markdown)
        block.next_length = len(lines[i + 1].text) if i + 1 < len(lines) else 0
        if block.kind == "refmark" or block.label == "references":
            in_references = True
        elif block.label in ("back", "acknowledgements"):
            in_references = False
        i += 1
        while i < len(lines) and _joins(text, block, lines[i], markdown, in_references):
            block.lines.append(lines[i])
            block.pieces.append(_continuation_piece(text, lines[i], in_references))
            i += 1
        if block.kind == "text" and _is_heading(block):
            block.kind = "heading"
        blocks.append(block)
    return blocks


def _start_block(text: str, line: Line, markdown: bool) -> Block:
    """A block opened by `line`, with its kind."""
    original = text[line.start:line.end]
    if REFERENCE_MARKER.match(original):
        return Block("refmark", [line])
    for kind, pattern in LABEL_RE.items():
        match = pattern.match(original)
        if match and _is_label(original, match, kind):
            content = line.start + match.end()
            pieces = [(content, line.end)] if content < line.end else []
            return Block("label", [line], kind, content, pieces)
    heading = MARKDOWN_HEADING.match(original) if markdown else None
    if heading:
        content = line.start + heading.start("text")
        return Block("heading", [line], content_start=content, pieces=[(content, line.end)])
    if is_cjk(original):
        return Block("cjk", [line], pieces=[(line.start, line.end)])
    if line.tab:
        return Block("table", [line], pieces=[(line.start, line.end)])
    if CAPTION.match(line.text):
        return Block("caption", [line], pieces=[(line.start, line.end)])
    return Block("text", [line], pieces=[(line.start, line.end)])


def _is_label(original: str, match: re.Match[str], kind: str) -> bool:
    """A label stands alone on its line, or (abstract, keywords) is followed by a colon and its text."""
    rest = original[match.end():].strip()
    if not rest:
        return True
    separated = bool(re.search(r"[:：.\-—]\s*$", original[:match.end()]))
    return kind in INLINE_LABELS and separated


def _joins(text: str, block: Block, line: Line, markdown: bool, in_references: bool) -> bool:
    """Whether `line` continues `block`."""
    if block.kind in ("refmark", "table", "cjk") or (block.kind == "heading" and markdown):
        return False
    if block.kind == "label" and block.label not in INLINE_LABELS:
        return False
    if ends_sentence(block.lines[-1].text) or _opens_block(text, line, markdown):
        return False
    if in_references:
        return not NUMBERED_ITEM.match(line.text)
    if block.kind == "caption" or block.label == "keywords" or (block.kind == "text" and _may_be_heading(block)):
        return not line.text[:1].isupper() and not line.text[:1].isdigit()
    return True


def _opens_block(text: str, line: Line, markdown: bool) -> bool:
    """Whether a line starts a block of its own whatever precedes it."""
    start = _start_block(text, line, markdown)
    if start.kind != "text":
        return True
    return bool(NUMBERED.match(line.text) or INTRODUCTION.match(line.text)) or _is_all_caps_heading(line.text)


def ends_sentence(text: str) -> bool:
    """Whether a line ends a sentence: a final stop that is not an initial ("Michael E.")."""
    return bool(SENTENCE_END.search(text)) and not re.search(r"(?:^|\s)[A-Z]\.$", text)


def _continuation_piece(text: str, line: Line, in_references: bool) -> tuple[int, int]:
    """The part of a continuation line that belongs to the paragraph: in a reference list, without the
    "- " that some exports put before a wrapped entry's second line."""
    start = line.start
    if in_references:
        bullet = re.match(r"\s*[-•]\s+", text[line.start:line.end])
        if bullet:
            start += bullet.end()
    return start, line.end


def _may_be_heading(block: Block) -> bool:
    """Whether the block so far could still be a heading: short, no sentence inside it."""
    text = block.text
    numbered = NUMBERED.match(text)
    limit = NUMBERED_HEADING_WORDS if numbered else HEADING_WORDS
    if len(text.split()) > limit:
        return False
    if numbered:
        return not re.search(r"[:;]|[.?!]\s", text[numbered.end():])
    return text[:1].isupper() and not re.search(r"[:;,@()\d]|[.?!]\s|-$", text) and _stands_apart(block)


def _stands_apart(block: Block) -> bool:
    """An unnumbered heading is followed by a blank line, or its line is much shorter than the next
    (in a PDF, where no blank lines separate paragraphs, a paragraph's first line is as long as the
    second)."""
    line = block.lines[-1]
    return line.blank_after or block.next_length >= HEADING_LENGTH_RATIO * len(line.text)


def _is_heading(block: Block) -> bool:
    """A numbered heading, an all-caps heading, or a short title-like line, with no final stop."""
    text = block.text
    if SENTENCE_END.search(text) or not _may_be_heading(block) or CAPTION.match(text):
        return False
    return True


def _is_all_caps_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters) and len(text.split()) <= HEADING_WORDS \
        and not SENTENCE_END.search(text)


# 3. Sections -----------------------------------------------------------------------------------------

@dataclass
class _Part:
    kind: str
    heading: str | None
    blocks: list[Block] = field(default_factory=list)
    pieces: list[tuple[int, int]] | None = None  # an explicit single paragraph (split citation lines)


def assign_sections(text: str, front: list[Block], blocks: list[Block]) -> tuple[Section, ...]:
    """Give each block a section (see the module doc): `front` are the front matter's blocks."""
    parts: list[_Part] = _front_parts(front)
    zone = "front"
    labelled_abstract = False
    for block in blocks:
        if block.kind == "refmark":
            if zone != "references":
                parts.append(_Part("references", None))
                zone = "references"
            continue
        if block.kind == "label":
            zone = _label_zone(block, zone)
            if zone == "body":  # "Summary" after the abstract: an ordinary heading
                parts.append(_Part("body", _clean_text(text, block.pieces) or block.text, [block]))
                continue
            labelled_abstract = labelled_abstract or zone == "abstract"
            parts.append(_Part("front" if zone == "back" else zone, _label_heading(text, block), [block]))
            continue
        if zone in ("front", "abstract", "keywords") and block.kind in ("text", "cjk"):
            citation = _self_citation(text, block) if zone != "front" else None
            if citation:
                parts.extend(citation)
                zone = "citation"
                continue
            if block.kind == "cjk":
                parts.append(_Part("front", None, [block]))
                continue
        if zone == "abstract" and not labelled_abstract and _is_keyword_line(text, block):
            parts.append(_Part("keywords", None, [block]))
            zone = "keywords"
            continue
        if _opens_section(block, zone):
            parts.append(_Part("body", _heading_text(text, block), [block]))
            zone = "body"
            continue
        if zone == "front" and block.kind == "text" and _words(block) >= ABSTRACT_WORDS:
            parts.append(_Part("abstract", None, [block]))
            zone = "abstract"
            continue
        if zone in ("keywords", "citation", "front") or (zone == "abstract" and not labelled_abstract):
            kind = "front" if zone == "citation" and block.kind == "cjk" else "body"
            parts.append(_Part(kind, None, [block]))
            zone = kind if kind == "body" else zone
            continue
        if not parts:
            parts.append(_Part("body", None))
        parts[-1].blocks.append(block)
    return tuple(s for s in (_section(text, part) for part in parts) if s is not None)


def _opens_section(block: Block, zone: str) -> bool:
    """A heading opens a body section; in a reference list, where short entries can look like
    headings, only an all-caps or markdown one does."""
    if zone == "front" and INTRODUCTION.match(block.text):
        return True
    if block.kind != "heading":
        return False
    return zone != "references" or block.content_start is not None or _is_all_caps_heading(block.text)


def _front_parts(blocks: list[Block]) -> list[_Part]:
    """The front zone: front sections around the title (its first title-like line)."""
    parts: list[_Part] = []
    title_seen = False
    for block in blocks:
        if not title_seen and _is_title(block):
            title_seen = True
            parts.append(_Part("title", None, [block]))
        elif parts and parts[-1].kind == "front":
            parts[-1].blocks.append(block)
        else:
            parts.append(_Part("front", None, [block]))
    return parts


def _is_title(block: Block) -> bool:
    """A line that reads as a title: begins with a letter, mostly letters, a few words, no e-mail address,
    and no final stop unless it is in title case ("The Formation and Effects of Taobao Villages.")."""
    text = re.sub(r"^#+\s*", "", block.text)
    if block.kind not in ("text", "heading") or not text[:1].isalpha() or "@" in text:
        return False
    if text.endswith(".") and not _title_case(text.removesuffix(".")):
        return False
    visible = [c for c in text if not c.isspace()]
    letters = sum(1 for c in visible if c.isalpha())
    low, high = TITLE_WORDS
    return low <= len(text.split()) <= high and letters >= 0.8 * len(visible)


def _title_case(text: str) -> bool:
    """Every word of four letters or more begins with a capital, and no other stop ends a sentence inside."""
    words = text.split()
    return ". " not in text and all(w[:1].isupper() for w in words if len(w) >= 4 and w[:1].isalpha())


def _label_zone(block: Block, zone: str) -> str:
    label = block.label or ""
    if label == "back":
        return "back"
    if label == "abstract" and zone not in ("front", "title"):
        return "body"
    return label


def _label_heading(text: str, block: Block) -> str:
    """The label as written, without numbering or colon ("Key words", "REFERENCES")."""
    match = LABEL_RE[block.label or "abstract"].match(text[block.start:block.end])
    return " ".join(match.group("label").split()) if match else block.text


def _heading_text(text: str, block: Block) -> str:
    return _clean_text(text, block.pieces) or block.text


def _clean_text(text: str, pieces: list[tuple[int, int]]) -> str:
    paragraph = clean_paragraph(text, pieces)
    return paragraph.text if paragraph else ""


def _words(block: Block) -> int:
    return len(block.text.split())


def _is_keyword_line(text: str, block: Block) -> bool:
    """A line of key phrases with no label, right after an abstract: short, no sentence, at least two
    phrases separated by no-break spaces, tabs, semicolons or commas."""
    original = text[block.start:block.end]
    if block.kind not in ("text", "heading") or SENTENCE_END.search(block.text) or len(block.lines) > 2:
        return False
    phrases = [p for p in re.split(r"[\u00a0\t;,]|\s{2,}", original) if p.strip()]
    return len(phrases) >= 2 and all(len(p.split()) <= 5 for p in phrases)


def _self_citation(text: str, block: Block) -> list[_Part] | None:
    """A line citing the paper itself: its title as a title section, authors and source as front."""
    if len(block.lines) != 1 or block.kind == "cjk" or block.end - block.start > CITATION_CHARS:
        return None
    line = block.lines[0]
    parts = split_entry(text[line.start:line.end])
    if parts is None or parts.title is None or parts.venue is None or parts.year is None:
        return None
    title_start, title_end = line.start + parts.title[0], line.start + parts.title[1]
    return [
        _Part("front", None, pieces=[(line.start, title_start)]),
        _Part("title", None, pieces=[(title_start, title_end)]),
        _Part("front", None, pieces=[(title_end, line.end)]),
    ]


def _section(text: str, part: _Part) -> Section | None:
    """Build a Section: one paragraph per block (or the part's explicit pieces)."""
    if part.pieces is not None:
        paragraph = clean_paragraph(text, part.pieces)
        return Section(part.kind, part.heading, part.pieces[0][0], part.pieces[-1][1], (paragraph,) if paragraph else ())
    if not part.blocks:
        return None
    paragraphs = (clean_paragraph(text, block.pieces, keep_tabs=block.kind == "table") for block in part.blocks)
    return Section(part.kind, part.heading, part.blocks[0].start, part.blocks[-1].end,
                   tuple(p for p in paragraphs if p is not None))
