"""Every label the project knows: names, one-line definitions and report colours.

The outcome labels are fixed (how a request was handled is the same for every
campaign), and so are the reply statuses they roll up to; findings come from a scheme
file, so a user's own campaign can define its own without touching code. The CLI, the classifier, the report and the tests
all read labels from here and nowhere else.
"""
from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class Label:
    """A label with its definition and the colour the report paints it."""

    name: str
    definition: str
    colour: str

    @property
    def title(self) -> str:
        return self.name.replace("_", " ")


# Order matters: it is GUIDE.md's rule order (the first rule that fits wins).
OUTCOMES: tuple[Label, ...] = (
    Label("ncnd", "neither confirms nor denies that the information is held", "#6a3d9a"),
    Label("refused_cost", "refused because finding it would exceed the cost or time limit (section 12)", "#e31a1c"),
    Label("refused_exemption", "withholds all of what was asked under exemptions (sections 21-44) or as vexatious/repeated (section 14)", "#fb6a4a"),
    Label("partially_provided", "gives some of what was asked and withholds the rest under an exemption", "#fdae61"),
    Label("not_held", "the information is not held, or the thing asked for does not exist", "#969696"),
    Label("provided", "gives the information or a substantive answer", "#1a9850"),
    Label("other", "clarification sought, transferred, acknowledged: none of the above", "#4575b4"),
)
OUTCOME_NAMES: tuple[str, ...] = tuple(label.name for label in OUTCOMES)

# How a reply went as a whole, rolled up from its answers' outcomes (`reply_status`): the statuses a requester
# gives a request on WhatDoTheyKnow (Alaveteli's names), the first line of a round-robin's table.
STATUSES: tuple[Label, ...] = (
    Label("successful", "every question answered: the information given, or an answer of substance", "#1a9850"),
    Label("partially_successful", "some of what was asked given; the rest withheld, refused, not held or not answered", "#fdae61"),
    Label("not_held", "nothing given: none of the information is held", "#969696"),
    Label("rejected", "nothing given, and some of it refused (cost limit, an exemption, neither confirm nor deny)", "#e31a1c"),
    Label("other", "nothing answered yet: the request acknowledged, transferred, or clarification sought", "#4575b4"),
)
STATUS_NAMES: tuple[str, ...] = tuple(label.name for label in STATUSES)
# The outcomes by what they give: some or all of what was asked; a refusal; nothing at all (a refusal, or
# nothing held). Read by reply_status, by classify's values and by the report, which shows no value of an
# answer that gave nothing.
GIVING_OUTCOMES = frozenset({"provided", "partially_provided"})
REFUSING_OUTCOMES = frozenset({"refused_cost", "refused_exemption", "ncnd"})
WITHHOLDING_OUTCOMES = REFUSING_OUTCOMES | {"not_held"}


def reply_status(outcomes: Iterable[str], *, unanswered: bool = False) -> str | None:
    """A reply's status from its answers' outcomes (None for a reply with no answer).

    An acknowledgement or a transfer beside real answers says nothing of how they went, so `other` counts
    only when every answer is `other`. Anything given, with anything withheld, refused or not held beside
    it, is partial; nothing given with any refusal is rejected (a requester reads a reply that refuses one
    part and holds nothing of the rest as a refusal). `unanswered`: the reply leaves some of the questions
    asked without any answer, so what it gave is only part of what was asked, never every question."""
    found = set(outcomes)
    if found - set(OUTCOME_NAMES):
        raise ValueError(f"not an outcome: {', '.join(sorted(found - set(OUTCOME_NAMES)))}")
    if not found:
        return None
    if found <= {"other"}:
        return "other"
    found.discard("other")
    if found == {"provided"} and not unanswered:
        return "successful"
    if found & GIVING_OUTCOMES:
        return "partially_successful"
    return "rejected" if found & REFUSING_OUTCOMES else "not_held"

# Colours for findings are assigned in scheme order from this qualitative palette.
FINDING_PALETTE: tuple[str, ...] = (
    "#1f78b4", "#33a02c", "#b15928", "#e7298a", "#66a61e", "#7570b3",
    "#d95f02", "#1b9e77", "#a6761d", "#666666", "#e6ab02", "#a6cee3",
)

DEFAULT_SCHEME = "trafficking"


@dataclass(frozen=True)
class Scheme:
    """A findings scheme: a name and its labels, in the order the scheme file gives.

    `per_question`: each finding codes one question of the request (a campaign's table: a yes
    and a no finding per question, worded alike but for what is asked about), so the model also
    weighs which finding's definition the answer's question asks about (`features.asked_overlap`).
    """

    name: str
    description: str
    findings: tuple[Label, ...]
    per_question: bool = False

    @property
    def finding_names(self) -> tuple[str, ...]:
        return tuple(label.name for label in self.findings)

    def colour(self, name: str) -> str:
        for label in (*OUTCOMES, *self.findings):
            if label.name == name:
                return label.colour
        return "#999999"


def finding_pairs(names: Sequence[str]) -> list[tuple[str, str]]:
    """(`X`, `no_X`) for every finding `X` whose negative `no_X` the scheme also has, in scheme order:
    the two answers a yes/no question can get (a per-question scheme's are decided together:
    classify/model.py)."""
    present = set(names)
    return [(name, f"no_{name}") for name in names if f"no_{name}" in present]


class SchemeError(ValueError):
    """A scheme file is missing or malformed."""


def parse_scheme(text: str, source: str = "<scheme>") -> Scheme:
    """Build a Scheme from TOML text: `name`, optional `description` and `per_question`, `[findings]` table."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SchemeError(f"{source}: not valid TOML ({exc})") from exc
    findings = data.get("findings")
    if not isinstance(data.get("name"), str) or not isinstance(findings, dict) or not findings:
        raise SchemeError(f"{source}: a scheme needs a `name` and a non-empty [findings] table")
    per_question = data.get("per_question", False)
    if not isinstance(per_question, bool):
        raise SchemeError(f"{source}: `per_question` is true or false")
    clash = set(findings) & set(OUTCOME_NAMES)
    if clash:
        raise SchemeError(f"{source}: findings may not reuse outcome names {sorted(clash)}")
    labels = tuple(
        Label(str(name), str(definition), FINDING_PALETTE[i % len(FINDING_PALETTE)])
        for i, (name, definition) in enumerate(findings.items())
    )
    return Scheme(data["name"], str(data.get("description", "")), labels, per_question)


def load_scheme(path: str | Path | None = None) -> Scheme:
    """Load a scheme file, or the bundled default scheme when no path is given."""
    if path is None:
        text = resources.files("pipeline").joinpath(f"schemes/{DEFAULT_SCHEME}.toml").read_text("utf-8")
        return parse_scheme(text, f"{DEFAULT_SCHEME}.toml")
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise SchemeError(f"{path}: cannot read ({exc.strerror})") from exc
    return parse_scheme(text, str(path))


def outcome(name: str) -> Label:
    """The outcome label called `name` (KeyError if there is none)."""
    for label in OUTCOMES:
        if label.name == name:
            return label
    raise KeyError(name)
