"""`kg query`: query text, file or name; output formats; limits, timeouts and updates."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.query import is_update, load_query, run_query
from kg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
GRAPH = ox.NamedNode("https://w3id.org/clusterkg/resource/graph/paper/p")
CKG = "https://w3id.org/clusterkg/ontology#"
runner = CliRunner()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data directory whose store holds 2,000 sentences of one paper graph, made without spaCy."""
    store = open_store(tmp_path)
    store.replace_graph(GRAPH, [ox.Quad(ox.NamedNode(f"https://w3id.org/clusterkg/resource/sentence/p/{i}"),
                                        ox.NamedNode(f"{CKG}text"), ox.Literal(f"sentence {i}", language="en"), GRAPH)
                                for i in range(2000)])
    store.flush()
    del store
    return tmp_path


def kg(*args: str):
    return runner.invoke(app, ["query", *args])


def test_a_table_stops_at_1000_rows_and_says_so(data: Path) -> None:
    result = kg("--data", str(data), "SELECT ?s WHERE { ?s ckg:text ?t }")
    assert result.exit_code == 0
    assert "(1000 rows)" in result.stdout and "--limit 0 for all" in result.stderr


def test_limit_bounds_every_format_and_zero_means_all(data: Path) -> None:
    assert len(json.loads(run_query(data, "SELECT ?s WHERE { ?s ?p ?o }", "json", limit=7))["results"]["bindings"]) == 7
    assert len(list(csv.reader(io.StringIO(run_query(data, "SELECT ?s WHERE { ?s ?p ?o }", "csv"))))) == 2001
    result = kg("--data", str(data), "--limit", "0", "SELECT ?s WHERE { ?s ?p ?o }")
    assert "(2000 rows)" in result.stdout and result.stderr == ""


def test_csv_tsv_and_json_keep_languages_and_datatypes(data: Path) -> None:
    sparql = "SELECT ?t (STRLEN(?t) AS ?n) WHERE { <https://w3id.org/clusterkg/resource/sentence/p/7> ckg:text ?t }"
    assert run_query(data, sparql, "csv") == "t,n\r\nsentence 7,10\r\n"
    assert run_query(data, sparql, "tsv").splitlines() == ["?t\t?n", '"sentence 7"@en\t"10"^^<http://www.w3.org/2001/XMLSchema#integer>']
    row = json.loads(run_query(data, sparql, "json"))["results"]["bindings"][0]
    assert row["t"] == {"type": "literal", "value": "sentence 7", "xml:lang": "en"}
    assert row["n"]["datatype"].endswith("#integer")


def test_construct_and_describe_print_turtle(data: Path) -> None:
    result = kg("--data", str(data), "CONSTRUCT { ?s rdfs:label ?t } WHERE { ?s ckg:text ?t } LIMIT 3")
    assert result.exit_code == 0
    assert len(list(ox.parse(result.stdout, format=ox.RdfFormat.TURTLE))) == 3
    described = kg("--data", str(data), "DESCRIBE <https://w3id.org/clusterkg/resource/sentence/p/1>")
    assert described.exit_code == 0 and "sentence 1" in described.stdout


def test_a_construct_asked_for_as_csv_is_one_clear_error(data: Path) -> None:
    result = kg("--data", str(data), "--format", "csv", "CONSTRUCT WHERE { ?s ?p ?o }")
    assert result.exit_code == 2 and "turtle" in result.stderr and "Traceback" not in result.output


def test_a_query_is_read_from_a_file_or_by_name(data: Path, tmp_path: Path) -> None:
    file = tmp_path / "q.rq"
    file.write_text("# Question: one sentence?\nSELECT ?t WHERE { <https://w3id.org/clusterkg/resource/sentence/p/3> ckg:text ?t }\n")
    assert "sentence 3" in kg("--data", str(data), "--file", str(file)).stdout
    assert load_query(name="concepts_per_category") == (ROOT / "queries" / "concepts_per_category.rq").read_text(encoding="utf-8")
    unknown = kg("--data", str(data), "--name", "no_such_query")
    assert unknown.exit_code == 2 and "concepts_per_category" in unknown.stderr


def test_exactly_one_query_source_is_taken(data: Path, tmp_path: Path) -> None:
    result = kg("--data", str(data), "--name", "concepts_per_category", "ASK {}")
    assert result.exit_code == 2 and "exactly one" in result.stderr


@pytest.mark.parametrize("text", [
    "INSERT DATA { res:a ckg:text 'x' }",
    "# a comment first\nPREFIX ex: <https://example.org/>\nDELETE WHERE { ?s ex:p ?o }",
    "CLEAR ALL",
    "  drop silent graph <https://example.org/g>",
])
def test_updates_are_recognised_by_parsing(text: str) -> None:
    assert is_update(text)


@pytest.mark.parametrize("text", ["SELECT * WHERE { ?s ?p ?o }", "# INSERT DATA\nASK {}", "INSERT DATA { broken"])
def test_queries_and_broken_text_are_not_updates(text: str) -> None:
    assert not is_update(text)


def test_an_update_is_refused_without_the_update_flag_and_changes_nothing(data: Path) -> None:
    refused = kg("--data", str(data), "# tidy up\nDELETE WHERE { ?s ckg:text ?t }")
    assert refused.exit_code == 2 and "--update" in refused.stderr
    assert run_query(data, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "csv") == "n\r\n2000\r\n"
    done = kg("--data", str(data), "--update", "DELETE WHERE { GRAPH ?g { ?s ckg:text ?t } }")
    assert done.exit_code == 0, done.output
    assert run_query(data, "ASK { ?s ?p ?o }") == "false\n"


def test_a_malformed_query_is_one_line_with_line_and_column(data: Path) -> None:
    result = kg("--data", str(data), "SELECT ?x WHERE {\n ?x ckg:text }")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("kg: query: error at 2:")


def test_a_query_over_its_timeout_stops_the_wait(data: Path) -> None:
    square = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y }"  # 4 million rows: seconds of work, no more
    result = kg("--data", str(data), "--timeout", "0.2", square)
    assert result.exit_code == 2 and "no answer within 0.2 s" in result.stderr
