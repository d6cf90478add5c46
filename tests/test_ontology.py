"""The ontology: what it must contain, and that it stays loadable by Protégé, owlready2 and HermiT."""

import json
import re
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg import ontology
from kg.errors import OntologyError
from kg.namespaces import CKG, CITO, CKG_NS

ROOT = Path(__file__).resolve().parent.parent
REQUIRED_TOP_LEVEL = ["Cluster", "Mechanism", "Actor", "Place", "Policy", "Theory", "Publication", "Claim"]
MENTION_CATEGORIES = {"Cluster", "Mechanism", "Actor", "Place", "Policy", "Theory"}


@pytest.fixture(scope="module")
def graph(ontology_file: Path) -> Graph:
    return ontology.load_graph(ontology_file)


@pytest.fixture(scope="module")
def vocabulary(graph: Graph) -> ontology.Vocabulary:
    return ontology.load_vocabulary(graph=graph)


def labels_of(graph: Graph, iri: URIRef) -> list[str]:
    return [str(o) for o in graph.objects(iri, RDFS.label)]


def test_top_level_classes_carry_the_required_english_labels(graph: Graph) -> None:
    tops = {labels_of(graph, c)[0] for c in ontology.top_level_classes(graph)}
    assert set(REQUIRED_TOP_LEVEL) <= tops


def test_mention_categories_include_the_six_extraction_categories(graph: Graph) -> None:
    assert MENTION_CATEGORIES <= set(ontology.mention_categories(graph).values())


def test_every_class_individual_and_property_has_a_label_and_a_definition(graph: Graph) -> None:
    kinds = [OWL.Class, OWL.NamedIndividual, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty]
    ours = {s for kind in kinds for s in graph.subjects(RDF.type, kind) if str(s).startswith(CKG_NS)}
    missing = sorted(str(s) for s in ours if not labels_of(graph, s) or not list(graph.objects(s, SKOS.definition)))
    assert len(ours) > 300
    assert missing == []


def test_every_concept_has_exactly_one_english_label(graph: Graph, vocabulary: ontology.Vocabulary) -> None:
    several = [iri for iri in vocabulary.concepts if len(labels_of(graph, URIRef(iri))) != 1]
    assert several == []


def test_no_two_concepts_share_a_label(vocabulary: ontology.Vocabulary) -> None:
    assert ontology.duplicate_labels(vocabulary) == {}


def test_ontology_has_version_info_and_a_version_iri(graph: Graph) -> None:
    onto = next(graph.subjects(RDF.type, OWL.Ontology))
    assert str(onto) == "https://w3id.org/clusterkg/ontology"
    assert list(graph.objects(onto, OWL.versionInfo))
    assert list(graph.objects(onto, OWL.versionIRI))


@pytest.mark.parametrize(
    "prop",
    [CKG.drives, CKG.hinders, CKG.drivesFormationOf, CKG.drivesGrowthOf, CKG.drivesUpgradingOf,
     CKG.hindersFormationOf, CKG.hindersGrowthOf, CKG.hindersUpgradingOf, CKG.performs, CKG.supports,
     CKG.issuedBy, CKG.aimedAt, CKG.locatedIn, CKG.partOf, CITO.cites, CKG.hasEvidence, CKG.polarity],
)
def test_relations_papers_assert_have_a_domain_and_a_range(graph: Graph, prop: URIRef) -> None:
    def declared(p: URIRef, axiom: URIRef) -> bool:
        if list(graph.objects(p, axiom)):
            return True
        return any(declared(parent, axiom) for parent in graph.objects(p, RDFS.subPropertyOf))

    assert declared(prop, RDFS.domain) and declared(prop, RDFS.range)


def test_a_claim_has_subject_object_relation_polarity_hedging_and_evidence(graph: Graph) -> None:
    on_claims = {p for p in graph.subjects(RDFS.domain, CKG.Claim)}
    assert {CKG.hasSubject, CKG.hasObject, CKG.relation, CKG.polarity, CKG.hedged, CKG.hasEvidence} <= on_claims


def test_places_are_contained_from_village_to_country(graph: Graph, vocabulary: ontology.Vocabulary) -> None:
    village = next(c for c in vocabulary.concepts.values() if c.label.lower() == "junpu village")
    china = next(c for c in vocabulary.concepts.values() if c.label == "China")
    ancestors = set(graph.transitive_objects(URIRef(village.iri), CKG.partOf))
    assert URIRef(china.iri) in ancestors
    assert len(ancestors) >= 4  # village, town, city, province, country


def test_every_term_of_the_python_namespace_is_declared_in_the_ontology(graph: Graph) -> None:
    declared = {s for s in graph.subjects(RDF.type, None) if str(s).startswith(CKG_NS)}
    terms = dir(CKG)  # a DefinedNamespace lists its terms as IRIs
    assert CKG.drives in terms
    assert [term for term in terms if term not in declared] == []


def test_vocabulary_is_built_from_labels_alt_labels_and_individuals(vocabulary: ontology.Vocabulary) -> None:
    kinds = {t.kind for t in vocabulary}
    assert {"label", "altLabel"} <= kinds
    assert any(c.is_individual and c.category == "Place" for c in vocabulary.concepts.values())
    assert len(vocabulary) > 1000


@pytest.mark.parametrize(
    "text, category",
    [("knowledge spillover", "Mechanism"), ("collective learning", "Mechanism"), ("embeddedness", "Mechanism"),
     ("spin-off", "Mechanism"), ("imitation", "Mechanism"), ("institutional entrepreneurship", "Mechanism"),
     ("global pipelines", "Mechanism"), ("functional upgrading", "Mechanism"), ("agglomeration economies", "Mechanism"),
     ("FDI", "Mechanism"), ("industrial cluster", "Cluster"), ("industry cluster", "Cluster"),
     ("enterprise cluster", "Cluster"), ("innovative cluster", "Cluster"), ("SME cluster", "Cluster"),
     ("Taobao village", "Cluster"), ("industrial district", "Cluster"), ("SME", "Actor"), ("MNC", "Actor"),
     ("local government", "Actor"), ("leading enterprise", "Actor"), ("university", "Actor"),
     ("intermediary", "Actor"), ("business association", "Actor"), ("e-commerce platform", "Actor"),
     ("mass entrepreneur", "Actor"), ("local entrepreneur", "Actor"), ("entrepreneurship training", "Policy"),
     ("government support", "Policy"), ("tax incentive", "Policy"), ("cluster policy", "Policy"),
     ("GVC", "Theory"), ("global value chain", "Theory"), ("global value chains", "Mechanism"), ("GVCs", "Mechanism"),
     ("new regionalism", "Theory"), ("new economic geography", "Theory"),
     ("regional innovation system", "Theory"), ("Marshallian externalities", "Mechanism"),
     ("Zhejiang", "Place"), ("Pearl River Delta", "Place"), ("China", "Place")],
)
def test_the_field_s_core_terms_are_in_the_vocabulary(vocabulary: ontology.Vocabulary, text: str, category: str) -> None:
    terms = [t for t in vocabulary if matchable(t.text) == matchable(text)]
    # where a term and its plural name two concepts ("global value chain", the approach; "global value
    # chains", the chains firms join), the text's number decides
    terms = [t for t in terms if plural(t.text) == plural(text)] or terms
    assert {t.category for t in terms} == {category}


def singular(word: str) -> str:
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("s", "")):
        if word.endswith(suffix) and len(word) > 3 and not word.endswith("ss"):
            return word[: -len(suffix)] + repl
    return word


def plural(text: str) -> bool:
    last = text.split()[-1]
    return singular(last) != last


def matchable(text: str) -> str:
    text = re.sub(r"[“”\"‘’'()]", " ", text.replace("’s", ""))
    return " ".join(singular(w) for w in ontology.normalise_label(text).replace("/", " ").split())


def test_vocabulary_covers_the_development_gold_terms(vocabulary: ontology.Vocabulary, shared_dir: Path) -> None:
    """Share of distinct gold surface forms (eval-dev) that a vocabulary term names, in the gold's category."""
    terms = {(matchable(t.text), t.category) for t in vocabulary}
    forms = set()
    for gold in (shared_dir / "eval-dev" / "gold").glob("*.jsonl"):
        for line in gold.read_text(encoding="utf-8").splitlines():
            mention = json.loads(line)
            forms.add((matchable(mention["text"]), mention["category"]))
    covered = {f for f in forms if f in terms}
    assert len(covered) / len(forms) >= 0.95, sorted(forms - covered)


@pytest.mark.slow
def test_hermit_finds_the_ontology_consistent(ontology_file: Path) -> None:
    assert ontology.check_consistency(ontology_file) > 300


@pytest.mark.slow
def test_ontology_passes_owlcheck(ontology_file: Path, shared_dir: Path) -> None:
    result = subprocess.run([str(shared_dir / "owlcheck" / "owlcheck"), str(ontology_file)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{ontology_file}: ok" in result.stdout


@pytest.mark.slow
def test_ontology_file_is_already_in_the_form_protege_saves(ontology_file: Path, tmp_path: Path) -> None:
    saved = tmp_path / "saved.owl"
    subprocess.run([str(ROOT / "tools" / "owl-save"), str(ontology_file), str(saved)], check=True)
    assert saved.read_text(encoding="utf-8") == ontology_file.read_text(encoding="utf-8")


def test_a_concept_s_category_is_its_top_level_class(vocabulary: ontology.Vocabulary) -> None:
    spillover = next(c for c in vocabulary.concepts.values() if c.label == "knowledge spillover")
    assert spillover.category == "Mechanism"
    assert spillover.definition


def test_an_unparseable_file_is_reported_with_its_name(tmp_path: Path) -> None:
    broken = tmp_path / "broken.owl"
    broken.write_text("<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><unclosed>", encoding="utf-8")
    with pytest.raises(OntologyError, match="broken.owl"):
        ontology.load_graph(broken)


def test_vocabulary_ignores_labels_in_other_languages(ontology_copy: Path) -> None:
    graph = ontology.load_graph(ontology_copy)
    spillover = next(s for s in graph.subjects(RDFS.label, Literal("knowledge spillover", lang="en")))
    graph.add((spillover, SKOS.altLabel, Literal("知识溢出", lang="zh")))
    vocabulary = ontology.load_vocabulary(graph=graph)
    assert "知识溢出" not in {t.text for t in vocabulary}
