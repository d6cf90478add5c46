"""Why the embedded store is pyoxigraph: the same quads loaded and queried in pyoxigraph (persisted on
disk) and in rdflib's in-memory Dataset, in the same run.

Run: .venv/bin/python benchmarks/bench_store.py [--copies 20]
Builds the corpus once, replicates its paper graphs --copies times (new graph names and subjects), then
prints load time and query latencies (median of 5) for both, with the ratio rdflib / pyoxigraph.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from kg.build import build
from kg.namespaces import PREFIXES
from timing import median_seconds

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
QUERIES = {
    "mentions per category": "SELECT ?c (COUNT(*) AS ?n) WHERE { ?m ckg:category ?c } GROUP BY ?c",
    "sentences of one concept": """SELECT ?text WHERE { ?m ckg:concept ?k ; ckg:mentionedIn ?s . ?s ckg:text ?text .
                                   ?k rdfs:label "knowledge spillover"@en } LIMIT 100""",
    "claims with evidence": "SELECT ?c ?text WHERE { ?c a ckg:Claim ; ckg:hasEvidence ?s . ?s ckg:text ?text } LIMIT 100",
}


def replicated_quads(data: Path, copies: int) -> list[ox.Quad]:
    store = ox.Store.read_only(str(data / "store"))
    quads = list(store.quads_for_pattern(None, None, None, None))
    out = []
    for n in range(copies):
        def rename(term):
            if isinstance(term, ox.NamedNode) and "/resource/" in term.value and "/graph/ontology" not in term.value:
                return ox.NamedNode(f"{term.value}-copy{n}")
            return term
        out += [ox.Quad(rename(q.subject), q.predicate, rename(q.object), rename(q.graph_name)) for q in quads]
    return out


def median_ms(function, repeat: int = 5) -> float:
    return median_seconds(function, repeat) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        build(CORPUS, tmp / "data")
        quads = replicated_quads(tmp / "data", args.copies)
        nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)

        oxi = ox.Store(str(tmp / "bench-store"))
        start = time.perf_counter()
        oxi.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
        oxi_load = time.perf_counter() - start
        memory = Dataset(default_union=True)
        start = time.perf_counter()
        memory.parse(data=nquads, format="nquads")
        rdflib_load = time.perf_counter() - start
        print(f"load {len(quads)} quads  pyoxigraph (on disk) {oxi_load:.2f} s  rdflib (in memory) {rdflib_load:.2f} s  "
              f"ratio {rdflib_load / oxi_load:.1f}")
        header = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
        for name, query in QUERIES.items():
            ours = median_ms(lambda: list(oxi.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)))
            base = median_ms(lambda: list(memory.query(header + query)))
            print(f"query '{name}'  pyoxigraph {ours:.1f} ms  rdflib {base:.1f} ms  ratio {base / ours:.1f}")


if __name__ == "__main__":
    main()
