"""Concepts: the ontology as a tree under its top-level classes; a concept's page lists its papers,
evidence sentences, claims and related concepts."""

import pandas as pd
import streamlit as st

from kg import browse
from views.common import concept_link, md, paper_link, show_evidence, store, tree

handle = store()
concepts = tree(handle)
st.title("Concepts")

left, right = st.columns([2, 3], gap="large")
with left:
    roots = {concepts.concepts[r].label: r for r in concepts.roots}
    chosen = st.query_params.get("concept")
    category = st.selectbox("Top-level class", list(roots), index=list(roots).index(concepts.category_of(chosen))
                            if chosen and concepts.category_of(chosen) in roots else list(roots).index("Mechanism"))
    query = st.text_input("Filter by label or synonym", key="concept_filter").strip().lower()

    def outline(node: str, depth: int, out: list) -> None:
        c = concepts.concepts[node]
        out.append((node, "\u2003" * depth + ("• " if c.individual else "") + c.label, c.mentions, "; ".join(c.synonyms)))
        for child in c.children:
            outline(child, depth + 1, out)

    rows: list = []
    for child in concepts.concepts[roots[category]].children:
        outline(child, 0, rows)
    if query:
        rows = [r for r in rows if query in r[1].lower() or query in r[3].lower()]
    st.caption(f"{len(rows)} concepts under {category} (• a named individual); pick one to open it")
    table = pd.DataFrame([r[1:] for r in rows], columns=["concept", "mentions", "synonyms"])

    def open_picked() -> None:
        picked = st.session_state.concept_table.selection.rows
        if picked:
            st.query_params["concept"] = rows[picked[0]][0]

    st.dataframe(table, hide_index=True, on_select=open_picked, selection_mode="single-row", key="concept_table",
                 height=560, column_config={"mentions": st.column_config.NumberColumn(width="small")})

selected = st.query_params.get("concept")
with right:
    if not selected:
        st.info("Pick a concept in the tree to see its definition, papers, evidence and claims.")
        st.stop()
    try:
        page = browse.concept_page(handle, selected, concepts)
    except ValueError:
        st.error("That is not a concept's address.")
        st.stop()
    c = page.concept
    st.header(md(c.label))
    trail = []
    node = c.parents[0] if c.parents else None
    while node and node in concepts.concepts:
        trail.insert(0, concepts.concepts[node].label)
        parents = concepts.concepts[node].parents
        node = parents[0] if parents else None
    st.caption(md(" › ".join(trail + [c.label])) + f" · {c.mentions} mentions · `{c.iri}`")
    st.text(c.definition or "(no definition)")
    if c.synonyms:
        st.text("Synonyms: " + "; ".join(c.synonyms))
    if c.children:
        with st.expander(f"Narrower concepts ({len(c.children)})"):
            for child in c.children:
                concept_link(child, concepts.concepts[child].label)
    papers_tab, evidence_tab, claims_tab, related_tab = st.tabs(
        [f"Papers ({len(page.papers)})", f"Evidence ({len(page.evidence)})", f"Claims ({len(page.claims)})",
         f"Related concepts ({len(page.related)})"])
    with papers_tab:
        for paper, title, n in page.papers:
            paper_link(paper, f"{title} ({n} mentions)")
        if not page.papers:
            st.write("No paper of the corpus mentions this concept yet.")
    with evidence_tab:
        show_evidence(page.evidence, {c.iri})
    with claims_tab:
        if page.claims:
            st.dataframe(pd.DataFrame([(x.subject, x.relation, x.object, x.polarity, x.hedged, x.sentence, x.title)
                                       for x in page.claims],
                                      columns=["subject", "relation", "object", "polarity", "hedged", "sentence", "paper"]),
                         hide_index=True)
        else:
            st.write("No claim has this concept as its subject or object.")
    with related_tab:
        for other, label, n in page.related:
            concept_link(other, label, f" ({n} sentences)")
