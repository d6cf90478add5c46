"""Extraction: spaCy components that find mentions and claims in a paper's paragraphs.

Import the Extractor from kg.extract.pipeline: this package itself stays free of spaCy, so that the
types can be imported without loading it.
"""
