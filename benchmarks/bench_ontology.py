"""How long the ontology takes to become an extraction vocabulary, against a bare rdflib parse.

Run: .venv/bin/python benchmarks/bench_ontology.py [--repeat 5]
Prints one line per figure: ours, the baseline measured in the same run, and the ratio.
"""

import argparse

from rdflib import Graph

from kg import ontology
from kg.settings import ontology_path
from timing import median_seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    path = ontology_path()
    base = median_seconds(lambda: Graph().parse(path, format="xml"), args.repeat)
    ours = median_seconds(lambda: ontology.load_vocabulary(path), args.repeat)
    terms = len(ontology.load_vocabulary(path))
    print(f"vocabulary  {ours * 1000:.0f} ms ({terms} terms)  bare rdflib parse {base * 1000:.0f} ms  ratio {ours / base:.2f}")
    check = median_seconds(lambda: ontology.check_consistency(path), max(1, args.repeat // 2))
    print(f"check (owlready2 + HermiT)  {check * 1000:.0f} ms  bare rdflib parse {base * 1000:.0f} ms  ratio {check / base:.2f}")


if __name__ == "__main__":
    main()
