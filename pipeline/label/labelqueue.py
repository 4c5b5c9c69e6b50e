"""Predictions turned into labels-file answers, and answers grouped back into labels records.

The review queue, the annotation-tool converters and the terminal labeller all move
answers between a flat form (one answer with its document's fields) and the
corpus/GUIDE.md form (one record per document). Doing it in one place is what makes
a round trip through a tool return exactly the records that went out.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..documents import CHECK
from ..goldlabels import words
from ..labels import OUTCOME_NAMES

ANCHOR_WORDS = 8
DOC_FIELDS = ("doc", "responder", "reference", "date")
ANSWER_FIELDS = ("q", "question_start", "question_end", "answer_start", "answer_end", "outcome", "findings", "exemptions")


def _trimmed(tokens: list[str]) -> list[str]:
    """Without the leading and trailing tokens that hold no word (table rules, bullets, dashes)."""
    start = next((i for i, t in enumerate(tokens) if words(t)), len(tokens))
    end = next((i for i in range(len(tokens), start, -1) if words(tokens[i - 1])), start)
    return tokens[start:end]


def anchors(text: str | None, size: int = ANCHOR_WORDS) -> tuple[str | None, str | None]:
    """First and last `size` words of `text` (white space collapsed), or (None, None) if it has none.

    Edge tokens without a word are left out: they are often layout the reader added
    (a table's `|`), not text that stands in the document.
    """
    tokens = _trimmed((text or "").split())
    if not tokens:
        return None, None
    return " ".join(tokens[:size]), " ".join(tokens[-size:])


def answer_entry(prediction: Mapping[str, Any]) -> dict[str, Any]:
    """A GUIDE.md answer for a prediction: anchors from its text, the model's labels pre-filled."""
    question_start, question_end = anchors(prediction.get("question"))
    answer_start, answer_end = anchors(prediction.get("answer"))
    return {
        "q": str(prediction.get("q", "")),
        "question_start": question_start,
        "question_end": question_end,
        "answer_start": answer_start,
        "answer_end": answer_end,
        "outcome": prediction.get("outcome"),
        "findings": list(prediction.get("findings") or []),
        "exemptions": [str(e) for e in prediction.get("exemptions") or []],
    }


DOUBTED = "extraction doubts this is an answer: check it in the reply"


def doubt(prediction: Mapping[str, Any]) -> str:
    """What a person labelling the answer should know first: extraction flagged it `check_answer` (its words read
    little like an answer's), and labelling a notice or a question's detail as an answer teaches the segmenter that
    it is one. Empty for an answer extraction does not doubt."""
    return DOUBTED if CHECK in (prediction.get("flags") or ()) else ""


def doc_fields(record: Mapping[str, Any]) -> dict[str, Any]:
    """The document-level fields of a labels record, taken from any record that carries them."""
    return {key: record.get(key) for key in DOC_FIELDS}


def answer_key(doc: str, q: str) -> tuple[str, str]:
    """How an answer is identified across files and tools."""
    return str(doc), str(q)


def group_by_doc(
    rows: Iterable[tuple[Mapping[str, Any], Mapping[str, Any]]],
    *,
    source: str | None = None,
    order: Mapping[tuple[str, str], int] | None = None,
) -> list[dict[str, Any]]:
    """Labels records (one per document) from (document fields, answer) pairs.

    Documents keep the order they first appear in; a later answer with the same `q`
    replaces an earlier one (a re-labelled answer wins). With `order`, each document's
    answers are sorted by it (their place in the predictions, i.e. document order, which
    is the order the labels format expects).
    """
    records: dict[str, dict[str, Any]] = {}
    for fields, answer in rows:
        doc = str(fields["doc"])
        record = records.get(doc)
        if record is None:
            record = {key: value for key, value in fields.items() if key != "answers"}
            if source is not None:
                record["source"] = source
            record["answers"] = {}
            records[doc] = record
        record["answers"][str(answer["q"])] = {key: answer.get(key) for key in ANSWER_FIELDS}
    out = []
    for doc, record in records.items():
        answers = list(record["answers"].values())
        if order is not None:
            answers.sort(key=lambda a: order.get(answer_key(doc, a["q"]), len(order)))
        out.append({**record, "answers": answers})
    return out


def flatten(records: Iterable[Mapping[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(document fields, answer) pairs from labels records: the inverse of `group_by_doc`."""
    return [
        ({key: value for key, value in record.items() if key != "answers"}, dict(answer))
        for record in records
        for answer in record.get("answers", [])
    ]


RESERVED_KEYS = frozenset("qs")  # quit, skip


def label_keys(finding_names: Iterable[str]) -> dict[str, str]:
    """One key per label: digits 1-7 for the outcomes (in GUIDE.md's rule order), letters for findings.

    The terminal labeller and the doccano label set use the same keys, so a person
    learns them once.
    """
    keys = {str(i): name for i, name in enumerate(OUTCOME_NAMES, 1)}
    letters = [c for c in "abcdefghijklmnopqrstuvwxyz" if c not in RESERVED_KEYS]
    names = list(finding_names)
    if len(names) > len(letters):
        raise ValueError(f"a scheme may have at most {len(letters)} findings to label by key, not {len(names)}")
    keys.update(zip(letters, names))
    return keys
