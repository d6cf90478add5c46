"""Ingest: read a paper (txt, md, pdf), clean and segment it, and find its metadata and references.

`kg.ingest.read.read_paper` is the entry point; the types that extraction consumes are in
`kg.ingest.types`. Every offset indexes `Paper.text`, which is never modified.
"""
