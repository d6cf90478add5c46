"""Offset-preserving cleaning: build a paragraph's cleaned text from pieces of the original text, with
the original offset of every cleaned character, so that any span of the cleaned text maps back.

`Paper.text` is never modified. What cleaning does, and why:

- whitespace runs (spaces, no-break spaces, line breaks) become one space; a tab in a table row
  stays a single tab, so that a cell boundary never joins two cells into one phrase;
- a hyphen at the end of a line is dropped when the next line starts with a lower-case letter
  ("indus-" + "try" -> "industry"), unless the part before it is a single letter or a prefix that
  English writes with a hyphen (`KEEP_HYPHEN_PREFIXES`: "e-" + "commerce" stays "e-commerce");
  a hyphen inside a line ("hi- tech") is left alone: only line ends are layout;
- full-width forms (，：；（）．) become their ASCII twins one to one, and a run of full-width full
  stops, as in the mangled section number "2．．．．1", becomes one full stop ("2.1");
- a space is inserted where punctuation is glued between words, so the tokenizer splits it: before an
  opening curly quote or full-width bracket that follows a letter (as“the -> as “the), after a closing
  curly quote or full-width stop that precedes a letter, and after a full-width comma, colon,
  semicolon or bracket that precedes a letter or digit; an inserted space maps to the offset of the
  punctuation beside it;
- zero-width characters and soft hyphens are dropped;
- lines written mostly in CJK script are dropped: non-English text is not analysed.

The line-level helpers (`is_boilerplate`, `trim_boilerplate`, `is_page_number`, `running_lines`,
`is_cjk`) let segmentation drop page artefacts and web boilerplate before paragraphs are built.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from kg.ingest.types import Paragraph

# Prefixes written with a hyphen in English: a line break after them keeps the hyphen.
KEEP_HYPHEN_PREFIXES = frozenset({"co", "non", "self", "cross", "semi", "multi", "anti", "well", "ex", "post", "pre"})
FULLWIDTH_STOP = "\uff0e"
OPENING_QUOTES = "\u201c\u2018"  # “ ‘
CLOSING_QUOTES = "\u201d"  # ” (’ is left alone: between letters it is an apostrophe)
DROPPED_CHARS = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")  # zero-width characters, soft hyphen
# A line is CJK when at least this share of its letters are CJK characters. The Chinese citation line
# of paper 002 has 26 CJK letters and one Latin letter ("[J]"); English lines have none.
CJK_SHARE = 0.5

# Lines a publisher's web page adds around a paper: whole lines that are dropped.
BOILERPLATE_LINES = re.compile(
    r"^\s*(?:Unable to display preview\.?\s*Download preview PDF\.?|Personalised recommendations|"
    r"Personalized recommendations|Next Articles?|Previous Articles?|Download PDF|Access options|"
    r"Buy article PDF|Cite this (?:article|paper|chapter)|Google Scholar|CrossRef|PubMed)\s*$",
    re.IGNORECASE,
)
# The same phrases glued to the start or end of a real line ("...141Google Scholar").
BOILERPLATE_SUFFIX = re.compile(r"(?:\s*(?:Google Scholar|CrossRef|PubMed|Next Articles?|Previous Articles?))+\s*$")
BOILERPLATE_PREFIX = re.compile(r"^\s*(?:Personali[sz]ed recommendations|Unable to display preview\.?\s*Download preview PDF\.?)")
PAGE_NUMBER = re.compile(r"^\s*(?:[-\u2013\u2014\s]*\d{1,4}[-\u2013\u2014\s]*|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)\s*$",
                         re.IGNORECASE)


def fullwidth_to_ascii(char: str) -> str:
    """The ASCII twin of a full-width form (U+FF01..U+FF5E), or the character itself."""
    code = ord(char)
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - 0xFEE0)
    if char == "\u3000":  # ideographic space
        return " "
    return char


def normalize_line(text: str) -> str:
    """The text of a line as classification sees it: full-width forms in ASCII, runs of full-width
    stops collapsed, spaces collapsed. Offsets are not kept: use `clean_paragraph` for text that
    extraction reads."""
    text = re.sub(f"{FULLWIDTH_STOP}+", ".", text)
    text = "".join(fullwidth_to_ascii(c) for c in text if c not in DROPPED_CHARS)
    return " ".join(text.split())


def is_cjk_char(char: str) -> bool:
    """Whether a character is a Chinese, Japanese or Korean letter (not CJK punctuation)."""
    code = ord(char)
    return (0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF
            or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF)


def is_cjk(text: str) -> bool:
    """True when the line is written mostly in Chinese, Japanese or Korean script."""
    letters = [c for c in text if c.isalpha()]
    cjk = sum(1 for c in letters if is_cjk_char(c))
    return cjk >= 2 and cjk >= CJK_SHARE * len(letters)


def is_boilerplate(text: str) -> bool:
    """True for a whole line that a publisher's web page adds ("Unable to display preview...")."""
    return bool(BOILERPLATE_LINES.match(text))


def is_page_number(text: str) -> bool:
    """True for a line that holds only a page number ("12", "- 12 -", "Page 3 of 10")."""
    return bool(PAGE_NUMBER.match(text)) and "\t" not in text


def trim_boilerplate(text: str, start: int, end: int) -> tuple[int, int]:
    """The span [start, end) of a line without web boilerplate glued to its start or end."""
    line = text[start:end]
    suffix = BOILERPLATE_SUFFIX.search(line)
    if suffix and suffix.start() > 0:
        end = start + suffix.start()
        line = text[start:end]
    prefix = BOILERPLATE_PREFIX.match(line)
    if prefix and prefix.end() < len(line):
        start += prefix.end()
    return start, end


def running_lines(pages: Sequence[Sequence[str]], min_pages: int = 3) -> frozenset[str]:
    """Running headers and footers: first or last lines that recur, digits aside, on at least half
    of the pages (and on `min_pages` at least). Given each page's non-blank lines; returns their
    `page_key`s."""
    counts: Counter[str] = Counter()
    for lines in pages:
        ends = {page_key(line) for line in (lines[:2] + lines[-2:])}
        counts.update(k for k in ends if k)
    needed = max(min_pages, (len(pages) + 1) // 2)
    return frozenset(k for k, n in counts.items() if n >= needed)


def page_key(line: str) -> str:
    """A line with its digits and spacing ignored, so "Page 3" and "Page 4" compare equal."""
    return re.sub(r"\d+", "#", " ".join(line.split())).lower()


class _Builder:
    """Accumulates cleaned characters and, for each, its offset in the original text."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.offsets: list[int] = []

    def add(self, char: str, offset: int) -> None:
        self.chars.append(char)
        self.offsets.append(offset)

    def last(self) -> str:
        return self.chars[-1] if self.chars else ""

    def add_space(self, offset: int, char: str = " ") -> None:
        """One separator, never two in a row and never at the start."""
        if not self.chars:
            return
        if self.chars[-1] in " \t":
            if char == "\t":
                self.chars[-1] = "\t"
            return
        self.add(char, offset)

    def strip_end(self) -> None:
        while self.chars and self.chars[-1] in " \t":
            self.chars.pop()
            self.offsets.pop()

    def word_before_hyphen(self) -> str:
        """The letters before a trailing hyphen, e.g. "indus" for "... indus-"."""
        word = []
        for char in reversed(self.chars[:-1]):
            if not char.isalpha():
                break
            word.append(char)
        return "".join(reversed(word))


def ends_with_word_hyphen(builder: _Builder) -> bool:
    """Whether the text so far ends with a hyphen after a letter ("e-"): the next line continues the
    word, with or without the hyphen, and no space goes between."""
    return builder.last() == "-" and len(builder.chars) > 1 and builder.chars[-2].isalpha()


def joins_without_hyphen(builder: _Builder, next_char: str) -> bool:
    """Whether a hyphen ending the previous line is a line-break hyphen to drop (see module doc)."""
    if builder.last() != "-" or not next_char.islower():
        return False
    word = builder.word_before_hyphen()
    return len(word) > 1 and word.lower() not in KEEP_HYPHEN_PREFIXES


def clean_paragraph(text: str, pieces: Sequence[tuple[int, int]], keep_tabs: bool = False) -> Paragraph | None:
    """Clean the pieces [start, end) of `text` (a paragraph's lines, in order) into one Paragraph.

    keep_tabs: keep one tab per run of whitespace holding a tab (table rows).
    Returns None when nothing is left (for instance a CJK-only paragraph).
    """
    builder = _Builder()
    for start, end in pieces:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end or is_cjk(text[start:end]):
            continue
        if builder.chars:
            if joins_without_hyphen(builder, text[start]):
                builder.chars.pop()
                builder.offsets.pop()
            elif not ends_with_word_hyphen(builder):
                builder.add_space(builder.offsets[-1] + 1)
        _clean_piece(builder, text, start, end, keep_tabs)
    builder.strip_end()
    if not builder.chars:
        return None
    offsets = tuple(builder.offsets) + (builder.offsets[-1] + 1,)
    return Paragraph(offsets[0], offsets[-1], "".join(builder.chars), offsets)


def _clean_piece(builder: _Builder, text: str, start: int, end: int, keep_tabs: bool) -> None:
    """Append the cleaned characters of text[start:end] (one line)."""
    i = start
    while i < end:
        char = text[i]
        if char in DROPPED_CHARS:
            i += 1
        elif char.isspace() or char == "\u3000":
            builder.add_space(i, "\t" if keep_tabs and char == "\t" else " ")
            i += 1
        elif char == FULLWIDTH_STOP:
            run_end = i
            while run_end < end and text[run_end] == FULLWIDTH_STOP:
                run_end += 1
            builder.add(".", i)
            _space_after(builder, text, run_end, end, run_end - 1)
            i = run_end
        elif char in OPENING_QUOTES or char in "\uff08\uff3b":  # “ ‘ （ ［
            if builder.last().isalnum():
                builder.add(" ", i)
            builder.add(fullwidth_to_ascii(char), i)
            i += 1
        elif char in CLOSING_QUOTES or char in "\uff0c\uff1a\uff1b\uff09\uff3d\uff01\uff1f":  # ” ， ： ； ） ］ ！ ？
            builder.add(fullwidth_to_ascii(char), i)
            _space_after(builder, text, i + 1, end, i, digits=char not in CLOSING_QUOTES)
            i += 1
        else:
            builder.add(fullwidth_to_ascii(char), i)
            i += 1


def _space_after(builder: _Builder, text: str, position: int, end: int, offset: int, digits: bool = False) -> None:
    """Insert a space (mapped to `offset`) when the character at `position` is a letter (or, with
    `digits`, a digit) glued on: "Youjin，2004" -> "Youjin, 2004", but "2．1" -> "2.1"."""
    if position < end and (text[position].isalpha() or (digits and text[position].isdigit())):
        builder.add(" ", offset)
