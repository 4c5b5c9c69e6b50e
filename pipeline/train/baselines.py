"""The two baselines foi-nlp's model is measured against (see evaluate.compare).

1. `KeywordRules`: hand-written keyword rules in GUIDE.md's rule order; findings
   rules exist for the default `trafficking` scheme only.
2. `TfidfLogReg`: TF-IDF word n-grams of the raw question + answer text and
   logistic regression, no spaCy: what a quick scikit-learn script would do.
Both have the interface the evaluation uses: fit(records, outcomes, findings, finding_labels)
and predict(records, finding_labels) -> (outcomes, findings).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

Predicted = tuple[list[str], list[list[str]]]

_OUTCOME_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(pattern, re.I))
    for label, pattern in (
        ("ncnd", r"neither confirm nor deny|confirm or deny"),
        ("refused_cost", r"section 12\b|cost limit|appropriate limit|exceed the (cost|limit)|18 hours"),
        ("refused_exemption", r"\bexempt|withh[eo]ld|vexatious|section (2[1-9]|3\d|4[0-4])\b"),
        ("not_held", r"not held|do(es)? not hold|not recorded|no (specific |separate |dedicated |such )?(budget|strategy|record|information)"),
        ("other", r"clarif|transferred|forwarded your request"),
    )
)
_TOPIC = re.compile(r"traffick|slavery|exploitation", re.I)
_FINDING_RULES: dict[str, re.Pattern[str]] = {
    label: re.compile(pattern, re.I)
    for label, pattern in {
        "specific_budget": r"£\s?\d|\bgrant\b|funded post|budget of",
        "no_specific_budget": r"no (specific|separate|dedicated|discrete|ring-fenced) (budget|funding)|not have an? (specific|separate|dedicated|discrete|ring-fenced) budget|general budgets?|core budgets?",
        "strategy_exists": r"(strategy|policy|plan|procedure)\b.*\b(attached|published|enclosed|https?://|www\.)|please find attached",
        "no_official_strategy": r"(no|not have an?|not produced an?) (official |specific |standalone |separate )?(strategy|policy)",
        "strategy_in_development": r"\bdraft|being developed|in development|currently developing|working on",
        "measures_referenced": r"operation [A-Z]|training|campaign|partnership|briefing|newsletter|awareness",
        "dedicated_unit": r"co-?ordinator|single points? of contact|\bSPOC|dedicated (team|unit)|lead officer",
        "statistics_provided": r"\b\d[\d,]*\s+(potential )?(victims|referrals|arrests|offences|officers|staff|prosecutions|crimes)",
    }.items()
}


class KeywordRules:
    """Outcome by the first keyword rule that fires (else `provided`); findings by keywords."""

    def fit(self, records: Sequence[dict[str, Any]], outcomes: Sequence[str], findings: Sequence[Sequence[str]],
            finding_labels: Sequence[str]) -> "KeywordRules":
        return self

    def predict(self, records: Sequence[dict[str, Any]], finding_labels: Sequence[str]) -> Predicted:
        outcomes, findings = [], []
        for record in records:
            answer = record.get("answer") or ""
            outcomes.append(next((label for label, rule in _OUTCOME_RULES if rule.search(answer)), "provided"))
            on_topic = _TOPIC.search(f"{record.get('question') or ''} {answer}")
            findings.append([l for l in finding_labels if on_topic and l in _FINDING_RULES and _FINDING_RULES[l].search(answer)])
        return outcomes, findings


def _raw_text(record: dict[str, Any]) -> str:
    return f"{record.get('question') or ''}\n{record.get('answer') or ''}"


class TfidfLogReg:
    """Word 1-2-grams of the raw text, TF-IDF, logistic regression per head (threshold 0.5)."""

    def fit(self, records: Sequence[dict[str, Any]], outcomes: Sequence[str], findings: Sequence[Sequence[str]],
            finding_labels: Sequence[str]) -> "TfidfLogReg":
        self.vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        X = self.vectorizer.fit_transform([_raw_text(r) for r in records])
        self.outcome = LogisticRegression(C=10.0, class_weight="balanced", max_iter=5000).fit(X, outcomes)
        self.labels = list(finding_labels)
        self.findings = []
        for label in self.labels:
            y = np.array([label in f for f in findings], dtype=int)
            self.findings.append(LogisticRegression(C=10.0, class_weight="balanced", max_iter=5000).fit(X, y) if 0 < y.sum() < len(y) else None)
        return self

    def predict(self, records: Sequence[dict[str, Any]], finding_labels: Sequence[str]) -> Predicted:
        X = self.vectorizer.transform([_raw_text(r) for r in records])
        outcomes = [str(o) for o in self.outcome.predict(X)]
        columns = [head.predict(X) if head is not None else np.zeros(X.shape[0]) for head in self.findings]
        findings = [[l for l, col in zip(self.labels, columns) if col[i]] for i in range(X.shape[0])]
        return outcomes, findings
