"""Cited works: the entries of a reference list, author-year citations in the text, and `work_key`,
which gives the same key to the same work cited by two papers.

Reference-list styles handled (all seen in the corpus or common in the field):

- author-date, Springer web pages: "Feldman MP, Francis J, Bercovitz J (2005) Title. Regional Studies
  39:129–141";
- APA: "Porter, M. E. (1998). Title. Journal, 76(6), 77–90.";
- Vancouver with semicolons: "5. Porter ME; Title. *Harvard business review*, 1998; 76(6): 77-90.";
- GB/T 7714 (Chinese journals): "WEN Hu, ZENG Gang. TITLE[J]. HUMAN GEOGRAPHY, 2005, 20(4): 21-25."

In-text citations: parenthetical author-year groups, "(Liu Youjin, 2004)",
"(Alfred Weber,1929;Baptista,1996)", "(Michael E. Porter， 1998)" (after cleaning), and narrative ones,
"Porter (1998)". Numeric citations ("[5]") point into the reference list and are not kept.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kg.ingest.types import Paragraph, Reference

YEAR = r"(?:1[5-9]\d{2}|20\d{2})"
YEAR_RE = re.compile(rf"(?<!\d){YEAR}(?!\d)")
DOI_RE = re.compile(r"\b10\.\d{4,9}/[^\s\"<>]+")
ENTRY_NUMBER = re.compile(r"^\s*(?:\[\d{1,3}\]|\d{1,3}\.(?:\s*\d{1,3}\.)?)\s*")
INITIALS = re.compile(r"^(?:[A-Z]\.?-?){1,3}$")
INITIAL = re.compile(r"^(?:[A-Z]\.?-?){1,2}$|^(?:[A-Z]\.-?){1,3}$")  # "E", "ME", "M.A.", before a full stop
# Words that open a citation group without being part of a name ("see Porter, 1998").
LEAD_WORDS = r"e\.g\.|i\.e\.|see(?: also)?|cf\.|for example|as in"
CITATION_LEADS = re.compile(rf"^(?:{LEAD_WORDS})\s*,?\s*", re.IGNORECASE)
NAME_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "du", "del", "la", "le", "mac", "mc"})
# Pinyin syllables, to tell a Chinese name written surname first ("Liu Youjin") from a Western one
# written given name first ("Alfred Weber"): see `surname`.
PINYIN = re.compile(
    r"^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|ue|a|o|e|i|u|v))+$",
    re.IGNORECASE,
)
# Surnames this short keep every letter in `work_key`: reducing "Liu", "Li" and "Lu" would merge them.
SHORT_SURNAME = 4


@dataclass(frozen=True)
class EntryParts:
    """Where the parts of a reference entry stand in its text (offsets into the entry string)."""

    authors: tuple[tuple[int, int], ...]  # span of each author's name
    surnames: tuple[str, ...]
    year: int | None
    title: tuple[int, int] | None
    venue: tuple[int, int] | None
    doi: str | None


def parse_reference(raw: str, start: int = 0) -> Reference | None:
    """Parse one reference-list entry; `start` is its offset in Paper.text. None when nothing in it
    reads as an author list or a year."""
    parts = split_entry(raw)
    if parts is None:
        return None
    title = _span_text(raw, parts.title)
    venue = _span_text(raw, parts.venue)
    return Reference(raw=raw, start=start, end=start + len(raw), authors=parts.surnames, year=parts.year,
                     title=title, venue=venue, doi=parts.doi)


def references_of(paragraphs: Iterable[Paragraph], text: str) -> list[Reference]:
    """The entries of a reference list, one per paragraph, with spans into `text`."""
    found = []
    for paragraph in paragraphs:
        start, end = paragraph.start, paragraph.end
        reference = parse_reference(paragraph.text, start)
        if reference is not None:
            found.append(_with_raw(reference, text, start, end))
    return found


def split_entry(raw: str) -> EntryParts | None:
    """Split a reference entry into authors, year, title and venue (see the module doc for styles)."""
    body_start = ENTRY_NUMBER.match(raw).end() if ENTRY_NUMBER.match(raw) else 0
    doi_match = DOI_RE.search(raw)
    doi = doi_match.group(0).rstrip(".,;)") if doi_match else None
    dated = re.compile(rf"\(\s*({YEAR})[a-z]?\s*\)\.?").search(raw, body_start)
    if dated:  # author-date: Springer, APA, Harvard
        authors = _author_spans(raw, body_start, dated.start())
        if not authors:
            return None
        rest_start = _skip_space(raw, dated.end())
        title, venue = _title_and_venue(raw, rest_start, len(raw))
        return EntryParts(tuple(authors), _surnames(raw, authors), int(dated.group(1)), title, venue, doi)
    semicolon = raw.find(";", body_start)
    first_stop = _sentence_stop(raw, body_start)
    if semicolon > 0 and (first_stop < 0 or semicolon < first_stop):  # Vancouver with semicolons
        authors_end, rest_start = semicolon, semicolon + 1
    elif first_stop > 0:  # GB/T 7714: "AUTHOR, AUTHOR. Title[J]. Venue, year"
        authors_end, rest_start = first_stop, first_stop + 1
    else:
        return None
    authors = _author_spans(raw, body_start, authors_end)
    # The publication year follows the title and venue ("... 1971-2010. *Management world*, 2011;").
    years = [int(m.group(0)) for m in YEAR_RE.finditer(DOI_RE.sub(" ", raw), rest_start)]
    if not authors or not years:
        return None
    title, venue = _title_and_venue(raw, _skip_space(raw, rest_start), len(raw))
    return EntryParts(tuple(authors), _surnames(raw, authors), years[-1], title, venue, doi)


def _title_and_venue(raw: str, start: int, end: int) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """Title and venue of what follows the authors and year: sentences split at full stops; an
    italic (*...*) first part is a book title; a trailing year, volume and pages are not the venue."""
    segments = _segments(raw, start, end)
    if not segments:
        return None, None
    italic = next((i for i, (a, _) in enumerate(segments) if i > 0 and raw[a] == "*"), None)
    if italic is not None and not raw[segments[0][0]:segments[0][1]].startswith("*"):
        # "Title. *Journal*, 2014; (03)": the italic part is the venue, what precedes it the title
        title = _strip_span(raw, segments[0][0], segments[italic - 1][1], chars=" .*")
        return title, _cut_at_year(raw, *segments[italic])
    title = _strip_span(raw, *segments[0], chars=" .*")
    if len(segments) > 1 and not raw[segments[0][0]:segments[0][1]].startswith("*"):
        # "How do clusters emerge? Social networks ... cluster. Research Policy 36:438–455": every
        # segment but the last that holds a venue is title.
        title = _strip_span(raw, segments[0][0], segments[-2][1], chars=" .*")
        venue_start, venue_end = segments[-1]
    elif len(segments) > 1:
        venue_start, venue_end = segments[1]
    else:
        title = _cut_at_year(raw, *title)
        return title, None
    venue = _cut_at_year(raw, venue_start, venue_end)
    return title, venue


def _segments(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence-like parts of raw[start:end], split after ". " (not after an initial)."""
    segments, position = [], start
    for match in re.finditer(r"[.?](?:\[[A-Z]\])?\.?\s+(?=[A-Z*\"“(\d])|\[[A-Z]\]\.\s*", raw[start:end]):
        stop = start + match.start() + (1 if raw[start + match.start()] == "?" else 0)
        word = raw[position:start + match.start()].split()[-1:] or [""]
        if INITIAL.match(word[0]):  # "Michael E. Porter": not the end of a part
            continue
        if stop > position:
            segments.append((position, stop))
        position = start + match.end()
    if position < end:
        segments.append((position, end))
    return [s for s in segments if raw[s[0]:s[1]].strip(" .*")]


def _cut_at_year(raw: str, start: int, end: int) -> tuple[int, int] | None:
    """A venue or title without what follows it: ", 1998; 76(6)", " 39:129–141", " (In Chinese)"."""
    text = raw[start:end]
    cut = re.search(rf"(?:,\s*{YEAR}\b|,?\s*\d+\s*(?:\(\d+\))?\s*:\s*\d|\s*\((?:In [A-Z][a-z]+)\)|,\s*\d+\s*\()", text)
    if cut:
        end = start + cut.start()
    span = _strip_span(raw, start, end, chars=" .,;*")
    return span if span and span[1] > span[0] else None


def _author_spans(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the author names in raw[start:end], which must read as a list of names."""
    text = raw[start:end]
    spans = []
    pieces = [(m.start(), m.end()) for m in re.finditer(r"[^,;&]+", text)]
    pieces = _merge_apa_initials(text, pieces)
    for a, b in pieces:
        name = re.sub(r"\s+(?:and|et al\.?)\s*$|^\s*and\s+", "", text[a:b])
        for part in re.split(r"\s+and\s+", name):
            if not part.strip() or part.strip() in ("et al.", "et al"):
                continue
            if not _is_name(part.strip()):
                return []
            offset = text.find(part.strip(), a)
            spans.append((start + offset, start + offset + len(part.strip())))
    return spans


def _merge_apa_initials(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """APA writes "Porter, M. E., & Krugman, P.": a piece of initials belongs to the surname before."""
    merged: list[tuple[int, int]] = []
    for a, b in pieces:
        if merged and all(INITIALS.match(t) for t in text[a:b].split()) and text[a:b].strip():
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def _is_name(name: str) -> bool:
    """Whether a string reads as a person's name: one to five words, each capitalised or an initial."""
    words = [w for w in re.split(r"[\s,.]+", name) if w]
    if not 1 <= len(words) <= 5:
        return False
    return all(w[0].isupper() or w.lower() in NAME_PARTICLES or (i > 0 and w.isalpha() and w.islower() and len(words) == 2)
               for i, w in enumerate(words)) and any(len(w) > 1 for w in words)


def _surnames(raw: str, spans: Iterable[tuple[int, int]]) -> tuple[str, ...]:
    return tuple(surname(raw[a:b]) for a, b in spans)


def surname(name: str) -> str:
    """The family name in a name as cited.

    "Porter, M. E." -> Porter (APA: before the comma); "Feldman MP" -> Feldman (trailing initials);
    "WEN Hu" -> WEN (GB/T 7714 writes the surname in capitals); "Michael E. Porter" -> Porter (given
    names first); "Liu Youjin", "Wang jici" -> Liu, Wang: when both words of a two-word name are
    pinyin, or the second is lower case, the name is Chinese and written surname first.
    """
    name = re.sub(r"\bet al\.?", "", name).strip(" ,.")
    if "," in name:
        return name.split(",")[0].strip()
    words = [w for w in re.split(r"\s+|(?<=\.)(?=[A-Z])", name) if w]
    if len(words) > 1 and INITIALS.match(words[-1]) and words[-1].isupper() and len(words[-1].rstrip(".")) <= 3:
        words = words[:-1]  # "Feldman MP"
    words = [w for w in words if not re.match(r"^(?:[A-Z]\.-?)+$|^[A-Z]$", w) or w == words[-1]]
    if not words:
        return name
    if len(words) > 1:
        capitals = [w for w in words if w.isupper() and len(w) > 1]
        if len(capitals) == 1 and any(not w.isupper() for w in words):
            return capitals[0]
        if len(words) == 2 and (words[1][0].islower() or all(PINYIN.match(w) for w in words)):
            return words[0]
    last = len(words) - 1
    while last > 0 and words[last - 1].lower() in NAME_PARTICLES:
        last -= 1
    return "".join(words[last:]) if last < len(words) - 1 else words[-1]


# In-text citations ---------------------------------------------------------------------------------

PARENTHESIS = re.compile(r"\(([^()]{2,400})\)")
CITATION_ITEM = re.compile(rf"^(?P<names>.*?[^\d\s,])[\s,]*(?P<year>{YEAR})[a-z]?$")
NARRATIVE = re.compile(
    rf"\b(?P<names>(?:[A-Z][A-Za-z'’\-]+\s+(?:and|&)\s+)?[A-Z][A-Za-z'’\-]+(?:\s+et al\.?)?)\s*\((?P<year>{YEAR})[a-z]?\)")


def find_citations(paragraph: Paragraph, text: str) -> Iterator[Reference]:
    """Author-year citations in a cleaned paragraph, each as an inline Reference located in `text`."""
    for group in PARENTHESIS.finditer(paragraph.text):
        position = group.start(1)
        for item in re.split(r"(;)", group.group(1)):
            if item != ";":
                yield from _citation(paragraph, text, item, position)
            position += len(item)
    for match in NARRATIVE.finditer(paragraph.text):
        names = [surname(n) for n in re.split(r"\s+(?:and|&)\s+", re.sub(r"\s+et al\.?$", "", match.group("names")))]
        yield _located(paragraph, text, match.start(), match.end(), tuple(names), int(match.group("year")))


# A numeric citation: "[3]", "[4, 5]", "[1-3]", "[4]-[6]".
NUMERIC_CITATION = re.compile(r"\[\d{1,3}(?:\s*[,，\-–]\s*\d{1,3})*\](?:\s*[\-–,]\s*\[\d{1,3}\])*")
# One item of an author-year group as a parser sees it: a capitalised name (any words, "et al.") and a year.
CITED_ITEM = re.compile(rf"^(?i:{LEAD_WORDS})?\s*,?\s*[A-Z][^()]*?[\s,，]\s*{YEAR}[a-z]?"
                        r"(?:\s*[,:，]\s*(?:pp?\.\s*)?\d+(?:[\-–]\d+)?)?$")


def citation_marks(text: str) -> list[tuple[int, int]]:
    """Where the in-text citations of a paragraph sit, each with the spaces before it: numeric brackets
    and parenthetical groups whose every item is an author and a year. A parser reads the sentence better
    without them ("Clusters (Porter 1990; Cooke 2002) foster innovation")."""
    marks = [m.span() for m in NUMERIC_CITATION.finditer(text)]
    for group in PARENTHESIS.finditer(text):
        items = [item.strip() for item in re.split(r"[;；]", group.group(1))]
        if all(CITED_ITEM.match(item) for item in items):
            marks.append(group.span())
    widened = []
    for start, end in sorted(marks):
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        if widened and start < widened[-1][1]:
            continue
        widened.append((start, end))
    return widened


def _citation(paragraph: Paragraph, text: str, item: str, position: int) -> Iterator[Reference]:
    """One item of a parenthetical group, such as "Audretsch,Freldman,1996"."""
    lead = CITATION_LEADS.match(item.strip())
    stripped = item.strip()[lead.end():] if lead else item.strip()
    match = CITATION_ITEM.match(stripped)
    if not match:
        return
    names = [n.strip() for n in re.split(r",|&|\band\b", match.group("names")) if n.strip()]
    names = [n for n in names if not INITIALS.match(n)]
    if not names or not all(_is_name(n) for n in names):
        return
    start = position + item.find(stripped)
    yield _located(paragraph, text, start, start + len(stripped), tuple(surname(n) for n in names), int(match.group("year")))


def _located(paragraph: Paragraph, text: str, start: int, end: int, authors: tuple[str, ...], year: int) -> Reference:
    source_start, source_end = paragraph.to_source(start, end)
    return Reference(raw=text[source_start:source_end], start=source_start, end=source_end, authors=authors,
                     year=year, inline=True)


# Work keys ------------------------------------------------------------------------------------------

def work_key(reference: Reference) -> str:
    """A key shared by every citation of one work: the first author's surname, reduced, plus the year.

    The surname is folded to lower-case ASCII letters. A surname longer than `SHORT_SURNAME` letters
    is then reduced to its first letter followed by its consonants, without "r" and with doubled
    letters written once: "Porter" and "Poter" give "pt", "Feldman" and "Freldman" "fldmn",
    "Marshall" and "Mashall" "msl", "Becattini" and "Bacattini" "bctn". So a one-letter typo that adds,
    drops or changes a vowel or an "r", or doubles a letter, keeps the key; a changed consonant does
    not. Shorter surnames ("Liu", "Li", "Lu") are kept whole, since reducing them would merge distinct
    Chinese surnames. The year follows ("pt-1998"); without a year, the title's first three words do.
    Two works collide only when their surnames reduce alike and their years agree.
    """
    name = _fold(reference.authors[0]) if reference.authors else "anon"
    key = name if len(name) <= SHORT_SURNAME else _skeleton(name)
    if reference.year:
        return f"{key}-{reference.year}"
    words = _fold_words(reference.title or reference.raw)[:3]
    return "-".join([key, "nd", *words])


def _fold(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", ascii_text.lower()) or "anon"


def _fold_words(text: str) -> list[str]:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", ascii_text)


def _skeleton(name: str) -> str:
    reduced = name[0] + re.sub(r"[aeiouyr]", "", name[1:])
    return re.sub(r"(.)\1+", r"\1", reduced)


# Helpers ---------------------------------------------------------------------------------------------

def _with_raw(reference: Reference, text: str, start: int, end: int) -> Reference:
    """The reference with its raw text taken from the original (the parse ran on cleaned text)."""
    return Reference(raw=text[start:end], start=start, end=end, authors=reference.authors, year=reference.year,
                     title=reference.title, venue=reference.venue, doi=reference.doi, inline=False)


def _span_text(raw: str, span: tuple[int, int] | None) -> str | None:
    if span is None:
        return None
    value = " ".join(raw[span[0]:span[1]].split()).strip(" .,;*")
    return re.sub(r"\[[A-Z]\]$", "", value).strip() or None


def _strip_span(raw: str, start: int, end: int, chars: str) -> tuple[int, int]:
    while start < end and raw[start] in chars:
        start += 1
    while end > start and raw[end - 1] in chars:
        end -= 1
    return start, end


def _skip_space(raw: str, position: int) -> int:
    while position < len(raw) and raw[position] in " .":
        position += 1
    return position


def _sentence_stop(raw: str, start: int) -> int:
    """The first full stop that ends a sentence (not an initial such as "M." in "Porter M. E.")."""
    for match in re.finditer(r"\.(?:\s|$)", raw[start:]):
        before = raw[start:start + match.start()].split()
        if before and not INITIALS.match(before[-1]):
            return start + match.start()
    return -1
