"""Read a paper file (plain text, Markdown or PDF) into a Paper: its text, sections, metadata and
references. Every failure is an InputError naming the file and the reason."""

from __future__ import annotations

import hashlib
import io
import zlib
from collections.abc import Iterable
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

from kg.errors import InputError
from kg.ingest.metadata import match_record, merge, metadata_from_text, read_bibliography
from kg.ingest.references import find_citations, references_of
from kg.ingest.segment import segment
from kg.ingest.types import CONTENT_KINDS, BibRecord, Paper, Reference, Section

__all__ = ["DEFAULT_MAX_BYTES", "find_inputs", "read_bibliography", "read_paper"]

PAPER_FORMATS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".pdf": "pdf"}
BIBLIOGRAPHY_SUFFIXES = (".bib", ".ris", ".json")
# Files larger than this are refused before being read. A full-text PDF with figures is rarely over
# 20 MB and the largest seed paper has 34 KB of text; 50 MB keeps a stray data file or scan from
# filling memory.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
# A text file with more than this share of control characters (other than tab, newline, carriage
# return and form feed) is binary. Real text has none; 1% leaves room for a stray one.
CONTROL_SHARE = 0.01
PAGE_SEPARATOR = "\n\n"
# What pypdf raises on a damaged file: its own PdfReadError (PdfStreamError is a subclass) and, for
# broken objects it does not guard, these built-in errors and zlib's.
PDF_ERRORS = (PdfReadError, ValueError, KeyError, TypeError, IndexError, AttributeError, AssertionError,
              RecursionError, zlib.error)


def find_inputs(corpus_dir: Path | str) -> tuple[list[Path], list[Path]]:
    """The papers (.txt .md .markdown .pdf) and bibliographies (.bib .ris .json) in a folder, sorted by
    name. Hidden files are skipped."""
    folder = Path(corpus_dir)
    if not folder.is_dir():
        raise InputError(folder, "is not a folder")
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    papers = [p for p in files if p.suffix.lower() in PAPER_FORMATS]
    bibliographies = [p for p in files if p.suffix.lower() in BIBLIOGRAPHY_SUFFIXES]
    return papers, bibliographies


def read_paper(path: Path | str, bibliography: list[BibRecord] | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES) -> Paper:
    """Read, segment and describe one paper.

    bibliography: records read from bibliography files; the one matching this paper supplies its
    metadata. max_bytes: larger files are refused.
    """
    path = Path(path)
    file_format = PAPER_FORMATS.get(path.suffix.lower())
    if file_format is None:
        raise InputError(path, f"unsupported file type {path.suffix or '(none)'!r}: use .txt, .md, .markdown or .pdf")
    data = _read_bytes(path, max_bytes)
    if file_format == "pdf":
        text, pages = _pdf_text(path, data)
    else:
        text, pages = _decode_text(path, data), ()
    sections = segment(text, pages, markdown=file_format == "markdown")
    metadata = metadata_from_text(text, sections)
    record = match_record(path, text, sections, metadata, bibliography or [])
    if record is not None:
        metadata = merge(metadata, record)
    return Paper(path=path, text=text, format=file_format, content_hash=hashlib.sha256(data).hexdigest(),
                 metadata=metadata, sections=sections, references=tuple(find_references(text, sections)),
                 pages=pages)


def find_references(text: str, sections: Iterable[Section]) -> list[Reference]:
    """Reference-list entries, then author-year citations in the content sections, in text order."""
    entries: list[Reference] = []
    citations: list[Reference] = []
    for section in sections:
        if section.kind == "references":
            entries.extend(references_of(section.paragraphs, text))
        elif section.kind in CONTENT_KINDS:
            for paragraph in section.paragraphs:
                citations.extend(find_citations(paragraph, text))
    return entries + sorted(citations, key=lambda r: r.start)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(path, f"is {size:,} bytes, over the limit of {max_bytes:,} bytes")
        data = path.read_bytes()
    except FileNotFoundError as e:
        raise InputError(path, "does not exist") from e
    except IsADirectoryError as e:
        raise InputError(path, "is a folder, not a file") from e
    except OSError as e:
        raise InputError(path, f"cannot be read: {e.strerror or e}") from e
    if not data.strip():
        raise InputError(path, "is empty")
    return data


def _decode_text(path: Path, data: bytes) -> str:
    """UTF-8 (a leading byte-order mark removed), newlines translated as Python's text mode does, so
    offsets agree with `open(path, encoding="utf-8").read()` on files without a byte-order mark."""
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(path, f"is binary, not text (NUL byte at offset {nul})")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(path, f"is not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start} cannot be decoded); "
                               "save it as UTF-8") from e
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > CONTROL_SHARE * len(text):
        raise InputError(path, f"is binary, not text ({controls} control characters)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(path, "is empty")
    return text


def _pdf_text(path: Path, data: bytes) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The page texts joined with a blank line, and each page's (start, end) in the result."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(path, "is an encrypted PDF (password-protected); save an unprotected copy")
        pages = list(reader.pages)
    except (FileNotDecryptedError, DependencyError) as e:
        raise InputError(path, f"is an encrypted PDF that cannot be opened without its password ({e})") from e
    except PDF_ERRORS as e:
        raise InputError(path, f"is not a readable PDF (corrupt or truncated: {e})") from e
    texts = []
    for number, page in enumerate(pages, start=1):
        try:
            texts.append((page.extract_text() or "").replace("\r\n", "\n").replace("\r", "\n"))
        except (FileNotDecryptedError, DependencyError) as e:
            raise InputError(path, f"page {number}: encrypted content cannot be read ({e})") from e
        except PDF_ERRORS as e:
            raise InputError(path, f"page {number}: text cannot be extracted (corrupt page: {e})") from e
    if not any(t.strip() for t in texts):
        raise InputError(path, f"is a PDF with no extractable text ({len(texts)} pages; a scan? run OCR first)")
    return _join_pages(texts)


def _join_pages(texts: list[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    spans, position = [], 0
    for text in texts:
        spans.append((position, position + len(text)))
        position += len(text) + len(PAGE_SEPARATOR)
    return PAGE_SEPARATOR.join(texts), tuple(spans)

