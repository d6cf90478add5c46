"""Bibliographic metadata: guessed from a paper's text (each value with its span), read from a
bibliography file beside the papers (BibTeX, RIS or CSL-JSON, as Zotero exports them), and merged.

A record is matched to a paper by its file field naming the paper's file, else by a DOI found in the
paper's own text (not its reference list), else by title similarity. A record's values win over the
text's; a text value that agrees with the record keeps its span, so it stays located in the file.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import replace
from difflib import SequenceMatcher
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

import bibtexparser
import rispy
from bibtexparser import middlewares

from kg.errors import InputError
from kg.ingest.references import DOI_RE, YEAR_RE, split_entry
from kg.ingest.types import BibRecord, Metadata, Paragraph, Section, Span

# Title similarity (difflib ratio of the normalised titles) from which a record matches a paper without
# a file or DOI: high, since two papers of one field often share most of their words.
TITLE_SIMILARITY = 0.9
# Publication kinds by the bibliography formats' type names, and by GB/T 7714 type codes ("[J]").
KINDS = {
    "article": "journal-article", "article-journal": "journal-article", "jour": "journal-article", "ejour": "journal-article",
    "inproceedings": "conference-paper", "conference": "conference-paper", "paper-conference": "conference-paper",
    "conf": "conference-paper", "cpaper": "conference-paper",
    "book": "book", "incollection": "book-chapter", "inbook": "book-chapter", "chapter": "book-chapter", "chap": "book-chapter",
    "techreport": "report", "report": "report", "rprt": "report",
    "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis", "thes": "thesis",
}
GBT_KINDS = {"J": "journal-article", "C": "conference-paper", "M": "book", "D": "thesis", "R": "report"}
# Front-matter lines that are not affiliations even when they start with a marker.
NOT_AFFILIATION = re.compile(r"^\W*(?:corresponding|e-?mail|received|revised|accepted|published|online|supported)", re.I)
MARKER = re.compile(r"^\s*(?:\d{1,2}\.\s*\d{1,2}\.|\d{1,2}\.?|[\u00b9\u00b2\u00b3\u2070-\u2079]+|[*\u2020\u2021]+)\s*(?=\S)")
JOURNAL_HEADER = re.compile(r"\bdoi\b|\bvol\.|\bvolume\b|\bissue\b|››|»", re.I)
VENUE_AT_START = re.compile(r"^\s*(?P<venue>[A-Z][A-Za-z&.\- ]*[A-Za-z])\s*(?:››|»|,|\(|\d)")
SERIES = re.compile(r"^\s*Part of the (?P<venue>.+?)(?: book series| series|\s*\(|$)")


# From the text ---------------------------------------------------------------------------------------

def metadata_from_text(text: str, sections: Sequence[Section]) -> Metadata:
    """Title, authors, affiliations, year, venue, DOI, keywords and kind found in the paper's text."""
    front = [p for s in sections if s.kind == "front" for p in s.paragraphs]
    title_section = next((s for s in sections if s.kind == "title"), None)
    citation = _self_citation(text, title_section)
    title = _title(title_section)
    authors = citation["authors"] if citation else _authors(text, sections)
    return Metadata(
        title=title,
        authors=authors,
        affiliations=_affiliations(text, sections),
        year=_year(text, front) or (citation["year"] if citation else None),
        venue=_venue(text, front) or (citation["venue"] if citation else None),
        doi=_doi(text, front),
        keywords=_keywords(text, sections),
        kind=_kind(text, front, citation),
    )


def _title(section: Section | None) -> Span | None:
    if section is None or not section.paragraphs:
        return None
    paragraph = section.paragraphs[0]
    text = paragraph.text.removesuffix(".")  # a title line written as a sentence
    start, end = paragraph.to_source(0, len(text))
    return Span(text, start, end)


def _self_citation(text: str, section: Section | None) -> dict[str, Any] | None:
    """Authors, venue and year of a line that cites the paper itself (the title sits inside it)."""
    if section is None:
        return None
    line_start = text.rfind("\n", 0, section.start) + 1
    line_end = text.find("\n", section.end)
    line_end = len(text) if line_end < 0 else line_end
    if line_start == section.start and line_end == section.end:
        return None
    parts = split_entry(text[line_start:line_end])
    if parts is None:
        return None
    authors = tuple(Span(text[line_start + a:line_start + b], line_start + a, line_start + b) for a, b in parts.authors)
    venue = Span(text[line_start + parts.venue[0]:line_start + parts.venue[1]], line_start + parts.venue[0],
                 line_start + parts.venue[1]) if parts.venue else None
    year = None
    if parts.year:
        match = re.search(str(parts.year), text[line_start:line_end])
        if match:
            year = Span(match.group(0), line_start + match.start(), line_start + match.end())
    code = re.search(r"\[([A-Z])\]", text[line_start:line_end])
    return {"authors": authors, "venue": venue, "year": year, "kind": GBT_KINDS.get(code.group(1)) if code else None}


def _authors(text: str, sections: Sequence[Section]) -> tuple[Span, ...]:
    """The names on the first front line after the title, when that line is a list of names."""
    after_title = False
    for section in sections:
        if section.kind == "title":
            after_title = True
        elif section.kind == "front" and after_title and section.paragraphs:
            return _names(text, section.paragraphs[0])
        elif after_title:
            return ()
    return ()


def _names(text: str, paragraph: Paragraph) -> tuple[Span, ...]:
    original = text[paragraph.start:paragraph.end]
    names = []
    for match in re.finditer(r"[^,;&]+", original):
        for part in re.split(r"\s+and\s+", match.group(0)):
            name = re.sub(r"\^\{[^}]*\}|[\u00b9\u00b2\u00b3\u2070-\u2079*\u2020\u2021]|\(\s*\)|\d", "", part)
            name = " ".join(name.split())
            words = name.split()
            if not 2 <= len(words) <= 4 or not all(w[0].isupper() and w.replace("-", "").replace(".", "").isalpha() for w in words):
                return ()
            offset = paragraph.start + original.find(words[0], match.start())
            end = text.find(words[-1], offset) + len(words[-1])
            names.append(Span(name, offset, end))
    return tuple(names)


def _affiliations(text: str, sections: Sequence[Section]) -> tuple[Span, ...]:
    """Front lines that start with an affiliation marker ("1.", "¹", "*"), and the lines of an
    "Authors and Affiliations" block."""
    found = []
    for section in sections:
        if section.kind != "front":
            continue
        listed = bool(section.heading and "affiliation" in section.heading.lower())
        for paragraph in section.paragraphs:
            original = text[paragraph.start:paragraph.end]
            marker = MARKER.match(original)
            if (marker or listed) and not NOT_AFFILIATION.match(original[marker.end() if marker else 0:]):
                start = paragraph.start + (marker.end() if marker else 0)
                if re.search(r"[A-Za-z]{3}", text[start:paragraph.end]):
                    found.append(Span(" ".join(text[start:paragraph.end].split()), start, paragraph.end))
    return tuple(found)


def _header_lines(text: str, front: Iterable[Paragraph]) -> list[Paragraph]:
    """Front lines that carry publication data: a journal header, a copyright or publication date."""
    return [p for p in front if JOURNAL_HEADER.search(text[p.start:p.end]) or re.search(r"©|copyright|published", text[p.start:p.end], re.I)]


def _year(text: str, front: Iterable[Paragraph]) -> Span | None:
    for paragraph in _header_lines(text, front):
        match = YEAR_RE.search(text, paragraph.start, paragraph.end)
        if match:
            return Span(match.group(0), match.start(), match.end())
    return None


def _venue(text: str, front: Iterable[Paragraph]) -> Span | None:
    for paragraph in front:
        original = text[paragraph.start:paragraph.end]
        match = SERIES.match(original)
        if not match and JOURNAL_HEADER.search(original):
            match = VENUE_AT_START.match(original)
        if match:
            start = paragraph.start + match.start("venue")
            return Span(match.group("venue"), start, start + len(match.group("venue")))
    return None


def _doi(text: str, front: Iterable[Paragraph]) -> Span | None:
    for paragraph in front:
        match = DOI_RE.search(text, paragraph.start, paragraph.end)
        if match:
            value = match.group(0).rstrip(".,;)")
            return Span(value, match.start(), match.start() + len(value))
    return None


def _keywords(text: str, sections: Sequence[Section]) -> tuple[Span, ...]:
    """Each key phrase of the keywords section, split at ; , no-break spaces or tabs of the original."""
    found = []
    for section in sections:
        if section.kind != "keywords":
            continue
        for paragraph in section.paragraphs:
            for match in re.finditer(r"[^;,\u00a0\t；，]+", text[paragraph.start:paragraph.end]):
                value = " ".join(match.group(0).split()).strip(" .")
                if value:
                    start = paragraph.start + match.start() + (len(match.group(0)) - len(match.group(0).lstrip()))
                    end = paragraph.start + match.start() + len(match.group(0).rstrip(" \n\t\u00a0."))
                    found.append(Span(value, start, end))
    return tuple(found)


def _kind(text: str, front: Sequence[Paragraph], citation: dict[str, Any] | None) -> str | None:
    for paragraph in front:
        original = text[paragraph.start:paragraph.end].strip().lower()
        if original in ("conference paper", "chapter", "article", "research article", "review article"):
            return {"conference paper": "conference-paper", "chapter": "book-chapter"}.get(original, "journal-article")
    if citation and citation["kind"]:
        return citation["kind"]
    if any(re.search(r"\bvol\.|\bissue\b", text[p.start:p.end], re.I) for p in front):
        return "journal-article"
    return None


# Bibliography files ----------------------------------------------------------------------------------

def read_bibliography(path: Path) -> list[BibRecord]:
    """The records of a BibTeX (.bib), RIS (.ris) or CSL-JSON (.json) file."""
    path = Path(path)
    try:
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(path, f"is not UTF-8 text (byte {e.start}); export it as UTF-8") from e
    except OSError as e:
        raise InputError(path, f"cannot be read: {e.strerror or e}") from e
    suffix = path.suffix.lower()
    if suffix == ".bib":
        return _read_bibtex(path, content)
    if suffix == ".ris":
        return _read_ris(path, content)
    if suffix == ".json":
        return _read_csl_json(path, content)
    raise InputError(path, f"unsupported bibliography format {suffix!r}: use .bib, .ris or .json (CSL-JSON)")


def _read_bibtex(path: Path, content: str) -> list[BibRecord]:
    library = bibtexparser.parse_string(content, append_middleware=[
        middlewares.LatexDecodingMiddleware(), middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()])
    if library.failed_blocks:
        block = library.failed_blocks[0]
        raise InputError(path, f"line {block.start_line + 1}: not valid BibTeX: {block.error}")
    records = []
    for entry in library.entries:
        fields = {key.lower(): value for key, value in ((f.key, f.value) for f in entry.fields)}
        authors = tuple(" ".join(n.first + n.von + n.last + n.jr) for n in fields.get("author", []) if hasattr(n, "last"))
        records.append(BibRecord(
            source=path.name, key=entry.key, kind=KINDS.get(entry.entry_type.lower()),
            title=_text(fields.get("title")), authors=authors, year=_year_of(fields.get("year") or fields.get("date")),
            venue=_text(fields.get("journal") or fields.get("journaltitle") or fields.get("booktitle") or fields.get("series")),
            doi=_doi_of(fields.get("doi")), keywords=_split_keywords(fields.get("keywords")),
            files=_file_names(fields.get("file"))))
    return records


def _read_ris(path: Path, content: str) -> list[BibRecord]:
    try:
        entries = rispy.loads(content)
    except (ValueError, KeyError, OSError) as e:  # rispy reports a malformed file as IOError
        raise InputError(path, f"not valid RIS: {e}") from e
    starts = len(re.findall(r"^TY  - ", content, re.MULTILINE))
    if not entries and content.strip():
        raise InputError(path, "not valid RIS: no record (each starts with 'TY  - ' and ends with 'ER  - ')")
    if starts > len(entries):
        raise InputError(path, f"not valid RIS: {starts} records start with 'TY  - ' but {len(entries)} end with 'ER  - '")
    records = []
    for n, entry in enumerate(entries):
        files = [f for key in ("file_attachments1", "file_attachments2") for f in _as_list(entry.get(key))]
        records.append(BibRecord(
            source=path.name, key=str(entry.get("id") or n + 1), kind=KINDS.get(str(entry.get("type_of_reference", "")).lower()),
            title=_text(entry.get("title") or entry.get("primary_title")),
            authors=tuple(_given_family(a) for a in _as_list(entry.get("authors") or entry.get("first_authors"))),
            year=_year_of(entry.get("year") or entry.get("publication_year") or entry.get("date")),
            venue=_text(entry.get("journal_name") or entry.get("secondary_title") or entry.get("alternate_title3")),
            doi=_doi_of(entry.get("doi")), keywords=tuple(_as_list(entry.get("keywords"))),
            files=_file_names(";".join(files))))
    return records


def _read_csl_json(path: Path, content: str) -> list[BibRecord]:
    try:
        data = json.loads(content)
    except json.JSONDecodeError as e:
        raise InputError(path, f"line {e.lineno}: not valid JSON: {e.msg}") from e
    items = data.get("items", [data]) if isinstance(data, dict) else data
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise InputError(path, "not CSL-JSON: expected a list of items (objects with 'type' and 'title')")
    records = []
    for n, item in enumerate(items):
        issued = (item.get("issued") or {}).get("date-parts") or [[None]]
        names = [f"{a.get('given', '')} {a.get('family', '')}".strip() or a.get("literal", "") for a in item.get("author", [])]
        records.append(BibRecord(
            source=path.name, key=str(item.get("id", n + 1)), kind=KINDS.get(str(item.get("type", "")).lower()),
            title=_text(item.get("title")), authors=tuple(n for n in names if n),
            year=_year_of(str(issued[0][0]) if issued and issued[0] and issued[0][0] else None),
            venue=_text(item.get("container-title") or item.get("collection-title")), doi=_doi_of(item.get("DOI")),
            keywords=_split_keywords(item.get("keyword")), files=_file_names(item.get("file") or item.get("attachments"))))
    return records


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None:
        return None
    return " ".join(str(value).replace("{", "").replace("}", "").split()) or None


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _given_family(name: str) -> str:
    """RIS writes "Family, Given": as "Given Family", like the other formats."""
    family, _, given = name.partition(",")
    return f"{given.strip()} {family.strip()}".strip()


def _year_of(value: Any) -> int | None:
    match = YEAR_RE.search(str(value)) if value is not None else None
    return int(match.group(0)) if match else None


def _doi_of(value: Any) -> str | None:
    match = DOI_RE.search(str(value)) if value else None
    return match.group(0).rstrip(".,;)").lower() if match else None


def _split_keywords(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(k.strip() for k in re.split(r"[;,]", str(value or "")) if k.strip())


def _file_names(value: Any) -> tuple[str, ...]:
    """Base names of attached files. Zotero writes "Description:path/name.pdf:application/pdf",
    several separated by ";"; plain paths and lists are taken as they are."""
    names = []
    for item in _as_list(value) if isinstance(value, list) else re.split(r";", str(value or "")):
        if isinstance(item, dict):
            item = item.get("path") or item.get("title") or ""
        parts = [p for p in re.split(r"(?<!\\):(?![\\/])", item) if re.search(r"\.\w{2,8}$", p.strip())]
        path = (parts[-1] if parts else item).strip().replace("\\:", ":")
        if path:
            name = PureWindowsPath(path).name if "\\" in path else PurePosixPath(path).name
            names.append(name)
    return tuple(names)


# Matching and merging --------------------------------------------------------------------------------

def match_record(path: Path, text: str, sections: Sequence[Section], metadata: Metadata,
                 records: Iterable[BibRecord]) -> BibRecord | None:
    """The record that describes this paper: by file name, else DOI, else title similarity."""
    records = list(records)
    by_file = [r for r in records if path.name in r.files]
    if by_file:
        return by_file[0]
    dois = _own_dois(text, sections)
    by_doi = [r for r in records if r.doi and r.doi.lower() in dois]
    if by_doi:
        return by_doi[0]
    if metadata.title is None:
        return None
    scored = [(_title_similarity(metadata.title.value, r.title), r) for r in records if r.title]
    best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
    return best[1] if best[0] >= TITLE_SIMILARITY else None


def _own_dois(text: str, sections: Sequence[Section]) -> set[str]:
    """DOIs in the paper's text outside its reference list."""
    found = set()
    for section in sections:
        if section.kind != "references":
            found.update(m.group(0).rstrip(".,;)").lower() for m in DOI_RE.finditer(text, section.start, section.end))
    return found


def normalize_title(title: str) -> str:
    """Lower-case ASCII words only, for comparing titles and names across sources."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    return " ".join(re.findall(r"[a-z0-9]+", ascii_text))


def _title_similarity(a: str, b: str | None) -> float:
    return SequenceMatcher(None, normalize_title(a), normalize_title(b or "")).ratio()


def merge(metadata: Metadata, record: BibRecord) -> Metadata:
    """The record's values over the text's; a text value equal to the record's keeps its span."""
    return replace(
        metadata,
        title=_prefer(record.title, metadata.title),
        authors=tuple(_located(a, _find_author(a, metadata.authors)) for a in record.authors) or metadata.authors,
        year=_prefer(str(record.year) if record.year else None, metadata.year),
        venue=_prefer(record.venue, metadata.venue),
        doi=_prefer(record.doi, metadata.doi),
        keywords=tuple(_located(k, _find_value(k, metadata.keywords)) for k in record.keywords) or metadata.keywords,
        kind=record.kind or metadata.kind,
        source=record.source,
    )


def _prefer(value: str | None, found: Span | None) -> Span | None:
    """The record's value, with the text's span when the text says the same."""
    if value is None:
        return found
    return _located(value, found if found is not None and normalize_title(found.value) == normalize_title(value) else None)


def _located(value: str, found: Span | None) -> Span:
    """A record's value, at the span where the text gives it, or unlocated (-1, -1)."""
    return Span(value, found.start, found.end) if found is not None else Span(value, -1, -1)


def _find_author(name: str, spans: Iterable[Span]) -> Span | None:
    words = set(normalize_title(name).split())
    return next((s for s in spans if set(normalize_title(s.value).split()) == words), None)


def _find_value(value: str, spans: Iterable[Span]) -> Span | None:
    return next((s for s in spans if normalize_title(s.value) == normalize_title(value)), None)
