"""The embedded store: pyoxigraph on RocksDB, persisted in DATA_DIR/store.

A paper's named graph is replaced atomically: the new quads are written into a staging graph, then
one SPARQL `MOVE` (a single transaction) puts them in place of the old ones. A build killed at any
moment leaves each paper graph either as it was or as it is meant to be. A staging graph left by a
killed build is invisible to queries, and dropped when the store is next opened for writing.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError
from kg.namespaces import PREFIXES

STAGING_MARK = "#staging-"


class EmbeddedStore:
    """A persisted pyoxigraph store. Hold one writable instance per directory per process."""

    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        try:
            if read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as e:
            raise StoreError(str(self.path), f"cannot open the store: {e}") from e
        if not read_only:
            self._drop_staging_graphs()

    @property
    def location(self) -> str:
        return str(self.path)

    def _drop_staging_graphs(self) -> None:
        for graph in list(self._store.named_graphs()):
            if isinstance(graph, ox.NamedNode) and STAGING_MARK in graph.value:
                self._store.remove_graph(graph)

    def named_graphs(self) -> set[str]:
        return {g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)}

    def replace_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> None:
        """Make `graph` hold exactly `quads` (whose graph name is `graph`), atomically."""
        if not self._store.contains_named_graph(graph):
            self._store.extend(quads)  # one transaction: the graph appears whole or not at all
            return
        staging = ox.NamedNode(f"{graph.value}{STAGING_MARK}{uuid.uuid4().hex}")
        self._store.extend(ox.Quad(q.subject, q.predicate, q.object, staging) for q in quads)
        self._store.update(f"MOVE SILENT GRAPH <{staging.value}> TO <{graph.value}>")

    def add(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads in one transaction."""
        self._store.extend(quads)

    def remove_graph(self, graph: ox.NamedNode) -> None:
        self._store.update(f"DROP SILENT GRAPH <{graph.value}>")

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update with the project's prefixes."""
        if self.read_only:
            raise StoreError(self.location, "opened read-only: updates are refused")
        self._store.update(sparql, prefixes=PREFIXES)

    def query(self, sparql: str, union: bool = True):
        """Run a SPARQL query with the project's prefixes; the default graph is the union of all graphs
        (when `union`), and staging graphs are never seen."""
        graphs = list(self._store.named_graphs())
        visible = [g for g in graphs if not (isinstance(g, ox.NamedNode) and STAGING_MARK in g.value)]
        if len(visible) == len(graphs):  # no staging graph: Oxigraph's own union is several times faster than a list
            return self._store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=union)
        default = visible if union else None
        return self._store.query(sparql, prefixes=PREFIXES, default_graph=default, named_graphs=visible)

    def flush(self) -> None:
        self._store.flush()


def open_embedded(data_dir: Path, read_only: bool = False) -> EmbeddedStore:
    """The store of a data directory."""
    path = Path(data_dir) / "store"
    if read_only and not path.exists():
        raise StoreError(str(path), "no graph here yet: run `kg build` first")
    return EmbeddedStore(path, read_only=read_only)
