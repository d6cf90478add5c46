"""Add papers: upload text, Markdown or PDF; the graph is updated incrementally with a progress bar.

The uploaded bytes are saved under a name made here (a slug of the file's name and a hash of its
content), never under a name or path taken from the user; a file that cannot be read is refused
before it reaches the corpus folder, so nothing already built is touched.
"""

import hashlib
import tempfile
import threading
from pathlib import Path

import streamlit as st

from kg import browse
from kg.build import build
from kg.errors import ClusterKGError, InputError
from kg.ingest.read import read_paper
from kg.namespaces import slug
from views.common import concept_link, md, paper_link, show_evidence

MAX_MB = 20
FORMATS = ["txt", "md", "markdown", "pdf"]


@st.cache_resource
def build_lock() -> threading.Lock:
    """One build at a time in this server: the embedded store takes a single writer."""
    return threading.Lock()


def safe_name(name: str, data: bytes) -> str:
    """A file name chosen by us: the slug of the uploaded name's stem, a content hash, the extension."""
    base = Path(name.replace("\\", "/")).name
    stem, _, ext = base.rpartition(".")
    ext = ext.lower() if ext.lower() in FORMATS else "txt"
    return f"upload-{slug(stem or base)[:40]}-{hashlib.sha256(data).hexdigest()[:12]}.{ext}"


def add(upload, bar) -> str | None:
    """Check, save and build one uploaded file; returns the new paper's IRI, or None when refused."""
    data = upload.getvalue()
    if len(data) > MAX_MB * 1024 * 1024:
        st.error(f"{upload.name}: larger than {MAX_MB} MB; nothing was added.")
        return None
    corpus = browse.corpus_dir()
    name = safe_name(upload.name, data)
    with tempfile.TemporaryDirectory() as tmp:
        candidate = Path(tmp) / name
        candidate.write_bytes(data)
        try:
            read_paper(candidate)  # refuse unreadable files before they reach the corpus folder
        except InputError as e:
            st.error(f"{upload.name}: {e.reason}; nothing was added.")
            return None
        corpus.mkdir(parents=True, exist_ok=True)
        target = corpus / name
        existed = target.exists()
        if not existed:
            candidate.replace(target)
    bar.progress(0.1, f"{upload.name}: extracting concepts and claims…")
    failures: list[InputError] = []

    def progress(total: int):
        done = [0]

        def one(file: str) -> None:
            done[0] += 1
            bar.progress(0.1 + 0.85 * done[0] / max(total, 1), f"built {file} ({done[0]}/{total})")
        return one

    try:
        with build_lock():
            build(corpus, browse.data_dir(), on_error=failures.append, progress=progress)
    except ClusterKGError as e:
        if not existed:
            target.unlink(missing_ok=True)
        st.error(f"{upload.name}: the build failed: {e}")
        return None
    if any(Path(f.path).name == name for f in failures):
        target.unlink(missing_ok=True)
        st.error(f"{upload.name}: {next(f.reason for f in failures if Path(f.path).name == name)}; nothing was added.")
        return None
    from kg.graph import paper_iri  # the IRI the build gave the paper

    return paper_iri(target).value


st.title("Add papers")
if browse.store_url():
    st.warning("The app reads a remote SPARQL endpoint (KG_STORE); papers are added with `kg build` where that store lives.")
    st.stop()
st.write(f"Text (.txt), Markdown (.md) or PDF, up to {MAX_MB} MB each. They are saved into the corpus folder "
         f"(`{browse.corpus_dir()}`) and built into the graph; papers already built are not touched.")
uploads = st.file_uploader("Papers", type=FORMATS, accept_multiple_files=True, max_upload_size=MAX_MB, key="uploads")
if uploads and st.button("Add to the graph", type="primary", icon=":material/add:"):
    added = []
    for upload in uploads:
        bar = st.progress(0.0, f"{upload.name}: checking…")
        paper = add(upload, bar)
        if paper:
            bar.progress(1.0, f"{upload.name}: added")
            added.append(paper)
    st.session_state.added = added

for paper in st.session_state.get("added", []):
    handle = browse.connect()
    page = browse.paper_page(handle, paper)
    with st.container(border=True):
        st.subheader(md(page.summary.title))
        paper_link(paper, "Open the paper")
        concepts = {}
        for e in page.evidence:
            for m in e.marks:
                concepts[m.concept] = (m.label, m.category, concepts.get(m.concept, ("", "", 0))[2] + 1)
        st.write(f"{len(concepts)} concepts in {len(page.evidence)} sentences, {len(page.claims)} claims:")
        for concept, (label, category, n) in sorted(concepts.items(), key=lambda x: -x[1][2])[:40]:
            concept_link(concept, label, f" · {category} · {n}")
        with st.expander(f"Passages with their concepts marked ({len(page.evidence)})", expanded=True):
            show_evidence(page.evidence[:5], link_papers=False)
