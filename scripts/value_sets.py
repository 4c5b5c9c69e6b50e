"""The labelled values the value scorers learn from and are measured on (shared by the scripts).

- corpus/real/mysociety: mySociety's own coding of each council's answers (labels.jsonl,
  key `mysociety`), read by question number: Q1 `rough_people_count` (a count), Q3
  `case_management_system` (a name, "no" for "No CRM"; "Custom In-House"/"Other CRM"
  are categories, not names, and are left out), Q4 `disclosure_log` (yes; planned,
  forthcoming, discontinued and the rest: no). Q2's amounts are not learnt (money is
  found by rule); `budget_given` says whether mySociety recorded one.
- labels files whose answers carry `value_kind`/`value` (corpus/GUIDE.md, "Values").
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.tag import Tagger  # noqa: E402
from pipeline.extract import load_request  # noqa: E402
from pipeline.train import ValueExample, label_examples  # noqa: E402
from pipeline.classify import owner_words  # noqa: E402

MYSOCIETY = ROOT / "corpus" / "real" / "mysociety"
# Labels files with values: (labels, documents folder, request).
LABELLED = [
    (ROOT / "corpus" / "roundrobin" / "labels.jsonl", ROOT / "corpus" / "roundrobin" / "responses", ROOT / "corpus" / "roundrobin" / "request.txt"),
    (ROOT / "corpus" / "real" / "nhs-roundrobin" / "housing" / "labels.jsonl", ROOT / "corpus" / "real" / "nhs-roundrobin" / "housing",
     ROOT / "corpus" / "real" / "nhs-roundrobin" / "housing" / "request.txt"),
]
NOT_NAMES = {"Custom In-House", "Other CRM"}
COST_KEYS = ("cost_wider_team", "cost_all", "cost_salary", "cost_other")


@dataclass(frozen=True)
class Coding:
    """mySociety's coding of one council."""

    people: float
    software: str
    disclosure_log: str
    budget_given: bool


def mysociety_coding(labels: Path = MYSOCIETY / "labels.jsonl") -> dict[str, Coding]:
    """Council document -> its coding."""
    coding = {}
    for line in labels.read_text("utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            m = row["mysociety"]
            coding[row["doc"]] = Coding(float(m["rough_people_count"]), m["case_management_system"].strip(),
                                        m["disclosure_log"], any(str(m[k]).strip() for k in COST_KEYS))
    return coding


def gold_value(coding: Coding, q: str) -> tuple[str, Any] | None:
    """The (kind, value) mySociety's coding gives the answer to question `q`, or None (not coded as a value)."""
    if q == "1":
        return "count", coding.people
    if q == "3":
        if coding.software == "No CRM":
            return "yes_no", "no"
        return None if coding.software in NOT_NAMES else ("name", coding.software)
    if q == "4":
        return "yes_no", "yes" if coding.disclosure_log == "yes" else "no"
    return None


def mysociety_examples(records: list[dict[str, Any]], tagger: Tagger, coding: dict[str, Coding]) -> list[ValueExample]:
    """Every extracted answer of the round with its tokens; `kind`/`value` from the coding (kind 'none' when uncoded)."""
    answers = [r for r in records if "error" not in r]
    tokens = tagger.tokens([t for r in answers for t in (r.get("answer") or "", r.get("question") or "")])
    out = []
    for k, record in enumerate(answers):
        gold = gold_value(coding[record["doc"]], str(record["q"])) if record["doc"] in coding else None
        kind, value = gold or ("uncoded", None)
        out.append(ValueExample(tokens[2 * k], tokens[2 * k + 1] if record.get("question") else None, kind, value,
                                record["doc"], owner_words(record.get("responder")), tuple(record.get("exemptions") or ()),
                                str(record.get("outcome") or ""), str(record["q"])))
    return out


def labelled_examples(tagger: Tagger) -> list[ValueExample]:
    """The answers of LABELLED that carry values."""
    out = []
    for labels, docs, request in LABELLED:
        out += label_examples([labels], [docs], tagger, request=load_request(request))
    return out
