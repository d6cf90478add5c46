"""The `kg` command: parse options, call a stage, print. Data goes to stdout, messages to stderr.

Exit codes: 0 success; 1 the input was read but fails a check (an inconsistent ontology); 2 an error
that stopped the command (missing or unreadable file, missing Java or model).
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


def main() -> None:
    app()
