"""`kg build`, `kg query` and `kg extract` on the real corpus, into a real persisted pyoxigraph store."""

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg.build
from kg.build import build
from kg.cli import app
from kg.query import run_query

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
PAPERS = sorted(p.name for p in CORPUS.glob("*.txt"))
runner = CliRunner()


def select(data: Path, sparql: str) -> list[dict]:
    return json.loads(run_query(data, sparql, "json"))["results"]["bindings"]


def value(row: dict, name: str) -> str:
    return row[name]["value"]


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole corpus, built once for this module."""
    data = tmp_path_factory.mktemp("data")
    report = build(CORPUS, data)
    assert report.failed == []
    return data


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in PAPERS[:3]:
        shutil.copy(CORPUS / name, corpus / name)
    return corpus


def test_each_paper_has_its_own_named_graph_beside_the_ontology_and_the_build_record(data: Path) -> None:
    graphs = {value(r, "g") for r in select(data, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    papers = {g for g in graphs if "/graph/paper/" in g}
    assert len(papers) == len(PAPERS)
    assert "https://w3id.org/clusterkg/resource/graph/ontology" in graphs
    assert "https://w3id.org/clusterkg/resource/graph/builds" in graphs


def test_every_mention_points_to_its_sentence_section_paper_and_exact_offsets(data: Path) -> None:
    rows = select(data, """
        SELECT ?file ?text ?start ?end ?stext ?sstart ?kind WHERE {
          ?m a ckg:Mention ; ckg:text ?text ; ckg:startOffset ?start ; ckg:endOffset ?end ;
             ckg:mentionedIn ?s ; ckg:inPublication ?paper .
          ?s ckg:text ?stext ; ckg:startOffset ?sstart ; ckg:inSection ?section .
          ?section ckg:sectionKind ?kind .
          ?paper ckg:sourceFile ?file .
        }""")
    assert len(rows) > 500
    texts = {name: (CORPUS / name).read_text(encoding="utf-8") for name in PAPERS}
    for row in rows:
        source = texts[value(row, "file")]
        start, end, sstart = int(value(row, "start")), int(value(row, "end")), int(value(row, "sstart"))
        assert source[start:end] == value(row, "text")
        assert source[sstart:sstart + len(value(row, "stext"))] == value(row, "stext")
        assert value(row, "kind") in ("title", "abstract", "keywords", "body")


def test_a_mention_is_an_individual_typed_by_its_concept(data: Path) -> None:
    rows = select(data, """
        SELECT ?m WHERE { ?m a ckg:Mention , ?concept ; ckg:concept ?concept .
                          ?concept rdfs:label "knowledge spillover"@en }""")
    assert rows


def test_a_factor_the_ontology_does_not_name_is_a_new_individual_that_a_claim_takes_as_argument(data: Path) -> None:
    rows = select(data, """
        SELECT ?label ?text WHERE { ?c a ckg:Claim ; ckg:hasSubject|ckg:hasObject ?m .
                                    ?m a ckg:Factor ; ckg:refersTo ?f ; ckg:text ?text ; ckg:extractedBy "claim" .
                                    ?f a ckg:Factor ; rdfs:label ?label }""")
    assert rows and all(" ".join(value(r, "text").split()) == value(r, "label") for r in rows)


def test_the_same_work_cited_by_two_papers_is_one_node(data: Path) -> None:
    rows = select(data, """
        SELECT ?work (COUNT(DISTINCT ?paper) AS ?papers) WHERE { ?paper cito:cites ?work }
        GROUP BY ?work HAVING (COUNT(DISTINCT ?paper) > 1)""")
    assert rows


def test_each_citation_is_located_in_its_paper(data: Path) -> None:
    rows = select(data, """
        SELECT ?file ?text ?start WHERE { ?c a cito:Citation ; cito:hasCitingEntity ?p ; ckg:text ?text ;
                                          ckg:startOffset ?start . ?p ckg:sourceFile ?file }""")
    assert rows
    for row in rows:
        source = (CORPUS / value(row, "file")).read_text(encoding="utf-8")
        start = int(value(row, "start"))
        assert source[start:start + len(value(row, "text"))] == value(row, "text")


def test_the_build_is_a_prov_activity_with_software_ontology_and_model_versions(data: Path) -> None:
    rows = select(data, """
        SELECT ?software ?ontology ?model WHERE { ?b a ckg:ExtractionActivity ; ckg:softwareVersion ?software ;
          ckg:ontologyVersion ?ontology ; ckg:modelVersion ?model ; prov:startedAtTime ?t .
          ?paper prov:wasGeneratedBy ?b }""")
    assert rows and "core_web_sm" in value(rows[0], "model")


def test_metadata_values_point_to_where_they_stand_in_the_text(data: Path) -> None:
    rows = select(data, """
        SELECT ?file ?text ?start WHERE { ?p ckg:hasMetadataValue ?v ; ckg:sourceFile ?file .
                                          ?v ckg:field dcterms:title ; ckg:text ?text ; ckg:startOffset ?start }""")
    assert rows
    for row in rows:
        source = (CORPUS / value(row, "file")).read_text(encoding="utf-8")
        start = int(value(row, "start"))
        assert source[start:start + len(value(row, "text"))] == value(row, "text")


def test_rebuilding_an_unchanged_corpus_skips_every_paper(data: Path) -> None:
    report = build(CORPUS, data)
    assert report.built == [] and sorted(report.skipped) == PAPERS


def test_a_changed_paper_is_rebuilt_and_its_graph_replaced(small_corpus: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    build(small_corpus, data)
    paper = small_corpus / PAPERS[0]
    paper.write_text(paper.read_text(encoding="utf-8") + "\n\nKnowledge spillover drives imitation in Wenzhou.\n", encoding="utf-8")
    report = build(small_corpus, data)
    assert report.built == [PAPERS[0]] and len(report.skipped) == 2
    hits = select(data, 'SELECT ?m WHERE { ?m a ckg:Mention ; ckg:text "Wenzhou" }')
    assert len(hits) == 1
    keys = select(data, "SELECT ?g (COUNT(?k) AS ?n) WHERE { GRAPH ?g { ?p ckg:buildKey ?k } } GROUP BY ?g")
    assert all(value(r, "n") == "1" for r in keys)


def test_changed_extraction_code_rebuilds_unchanged_papers(small_corpus: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    build(small_corpus, data)
    # a new release whose version number was not raised: the code's hash still differs
    monkeypatch.setattr(kg.build, "code_hash", lambda: "another release of the extraction code")
    report = build(small_corpus, data)
    assert sorted(report.built) == PAPERS[:3] and report.skipped == []


def test_the_code_hash_covers_the_reading_and_extraction_stages(tmp_path: Path) -> None:
    def copy_with(name: str, changed: str) -> Path:
        package = shutil.copytree(kg.build.PACKAGE, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        source = package / changed
        source.write_text(source.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
        return package

    assert kg.build.code_hash(copy_with("cli", "cli.py")) == kg.build.code_hash()  # the command makes no graph
    assert kg.build.code_hash(copy_with("claims", "extract/claims.py")) != kg.build.code_hash()
    assert kg.build.code_hash(copy_with("reader", "ingest/read.py")) != kg.build.code_hash()


def test_a_removed_paper_loses_its_graph(small_corpus: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    build(small_corpus, data)
    (small_corpus / PAPERS[0]).unlink()
    report = build(small_corpus, data)
    assert len(report.removed) == 1
    files = {value(r, "f") for r in select(data, "SELECT ?f WHERE { ?p ckg:sourceFile ?f }")}
    assert PAPERS[0] not in files and len(files) == 2


def test_unreadable_papers_are_reported_one_line_each_and_the_rest_is_built(small_corpus: Path, tmp_path: Path) -> None:
    (small_corpus / "empty.txt").write_text("", encoding="utf-8")
    (small_corpus / "binary.txt").write_bytes(b"\x00\x01\x02 not text \x00")
    (small_corpus / "broken.pdf").write_bytes(b"%PDF-1.4\n this is not really a pdf")
    data = tmp_path / "data"
    result = runner.invoke(app, ["build", str(small_corpus), "--data", str(data)])
    assert result.exit_code == 1
    for name in ("empty.txt", "binary.txt", "broken.pdf"):
        lines = [line for line in result.stderr.splitlines() if name in line]
        assert len(lines) == 1 and lines[0].startswith("kg: ")
    assert "Traceback" not in result.output
    files = {value(r, "f") for r in select(data, "SELECT ?f WHERE { ?p ckg:sourceFile ?f }")}
    assert files == set(PAPERS[:3])


def test_query_prints_sparql_results_json(data: Path) -> None:
    result = runner.invoke(app, ["query", "--data", str(data), "--format", "json",
                                 "SELECT ?f WHERE { ?p ckg:sourceFile ?f } ORDER BY ?f"])
    assert result.exit_code == 0, result.output
    parsed = json.loads(result.stdout)
    assert parsed["head"]["vars"] == ["f"]
    assert [b["f"]["value"] for b in parsed["results"]["bindings"]] == PAPERS


@pytest.mark.parametrize("fmt, first_line", [("csv", "f"), ("tsv", "?f"), ("table", "f")])
def test_query_prints_csv_tsv_and_an_aligned_table(data: Path, fmt: str, first_line: str) -> None:
    result = runner.invoke(app, ["query", "--data", str(data), "--format", fmt, "SELECT ?f WHERE { ?p ckg:sourceFile ?f }"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].strip() == first_line
    assert sum(name in result.stdout for name in PAPERS) == len(PAPERS)


def test_ask_query_answers_true_or_false(data: Path) -> None:
    result = runner.invoke(app, ["query", "--data", str(data), "ASK { ?c a ckg:Claim }"])
    assert result.exit_code == 0 and result.stdout.strip() in ("true", "false")


def test_malformed_query_gives_the_parser_message_with_line_and_column(data: Path) -> None:
    result = runner.invoke(app, ["query", "--data", str(data), "SELECT ?x WHERE {\n ?x ckg:text }"])
    assert result.exit_code == 2
    assert "2:" in result.stderr and "Traceback" not in result.output


def test_extract_prints_mentions_and_claims_as_json_lines_without_a_store(tmp_path: Path) -> None:
    paper = CORPUS / PAPERS[3]
    result = runner.invoke(app, ["extract", str(paper), "--jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    source = paper.read_text(encoding="utf-8")
    mentions = [r for r in records if r["kind"] == "mention"]
    assert len(mentions) > 100
    for m in mentions:
        assert source[m["start"]:m["end"]] == m["text"]
        assert m["category"] in ("Cluster", "Mechanism", "Actor", "Place", "Policy", "Theory")
        assert m["concept"].startswith("https://w3id.org/clusterkg/")
        assert m["text"] in m["sentence"] or " ".join(m["text"].split()) in " ".join(m["sentence"].split())
    for c in (r for r in records if r["kind"] == "claim"):
        assert {"subject", "relation", "object", "polarity", "hedged", "sentence"} <= set(c)


def test_a_pdf_is_built_and_its_offsets_index_its_extracted_text_kept_beside_the_store(tmp_path: Path) -> None:
    from tests.test_ingest import minimal_pdf

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "made.pdf").write_bytes(minimal_pdf([["Abstract: Knowledge spillover drives industrial clusters in Zhejiang."],
                                                   ["1 Introduction", "The local government supports SMEs."]]))
    data = tmp_path / "data"
    assert build(corpus, data).built == ["made.pdf"]
    text = (data / "texts" / "made.txt").read_text(encoding="utf-8")
    rows = select(data, "SELECT ?text ?start ?end WHERE { ?m a ckg:Mention ; ckg:text ?text ; ckg:startOffset ?start ; ckg:endOffset ?end }")
    assert {value(r, "text") for r in rows} >= {"Knowledge spillover", "Zhejiang", "local government", "SMEs"}
    for row in rows:
        assert text[int(value(row, "start")):int(value(row, "end"))] == value(row, "text")


def test_metadata_from_the_bibtex_file_beside_the_papers_fills_what_the_text_lacks(data: Path) -> None:
    rows = select(data, """SELECT ?title ?source WHERE { ?p ckg:sourceFile "004_874dc83d8cec26be.txt" ; dcterms:title ?title ;
                                                        ckg:hasMetadataValue ?v . ?v ckg:field dcterms:title ; dcterms:source ?source }""")
    assert rows and value(rows[0], "title").startswith("The role of FDI in the development of SME clusters")
    assert value(rows[0], "source") == "references.bib"
