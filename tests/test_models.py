"""The models load from the local installation, with the network off."""

import subprocess
import sys
import textwrap

import pytest

from kg import models
from kg.errors import ModelError

NO_NETWORK = textwrap.dedent(
    """
    import os, socket
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        os.environ.pop(name, None)

    def refuse(*args, **kwargs):
        raise OSError("network is off in this test")

    socket.socket.connect = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
    """
)


@pytest.mark.slow
def test_both_models_load_and_run_with_the_network_off() -> None:
    script = NO_NETWORK + textwrap.dedent(
        """
        from kg import models
        nlp = models.load_spacy()
        doc = nlp("Knowledge spillover fosters innovation in Zhejiang.")
        embedder = models.load_embedder()
        vector = embedder.encode(["knowledge spillover"], normalize_embeddings=True)
        print(len(list(doc.sents)), vector.shape[1], os.environ["HF_HUB_OFFLINE"])
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "384", "1"]


def test_importing_the_models_module_puts_hugging_face_offline() -> None:
    import os

    assert os.environ["HF_HUB_OFFLINE"] == "1" and os.environ["TRANSFORMERS_OFFLINE"] == "1"


def test_embedding_model_path_comes_from_the_installed_package() -> None:
    path = models.embedding_model_path()
    assert (path / "config.json").is_file()


def test_an_unknown_embedding_model_is_a_clear_error() -> None:
    with pytest.raises(ModelError, match="no_such_model_package"):
        models.embedding_model_path("no_such_model_package")


def test_an_unknown_spacy_pipeline_is_a_clear_error() -> None:
    with pytest.raises(ModelError, match="no_such_pipeline"):
        models.load_spacy(("no_such_pipeline",))


def test_model_names_are_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_SPACY_MODEL", "my_pipeline")
    monkeypatch.setenv("KG_EMBEDDING_MODEL", "/models/minilm")
    from kg import settings

    assert settings.spacy_model_names() == ("my_pipeline",)
    assert settings.embedding_model_name() == "/models/minilm"


def test_a_query_is_embedded_on_one_thread_as_the_model_embeds_it_and_the_thread_count_is_restored(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np
    import torch

    monkeypatch.setenv("KG_QUERY_PRECISION", "float32")
    model = models.load_embedder()
    threads = torch.get_num_threads()
    query = "why do spin-offs stay near their parent firm?"
    vector = models.embed_query(model, query)
    assert torch.get_num_threads() == threads
    expected = model.encode([query], normalize_embeddings=True, convert_to_numpy=True)[0]
    assert np.allclose(vector, expected, atol=1e-5)


def test_a_bfloat16_query_vector_is_a_unit_float32_vector_close_to_the_float32_one(monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np
    import torch

    model = models.load_embedder()
    query = "how does the local government support entrepreneurs in Taobao villages?"
    monkeypatch.setenv("KG_QUERY_PRECISION", "bfloat16")
    vector = models.embed_query(model, query)
    assert vector.dtype == np.float32 and abs(np.linalg.norm(vector) - 1) < 1e-5
    assert next(model.parameters()).dtype == torch.float32  # the passages' model is left as it was
    expected = model.encode([query], normalize_embeddings=True, convert_to_numpy=True)[0]
    assert float(vector @ expected) > 0.999


def test_query_precision_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    from kg import settings

    monkeypatch.delenv("KG_QUERY_PRECISION", raising=False)
    assert settings.query_precision() == "auto"
    monkeypatch.setenv("KG_QUERY_PRECISION", "float32")
    model = models.load_embedder()
    assert models.query_model(model) is model
