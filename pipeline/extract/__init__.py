"""The extract stage: a read Document in, one record per answer out (the JSONL contract).

records runs the steps: cleaning re-flows PDF text (furniture drops page furniture,
wordsplit rejoins split words), segment splits the text into questions and answers
with a trained segmenter (units cuts the text into units, layout describes each one,
roles labels them question/answer/neither, pairing pairs them up; the hand rules of
rules.py, numbering and boilerplate are evidence it weighs; request lines answers up
with the request as sent), metadata finds who answered and when, citations the
exemptions cited and facts the money, years, links and attachments.
Start at records.py; answers are split from a reply in segment.py.
"""
from __future__ import annotations

from ..documents import AWAITING, CHECK, CUT_OFF, SHARED
from .citations import EIR, exemptions, find_citations
from .cleaning import clean
from .facts import find_facts, find_money, find_years
from .metadata import reply_act
from .layout import RULE_ROLES
from .records import extract_document, extract_documents, extract_paths
from .numbering import number_key, parse_label
from .request import Request, load_request
from .roles import ROLES, RoleTagger
from .segment import SEGMENTER_FILE, Segmenter, load_segmenter, reply_above_quote, segment_features, split_reply
from .units import Unit, units_of

__all__ = [
    "AWAITING", "CHECK", "CUT_OFF", "EIR", "ROLES", "RULE_ROLES", "SEGMENTER_FILE", "SHARED", "Request", "RoleTagger", "Segmenter", "Unit", "clean", "exemptions", "extract_document",
    "extract_documents", "extract_paths", "find_citations", "find_facts", "find_money", "find_years", "load_request", "load_segmenter", "number_key", "parse_label", "reply_act", "reply_above_quote", "segment_features", "split_reply", "units_of",
]
