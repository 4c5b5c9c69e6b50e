"""Page furniture: the lines a printed letter repeats on every page, which are not its prose.

Page numbers, protective markings, rules, and letterheads or footers repeated at page
edges fall wherever a page ends, so they land mid-answer unless removed. They are
recognised by shape (page-number patterns, capitalised markings) and by repetition
at page edges, never by what a particular body prints there.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable

_PAGE_NUMBER = re.compile(
    r"^\s*(?:(?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?|(?P<n>[1-9]\d{0,2})\s*(?:of|/)\s*(?P<total>[1-9]\d{0,2})|-\s*\d+\s*-)\s*$"
    r"|^.{0,120}\bpage\s+\d+\s+of\s+\d+\s*$|^\s*page\s+\d+\s+of\s+\d+\b.{0,120}$",
    re.IGNORECASE,
)
_MARKING = re.compile(
    r"^\s*(?:(?:security\s+)?classification:\s*)?"
    r"(?:NOT\s+PROTECTIVELY\s+MARKED|OFFICIAL(?:\s*[-\u2013:]\s*|\s+)?(?:SENSITIVE|PUBLIC)?(?:\s*\[[A-Z ]+\])?"
    r"|UNCLASSIFIED|RESTRICTED|PROTECT(?:\s*-\s*\w+)?|PUBLIC)\s*$"
)
_RULE = re.compile(r"^\s*[-_=*~\u2014\u2013]{5,}\s*$")
# A copyright line ("© 2019 Some Hospital", "Copyright 2023 ...", "Crown copyright"): a page's or letter's
# footer, never an answer, and it would lengthen the last answer it follows.
_COPYRIGHT = re.compile(r"^\s*(?:©|copyright\s*©?\s*(?:19|20)\d{2}\b|crown\s+copyright\b)[^?!]{0,100}$", re.I)
_REFERENCE_TOKEN = re.compile(r"\b(?:[A-Za-z]+[-/]?\d[\w/-]*|\d+[-/]\d+[-/\w]*|FOI|ref(?:erence)?)\b", re.IGNORECASE)
_EDGE = 3  # how many lines at the top and bottom of a page count as its edge
_BLOCK = 8  # the most lines a letterhead or footer block repeated from a page edge may have


_DIGIT = re.compile(r"\d")  # every page-number shape holds one: a line without is looked at no further


def _page_number(line: str) -> re.Match[str] | None:
    """`_PAGE_NUMBER`'s match of a line of 20 words or fewer (None for any other line)."""
    return _PAGE_NUMBER.match(line) if _DIGIT.search(line) and len(line.split()) <= 20 else None


def _fraction(match: re.Match[str] | None) -> tuple[int, int] | None:
    """A bare "n/N" line's two numbers, from its `_page_number` match (None for any other line)."""
    return (int(match.group("n")), int(match.group("total"))) if match and match.group("n") else None


def counter_totals(lines: Iterable[str]) -> frozenset[int]:
    """The totals N that bare "n/N" lines of one text share with different n ("1/3", "2/3"):
    a page counter runs through a document, a year in a table ("10/11") stands alone."""
    seen: dict[int, set[int]] = defaultdict(set)
    for line in lines:
        if (pair := _fraction(_page_number(line))) is not None:
            seen[pair[1]].add(pair[0])
    return frozenset(total for total, numbers in seen.items() if len(numbers) >= 2)


def is_page_number(line: str, totals: Collection[int] = frozenset()) -> bool:
    """A page-number line, alone or at the end of a footer ("FOI ref: 123 Page 2 of 2").

    A bare "n/N" counts only when n <= N: "003982/24" on its own line is a reference. A bare
    "YY/YY+1" of two digits each ("10/11", "22/23") is a financial year in a table, unless other
    lines of the text count pages to the same total (`totals`, from `counter_totals`).
    """
    match = _page_number(line)
    if (pair := _fraction(match)) is not None:
        n, total = pair
        return n <= total and (n < 10 or total != n + 1 or total in totals)
    return match is not None


def is_marking(line: str) -> bool:
    """A protective marking line such as OFFICIAL or NOT PROTECTIVELY MARKED."""
    return bool(_MARKING.match(line))


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def _repeatable(line: str) -> bool:
    """Lines that may be furniture when repeated: not labels, at least two words."""
    return len(line.split()) >= 2 and not re.match(
        r"\s*(?:\d|\(|[a-z][.)]|q\d|question|answer|response|reply|request|you asked)", line, re.IGNORECASE
    )


def _edges(pages: list[list[str]]) -> list[set[int]]:
    """Indexes of the edge lines of each page (top and bottom non-blank lines)."""
    result = []
    for page in pages:
        filled = [i for i, line in enumerate(page) if line.strip()]
        result.append(set(filled[:_EDGE] + filled[-_EDGE:]))
    return result


def _near_page_numbers(lines: list[str], totals: Collection[int]) -> set[int]:
    """Without page breaks, the lines around a page number stand for the page edges, and
    in paginated text the start and end of the text are the first page's top and last page's foot."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    near: set[int] = set()
    for k, i in enumerate(filled):
        if is_page_number(lines[i], totals):
            near.update(filled[max(0, k - _EDGE) : k + _EDGE + 1])
    if near:
        near.update(filled[:_EDGE] + filled[-_EDGE:])
    return near


def _repeated_edge_lines(pages: list[list[str]], totals: Collection[int]) -> list[set[int]]:
    """Per page, the edge lines whose text (digits aside) recurs at another page edge."""
    edges = _edges(pages) if len(pages) > 1 else [_near_page_numbers(pages[0], totals)]
    keys = [[(i, _key(page[i])) for i in sorted(edge) if _repeatable(page[i])] for page, edge in zip(pages, edges)]
    counts: Counter[str] = Counter()
    for page_keys in keys:
        counts.update({key for _, key in page_keys} if len(pages) > 1 else [key for _, key in page_keys])
    return [{i for i, key in page_keys if counts[key] >= 2} for page_keys in keys]


_LABEL = re.compile(r"\s*(?:\(?[a-z0-9]{1,2}[.)]\s|q\d|question|answer|response|reply|request|you asked)", re.IGNORECASE)


def _common_run(a: list[str], b: list[str]) -> int:
    """How many keys two sequences share from their start, up to a block's size."""
    n = 0
    while n < min(len(a), len(b), _BLOCK) and a[n] == b[n]:
        n += 1
    return n


def _edge_blocks(pages: list[list[str]]) -> list[set[int]]:
    """Per page, the lines of a letterhead or footer block that another page repeats line for
    line from its top (or bottom) edge: one-word lines such as an e-mail address included."""
    filled = [[i for i, line in enumerate(page) if line.strip()] for page in pages]
    keys = [[_key(page[i]) for i in rows] for page, rows in zip(pages, filled)]
    found: list[set[int]] = [set() for _ in pages]
    for p, q in ((p, q) for p in range(len(pages)) for q in range(len(pages)) if p != q):
        top = _common_run(keys[p], keys[q])
        bottom = _common_run(keys[p][::-1], keys[q][::-1])
        rows = filled[p][:top] + filled[p][len(filled[p]) - bottom:]
        found[p].update(i for i in rows if not _LABEL.match(pages[p][i]))
    return found


def _running_headers(lines: list[str], totals: Collection[int]) -> set[int]:
    """A short reference-bearing line just after a page number: the next page's running header."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    found: set[int] = set()
    for k, i in enumerate(filled):
        if not is_page_number(lines[i], totals):
            continue
        for j in filled[k + 1 : k + 3]:
            line = lines[j].strip()
            if len(line.split()) <= 12 and not re.search(r"[.?:]$", line) and _REFERENCE_TOKEN.search(line) and _repeatable(line):
                found.add(j)
    return found


_PAGE_LINES = 10  # the fewest lines of text between two page numbers: a page holds more than a table's row


def _page_sequence(lines: list[str]) -> set[int]:
    """Lone numbers counting up 1, 2, 3... (or from 2) through the text, a page's lines apart: page
    numbers without "Page". Lone numbers a few lines apart are a table's cells ("2019", "1", "2020", "2")."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    lone = [(k, i, int(lines[i].strip())) for k, i in enumerate(filled) if re.fullmatch(r"\s*\d{1,3}\s*", lines[i])]
    values = [v for _, _, v in lone]
    if len(lone) >= 2 and values[0] in (1, 2) and values == list(range(values[0], values[0] + len(values))) \
            and all(b[0] - a[0] > _PAGE_LINES for a, b in zip(lone, lone[1:])):
        return {i for _, i, _ in lone}
    return set()


def drop_furniture(pages: list[list[str]], *, strict: bool = True) -> list[str]:
    """The lines of all pages with furniture removed and page breaks flowed together.

    `strict` (PDF-derived text) also drops lines repeated at page edges and running
    headers; other formats lose only page numbers, markings, rules and copyright lines.
    """
    totals = counter_totals(line for page in pages for line in page)
    repeated = [set() for _ in pages]
    if strict:
        repeated = [a | b for a, b in zip(_repeated_edge_lines(pages, totals), _edge_blocks(pages))]
    out: list[str] = []
    skipping = False
    for page, drop in zip(pages, repeated):
        headers = (_running_headers(page, totals) | _page_sequence(page)) if strict else set()
        for i, line in enumerate(page):
            if i in drop or i in headers or is_page_number(line, totals) or is_marking(line) or _RULE.match(line) \
                    or _COPYRIGHT.match(line):
                _close_gap(out)
                skipping = True
            elif not (skipping and not line.strip()):
                out.append(line)
                skipping = False
        _close_gap(out)
        skipping = True
    return out


def _close_gap(out: list[str]) -> None:
    """Remove blank lines left before removed furniture so the text can flow across it."""
    while out and not out[-1].strip():
        out.pop()
    if out and re.search(r"[.?!:]['\")]*\s*$", out[-1]):
        out.append("")
