"""The rare outcomes, read by the shipped model on answers written apart from what it learnt them from.

corpus/outcomes/check.jsonl holds 84 fictional answers, 12 per outcome, written for this check
without sight of corpus/outcomes/labels.jsonl (the replies the shipped model learns the rare
outcomes from); `python scripts/check_outcomes.py` prints the same figures. The real sets have no
neither-confirm-nor-deny answer and one transfer, so only such a check can guard them.
"""
from __future__ import annotations

import importlib.util
from collections import Counter

from report_helpers import ROOT


def test_answers_written_apart_get_their_outcomes_the_rare_ones_too() -> None:
    from check_outcomes import check

    gold, predicted, _ = check()
    right = Counter(g for g, p in zip(gold, predicted) if g == p)
    print(dict(right))
    assert sum(right.values()) / len(gold) >= 0.80  # reached 0.821 (0.702 before corpus/outcomes and the passed-on cue)
    assert right["ncnd"] >= 10 and right["other"] >= 6 and right["refused_cost"] >= 8  # reached 11, 7 and 9 of 12 (4, 4, 9)


def test_the_outcome_replies_labels_hold() -> None:
    """corpus/validate.py reads a labels file's documents beside it, wherever it is."""
    spec = importlib.util.spec_from_file_location("corpus_validate", ROOT / "corpus" / "validate.py")
    validate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(validate)
    assert validate.main([str(ROOT / "corpus" / "outcomes" / "labels.jsonl")]) == 0
