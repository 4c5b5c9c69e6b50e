"""Values across bodies: one spelling per name, and per question what the values add up to.

A researcher's table says "2", "£34,000", "yes", "iCasework" in each cell and, under
each column, the median and range of the numbers, the share saying yes, the names
most named. The cells come from each answer's `value` (pipeline.values); this module
writes them out (`display`), lines names up across bodies (`NameIndex`: case,
accents, spacing and punctuation ignored, near-identical spellings and a name
inside a longer one of only one other cluster joined) and summarises a question
(`summarise_values`), for every renderer to share.
"""
from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from ..labels import WITHHOLDING_OUTCOMES
from ..output import money_text, plain_number, value_text
from .records import Answer
from .summary import Cell, Summary

# Words that say what kind of thing a name is, not which: "Infreemation system" is "Infreemation".
_GENERIC = frozenset({"system", "systems", "software", "database", "spreadsheet", "crm", "the", "a", "an", "our", "in",
                      "house", "product", "package", "tool", "platform", "application", "app", "solution", "service",
                      "services", "ltd", "limited", "plc", "inc", "case", "management"})
SIMILAR = 0.85   # difflib ratio at which two spellings are one name (iCasework / I-Casework / iCaseworks)


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def name_key(name: str) -> str:
    """The name with case, accents, spacing and punctuation gone: 'I-Casework' and 'iCasework' share one."""
    return re.sub(r"[^a-z0-9]+", "", _ascii(name))


def _words(name: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9]+", _ascii(name)) if w not in _GENERIC)


class NameIndex:
    """Every name given, grouped into clusters of one thing; each cluster shows its most used spelling."""

    def __init__(self, names: list[str]) -> None:
        keys = list(dict.fromkeys(k for k in map(name_key, names) if k))
        parent = {k: k for k in keys}

        def root(k: str) -> str:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        def join(a: str, b: str) -> None:
            parent[root(b)] = root(a)

        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                if min(len(a), len(b)) >= 4 and SequenceMatcher(None, a, b).ratio() >= SIMILAR:
                    join(a, b)
        words: dict[str, set[str]] = {}
        for name in names:
            words.setdefault(name_key(name), set()).update(_words(name))
        for i, a in enumerate(keys):  # the same words: "Infreemation system" is "Infreemation"
            for b in keys[i + 1 :]:
                if words[a] and words[a] == words[b]:
                    join(a, b)
        for a in keys:  # "Excel" joins "Microsoft Excel" when no other cluster also contains it
            hosts = {root(b) for b in keys if words[a] and words[a] < words[b]} - {root(a)}
            if len(hosts) == 1:
                join(hosts.pop(), a)
        spellings: dict[str, Counter[str]] = {}
        for name in names:
            if name_key(name):
                spellings.setdefault(root(name_key(name)), Counter())[name] += 1
        self._display: dict[str, str] = {}
        for counts in spellings.values():
            shown = min(counts, key=lambda n: (-counts[n], not n[-1:].isalnum(), len(n), n))
            self._display.update({name_key(n): shown for n in counts})

    def canonical(self, name: str) -> str:
        """The spelling shown for `name`'s cluster (the name itself when unknown)."""
        return self._display.get(name_key(name), name)


def display(kind: str, value: Any, detail: dict[str, Any], names: NameIndex | None = None) -> str:
    """A value as a table cell shows it (output.value_text), a name in the spelling its cluster shows."""
    if kind == "name" and names:
        detail = {**detail, "names": [names.canonical(n) for n in detail.get("names") or [value]]}
    return value_text(kind, value, detail)


def _withheld(answer: Answer) -> bool:
    """Whether the answer gave nothing (labels.WITHHOLDING_OUTCOMES), so a value read from it is the withheld
    thing's or the Act's ("Freedom of Information Act" as a contractor's name), never one to count, sum or name.
    Save a section 21 refusal, which points to the information (published elsewhere), and a count of none that a
    not-held answer says in words ("no prosecutions were brought, so none is held": classify gives 0 only where
    the answer says none, classify/values.py), which is the journalist's 0."""
    if answer.outcome == "refused_exemption" and any(e.split("(")[0] == "21" for e in answer.exemptions):
        return False
    if answer.outcome == "not_held" and answer.value_kind == "count" and answer.value == 0:
        return False
    return answer.outcome in WITHHOLDING_OUTCOMES


def cell_value(cell: Cell) -> tuple[str, Any, dict[str, Any]]:
    """A cell's value: its first answer that gave something and has one (a split question's parts in order)."""
    for answer in cell.answers:
        if answer.value_kind not in ("", "none") and not _withheld(answer):
            return answer.value_kind, answer.value, answer.value_detail
    return "none", None, {}


def name_index(summary: Summary) -> NameIndex:
    """The names given anywhere in the table, clustered."""
    return NameIndex([n for row in summary.bodies for cell in row.cells.values() for n in _names(cell)])


def _names(cell: Cell) -> list[str]:
    kind, value, detail = cell_value(cell)
    return list(detail.get("names") or [value]) if kind == "name" else []


@dataclass
class QuestionValues:
    """What one question's values add up to across the bodies that answered it."""

    key: str
    kind: str                                  # the kind most answers' values have ('none' when no values)
    answered: int                              # bodies with a cell
    numbers: list[tuple[str, float]] = field(default_factory=list)   # (body, value) for counts and money
    zeros: int = 0                             # numbers of 0: answers that said zero ("none", "Nil.")
    yes: list[str] = field(default_factory=list)               # bodies whose value is yes / no
    no: list[str] = field(default_factory=list)
    names: Counter[str] = field(default_factory=Counter)             # canonical name -> bodies naming it
    named_by: dict[str, list[str]] = field(default_factory=dict)
    currency: str = ""
    counted: Counter[str] = field(default_factory=Counter)     # what the counts count, as the answers name it
    periods: Counter[str] = field(default_factory=Counter)     # the amounts' periods ('' where unsaid): a median
                                                               # across a year and a three-year total misleads

    @property
    def median(self) -> float | None:
        return statistics.median(v for _, v in self.numbers) if self.numbers else None

    @property
    def low(self) -> float | None:
        return min(v for _, v in self.numbers) if self.numbers else None

    @property
    def high(self) -> float | None:
        return max(v for _, v in self.numbers) if self.numbers else None

    def format(self, number: float | None) -> str:
        if number is None:
            return ""
        return money_text(number, self.currency) if self.kind == "money" else plain_number(round(number, 2))


def summarise_values(summary: Summary, key: str, names: NameIndex | None = None) -> QuestionValues:
    """The values of question `key`: numbers for counts and money, yes/no shares, names with their bodies."""
    names = names or name_index(summary)
    answered = summary.answered(key)
    kinds = Counter(cell_value(cell)[0] for _, cell in answered)
    kinds.pop("none", None)
    kinds.pop("text", None)
    kind = max(kinds, key=lambda k: (kinds[k], k)) if kinds else "none"
    result = QuestionValues(key, kind, len(answered))
    currencies: Counter[str] = Counter()
    for row, cell in answered:
        value_kind, value, detail = cell_value(cell)
        if value_kind in ("count", "money") and value_kind == kind and isinstance(value, (int, float)):
            result.numbers.append((row.name, float(value)))
            result.zeros += value == 0
            currencies[detail.get("currency", "")] += 1
            if value_kind == "money":
                result.periods[str(detail.get("period") or "").strip()] += 1
            result.counted.update(w.strip() for w in str(detail.get("counted") or "").split(",") if w.strip())
        elif kind in ("yes_no", "name") and value_kind == "yes_no":
            (result.yes if value == "yes" else result.no).append(row.name)
        elif kind == "name" and value_kind == "name":
            for name in dict.fromkeys(names.canonical(n) for n in _names(cell)):
                result.names[name] += 1
                result.named_by.setdefault(name, []).append(row.name)
    result.currency = max(currencies, key=lambda c: (currencies[c], c)) if currencies else ""
    return result


def body_noun(summary: Summary) -> tuple[str, str]:
    """What the bodies are, for sentences: ('council', 'councils') when most names say so, else ('body', 'bodies')."""
    names = [row.name.lower() for row in summary.bodies]
    for singular, many, words in (("council", "councils", ("council",)), ("trust", "trusts", ("trust",)),
                                  ("police force", "police forces", ("police", "constabulary"))):
        if names and sum(any(w in n for w in words) for n in names) >= 0.8 * len(names):
            return singular, many
    return "body", "bodies"


def _edges(high: float) -> list[float]:
    """Bin edges 1, 2, 3, 5, 10, 20, 50, 100, 200, 500 ... up past `high` (a count's or an amount's scale)."""
    edges, scale = [1.0, 2.0, 3.0], 1.0
    while edges[-1] <= high:
        edges += [5 * scale, 10 * scale, 20 * scale]
        scale *= 10
    return edges


def histogram(values: QuestionValues, most: int = 10) -> list[tuple[str, list[str]]]:
    """The numbers as chart rows (label, bodies): one row per distinct value when there are at most `most`,
    else ranges on a 1-2-5 scale (0 alone, under 1, 1, 2, 3-4, 5-9, 10-19 ...), each labelled by the lowest
    and highest value inside it; empty ranges are left out."""
    ordered = sorted(values.numbers, key=lambda item: (item[1], item[0]))
    distinct = sorted({v for _, v in ordered})
    if len(distinct) <= most:
        return [(values.format(d), [b for b, v in ordered if v == d]) for d in distinct]
    bins: dict[int, list[tuple[str, float]]] = {}
    edges = [0.0, *_edges(distinct[-1])]
    for body, value in ordered:
        place = -1 if value == 0 else next(k for k, edge in enumerate(edges) if value < edge or k == len(edges) - 1)
        bins.setdefault(place, []).append((body, value))
    rows = []
    for _, members in sorted(bins.items()):
        low, high = members[0][1], members[-1][1]
        label = values.format(low) if low == high else f"{values.format(low)}–{values.format(high)}"
        rows.append((label, [b for b, _ in members]))
    return rows
