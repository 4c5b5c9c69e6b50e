"""foi-nlp: read FOI responses, split them into answers, classify and compare them.

Stages, each a module and each fed only by the one before it:
read (readers, sources) -> extract (cleaning, segment, metadata, citations, facts)
-> tag (nlp) -> classify (features, model) -> report.
"""
__version__ = "0.1.0"
