"""The `kg` command: parse options, call a stage, print. Data goes to stdout, messages to stderr.

Exit codes: 0 success; 1 the input was read but fails a check (an inconsistent ontology); 2 an error
that stopped the command (missing or unreadable file, missing Java or model); 3 `kg build` stored the
graph but it fails a SHACL shape or the reasoner found it inconsistent.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from kg import ontology
from kg.errors import ClusterKGError, InconsistentOntologyError
from kg.settings import ontology_path

app = typer.Typer(help="ClusterKG: a knowledge graph of the industrial-cluster literature.", no_args_is_help=True, add_completion=False)
ontology_app = typer.Typer(help="Check, count and list the ontology's vocabulary.", no_args_is_help=True)
app.add_typer(ontology_app, name="ontology")

ONTOLOGY_HELP = "Ontology file (default: $KG_ONTOLOGY or ontology/clusterkg.owl)."


def fail(error: ClusterKGError, code: int = 2) -> None:
    """Print an error as `kg: ...` on stderr and exit with `code`."""
    typer.echo(f"kg: {error}", err=True)
    raise typer.Exit(code)


@ontology_app.command("check")
def ontology_check(path: Path = typer.Option(None, "--ontology", help=ONTOLOGY_HELP)) -> None:
    """Check the ontology for consistency with the HermiT reasoner (via owlready2).

    Example: kg ontology check --ontology ontology/clusterkg.owl
    """
    path = path or ontology_path()
    try:
        classes = ontology.check_consistency(path)
    except InconsistentOntologyError as e:
        fail(e, code=1)
    except ClusterKGError as e:
        fail(e)
    typer.echo(f"{path}: consistent (HermiT), {classes} classes")


@ontology_app.command("stats")
def ontology_stats(path: Path = typer.Option(None, "--ontology", help=ONTOLOGY_HELP)) -> None:
    """Print counts per top-level class, of properties and of labels.

    Example: kg ontology stats
    """
    try:
        stats = ontology.ontology_stats(ontology.load_graph(path or ontology_path()))
    except ClusterKGError as e:
        fail(e)
    typer.echo(f"ontology version\t{stats.version}")
    typer.echo("top-level class\tsub-classes\tnamed individuals")
    for label, (classes, individuals) in stats.top_level.items():
        typer.echo(f"{label}\t{classes}\t{individuals}")
    for name, value in [
        ("classes", stats.classes),
        ("named individuals", stats.individuals),
        ("object properties", stats.object_properties),
        ("data properties", stats.data_properties),
        ("annotation properties", stats.annotation_properties),
        ("labels (rdfs:label)", stats.labels),
        ("alternative labels (skos:altLabel)", stats.alt_labels),
        ("hidden labels (skos:hiddenLabel)", stats.hidden_labels),
        ("definitions (skos:definition)", stats.definitions),
        ("triples", stats.triples),
    ]:
        typer.echo(f"{name}\t{value}")


@ontology_app.command("vocab")
def ontology_vocab(
    path: Path = typer.Option(None, "--ontology", help=ONTOLOGY_HELP),
    header: bool = typer.Option(True, help="Print a header line."),
) -> None:
    """Print the extraction vocabulary as TSV: label, concept IRI, top-level class, kind of label.

    Example: kg ontology vocab | grep -i spillover
    """
    try:
        vocabulary = ontology.load_vocabulary(path or ontology_path())
    except ClusterKGError as e:
        fail(e)
    out = sys.stdout
    if header:
        out.write("label\tconcept\tcategory\tkind\n")
    for term in sorted(vocabulary, key=lambda t: (t.category, t.concept, t.kind != "label", t.text.lower())):
        text = " ".join(term.text.split())  # a label never breaks a TSV row
        out.write(f"{text}\t{term.concept}\t{term.category}\t{term.kind}\n")


DATA_HELP = "Data directory holding the store (default: data/)."
STORE_HELP = "A SPARQL 1.1 endpoint to use instead of the data directory, e.g. http://127.0.0.1:7878 (default: $KG_STORE)."


@app.command("build")
def build_command(
    corpus: Path = typer.Argument(Path("corpus"), help="Folder of papers (.txt, .md, .pdf) and bibliographies (.bib, .ris, .json)."),
    data: Path = typer.Option(Path("data"), "--data", help=DATA_HELP),
    ontology_file: Path = typer.Option(None, "--ontology", help=ONTOLOGY_HELP),
    force: bool = typer.Option(False, "--force", help="Rebuild every paper, changed or not."),
    processes: int = typer.Option(1, "--processes", min=1, help="spaCy worker processes (2 on a 2-core machine)."),
    store: str = typer.Option(None, "--store", envvar="KG_STORE", help=STORE_HELP),
) -> None:
    """Build or update the knowledge graph of a corpus: each paper becomes a named graph in the store.

    Unchanged papers are skipped; a paper that cannot be read is reported on one line and skipped, and
    the exit status is then 1.

    Example: kg build corpus/ --data data/
    """
    from rich.progress import Progress

    from kg.build import build

    with Progress(transient=True, console=_stderr_console()) as bar:

        def progress(total: int):
            task = bar.add_task("building", total=total)
            return lambda name: bar.update(task, advance=1, description=name)

        try:
            report = build(corpus, data, ontology=ontology_file, force=force,
                           on_error=lambda e: bar.console.print(f"kg: {e}", markup=False, highlight=False, soft_wrap=True), progress=progress,
                           processes=processes, store_url=store)
        except ClusterKGError as e:
            fail(e)
    typer.echo(f"built {len(report.built)}, unchanged {len(report.skipped)}, removed {len(report.removed)}, "
               f"failed {len(report.failed)} ({store or data})", err=True)
    if report.failed:
        raise typer.Exit(1)
    if report.derived and _report_derived(report.derived):  # --- derived graphs (kg/reason.py)
        raise typer.Exit(3)


def _report_derived(derived) -> bool:
    """Print SHACL results (one line per focus node) and reasoning culprits; True when there were
    violations (not mere warnings) or an inconsistency."""
    for violation in derived.violations:
        typer.echo(f"kg: {violation}", err=True)
    if derived.inconsistent:
        typer.echo(f"kg: reasoning: inconsistent, the inference graph was left as it was: {', '.join(derived.inconsistent)}", err=True)
    return any(not v.warning for v in derived.violations) or bool(derived.inconsistent)


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


@app.command("extract")
def extract_command(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="A paper: .txt, .md or .pdf."),
    jsonl: bool = typer.Option(False, "--jsonl", help="One JSON object per line: mentions, then claims."),
    ontology_file: Path = typer.Option(None, "--ontology", help=ONTOLOGY_HELP),
) -> None:
    """Print the mentions and claims found in one paper, without touching the store.

    Offsets index the file's text as read (for a PDF, its extracted text).

    Example: kg extract corpus/003_e44eb5927b8b8e90.txt --jsonl
    """
    import json

    from kg.extract.pipeline import Extractor
    from kg.extract.records import records
    from kg.ingest.read import read_paper

    try:
        paper = read_paper(file)
        graph = ontology.load_graph(ontology_file or ontology_path())
        relations = ontology.load_relations(graph=graph)
        extraction = Extractor(vocabulary=ontology.load_vocabulary(graph=graph), relations=relations).extract(paper)
    except ClusterKGError as e:
        fail(e)
    for record in records(extraction, {iri: r.name for iri, r in relations.items()}):
        if jsonl:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif record["kind"] == "mention":
            sys.stdout.write(f"{record['start']}\t{record['end']}\t{record['category']}\t{' '.join(record['text'].split())}\t{record['label']}\n")
        else:
            sys.stdout.write(f"claim\t{record['subject']}\t{record['relation']}\t{record['object']}\t{record['polarity']}"
                             f"{' (hedged)' if record['hedged'] else ''}\n")


@app.command("query")
def query_command(
    sparql: str = typer.Argument(None, help="A SPARQL query; the ckg:, res:, skos:, prov:... prefixes are predeclared."),
    file: Path = typer.Option(None, "--file", exists=True, dir_okay=False, help="Read the query from this file."),
    name: str = typer.Option(None, "--name", help="Run queries/NAME.rq."),
    data: Path = typer.Option(Path("data"), "--data", help=DATA_HELP),
    store: str = typer.Option(None, "--store", envvar="KG_STORE", help=STORE_HELP),
    output: str = typer.Option("table", "--format", help="table, csv, tsv, json (SPARQL results JSON); turtle or ntriples for CONSTRUCT/DESCRIBE."),
    limit: int = typer.Option(None, "--limit", min=0, help="Print at most N rows (default: 1000 for a table, all otherwise; 0: all)."),
    timeout: float = typer.Option(60.0, "--timeout", min=0.001, help="Stop waiting after this many seconds."),
    update: bool = typer.Option(False, "--update", help="Allow a SPARQL Update, which changes the graph."),
) -> None:
    """Run a SPARQL query over the graph (the default graph is the union of all named graphs).

    A CONSTRUCT or DESCRIBE prints Turtle. A SPARQL Update is refused unless --update is given.

    Example: kg query 'SELECT ?label (COUNT(*) AS ?n) WHERE { ?m ckg:concept ?c . ?c rdfs:label ?label } GROUP BY ?label ORDER BY DESC(?n) LIMIT 10'
    """
    from kg.query import answer, load_query

    try:
        result = answer(data, load_query(sparql, file, name), output, url=store, limit=limit, timeout=timeout, update=update)
    except ClusterKGError as e:
        fail(e)
    sys.stdout.write(result.text)
    if result.truncated:
        typer.echo(f"kg: showing the first {result.rows} rows; --limit N for more, --limit 0 for all", err=True)
    if update:
        typer.echo(f"kg: update done ({store or data})", err=True)


@app.command("export")
def export_command(
    fmt: str = typer.Option(..., "--format", help="turtle, ntriples, rdfxml, nquads, trig, jsonld, owl, graphml, vosviewer or csv."),
    out: Path = typer.Option(..., "--out", help="The file to write (a folder for vosviewer and csv)."),
    paper: str = typer.Option(None, "--paper", help="Only this paper: its file name or IRI."),
    data: Path = typer.Option(Path("data"), "--data", help=DATA_HELP),
    store: str = typer.Option(None, "--store", envvar="KG_STORE", help=STORE_HELP),
) -> None:
    """Export the graph, or one paper, as RDF, as one OWL file for Protégé, as a co-occurrence network
    (GraphML for Gephi; VOSviewer map.txt and network.txt) or as CSV (claims.csv and mentions.csv).

    Example: kg export --format owl --out clusterkg-full.owl
    """
    from kg.export import FORMATS, export
    from kg.store import open_store

    if fmt not in FORMATS:
        fail(ClusterKGError(f"--format must be one of {', '.join(FORMATS)}"))
    try:
        written = export(open_store(data, read_only=True, url=store), fmt, out, paper)
    except ClusterKGError as e:
        fail(e)
    for path in written:
        typer.echo(f"kg: wrote {path}", err=True)


def main() -> None:
    app()


@app.command("search")
def search_command(
    query: str = typer.Argument(None, help="The question, in your own words."),
    data: Path = typer.Option(Path("data"), "--data", help=DATA_HELP),
    k: int = typer.Option(10, "--k", min=1, help="Number of passages."),
    mode: str = typer.Option("hybrid", "--mode", help="hybrid, dense or lexical."),
    concept: str = typer.Option(None, "--concept", help="Only passages mentioning this concept (label or IRI) or one below it."),
    category: str = typer.Option(None, "--category", help="Only passages mentioning a concept of this top-level class (Mechanism, Place...)."),
    place: str = typer.Option(None, "--place", help="Only passages mentioning this place or a place within it."),
    year: int = typer.Option(None, "--year", help="Only papers of this year."),
    paper: str = typer.Option(None, "--paper", help="Only this paper (file name or IRI)."),
    batch: Path = typer.Option(None, "--batch", exists=True, dir_okay=False, help="A file of queries, one per line."),
    as_json: bool = typer.Option(False, "--json", help="A JSON list of hits (with --batch: one list per query, one per line)."),
) -> None:
    """Find the passages that answer a question: dense and BM25 retrieval fused, linked to the graph.

    Example: kg search 'why do spin-offs stay near their parent firm?' --k 5 --category Mechanism
    """
    import json

    from kg.search import Searcher

    if (query is None) == (batch is None):
        fail(ClusterKGError("give either a QUERY or --batch FILE"))
    queries = [line.strip() for line in batch.read_text(encoding="utf-8").splitlines() if line.strip()] if batch else [query]
    try:
        searcher = Searcher(data)
        for text in queries:
            hits = searcher.search(text, k=k, mode=mode, concept=concept, category=category, place=place, year=year, paper=paper)
            if as_json:
                sys.stdout.write(json.dumps([h.to_dict() for h in hits], ensure_ascii=False) + "\n")
                continue
            if batch:
                sys.stdout.write(f"# {text}\n")
            for n, h in enumerate(hits, 1):
                sys.stdout.write(f"{n}. {h.score:.4f}  {h.citation}  [{h.file}, {h.section}, {h.start}-{h.end}]\n   {h.marked}\n")
                for c in h.claims:
                    sys.stdout.write(f"   claim: {c['subject']} {c['relation']} {c['object']} ({c['polarity']}{', hedged' if c['hedged'] else ''})\n")
    except ClusterKGError as e:
        fail(e)
