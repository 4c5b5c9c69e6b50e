"""The report as Markdown: the HTML's tables and headlines, for pasting into an article or a wiki.

Document text is escaped for Markdown *and* HTML (Markdown renderers pass raw
HTML through), so a response containing `<script>` or a `|` cannot break a table.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..read import MARKDOWN_MARK
from .compare import Comparison
from .headlines import Headline, status_sentence, value_sentences
from .summary import EXEMPTION_COLUMNS, Cell, Summary
from .values import NameIndex, cell_value, display, name_index, summarise_values

_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def md(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, Markdown and HTML specials escaped."""
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text)


def _table(header: list[str], body: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in body]
    return lines + [""]


def _cell(cell: Cell | None, names: NameIndex | None = None) -> str:
    if cell is None:
        return "–"
    shown = display(*cell_value(cell), names)
    text = (f"{md(shown if len(shown) <= 60 else shown[:59] + '…')} · " if shown else "") + f"**{md(cell.outcome)}**"
    if cell.findings:
        text += " (" + ", ".join(md(f) for f in cell.findings) + ")"
    if cell.exemptions:
        text += "; s. " + ", ".join(md(e) for e in cell.exemptions)
    return text + (" ⚑ check the answer" if cell.check_answer else " ⚑ review" if cell.needs_review else "")


def _sources(docs: list[str], links: dict[str, str]) -> str:
    """Source names joined by "; ", each a link to its file where the report knows it (`Summary.links`)."""
    return "; ".join(f"[{md(doc)}]({links[doc]})" if doc in links else md(doc) for doc in docs)


def render_markdown(summary: Summary, headlines: list[Headline], comparison: Comparison | None = None,
                    folder: Path | None = None) -> str:
    """The whole Markdown report; `folder`: where it is written, so each source file links to the letter."""
    links = summary.links(folder) if folder is not None else {}
    out = [MARKDOWN_MARK, f"# {md(summary.title)}", ""]
    if summary.note:
        out += [f"_{md(summary.note)}._", ""]
    out += ["## Headlines", ""]
    overall = status_sentence(summary)
    if overall:
        out += [f"**All questions.** {md(overall)}", ""]
    for headline in headlines:
        out += [f"**Q{md(headline.key)}. {md(headline.title)}** " + " ".join(md(s) for s in headline.sentences), ""]
    names = name_index(summary)
    out += _values(summary, names)
    out += ["## Who said what", "", "The answer's value first, then the outcome in bold, findings in brackets, exemptions after `s.`; "
            "⚑ marks answers to review.", ""]
    header = ["Body"] + [f"Q{md(q.key)}. {md(q.title)}" for q in summary.questions]
    out += _table(header, [[md(row.name)] + [_cell(row.cells.get(q.key), names) for q in summary.questions] for row in summary.bodies])
    out += ["## Questions", ""] + [f"{md(q.key)}. {md(q.text)}" for q in summary.questions] + [""]
    cited = summary.exemption_citations()
    out += ["## Exemptions cited", ""]
    if cited:
        rows = [[md(c.section), str(len(c.bodies)), str(len(c.answers)), md(c.who())] for c in cited]
        out += _table(list(EXEMPTION_COLUMNS), rows)
    else:
        out += ["None.", ""]
    if comparison:
        out += _comparison(comparison)
    out += ["## Answers and evidence", ""]
    rows = []
    for question in summary.questions:
        for row, cell in summary.answered(question.key):
            evidence = "<br>".join(f"**{md(label)}**: {md(cell.evidence(label)) or '–'}" for label in cell.labels)
            rows.append([f"Q{md(question.key)}", md(row.name), evidence, _sources(cell.sources, links)])
    out += _table(["Question", "Body", "Evidence by label", "Source"], rows)
    if summary.unmatched:
        out += ["## Answers outside the compared questions", ""]
        rows = [[md(a.body), md(a.q), md(a.question) or "–", _cell(Cell([a]), names), _sources([a.doc], links)] for a in summary.unmatched]
        out += _table(["Body", "Their number", "Question", "Labels", "Source"], rows)
    if summary.errors:
        out += ["## Documents that could not be read", ""]
        out += _table(["Source", "Reason"], [[_sources([e["doc"]], links), md(e["error"])] for e in summary.errors])
    return "\n".join(out).rstrip() + "\n"


def _values(summary: Summary, names: NameIndex) -> list[str]:
    """Per question, the values in words and, for names, the most named with their counts."""
    out = []
    for question in summary.questions:
        values = summarise_values(summary, question.key, names)
        sentences = value_sentences(summary, question.key, values)
        if not sentences:
            continue
        out += [f"**Q{md(question.key)}. {md(question.title)}** " + " ".join(md(s) for s in sentences), ""]
        if values.kind == "name":
            rows = [[md(name), str(count), md(", ".join(values.named_by[name]))] for name, count in values.names.most_common(10)]
            out += _table(["Name", "Bodies", "Which"], rows)
    return (["## Values", ""] + out) if out else []


def _said(value: str, outcome: str | None) -> str:
    """One round's answer in the changes table: the value, then the outcome, as the matrix shows them."""
    if outcome is None:
        return "no answer"
    return (f"{md(value)} · " if value else "") + md(outcome)


def _comparison(comparison: Comparison) -> list[str]:
    before, now = md(comparison.previous.title), md(comparison.current.title)
    out = [f"## Changes since {before}", ""]
    for sentence in comparison.sentences():
        out += [md(sentence), ""]
    header = ["Outcome"] + [f"Q{md(q.key)}. {md(q.title)}" for q in comparison.current.questions]
    rows = [[md(o)] + [f"{b} → {a}" for b, a in counts] for o, counts in comparison.shift_table()]
    out += [f"Bodies per outcome, {before} → {now}:", ""] + _table(header, rows)
    if comparison.changes:
        rows = [
            [md(c.body), f"Q{md(c.key)}", _said(c.was, c.before), _said(c.now, c.after), md(", ".join(c.gained)), md(", ".join(c.lost))]
            for c in comparison.changes
        ]
        out += _table(["Body", "Question", before, now, "Findings gained", "Findings lost"], rows)
    for label, names in ((f"Only in {now}", comparison.only_current), (f"Only in {before}", comparison.only_previous)):
        if names:
            out += [f"{label}: " + ", ".join(md(n) for n in names) + ".", ""]
    return out
