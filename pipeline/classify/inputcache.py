"""Each answer's feature inputs cached by content, so a re-run with another model computes only the model.

What the features read of an answer (its terms, its question's terms, its cues, its overlap with
the labels' definitions) and of each of its sentences (for the evidence) depends on the answer's
tokens, its question, the sections it cites and the facts extract found, and on the code that
computes them: never on the model's weights. A warm re-run (a retrained model, changed thresholds)
used to spend most of its time recomputing them. They are stored per answer in the doc cache's
SQLite file (`ValueCache`, JSON: strings and numbers come back exactly), keyed by the answer's
content under a salt of everything else they depend on: the tokens' own salt (the spaCy
pipeline, the tagging code), this stage's feature code and the model's label definitions.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..tag import TaggedAnswer, ValueCache, source_hash
from .linear import Inputs
from .model import FoiModel

INPUTS_VERSION = "1"


class InputCache:
    """The feature inputs of answers and of their sentences, looked up and stored by the answers' content."""

    def __init__(self, folder: str | Path, token_salt: str, model: FoiModel) -> None:
        self.model = model
        salt = "\x1f".join((INPUTS_VERSION, token_salt, source_hash("classify/cues.py", "classify/features.py", "classify/linear.py"),
                            json.dumps(model.features.definitions, sort_keys=True, ensure_ascii=False),
                            "asked" if model.features.asked else ""))
        self.store = ValueCache(folder, "inputs", salt)

    def inputs(self, items: Sequence[TaggedAnswer]) -> tuple[Inputs, list[Inputs]]:
        """The items' inputs (for `FoiModel.predict`) and each item's sentences' (for `FoiModel.evidence`):
        from the cache, else computed and stored."""
        contents = [_content(item) for item in items]
        found = self.store.get_many(contents)
        fresh = [(content, item) for content, item in zip(contents, items) if content not in found]
        if fresh:
            computed = self.model.features.inputs([item for _, item in fresh])
            values = [{"answer": {name: column[n] for name, column in computed.items()},
                       "sentences": self.model.sentence_inputs(item)} for n, (_, item) in enumerate(fresh)]
            self.store.put_many([(content, value) for (content, _), value in zip(fresh, values)])
            found.update((content, value) for (content, _), value in zip(fresh, values))
        answers = [found[content]["answer"] for content in contents]
        names = answers[0].keys() if answers else ()
        return {name: [answer[name] for answer in answers] for name in names}, [found[c]["sentences"] for c in contents]


def _content(item: TaggedAnswer) -> str:
    """Everything of an answer its feature inputs read: its text and its question's, the sections it cites and
    the law they are of, its facts."""
    question = item.question_tokens.text if item.question_tokens is not None else None
    data: list[Any] = [item.tokens.text if item.tokens is not None else "", question, list(item.exemptions), item.facts,
                       item.act]
    return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
