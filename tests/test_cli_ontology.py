"""`kg ontology check|stats|vocab`, as a user runs them."""

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from typer.testing import CliRunner

from kg.cli import app
from kg.namespaces import CKG

runner = CliRunner()


def edit(path: Path, *triples: tuple) -> None:
    """Add triples to an ontology file and save it as RDF/XML, as an editor would."""
    graph = Graph()
    graph.parse(path, format="xml")
    for triple in triples:
        graph.add(triple)
    graph.serialize(path, format="xml")


def concept_labelled(path: Path, label: str) -> URIRef:
    graph = Graph()
    graph.parse(path, format="xml")
    return next(s for s in graph.subjects(RDFS.label, Literal(label, lang="en")))


def vocab_rows(path: Path) -> list[list[str]]:
    result = runner.invoke(app, ["ontology", "vocab", "--ontology", str(path)])
    assert result.exit_code == 0, result.output
    return [line.split("\t") for line in result.stdout.splitlines()]


def test_vocab_prints_label_concept_iri_and_top_level_class_as_tsv(ontology_file: Path) -> None:
    rows = vocab_rows(ontology_file)
    assert rows[0] == ["label", "concept", "category", "kind"]
    assert all(len(row) == 4 for row in rows)
    spillover = [row for row in rows if row[0] == "knowledge spillover"]
    assert spillover and spillover[0][1].startswith("https://w3id.org/clusterkg/ontology#")
    assert spillover[0][2] == "Mechanism"


def test_synonym_added_to_a_copy_of_the_ontology_shows_up_in_the_vocabulary(ontology_copy: Path) -> None:
    spillover = concept_labelled(ontology_copy, "knowledge spillover")
    assert not any(row[0] == "knowledge leakage across firms" for row in vocab_rows(ontology_copy))
    edit(ontology_copy, (spillover, SKOS.altLabel, Literal("knowledge leakage across firms", lang="en")))
    rows = [row for row in vocab_rows(ontology_copy) if row[0] == "knowledge leakage across firms"]
    assert rows == [["knowledge leakage across firms", str(spillover), "Mechanism", "altLabel"]]


def test_concept_added_under_a_top_level_class_shows_up_in_the_vocabulary(ontology_copy: Path) -> None:
    new = CKG._NS["CoopetitionTest"]
    edit(ontology_copy, (new, RDF.type, OWL.Class), (new, RDFS.subClassOf, CKG.Mechanism),
         (new, RDFS.label, Literal("coopetition", lang="en")))
    assert ["coopetition", str(new), "Mechanism", "label"] in vocab_rows(ontology_copy)


def test_stats_prints_counts_per_top_level_class_and_of_labels(ontology_file: Path) -> None:
    result = runner.invoke(app, ["ontology", "stats", "--ontology", str(ontology_file)])
    assert result.exit_code == 0, result.output
    rows = dict(line.split("\t", 1) for line in result.stdout.splitlines())
    for top in ["Cluster", "Mechanism", "Actor", "Place", "Policy", "Theory", "Publication", "Claim"]:
        classes, individuals = map(int, rows[top].split("\t"))
        assert classes + individuals >= 0
    assert int(rows["Mechanism"].split("\t")[0]) > 30
    assert int(rows["alternative labels (skos:altLabel)"]) > 500


def test_missing_ontology_file_is_one_clear_error_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ontology", "stats", "--ontology", str(tmp_path / "nope.owl")])
    assert result.exit_code == 2
    assert "nope.owl" in result.stderr and "Traceback" not in result.output


@pytest.mark.slow
def test_check_passes_on_the_ontology(ontology_file: Path) -> None:
    result = runner.invoke(app, ["ontology", "check", "--ontology", str(ontology_file)])
    assert result.exit_code == 0, result.output
    assert "consistent" in result.stdout


@pytest.mark.slow
def test_check_fails_and_names_an_unsatisfiable_class(ontology_copy: Path) -> None:
    culprit = CKG._NS["ClusterThatIsAMechanism"]
    edit(ontology_copy, (culprit, RDF.type, OWL.Class), (culprit, RDFS.subClassOf, CKG.Cluster),
         (culprit, RDFS.subClassOf, CKG.Mechanism), (culprit, RDFS.label, Literal("impossible thing", lang="en")))
    result = runner.invoke(app, ["ontology", "check", "--ontology", str(ontology_copy)])
    assert result.exit_code == 1
    assert str(culprit) in result.stderr and "impossible thing" in result.stderr


@pytest.mark.slow
def test_check_fails_and_names_the_individual_of_an_inconsistent_ontology(ontology_copy: Path) -> None:
    culprit = CKG._NS["PolicyAndPlace"]
    edit(ontology_copy, (culprit, RDF.type, OWL.NamedIndividual), (culprit, RDF.type, CKG.Policy),
         (culprit, RDF.type, CKG.Place), (culprit, RDFS.label, Literal("a policy that is a place", lang="en")))
    result = runner.invoke(app, ["ontology", "check", "--ontology", str(ontology_copy)])
    assert result.exit_code == 1
    assert "inconsistent" in result.stderr
    assert str(culprit) in result.stderr
