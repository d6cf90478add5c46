"""What a remote endpoint costs: the same build, queries and paper replacement against the embedded
store (the baseline) and against a real Oxigraph server on 127.0.0.1, in the same run.

Run: .venv/bin/python benchmarks/bench_remote.py
Prints, for each operation, the embedded time, the remote time (median of 5 after a warm-up) and the
ratio remote / embedded. The remote time includes HTTP, the listing of visible graphs that every
remote query sends, and parsing the results back into pyoxigraph objects.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
import requests

from kg.build import build
from kg.graph import paper_graph
from kg.store import open_store
from timing import median_seconds

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
QUERIES = {
    "mentions per category": "SELECT ?c (COUNT(*) AS ?n) WHERE { ?m ckg:category ?c } GROUP BY ?c",
    "sentences of one concept": """SELECT ?text WHERE { ?m ckg:concept ?k ; ckg:mentionedIn ?s . ?s ckg:text ?text .
                                   ?k rdfs:label "knowledge spillover"@en } LIMIT 100""",
    "all mentions with offsets": "SELECT ?m ?t ?a ?b WHERE { ?m a ckg:Mention ; ckg:text ?t ; ckg:startOffset ?a ; ckg:endOffset ?b }",
}


def start_server(location: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen([str(Path(sys.executable).parent / "oxigraph"), "serve", "--location", str(location),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            requests.get(f"{url}/query", params={"query": "ASK {}"}, timeout=1)
            return process, url
        except requests.ConnectionError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit(f"oxigraph serve did not answer on {url}")


def line(name: str, embedded: float, remote: float) -> None:
    print(f"{name:32s} embedded {embedded * 1000:9.1f} ms  remote {remote * 1000:9.1f} ms  ratio {remote / embedded:6.2f}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        process, url = start_server(tmp / "oxigraph")
        try:
            build(CORPUS, tmp / "warm-up")  # loads the spaCy pipeline once, outside both timings
            start = time.perf_counter()
            build(CORPUS, tmp / "embedded")
            embedded_build = time.perf_counter() - start
            start = time.perf_counter()
            build(CORPUS, tmp / "remote", store_url=url)
            line("build of the 5 papers", embedded_build, time.perf_counter() - start)

            embedded, remote = open_store(tmp / "embedded"), open_store(url=url)
            for name, sparql in QUERIES.items():
                line(name, median_seconds(lambda: list(embedded.query(sparql))), median_seconds(lambda: list(remote.query(sparql))))
            graph = paper_graph(sorted(CORPUS.glob("*.txt"))[0])
            rows = list(embedded.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }}", union=False))
            paper = [ox.Quad(r["s"], r["p"], r["o"], graph) for r in rows]
            line(f"replace a paper ({len(paper)} quads)", median_seconds(lambda: embedded.replace_graph(graph, paper)),
                 median_seconds(lambda: remote.replace_graph(graph, paper)))
        finally:
            process.terminate()
            process.wait(10)


if __name__ == "__main__":
    main()
