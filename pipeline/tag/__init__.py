"""The tag stage: answer texts in, spaCy-tagged `Tokens` out (words, lemmas, sentences, negation).

nlp loads the English pipeline with only the components the features read, adds the
`foi_negation` component and tags texts in batches through `Tagger`; doccache keeps
tagged docs and token data on disk by content, so a re-run with another model tags
nothing again. Start at nlp.py.
"""
from __future__ import annotations

from .doccache import DocCache, ValueCache, default_cache_dir, source_hash
from .nlp import (
    BATCH_SIZE,
    DEFAULT_COMPONENTS,
    NEGATION_CUES,
    TaggedAnswer,
    Tagger,
    Tokens,
    load_nlp,
    pipeline_info,
    pipeline_name,
    sentence_exemptions,
    tag_records,
    tag_records_tokens,
)

__all__ = [
    "BATCH_SIZE", "DEFAULT_COMPONENTS", "NEGATION_CUES", "DocCache", "TaggedAnswer", "Tagger", "Tokens",
    "ValueCache", "default_cache_dir", "load_nlp", "pipeline_info", "pipeline_name", "sentence_exemptions",
    "source_hash", "tag_records", "tag_records_tokens",
]
