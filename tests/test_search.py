"""Search (#6): passages with offsets, dense + BM25 fusion, ontology expansion, filters, hits linked to
the graph, the `kg search` command, and an index that follows the papers and survives a killed build."""

import json
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from kg.build import build
from kg.cli import app
from kg.extract.types import Extraction, Mention, Sentence
from kg.ingest.types import Metadata, Paper, Paragraph, Section
from kg.search import Searcher, load_index
from kg.search.index import MANIFEST, search_dir
from kg.search.passages import clean, make_passages
from kg.search.vectors import VectorIndex

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
BUILD = [sys.executable, "-c", "from kg.cli import app; app()", "build"]


def small_paper(text: str = "Title line\n\nSpin-offs stay near their parent. They hire\nlocally. Ties with it matter. "
                                "Distance does not.") -> tuple[Paper, Extraction]:
    starts = [m.start() for m in re.finditer(r"(?<=\n\n)S|(?<=\. )\S", text)]
    bounds = list(zip(starts, [*(s - 1 for s in starts[1:]), len(text)]))
    sentences = tuple(Sentence(i, 1, 0, s, e, text[s:e]) for i, (s, e) in enumerate(bounds))
    paragraph = Paragraph(starts[0], len(text), text[starts[0]:], tuple(range(starts[0], len(text) + 1)))
    sections = (Section("title", None, 0, 10, ()), Section("body", "Findings", starts[0], len(text), (paragraph,)))
    mention = Mention("Spin-offs", starts[0], starts[0] + 9, "https://example.org/SpinOff", "Mechanism", 0, "vocabulary", "spin-off")
    paper = Paper(Path("x.txt"), text, "text", "0" * 64, Metadata(), sections)
    return paper, Extraction(sentences, (mention,), ())


def test_passages_are_sentences_windows_and_paragraphs_with_offsets_into_the_file() -> None:
    paper, extraction = small_paper()
    passages = make_passages(paper, extraction)
    assert {p.kind for p in passages} == {"sentence", "window", "paragraph"}
    for p in passages:
        assert p.text == paper.text[p.start:p.end] and p.section == "Findings"
    assert len({(p.start, p.end) for p in passages}) == len(passages)
    first = next(p for p in passages if p.kind == "sentence" and p.first == 0)
    assert first.concepts == ("https://example.org/SpinOff",) and first.categories == ("Mechanism",)
    assert clean(next(p for p in passages if p.kind == "window" and p.first == 0 and p.last == 1).text) == \
        "Spin-offs stay near their parent. They hire locally."


def test_the_title_and_the_keywords_are_not_passages() -> None:
    paper, extraction = small_paper()
    title = Sentence(0, 0, 0, 0, 10, paper.text[:10])  # "Title line", in the title section
    body = tuple(Sentence(s.index + 1, s.section, s.paragraph, s.start, s.end, s.text) for s in extraction.sentences)
    passages = make_passages(paper, Extraction((title, *body), (), ()))
    assert passages and all(p.start >= body[0].start and p.section == "Findings" for p in passages)
    assert {p.first for p in passages if p.kind == "sentence"} == {s.index for s in body}


def test_fragments_of_fewer_than_three_words_are_neither_passages_nor_window_centres() -> None:
    paper, extraction = small_paper("Title line\n\nSpin-offs stay near their parent. [12]. They hire locally. Fig. "
                                    "Distance does not.")
    passages = make_passages(paper, extraction)
    fragments = {s.index for s in extraction.sentences if s.text in ("[12].", "Fig.")}
    assert len(fragments) == 2
    assert not any(p.first in fragments or (p.kind == "sentence" and p.last in fragments) for p in passages)
    assert clean(next(p for p in passages if p.kind == "window" and p.first == 0 and p.last == 2).text) == \
        "Spin-offs stay near their parent. [12]. They hire locally."  # the fragment stays inside its neighbours' window


def test_approximate_index_finds_what_exact_search_finds() -> None:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(3000, 32)).astype(np.float32)
    exact, approximate = VectorIndex(vectors, exact_limit=10_000), VectorIndex(vectors, exact_limit=100)
    assert exact.hnsw is None and approximate.hnsw is not None
    queries = rng.normal(size=(50, 32)).astype(np.float32)
    recall = np.mean([len(set(exact.search(q, 10)[0]) & set(approximate.search(q, 10)[0])) / 10 for q in queries])
    assert recall >= 0.95
    mask = np.zeros(3000, dtype=bool)
    mask[:40] = True
    assert set(approximate.search(queries[0], 10, mask)[0]) <= set(range(40))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("data")
    build(CORPUS, data)
    return data


@pytest.fixture(scope="module")
def searcher(built: Path) -> Searcher:
    return Searcher(built)


@pytest.mark.slow
def test_a_question_in_plain_words_finds_the_passage_that_answers_it(searcher: Searcher) -> None:
    hits = searcher.search("why do spin-offs stay near their parent firm?", k=5)
    assert hits and hits[0].file == "000_0aa3ef180a620b0b.txt"
    assert any("parent companies" in h.text for h in hits)


@pytest.mark.slow
def test_a_hit_carries_its_paper_section_offsets_mentions_and_marked_concepts(searcher: Searcher) -> None:
    hit = searcher.search("growth of spin-offs and their parent companies", k=3)[0]
    source = (CORPUS / hit.file).read_text(encoding="utf-8")
    assert hit.text == clean(source[hit.start:hit.end])
    assert hit.paper.endswith("/paper/000-0aa3ef180a620b0b") and hit.citation.startswith("Fu (2018)")
    assert hit.section == "abstract" and hit.score > 0
    assert hit.mentions and all(source[m["start"]:m["end"]] == m["text"] and hit.start <= m["start"] for m in hit.mentions)
    assert "«spin-offs»" in hit.marked


@pytest.mark.slow
def test_hits_carry_the_claims_of_their_sentences_from_the_graph(searcher: Searcher) -> None:
    hits = searcher.search("embeddedness drives the localization of entrepreneurial activities", k=5)
    claims = [c for h in hits for c in h.claims]
    assert claims and all({"subject", "relation", "object", "polarity", "hedged", "sentence"} <= set(c) for c in claims)


@pytest.mark.slow
def test_a_query_naming_a_concept_is_expanded_with_its_synonyms_and_sub_concepts(searcher: Searcher) -> None:
    vocabulary = searcher.vocabulary
    parent = next(c for c in vocabulary.concepts.values()
                  if c.alt_labels and any(c.iri in o.parents and not o.is_individual for o in vocabulary.concepts.values()))
    child = next(o for o in vocabulary.concepts.values() if parent.iri in o.parents and not o.is_individual)
    assert parent.iri in searcher.concepts_in(f"what is known about {parent.label}?")
    expansion = searcher.expansion([parent.iri])
    assert set(parent.alt_labels) <= set(expansion) and child.label in expansion


@pytest.mark.slow
def test_filters_restrict_hits_by_paper_category_place_concept_and_year(searcher: Searcher) -> None:
    assert {h.file for h in searcher.search("cluster", k=10, paper="003_e44eb5927b8b8e90.txt")} == {"003_e44eb5927b8b8e90.txt"}
    policy = searcher.search("what did the government do", k=5, category="Policy")
    assert policy and all(any(m["category"] == "Policy" for m in h.mentions) for h in policy)
    guangdong = searcher.search("foreign investment", k=5, place="Guangdong")
    inside = searcher._places_within(searcher.resolve("Guangdong"))
    assert guangdong and all(any(m["concept"] in inside for m in h.mentions) for h in guangdong)
    assert len(inside) > 1  # places that are partOf Guangdong count too
    spillover = searcher.search("learning", k=5, concept="knowledge spillover")
    assert all(any(m["concept"] in searcher.descendants(next(iter(searcher.resolve("knowledge spillover")))) for m in h.mentions)
               for h in spillover)
    assert {h.file for h in searcher.search("cluster", k=10, year=2018)} == {"000_0aa3ef180a620b0b.txt"}
    assert searcher.search("cluster", year=1900) == []


@pytest.mark.slow
def test_dense_and_lexical_modes_and_no_duplicate_passages(searcher: Searcher) -> None:
    for mode in ("dense", "lexical", "hybrid"):
        hits = searcher.search("Dongguan absorbed Taiwan capital", k=8, mode=mode)
        assert hits and len({(h.file, h.start, h.end) for h in hits}) == len(hits)
        assert all(not (a.file == b.file and a.start <= b.start and b.end <= a.end)
                   for i, a in enumerate(hits) for b in hits[i + 1:])


@pytest.mark.slow
def test_kg_search_json_and_batch(built: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["search", "spin-offs and parent companies", "--data", str(built), "--k", "3", "--json"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert len(hits) == 3 and {"file", "text", "score", "paper", "section"} <= set(hits[0])
    queries = tmp_path / "queries.txt"
    queries.write_text("Taobao village\nforeign direct investment in Guangdong\n", encoding="utf-8")
    result = runner.invoke(app, ["search", "--batch", str(queries), "--data", str(built), "--k", "2", "--json"])
    lines = result.stdout.splitlines()
    assert result.exit_code == 0 and len(lines) == 2 and all(len(json.loads(line)) == 2 for line in lines)
    plain = runner.invoke(app, ["search", "Taobao village", "--data", str(built), "--k", "2"])
    assert plain.exit_code == 0 and "003_e44eb5927b8b8e90.txt" in plain.stdout


def index_files(data: Path) -> dict[str, str]:
    return {name: e["data"] for name, e in json.loads((search_dir(data) / MANIFEST).read_text())["papers"].items()}


@pytest.mark.slow
def test_a_changed_paper_is_reindexed_and_a_removed_one_leaves_the_index(tmp_path: Path) -> None:
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    shutil.copytree(CORPUS, corpus)
    build(corpus, data)
    before = index_files(data)
    changed = corpus / "001_3bff078fec5296ad.txt"
    text = changed.read_text(encoding="utf-8")
    assert "The traction of" in text
    changed.write_text(text.replace("The traction of", "Zebra-striped clusters graze in Tallinn harbour. The traction of", 1), encoding="utf-8")
    (corpus / "002_2e911615df68031a.txt").unlink()
    build(corpus, data)
    after = index_files(data)
    assert set(after) == set(before) - {"002_2e911615df68031a.txt"}
    assert after["001_3bff078fec5296ad.txt"] != before["001_3bff078fec5296ad.txt"]
    assert all(after[n] == before[n] for n in after if n != "001_3bff078fec5296ad.txt")
    assert {p.name for p in (search_dir(data) / "papers").iterdir()} == {Path(f).name for f in after.values()}
    searcher = Searcher(data)
    assert "Zebra-striped" in searcher.search("zebra-striped clusters in Tallinn", k=1, mode="lexical")[0].text
    assert all(h.file != "002_2e911615df68031a.txt" for h in searcher.search("global value chain upgrading", k=20))


@pytest.mark.slow
def test_a_killed_build_leaves_the_previous_index_loadable_and_the_next_build_completes(tmp_path: Path) -> None:
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    shutil.copytree(CORPUS, corpus)
    build(corpus, data)
    old = index_files(data)
    for n, delay in enumerate((1.0, 4.0, 8.0, 12.0)):
        paper = corpus / "000_0aa3ef180a620b0b.txt"
        paper.write_text(paper.read_text(encoding="utf-8") + f"\nAn added line, number {n}.\n", encoding="utf-8")
        process = subprocess.Popen([*BUILD, str(corpus), "--data", str(data)], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, cwd=ROOT)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        files = index_files(data)
        assert set(files) == set(old) and all(files[f] == old[f] for f in files if f != "000_0aa3ef180a620b0b.txt")
        assert len(load_index(data)) > 0
        old = files
    build(corpus, data)
    hits = Searcher(data).search("An added line, number 3", k=3, mode="lexical", paper="000_0aa3ef180a620b0b.txt")
    assert any("number 3" in h.text for h in hits)


@pytest.mark.parametrize("size", [0, 1, 7, 1_000, 5_000, 300_000])
def test_top_rows_are_the_highest_scores_best_first_with_ties_in_row_order(size: int) -> None:
    import numpy as np

    from kg.search.vectors import top_rows

    rng = np.random.default_rng(size)
    scores = rng.integers(0, 30, size).astype(np.float32)  # many ties, as BM25 gives
    for n in (1, 10, 50, size + 3):
        assert top_rows(scores, n).tolist() == np.lexsort((np.arange(size), -scores))[:n].tolist()
