"""SHACL validation of the paper graphs (pySHACL), against the shapes in ontology/shapes.ttl.

Each paper graph is validated on its own: its shapes only need what the graph holds, and a paper's
graph of a few thousand triples validates in a fraction of a second, so a build validates the papers it
wrote rather than the whole store.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import SH

from kg.settings import shapes_path


@dataclass(frozen=True)
class Violation:
    """What is wrong with one focus node (all its results of one severity, joined). A warning
    (sh:Warning, e.g. a paper whose text and bibliography give no title) is reported but is no error."""

    graph: str
    focus: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        return f"shacl{' warning' if self.warning else ''}: {self.focus}: {self.message}"


def load_shapes(path: Path | None = None) -> Graph:
    return Graph().parse(path or shapes_path(), format="turtle")


def validate_graph(data: Graph, shapes: Graph, graph_name: str = "") -> list[Violation]:
    """The violations of one graph, one per focus node, in a stable order."""
    from pyshacl import validate

    conforms, results, _ = validate(data, shacl_graph=shapes, inference="none", advanced=False)
    if conforms:
        return []
    messages: dict[tuple[str, bool], list[str]] = defaultdict(list)
    for result in results.subjects(SH.focusNode, None):
        focus = (str(results.value(result, SH.focusNode)), results.value(result, SH.resultSeverity) != SH.Violation)
        message = str(results.value(result, SH.resultMessage) or "violates a shape")
        path = results.value(result, SH.resultPath)
        text = f"{message} ({path})" if path is not None and str(path) not in message else message
        if text not in messages[focus]:
            messages[focus].append(text)
    return [Violation(graph_name, focus, "; ".join(sorted(m)), warning) for (focus, warning), m in sorted(messages.items())]


def validate_graphs(store, graphs: list[str], shapes: Path | None = None) -> list[Violation]:
    """Validate each named graph of the store (by IRI) on its own."""
    shapes_graph = load_shapes(shapes)
    violations = []
    for name in graphs:
        # the query's result is serialised at once and never named: pyoxigraph results must be freed on the
        # thread that made them, which a local caught in an exception's traceback would not ensure
        nt = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}", union=False).serialize(
            format=ox.RdfFormat.N_TRIPLES)
        data = Graph().parse(data=nt, format="nt")
        violations += validate_graph(data, shapes_graph, name)
    return violations
