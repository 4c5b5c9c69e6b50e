"""Classification figures: scores of predictions against gold, and the cross-validated comparison.

`compare` runs 5-fold cross-validation grouped by body (GroupKFold over who answered: no
body has answers on both sides of a split, so a body's house style cannot carry its
labels across; no shuffling, so the folds are always the same), or by document, for the
keyword baseline, the TF-IDF baseline and foi-nlp's model, on the same folds. Labels
files given as training-only (the fictional corpus) always train and are never scored,
so the figures are the scored files' alone. Everything the model tunes (calibration,
finding thresholds) is tuned inside each training fold.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support
from sklearn.preprocessing import MultiLabelBinarizer

from ..classify import REVIEW_BELOW, FoiModel, answer_blocks, definition_terms, load_model, needs_review, nlp_for
from ..extract import Request
from ..labels import OUTCOME_NAMES, Scheme, load_scheme, reply_status
from ..tag import DEFAULT_COMPONENTS, TaggedAnswer, load_nlp, tag_records
from .baselines import KeywordRules, TfidfLogReg
from .examples import Example, check_labels, load_examples
from .fit import fit_model
from .folds import group_folds, mean_over
from .learning_curve import FRACTIONS, training_subset

CV_FOLDS = 5
CV_BY = ("body", "document")  # what a cross-validation split never divides
REVIEW_GRID = (0.6, 0.8, 0.9, 0.95)  # the outcome bars needs_review is measured at (beside classify's default)
SYSTEMS = ("keyword rules", "tfidf + logreg", "foi-nlp")
Folds = list[tuple[np.ndarray, np.ndarray]]


@dataclass
class Scores:
    """Gold and predicted labels of a set of answers, and the figures computed from them."""

    outcome_true: list[str]
    outcome_pred: list[str]
    findings_true: list[list[str]]
    findings_pred: list[list[str]]
    finding_labels: list[str]
    documents: list[str] | None = None  # the reply each answer is from, to roll outcomes up to reply statuses
    sureness: list[tuple[float, float]] | None = None  # outcome probability, lowest finding's given (foi-nlp only)

    def _findings_matrices(self) -> tuple[np.ndarray, np.ndarray]:
        binarizer = MultiLabelBinarizer(classes=self.finding_labels)
        return binarizer.fit_transform(self.findings_true), binarizer.fit_transform(self.findings_pred)

    def headline(self) -> dict[str, float]:
        """Outcome accuracy and macro-F1, findings micro- and macro-F1 (over labels with gold examples)."""
        true, pred = self._findings_matrices()
        present = np.flatnonzero(true.sum(axis=0))
        return {
            "outcome_accuracy": round(float(accuracy_score(self.outcome_true, self.outcome_pred)), 4),
            "outcome_macro_f1": round(float(f1_score(self.outcome_true, self.outcome_pred, average="macro", zero_division=0)), 4),
            "findings_micro_f1": round(float(f1_score(true, pred, average="micro", zero_division=0)), 4),
            "findings_macro_f1": round(float(f1_score(true[:, present], pred[:, present], average="macro", zero_division=0)), 4)
            if present.size else 0.0,
        }

    def per_label(self) -> dict[str, dict[str, float]]:
        """Precision, recall, F1 and support of every outcome and finding label."""
        figures = {}
        outcomes = [o for o in OUTCOME_NAMES if o in self.outcome_true or o in self.outcome_pred]
        p, r, f, s = precision_recall_fscore_support(self.outcome_true, self.outcome_pred, labels=outcomes, zero_division=0)
        for i, label in enumerate(outcomes):
            figures[label] = {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4), "f1": round(float(f[i]), 4), "support": int(s[i])}
        true, pred = self._findings_matrices()
        p, r, f, s = precision_recall_fscore_support(true, pred, zero_division=0)
        for i, label in enumerate(self.finding_labels):
            figures[label] = {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4), "f1": round(float(f[i]), 4), "support": int(s[i])}
        return figures

    def confusion(self) -> dict[str, Any]:
        """The outcome confusion matrix: rows are gold labels, columns predictions."""
        labels = [o for o in OUTCOME_NAMES if o in self.outcome_true or o in self.outcome_pred]
        return {"labels": labels, "matrix": confusion_matrix(self.outcome_true, self.outcome_pred, labels=labels).tolist()}

    def unfounded(self) -> dict[str, int]:
        """Findings given to answers whose gold has none (an unrelated request's answers should get none)."""
        empty = [pred for true, pred in zip(self.findings_true, self.findings_pred) if not true]
        return {"findings": sum(len(p) for p in empty), "answers": sum(1 for p in empty if p), "of": len(empty)}

    def replies(self) -> dict[str, Any]:
        """Each reply's status rolled up from its answers' outcomes (labels.reply_status), gold against predicted:
        how often a reply's status comes out right, and the gold statuses a reply had."""
        if self.documents is None:
            return {}
        true: dict[str, list[str]] = {}
        pred: dict[str, list[str]] = {}
        for document, gold, guess in zip(self.documents, self.outcome_true, self.outcome_pred):
            true.setdefault(document, []).append(gold)
            pred.setdefault(document, []).append(guess)
        statuses = {document: (reply_status(true[document]), reply_status(pred[document])) for document in true}
        right = sum(gold == guess for gold, guess in statuses.values())
        return {"status_accuracy": round(right / len(statuses), 4) if statuses else 0.0, "replies": len(statuses),
                "gold": dict(Counter(gold for gold, _ in statuses.values()).most_common())}

    def flagged(self) -> dict[str, Any]:
        """What the needs_review mark is worth at a few outcome bars (classify's default among them): the answers
        it marks, the wrong outcomes among them, and the outcome accuracy of the answers left unmarked (what a
        user who checks only the marked answers leaves unchecked)."""
        if self.sureness is None:
            return {}
        wrong = [t != p for t, p in zip(self.outcome_true, self.outcome_pred)]
        rows = []
        for below in sorted({*REVIEW_GRID, REVIEW_BELOW}):
            marked = [needs_review(outcome, {"f": finding}, ["f"], below) for outcome, finding in self.sureness]
            unmarked = [w for w, m in zip(wrong, marked) if not m]
            rows.append({"below": below, "marked": sum(marked), "wrong_marked": sum(w and m for w, m in zip(wrong, marked)),
                         "unmarked_accuracy": round(1 - sum(unmarked) / len(unmarked), 4) if unmarked else 0.0})
        return {"default": REVIEW_BELOW, "answers": len(wrong), "wrong": sum(wrong), "bars": rows}

    def subset(self, indices: Sequence[int]) -> "Scores":
        """The same figures over some of the answers (one labels file's)."""
        def pick(values: list[Any] | None) -> list[Any] | None:
            return None if values is None else [values[i] for i in indices]

        return Scores([self.outcome_true[i] for i in indices], [self.outcome_pred[i] for i in indices],
                      [self.findings_true[i] for i in indices], [self.findings_pred[i] for i in indices], self.finding_labels,
                      pick(self.documents), pick(self.sureness))

    def as_dict(self) -> dict[str, Any]:
        return {"headline": self.headline(), "per_label": self.per_label(), "confusion": self.confusion(),
                "unfounded_findings": self.unfounded(), "replies": self.replies(), "review": self.flagged()}


def score_model(model: FoiModel, tagged: Sequence[TaggedAnswer], examples: Sequence[Example]) -> Scores:
    """A fitted model's figures on gold examples."""
    predictions = model.predict(tagged, blocks=answer_blocks([e.record for e in examples]))
    return Scores([e.outcome for e in examples], [p.outcome for p in predictions],
                  [e.findings for e in examples], [p.findings for p in predictions], list(model.finding_labels),
                  [e.group for e in examples], _sureness(predictions))


def _sureness(predictions: Sequence[Any]) -> list[tuple[float, float]]:
    """Each prediction's outcome probability and its least probable finding's (1 without one): what needs_review reads."""
    return [(p.outcome_confidence, min([p.finding_scores[f] for f in p.findings], default=1.0)) for p in predictions]


def _group(example: Example, by: str) -> str:
    return example.body if by == "body" else example.group


def grouped_folds(examples: Sequence[Example], by: str = "body", scored: Sequence[int] | None = None,
                  folds: int = CV_FOLDS, assignment: int = 0) -> Folds:
    """(train, test) index folds over the bodies (or documents) of the `scored` examples (default all), for
    one assignment of them to folds (train/folds.py; 0: GroupKFold's, always the same); each fold trains on
    every example whose body is not tested, training-only ones included, so no body is on both sides."""
    if by not in CV_BY:
        raise ValueError(f"cross-validation groups by one of {CV_BY}, not {by!r}")
    tested = np.array(sorted(range(len(examples)) if scored is None else scored))
    groups = [_group(examples[i], by) for i in tested]
    found = []
    for positions in group_folds(groups, folds, assignment):
        held = {groups[k] for k in positions}
        found.append((np.array([i for i, e in enumerate(examples) if _group(e, by) not in held]), tested[positions]))
    return found


def _fit_predict(system: str, train: list[int], test: list[int], tagged: Sequence[TaggedAnswer],
                 examples: Sequence[Example], labels: list[str], definitions: dict[str, list[str]],
                 asked: bool = False) -> tuple[list[str], list[list[str]], list[tuple[float, float]] | None]:
    """Fit `system` on the training indices and predict the test indices (`asked`: a per-question scheme): outcomes,
    findings, and (foi-nlp only: the baselines have no calibrated probabilities) how sure it is of each (`_sureness`)."""
    outcomes = [examples[i].outcome for i in train]
    findings = [examples[i].findings for i in train]
    if system == "foi-nlp":
        try:
            model = fit_model([tagged[i] for i in train], outcomes, findings, finding_labels=labels,
                              definitions=definitions, groups=[examples[i].body for i in train],
                              documents=[examples[i].group for i in train], asked=asked)
        except ValueError as exc:  # scikit-learn's words ("max_df corresponds to < documents than min_df") need their cause
            raise ValueError(f"a cross-validation fold has too few labels to train on ({len(train)} answers of "
                             f"{len({examples[i].group for i in train})} document(s), outcome(s) {', '.join(sorted(set(outcomes)))}: "
                             f"{exc}): label more replies, or train with --no-cv") from exc
        predictions = model.predict([tagged[i] for i in test], blocks=answer_blocks([examples[i].record for i in test]))
        return [p.outcome for p in predictions], [p.findings for p in predictions], _sureness(predictions)
    baseline = KeywordRules() if system == "keyword rules" else TfidfLogReg()
    baseline.fit([examples[i].record for i in train], outcomes, findings, labels)
    return (*baseline.predict([examples[i].record for i in test], labels), None)


def compare(tagged: Sequence[TaggedAnswer], examples: Sequence[Example], scheme: Scheme,
            definitions: dict[str, list[str]], systems: Sequence[str] = SYSTEMS, fraction: float = 1.0,
            folds: Folds | None = None) -> dict[str, Scores]:
    """Out-of-fold predictions of each system on the same folds (default: `grouped_folds` by body), scored
    on the tested answers, in example order; with `fraction` < 1, each training fold keeps only that
    fraction of its documents (a learning-curve point)."""
    labels = list(scheme.finding_names)
    folds = grouped_folds(examples) if folds is None else folds
    tested = sorted(i for _, test in folds for i in test)
    results = {}
    for system in systems:
        outcome_pred: dict[int, str] = {}
        findings_pred: dict[int, list[str]] = {}
        sure: dict[int, tuple[float, float]] = {}
        for train, test in folds:
            subset = training_subset(list(train), examples, fraction)
            outcomes, findings, sureness = _fit_predict(system, subset, list(test), tagged, examples, labels, definitions,
                                                        scheme.per_question)
            for k, (i, outcome, found) in enumerate(zip(test, outcomes, findings)):
                outcome_pred[i], findings_pred[i] = outcome, found
                if sureness is not None:
                    sure[i] = sureness[k]
        results[system] = Scores([examples[i].outcome for i in tested], [outcome_pred[i] for i in tested],
                                 [examples[i].findings for i in tested], [findings_pred[i] for i in tested], labels,
                                 [examples[i].group for i in tested], [sure[i] for i in tested] if sure else None)
    return results


def learning_curve(tagged: Sequence[TaggedAnswer], examples: Sequence[Example], scheme: Scheme,
                   definitions: dict[str, list[str]], fractions: Sequence[float] = FRACTIONS,
                   folds: Folds | None = None) -> list[dict[str, Any]]:
    """foi-nlp's out-of-fold headline scores at each fraction of the training documents, with the
    mean training size per fold. A fraction too small to fit (one outcome only, no vocabulary)
    is left unscored, with the reason, rather than losing the whole curve."""
    folds = grouped_folds(examples) if folds is None else folds
    points = []
    for fraction in fractions:
        subsets = [training_subset(list(train), examples, fraction) for train, _ in folds]
        point: dict[str, Any] = {
            "fraction": fraction,
            "training_documents": round(sum(len({examples[i].group for i in s}) for s in subsets) / len(subsets), 1),
            "training_answers": round(sum(len(s) for s in subsets) / len(subsets), 1),
            "scores": None,
        }
        try:
            point["scores"] = compare(tagged, examples, scheme, definitions, ("foi-nlp",), fraction, folds)["foi-nlp"].headline()
        except ValueError as exc:
            if fraction >= 1.0:
                raise
            point["unscored"] = f"too few training documents to fit ({exc})"
        points.append(point)
    return points


def cross_validate(tagged: Sequence[TaggedAnswer], examples: Sequence[Example], scheme: Scheme,
                   definitions: dict[str, list[str]]) -> Scores:
    """foi-nlp's out-of-fold scores alone, body held out (what `train` records in the model card)."""
    return compare(tagged, examples, scheme, definitions, systems=("foi-nlp",))["foi-nlp"]


def _assignment_figures(results: dict[str, Scores]) -> dict[str, dict[str, float]]:
    """Each system's headline figures and reply status on one assignment of bodies to folds (no findings figures
    for answers none of whose gold labels has a finding: there is nothing to find)."""
    figures = {}
    for system, scores in results.items():
        found = {k: v for k, v in scores.headline().items() if any(scores.findings_true) or not k.startswith("findings")}
        figures[system] = {**found, **({"status_accuracy": scores.replies()["status_accuracy"]} if scores.documents else {})}
    return figures


def _mean_figures(runs: Sequence[dict[str, dict[str, float]]]) -> dict[str, Any]:
    """Each system's figures averaged over the assignments."""
    return {system: mean_over([run[system] for run in runs], figures) for system, figures in runs[0].items()}


def _section(title: str, main: str, results: dict[str, Scores], note: str) -> dict[str, Any]:
    return {"title": title, "model": main, "systems": {name: s.as_dict() for name, s in results.items()}, "note": note}


def _model_name(model_dir: str | Path, model_dirs: Sequence[str | Path]) -> str:
    """The folder's name, or its path when two folders share a name (old and new `model`)."""
    name = Path(model_dir).name
    return f"model {name}" if [Path(d).name for d in model_dirs].count(name) == 1 else f"model {model_dir}"


def _saved_models(model_dirs: Sequence[str | Path], examples: Sequence[Example], source: str) -> dict[str, Any]:
    results = {}
    for model_dir in model_dirs:
        model = load_model(model_dir)
        tagged = tag_records([e.record for e in examples], nlp_for(model))
        results[_model_name(model_dir, model_dirs)] = score_model(model, tagged, examples)
    note = (f"Saved model(s) on {source}: answers a model was trained on score higher than unseen ones, "
            "so compare models on labelled documents none of them was trained on.")
    return _section("Saved models on gold answers", next(iter(results)), results, note)


def _scored(data: Any, labels_files: Sequence[str | Path], train_only: Sequence[str | Path]) -> list[int]:
    """Indices of the examples whose labels file is scored (not training-only)."""
    only = {Path(f).resolve() for f in train_only}
    unknown = only - {Path(f).resolve() for f in labels_files}
    if unknown:
        raise ValueError(f"{', '.join(sorted(map(str, unknown)))}: a labels file to train on only (--train-only, "
                         "--classify-only) must be given among the labels files too")
    scored = [i for i, e in enumerate(data.examples) if Path(e.labels_file).resolve() not in only]
    if not scored:
        raise ValueError("every labels file is training-only: nothing left to score")
    return scored


def evaluate_classification(labels_files: Sequence[str | Path], docs_dirs: Sequence[str | Path] = (), *,
                            model_dirs: Sequence[str | Path] = (), cv: bool = False, curve: bool = False,
                            scheme: Scheme | None = None, request: Request | None = None,
                            requests: Sequence[str | Path | None] = (), cv_by: str = "body",
                            train_only: Sequence[str | Path] = (), repeats: int = 1) -> dict[str, Any]:
    """Classification figures on gold-located answers: saved models' (`model_dirs`), the CV comparison (`cv`,
    split by `cv_by`, with figures per labels file when several are scored), and how CV scores grow with the
    number of training documents (`curve`). `train_only` labels files train every fold and are never scored.
    With `repeats` > 1, the CV comparison's headline figures on that many assignments of bodies to folds
    (train/folds.py) and their mean, beside the tables of the first."""
    scheme = scheme or load_scheme()
    data = load_examples(labels_files, docs_dirs, request=request, requests=requests, scheme=scheme)
    if not data.examples:
        raise ValueError("no labelled answers could be located in the documents")
    check_labels(data, scheme)  # a saved model too: a mistyped finding would be scored as nothing given
    scored = _scored(data, labels_files, train_only)
    examples = [data.examples[i] for i in scored]
    documents = len({e.group for e in examples})
    source = (f"{len(examples)} gold answers in {documents} documents of {len({e.body for e in examples})} bodies "
              f"({', '.join(dict.fromkeys(e.labels_file for e in examples))})")
    if train_only:
        source += f", trained with {', '.join(str(f) for f in train_only)} as well"
    result: dict[str, Any] = {"data": {"answers": len(examples), "documents": documents, "skipped": data.skipped,
                                       "other_scheme_findings": data.set_aside}}
    if cv or curve:
        nlp = load_nlp(DEFAULT_COMPONENTS)
        tagged = tag_records([e.record for e in data.examples], nlp)
        definitions = definition_terms(scheme, nlp)
        folds = grouped_folds(data.examples, cv_by, scored)
        split = f"{len(folds)}-fold cross-validation grouped by {cv_by} (GroupKFold, no shuffling)"
    if cv:
        results = compare(tagged, data.examples, scheme, definitions, folds=folds)
        note = (f"{split} on {source}; calibration and finding thresholds are tuned inside each training fold. "
                "Macro-F1 averages every outcome present in gold or predictions, so a label with one gold answer "
                "weighs as much as one with hundreds.")
        result["cv"] = _section("Cross-validated comparison", "foi-nlp", results, note)
        sets = {e.source: [] for e in examples}
        for position, e in enumerate(examples):
            sets[e.source].append(position)
        if len(sets) > 1:
            result["cv_sets"] = {name: _section(f"Cross-validated comparison: {name} ({len(positions)} answers)", "foi-nlp",
                                                {system: scores.subset(positions) for system, scores in results.items()}, "")
                                 for name, positions in sets.items()}
        if repeats > 1:
            every = [results] + [compare(tagged, data.examples, scheme, definitions,
                                         folds=grouped_folds(data.examples, cv_by, scored, assignment=assignment))
                                 for assignment in range(1, repeats)]
            runs = [_assignment_figures(run) for run in every]
            result["cv_assignments"] = {"runs": runs, "mean": _mean_figures(runs), "note": (
                f"The comparison's headline figures on {repeats} assignments of the "
                f"{'bodies' if cv_by == 'body' else 'documents'} to folds: the first is "
                "GroupKFold's (the tables above), the others shuffled. Which bodies share a fold moves them by a point or two.")}
            if len(sets) > 1:
                by_set = {name: [_assignment_figures({s: scores.subset(positions) for s, scores in run.items()}) for run in every]
                          for name, positions in sets.items()}
                result["cv_assignments"]["sets"] = {name: {"runs": set_runs, "mean": _mean_figures(set_runs)}
                                                    for name, set_runs in by_set.items()}
    if curve:
        note = (f"foi-nlp's {split} on {source}, each training fold cut to "
                f"{', '.join(f'{f:.0%}' for f in FRACTIONS)} of its documents (a fixed order; test folds stay whole).")
        result["learning_curve"] = {"points": learning_curve(tagged, data.examples, scheme, definitions, folds=folds), "note": note}
    if model_dirs:
        result["model"] = _saved_models(model_dirs, examples, source)
    return result
