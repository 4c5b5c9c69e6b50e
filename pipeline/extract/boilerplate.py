"""FOI boilerplate: the parts of a reply that answer no question.

Every FOI reply wraps its answers in the same furniture of the law and of letters:
a greeting, an acknowledgement, the section 1(1) duty, the right of internal review
and complaint to the Information Commissioner, re-use and copyright notices, a
sign-off, a signature and (in e-mails) disclaimers and the quoted request. These are
recognised by that generic vocabulary, never by one body's wording.
"""
from __future__ import annotations

import re

_I = re.IGNORECASE

GREETING = re.compile(r"^(?:dear|hello|hi|good (?:morning|afternoon))\b", _I)
SIGN_OFF = re.compile(
    r"^(?:yours\s+(?:sincerely|faithfully|truly)|(?:kind|best|warm|many)\s+(?:regards|thanks|wishes)|regards|"
    r"with\s+(?:kind\s+)?regards|thanks(?:\s+again)?|many\s+thanks|best)\b[,.!]?\s*$",
    _I,
)
# The three patterns below are searched in every line of a reply; each opens with a lookahead on the
# characters its matches start with (listed per alternative), which turns every other place away at once,
# where `re` would try each alternative there (under IGNORECASE it skips ahead to no likely place by itself).
# A match starts with one of them, so the matches are the same; under IGNORECASE a class admits what its
# letters do as literals (the long s 'ſ' for "s", the dotted and dotless i for "i").
_APPEAL = re.compile(  # if, should, where; right, entitled; you
    r"(?=[iswrey])(?:^(?:if|should|where)\s+you\b.{0,120}\b(?:dissatisfied|unhappy|not\s+(?:satisfied|content|happy)|disagree|"
    r"wish\s+to\s+(?:complain|appeal|request\s+a\s+review|ask\s+for\s+a\s+review|make\s+a\s+complaint))"
    r"|\b(?:right|entitled)\s+to\s+(?:ask\s+for|request|seek|complain|appeal|an\s+internal\s+review|a\s+review)"
    r"|^you\s+(?:can|may|have\s+the\s+right\s+to)\s+(?:ask|request|complain|appeal|apply)\b.{0,80}\b(?:review|commissioner|complain))",
    _I,
)
_CLOSING = re.compile(
    r"^(?:i|we)\s+(?:hope|trust)\s+(?:that\s+)?(?:this|the\s+above|the\s+information|you\s+find)"
    r"|^please\s+(?:note|be\s+aware)\b.{0,80}\b(?:disclosure\s+log|released\s+under|re-?use|copyright|published)"
    r"|^(?:any\s+)?information\s+(?:released|disclosed|provided)\s+under\s+the\b.{0,80}\b(?:world|public|publish)"
    r"|^(?:the\s+|any\s+)?information\s+(?:supplied|provided|released|disclosed)\b.{0,150}\b(?:copyright|re-?use|owned\s+by)"
    r"|^(?:this|the\s+information\s+in\s+this)\s+(?:e-?mail|message)\b.{0,120}\b(?:intended|confidential|privileged)"
    r"|^(?:if\s+you\s+require\s+any\s+further|if\s+you\s+have\s+any\s+(?:further\s+)?(?:queries|questions))"
    r"|^(?:back\s+to\s+(?:top|the\b)|return\s+to\s+the\b|print\s+this\s+page|share\s+this\s+page|"
    r"was\s+this\s+page\s+(?:useful|helpful)|page\s+last\s+(?:updated|reviewed))",
    _I,
)
# The re-use notice after an answer: who owns the copyright, what the requester may do with the information.
_REUSE = re.compile(  # copyright; protection, owned, permission, re-use; open; you
    r"(?=[cpory])(?:\bcopyright\b.{0,160}\b(?:protection|owned\s+by|owner|holder|permission|re-?use)"
    r"|\b(?:protection|owned\s+by|permission|re-?use)\b.{0,160}\bcopyright\b|\bopen\s+government\s+licen[cs]e\b"
    r"|^you\s+are\s+free\s+to\s+(?:re-?)?use\b.{0,120}\b(?:own\s+use|research|news\s+reporting|purposes))",
    _I,
)
_HEADING = re.compile(
    r"^(?:your\s+)?(?:rights?\s+(?:of|to)\s+(?:appeal|complain|review|request\s+a\s+review|an\s+internal\s+review)|"
    r"complaints?(?:\s+(?:rights|procedure))?|appeals?(?:\s+procedure)?|internal\s+review|how\s+to\s+complain|"
    r"reviews?\s+and\s+appeals?|re-?use\s+of\s+(?:the\s+)?information|copyright|"
    r"reasons?\s+for\s+(?:the\s+|our\s+|this\s+|my\s+)?(?:decision|refusal)|"
    r"what\s+to\s+do\s+if\s+you\s+are\s+(?:unhappy|dissatisfied)|further\s+information|(?:our\s+|the\s+)?publication\s+scheme|"
    r"(?:the\s+)?information\s+commissioner'?s?(?:\s+office)?)\s*:?\s*$",
    _I,
)
_ACKNOWLEDGEMENT = re.compile(  # thank(s), i, we, your; section; two; duty
    r"(?=[tiwysd])(?:^(?:thank\s+you\s+for|thanks\s+for|i\s+(?:write|am\s+writing|refer)\s+(?:in|to|with)|we\s+(?:refer|write)\s+to|"
    r"(?:i|we)\s+(?:have\s+)?received\s+your|we\s+received\s+your|your\s+(?:request|e-?mail|letter)\b.{0,100}"
    r"\b(?:has\s+been|was|is\s+being)\s+(?:considered|dealt|handled|processed|received|logged|treated))"
    r"|section\s+1\s*\(1\)|\btwo\s+duties\b|\bduty\s+to\s+(?:tell|confirm|inform))",
    _I,
)
_QUOTE_START = re.compile(
    r"^(?:-{2,}\s*(?:original|forwarded)\s+message\s*-{2,}|_{5,}|on\s.{5,120}\bwrote:\s*$|"
    r"(?:begin\s+)?forwarded\s+message|from:\s.+)",
    _I,
)
_HEADER_FIELD = re.compile(r"^(?:sent|to|cc|date|subject|from):\s", _I)


# What a letter that answers nothing yet says, sentence by sentence: the request received, logged or passed on
# within the body; a reply promised, the time it has by law, an apology for its delay, more time taken; the
# request's reference to quote; a question back to the requester; a decision still being made. Searched in one
# sentence at a time (`is_holding`).
_HOLDING = re.compile(
    r"\b(?:(?:will|shall|should|aim\s+to|hope\s+to|expect\s+to|intend\s+to|endeavour\s+to)\b[^.?!]{0,80}?"
    r"\b(?:respond|reply|response|answer|be\s+in\s+touch|get\s+back|come\s+back|deal\s+with|dealt\s+with|consider)"
    r"|(?:20|twenty)\s+working\s+days|(?:sorry|apologi[sz]e|apologies|regret)\b[^.?!]{0,80}\b(?:delay|late|overdue|deadline|not\s+(?:yet\s+)?(?:been\s+)?able)"
    r"|\b(?:extend|extension|additional\s+time|more\s+time)\b|\bclarif|\backnowledge\s+(?:receipt|your)|\breceipt\s+of\s+your\b"
    r"|\b(?:request|e-?mail|letter|enquiry)\b[^.?!]{0,100}\b(?:arrived|(?:has|have)\s+been\s+(?:received|logged|registered|allocated|assigned))"
    r"|\b(?:passed|forwarded|referred|sent)\s+(?:on\s+)?to\s+(?:the|our)\b[^.?!]{0,60}\b(?:team|department|service|officer|section|unit)\b"
    r"|\b(?:quote|note)\s+(?:the|this|your|our)\s+(?:\w+\s+)?reference|^(?:your|our|the)\s+(?:\w+\s+)?reference\s+(?:number\s+)?is\b"
    r"|\b(?:dealt\s+with|handled|considered|processed)\s+under\s+the\b|\b(?:reply|response|answer|decision)\s+(?:will|should|shall)\b"
    r"|\b(?:are|is|am)\s+(?:still\s+)?(?:considering|consulting|gathering|collating|locating|retrieving)\b)",
    _I,
)
# A sentence that also gives or points to the answer is no holding sentence ("Thank you for your request;
# please find our response attached").
_GIVES = re.compile(r"\b(?:attach|enclos|below|as\s+follows|find\s+(?:our|the|my)|see\s+(?:our|the)|here\s+is|is\s+as\s+follows)", _I)
# A review's finding that the first decision stands ("I uphold the original decision", "the exemption was
# correctly applied"), and one that changes it ("I do not uphold", "partially upheld", "overturn").
_UPHOLDS = re.compile(r"\buph[eo]ld(?:s|ing)?\b|\bcorrectly\s+(?:applied|engaged|relied)|\b(?:was|were)\s+(?:applied|engaged)\s+correctly", _I)
_CHANGES = re.compile(r"\b(?:not|partially|partly|part)\s+(?:to\s+)?uph[eo]ld|\bin\s+part\b|\b(?:overturn|revers|reconsider)\w*"
                      r"|\bnow\s+(?:be\s+|able\s+to\s+)?(?:release|provide|disclose|supply)|\b(?:release|disclose)d?\s+(?:below|now)", _I)


def is_holding(sentence: str) -> bool:
    """A sentence of a letter that answers nothing yet: the request acknowledged or passed on, a reply promised or
    late, its reference, a question back. A thread's letter of nothing else is the body's word while it has not
    answered (rules.Thread)."""
    text = sentence.strip()
    return (bool(_HOLDING.search(text)) or is_acknowledgement(text) or text.endswith("?")) and not _GIVES.search(text)


def upholds(sentence: str) -> bool:
    """A review's sentence that the first decision stands, not one that changes any of it."""
    return bool(_UPHOLDS.search(sentence)) and not _CHANGES.search(sentence)


def changes_decision(sentence: str) -> bool:
    """A review's sentence that changes the first decision or gives what it withheld."""
    return bool(_CHANGES.search(sentence))


def is_appeal(line: str) -> bool:
    """Right-of-review, complaint or Information Commissioner text."""
    return bool(_APPEAL.search(line))


def is_closing(line: str) -> bool:
    """Closing courtesies, re-use and copyright notices, disclaimers, page-end links."""
    return bool(_CLOSING.search(line))


def is_reuse_notice(line: str) -> bool:
    """Copyright and re-use text (who owns the information, what may be done with it, the Open Government Licence)."""
    return bool(_REUSE.search(line))


def is_boilerplate_heading(line: str) -> bool:
    """A heading that opens appeal, complaint, copyright or reasons text."""
    return bool(_HEADING.match(line.strip().strip("*#_ ").strip()))


def is_quote_start(line: str) -> bool:
    """The line an e-mail's quoted original message starts with ("From: ...", "On ... wrote:")."""
    return bool(_QUOTE_START.match(line.strip()))


def is_header_field(line: str) -> bool:
    """An e-mail header field line (Sent:, To:, Subject: ...)."""
    return bool(_HEADER_FIELD.match(line.strip()))


# What the text under an appeal, copyright or reasons heading talks of (a table's "Complaints" column is followed by figures).
_UNDER_HEADING = re.compile(r"\b(?:(?:ask|apply|request)\s+for\s+(?:an?\s+)?(?:internal\s+)?review|complain|commissioner|"
                            r"copyright|licen[cs]e|re-?use|publish|freedom\s+of\s+information|exempt|section\s+\d)", _I)


def is_boilerplate_start(line: str, following: str | None = None) -> bool:
    """A line from which the rest of a reply's tail is boilerplate (appeal, closing, re-use notice, sign-off, heading).

    A heading alone ("Complaints", "Internal review") is also a table's column or a topic an answer is
    about: given the line that `following` it, it starts boilerplate only when that line is boilerplate
    or speaks of reviews, complaints, copyright, publishing, the Act or exemptions (or nothing follows)."""
    text = line.strip().strip("*#_ ").strip()
    if SIGN_OFF.match(text) or is_appeal(text) or is_closing(text) or is_reuse_notice(text):
        return True
    if not _HEADING.match(text):
        return False
    if following is None or not following.strip():
        return True
    after = following.strip().strip("*#_ ").strip()
    return bool(is_boilerplate_start(after) or _UNDER_HEADING.search(after))


SALUTATION_WORDS = 8  # a salutation alone on its line is shorter ("Dear Head of Information Governance,")


def is_salutation(line: str) -> bool:
    """A letter's salutation alone on its line ("Dear Riverton Council,", "Hello"), not a sentence that opens on
    one of its words ("Dear Sir, thank you for your letter of ...", "Hi-vis jackets were bought ..."). roles.py
    reads the same from a unit's features."""
    line = line.strip()
    return bool(GREETING.match(line)) and len(line.split()) < SALUTATION_WORDS and not line.endswith((".", "?", ":"))


def is_acknowledgement(line: str) -> bool:
    """Opening courtesy or statutory duty text (thanks for your request, section 1(1))."""
    return bool(_ACKNOWLEDGEMENT.search(line.strip()))


def quoted_tail_start(lines: list[str]) -> int:
    """Index where an e-mail's quoted original message begins (len(lines) if none).

    A "From:" line only counts when header fields follow it and the reply has
    already said something, so a reply's own headers at the top are kept.
    """
    content = 0
    for i, line in enumerate(lines):
        text = line.strip()
        if not text:
            continue
        if _QUOTE_START.match(text) and content >= 3:
            if not text.lower().startswith("from:") or any(_HEADER_FIELD.match(n.strip()) for n in lines[i + 1 : i + 5]):
                return i
        if text.startswith(">") and content >= 3 and all(not n.strip() or n.lstrip().startswith(">") for n in lines[i:]):
            return i
        content += 1
    return len(lines)


def trim_tail(lines: list[str]) -> list[str]:
    """Cut an answer's lines at the first line from which everything is boilerplate."""
    for i, line in enumerate(lines):
        following = next((lines[j] for j in range(i + 1, len(lines)) if lines[j].strip()), "")
        if is_boilerplate_start(line, following):
            return lines[:i]
    return lines


def trim_head(lines: list[str]) -> list[str]:
    """Drop the letterhead, greeting and acknowledgement before a reply's substance."""
    start = next((i + 1 for i, line in enumerate(lines) if GREETING.match(line.strip())), 0)
    lines = lines[start:]
    while lines and (is_acknowledgement(lines[0]) or not lines[0].strip()):
        lines = lines[1:]
    return lines
