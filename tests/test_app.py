"""The Streamlit app, page by page, through Streamlit's AppTest, on a real store built from the corpus."""

import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from streamlit.testing.v1 import AppTest

from kg import browse
from views.common import marked

ROOT = Path(__file__).resolve().parent.parent
CKG = "https://w3id.org/clusterkg/ontology#"
INJECTION = "https://w3id.org/clusterkg/resource/paper/injection-paper"
PAGES = ["views/search.py", "views/concepts.py", "views/papers.py", "views/synthesis.py", "views/sparql.py", "views/add.py"]


@pytest.fixture
def data(app_data: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app reads the shared build (read-only)."""
    monkeypatch.setenv("KG_DATA", str(app_data[1]))
    monkeypatch.setenv("KG_CORPUS", str(app_data[0]))
    return app_data[1]


@pytest.fixture
def writable(app_data: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A private copy of the corpus and its build, for pages that add papers."""
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    shutil.copytree(app_data[0], corpus)
    shutil.copytree(app_data[1], data)
    monkeypatch.setenv("KG_DATA", str(data))
    monkeypatch.setenv("KG_CORPUS", str(corpus))
    return corpus, data


def open_page(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for name, value in params.items():
        at.query_params[name] = value
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def html(at: AppTest) -> str:
    return "\n".join(str(h.proto.body) for h in at.html)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_without_error(data: Path, page: str) -> None:
    at = open_page(page)
    assert [t.value for t in at.title] and not at.error


def test_without_a_build_each_page_says_how_to_build_instead_of_failing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("KG_DATA", str(tmp_path))
    for page in PAGES[:5]:
        at = open_page(page)
        assert "kg build" in at.error[0].value


def test_the_concept_tree_lists_a_class_and_filters_by_synonym(data: Path) -> None:
    at = open_page("views/concepts.py")
    at.selectbox[0].select("Mechanism").run()
    at.text_input(key="concept_filter").input("spill-over").run()
    rows = at.dataframe[0].value
    assert "knowledge spillover" in [c.strip() for c in rows["concept"]]


def test_a_concept_page_shows_definition_synonyms_papers_and_marked_evidence(data: Path) -> None:
    at = open_page("views/concepts.py", concept=CKG + "KnowledgeSpillover")
    assert at.header[0].value == "knowledge spillover"
    assert any(t.value.startswith("Synonyms:") and "R&D spillover" in t.value for t in at.text)
    assert any("injection-paper" in str(link.proto.query_string) for link in at.page_link)
    assert "<mark" in html(at) and "knowledge spillover (Mechanism)" in html(at)


def test_paper_text_with_script_and_img_tags_is_shown_as_text(data: Path) -> None:
    at = open_page("views/papers.py", paper=INJECTION)
    body = html(at)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "&lt;img src=x onerror=alert(1)&gt;" in body
    assert "<script" not in body and "<img" not in body and "<a " not in body
    assert "\\<script\\>" in at.header[0].value  # Markdown-escaped in the header
    assert any("<script>" in t.value for t in at.text)  # the abstract, as plain text


def test_marked_escapes_the_sentence_and_marks_only_mentions() -> None:
    text = 'FDI <b onclick="x()">drives</b> the SME cluster'
    out = marked(text, [browse.Mark(len(text) - 11, len(text), CKG + "SMECluster", 'SME "cluster"', "Cluster")])
    assert out.startswith("FDI &lt;b onclick=&quot;x()&quot;&gt;drives&lt;/b&gt; the <mark ")
    assert out.endswith(">SME cluster</mark>") and 'title="SME &quot;cluster&quot; (Cluster)"' in out


def test_a_paper_page_links_a_reference_in_the_corpus_and_has_claims(data: Path) -> None:
    at = open_page("views/papers.py", paper=INJECTION)
    links = [str(link.proto.query_string) for link in at.page_link]
    assert any("000-0aa3ef180a620b0b" in q for q in links)
    assert at.dataframe and "drives" in list(at.dataframe[0].value["relation"])


def test_a_synthesis_cell_opens_its_evidence_sentences(data: Path) -> None:
    at = open_page("views/synthesis.py")
    cell = at.selectbox(key="cell")
    first = cell.options[0]
    cell.select_index(0).run()
    assert not at.exception
    row, column = first.split(" × ")
    assert at.subheader[0].value == f"{row} × {column.rsplit(' (', 1)[0]}"
    assert html(at).count('class="ckg-sentence"') == int(first.rsplit("(", 1)[1].split()[0])
    assert at.download_button  # CSV export


def test_sparql_runs_a_competency_query_and_offers_csv_and_json(data: Path) -> None:
    at = open_page("views/sparql.py")
    at.selectbox(key="sparql_choice").select("concepts_per_category").run()
    at.button[0].click().run()
    assert not at.error
    assert "Mechanism" in list(at.dataframe[0].value["category"])
    assert len(at.download_button) == 2


@pytest.mark.parametrize(("query", "message"), [
    ("DELETE WHERE { ?s ?p ?o }", "read-only"),
    ("SELECT ?x WHERE { ?x", "not valid SPARQL"),
])
def test_sparql_shows_errors_readably(data: Path, query: str, message: str) -> None:
    at = open_page("views/sparql.py")
    at.text_area(key="sparql_text").input(query).run()
    at.button[0].click().run()
    assert message in at.error[0].value


def add_file(at: AppTest, name: str, content: bytes, mime: str = "text/plain") -> AppTest:
    at.file_uploader[0].set_value((name, content, mime)).run()
    at.button[0].click().run()
    assert not at.exception, at.exception
    return at


def test_an_uploaded_paper_is_built_and_its_concepts_are_visible_at_once(writable: tuple[Path, Path]) -> None:
    corpus, data = writable
    text = (ROOT / "tests" / "data" / "injection-paper.md").read_bytes().replace(b"Wei Zhang", b"Li Wang")
    at = add_file(open_page("views/add.py"), "../../etc/new paper.md", text, "text/markdown")
    assert not at.error
    saved = sorted(p.name for p in corpus.iterdir() if p.name.startswith("upload-"))
    assert len(saved) == 1 and saved[0].startswith("upload-new-paper-") and saved[0].endswith(".md")
    assert any("knowledge spillover" in link.label for link in at.page_link)
    assert "<mark" in html(at) and "&lt;script&gt;" in html(at)  # its passages, marked and escaped
    iri = "https://w3id.org/clusterkg/resource/paper/" + saved[0].removesuffix(".md")
    concept = open_page("views/concepts.py", concept=CKG + "KnowledgeSpillover")
    assert any(iri in unquote(link.proto.query_string) for link in concept.page_link)
    assert any(p.iri == iri for p in browse.papers(browse.connect(data)))


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("empty.txt", b"", "empty"),
    ("binary.txt", bytes(range(256)) * 4, ""),
    ("broken.pdf", b"%PDF-1.4 not really a pdf", ""),
])
def test_a_bad_upload_is_refused_clearly_and_nothing_is_lost(writable: tuple[Path, Path], name: str, content: bytes,
                                                            reason: str) -> None:
    corpus, data = writable
    before_files = sorted(p.name for p in corpus.iterdir())
    before = browse.run_readonly("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", data).rows
    at = add_file(open_page("views/add.py"), name, content, "application/pdf" if name.endswith("pdf") else "text/plain")
    assert at.error and name in at.error[0].value and "nothing was added" in at.error[0].value and reason in at.error[0].value
    assert sorted(p.name for p in corpus.iterdir()) == before_files
    assert browse.run_readonly("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", data).rows == before


def test_search_shows_marked_passages_linked_to_their_paper_and_concepts(data: Path) -> None:
    at = open_page("views/search.py")
    at.text_input(key="query").input("knowledge spillover in the industrial cluster")
    at.button[0].click().run()
    assert not at.exception and "<mark" in html(at)
    assert any("paper=" in str(link.proto.query_string) for link in at.page_link)
    assert any("concept=" in str(link.proto.query_string) for link in at.page_link)
