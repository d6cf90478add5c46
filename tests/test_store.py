"""The embedded store: atomic graph replacement and what queries see."""

from pathlib import Path

import pyoxigraph as ox

from kg.store.embedded import STAGING_MARK, EmbeddedStore

GRAPH = ox.NamedNode("https://w3id.org/clusterkg/resource/graph/paper/p")


def quads(graph: ox.NamedNode, n: int) -> list[ox.Quad]:
    return [ox.Quad(ox.NamedNode(f"https://example.org/s{i}"), ox.NamedNode("https://example.org/p"), ox.Literal(str(i)), graph)
            for i in range(n)]


def count(store: EmbeddedStore) -> int:
    return int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)


def test_replacing_a_graph_leaves_exactly_the_new_quads(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    store.replace_graph(GRAPH, quads(GRAPH, 5))
    store.replace_graph(GRAPH, quads(GRAPH, 3))
    assert count(store) == 3 and store.named_graphs() == {GRAPH.value}


def test_a_staging_graph_left_by_a_killed_build_is_invisible_and_dropped_at_the_next_write(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    store.replace_graph(GRAPH, quads(GRAPH, 3))
    staging = ox.NamedNode(f"{GRAPH.value}{STAGING_MARK}killed")
    store.add(quads(staging, 7))  # what a build killed between its staging write and its MOVE leaves
    del store
    reader = EmbeddedStore(tmp_path / "store", read_only=True)
    assert count(reader) == 3
    assert [r["g"].value for r in reader.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")] == [GRAPH.value]
    del reader
    writer = EmbeddedStore(tmp_path / "store")
    assert writer.named_graphs() == {GRAPH.value}
