"""Claims: what a sentence asserts between two mentions, with relations and trigger words from the ontology.

The sentences are written for these tests; the concepts in them (knowledge spillover, innovative
cluster, local government, entrepreneurship training, Zhejiang...) are in the ontology's vocabulary.
"""

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS
from spacy.tokens import Span

from kg import ontology
from kg.extract.claims import SpanClaim, find_claims
from kg.extract.mentions import GENERIC_KEY, MENTIONS_KEY, abbreviations, is_proper_name
from kg.extract.records import records
from kg.extract.pipeline import Extractor, broken_hyphens
from kg.ingest.types import Metadata, Paper, Paragraph, Section
from kg.models import load_spacy
from kg.namespaces import CKG, resource


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    """The spaCy pipeline with the mention component, loaded once for the module."""
    return Extractor(vocabulary=ontology.load_vocabulary(), relations=ontology.load_relations(), nlp=load_spacy())


@pytest.fixture(scope="module")
def relations() -> dict[str, ontology.Relation]:
    return ontology.load_relations()


def claims_in(extractor: Extractor, text: str, relations: dict[str, ontology.Relation] | None = None) -> list[SpanClaim]:
    doc = extractor.nlp(text)
    return find_claims(doc, list(doc.spans[MENTIONS_KEY]), relations, list(doc.spans[GENERIC_KEY]))


def triples(claims: list[SpanClaim]) -> set[tuple[str, str, str]]:
    """(subject, relation local name, object), lower case."""
    return {(c.subject.text.lower(), c.relation.split("#")[-1], c.object.text.lower()) for c in claims}


def one_paragraph_paper(text: str) -> Paper:
    paragraph = Paragraph(0, len(text), text, tuple(range(len(text) + 1)))
    return Paper(Path("test.txt"), text, "text", "0" * 64, Metadata(), (Section("body", None, 0, len(text), (paragraph,)),))


def test_relations_carry_the_export_names_of_the_gold_set(relations: dict[str, ontology.Relation]) -> None:
    names = {r.name for r in relations.values()}
    assert names == {"drives", "hinders", "supports", "performs", "part_of", "located_in", "causes", "enables", "attracts", "constrains"}
    assert relations[str(CKG.partOf)].name == relations[str(CKG.componentOf)].name == "part_of"
    assert relations[str(CKG.locatedIn)].name == "located_in"


def test_relation_triggers_are_the_property_alt_labels_and_its_inverse_s(relations: dict[str, ontology.Relation]) -> None:
    assert "promote" in relations[str(CKG.drives)].triggers
    assert "result from" in relations[str(CKG.causes)].inverse_triggers
    assert relations[str(CKG.performs)].domain == {"Actor"}


def test_an_active_verb_states_a_drives_claim(extractor: Extractor) -> None:
    claims = claims_in(extractor, "Knowledge spillover fosters the growth of innovative clusters.")
    assert triples(claims) == {("knowledge spillover", "drives", "innovative clusters")}
    assert claims[0].polarity == "positive" and not claims[0].hedged


def test_the_agent_of_a_passive_verb_is_the_subject(extractor: Extractor) -> None:
    claims = claims_in(extractor, "Industrial clusters in the region are driven by foreign direct investment.")
    assert triples(claims) == {("foreign direct investment", "drives", "industrial clusters")}


def test_a_negated_verb_gives_a_negative_claim(extractor: Extractor) -> None:
    claims = claims_in(extractor, "Foreign direct investment did not support local enterprises.")
    assert triples(claims) == {("foreign direct investment", "supports", "local enterprises")}
    assert claims[0].polarity == "negative"


def test_failing_to_do_is_a_negation(extractor: Extractor) -> None:
    claims = claims_in(extractor, "Foreign direct investment failed to promote local enterprises.")
    assert [c.polarity for c in claims] == ["negative"]


def test_a_modal_verb_hedges_the_claim_and_is_its_cue(extractor: Extractor) -> None:
    claims = claims_in(extractor, "Collective learning may promote cluster upgrading.")
    assert triples(claims) == {("collective learning", "drives", "cluster upgrading")}
    assert claims[0].hedged and claims[0].cue == "may"


def test_a_claim_reported_as_a_belief_is_hedged(extractor: Extractor) -> None:
    claims = claims_in(extractor, "Scholars believe that collective learning strengthens industrial clusters.")
    assert [(c.hedged, c.cue) for c in claims] == [(True, "believe")]


def test_located_in_links_a_cluster_to_a_place(extractor: Extractor) -> None:
    claims = claims_in(extractor, "The industrial district is located in Zhejiang.")
    assert triples(claims) == {("industrial district", "locatedIn", "zhejiang")}


@pytest.mark.parametrize("sentence, expected", [
    ("We study the evolution of the wireless communications cluster in Northern Denmark.",
     {("wireless communications cluster", "locatedIn", "northern denmark")}),
    ("We chose the Zhangjiang High-Tech Park of China and the Hsinchu Science Park of Taiwan.",
     {("zhangjiang high-tech park", "locatedIn", "china"), ("hsinchu science park", "locatedIn", "taiwan")}),
    ("Junpu Village in Jieyang City is the case.", {("junpu village", "locatedIn", "jieyang city")}),
    ("The entrepreneurs of Jieyang are many.", set()),  # only a cluster is "of" a place
    ("Zhejiang's industrial clusters grew fast.", {("industrial clusters", "locatedIn", "zhejiang")}),
    ("SME clusters in Guangdong and Jiangsu grew fast.",
     {("sme clusters", "locatedIn", "guangdong"), ("sme clusters", "locatedIn", "jiangsu")}),
    # a participle of a trigger of located_in places its noun, whatever the clause around it asserts
    ("It examines the costs accruing to financial services firms located in London.",
     {("financial services firms", "locatedIn", "london")}),
    ("The footwear cluster formed in Wenzhou.", {("footwear cluster", "locatedIn", "wenzhou")}),
    ("Firms supported in London grew.", set()),
    ("All the Taobao Villages that existed in China by 2017 are our sample.", {("taobao villages", "locatedIn", "china")}),
    ("Software firms that do not operate in London grew.", set()),
])
def test_a_cluster_its_noun_phrase_places_is_located_there(extractor: Extractor, sentence: str, expected: set) -> None:
    assert triples(claims_in(extractor, sentence)) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("The paper examines how inter-firm linkages have driven the development of the electronics cluster.",
     {("inter-firm linkages", "drives", "electronics cluster")}),  # how it happened takes for granted that it did
    ("The paper examines how inter-firm linkages drive the development of electronics clusters.",
     {("inter-firm linkages", "drives", "electronics clusters")}),
    ("The paper examines how inter-firm linkages could have driven the development of the electronics cluster.", set()),
    ("The paper examines whether inter-firm linkages drive the development of electronics clusters.", set()),
])
def test_how_something_happens_presupposes_that_it_does(extractor: Extractor, sentence: str, expected: set) -> None:
    assert triples(claims_in(extractor, sentence)) == expected


def test_the_purpose_of_a_chapter_is_no_factor(extractor: Extractor) -> None:
    assert claims_in(extractor, "The purpose of this chapter is to explain the wine cluster.") == []


def test_an_effect_is_no_factor_a_claim_can_name(extractor: Extractor) -> None:
    assert claims_in(extractor, "Labour market pooling produces significantly more powerful effects for firms.") == []


def test_an_inverse_trigger_swaps_subject_and_object(extractor: Extractor) -> None:
    assert triples(claims_in(extractor, "Industrial clusters are the result of externalities.")) == {
        ("externalities", "causes", "industrial clusters")}
    assert triples(claims_in(extractor, "Innovative clusters result from knowledge spillover.")) == {
        ("knowledge spillover", "causes", "innovative clusters")}


def test_an_actor_that_provides_a_policy_performs_it(extractor: Extractor) -> None:
    claims = claims_in(extractor, "The local government provides entrepreneurship training.")
    assert triples(claims) == {("local government", "performs", "entrepreneurship training")}


def test_mentions_in_clauses_no_trigger_links_give_no_claim(extractor: Extractor) -> None:
    text = "The local government promotes exports, and knowledge spillover grows in innovative clusters."
    # "exports", which the ontology does not name, is what the local government promotes; nothing links it
    # to knowledge spillover or innovative clusters
    assert triples(claims_in(extractor, text)) == {("local government", "drives", "exports")}


def test_a_trigger_added_to_the_ontology_finds_a_new_claim(extractor: Extractor, ontology_copy: Path) -> None:
    text = "Knowledge spillover energizes innovative clusters."
    assert claims_in(extractor, text, ontology.load_relations(ontology_copy)) == []
    graph = Graph()
    graph.parse(ontology_copy, format="xml")
    graph.add((CKG.drives, SKOS.altLabel, Literal("energize", lang="en")))
    graph.serialize(ontology_copy, format="xml")
    claims = claims_in(extractor, text, ontology.load_relations(ontology_copy))
    assert triples(claims) == {("knowledge spillover", "drives", "innovative clusters")}


def test_the_extractor_reports_claims_between_its_mentions(extractor: Extractor) -> None:
    text = "Collective learning may promote cluster upgrading."
    extraction = extractor.extract(one_paragraph_paper(text))
    [claim] = extraction.claims
    assert (claim.subject.text, claim.relation, claim.object.text) == ("Collective learning", str(CKG.drives), "cluster upgrading")
    assert claim.hedged and claim.sentence == claim.subject.sentence == claim.object.sentence


def test_what_is_provided_for_someone_is_the_object_not_the_beneficiary(extractor: Extractor) -> None:
    claims = claims_in(extractor, "The local government provides entrepreneurship training for local enterprises.")
    # (the training, not the government, is what the enterprises are said to get)
    assert triples(claims) == {("local government", "performs", "entrepreneurship training"),
                               ("entrepreneurship training", "supports", "local enterprises")}


def test_playing_a_role_during_something_supports_it(extractor: Extractor) -> None:
    claims = claims_in(extractor, "The local government plays an important role during the growth of innovative clusters.")
    assert triples(claims) == {("local government", "supports", "innovative clusters")}


def test_a_means_put_to_work_does_what_its_purpose_says(extractor: Extractor) -> None:
    # eval-dev: "The local government also provided favorable investment policies ... to attract investment"
    # says the policies attract it
    claims = claims_in(extractor, "The government introduced tax incentives to attract FDI.")
    assert triples(claims) == {("government", "performs", "tax incentives"), ("tax incentives", "attracts", "fdi")}


@pytest.mark.parametrize("sentence", ["We use collective learning to explain cluster growth.",
                                      "It is a key issue to explore how to use industrial agglomeration to improve productivity."])
def test_a_method_of_the_study_or_an_open_question_puts_no_means_to_work(extractor: Extractor, sentence: str) -> None:
    assert claims_in(extractor, sentence) == []


def test_having_a_role_in_something_drives_it_as_playing_one_does(extractor: Extractor) -> None:
    # a part in bringing it about, as "contribute to"; a role "on" or "for" it supports it
    claims = claims_in(extractor, "Universities have a unique role in innovative clusters.")
    assert triples(claims) == {("universities", "drives", "innovative clusters")}
    claims = claims_in(extractor, "Universities play an important role on innovative clusters.")
    assert triples(claims) == {("universities", "supports", "innovative clusters")}


def test_playing_a_role_in_promoting_something_drives_it(extractor: Extractor) -> None:
    claims = claims_in(extractor, "Knowledge spillover plays a key role in promoting innovative clusters.")
    assert triples(claims) == {("knowledge spillover", "drives", "innovative clusters")}


def test_what_a_role_that_one_plays_causes_is_said_of_the_player(extractor: Extractor) -> None:
    claims = claims_in(extractor, "The local government plays a significant role that can cause knowledge spillover.")
    assert triples(claims) == {("local government", "causes", "knowledge spillover")}
    assert claims[0].hedged


def test_contributing_to_the_formation_of_something_drives_it(extractor: Extractor) -> None:
    claims = claims_in(extractor, "Knowledge spillover contributed to the formation of innovative clusters.")
    assert triples(claims) == {("knowledge spillover", "drives", "innovative clusters")}


def test_becoming_an_attracting_factor_for_something_attracts_it(extractor: Extractor) -> None:
    claims = claims_in(extractor, "Innovative clusters have become an important attracting factor for foreign direct investment.")
    assert triples(claims) == {("innovative clusters", "attracts", "foreign direct investment")}


def test_an_indirect_question_asserts_nothing(extractor: Extractor) -> None:
    assert claims_in(extractor, "We ask why the local government might promote innovative clusters.") == []
    assert claims_in(extractor, "We ask whether knowledge spillover fosters innovative clusters.") == []


def test_a_relative_clause_after_a_comma_and_a_prepositional_phrase_has_no_sure_subject(extractor: Extractor) -> None:
    text = "The industrial district ranks first according to the survey of the local government, which is located in Zhejiang."
    assert not [c for c in claims_in(extractor, text) if c.relation == str(CKG.locatedIn)]


def test_a_mention_that_takes_in_the_trigger_word_is_no_argument(extractor: Extractor) -> None:
    doc = extractor.nlp("Knowledge spillover fosters innovative clusters.")
    mentions = list(doc.spans[MENTIONS_KEY])
    spillover = next(m for m in mentions if m.text.lower() == "knowledge spillover")
    # a mention finder that wrongly reads "spillover fosters" as one term
    wrong = Span(doc, spillover.end - 1, spillover.end + 1, label=spillover.label_, span_id=spillover.id_)
    claims = find_claims(doc, [wrong] + [m for m in mentions if m != spillover])
    assert claims == []


def test_coordinated_subjects_each_make_a_claim(extractor: Extractor) -> None:
    # the small model reads "spillover" as a modifier of "learning"; the list is still two subjects
    claims = claims_in(extractor, "Knowledge spillover and collective learning drive innovative clusters.")
    assert triples(claims) == {("knowledge spillover", "drives", "innovative clusters"),
                               ("collective learning", "drives", "innovative clusters")}


def test_a_place_listed_before_other_capital_is_no_argument(extractor: Extractor) -> None:
    claims = claims_in(extractor, "The industrial districts were mainly pushed by Japan and other foreign capital.")
    assert triples(claims) == {("foreign capital", "drives", "industrial districts")}


def test_being_the_driver_of_something_drives_it(extractor: Extractor) -> None:
    for text in ("Knowledge spillover is the main driver of innovative clusters.",
                 "Knowledge spillover is an important driving force of innovative clusters."):
        assert triples(claims_in(extractor, text)) == {("knowledge spillover", "drives", "innovative clusters")}


def test_being_an_obstacle_to_something_hinders_it(extractor: Extractor) -> None:
    claims = claims_in(extractor, "Path dependence is a major obstacle to cluster upgrading.")
    assert triples(claims) == {("path dependence", "hinders", "cluster upgrading")}


def test_providing_someone_with_an_opportunity_enables_them(extractor: Extractor) -> None:
    claims = claims_in(extractor, "The local government provides local enterprises with the opportunity to join industrial clusters.")
    assert triples(claims) == {("local government", "enables", "local enterprises")}


def test_the_lack_of_something_is_no_argument(extractor: Extractor) -> None:
    assert claims_in(extractor, "The lack of collective learning hinders innovative clusters.") == []


def test_a_deficient_argument_is_no_argument(extractor: Extractor) -> None:
    assert claims_in(extractor, "Weak collective learning is a major obstacle to cluster upgrading.") == []


def test_few_subjects_make_a_negative_claim(extractor: Extractor) -> None:
    claims = claims_in(extractor, "Few local enterprises support innovative clusters.")
    assert [(c.polarity, c.subject.text) for c in claims] == [("negative", "local enterprises")]
    claims = claims_in(extractor, "A few local enterprises support innovative clusters.")
    assert [c.polarity for c in claims] == ["positive"]


def test_the_way_something_happens_is_not_asserted(extractor: Extractor) -> None:
    assert triples(claims_in(extractor, "Zhejiang attracted foreign direct investment.")) == {
        ("zhejiang", "attracts", "foreign direct investment")}
    assert claims_in(extractor, "This policy differs from the way Zhejiang attracted foreign direct investment.") == []


def test_the_topic_of_a_research_verb_is_not_asserted(extractor: Extractor) -> None:
    assert claims_in(extractor, "Local government supports mass entrepreneurship.")
    text = "We discuss the mechanism under the situation where local government supports mass entrepreneurship."
    assert claims_in(extractor, text) == []


def test_an_imperative_recommends_and_asserts_nothing(extractor: Extractor) -> None:
    assert triples(claims_in(extractor, "We reduce the congestion effect, which is caused by knowledge spillover.")) == {
        ("knowledge spillover", "causes", "congestion effect")}
    assert claims_in(extractor, "Try to reduce the congestion effect, which is caused by knowledge spillover.") == []


def test_a_relative_clause_that_picks_out_its_noun_is_background_not_a_claim(extractor: Extractor) -> None:
    assert claims_in(extractor, "The entrepreneurs who promote innovative clusters are young.") == []
    assert triples(claims_in(extractor, "The local entrepreneurs, who promote innovative clusters, are young.")) == {
        ("local entrepreneurs", "drives", "innovative clusters")}


def test_a_participle_that_picks_out_its_noun_is_background_not_a_claim(extractor: Extractor) -> None:
    assert claims_in(extractor, "The entrepreneurs promoting innovative clusters are young.") == []
    # unless it names its doer, which it then says does it
    assert triples(claims_in(extractor, "The entrepreneurial motivation inspired by the local government is strong.")) == {
        ("local government", "drives", "entrepreneurial motivation")}
    sentence = "The institutional entrepreneurship carried out by the local entrepreneurs upgrades traditional industries."
    assert ("local entrepreneurs", "performs", "institutional entrepreneurship") in triples(claims_in(extractor, sentence))
    # the source of a report does not do what it reports
    sentence = ("According to the information provided by the research committee of Suzhou, only 175 foreign-funded "
                "enterprises have established supporting production relations.")
    assert claims_in(extractor, sentence) == []
    assert triples(claims_in(extractor, "Entrepreneurship training, provided by the local government, is popular.")) == {
        ("local government", "performs", "entrepreneurship training")}


def test_the_make_up_of_a_policy_or_a_theory_is_a_part_of_claim(extractor: Extractor) -> None:
    # part_of ("component of") is defined for parts of a mechanism, a cluster, a policy or a theory
    assert triples(claims_in(extractor, "Cluster policy consists of tax incentives and entrepreneurship training.")) == {
        ("tax incentives", "componentOf", "cluster policy"), ("entrepreneurship training", "componentOf", "cluster policy")}
    assert triples(claims_in(extractor, "New regionalism includes collective learning and trust.")) == {
        ("collective learning", "componentOf", "new regionalism"), ("trust", "componentOf", "new regionalism")}


def test_a_coordinated_argument_is_read_once_through_its_own_mentions(extractor: Extractor) -> None:
    # "the expansion and spin-offs of local enterprises" is about spin-offs; the enterprises only own them
    claims = claims_in(extractor, "The innovative cluster was formed on the basis of the expansion and spin-offs of local enterprises.")
    assert triples(claims) == {("spin-offs", "drives", "innovative cluster")}
    assert triples(claims_in(extractor, "The growth of spin-offs drives innovative clusters.")) == {
        ("spin-offs", "drives", "innovative clusters")}
    # the "of" phrase of the last conjunct belongs to all of them
    assert triples(claims_in(extractor, "Tax incentives influence the speed and the scale of industrial agglomeration.")) == {
        ("tax incentives", "drives", "industrial agglomeration")}


def test_a_paper_that_repeats_a_claim_asserts_it_once(extractor: Extractor) -> None:
    text = "Knowledge spillover fosters innovative clusters. In short, knowledge spillover fosters innovative clusters."
    extraction = extractor.extract(one_paragraph_paper(text))
    assert len(extraction.claims) == 1 and extraction.claims[0].subject.start == 0


def test_a_repeated_claim_takes_its_plain_statement_as_evidence_over_a_hedged_one(extractor: Extractor) -> None:
    paper = two_paragraph_paper("Knowledge spillover may foster innovative clusters.",
                                "Knowledge spillover fosters innovative clusters. Indeed, knowledge spillover fosters innovative clusters.")
    [claim] = extractor.extract(paper).claims
    assert not claim.hedged and claim.subject.start == paper.text.index("Knowledge spillover fosters")
    # the general word of the claim that gave way is no mention left behind
    paper = two_paragraph_paper("Clusters may foster collective learning.", "Clusters foster collective learning.")
    extraction = extractor.extract(paper)
    assert [m.start for m in extraction.mentions if m.text == "Clusters"] == [paper.text.index("Clusters foster")]


def test_the_plural_of_a_hyphenated_term_is_a_mention(extractor: Extractor) -> None:
    doc = extractor.nlp("Start-ups and spin-offs appear.")
    assert [m.text for m in doc.spans[MENTIONS_KEY]][:1] == ["Start-ups"]


def test_a_plural_the_dictionary_lists_as_a_noun_matches_the_singular_term(extractor: Extractor) -> None:
    doc = extractor.nlp("The agency offers supporting services to local enterprises.")
    assert "supporting services" in [m.text for m in doc.spans[MENTIONS_KEY]]


def test_the_number_of_the_text_decides_between_a_singular_and_a_plural_term(extractor: Extractor) -> None:
    # the ontology names the approach "global value chain" (a theory) and the chains firms join "global
    # value chains" (a mechanism)
    doc = extractor.nlp("The global value chain approach shows how firms in footwear clusters join global value "
                        "chains. GVCs matter, and cluster upgrading in global value chain is the theme.")
    found = {(m.text, m.label_) for m in doc.spans[MENTIONS_KEY]}
    assert {("global value chain approach", "Theory"), ("global value \nchains".replace("\n", ""), "Mechanism"),
            ("GVCs", "Mechanism"), ("global value chain", "Theory")} <= found


def test_a_singular_term_after_the_that_heads_its_phrase_names_one_of_the_things(extractor: Extractor) -> None:
    doc = extractor.nlp("Clusters embed into the global value chain, and the global value chain approach explains it.")
    assert [(m.text, m.label_) for m in doc.spans[MENTIONS_KEY]] == [("global value chain", "Mechanism"),
                                                                     ("global value chain approach", "Theory")]


def test_a_plural_synonym_added_in_protege_names_its_own_concept(ontology_copy: Path) -> None:
    network = URIRef(str(CKG) + "InnovationNetwork")
    graph = Graph()
    graph.parse(ontology_copy, format="xml")
    graph.add((network, SKOS.altLabel, Literal("knowledge spillovers", lang="en")))
    graph.serialize(ontology_copy, format="xml")
    extractor = Extractor(vocabulary=ontology.load_vocabulary(ontology_copy), relations=ontology.load_relations(ontology_copy),
                          nlp=load_spacy())
    doc = extractor.nlp("Knowledge spillover differs from knowledge spillovers.")
    assert [(m.text, m.id_) for m in doc.spans[MENTIONS_KEY]] == [
        ("Knowledge spillover", str(CKG) + "KnowledgeSpillover"), ("knowledge spillovers", str(network))]


def test_a_verb_phrase_term_in_a_clause_of_its_own_is_no_mention(extractor: Extractor) -> None:
    # the vocabulary holds "inspire entrepreneurial motivation" (a policy); here "inspire" is the verb
    doc = extractor.nlp("Supporting services can inspire entrepreneurial motivation.")
    assert "inspire entrepreneurial motivation" not in [m.text for m in doc.spans[MENTIONS_KEY]]


def test_an_outcome_can_be_the_object_of_a_claim(extractor: Extractor) -> None:
    claims = claims_in(extractor, "Successful entrepreneurs strengthen the entrepreneurial intentions of their neighbours.")
    assert triples(claims) == {("entrepreneurs", "drives", "entrepreneurial intentions")}


def test_can_vouched_for_by_the_author_is_no_hedge(extractor: Extractor) -> None:
    [hedged] = claims_in(extractor, "Supporting services can strengthen entrepreneurial motivation.")
    [certain] = claims_in(extractor, "It is obvious that supporting services can strengthen entrepreneurial motivation.")
    assert hedged.hedged and not certain.hedged


def test_a_direct_object_before_its_verb_is_a_misparse(extractor: Extractor) -> None:
    text = "For mass entrepreneurship, the formation of entrepreneurial motivation always due to the favorable conditions government provided."
    assert claims_in(extractor, text) == []


def test_being_important_for_something_supports_it(extractor: Extractor) -> None:
    claims = claims_in(extractor, "Universities are important for the growth of innovative clusters.")
    assert triples(claims) == {("universities", "supports", "innovative clusters")}


def test_ties_with_someone_stand_for_them(extractor: Extractor) -> None:
    claims = claims_in(extractor, "Close ties with universities are crucial for the survival of spin-offs.")
    assert triples(claims) == {("universities", "supports", "spin-offs")}


def test_entrepreneurial_activity_is_an_outcome_a_policy_can_promote(extractor: Extractor) -> None:
    claims = claims_in(extractor, "Government support plays a key role in promoting entrepreneurial activity.")
    assert triples(claims) == {("government support", "drives", "entrepreneurial activity")}


def test_not_only_adds_and_does_not_negate(extractor: Extractor) -> None:
    claims = claims_in(extractor, "Knowledge spillover not only promotes innovative clusters but also attracts foreign direct investment.")
    assert {c.polarity for c in claims} == {"positive"} and len(claims) == 2


def test_the_sign_of_an_impact_chooses_the_relation(extractor: Extractor) -> None:
    assert triples(claims_in(extractor, "Knowledge spillover has a positive impact on innovative clusters.")) == {
        ("knowledge spillover", "supports", "innovative clusters")}
    assert triples(claims_in(extractor, "Knowledge spillover has a significant negative effect on innovative clusters.")) == {
        ("knowledge spillover", "hinders", "innovative clusters")}
    assert triples(claims_in(extractor, "Knowledge spillover has a great impact on innovative clusters.")) == {
        ("knowledge spillover", "drives", "innovative clusters")}
    [denied] = claims_in(extractor, "Knowledge spillover does not have a positive impact on innovative clusters.")
    assert denied.polarity == "negative"


def test_benefiting_from_something_is_being_supported_by_it(extractor: Extractor) -> None:
    claims = claims_in(extractor, "Small and medium-sized enterprises benefit from knowledge spillover.")
    assert triples(claims) == {("knowledge spillover", "supports", "small and medium-sized enterprises")}


def test_being_formed_on_the_basis_of_something_is_being_driven_by_it(extractor: Extractor) -> None:
    claims = claims_in(extractor, "The innovative cluster was formed on the basis of knowledge spillover.")
    assert triples(claims) == {("knowledge spillover", "drives", "innovative cluster")}


def test_examples_of_a_subject_are_its_arguments(extractor: Extractor) -> None:
    claims = claims_in(extractor, "Factors such as trust and social capital promote innovative clusters.")
    assert triples(claims) == {("trust", "drives", "innovative clusters"), ("social capital", "drives", "innovative clusters")}


def test_a_list_of_examples_at_the_end_of_a_sentence_is_no_argument(extractor: Extractor) -> None:
    # the list may hang on any noun before it: here the examples are of support, not of the environment
    text = "Government support can improve the business environment, such as entrepreneurship training and tax incentives."
    # the business environment, which the ontology does not name, is what it improves
    assert triples(claims_in(extractor, text)) == {("government support", "drives", "business environment")}


def test_a_question_asserts_nothing(extractor: Extractor) -> None:
    assert claims_in(extractor, "Does knowledge spillover promote innovative clusters?") == []


def test_a_noun_with_something_as_its_link_is_the_subject_of_the_verb_after_it(extractor: Extractor) -> None:
    # the small model reads "as the bond contributed" as a clause of "as" on a verbless sentence
    claims = claims_in(extractor, "Social networks with trust and kinship as the bond contributed to the growth of SME clusters in Jiangsu.")
    assert triples(claims) == {("social networks", "drives", "sme clusters"), ("sme clusters", "locatedIn", "jiangsu")}
    claims = claims_in(extractor, "Knowledge spillover with universities as the source fosters innovative clusters.")
    assert triples(claims) == {("knowledge spillover", "drives", "innovative clusters")}


def test_a_definite_noun_phrase_stands_for_the_last_mention_with_its_head_word(extractor: Extractor) -> None:
    text = "Knowledge spillover is strong in innovative clusters. Local entrepreneurs shape the clusters."
    extraction = extractor.extract(one_paragraph_paper(text))
    [claim] = extraction.claims
    # the argument is the phrase as written, in the sentence that makes the claim, with its antecedent's concept
    assert (claim.subject.text, claim.relation, claim.object.text) == ("Local entrepreneurs", str(CKG.drives), "the clusters")
    innovative_clusters = next(m for m in extraction.mentions if m.text == "innovative clusters")
    assert claim.object.concept == innovative_clusters.concept and claim.object.source == "anaphor"
    assert claim.sentence == claim.subject.sentence == claim.object.sentence == 1
    claims = claims_in(extractor, "Foreign direct investment is large in Suzhou. Tax incentives attract such investment.")
    assert triples(claims) == {("tax incentives", "attracts", "such investment")}
    assert extractor.vocabulary.concepts[claims[0].object.id_].label == "foreign direct investment"


def test_a_noun_phrase_that_picks_out_a_new_referent_is_no_anaphor(extractor: Extractor) -> None:
    # a complement after the noun, or a modifier the earlier mention lacks: the noun is clusters in general
    for text in ("Knowledge spillover is strong in innovative clusters. Local entrepreneurs shape the clusters of origin.",
                 "Industrial clusters grow fast. Local entrepreneurs shape these mature clusters."):
        [claim] = claims_in(extractor, text)
        assert claim.object.text == "clusters" and extractor.vocabulary.concepts[claim.object.id_].generic


def test_a_term_whose_modifier_the_source_quotes_is_one_mention(extractor: Extractor) -> None:
    doc = extractor.nlp("In Jiangsu the “imbedding type” clusters grew fast.")
    assert "imbedding type” clusters" in [m.text for m in doc.spans[MENTIONS_KEY]]


def test_a_quoted_head_is_the_term_without_its_modifier(extractor: Extractor) -> None:
    # the opening mark quotes "industrial cluster": "local" stays outside, as it would without quotes
    doc = extractor.nlp("The mature “industrial cluster” grew.")
    assert [m.text for m in doc.spans[MENTIONS_KEY]] == ["industrial cluster"]


def test_lacking_a_component_is_a_negative_part_of_claim(extractor: Extractor) -> None:
    for text in ("These FDI-driven clusters often lack embeddedness in the local economy.",
                 "FDI-driven clusters are lacking in embeddedness.", "FDI-driven clusters are lack of embeddedness."):
        [claim] = claims_in(extractor, text)
        assert triples([claim]) == {("embeddedness", "componentOf", "fdi-driven clusters")}
        assert claim.polarity == "negative"


def test_not_lacking_a_component_is_a_positive_part_of_claim(extractor: Extractor) -> None:
    [claim] = claims_in(extractor, "Innovative clusters do not lack embeddedness.")
    assert claim.polarity == "positive"


def test_being_detrimental_to_something_hinders_it(extractor: Extractor) -> None:
    assert triples(claims_in(extractor, "Dense policy districts are detrimental to collective learning.")) == {
        ("policy districts", "hinders", "collective learning")}


def test_not_being_favourable_to_something_is_a_negative_support_claim(extractor: Extractor) -> None:
    [claim] = claims_in(extractor, "The cluster policy is not favorable for SMEs.")
    assert triples([claim]) == {("cluster policy", "supports", "smes")} and claim.polarity == "negative"


@pytest.mark.parametrize("sentence, expected", [
    ("Cluster growth follows from spin-offs of successful firms.", ("spin-offs", "causes", "cluster growth")),
    ("Firms benefit from knowledge spillover.", ("knowledge spillover", "supports", "firms")),
    ("Entrepreneurship contributes to cluster formation.", ("entrepreneurship", "drives", "cluster formation")),
])
def test_a_word_for_a_whole_category_can_be_an_argument(extractor: Extractor, sentence: str, expected: tuple) -> None:
    assert triples(claims_in(extractor, sentence)) == {expected}


def test_general_words_are_no_mentions_but_stay_as_the_arguments_of_claims(extractor: Extractor) -> None:
    text = "Firms benefit from knowledge spillover. Many firms export their products."
    extraction = extractor.extract(one_paragraph_paper(text))
    assert [(m.text, m.argument_only) for m in extraction.mentions] == [("Firms", True), ("knowledge spillover", False)]
    lines = records(extraction, {str(CKG.supports): "supports"})
    assert [r["text"] for r in lines if r["kind"] == "mention"] == ["knowledge spillover"]
    assert [(r["subject"], r["object"]) for r in lines if r["kind"] == "claim"] == [("knowledge spillover", "Firms")]


def test_a_definite_noun_phrase_is_the_kind_named_before_not_the_category_in_general(extractor: Extractor) -> None:
    claims = claims_in(extractor, "Industrial clusters grew fast in Zhejiang. Local government supports the clusters.")
    assert triples(claims) == {("local government", "supports", "the clusters")}
    assert extractor.vocabulary.concepts[claims[0].object.id_].label == "industrial cluster"


def test_an_object_followed_by_a_reflexive_pronoun_is_the_subject_itself(extractor: Extractor) -> None:
    assert claims_in(extractor, "Industrial clusters promote clusters themselves.") == []


def test_what_a_shift_leaves_behind_is_not_claimed(extractor: Extractor) -> None:
    claims = claims_in(extractor, "The local government shifted from supporting large enterprises to supporting SMEs.")
    assert triples(claims) == {("local government", "supports", "smes")}


@pytest.mark.parametrize("sentence, expected", [
    ("The growth of the industrial cluster is attributed to knowledge spillover.", ("knowledge spillover", "causes", "industrial cluster")),
    ("Industrial clusters arise as a result of spin-offs.", ("spin-offs", "causes", "industrial clusters")),
])
def test_attributing_a_result_to_a_cause_is_a_causes_claim(extractor: Extractor, sentence: str, expected: tuple) -> None:
    assert triples(claims_in(extractor, sentence)) == {expected}


def test_helping_someone_do_something_supports_them(extractor: Extractor) -> None:
    claims = claims_in(extractor, "Government support helps local enterprises upgrade their products.")
    assert triples(claims) == {("government support", "supports", "local enterprises")}


def test_innovation_is_an_outcome_a_mechanism_can_drive(extractor: Extractor) -> None:
    claims = claims_in(extractor, "Knowledge spillover promotes innovation.")
    assert triples(claims) == {("knowledge spillover", "drives", "innovation")}
    assert claims[0].object.label_ == "Outcome"


@pytest.mark.parametrize("text", ["Clusters, Policy, Reform", "Using Investment Policies to", "City-Level Panel Data",
                                  "I. INTRODUCTION"])
def test_a_list_or_a_cut_off_heading_is_no_name(extractor: Extractor, text: str) -> None:
    doc = extractor.nlp.make_doc(text)
    assert not is_proper_name(Span(doc, 0, len(doc), label="ORG"))


def test_a_name_of_capitalised_words_is_a_name(extractor: Extractor) -> None:
    doc = extractor.nlp.make_doc("Junpu Financial Service")
    assert is_proper_name(Span(doc, 0, len(doc), label="ORG"))


@pytest.mark.parametrize("text", ["Federal Ministry of Education and Research", "Census Bureau"])
def test_an_institution_named_in_common_words_is_a_name(extractor: Extractor, text: str) -> None:
    doc = extractor.nlp(text)  # parsed: the institution noun is the name's head
    assert is_proper_name(Span(doc, 0, len(doc), label="ORG"))


def test_the_name_of_a_publication_is_no_organisation(extractor: Extractor) -> None:
    doc = extractor.nlp("Zhangjiang Development Report")
    assert not is_proper_name(Span(doc, 0, len(doc), label="ORG"))


@pytest.mark.parametrize("text, cited", [("Combes et al. (2012)", True), ("Krugman (1991)", True),
                                         ("Wenzhou (Zhejiang)", False), ("Wenzhou et", False)])
def test_a_name_followed_by_et_al_or_a_year_in_brackets_is_a_cited_author(extractor: Extractor, text: str,
                                                                          cited: bool) -> None:
    doc = extractor.nlp.make_doc(text)
    assert is_proper_name(Span(doc, 0, 1, label="GPE")) is not cited


@pytest.mark.parametrize("sentence, mention", [
    ("Spatial knowledge spillovers decay with distance.", ("Spatial knowledge spillovers", "Mechanism")),
    ("The state-level SEZ grew fast.", ("state-level SEZ", "Cluster")),
    ("Government-led industrial agglomeration differs.", ("Government-led industrial agglomeration", "Mechanism")),
    ("Umbrella clusters export widely.", ("Umbrella clusters", "Cluster")),  # a general word with a kind names the kind
    ("Low level enterprises and such clusters compete.", None),  # a noun of measure names no kind, nor "such"
    ("Mature industrial clusters decline.", ("industrial clusters", "Cluster")),  # a stage is no kind
    ("Local industrial clusters grow.", ("industrial clusters", "Cluster")),  # nor, for a cluster, "local"
    ("Regional industrial clusters grow.", ("Regional industrial clusters", "Cluster")),  # (only "local": eval-dev rule 2)
    ("Many clusters and these firms grow.", None),  # quantifiers and determiners name no kind
    ("Indigenous and foreign MNEs cooperate.", ("Indigenous and foreign MNEs", "Actor")),  # two kinds together
    # the parser hangs the adjective on the noun the term modifies
    ("The study uses an extended knowledge production function framework.",
     ("extended knowledge production function", "Theory")),
    # a hyphenated word is graded by its first part
    ("We study location-specific externalities.", ("location-specific externalities", "Mechanism")),
    ("So-called industrial clusters grow.", ("industrial clusters", "Cluster")),
    # a sector, also an activity noun the tagger reads as a verb, names a kind
    ("We study manufacturing industry agglomeration.", ("manufacturing industry agglomeration", "Mechanism")),
    # a sector's name is taken whole, its plural words too
    ("We study producer services industry agglomeration.", ("producer services industry agglomeration", "Mechanism")),
    ("Forming industry clusters takes time.", ("industry clusters", "Cluster")),  # a participle does not
    ("They outperform non-returnee firms.", ("non-returnee firms", "Actor")),  # the term starts inside a word
    ("We study the customer–supplier relationship.", ("customer–supplier relationship", "Mechanism")),
    ("Returnee-firms outperform others.", ("Returnee-firms", "Actor")),  # a general word, hyphenated to its kind
    # "district" and "policy" are general words (ontology data): with a kind before them they name it
    ("The footwear district faces a crisis.", ("footwear district", "Cluster")),
    ("The district faces a crisis.", None),
    ("Specialist policies were adopted.", ("Specialist policies", "Policy")),
    ("Such policies and comprehensive policies were adopted.", None),  # a degree is no kind
    ("The complete set district grew.", None),  # nor a measure
    ("District actors cooperate.", ("District actors", "Actor")),
    ("Organizational restructuring followed.", ("Organizational restructuring", "Mechanism")),
    # a plural noun names a kind of a general word ("communications", "electronics"), as a sector's name does
    ("The wireless communications cluster grew.", ("wireless communications cluster", "Cluster")),
    ("Restructuring and specialization followed.", None),
    ("The agency and the actors cooperate.", None),
])
def test_a_mention_takes_in_the_words_before_it_that_name_a_kind(extractor: Extractor, sentence: str,
                                                                 mention: tuple | None) -> None:
    doc = extractor.nlp(sentence)
    assert [(m.text, m.label_) for m in doc.spans[MENTIONS_KEY]] == ([mention] if mention else [])


@pytest.mark.parametrize("sentence, mention", [
    ("Cluster enterprises share suppliers.", ("Cluster enterprises", "Actor")),
    ("MNE affiliates source locally.", ("MNE affiliates", "Actor")),
    ("Urban agglomerations attract talent.", ("Urban agglomerations", "Cluster")),
    ("Governance shapes the chain.", ("Governance", "Mechanism")),
    ("Clustering raises wages.", ("Clustering", "Mechanism")),
    ("The growth of FDI flows was rapid.", ("FDI flows", "Mechanism")),
    ("Economic reforms began in 1978.", ("Economic reforms", "Policy")),
    # a typographic apostrophe matches the ontology's straight one
    ("Clusters grew in the Lao People’s Democratic Republic.", ("Lao People’s Democratic Republic", "Place")),
    ("The knowledge production function is estimated.", ("knowledge production function", "Theory")),
    ("Donors fund capacity building in clusters.", ("capacity building", "Policy")),
    ("Exporters gain from learning by exporting.", ("learning by exporting", "Mechanism")),
    ("The home market effect explains it.", ("home market effect", "Mechanism")),
])
def test_terms_of_papers_beyond_the_starting_five_are_ontology_data(extractor: Extractor, sentence: str,
                                                                     mention: tuple) -> None:
    doc = extractor.nlp(sentence)
    assert mention in [(m.text, m.label_) for m in doc.spans[MENTIONS_KEY]]


def test_a_general_word_with_a_kind_is_a_mention_of_its_own(extractor: Extractor) -> None:
    # no concept of the ontology names umbrella clusters; the general word keeps its concept
    extraction = extractor.extract(one_paragraph_paper("Umbrella clusters export widely, and clusters grow."))
    assert [(m.text, m.category) for m in extraction.mentions] == [("Umbrella clusters", "Cluster")]


def test_two_coordinated_nouns_before_a_term_are_no_kinds_of_it(extractor: Extractor) -> None:
    # the parser glues "reduction of cost and cluster effect" into one phrase; the nouns are two things
    doc = extractor.nlp("Sharing information, reduction of cost and cluster effect will be strengthened.")
    assert "cluster effect" in [m.text for m in doc.spans[MENTIONS_KEY]]


def test_a_country_the_dictionary_also_lists_is_a_place_inside_a_sentence(extractor: Extractor) -> None:
    doc = extractor.nlp("The study surveys a furniture cluster in Hungary and two districts in Spain.")
    assert {(m.text, m.label_) for m in doc.spans[MENTIONS_KEY]} >= {("Hungary", "Place"), ("Spain", "Place")}


def test_a_hyphenated_word_used_attributively_is_no_mention(extractor: Extractor) -> None:
    doc = extractor.nlp("Banks are cautious in issuing start-up loans, and start-ups lack start-up capital.")
    assert [m.text for m in doc.spans[MENTIONS_KEY] if m.label_ == "Actor"] == ["Banks", "start-ups"]


def test_a_capitalised_general_word_ends_a_place_name(extractor: Extractor) -> None:
    doc = extractor.nlp("The Shuangyu Industrial Park of Lucheng District grew, as did Haidian District in Beijing.")
    mentions = {(m.text, m.label_) for m in doc.spans[MENTIONS_KEY]}
    assert {("Lucheng District", "Place"), ("Haidian District", "Place"), ("Shuangyu Industrial Park", "Cluster")} <= mentions


def test_an_institution_named_after_a_place_is_one_actor(extractor: Extractor) -> None:
    doc = extractor.nlp("Banks stay close to the Bank of England and the UK Department of Trade and Industry.")
    assert {(m.text, m.label_) for m in doc.spans[MENTIONS_KEY]} == {
        ("Banks", "Actor"), ("Bank of England", "Actor"), ("UK Department of Trade and Industry", "Actor")}


def test_a_company_s_name_with_its_legal_form_is_one_actor(extractor: Extractor) -> None:
    doc = extractor.nlp("The Jierda Footwear Co., Ltd. and China Aolun Shoes Co., Ltd. were founded in 1991.")
    assert [(m.text, m.label_) for m in doc.spans[MENTIONS_KEY]] == [
        ("Jierda Footwear Co., Ltd.", "Actor"), ("China Aolun Shoes Co., Ltd.", "Actor")]
    # also where the NER model cuts the name before its legal form
    doc = extractor.nlp("Three enterprises were derived from it, namely Jierda Footwear Co., LTD., China Aolun shoes Co., "
                        "LTD., and others.")
    assert [m.text for m in doc.spans[MENTIONS_KEY]][:2] == ["Jierda Footwear Co., LTD.", "China Aolun shoes Co., LTD."]


def test_words_of_a_study_s_design_name_no_kind(extractor: Extractor) -> None:
    doc = extractor.nlp("The sample enterprises, the surveyed SMEs and powerful trade unions were interviewed.")
    assert [m.text for m in doc.spans[MENTIONS_KEY]] == ["SMEs", "trade unions"]


def test_words_of_closeness_and_frequency_name_no_kind(extractor: Extractor) -> None:
    doc = extractor.nlp("Close proximity allows on-going face-to-face contact and intense personal relationships.")
    assert [m.text for m in doc.spans[MENTIONS_KEY]] == ["proximity", "face-to-face contact", "personal relationships"]


def test_the_actors_of_a_financial_cluster_are_ontology_data(extractor: Extractor) -> None:
    doc = extractor.nlp("Insurers, regulators, rivals, buyers, founders and family workshops met.")
    assert [(m.text, m.label_) for m in doc.spans[MENTIONS_KEY]] == [
        ("Insurers", "Actor"), ("regulators", "Actor"), ("rivals", "Actor"), ("buyers", "Actor"),
        ("founders", "Actor"), ("family workshops", "Actor")]
    # like "entrants", bare "newcomers" names firms in general, an argument of claims only
    doc = extractor.nlp("Newcomers face problems.")
    assert [m.text for m in doc.spans[GENERIC_KEY]] == ["Newcomers"]


def test_a_barrier_of_a_kind_is_a_mechanism_and_a_bare_barrier_a_general_word(extractor: Extractor) -> None:
    doc = extractor.nlp("Founders overcame the then technology barriers, capital barriers and other barriers to entry.")
    assert [(m.text, m.label_) for m in doc.spans[MENTIONS_KEY]] == [
        ("Founders", "Actor"), ("technology barriers", "Mechanism"), ("capital barriers", "Mechanism"),
        ("barriers to entry", "Mechanism")]
    doc = extractor.nlp("They face many barriers.")
    assert [m.text for m in doc.spans[GENERIC_KEY]] == ["barriers"]


def test_the_country_of_a_currency_is_no_place_of_the_text(extractor: Extractor) -> None:
    doc = extractor.nlp("Exports from Italy were more than 20 billion U.S. dollars, many of them to the U.S. market.")
    assert [m.text for m in doc.spans[MENTIONS_KEY] if m.label_ == "Place"] == ["Italy", "U.S."]


@pytest.mark.parametrize(
    "text, claim",
    [("Trust underpins relational governance.", ("trust", "supports", "relational governance")),
     ("Fairchild spawned dozens of spin-off firms.", ("fairchild", "causes", "spin-off firms")),
     ("Agglomeration diseconomies retard the growth of rural industrial clusters.",
      ("agglomeration diseconomies", "hinders", "rural industrial clusters")),
     ("The brain drain from rural areas weakens local entrepreneurship.", ("brain drain", "hinders", "local entrepreneurship")),
     ("Tax incentives drew in foreign-invested enterprises.", ("tax incentives", "attracts", "foreign-invested enterprises")),
     ("The industry association organises trade fairs.", ("industry association", "performs", "trade fairs")),
     ("Local suppliers take advantage of FDI spillovers.", ("fdi spillovers", "supports", "local suppliers")),
     ("Start-ups rely on angel investment.", ("angel investment", "supports", "start-ups")),
     ("Spin-outs promote industrial clusters.", ("spin-outs", "drives", "industrial clusters")),
     ("The machinery cluster is concentrated in Zhejiang.", ("machinery cluster", "locatedIn", "zhejiang")),
     ("Global value chain participation paved the way for OEM production.",
      ("global value chain participation", "enables", "oem production"))],
)
def test_the_wider_literature_s_terms_and_triggers_are_ontology_data(extractor: Extractor, text: str,
                                                                   claim: tuple[str, str, str]) -> None:
    # the vocabulary for unseen papers: the concepts and the trigger phrases are synonyms in the ontology
    assert claim in triples(claims_in(extractor, text))


def test_a_general_word_yields_to_the_mention_its_phrase_names_through_of(extractor: Extractor) -> None:
    claims = claims_in(extractor, "The cluster of domestic firms exerts a negative effect on FDI location.")
    assert triples(claims) == {("domestic firms", "hinders", "fdi")}


@pytest.mark.parametrize("sentence, expected", [
    ("Enterprise clusters have promoted the development of the local economy.", ("enterprise clusters", "drives", "local economy")),
    ("Relational governance favours functional upgrading.", ("relational governance", "supports", "functional upgrading")),
    ("Knowledge spillover adversely affects SME clusters.", ("knowledge spillover", "hinders", "sme clusters")),
    ("The rise of industrial clusters can be traced to spin-offs.", ("spin-offs", "causes", "industrial clusters")),
    ("SMEs depend upon local suppliers.", ("local suppliers", "supports", "smes")),
])
def test_outcomes_and_wordings_of_effect_are_ontology_data(extractor: Extractor, sentence: str, expected: tuple) -> None:
    assert triples(claims_in(extractor, sentence)) == {expected}


def test_a_recommendation_is_no_claim(extractor: Extractor) -> None:
    assert claims_in(extractor, "Industrial clusters should promote innovation.") == []
    assert triples(claims_in(extractor, "Industrial clusters promote innovation.")) == {("industrial clusters", "drives", "innovation")}


@pytest.mark.parametrize("sentence, expected, hedged", [
    ("Localization economies are generally found to benefit industrial clusters.", ("localization economies", "supports", "industrial clusters"), False),
    ("Industrial clusters are said to shape local entrepreneurship.", ("industrial clusters", "drives", "local entrepreneurship"), True),
    ("Industrial clusters are argued to be driven by knowledge spillover.", ("knowledge spillover", "drives", "industrial clusters"), False),
])
def test_a_reported_subject_is_the_subject_of_the_infinitive(extractor: Extractor, sentence: str, expected: tuple, hedged: bool) -> None:
    claims = claims_in(extractor, sentence)
    assert triples(claims) == {expected} and claims[0].hedged is hedged


@pytest.mark.parametrize("sentence, expected", [
    ("Industrial clusters foster innovation.", {("industrial clusters", "drives", "innovation")}),
    ("Spin-offs drive cluster growth.", {("spin-offs", "drives", "cluster growth")}),
    ("Local government stimulates entrepreneurs' entrepreneurial motivation.",
     {("local government", "drives", "entrepreneurial motivation")}),
    ("SME support centres in Zhejiang.", set()),  # no verb agrees with "SME": a noun phrase, as parsed
    ("Industrial clusters foster innovation", set()),  # a title: no verb was lost
])
def test_a_verb_the_parser_read_as_a_modifier_of_its_object_is_still_a_verb(extractor: Extractor, sentence: str,
                                                                           expected: set) -> None:
    # the small model parses "X foster Y." as one noun phrase, "foster" an adjective on "Y"
    assert triples(claims_in(extractor, sentence)) == expected


def test_citations_in_a_sentence_do_not_hide_its_claim(extractor: Extractor) -> None:
    text = "Industry clusters, the concentrations of related firms (Gordon and McCann 2000), foster innovation (Porter 1990; Cooke 2002)."
    extraction = extractor.extract(one_paragraph_paper(text))
    [claim] = extraction.claims
    assert (claim.subject.text, claim.relation, claim.object.text) == ("Industry clusters", str(CKG.drives), "innovation")
    assert text[claim.object.start:claim.object.end] == "innovation"
    assert extraction.sentences[claim.sentence].text == text  # the evidence is the sentence as written, citations and all
    assert not any(m.text in ("Gordon", "McCann", "Porter", "Cooke") for m in extraction.mentions)


def test_a_word_that_copied_pdf_text_breaks_at_a_hyphen_is_read_whole(extractor: Extractor) -> None:
    text = "In the hi- tech cluster, coopera- tion posi- tively influences innovation."
    extraction = extractor.extract(one_paragraph_paper(text))
    [claim] = extraction.claims
    assert (claim.subject.text, claim.relation, claim.object.text) == ("coopera- tion", str(CKG.drives), "innovation")
    assert text[claim.subject.start:claim.subject.end] == "coopera- tion"  # offsets into the text as written
    # only where the halves make a word and the first alone is none: "hi- tech" stays two words
    assert broken_hyphens(text) == [(text.index("- tion"), text.index("tion")), (text.index("- tively"), text.index("tively"))]


def two_paragraph_paper(first: str, second: str) -> Paper:
    text = f"{first}\n\n{second}"
    start = len(first) + 2
    paragraphs = (Paragraph(0, len(first), first, tuple(range(len(first) + 1))),
                  Paragraph(start, len(text), second, tuple(range(start, len(text) + 1))))
    return Paper(Path("test.txt"), text, "text", "0" * 64, Metadata(), (Section("body", None, 0, len(text), paragraphs),))


def test_an_abbreviation_the_paper_defines_is_a_mention_of_its_concept_in_later_paragraphs(extractor: Extractor) -> None:
    paper = two_paragraph_paper("Development zones (DZs) spread across China after 1984.", "DZs attract foreign firms.")
    extraction = extractor.extract(paper)
    zone = extractor.vocabulary.concepts[next(m.concept for m in extraction.mentions if m.text == "Development zones")]
    uses = [m for m in extraction.mentions if m.text == "DZs"]
    assert [paper.text[m.start:m.end] for m in uses] == ["DZs", "DZs"] and {m.concept for m in uses} == {zone.iri}
    assert {(c.subject.text, c.relation, c.object.text) for c in extraction.claims} == {("DZs", str(CKG.attracts), "foreign firms")}


def test_a_place_the_paper_names_is_a_place_where_it_opens_a_sentence(extractor: Extractor) -> None:
    paper = two_paragraph_paper("London is a leading financial centre.", "Banks in London stay near the Bank of England.")
    places = [m.text for m in extractor.extract(paper).mentions if m.category == "Place"]
    assert places == ["London", "London"]
    # alone, a dictionary word at the start of a sentence is not trusted to be a place
    assert [m.text for m in extractor.extract(one_paragraph_paper("London is a leading financial centre.")).mentions
            if m.category == "Place"] == []


def test_a_name_s_head_word_after_the_is_a_short_name_for_it(extractor: Extractor) -> None:
    paper = two_paragraph_paper("Banks crowd into the City of London (the City).",
                                "Law firms lie between the City and the West End, near the City Corporation.")
    extraction = extractor.extract(paper)
    city = [(m.text, m.category, m.concept) for m in extraction.mentions if "City" in m.text]
    london = str(resource("place", "city-of-london"))
    # (the head word that goes on into a longer name is none: "the City Corporation")
    assert city == [("City of London", "Place", london), ("City", "Place", london), ("City", "Place", london)]


def test_a_short_name_stands_for_a_named_cluster_of_the_vocabulary(extractor: Extractor) -> None:
    valley = [(m.text, m.label) for m in extractor.extract(two_paragraph_paper(
        "Silicon Valley grew fast.", "Start-ups in the Valley raise venture capital.")).mentions if m.category == "Cluster"]
    assert valley == [("Silicon Valley", "Silicon Valley"), ("Valley", "Silicon Valley")]


def test_a_head_word_two_names_share_is_no_short_name(extractor: Extractor) -> None:
    text = "Banks crowd into the City of London and the City of Westminster. Rents in the City rose."
    assert mention_texts(extractor, text, "Place") == ["City of London", "City of Westminster"]


@pytest.mark.parametrize("sentence, defined", [
    ("Development zones (DZs) grew fast.", {"DZ": "Development zones"}),
    ("Foreign direct investment (FDI) grew fast.", {"FDI": "Foreign direct investment"}),
    ("Industrial clusters in Zhejiang (PRC) grew fast.", {}),  # P, R, C are not the letters of Zhejiang
    ("Industrial clusters (Table 2) grew fast.", {}),
    ("Foreign direct investment (hereafter FDI) grew fast.", {"FDI": "Foreign direct investment"}),
    ("The cluster competition (in German: Spitzencluster-Wettbewerb; CC) grew fast.", {"CC": "cluster competition"}),
])
def test_an_abbreviation_is_defined_by_the_letters_of_the_mention_before_it(extractor: Extractor, sentence: str, defined: dict) -> None:
    doc = extractor.nlp(sentence)
    concepts = {span.text: span.id_ for span in doc.spans[MENTIONS_KEY]}
    assert {short: concept for short, (concept, _) in abbreviations([doc]).items()} == {k: concepts[v] for k, v in defined.items()}


def mention_texts(extractor: Extractor, text: str, category: str | None = None) -> list[str]:
    extraction = extractor.extract(one_paragraph_paper(text))
    return [m.text for m in extraction.mentions if not m.argument_only and category in (None, m.category)]


def test_an_abbreviation_the_paper_defines_outweighs_the_ner_model_s_guess(extractor: Extractor) -> None:
    text = "We chose the Zhangjiang High-Tech Park (ZJHP) of China. The ZJHP attracts foreign firms."
    assert mention_texts(extractor, text, "Cluster") == ["Zhangjiang High-Tech Park", "ZJHP", "ZJHP"]


@pytest.mark.parametrize("sentence, clusters, places", [
    ("Firms moved to the Zhangjiang High-Tech Park in 2005.", ["Zhangjiang High-Tech Park"], []),
    ("Firms moved to the Suzhou industrial estate in 2005.", ["Suzhou industrial estate"], []),
    ("Firms moved to the Guangdong specialized towns in 2005.", ["specialized towns"], ["Guangdong"]),  # a place's kinds
])
def test_a_proper_name_before_a_kind_of_cluster_in_the_singular_names_one_cluster(
        extractor: Extractor, sentence: str, clusters: list, places: list) -> None:
    assert mention_texts(extractor, sentence, "Cluster") == clusters
    assert mention_texts(extractor, sentence, "Place") == places


def test_a_place_s_name_may_end_on_its_kind_in_lower_case(extractor: Extractor) -> None:
    text = "This paper employs Lirendong village in Guangzhou as a case study."
    assert mention_texts(extractor, text, "Place") == ["Lirendong village", "Guangzhou"]


def test_a_person_s_name_the_ner_model_stretches_over_a_park_is_none(extractor: Extractor) -> None:
    text = "Innovation at science parks: the case of Zhangjiang High-Tech Park and Hsinchu Science Park"
    assert "Zhangjiang High-Tech Park" in mention_texts(extractor, text, "Cluster")


def test_a_place_the_ner_model_names_more_closely_than_the_vocabulary_is_taken_whole(extractor: Extractor) -> None:
    text = "Electronics producers in Qingdao, North China, and across the Taiwan Strait compete."
    assert mention_texts(extractor, text, "Place") == ["Qingdao", "North China", "Taiwan Strait"]


@pytest.mark.parametrize("sentence, mentions", [
    ("Clusters matter, but industrial agglomerations do not.", [("industrial agglomerations", "Cluster")]),  # places
    ("Industrial agglomeration attracts investment.", [("Industrial agglomeration", "Mechanism")]),  # a process
])
def test_the_number_of_industrial_agglomeration_tells_the_place_from_the_process(
        extractor: Extractor, sentence: str, mentions: list) -> None:
    extraction = extractor.extract(one_paragraph_paper(sentence))
    assert [(m.text, m.category) for m in extraction.mentions if "agglomeration" in m.text.lower()] == mentions


def test_a_stage_word_is_no_kind(extractor: Extractor) -> None:
    assert mention_texts(extractor, "Local firms grew alongside established foreign producers.", "Actor") == [
        "Local firms", "foreign producers"]


@pytest.mark.parametrize("sentence, mention", [
    ("Universities built the largest high technology cluster in China.", "high technology cluster"),
    ("Foreign affiliates create positive horizontal spillovers.", "horizontal spillovers"),
])
def test_a_word_that_grades_or_signs_is_no_kind(extractor: Extractor, sentence: str, mention: str) -> None:
    assert mention in mention_texts(extractor, sentence)


def test_of_two_overlapping_terms_the_one_whose_head_the_other_modifies_wins(extractor: Extractor) -> None:
    assert mention_texts(extractor, "The industrial cluster effect attracts firms.", "Mechanism") == ["industrial cluster effect"]


def test_a_two_word_term_is_found_hyphenated_and_with_a_unicode_hyphen(extractor: Extractor) -> None:
    text = "Training supports knowledge-sharing, and the spin\u2010off rate is high."
    assert mention_texts(extractor, text, "Mechanism") == ["knowledge-sharing", "spin\u2010off"]


def test_an_actor_before_an_actor_s_word_names_its_kind(extractor: Extractor) -> None:
    text = "MNE entrants grow fast, and multinational corporation affiliates buy from local suppliers."
    assert mention_texts(extractor, text, "Actor") == ["MNE entrants", "multinational corporation affiliates", "local suppliers"]


def test_a_keyword_line_typed_without_spaces_is_read_term_by_term(extractor: Extractor) -> None:
    text = "Keywords: science park;industry migration；clustering"
    assert mention_texts(extractor, text) == ["science park", "industry migration", "clustering"]


@pytest.mark.parametrize("sentence, expected", [
    ("We analyse the role of local government in promoting industrial clusters.", {("local government", "drives", "industrial clusters")}),
    ("The government's role in fostering SME clusters is large.", {("government", "drives", "sme clusters")}),
    ("Their role in fostering SME clusters is large.", set()),
])
def test_the_role_of_someone_in_doing_something_is_theirs(extractor: Extractor, sentence: str, expected: set) -> None:
    assert triples(claims_in(extractor, sentence)) == expected


def test_the_role_someone_takes_on_is_no_holder_of_it(extractor: Extractor) -> None:
    claims = claims_in(extractor, "Local government undertakes the role of leading enterprises in fostering SME clusters.")
    assert triples(claims) == {("local government", "drives", "sme clusters")}


@pytest.mark.parametrize("sentence, expected, polarity", [
    ("FDI did not take the local enterprises into its industrial chain.", {("fdi", "supports", "local enterprises")}, "negative"),
    ("Multinational corporations integrate local suppliers into their global value chains.",
     {("multinational corporations", "supports", "local suppliers")}, "positive"),
    ("The local government takes SMEs into account.", set(), None),
])
def test_a_trigger_phrase_marks_with_something_where_its_direct_object_stands(extractor: Extractor, sentence: str,
                                                                             expected: set, polarity: str | None) -> None:
    # ontology data: "take something into chain" is a trigger of supports; "something" is the direct object
    claims = claims_in(extractor, sentence)
    assert triples(claims) == expected and all(c.polarity == polarity for c in claims)


@pytest.mark.parametrize("sentence, expected", [
    ("Knowledge spillover is a key factor for cluster upgrading.", {("knowledge spillover", "drives", "cluster upgrading")}),
    ("Industrial clusters have been the main pillar of economic development.", {("industrial clusters", "drives", "economic development")}),
    # "a factor for" drives, but the longer phrase it lies in says more: "an attracting factor for" attracts
    ("Industrial clusters have become an important attracting factor for FDI.", {("industrial clusters", "attracts", "fdi")}),
])
def test_a_trigger_phrase_inside_a_longer_one_yields_to_it(extractor: Extractor, sentence: str, expected: set) -> None:
    assert triples(claims_in(extractor, sentence)) == expected


@pytest.mark.parametrize("sentence, expected, polarity, hedged", [
    ("FDI serves as a source of knowledge spillovers.", {("fdi", "causes", "knowledge spillovers")}, "positive", False),
    ("FDI does not act as a source of knowledge spillovers.", {("fdi", "causes", "knowledge spillovers")}, "negative", False),
    ("Industrial clusters are regarded as an engine of regional development.",
     {("industrial clusters", "drives", "regional development")}, "positive", False),
    # the object of "regard X as" is what the "as" phrase describes, not the people who regard it so
    ("Policy makers regard industrial clusters as an engine of regional development.",
     {("industrial clusters", "drives", "regional development")}, "positive", False),
    ("Scholars consider FDI as a driver of cluster upgrading.", {("fdi", "drives", "cluster upgrading")}, "positive", True),
])
def test_serving_as_or_being_regarded_as_something_is_being_it(extractor: Extractor, sentence: str, expected: set,
                                                               polarity: str, hedged: bool) -> None:
    claims = claims_in(extractor, sentence)
    assert triples(claims) == expected
    assert all(c.polarity == polarity and c.hedged is hedged for c in claims)


def test_a_participle_in_a_list_after_a_colon_is_no_verb(extractor: Extractor) -> None:
    # the parser reads "accelerated" as a verb whose subject is the list's first item
    sentence = ("The formation of Taobao Village includes five processes: introduction of Taobao projects, "
                "primary diffusion, accelerated diffusion, collective cooperation and vertical agglomeration.")
    assert not any(c.relation.endswith("#drives") for c in claims_in(extractor, sentence))
    # a gerund in such a list names an activity, it has no subject
    sentence = ("The success of development zones rests on four principles: adherence to strategic planning, "
                "prioritizing the industrial foundation, and strengthening regional competitiveness.")
    assert claims_in(extractor, sentence) == []


def test_the_decline_of_something_does_not_stand_for_it(extractor: Extractor) -> None:
    assert claims_in(extractor, "Political lock-ins explain the decline of industrial clusters.") == []
    assert triples(claims_in(extractor, "Political lock-ins explain the growth of industrial clusters.")) == {
        ("political lock-ins", "causes", "industrial clusters")}


def test_a_word_of_a_means_is_no_factor_on_its_own(extractor: Extractor) -> None:
    assert claims_in(extractor, "The apprenticeship system provides avenues for training for young people.") == []


def test_a_rise_in_something_stands_for_it(extractor: Extractor) -> None:
    sentence = "An increase in the local supply of venture capital positively affects the number of firm starts."
    assert triples(claims_in(extractor, sentence)) == {("venture capital", "drives", "firm starts")}
    # alone, "an increase" is no factor
    assert claims_in(extractor, "An increase in the number of days of paid holiday per year raised firm starts.") == []


def test_r_and_d_spending_is_an_outcome_claims_can_reach(extractor: Extractor) -> None:
    sentence = "We find that the cluster programme increases firm-level R&D expenditure."
    assert triples(claims_in(extractor, sentence)) == {("cluster programme", "drives", "firm-level r&d expenditure")}


def test_an_outcome_can_drive_another(extractor: Extractor) -> None:
    claims = claims_in(extractor, "The competitiveness of industrial clusters has become a driving force of regional development.")
    assert triples(claims) == {("competitiveness", "drives", "regional development")}


def test_a_concept_said_to_drive_itself_is_no_claim(extractor: Extractor) -> None:
    assert claims_in(extractor, "Innovation in industrial clusters promotes innovation in other regions.") == []


@pytest.mark.parametrize("sentence, expected", [
    ("Foreign direct investment affects local entrepreneurship.", ("foreign direct investment", "drives", "local entrepreneurship")),
    ("Knowledge spillover produces innovation.", ("knowledge spillover", "causes", "innovation")),
    ("Industrial clusters are a consequence of agglomeration economies.", ("agglomeration economies", "causes", "industrial clusters")),
    ("Taobao Villages emerged in Zhejiang.", ("taobao villages", "locatedIn", "zhejiang")),
    ("Knowledge spillover shows a positive effect on innovation.", ("knowledge spillover", "supports", "innovation")),
    ("Industrial clusters emanate from spin-offs.", ("spin-offs", "causes", "industrial clusters")),
    ("Footwear clusters are embedded in global value chains.", ("footwear clusters", "componentOf", "global value chains")),
    ("The industrial cluster is gradually embedding into the global value chain.",
     ("industrial cluster", "componentOf", "global value chain")),
    ("Local suppliers are integrated into global value chains.", ("local suppliers", "componentOf", "global value chains")),
    ("Knowledge spillover advances cluster upgrading.", ("knowledge spillover", "drives", "cluster upgrading")),
    ("Multinational plants are engaged in knowledge transfer.", ("multinational plants", "performs", "knowledge transfer")),
    ("Local firms participate in global value chains.", ("local firms", "componentOf", "global value chains")),
    ("Global value chains provide access to new technologies for local firms.",
     ("global value chains", "enables", "new technologies")),
    ("Returnee entrepreneurs act as a new channel for international knowledge spillovers.",
     ("returnee entrepreneurs", "enables", "international knowledge spillovers")),
    ("Functional upgrading is the best avenue for local economic development.",
     ("functional upgrading", "enables", "local economic development")),
    # a trigger with no subject of its own works through the means it names
    ("The paper is optimistic about fostering cluster upgrading through collective learning.",
     ("collective learning", "drives", "cluster upgrading")),
    # the parser hangs "to advance" on "regard"; the means it names is the object's
    ("Planners regard innovative clusters as important vehicles to advance the growth of regional economies.",
     ("innovative clusters", "drives", "regional economies")),
])
def test_more_wordings_of_relations_are_ontology_data(extractor: Extractor, sentence: str, expected: tuple) -> None:
    assert triples(claims_in(extractor, sentence)) == {expected}


def test_what_an_enabled_party_gains_is_what_the_subject_acts_on(extractor: Extractor) -> None:
    # "firms" in general names no one; what they acquire is the claim's object
    claims = claims_in(extractor, "Such clusters have enabled many firms to acquire competitive advantages.")
    assert {(c.subject.text, c.relation.split("#")[-1], c.object.text) for c in claims} == {
        ("clusters", "enables", "competitive advantages")}


@pytest.mark.parametrize("sentence, expected", [
    ("Education plays an important role in the formation of Taobao villages.",
     ("education", "Factor", "drives", "taobao villages", "Cluster")),
    ("The amount of trade has a fundamental effect on regional economic development.",
     ("amount of trade", "Factor", "drives", "regional economic development", "Outcome")),
    ("Rural e-commerce clusters promote households' entrepreneurship behavior.",
     ("rural e-commerce clusters", "Cluster", "drives", "households' entrepreneurship behavior", "Factor")),
    ("Industrial clusters are important engines of Vietnam's rapid growth.",  # a place may own the factor
     ("industrial clusters", "Cluster", "drives", "vietnam's rapid growth", "Factor")),
])
def test_a_factor_the_ontology_does_not_name_is_an_argument_beside_a_concept(extractor: Extractor, sentence: str,
                                                                            expected: tuple) -> None:
    claims = claims_in(extractor, sentence)
    found = {(c.subject.text.lower(), c.subject.label_, c.relation.split("#")[-1], c.object.text.lower(), c.object.label_)
             for c in claims}
    assert found == {expected}


@pytest.mark.parametrize("sentence", [
    "Education improves skills.",  # neither argument is a concept of the ontology
    "It promotes industrial clusters.",  # a pronoun
    "This paper promotes industrial clusters.",  # the study itself
    "Many countries promote industrial clusters.",  # no definite factor
    "These effects foster industrial clusters.",
    "The rise of made in China is favoured by multinational firms.",  # "the rise", cut from its "of" phrase
    "Industrial clusters account for a large proportion of exports.",
])
def test_no_vague_phrase_or_pronoun_is_taken_for_a_factor(extractor: Extractor, sentence: str) -> None:
    assert not any("Factor" in (c.subject.label_, c.object.label_) for c in claims_in(extractor, sentence))


def test_two_words_for_one_category_make_no_claim(extractor: Extractor) -> None:
    # "a cluster" in general and "the cluster" before it name no two things to relate
    assert claims_in(extractor, "E-commerce entrepreneurial clusters grow fast in villages. With more new ventures, it "
                                "would create a better environment to promote the increase of all related business "
                                "within a cluster, which also is a central part of the cluster to interact with "
                                "entrepreneurial activity.") == []


def test_an_instruction_after_an_opening_phrase_is_no_claim(extractor: Extractor) -> None:
    assert claims_in(extractor, "With the help of tax incentives, guide the investment on public goods which are "
                                "important for industrial clusters.") == []


def test_an_unnamed_factor_is_reported_in_its_claim_not_as_a_mention(extractor: Extractor) -> None:
    text = "The amount of trade has a fundamental effect on industrial clusters."
    found = records(extractor.extract(one_paragraph_paper(text)), {str(CKG.drives): "drives"})
    claims = [r for r in found if r["kind"] == "claim"]
    assert [(c["subject"], c["subject_category"], c["relation"]) for c in claims] == [("amount of trade", "Factor", "drives")]
    assert all(r["category"] != "Factor" for r in found if r["kind"] == "mention")


def test_a_conjoined_copula_shares_the_subject_of_the_first(extractor: Extractor) -> None:
    sentence = "The development zone is an institutional form of spatial organization and is a growth pole of economic development."
    assert triples(claims_in(extractor, sentence)) == {("development zone", "drives", "economic development")}


def test_a_participle_after_a_comma_does_not_describe_the_noun_of_an_opening_phrase(extractor: Extractor) -> None:
    # "driven by FDI" describes China, the subject the opening phrase leads to, not the policy
    sentence = "Since the implementation of the reform and opening up policy, driven by FDI, China has joined the globalization process."
    assert claims_in(extractor, sentence) == []


def test_a_factor_keeps_a_general_word_in_its_prepositional_phrase(extractor: Extractor) -> None:
    claims = claims_in(extractor, "Relations within clusters are critical to innovative performance.")
    assert triples(claims) == {("relations within clusters", "supports", "innovative performance")}


@pytest.mark.parametrize("sentence, expected, polarity, hedged", [
    ("Industrial clusters are one of the significant ways to promote local entrepreneurship.",
     {("industrial clusters", "drives", "local entrepreneurship")}, "positive", False),
    ("Development zones serve as an organizational framework for fostering industrial agglomeration.",
     {("development zones", "drives", "industrial agglomeration")}, "positive", False),
    ("Development zones are conducive to promoting innovation.", {("development zones", "drives", "innovation")}, "positive", False),
    ("The local entrepreneurial culture is significant in explaining the local spawning of founders.",
     {("local entrepreneurial culture", "causes", "local spawning of founders")}, "positive", False),
    ("Development zones are not an effective way to promote innovation.",
     {("development zones", "drives", "innovation")}, "negative", False),
    ("Industrial clusters can be an effective way to promote innovation.",
     {("industrial clusters", "drives", "innovation")}, "positive", True),
    # an obstacle is no means to the end it blocks, and "the way X does Y" is an indirect question
    ("Industrial clusters are an obstacle to promoting innovation.", set(), None, None),
    ("We study the way industrial clusters promote innovation.", set(), None, None),
])
def test_a_means_to_an_end_does_what_it_is_a_means_for(extractor: Extractor, sentence: str, expected: set,
                                                       polarity: str | None, hedged: bool | None) -> None:
    claims = claims_in(extractor, sentence)
    assert triples(claims) == expected
    assert all(c.polarity == polarity and c.hedged is hedged for c in claims)


@pytest.mark.parametrize("text, expected, concept", [
    ("Development zones spread across China in the 1990s. They serve as an organizational framework for "
     "fostering industrial agglomeration.", ("they", "drives", "industrial agglomeration"), "development zone"),
    ("Innovation provides a source of competitive advantage, and it is also the key factor of regional development.",
     ("it", "drives", "regional development"), "innovation"),
    ("Taobao villages grew fast. Their expansion has led to new firm formation.",
     ("their", "causes", "new firm formation"), "Taobao village"),
])
def test_a_pronoun_continues_the_subject_before_it(extractor: Extractor, text: str, expected: tuple, concept: str) -> None:
    claims = [c for c in claims_in(extractor, text) if c.subject.text.lower() == expected[0]]
    assert triples(claims) == {expected}
    assert extractor.vocabulary.concepts[claims[0].subject.id_].label == concept


@pytest.mark.parametrize("text", [
    "Industrial clusters grew fast. It is found that knowledge spillover drives innovation.",  # "it" for the clause
    "Industrial clusters grew fast. It promotes innovation.",  # "it" does not agree with "clusters"
])
def test_a_pronoun_that_anticipates_a_clause_or_disagrees_in_number_has_no_antecedent(extractor: Extractor, text: str) -> None:
    assert not any(c.subject.text.lower() == "it" for c in claims_in(extractor, text))


def test_a_that_clause_on_a_noun_of_content_is_asserted_not_restrictive(extractor: Extractor) -> None:
    claims = claims_in(extractor, "Some scholars tend to the point that tax incentives have a positive impact on industrial clusters.")
    assert triples(claims) == {("tax incentives", "supports", "industrial clusters")} and claims[0].hedged
    # a relative clause that picks out its noun still asserts nothing
    assert claims_in(extractor, "The entrepreneurs that promote industrial clusters are young.") == []


def test_a_means_used_to_do_something_does_it(extractor: Extractor) -> None:
    assert triples(claims_in(extractor, "Tax incentives are used to increase innovation.")) == {("tax incentives", "drives", "innovation")}
    assert triples(claims_in(extractor, "Tax incentives are designed to promote industrial clusters.")) == {
        ("tax incentives", "drives", "industrial clusters")}


@pytest.mark.parametrize("sentence, polarity, hedged", [
    ("Universities play a role in promoting innovation.", "positive", False),
    ("Universities do not play a role in promoting innovation.", "negative", False),
    ("Innovation service agencies do not exert an important role in influencing innovation.", "negative", False),
    ("Universities may play a role in promoting innovation.", "positive", True),
])
def test_the_role_in_doing_something_takes_the_negation_and_hedge_of_its_verb(
        extractor: Extractor, sentence: str, polarity: str, hedged: bool) -> None:
    claims = [c for c in claims_in(extractor, sentence) if c.object.text == "innovation"]
    assert claims and all(c.polarity == polarity and c.hedged is hedged for c in claims)


@pytest.mark.parametrize("sentence, expected", [
    ("These clusters, supported by the government, grew.", {("government", "supports", "clusters")}),
    # a participle conjoined with the one that opens the clause is said of the same noun
    ("These clusters, selected and intensively supported by the government, grew.", {("government", "supports", "clusters")}),
])
def test_a_participle_clause_on_a_noun_says_who_acts_on_it(extractor: Extractor, sentence: str, expected: set) -> None:
    assert triples(claims_in(extractor, sentence)) == expected


def test_a_noun_the_tagger_reads_as_an_adjective_is_still_the_mention_it_is(extractor: Extractor) -> None:
    # the small model tags "firm" in "start-up firm survival" as an adjective modifying "survival"
    assert triples(claims_in(extractor, "Strong clusters contribute to start-up firm survival.")) == {
        ("clusters", "drives", "start-up firm")}


@pytest.mark.parametrize("sentence, expected", [
    # the noun of "have a positive impact on", without its verb, says the same of its "of" phrase
    ("There is significant evidence of the positive impact of clusters on entrepreneurship.",
     {("clusters", "supports", "entrepreneurship")}),
    ("We find a negative effect of congestion on innovation.", {("congestion", "hinders", "innovation")}),
    # what a study looks at is its topic, and a bare "effect of X on Y" mostly a question
    ("In the study of the positive impact of clusters on entrepreneurship, scholars disagree.", set()),
    ("This paper examines whether the positive impact of clusters on entrepreneurship holds.", set()),
    ("We examine the effect of clusters on entrepreneurship.", set()),
])
def test_a_relation_noun_with_a_sign_relates_its_of_phrase(extractor: Extractor, sentence: str, expected: set) -> None:
    assert triples(claims_in(extractor, sentence)) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("University–industry collaboration—as one of the carriers of knowledge spillovers—is not limited to regions.",
     {("university–industry collaboration", "enables", "knowledge spillovers")}),
    ("FDI, as a source of knowledge spillovers, promotes clusters.",
     {("fdi", "causes", "knowledge spillovers"), ("fdi", "drives", "clusters")}),
    ("Factors such as a source of knowledge spillovers matter.", set()),  # "such as" gives examples
])
def test_an_as_phrase_set_beside_a_noun_says_what_it_is(extractor: Extractor, sentence: str, expected: set) -> None:
    assert triples(claims_in(extractor, sentence)) == expected


@pytest.mark.parametrize("sentence, expected", [
    # ontology data: "be associated with an increase in" (drives), "... a decline in" (hinders)
    ("The establishment of a state-level SEZ is associated with an increase in the level of GDP.",
     {("state-level sez", "drives", "gdp")}),
    ("Cluster policy is associated with a decline in innovation.", {("cluster policy", "hinders", "innovation")}),
    ("Clusters are associated with innovation.", set()),  # an association has no direction
])
def test_an_association_with_a_change_has_its_direction(extractor: Extractor, sentence: str, expected: set) -> None:
    assert triples(claims_in(extractor, sentence)) == expected


@pytest.mark.parametrize("sentence, mentions", [
    # eval-dev's rule for "government": a name used attributively before a noun names no actor
    ("Government documents and local government behavior changed.", []),
    # a noun after it that may be a verb the small model misread keeps the mention
    ("Local government stimulates entrepreneurial motivation.", [("Local government", "Actor")]),
])
def test_an_actor_named_before_a_noun_it_modifies_is_no_mention(extractor: Extractor, sentence: str, mentions: list) -> None:
    doc = extractor.nlp(sentence)
    assert [(m.text, m.label_) for m in doc.spans[MENTIONS_KEY] if m.label_ == "Actor"] == mentions


def test_a_noun_phrase_right_after_a_copula_is_not_the_next_clauses_subject(extractor: Extractor) -> None:
    # the small model gives "is the premise" two subjects: "the foundation of ..." (the complement of the
    # first "is") and "social support type of entrepreneurial motivation"
    sentence = ("The ability of organization is the foundation of all public entrepreneurial activity, in addition, "
                "social support type of entrepreneurial motivation inspired by government is the premise to promote "
                "more general public entrepreneurs to conduct entrepreneurial activity.")
    subjects = {c.subject.text for c in claims_in(extractor, sentence) if c.object.text == "public entrepreneurs"}
    assert subjects <= {"entrepreneurial motivation"}


def test_a_subject_before_a_colon_belongs_to_the_clause_the_colon_ends(extractor: Extractor) -> None:
    sentence = ("The result shows that the government influence on entrepreneurial motivation reflected in two aspects: "
                "Firstly, the government provides all kinds of supporting services.")
    subjects = {c.subject.text for c in claims_in(extractor, sentence) if c.object.text == "supporting services"}
    assert subjects <= {"government"}


@pytest.mark.parametrize("sentence, expected", [
    ("Development zones were established by the government to promote innovation.",
     {("government", "drives", "innovation")}),
    ("We stress the role played by universities in promoting knowledge spillovers.",
     {("universities", "drives", "knowledge spillovers")}),
])
def test_the_doer_of_a_passive_does_what_it_is_done_for(extractor: Extractor, sentence: str, expected: set) -> None:
    assert triples(claims_in(extractor, sentence)) == expected


def test_a_trigger_word_may_be_a_conjunct_of_a_modifier(extractor: Extractor) -> None:
    # "positive" hangs on "significant", not on "influence": "have a positive influence on" still reads
    claims = claims_in(extractor, "Government R&D funding has a significant and positive influence on innovation.")
    assert triples(claims) == {("government r&d funding", "supports", "innovation")}


def test_a_stage_of_a_clusters_life_can_be_what_a_cause_brings_about(extractor: Extractor) -> None:
    # the ontology admits development stages in the range of ckg:affects, so its causal sub-properties reach them
    claims = claims_in(extractor, "Technological lock-in has contributed to cluster decline.")
    assert triples(claims) == {("technological lock-in", "drives", "cluster decline")}


def test_in_a_line_of_key_words_a_term_s_head_is_no_verb_read_as_a_noun(extractor: Extractor) -> None:
    # "effect" may be a verb, but an item of a list without a verb is a noun: the head's term wins
    text = "Keywords: development zones, spatial concentration, industrial clustering effect, policy rents"
    assert "industrial clustering effect" in mention_texts(extractor, text, "Mechanism")


def test_bringing_benefits_to_someone_supports_them(extractor: Extractor) -> None:
    claims = claims_in(extractor, "Industrial clusters bring benefits to small firms.")
    assert triples(claims) == {("industrial clusters", "supports", "small firms")}


def test_what_is_important_in_a_place_is_said_of_where_not_of_what(extractor: Extractor) -> None:
    assert triples(claims_in(extractor, "Knowledge spillover is important in cluster upgrading.")) == {
        ("knowledge spillover", "drives", "cluster upgrading")}
    assert claims_in(extractor, "Knowledge spillover is important in London.") == []


def test_conjoined_passive_participles_share_their_agent_and_patient(extractor: Extractor) -> None:
    assert triples(claims_in(extractor, "Industrial clusters are promoted and supported by local governments.")) == {
        ("local governments", "drives", "industrial clusters"), ("local governments", "supports", "industrial clusters")}
    assert triples(claims_in(extractor, "Clustering can be facilitated or eroded by public policy.")) == {
        ("public policy", "enables", "clustering"), ("public policy", "hinders", "clustering")}


def test_a_participle_the_parser_reads_as_a_preposition_on_a_comma_is_said_of_the_noun_before(extractor: Extractor) -> None:
    text = "The surgical instrument cluster, consisting mainly of small and medium enterprises, exports to Europe."
    assert ("small and medium enterprises", "componentOf", "surgical instrument cluster") in triples(claims_in(extractor, text))


@pytest.mark.parametrize("sentence, expected", [
    # the noun that a copula identifies with the trigger's noun is the subject
    ("The main drivers of cluster growth are knowledge spillovers and trust.",
     {("knowledge spillovers", "drives", "cluster growth", "positive"), ("trust", "drives", "cluster growth", "positive")}),
    ("The main driver of cluster growth is not knowledge spillovers.",
     {("knowledge spillovers", "drives", "cluster growth", "negative")}),
    ("The factors that foster collective learning are trust and social capital.",
     {("trust", "drives", "collective learning", "positive"), ("social capital", "drives", "collective learning", "positive")}),
    # "constitute" and "represent" link their subject to a noun as "be" does
    ("The industrial cluster constitutes a major avenue for knowledge spillovers.",
     {("industrial cluster", "enables", "knowledge spillovers", "positive")}),
    ("Industrial clusters do not represent a source of innovation.", {("industrial clusters", "causes", "innovation", "negative")}),
    # a trigger phrase that opens with a preposition on the copula
    ("Banks are at the hub of the financial services cluster.", {("banks", "componentOf", "financial services cluster", "positive")}),
])
def test_a_copula_or_a_linking_verb_carries_a_trigger_s_noun(extractor: Extractor, sentence: str, expected: set) -> None:
    assert {(*t, c.polarity) for c in claims_in(extractor, sentence) for t in triples([c])} == expected


def test_the_entrepreneurs_who_promote_a_thing_are_still_given_not_asserted(extractor: Extractor) -> None:
    # a restrictive clause on a noun that no copula identifies with a mention asserts nothing
    assert claims_in(extractor, "The entrepreneurs who promote collective learning are young.") == []


def test_a_cluster_s_place_after_its_bracketed_abbreviation_places_it(extractor: Extractor) -> None:
    # the parser hangs "of Taiwan" on the first park; the words as written place the second
    sentence = ("We chose the Zhangjiang High-Tech Park (ZJHP) of China and the Hsinchu Science-based Industrial Park "
                "(HSIP) of Taiwan to compare innovation capacity.")
    assert triples(claims_in(extractor, sentence)) == {("zhangjiang high-tech park", "locatedIn", "china"),
                                                       ("hsinchu science-based industrial park", "locatedIn", "taiwan")}
    # a place after a place is placed by the parse only: "a location outside London in the South East"
    assert claims_in(extractor, "Staff moved to a location outside London in the South East.") == []


def test_an_actor_a_policy_comes_from_performs_it(extractor: Extractor) -> None:
    assert triples(claims_in(extractor, "Firms receive tax incentives from local governments and universities.")) == {
        ("local governments", "performs", "tax incentives"), ("universities", "performs", "tax incentives")}
    # not where the clause denies, lacks or only supposes the policy
    for sentence in ("Firms did not receive tax incentives from local governments.",
                     "The lack of government support from local governments hurts firms.",
                     "Firms may receive tax incentives from local governments."):
        assert not any(c.relation.endswith("performs") for c in claims_in(extractor, sentence)), sentence


def test_a_place_that_modifies_a_cluster_s_name_places_it(extractor: Extractor) -> None:
    assert triples(claims_in(extractor, "Firms in the Tiruppur knitwear cluster cooperate.")) == {
        ("knitwear cluster", "locatedIn", "tiruppur")}
    # a place that only stands before the cluster, in another phrase, does not
    assert claims_in(extractor, "In London clusters grow.") == []


def test_a_claim_the_title_repeats_takes_a_sentence_of_the_text_as_evidence(extractor: Extractor) -> None:
    title, body = "Spin-offs in the knitwear cluster of Tiruppur", "We study the knitwear cluster of Tiruppur, where firms cooperate."
    text = f"{title}\n\n{body}"
    start = len(title) + 2
    paper = Paper(Path("test.txt"), text, "text", "0" * 64, Metadata(), (
        Section("title", None, 0, len(title), (Paragraph(0, len(title), title, tuple(range(len(title) + 1))),)),
        Section("body", None, start, len(text), (Paragraph(start, len(text), body, tuple(range(start, len(text) + 1))),))))
    extraction = extractor.extract(paper)
    [claim] = extraction.claims
    assert extraction.sentences[claim.sentence].text == body


@pytest.mark.parametrize("sentence, expected", [
    # ckg:hosts, the inverse of located in: its wordings are the ontology's
    ("In the end, London hosts many investment banks.", {("investment banks", "locatedIn", "london")}),
    ("Today Shenzhen is home to many start-ups.", {("start-ups", "locatedIn", "shenzhen")}),
    # a cluster "characterized by" its members has them as components
    ("The cluster is characterized by SMEs and leading firms.",
     {("smes", "componentOf", "cluster"), ("leading firms", "componentOf", "cluster")}),
])
def test_a_place_that_hosts_a_thing_and_a_whole_characterized_by_its_parts(extractor: Extractor, sentence: str, expected: set) -> None:
    assert triples(claims_in(extractor, sentence)) == expected


@pytest.mark.parametrize("sentence, expected", [
    # a later clause that repeats the verb phrase with "do" says the same of its own subject
    ("Clusters promote innovation, but industrial districts do not.",
     {("clusters", "drives", "innovation", "positive"), ("industrial districts", "drives", "innovation", "negative")}),
    ("While SOEs gain from vertical linkages with foreign firms, non-SOEs are unable to do so.",
     {("vertical linkages", "supports", "soes", "positive"), ("vertical linkages", "supports", "non-soes", "negative")}),
    # "do" with an object of its own is a verb of its own
    ("Industrial districts promote innovation because firms do business there.",
     {("industrial districts", "drives", "innovation", "positive")}),
    # the subject of an adjective's infinitive is the copula's
    ("Clusters are unable to promote innovation.", {("clusters", "drives", "innovation", "negative")}),
])
def test_an_elided_verb_phrase_is_read_from_the_clause_it_repeats(extractor: Extractor, sentence: str, expected: set) -> None:
    assert {(*t, c.polarity) for c in claims_in(extractor, sentence) for t in triples([c])} == expected


def test_a_word_that_is_only_a_verb_names_no_kind_though_the_tagger_reads_it_as_a_noun(extractor: Extractor) -> None:
    text = ("Governments can design policies to foster the extent of linkages between multinational corporations and local "
            "suppliers, facilitate technology dissemination, and enhance productivity spillovers.")
    assert "technology dissemination" in mention_texts(extractor, text, "Mechanism")


def test_a_verb_the_tagger_reads_as_a_noun_with_a_subject_keeps_its_object(extractor: Extractor) -> None:
    # the small model tags "fosters" NNS and hangs "spin-off formation" on it as an adverbial noun
    assert triples(claims_in(extractor, "Proximity to universities fosters spin-off formation.")) == {
        ("proximity", "drives", "spin-off formation")}


def test_a_network_link_or_interaction_of_a_kind_is_a_mechanism_and_a_bare_one_a_general_word(extractor: Extractor) -> None:
    doc = extractor.nlp("Firms rely on informal networks, non-market linkages and social interactions, not on networks alone.")
    assert [(m.text, m.label_) for m in doc.spans[MENTIONS_KEY]] == [
        ("informal networks", "Mechanism"), ("non-market linkages", "Mechanism"), ("social interactions", "Mechanism")]
    assert [m.text for m in doc.spans[GENERIC_KEY]] == ["Firms", "networks"]


def test_a_tie_of_a_kind_with_a_party_stands_for_the_party(extractor: Extractor) -> None:
    claims = claims_in(extractor, "Informal linkages with the parent companies are important for the growth of spin-offs.")
    assert triples(claims) == {("parent companies", "supports", "spin-offs")}


def test_a_named_cluster_before_a_general_word_for_clusters_is_one_mention_of_it(extractor: Extractor) -> None:
    doc = extractor.nlp("Venture capitalists joined the Silicon Valley cluster.")
    [cluster] = [m for m in doc.spans[MENTIONS_KEY] if m.label_ == "Cluster"]
    assert cluster.text == "Silicon Valley cluster"
    assert extractor.vocabulary.concepts[cluster.id_].label == "Silicon Valley"
    assert [m.text for m in doc.spans[GENERIC_KEY]] == []


@pytest.mark.parametrize("sentence, expected", [
    ("Agglomeration economies, such as labour pooling and knowledge spillovers, drive growth.",
     {("agglomeration economies", "drives", "growth"), ("labour pooling", "componentOf", "agglomeration economies"),
      ("knowledge spillovers", "componentOf", "agglomeration economies")}),
    # a policy's parts are policies
    ("Policy instruments including tax incentives and subsidies were used.",
     {("tax incentives", "componentOf", "policy instruments"), ("subsidies", "componentOf", "policy instruments")}),
    # a cluster's examples are kinds or members of it, not parts
    ("High-tech clusters such as Silicon Valley grew.", set()),
])
def test_the_instances_a_mechanism_or_policy_lists_are_its_parts(extractor: Extractor, sentence: str, expected: set) -> None:
    assert triples(claims_in(extractor, sentence)) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Tax incentives for foreign investors and entrepreneurship training for farmers were introduced.",
     {("tax incentives", "supports", "foreign investors"), ("entrepreneurship training", "supports", "farmers")}),
    ("There was no government support for SMEs.", set()),
    ("Firms may receive tax incentives for SMEs.", set()),
])
def test_a_policy_supports_what_its_noun_phrase_says_it_is_for(extractor: Extractor, sentence: str, expected: set) -> None:
    assert triples(claims_in(extractor, sentence)) == expected


@pytest.mark.parametrize("sentence, expected", [
    # a copula may predicate the sign of a relation noun
    ("The effect of FDI on local firms is negative.", {("fdi", "hinders", "local firms", "positive")}),
    ("The impact of cluster policy on innovation is significant and positive.",
     {("cluster policy", "supports", "innovation", "positive")}),
    ("The effect of agglomeration on productivity is not positive.", {("agglomeration", "supports", "productivity", "negative")}),
    ("We examine whether the effect of FDI on local firms is negative.", set()),
    # a gerund after "of" is the subject of the relation noun
    ("We find a positive effect of clustering on firm growth.", {("clustering", "supports", "firm growth", "positive")}),
])
def test_the_sign_of_an_effect_may_be_predicated(extractor: Extractor, sentence: str, expected: set) -> None:
    assert {(*t, c.polarity) for c in claims_in(extractor, sentence) for t in triples([c])} == expected
