"""kg.browse: what the app shows, read from a real store built from the corpus."""

from pathlib import Path

import pytest

from kg import browse
from kg.errors import ClusterKGError

CKG = "https://w3id.org/clusterkg/ontology#"
FU_2018 = "https://w3id.org/clusterkg/resource/paper/000-0aa3ef180a620b0b"
INJECTION = "https://w3id.org/clusterkg/resource/paper/injection-paper"


@pytest.fixture(scope="module")
def store(app_data: tuple[Path, Path]):
    return browse.connect(app_data[1])


@pytest.fixture(scope="module")
def tree(store) -> browse.ConceptTree:
    return browse.concept_tree(store)


def test_connect_reads_kg_data_and_says_when_there_is_no_graph(app_data, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("KG_DATA", str(app_data[1]))
    assert browse.data_dir() == app_data[1]
    assert browse.papers(browse.connect())
    monkeypatch.setenv("KG_DATA", str(tmp_path))
    with pytest.raises(ClusterKGError, match="kg build"):
        browse.connect()


def test_the_concept_tree_has_the_top_level_classes_as_roots_with_definitions_and_synonyms(tree) -> None:
    roots = [tree.concepts[r].label for r in tree.roots]
    assert {"Cluster", "Mechanism", "Actor", "Policy", "Place", "Theory"} <= set(roots)
    spillover = tree.concepts[CKG + "KnowledgeSpillover"]
    assert spillover.definition and "knowledge spill-over" in spillover.synonyms
    assert tree.category_of(spillover.iri) == "Mechanism"
    assert spillover.iri in tree.descendants(CKG + "Mechanism")
    assert spillover.mentions >= 5
    guangdong = tree.concepts[CKG + "Guangdong"]
    assert guangdong.individual and tree.category_of(guangdong.iri) == "Place"


def test_a_concept_page_lists_its_papers_evidence_claims_and_related_concepts(store, tree) -> None:
    page = browse.concept_page(store, CKG + "KnowledgeSpillover", tree)
    assert INJECTION in [p for p, _, _ in page.papers]
    assert page.evidence and all(any(m.concept == CKG + "KnowledgeSpillover" for m in e.marks) for e in page.evidence)
    for e in page.evidence:  # each mark covers the mention's words in the sentence
        for m in e.marks:
            assert e.text[m.start:m.end].lower().rstrip("s") in (m.label.lower(), e.text[m.start:m.end].lower().rstrip("s"))
    assert any(c.relation == "drives" and c.subject_concept == CKG + "KnowledgeSpillover" for c in page.claims)
    assert CKG + "IndustrialCluster" in [c for c, _, _ in page.related]


def test_a_paper_page_has_metadata_abstract_marked_sentences_and_claims(store) -> None:
    page = browse.paper_page(store, FU_2018)
    assert page.summary.year == 2018 and page.venue == "Progress in Geography"
    assert page.abstract.startswith("Drawing from")
    assert "industrial cluster" in page.keywords
    assert page.evidence and all(e.paper == FU_2018 for e in page.evidence)
    assert page.claims


def test_a_reference_to_a_corpus_paper_is_linked_and_counts_as_cited_by(store) -> None:
    citing = browse.paper_page(store, INJECTION)
    assert [r.paper for r in citing.references] == [FU_2018]
    assert (INJECTION, citing.summary.title) in browse.paper_page(store, FU_2018).cited_by


def test_each_matrix_cell_counts_the_sentences_it_opens(store) -> None:
    matrix = browse.evidence_matrix(store, "Mechanism", "Cluster", top=10)
    assert matrix.counts and len(matrix.rows) <= 10
    (row, column), n = max(matrix.counts.items(), key=lambda x: x[1])
    sentences = browse.cell_evidence(store, row, column)
    assert len(sentences) == n
    assert all({row, column} <= {m.concept for m in e.marks} for e in sentences)
    table = matrix.as_table()
    assert table[0][1:] == [label for _, label in matrix.columns] and len(table) == len(matrix.rows) + 1


def test_cooccurrence_and_timeline(store) -> None:
    network = browse.cooccurrence(store, ["Mechanism", "Cluster"], min_count=2, top=30)
    assert network.edges and all(a in network.nodes and b in network.nodes and n >= 2 for a, b, n in network.edges)
    assert {cat for _, cat, _ in network.nodes.values()} <= {"Mechanism", "Cluster"}
    points = browse.timeline(store, ["Mechanism"], top=5)
    assert {p.year for p in points} <= {2005, 2014, 2018} and len({p.concept for p in points}) <= 5


def test_addresses_from_urls_cannot_inject_sparql(store) -> None:
    with pytest.raises(ValueError):
        browse.concept_page(store, CKG + "X> } DROP ALL #")
    with pytest.raises(ValueError):
        browse.paper_page(store, "javascript:alert(1) >")


def test_readonly_sparql_returns_rows_up_to_the_limit_as_table_and_json(app_data) -> None:
    result = browse.run_readonly("SELECT ?c WHERE { ?m ckg:category ?c }", app_data[1], limit=5)
    assert result.columns == ["c"] and len(result.rows) == 5 and result.truncated
    assert '"vars": [\n   "c"' in result.json or '"vars":["c"]' in result.json.replace(" ", "").replace("\n", "")
    assert browse.run_readonly("ASK { ?p ckg:sourceFile ?f }", app_data[1]).boolean is True


@pytest.mark.parametrize("update", ["INSERT DATA { <x:a> <x:b> <x:c> }", "PREFIX x: <x:>\nDELETE WHERE { ?s ?p ?o }",
                                    "DROP ALL", "CLEAR DEFAULT", "LOAD <http://example.org/x>"])
def test_readonly_sparql_refuses_updates_and_changes_nothing(app_data, update: str) -> None:
    before = browse.run_readonly("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", app_data[1]).rows
    with pytest.raises(ClusterKGError, match="read-only"):
        browse.run_readonly(update, app_data[1])
    assert browse.run_readonly("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", app_data[1]).rows == before


def test_readonly_sparql_explains_syntax_errors_and_stops_slow_queries(app_data) -> None:
    with pytest.raises(ClusterKGError, match="not valid SPARQL.*1:"):
        browse.run_readonly("SELECT ?x WHERE { ?x", app_data[1])
    with pytest.raises(ClusterKGError, match="longer than 1 s"):
        browse.run_readonly("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", app_data[1], timeout=1)


def test_a_paper_page_keeps_the_author_order_beyond_the_tenth_author(tmp_path) -> None:
    from kg.build import build

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "many-authors.md").write_text(
        "# Collective learning in an industrial cluster\n\nAbstract: Collective learning drives the industrial cluster.\n",
        encoding="utf-8")
    names = [f"Author{n:02d}, Given" for n in range(1, 13)]
    (corpus / "references.bib").write_text(
        "@article{many,\n  title = {Collective learning in an industrial cluster},\n"
        f"  author = {{{' and '.join(names)}}},\n  year = {{2020}},\n  file = {{many-authors.md}}\n}}\n",
        encoding="utf-8")
    assert build(corpus, tmp_path / "data").failed == []
    store = browse.connect(tmp_path / "data")
    paper = next(p.iri for p in browse.papers(store) if p.file == "many-authors.md")
    authors = browse.paper_page(store, paper).authors
    assert [a.split()[-1] if "," not in a else a.split(",")[0] for a in authors] == [f"Author{n:02d}" for n in range(1, 13)]
