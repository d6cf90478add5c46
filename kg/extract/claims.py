"""Claims from the dependency parse: what a sentence asserts between two of its mentions.

A claim is anchored on a trigger: a word or short phrase that the ontology lists as a skos:altLabel of a
relation property ("promote" and "contribute to" for ckg:drives, "be located in" for ckg:locatedIn...),
or of the property's owl:inverseOf ("result from" and "be the result of" state ckg:causes the other
way round). In a trigger phrase "something" marks where the direct object stands when a preposition
follows it ("take something into chain"). The trigger words are data; this module knows only English
grammar:

- where the arguments of a trigger sit in the parse: the subject of its clause (also when the clause is a
  relative clause, a conjunct, or an xcomp, advcl or "by V-ing" complement of another verb, whose agent it is
  when that verb is passive: "established by the government to promote Y"), its direct
  object (and what that object is enabled to get: "enables firms to acquire Z"; a general word such as
  "firms" yields to a concept beside it) or the object of the trigger's preposition; the agent and the
  passive subject of a passive verb (also of a participle clause on a noun: "the clusters, selected and
  supported by the government,"); for a verb with no subject, the means it works through ("fostering
  Y through Z"); for the noun of a light-verb trigger with a word of sign, read without its verb, its "of"
  phrase and the object of its preposition ("the positive impact of X on Y");
  the subject of the copula for "be the result of", "be good for", "be located in", and the noun an "as"
  phrase is set beside ("X, as a source of Y,");
- how an argument phrase reaches a mention: the mention that contains its head word, else one reached
  through "of" ("the growth of spin-offs"), "with" after a noun of a tie, or a compound modifier, but only
  when no conjunct of the phrase is a mention itself; every conjunct of it (also when the parser glued
  "X and Y" into one phrase); the examples of a subject ("factors such as X and Y"); a definite or
  demonstrative phrase on the head word of an earlier mention ("the clusters", "such investment") and a
  pronoun that continues the subject before it ("they", "their expansion"), each kept as written with its
  antecedent's concept; beside a mention, a noun phrase the ontology does not name (an unnamed factor);
- which clauses assert nothing: questions, indirect questions (not "we show how X fosters Y", which takes
  it for granted), conditions, "the way X did Y", the topic of
  a research verb, imperatives, and relative or participial clauses that pick out their noun ("the
  entrepreneurs who promote X are...": given, not asserted; "X, which promotes Y," asserts);
- negation (not, never, no, fail to, lack, few; not "not only") and hedging (may, might, could, can,
  would; believe, suggest, consider, tend to; it is possible) that govern the trigger, also through the
  role it completes ("do not play a role in promoting Y");
- what a copula says: the noun it identifies with a trigger's noun ("the main drivers of Y are X"), the
  sign it predicates of a relation noun ("the effect of X on Y is negative"); and a later clause that
  repeats the verb phrase with "do" ("X promotes Y, but Z does not");
- what a noun phrase states by itself: a cluster's place ("the cluster in Wenzhou") and the parts a
  mechanism or policy lists ("agglomeration economies, such as labour pooling"), whatever the clause
  asserts; the actor a policy comes from ("mentoring from TBIs") and what it is for ("tax incentives for
  investors"), unless the clause denies or supposes the policy.

The cue words of these rules are the constants below, in one place.

Precision is preferred to recall: a claim is kept only when both arguments are mentions of ontology
concepts or NER places, they are different, and their categories fit the relation's domain and range
in the ontology. When a trigger belongs to more than one relation ("provide": supports, performs), the
relation with the narrowest domain and range that fits wins: an Actor that provides a Policy performs it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.extract.mentions import kind_modified
from kg.ontology import Relation, load_relations

# Words of a trigger phrase that carry no lexical meaning of their own; "be" marks the copular form.
COPULA = "be"
ARTICLES = {"a", "an", "the"}
# A word that marks where the object stands in a trigger phrase, and is not looked for in the parse:
# "take something into chain" relates the subject to the direct object of "take".
OBJECT_PLACEHOLDERS = {"something", "someone"}
# Determiners, adverbs and particles that negate the clause they attach to.
NEGATION_WORDS = {"not", "n't", "never", "no", "neither", "nor", "hardly", "barely", "seldom", "rarely"}
# Words after "not" that make it additive ("not only ... but also").
ADDITIVE_FOCUS = {"only", "merely", "just", "simply", "solely"}
# Verbs and adjectives that negate their xcomp ("fail to promote", "lack the capacity to", "unable to do so").
NEGATING_VERBS = {"fail", "lack", "cease", "refuse", "neglect", "unable"}
# The verb that stands for a verb phrase said before: "X promotes Y, but Z does not", "Z is unable to do so".
PRO_VERB = "do"
# Hedges (README of the development set: may, might, could, can, would, it is possible, it is believed,
# scholars believed / considered, suggests, tend to).
HEDGE_MODALS = {"may", "might", "could", "can", "would"}
HEDGE_VERBS = {"believe", "consider", "suggest", "tend", "seem", "appear", "think", "assume", "speculate",
               "hypothesize", "hypothesise", "presume", "say", "expect", "suppose"}
# Modals of capacity as well as possibility, and the words by which an author vouches for a statement.
CAPACITY_MODALS = {"can"}
BOOSTERS = {"obvious", "obviously", "clear", "clearly", "evident", "evidently", "certain", "certainly",
            "undoubtedly", "undeniable", "indisputable"}
HEDGE_WORDS = {"possible", "possibly", "perhaps", "probably", "likely", "presumably", "potentially"}
RELATIVE_PRONOUNS = {"which", "that", "who", "whom", "whose"}
# Punctuation that sets a relative clause off from its noun: such a clause asserts, one without it restricts.
CLAUSE_SEPARATORS = {",", "，", "(", "（", "—", "–", ";"}
# Words that open an indirect question or a condition ("why X supports Y", "whether X drives Y", "if X
# promotes Y"): the clause they open is not asserted. ("We examine how X fosters Y" takes it for granted:
# `_presupposed_how`.)
NON_ASSERTING_MARKERS = {"how", "whether", "why", "if"}
# Verbs of report whose passive raises the subject of their infinitive: "X is found / said to promote Y".
RAISING_VERBS = {"find", "show", "say", "argue", "believe", "expect", "consider", "know", "think", "report",
                 "see", "suppose", "assume", "observe", "prove", "demonstrate", "estimate", "claim"}
# Verbs whose passive puts a means in the subject, and its end in an infinitive: "X is used / applied /
# designed to promote Y" says that X promotes Y.
MEANS_VERBS = {"use", "apply", "employ", "design", "implement", "introduce", "launch", "intend", "aim"}
# Verbs that put a means to work, whose object does what their infinitive of purpose says: "the government
# provided favorable policies to attract investment" says that the policies attract it.
INSTRUMENT_VERBS = (MEANS_VERBS - {"intend", "aim", "design"}) | {"provide", "offer", "adopt", "deploy", "utilize", "utilise"}
# Prepositions of the means by which something is done ("promoting Y through Z").
MEANS_PREPOSITIONS = {"through", "via"}
# Modals of obligation: "clusters should strengthen innovation" recommends, it does not report.
DEONTIC_MODALS = {"should", "ought"}
# Nouns whose relative clause is an indirect question in disguise: "the way X attracts Y" = "how X attracts Y".
MANNER_NOUNS = {"way", "manner"}
# Verbs that name a research activity: what their object describes ("we discuss the situation where X
# supports Y") is the topic of the study, not its finding.
RESEARCH_VERBS = {"study", "discuss", "explore", "examine", "investigate", "research", "analyze", "analyse",
                  "review", "survey", "model", "simulate"}
# Nouns of a study: what their "of" phrase names is a topic ("the study of the positive impact of X on Y").
RESEARCH_NOUNS = {"study", "analysis", "examination", "investigation", "research", "review", "test", "focus"}
# Nouns that turn an "of" phrase into its absence: "the lack of X hinders Y" says nothing of X hindering Y.
PRIVATIVE_NOUNS = {"lack", "absence", "shortage", "scarcity", "loss", "want", "dearth", "insufficiency"}
# Nouns of a decline, which no more stand for their "of" phrase: "Z explains the decline of X" does not say
# that Z causes X.
DECLINE_NOUNS = {"decline", "decrease", "reduction", "erosion", "collapse", "demise", "fall"}
# Nouns of a rise, which stand for their "in" phrase as for their "of" phrase: "an increase in venture capital
# raises firm starts" says that venture capital does.
RISE_NOUNS = {"increase", "rise", "growth", "expansion", "improvement"}
# Adjectives that speak of an argument's deficiency: "weak collective learning hinders Y" is no claim that
# collective learning hinders Y.
DEFICIENCY_MODIFIERS = {"weak", "poor", "insufficient", "inadequate", "limited", "lacking", "missing", "absent", "scarce"}
# Nouns of a tie between parties: "relations with the parent companies" stand for the parent companies.
RELATIONAL_NOUNS = {"relation", "relationship", "tie", "link", "linkage", "connection", "cooperation",
                    "collaboration", "interaction", "partnership"}
# Quantifiers that deny most of a plural argument: "few enterprises benefit from X".
NEGATING_QUANTIFIERS = {"few", "little"}
# Punctuation that ends a clause inside a sentence.
CLAUSE_BREAKS = {":", "：", ";", "；"}
# Coordinators and separators of a list of mentions ("X, Y and Z").
COORDINATORS = {"and", "or", ",", "as well as", "&"}
# Light verbs and their objects: a relative clause on the object ("X plays a role that causes Y") is
# said of the light verb's subject.
LIGHT_VERB_OBJECTS = {("play", "role"), ("play", "part")}
# Nouns of a role: "the role of X in promoting Y" says that X promotes Y; so does "the importance of X in
# attracting Y".
ROLE_NOUNS = {noun for _, noun in LIGHT_VERB_OBJECTS} | {"importance", "significance"}
# Verbs by which a subject takes on a role: "the role of Y" that it plays or assumes is a kind of role.
ROLE_TAKING_VERBS = {"play", "undertake", "assume", "take", "perform", "fulfil", "fulfill"}
# Possessive pronouns name no argument of their own ("their role in promoting Y").
POSSESSIVE_PRONOUNS = {"its", "their", "his", "her", "our", "my", "your"}
# Pronouns that continue the topic of the clause before them ("Taobao villages have spread ... They
# ..."; "... and it is also the key factor of Y"), by number: True for plural.
TOPIC_PRONOUNS = {"it": False, "its": False, "they": True, "their": True}
# Verbs whose "as" phrase says what their subject is, like a copula: "X serves as a source of Y", "X is
# regarded as an engine of Y" (and, active, "they regard X as an engine of Y").
AS_COPULAS = {"serve", "act", "function", "regard", "see", "view", "consider", "recognize", "recognise",
              "perceive", "know", "identify", "describe", "treat", "emerge"}
# Nouns and adjectives of a means to an end: a subject that "is a way to promote Y", "serves as a framework
# for fostering Y" or "is conducive to promoting Y" promotes or fosters Y itself.
INSTRUMENT_WORDS = {"way", "means", "tool", "instrument", "vehicle", "channel", "mechanism", "framework",
                    "strategy", "approach", "measure", "method", "initiative", "engine", "avenue", "path",
                    "route", "lever", "platform", "conducive", "helpful", "beneficial", "useful", "important",
                    "crucial", "essential", "vital", "instrumental", "effective", "critical", "indispensable", "key",
                    "significant", "central", "decisive", "pivotal", "fundamental"}
# Verbs that link their subject to a noun as "be" does: "X constitutes a major avenue for Y" is "X is an avenue
# for Y".
LINKING_VERBS = {"constitute", "represent", "become", "remain"}
# Light verbs of a trigger phrase whose noun carries the relation: "have an impact on", "exert an influence on".
# The noun says the same without the verb, its "of" phrase naming the subject: "the impact of X on Y".
LIGHT_VERBS = {"have", "exert", "show"}
# Dependents that modify the word they hang on: a trigger phrase may climb from one to its head
# ("closely" -> "related", "attracting" -> "factor").
MODIFIER_DEPS = {"amod", "advmod", "compound", "npadvmod"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
# How far up the parse the subject of a non-finite or conjoined verb is looked for.
MAX_CLIMB = 6
# Determiners that point back to a concept named before in the paragraph: "these clusters", "such policies".
ANAPHORIC_DETERMINERS = {"the", "this", "these", "those", "such"}
# Dependents after a noun that pick out a new referent: "those clusters of origin" is no anaphor.
POSTMODIFIER_DEPS = {"prep", "relcl", "acl", "appos"}
# Only these mentions can be arguments: NER finds places reliably, organisations less so.
NER_ARGUMENT_CATEGORIES = {"Place"}
# Brackets around an abbreviation after a name, and how many tokens they may hold with it.
OPENING_BRACKETS = {"(", "（", "["}
CLOSING_BRACKETS = {")", "）", "]"}
MAX_BRACKETED = 8
# The relation a cluster's place in its noun phrase states ("the cluster in Northern Denmark").
LOCATED_IN = "located_in"
# The relation of a policy to what its noun phrase says it is for ("support for SMEs").
SUPPORTS = "supports"
BENEFICIARY_PREPOSITIONS = {"for", "to"}
# The relation of a part to the whole that lists it as an example, and the categories of wholes that have parts.
PART_OF = "part_of"
KINDS_WITH_PARTS = {"Mechanism", "Policy", "Theory"}
# The relation of an actor to a policy that comes "from" it, and the categories it holds between.
PERFORMS = "performs"
SOURCE_PREPOSITION = "from"
POLICY, ACTOR = "Policy", "Actor"
# The category of an unnamed factor: a noun phrase that the ontology has no concept for, kept as an argument
# when the claim's other argument is a mention ("education plays a positive role in the formation of Taobao
# villages"). The ontology's ckg:Factor class; the relations that admit it say so in their domain and range.
FACTOR = "Factor"
# Nouns too vague or too much about the study itself to stand for a factor.
VAGUE_NOUNS = {"paper", "study", "article", "chapter", "thesis", "result", "finding", "analysis", "evidence",
               "author", "research", "researcher", "scholar", "literature", "work", "approach", "method",
               "model", "section", "case", "view", "perspective", "question", "problem", "way", "role", "part",
               "one", "lot", "number", "kind", "type", "form", "aspect", "side", "thing", "example", "principle",
               "possibility", "probability", "likelihood", "proportion", "share", "percentage", "majority",
               "effect", "impact", "influence", "consequence", "determinant", "purpose", "aim", "objective", "goal",
               "key"}
# Quantifiers and determiners of a phrase that picks out no definite factor ("many countries", "these effects").
VAGUE_DETERMINERS = {"many", "most", "some", "several", "all", "few", "various", "numerous", "certain", "other",
                     "each", "every", "any"} | (ANAPHORIC_DETERMINERS - {"the"})
# Named-entity types that are no factor: people, dates, numbers, nationalities.
NOT_FACTOR_ENTITIES = {"PERSON", "DATE", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "TIME", "NORP"}
# Dependents before a noun that belong to its phrase.
PHRASE_MODIFIER_DEPS = {"amod", "compound", "nmod", "poss", "npadvmod", "case"}
# The longest prepositional phrase kept with a factor's noun ("amount of trade", "relations within clusters").
MAX_FACTOR_COMPLEMENT = 6
# What ends a sentence, as opposed to a title or a heading.
SENTENCE_STOPS = (".", "。", "!", "！")
# Pronouns after an object that make it the subject itself: "clusters promote clusters themselves".
REFLEXIVE_PRONOUNS = {"itself", "themselves"}


@dataclass(frozen=True)
class SpanClaim:
    """A claim found in a parsed paragraph, between two mention spans of the same sentence."""

    subject: Span
    relation: str  # IRI of an ontology property
    object: Span
    polarity: str  # positive | negative
    hedged: bool
    cue: str | None = None
    trigger: str | None = None
    anchor: int = -1  # token index of the trigger: its sentence is the evidence


@dataclass(frozen=True)
class Trigger:
    """One trigger phrase of a relation, split into the words to find in the parse."""

    words: tuple[str, ...]  # lower case, without the copula and articles: ("result", "of")
    relation: str  # IRI of the relation
    inverse: bool  # the phrase reads "object <trigger> subject"
    copular: bool  # the phrase starts with "be": its first word is a complement of the copula
    nominal: bool = False  # the noun of a light-verb phrase, read without its verb: "the impact of X on Y"

    @classmethod
    def parse(cls, phrase: str, relation: str, inverse: bool) -> Trigger | None:
        words = phrase.lower().split()
        copular = bool(words) and words[0] == COPULA
        words = [w for w in (words[1:] if copular else words) if w not in ARTICLES | OBJECT_PLACEHOLDERS]
        return cls(tuple(words), relation, inverse, copular) if words else None

    def nominalised(self) -> Trigger | None:
        """The phrase without its light verb, when it has one and a word of sign or degree before its noun:
        "have a positive effect on" -> "positive effect on". A bare "the effect of X on Y" is mostly what a
        study asks about ("we examine the effect of X on Y"), not what it finds."""
        if self.copular or self.inverse or len(self.words) < 4 or self.words[0] not in LIGHT_VERBS:
            return None
        return Trigger(self.words[1:], self.relation, self.inverse, False, nominal=True)


class TriggerIndex:
    """The trigger phrases of a set of relations, indexed by their first word."""

    def __init__(self, relations: Mapping[str, Relation]) -> None:
        self.relations = dict(relations)
        # the relation a cluster's place in its noun phrase states, if the ontology has one
        self.located_in = next((iri for iri, r in self.relations.items() if r.name == LOCATED_IN), None)
        self.by_word: dict[str, list[Trigger]] = {}
        self._seen: dict[tuple[str, str], list[Trigger]] = {}
        for relation in self.relations.values():
            phrases = [(t, False) for t in relation.triggers] + [(t, True) for t in relation.inverse_triggers]
            for phrase, inverse in phrases:
                trigger = Trigger.parse(phrase, relation.iri, inverse)
                for form in (trigger, trigger and trigger.nominalised()):
                    if form is not None:
                        self.by_word.setdefault(form.words[0], []).append(form)

    def fitting(self, name: str, subject: str, obj: str) -> str | None:
        """The narrowest relation called `name` whose domain and range admit the two categories."""
        fits = [(_breadth(r.domain) * _breadth(r.range), iri) for iri, r in self.relations.items()
                if r.name == name and _admits(r, subject, obj)]
        return min(fits)[1] if fits else None

    def candidates(self, token: Token) -> list[Trigger]:
        key = (token.lower_, token.lemma_.lower())
        found = self._seen.get(key)
        if found is None:  # every token asks, so the answer is kept per spelling and lemma
            found = self._seen[key] = list(dict.fromkeys(self.by_word.get(key[0], []) + self.by_word.get(key[1], [])))
        return found


_DEFAULT: dict[tuple[str, float], TriggerIndex] = {}


def default_triggers() -> TriggerIndex:
    """The triggers of the ontology named by the settings ($KG_ONTOLOGY), re-read when the file changes."""
    from kg.settings import ontology_path

    path = Path(ontology_path()).resolve()
    key = (str(path), os.path.getmtime(path) if path.exists() else 0.0)
    if key not in _DEFAULT:
        _DEFAULT.clear()
        _DEFAULT[key] = TriggerIndex(load_relations(path))
    return _DEFAULT[key]


def find_claims(doc: Doc, mentions: list[Span], relations: Mapping[str, Relation] | TriggerIndex | None = None,
                general: Iterable[Span] = ()) -> list[SpanClaim]:
    """The claims that the sentences of `doc` assert between its mentions.

    relations: the relations to look for, with their triggers (default: those of the ontology file the
    settings name); a TriggerIndex built once saves re-indexing them for every paragraph.
    general: spans of words that name a category in general ("clusters", "firms", "entrepreneurship"):
    arguments where no mention or anaphor covers them ("entrepreneurship contributes to cluster formation").
    """
    if isinstance(relations, TriggerIndex):
        index = relations
    elif relations is None:
        index = default_triggers()
    else:
        index = TriggerIndex(relations)
    by_token: dict[int, Span] = {}
    for span in mentions:
        if span.id_ or span.label_ in NER_ARGUMENT_CATEGORIES:
            for i in range(span.start, span.end):
                by_token[i] = span
    if not by_token and not general:
        return []
    antecedents = _anaphors(doc, by_token) | _pronoun_antecedents(doc, by_token)
    general = {span for span in general if not any(i in by_token for i in range(span.start, span.end))}
    for span in general:
        for i in range(span.start, span.end):
            by_token[i] = span
    unnamed = general | antecedents.keys()  # arguments that name a category, not a concept
    for anaphor in antecedents:  # "the clusters" is the kind named before, not clusters in general
        for i in range(anaphor.start, anaphor.end):
            by_token[i] = anaphor
    claims: dict[tuple[int, int, str], SpanClaim] = {}
    tokens = list(doc)
    spelled = {form for token in tokens for form in (token.lower_, token.lemma_.lower())}
    # (a phrase whose other words the paragraph lacks is not looked for in the parse)
    matches = [(token, trigger, m) for token in tokens for trigger in index.candidates(token)
               if spelled.issuperset(trigger.words[1:]) and (m := _match(token, trigger)) is not None]
    # the longest phrase found wins: "provide X with a way to" enables, though "provide" alone supports, and
    # "an attracting factor for" attracts, though "a factor for" drives
    spans = [frozenset(w.i for w in m[2]) for _, _, m in matches]
    longest: dict[int, int] = {}
    for token, trigger, _ in matches:
        longest[token.i] = max(longest.get(token.i, 0), len(trigger.words))
    for (token, trigger, (subjects, objects, words)), span in zip(matches, spans):
        if len(trigger.words) < longest[token.i] or any(span < other for other in spans):
            continue
        if trigger.inverse:
            subjects, objects = objects, subjects
        head = _top(words)
        subject_spans = list(_mentions(subjects, by_token, general))
        object_spans = list(_mentions(objects, by_token, general))
        if not subject_spans and any(span not in general for span in object_spans):
            subject_spans = _unnamed_factors(subjects, by_token, general)
        elif not object_spans and any(span not in general for span in subject_spans):
            object_spans = _unnamed_factors(objects, by_token, general)
        if any(span not in general for span in object_spans):
            object_spans = [span for span in object_spans if span not in general]  # a general word yields to a concept
        for subject in subject_spans:
            for obj in object_spans:
                if subject == obj or subject.sent.start != obj.sent.start:
                    continue
                if _reflexive(obj) and obj.label_ == subject.label_:
                    continue  # "clusters promote clusters themselves": the subject, not a second party
                if antecedents.get(subject, subject) == antecedents.get(obj, obj):
                    continue
                if subject.id_ and subject.id_ == obj.id_:
                    continue  # a concept said to drive itself is a misparse ("X of Y, which drives Y")
                if subject.label_ == obj.label_ and subject in unnamed and obj in unnamed:
                    continue  # "a cluster ... is part of the cluster": two category words, no two things
                if any(subject.start <= w.i < subject.end or obj.start <= w.i < obj.end for w in words):
                    continue  # "government supports" read as a mention cannot also be the verb
                if _deficient(subject) or _deficient(obj):
                    continue
                relation = _best_relation(index, token, trigger, subject, obj)
                if relation is None or _locative(trigger, obj) and index.relations[relation].name != LOCATED_IN:
                    continue
                # "X lacks Y", "X is lack of Y": the trigger itself denies ("does not lack" affirms)
                negated = _negation(head, subject, obj) != _privative(trigger)
                hedge = _hedge(head)
                key = (subject.start, obj.start, index.relations[relation].name)
                if key not in claims:
                    claims[key] = SpanClaim(subject, relation, obj, "negative" if negated else "positive",
                                            hedge is not None, hedge, " ".join(t.text for t in words), head.i)
    for claim in list(claims.values()):
        # the argument before the trigger is its clause's subject: a later "Z does not" puts Z in its place
        anchor, relation = doc[claim.anchor], index.relations[claim.relation]
        inverse = claim.object.end <= anchor.i < claim.subject.start  # "X gains from Y": Y supports X
        if _passive(anchor):
            continue
        for elided, verb in _elided(anchor, claim.object if inverse else claim.subject, by_token, general):
            subject, obj = (claim.subject, elided) if inverse else (elided, claim.object)
            if subject != obj and _admits(relation, subject.label_, obj.label_):
                negated = _negation(verb, subject, obj)
                claims.setdefault((subject.start, obj.start, relation.name), SpanClaim(
                    subject, claim.relation, obj, "negative" if negated else "positive", False, None, claim.trigger,
                    verb.i))
    # what a noun phrase itself states: "the cluster in Wenzhou", "support for SMEs from the government"
    for found in (_places_of_clusters, _policies_of_actors, _beneficiaries_of_policies, _examples_of_kinds):
        for claim in found(index, mentions, by_token):
            claims.setdefault((claim.subject.start, claim.object.start, index.relations[claim.relation].name), claim)
    return list(claims.values())


def _beneficiaries_of_policies(index: TriggerIndex, mentions: Iterable[Span],
                               by_token: Mapping[int, Span]) -> Iterator[SpanClaim]:
    """What a policy's noun phrase says it is for: "government support for SMEs", "tax incentives for foreign
    investors", "support to clusters". Not where the clause denies or lacks the policy, or asserts nothing."""
    for span in mentions:
        if span.label_ != POLICY or not span.id_ or _denied(span.root):
            continue
        for prep, target in _phrase_mentions(span, lambda p: p.lower_ in BENEFICIARY_PREPOSITIONS, by_token):
            if (relation := index.fitting(SUPPORTS, span.label_, target.label_)) is not None:
                yield SpanClaim(span, relation, target, "positive", False, None, prep.text, prep.i)


def _examples_of_kinds(index: TriggerIndex, mentions: Iterable[Span],
                       by_token: Mapping[int, Span]) -> Iterator[SpanClaim]:
    """The instances that a mechanism, policy or theory lists with "such as" or "including" are part of it:
    "agglomeration economies, such as labour pooling and knowledge spillovers", "policy instruments
    including tax incentives". Not for a cluster's or an actor's examples, which are kinds or members of
    it, not parts ("clusters such as Silicon Valley")."""
    for span in mentions:
        if span.label_ not in KINDS_WITH_PARTS or not span.id_:
            continue
        for example, part in _phrase_mentions(span, _introduces_examples, by_token):
            if (relation := index.fitting(PART_OF, part.label_, span.label_)) is not None:
                yield SpanClaim(part, relation, span, "positive", False, None, example.text, example.i)


def _phrase_mentions(span: Span, opens: Callable[[Token], bool],
                     by_token: Mapping[int, Span]) -> Iterator[tuple[Token, Span]]:
    """The concepts' mentions that head the objects of the prepositional phrases on `span`'s noun that `opens`
    accepts, each conjunct, with the preposition: "for SMEs and start-ups", "such as trust"."""
    for prep in (c for c in span.root.children if c.dep_ == "prep" and opens(c)):
        for noun in _objects_of(prep):
            mention = by_token.get(noun.i)
            if mention is not None and mention.root == noun and mention.id_ and mention.id_ != span.id_:
                yield prep, mention


def _elided(anchor: Token, subject: Span, by_token: Mapping[int, Span],
            general: Collection[Span]) -> Iterator[tuple[Span, Token]]:
    """The subjects of a later clause in the sentence that repeats the trigger's verb phrase with "do", each
    with that verb: "clusters have an impact on entrepreneurship, but industrial agglomerations do not";
    "X gains from Y, while Z is unable to do so". Only for a `subject` before its trigger (the clause's own
    subject, not a passive's agent)."""
    if subject.end > anchor.i:
        return
    for verb in anchor.sent:
        if verb.i <= anchor.i or verb.lemma_.lower() != PRO_VERB or verb.dep_ in ("aux", "auxpass"):
            continue
        if any(c.dep_ in ("dobj", "xcomp", "ccomp", "prep", "acomp") for c in verb.children):
            continue  # a verb of its own: "firms do business"
        if verb.dep_ == "xcomp" and not any(c.lower_ == "so" for c in verb.children):
            continue
        for elided in _mentions(_clause_subjects(verb), by_token, general):
            if elided.start > anchor.i:
                yield elided, verb


def _policies_of_actors(index: TriggerIndex, mentions: Iterable[Span],
                        by_token: Mapping[int, Span]) -> Iterator[SpanClaim]:
    """An actor that a policy's noun phrase names as its source: "entrepreneurial mentoring from TBIs",
    "tax incentives from local governments". Not where the clause denies or lacks the policy ("firms
    did not get support from banks", "the lack of support from X") or asserts nothing."""
    for span in mentions:
        if span.label_ != POLICY or not span.id_ or _denied(span.root):
            continue
        for prep, actor in _phrase_mentions(span, lambda p: p.lower_ == SOURCE_PREPOSITION, by_token):
            if actor.label_ == ACTOR and (relation := index.fitting(PERFORMS, actor.label_, span.label_)) is not None:
                yield SpanClaim(actor, relation, span, "positive", False, None, prep.text, prep.i)


def _denied(noun: Token) -> bool:
    """A noun that "no" quantifies, whose clause is negated, hedged or not asserted, or that a privative noun
    or verb governs."""
    if any(c.dep_ in ("det", "neg") and c.lower_ in NEGATION_WORDS for c in noun.children):
        return True
    for ancestor in noun.ancestors:
        lemma = ancestor.lemma_.lower()
        if lemma in PRIVATIVE_NOUNS | NEGATING_VERBS or any(c.dep_ == "neg" for c in ancestor.children):
            return True
        if ancestor.pos_ in ("VERB", "AUX"):
            return _not_asserted(ancestor) or _hedge(ancestor) is not None
    return False


def _places_of_clusters(index: TriggerIndex, mentions: Iterable[Span],
                        by_token: Mapping[int, Span]) -> Iterator[SpanClaim]:
    """A cluster that its noun phrase places: "the wireless communications cluster in Northern Denmark",
    "the Zhangjiang High-Tech Park of China", "China's development zones", "the Tiruppur knitwear cluster",
    "the Sinos Valley in Brazil" (a place in a place, by "in" only). The place is part of how the paper names
    the cluster, so the claim is asserted whatever the clause around it does."""
    located = index.located_in
    if located is None:
        return
    for span in mentions:
        if span.label_ not in ("Cluster", "Place", "Actor") or not (span.id_ or span.label_ in NER_ARGUMENT_CATEGORIES):
            continue
        # "firms located in London", "the footwear cluster formed in Wenzhou", "the villages that exist in China"
        for clause in (c for c in span.root.children
                       if (c.dep_ == "acl" or c.dep_ == "relcl" and not _set_off(c)) and _locates(index, c)):
            yield from _places_after(span, _preposition(clause, ("in",)), located, by_token)
        if span.label_ == "Actor":
            continue
        owner = next((c for c in span.root.children if c.dep_ == "poss"), None)  # "China's development zones"
        place = by_token.get(owner.i) if owner is not None else None
        if span.label_ == "Cluster" and place is not None and place.label_ == "Place" and place.root == owner:
            yield SpanClaim(span, located, place, "positive", False, None, owner.text, owner.i)
        # "the Tiruppur knitwear cluster": a place that modifies the name it stands before
        place = by_token.get(span.start - 1)
        if span.label_ == "Cluster" and place is not None and place.label_ == "Place" and place.root.dep_ == "compound":
            yield SpanClaim(span, located, place, "positive", False, None, place.root.text, place.root.i)
        # (only the first such phrase: the parser hangs a second cluster's "of Taiwan" on the first's noun)
        words = ("in", "of") if span.label_ == "Cluster" else ("in",)
        prep = _preposition(span.root, words)
        if prep is not None:
            yield from _places_after(span, prep, located, by_token)
        if span.label_ == "Cluster" and (beside := _place_beside(span, words, by_token)) is not None:
            yield SpanClaim(span, located, beside[1], "positive", False, None, beside[0].text, beside[0].i)


def _place_beside(span: Span, words: tuple[str, ...], by_token: Mapping[int, Span]) -> tuple[Token, Span] | None:
    """The preposition and place that follow a cluster's name, also past its bracketed abbreviation: "the
    Hsinchu Science Park (HSIP) of Taiwan". The parser may hang such a phrase on another noun of the sentence.
    (Not for a place after a place: "a location outside London in the South East".)"""
    doc = span.doc
    i = span.end
    if i < len(doc) and doc[i].text in OPENING_BRACKETS:
        i = next((t.i + 1 for t in doc[i:i + MAX_BRACKETED] if t.text in CLOSING_BRACKETS), len(doc))
    if i + 1 >= len(doc) or doc[i].lower_ not in words:
        return None
    start = i + 2 if doc[i + 1].lower_ in ARTICLES and i + 2 < len(doc) else i + 1
    place = by_token.get(start)
    return (doc[i], place) if place is not None and place.label_ == "Place" and place.start == start else None


def _preposition(head: Token, words: tuple[str, ...]) -> Token | None:
    """The first of `words` that heads a prepositional phrase on `head`."""
    return next((c for c in head.children if c.dep_ == "prep" and c.lower_ in words), None)


def _places_after(span: Span, prep: Token | None, located: str, by_token: Mapping[int, Span]) -> Iterator[SpanClaim]:
    """The places of a prepositional phrase that places `span` ("in Guangdong and Jiangsu": each conjunct)."""
    if prep is None:
        return
    for noun in _objects_of(prep):
        place = by_token.get(noun.i)
        if place is not None and place.label_ == "Place" and place.root == noun and place != span:
            yield SpanClaim(span, located, place, "positive", False, None, prep.text, prep.i)


def _objects_of(preposition: Token) -> Iterator[Token]:
    """The nouns a preposition governs, each conjunct: "in Guangdong and Jiangsu"."""
    return (n for c in preposition.children if c.dep_ == "pobj" for n in (c, *c.conjuncts))


def _locates(index: TriggerIndex, verb: Token) -> bool:
    """A plain, affirmed verb of a trigger of located_in: "located", "based", "exist" (of "located in", ...)."""
    if any(c.dep_ == "neg" or c.dep_ == "aux" and c.lower_ in HEDGE_MODALS | DEONTIC_MODALS for c in verb.children):
        return False
    return any(t.relation == index.located_in and t.words[1:] == ("in",) for t in index.candidates(verb))


def _anaphors(doc: Doc, by_token: Mapping[int, Span]) -> dict[Span, Span]:
    """Noun phrases that point back to a concept named earlier in the paragraph, each with its antecedent:
    a demonstrative ("these clusters", "such a mechanism") on a noun that is the head word of a mention
    before it, with no modifier that the mention lacks ("this forming mechanism" -> "forming mechanism",
    not "knowledge spillover mechanism") and nothing after the noun that would pick out a new referent
    ("those clusters of origin"). The nearest such mention is the antecedent. The anaphor span carries
    the antecedent's category and concept, so it is read as an argument like a mention."""
    mentions = sorted({span for span in by_token.values() if span.id_}, key=lambda span: span.start)
    found: dict[Span, Span] = {}
    # (the nouns with such a determiner, found from the determiners: most nouns have none)
    nouns = sorted({t.head for t in doc if _anaphoric_determiner(t)}, key=lambda t: t.i)
    for token in nouns:
        if token.i in by_token or token.pos_ != "NOUN":
            continue
        determiners = [c for c in token.children if _anaphoric_determiner(c)]
        if not determiners or any(c.dep_ in POSTMODIFIER_DEPS for c in token.children):
            continue
        modifiers = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod") and c not in determiners]
        if any(m.i in by_token for m in modifiers):
            continue
        start = min(c.i for c in determiners + modifiers)
        lemma = token.lemma_.lower()
        antecedent = next((m for m in reversed(mentions) if m.end <= start and m.root.lemma_.lower() == lemma
                           and all(w.lower_ in {t.lower_ for t in m} for w in modifiers)), None)
        if antecedent is not None:
            found[Span(doc, start, token.i + 1, label=antecedent.label_, span_id=antecedent.id_)] = antecedent
    return found


def _anaphoric_determiner(token: Token) -> bool:
    return token.lower_ in ANAPHORIC_DETERMINERS and token.dep_ in ("det", "predet", "amod")


def _pronoun_antecedents(doc: Doc, by_token: Mapping[int, Span]) -> dict[Span, Span]:
    """Subject pronouns ("it", "they") and possessive ones ("its", "their"), each with the mention whose
    topic they continue: the subject of a clause before them in the sentence, else the subject of the
    sentence before in the paragraph, when that subject is a mention and agrees in number. Not an "it"
    that anticipates a clause ("it is found that", "it is possible to", "it needs to be pointed out")."""
    found: dict[Span, Span] = {}
    for token in doc:
        plural = TOPIC_PRONOUNS.get(token.lower_)
        if plural is None or token.dep_ not in (*SUBJECT_DEPS, "poss") or _anticipatory(token):
            continue
        sentence = token.sent
        before = [t for t in reversed(doc[sentence.start:token.i]) if t.dep_ in SUBJECT_DEPS]
        if sentence.start > 0:
            before += [t for t in doc[sentence.start - 1].sent if t.dep_ in SUBJECT_DEPS][:1]
        antecedent = next((by_token[t.i] for t in before if t.i in by_token and by_token[t.i].id_), None)
        if antecedent is not None and _plural(antecedent.root) == plural:
            found[Span(doc, token.i, token.i + 1, label=antecedent.label_, span_id=antecedent.id_)] = antecedent
    return found


def _anticipatory(pronoun: Token) -> bool:
    """"it" standing for a clause that comes later: "It is found that ...", "it is possible to ..."."""
    if pronoun.lower_ != "it" or pronoun.dep_ == "poss":
        return False
    verb = pronoun.head
    clauses = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "csubj")]
    clauses += [g for c in verb.children if c.dep_ == "acomp" for g in c.children if g.dep_ in ("ccomp", "xcomp")]
    return bool(clauses)


def _reflexive(span: Span) -> bool:
    """A span followed by "itself" or "themselves"."""
    return span.end < len(span.doc) and span.doc[span.end].lower_ in REFLEXIVE_PRONOUNS


def _deficient(span: Span) -> bool:
    """An argument qualified, outside the mention, by a word of deficiency ("weak collective learning")."""
    return any(c.dep_ == "amod" and c.lower_ in DEFICIENCY_MODIFIERS and not span.start <= c.i < span.end
               for c in span.root.children)


def _locative(trigger: Trigger, obj: Span) -> bool:
    """Whether the trigger's "in" says where: "is important in the City" is no effect on the City."""
    return trigger.words[-1] == "in" and not trigger.inverse and obj.label_ == "Place"


def _best_relation(index: TriggerIndex, anchor: Token, trigger: Trigger, subject: Span, obj: Span) -> str | None:
    """Of the relations this trigger's words express, the narrowest whose domain and range fit."""
    fitting = []
    for other in index.candidates(anchor):
        if other.words != trigger.words or other.inverse != trigger.inverse or other.copular != trigger.copular:
            continue
        relation = index.relations[other.relation]
        if _admits(relation, subject.label_, obj.label_):
            fitting.append((_breadth(relation.domain) * _breadth(relation.range), relation.iri))
    return min(fitting)[1] if fitting else None


def _admits(relation: Relation, subject: str, obj: str) -> bool:
    """Whether the relation's domain and range (unstated: any) admit the two categories."""
    return (not relation.domain or subject in relation.domain) and (not relation.range or obj in relation.range)


def _breadth(categories: frozenset[str]) -> int:
    """How many categories a domain or range admits; an unstated one admits any."""
    return len(categories) or 1000


def _match(first: Token, trigger: Trigger) -> tuple[list[Token], list[Token], list[Token]] | None:
    """Where `trigger` is expressed from its first word `first`: (subject heads, object heads, trigger
    words) or None. Each further word of the phrase is a dependent of a word already found, or the head
    that one of them modifies ("closely related to", "an attracting factor for"); the arguments hang on
    the highest of the words (the anchor)."""
    if trigger.nominal:
        words = _phrase_words(first, trigger.words[:-1]) or _predicated_sign(first, trigger.words[:-1])
        return _nominal_arguments(words, trigger.words[-1]) if words else None
    words = _phrase_words(first, trigger.words)
    if words is None:
        return None
    anchor = _top(words)
    if not trigger.copular and not _is_verb(anchor):
        misread = _verb_read_as_modifier(anchor) if len(words) == 1 else None
        return (misread[0], misread[1], words) if misread else None  # "government support" is a noun
    if trigger.copular and anchor.pos_ not in ("VERB", "NOUN", "ADJ", "AUX") and not _complements_copula(anchor):
        return None
    if _not_asserted(anchor):
        return None
    last = words[-1]
    preposition = last if last.dep_ in ("prep", "agent", "dative") else None
    if preposition is not None and not trigger.copular and any(c.dep_ == "dobj" and c not in words for c in anchor.children):
        # "X provides Y for Z": Y is what X performs or supports, Z only benefits; "provide for" is not
        # said of Z
        return None
    if trigger.copular:
        arguments = _copular_arguments(anchor, preposition)
        return (arguments[0], arguments[1], words) if arguments else None
    participle = _participle_clause(anchor)
    passive_head = _passive_head(anchor)
    passive = _passive(anchor) or participle is not None or passive_head is not None
    if passive:
        if preposition is not None:
            return None
        # (conjoined participles share their agent and patient: "X is promoted and supported by Y")
        agents = _agents(anchor) or next((_agents(c) for c in anchor.conjuncts if c.i > anchor.i and c.tag_ == "VBN"), [])
        patients = [c for c in (passive_head or anchor).children if c.dep_ == "nsubjpass"]
        if not patients and anchor.dep_ == "xcomp" and anchor.head.lemma_.lower() in RAISING_VERBS:
            patients = [c for c in anchor.head.children if c.dep_ == "nsubjpass"]  # "X is said to be driven by Y"
        if participle is not None and not patients:
            patients = _antecedents(participle)
        elif anchor.dep_ in ("acl", "relcl") and (not patients or patients[0].lower_ in RELATIVE_PRONOUNS):
            patients = _antecedents(anchor)
        return (agents, patients, words) if agents and patients else None
    subjects = _clause_subjects(anchor) or _means(anchor)
    if preposition is not None:
        objects = [c for c in preposition.children if c.dep_ == "pobj"]
    else:
        # an English direct object follows its verb; one before it is a misparse ("the formation of X
        # due to the conditions government provided")
        objects = [c for c in anchor.children if c.dep_ == "dobj" and c.i > anchor.i] if anchor.pos_ != "NOUN" \
            else _misread_objects(anchor)
        if not objects:  # "X helps Y (to) upgrade", "X enables Y to grow": Y is what X acts on
            objects = [g for c in anchor.children if c.dep_ == "ccomp" for g in c.children if g.dep_ == "nsubj" and g.i > anchor.i]
        else:  # "X enables firms to acquire Z": what they acquire is what X acts on too
            objects += [g for c in anchor.children if c.dep_ == "xcomp" for g in c.children if g.dep_ == "dobj"]
    return (subjects, objects, words) if subjects and objects else None


def _phrase_words(first: Token, phrase: tuple[str, ...]) -> list[Token] | None:
    """The tokens of a trigger phrase that starts at `first`: each further word is a dependent of a word
    already found, or the head that one of them modifies ("closely related to", "an attracting factor
    for"); None when one is missing."""
    found_at: dict[int, Token] = {0: first}
    progress = True
    while progress and len(found_at) < len(phrase):
        # a word may hang on one found later in the phrase: "positive" on "impact" in "have a positive
        # impact on", so the words are looked for until no more are found
        progress = False
        for n, word in enumerate(phrase):
            if n in found_at:
                continue
            words = list(found_at.values())
            found = next((c for w in words for c in w.children if _spells(c, word) and c.i > first.i and c not in words), None)
            if found is None:  # a conjunct of a modifier: "positive" in "a significant and positive impact on"
                found = next((g for w in words for c in w.children if c.dep_ in MODIFIER_DEPS for g in c.children
                              if g.dep_ == "conj" and _spells(g, word) and g.i > first.i and g not in words), None)
            if found is None:
                found = next((w.head for w in words if w.dep_ in MODIFIER_DEPS and w.head.i > first.i
                              and w.head not in words and _spells(w.head, word)), None)
            if found is None:  # a preposition hung on the copula: "X has been significant [in] Y"
                found = next((c for w in words if w.dep_ == "acomp" for c in w.head.children
                              if c.dep_ == "prep" and c.i > w.i and c not in words and _spells(c, word)), None)
            if found is not None:
                found_at[n] = found
                progress = True
    return [found_at[n] for n in range(len(phrase))] if len(found_at) == len(phrase) else None


def _predicated_sign(sign: Token, phrase: tuple[str, ...]) -> list[Token] | None:
    """The noun and sign of a relation noun whose sign a copula predicates: "the effect of X on Y is positive"
    says what "the positive effect of X on Y" does (also "is significant and positive")."""
    adjective = sign.head if sign.dep_ == "conj" else sign
    if len(phrase) != 2 or adjective.dep_ != "acomp" or adjective.head.lemma_ != COPULA:
        return None
    noun = next((c for c in adjective.head.children if c.dep_ == "nsubj" and _spells(c, phrase[1])), None)
    return [noun, sign] if noun is not None else None


def _predicated_sign_of(noun: Token) -> bool:
    """A noun that is the subject of a copula with an adjective: "the effect of X on Y is positive"."""
    return noun.dep_ == "nsubj" and noun.head.lemma_ == COPULA and any(c.dep_ == "acomp" for c in noun.head.children)


def _nominal_arguments(words: list[Token], preposition: str) -> tuple[list[Token], list[Token], list[Token]] | None:
    """(subject, object, words) of a relation noun read without its light verb: "the positive impact of X
    on Y" says that X has a positive impact on Y. The parser may hang the preposition on the "of" phrase
    ("of [clusters on entrepreneurship]"). Only in a sentence, and not where the phrase is the topic of a
    study ("we examine the impact of X on Y") or of a question."""
    noun = _top(words)
    if noun.pos_ != "NOUN" or not noun.sent.text.rstrip().endswith(SENTENCE_STOPS):
        return None
    if _not_asserted(noun) or any(a.lemma_.lower() in RESEARCH_VERBS | RESEARCH_NOUNS for a in noun.ancestors):
        return None
    of = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"]
    subjects = [g for c in of for g in c.children if g.dep_ in ("pobj", "pcomp")]  # ("of clustering": a gerund)
    linking = [c for w in (noun, *subjects) for c in w.children if c.dep_ == "prep" and c.lower_ == preposition and c.i > noun.i]
    objects = [g for c in linking[:1] for g in c.children if g.dep_ == "pobj"]
    return (subjects, objects, [*words, *linking[:1]]) if subjects and objects else None


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _passive_head(verb: Token) -> Token | None:
    """The passive verb that a bare participle is conjoined with: "promoted" of "X is promoted and supported"."""
    if verb.tag_ == "VBN" and verb.dep_ == "conj" and _passive(verb.head) and not any(c.dep_ == "aux" for c in verb.children):
        return verb.head
    return None


def _agents(verb: Token) -> list[Token]:
    return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def _participle_clause(verb: Token) -> Token | None:
    """The past participle that opens a clause on a noun, when `verb` is it or a participle conjoined with it:
    "the clusters, selected and supported by the government," (both are said of the clusters)."""
    if verb.tag_ != "VBN":
        return None
    if verb.dep_ == "conj" and verb.head.dep_ == "acl" and verb.head.tag_ == "VBN":
        return verb.head
    return verb if verb.dep_ == "acl" else None


def _means(verb: Token) -> list[Token]:
    """What a verb with no subject works through: "fostering competitiveness through local governance" says
    that local governance fosters competitiveness."""
    return [g for c in verb.children if c.dep_ == "prep" and c.lower_ in MEANS_PREPOSITIONS for g in c.children if g.dep_ == "pobj"]


def _spells(token: Token, word: str) -> bool:
    return word in (token.lower_, token.lemma_.lower())


def _top(words: list[Token]) -> Token:
    """The word of a trigger phrase that the others depend on ("play" in "play a role in")."""
    return next((w for w in words if w.head not in words or w.head == w), words[0])


def _not_asserted(anchor: Token) -> bool:
    """True when the trigger's clause is not asserted: a question, an indirect question or a condition
    ("how X supports Y and implements Z", "whether X drives Y", "if X promotes Y", "the way X attracts Y"), the
    topic of a research verb ("we discuss the situation where X supports Y"), an imperative or a modal of
    obligation (recommendations: "Try to reduce the congestion caused by X", "clusters should foster Y"),
    what a change leaves behind ("a shift from supporting X to supporting Y"), a participle in a list, or
    a clause on the source of a report ("according to the information provided by X")."""
    if _imperative(anchor.sent.root) or anchor.sent.text.rstrip().endswith(("?", "？")):
        return True
    if _left_behind(anchor) or _participle_in_list(anchor):
        return True
    token = anchor
    while True:
        if any(c.dep_ in ("advmod", "mark") and c.lower_ in NON_ASSERTING_MARKERS and c.i < token.i
               and not _presupposed_how(c, token) for c in token.children):
            return True
        if any(c.dep_ == "aux" and c.lower_ in DEONTIC_MODALS for c in token.children):
            return True
        if (token.dep_ in ("relcl", "acl") and not _instrument_holders(token.head)
                and (_topic_of_research(token.head) or _restrictive(token) or _source_cited(token.head))):
            return True
        if token.dep_ != "conj" or token.head == token:
            return False
        token = token.head


def _source_cited(noun: Token) -> bool:
    """The noun of "according to": "according to the information provided by X" names where a statement
    comes from, not what X does."""
    preposition = noun.head
    return noun.dep_ == "pobj" and preposition.lower_ == "to" and preposition.head.lower_ == "according"


def _presupposed_how(marker: Token, verb: Token) -> bool:
    """ "It examines how X have driven Y", "we show how X fosters Y": a study of how something happens takes
    for granted that it does, unless a modal makes it a possibility ("how X could foster Y"); "whether" and
    "if" ask if it does at all."""
    if marker.lower_ != "how" or verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in RESEARCH_VERBS | RAISING_VERBS:
        return False
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return (verb.tag_ in ("VBD", "VBZ", "VBP") or verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxiliaries)) \
        and not any(a.tag_ == "MD" for a in auxiliaries)


def _left_behind(verb: Token) -> bool:
    """"a shift from cultivating enterprises to cultivating clusters": the clause after "from" is what a
    change leaves behind, not what is claimed."""
    if verb.dep_ != "pcomp" or verb.head.lower_ != "from":
        return False
    return any(c.dep_ == "prep" and c.lower_ == "to" for c in (*verb.children, *verb.head.head.children))


def _participle_in_list(verb: Token) -> bool:
    """An item of a list after a colon that the parser read as a clause with the list's first item for
    its subject: a participle used as an adjective ("five processes: introduction of X, primary diffusion,
    accelerated diffusion and Y") or a gerund that names an activity ("five principles: adherence to X,
    prioritizing Y, strengthening corporate competitiveness")."""
    sentence = verb.sent
    if verb.tag_ not in ("VBD", "VBN", "VBG") or verb.i == sentence.start or verb.i + 1 >= sentence.end:
        return False
    if verb.nbor(-1).lower_ not in COORDINATORS:
        return False
    if verb.tag_ != "VBG" and not (verb.nbor(1).head == verb and verb.nbor(1).dep_ == "dobj"):
        return False
    return any(t.text in (":", "：") for t in verb.doc[sentence.start:verb.i])


def _restrictive(clause: Token) -> bool:
    """A relative or participial clause that picks out its noun ("the entrepreneurs who promote X"): it
    presents its content as given, background to what the sentence asserts. One set off by a comma ("X,
    which promotes Y,") adds an assertion of its own, a clause on the object of a light verb ("plays a role
    that causes Y") states what its subject does, and so does a participle that names its doer ("the
    institutional entrepreneurship carried out by local entrepreneurs", "the motivation inspired by Y")."""
    noun = clause.head
    if noun.pos_ not in ("NOUN", "PROPN", "PRON"):
        return False
    if noun.dep_ == "dobj" and (noun.head.lemma_.lower(), noun.lemma_.lower()) in LIGHT_VERB_OBJECTS:
        return False
    if _instrument_holders(noun) or _identified_as(noun):
        return False  # "X is one of the ways to promote Y", "the factors fostering Y are X" say what X does
    if any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        return False  # a content clause, not a relative one: "the point that the policy has an impact on Y"
    if clause.tag_ == "VBN" and any(c.dep_ == "agent" for c in clause.children):
        return False  # a participle that names its doer states what the doer does: "X carried out by Y"
    return not _set_off(clause)


def _set_off(clause: Token) -> bool:
    """A clause after a comma or bracket ("X, which ..."): it may hang on a noun further back."""
    opener = clause.left_edge
    return opener.i > 0 and opener.doc[opener.i - 1].text in CLAUSE_SEPARATORS


def _imperative(root: Token) -> bool:
    """A sentence whose main verb is a bare verb with no subject: "Encourage ...", "Try to ...", "With the
    help of X, guide Y"."""
    return (root.tag_ == "VB"
            and not any(c.dep_ in SUBJECT_DEPS or c.dep_ in ("aux", "expl") for c in root.children))


def _topic_of_research(noun: Token) -> bool:
    """True for a noun that a relative clause modifies when it is a manner noun ("the way") or lies in
    the object of a research verb ("discuss the mechanism under the situation where...")."""
    if noun.lemma_.lower() in MANNER_NOUNS:
        return True
    token = noun
    for _ in range(MAX_CLIMB):
        if token.dep_ not in ("pobj", "prep", "conj", "appos", "dobj") or token.head == token:
            return False
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token.lemma_.lower() in RESEARCH_VERBS
    return False


def _is_verb(token: Token) -> bool:
    """A verb, or a word the tagger took for a noun but the parser gave a subject and an object
    ("the proximity of firms fosters trust", with "fosters" tagged NNS)."""
    if token.pos_ in ("VERB", "AUX"):
        return True
    deps = {c.dep_ for c in token.children}
    return token.pos_ == "NOUN" and "nsubj" in deps and bool(_misread_objects(token))


def _misread_objects(noun: Token) -> list[Token]:
    """The object of a verb the tagger took for a noun: its "dobj", or the noun after it that the parser, reading
    a noun, hung on it as "npadvmod" ("Proximity to universities fosters spin-off formation")."""
    return [c for c in noun.children if c.dep_ in ("dobj", "npadvmod") and c.i > noun.i and c.pos_ in ("NOUN", "PROPN")]


def _verb_read_as_modifier(word: Token) -> tuple[list[Token], list[Token]] | None:
    """(subject, object) of a verb that the small model read as a modifier of its object: in "Clusters
    foster innovation." and "Spin-offs drive cluster growth." it tags the verb as a noun or adjective and
    parses the sentence as one noun phrase. Read as a verb only in a sentence (it ends with a full stop:
    a title has no verb to lose) where no verb governs the word, and only when it agrees with the noun
    before it, as a verb would: "drive" after a plural, "fosters" after a singular ("SME support centres"
    has no verb). After a comma, the subject is the sentence's first noun phrase ("Clusters, the
    concentrations of firms, foster innovation")."""
    obj, sentence = word.head, word.sent
    if word.pos_ not in ("NOUN", "ADJ", "PROPN") or word.dep_ not in MODIFIER_DEPS or obj.i <= word.i:
        return None
    if word.i == sentence.start or not sentence.text.rstrip().endswith(SENTENCE_STOPS):
        return None
    if any(a.pos_ in ("VERB", "AUX") for a in word.ancestors):
        return None
    while obj.dep_ in ("poss", "nmod", *MODIFIER_DEPS) and obj.head.i > obj.i:  # "entrepreneur's motivation"
        obj = obj.head
    subject = word.nbor(-1)
    if subject.text in CLAUSE_SEPARATORS and sentence.root.i < word.i:
        subject = sentence.root
    if subject.pos_ not in ("NOUN", "PROPN"):
        return None
    base_form = word.lower_ == word.lemma_.lower()
    return ([subject], [obj]) if base_form == _plural(subject) else None


def _plural(noun: Token) -> bool:
    """A plural noun or a coordination ("X and Y"). The tagger misses some plurals ("Spin-offs": NN)."""
    return (noun.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in noun.children)
            or (noun.lower_.endswith("s") and not noun.lower_.endswith(("ss", "is", "us"))))


def _copular_arguments(anchor: Token, preposition: Token | None) -> tuple[list[Token], list[Token]] | None:
    """"X is the result of Y", "X is good for Y", "X (which is) located in Y": subject X, object Y."""
    if preposition is None:
        return None
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    subjects = [c for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass")]
    if _complements_copula(anchor) and not subjects:
        # "X is a form of Z and is a growth pole of Y": a conjoined copula shares the first one's subject
        subjects = [c for c in anchor.head.children if c.dep_ in ("nsubj", "nsubjpass")] or _clause_subjects(anchor.head)
    elif not subjects:
        subjects = _identified_as(anchor)  # "the main driver of Y is X"
    if (verb := _as_copula(anchor)) is not None:
        subjects, anchor = _described_as(verb), verb
    elif not subjects and (noun := _apposed_as(anchor)) is not None:
        subjects = [noun]
    if anchor.dep_ in ("relcl", "acl") and (not subjects or subjects[0].lower_ in RELATIVE_PRONOUNS):
        subjects = _antecedents(anchor)
    if any(s.lower_ in RELATIVE_PRONOUNS for s in subjects) and anchor.head.dep_ == "relcl":
        subjects = [anchor.head.head]
    return (subjects, objects) if subjects and objects else None


def _complements_copula(word: Token) -> bool:
    """A predicate noun or adjective, a preposition hung on "be" ("X is [at] the heart of Y"), or the object of
    a linking verb ("X constitutes an [avenue] for Y")."""
    return (word.dep_ in ("attr", "acomp") or word.dep_ == "prep" and word.head.lemma_ == COPULA
            or word.dep_ == "dobj" and word.head.lemma_.lower() in LINKING_VERBS)


def _identified_as(noun: Token) -> list[Token]:
    """What a copula says its subject is: X in "the main driver of Y is X", "the factors fostering Y are X and
    Z". The noun and X name the same thing, so what is said of the noun is said of X."""
    if noun.dep_ != "nsubj" or noun.head.lemma_ != COPULA:
        return []
    return [c for c in noun.head.children if c.dep_ == "attr" and c.i > noun.i]


def _as_copula(noun: Token) -> Token | None:
    """The verb of "serve as", "be regarded as" and the like whose "as" phrase `noun` heads."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "as" or noun.head.dep_ != "prep":
        return None
    verb = noun.head.head
    return verb if verb.lemma_.lower() in AS_COPULAS else None


def _apposed_as(noun: Token) -> Token | None:
    """The noun that an "as" phrase set beside it describes: "X, as (one of) the carriers of Y," says that X
    is a carrier of Y. Only one set off by a comma or a dash; not "such as", which gives examples."""
    noun = _one_of(noun)
    preposition = noun.head
    if noun.dep_ != "pobj" or preposition.lower_ != "as" or preposition.dep_ != "prep":
        return None
    if any(c.lower_ == "such" for c in preposition.children) or preposition.i == 0 or preposition.nbor(-1).text not in CLAUSE_SEPARATORS:
        return None
    head = preposition.head
    if head.pos_ in ("VERB", "AUX"):  # "X, as a source of Y, promotes Z": the parser hangs the phrase on the verb
        head = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < preposition.i), head)
    return head if head.pos_ in ("NOUN", "PROPN") and head.i < preposition.i else None


def _one_of(noun: Token) -> Token:
    """"one" in "one of the ways", "one of the carriers": the word that stands where the noun would."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ == "one":
        return noun.head.head
    return noun


def _described_as(verb: Token) -> list[Token]:
    """What the "as" phrase of `verb` describes: its subject ("X serves as ..."), or its object when the
    verb is active and has one ("they regard X as ...")."""
    return [c for c in verb.children if c.dep_ == "dobj"] or [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]


def _clause_subjects(verb: Token) -> list[Token]:
    """The subject of `verb`: its own, the antecedent of a relative clause, or that of the verb it
    depends on when it is a conjunct, an xcomp or advcl, or the complement of "by"/"on" + V-ing."""
    misread = _subject_of_misread_clause(verb)
    if misread is not None:
        return [misread]
    token, below = verb, verb
    for _ in range(MAX_CLIMB):
        if below.dep_ == "advcl" and (holders := _as_instrument_holders(token, below)):
            return holders  # "they regard X as a vehicle to advance Y" (the parser hangs "to advance" on "regard")
        if token is not verb and below.dep_ in ("xcomp", "advcl") and (means := _instruments(token, below)):
            return means
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        raised = below.dep_ in ("xcomp", "advcl") and token.lemma_.lower() in RAISING_VERBS | MEANS_VERBS
        agents = _agents(token)
        if token is not verb and agents and not raised and all(c.dep_ == "nsubjpass" for c in subjects):
            return agents  # the doer of a passive does what it is done for: "the role played by X in promoting Y"
        if len(subjects) > 1:  # one clause has one subject: one right after a verb is that verb's complement,
            # and one before a colon or semicolon belongs to the clause that it ends
            subjects = [c for c in subjects if not _after_verb(c) and not _clause_break_between(c, token)] or subjects
        if subjects:
            if subjects[0].lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl":
                return _antecedents(token)
            # the passive subject of a governing verb is not the agent of this one, unless the governing verb
            # only reports it ("X is found to benefit Y", "X is said to shape Y": X benefits, X shapes)
            return [subjects[0]] if subjects[0].dep_ != "nsubjpass" or token is verb or raised else []
        if token.dep_ == "relcl" or (token.dep_ == "acl" and token.tag_ == "VBG"):
            return _antecedents(token)
        if token.dep_ in ("conj", "xcomp", "advcl", "pcomp") or token.dep_ == "acomp" and below.dep_ == "xcomp":
            token, below = token.head, token  # (and "X is able / unable to V": X is the subject of V)
        elif token.dep_ == "prep" and (holders := _role_holders(token) or _instrument_holders(token.head)):
            return holders  # "the role of X in promoting Y", "X is conducive to promoting Y": X promotes Y
        elif token.dep_ == "prep" and (token.head.pos_ in ("VERB", "AUX") or token.head.dep_ == "dobj"):
            token = token.head
        elif token.dep_ == "dobj" and token.pos_ == "NOUN":
            token = token.head
        else:
            return []
    return []


def _instruments(verb: Token, purpose: Token) -> list[Token]:
    """The objects of an active verb of putting a means to work, when `purpose` is its infinitive of
    purpose: "provided favorable policies (...) to attract investment" -> the policies. Not where the verb
    is not asserted ("explore how to use X to improve Y") or its subject is the study ("we use / this
    paper offers X to explain Y": a method, not a finding)."""
    if verb.lemma_.lower() not in INSTRUMENT_VERBS or not any(c.dep_ == "aux" and c.lower_ == "to" for c in purpose.children):
        return []
    if _not_asserted(verb):
        return []
    if any(c.dep_ in SUBJECT_DEPS and (c.lemma_.lower() in VAGUE_NOUNS or c.lower_ in ("we", "i")) for c in verb.children):
        return []
    return [c for c in verb.children if c.dep_ == "dobj" and c.i < purpose.i]


def _after_verb(noun: Token) -> bool:
    """A noun phrase right after a verb or copula, which the parser may take for the next clause's subject:
    "the ability is [the foundation of X], in addition, Y is the premise to promote Z"."""
    start = noun.left_edge.i
    return start > 0 and noun.doc[start - 1].pos_ in ("VERB", "AUX")


def _clause_break_between(subject: Token, verb: Token) -> bool:
    """A colon or semicolon between a subject and its verb: "the influence reflected in two aspects:
    Firstly, the government provides ..."."""
    return any(t.text in CLAUSE_BREAKS for t in subject.doc[subject.i + 1:verb.i])


def _role_holders(preposition: Token) -> list[Token]:
    """Whose role a preposition completes: X in "the role of X in ...", "X's role in ...", also when the
    parser hangs "in" on the verb ("analyse the role of X in ..."); none for "a role", whose holder is the
    subject of "play"."""
    if preposition.lower_ != "in":
        return []
    head = preposition.head
    nouns = [head] if head.pos_ != "VERB" else [c for c in head.children if c.dep_ == "dobj"]
    noun = next((n for n in nouns if n.lemma_.lower() in ROLE_NOUNS), None)
    if noun is None or (noun.dep_ == "dobj" and noun.head.lemma_.lower() in ROLE_TAKING_VERBS):
        return []  # "X plays / undertakes the role of an incubator in ...": the role is X's
    of = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return of or [c for c in noun.children if c.dep_ == "poss" and c.lower_ not in POSSESSIVE_PRONOUNS]


def _instrument_holders(word: Token) -> list[Token]:
    """Whose means to an end a predicate noun or adjective is: X in "X is (one of the) ways to promote Y",
    "X serves as a framework for fostering Y", "X is conducive to promoting Y"; none elsewhere."""
    if word.lemma_.lower() not in INSTRUMENT_WORDS:
        return []
    word = _one_of(word)
    if word.dep_ in ("attr", "acomp"):
        return [c for c in word.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    verb = _as_copula(word)
    return _described_as(verb) if verb is not None else []


def _as_instrument_holders(verb: Token, clause: Token) -> list[Token]:
    """Whose means `verb`'s "as" phrase before `clause` names: X in "regard X as a vehicle to advance Y"."""
    means = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" and c.i < clause.i
             for g in c.children if g.dep_ == "pobj"]
    return _instrument_holders(means[0]) if means else []


def _subject_of_misread_clause(verb: Token) -> Token | None:
    """The subject of the main verb that the parser read as an adverbial clause of "as": in "X with Y as
    the link promotes Z" the small model makes the noun X the root of the sentence and "the link" the
    subject of "as ... promotes". A sentence whose root is a noun has lost its verb, so the clause's verb is
    the main one and the root noun is its subject. It also reads "X, consisting of Y" with the participle as a
    preposition on the comma: X is its subject."""
    if verb.dep_ == "prep" and verb.tag_ == "VBG" and not _introduces_examples(verb) and verb.i >= 2 \
            and verb.head.i == verb.i - 1 and verb.head.text in CLAUSE_SEPARATORS:
        # "This cluster, consisting of SMEs, ...": the participle read as a preposition on the comma
        noun = verb.doc[verb.i - 2]
        return noun if noun.pos_ in ("NOUN", "PROPN") else None
    root = verb.head
    if verb.dep_ != "advcl" or root.dep_ != "ROOT" or root.pos_ not in ("NOUN", "PROPN") or root.i > verb.i:
        return None
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    marks = [c for c in verb.children if c.dep_ == "mark" and c.lower_ == "as"]
    return root if subjects and marks and marks[0].i < subjects[0].i else None


def _unnamed_factors(heads: Iterable[Token], by_token: Mapping[int, Span], general: Collection[Span] = ()) -> list[Span]:
    """The noun phrase of each head word and of its conjuncts, as a factor the ontology does not name: the
    noun with its modifiers and a short prepositional phrase after it. None for a pronoun, a vague or
    self-referential noun ("the paper", "many countries", "these effects"), a word of a means ("avenues
    for training"), a name of a person, date or
    number, a phrase holding a mention (a general word may stand in its prepositional phrase: "relations
    within clusters"; a place may own the noun: "China's economic success"), or a noun whose "of" phrase
    is too long to keep ("the rise of ..." means nothing alone)."""
    found: list[Span] = []

    def named(token: Token) -> bool:
        return token.i in by_token and by_token[token.i] not in general

    def owning_place(token: Token, noun: Token) -> bool:
        return token.i < noun.i and by_token[token.i].label_ in NER_ARGUMENT_CATEGORIES

    for head in heads:
        for word in _conjuncts(head):
            lemma = word.lemma_.lower()
            vague = lemma in VAGUE_NOUNS or lemma in INSTRUMENT_WORDS  # ("avenues" for something)
            if (word.pos_ not in ("NOUN", "PROPN") or word.i in by_token or vague
                    or word.ent_type_ in NOT_FACTOR_ENTITIES or any(f.start <= word.i < f.end for f in found)):
                continue
            if any(c.dep_ in ("det", "amod", "nummod", "predet") and (c.lower_ in VAGUE_DETERMINERS or c.like_num)
                   for c in word.children):
                continue
            start = min([t.i for c in word.lefts if c.dep_ in PHRASE_MODIFIER_DEPS for t in c.subtree] + [word.i])
            end = word.i + 1
            complement = next((c for c in word.rights if c.dep_ == "prep"), None)
            if complement is not None:
                tail = list(complement.subtree)
                if len(tail) <= MAX_FACTOR_COMPLEMENT and not any(t.pos_ in ("VERB", "AUX", "PUNCT") or named(t) for t in tail):
                    end = tail[-1].i + 1
                elif complement.lower_ == "of" or lemma in RISE_NOUNS:
                    continue  # ("an increase" means nothing alone)
            words = word.doc[start:end]
            if not any(named(t) and not owning_place(t, word) or t.pos_ == "PRON" for t in words):
                found.append(Span(word.doc, start, end, label=FACTOR))
    return found


def _mentions(heads: Iterable[Token], by_token: Mapping[int, Span], general: Collection[Span] = ()) -> Iterator[Span]:
    """The argument mentions of each head word and of its conjuncts. A conjunct counts only when it is
    itself a mention: "X and the improvement of Y" does not make Y an argument. A general word counts
    only when the phrase names no mention ("the growth of clusters" is clusters in general, "the growth
    of SME clusters" is SME clusters)."""
    seen: set[int] = set()
    heads = list(heads)
    for head in list(heads):
        if head.dep_ in SUBJECT_DEPS and _mention_of(head, by_token) is None:
            # "factors such as trust and proximity", "mechanisms, including X and Y": the examples; only
            # in a subject, which the verb closes (a list at the end of a sentence may hang on any noun)
            heads += [g for c in head.children if _introduces_examples(c) for g in c.children if g.dep_ == "pobj"]
    for head in heads:
        words = list(_conjuncts(head))
        spans = [_mention_of(w, by_token, 0, general) for w in words]
        if all(span is None or span in general for span in spans):
            # "the growth of spin-offs": a mention named through "of" stands for the phrase, but only when no
            # conjunct names one itself ("development and fission of a firm" is about fission, read once)
            # ("the mode and the extent of upgrading": the last conjunct's "of" phrase is all of theirs)
            spans[0] = next((s for w in words if (s := _mention_of(w, by_token, 2, general)) is not None), None)
        # "Taiwan and other foreign capital": the words before "other X" are kinds of X, named elliptically
        # ("Taiwan [capital]"); one of another category is not what the phrase means
        kind = next((s for w, s in zip(words, spans) if s is not None and any(c.lower_ == "other" for c in w.children)), None)
        for span in spans:
            if span is None or (kind is not None and span.label_ != kind.label_ and span.start < kind.start):
                continue
            for member in _coordinated(span, by_token):
                if member.start not in seen:
                    seen.add(member.start)
                    yield member


def _introduces_examples(token: Token) -> bool:
    """"such as", "including", "like" after a noun: what follows are instances of it."""
    if token.dep_ != "prep":
        return False
    return token.lower_ in ("including", "like") or (token.lower_ == "as" and any(c.lower_ == "such" for c in token.children))


def _coordinated(span: Span, by_token: Mapping[int, Span]) -> list[Span]:
    """The mention and those listed before it that the parser glued onto it as modifiers: in "knowledge
    spillover and collective learning drive Y" the small model reads "spillover" as a modifier of
    "learning". A mention counts when only commas and coordinators separate it from the next and its
    head word hangs inside the phrase that follows."""
    members = [span]
    doc = span.doc
    while True:
        i = members[-1].start - 1
        separators = []
        while i >= 0 and (doc[i].lower_ in COORDINATORS or doc[i].dep_ == "cc"):
            separators.append(doc[i])
            i -= 1
        before = by_token.get(i)
        if not separators or before is None or before.end != i + 1:
            return members
        if not members[-1].start <= before.root.head.i < span.end:
            return members
        members.append(before)


def _conjuncts(token: Token) -> Iterator[Token]:
    yield token
    for child in token.children:
        if child.dep_ == "conj":
            yield from _conjuncts(child)


def _antecedents(relative_clause: Token) -> list[Token]:
    """The noun a relative clause modifies, and when that noun is the last of a coordination, the
    others too: "the Center and the Service which provide..." is said of both. None when the
    attachment is unsure: a clause set off by a comma may belong to any noun before it, and the parser
    picks the nearest, so when that one sits inside a prepositional phrase ("X is one of ... according to
    the standard of Y, which located in Z"; "Since the implementation of the policy, driven by Y, China
    has ...") the clause is left without a subject."""
    noun = relative_clause.head
    opener = relative_clause.left_edge
    if ((opener.lower_ in RELATIVE_PRONOUNS or opener == relative_clause) and opener.i > 0
            and opener.doc[opener.i - 1].text == "," and noun.dep_ == "pobj"):
        return []
    if noun.dep_ == "dobj" and (noun.head.lemma_.lower(), noun.lemma_.lower()) in LIGHT_VERB_OBJECTS:
        # "X plays a role that causes Y": the role is X's, and so is what it causes
        return _clause_subjects(noun.head)
    if holders := _instrument_holders(noun) or _identified_as(noun):
        return holders
    if noun.dep_ == "conj" and relative_clause.tag_ in ("VBP", "VB"):  # a plural verb agrees with both
        first = noun
        while first.dep_ == "conj":
            first = first.head
        return [first]
    return [noun]


def _mention_of(word: Token, by_token: Mapping[int, Span], depth: int = 2,
                general: Collection[Span] = ()) -> Span | None:
    """The mention a noun phrase stands for: the one containing its head, else one it names through
    "of" ("the growth of spin-offs"), "with" after a noun of a tie ("relations with parent companies") or a
    compound modifier ("SME cluster development"), "in" after a noun of a rise ("an increase in venture
    capital"); never through a privative noun ("the lack of X"). A
    general word for its head ("the development of SME clusters") yields to a mention so named."""
    own = by_token.get(word.i)
    if own is not None and own not in general:
        if word.lemma_.lower() in RELATIONAL_NOUNS and kind_modified(own):
            # "organizational relations with the parent companies": a tie of some kind stands for the party
            party = next((by_token[g.i] for c in word.children if c.dep_ == "prep" and c.lower_ == "with"
                          for g in c.children if g.dep_ == "pobj" and g.i in by_token and by_token[g.i] not in general),
                         None)
            return party or own
        return own
    for child in word.children:
        if child.dep_ == "compound" and child.i in by_token and by_token[child.i] is not own:
            return by_token[child.i]
        # a noun the tagger read as an adjective: "start-up firm survival" with "firm" as amod
        if child.dep_ == "amod" and child.i in by_token and by_token[child.i].root == child and by_token[child.i] is not own:
            return by_token[child.i]
    lemma = word.lemma_.lower()
    if depth == 0 or lemma in PRIVATIVE_NOUNS or lemma in DECLINE_NOUNS:
        return own
    for child in word.children:  # "their expansion" stands for them, as "the expansion of X" for X
        if child.dep_ == "poss" and child.lower_ in TOPIC_PRONOUNS and child.i in by_token:
            return by_token[child.i]
    linking = ("of", "with") if lemma in RELATIONAL_NOUNS else ("of", "in") if lemma in RISE_NOUNS else ("of",)
    for child in word.children:
        if child.dep_ == "prep" and child.lower_ in linking:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = _mention_of(pobj, by_token, depth - 1, general)
                    if found is not None:
                        return found
    return own


def _governors(anchor: Token) -> list[Token]:
    """The anchor and the words its clause hangs on: the copula of a copular trigger (or the verb of
    "serve as" or "constitute", or the copula that says what the trigger's noun is), the verbs it is an
    xcomp of ("tend to promote", "fail to take"), and the verb of the role it completes ("play a role in
    promoting")."""
    chain = [anchor]
    token = anchor
    while True:
        if token.dep_ in ("xcomp", "auxpass") or _complements_copula(token):
            token = token.head
        elif token.dep_ == "pcomp" and token.head.dep_ == "prep":
            token = token.head.head
        elif token.dep_ == "dobj" and token.lemma_.lower() in ROLE_NOUNS:
            token = token.head  # "X does not play a role in promoting Y": the role hangs on its verb
        elif (verb := _as_copula(token)) is not None:
            token = verb
        elif token.dep_ in ("relcl", "acl") and (_instrument_holders(token.head) or _identified_as(token.head)):
            token = token.head  # "X is not a way to promote Y": the clause hangs on the predicate noun
        elif _identified_as(token) or _predicated_sign_of(token):
            token = token.head  # "the main driver of Y is not X", "the effect of X on Y is not positive": the copula
        else:
            return chain
        chain.append(token)


def _privative(trigger: Trigger) -> bool:
    """A trigger phrase that denies what it relates: "lack" and "be lacking in" are "not have"."""
    return trigger.words[0] in NEGATING_VERBS | PRIVATIVE_NOUNS | DEFICIENCY_MODIFIERS


def _not_only(word: Token) -> bool:
    """"not only X but also Y" adds, it does not deny."""
    return word.lower_ == "not" and word.i + 1 < len(word.doc) and word.nbor(1).lower_ in ADDITIVE_FOCUS


def _negation(anchor: Token, subject: Span, obj: Span) -> bool:
    """True when the clause of the trigger is negated, its object is quantified by "no", or an argument by
    "few" or "little" (not "a few")."""
    chain = _governors(anchor)
    for token in chain:
        if any((c.dep_ == "neg" or (c.lower_ in NEGATION_WORDS and c.dep_ in ("advmod", "det", "preconj")))
               and not _not_only(c) for c in token.children):
            return True
        if token is not anchor and token.lemma_.lower() in NEGATING_VERBS:
            return True
    if any(c.dep_ == "det" and c.lower_ == "no" for c in obj.root.children):
        return True
    return any(c.lower_ in NEGATING_QUANTIFIERS and c.dep_ in ("amod", "det") and not (c.i > 0 and c.nbor(-1).lower_ == "a")
               for span in (subject, obj) for c in span.root.children)


def _hedge(anchor: Token) -> str | None:
    """The hedge or attribution cue that governs the trigger, if any. "can" states a capacity, not a
    doubt, when the author vouches for it ("it is obvious that X can greatly inspire Y")."""
    chain = _governors(anchor)
    for token in chain:
        for child in token.children:
            if child.dep_ == "aux" and child.lower_ in HEDGE_MODALS:
                if child.lower_ in CAPACITY_MODALS and _boosted(chain[-1]):
                    continue
                return child.text
            if child.dep_ in ("advmod", "advcl") and (child.lower_ in HEDGE_WORDS or child.lemma_.lower() in HEDGE_VERBS):
                return child.text
        if token is not anchor and token.lemma_.lower() in HEDGE_VERBS:
            return token.text
    for ancestor in chain[-1].ancestors:
        if ancestor.lemma_.lower() in HEDGE_VERBS:
            return ancestor.text
        for child in ancestor.children:
            if child.dep_ in ("acomp", "advmod") and child.lower_ in HEDGE_WORDS:
                return child.text
    return None


def _boosted(token: Token) -> bool:
    """A clause the author marks as certain: "clearly", or a frame such as "it is obvious that"."""
    for word in [token, *token.ancestors]:
        if any(c.dep_ in ("advmod", "acomp") and c.lower_ in BOOSTERS for c in word.children):
            return True
    return False


CLAIMS_KEY = "clusterkg_claims"
# The span group of the claims' arguments that are no mention of their own: anaphors ("they", "these
# clusters", carrying their antecedent's category and concept) and unnamed factors.
ARGUMENTS_KEY = "clusterkg_arguments"


class ClaimFinder:
    """The spaCy component that runs `find_claims` after the mention component. It stores each claim as
    plain token offsets in doc.user_data, which survives the trip back from nlp.pipe's worker processes,
    and their arguments that are no mentions in the span group ARGUMENTS_KEY."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.triggers: TriggerIndex | None = None

    def set_relations(self, relations: Mapping[str, Relation]) -> None:
        self.triggers = TriggerIndex(relations)

    def __call__(self, doc: Doc) -> Doc:
        from kg.extract.mentions import GENERIC_KEY, MENTIONS_KEY

        claims = find_claims(doc, list(doc.spans[MENTIONS_KEY]), self.triggers, list(doc.spans.get(GENERIC_KEY, [])))
        named = {(span.start, span.end) for key in (MENTIONS_KEY, GENERIC_KEY) for span in doc.spans.get(key, [])}
        doc.spans[ARGUMENTS_KEY] = sorted({span for c in claims for span in (c.subject, c.object) if (span.start, span.end) not in named},
                                          key=lambda span: span.start)
        doc.user_data[CLAIMS_KEY] = [
            [c.subject.start, c.subject.end, c.relation, c.object.start, c.object.end, c.polarity, c.hedged, c.cue, c.trigger, c.anchor]
            for c in claims
        ]
        return doc


@Language.factory("clusterkg_claims", requires=["doc.spans"])
def make_claim_finder(nlp: Language, name: str) -> ClaimFinder:
    return ClaimFinder(nlp, name)
