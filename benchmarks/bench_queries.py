"""The competency queries at scale: the corpus replicated to about 1M triples, each query of queries/
timed on the embedded store (pyoxigraph on disk, through kg.store) and on rdflib's in-memory Dataset,
in the same run.

Run: .venv/bin/python benchmarks/bench_queries.py [--copies 70] [--rdflib-timeout 20]
Builds corpus/ once, replicates its paper graphs --copies times (each copy a distinct paper: every IRI
that belongs to one paper is renamed per copy, and its file name, title, DOI and hashes; cited works,
people and concepts stay shared, as in a real corpus), derives the
inference and aggregates graphs over the whole (timed: what a build pays for them), then loads the
same quads into a fresh pyoxigraph store and into rdflib and times each query: pyoxigraph warm, median
of 5; rdflib once after a warm-up, stopped after --rdflib-timeout seconds. Prints a table with ratios,
and the embedded store's median and maximum against the targets (median < 50 ms, maximum < 1 s).
"""

from __future__ import annotations

import argparse
import signal
import statistics
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.namespace import DCTERMS

from kg.build import build
from kg.graph import ONTOLOGY_GRAPH
from kg.namespaces import CKG, RESOURCE_NS, resource
from kg.reason import PAPER_GRAPHS, derive
from kg.settings import ontology_path
from kg.store import open_store
from timing import median_seconds

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
QUERIES = sorted((ROOT / "queries").glob("*.rq"))
SHARED = ("work/", "person/", "graph/ontology", "graph/builds", "build/")  # not renamed per copy
PAPERS = str(resource("paper", ""))
SOURCE_FILE = ox.NamedNode(str(CKG.sourceFile))
PAPER_IDENTITY = {SOURCE_FILE, *(ox.NamedNode(str(p)) for p in (DCTERMS.title, CKG.doi, CKG.contentHash, CKG.buildKey))}


def replicated_quads(data: Path, copies: int) -> list[ox.Quad]:
    """The paper graphs `copies` times, plus the ontology graph once.

    Copy 0 is the corpus as built; each further copy is a distinct paper, as in a real corpus: every IRI
    that belongs to one paper is renamed, and so are its file name, title, DOI and hashes, so the
    per-paper queries (VALUES on a file name) select one paper of the 1M triples, not 70."""
    store = ox.Store.read_only(str(data / "store"))
    papers = [q for q in store.quads_for_pattern(None, None, None, None)
              if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value.startswith(PAPER_GRAPHS)]
    out = list(store.quads_for_pattern(None, None, None, ox.NamedNode(str(ONTOLOGY_GRAPH))))
    out += papers
    for n in range(1, copies):
        def rename(term):
            if isinstance(term, ox.NamedNode) and term.value.startswith(RESOURCE_NS) \
                    and not term.value[len(RESOURCE_NS):].startswith(SHARED):
                return ox.NamedNode(f"{term.value}-copy{n}")
            return term

        def distinct(quad: ox.Quad):
            if quad.predicate in PAPER_IDENTITY and quad.subject.value.startswith(PAPERS):
                if quad.predicate == SOURCE_FILE:
                    stem, dot, suffix = quad.object.value.rpartition(".")
                    return ox.Literal(f"{stem}-copy{n}{dot}{suffix}")
                return ox.Literal(f"{quad.object.value} (copy {n})")
            return rename(quad.object)
        out += [ox.Quad(rename(q.subject), q.predicate, distinct(q), rename(q.graph_name)) for q in papers]
    return out


class Timeout(Exception):
    pass


def timed_once(function, limit: float) -> float | None:
    """Seconds of one run, or None when it takes longer than `limit` (rdflib is pure Python: an alarm stops it)."""
    def stop(*_):
        raise Timeout
    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        start = time.perf_counter()
        function()
        return time.perf_counter() - start
    except Timeout:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=70)
    parser.add_argument("--rdflib-timeout", type=float, default=20.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        build(CORPUS, tmp / "data")
        quads = replicated_quads(tmp / "data", args.copies)

        staging = open_store(tmp / "staging")
        staging.add(quads)
        start = time.perf_counter()
        report = derive(staging, ontology_path(), changed_graphs=[])
        derive_s = time.perf_counter() - start
        print(f"derive over {len(quads):,} quads ({args.copies} copies of {len(list(CORPUS.glob('*.txt')))} papers): "
              f"{derive_s:.1f} s (inference {report.seconds['inference']:.1f} s, aggregates {report.seconds['aggregates']:.1f} s); "
              f"inference graph {report.inferred:,} triples, aggregates {report.aggregates:,}, "
              f"HermiT classified {len(report.classified)}, inconsistent: {report.inconsistent or 'no'}")
        staging.flush()
        nquads = ox.serialize(staging._store.quads_for_pattern(None, None, None, None), format=ox.RdfFormat.N_QUADS)  # every graph
        total = nquads.count(b"\n")

        (tmp / "bench").mkdir()
        oxi = ox.Store(str(tmp / "bench" / "store"))
        start = time.perf_counter()
        oxi.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
        oxi.flush()
        oxi_load = time.perf_counter() - start
        del oxi
        embedded = open_store(tmp / "bench", read_only=True)
        memory = Dataset(default_union=True)
        start = time.perf_counter()
        memory.parse(data=nquads.decode(), format="nquads")
        rdflib_load = time.perf_counter() - start
        print(f"load {total:,} quads: pyoxigraph (on disk) {oxi_load:.1f} s, rdflib (in memory) {rdflib_load:.1f} s, "
              f"ratio {rdflib_load / oxi_load:.1f}")

        print(f"{'query':34} {'rows':>6} {'pyoxigraph ms':>14} {'rdflib ms':>11} {'ratio':>7}")
        ours_all = []
        for path in QUERIES:
            query = path.read_text(encoding="utf-8")
            rows = len(list(embedded.query(query)))
            ours = median_seconds(lambda: list(embedded.query(query)), repeat=5) * 1000
            ours_all.append(ours)
            base = timed_once(lambda: list(memory.query(query)), args.rdflib_timeout)
            if base is None:
                print(f"{path.stem:34} {rows:>6} {ours:>14.1f} {'> ' + str(int(args.rdflib_timeout * 1000)):>11} {'> ' + str(int(args.rdflib_timeout * 1000 / ours)):>7}")
            else:
                rdflib_rows = len(list(memory.query(query))) if base < args.rdflib_timeout / 4 else rows
                mark = "" if rdflib_rows == rows else f"  (rdflib {rdflib_rows} rows)"
                print(f"{path.stem:34} {rows:>6} {ours:>14.1f} {base * 1000:>11.1f} {base * 1000 / ours:>7.1f}{mark}")
        median, worst = statistics.median(ours_all), max(ours_all)
        print(f"embedded store: median {median:.1f} ms (target < 50: {'met' if median < 50 else 'missed'}), "
              f"max {worst:.1f} ms (target < 1000: {'met' if worst < 1000 else 'missed'})")


if __name__ == "__main__":
    main()
