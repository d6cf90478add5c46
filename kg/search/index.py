"""The search index beside the graph, in DATA_DIR/search/: one file per paper (its passages and their
vectors) and a manifest that names the files in use.

Updates are incremental and atomic: a built paper gets a new file (named by its content), then the
manifest is replaced with os.replace, then files no manifest names are deleted. A build killed at any
moment leaves the previous manifest and every file it names, so the previous index stays loadable; the
next build re-indexes the papers whose entry is missing or stale (see `indexed_keys`).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kg.errors import StoreError
from kg.extract.types import Extraction
from kg.graph import paper_iri, paper_key
from kg.ingest.types import Paper
from kg.search.passages import citation, clean, make_passages, paper_year
from kg.search.vectors import EXACT_LIMIT, VectorIndex, build_hnsw, load_hnsw, save_hnsw
from kg.settings import embedding_model_name

SEARCH_DIR = "search"
MANIFEST = "manifest.json"
FORMAT = 1
BATCH_SIZE = 64


def search_dir(data: Path) -> Path:
    return Path(data) / SEARCH_DIR


def read_manifest(data: Path) -> dict:
    path = search_dir(data) / MANIFEST
    if not path.is_file():
        return {"format": FORMAT, "model": embedding_model_name(), "papers": {}, "hnsw": None}
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise StoreError(str(path), f"unreadable search manifest: {e}") from e
    return manifest


def indexed_keys(data: Path) -> dict[str, str]:
    """Build key of each indexed paper, by file name; empty when the index used another model."""
    manifest = read_manifest(data)
    if manifest.get("format") != FORMAT or manifest.get("model") != embedding_model_name():
        return {}
    return {name: entry["build_key"] for name, entry in manifest["papers"].items()}


def remove_papers(data: Path, keep: Iterable[str]) -> list[str]:
    """Drop the passages of every paper whose file name is not in `keep`; returns the dropped names."""
    manifest = read_manifest(data)
    keep = set(keep)
    dropped = sorted(name for name in manifest["papers"] if name not in keep)
    if dropped:
        for name in dropped:
            del manifest["papers"][name]
        _commit(data, manifest)
    return dropped


def add_papers(data: Path, items: Iterable[tuple[Paper, Extraction, str]], embedder=None) -> int:
    """Index (paper, extraction, build key) triples, replacing earlier entries; returns the passage count.

    All passages are embedded in one `encode` call, so the model batches them as it would bare.
    """
    items = list(items)
    if not items:
        return 0
    manifest = read_manifest(data)
    if manifest.get("format") != FORMAT or manifest.get("model") != embedding_model_name():
        manifest = {"format": FORMAT, "model": embedding_model_name(), "papers": {}, "hnsw": None}
    records = [(paper, key, make_passages(paper, extraction)) for paper, extraction, key in items]
    texts = [clean(p.text) for _, _, passages in records for p in passages]
    if embedder is None:
        from kg.models import load_embedder

        embedder = load_embedder()
    vectors = embedder.encode(texts, batch_size=BATCH_SIZE, convert_to_numpy=True, normalize_embeddings=True,
                              show_progress_bar=False).astype(np.float32) if texts else np.zeros((0, 0), np.float32)
    folder = search_dir(data) / "papers"
    folder.mkdir(parents=True, exist_ok=True)
    offset = 0
    for paper, key, passages in records:
        meta = {"file": paper.path.name, "paper": paper_iri(paper.path).value, "citation": citation(paper),
                "year": paper_year(paper), "build_key": key, "passages": [p.to_dict() for p in passages]}
        rows = vectors[offset:offset + len(passages)]
        offset += len(passages)
        name = _write_paper(folder, paper_key(paper.path), meta, rows)
        manifest["papers"][paper.path.name] = {"build_key": key, "data": f"papers/{name}"}
    _commit(data, manifest)
    return len(texts)


def _write_paper(folder: Path, key: str, meta: dict, vectors: np.ndarray) -> str:
    buffer = io.BytesIO()
    meta_bytes = json.dumps(meta, ensure_ascii=False).encode("utf-8")
    np.savez(buffer, meta=np.frombuffer(meta_bytes, dtype=np.uint8), vectors=vectors)
    content = buffer.getvalue()
    name = f"{key}-{hashlib.sha256(content).hexdigest()[:16]}.npz"
    _atomic_write(folder / name, content)
    return name


def _atomic_write(path: Path, content: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(content)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _commit(data: Path, manifest: dict) -> None:
    """Write the HNSW graph when the index is large, then the manifest, then delete unused files."""
    folder = search_dir(data)
    folder.mkdir(parents=True, exist_ok=True)
    manifest["hnsw"] = None
    total = sum(_passage_count(folder / e["data"]) for e in manifest["papers"].values()) if manifest["papers"] else 0
    if total > EXACT_LIMIT:
        files = [manifest["papers"][n]["data"] for n in sorted(manifest["papers"])]  # the order load_index reads
        name = f"hnsw-{hashlib.sha256('|'.join(files).encode()).hexdigest()[:16]}.faiss"
        if not (folder / name).exists():
            vectors = np.concatenate([_read_paper(folder / f)[1] for f in files])
            tmp = folder / f"{name}.tmp"
            save_hnsw(build_hnsw(vectors), tmp)
            os.replace(tmp, folder / name)
        manifest["hnsw"] = name
    _atomic_write(folder / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))
    used = {e["data"] for e in manifest["papers"].values()} | ({manifest["hnsw"]} if manifest["hnsw"] else set())
    for path in list(folder.glob("papers/*")) + list(folder.glob("hnsw-*")):
        if path.relative_to(folder).as_posix() not in used:
            path.unlink(missing_ok=True)


def _read_paper(path: Path) -> tuple[dict, np.ndarray]:
    try:
        with np.load(path, allow_pickle=False) as arrays:
            return json.loads(arrays["meta"].tobytes().decode("utf-8")), arrays["vectors"]
    except (OSError, ValueError, KeyError) as e:
        raise StoreError(str(path), f"unreadable search index file: {e}") from e


def _passage_count(path: Path) -> int:
    return len(_read_paper(path)[0]["passages"])


@dataclass
class Index:
    """Every indexed passage in memory: texts, where they come from, vectors and the BM25 index."""

    papers: list[dict]  # file, paper, citation, year (without the passages)
    passages: list[dict]  # as Passage.to_dict(), plus "owner": the index into `papers`
    vectors: VectorIndex
    lexical: "Lexical"

    def __len__(self) -> int:
        return len(self.passages)


def load_index(data: Path) -> Index:
    """The index of a data directory as the manifest names it (an empty index when there is none)."""
    from kg.search.lexical import Lexical

    manifest = read_manifest(data)
    folder = search_dir(data)
    papers, passages, vectors = [], [], []
    for name in sorted(manifest["papers"]):
        meta, rows = _read_paper(folder / manifest["papers"][name]["data"])
        owner = len(papers)
        for passage in meta.pop("passages"):
            passage["owner"] = owner
            passages.append(passage)
        papers.append(meta)
        vectors.append(rows)
    matrix = np.concatenate(vectors) if vectors else np.zeros((0, 0), np.float32)
    hnsw = load_hnsw(folder / manifest["hnsw"]) if manifest.get("hnsw") else None
    return Index(papers, passages, VectorIndex(matrix, hnsw=hnsw), Lexical([clean(p["text"]) for p in passages]))
