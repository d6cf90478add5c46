"""ClusterKG: a knowledge graph of the industrial-cluster literature."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("clusterkg")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"
