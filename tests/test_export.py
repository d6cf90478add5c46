"""`kg export`: every format parses back and says what the store holds."""

from __future__ import annotations

import csv
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from typer.testing import CliRunner

from kg.build import build
from kg.cli import app
from kg.export import RDF_TYPE, export
from kg.graph import ONTOLOGY_GRAPH
from kg.store import EmbeddedStore, open_store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
PAPERS = sorted(CORPUS.glob("*.txt"))[3:5]
EX = "https://example.org/"
runner = CliRunner()


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two papers of the corpus, built once for this module."""
    corpus = tmp_path_factory.mktemp("corpus")
    for paper in PAPERS:
        shutil.copy(paper, corpus / paper.name)
    data = tmp_path_factory.mktemp("data")
    assert build(corpus, data).failed == []
    return data


@pytest.fixture(scope="module")
def store(data: Path):
    return open_store(data, read_only=True)


def scalar(store, sparql: str) -> int:
    return int(next(iter(store.query(sparql)))[0].value)


def kg_export(data: Path, *args: str):
    result = runner.invoke(app, ["export", "--data", str(data), *args])
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize("fmt, rdf_format", [("turtle", ox.RdfFormat.TURTLE), ("ntriples", ox.RdfFormat.N_TRIPLES),
                                             ("rdfxml", ox.RdfFormat.RDF_XML)])
def test_triple_formats_hold_every_triple_of_the_union_graph(data: Path, store, tmp_path: Path, fmt: str, rdf_format) -> None:
    out = tmp_path / f"graph.{fmt}"
    kg_export(data, "--format", fmt, "--out", str(out))
    parsed = list(ox.parse(path=str(out), format=rdf_format))
    assert len(parsed) == scalar(store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")


@pytest.mark.parametrize("fmt, rdf_format", [("nquads", ox.RdfFormat.N_QUADS), ("trig", ox.RdfFormat.TRIG),
                                             ("jsonld", ox.RdfFormat.JSON_LD)])
def test_dataset_formats_keep_each_paper_in_its_named_graph(data: Path, store, tmp_path: Path, fmt: str, rdf_format) -> None:
    out = tmp_path / f"graph.{fmt}"
    kg_export(data, "--format", fmt, "--out", str(out))
    graphs = Counter(q.graph_name.value for q in ox.parse(path=str(out), format=rdf_format))
    expected = {r["g"].value: int(r["n"].value)
                for r in store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", union=False)}
    assert graphs == expected


def test_json_ld_is_read_by_a_second_implementation(data: Path, store, tmp_path: Path) -> None:
    out = tmp_path / "graph.jsonld"
    kg_export(data, "--format", "jsonld", "--out", str(out))
    dataset = rdflib.Dataset()
    dataset.parse(out, format="json-ld")
    assert len(list(dataset.quads((None, None, None, None)))) == scalar(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")


@pytest.mark.parametrize("paper", [PAPERS[0].name, PAPERS[0].stem, "https://w3id.org/clusterkg/resource/paper/" + PAPERS[0].stem.replace("_", "-")])
def test_one_paper_is_exported_by_file_name_or_iri(data: Path, tmp_path: Path, paper: str) -> None:
    out = tmp_path / "paper.nq"
    kg_export(data, "--format", "nquads", "--out", str(out), "--paper", paper)
    graphs = {q.graph_name.value for q in ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS)}
    assert graphs == {"https://w3id.org/clusterkg/resource/graph/paper/" + PAPERS[0].stem.replace("_", "-")}


def test_an_unknown_paper_is_one_error_and_leaves_the_previous_file(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "paper.ttl"
    out.write_text("previous")
    result = runner.invoke(app, ["export", "--data", str(data), "--format", "turtle", "--out", str(out), "--paper", "nope.txt"])
    assert result.exit_code == 2 and result.stderr.startswith("kg: nope.txt: no such paper") and "Traceback" not in result.output
    assert out.read_text() == "previous" and list(tmp_path.iterdir()) == [out]


def test_owl_declares_every_individual_and_keeps_the_ontology(data: Path, store, tmp_path: Path) -> None:
    out = tmp_path / "clusterkg-full.owl"
    kg_export(data, "--format", "owl", "--out", str(out))
    g = rdflib.Graph().parse(out, format="xml")
    individuals = set(g.subjects(rdflib.RDF.type, rdflib.OWL.NamedIndividual))
    mentions = {rdflib.URIRef(r["m"].value) for r in store.query("SELECT ?m WHERE { ?m a ckg:Mention }")}
    assert mentions and mentions <= individuals
    assert (rdflib.URIRef("https://w3id.org/clusterkg/ontology#KnowledgeSpillover"), rdflib.RDF.type, rdflib.OWL.Class) in g
    assert (rdflib.URIRef("https://w3id.org/clusterkg/ontology"), rdflib.RDF.type, rdflib.OWL.Ontology) in g


@pytest.fixture
def store_with_undeclared_terms(tmp_path: Path, ontology_file: Path) -> EmbeddedStore:
    """The ontology and one paper graph using a class and properties the ontology does not declare."""
    store = EmbeddedStore(tmp_path / "store")
    store.replace_graph(ox.NamedNode(str(ONTOLOGY_GRAPH)), [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(str(ONTOLOGY_GRAPH)))
                                                           for t in ox.parse(path=str(ontology_file), format=ox.RdfFormat.RDF_XML)])
    g = ox.NamedNode("https://w3id.org/clusterkg/resource/graph/paper/x")
    a, b = ox.NamedNode(f"{EX}a"), ox.NamedNode(f"{EX}b")
    store.add([ox.Quad(a, RDF_TYPE, ox.NamedNode(f"{EX}Thing"), g), ox.Quad(a, ox.NamedNode(f"{EX}knows"), b, g),
               ox.Quad(a, ox.NamedNode(f"{EX}weight"), ox.Literal("3", datatype=ox.NamedNode(str(rdflib.XSD.integer))), g),
               ox.Quad(a, ox.NamedNode(f"{EX}note"), b, g), ox.Quad(b, ox.NamedNode(f"{EX}note"), ox.Literal("b"), g)])
    return store


def test_owl_declares_the_terms_the_ontology_does_not_by_their_use(store_with_undeclared_terms: EmbeddedStore, tmp_path: Path) -> None:
    export(store_with_undeclared_terms, "owl", tmp_path / "x.owl")
    g = rdflib.Graph().parse(tmp_path / "x.owl", format="xml")
    ex = rdflib.Namespace(EX)
    assert (ex.Thing, rdflib.RDF.type, rdflib.OWL.Class) in g
    assert (ex.knows, rdflib.RDF.type, rdflib.OWL.ObjectProperty) in g
    assert (ex.weight, rdflib.RDF.type, rdflib.OWL.DatatypeProperty) in g
    assert (ex.note, rdflib.RDF.type, rdflib.OWL.AnnotationProperty) in g  # IRI and literal values
    assert {ex.a, ex.b} <= set(g.subjects(rdflib.RDF.type, rdflib.OWL.NamedIndividual))


@pytest.mark.slow
def test_owl_export_is_owl_2_dl_as_protege_loads_it(data: Path, store_with_undeclared_terms: EmbeddedStore, tmp_path: Path,
                                                     shared_dir: Path) -> None:
    out = tmp_path / "clusterkg-full.owl"
    kg_export(data, "--format", "owl", "--out", str(out))
    export(store_with_undeclared_terms, "owl", tmp_path / "undeclared.owl")
    check = subprocess.run([str(shared_dir / "owlcheck" / "owlcheck"), str(out), str(tmp_path / "undeclared.owl")],
                           capture_output=True, text=True, timeout=600)
    assert check.returncode == 0, check.stdout + check.stderr


def test_graphml_links_concepts_mentioned_in_the_same_sentence(data: Path, store, tmp_path: Path) -> None:
    out = tmp_path / "network.graphml"
    kg_export(data, "--format", "graphml", "--out", str(out))
    g = nx.read_graphml(out)
    mentions = Counter(r["c"].value for r in store.query("SELECT ?c WHERE { ?m a ckg:Mention ; ckg:concept ?c }"))
    assert {n: g.nodes[n]["mentions"] for n in g.nodes} == dict(mentions)
    assert g.nodes["https://w3id.org/clusterkg/ontology#KnowledgeSpillover"]["label"] == "knowledge spillover"
    a, b, weight = max(g.edges(data="weight"), key=lambda e: e[2])
    together = scalar(store, f"""SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{
        ?m1 ckg:concept <{a}> ; ckg:mentionedIn ?s . ?m2 ckg:concept <{b}> ; ckg:mentionedIn ?s }}""")
    assert weight == together > 0


def test_vosviewer_map_and_network_files_agree(data: Path, tmp_path: Path) -> None:
    kg_export(data, "--format", "vosviewer", "--out", str(tmp_path / "vos"))
    with open(tmp_path / "vos" / "map.txt", encoding="utf-8") as f:
        items = list(csv.DictReader(f, delimiter="\t"))
    assert list(items[0]) == ["id", "label", "description", "url", "cluster", "weight<Occurrences>", "weight<Documents>"]
    ids = {int(item["id"]) for item in items}
    assert ids == set(range(1, len(items) + 1)) and all(1 <= int(i["cluster"]) <= 1000 for i in items)
    links = [line.split("\t") for line in (tmp_path / "vos" / "network.txt").read_text(encoding="utf-8").splitlines()]
    assert links and all(len(link) == 3 and {int(link[0]), int(link[1])} <= ids and int(link[2]) > 0 for link in links)


def test_mention_and_claim_csv_rows_point_into_their_files(data: Path, store, tmp_path: Path) -> None:
    kg_export(data, "--format", "csv", "--out", str(tmp_path / "csv"))
    with open(tmp_path / "csv" / "mentions.csv", encoding="utf-8", newline="") as f:
        mentions = list(csv.DictReader(f))
    assert len(mentions) == scalar(store, "SELECT (COUNT(*) AS ?n) WHERE { ?m a ckg:Mention }")
    texts = {p.name: p.read_text(encoding="utf-8") for p in PAPERS}
    for row in mentions:
        assert texts[row["file"]][int(row["start"]):int(row["end"])] == row["text"]
        assert row["section"] and row["sentence"].isdigit()
    with open(tmp_path / "csv" / "claims.csv", encoding="utf-8", newline="") as f:
        claims = list(csv.DictReader(f))
    assert len(claims) == scalar(store, "SELECT (COUNT(*) AS ?n) WHERE { ?c a ckg:Claim }")
    for row in claims:
        sentence = texts[row["file"]][int(row["start"]):int(row["end"])]
        assert " ".join(sentence.split()) == " ".join(row["sentence_text"].split())
