"""The model card for people: MODEL_CARD.md, rendered from the card's data (model.json).

model.json is what programs read; this file is what a person opens to decide whether a
model folder someone shared is fit for their responses: what it was trained on, how
well it scored, and with which versions.
"""
from __future__ import annotations

from typing import Any

from ..labels import OUTCOMES

_MEASURES = ("outcome_accuracy", "outcome_macro_f1", "findings_micro_f1", "findings_macro_f1")


def _table(header: tuple[str, ...], rows: list[tuple[Any, ...]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell).replace("|", "\\|") for cell in row) + " |" for row in rows]
    return lines + [""]


def _scores(card: dict[str, Any]) -> list[str]:
    scores = card.get("cv_scores")
    if not scores:
        return ["Not computed (trained with `--no-cv`).", ""]
    intro = ["5-fold cross-validation grouped by body (no body's replies on both sides of a split), "
             "on the training answers; calibration and thresholds tuned inside each training fold.", ""]
    return intro + _table(("measure", "score"), [(m.replace("_", " "), f"{scores[m]:.3f}") for m in _MEASURES if m in scores])


def _threshold(value: float) -> str:
    """Thresholds outside 0-1 mean the label had too few examples to learn (see model.MIN_POSITIVES)."""
    if value > 1:
        return "never given (too few examples)"
    if value <= 0:
        return "always given (too few counter-examples)"
    return f"{value:.2f}"


def render_card(card: dict[str, Any]) -> str:
    """MODEL_CARD.md's text for a model card (the dict saved as model.json)."""
    training, scheme = card["training"], card["scheme"]
    outcome_counts, finding_counts = training["outcome_counts"], training["finding_counts"]
    definitions = {label.name: label.definition for label in OUTCOMES}
    pipeline = card.get("spacy_pipeline") or {}
    lines = [
        "# foi-nlp model card",
        "",
        f"Trained {card['created']} on {training['answers']} labelled answers in {training['documents']} documents.",
        f"Findings scheme `{scheme['name']}`: {scheme.get('description') or '(no description)'}."
        + (" Each finding codes one question of the request (`per_question`): the model also reads what the "
           "answer's question asks about." if scheme.get("per_question") else ""),
        "",
        "Use it: `foi-nlp classify RESPONSES --model THIS_FOLDER` (or set FOI_NLP_MODEL to this folder).",
        "",
        "## Training data",
        "",
        *[f"- labels file: `{name}`" for name in training["labels_files"]],
        f"- data sha256 (answer texts and labels): `{training['data_sha256']}`",
        f"- answers skipped (anchors not found in their document): {len(training.get('skipped') or [])}",
        *[f"- `{name}` is labelled in another scheme: its {n} findings this scheme lacks were left out, "
          "so its answers count as having none" for name, n in (training.get("other_scheme_findings") or {}).items()],
    ]
    if training.get("unreviewed_answers"):
        lines.append(f"- **answers still carrying unchecked model predictions (`\"source\": \"review\"`): "
                     f"{training['unreviewed_answers']}**")
    lines += ["", "## Cross-validated scores", "", *_scores(card), "## Outcomes", ""]
    lines += _table(("label", "answers", "definition"),
                    [(name, outcome_counts.get(name, 0), definitions.get(name, "")) for name in card["outcome_labels"]])
    lines += ["## Findings", "", "A finding is given when its calibrated probability reaches the threshold.", ""]
    if card.get("pairs"):
        pairs = ", ".join(f"`{yes}` / `{no}`" for yes, no in card["pairs"])
        lines += [f"Yes/no pairs ({pairs}) are decided together: an answer codes at most one pair, the likeliest "
                  "whose question it answers (the threshold is the pair's), and a polarity head says which of the two.", ""]
    lines += _table(("label", "answers", "threshold", "definition"),
                    [(name, finding_counts.get(name, 0), _threshold(card["thresholds"][name]), scheme["findings"].get(name, ""))
                     for name in card["finding_labels"]])
    lines += ["## Versions", ""]
    lines += _table(("software", "version"), [(name, version or "not installed") for name, version in card["versions"].items()])
    lines.append(f"spaCy pipeline: {pipeline.get('name')} {pipeline.get('version')}, components: "
                 f"{', '.join(pipeline.get('components') or []) or 'none'}.")
    return "\n".join(lines) + "\n"
