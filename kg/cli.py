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


@app.command("build")
def build_command(
    corpus: Path = typer.Argument(Path("corpus"), help="Folder of papers (.txt, .md, .pdf) and bibliographies (.bib, .ris, .json)."),
    data: Path = typer.Option(Path("data"), "--data", help=DATA_HELP),
    ontology_file: Path = typer.Option(None, "--ontology", help=ONTOLOGY_HELP),
    force: bool = typer.Option(False, "--force", help="Rebuild every paper, changed or not."),
    processes: int = typer.Option(1, "--processes", min=1, help="spaCy worker processes (2 on a 2-core machine)."),
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
                           processes=processes)
        except ClusterKGError as e:
            fail(e)
    typer.echo(f"built {len(report.built)}, unchanged {len(report.skipped)}, removed {len(report.removed)}, "
               f"failed {len(report.failed)} ({data})", err=True)
    if report.failed:
        raise typer.Exit(1)
    if report.derived and _report_derived(report.derived):  # --- derived graphs (kg/reason.py)
        raise typer.Exit(3)


def _report_derived(derived) -> bool:
    """Print SHACL violations (one line per focus node) and reasoning culprits; True when there were any."""
    for violation in derived.violations:
        typer.echo(f"kg: {violation}", err=True)
    if derived.inconsistent:
        typer.echo(f"kg: reasoning: inconsistent, the inference graph was left as it was: {', '.join(derived.inconsistent)}", err=True)
    return bool(derived.violations or derived.inconsistent)


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


FORMATS = ("table", "csv", "tsv", "json")


@app.command("query")
def query_command(
    sparql: str = typer.Argument(..., help="A SPARQL SELECT or ASK query; the ckg:, res:, skos:, prov:... prefixes are predeclared."),
    data: Path = typer.Option(Path("data"), "--data", help=DATA_HELP),
    output: str = typer.Option("table", "--format", help="table, csv, tsv or json (SPARQL 1.1 results JSON)."),
) -> None:
    """Run a SPARQL query over the graph (the default graph is the union of all named graphs).

    Example: kg query 'SELECT ?label (COUNT(*) AS ?n) WHERE { ?m ckg:concept ?c . ?c rdfs:label ?label } GROUP BY ?label ORDER BY DESC(?n) LIMIT 10'
    """
    from kg.query import run_query

    if output not in FORMATS:
        fail(ClusterKGError(f"--format must be one of {', '.join(FORMATS)}"))
    try:
        sys.stdout.write(run_query(data, sparql, output))
    except ClusterKGError as e:
        fail(e)


def main() -> None:
    app()
