"""Synthesis: the evidence matrix of two top-level classes as a heat map whose cells open their
evidence sentences, with CSV export; the concept co-occurrence network; a timeline of concepts."""

import csv
import io

import altair as alt
import networkx as nx
import pandas as pd
import streamlit as st

from kg import browse
from views.common import COLOURS, concept_link, show_evidence, store

handle = store()
st.title("Synthesis")
classes = browse.categories(handle)
matrix_tab, network_tab, timeline_tab = st.tabs(["Evidence matrix", "Co-occurrence network", "Timeline"])

with matrix_tab:
    a, b, c = st.columns([2, 2, 1])
    rows_class = a.selectbox("Rows", classes, index=classes.index("Mechanism") if "Mechanism" in classes else 0)
    columns_class = b.selectbox("Columns", classes, index=classes.index("Cluster") if "Cluster" in classes else 0)
    top = c.number_input("Concepts per axis", 3, 40, 15)
    matrix = browse.evidence_matrix(handle, rows_class, columns_class, int(top))
    if not matrix.counts:
        st.info(f"No sentence mentions both a {rows_class.lower()} and a {columns_class.lower()} concept yet.")
    else:
        labels = dict(matrix.rows) | dict(matrix.columns)
        cells = pd.DataFrame([(labels[r], labels[k], n, r, k) for (r, k), n in matrix.counts.items()],
                             columns=[rows_class, columns_class, "sentences", "row", "column"])
        st.caption(f"Sentences that mention both concepts; {len(matrix.rows)} × {len(matrix.columns)} most frequent. "
                   "Click a cell, or pick it below, to read its evidence.")
        pick = alt.selection_point(fields=["row", "column"], name="cell")
        heat = alt.Chart(cells).mark_rect(stroke="white").encode(
            x=alt.X(f"{columns_class}:N", sort=[l for _, l in matrix.columns], axis=alt.Axis(labelAngle=-40, labelLimit=180, labelOverlap=False)),
            y=alt.Y(f"{rows_class}:N", sort=[l for _, l in matrix.rows], axis=alt.Axis(labelLimit=220, labelOverlap=False)),
            color=alt.Color("sentences:Q", scale=alt.Scale(scheme="orangered")),
            tooltip=[rows_class, columns_class, "sentences"],
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.55)),
        ).add_params(pick).properties(height=alt.Step(26))
        text = alt.Chart(cells).mark_text(fontSize=11).encode(
            x=alt.X(f"{columns_class}:N", sort=[l for _, l in matrix.columns]),
            y=alt.Y(f"{rows_class}:N", sort=[l for _, l in matrix.rows]), text="sentences:Q")
        keys = [f"{r}|{k}" for (r, k) in sorted(matrix.counts, key=lambda x: -matrix.counts[x])]

        def open_clicked() -> None:
            chosen = st.session_state.matrix_chart.selection.get("cell") or []
            if chosen and f"{chosen[0]['row']}|{chosen[0]['column']}" in keys:
                st.session_state.cell = f"{chosen[0]['row']}|{chosen[0]['column']}"

        st.altair_chart(heat + text, on_select=open_clicked, selection_mode="cell", key="matrix_chart")
        buffer = io.StringIO()
        csv.writer(buffer).writerows(matrix.as_table())
        st.download_button("Download the matrix as CSV", buffer.getvalue(), file_name=f"evidence-{rows_class}-{columns_class}.csv".lower().replace(" ", "-"),
                           mime="text/csv", icon=":material/download:")
        if st.session_state.get("cell") not in keys:
            st.session_state.cell = None
        cell = st.selectbox("Open a cell", keys, key="cell", placeholder="Choose a cell…",
                            format_func=lambda key: f"{labels[key.split('|')[0]]} × {labels[key.split('|')[1]]} ({matrix.counts[tuple(key.split('|'))]} sentences)")
        if cell:
            r, k = cell.split("|")
            st.subheader(f"{labels[r]} × {labels[k]}")
            concept_link(r, labels[r])
            concept_link(k, labels[k])
            show_evidence(browse.cell_evidence(handle, r, k), {r, k})

with network_tab:
    a, b, c = st.columns([3, 1, 1])
    shown = a.multiselect("Classes", classes, default=[x for x in ("Cluster", "Mechanism", "Actor", "Policy") if x in classes])
    min_count = b.number_input("Shared sentences at least", 1, 20, 2)
    size = c.number_input("Concepts", 10, 150, 50)
    network = browse.cooccurrence(handle, shown or None, int(min_count), int(size))
    if not network.edges:
        st.info("No pair of these concepts shares enough sentences.")
    else:
        graph = nx.Graph()
        graph.add_weighted_edges_from(network.edges)
        layout = nx.spring_layout(graph, seed=7, weight="weight")
        nodes = pd.DataFrame([(iri, *network.nodes[iri], *layout[iri]) for iri in graph.nodes],
                             columns=["iri", "concept", "class", "mentions", "x", "y"])
        edges = pd.DataFrame([(*layout[s], *layout[t], w, f"{network.nodes[s][0]} — {network.nodes[t][0]}")
                              for s, t, w in network.edges], columns=["x", "y", "x2", "y2", "sentences", "pair"])
        hidden = alt.Axis(title=None, labels=False, ticks=False, grid=False, domain=False)
        zoom = alt.selection_interval(bind="scales")
        pick = alt.selection_point(fields=["iri"], name="node")
        lines = alt.Chart(edges).mark_rule(color="#999").encode(
            x=alt.X("x:Q", axis=hidden), y=alt.Y("y:Q", axis=hidden), x2="x2", y2="y2",
            strokeWidth=alt.StrokeWidth("sentences:Q", scale=alt.Scale(range=[0.5, 6])), tooltip=["pair", "sentences"])
        classes_shown = sorted(set(nodes["class"]))
        dots = alt.Chart(nodes).mark_circle(stroke="#333", strokeWidth=0.5, opacity=0.95).encode(
            x="x:Q", y="y:Q", size=alt.Size("mentions:Q", scale=alt.Scale(range=[60, 900])),
            color=alt.Color("class:N", scale=alt.Scale(domain=classes_shown, range=[COLOURS.get(x, "#ccc") for x in classes_shown])),
            tooltip=["concept", "class", "mentions"]).add_params(pick)
        names = alt.Chart(nodes).mark_text(dy=-12, fontSize=10).encode(x="x:Q", y="y:Q", text="concept")
        st.caption("Drag to pan, scroll to zoom, click a concept to open it. Line width: sentences shared.")
        event = st.altair_chart((lines + dots + names).add_params(zoom).properties(height=560), on_select="rerun",
                                selection_mode="node", key="network_chart")
        clicked = (event.selection.get("node") or []) if event else []
        if clicked:
            iri = clicked[0]["iri"]
            concept_link(iri, network.nodes[iri][0], " — open this concept")

with timeline_tab:
    a, b = st.columns([3, 1])
    shown = a.multiselect("Classes ", classes, default=[x for x in ("Mechanism", "Cluster") if x in classes])
    size = b.number_input("Concepts ", 3, 30, 10)
    points = browse.timeline(handle, shown or None, int(size))
    if not points:
        st.info("No paper with a publication year mentions these classes.")
    else:
        data = pd.DataFrame([(t.year, t.label, t.category, t.papers, t.mentions) for t in points],
                            columns=["year", "concept", "class", "papers", "mentions"])
        st.altair_chart(alt.Chart(data).mark_circle().encode(
            x=alt.X("year:O"), y=alt.Y("concept:N", sort="-x"), size=alt.Size("mentions:Q", scale=alt.Scale(range=[30, 800])),
            color="class:N", tooltip=["year", "concept", "class", "papers", "mentions"]).properties(height=max(240, 28 * data["concept"].nunique())))
        st.caption("Papers without a publication year are left out.")
