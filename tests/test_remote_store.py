"""The remote store: a real Oxigraph server on 127.0.0.1 answers as the embedded store does."""

from __future__ import annotations

import json
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from typer.testing import CliRunner

from kg.build import build
from kg.cli import app
from kg.errors import StoreError
from kg.query import run_query
from kg.store import EmbeddedStore, RemoteStore, open_store
from kg.store.embedded import STAGING_MARK

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
QUERIES = sorted((ROOT / "queries").glob("*.rq"))
OXIGRAPH = Path(sys.executable).parent / "oxigraph"
GRAPH = ox.NamedNode("https://w3id.org/clusterkg/resource/graph/paper/p")
runner = CliRunner()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class OxigraphServer:
    """`oxigraph serve` on a free port of 127.0.0.1, persisted in `location`."""

    location: Path
    process: subprocess.Popen | None = None
    url: str = ""

    def start(self) -> OxigraphServer:
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen([str(OXIGRAPH), "serve", "--location", str(self.location), "--bind", f"127.0.0.1:{port}"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                requests.get(f"{self.url}/query", params={"query": "ASK {}"}, timeout=1)
                return self
            except requests.ConnectionError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.05)
        self.stop()
        pytest.fail(f"oxigraph serve did not answer on {self.url}")

    def kill(self) -> None:
        """What a crash does: SIGKILL, no chance to finish anything."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


def start_server(location: Path) -> Iterator[OxigraphServer]:
    if not OXIGRAPH.exists():
        pytest.fail(f"{OXIGRAPH} is missing: install the test extra (pip install -e '.[test]')")
    server = OxigraphServer(location).start()
    yield server
    server.stop()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[OxigraphServer]:
    yield from start_server(tmp_path / "oxigraph")


def quads(graph: ox.NamedNode, n: int) -> list[ox.Quad]:
    return [ox.Quad(ox.NamedNode(f"https://example.org/s{i}"), ox.NamedNode("https://example.org/p"), ox.Literal(str(i)), graph)
            for i in range(n)]


def count(store) -> int:
    return int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)


def test_replacing_a_remote_graph_leaves_exactly_the_new_quads(server: OxigraphServer) -> None:
    store = RemoteStore(server.url)
    store.replace_graph(GRAPH, quads(GRAPH, 5))
    store.replace_graph(GRAPH, quads(GRAPH, 3))
    assert count(store) == 3 and store.named_graphs() == {GRAPH.value}


def test_replacing_a_remote_graph_with_nothing_removes_it(server: OxigraphServer) -> None:
    store = RemoteStore(server.url)
    store.replace_graph(GRAPH, quads(GRAPH, 3))
    store.replace_graph(GRAPH, [])
    assert count(store) == 0 and store.named_graphs() == set()


def test_remote_results_are_pyoxigraph_results(server: OxigraphServer) -> None:
    store = RemoteStore(server.url)
    store.add(quads(GRAPH, 2))
    assert isinstance(store.query("SELECT ?s WHERE { ?s ?p ?o }"), ox.QuerySolutions)
    assert isinstance(store.query("ASK { ?s ?p ?o }"), ox.QueryBoolean)
    triples = store.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert isinstance(triples, ox.QueryTriples) and len(list(triples)) == 2


def test_a_remote_staging_graph_is_invisible_and_dropped_by_the_next_writer(server: OxigraphServer) -> None:
    store = RemoteStore(server.url)
    store.replace_graph(GRAPH, quads(GRAPH, 3))
    staging = ox.NamedNode(f"{GRAPH.value}{STAGING_MARK}killed")
    store.add(quads(staging, 7))  # what a build killed between its upload and its MOVE leaves
    reader = RemoteStore(server.url, read_only=True)
    assert count(reader) == 3
    assert [r["g"].value for r in reader.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")] == [GRAPH.value]
    assert RemoteStore(server.url).named_graphs() == {GRAPH.value}
    everything = requests.post(f"{server.url}/query", data={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
                               headers={"Accept": "application/sparql-results+json"}).json()
    assert everything["results"]["bindings"][0]["n"]["value"] == "3"


def test_a_server_killed_during_an_upload_leaves_the_previous_graph(server: OxigraphServer) -> None:
    store = RemoteStore(server.url)
    store.replace_graph(GRAPH, quads(GRAPH, 3))

    def killed_midway() -> Iterator[ox.Quad]:
        new = quads(GRAPH, 10)
        yield from new[:5]
        server.kill()
        yield from new[5:]

    with pytest.raises(StoreError, match=re.escape(server.url)):
        store.replace_graph(GRAPH, killed_midway())
    server.start()
    restarted = RemoteStore(server.url)
    assert count(restarted) == 3 and restarted.named_graphs() == {GRAPH.value}


def test_a_payload_the_server_rejects_leaves_the_previous_graph(server: OxigraphServer) -> None:
    store = RemoteStore(server.url)
    store.replace_graph(GRAPH, quads(GRAPH, 3))
    with pytest.raises(StoreError, match="HTTP 400"):
        store._request("PUT", "store", params={"graph": GRAPH.value}, data=b"<s> <p> broken", headers={"Content-Type": "application/n-triples"})
    assert count(store) == 3


def test_a_failing_producer_leaves_the_previous_graph_on_both_stores(server: OxigraphServer, tmp_path: Path) -> None:
    for store in (RemoteStore(server.url), EmbeddedStore(tmp_path / "store")):

        def failing() -> Iterator[ox.Quad]:
            yield from quads(GRAPH, 5)
            raise RuntimeError("the extractor crashed")

        store.replace_graph(GRAPH, quads(GRAPH, 3))
        with pytest.raises(RuntimeError):
            store.replace_graph(GRAPH, failing())
        assert count(store) == 3, store.location


def test_an_unreachable_endpoint_is_one_error_naming_it() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(StoreError, match=re.escape(url)):
        open_store(url=url)
    result = runner.invoke(app, ["query", "--store", url, "ASK {}"])
    assert result.exit_code == 2 and result.stderr.startswith(f"kg: {url}/query: cannot reach") and "Traceback" not in result.output


def test_a_read_only_remote_store_refuses_updates(server: OxigraphServer) -> None:
    with pytest.raises(StoreError, match="read-only"):
        RemoteStore(server.url, read_only=True).update("CLEAR ALL")


def test_query_update_runs_remotely_only_with_the_update_flag(server: OxigraphServer) -> None:
    update = "INSERT DATA { GRAPH <https://w3id.org/clusterkg/resource/graph/paper/x> { res:a ckg:text 'a' } }"
    refused = runner.invoke(app, ["query", "--store", server.url, update])
    assert refused.exit_code == 2 and "--update" in refused.stderr
    assert runner.invoke(app, ["query", "--store", server.url, "--update", update]).exit_code == 0
    assert run_query(None, "ASK { res:a ckg:text 'a' }", url=server.url) == "true\n"


# The starting corpus, built into the embedded store and into the server, answers the same queries.

SAME_QUERIES = {
    "papers": "SELECT ?f WHERE { ?p ckg:sourceFile ?f }",
    "graphs": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
    "mentions per concept": "SELECT ?c (COUNT(*) AS ?n) WHERE { ?m ckg:concept ?c } GROUP BY ?c",
    "evidence": """SELECT ?file ?sentence ?start WHERE {
        ?m ckg:concept/rdfs:label "knowledge spillover"@en ; ckg:mentionedIn ?s ; ckg:inPublication ?p .
        ?s ckg:text ?sentence ; ckg:startOffset ?start . ?p ckg:sourceFile ?file }""",
    "claims": "SELECT ?c ?rel ?pol ?hedged WHERE { ?c a ckg:Claim ; ckg:relation ?rel ; ckg:polarity ?pol ; ckg:hedged ?hedged }",
    "cited works": "SELECT ?w (COUNT(?p) AS ?n) WHERE { ?p cito:cites ?w } GROUP BY ?w",
    "ask": "ASK { ?c a ckg:Claim }",
    "construct": "CONSTRUCT { ?p ckg:sourceFile ?f } WHERE { ?p ckg:sourceFile ?f }",
    **{f"queries/{q.name}": q.read_text(encoding="utf-8") for q in QUERIES},
}


def answer_set(text: str) -> Counter:
    """A JSON or N-Triples answer as a multiset of rows, variables in name order, blank nodes alike."""
    if text.startswith("{"):
        parsed = json.loads(text)
        if "boolean" in parsed:
            return Counter([parsed["boolean"]])
        return Counter(json.dumps({k: v if v["type"] != "bnode" else "_" for k, v in sorted(row.items())})
                       for row in parsed["results"]["bindings"])
    return Counter(re.sub(r"_:\S+", "_:b", line) for line in text.splitlines())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, OxigraphServer]]:
    """The corpus, built once into an embedded data directory and once into an Oxigraph server."""
    data = tmp_path_factory.mktemp("embedded")
    assert build(CORPUS, data).failed == []
    remote = tmp_path_factory.mktemp("remote")
    for server in start_server(remote / "oxigraph"):
        assert build(CORPUS, remote / "data", store_url=server.url).failed == []
        yield data, server


@pytest.mark.slow
@pytest.mark.parametrize("name", list(SAME_QUERIES))
def test_the_server_answers_every_query_as_the_embedded_store_does(built: tuple[Path, OxigraphServer], name: str) -> None:
    data, server = built
    sparql = SAME_QUERIES[name]
    fmt = "ntriples" if name == "construct" else "json"
    embedded = run_query(data, sparql, fmt)
    remote = run_query(None, sparql, fmt, url=server.url)
    assert answer_set(remote) == answer_set(embedded)
    if not name.startswith("queries/"):  # a competency query may rightly find nothing in five papers
        assert sum(answer_set(embedded).values()) > 0


@pytest.mark.slow
def test_a_rebuilt_paper_replaces_its_remote_graph(server: OxigraphServer, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    papers = sorted(CORPUS.glob("*.txt"))[:2]
    for paper in papers:
        shutil.copy(paper, corpus / paper.name)
    result = runner.invoke(app, ["build", str(corpus), "--data", str(tmp_path / "data"), "--store", server.url])
    assert result.exit_code == 0, result.output
    changed = corpus / papers[0].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nKnowledge spillover drives cluster upgrading in Zhili.\n",
                       encoding="utf-8")
    report = build(corpus, tmp_path / "data", store_url=server.url)
    assert report.built == [papers[0].name] and report.skipped == [papers[1].name]
    store = RemoteStore(server.url, read_only=True)
    assert bool(store.query("ASK { ?s ckg:text ?t FILTER(CONTAINS(?t, 'drives cluster upgrading in Zhili')) }"))
    assert len([g for g in store.named_graphs() if "/graph/paper/" in g]) == 2
    texts = Counter(r["f"].value for r in store.query("SELECT ?f WHERE { ?p ckg:sourceFile ?f }"))
    assert texts == Counter(p.name for p in papers)  # the old graph is gone, not kept beside the new one


@pytest.mark.slow
@pytest.mark.parametrize("fmt, files", [("csv", ["claims.csv", "mentions.csv"]), ("vosviewer", ["map.txt", "network.txt"])])
def test_export_from_the_server_equals_export_from_the_embedded_store(built: tuple[Path, OxigraphServer], tmp_path: Path,
                                                                      fmt: str, files: list[str]) -> None:
    data, server = built
    for source, where in (("embedded", ["--data", str(data)]), ("remote", ["--store", server.url])):
        result = runner.invoke(app, ["export", *where, "--format", fmt, "--out", str(tmp_path / source)])
        assert result.exit_code == 0, result.output
    for name in files:
        embedded = (tmp_path / "embedded" / name).read_text(encoding="utf-8")
        assert (tmp_path / "remote" / name).read_text(encoding="utf-8") == embedded and embedded.count("\n") > 10


@pytest.mark.slow
def test_the_app_reads_a_remote_endpoint_as_it_reads_the_data_directory(built: tuple[Path, OxigraphServer]) -> None:
    from kg import browse

    data, server = built
    local, remote = browse.connect(data), browse.connect(url=server.url)
    assert [p.iri for p in browse.papers(remote)] == [p.iri for p in browse.papers(local)]
    assert browse.evidence_matrix(remote).counts == browse.evidence_matrix(local).counts
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?m ckg:mentionedIn ?s }"
    assert browse.run_readonly(query, url=server.url).rows == browse.run_readonly(query, data).rows
