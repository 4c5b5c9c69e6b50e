"""The report as one self-contained HTML page: headlines, the matrix, charts, evidence.

No CDN, web font or request of any kind: styles, the SVG charts and a few lines of
script are inline, and the page shows all its data with scripting off (the script
only adds sorting and filtering). Every string that comes from a document goes
through html.escape; nothing from a document is placed inside the <script>.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from ..labels import OUTCOMES, Label
from ..read import HTML_MARK
from .charts import Bar, bar_chart
from .compare import Comparison
from .headlines import Headline, plural, status_sentence, value_sentences
from .summary import EXEMPTION_COLUMNS, Cell, Summary
from .values import NameIndex, QuestionValues, cell_value, display, histogram, name_index, summarise_values

CSS = """
:root{--ink:#1b1b1b;--muted:#5b5b5b;--line:#d6d6d6;--bg:#fff;--soft:#f5f5f3}
*{box-sizing:border-box}
body{margin:0;padding:1rem 1.25rem 3rem;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--ink);background:var(--bg)}
h1{font-size:1.6rem;margin:.2rem 0 .3rem}h2{font-size:1.25rem;margin:2rem 0 .6rem;border-bottom:2px solid var(--ink);padding-bottom:.2rem}
h3{font-size:1rem;margin:.2rem 0}section>h3{margin-top:1rem}
.meta,.note,.qtext,.hint{color:var(--muted)}.qtext{font-size:.9rem;margin:.1rem 0 .4rem}
nav{display:flex;flex-wrap:wrap;gap:.2rem .9rem}
.headlines{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,30rem),1fr));gap:1rem}
.headline{border:1px solid var(--line);border-radius:6px;padding:.7rem .9rem;background:var(--soft)}
.headline ul{margin:.3rem 0 .2rem;padding-left:1.1rem}
.chart-box{margin:0;border:1px solid var(--line);border-radius:6px;padding:.6rem .8rem}
.chart{max-width:100%;height:auto;display:block}.chart-title{font-weight:600;font-size:13px}
.chart-label,.chart-value{font-size:12px;fill:var(--ink)}
.badge{display:inline-block;margin:1px 2px 1px 0;padding:0 .4em;border-radius:3px;font-size:.78rem;line-height:1.5;white-space:nowrap;background:var(--c);color:var(--t);border:1px solid var(--c)}
.badge.finding{background:#fff;color:var(--ink);border-left:6px solid var(--c)}
.legend{display:flex;flex-wrap:wrap;gap:.2rem .6rem;margin:.4rem 0 .8rem}
.controls{margin:.5rem 0;display:flex;gap:.6rem;align-items:center;flex-wrap:wrap}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;border:1px solid var(--line)}
table{border-collapse:collapse}
.matrix{min-width:100%}
.matrix th,.matrix td{border:1px solid var(--line);padding:.35rem .45rem;vertical-align:top;text-align:left}
.matrix thead th{background:var(--soft);font-size:.85rem;min-width:11rem}
.matrix thead th button{all:unset;cursor:pointer;font-weight:600}
.matrix thead th button:focus-visible{outline:2px solid #1f78b4}
.matrix th[aria-sort=ascending] button::after{content:" ▲"}.matrix th[aria-sort=descending] button::after{content:" ▼"}
.matrix tbody th{position:sticky;left:0;background:var(--bg);font-weight:600;min-width:9rem;max-width:14rem;z-index:1}
.matrix td.empty{color:var(--muted);text-align:center}
.matrix td.review{outline:2px dashed #d95f02;outline-offset:-3px}
.flag{color:#d95f02;font-weight:700}.sections{color:var(--muted);white-space:nowrap}
.matrix td.hit{background:#fff7cc}
.value{display:block;font-weight:700;font-size:.95rem;margin-bottom:.1rem;overflow-wrap:anywhere}
.value.none{font-weight:400;color:var(--muted)}.value.text{font-weight:400;font-style:italic;font-size:.85rem}
.values-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,30rem),1fr));gap:1rem}
.stat{margin:.2rem 0 .4rem}
details summary{cursor:pointer;list-style:none}details summary::-webkit-details-marker{display:none}
.pop{margin-top:.35rem;font-size:.85rem;max-width:28rem;max-height:20rem;overflow:auto;border-top:1px solid var(--line);padding-top:.3rem;overflow-wrap:anywhere}
.pop blockquote{margin:.2rem 0 .4rem;padding-left:.5rem;border-left:3px solid var(--line)}
.pop dt{font-weight:600}.pop dd{margin:0 0 .3rem}
.plain th,.plain td{border-bottom:1px solid var(--line);padding:.3rem .5rem;vertical-align:top;text-align:left;font-size:.9rem}
.plain th{background:var(--soft)}
.src{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.8rem;overflow-wrap:anywhere;min-width:12rem}
.evidence p{margin:0 0 .25rem}
.long{overflow-wrap:anywhere;min-width:10rem}
@media (max-width:640px){body{padding:.6rem .6rem 2rem;font-size:14px}h1{font-size:1.3rem}.matrix thead th{min-width:8rem}.matrix tbody th{min-width:6.5rem}}
@media print{
 body{padding:0;font-size:10pt}nav,.controls,.pop,.hint{display:none!important}#evidence>.hint{display:block!important}
 .scroll{overflow:visible;border:0}.matrix thead th{min-width:0}.matrix tbody th{position:static;min-width:0}
 table{width:100%}.matrix th,.matrix td{overflow-wrap:anywhere}.badge{white-space:normal}.src{min-width:0;width:24%}
 .matrix{font-size:8.5pt}.matrix thead th{font-size:8pt}.matrix tbody th{min-width:7em}.matrix th,.matrix td{padding:.1rem .25rem}.matrix .value{display:inline;font-size:8.5pt;margin:0 .3em 0 0}.badge{font-size:7.5pt;margin:0 1px 0 0;line-height:1.3}
 .evidence,.evidence tbody{display:block;width:100%}.evidence thead{display:none}
 .evidence tr{display:block;padding:.1rem 0;border-bottom:1px solid var(--line);font-size:8.5pt;line-height:1.3}
 .evidence td{display:inline;border:0;padding:0 .35em 0 0;font-size:inherit}.evidence td:nth-child(2){font-weight:600}
 .evidence p{display:inline;margin:0 .3em 0 0}.evidence .src{font-size:7.5pt;color:var(--muted);width:auto}
 .headline,.chart-box,tr{break-inside:avoid}h2{break-after:avoid}
 .badge{print-color-adjust:exact;-webkit-print-color-adjust:exact}
 a{color:inherit;text-decoration:none}
}
"""

# Sorting and filtering only; the page is complete without it. No data is embedded here. A question's column
# sorts by outcome (GUIDE.md's order), then by the number a cell gives (data-value), so counts and amounts rank.
JS = """
(function(){
var table=document.getElementById('matrix-table');if(!table)return;
var tbody=table.tBodies[0],shown=document.getElementById('shown');
document.querySelectorAll('.js-only').forEach(function(e){e.hidden=false;});
function key(row,col){if(col===0)return row.dataset.name;var c=row.cells[col],v=Number(c.dataset.value);
 return [Number(c.dataset.rank),c.dataset.value!==undefined&&isFinite(v)?v:Infinity];}
table.querySelectorAll('thead button').forEach(function(btn){btn.addEventListener('click',function(){
 var th=btn.parentNode,col=Number(btn.dataset.col),dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
 table.querySelectorAll('thead th').forEach(function(h){h.removeAttribute('aria-sort');});
 th.setAttribute('aria-sort',dir>0?'ascending':'descending');
 Array.from(tbody.rows).sort(function(a,b){var x=key(a,col),y=key(b,col);
  var d=typeof x==='string'?x.localeCompare(y):(x[0]-y[0])||(x[1]===y[1]?0:x[1]<y[1]?-1:1);
  return d*dir||a.dataset.name.localeCompare(b.dataset.name);})
 .forEach(function(r){tbody.appendChild(r);});});});
var filter=document.getElementById('filter');
function apply(){var label=filter.value,n=0;Array.from(tbody.rows).forEach(function(row){var hit=false;
 Array.from(row.cells).forEach(function(c){var has=!!label&&(' '+(c.dataset.labels||'')+' ').indexOf(' '+label+' ')>=0;
  c.classList.toggle('hit',has);hit=hit||has;});
 row.hidden=!!label&&!hit;if(!row.hidden)n++;});
 shown.textContent=n+' of '+tbody.rows.length+' bodies shown';}
filter.addEventListener('change',apply);apply();
})();
"""


@dataclass(frozen=True)
class Sources:
    """Source file names as the page shows them: a link to the file where the report knows it, else plain text."""

    hrefs: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, summary: Summary, folder: Path | None) -> Sources:
        """The links from a page written in `folder` (none when the page's place is unknown)."""
        return cls(summary.links(folder) if folder is not None else {})

    def html(self, docs: Iterable[str]) -> str:
        """The names joined by "; ", each a link when its file is known."""
        return "; ".join(f'<a href="{escape(self.hrefs[doc])}">{escape(doc)}</a>' if doc in self.hrefs else escape(doc)
                         for doc in docs)


def _luminance(colour: str) -> float:
    """WCAG relative luminance of #rrggbb (0 black, 1 white)."""
    channels = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _ink(colour: str) -> str:
    """Black or white text, whichever has the higher WCAG contrast on `colour` (#rrggbb).

    A brightness cut-off put white on mid tones (not held's grey, refused exemption's salmon) at under 3:1,
    hard to read on screen and gone in a greyscale print; the contrast ratio picks black there."""
    try:
        light = _luminance(colour)
    except ValueError:
        return "#000"
    return "#000" if (light + 0.05) / 0.05 >= 1.05 / (light + 0.05) else "#fff"


def badge(label: Label | str, summary: Summary, *, finding: bool) -> str:
    """A label as a coloured badge; its definition shows on hover."""
    name = label.name if isinstance(label, Label) else label
    known = {lab.name: lab for lab in (*OUTCOMES, *summary.scheme.findings)}
    definition = known[name].definition if name in known else ""
    colour = summary.scheme.colour(name)
    return (
        f'<span class="badge{" finding" if finding else ""}" style="--c:{escape(colour)};--t:{_ink(colour)}" '
        f'title="{escape(definition)}">{escape(name.replace("_", " "))}</span>'
    )


def _badges(cell: Cell, summary: Summary) -> str:
    html = badge(cell.outcome, summary, finding=False) + "".join(badge(f, summary, finding=True) for f in cell.findings)
    if cell.exemptions:
        html += f' <span class="sections">s. {escape(", ".join(cell.exemptions))}</span>'
    if cell.needs_review:
        why = "this may be no answer of the body's (its words read little like an answer): read it in the reply" \
            if cell.check_answer else "the model was unsure: check this answer"
        html += f' <span class="flag" title="{why}">⚑</span>'
    return html


def _pop(cell: Cell, sources: Sources) -> str:
    parts = []
    for answer in cell.answers:
        label = f"Their question {answer.q}" if answer.q else "Their question"
        if answer.question:
            parts.append(f"<p><b>{escape(label)}:</b> {escape(answer.question)}</p>")
        parts.append(f"<blockquote>{escape(answer.answer) or '<i>no answer text</i>'}</blockquote>")
    evidence = "".join(f"<dt>{escape(label)}</dt><dd>{escape(cell.evidence(label)) or '–'}</dd>" for label in cell.labels)
    confidence = f"; confidence {cell.confidence:.2f}" if cell.confidence is not None else ""
    return f'<div class="pop">{"".join(parts)}<dl>{evidence}</dl><p class="src">{sources.html(cell.sources)}{escape(confidence)}</p></div>'


def _value(cell: Cell, names: NameIndex) -> str:
    kind, value, detail = cell_value(cell)
    shown = display(kind, value, detail, names)
    if not shown:
        return '<span class="value none">no value</span>'
    text = detail.get("text") or ""
    tip = f' title="{escape(kind.replace("_", "/"))}: {escape(text)}"' if text and text != shown else f' title="{escape(kind.replace("_", "/"))}"'
    classes = "value text" if kind == "text" else "value"
    return f'<span class="{classes}"{tip}>{escape(shown if len(shown) <= 60 else shown[:59] + "…")}</span>'


def _td(cell: Cell | None, summary: Summary, names: NameIndex, sources: Sources) -> str:
    if cell is None:
        return '<td class="empty" data-rank="99" data-labels="">–</td>'
    rank = next((i for i, lab in enumerate(OUTCOMES) if lab.name == cell.outcome), len(OUTCOMES))
    tip = f"{cell.outcome}: {cell.evidence(cell.outcome)} ({'; '.join(cell.sources)})"
    classes = "cell review" if cell.needs_review else "cell"
    kind, value, _ = cell_value(cell)
    number = f' data-value="{float(value)!r}"' if kind in ("count", "money") and isinstance(value, (int, float)) else ""
    return (
        f'<td class="{classes}" data-rank="{rank}"{number} data-labels="{escape(" ".join(cell.labels))}" title="{escape(tip)}">'
        f"<details><summary>{_value(cell, names)}{_badges(cell, summary)}</summary>{_pop(cell, sources)}</details></td>"
    )


def _matrix(summary: Summary, names: NameIndex, sources: Sources) -> str:
    head = '<th scope="col"><button type="button" data-col="0">Body</button></th>' + "".join(
        f'<th scope="col" title="{escape(q.text)}"><button type="button" data-col="{i}">Q{escape(q.key)}. {escape(q.title)}</button></th>'
        for i, q in enumerate(summary.questions, 1)
    )
    rows = "".join(
        f'<tr data-name="{escape(row.key)}"><th scope="row">{escape(row.name)}</th>'
        + "".join(_td(row.cells.get(q.key), summary, names, sources) for q in summary.questions)
        + "</tr>"
        for row in summary.bodies
    )
    # Only labels some cell has: filtering by one no cell has shows an empty table and says nothing.
    present = {label for row in summary.bodies for cell in row.cells.values() for label in cell.labels}
    options = "".join(
        f'<option value="{escape(lab.name)}">{escape(lab.title)}</option>' for lab in (*OUTCOMES, *summary.findings)
        if lab.name in present
    )
    legend = "".join(badge(lab, summary, finding=False) for lab in OUTCOMES) + "".join(
        badge(lab, summary, finding=True) for lab in summary.findings
    )
    return (
        '<p class="hint">One row per body, one column per question. In bold: the answer’s value (the number, amount, '
        "yes/no or name it gives). Filled badge: how the request was handled; "
        "outlined: what the answer says. ⚑ and a dashed border: the model was unsure. "
        "Click a cell for the answer, the evidence sentence behind each label and the source file.</p>"
        f'<div class="legend">{legend}</div>'
        '<div class="controls js-only" hidden><label>Show bodies with <select id="filter">'
        f'<option value="">any label</option>{options}</select></label> <span id="shown"></span>'
        '<span class="hint">Click a column header to sort.</span></div>'
        f'<div class="scroll"><table class="matrix" id="matrix-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def _label_chart(summary: Summary, key: str, title: str) -> str:
    answered = summary.answered(key)
    bars = []
    for lab in (*OUTCOMES, *summary.scheme.findings):
        who = [row.name for row, cell in answered if lab.name in cell.labels]
        if who:
            bars.append(Bar(lab.title, len(who), lab.colour, f"{lab.title}: {', '.join(who)}"))
    return bar_chart(bars, title=title)


def _headlines(summary: Summary, headlines: list[Headline]) -> str:
    texts = {q.key: q.text for q in summary.questions}
    articles = "".join(
        f'<article class="headline"><h3 title="{escape(texts[h.key])}">Q{escape(h.key)}. {escape(h.title)}</h3>'
        f"<ul>{''.join(f'<li>{escape(s)}</li>' for s in h.sentences)}</ul></article>"
        for h in headlines
    )
    overall = status_sentence(summary)
    if overall:
        articles = f'<article class="headline"><h3>All questions</h3><ul><li>{escape(overall)}</li></ul></article>' + articles
    return f'<div class="headlines">{articles}</div>'


_VALUE_COLOURS = {"count": "#4c72b0", "money": "#4c72b0", "name": "#7570b3", "yes": "#1b9e77", "no": "#d95f02"}


def _value_chart(values: QuestionValues, title: str) -> str:
    """Counts and money: how many bodies gave each value (or range); yes/no: the shares; names: the most named."""
    if values.kind in ("count", "money"):
        bars = [Bar(label, len(bodies), _VALUE_COLOURS[values.kind], f"{label}: {', '.join(bodies)}")
                for label, bodies in histogram(values)]
    elif values.kind == "yes_no":
        bars = [Bar(word, len(bodies), _VALUE_COLOURS[word], f"{word}: {', '.join(bodies)}")
                for word, bodies in (("yes", values.yes), ("no", values.no)) if bodies]
    elif values.kind == "name":
        bars = [Bar(name, count, _VALUE_COLOURS["name"], f"{name}: {', '.join(values.named_by[name])}")
                for name, count in values.names.most_common(10)]
        if values.no:
            bars.append(Bar("no", len(values.no), _VALUE_COLOURS["no"], f"no: {', '.join(values.no)}"))
    else:
        return ""
    return bar_chart(bars, title=title)


def _stats(values: QuestionValues) -> str:
    if values.kind in ("count", "money") and values.numbers:
        return (f'<p class="stat"><b>Median</b> {escape(values.format(values.median))} · <b>range</b> '
                f"{escape(values.format(values.low))}–{escape(values.format(values.high))} · "
                f"{len(values.numbers)} of {values.answered} answers gave one</p>")
    if values.kind == "yes_no" and values.yes + values.no:
        said = len(values.yes) + len(values.no)
        return f'<p class="stat"><b>Yes</b> {len(values.yes)} ({round(100 * len(values.yes) / said)}%) · <b>no</b> {len(values.no)} of {said}</p>'
    return ""


def _values(summary: Summary, names: NameIndex) -> str:
    cards = []
    for q in summary.questions:
        values = summarise_values(summary, q.key, names)
        chart = _value_chart(values, f"Q{q.key}. {q.title}")
        if not chart:
            continue
        words = "".join(f"<li>{escape(s)}</li>" for s in value_sentences(summary, q.key, values))
        cards.append(f'<figure class="chart-box"><h3>Q{escape(q.key)}. {escape(q.title)}</h3>{_stats(values)}'
                     f'<ul class="qtext">{words}</ul>{chart}</figure>')
    if not cards:
        return ""
    return ('<p class="hint">What the answers give, question by question: '
            "the median and range of the numbers, the share saying yes, the names most named (spellings of one name "
            f'counted together). Hover a bar for the bodies.</p><div class="values-grid">{"".join(cards)}</div>')


def _charts(summary: Summary) -> str:
    charts = "".join(
        f'<figure class="chart-box">{_label_chart(summary, q.key, f"Q{q.key}. {q.title}")}'
        f'<figcaption class="qtext">{escape(q.text)}</figcaption></figure>'
        for q in summary.questions
    )
    return f'<div class="headlines">{charts}</div>'


def _exemptions(summary: Summary) -> str:
    cited = summary.exemption_citations()
    if not cited:
        return "<p>No exemption was cited.</p>"
    # Each bar takes the colour of the outcome most answers citing the section had (s. 12: refused on cost...).
    colour = {c.section: summary.scheme.colour(Counter(o for _, _, o in c.answers).most_common(1)[0][0]) for c in cited}
    bars = [Bar(f"section {c.section}", len(c.bodies), colour[c.section],
                f"section {c.section}: {plural(len(c.bodies), 'body', 'bodies')}, {plural(len(c.answers), 'answer')}: {c.who()}")
            for c in cited]
    rows = "".join(f'<tr><td>{escape(c.section)}</td><td>{len(c.bodies)}</td><td>{len(c.answers)}</td><td class="long">{escape(c.who())}</td></tr>'
                   for c in cited)
    head = "".join(f"<th>{escape(name)}</th>" for name in EXEMPTION_COLUMNS)
    table = f'<div class="scroll"><table class="plain"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'
    chart = bar_chart(bars, title="Exemption sections cited (bodies citing each)")
    return chart + table


def _comparison(comparison: Comparison) -> str:
    summary = comparison.current
    before, now = escape(comparison.previous.title), escape(summary.title)
    sentences = "".join(f"<li>{escape(s)}</li>" for s in comparison.sentences())
    head = "".join(f'<th title="{escape(q.text)}">Q{escape(q.key)}. {escape(q.title)}</th>' for q in summary.questions)
    shifts = "".join(
        f"<tr><td>{badge(outcome, summary, finding=False)}</td>"
        + "".join(f"<td>{'<b>' if b != a else ''}{b} → {a}{'</b>' if b != a else ''}</td>" for b, a in counts)
        + "</tr>"
        for outcome, counts in comparison.shift_table()
    )

    def outcome(name: str | None, value: str) -> str:
        """One round's answer: its value in bold, then the outcome's badge, as the matrix shows them."""
        shown = f'<b class="value">{escape(value)}</b> ' if value else ""
        return shown + badge(name, summary, finding=False) if name else "no answer"

    changes = "".join(
        f"<tr><td>{escape(c.body)}</td><td>Q{escape(c.key)}</td><td>{outcome(c.before, c.was)}</td><td>{outcome(c.after, c.now)}</td>"
        f"<td>{''.join(badge(f, summary, finding=True) for f in c.gained)}</td>"
        f"<td>{''.join(badge(f, summary, finding=True) for f in c.lost)}</td></tr>"
        for c in comparison.changes
    )
    only = "".join(
        f"<p>{escape(label)}: {escape(', '.join(names))}.</p>"
        for label, names in ((f"Only in {summary.title}", comparison.only_current), (f"Only in {comparison.previous.title}", comparison.only_previous))
        if names
    )
    return (
        f'<ul>{sentences}</ul>'
        f'<div class="scroll"><table class="plain"><caption class="hint">Bodies per outcome, {before} → {now}</caption>'
        f"<thead><tr><th>Outcome</th>{head}</tr></thead><tbody>{shifts}</tbody></table></div>"
        f'<h3>What changed, body by body</h3><div class="scroll"><table class="plain"><thead><tr><th>Body</th><th>Question</th>'
        f"<th>{before}</th><th>{now}</th><th>Findings gained</th><th>Findings lost</th></tr></thead><tbody>{changes}</tbody></table></div>"
        f"{only}"
    )


def _cell_evidence(cell: Cell, summary: Summary) -> str:
    """Each distinct evidence sentence once, after the badges of the labels it supports."""
    by_sentence: dict[str, list[str]] = {}
    for label in cell.labels:
        by_sentence.setdefault(cell.evidence(label), []).append(label)
    return "".join(
        f"<p>{''.join(badge(label, summary, finding=label != cell.outcome) for label in labels)} {escape(sentence) or '–'}</p>"
        for sentence, labels in by_sentence.items()
    )


def _evidence(summary: Summary, sources: Sources) -> str:
    rows = "".join(
        f'<tr><td>Q{escape(q.key)}</td><td>{escape(row.name)}</td><td class="long">{_cell_evidence(cell, summary)}</td>'
        f'<td class="src">{sources.html(cell.sources)}</td></tr>'
        for q in summary.questions
        for row, cell in summary.answered(q.key)
    )
    return (
        '<p class="hint">Every label in the matrix, with the sentence behind it and its source file: question, body, '
        "labels and evidence, source.</p>"
        '<div class="scroll"><table class="plain evidence"><thead><tr><th>Question</th><th>Body</th><th>Labels and evidence</th><th>Source</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def _unmatched(summary: Summary, sources: Sources) -> str:
    if not summary.unmatched:
        return ""
    rows = "".join(
        f'<tr><td>{escape(a.body)}</td><td>{escape(a.q)}</td><td class="long">{escape(a.question) or "–"}</td>'
        f'<td>{_badges(Cell([a]), summary)}</td><td class="src">{sources.html([a.doc])}</td></tr>'
        for a in summary.unmatched
    )
    return (
        '<div class="scroll"><table class="plain"><thead><tr><th>Body</th><th>Their number</th><th>Question</th><th>Labels</th>'
        f"<th>Source</th></tr></thead><tbody>{rows}</tbody></table></div>"
    )


def _errors(summary: Summary, sources: Sources) -> str:
    if not summary.errors:
        return ""
    rows = "".join(f'<tr><td class="src">{sources.html([e["doc"]])}</td><td class="long">{escape(e["error"])}</td></tr>' for e in summary.errors)
    return (
        '<div class="scroll"><table class="plain"><thead><tr><th>Source</th>'
        f"<th>Reason</th></tr></thead><tbody>{rows}</tbody></table></div>"
    )


def render_html(summary: Summary, headlines: list[Headline], comparison: Comparison | None = None, *,
                folder: Path | None = None) -> str:
    """The whole page; `folder` is where it will be written, from which source files are linked (none if None)."""
    answers = sum(len(row.cells) for row in summary.bodies)
    meta = " · ".join((
        plural(len(summary.bodies), "body", "bodies"),
        plural(len(summary.questions), "question"),
        f"{plural(answers, 'answer')} compared",
        f"{len(summary.unmatched)} outside the questions",
        plural(len(summary.errors), "unreadable document"),
    ))
    names = name_index(summary)
    sources = Sources.of(summary, folder)
    # Every section the page has, in page order: (id, heading, content). The heading is both the section's <h2>
    # and its link in the contents, so the two cannot name it differently; an empty content drops both (a
    # section left out of the contents is one a reader does not know to look for).
    sections = [
        ("headlines", "Headlines", _headlines(summary, headlines)),
        ("values", "Values", _values(summary, names)),
        ("matrix", "Who said what", _matrix(summary, names, sources)),
        ("charts", "Labels per question", _charts(summary)),
        ("exemptions", "Exemptions cited", _exemptions(summary)),
        ("changes", f"Changes since {comparison.previous.title}" if comparison else "", _comparison(comparison) if comparison else ""),
        ("evidence", "Evidence", _evidence(summary, sources)),
        ("unmatched", "Answers outside the compared questions", _unmatched(summary, sources)),
        ("errors", "Documents that could not be read", _errors(summary, sources)),
    ]
    shown = [(key, escape(heading), html) for key, heading, html in sections if html]
    nav = "".join(f'<a href="#{key}">{heading}</a>' for key, heading, _ in shown)
    body = "".join(f'<section id="{key}"><h2>{heading}</h2>{html}</section>' for key, heading, html in shown)
    note = f'<p class="note">{escape(summary.note)}.</p>' if summary.note else ""
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">{HTML_MARK}'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(summary.title)}</title><style>{CSS}</style></head><body>"
        f'<header><h1>{escape(summary.title)}</h1><p class="meta">{escape(meta)}</p>{note}<nav>{nav}</nav></header>'
        f"{body}"
        f"<script>{JS}</script></body></html>\n"
    )
