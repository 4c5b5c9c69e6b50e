"""Training and measuring the segmenter: labelled replies in, a fitted Segmenter and its figures out.

A labels file marks each answer (and each restated question) by anchors; placed in the
cleaned text they give every unit its role: QB/QI for the units of a restated question,
AB/AI for an answer's, O for the rest (extract/roles.py). Labels leave some units
unknown rather than O: an answer of one or two words is never labelled (an anchor needs
three words), nor is a question whose answer a page cut off, so a numbered question
with no labelled answer, and the units after it up to the next labelled one, weigh
nothing in training. Each reply weighs the square root of its units (`reply_weights`).
The hand rules' roles are features learnt from real replies only (`training_features`).

Figures are always body held out: `cross_validate` splits by body, fits on the other
bodies' replies, segments the held-out ones and scores them as `foi-nlp evaluate` does
(train/extraction_eval.score_document), beside the hand rules on the same replies. Which
bodies share a fold moves a set of a few dozen replies by a point or two either way, as
much as most changes to the segmenter do, so the figures are the mean over `CV_REPEATS`
assignments of the bodies to folds (train/folds.py), each assignment's own figures kept
beside them.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..documents import Segment
from ..extract import ROLES, RULE_ROLES, Request, RoleTagger, Segmenter, Unit, clean, number_key, segment_features, split_reply
from ..goldlabels import GoldDocument, find_span, locate
from .extraction_eval import answer_rates, check_rates, score_document
from .folds import CV_REPEATS, group_folds, mean_over
from .learning_curve import FRACTIONS, first_documents
from .sources import Source, labelled_replies, sources, unique_labels, without

CV_FOLDS = 10


@dataclass
class SegmentationExample:
    """One labelled reply, cut into units with their features and gold roles."""

    source: str
    gold: GoldDocument       # answers located in the document's text as read (for scoring)
    text: str                # the cleaned text
    units: list[Unit]
    features: list[dict[str, float]]
    roles: list[str]
    weights: list[float]
    request: Request | None

    @property
    def body(self) -> str:
        return self.gold.body


def gold_roles(text: str, units: Sequence[Unit], gold: GoldDocument) -> list[str]:
    """Each unit's role from the labels' anchors; answers given to several questions count once."""
    spans: list[tuple[str, tuple[int, int]]] = []
    position = 0
    answers: dict[tuple[int, int], None] = {}
    for answer in gold.answers:
        if answer.question_start and answer.question_end:
            span = find_span(text, answer.question_start, answer.question_end, position)
            if span:
                spans.append(("Q", span))
                position = span[0]
        span = find_span(text, answer.answer_start, answer.answer_end, position) or find_span(text, answer.answer_start, answer.answer_end)
        if span:
            answers[span] = None
    spans += [("A", span) for span in answers]
    roles, seen = [], set()
    for unit in units:
        hits = [k for k, (kind, (s, e)) in enumerate(spans) if kind == "A" and s < unit.end and e > unit.start] or \
               [k for k, (kind, (s, e)) in enumerate(spans) if kind == "Q" and s < unit.end and e > unit.start]
        if not hits:
            roles.append("O")
            continue
        roles.append(spans[hits[0]][0] + ("I" if hits[0] in seen else "B"))
        seen.update(hits)
    return roles


def unknown_weights(units: Sequence[Unit], roles: Sequence[str], gold: GoldDocument) -> list[float]:
    """0 for units the labels may have left out rather than called O: a numbered question with
    no labelled answer and what follows it up to the next labelled unit; 1 for the rest."""
    labelled = {number_key(a.q) for a in gold.answers}
    weights, skipping = [], False
    for unit, role in zip(units, roles):
        if role != "O":
            skipping = False
        elif unit.label and unit.label.kind == "question" and unit.label.numbers and unit.label.numbers != ["*"]:
            skipping = number_key(unit.label.numbers[0]) not in labelled
        weights.append(0.0 if skipping and role == "O" else 1.0)
    return weights


def load_segmentation_examples(found: Sequence[Source]) -> tuple[list[SegmentationExample], list[str]]:
    """Every labelled reply of `found` as a segmentation example, and the ones that could not be read."""
    examples, skipped = [], []
    for source, golds in unique_labels(found, skipped):
        for gold, document in labelled_replies(source, golds, skipped):
            text = clean(document.text, document.fmt)
            units, features = segment_features(text, source.request)
            roles = gold_roles(text, units, gold)
            locate(gold, document.text)
            examples.append(SegmentationExample(source.name, gold, text, units, features, roles,
                                                unknown_weights(units, roles, gold), source.request))
    return examples, skipped


def reply_weights(examples: Sequence[SegmentationExample]) -> list[list[float]]:
    """Each unit's training weight: its own (0 where the labels may have left it out) over the square root of
    its reply's units, scaled so that the weights still sum to the number of units (the regularisation keeps
    its scale). A reply is what varies from body to body, its layout, and a long page (site navigation,
    notices, a quoted request) would otherwise weigh ten times a short letter; its square root is the mildest
    of the powers measured (0.5, 0.75, 1: the same gain on the pages, none of them losing on another set)."""
    scaled = [[w / np.sqrt(max(len(e.weights), 1)) for w in e.weights] for e in examples]
    total = sum(sum(reply) for reply in scaled)
    scale = sum(len(e.weights) for e in examples) / total if total else 1.0
    return [[w * scale for w in reply] for reply in scaled]


FICTIONAL = "fictional|"  # what a fictional reply's rule-role features are called in training


def training_features(example: SegmentationExample) -> list[dict[str, float]]:
    """A reply's unit features as the tagger learns from them.

    The hand rules (extract/rules.py) were written on the fictional replies, and there the roles
    they give are right almost every time (they never call a unit of an answer O): learnt from
    those replies too, a rule's O would weigh as if it were always right, where on real replies the
    rules miss answers. On a reply labelled `fictional` the rules' roles are features of their
    own, so how far a rule's role is trusted is learnt from the other replies alone (and at run
    time a reply has only those). Body held out, the pages' recall rose five points and their
    precision two, the housing letters' recall five (README, "On real replies, body held out").
    """
    if not example.gold.fictional:
        return example.features
    return [{(FICTIONAL + key if key.startswith(RULE_ROLES) else key): value for key, value in unit.items()}
            for unit in example.features]


def fit_segmenter(examples: Sequence[SegmentationExample], **params: Any) -> Segmenter:
    """A segmenter fitted on every example (params: RoleTagger's), each reply weighted by `reply_weights`,
    each reply's features as `training_features` gives them."""
    if len({(e.source, e.gold.doc) for e in examples}) < 2:  # scikit-learn's own word is "Found array with 0 feature(s)"
        raise ValueError(f"the segmenter learns from the labelled answers of at least 2 documents, here {len(examples)}: "
                         "label more replies, or train with the bundled corpus beside yours")
    tagger = RoleTagger(**params).fit([training_features(e) for e in examples], [e.roles for e in examples], reply_weights(examples))
    # what the tagger learnt from: each reply, its roles, and whether its rule roles were its own (training_features)
    digest = hashlib.sha256("\x1f".join(f"{e.source}:{e.gold.doc}:{''.join(e.roles)}{':fictional' * e.gold.fictional}"
                                         for e in examples).encode()).hexdigest()
    roles = {role: sum(r == role for e in examples for r in e.roles) for role in ROLES}
    meta = {"params": tagger.get_params(), "training": {
        "documents": len(examples), "sources": sorted({e.source for e in examples}), "units": sum(len(e.units) for e in examples),
        "roles": roles, "data_sha256": digest}}
    return Segmenter(tagger, meta)


def _score(example: SegmentationExample, segments: Sequence[Segment]) -> dict[str, Any]:
    return score_document(example.gold, [{"q": s.q, "answer": s.answer, "flags": s.flags} for s in segments])


def _folds(examples: Sequence[SegmentationExample], folds: int, assignment: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """Train/test indices holding each body out, for one assignment of bodies to folds (train/folds.py)."""
    every = np.arange(len(examples))
    return [(np.setdiff1d(every, test), test) for test in group_folds([e.body for e in examples], folds, assignment)]


# an assignment's rates the segmenter's figures average
_MEANS = ("recall", "precision", "question_accuracy", "checked_share", "wrong_checked_share", "unchecked_precision")


def cross_validate(examples: Sequence[SegmentationExample], folds: int = CV_FOLDS, repeats: int = CV_REPEATS,
                   **params: Any) -> dict[str, dict[str, Any]]:
    """Body-held-out recall and precision per source, for the trained segmenter (the mean over `repeats`
    assignments of bodies to folds, each assignment's figures under "assignments") and the hand rules
    (which are not trained: the same on any folds)."""
    rules: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for example in examples:
        rules[example.source].append(_score(example, split_reply(example.text, example.request)))
    runs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for assignment in range(repeats):
        scores: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for train, test in _folds(examples, folds, assignment):
            model = fit_segmenter([examples[i] for i in train], **params)
            for i in test:
                example = examples[i]
                scores[example.source].append(_score(example, split_reply(example.text, example.request, model)))
        for name, found in scores.items():
            runs[name].append(answer_rates(found))
    return {name: {"segmenter": {**runs[name][0], **mean_over(runs[name], _MEANS)}, "rules": answer_rates(found),
                   "assignments": runs[name]} for name, found in rules.items()}


_CHECK_COUNTS = ("extracted_answers", "wrong_answers", "checked_answers", "checked_wrong")
_CHECK_RATES = ("checked_share", "wrong_checked_share", "unchecked_precision", "precision")


def check_flag(sets: dict[str, dict[str, Any]], train_only: Collection[str] = ()) -> dict[str, dict[str, float | None]]:
    """What the `check_answer` flag is worth, from `cross_validate`'s figures: per set (the mean over the assignments)
    the share of answers flagged, of the wrong answers among them, of the unflagged answers right and of all answers
    right; and "all" the sets but the `train_only` ones (the fictional corpus) pooled, assignment by assignment."""
    figures = {name: {key: systems["segmenter"].get(key) for key in _CHECK_RATES} for name, systems in sets.items()}
    scored = [systems.get("assignments") or [systems["segmenter"]] for name, systems in sets.items() if name not in train_only]
    if len(scored) > 1:
        pooled = [{key: sum(runs[k].get(key) or 0 for runs in scored) for key in _CHECK_COUNTS} for k in range(min(map(len, scored)))]
        rates = [check_rates(*(counts[key] for key in _CHECK_COUNTS)) for counts in pooled]
        figures["all" + (f" but {', '.join(sorted(train_only))}" if train_only else "")] = mean_over(rates, _CHECK_RATES)
    return figures


def _reply(example: SegmentationExample) -> str:
    return f"{example.source}:{example.gold.doc}"


def learning_curve(examples: Sequence[SegmentationExample], fixed: Collection[str] = (), folds: int = CV_FOLDS,
                   fractions: Sequence[float] = FRACTIONS, whole: dict[str, dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Body-held-out recall and precision per source, the segmenter trained on a fraction of each training
    fold's replies (the same replies at every run, each smaller set inside the larger; sources in `fixed`,
    such as the fictional corpus, train whole at every point): is labelling more replies worth it?
    `whole`: `cross_validate`'s figures on the same folds (its first assignment's), which are the 100% point
    (not fitted again)."""
    points = []
    splits = _folds(examples, folds)
    for fraction in fractions:
        scores: dict[str, list[dict[str, Any]]] = defaultdict(list)
        sizes = []
        for train, test in splits:
            cut = [examples[i] for i in train if examples[i].source not in fixed]
            kept = first_documents(map(_reply, cut), fraction)
            chosen = [e for e in cut if fraction >= 1.0 or _reply(e) in kept]
            sizes.append(len(chosen))
            if fraction >= 1.0 and whole is not None:
                continue
            model = fit_segmenter([examples[i] for i in train if examples[i].source in fixed] + chosen)
            for i in test:
                scores[examples[i].source].append(_score(examples[i], split_reply(examples[i].text, examples[i].request, model)))
        sets = {name: systems["assignments"][0] for name, systems in whole.items()} if fraction >= 1.0 and whole is not None \
            else {name: answer_rates(found) for name, found in scores.items()}
        points.append({"fraction": fraction, "training_replies": round(sum(sizes) / len(sizes), 1), "sets": sets})
    return points


def segmentation_cv(labels_files: Sequence[str | Path], docs_dirs: Sequence[str | Path] = (), *,
                    requests: Sequence[str | Path | None] = (), request: Request | None = None,
                    folds: int = CV_FOLDS, repeats: int = CV_REPEATS, curve: bool = False,
                    train_only: Sequence[str | Path] = (), classify_only: Sequence[str | Path] = ()) -> dict[str, Any]:
    """`cross_validate` over labels files (each with its documents and request; the `classify_only` ones left
    out, as the segmenter is never trained on them), with a note saying how; with `curve`, also its
    `learning_curve` on the first assignment's folds (the `train_only` files' replies train whole at every point)."""
    found = without(sources(labels_files, docs_dirs, requests, request=request), classify_only)
    examples, skipped = load_segmentation_examples(found)
    bodies = len({e.body for e in examples})
    assignments = "one assignment of bodies to folds" if repeats == 1 else \
        f"the segmenter's figures the mean of {repeats} assignments of bodies to folds (GroupKFold's, then shuffled)"
    note = (f"Segmentation, {min(folds, bodies)}-fold cross-validation holding each body's replies out "
            f"({len(examples)} replies of {bodies} bodies; {assignments}): the trained segmenter beside the hand rules")
    whole = {Path(f).resolve() for f in train_only}
    fixed = {s.name for s in found if s.labels.resolve() in whole}
    sets = cross_validate(examples, folds, repeats)
    result: dict[str, Any] = {"note": note, "sets": sets, "check_flag": check_flag(sets, fixed), "skipped": skipped}
    if curve:
        result["learning_curve"] = {"points": learning_curve(examples, fixed, folds, whole=result["sets"]), "note": (
            f"The first assignment's folds, each training fold cut to {', '.join(f'{f:.0%}' for f in FRACTIONS)} of its "
            f"replies (a fixed order; {', '.join(sorted(fixed)) or 'no set'} kept whole; test folds stay whole): "
            "recall / precision per set")}
    return result
