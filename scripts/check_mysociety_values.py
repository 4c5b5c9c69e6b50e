"""Values against mySociety's own coding of 110 councils' answers (corpus/real/mysociety), body held out.

Classifies the round with its request (or reads `--predictions`), then, in 5 folds over
the councils, learns the value scorers from the other councils' coding plus the other
labelled values (corpus/roundrobin, corpus/real/nhs-roundrobin/housing) and extracts the
held-out councils' values. It prints, beside a simple baseline (the first number / the
first yes-no word / the first capitalised word of the answer; a digit for "budget given"),
how often the values agree with mySociety's coding:

- disclosure log: Q4 yes/no equals theirs (planned, forthcoming, discontinued count as no);
- staff count: Q1's count is within 0.5 of `rough_people_count`;
- software named: for councils whose software they named, Q3's value names it;
  "no" for "No CRM": Q3's value is "no";
- budget given: Q2 has an amount above 0 exactly when they recorded one.

A council whose answer was not extracted counts as a disagreement. `--shipped` measures the
shipped weights instead (trained on all of it: in-sample, for comparison only); `-v` lists
every disagreement.

    python scripts/check_mysociety_values.py
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))

from value_sets import MYSOCIETY, Coding, labelled_examples, mysociety_coding, mysociety_examples  # noqa: E402

from pipeline.tag import Tagger, load_nlp  # noqa: E402
from pipeline.output import read_jsonl  # noqa: E402
from pipeline.train import ValueExample, fit_value_weights, names_match  # noqa: E402
from pipeline.classify import Value, load_weights  # noqa: E402

FOLDS = 5
TARGETS = {"disclosure log yes/no": 0.95, "staff count within 0.5": 0.85, "software named": 0.85,
           '"no" where no software': None, "budget given vs not": 0.90}
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def baseline_number(text: str) -> float | None:
    """The first number of the answer (digits or a number word)."""
    match = re.search(r"\b(\d+(?:\.\d+)?)\b|\b(one|two|three|four|five|six|seven|eight|nine|ten)\b", text, re.I)
    if not match:
        return None
    return float(match.group(1)) if match.group(1) else float(_WORD_NUMBERS[match.group(2).lower()])


def baseline_yes_no(text: str) -> str | None:
    """The first yes/no word of the answer."""
    for word in re.findall(r"[a-z']+", text.lower()):
        if word == "yes":
            return "yes"
        if word in ("no", "not", "none"):
            return "no"
    return None


def baseline_name(text: str) -> str:
    """The first capitalised word after a leading yes/no."""
    rest = re.sub(r"^(?:yes|no)\b[\s,.;:–-]*", "", text.strip(), flags=re.I)
    match = re.search(r"\b[A-Z][\w@&'-]+", rest)
    return match.group(0) if match else ""


def classify(predictions: Path | None) -> list[dict[str, Any]]:
    """The round's records: read from `predictions`, else classified with the shipped model and the request."""
    if predictions is not None:
        return list(read_jsonl(predictions))
    from pipeline.classify import classify_paths
    from pipeline.extract import load_request

    return list(classify_paths([MYSOCIETY], request=load_request(MYSOCIETY / "request.txt")))


def held_out_values(examples: list[ValueExample], others: list[ValueExample]) -> dict[tuple[str, str], Value]:
    """(council, question) -> its value from scorers that never saw the council (grouped folds over councils),
    trained on the other councils' coding and the `others` (other bodies' labelled values)."""
    councils = np.array(sorted({e.group for e in examples}))
    values: dict[tuple[str, str], Value] = {}
    for train, test in GroupKFold(FOLDS).split(councils, groups=councils):
        seen, unseen = set(councils[train]), set(councils[test])
        weights = fit_value_weights([e for e in examples if e.group in seen and e.kind != "uncoded"] + others)
        values.update({(e.group, e.q): e.predict(weights) for e in examples if e.group in unseen})
    return values


def agreement(coding: dict[str, Coding], values: dict[tuple[str, str], Value], answers: dict[tuple[str, str], str],
              verbose: bool) -> dict[str, tuple[int, int, int]]:
    """Measure -> (baseline agreements, foi-nlp agreements, councils)."""
    rows: dict[str, list[tuple[bool, bool]]] = {k: [] for k in TARGETS}

    def check(measure: str, doc: str, ours: bool, base: bool, value: Value | None, gold: object, text: str) -> None:
        rows[measure].append((base, ours))
        if verbose and not ours:
            shown = f"{value.kind} {value.value!r}" if value else "no answer extracted"
            print(f"  {measure}: {doc}: coded {gold!r}, got {shown} | {text[:150]}")

    for doc, code in sorted(coding.items()):
        v, text = values.get((doc, "4")), answers.get((doc, "4"), "")
        gold = "yes" if code.disclosure_log == "yes" else "no"
        check("disclosure log yes/no", doc, bool(v and v.kind == "yes_no" and v.value == gold), baseline_yes_no(text) == gold, v, code.disclosure_log, text)
        v, text = values.get((doc, "1")), answers.get((doc, "1"), "")
        base = baseline_number(text)
        check("staff count within 0.5", doc, bool(v and v.kind == "count" and abs(float(v.value) - code.people) <= 0.5),
              abs((base if base is not None else 0.0) - code.people) <= 0.5 if (doc, "1") in answers else False, v, code.people, text)
        v, text = values.get((doc, "3")), answers.get((doc, "3"), "")
        if code.software == "No CRM":
            check('"no" where no software', doc, bool(v and v.kind == "yes_no" and v.value == "no"), baseline_yes_no(text) == "no", v, code.software, text)
        elif code.software not in ("Custom In-House", "Other CRM"):
            named = bool(v and v.kind == "name" and any(names_match(n, code.software) for n in v.detail.get("names", [v.value])))
            check("software named", doc, named, bool(baseline_name(text)) and names_match(baseline_name(text), code.software), v, code.software, text)
        v, text = values.get((doc, "2")), answers.get((doc, "2"), "")
        given = bool(v and v.kind == "money" and float(v.value or 0) > 0)
        check("budget given vs not", doc, given == code.budget_given, bool(re.search(r"\d", text)) == code.budget_given, v, code.budget_given, text)
    return {k: (sum(b for b, _ in r), sum(o for _, o in r), len(r)) for k, r in rows.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--predictions", type=Path, help="classify --format jsonl output for corpus/real/mysociety (with its request)")
    parser.add_argument("--shipped", action="store_true", help="measure the shipped weights (in-sample) instead of held-out folds")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    records = [r for r in classify(args.predictions) if "error" not in r]
    coding = mysociety_coding()
    tagger = Tagger(load_nlp())
    examples = mysociety_examples(records, tagger, coding)
    answers = {(r["doc"], str(r["q"])): str(r.get("answer") or "") for r in records}
    if args.shipped:
        weights = load_weights()
        values = {(e.group, e.q): e.predict(weights) for e in examples}
        how = "shipped weights (trained on these councils: in-sample)"
    else:
        values = held_out_values(examples, labelled_examples(tagger))
        how = f"{FOLDS}-fold cross-validation grouped by council (each council's values from scorers that never saw it)"
    table = agreement(coding, values, answers, args.verbose)
    print(f"mySociety's coding of {len(coding)} councils vs foi-nlp's values; {how}")
    print("| measure | councils | baseline | foi-nlp | target |")
    print("| --- | --- | --- | --- | --- |")
    for measure, (base, ours, n) in table.items():
        target = TARGETS[measure]
        print(f"| {measure} | {n} | {base / n:.3f} | **{ours / n:.3f}** | {'≥ ' + format(target, '.2f') if target else '–'} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
