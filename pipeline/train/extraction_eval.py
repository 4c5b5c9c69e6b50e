"""How well extraction finds the labelled answers: the figures issue 2 is judged on.

The real extract stage runs on the labelled documents, and each extracted answer is
compared with the gold answers of its document by `GoldAnswer.matched_by` (both
anchors inside, at most 1.5 times the gold length plus 20 words). An extracted answer
under three words of its own (the number it opens with not counted) to a question with no
labelled answer is not counted for precision: labels cannot anchor it, so they say nothing
of it. Metadata figures
(responder, reference, date, exemptions) are computed from the same records, so a
change in any extract module shows up here.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..documents import ReadError
from ..extract import CHECK, CUT_OFF, Request, Segmenter, extract_paths, number_key, parse_label
from ..goldlabels import GoldAnswer, GoldDocument, locate, words
from ..read import read_path
from .sources import missing, on_disk, sources, unique_labels


def _key(doc: str) -> str:
    return Path(doc).as_posix()


def _same(a: str | None, b: str | None) -> bool:
    """Exact match after collapsing case and white space (None only matches None)."""
    if a is None or b is None:
        return a is None and b is None
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def _locate_gold(document: GoldDocument) -> None:
    """Fill each gold answer's text from the document as read, so the length rule uses it."""
    try:
        locate(document, read_path(document.path).text)
    except (ReadError, OSError):
        pass


def _records_by_doc(docs_dir: Path, request: Request | None, segmenter: Segmenter | None) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in extract_paths([docs_dir], request=request, segmenter=segmenter):
        grouped[_key(record["doc"])].append(record)
    return grouped


UNLABELLABLE_WORDS = 3  # an anchor needs three words: shorter answers go unlabelled (corpus/GUIDE.md)


def _unlabellable(record: dict[str, Any], gold: GoldDocument) -> bool:
    """An answer too short to anchor, to a question with no labelled answer, or one the text stops in the
    middle of (flagged `cut_off`: a page's text cut short, whose last answer the labels leave out, see
    corpus/real/README.md): the labels cannot say whether it is right ("Yes", "No", "2 officers", "... exempt
    under section 40(2) of the Freedom of Informa"), so precision leaves it out."""
    if CUT_OFF in (record.get("flags") or ()):
        return True
    labelled = {number_key(a.q) for a in gold.answers}
    return len(_own_words(record["answer"])) < UNLABELLABLE_WORDS and number_key(str(record.get("q") or "")) not in labelled


def _own_words(answer: str) -> list[str]:
    """An answer's words without the label it opens with: "6. 2 officers" is two words to the labels,
    which anchor an answer's own words (corpus/real/README.md: an anchor needs three words)."""
    label = parse_label(answer)
    return words(label.rest if label else answer)


def score_document(gold: GoldDocument, records: list[dict[str, Any]]) -> dict[str, Any]:
    """Matches, misses and metadata agreement for one labelled document (`records`: its extract records)."""
    answers = [r for r in records if "error" not in r]
    errors = [r["error"] for r in records if "error" in r]
    matched_gold: list[tuple[GoldAnswer, dict[str, Any]]] = []
    misses, misfiled = [], []
    for answer in gold.answers:
        hits = [r for r in answers if answer.matched_by(r["answer"])]
        if not hits:
            misses.append({"q": answer.q, "answer_start": answer.answer_start, "answer_end": answer.answer_end})
            continue
        matched_gold.append((answer, hits[0]))
        # An answer given to several questions is one record per question: one of them must be its own.
        if all(number_key(str(r.get("q") or "")) != number_key(str(answer.q)) for r in hits):
            misfiled.append({"q": answer.q, "filed_under": [r.get("q") for r in hits]})
    unmatched, unlabellable, checked, checked_wrong = [], 0, 0, 0
    for r in answers:
        flagged = CHECK in (r.get("flags") or ())
        if any(a.matched_by(r["answer"]) for a in gold.answers):
            checked += flagged
            continue
        if _unlabellable(r, gold):
            unlabellable += 1
        else:
            unmatched.append({"q": r["q"], "answer": " ".join(r["answer"].split())[:160]})
            checked += flagged
            checked_wrong += flagged
    first = answers[0] if answers else {}
    return {
        "doc": gold.doc,
        "gold": len(gold.answers),
        "extracted": len(answers) - unlabellable,
        "unlabellable": unlabellable,
        "matched_gold": len(matched_gold),
        "misfiled": misfiled,
        "matching_extracted": len(answers) - unlabellable - len(unmatched),
        "misses": misses,
        "unmatched": unmatched,
        "checked": checked,  # answers scored (right or wrong) flagged `check_answer`
        "checked_wrong": checked_wrong,
        "errors": errors,
        "responder_ok": _same(first.get("responder"), gold.responder),
        "reference_ok": _same(first.get("reference"), gold.reference),
        "date_ok": _same(first.get("date"), gold.date),
        "exemptions_ok": [set(hit.get("exemptions") or []) == set(answer.exemptions) for answer, hit in matched_gold],
    }


def _rate(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def answer_rates(documents: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Answers found and kept over documents scored by `score_document`: counts, recall, precision, and
    of the gold answers found, the share filed under their own question (what a comparative table's
    cells rest on; recall and precision match answers by their text, whatever question they carry)."""
    gold_total = sum(d["gold"] for d in documents)
    extracted_total = sum(d["extracted"] for d in documents)
    found = sum(d["matched_gold"] for d in documents)
    right = sum(d["matching_extracted"] for d in documents)
    checked = sum(d["checked"] for d in documents)
    checked_wrong = sum(d["checked_wrong"] for d in documents)
    flag = check_rates(extracted_total, extracted_total - right, checked, checked_wrong)
    return {
        "documents": len(documents),
        "gold_answers": gold_total,
        "extracted_answers": extracted_total,
        "recall": _rate(found, gold_total),
        "precision": flag["precision"],
        "question_accuracy": _rate(found - sum(len(d["misfiled"]) for d in documents), found),
        # What the `check_answer` flag is worth: the share of answers it flags, the share of the wrong answers
        # among them, and how many of the answers it leaves are right (beside precision, over all).
        "wrong_answers": extracted_total - right,
        "checked_answers": checked,
        "checked_wrong": checked_wrong,
        **{key: flag[key] for key in ("checked_share", "wrong_checked_share", "unchecked_precision")},
    }


def check_rates(extracted: int, wrong: int, checked: int, checked_wrong: int) -> dict[str, float | None]:
    """From counts of answers (extracted, wrong, flagged `check_answer`, flagged and wrong): the share flagged, the
    share of the wrong ones flagged, the share of the unflagged that are right, and of all that are right."""
    right, unchecked = extracted - wrong, extracted - checked
    return {"checked_share": _rate(checked, extracted), "wrong_checked_share": _rate(checked_wrong, wrong),
            "unchecked_precision": _rate(right - checked + checked_wrong, unchecked), "precision": _rate(right, extracted)}


def evaluate_extraction(
    labels_files: Sequence[str | Path],
    docs_dirs: Sequence[str | Path | None] | None = None,
    *,
    request: Request | None = None,
    requests: Sequence[str | Path | None] = (),
    segmenter: Segmenter | None = None,
) -> dict[str, Any]:
    """Recall, precision, per-document misses and metadata accuracy of the extract stage.

    Documents and requests pair with labels files as `sources` says (default: the labels
    file's folder, and a request.txt beside it). Extraction runs once per folder, exactly as
    `foi-nlp extract DIR` would (with `segmenter`, else the hand rules); records of
    unlabelled files there are ignored.
    """
    documents, skipped, absent = [], [], []
    for source, golds in unique_labels(sources(labels_files, docs_dirs or (), requests, request=request), skipped):
        grouped = _records_by_doc(source.docs, source.request, segmenter)
        for gold in golds:
            if not on_disk(gold.path):  # a wrong --docs or name: not the extractor's miss, so not in recall
                absent.append(missing(gold, source))
                continue
            _locate_gold(gold)
            documents.append(score_document(gold, grouped.get(_key(gold.doc), [])))
    if absent and not documents:
        raise ValueError(f"none of the labelled documents is there to measure ({absent[0]})")
    skipped.extend(absent)
    exemption_checks = [ok for d in documents for ok in d["exemptions_ok"]]
    rates = answer_rates(documents)
    return {
        **{k: rates[k] for k in ("documents", "gold_answers", "extracted_answers")},
        "unlabellable_answers": sum(d["unlabellable"] for d in documents),
        "recall": rates["recall"],
        "precision": rates["precision"],
        "question_accuracy": rates["question_accuracy"],
        "responder_accuracy": _rate(sum(d["responder_ok"] for d in documents), len(documents)),
        "reference_accuracy": _rate(sum(d["reference_ok"] for d in documents), len(documents)),
        "date_accuracy": _rate(sum(d["date_ok"] for d in documents), len(documents)),
        "exemptions_accuracy": _rate(sum(exemption_checks), len(exemption_checks)),
        "per_document": documents,
        "skipped": skipped,
    }
