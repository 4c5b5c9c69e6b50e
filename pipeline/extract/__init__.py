"""The extract stage: a read Document in, one record per answer out (the JSONL contract).

records runs the steps: cleaning re-flows PDF text (furniture drops page furniture,
wordsplit rejoins split words), segment splits the text into questions and answers
(numbering reads question labels, boilerplate finds greetings and sign-offs, request
lines answers up with the request as sent), metadata finds who answered and when,
citations the exemptions cited and facts the money, years, links and attachments.
Start at records.py; answers are split from a reply in segment.py.
"""
from __future__ import annotations

from .citations import exemptions
from .cleaning import clean
from .facts import find_facts
from .records import extract_document, extract_documents, extract_paths
from .request import Request, load_request

__all__ = [
    "Request", "clean", "exemptions", "extract_document", "extract_documents", "extract_paths",
    "find_facts", "load_request",
]
