"""Run SPARQL over the store and format the results: aligned table, CSV, TSV, SPARQL results JSON."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.errors import ClusterKGError
from kg.namespaces import PREFIXES
from kg.store import open_store

RESULT_FORMATS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV, "json": ox.QueryResultsFormat.JSON}


def run_query(data: Path, sparql: str, output: str = "table") -> str:
    """The results of a SELECT or ASK query, formatted."""
    store = open_store(data, read_only=True)
    try:
        results = store.query(sparql)
    except SyntaxError as e:
        raise ClusterKGError(f"query: {e}") from e
    except OSError as e:
        raise ClusterKGError(f"query failed: {e}") from e
    if isinstance(results, ox.QueryTriples):
        raise ClusterKGError("query: CONSTRUCT and DESCRIBE are not supported here yet; use SELECT or ASK")
    if output in RESULT_FORMATS:
        return results.serialize(format=RESULT_FORMATS[output]).decode("utf-8")
    if isinstance(results, ox.QueryBoolean):
        return f"{bool(results)}\n".lower()
    return table(results)


def compact(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str:
    """A term as a person reads it: prefixed name, literal value, or blank."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in PREFIXES.items():
            if term.value.startswith(namespace):
                return f"{prefix}:{term.value[len(namespace):]}"
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        return " ".join(term.value.split())
    return str(term)


def table(solutions: ox.QuerySolutions) -> str:
    """Solutions as columns aligned with spaces, headed by the variable names."""
    names = [v.value for v in solutions.variables]
    rows = [[compact(solution[name]) for name in names] for solution in solutions]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines) + f"\n({len(rows)} rows)\n"
