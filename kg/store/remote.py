"""A remote store: any SPARQL 1.1 endpoint that speaks the query, update and graph store protocols.

The endpoint URL is the service root; queries go to URL/query, updates to URL/update and graph uploads
to URL/store?graph=G, which is Oxigraph server's layout (`oxigraph serve`). A Fuseki dataset serves the
same three names when its configuration gives them (see the README, "Remote endpoints").

The default graph is the union of the paper, ontology and build graphs without relying on a server
option: every query lists those graphs in the protocol's `default-graph-uri` and `named-graph-uri`
parameters. That is also what hides staging graphs. A paper's graph is replaced as on the embedded store:
its triples are uploaded into a staging graph (one graph store PUT), then one SPARQL Update `MOVE` puts
them in place of the old ones, so a failed or interrupted upload leaves the previous graph as it was.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox
import requests

from kg.errors import StoreError
from kg.namespaces import PREFIXES
from kg.store.embedded import STAGING_MARK

# Listed as the only default graph when no graph is visible yet, so a query then sees nothing.
EMPTY_GRAPH = "urn:x-clusterkg:empty"
RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
PROLOGUE = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())


class RemoteStore:
    """A SPARQL 1.1 endpoint behind the same methods as EmbeddedStore."""

    def __init__(self, url: str, read_only: bool = False, timeout: float | None = 60.0) -> None:
        self.url = url.rstrip("/")
        self.read_only = read_only
        self.timeout = timeout
        self._session = requests.Session()
        self.named_graphs()  # fails now, with the URL, if nothing answers there
        if not read_only:
            for graph in self._all_graphs():
                if STAGING_MARK in graph:
                    self.remove_graph(ox.NamedNode(graph))

    @property
    def location(self) -> str:
        return self.url

    def _request(self, method: str, path: str, **kwargs) -> requests.Response:
        endpoint = f"{self.url}/{path}"
        try:
            response = self._session.request(method, endpoint, timeout=self.timeout, **kwargs)
        except requests.Timeout as e:
            raise StoreError(endpoint, f"no answer within {self.timeout:g} s") from e
        except requests.RequestException as e:
            raise StoreError(endpoint, f"cannot reach the endpoint: {e}") from e
        if response.status_code >= 400:
            reason = " ".join(response.text.split())[:300] or response.reason
            raise StoreError(endpoint, f"HTTP {response.status_code}: {reason}")
        return response

    def _all_graphs(self) -> list[str]:
        response = self._request("POST", "query", data={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"},
                                 headers={"Accept": RESULTS_JSON})
        solutions = ox.parse_query_results(response.content, ox.QueryResultsFormat.JSON)
        return [s["g"].value for s in solutions if isinstance(s["g"], ox.NamedNode)]

    def named_graphs(self) -> set[str]:
        return {g for g in self._all_graphs() if STAGING_MARK not in g}

    def replace_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> None:
        """Make `graph` hold exactly `quads` (whose graph name is `graph`), atomically."""
        body = ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads), format=ox.RdfFormat.N_TRIPLES)
        if not body:
            self.remove_graph(graph)  # some endpoints keep no empty graphs, so there would be nothing to MOVE
            return
        staging = f"{graph.value}{STAGING_MARK}{uuid.uuid4().hex}"
        try:
            self._request("PUT", "store", params={"graph": staging}, data=body, headers={"Content-Type": N_TRIPLES})
            # not SILENT: should another writer have dropped the staging graph, this fails and the old graph stays
            self.update(f"MOVE GRAPH <{staging}> TO <{graph.value}>")
        except StoreError:
            self._drop_quietly(staging)
            raise

    def _drop_quietly(self, graph: str) -> None:
        """Drop a staging graph after a failure, if the endpoint still answers (else the next writer does)."""
        try:
            self.update(f"DROP SILENT GRAPH <{graph}>")
        except StoreError:
            pass  # the endpoint is gone; opening it for writing again drops the staging graph

    def add(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads, one graph store POST per graph."""
        by_graph: dict[str, list[ox.Triple]] = defaultdict(list)
        for q in quads:
            by_graph[q.graph_name.value].append(ox.Triple(q.subject, q.predicate, q.object))
        for graph, triples in by_graph.items():
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
            self._request("POST", "store", params={"graph": graph}, data=body, headers={"Content-Type": N_TRIPLES})

    def remove_graph(self, graph: ox.NamedNode) -> None:
        self.update(f"DROP SILENT GRAPH <{graph.value}>")

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update with the project's prefixes."""
        if self.read_only:
            raise StoreError(self.url, "opened read-only: updates are refused")
        self._request("POST", "update", data={"update": PROLOGUE + sparql})

    def query(self, sparql: str, union: bool = True):
        """Run a SPARQL query with the project's prefixes; the results are pyoxigraph's own types.

        The default graph is the union of all visible graphs (when `union`); staging graphs are never
        seen. A syntax error is raised as pyoxigraph's SyntaxError, with line and column, before
        anything is sent.
        """
        kind = type(ox.Store().query(sparql, prefixes=PREFIXES))  # parses only: evaluation is lazy
        visible = sorted(self.named_graphs()) or [EMPTY_GRAPH]
        data = {"query": PROLOGUE + sparql, "named-graph-uri": visible}
        if union:
            data["default-graph-uri"] = visible
        accept = N_TRIPLES if kind is ox.QueryTriples else RESULTS_JSON
        response = self._request("POST", "query", data=data, headers={"Accept": accept})
        if kind is ox.QueryTriples:
            triples = ox.Store()  # a real QueryTriples, as the embedded store gives, from the parsed answer
            triples.load(response.content, format=ox.RdfFormat.N_TRIPLES)
            return triples.query("CONSTRUCT WHERE { ?s ?p ?o }")
        return ox.parse_query_results(response.content, ox.QueryResultsFormat.JSON)

    def flush(self) -> None:
        """Nothing to do: the endpoint commits each request."""
