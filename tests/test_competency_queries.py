"""The competency queries of queries/ answer the researchers' questions on the starting corpus, the same on
the embedded pyoxigraph store and on rdflib's in-memory Dataset; the derived graphs (inference,
aggregates) and the SHACL shapes behave as the README says."""

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef

from kg.build import build
from kg.graph import node
from kg.namespaces import CKG, resource
from kg.reason import INFERENCE_GRAPH, contradictions, derive
from kg.store import open_store
from kg.validate import load_shapes, validate_graph

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
QUERIES = sorted((ROOT / "queries").glob("*.rq"))
ONTOLOGY = ROOT / "ontology" / "clusterkg.owl"
FDI_PAPER = "004_874dc83d8cec26be.txt"
TAOBAO_PAPER = "003_e44eb5927b8b8e90.txt"
PUSHED_BY_TAIWAN = "The IT industry clusters of both Dongguan and Suzhou are mainly pushed by Taiwan"


def term(value) -> str | None:
    """A result value as plain text, the same for pyoxigraph and rdflib terms."""
    if value is None:
        return None
    return value.value if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)) else str(value)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("data")
    report = build(CORPUS, data)
    assert report.failed == []
    return data


@pytest.fixture(scope="module")
def store(data: Path):
    return open_store(data, read_only=True)


@pytest.fixture(scope="module")
def quads(data: Path) -> str:
    return ox.Store.read_only(str(data / "store")).dump(format=ox.RdfFormat.N_QUADS).decode()


@pytest.fixture(scope="module")
def dataset(quads: str) -> Dataset:
    """rdflib's in-memory store with the same quads, the default graph being the union of the graphs."""
    ds = Dataset(default_union=True)
    ds.parse(data=quads, format="nquads")
    return ds


def run(store, name: str) -> list[dict[str, str | None]]:
    results = store.query((ROOT / "queries" / f"{name}.rq").read_text(encoding="utf-8"))
    names = [v.value for v in results.variables]
    return [{n: term(row[n]) for n in names} for row in results]


def run_rdflib(dataset: Dataset, name: str) -> list[dict[str, str | None]]:
    results = dataset.query((ROOT / "queries" / f"{name}.rq").read_text(encoding="utf-8"))
    names = [str(v) for v in results.vars]
    return [{n: term(row[n]) for n in names} for row in results]


def has(rows: list[dict], **expected) -> bool:
    """Some row has these values (a value ending in '...' matches by prefix)."""
    def matches(row: dict) -> bool:
        for key, value in expected.items():
            got = " ".join((row.get(key) or "").split()) if row.get(key) is not None else None
            if isinstance(value, str) and value.endswith("..."):
                if got is None or not got.startswith(value[:-3]):
                    return False
            elif got != (None if value is None else str(value)):
                return False
        return True
    return any(matches(r) for r in rows)


def test_there_are_at_least_twenty_documented_competency_queries() -> None:
    assert len(QUERIES) >= 20
    for query in QUERIES:
        head = query.read_text(encoding="utf-8").splitlines()[:4]
        assert head[0].startswith("# Question:") and any(line.startswith("# Columns:") for line in head), query.name


@pytest.mark.parametrize("query", QUERIES, ids=[q.stem for q in QUERIES])
def test_query_gives_the_same_answer_on_pyoxigraph_and_rdflib(query: Path, store, dataset: Dataset) -> None:
    ours = run(store, query.stem)
    theirs = run_rdflib(dataset, query.stem)
    key = lambda row: repr(sorted(row.items()))  # noqa: E731
    assert sorted(ours, key=key) == sorted(theirs, key=key)


@pytest.mark.parametrize("name, expected", [
    ("mechanisms_driving_clusters", dict(driver="foreign direct investment", cluster="IT industry cluster", paper=FDI_PAPER,
                                         evidence=PUSHED_BY_TAIWAN + "...")),
    ("mechanisms_driving_clusters", dict(driver="start-up", driverCategory="Actor", cluster="industrial cluster", hedged="true",
                                         paper="000_0aa3ef180a620b0b.txt")),
    ("actors_and_policies", dict(actor="local government", relation="performs", policy="preferential policy", paper=FDI_PAPER,
                                 evidence="The local government also provided favorable investment policies...")),
    ("actors_and_policies", dict(actor="local government", policy="subsidized loan", paper=TAOBAO_PAPER)),
    ("spontaneous_versus_fdi_driven", dict(clusterType="FDI-driven cluster", mentions=5, papers=1)),
    ("spontaneous_versus_fdi_driven", dict(clusterType="spontaneous endogenous cluster", mentions=5, papers=1)),
    ("spontaneous_versus_fdi_context", dict(clusterType="spontaneous endogenous cluster", concept="Zhejiang", category="Place", sentences=4)),
    ("places_and_cluster_types", dict(place="China", cluster="Taobao village", sentences=5, papers=1)),
    ("places_studied", dict(place="Junpu Village", mentions=16, papers=1, partOf="Xichang Town")),
    ("places_studied", dict(place="Dongguan", partOf="Guangdong")),
    ("cited_works", dict(work=str(resource("work", "kgmn-1991")), firstAuthor="Krugman", year=1991, citingPapers=2)),
    ("co_cited_works", dict(workA=str(resource("work", "kgmn-1991")), workB=str(resource("work", "pt-1998")), papers=2)),
    ("concept_cooccurrence", dict(conceptA="government support", conceptB="mass entrepreneurship", sentences=7, papers=1)),
    ("paper_sentence_by_sentence", dict(sentence=PUSHED_BY_TAIWAN + "...", subject="foreign direct investment", relation="drives",
                                        object="IT industry cluster", polarity="positive", hedged="false")),
    ("paper_sentence_by_sentence", dict(position=0, sentence="The global economy today is getting dominated by business clusters.")),
    ("paper_concepts", dict(concept="mass entrepreneurship", category="Mechanism", mentions=28)),
    ("mechanisms_discussed", dict(mechanism="knowledge spillover", mentions=5, sentences=5, papers=3)),
    ("evidence_for_concept", dict(concept="foreign direct investment", text="FDI", paper=FDI_PAPER)),
    ("evidence_for_concept", dict(concept="global pipeline", text="global pipelines")),
    ("claims_by_relation", dict(relation="performs", polarity="positive", hedged="false", claims=7, papers=3)),
    ("hedged_claims", dict(subject="externality", relation="causes", object="industrial cluster", cue="believed", paper=TAOBAO_PAPER)),
    ("actor_roles", dict(actor="local government", relation="supports", object="rural e-commerce entrepreneurial cluster", objectCategory="Cluster")),
    ("causes_and_effects", dict(cause="industrial cluster", relation="attracts", effect="foreign direct investment", hedged="false")),
    ("papers_overview", dict(paper=TAOBAO_PAPER, sentences=167, claims=38, citedWorks=21)),
    ("authors_and_papers", dict(author="Wenying Fu", year=2018, paper="000_0aa3ef180a620b0b.txt")),
    ("mechanisms_by_year", dict(year=2005, mechanism="cluster upgrading", mentions=2, papers=1)),
    ("theories_invoked", dict(theory="global value chain", paper="002_2e911615df68031a.txt", mentions=3)),
    ("fdi_driven_clusters", dict(cluster="IT industry cluster", text="IT industry clusters", paper=FDI_PAPER, drivenBy=PUSHED_BY_TAIWAN + "...")),
    ("stages_and_mechanisms", dict(stage="natural growth stage", mechanism="embeddedness", sentences=1, papers=1)),
    ("keywords", dict(keyword="Taobao Village", papers=1)),
    ("unnamed_factors", dict(factor="investment", claims=2, papers=1)),
])
def test_query_answers_its_question_on_the_starting_corpus(store, name: str, expected: dict) -> None:
    assert has(run(store, name), **expected)


def test_no_claims_of_the_starting_corpus_contradict_each_other(store) -> None:
    assert run(store, "contradicting_claims") == []


def test_a_negated_claim_contradicts_the_positive_one_on_both_stores_until_its_paper_is_removed(
        tmp_path: Path, quads: str) -> None:
    claim, graph = resource("claim", "test/negated"), resource("graph", "paper/test")
    lines = quads.splitlines()
    supports = next(line for line in lines if f"<{CKG.relation}> <{CKG.supports}>" in line).split()[0]
    copied = [line.replace(supports, f"<{claim}>") for line in lines
              if line.startswith(supports) and f"<{CKG.polarity}>" not in line]
    mentions = {line.split()[2] for line in copied if f"<{CKG.hasSubject}>" in line or f"<{CKG.hasObject}>" in line}
    copied += [line for line in lines if line.split()[0] in mentions and f"<{CKG.concept}>" in line]
    for mention in mentions:  # the test paper's own mentions of the same concepts
        copied = [line.replace(mention, f"{mention[:-1]}-test>") for line in copied]
    extra = [" ".join(line.split()[:-2] + [f"<{graph}>", "."]) for line in copied]
    extra.append(f'<{claim}> <{CKG.polarity}> "negative" <{graph}> .')
    store = open_store(tmp_path / "data")
    store.add(ox.parse(quads + "\n".join(extra) + "\n", format=ox.RdfFormat.N_QUADS))
    derive(store, ONTOLOGY, changed_graphs=[])
    ours = run(store, "contradicting_claims")
    dumped = ox.serialize(store._store.quads_for_pattern(None, None, None, None), format=ox.RdfFormat.N_QUADS).decode()
    ds = Dataset(default_union=True)
    ds.parse(data=dumped, format="nquads")
    assert has(ours, relationA="supports", polarityA="positive", relationB="supports", polarityB="negative")
    assert sorted(map(repr, ours)) == sorted(map(repr, run_rdflib(ds, "contradicting_claims")))

    store.remove_graph(node(graph))  # what `kg build` does when the paper leaves the corpus, before deriving again
    derive(store, ONTOLOGY, changed_graphs=[])
    assert run(store, "contradicting_claims") == []
    assert not store.query(f"ASK {{ ?x a <{CKG.Contradiction}> }}")


def test_a_driving_claim_contradicts_a_hindering_one_on_the_same_concepts_and_polarity(tmp_path: Path) -> None:
    store = open_store(tmp_path / "data")
    spillover, cluster = str(CKG._NS["KnowledgeSpillover"]), str(CKG._NS["IndustrialCluster"])
    store.add(_paper_graph("pro", {"a": spillover, "b": cluster}, [("a", str(CKG.drives), "b")]))
    store.add(_paper_graph("con", {"a": spillover, "b": cluster}, [("a", str(CKG.hinders), "b")]))
    store.add(_paper_graph("other", {"a": spillover, "b": spillover}, [("a", str(CKG.hinders), "b")]))
    found = contradictions(store, superproperties={})
    assert list(found.values()) == [({str(resource("claim", "pro/0"))}, {str(resource("claim", "con/0"))})]


def test_a_query_for_mechanisms_finds_the_mentions_of_every_sub_concept(store) -> None:
    typed = store.query("SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a ckg:Mechanism }")
    categorised = store.query('SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m ckg:category "Mechanism" }')
    assert int(next(iter(typed))["n"].value) == int(next(iter(categorised))["n"].value) > 100


def test_a_cluster_that_fdi_drives_is_classified_fdi_driven_in_the_inference_graph(store) -> None:
    rows = store.query(f"""SELECT ?m WHERE {{ GRAPH <{INFERENCE_GRAPH}> {{ ?m a ckg:FDIDrivenCluster }}
                             GRAPH ?g {{ ?m ckg:concept ckg:ITIndustryCluster }} }}""", union=False)
    assert len(list(rows)) == 1


def test_the_starting_corpus_passes_the_shapes_and_is_consistent(tmp_path: Path, data: Path) -> None:
    report = build(CORPUS, data)  # nothing changed: no derivation needed
    assert report.built == [] and report.derived is None
    writable = tmp_path / "copy"
    store = open_store(writable)
    store.add(ox.Store.read_only(str(data / "store")).quads_for_pattern(None, None, None, None))
    derived = derive(store, ONTOLOGY)
    assert derived.violations == [] and derived.inconsistent == []
    assert [c for _, c in derived.classified] == [str(CKG.FDIDrivenCluster)]


def fdi_paper_graph(quads: str) -> Graph:
    """A copy of paper 004's named graph, to break on purpose."""
    dataset = Dataset()
    dataset.parse(data=quads, format="nquads")
    copy = Graph()
    for triple in dataset.graph(URIRef(str(resource("graph", "paper/004-874dc83d8cec26be")))):
        copy.add(triple)
    return copy


def test_a_claim_without_evidence_is_reported_by_its_focus_node(quads: str) -> None:
    broken = fdi_paper_graph(quads)
    claim = next(broken.subjects(URIRef(str(CKG.hasEvidence)), None))
    broken.remove((claim, URIRef(str(CKG.hasEvidence)), None))
    violations = validate_graph(broken, load_shapes())
    assert [v.focus for v in violations] == [str(claim)]
    assert "evidence" in violations[0].message and str(violations[0]).startswith(f"shacl: {claim}: ")


def test_a_paper_without_a_title_is_a_warning_not_a_violation(quads: str) -> None:
    untitled = fdi_paper_graph(quads)
    publication = next(untitled.subjects(URIRef(str(CKG.sourceFile)), None))
    untitled.remove((publication, URIRef("http://purl.org/dc/terms/title"), None))
    results = validate_graph(untitled, load_shapes())
    assert [(v.focus, v.warning) for v in results] == [(str(publication), True)]
    assert str(results[0]).startswith(f"shacl warning: {publication}: a paper needs a title")


def _paper_graph(key: str, mentions: dict[str, str], claims: list[tuple[str, str, str]]) -> list[ox.Quad]:
    """A hand-made paper graph: mentions typed by a concept, and claims between them."""
    graph = node(resource("graph", f"paper/{key}"))
    paper, sentence = node(resource("paper", key)), node(resource("sentence", f"{key}/0"))
    q = [ox.Quad(paper, node(CKG.sourceFile), ox.Literal(f"{key}.txt"), graph)]
    for name, concept in mentions.items():
        m = node(resource("mention", f"{key}/{name}"))
        q += [ox.Quad(m, node("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), node(CKG.Mention), graph),
              ox.Quad(m, node("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), node(concept), graph),
              ox.Quad(m, node(CKG.concept), node(concept), graph), ox.Quad(m, node(CKG.category), ox.Literal("Mechanism"), graph),
              ox.Quad(m, node(CKG.mentionedIn), sentence, graph), ox.Quad(m, node(CKG.inPublication), paper, graph)]
    for n, (s, r, o) in enumerate(claims):
        c = node(resource("claim", f"{key}/{n}"))
        q += [ox.Quad(c, node("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), node(CKG.Claim), graph),
              ox.Quad(c, node(CKG.hasSubject), node(resource("mention", f"{key}/{s}")), graph),
              ox.Quad(c, node(CKG.relation), node(r), graph),
              ox.Quad(c, node(CKG.hasObject), node(resource("mention", f"{key}/{o}")), graph),
              ox.Quad(c, node(CKG.polarity), ox.Literal("positive"), graph),
              ox.Quad(c, node(CKG.hedged), ox.Literal("false", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")), graph)]
    return q


@pytest.mark.slow
def test_an_inconsistency_names_the_individuals_and_keeps_the_previous_inference_graph(tmp_path: Path) -> None:
    store = open_store(tmp_path / "data")
    spillover = str(CKG._NS["KnowledgeSpillover"])
    store.add(_paper_graph("good", {"a": spillover}, []))
    first = derive(store, ONTOLOGY, changed_graphs=[])
    assert first.inconsistent == [] and first.inferred > 0
    before = sorted(str(q) for q in store.query(f"SELECT * WHERE {{ GRAPH <{INFERENCE_GRAPH}> {{ ?s ?p ?o }} }}", union=False))
    # "knowledge spillover drives the formation of knowledge spillover": the object must then be a cluster,
    # and clusters and mechanisms are disjoint
    store.add(_paper_graph("bad", {"x": spillover, "y": spillover}, [("x", str(CKG.drivesFormationOf), "y")]))
    second = derive(store, ONTOLOGY, changed_graphs=[])
    assert any(str(resource("mention", "bad/y")) in culprit for culprit in second.inconsistent)
    after = sorted(str(q) for q in store.query(f"SELECT * WHERE {{ GRAPH <{INFERENCE_GRAPH}> {{ ?s ?p ?o }} }}", union=False))
    assert after == before
