"""Facts stated in an answer: the things a comparison across bodies lines up.

`find_facts` always returns every key below (empty lists when nothing is found),
and only JSON-serialisable values:

- `money`: [{text, amount, currency}] - "£6,500", "£1.2m", "£40k", "GBP 3,000",
  "€500", "6,500 pounds"; `amount` is a float in units, `currency` an ISO code.
- `years`: [{text, kind, start, end}] - financial years ("2017/18", "FY 2019/20",
  kind "financial", start and end the two calendar years) and calendar years or
  spans used as years ("in 2012", "2018-2021", kind "calendar"). Years inside a
  full date or an Act's title, and numbers that are amounts, are not years.
- `urls`: full URLs and bare `www.` addresses, trailing punctuation stripped.
- `attachments`: documents the answer says are attached or enclosed.
- `operations`: named operations and projects ("Operation Sentinel", "Op Tern").
- `units`: named units, teams and departments ("Public Protection Unit (PPU)").
- `data_files`: data attachments of the response (spreadsheets, CSV):
  [{file, sheets: [{name, rows, columns}]}].
- `attachments_received`: file names of the response's other attachments
  (letters, policies), so a reader can see what came with it.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from ..documents import Attachment
from .metadata import DATE_PATTERN

# --- money ---------------------------------------------------------------------------

_NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?"
_MULTIPLIER = r"(?:\s?(?P<mult>million|billion|thousand|bn|m|k)\b)?"
# The money and year patterns open with a lookahead on the characters their matches start with (a symbol,
# a code's or a prefix's initial, a digit): it turns every other place away at once, where `re` would try
# each alternative (under IGNORECASE it skips ahead to none by itself). A match starts with one of them, so
# the matches are the same; under IGNORECASE a class admits what its letters do as literals (the long s 'ſ'
# of "ſeptember" too).
_MONEY = re.compile(
    r"(?=[£€$geu\d])(?:(?:(?P<sym>[£€$])\s?|\b(?P<code>GBP|EUR|USD)\s?)" + _NUMBER + _MULTIPLIER
    + r"|(?<![\w.,£€$])" + _NUMBER.replace("num", "num2").replace("dec", "dec2")
    + r"(?:\s?(?P<mult2>million|billion|thousand|bn|m|k))?\s(?P<word>pounds?|sterling|euros?|dollars?)\b)",
    re.I,
)
_SYMBOLS = {"£": "GBP", "€": "EUR", "$": "USD"}
_WORDS = {"pound": "GBP", "sterling": "GBP", "euro": "EUR", "dollar": "USD"}
_FACTORS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}


def _amount(number: str, decimals: str | None, multiplier: str | None) -> float:
    value = float(number.replace(",", "") + ("." + decimals if decimals else ""))
    return value * _FACTORS.get((multiplier or "").lower(), 1.0)


def find_money(text: str) -> list[dict[str, Any]]:
    """Money amounts with their currency, in order of appearance."""
    found = []
    for match in _MONEY.finditer(text):
        if match.group("num"):
            currency = _SYMBOLS.get(match.group("sym") or "") or (match.group("code") or "").upper()
            amount = _amount(match.group("num"), match.group("dec"), match.group("mult"))
        else:
            currency = _WORDS[match.group("word").lower().rstrip("s")]
            amount = _amount(match.group("num2"), match.group("dec2"), match.group("mult2"))
        found.append({"text": match.group(0).strip(), "amount": amount, "currency": currency})
    return found


# --- years ---------------------------------------------------------------------------

_YEAR = r"(?:199\d|20[0-3]\d)"
_SPAN = re.compile(  # FY, financial, fiscal; a year's first digit (see _MONEY)
    r"(?=[f12])(?<![\w/.£$€-])(?P<prefix>(?:FY|financial\s+years?|fiscal\s+year)\s?)?"
    r"(?P<a>" + _YEAR + r")\s?(?P<sep>[/–—-]|\s+to\s+)\s?(?P<b>" + _YEAR + r"|\d\d)(?![\w/%-]|[.,]\d)",
    re.I,
)
_SHORT_FY = re.compile(r"(?i)(?P<prefix>\bFY\s?|\bfinancial\s+years?\s+)(?P<a>\d\d)/(?P<b>\d\d)(?![\w/])")
_SINGLE = re.compile(r"(?=[12])(?<![\w/.,£$€-])(?P<a>" + _YEAR + r")(?![\w/%-]|[.,]\d)")
_FULL_DATE = re.compile(r"(?=[\djfmasond])" + DATE_PATTERN, re.I)  # a digit or a month's initial (see _MONEY)
_TITLE_YEAR = re.compile(r"(?:\bAct|\bRegulations|\bOrder|\bRules|\bCode|No\.?)\s*,?\s*$")
_COUNT_AFTER = re.compile(
    r"\s+(?:people|persons|staff|police|premises|(?!(?:was|is|has|as|its|this|does|plus|less|unless)\b)[a-z]+s)\b"
)
_YEAR_CUE = re.compile(r"(?i)\b(?:in|during|since|by|of|from|until|between|before|after|year)\s*$")


def _span_year(a: int, b_text: str) -> int:
    """The second year of "2017/18" or "2017/2018" as a full year."""
    return int(b_text) if len(b_text) == 4 else a // 100 * 100 + int(b_text)


def find_years(text: str) -> list[dict[str, Any]]:
    """Financial and calendar years used as years, unique, in order of appearance."""
    found: list[tuple[int, dict[str, Any]]] = []
    taken: list[tuple[int, int]] = []  # the spans' places: a year inside one is not a year of its own
    for match in _SPAN.finditer(text):
        a = int(match.group("a"))
        b = _span_year(a, match.group("b"))
        if b <= a or b - a > 20:
            continue
        financial = b == a + 1 and (match.group("prefix") or match.group("sep") == "/" or len(match.group("b")) == 2)
        found.append((match.start(), _year(match.group(0), "financial" if financial else "calendar", a, b)))
        taken.append(match.span())
    for match in _SHORT_FY.finditer(text):
        a, b = 2000 + int(match.group("a")), 2000 + int(match.group("b"))
        if b == a + 1:
            found.append((match.start(), _year(match.group(0), "financial", a, b)))
            taken.append(match.span())
    dates: list[tuple[int, int]] | None = None  # full dates' places, looked for only once a year may be in one
    for match in _SINGLE.finditer(text):
        if _inside(taken, match.start()) or _TITLE_YEAR.search(text, max(0, match.start() - 20), match.start()):
            continue
        if dates is None:
            dates = [m.span() for m in _FULL_DATE.finditer(text)]
        if _inside(dates, match.start()):
            continue
        if _COUNT_AFTER.match(text, match.end()) and not _YEAR_CUE.search(text, max(0, match.start() - 20), match.start()):
            continue  # "2012 referrals" is a count; "in 2012 officers..." a year
        year = int(match.group("a"))
        found.append((match.start(), _year(match.group(0), "calendar", year, year)))
    return _unique(item for _, item in sorted(found, key=lambda pair: pair[0]))


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    return any(start <= position < end for start, end in spans)


def _year(text: str, kind: str, start: int, end: int) -> dict[str, Any]:
    return {"text": " ".join(text.split()), "kind": kind, "start": start, "end": end}


def _unique(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    seen, out = set(), []
    for item in items:
        key = tuple(sorted(item.items()))
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


# --- URLs ----------------------------------------------------------------------------

_URL = re.compile(r"(?:https?://|(?<![\w@.])www\.)[^\s<>\"'()\[\]{}|]+", re.I)
_TRAILING = ".,;:!?’”'\"*_"


def find_urls(text: str) -> list[str]:
    """Full URLs and bare www. addresses, trailing punctuation stripped, unique in order."""
    urls: list[str] = []
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(_TRAILING)
        if url not in urls and "." in url:
            urls.append(url)
    return urls


# --- attachments, operations, units ----------------------------------------------------

_PHRASE_END = r"(?=\s*[.;:\n]|,\s|\s+(?:which|that|for\s+your|as\s+requested|and\s+(?:a|an|the)\s+(?!attached))\b|\s*\()"
_ATTACHED = [
    re.compile(
        r"(?i:(?:please\s+)?(?:find|see)\s+(?:attached|enclosed)|(?:I|we)\s+(?:have\s+)?(?:attached|enclosed|attach|enclose))"
        r"(?:\s+(?:herewith|to\s+this\s+(?:letter|e-?mail)))?\s+(?:is\s+|are\s+)?(?P<x>[^.;:\n]{3,120}?)" + _PHRASE_END
    ),
    re.compile(r"(?i:\b(?:the|an?|our)\s+attached\s+)(?P<x>[\w’'-]+(?:\s+[\w’'-]+){0,4}?)(?=\s*[.,;:)\n]|\s+(?i:which|that|shows|sets|gives|is|are|contains|provides|for|with|lists)\b)"),
    re.compile(r"(?P<x>[‘'\"“][^’'\"”\n]{2,100}[’'\"”]|(?:[A-Z][\w’'-]*\s){1,8})\s*\((?i:attached|enclosed)[^)]*\)"),
    re.compile(
        r"(?P<x>(?:the\s)?[A-Z][\w’'–-]*\s(?:(?:[A-Z][\w’'–-]*|and|of|for|on)\s){0,12}?(?:[A-Z][\w’'–-]*|\d{4}(?:[–-]\d{2,4})?))"
        r",\s+a\s+copy\s+of\s+which\s+is\s+(?:attached|enclosed)"
    ),
]
# Every pattern above, and _IS_ATTACHED, holds "attach" or "enclos" (the long s of "encloſed" is an s to
# the regexes' IGNORECASE, and to casefold): a text without either has nothing for them to find.
_SAYS_ATTACHED = ("attach", "enclos")
_ENCLOSURES_LINE = re.compile(r"(?m)^[ \t]*(?i:enc(?:l|losures?)?|attachments?)\s*[:.]\s*(?P<x>\S.{2,150}?)\s*$")  # "Encl: ..."
_IS_ATTACHED = re.compile(r"(?<!\s)\s+(?:is|are|has\s+been|have\s+been)\s+(?:attached|enclosed)\b")
_CLAUSE_START = re.compile(r"(?:[.;:,(\n]|\b(?:and|but)\b(?=\s+(?:a|an|the|our|its|this|these)\b))\s*")
_OPERATION = re.compile(
    r"\b(?P<kind>Operation|Op\.?|Project)\s+(?P<name>[A-Z][A-Za-z’'-]+(?:\s+(?!(?:Plan|Strategy|Team|Board|Manager|Officer|Lead|"
    r"Order|Support|Group|Newsletter|Policy|Report|Website|Strategic|Update|Briefing|Delivery)\b)[A-Z][a-z]+)?)"
)
_NOT_OPERATIONS = {"manager", "board", "team", "officer", "lead", "plan", "order", "support", "group", "management", "the", "a"}
_UNIT_TYPES = (
    r"(?:Units?|[Tt]eams?|Departments?|Directorates?|Command|Squad|Hub|Division|Branch|Desk|Bureau|Cell|"
    r"Section|Service|Office|Centre|Panel|Partnership|Board|[Uu]nit|[Dd]epartment)"
)
_UNIT = re.compile(
    r"(?P<name>(?:[A-Z][\w&’'-]*\s+(?:(?:and|&|of|for)\s+)?){1,6}" + _UNIT_TYPES + r")\b(?:\s*\((?P<abbr>[A-Z]{2,6})\))?"
    r"(?!\s+(?:NHS|Trust|Council|Police|Constabulary|Authority|Foundation)\b)"
)
_UNIT_LEAD = {
    "the", "our", "a", "an", "in", "by", "with", "within", "from", "to", "at", "and", "this", "that", "each", "every",
    "all", "any", "both", "its", "their", "his", "her", "dear", "yours", "please", "if", "when", "where", "for",
    "of", "on", "as", "also", "officers", "staff", "response", "answer", "question", "however", "including",
}
_NOT_UNITS = re.compile(
    r"(?i)\b(?:council|police|constabulary|nhs|trust|commissioner|fire\s+and\s+rescue\s+service|home\s+office|cabinet\s+office|"
    r"information\s+commissioner|national\s+crime\s+agency|ambulance\s+service|civil\s+service|crown\s+prosecution)\b"
)


def find_attachments(text: str) -> list[str]:
    """Documents the answer says are attached or enclosed ("the attached spreadsheet")."""
    found: list[tuple[int, str]] = []
    folded = text.casefold()
    says_attached = any(word in folded for word in _SAYS_ATTACHED)
    for pattern in [*_ATTACHED, _ENCLOSURES_LINE] if says_attached else [_ENCLOSURES_LINE]:
        for match in pattern.finditer(text):
            phrase = " ".join(match.group("x").split()).strip(" ,.‘’'\"“”")
            phrase = re.sub(r"(?i)^(?:a\s+copy\s+of\s+|copies\s+of\s+)", "", phrase)
            if len(phrase) > 2 and not re.fullmatch(r"(?i)(?:is|are|it|this|them|here|below|above)", phrase):
                found.append((match.start(), phrase))
    if says_attached:
        found.extend(_subjects_attached(text))
    phrases = _unique_strings(phrase for _, phrase in sorted(found))
    return [p for p in phrases if not any(p != q and p.lower() in q.lower() for q in phrases)]


def _subjects_attached(text: str) -> Iterable[tuple[int, str]]:
    """"X is attached": X is the clause before it ("..., and a copy of the policy is attached")."""
    for match in _IS_ATTACHED.finditer(text):
        window = re.sub(r"\s*\([^()]*\)\s*$", "", text[max(0, match.start() - 150): match.start()])
        boundaries = [m.end() for m in _CLAUSE_START.finditer(window)]
        phrase = window[boundaries[-1]:] if boundaries else window
        phrase = re.sub(r"(?i)^(?:a\s+copy\s+of\s+|copies\s+of\s+)", "", " ".join(phrase.split()))
        if re.match(r"(?i)(?:the|our|an?|this|these|its|[A-Z])", phrase) and len(phrase) > 6 and phrase.lower() not in ("a copy", "copy"):
            yield match.start() - len(phrase), phrase


def find_operations(text: str) -> list[str]:
    """Named operations and projects ("Operation Sentinel", "Op Tern", "Project Aidant")."""
    names = []
    for match in _OPERATION.finditer(text):
        if match.group("name").split()[0].lower() in _NOT_OPERATIONS:
            continue
        names.append(f"{match.group('kind')} {match.group('name')}")
    return _unique_strings(names)


def find_units(text: str) -> list[str]:
    """Named units, teams and departments, with their abbreviation when given."""
    names = []
    for match in _UNIT.finditer(text):
        words = match.group("name").split()
        while len(words) > 1 and words[0].lower() in _UNIT_LEAD:
            words = words[1:]
        if len(words) < 2 or _NOT_UNITS.search(" ".join(words)):
            continue
        name = " ".join(words) + (f" ({match.group('abbr')})" if match.group("abbr") else "")
        names.append(name)
    return _unique_strings(names)


def _unique_strings(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item.lower() not in seen:
            seen.add(item.lower())
            out.append(item)
    return out


# --- attachments that came with the response -------------------------------------------


def data_files(attachments: Sequence[Attachment]) -> list[dict[str, Any]]:
    """Spreadsheets and CSV files sent with the response, with their sheets' sizes."""
    return [
        {"file": a.name, "sheets": [{"name": s.name, "rows": s.rows, "columns": s.columns} for s in a.sheets]}
        for a in attachments
        if a.is_data
    ]


def find_facts(text: str, attachments: Sequence[Attachment] = ()) -> dict[str, Any]:
    """Every fact of one answer, under the keys the module docstring lists."""
    return {
        "money": find_money(text),
        "years": find_years(text),
        "urls": find_urls(text),
        "attachments": find_attachments(text),
        "operations": find_operations(text),
        "units": find_units(text),
        "data_files": data_files(attachments),
        "attachments_received": [a.name for a in attachments if not a.is_data],
    }
