"""Run SPARQL over the store and format the answer: an aligned table, CSV, TSV, SPARQL results JSON,
or Turtle / N-Triples for CONSTRUCT and DESCRIBE.

A query is text, a file, or the name of one of queries/*.rq. SPARQL Update runs only when asked for
explicitly; whether a text is an update is decided by parsing it, not by its first word. A timeout
bounds the wait and a row limit bounds the output.
"""

from __future__ import annotations

import json
import threading
import traceback
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from kg.errors import ClusterKGError, InputError
from kg.namespaces import PREFIXES
from kg.settings import QUERIES_DIR
from kg.store import Store, open_store

SOLUTION_FORMATS = ("table", "csv", "tsv", "json")
GRAPH_FORMATS = ("turtle", "ntriples")
FORMATS = SOLUTION_FORMATS + GRAPH_FORMATS
TABLE_LIMIT = 1000  # rows of an aligned table unless --limit says otherwise: a table is read, not piped
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class Answer:
    """A formatted answer; `truncated` when the row limit cut it short."""

    text: str
    rows: int | None = None  # solutions or triples in the answer; None for ASK and updates
    truncated: bool = False


def load_query(text: str | None = None, file: Path | None = None, name: str | None = None,
               queries_dir: Path = QUERIES_DIR) -> str:
    """The query given as text, as a file, or by name (queries/NAME.rq); exactly one of them."""
    if sum(x is not None for x in (text, file, name)) != 1:
        raise ClusterKGError("give exactly one of a QUERY, --file F or --name NAME")
    if text is not None:
        return text
    path = Path(file) if file is not None else Path(queries_dir) / f"{name}.rq"
    if name is not None and not path.is_file():
        known = ", ".join(sorted(p.stem for p in Path(queries_dir).glob("*.rq")))
        raise InputError(path, f"no query named {name!r} (known: {known})")
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(path, f"cannot read the query: {e}") from e


def run_query(data: Path | None, sparql: str, output: str = "table", *, url: str | None = None, limit: int | None = None,
              timeout: float | None = None, update: bool = False) -> str:
    """The formatted answer to a query over the store of `data` or the endpoint at `url`."""
    return answer(data, sparql, output, url=url, limit=limit, timeout=timeout, update=update).text


def answer(data: Path | None, sparql: str, output: str = "table", *, url: str | None = None, limit: int | None = None,
           timeout: float | None = None, update: bool = False) -> Answer:
    """Like run_query, with the row count and whether the limit cut the answer.

    limit: rows at most (None: TABLE_LIMIT for a table, all otherwise; 0: all). timeout: seconds to
    wait for the answer (None: no limit).
    """
    if output not in FORMATS:
        raise ClusterKGError(f"--format must be one of {', '.join(FORMATS)}")
    store = open_store(data, read_only=not update, url=url, timeout=timeout or 60.0)
    if update:
        _within(timeout, lambda: _run_update(store, sparql))
        return Answer("")
    if limit is None:
        limit = TABLE_LIMIT if output == "table" else 0
    return _within(timeout, lambda: _run_query(store, sparql, output, limit))


def _within(timeout: float | None, work):
    """The result of work(), computed in a worker thread, or an error once `timeout` seconds pass.

    pyoxigraph cannot cancel a query, but it releases the GIL while evaluating, so the caller stops
    waiting on time; a timed-out query then runs on in a daemon thread that ends with the process.
    """
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as e:  # handed to the waiting thread, which re-raises it
            # pyoxigraph results may not be dropped on another thread: free the frames' locals here
            cause: BaseException | None = e
            while cause is not None:
                traceback.clear_frames(cause.__traceback__)
                cause = cause.__cause__ or cause.__context__
            outcome["error"] = e

    worker = threading.Thread(target=run, daemon=True, name="kg-query")
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise ClusterKGError(f"query: no answer within {timeout:g} s (--timeout)")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _run_update(store: Store, sparql: str) -> None:
    try:
        store.update(sparql)
    except SyntaxError as e:
        raise ClusterKGError(f"update: {one_line(e)}") from e
    except OSError as e:
        raise ClusterKGError(f"update failed: {e}") from e


def _run_query(store: Store, sparql: str, output: str, limit: int) -> Answer:
    try:
        results = store.query(sparql)
    except SyntaxError as e:
        if is_update(sparql):
            raise ClusterKGError("query: this is a SPARQL Update, which changes the graph; run it with --update") from e
        raise ClusterKGError(f"query: {one_line(e)}") from e
    except OSError as e:
        raise ClusterKGError(f"query failed: {e}") from e
    try:
        return _format(results, output, limit)
    except OSError as e:  # evaluation is lazy: errors can surface while reading the solutions
        raise ClusterKGError(f"query failed: {e}") from e


def one_line(error: Exception, width: int = 240) -> str:
    """A parser's message on one line, its list of expected tokens cut short."""
    text = " ".join(str(error).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def is_update(sparql: str) -> bool:
    """Whether the text parses as SPARQL 1.1 Update (with the project's prefixes)."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseUpdate

    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    try:
        parseUpdate(prologue + sparql)
    except ParseBaseException:
        return False
    return True


def _format(results, output: str, limit: int) -> Answer:
    if isinstance(results, ox.QueryBoolean):
        if output in GRAPH_FORMATS:
            raise ClusterKGError(f"query: ASK answers true or false; --format {output} is for CONSTRUCT and DESCRIBE")
        value = bool(results)
        return Answer(json.dumps({"head": {}, "boolean": value}) + "\n" if output == "json" else f"{str(value).lower()}\n")
    if isinstance(results, ox.QuerySolutions):
        if output in GRAPH_FORMATS:
            raise ClusterKGError(f"query: SELECT gives solutions; --format {output} is for CONSTRUCT and DESCRIBE")
        names = [v.value for v in results.variables]
        rows = list(islice(results, limit + 1)) if limit else list(results)
        truncated = bool(limit) and len(rows) > limit
        rows = rows[:limit] if truncated else rows
        writer = {"table": table, "csv": to_csv, "tsv": to_tsv, "json": to_json}[output]
        return Answer(writer(names, rows), len(rows), truncated)
    if output not in ("table",) + GRAPH_FORMATS:
        raise ClusterKGError(f"query: CONSTRUCT and DESCRIBE give a graph; use --format turtle or ntriples, not {output}")
    triples = list(results)
    fmt = ox.RdfFormat.N_TRIPLES if output == "ntriples" else ox.RdfFormat.TURTLE
    prefixes = PREFIXES if fmt == ox.RdfFormat.TURTLE else None
    return Answer(ox.serialize(triples, format=fmt, prefixes=prefixes).decode("utf-8"), len(triples))


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


def table(names: list[str], solutions: list[ox.QuerySolution]) -> str:
    """Solutions as columns aligned with spaces, headed by the variable names."""
    rows = [[compact(solution[name]) for name in names] for solution in solutions]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines) + f"\n({len(rows)} rows)\n"


def to_csv(names: list[str], solutions: list[ox.QuerySolution]) -> str:
    """SPARQL 1.1 query results CSV: plain values, blank nodes as _:id."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(names)
    for s in solutions:
        writer.writerow(["" if s[n] is None else (str(s[n]) if isinstance(s[n], ox.BlankNode) else s[n].value) for n in names])
    return out.getvalue()


def to_tsv(names: list[str], solutions: list[ox.QuerySolution]) -> str:
    """SPARQL 1.1 query results TSV: terms in their N-Triples form, header ?name."""
    lines = ["\t".join(f"?{n}" for n in names)]
    lines += ["\t".join("" if s[n] is None else str(s[n]) for n in names) for s in solutions]
    return "\n".join(lines) + "\n"


def json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {k: json_term(getattr(term, k)) for k in ("subject", "predicate", "object")}}


def to_json(names: list[str], solutions: list[ox.QuerySolution]) -> str:
    """SPARQL 1.1 query results JSON."""
    bindings = [{n: json_term(s[n]) for n in names if s[n] is not None} for s in solutions]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False) + "\n"
