"""Who answered, when, under which reference and which law.

Responses state these in a handful of places whatever their layout: a letterhead
and a sign-off, labelled lines ("Our ref:", "Date of response:"), e-mail headers,
a web page's title and copyright line. Each finder below tries the most reliable
place first and falls back to weaker ones; nothing here knows any body's name,
only the shapes UK public bodies' names take ("X Police", "London Borough of X",
"Office of the Police and Crime Commissioner for X"...).
"""
from __future__ import annotations

import re
import string
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from email.utils import parsedate_to_datetime

from ..documents import Document
from .citations import find_act


@dataclass
class Metadata:
    """The document-level facts every answer record of a response carries."""

    responder: str | None = None
    reference: str | None = None
    date: str | None = None
    act: str | None = None


def find_metadata(document: Document, text: str) -> Metadata:
    """Responder, reference, ISO date and act of one response (`text` is its cleaned text)."""
    raw = document.text or text
    return Metadata(
        responder=find_responder(document, raw),
        reference=find_reference(text, raw, document.headers),
        date=find_date(text, raw, document.headers),
        act=reply_act(text),
    )


def reply_act(text: str) -> str | None:
    """The law the reply is given under, read from the reply alone (not the request quoted below it)."""
    return find_act(_reply_part(text))


_QUOTED_REQUEST = re.compile(
    r"^(?:>[ \t]*\S.*\n(?:>.*\n)*>[ \t]*\S|-{2,}\s*Original Message|From:\s.*\n(?:.*\n)?\s*(?:Sent|Date):)", re.M | re.I
)


def _reply_part(text: str) -> str:
    """The reply without the request quoted below it (an e-mail's "From: ... Sent:" or "> " lines)."""
    first_line_end = text.find("\n", 200) if len(text) > 200 else 0
    match = _QUOTED_REQUEST.search(text, max(first_line_end, 0))
    return text[: match.start()] if match else text


# --- dates ---------------------------------------------------------------------------

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
            ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
            ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
# A month by name or abbreviation (read by numbering.bare_list too: "1 April 2014" is a date, not an item)
MONTH_NAME = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
DATE_PATTERN = (
    r"(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>" + MONTH_NAME + r")\.?,?\s+(?P<y1>(?:19|20)\d\d)"
    r"|(?P<m2>" + MONTH_NAME + r")\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d\d)"
    r"|(?P<d3>\d{1,2})[/.](?P<m3>\d{1,2})[/.](?P<y3>(?:19|20)\d\d|\d\d)(?![/.\d])"
    r"|(?P<y4>(?:19|20)\d\d)-(?P<m4>\d\d)-(?P<d4>\d\d))"
)
_DATE = re.compile(r"(?<![\w/.-])" + DATE_PATTERN + r"(?![\w/-])", re.I)


def to_iso(match: re.Match[str]) -> str | None:
    """ISO date of a `DATE_PATTERN` match (UK day-first for numeric dates), None if impossible."""
    g = match.groupdict()
    if g["y1"]:
        y, m, d = int(g["y1"]), _MONTHS[g["m1"].lower()], int(g["d1"])
    elif g["y2"]:
        y, m, d = int(g["y2"]), _MONTHS[g["m2"].lower()], int(g["d2"])
    elif g["y3"]:
        y, m, d = int(g["y3"]), int(g["m3"]), int(g["d3"])
        y += 2000 if y < 100 else 0
    else:
        y, m, d = int(g["y4"]), int(g["m4"]), int(g["d4"])
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_date(value: str) -> str | None:
    """ISO date of the first date written in `value`, or None."""
    match = _DATE.search(value)
    return to_iso(match) if match else None


_SEP = r"[*_]*+[ \t]*+(?:[:.\-–—|][*_]*+)?\s*+"
_WEEKDAY = r"(?:(?i:mon|tues|wednes|thurs|fri|satur|sun)day,?[ \t]+)?"  # "Monday, 12 October, 2020"
_RESPONSE_DATE = re.compile(  # each label opens on d or r, in either case (tests/test_lookaheads.py)
    r"(?=[dDrR])(?i:\b(?:date\s+of\s+(?:response|reply|letter|decision|disclosure|issue)|date\s+(?:responded|response\s+sent|sent|closed|released|issued)"
    r"|response\s+(?:date|sent|issued)|responded(?:\s+on)?|replied(?:\s+to)?(?:\s+on)?|reply\s+(?:date|sent)|release\s+date"
    r"|date\s+of\s+this\s+letter))"
    + _SEP + r"(?:on\s+)?" + _WEEKDAY + DATE_PATTERN,
)
_PLAIN_DATE = re.compile(
    r"(?:^[ \t>*_#•-]*+(?i:date)\b[*_]*+[ \t]*+[:.|]?|\b(?i:date)[*_]*+[ \t]*+:)[*_]*+[ \t]*+\n?[ \t]*+" + _WEEKDAY + DATE_PATTERN,
    re.M,
)
_SENT = re.compile(r"^[ \t]*Sent\s*:\s*(?:\w+day,?\s+)?" + DATE_PATTERN, re.M | re.I)
# Dates that are not the response's: a page's publication, the request's, a deadline.
_OTHER_DATE = re.compile(r"(?i)\b(?:publication|published|request(?:ed)?|received|due|deadline|birth|expiry|review)\b")
# A label on the line above a date alone naming another date ("Date Received", "Publication date:", "Date of
# Request"): the date is that field's, not the letter's.
_FIELD_ABOVE = re.compile(r"^[ \t*_#]*[A-Za-z][A-Za-z ]{2,40}?[ \t]*:?[ \t*_]*$")
# Words that make a date someone else's: the request's, a received date, a deadline.
_NOT_RESPONSE = re.compile(
    r"(?i:\b(?:received|dated|request(?:ed)?\s+(?:of|on|date)|e-?mail\s+of|letter\s+of|of\s+your|since|until|by|before|from|on))\s*$"
)


def find_date(text: str, raw: str = "", headers: dict[str, str] | None = None) -> str | None:
    """ISO date of the response: a labelled response date, the e-mail's Date, else the letter's date line.
    A page whose labels give several response dates (a disclosure log's page of requests) has no one date: None.
    A date a page was published on, or a request received on, is not the response's."""
    headers = headers or {}
    for source in (text, raw):
        labelled = {to_iso(match) for match in _RESPONSE_DATE.finditer(source) if _is_label(source, match) or _follows_field(source, match)}
        if labelled:
            return labelled.pop() if len(labelled) == 1 else None
    for source in (text, raw):
        match = _first_plain_date(source)
        if match:
            return match
    if headers.get("Date"):
        try:
            return parsedate_to_datetime(headers["Date"]).date().isoformat()
        except (TypeError, ValueError):
            pass
    match = _SENT.search(raw or text)
    if match:
        return to_iso(match)
    return _reply_letter_date(raw or text) or _letter_date_line(raw or text)


def _is_label(text: str, match: re.Match[str], value_start: int | None = None) -> bool:
    """A label starts a line or a "·"/"|"/"–" separated field, or ends in a colon ("responded on 28 May" is prose)."""
    line_start = text.rfind("\n", 0, match.start()) + 1
    before = text[line_start: match.start()]
    label = text[match.start(): value_start] if value_start is not None else match.group(0)
    return not before.strip(" \t*_#>•-") or bool(re.search(r"[|·•–—-]\s*$", before)) or ":" in label or "|" in label


# A field of a line of fields ("Reference FOI-22-0987, response sent ...", "FOI reference: HU/23/114. Responded ..."):
# a label or a colon before, and the field's own end (a comma, a full stop, a semicolon) right before the next one.
_FIELD_BEFORE = re.compile(r"(?i)(?::|\b(?:ref(?:erence)?|number)\b)[^\n]*?\S[,.;][ \t]*$")


def _follows_field(text: str, match: re.Match[str]) -> bool:
    """A response-date label that follows another field on its line (`_FIELD_BEFORE`): a label too, not prose."""
    line_start = text.rfind("\n", 0, match.start()) + 1
    return bool(_FIELD_BEFORE.search(text, line_start, match.start()))


def _own_field(text: str, match: re.Match[str]) -> str:
    """A date label's own field: its words and the date, with the two words before it on its line back to the
    field before ("Request number: X  Date: 2 May 2023" is a date's own "Date:", "Publication date: ..." not)."""
    line_start = text.rfind("\n", 0, match.start()) + 1
    before = re.split(r"[:|·•;,]|[ \t]{2,}", text[line_start: match.start()])[-1]
    return " ".join(before.split()[-2:] + [match.group(0)])


def _first_plain_date(text: str) -> str | None:
    """A "Date: ..." label (not "Date received: ...", whose words stop the match, nor "Publication date:" or
    "Request date:", another date's label)."""
    for match in _PLAIN_DATE.finditer(text):
        if not _OTHER_DATE.search(_own_field(text, match)):
            return to_iso(match)
    return None


def _reply_letter_date(text: str) -> str | None:
    """In a thread of letters (a request, an acknowledgement, the response), the date heading the last letter
    that greets a person: a letter greeting a body ("Dear Oakridge City Council,") is the requester's. None for
    a text with one such letter or none (`_letter_date_line` reads a single letter)."""
    lines = [line for line in _lines(text) if line.strip()]
    found = []
    for k, line in enumerate(lines):
        match = _DATE.fullmatch(line.strip().rstrip(".,"))
        dear = next(filter(None, map(_DEAR.match, lines[k + 1: k + 4])), None)
        if match and dear and not body_names(dear.group("who"), weak=False):
            found.append(to_iso(match))
    return found[-1] if len(found) > 1 else None


def _letter_date_line(text: str, top: int = 30) -> str | None:
    """A date standing on its own in a letter's first lines ("5th June 2013", "HC/1  18 June 2013")."""
    above = ""
    for line in _lines(text)[:top]:
        for match in _DATE.finditer(line):
            before = line[: match.start()]
            after = line[match.end():].strip().rstrip(".,")
            standalone = not before.strip() or re.search(r"\s{2,}$|[|·•]\s*$", before)
            labelled = not before.strip() and _FIELD_ABOVE.match(above) and _OTHER_DATE.search(above)
            if standalone and not after and not _NOT_RESPONSE.search(before) and not labelled:
                return to_iso(match)
        above = line if line.strip() else above
    return None


# --- reference -----------------------------------------------------------------------

_REF_VALUE = (  # its words are spaced on one line: a reference never spans a line break
    r"(?P<ref>(?:(?:[A-Z][A-Za-z]{0,5}(?:-[A-Z]{1,3})?)[ \t](?=(?:[A-Z][A-Za-z]{0,5}[ \t])?[A-Za-z\d]*\d)){0,2}"
    r"[A-Za-z0-9][\w/\\.\-]*?\d[\w/\\\-]*)"
)
_REF_LABEL = re.compile(
    r"(?i:(?<![\w-])(?:ref(?:erence)?|(?:request|case|ticket|FOI)\s+(?:number|no))\b\.?(?:\s*(?:no|number|num)\b\.?)?)"
    r"[*_]*+[ \t]*+(?:[:#\-–—.|][*_]*+)?\s*+" + _REF_VALUE
)
_REQUEST_VALUE = re.compile(
    r"(?i:(?<![\w/-])(?:request|FOI|EIR)\b)[ \t]*+(?:[:\-–—][ \t]*+)?" + _REF_VALUE
)
_HEADING_REF = re.compile(r"(?<![\w/-])" + _REF_VALUE + r"(?![\w/-])")
# A code in square brackets, as case systems tag the subjects of their e-mails ("RE: Bus shelters [KDC-FOI-1182]").
_BRACKETED_REF = re.compile(r"\[[ \t]*" + _REF_VALUE + r"[ \t]*\]")
_STANDALONE_REF = re.compile(r"^[ \t]*" + _REF_VALUE + r"(?:(?:[ \t]{2,}|[ \t]+[|·•–—-][ \t]+).*|[ \t]*)$", re.M)
_YOUR = re.compile(r"(?i:your|their|requester'?s?|applicant'?s?)\W*$")


def _is_reference(value: str, labelled: bool = False) -> bool:
    """A reference has digits and some structure; a bare year, count or date is not one. After a reference's
    own label ("Reference: 982", "Internal Reference Number: FOI_7491") a short number or an underscore is one;
    unlabelled, "982" is a count and "foi_reply_2019" a file's name, but "FOI_0316_22/22", in capitals, a code."""
    digits = sum(c.isdigit() for c in value)
    if not digits or _DATE.fullmatch(value):
        return False
    if re.fullmatch(r"(?:19|20)\d\d(?:[/-](?:19|20)?\d\d)?", value) or re.search(r"[a-z]{2,}\.[a-z]{2,}|://", value) \
            or ("_" in value and not labelled and re.search(r"[a-z]", value)):
        return False  # a year or a span of years ("2023/24"), a web address, or (unlabelled) a file's name
    structured = any(c.isalpha() for c in value) or "/" in value or "-" in value
    return structured or digits >= (3 if labelled else 4)


def _clean_ref(value: str) -> str:
    return value.strip().rstrip(".,;:)]")


def _labelled_refs(pattern: re.Pattern[str], text: str, strict: bool, labels_only: bool = False) -> Iterable[str]:
    """References after a label; `labels_only` skips prose ("our policy (reference MC/POL/083)")."""
    for match in pattern.finditer(text):
        if _YOUR.search(text[max(0, match.start() - 16): match.start()]):
            continue
        if labels_only and pattern is _REF_LABEL and not _is_label(text, match, match.start("ref")):
            continue
        value = _clean_ref(match.group("ref"))
        if _is_reference(value, labelled=pattern is _REF_LABEL) and (not strict or (re.search(r"[A-Za-z]", value) and re.search(r"[/-]", value))):
            yield value


def find_reference(text: str, raw: str = "", headers: dict[str, str] | None = None) -> str | None:
    """The body's own reference, from the most reliable place that has one.

    Labelled references near the top come first (a letter's "Our ref:", a page's
    "Reference | ..."), then the e-mail subject, a heading, a reference standing on
    its own line, a number after "request" in the title ("FOI request 24/0452 - ..."),
    and last a labelled one further down (prose such as "our policy
    (reference MC/POL/083)" is where other documents' numbers live).
    """
    headers = headers or {}
    reply = _reply_part(text)
    tops = ["\n".join(_lines(source)[:25]) for source in (reply, _reply_part(raw))]
    heading = "\n".join((headers.get("Title", ""), _first_line(raw or text), _first_line(text)))
    subject = "\n".join(filter(None, (headers.get("Subject"), _pasted_subject(raw or text))))
    attempts = (
        *((_REF_LABEL, top, False) for top in tops), (_REF_LABEL, subject, False),
        *((_REQUEST_VALUE, top, True) for top in tops), (_REQUEST_VALUE, subject, True),
        (_BRACKETED_REF, subject, True), (_HEADING_REF, heading, True),
    )
    for pattern, source, strict in attempts:
        # In a subject line a reference is labelled wherever it stands ("Bus shelters (Ref FOI-5521)"): a subject
        # names one request, not other documents as a letter's prose does.
        found = next(iter(_labelled_refs(pattern, source, strict, labels_only=source is not subject)), None)
        if found:
            return found
    return (_standalone_reference(raw or text) or next(iter(_labelled_refs(_REQUEST_VALUE, subject, False)), None)
            or next(iter(_labelled_refs(_REQUEST_VALUE, heading, False)), None)
            or next(iter(_labelled_refs(_REF_LABEL, reply, False)), None))


def _pasted_subject(text: str) -> str:
    """The subject written in a text's first lines: the "Subject:" line of e-mail headers pasted at the top (a reply
    saved as .txt), or a letter's "Re:" line ("Re: FOI 24-0712 - street lighting")."""
    match = re.search(r"^[ \t]*(?:Subject|Re)[ \t]*:[ \t]*(.+)$", "\n".join(_lines(text)[:8]), re.M | re.I)
    return match.group(1) if match else ""


def _standalone_reference(text: str) -> str | None:
    """A reference alone on one of the first lines ("FOI 13-221", "HC/FOI/2013/0417    18 June 2013")."""
    for line in _lines(text)[:25]:
        match = _STANDALONE_REF.match(line)
        if not match:
            continue
        value = _clean_ref(match.group("ref"))
        if _is_reference(value) and re.search(r"\d{2}", value) and re.search(r"[/-]|[A-Z]{2,}\s", value):
            return value
    return None


# --- responder -----------------------------------------------------------------------

_CAP = r"(?:[A-Z][a-z'’]+(?:-(?:[a-z]+-)?[A-Z][a-z'’]+)*|[A-Z]{2,5}\b)"
_NAME = _CAP + r"(?:(?:[ \t]+(?:and|&|of|upon|on|in)[ \t]+|[ \t]+)" + _CAP + r"){0,7}"  # bounded: linear time
_STRONG_TYPES = (
    r"Police(?:\s+Service(?:\s+(?:of|for)\s+" + _CAP + r"(?:\s+" + _CAP + r")?)?)?|Constabulary"
    r"|(?:(?:City|County|District|Borough|Metropolitan\s+Borough|Metropolitan\s+District|Town|Parish|Community|Unitary|Islands?)\s+)?Council"
    r"|Fire\s+(?:and|&)\s+Rescue\s+(?:Service|Authority)|Fire\s+Authority|Fire\s+Service"
    r"|NHS\s+(?:Foundation\s+)?Trust|(?:Health\s+and\s+Social\s+Care\s+|Foundation\s+)Trust|Health\s+Board|Integrated\s+Care\s+Board"
    r"|Clinical\s+Commissioning\s+Group|Ambulance\s+Service|University|Authority|Commissioners|Executive|Combined\s+Authority|Government"
    r"|Police,?\s+(?:Fire\s+)?and\s+Crime\s+Commissioner|Police\s+(?:Fire\s+)?and\s+Crime\s+Panel"
)
_WEAK_TYPES = r"Trust|Partnership|Agency|Commission|College|Academy|Service|Board"
_NOT_A_NAME_AFTER = (
    r"(?![’']s\s+(?:Office|website|Headquarters))"
    r"(?!,?\s+(?:Fire\s+)?and\s+Crime\b)(?!\s+(?:Headquarters|HQ|House|Station|Offices?|Hall|Building|Centre|Center|Road|Street|Lane|Way|Web\s?site|website|Act\b|Regulations))"
)
_NAME_PART = r"(?:" + _CAP + r"(?:(?:,[ \t]*|[ \t]+(?:and|&|of|on|upon)[ \t]+|[ \t]+)" + _CAP + r"){0,6})"
_PLACE = r"(?:" + _CAP + r"(?:(?:[ \t]+(?:and|&|of|on|upon)[ \t]+|[ \t]+)" + _CAP + r"){0,3})"
_HEAD_FORMS = (
    r"(?:London|Royal)\s+Borough\s+of\s+" + _NAME_PART
    + r"|(?:Borough|City|County)\s+of\s+" + _NAME_PART + r"\s+Council"
    + r"|University\s+of\s+" + _NAME_PART
    + r"|(?:Department|Ministry)\s+(?:for|of)\s+" + _NAME_PART
    + r"|Office[ \t]+of[ \t]+the[ \t]+" + _NAME_PART + r"[ \t]+Commissioner(?:[ \t]+for[ \t]+" + _PLACE + r")?"
    + r"|(?:Home|Cabinet)\s+Office|HM\s+" + _NAME_PART + r"|Transport\s+for\s+" + _NAME_PART
)
_BODY = re.compile(  # every name starts with a capital: the lookahead skips the other positions in C
    r"(?=[A-Z])(?:(?P<head>" + _HEAD_FORMS + r")"
    r"|(?P<tail>" + _NAME + r"\s+(?:(?P<strong>" + _STRONG_TYPES + r")|(?P<weak>" + _WEAK_TYPES + r"))\b)" + _NOT_A_NAME_AFTER + r")"
)
_LEADING_NOISE = {
    "the", "a", "an", "our", "your", "this", "that", "by", "at", "to", "from", "for", "with", "in", "on", "of",
    "and", "dear", "re", "please", "thank", "yours", "kind", "regards", "if", "as", "all", "each", "both",
    "any", "copyright", "contact", "email", "tel", "web", "enc", "encl", "attachment", "subject", "sent",
    "welcome", "about", "home", "whilst", "while", "although", "when", "where", "under", "within",
    "foi", "eir", "foia", "rfi", "ref", "my", "answer", "response", "question", "q", "does", "did", "is", "has",
    "official", "sensitive", "unclassified", "not", "protectively", "marked", "restricted", "note", "yes", "no",
    "nil", "however", "also", "currently", "cc", "bcc", "is", "was", "were", "are", "so", "but", "then", "unless",
}
_ROLE_WORDS = {
    "officer", "team", "unit", "manager", "department", "section", "office", "directorate", "governance",
    "information", "rights", "compliance", "disclosure", "access", "management", "request", "requests",
    "freedom", "services", "records", "lead", "secretary", "clerk", "executive", "head", "chief",
    "sincerely", "faithfully", "regards", "wishes", "log", "disclosures", "response", "responses",
}
_GENERIC = {
    "county", "city", "district", "borough", "metropolitan", "town", "parish", "community", "fire",
    "rescue", "and", "police", "crime", "nhs", "foundation", "health", "local", "national", "combined",
    "transport", "harbour", "port", "passenger", "force", "council", "trust", "the", "of", "service",
    "authority", "university", "public", "social", "care", "uk", "his", "her", "majesty's", "housing",
    "unitary", "island", "islands", "&", "integrated", "ambulance", "commissioning", "group", "clinical",
    "full", "cabinet", "executive",
}
_ACRONYMS = {"NHS", "ICB", "CCG", "UK", "HM", "PCC", "OPCC", "FRS", "HMRC", "PFCC"}
_SMALL = {"and", "of", "for", "the", "upon", "on", "in", "&"}
_VALEDICTION = re.compile(
    r"^\s*(?:yours\s+(?:sincerely|faithfully|truly)|(?:kind|best|warm|many)\s+(?:regards|wishes|thanks)|regards|with\s+thanks)\b",
    re.I,
)
_RECIPIENT = re.compile(r"^\s*(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir)\.?\s+[A-Z]")
_SELF_REFERENCE = re.compile(  # "X does not hold", "X (XP) do not have", "X's response": its own short form may stand between
    r"(?:\s*\([A-Z]{2,6}\))?\s*(?:does|do|did|has|have|holds?|is|was|can|cannot|received|considered|publishes|will|would"
    r"|['’]s\s+(?:response|reply|answer))\b", re.I
)
# "Thank you for contacting X", "your request to X", "received by X", "on behalf of X": the body naming itself.
_COURTESY = re.compile(r"\b(?:interest\s+in|contacting|request\s+to|received\s+by|on\s+behalf\s+of)\s+(?:the\s+)?$", re.I)
_OWN_ADDRESS = re.compile(r",[ \t]*(?:PO Box|\d+[ \t]+[A-Z]|[A-Z][a-z]+[ \t]+(?:House|Hall|Centre|Court|Offices|Road|Street|Lane|Yard|Square|Way|Place|Buildings?|Quay|Parade|Headquarters|HQ))")
_TITLE_SPLIT = re.compile(r"\s+[|–—:-]{1,2}\s+|\s*::\s*|\s*\|\s*")
_COPYRIGHT = re.compile(r"(?:©|^\s*\(c\)|\bCopyright\b)\s*(?:(?:19|20)\d\d\s*)?(?P<who>.+?)(?:\s*(?:19|20)\d\d)?\s*(?:[.|–—-]|$)", re.I)


def _lines(text: str) -> list[str]:
    return [line for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]


def _first_line(text: str) -> str:
    lines = _lines(text)
    return lines[0] if lines else ""


def _smart_title(words: str) -> str:
    """Title-case an ALL-CAPS name, keeping acronyms and small words ("Dales and Fells Police")."""
    out = []
    for i, word in enumerate(words.split(" ")):
        bare = word.strip("(),")
        if bare in _ACRONYMS or not bare:
            out.append(word)
        elif i and bare.lower() in _SMALL:
            out.append(word.lower())
        else:
            out.append("-".join(p.capitalize() if p.lower() not in _SMALL else p.lower() for p in word.split("-")))
    return " ".join(out)


_LETTER_SPACED = re.compile(r"\s*(?:[A-Z] ){2,}[A-Z](?:\s{2,}(?:[A-Z] )*[A-Z])*\s*")
_CAPS_RUN = re.compile(r"[A-Z][A-Z'’&-]*(?:\s+[A-Z][A-Z'’&-]*)*")
_ASCII_LETTERS = string.ascii_letters.encode()
_ASCII_UPPER = string.ascii_uppercase.encode()


def _letter_counts(line: str) -> tuple[int, int]:
    """(letters, upper-case letters) of a line; ASCII lines are counted in C, not a character at a time."""
    if line.isascii():
        data = line.encode()
        return len(data) - len(data.translate(None, _ASCII_LETTERS)), len(data) - len(data.translate(None, _ASCII_UPPER))
    letters = [c for c in line if c.isalpha()]
    return len(letters), sum(c.isupper() for c in letters)


def _normalise_line(line: str) -> str:
    """Undo letter-spacing and ALL CAPS so that names in letterheads can be matched."""
    if _LETTER_SPACED.fullmatch(line):
        line = " ".join(word.replace(" ", "") for word in re.split(r"\s{2,}", line.strip()))
    letters, upper = _letter_counts(line)
    if letters > 3 and upper / letters > 0.8:
        line = _CAPS_RUN.sub(lambda m: _smart_title(m.group()), line)
    return line


def _trim(name: str) -> str | None:
    """Cut leading noise ("Dear", "The", a team's name) off a candidate; None if nothing specific is left."""
    words = name.replace("\n", " ").split()
    start = 0
    for i, word in enumerate(words[:-1]):
        if word.lower().strip(",") in _ROLE_WORDS and not re.match(r"(?i)office|department|executive", words[0]):
            start = i + 1
    while start < len(words) - 1 and words[start].lower() in _LEADING_NOISE:
        start += 1
    words = words[start:]
    if not words or all(w.lower().strip(",") in _GENERIC or w.lower().strip(",") in _ROLE_WORDS for w in words):
        return None
    cleaned = " ".join(words).replace("’s", "").strip(" ,")
    return re.sub(r"(?<=\w)'s$", "", cleaned)


_ENDS_STRONG = re.compile(r"(?:\b(?:" + _STRONG_TYPES + r"))$")


def _is_weak(match: re.Match[str]) -> bool:
    """A name whose type is only a weak word ("Weftline Trust"); "X NHS Foundation Trust" is strong."""
    return bool(match.group("weak")) and not _ENDS_STRONG.search(match.group(0))


def body_names(line: str, weak: bool = True) -> list[str]:
    """Public-body names in one line of text, in order ("Tamberley University Hospitals NHS Trust")."""
    names = []
    for match in _BODY.finditer(_normalise_line(line)):
        if not weak and _is_weak(match):
            continue
        name = _trim(match.group(0))
        if name:
            names.append(name)
    return names


_OFFICE_OF = re.compile(r"^office of the (.+?) for (.+)$|^(.+ commissioner) for (.+)$")


def _line_names(line: str) -> list[str]:
    """Names in a letterhead or sign-off line; a weak type ("X Trust") only when it is the whole line."""
    strong = body_names(line, weak=False)
    if strong:
        return strong
    names = body_names(line)
    return [n for n in names if len(n) >= 0.6 * len(line.strip(" \t*_#|,"))]


def _key(name: str) -> str:
    """Compare names ignoring case, "&" and the "Office of the X for Y" / "Y X" word order."""
    key = re.sub(r"\s+", " ", name.lower().replace("&", "and").replace(",", "")).strip()
    office = _OFFICE_OF.match(key)
    if office:
        role, place = (office.group(1), office.group(2)) if office.group(1) else (office.group(3), office.group(4))
        key = f"{place} {role}"
    return key


class _Tally:
    """Scores of candidate names; the same name seen in several places adds up."""

    def __init__(self) -> None:
        self.score: dict[str, float] = {}
        self.display: dict[str, str] = {}
        self.order: dict[str, int] = {}

    def add(self, names: Iterable[str], weight: float) -> None:
        for name in names:
            key = _key(name)
            self.score[key] = self.score.get(key, 0.0) + weight
            if len(name) > len(self.display.get(key, "")):
                self.display[key] = name  # the fullest form: "Office of the ... for X" over "X ..."
            self.order.setdefault(key, len(self.order))

    def best(self) -> str | None:
        if not self.score:
            return None
        merged = dict(self.score)
        for short in self.score:
            for long in self.score:
                if short != long and long.endswith(" " + short):
                    merged[long] += self.score[short]  # "Valley Police" is part of "Wyvern Valley Police"
        key = max(merged, key=lambda k: (merged[k], -self.order[k]))
        return self.display[key] if merged[key] >= 2.0 else None  # one passing mention is some other body


def _prose(line: str) -> bool:
    """A line of running text: ten words or more, most of them lower case (a name or an address is capitalised)."""
    words = line.split()
    return len(words) >= 10 and sum(w[:1].islower() for w in words) > len(words) / 2


def _letterhead(lines: list[str]) -> list[str]:
    """Lines before the salutation (or the first question or line of prose), without the recipient's address block."""
    head: list[str] = []
    skipping = False
    for line in lines[:25]:
        if re.match(r"\s*(?:Dear\b|\(?\d{1,2}[.)]\s)", line) or _prose(line):
            break  # the salutation, the first question or a line of prose: the reply has begun
        if _RECIPIENT.match(line):
            skipping = True
            continue
        if skipping and (re.search(r"(?i)\b(?:ref|date|by e-?mail|sent by)\b|:", line) or len(line) - len(line.lstrip()) > 20):
            skipping = False
        if not skipping:
            head.append(line)
    return head


def _sign_off(lines: list[str]) -> list[str]:
    """The lines after the reply's first valediction (the request quoted below has its own)."""
    for i, line in enumerate(lines):
        if _VALEDICTION.match(line) and not line.lstrip().startswith(">"):
            return lines[i + 1: i + 9]
    return []


_DEAR = re.compile(r"^\s*>?\s*Dear\s+(?P<who>[^,\n]{3,90}?)\s*,?\s*$")


def _addressee(lines: list[str]) -> list[str]:
    """A body the request quoted in the reply is addressed to ("Dear Northvale Fire and Rescue Service,"):
    who was asked is who answers (a person's name is no body's)."""
    for line in lines:
        match = _DEAR.match(line)
        names = body_names(match.group("who"), weak=False) if match else []
        if names and _key(names[0]) == _key(match.group("who")):
            return names[:1]
    return []


def _from_names(headers: dict[str, str], lines: list[str]) -> list[str]:
    """Body names in the e-mail's From (the header, or a "From:" line pasted at the top)."""
    sender = headers.get("From", "")
    for line in lines[:6]:
        if not sender and re.match(r"\s*From\s*:", line):
            sender = line.split(":", 1)[1]
    display = re.sub(r"<[^>]*>|\"", " ", sender)
    return [n for part in re.split(r"\s[-–|(]\s*|[()]", display) for n in body_names(part)]


def find_responder(document: Document, text: str | None = None) -> str | None:
    """The body that answered, as it names itself; the round-robin folder name when it is one."""
    lines = _lines(text if text is not None else document.text)
    tally = _Tally()
    title = document.headers.get("Title", "")
    tally.add((n for seg in _TITLE_SPLIT.split(title) for n in body_names(seg)), 4.0)
    head = [line for line in _letterhead(lines) if len(line.strip()) <= 90]  # prose is not a letterhead
    for i, line in enumerate(head[:12]):
        tally.add(_line_names(line), max(3.5 - 0.25 * i, 1.5))
    tally.add((n for line in _sign_off(lines) for n in _line_names(line)), 4.0)
    tally.add(_from_names(document.headers, lines), 3.0)
    footer = _lines(document.headers.get("Footer", ""))  # a web page's footer: its publisher's name and address
    tally.add((n for line in footer for n in _line_names(line)), 3.0)
    for line in lines + footer:
        copyright_holder = _COPYRIGHT.search(line)
        if copyright_holder:
            tally.add(body_names(copyright_holder.group("who")), 4.0)
    tally.add(_addressee(lines), 2.0)
    flat = "\n".join(_normalise_line(line).strip() for line in lines)
    tally.add(_self_named(flat), 2.0)
    _add_mentions(tally, flat)
    best = tally.best()
    if document.body:
        return _folder_choice(document.body, tally) or best
    return best


# A body naming itself as the one that holds or considered, whatever its name's last word ("NHS 24 has considered
# your request", "the Police Service of Northern Ireland does hold", "I can confirm UK Research and Innovation
# (UKRI) hold the information"): a run of capitalised words (with "and", "of", "for", numbers), its own short form
# perhaps, then such a verb.
_SELF_NAME = r"(?<![\w'’])(?P<name>[A-Z][\w'’&-]*(?:[ \t]+(?:and|of|for|&|[A-Z][\w'’&-]*|\d{1,4}\b)){1,7})(?:[ \t]+\([A-Z]{2,8}\))?[ \t]+"
_SPEAKS_AS = (
    re.compile(_SELF_NAME + r"(?:(?:has|have)[ \t]+considered[ \t]+your|(?:does|do)[ \t]+(?:not[ \t]+)?hold)\b"),
    re.compile(r"\bconfirms?[ \t]+(?:that[ \t]+)?(?:the[ \t]+)?" + _SELF_NAME + r"(?:does[ \t]+|do[ \t]+)?(?:not[ \t]+)?holds?\b"),
)


def _self_named(text: str) -> list[str]:
    """Names of two words or more a body gives itself as the subject of holding or considering (`_SPEAKS_AS`)."""
    names = []
    for pattern in _SPEAKS_AS:
        for match in pattern.finditer(text):
            name = _trim(match.group("name"))
            if name and len(name.split()) >= 2:
                names.append(name)
    return names


def _add_mentions(tally: _Tally, flat: str) -> None:
    """Names used anywhere in the text (its lines normalised); "X does not hold..." is the body speaking of itself."""
    counts: dict[str, float] = {}
    for match in _BODY.finditer(flat):
        if _is_weak(match):
            continue
        name = _trim(match.group(0))
        if not name:
            continue
        key = _key(name)
        weight = 1.0
        if _OWN_ADDRESS.match(flat, match.end()):
            weight = 3.0  # "..., Highcombe City Council, Civic Centre, ...": its own postal address
        elif _SELF_REFERENCE.match(flat, match.end()) or _COURTESY.search(flat, max(0, match.start() - 40), match.start()):
            weight = 2.0
        if counts.get(key, 0.0) < 3.0:
            counts[key] = counts.get(key, 0.0) + weight
            tally.add([name], weight)


def _folder_choice(folder: str, tally: _Tally) -> str | None:
    """A round-robin folder is named after its body: use it when it is a body's name."""
    key = _key(folder)
    if key in tally.display:
        return tally.display[key]
    names = body_names(folder)
    if names and _key(names[0]) == key:
        return folder.strip()
    return None
