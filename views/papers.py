"""Papers: metadata, abstract, the concepts and claims in context, references and cited-by."""

import pandas as pd
import streamlit as st

from kg import browse
from kg.errors import ClusterKGError
from views.common import concept_link, md, paper_link, show_evidence, store

handle = store()
st.title("Papers")
summaries = browse.papers(handle)
if not summaries:
    st.info("The corpus has no papers yet: add some on the *Add papers* page.")
    st.stop()
by_iri = {p.iri: p for p in summaries}
current = st.query_params.get("paper")
if current not in by_iri:
    current = summaries[0].iri
options = list(by_iri)
choice = st.selectbox("Paper", options, index=options.index(current),
                      format_func=lambda i: f"{by_iri[i].title} ({by_iri[i].year or 'n.d.'})")
if choice != st.query_params.get("paper"):
    st.query_params["paper"] = choice
try:
    page = browse.paper_page(handle, choice)
except ClusterKGError as e:
    st.error(str(e))
    st.stop()
p = page.summary
st.header(md(p.title))
facts = [", ".join(page.authors), str(p.year or ""), page.venue, f"DOI {page.doi}" if page.doi else ""]
st.caption(md(" · ".join(f for f in facts if f)))
st.caption(md(f"{p.file} ({page.source_format}) · {p.mentions} mentions · {len(page.claims)} claims"))
if page.keywords:
    st.text("Keywords: " + "; ".join(page.keywords))
if page.abstract:
    st.subheader("Abstract")
    st.text(page.abstract)

concepts_tab, claims_tab, references_tab, cited_tab = st.tabs(
    [f"Concepts in context ({len(page.evidence)} sentences)", f"Claims ({len(page.claims)})",
     f"References ({len(page.references)})", f"Cited by ({len(page.cited_by)})"])
with concepts_tab:
    counts: dict[tuple[str, str], int] = {}
    for e in page.evidence:
        for m in e.marks:
            counts[(m.concept, m.label)] = counts.get((m.concept, m.label), 0) + 1
    with st.expander(f"{len(counts)} concepts mentioned"):
        for (concept, label), n in sorted(counts.items(), key=lambda x: -x[1])[:60]:
            concept_link(concept, label, f" ({n})")
    shown = st.slider("Sentences shown", 10, max(10, len(page.evidence)), min(40, max(10, len(page.evidence))), step=10) \
        if len(page.evidence) > 10 else len(page.evidence)
    show_evidence(page.evidence[:shown], link_papers=False)
with claims_tab:
    if page.claims:
        st.dataframe(pd.DataFrame([(c.subject, c.relation, c.object, c.polarity, c.hedged, c.sentence) for c in page.claims],
                                  columns=["subject", "relation", "object", "polarity", "hedged", "evidence"]), hide_index=True)
    else:
        st.write("No claims were extracted from this paper.")
with references_tab:
    for r in page.references:
        if r.paper:
            paper_link(r.paper, r.text + " — in the corpus")
        else:
            st.text(r.text)
with cited_tab:
    for paper, title in page.cited_by:
        paper_link(paper, title)
    if not page.cited_by:
        st.write("No paper of the corpus cites this one.")
