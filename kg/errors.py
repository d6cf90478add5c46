"""The exceptions of ClusterKG. The CLI turns each into one line on stderr and an exit code."""

from pathlib import Path


class ClusterKGError(Exception):
    """Base class of every error ClusterKG reports to a user."""


class InputError(ClusterKGError):
    """A file that cannot be used, with its path and the reason."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class OntologyError(ClusterKGError):
    """The ontology cannot be loaded, or is inconsistent."""


class InconsistentOntologyError(OntologyError):
    """The reasoner found the ontology inconsistent or some classes unsatisfiable."""

    def __init__(self, path: str | Path, culprits: list[str], detail: str = "") -> None:
        self.path = str(path)
        self.culprits = culprits
        names = ", ".join(culprits) if culprits else "(the reasoner named no entity)"
        message = f"{self.path}: inconsistent: {names}"
        super().__init__(message + (f"\n{detail}" if detail else ""))


class ModelError(ClusterKGError):
    """A language or embedding model cannot be loaded from the local installation."""


class StoreError(ClusterKGError):
    """The RDF store or SPARQL endpoint failed, with the endpoint or path."""

    def __init__(self, endpoint: str, reason: str) -> None:
        self.endpoint = endpoint
        self.reason = reason
        super().__init__(f"{endpoint}: {reason}")
