"""The ingest stage: reading papers, offset-preserving cleaning, segmentation, metadata, references."""

from __future__ import annotations

import io
import json
import random
import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from kg.errors import InputError
from kg.ingest.clean import clean_paragraph
from kg.ingest.metadata import match_record, merge, read_bibliography
from kg.ingest.read import find_inputs, read_paper
from kg.ingest.references import citation_marks, find_citations, parse_reference, surname, work_key
from kg.ingest.segment import segment
from kg.ingest.types import CONTENT_KINDS, BibRecord, Metadata, Paper, Paragraph, Reference, Span

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEEDS = sorted(CORPUS.glob("*.txt"))


def seed(prefix: str) -> Paper:
    return read_paper(next(p for p in SEEDS if p.name.startswith(prefix)))


def kinds(paper: Paper) -> list[str]:
    return [s.kind for s in paper.sections]


def content_text(paper: Paper) -> str:
    return "\n".join(p.text for s in paper.sections if s.kind in CONTENT_KINDS for p in s.paragraphs)


def cleaned(text: str) -> str:
    """The one paragraph the text segments into."""
    paragraphs = [p for s in segment(text) for p in s.paragraphs]
    assert len(paragraphs) == 1, [p.text for p in paragraphs]
    return paragraphs[0].text


def comparable(text: str) -> str:
    """Text with what cleaning changes taken out: width, dot runs, line-break hyphens, whitespace."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\.{2,}", ".", text)
    text = re.sub(r"(?<=[a-z])-\s*\n\s*(?=[a-z])", "", text)
    text = re.sub(r"\n\s*[-•]\s+", "", text)  # the bullet before a wrapped reference entry's second line
    return re.sub(r"\s+", "", text)


# Cleaning --------------------------------------------------------------------------------------------

def test_hyphenated_line_break_is_joined() -> None:
    assert cleaned("The indus-\ntry grew in the region.") == "The industry grew in the region."


def test_hyphen_after_a_prefix_is_kept_across_a_line_break() -> None:
    assert cleaned("Rural e-\ncommerce and co-\noperation spread.") == "Rural e-commerce and co-operation spread."


def test_hyphen_before_a_capital_is_kept() -> None:
    assert cleaned("The Sino-\nJapanese trade grew.") == "The Sino-Japanese trade grew."


def test_line_broken_mid_sentence_is_joined_across_a_blank_line() -> None:
    text = "Mass entrepreneurship has a positive impact on\n\nentrepreneurship [3], as others found.\n"
    assert cleaned(text) == "Mass entrepreneurship has a positive impact on entrepreneurship [3], as others found."


def test_every_line_ending_with_space_and_blank_line_is_one_paragraph() -> None:
    text = "SME clusters reveal that the immediate \n\nenvironments outside the enterprises play important \n\nroles. \n\n"
    assert cleaned(text) == "SME clusters reveal that the immediate environments outside the enterprises play important roles."


def test_whitespace_runs_and_no_break_spaces_collapse_to_one_space() -> None:
    assert cleaned("Taobao\u00a0\u00a0Village   in \n  Junpu grew.") == "Taobao Village in Junpu grew."


def test_fullwidth_punctuation_becomes_ascii_one_to_one() -> None:
    text = "cooperation of production，learning and research（Liu Youjin，2004）；clusters：SMEs."
    assert cleaned(text) == "cooperation of production, learning and research (Liu Youjin, 2004); clusters: SMEs."


def test_mangled_section_number_becomes_a_dotted_number() -> None:
    sections = segment("2．．．．1  Characteristics of clusters in Zhejiang \n\nClusters in Zhejiang grew.\n")
    assert sections[0].heading == "2.1 Characteristics of clusters in Zhejiang"


def test_curly_quotes_glued_between_words_get_spaces_that_map_to_the_quotes() -> None:
    text = "Clusters are known as“the block-shaped economy”traditionally."
    paragraph = clean_paragraph(text, [(0, len(text))])
    assert paragraph is not None
    assert paragraph.text == "Clusters are known as “the block-shaped economy” traditionally."
    space_before = paragraph.text.index("“") - 1
    assert text[paragraph.offsets[space_before]] == "“"
    assert paragraph.to_source(paragraph.text.index("the"), paragraph.text.index("economy") + 7) == \
        (text.index("the"), text.index("economy") + 7)


def test_cjk_lines_are_left_out_of_paragraphs() -> None:
    text = "Abstract: Clusters upgrade in value chains.\n文嫮, 曾刚. 从地方到全球[J]. 人文地理, 2005.\n"
    assert "文" not in "".join(p.text for s in segment(text) for p in s.paragraphs)


def test_web_boilerplate_lines_are_dropped_and_glued_ones_trimmed() -> None:
    paper = seed("001")
    everything = "\n".join(p.text for s in paper.sections for p in s.paragraphs)
    assert "Unable to display preview" not in everything and "Personalised recommendations" not in everything
    assert "Google Scholar" not in everything and "Regional Studies 39:129–141" in everything


def test_page_numbers_and_running_headers_are_dropped() -> None:
    bodies = ["Clusters grow through spin-offs.", "Knowledge spills over.", "Firms imitate leaders.", "Towns specialise."]
    text = "\f".join(f"Journal of Clusters 12 (2020)\n{body}\n{n}\n" for n, body in enumerate(bodies, start=1))
    paragraphs = [p.text for s in segment(text) for p in s.paragraphs]
    assert paragraphs and all("Journal of Clusters" not in p and not p.strip().isdigit() for p in paragraphs)


def test_table_rows_are_body_paragraphs_with_tab_separated_cells() -> None:
    rows = [p.text for s in seed("003").sections if s.kind == "body" for p in s.paragraphs if "\t" in p.text]
    assert "Key elements\tE-commerce environment; geographical advantage\tGovernment policy\tGovernment policy; leader firm" in rows


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_every_cleaned_character_maps_to_its_original(path: Path) -> None:
    paper = read_paper(path)
    for section in paper.sections:
        for paragraph in section.paragraphs:
            assert len(paragraph.offsets) == len(paragraph.text) + 1
            assert list(paragraph.offsets) == sorted(paragraph.offsets)
            for char, offset in zip(paragraph.text, paragraph.offsets):
                if not char.isspace():
                    assert unicodedata.normalize("NFKC", paper.text[offset]) == unicodedata.normalize("NFKC", char)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_random_spans_of_cleaned_text_map_back_to_the_same_text(path: Path) -> None:
    paper = read_paper(path)
    rng = random.Random(path.name)
    for section in paper.sections:
        for paragraph in section.paragraphs:
            for _ in range(20):
                start = rng.randrange(len(paragraph.text))
                end = rng.randrange(start, len(paragraph.text)) + 1
                while start < end and paragraph.text[start].isspace():  # spans of words, as the tokenizer gives
                    start += 1
                while end > start and paragraph.text[end - 1].isspace():
                    end -= 1
                if start == end:
                    continue
                source_start, source_end = paragraph.to_source(start, end)
                assert comparable(paper.text[source_start:source_end]) == comparable(paragraph.text[start:end])


# Segmentation of the five seed papers ----------------------------------------------------------------

def test_000_has_header_title_author_block_unlabelled_abstract_and_key_words() -> None:
    paper = seed("000")
    assert kinds(paper) == ["front", "title", "front", "abstract", "keywords"]
    title = paper.sections[1].paragraphs[0].text
    assert title.startswith("Research progress and prospect") and title.endswith("local entrepreneurship")
    front = " ".join(p.text for s in paper.sections if s.kind == "front" for p in s.paragraphs)
    assert all(x in front for x in ("PROGRESS IN GEOGRAPHY", "Wenying FU", "School of Geography", "Received", "41301109"))
    assert paper.sections[3].paragraphs[0].text.startswith("Drawing from the key research results")
    assert paper.sections[4].paragraphs[0].text == "local entrepreneurship, industrial cluster, cluster ecology, agency, progress"


def test_001_has_title_unlabelled_abstract_and_keywords_and_a_numbered_reference_list() -> None:
    paper = seed("001")
    assert kinds(paper) == ["title", "front", "abstract", "keywords", "references", "front", "front"]
    assert paper.sections[3].paragraphs[0].text == "Innovative cluster Forming mechanism Realization path"
    references = paper.sections[4].paragraphs
    assert len(references) == 10 and references[0].text.startswith("Feldman MP, Francis J")
    assert [s.heading for s in paper.sections[5:]] == ["Copyright information", "Authors and Affiliations"]


def test_002_abstract_label_is_glued_and_its_own_citation_line_gives_the_title() -> None:
    paper = seed("002")
    assert kinds(paper) == ["abstract", "front", "front", "title", "front"]
    assert paper.sections[0].heading == "Abstract"
    assert paper.sections[0].paragraphs[0].text.startswith("The research of industrial cluster")
    assert paper.sections[3].paragraphs[0].text == "FROM LOCAL TO GLOBAL: THE CLUSTER UPGRADING RESEARCH IN GLOBAL VALUE CHAIN"
    assert "WEN Hu" not in content_text(paper) and "HUMAN GEOGRAPHY" not in content_text(paper)


def test_003_has_labelled_parts_caps_and_title_case_headings_acknowledgements_and_references() -> None:
    paper = seed("003")
    assert kinds(paper)[:4] == ["title", "front", "abstract", "keywords"]
    assert kinds(paper)[-2:] == ["acknowledgements", "references"]
    headings = [s.heading for s in paper.sections if s.kind == "body"]
    assert headings[:4] == ["INTRODUCTION", "LITERATURE REVIEW AND THEORETICAL FRAMEWORK",
                            "Concept of entrepreneurial cluster proposed",
                            "New interpretation of the formation of the e-commerce entrepreneurial clusters"]
    assert {"Case study", "Data collection", "CASE DISCUSSION", "CONCLUSION"} <= set(headings)
    assert len(paper.sections[-1].paragraphs) == 20
    front = " ".join(p.text for s in paper.sections if s.kind == "front" for p in s.paragraphs)
    assert "14lkzou@stu.edu.cn" in front and "Shantou University" in front


def test_003_paragraph_cut_by_a_blank_line_is_joined() -> None:
    assert "positive impact on entrepreneurship [3], Lundstrom" in content_text(seed("003"))


def test_003_wrapped_reference_entry_is_one_paragraph() -> None:
    entries = seed("003").sections[-1].paragraphs
    assert entries[13].text.endswith("with focus on entrepreneurial competencies. *Journal of Business Venturing*, 2002; 17(2): 123-142.")


def test_004_numbered_headings_open_sections_but_numbered_paragraphs_do_not() -> None:
    paper = seed("004")
    assert kinds(paper)[:3] == ["abstract", "keywords", "body"]
    headings = [s.heading for s in paper.sections if s.kind == "body"]
    assert "2.1 Characteristics of clusters in Zhejiang" in headings
    assert "3. The countermeasures of promoting industry clusters and development of SMEs" in headings
    assert "3.4 To intensify industry-research collaboration, and gradually realize the modernization and up-grade of clusters" in headings
    assert not any(h.startswith(("2.1.1", "3.1.2", "3.5.1")) for h in headings)
    zhejiang = next(s for s in paper.sections if s.heading == "2.1 Characteristics of clusters in Zhejiang")
    assert any(p.text.startswith("2.1.1 The reasons for which clusters have formed in Zhejiang include") for p in zhejiang.paragraphs)


def test_004_abstract_runs_to_the_key_words() -> None:
    abstract = seed("004").sections[0]
    assert abstract.heading == "Abstract" and len(abstract.paragraphs) == 3
    assert abstract.paragraphs[0].text.endswith("such as UNIDO and OECD.")


def test_every_gold_mention_lies_in_a_content_paragraph_and_maps_back(shared_dir: Path) -> None:
    gold_files = sorted((shared_dir / "eval-dev" / "gold").glob("*.jsonl"))
    assert len(gold_files) == 5
    for gold in gold_files:
        paper = read_paper(CORPUS / f"{gold.stem}.txt")
        paragraphs = [p for s in paper.sections if s.kind in CONTENT_KINDS for p in s.paragraphs]
        for line in gold.read_text(encoding="utf-8").splitlines():
            mention = json.loads(line)
            assert _covered(paragraphs, mention["start"], mention["end"]), (gold.stem, mention)


def _covered(paragraphs: list, start: int, end: int) -> bool:
    """Whether a paragraph's cleaned characters, mapped back, give exactly [start, end)."""
    for paragraph in paragraphs:
        if paragraph.start <= start and end <= paragraph.end:
            inside = [i for i, offset in enumerate(paragraph.offsets[:-1]) if start <= offset < end]
            if inside and paragraph.to_source(inside[0], inside[-1] + 1) == (start, end):
                return True
    return False


def test_author_affiliation_acknowledgement_and_reference_text_is_not_content() -> None:
    content = {p.name[:3]: content_text(read_paper(p)) for p in SEEDS}
    assert "Wenying FU" not in content["000"] and "Received" not in content["000"]
    assert "Feldman MP" not in content["001"] and "Springer-Verlag" not in content["001"]
    assert "Qiang Liang" not in content["003"] and "National Social Science Foundation" not in content["003"]
    assert "Busenitz LW" not in content["003"]


def test_markdown_hash_lines_are_section_headings(tmp_path: Path) -> None:
    path = tmp_path / "paper.md"
    path.write_text("# Clusters and spin-offs in Wenzhou\n\n## Abstract\n\nSpin-offs drive cluster growth.\n\n"
                    "## 1 Introduction\n\nWenzhou shoe makers spread.\n\n## References\n\nPorter ME (1998) Clusters. HBR 76:77–90\n",
                    encoding="utf-8")
    paper = read_paper(path)
    assert kinds(paper) == ["title", "abstract", "body", "references"]
    assert paper.sections[2].heading == "1 Introduction" and paper.format == "markdown"
    assert paper.metadata.title == Span("Clusters and spin-offs in Wenzhou", 2, 35)


# Reading files ---------------------------------------------------------------------------------------

def minimal_pdf(pages: list[list[str]]) -> bytes:
    """A PDF with one text line per entry, written by hand (Helvetica, no compression)."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for lines in pages:
        content = "BT /F1 12 Tf 14 TL 72 720 Td " + " ".join(f"({line}) Tj T*" for line in lines) + " ET"
        objects.append(f"<< /Length {len(content)} >>\nstream\n{content}\nendstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {len(objects)} 0 R "
                       "/Resources << /Font << /F1 3 0 R >> >> >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.write("".join(f"{o:010d} 00000 n \n" for o in offsets).encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def test_pdf_is_read_with_its_pages(tmp_path: Path) -> None:
    path = tmp_path / "paper.pdf"
    path.write_bytes(minimal_pdf([["Abstract: Knowledge spillover drives clusters."], ["1 Introduction", "Spin-offs matter."]]))
    paper = read_paper(path)
    assert paper.format == "pdf" and len(paper.pages) == 2
    first, second = (paper.text[a:b] for a, b in paper.pages)
    assert "Knowledge spillover drives clusters." in first and "Spin-offs matter." in second
    assert paper.text == first + "\n\n" + second
    assert "1 Introduction" in [s.heading for s in paper.sections]


def expect_input_error(path: Path, reason: str) -> InputError:
    with pytest.raises(InputError) as caught:
        read_paper(path)
    assert caught.value.path == str(path) and path.name in str(caught.value)
    assert reason in caught.value.reason, caught.value.reason
    return caught.value


def test_encrypted_pdf_is_rejected_with_its_name(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(minimal_pdf([["Secret clusters."]]))))
    writer.encrypt("s3cret", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as out:
        writer.write(out)
    expect_input_error(path, "encrypted")


def test_corrupt_pdf_is_rejected_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n this is not really a pdf")
    expect_input_error(path, "not a readable PDF")


def test_pdf_without_text_is_rejected_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(minimal_pdf([[]]))
    expect_input_error(path, "no extractable text")


def test_empty_file_is_rejected_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    expect_input_error(path, "is empty")


def test_binary_file_is_rejected_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "binary.txt"
    path.write_bytes(b"\x00\x01\x02 not text \x00")
    expect_input_error(path, "binary")


def test_latin1_file_is_rejected_as_not_utf8_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Über den Standort der Industrien".encode("latin-1"))
    expect_input_error(path, "not UTF-8")


def test_oversize_file_is_rejected_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Clusters. " * 200, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_paper(path, max_bytes=1000)
    assert "over the limit of 1,000 bytes" in caught.value.reason and "big.txt" in str(caught.value)


def test_unsupported_file_type_is_rejected_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "paper.docx"
    path.write_bytes(b"PK\x03\x04")
    expect_input_error(path, "unsupported file type")


def test_utf8_with_byte_order_mark_is_read_without_it(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffAbstract: Clusters grow.\n".encode("utf-8"))
    assert read_paper(path).text == "Abstract: Clusters grow.\n"


def test_content_hash_is_the_sha256_of_the_bytes() -> None:
    import hashlib

    path = SEEDS[0]
    assert read_paper(path).content_hash == hashlib.sha256(path.read_bytes()).hexdigest()


def test_find_inputs_lists_papers_and_bibliographies_by_name(tmp_path: Path) -> None:
    for name in ("b.pdf", "a.txt", "c.md", "refs.bib", "zotero.json", "more.ris", "notes.docx", ".hidden.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    papers, bibliographies = find_inputs(tmp_path)
    assert [p.name for p in papers] == ["a.txt", "b.pdf", "c.md"]
    assert [p.name for p in bibliographies] == ["more.ris", "refs.bib", "zotero.json"]


# Metadata --------------------------------------------------------------------------------------------

def test_000_text_gives_doi_year_and_venue_from_its_header_line() -> None:
    metadata = seed("000").metadata
    assert metadata.doi == Span("10.18306/dlkxjz.2018.06.001", 66, 93)
    assert metadata.year is not None and metadata.year.value == "2018"
    assert metadata.venue is not None and metadata.venue.value == "PROGRESS IN GEOGRAPHY"
    assert [a.value for a in metadata.authors] == ["Wenying FU"]


def test_003_text_gives_title_authors_and_affiliation() -> None:
    paper = seed("003")
    metadata = paper.metadata
    assert metadata.title is not None and metadata.title.value.startswith("Mass Entrepreneurship, Government Support")
    assert [a.value for a in metadata.authors] == ["Likai Zou", "Qiang Liang"]
    assert all(paper.text[a.start:a.end] == a.value for a in metadata.authors)
    assert metadata.affiliations[0].value.startswith("Shantou University Business School")


def test_a_title_case_first_line_with_a_final_stop_is_the_title() -> None:
    text = "The Formation and Effects of Taobao Villages.\n\nABSTRACT\n\nThis dissertation studies Taobao villages.\n"
    assert [(s.kind, s.paragraphs[0].text) for s in segment(text)][0] == ("title", "The Formation and Effects of Taobao Villages.")


def test_a_title_s_final_stop_is_not_part_of_it(tmp_path: Path) -> None:
    path = tmp_path / "paper.txt"
    path.write_text("The Formation and Effects of Taobao Villages.\n\nABSTRACT\n\nThis dissertation studies them.\n")
    paper = read_paper(path)
    title = paper.metadata.title
    assert title.value == "The Formation and Effects of Taobao Villages" == paper.text[title.start:title.end]


def test_a_sentence_before_the_abstract_is_no_title() -> None:
    text = "This paper was received in May 2015.\n\nABSTRACT\n\nThis dissertation studies Taobao villages.\n"
    assert "title" not in [s.kind for s in segment(text)]


def test_002_citation_line_gives_authors_title_venue_and_year() -> None:
    metadata = seed("002").metadata
    assert [a.value for a in metadata.authors] == ["WEN Hu", "ZENG Gang"]
    assert metadata.venue is not None and metadata.venue.value == "HUMAN GEOGRAPHY"
    assert metadata.year is not None and metadata.year.value == "2005"


def test_keywords_are_split_with_their_spans() -> None:
    paper = seed("004")
    keywords = paper.metadata.keywords
    assert [k.value for k in keywords] == ["clusters", "small and medium-sized enterprises (SMEs)", "foreign direct investment (FDI)"]
    assert " ".join(paper.text[keywords[2].start:keywords[2].end].split()) == "foreign direct investment (FDI)"


BIBTEX = """@article{zou2016,
  title = {Mass Entrepreneurship, Government Support and Entrepreneurial Cluster},
  author = {Zou, Likai and Liang, Qiang},
  year = {2016}, journal = {Journal of Clusters}, doi = {10.1234/JC.2016.7},
  keywords = {mass entrepreneurship, Taobao Village},
  file = {Full Text PDF:files/12/003_paper.pdf:application/pdf}
}
"""
RIS = """TY  - JOUR
TI  - Research progress and prospect on industrial clusters
AU  - Fu, Wenying
PY  - 2018
JO  - Progress in Geography
DO  - 10.18306/dlkxjz.2018.06.001
KW  - local entrepreneurship
L1  - files/3/000_paper.txt
ER  - 
"""
CSL_JSON = [{"id": "wen2005", "type": "article-journal", "title": "From local to global: the cluster upgrading research",
             "author": [{"family": "Wen", "given": "Hu"}, {"family": "Zeng", "given": "Gang"}],
             "issued": {"date-parts": [[2005, 4]]}, "container-title": "Human Geography"}]


def test_bibtex_records_are_read(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(BIBTEX, encoding="utf-8")
    [record] = read_bibliography(path)
    assert record == BibRecord("refs.bib", "zou2016", "journal-article",
                               "Mass Entrepreneurship, Government Support and Entrepreneurial Cluster",
                               ("Likai Zou", "Qiang Liang"), 2016, "Journal of Clusters", "10.1234/jc.2016.7",
                               ("mass entrepreneurship", "Taobao Village"), ("003_paper.pdf",))


def test_ris_records_are_read(tmp_path: Path) -> None:
    path = tmp_path / "refs.ris"
    path.write_text(RIS, encoding="utf-8")
    [record] = read_bibliography(path)
    assert (record.kind, record.authors, record.year, record.venue, record.doi, record.files) == \
        ("journal-article", ("Wenying Fu",), 2018, "Progress in Geography", "10.18306/dlkxjz.2018.06.001", ("000_paper.txt",))


def test_csl_json_records_are_read(tmp_path: Path) -> None:
    path = tmp_path / "zotero.json"
    path.write_text(json.dumps(CSL_JSON), encoding="utf-8")
    [record] = read_bibliography(path)
    assert (record.key, record.kind, record.authors, record.year, record.venue) == \
        ("wen2005", "journal-article", ("Hu Wen", "Gang Zeng"), 2005, "Human Geography")


def test_invalid_bibtex_is_an_input_error_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.bib"
    path.write_text("@article{a, title = {ok}}\n\n@article{b, title = {never closed\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_bibliography(path)
    assert "broken.bib" in str(caught.value) and "line 3" in caught.value.reason


def test_invalid_csl_json_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "zotero.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="zotero.json: line 1: not valid JSON"):
        read_bibliography(path)


def _paper_with(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_record_is_matched_by_the_file_it_names(tmp_path: Path) -> None:
    path = _paper_with(tmp_path, "003_paper.pdf.txt", "Abstract: Clusters.\n")
    named = BibRecord("refs.bib", "a", files=("003_paper.pdf.txt",))
    other = BibRecord("refs.bib", "b", files=("other.txt",))
    assert read_paper(path, [other, named]).metadata.source == "refs.bib"
    assert read_paper(path, [other]).metadata.source is None


def test_record_is_matched_by_a_doi_in_the_text(tmp_path: Path) -> None:
    path = _paper_with(tmp_path, "paper.txt", "JOURNAL OF CLUSTERS, Vol. 3, doi: 10.1234/JC.2016.7\n\nAbstract: Clusters.\n")
    record = BibRecord("refs.ris", "a", title="Clusters", doi="10.1234/jc.2016.7")
    assert read_paper(path, [record]).metadata.title == Span("Clusters", -1, -1)


def test_record_is_matched_by_a_similar_title(tmp_path: Path) -> None:
    path = _paper_with(tmp_path, "paper.txt", "Mass Entrepreneurship and Entrepreneurial Clusters\n\nAbstract: Clusters.\n")
    record = BibRecord("zotero.json", "a", title="Mass entrepreneurship and entrepreneurial clusters.", year=2016)
    unrelated = BibRecord("zotero.json", "b", title="Mass tourism and coastal clusters", year=1999)
    metadata = read_paper(path, [unrelated, record]).metadata
    assert metadata.year == Span("2016", -1, -1) and metadata.source == "zotero.json"


def test_record_values_win_and_agreeing_text_values_keep_their_spans() -> None:
    text_metadata = Metadata(title=Span("WEN HU STUDY", 10, 22), authors=(Span("WEN Hu", 0, 6),), year=Span("2004", 30, 34))
    record = BibRecord("refs.bib", "a", title="Wen Hu study", authors=("Hu Wen", "Gang Zeng"), year=2005)
    merged = merge(text_metadata, record)
    assert merged.title == Span("Wen Hu study", 10, 22)
    assert merged.authors == (Span("Hu Wen", 0, 6), Span("Gang Zeng", -1, -1))
    assert merged.year == Span("2005", -1, -1) and merged.source == "refs.bib"


def test_corpus_bibliography_matches_every_seed_paper_by_its_file_field() -> None:
    records = read_bibliography(CORPUS / "references.bib")
    for path in SEEDS:
        paper = read_paper(path)
        record = match_record(path, paper.text, paper.sections, paper.metadata, records)
        assert record is not None and path.name in record.files


def test_corpus_bibliography_fills_the_title_004_lacks() -> None:
    records = read_bibliography(CORPUS / "references.bib")
    metadata = read_paper(next(p for p in SEEDS if p.name.startswith("004")), records).metadata
    assert metadata.title is not None and metadata.title.value.startswith("The role of FDI in the development of SME clusters")


# References ------------------------------------------------------------------------------------------

def test_springer_reference_entry_is_parsed() -> None:
    reference = parse_reference("Feldman MP, Francis J, Bercovitz J (2005) Creating a cluster while building a firm: "
                                "Entrepreneurs and the formation of industrial cluster. Regional Studies 39:129–141")
    assert reference is not None
    assert (reference.authors, reference.year, reference.venue) == (("Feldman", "Francis", "Bercovitz"), 2005, "Regional Studies")
    assert reference.title == "Creating a cluster while building a firm: Entrepreneurs and the formation of industrial cluster"


def test_numbered_semicolon_reference_entry_is_parsed() -> None:
    reference = parse_reference("5. Porter ME; Clusters and the new economics of competition. *Harvard business review*, "
                                "1998; 76(6): 77-90.")
    assert reference is not None
    assert (reference.authors, reference.year, reference.title, reference.venue) == \
        (("Porter",), 1998, "Clusters and the new economics of competition", "Harvard business review")


def test_apa_reference_entry_is_parsed() -> None:
    reference = parse_reference("Porter, M. E., & Krugman, P. (1998). Clusters and the new economics of competition. "
                                "Harvard Business Review, 76(6), 77–90. https://doi.org/10.1234/hbr.76")
    assert reference is not None
    assert (reference.authors, reference.year, reference.venue, reference.doi) == \
        (("Porter", "Krugman"), 1998, "Harvard Business Review", "10.1234/hbr.76")


def test_gbt_reference_entry_is_parsed_with_capitalised_surnames() -> None:
    reference = parse_reference("WEN Hu, ZENG Gang. FROM LOCAL TO GLOBAL: THE CLUSTER UPGRADING RESEARCH IN GLOBAL VALUE "
                                "CHAIN. HUMAN GEOGRAPHY, 2005, 20(4): 21-25,18.")
    assert reference is not None and (reference.authors, reference.year, reference.venue) == (("WEN", "ZENG"), 2005, "HUMAN GEOGRAPHY")


def test_reference_list_entries_point_at_the_file() -> None:
    paper = seed("001")
    entries = [r for r in paper.references if not r.inline]
    assert len(entries) == 10
    assert all(paper.text[r.start:r.end] == r.raw for r in entries)
    assert entries[0].raw.startswith("Feldman MP") and entries[0].raw.endswith("39:129–141")


def test_author_year_citations_in_004_are_inline_references() -> None:
    paper = seed("004")
    cited = {(r.authors, r.year) for r in paper.references if r.inline}
    assert {(("Liu",), 2004), (("Weber",), 1929), (("Baptista",), 1996), (("Porter",), 1998), (("Poter",), 1998),
            (("Audretsch", "Freldman"), 1996), (("Mashall",), 1964), (("Wang",), 2001), (("Xiao",), 2004)} <= cited
    assert all(r.inline and paper.text[r.start:r.end] == r.raw for r in paper.references)
    porter = next(r for r in paper.references if r.authors == ("Porter",) and "Michael" in r.raw)
    assert porter.raw == "Michael E. \n\nPorter， 1998"


def test_inline_citation_group_is_split_per_work() -> None:
    text = "Spatial concentration(Alfred Weber,1929;Baptista,1996;Swann,1998;Porter,1998) matters."
    paragraph = clean_paragraph(text, [(0, len(text))])
    assert paragraph is not None
    references = list(find_citations(paragraph, text))
    assert [(r.raw, r.authors) for r in references] == [("Alfred Weber,1929", ("Weber",)), ("Baptista,1996", ("Baptista",)),
                                                        ("Swann,1998", ("Swann",)), ("Porter,1998", ("Porter",))]


def test_parentheses_without_an_author_year_pair_are_not_citations() -> None:
    text = "Favorable policies (on taxes, credit, land, etc.) and the project (No. 41301109) in 2004 (see Table 1)."
    paragraph = clean_paragraph(text, [(0, len(text))])
    assert paragraph is not None and list(find_citations(paragraph, text)) == []


@pytest.mark.parametrize("text, marks", [
    ("Clusters (Gordon and McCann 2000) foster innovation (Krugman 1991; Porter 1990).",
     [" (Gordon and McCann 2000)", " (Krugman 1991; Porter 1990)"]),
    ("a positive impact on entrepreneurship [3], Lundstrom and Stevenson [4, 5] think", [" [3]", " [4, 5]"]),
    ("spawning results in upgrading (Castilla et al., 2000; see also Saxenian, 1994, p. 12).",
     [" (Castilla et al., 2000; see also Saxenian, 1994, p. 12)"]),
    ("Global value chains (GVCs) since the 1990s (see Table 1) in 2004 (the year of the survey).", []),
])
def test_citation_marks_are_the_author_year_groups_and_numeric_brackets(text: str, marks: list[str]) -> None:
    assert [text[a:b] for a, b in citation_marks(text)] == marks


def test_a_paragraph_without_its_citations_still_maps_to_the_original_text() -> None:
    text = "Clusters (Porter 1990; Cooke 2002) foster innovation [3]."
    paragraph = Paragraph(100, 100 + len(text), text, tuple(range(100, 101 + len(text))))
    cut = paragraph.without(citation_marks(text))
    assert cut.text == "Clusters foster innovation."
    start = cut.text.index("innovation")
    assert paragraph.to_source(text.index("innovation"), text.index("innovation") + 10) == cut.to_source(start, start + 10)
    assert cut.to_source(0, len(cut.text)) == (100, 100 + len(text))


@pytest.mark.parametrize("name, expected", [("Liu Youjin", "Liu"), ("Wang jici", "Wang"), ("Alfred Weber", "Weber"),
                                            ("Michael E.Poter", "Poter"), ("Feldman MP", "Feldman"), ("WEN Hu", "WEN"),
                                            ("Porter, M. E.", "Porter"), ("Mac Dougall", "MacDougall")])
def test_surname_is_found_in_each_naming_order(name: str, expected: str) -> None:
    assert surname(name) == expected


def cited(author: str, year: int | None) -> Reference:
    return Reference(raw=author, start=0, end=len(author), authors=(author,), year=year)


@pytest.mark.parametrize("typo, name", [("Freldman", "Feldman"), ("Poter", "Porter"), ("Mashall", "Marshall"),
                                        ("Bacattini", "Becattini")])
def test_work_key_tolerates_one_letter_typos_in_the_first_author(typo: str, name: str) -> None:
    assert work_key(cited(typo, 1996)) == work_key(cited(name, 1996))


def test_work_key_tells_years_and_short_surnames_apart() -> None:
    assert work_key(cited("Porter", 1998)) != work_key(cited("Porter", 1990))
    assert len({work_key(cited(n, 2004)) for n in ("Liu", "Li", "Lu")}) == 3


def test_the_same_work_cited_by_two_papers_gets_one_key() -> None:
    listed = next(r for r in seed("003").references if r.authors == ("Porter",))
    inline = next(r for r in seed("004").references if r.authors == ("Poter",) and r.year == 1998)
    assert work_key(listed) == work_key(inline) == "pt-1998"


def test_ris_record_without_its_end_tag_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "refs.ris"
    path.write_text(RIS + "TY  - JOUR\nTI  - Unfinished\n", encoding="utf-8")
    with pytest.raises(InputError, match="refs.ris: not valid RIS: 2 records start"):
        read_bibliography(path)
