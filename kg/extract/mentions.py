"""The spaCy component that finds mentions of ontology concepts, and of places and organisations.

Patterns are built at start-up from the ontology's vocabulary (every label, alternative and hidden
label), never from Python lists, and matched by one PhraseMatcher. Matching is insensitive to case, to
plural inflection and to hyphen spelling: each token is compared through `match_key`, which lower-cases
it and singularises it with spaCy's own English noun rules and exceptions; each hyphenated term is also
matched spelt with a space, closed up, and with the "hi- tech" break of PDF text. Acronyms (all
capitals, as in SME, FDI, GVC) keep their case, since their lower-case forms are often ordinary words;
so that headings in capitals still match, every term is also matched in capitals. A term may hold a
closing quotation mark where the source quotes its modifier (the“imbedding type”clusters). Where the
ontology gives one concept a term in the singular and another concept the same term in the plural
("global value chain", the approach; "global value chains", the chains firms join), the text's number
decides between them.

Words that name a whole category in general ("cluster", "firm", "entrepreneurship": the labels of
concepts marked ckg:generic) are matched like any term but kept apart, in the GENERIC_KEY span group:
they are no mentions (a paper that says "clusters" names no particular kind), but a claim may relate
them ("clustering follows from spin-offs").

An abbreviation a paper defines after a mention, "development zones (DZs)", is a mention of the same
concept wherever the paper uses it (`abbreviations`, `add_abbreviations`: per paper, after the parse); so
is a place the NER model names in the paper where it opens a sentence (`places_named`, `add_places`).

Names: a proper name before a kind of cluster in the singular makes one mention of a named cluster
("Zhangjiang High-Tech Park"); an actor before an actor's word names its kind ("MNE entrants"); the NER
model's places and organisations are kept where they look like real names (`is_proper_name`), and a place
it names more closely than the vocabulary does is taken whole ("North China").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.ontology import Vocabulary

MENTIONS_KEY = "clusterkg_mentions"
GENERIC_KEY = "clusterkg_generic"
# Entity labels of spaCy's English NER that name places and organisations.
NER_CATEGORIES = {"GPE": "Place", "LOC": "Place", "ORG": "Actor"}
# Penn tags of finite and base-form verbs: a match ending on one is a verb phrase, not a mention.
VERB_TAGS = {"VB", "VBD", "VBP"}
VERB_ARGUMENTS = {"nsubj", "nsubjpass", "dobj"}
HYPHENS = "-‐‑–"
CLOSING_QUOTES = {"”"}
# A term's span takes in the words before it that name a kind ("spatial knowledge spillovers", "state-level
# SEZ", "footwear clusters"), not those that grade, date, count or point (eval-dev span rule 2: "mature
# industrial cluster" is annotated "industrial cluster"). These are English words, not the domain's.
NON_KIND_MODIFIERS = frozenset("""
    mature successful unsuccessful important significant key main major principal leading existing new newly active
    early late initial current recent present future past former young old large big huge great strong weak
    rapid fast slow good bad better best poor typical specific particular certain various different other
    same similar whole entire overall general real true actual so-called further more most less many much
    several numerous few famous well-known moderate embryonic effective efficient crucial critical essential
    domestic related previous special competitive homogeneous heterogeneous additional steady stable
    simple common normal usual ordinary relative total possible appropriate suitable complex diverse broad
    wide narrow limited sufficient insufficient adequate inadequate basic fundamental direct indirect established
    powerful influential own sample sampled surveyed investigated interviewed representative
    original final continuous constant long short term dense sparse enhanced improved increased reduced
    greater lesser stronger weaker nearby unique popular pronounced such
    necessary relevant dynamic healthy vibrant thriving prosperous advanced developed above following given
    complete systematic comprehensive
    respective corresponding individual single multiple two three four five first second third last next
    increasing growing rising declining high low higher lower highest lowest vigorous remarkable notable
    positive negative close closer ongoing on-going intense prior in-depth frequent then
""".split())
# Nouns of measure or sort, no kind on their own ("low level enterprises", "the scale clusters"), though
# they end a hyphenated kind ("state-level SEZ", "large-scale" is decided by its first word).
MEASURE_NOUNS = frozenset(
    "level scale size sized type kind sort stage phase degree number amount rate share part set".split())
# Scope words that the annotation leaves out before a cluster ("local industrial cluster" is "industrial
# cluster"), though "local entrepreneurs" and "local government" keep them.
CLUSTER_SCOPE_MODIFIERS = frozenset({"local"})
# Entities that are no kind: places, nationalities, people, dates and quantities ("Italian industrial
# districts" is "industrial districts"; "Guangdong specialized towns" two mentions).
NOT_KIND_ENTITIES = frozenset({"NORP", "GPE", "LOC", "FAC", "PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL",
                               "PERCENT", "MONEY", "QUANTITY"})
# Nouns that end the name of a publication or a data source, which the NER model tags as an organisation.
DOCUMENT_NOUNS = frozenset({"report", "yearbook", "survey", "journal", "review", "census", "database", "dataset",
                            "handbook", "statistics", "bulletin", "gazette", "index"})
# Nouns that head the name of an institution, whose other words may all be common ones ("Federal Ministry
# of Education and Research", "Census Bureau"): such a name is no heading in capitals.
INSTITUTION_NOUNS = frozenset({"ministry", "department", "bureau", "agency", "commission", "council", "office",
                               "administration", "committee", "association", "federation", "institute", "university",
                               "bank", "centre", "center", "foundation", "authority", "chamber", "academy"})
# The legal form that ends a company's name ("Jierda Footwear Co., Ltd."), after a comma of its own.
LEGAL_SUFFIXES = frozenset({"co", "co.", "ltd", "ltd.", "inc", "inc.", "corp", "corp.", "llc", "plc", "gmbh", "ag"})
# Nouns of an administrative place, which may follow its name in lower case ("Puning county").
PLACE_NOUNS = frozenset({"village", "town", "township", "county", "city", "province", "prefecture", "district",
                         "municipality"})
# The year of a cited work, as in "Porter (1990)" or "Krugman (1991a)".
CITED_YEAR = re.compile(r"(1[89]|20)\d\d[a-z]?")
# Entities that name no cluster when they stand before a kind of cluster ("Porter's cluster", "Italian district").
PERSONS_AND_PEOPLES = frozenset({"PERSON", "NORP", "DATE"})
# Tokens looked at inside the brackets after a mention for the abbreviation it defines.
MAX_PARENTHESIS = 12
KIND_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod"})
LIST_ITEM_DEPS = frozenset({"conj", "appos"})
# The category of the ontology's industries and sectors, which name a kind when they stand before a term.
SECTOR = "Industry"

_NOUN_RULES: list[list[str]] = []
_NOUN_INDEX: frozenset[str] = frozenset()
_NOUN_EXCEPTIONS: dict[str, list[str]] = {}
_DICTIONARY: frozenset[str] = frozenset()  # every noun, verb, adjective and adverb the lemmatizer knows
_VERBS: frozenset[str] = frozenset()  # the verbs it knows
_ONLY_VERBS: frozenset[str] = frozenset()  # the words it knows as verbs and as nothing else ("facilitate")


def _load_noun_tables(nlp: Language) -> None:
    """Read the English lemmatizer's noun rules, exceptions and index (once per process)."""
    global _NOUN_RULES, _NOUN_INDEX, _NOUN_EXCEPTIONS, _DICTIONARY, _VERBS, _ONLY_VERBS
    if _NOUN_RULES or "lemmatizer" not in nlp.pipe_names:
        return
    lookups = nlp.get_pipe("lemmatizer").lookups
    _NOUN_RULES = lookups.get_table("lemma_rules").get("noun", [])
    index = lookups.get_table("lemma_index")
    _NOUN_INDEX = frozenset(index.get("noun", []))
    _DICTIONARY = frozenset(word for pos in ("noun", "verb", "adj", "adv") for word in index.get(pos, []))
    _VERBS = frozenset(index.get("verb", []))
    _ONLY_VERBS = _VERBS - frozenset(word for pos in ("noun", "adj", "adv") for word in index.get(pos, []))
    _NOUN_EXCEPTIONS = dict(lookups.get_table("lemma_exc").get("noun", {}))
    match_key.cache_clear()


@lru_cache(maxsize=200_000)
def match_key(text: str) -> str:
    """The form in which a token is compared: lower case and, if it looks plural, singular; an acronym
    keeps its capitals and loses a plural s (SMEs -> SME)."""
    if is_acronym(text):
        return text[:-1] if text.endswith("s") else text
    lower = text.lower().replace("’", "'")  # a typographic apostrophe is the same letter: "People’s"
    if lower in _NOUN_EXCEPTIONS:
        return _NOUN_EXCEPTIONS[lower][0]
    if len(lower) < 4 or not lower.endswith("s") or lower.endswith("ss"):
        return lower
    candidates = [lower[: -len(old)] + new for old, new in _NOUN_RULES if lower.endswith(old)]
    known = [c for c in candidates if c in _NOUN_INDEX]
    if lower in _NOUN_INDEX:
        # a plural the index also lists as a noun of its own ("services", "measures"): singular if that
        # is a noun too, so that "supporting services" matches "supporting service"
        return known[0] if known else lower
    return (known or candidates or [lower])[0]


def is_dictionary_word(word: str) -> bool:
    """A word the English lemmatizer's tables list, also as a plural they undo ("cooperation", "activities")."""
    return word.lower() in _DICTIONARY or match_key(word.lower()) in _DICTIONARY


def is_plural(word: str) -> bool:
    """A word that `match_key` singularises: "chains", "GVCs"."""
    return match_key(word) != (word if is_acronym(word) else word.lower())


def is_acronym(token_text: str) -> bool:
    """Two or more letters, all capitals but for a final plural s: SME, SMEs, S&T, R&D."""
    letters = [c for c in token_text.removesuffix("s") if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def spelling_variants(term: str) -> set[str]:
    """The term as written, each hyphenated word spelt open, closed and with a broken hyphen, and a term of
    two open words hyphenated ("knowledge-sharing")."""
    variants = {term}
    if any(h in term for h in HYPHENS):
        pattern = re.compile(f"\\s*[{HYPHENS}]\\s*")
        variants |= {pattern.sub(" ", term), pattern.sub("", term), pattern.sub("- ", term)}
    elif len(term.split()) == 2:
        variants.add("-".join(term.split()))
    return {" ".join(v.split()) for v in variants if v.strip()}


class MentionFinder:
    """Matches vocabulary terms, keeps noun phrases only, and adds NER places and organisations."""

    def __init__(self, nlp: Language, name: str, use_ner: bool) -> None:
        self.name = name
        self.use_ner = use_ner
        self.phrases = PhraseMatcher(nlp.vocab, attr="NORM")
        self.nlp = nlp
        self.vocabulary: Vocabulary | None = None
        # per concept, the match keys of its terms written in the plural, and in the singular
        self.numbers: dict[str, dict[bool, set[tuple[str, ...]]]] = {}
        _load_noun_tables(nlp)

    def set_vocabulary(self, vocabulary: Vocabulary) -> None:
        """Build the patterns: one per spelling variant of every term; the match id is the concept IRI."""
        self.vocabulary = vocabulary
        self.numbers = {}
        patterns: dict[str, dict[tuple[str, ...], Doc]] = {}
        for term in vocabulary:
            for variant in spelling_variants(term.text) | {v.upper() for v in spelling_variants(term.text)}:
                doc = self.nlp.make_doc(variant)
                set_match_keys(doc)
                key = tuple(t.norm_ for t in doc)
                patterns.setdefault(term.concept, {})[key] = doc
                self.numbers.setdefault(term.concept, {}).setdefault(is_plural(doc[-1].text), set()).add(key)
        for concept, docs in patterns.items():
            self.phrases.add(concept, list(docs.values()))

    def __call__(self, doc: Doc) -> Doc:
        set_match_keys(doc)
        matches = [Span(doc, start, end, label=self._category(key), span_id=key) for key, start, end in self.phrases(doc)]
        matches = self._by_number(matches + self._across_closing_quotes(doc))
        spans = heads_first([s for s in matches if is_noun_phrase(s)])
        if self.use_ner:
            # (a capitalised general word ends a place's name: "Lucheng District")
            named_terms = [s for s in spans if not (self._generic(s) and s[0].text[:1].isupper())]
            entities = [s for s in self._entities(doc) if not overlaps(s, spans) or _widens_places(s, named_terms)
                        or _names_institution(s, spans)]
            spans = filter_spans(spans + entities)
        # (a sector before a term names its kind: "manufacturing industry agglomeration", "IT industry clusters")
        named = {i for s in spans if s.id_ and not self._generic(s) and s.label_ != SECTOR for i in range(s.start, s.end)}
        sectors = {s.end - 1: s.start for s in spans if s.label_ == SECTOR}
        spans = filter_spans([with_kind_modifiers(s, named, sectors, self._generic(s)) if s.id_ and s.label_ != "Place" else s
                              for s in spans])
        # a proper name before a kind of cluster in the singular names one cluster: "Zhangjiang High-Tech Park"
        spans = filter_spans([with_proper_name(s, spans) if s.label_ == "Cluster" else s for s in spans])
        # an actor before an actor's word names its kind: "MNE entrants", "multinational corporation affiliates"
        spans = filter_spans([with_actor_kind(s, spans) if s.label_ == "Actor" and s.id_ else s for s in spans])
        spans = self._with_named_cluster_before(spans)
        # a general word with a kind before it names that kind: "footwear clusters", "indigenous firms"
        generic = {s for s in spans if self._generic(s) and not kind_modified(s)}
        doc.spans[MENTIONS_KEY] = sorted((s for s in spans if s not in generic), key=lambda s: s.start)
        doc.spans[GENERIC_KEY] = sorted(generic, key=lambda s: s.start)
        return doc

    def _by_number(self, matches: list[Span]) -> list[Span]:
        """Where one concept has a term in the singular and another the same term in the plural ("global
        value chain", the approach; "global value chains", the chains firms join), the text's number
        decides which concept a match names; a singular after "the" that heads its noun phrase names one
        of the things ("firms embed into the global value chain"), unlike "the global value chain approach"."""
        by_place: dict[tuple[int, int], list[Span]] = {}
        for span in matches:
            by_place.setdefault((span.start, span.end), []).append(span)
        kept = []
        for spans in by_place.values():
            if len(spans) > 1:
                plural = is_plural(spans[0][-1].text) or _definite_head(spans[0])
                key = tuple(t.norm_ for t in spans[0])
                spans = [s for s in spans if key in self.numbers.get(s.id_, {}).get(plural, ())] or spans
            kept.extend(spans)
        return kept

    def _with_named_cluster_before(self, spans: list[Span]) -> list[Span]:
        """A named cluster before a general word for clusters is one mention of it: "the Silicon Valley
        cluster" (eval-dev span rule 1: the longest meaningful span)."""
        named = {s.end: s for s in spans if s.label_ == "Cluster" and s.id_ and not self._generic(s)}
        joined = {s: named[s.start] for s in spans
                  if s.label_ == "Cluster" and self._generic(s) and not kind_modified(s) and s.start in named}
        if not joined:
            return spans
        kept = [s for s in spans if s not in joined and s not in joined.values()]
        wholes = [Span(s.doc, name.start, s.end, label=name.label_, span_id=name.id_, kb_id=name.kb_id)
                  for s, name in joined.items()]
        return sorted(kept + wholes, key=lambda s: s.start)

    def _generic(self, span: Span) -> bool:
        concept = self.vocabulary.concepts.get(span.id_) if self.vocabulary and span.id_ else None
        return concept is not None and concept.generic

    def _across_closing_quotes(self, doc: Doc) -> list[Span]:
        """Terms with a closing quotation mark inside, where the source quotes a modifier: the“imbedding
        type”clusters, "spontaneous and endogenous” clusters". The phrases are matched once more with such
        marks left out, in a copy of the words, and only the matches that span one are kept. An opening mark
        inside ("traditional “industrial cluster”") quotes the head, which is the term."""
        text = doc.text  # built from the tokens on each access
        if not any(q in text for q in (*CLOSING_QUOTES, '"')):  # most paragraphs: no token loop
            return []
        gaps = {t.i for t in doc if _closes_quoted_modifier(t)}
        if not gaps:
            return []
        kept = [t.i for t in doc if t.i not in gaps]
        words = Doc(doc.vocab, words=[doc[i].text for i in kept])
        for word, i in zip(words, kept):
            word.norm_ = doc[i].norm_
        return [Span(doc, kept[start], kept[end - 1] + 1, label=self._category(key), span_id=key)
                for key, start, end in self.phrases(words) if kept[end - 1] + 1 - kept[start] > end - start]

    def _category(self, concept_key: int) -> str:
        concept = self.nlp.vocab.strings[concept_key]
        return self.vocabulary.concepts[concept].category if self.vocabulary else ""

    @staticmethod
    def _entities(doc: Doc) -> Iterator[Span]:
        for ent in doc.ents:
            if ent[0].tag_ == "DT" and len(ent) > 1:  # "the Taiwan Strait": the article is no part of the name
                ent = Span(doc, ent.start + 1, ent.end, label=ent.label_)
            if ent.label_ == "ORG":
                ent = Span(doc, ent.start, _legal_form_end(doc, ent.end), label=ent.label_)
            if ent.label_ in NER_CATEGORIES and is_proper_name(ent):
                yield Span(doc, ent.start, ent.end, label=NER_CATEGORIES[ent.label_], span_id="")


def _ends_on_legal_form(entity: Span) -> bool:
    """A company's name that ends on its legal form, "Co., LTD." ("LTD" and "." may be two tokens)."""
    last = entity[-2] if len(entity) > 1 and entity[-1].text == "." else entity[-1]
    return last.lower_ in LEGAL_SUFFIXES


def _legal_form_end(doc: Doc, end: int) -> int:
    """Where a company's name ends that the NER model cut before its legal form: "Jierda Footwear Co." |
    ", LTD." (with the full stop the abbreviation takes)."""
    while end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in LEGAL_SUFFIXES:
        end += 2
        if not doc[end - 1].lower_.endswith(".") and end < len(doc) and doc[end].text == "." \
                and not doc[end - 1].whitespace_:
            end += 1
    return end


def heads_first(spans: Iterable[Span]) -> list[Span]:
    """filter_spans, except that of two overlapping terms as long, the one that modifies the other's head
    yields to it: "industrial cluster effect" is a cluster effect of a kind, not an industrial cluster
    ("industrial district theory of clusters" stays a theory of industrial districts)."""
    spans = list(spans)
    modifiers = {a for a in spans for b in spans
                 if a is not b and len(a) == len(b) and a.start < b.start < a.end and a.root.head == b.root
                 and a.root != b.root and not _verb_read_as_noun(b.root)}
    return filter_spans([s for s in spans if s not in modifiers])


def with_actor_kind(span: Span, spans: Iterable[Span]) -> Span:
    """An actor's word with another actor before it that modifies it, as one mention of the kind of actor
    the first names: "MNE entrants", "OECD firms", "multinational corporation affiliates"."""
    before = next((s for s in spans if s.end == span.start and s.label_ == "Actor"), None)
    if before is None or before.root.dep_ not in KIND_MODIFIER_DEPS or before.root.head != span.root:
        return span
    return Span(span.doc, before.start, span.end, label=span.label_, span_id=span.id_, kb_id=KIND_MODIFIED)


def _verb_read_as_noun(word: Token) -> bool:
    """The verb of a sentence the parser read as a noun phrase ("Mature industrial clusters decline."); not an
    item of a list, which a line of key words without a verb is ("industrial clustering effect, policy rents")."""
    return word.lower_ in _VERBS and word.sent.root.pos_ not in ("VERB", "AUX") and word.dep_ not in LIST_ITEM_DEPS


def _widens_places(entity: Span, spans: Iterable[Span]) -> bool:
    """A place the NER model finds around places of the vocabulary, which it names more closely: "North
    China", "the Taiwan Strait"."""
    return entity.label_ == "Place" and all(s.label_ == "Place" and _strictly_within(s, entity)
                                            for s in spans if overlaps(s, [entity]))


def _strictly_within(span: Span, entity: Span) -> bool:
    return entity.start <= span.start and span.end <= entity.end and len(span) < len(entity)


def _one_word(span: Span) -> bool:
    """A span written as one word, its tokens joined by hyphens without spaces: "start-up"."""
    return not any(t.whitespace_ for t in span[:-1])


def _modifies_noun_after(span: Span) -> bool:
    """The span's head modifies a noun after the span, as an adjective or a compound does."""
    root = span.root
    return root.dep_ in ("amod", "compound") and root.head.i >= span.end and root.head.pos_ in ("NOUN", "PROPN")


def _names_institution(entity: Span, spans: Iterable[Span]) -> bool:
    """An organisation the NER model finds around terms of the vocabulary, which is one actor whose name
    holds them (eval-dev span rule 1: no place inside a longer term): "the Bank of England", "the UK
    Department of Trade and Industry", "China Aolun Shoes Co., Ltd.". Its head is a noun of an institution,
    or it ends on a company's legal form."""
    named = entity.root.lower_ in INSTITUTION_NOUNS or _ends_on_legal_form(entity)
    return (entity.label_ == "Actor" and len(entity) > 1 and named
            and all(_strictly_within(s, entity) for s in spans if overlaps(s, [entity])))


def _definite_head(span: Span) -> bool:
    """A noun phrase "the ..." that the span ends: its last word modifies no noun after it."""
    last = span[-1]
    return (span.start > 0 and span.doc[span.start - 1].lower_ == "the"
            and not (last.dep_ in KIND_MODIFIER_DEPS and last.head.i > last.i))


def set_match_keys(doc: Doc) -> None:
    """Put each token's match key in its NORM. Runs after the trained components, which read NORM."""
    for token in doc:
        # every dash that joins words is the same hyphen: "supplier–buyer linkages"
        token.norm_ = "-" if token.text in HYPHENS else match_key(token.text)
        # the plural of a short word after a hyphen: "start-ups", "spin-ups" (too short for match_key)
        if (len(token) == 3 and token.lower_.endswith("s") and not token.lower_.endswith("ss") and token.i > 0
                and token.nbor(-1).text in HYPHENS and not token.nbor(-1).whitespace_):
            token.norm_ = token.lower_[:-1]


def with_kind_modifiers(span: Span, taken: Collection[int] = (), sectors: Mapping[int, int] | None = None,
                        general: bool = False) -> Span:
    """The mention with the words before it in its noun phrase that name a kind (see NON_KIND_MODIFIERS):
    modifiers of a word of the phrase, a hyphenated one whole ("state-level SEZ", "government-led
    industrial agglomeration"), two coordinated adjectives together ("indigenous and foreign MNEs"), a
    sector's name whole ("producer services industry agglomeration"; `sectors` maps the last token of
    each sector mention to its first). Not over another mention (the token indices `taken`), and not a noun
    before an adjective of the phrase, which English does not do ("entrepreneurial mechanism simple
    imitation" is a misparse)."""
    doc = span.doc
    start = span.start
    sectors = sectors or {}
    if paired := _kind_paired_with(doc[start], span, start, taken):  # the term's first word may be the second kind
        start = paired[0].i
    while start > span.sent.start:
        if start - 1 in sectors and sectors[start - 1] >= span.sent.start:
            unit = list(doc[sectors[start - 1]:start])  # (its plural words too: "producer services")
        else:
            unit = _hyphenated_word_before(doc, start, span.sent.start)
        if not _names_kind(unit, span, start, general) or (len(unit) == 1 and unit[0].i in taken):
            break  # (a mention inside a hyphenated modifier is part of it: "government-led")
        if len(unit) == 1 and unit[-1].pos_ in ("NOUN", "PROPN") and doc[start].pos_ == "ADJ":
            break  # (a hyphenated compound is an adjective: "state-level urban agglomeration")
        if unit[-1].dep_ == "conj":  # "indigenous and foreign MNEs"
            unit = _kind_paired_with(unit[-1], span, start, taken)
            if not unit:
                break
        start = unit[0].i
    if start == span.start:
        return span
    return Span(doc, start, span.end, label=span.label_, span_id=span.id_, kb_id=KIND_MODIFIED)


KIND_MODIFIED = "kind-modified"


def with_proper_name(span: Span, spans: Iterable[Span]) -> Span:
    """A kind of cluster in the singular with the proper name before it, as one mention of a named cluster:
    "the Zhangjiang High-Tech Park", "Suzhou industrial estate" (eval-dev span rule 1: a place inside a
    longer term gets no mention of its own). In the plural the name is a place and the term a kind: "the
    Guangdong specialized towns". The name's words are proper nouns of the phrase that name no person,
    nationality or date, and no other mention but a place."""
    if is_plural(span[-1].text):
        return span
    doc = span.doc
    others = {i for s in spans if s.label_ != "Place" and s != span for i in range(s.start, s.end)}
    start = span.start
    while start > span.sent.start:
        word = doc[start - 1]
        # (a person's name the NER model stretches over the term is none: "Zhangjiang High-Tech Park")
        person = word.ent_type_ in PERSONS_AND_PEOPLES and doc[span.start].ent_iob_ != "I"
        if not (word.pos_ == "PROPN" and word.text[:1].isupper() and not person
                and word.dep_ in KIND_MODIFIER_DEPS and span.start <= word.head.i < span.end and word.i not in others):
            break
        start -= 1
    if start == span.start:
        return span
    return Span(doc, start, span.end, label=span.label_, span_id=span.id_, kb_id=KIND_MODIFIED)


def kind_modified(span: Span) -> bool:
    return span.kb_id_ == KIND_MODIFIED


def _hyphenated_word_before(doc: Doc, end: int, floor: int) -> list[Token]:
    """The tokens of the word that ends just before `end`, a hyphenated one whole ("state - level")."""
    first = end - 1
    if doc[first].text in HYPHENS and not doc[first].whitespace_ and first - 1 >= floor and not doc[first - 1].whitespace_:
        first -= 1  # the term begins inside a hyphenated word: "non-returnee firms"
    # (a space may follow the hyphen where a PDF broke the word: "large- scale")
    while first - 2 >= floor and doc[first - 1].text in HYPHENS and not doc[first - 2].whitespace_:
        first -= 2
    return list(doc[first:end])


def _kind_paired_with(second: Token, span: Span, start: int, taken: Collection[int]) -> list[Token]:
    """The words of the first of two coordinated kinds when `second` is the second ("indigenous" for
    "foreign" in "indigenous and foreign MNEs"); empty when there is none or it names no kind."""
    first = _first_conjunct(second)
    if first is None:
        return []
    unit = _hyphenated_word_before(second.doc, first.i + 1, span.sent.start)
    return unit if _names_kind(unit, span, start) and not any(t.i in taken for t in unit) else []


def _first_conjunct(word: Token) -> Token | None:
    """The first of two coordinated adjectives, when `word` is the second and only a coordinator or a comma
    stands between them ("indigenous and foreign"). Not nouns: "cost and cluster effect" is mostly two
    noun phrases the parser glued."""
    if word.dep_ != "conj" or word.head.i >= word.i or word.head.pos_ != "ADJ":
        return None
    between = word.doc[word.head.i + 1:word.i]
    return word.head if between and all(t.dep_ == "cc" or t.text in (",", "，") for t in between) else None


def _names_kind(unit: list[Token], span: Span, start: int, general: bool = False) -> bool:
    words = [t for t in unit if t.text not in HYPHENS]
    if not words:
        return False
    last = words[-1]  # (a term may begin inside a hyphenated word: "Agro-[Taobao villages]")
    head = last.head if last.dep_ != "conj" else last.head.head  # a second conjunct modifies what the first does
    # the head is a word of the phrase, or the noun the term modifies ("an extended [knowledge production
    # function] framework": the parser hangs the adjective on "framework")
    phrase_end = span.end + 1 if span.root.dep_ == "compound" and span.root.head.i == span.end else span.end
    if not ((last.dep_ in KIND_MODIFIER_DEPS or last.dep_ == "conj") and start <= head.i < phrase_end):
        return False
    if len(unit) == 1 and (last.pos_ not in ("ADJ", "NOUN", "PROPN") and last.tag_ != "VBN" and not _activity_noun(last)
                           or last.tag_ == "NNS" and not general):
        return False  # a plural before a term is mostly a misparse ("the conditions government provided"),
        # but names the kind of a general word ("wireless communications cluster")
    if len(unit) == 1 and (_verb_read_as_noun(last) or last.lower_ in _ONLY_VERBS):
        return False  # "Industrial clusters foster innovation", "(to) facilitate technology dissemination"
    if any(t.like_num or t.ent_type_ in NOT_KIND_ENTITIES for t in words):
        return False
    if last.tag_ in ("JJR", "JJS", "RBR", "RBS"):
        return False  # a comparative or superlative grades: "the largest high technology cluster"
    # a hyphenated word is graded by its first part ("large-scale", but "location-specific", "labour-intensive")
    if words[0].lower_ in NON_KIND_MODIFIERS or "".join(t.lower_ for t in unit) in NON_KIND_MODIFIERS:
        return False
    if len(words) == 1 and last.lower_ in MEASURE_NOUNS:
        return False
    return not (span.label_ == "Cluster" and last.lower_ in CLUSTER_SCOPE_MODIFIERS)


def _activity_noun(token: Token) -> bool:
    """A word in -ing that the dictionary lists as a noun, an activity or sector ("manufacturing",
    "processing"), though the tagger reads it as a verb; not a participle ("forming", "advocating")."""
    return token.tag_ == "VBG" and token.lower_ in _NOUN_INDEX


def _closes_quoted_modifier(token: Token) -> bool:
    """A closing double quotation mark between two words: 'type” clusters'."""
    if token.text not in CLOSING_QUOTES and not (token.text == '"' and token.tag_ == "''"):
        return False
    doc = token.doc
    return 0 < token.i < len(doc) - 1 and doc[token.i - 1].is_alpha and doc[token.i + 1].is_alpha


def is_noun_phrase(span: Span) -> bool:
    """False for a match that ends on a verb ("to upgrade", "government supports SMEs"), is a lone
    common noun modifying another noun ("government documents") or an actor so used ("local government
    behavior") or a place inside an amount of money: the vocabulary names things, and such uses do not."""
    last = span[-1]
    if last.tag_ in VERB_TAGS:
        return False
    # the tagger calls some plural nouns VBZ ("spillovers"); a VBZ with a subject or object is a verb
    if last.tag_ == "VBZ" and any(child.dep_ in VERB_ARGUMENTS for child in last.children):
        return False
    modifies_next_noun = last.tag_ in ("NN", "NNS") and last.dep_ == "compound" and last.head.i > last.i
    if modifies_next_noun and len(span) == 1:
        return False
    if _one_word(span) and len(span) > 1 and _modifies_noun_after(span):
        return False  # so is a hyphenated word: "start-up capital", "start-up loans"
    # so is an actor's name used attributively ("local government behavior", eval-dev's rule for
    # "government"), unless the noun after it may be a verb the small model misread ("local government step in")
    if (modifies_next_noun and span.label_ == "Actor"
            and last.head.lemma_.lower() not in _VERBS and last.head.lower_ not in _VERBS):
        return False
    if span.label_ == "Place" and any(t.ent_type_ == "MONEY" for t in span):
        return False  # a currency's country ("20 billion U.S. dollars") is no place of the text
    # a match that opens with a verb in a clause of its own is a verb phrase: "services can inspire
    # entrepreneurial motivation" (the noun phrase would be "inspiring entrepreneurial motivation")
    first = span[0]
    # (not VBZ, which the tagger gives to plural nouns, nor "to" + VB, which it gives to "to function district")
    if first.tag_ in ("VB", "VBP", "VBD") and any(c.dep_ == "nsubj" or c.tag_ == "MD" for c in first.children):
        return False
    return True


def is_proper_name(entity: Span) -> bool:
    """Whether an entity of the small English NER model looks like a real name. In academic text the
    model often tags headings, table cells, citations and cited authors: a name starts with a capital,
    holds no digits or brackets, and is not a single dictionary word ("Conclusion", "Network"); a single
    word tagged as an organisation must be an acronym (CNKI), since single capitalised words so tagged
    are mostly cited authors' surnames, and an organisation's name holds a word that is no common word
    (titles in capitals are tagged as organisations). A name holds no comma (a keyword line "Clusters,
    Policy, Reform" is a list) and ends on a capitalised word (a heading cut off at "... Policies to" is
    none)."""
    # (the comma before a company's legal form is part of its name)
    text = "".join(t.text_with_ws for t in entity
                   if not (t.text == "," and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ in LEGAL_SUFFIXES)).strip()
    if not text[:1].isupper() or any(c.isdigit() or c in "()[];,，" for c in text):
        return False
    if not entity[-1].text[:1].isupper() and not _ends_on_legal_form(entity) and not (
            NER_CATEGORIES[entity.label_] == "Place" and len(entity) > 1 and entity[-1].lower_ in PLACE_NOUNS):
        return False  # (but a place's name may end on its kind in lower case: "Lirendong village")
    if NER_CATEGORIES[entity.label_] == "Actor" and all(
            t.lower_ in _DICTIONARY or t.is_stop or not t.is_alpha or len(t) == 1 for t in entity) and not (
            len(entity) > 1 and entity.root.lower_ in INSTITUTION_NOUNS):
        return False  # a title or heading in capitals ("City-Level Panel Data", "I. INTRODUCTION")
    if NER_CATEGORIES[entity.label_] == "Actor" and entity[-1].lemma_.lower() in DOCUMENT_NOUNS:
        return False  # a publication, not an organisation that acts ("Zhangjiang Development Report")
    if _cites(entity):
        return False  # an author: "Combes et al. (2012)", "Porter (1990) argued"
    if len(entity) == 1:
        if text.lower() in _DICTIONARY and not _place_name_in_sentence(entity):
            return False
        if NER_CATEGORIES[entity.label_] == "Actor" and not is_acronym(text):
            return False
    return True


def _cites(entity: Span) -> bool:
    """A name followed by "et al." or by a year in brackets, as the author of a cited work is."""
    after = entity.doc[entity.end:entity.end + 2]
    return (len(after) == 2 and (after[0].lower_ == "et" and after[1].lower_.startswith("al")
                                 or after[0].text in ("(", "（") and bool(CITED_YEAR.fullmatch(after[1].text))))


def _place_name_in_sentence(entity: Span) -> bool:
    """A place the dictionary also lists ("Hungary", "Spain", "Turkey") inside a sentence, where the tagger
    reads it as a proper noun; a heading, a table cell or a sentence's first word may be a capitalised
    common noun, and an acronym an abbreviated term ("IO", "LP")."""
    word = entity[0]
    return (NER_CATEGORIES[entity.label_] == "Place" and word.pos_ == "PROPN" and not is_acronym(word.text)
            and not word.is_sent_start and not word.nbor(-1).is_space)


def abbreviations(docs: Iterable[Doc]) -> dict[str, tuple[str, str]]:
    """The abbreviations a paper defines for its mentions, "development zones (DZs)": each abbreviation's
    match key with the (concept, category) of the mention it follows. Its letters must appear, in order, in
    the mention's words, the first as their first letter (the rule of Schwartz and Hearst, 2003), so
    "China (CPC)" defines nothing."""
    table: dict[str, tuple[str, str]] = {}
    for doc in docs:
        for span in doc.spans[MENTIONS_KEY]:
            if not span.id_ or span.end + 3 > len(doc) or doc[span.end].text not in ("(", "（"):
                continue
            inside = doc[span.end + 1:span.end + 1 + MAX_PARENTHESIS]
            closing = next((t.i for t in inside if t.text in (")", "）")), None)
            if closing is None:
                continue
            # the abbreviation opens or closes the brackets: "(FDI)", "(hereafter FDI)", "(in German: ...; LECC)"
            for short in (doc[span.end + 1], doc[closing - 1]):  # (the opening one first, if both could be)
                if is_acronym(short.text) and _abbreviates(short.text, span.text):
                    table.setdefault(match_key(short.text), (span.id_, span.label_))
    return table


def _abbreviates(short: str, long: str) -> bool:
    letters = [c.lower() for c in short.removesuffix("s") if c.isalpha()]
    words = long.lower()
    if not letters or letters[0] != words[:1]:
        return False
    position = 0
    for letter in letters:
        position = words.find(letter, position)
        if position < 0:
            return False
        position += 1
    return True


def add_abbreviations(doc: Doc, table: dict[str, tuple[str, str]]) -> bool:
    """Mark the uses of the paper's abbreviations in `doc` as mentions of their concepts ("DZs promote
    ..."), where no term of the vocabulary covers them; the paper's definition outweighs the NER model's
    guess ("ZJHP" tagged as an organisation). True when any was added."""
    if not table:
        return False
    terms = [span for span in (*doc.spans[MENTIONS_KEY], *doc.spans[GENERIC_KEY]) if span.id_]
    taken = {i for span in terms for i in range(span.start, span.end)}
    found = [Span(doc, t.i, t.i + 1, label=table[t.norm_][1], span_id=table[t.norm_][0])
             for t in doc if t.norm_ in table and t.i not in taken and is_acronym(t.text)]
    return _replace_entities(doc, found)


def places_named(docs: Iterable[Doc]) -> set[str]:
    """The one-word places the NER model names in a paper, as written ("London", "Wenzhou")."""
    return {span.text for doc in docs for span in doc.spans[MENTIONS_KEY]
            if span.label_ == "Place" and not span.id_ and len(span) == 1}


def add_places(doc: Doc, places: set[str]) -> bool:
    """Mark the paper's places where a sentence of `doc` opens with one as a proper noun, which the NER
    model's place is not trusted to be there (a capitalised dictionary word, "London", "Reading", may be a
    common one). True when any was added."""
    if not places:
        return False
    taken = {i for key in (MENTIONS_KEY, GENERIC_KEY) for span in doc.spans[key] for i in range(span.start, span.end)}
    found = [Span(doc, t.i, t.i + 1, label="Place") for t in doc
             if t.is_sent_start and t.text in places and t.i not in taken and t.pos_ == "PROPN"]
    if found:
        doc.spans[MENTIONS_KEY] = sorted([*doc.spans[MENTIONS_KEY], *found], key=lambda s: s.start)
    return bool(found)


def short_names(docs: Iterable[Doc]) -> dict[str, Span]:
    """The short names a paper can use for its proper names of two words or more: each name's head word, a
    capitalised common noun ("City" of "City of London", "Valley" of "Silicon Valley", "Delta" of "Pearl
    River Delta"), with the name's mention. A head that two names share is no short name, nor is a name in
    a heading, where every word is capitalised."""
    table: dict[str, Span] = {}
    shared: set[str] = set()
    for doc in docs:
        for span in doc.spans[MENTIONS_KEY]:
            head = span.root
            if len(span) < 2 or not span[0].text[:1].isupper() or not head.text.istitle() \
                    or not is_dictionary_word(head.text) or _title_case(span.sent):
                continue
            known = table.setdefault(head.text, span)
            if (known.id_ or known.text, known.label_) != (span.id_ or span.text, span.label_):
                shared.add(head.text)
    return {head: span for head, span in table.items() if head not in shared}


def add_short_names(doc: Doc, table: Mapping[str, Span]) -> bool:
    """Mark the uses of the paper's short names in `doc` ("the City", "the Valley") as mentions of the names
    they stand for; a new individual's name rides in the span's kb_id. True when any was added."""
    if not table:
        return False
    taken = {i for key in (MENTIONS_KEY, GENERIC_KEY) for span in doc.spans[key] if span.id_
             for i in range(span.start, span.end)}
    found = [Span(doc, t.i, t.i + 1, label=table[t.text].label_, span_id=table[t.text].id_,
                  kb_id="" if table[t.text].id_ else " ".join(table[t.text].text.split()))
             for t in doc if t.text in table and t.i not in taken and t.i > 0 and doc[t.i - 1].lower_ == "the"
             and not _name_goes_on(t) and not _title_case(t.sent)]
    return _replace_entities(doc, found)


def _name_goes_on(token: Token) -> bool:
    """Whether a longer name goes on after the word: "the City of Westminster", "the City Corporation"."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return following is not None and (following.lower_ == "of" or following.text[:1].isupper() and following.is_alpha)


def _title_case(sentence: Span) -> bool:
    """A heading or title: all its words but the small ones are capitalised."""
    words = [t for t in sentence if t.is_alpha and not t.is_stop]
    return len(words) > 2 and all(t.text[:1].isupper() for t in words)


def _replace_entities(doc: Doc, found: list[Span]) -> bool:
    """Add `found` to the mentions of `doc`, in place of the NER mentions they overlap. True when any."""
    if found:
        kept = [span for span in doc.spans[MENTIONS_KEY] if span.id_ or not overlaps(span, found)]
        doc.spans[MENTIONS_KEY] = sorted([*kept, *found], key=lambda s: s.start)
    return bool(found)


def overlaps(span: Span, others: Iterable[Span]) -> bool:
    return any(span.start < o.end and o.start < span.end for o in others)


@Language.factory("clusterkg_mentions", default_config={"use_ner": True}, assigns=["doc.spans"])
def make_mention_finder(nlp: Language, name: str, use_ner: bool) -> MentionFinder:
    return MentionFinder(nlp, name, use_ner)
