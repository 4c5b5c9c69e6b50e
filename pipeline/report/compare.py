"""Two rounds of the same request side by side: what changed per body and overall (outcome, value, findings).

Bodies are matched by normalised name (records.normalise_name); both rounds were
aligned to the same canonical questions, so cells compare key for key.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..labels import OUTCOME_NAMES
from ..output import value_text
from .headlines import plural
from .summary import Cell, Summary
from .values import cell_value


@dataclass(frozen=True)
class Change:
    """One body's answer to one question that differs between the rounds (None: no answer); `was` and `now` are
    the values as the tables show them ('' for none), so a corrected figure counts as a change."""

    body: str
    key: str
    before: str | None
    after: str | None
    gained: tuple[str, ...]
    lost: tuple[str, ...]
    was: str = ""
    now: str = ""

    @property
    def outcome_changed(self) -> bool:
        return self.before != self.after

    @property
    def value_changed(self) -> bool:
        return self.was != self.now


@dataclass
class Comparison:
    """The changes between an earlier round (`previous`) and this one (`current`)."""

    current: Summary
    previous: Summary
    changes: list[Change]
    unchanged: int
    matched: list[str]
    only_current: list[str]
    only_previous: list[str]

    def outcome_shift(self, key: str) -> list[tuple[str, int, int]]:
        """(outcome, count before, count now) for every outcome either round gave to question `key`."""
        before, after = self.previous.outcome_counts(key), self.current.outcome_counts(key)
        return [(o, before[o], after[o]) for o in OUTCOME_NAMES if before[o] or after[o]]

    def shift_table(self) -> list[tuple[str, list[tuple[int, int]]]]:
        """Rows of (outcome, [(before, now) per question]) for every outcome given in either round."""
        shifts = {q.key: {o: (b, a) for o, b, a in self.outcome_shift(q.key)} for q in self.current.questions}
        given = [o for o in OUTCOME_NAMES if any(o in by_outcome for by_outcome in shifts.values())]
        return [(o, [shifts[q.key].get(o, (0, 0)) for q in self.current.questions]) for o in given]

    def sentences(self) -> list[str]:
        """The overall picture in a few sentences, for the top of the comparison."""
        moved = sum(c.outcome_changed for c in self.changes)
        revalued = sum(c.value_changed and not c.outcome_changed for c in self.changes)
        relabelled = len(self.changes) - moved - revalued
        return [
            f"{plural(len(self.matched), 'body', 'bodies')} answered in both rounds; {len(self.only_current)} only in "
            f"{self.current.title} and {len(self.only_previous)} only in {self.previous.title}.",
            f"Of the answers of bodies in both rounds, {moved} changed outcome, {revalued} kept the outcome but gave "
            f"another value, {relabelled} kept both but gained or lost findings, and {self.unchanged} stayed the same.",
        ]


def shown_value(cell: Cell | None) -> str:
    """A cell's value as the tables show it ('' for none): what two rounds' values are compared by."""
    if cell is None:
        return ""
    kind, value, detail = cell_value(cell)
    return value_text(kind, value, detail)


def compare(current: Summary, previous: Summary) -> Comparison:
    """Compare two rounds cell by cell for the bodies in both."""
    before_rows = {row.key: row for row in previous.bodies}
    now_rows = {row.key: row for row in current.bodies}
    changes: list[Change] = []
    unchanged = 0
    matched = [row for row in current.bodies if row.key in before_rows]
    for row in matched:
        old = before_rows[row.key]
        for question in current.questions:
            was, now = old.cells.get(question.key), row.cells.get(question.key)
            if was is None and now is None:
                continue
            before_findings = set(was.findings) if was else set()
            after_findings = set(now.findings) if now else set()
            change = Change(
                row.name,
                question.key,
                was.outcome if was else None,
                now.outcome if now else None,
                tuple(f for f in (now.findings if now else ()) if f not in before_findings),
                tuple(f for f in (was.findings if was else ()) if f not in after_findings),
                shown_value(was),
                shown_value(now),
            )
            if change.outcome_changed or change.value_changed or change.gained or change.lost:
                changes.append(change)
            else:
                unchanged += 1
    return Comparison(
        current,
        previous,
        changes,
        unchanged,
        [row.name for row in matched],
        [row.name for row in current.bodies if row.key not in before_rows],
        [row.name for row in previous.bodies if row.key not in now_rows],
    )
