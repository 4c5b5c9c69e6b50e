"""What the segmenter sees of each unit: layout, wording and the hand rules, as features.

Every feature is a fact any reply can show, never one body's wording:
- the unit's own shape: its label ("1.", "Q2", "Response:") and how its number runs
  on from the last one (the next number, a restart, a number seen before), length,
  how it ends ("?", ":", "."), asking wording ("please provide", "how many"), the
  responder's voice ("we", "the Council", "I can confirm"), bullets and table rows;
- what it is made of: greetings, sign-offs, appeal and re-use text, e-mail headers,
  page numbers, addresses, phone numbers, links, dates, references, site furniture;
  the answer's own signals (attachments, "not held", sections cited);
- where it stands: position, what came before (greeting, sign-off, appeal, the last
  request or response heading and how far back), which letter it is in when a greeting
  follows a sign-off (the request quoted, then the reply), its neighbours' shapes, and for a
  line of a list, how the line introducing the list reads (asking or stating, on a colon);
- how much of the request's questions it restates (given `--request`);
- whether it repeats an earlier line of the reply (a page header after a page break, a question
  asked above);
- what the hand rules (rules.py) make of it and of its neighbours, the layout they saw, and
  whether it stands in the tail of their last answer, where what follows an answer ends up;
- its words (a bag of lower-case words), which the model weighs against all the rest.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher
from functools import lru_cache
from types import MappingProxyType

from ..goldlabels import words
from .boilerplate import (GREETING, SIGN_OFF, is_acknowledgement, is_appeal, is_boilerplate_heading, is_closing,
                          is_header_field, is_quote_start, is_reuse_notice)
from .furniture import is_page_number
from .numbering import BULLET, MENTION_WINDOW, REPORTS_REQUEST, TURNS_TO, mentioned_questions
from .request import REQUESTER, Request, overlap, topic_words
from .rules import ASKING, REQUEST_SHAPE, STATEMENT, RuleView, heading_like, thread_of
from .units import Unit

Features = dict[str, float]

# Most patterns below open with a lookahead on the characters their matches start with (listed per pattern):
# it turns every other place of a line away at once, where `re` would try each alternative there (under
# IGNORECASE it skips ahead to no likely place by itself). A match starts with one of them, so the matches
# are the same; under IGNORECASE a class admits what its letters do as literals (the long s 'ſ' for "s",
# the dotted and dotless i for "i"). An e-mail address holds "@", its Cloudflare stand-in opens with "[",
# and a table row a "|": a line without them is not searched for one.
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
# tel, phone, fax, mobile, direct; 0
_PHONE = re.compile(r"(?=[tpfmd0])(?:\b(?:tel|telephone|phone|fax|mobile|direct\s+dial)\b|\b0\d{3,4}\s?\d{3}\s?\d{3,4}\b)", re.I)
_EMAIL = re.compile(r"\S+@\S+\.\w+|\[email protected\]", re.I)
# http(s); www
_URL = re.compile(r"(?=[hw])(?:https?://|www\.)", re.I)
# a day's digit
_DATE = re.compile(r"(?=\d)(?:\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}\b"
                   r"|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b)", re.I)
# our, your; ref(erence)
_REFERENCE = re.compile(r"(?=[oyr])(?:\b(?:our|your)\s+ref|\breference\b|\bref(?:erence)?\s*(?:no|number)?\s*[:.])", re.I)
# cookies, click, skip, search, sign, share; main, menu; log; accessibility; privacy, print; breadcrumb, back; home; feedback;
# newsletter; javascript; return; top; was
_SITE = re.compile(r"(?=[csmlapbhfnjrtw])(?:\b(?:cookies?|click\s+here|skip\s+to|main\s+content|menu|search|sign\s+in|log\s*in|"
                   r"accessibility|privacy|breadcrumb|home\b|back\s+to|share\s+this|print\s+this|feedback|newsletter|javascript|"
                   r"return\s+to\s+(?:the\s+)?(?:list|top|previous|index|search|results)|top\s+of\s+(?:the\s+)?page|"
                   r"was\s+this\s+(?:page|information)\s+(?:helpful|useful))\b)", re.I)
# attach, appendix, annex, as; enclos; spreadsheet, see; please
_ATTACHED = re.compile(r"(?=[aesp])(?:\battach|\benclos|\bappendix|\bannex|\bspreadsheet|\bsee\s+(?:below|above)|"
                       r"\bplease\s+(?:see|find|refer)|\bas\s+per\b)", re.I)
# not, no; do(es), don't; cannot, can; unable
_NOT_HELD = re.compile(r"(?=[ndcu])(?:\b(?:not\s+held|do(?:es)?\s+not\s+(?:hold|record|have|keep|collect)|don't\s+(?:hold|record|have)|"
                       r"no\s+(?:information|records?|data)\b|unable\s+to|cannot|can\s+not|not\s+(?:able|possible|recorded|available)))", re.I)
# i; we; confirm; hold
_CONFIRM = re.compile(r"(?=[iwch])(?:\b(?:i|we)\s+(?:can\s+)?confirm\b|\bconfirm\s+that\b|\bhold(?:s)?\s+(?:the|some|this)\s+information\b)", re.I)
# section, s.; exempt; regulation
_SECTION = re.compile(r"(?=[ser])(?:\bsection\s+\d|\bexempt|\bregulation\s+12|\bs\.?\s?\d{2}\b)", re.I)
_RESPONDER = re.compile(r"^(?:we|our|the\s+(?:trust|council|force|service|authority|department|board|university|organisation|"
                        r"government|police|commissioner)|this\s+(?:trust|council|force|service|authority|information))\b", re.I)
_MARKER_ONLY = re.compile(
    r"^(?:(?:our\s+|the\s+)?(?:response|answer|reply|decision|request(?:\s+detail)?|question|information\s+(?:requested|provided|"
    r"released)|you\s+asked|your\s+request|request\s+received|response\s+provided|request\s+and\s+(?:answer|response))s?"
    r"(?:\s+(?:details?|to\s+(?:questions?|request)\s*[\d,&\sand-]*))?)\s*[:.\-]?\s*$", re.I)
_RESPONSE_WORD = re.compile(r"\b(?:response|responses|answer|answers|reply|decision|outcome|information\s+(?:provided|released|"
                            r"disclosed)|disclosure)\b", re.I)
_REQUEST_WORD = re.compile(r"\b(?:request|requests|requested|question|questions|asked|enquiry|query)\b", re.I)
_ASKING_START = re.compile(r"^(?:how|what|which|when|where|who|why|do|does|did|is|are|has|have|can|could|would|will|please|"
                           r"provide|confirm|list|state|details?|copies|a\s+copy|the\s+number|numbers?\s+of|total|for\s+each|"
                           r"in\s+each|any|all)\b", re.I)
_TABLE = re.compile(r"\s\|\s|\|$|^\|")
_NEXT_SENTENCE = re.compile(r"[.?!][\"')]?\s+[A-Z]")  # a second sentence after the first
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_NUMBER = re.compile(r"\d+")
_WORDY = re.compile(r"[A-Za-z]{3}")
REPEAT_ASKED_WORDS = 5  # a question said again is this long at least: shorter lines ("Yes", "Not held.") repeat as answers
BAG_WORDS = 60  # words of a unit that enter its bag of words

# Own features the neighbours' features repeat (as "p1:...", "n2:..."), and the signs of a heading.
_CONTEXT = (
    "head_response", "head_request", "lab=question", "lab=answer", "lab_num", "lab_marker_question", "lab_marker_answer",
    "marker_only", "end?", "end:", "end.", "end_none", "asking", "statement", "requester", "responder", "heading_like",
    "greeting", "sign_off", "appeal", "closing", "acknowledgement", "restates", "attached", "not_held", "table", "bullet",
    "lab_empty_rest", "asking_start", "echoes", "url", "postcode", "phone", "title_case", "len=0", "len=1", "len=2", "len=3",
    "site", "bp_heading", "reuse", "repeat",
)
# The shapes of furniture and notices: read again in the tail of the rules' last answer (`_rule_features`).
_FURNITURE = (
    "heading_like", "title_case", "all_caps", "repeat", "url", "phone", "postcode", "email", "site", "bp_heading", "reuse",
    "closing", "appeal", "end_none", "len=0", "len=1", "len=2", "date", "reference", "digits",
)
# A unit that asks: a question, or a request's line.
_ASKS = ("end?", "asking", "requester", "request_shape", "asking_start")
# Their names as each neighbour repeats them ("p1:end?"), spelt once rather than for every unit.
_NEIGHBOUR_KEYS = {name: {k: f"{name}:{k}" for k in _CONTEXT} for name in ("p1", "n1", "p2", "n2")}


def _bucket(n: int, edges: Sequence[int] = (0, 1, 2, 3, 5, 8, 13, 21, 34, 55)) -> int:
    return max((e for e in edges if n >= e), default=0)


def _label_features(unit: Unit, seen: set[int], previous: int | None) -> Features:
    label = unit.label
    if label is None:
        return {}
    f: Features = {"lab=" + label.kind: 1}
    if not label.rest.strip():
        f["lab_empty_rest"] = 1
    if not label.numbers:
        f["lab_marker_" + label.kind] = 1
        return f
    f.update({"lab_num": 1, "lab_num_" + label.kind: 1, "lab_form=" + (label.form or "none"): 1})
    if label.numbers == ["*"]:
        f["lab_all"] = 1
    elif len(label.numbers) > 1:
        f["lab_multi"] = 1
    if label.explicit:
        f["lab_explicit"] = 1
    if label.letter:
        f["lab_letter"] = 1
    match = _NUMBER.match(label.numbers[0])
    if match:
        number = int(match.group())
        if number == 1:
            f["lab_is1"] = 1
        if previous is not None and number == previous + 1:
            f["lab_next"] = 1
        if previous is not None and number <= previous:
            f["lab_restart"] = 1
        if number in seen:
            f["lab_seen"] = 1
    return f


# A reply's lines repeat (letterheads, headings, appeal text, the same question in every
# reply of a round-robin: a third of the lines of shared/real's replies are repeats), and
# their shape and content depend on the text alone, so both are memoised (read-only views).
_LINE_MEMO = 8192


@lru_cache(maxsize=_LINE_MEMO)
def _shape(text: str, rest: str) -> Mapping[str, float]:
    return MappingProxyType(_shape_of(text, rest))


def _shape_of(text: str, rest: str) -> Features:
    n = len(text.split())
    f: Features = {"len=%d" % _bucket(n): 1, "loglen": math.log1p(n) / 5}
    end = "?" if re.search(r"\?[\"')\]]*$", text) else ":" if text.endswith(":") else "." if text.endswith(".") else \
        "," if text.endswith((";", ",")) else "_none"
    f["end" + end] = 1
    checks = (
        ("has?", "?" in text), ("marker_only", _MARKER_ONLY.match(text)), ("request_shape", REQUEST_SHAPE.search(rest)),
        ("statement", STATEMENT.match(rest)), ("asking", ASKING.search(rest)), ("asking_start", _ASKING_START.match(rest)),
        ("requester", REQUESTER.search(text)), ("responder", _RESPONDER.match(rest)), ("heading_like", heading_like(text)),
        ("reports_request", REPORTS_REQUEST.match(text) and not _NEXT_SENTENCE.search(text)),
        ("bullet", BULLET.match(text)), ("table", "|" in text and _TABLE.search(text)), ("lower_start", rest[:1].islower()),
        ("all_caps", text.isupper()),
    )
    f.update({name: 1 for name, hit in checks if hit})
    if n <= 6 and not text.endswith((".", "?")):
        if _RESPONSE_WORD.search(text):
            f["head_response"] = 1
        if _REQUEST_WORD.search(text):
            f["head_request"] = 1
    alpha = _WORD.findall(text)
    if n > 1 and alpha and sum(w[0].isupper() for w in alpha) / len(alpha) > 0.7:
        f["title_case"] = 1
    digits = len(_DIGIT.findall(text))
    if digits:
        f["digits"] = min(digits / max(len(text), 1) * 5, 1)
    return f


@lru_cache(maxsize=_LINE_MEMO)
def _content(text: str) -> Mapping[str, float]:
    return MappingProxyType(_content_of(text))


def _content_of(text: str) -> Features:
    checks = (
        ("greeting", GREETING.match(text)), ("sign_off", SIGN_OFF.match(text)), ("appeal", is_appeal(text)),
        ("bp_heading", is_boilerplate_heading(text)), ("closing", is_closing(text)), ("reuse", is_reuse_notice(text)),
        ("acknowledgement", is_acknowledgement(text)), ("quote_start", is_quote_start(text)),
        ("header_field", is_header_field(text)), ("page_number", is_page_number(text)), ("postcode", _POSTCODE.search(text)),
        ("phone", _PHONE.search(text)), ("email", ("@" in text or "[" in text) and _EMAIL.search(text)), ("url", _URL.search(text)),
        ("url_only", _URL.match(text) and len(text.split()) <= 2), ("date", _DATE.search(text)),
        ("reference", _REFERENCE.search(text)), ("site", _SITE.search(text)), ("attached", _ATTACHED.search(text)),
        ("not_held", _NOT_HELD.search(text)), ("confirm", _CONFIRM.search(text)), ("section", _SECTION.search(text)),
    )
    return {name: 1 for name, hit in checks if hit}


class _Question:
    """A requested question as every unit of a reply is compared with it: its words, their counts, its topic
    words, and a matcher that indexed its words once (difflib indexes its second sequence, here for every unit)."""

    def __init__(self, text: str) -> None:
        self.words = words(text)
        self.counts = Counter(self.words)
        self.topic = topic_words(text)
        self.matcher = SequenceMatcher(None, autojunk=False)
        self.matcher.set_seq2(self.words)

    def verbatim(self, unit: list[str]) -> float:
        """Share of the unit's words that follow the question's words in order (difflib's matching blocks)."""
        if not unit or not self.words:
            return 0.0
        self.matcher.set_seq1(unit)
        return sum(block.size for block in self.matcher.get_matching_blocks()) / len(unit)


def _most_verbatim(unit: list[str], questions: Sequence[_Question]) -> float:
    """The highest `_Question.verbatim` of the unit over the questions. Words in order are words in common, so
    a question sharing no more words than the best share found so far cannot beat it and is not matched."""
    if not unit:
        return 0.0
    counts = Counter(unit)
    bounds = sorted(((sum((counts & q.counts).values()) / len(unit), k) for k, q in enumerate(questions)), reverse=True)
    best = 0.0
    for bound, k in bounds:
        if bound <= best:
            break
        best = max(best, questions[k].verbatim(unit))
    return best


def _request_features(text: str, questions: Sequence[_Question]) -> Features:
    """How much of a requested question the unit repeats: a restated question copies the
    question's words in order; an answer that echoes it shares its topic, in its own words."""
    if not questions:
        return {}
    own = topic_words(text)
    best = max(overlap(own, q.topic) for q in questions)
    f: Features = {"req_sim": best}
    f["req_cover"] = max(len(own & q.topic) / len(own) for q in questions) if own else 0.0
    verbatim = _most_verbatim(words(text), questions)
    f["req_verbatim"] = verbatim
    if verbatim >= 0.75:
        f["restates"] = 1
    elif best >= 0.5:
        f["echoes"] = 1
    return f


def _own(unit: Unit, questions: Sequence[_Question], seen: set[int], previous: int | None) -> Features:
    rest = unit.label.rest if unit.label else unit.text
    f = _label_features(unit, seen, previous)
    f.update(_shape(unit.text, rest))
    f.update(_content(unit.text))
    f.update(_request_features(unit.text, questions))
    if TURNS_TO.match(unit.text):
        f["turns_to"] = 1  # "With regard to your second question, ...": the responder taking up a question (roles.py)
    named = mentioned_questions(rest[:MENTION_WINDOW])
    if named:  # "Q1, Q2 and Q6 are exempt under section 31", "The answer to questions 3 and 4 is nil": which it answers
        f["names_questions"] = 1
        if len(named) > 1:
            f["names_several"] = 1
    if not unit.first:
        f["not_line_start"] = 1
    if unit.cell:
        f["cell=" + unit.cell] = 1  # read by the decoding (roles.py), not weighed
    return f


# The features naming a role the hand rules gave (the unit's own, its neighbours'): train/segmenter.py
# learns them from replies other than those the rules were written on.
RULE_ROLES = ("rule=", "p1:rule=", "n1:rule=")


def _rule_features(rules: RuleView, i: int, last_answer: int | None, own: Features) -> Features:
    """The rules' role for the unit and its neighbours, and the layout they saw.

    The rules run their last answer on until the reply's end or its boilerplate, so it takes in
    whatever follows the answer (an exemption quoted, a notice, a page header repeated after a
    page break): a unit past the first of that answer is `rule_tail`, and its furniture shapes
    are read again there, where they weigh against an answer more than inside one.
    """
    f: Features = {f"rule={rules.roles[i]}": 1, f"rule_method={rules.method}": 1}
    if last_answer is not None and i > last_answer and rules.roles[i] == "AI":
        f["rule_tail"] = 1
        f.update({f"rule_tail|{k}": 1 for k in _FURNITURE if k in own})
    for d, name in ((-1, "p1"), (1, "n1")):
        if 0 <= i + d < len(rules.roles):
            f[f"{name}:rule={rules.roles[i + d]}"] = 1
    return f


def _last_rule_answer(rules: RuleView | None) -> int | None:
    """Where the rules' last answer starts; None when they took the whole reply for one answer
    (then everything is its tail, and the tail says nothing)."""
    if rules is None or rules.method == "whole":
        return None
    return max((i for i, role in enumerate(rules.roles) if role == "AB"), default=None)


def _kind_of_heading(f: Features, text: str) -> str | None:
    """Whether a unit opens the request's part or the response's part of a reply."""
    if f.get("lab_marker_answer") or f.get("head_response") or (f.get("marker_only") and _RESPONSE_WORD.search(text)):
        return "answer"
    if f.get("lab_marker_question") or f.get("head_request") or f.get("marker_only"):
        return "question"
    if f.get("lab_num_answer"):
        return "answer_num"
    return None


def _reply_start(own: Sequence[Features]) -> int | None:
    """Where a second letter starts: the first greeting after a sign-off (None: one letter only)."""
    signed = False
    for i, f in enumerate(own):
        if signed and f.get("greeting"):
            return i
        signed = signed or bool(f.get("sign_off"))
    return None


def _asks(f: Features) -> bool:
    """Whether a unit's own features show it asking: a question mark, the requester's words ("please could
    you", "I would like"), or a numbered line in a request's shape that states nothing. Not a line that
    merely opens on "Please" ("Please refer to the attached"), nor a numbered statement ("1. The
    information is not held."), which an answer may say again word for word."""
    return bool(f.get("end?") or f.get("has?") or f.get("requester") or (
        f.get("lab=question") and not f.get("statement") and (f.get("request_shape") or f.get("asking_start"))))


def _listed_asking(own: Sequence[Features], run_of: Mapping[int, int]) -> list[bool]:
    """Whether each unit asks (`_asks`), or is a numbered item, stating nothing, of a list whose other items ask: a
    request listed as "1. How many ...?", "2. Whether ...", "3. The name of the supplier." asks in item 3 too."""
    asking_runs = {run for i, run in run_of.items() if _asks(own[i])}
    return [_asks(f) or (run_of.get(i) in asking_runs and not f.get("statement")) for i, f in enumerate(own)]


def _list_item(unit: Unit, f: Features) -> bool:
    """A bulleted, lettered or numbered line not introduced by a word ("• ...", "(b) ...", "3. ...", not "Q3")."""
    return bool(f.get("bullet") or (unit.label and (unit.label.letter or unit.label.numbers) and not unit.label.explicit))


def _lead_ins(units: Sequence[Unit], own: Sequence[Features]) -> list[Features]:
    """For each line of a list, how the line introducing the list reads: whether it ends on a colon, and
    whether it asks or states. A list under "Please provide the following:" lists what was asked; under "The
    figures are as follows:", what was answered. Every line of the list reads its lead-in, not only the first
    two (which see it as a neighbour), and as one feature, where the neighbours' "end:" and "asking" are two."""
    found: list[Features] = []
    lead: Features | None = None
    for unit, f in zip(units, own):
        if not _list_item(unit, f):
            lead, feature = f, {}
        elif lead is None:
            feature = {}
        else:
            voice = "asks" if _asks(lead) else "states" if lead.get("statement") or lead.get("responder") else "other"
            feature = {f"lead_in={'colon' if lead.get('end:') else 'nocolon'}|{voice}": 1}
        found.append(feature)
    return found


def _requesters_letters(units: Sequence[Unit]) -> list[int]:
    """The units of a request thread's letters from the requester (rules.thread_of): they answer nothing."""
    thread = thread_of([unit.text for unit in units])
    if thread is None:
        return []
    return [i for (start, end), mine in zip(thread.letters, thread.requester) if mine for i in range(start, end)]


def _repeats(units: Sequence[Unit], top: int, asks: Sequence[bool], heads: Sequence[bool]) -> list[Features]:
    """Whether a unit says again what a unit before the one above it said (numbers aside).

    A reply repeats its furniture more than its answers: a page header after a page break, a
    log's field names ("Reference", "Response date") at the next record, often in the middle of
    or just after the last answer; `repeat_top` marks a repeat of a line from above the first
    question (a letterhead). Lines without a word (table cells, figures) are left out. The same
    words given to another question are no furniture, but an answer said again: a line numbered for
    another question than the first ("A2. This is exempt under section 40(2).") or right under an answer
    heading alone on its line (`heads`: "Answer", "Response:") is no repeat, unless its first time asked.
    `repeat_asked` marks a repeat, of five words or more, of a line that asked (`asks`): a log page
    that lists the request, then says each question again above its answer (roles.py decodes it
    as a question).
    """
    seen: dict[str, tuple[int, list[str]]] = {}
    found: list[Features] = []
    for i, unit in enumerate(units):
        numbers = unit.label.numbers if unit.label else []
        first, first_numbers = seen.setdefault(_NUMBER.sub("#", " ".join(unit.text.lower().split())), (i, numbers))
        f: Features = {}
        answered_again = not asks[first] and ((numbers and numbers != first_numbers) or (i and heads[i - 1]))
        if first < i - 1 and _WORDY.search(unit.text) and not answered_again:
            f["repeat"] = 1
            if first < top:
                f["repeat_top"] = 1
            if asks[first] and len(unit.text.split()) >= REPEAT_ASKED_WORDS:
                f["repeat_asked"] = 1
        found.append(f)
    return found


def unit_features(units: Sequence[Unit], request: Request | None = None, rules: RuleView | None = None) -> list[Features]:
    """One feature dict per unit, in order."""
    questions = [_Question(q.text) for q in request.questions] if request and request.questions else []
    own: list[Features] = []
    seen: set[int] = set()
    previous: int | None = None
    # Which run of numbering a numbered unit is in: a run starts again at a number no higher than the one
    # before (the request's questions 1-3, then the reply's answers 1-3 again).
    run = 0
    asked_in: dict[int, int] = {}  # a number a numbered unit asked with -> its run
    run_of: dict[int, int] = {}  # each numbered unit's run
    for i, unit in enumerate(units):
        f = _own(unit, questions, seen, previous)
        label = unit.label
        match = _NUMBER.match(label.numbers[0]) if label and label.numbers and label.numbers != ["*"] else None
        if match:
            number = int(match.group())
            run += previous is None or number <= previous
            previous = number
            seen.add(previous)
            f["num_run=%d|lab_num" % min(run, 3)] = 1
            run_of[i] = run
            asks = any(k in f for k in _ASKS)
            if asked_in.get(number, run) < run:  # "1 There are 5 ..." under "1 How many ...?": numbered as a question asked above
                f["num_asked_above|" + ("asks" if asks else "tells")] = 1
            if asks:
                asked_in.setdefault(number, run)
        elif run:  # a line under a numbered one: whether it asks or tells, in which run (a question's own detail, an answer)
            f.update({"in_run=%d|%s" % (min(run, 3), k): 1 for k in ("asking", "requester", "statement") if k in f})
        own.append(f)
    n = len(units)
    numbered = any(u.label and u.label.numbers for u in units)
    first_asking = next((i for i, f in enumerate(own) if f.get("end?") or f.get("asking") or f.get("requester")
                         or f.get("lab_marker_question") or f.get("head_request")), None)
    reply_starts = _reply_start(own)
    heads = [bool(f.get("marker_only") or f.get("lab_empty_rest")) and _kind_of_heading(f, unit.text) == "answer"
             for unit, f in zip(units, own)]
    for f, repeat in zip(own, _repeats(units, n if first_asking is None else first_asking, _listed_asking(own, run_of), heads)):
        f.update(repeat)
    for f, lead_in in zip(own, _lead_ins(units, own)):
        f.update(lead_in)
    for i in _requesters_letters(units):
        own[i]["requester_letter"] = 1
    for unit, f in zip(units, own):
        if unit.wordless:
            f["wordless"] = 1
        if unit.bare_value:
            f["bare_value"] = 1
    shown = [[k for k in _CONTEXT if k in f] for f in own]  # read by up to four neighbours each: looked for once
    last_rule_answer = _last_rule_answer(rules)
    features = []
    greeted = signed = appealed = boilerplate_since = False
    heading, since, asked = None, 0, 0
    for i, (unit, f) in enumerate(zip(units, own)):
        g: Features = dict(f)
        g.update({"bias": 1, "pos": i / max(n - 1, 1), "asked_above=%d" % min(asked, 3): 1})
        g.update({name: 1 for name, on in (("first_unit", i == 0), ("last_unit", i == n - 1), ("top3", i < 3),
                                            ("bottom3", n - i <= 3), ("after_greeting", greeted), ("after_signoff", signed),
                                            ("after_appeal", appealed), ("doc_numbered", numbered),
                                            ("has_request", bool(questions))) if on})
        # A letter signed off, then another greeted: the request quoted, then the reply to it.
        zone = None if reply_starts is None else "new_letter" if i >= reply_starts else "first_letter"
        if zone:
            g[zone] = 1
            g.update({f"{zone}|{k}": 1 for k in ("end?", "end.", "asking", "statement", "responder", "requester", "lab_num")
                      if k in f})
        if first_asking is None:
            g["no_asking"] = 1
        elif i < first_asking:
            g["before_first_asking"] = 1
        elif i == first_asking:
            g["first_asking"] = 1
        if heading:
            near = _bucket(since, (0, 1, 2, 4, 8, 16))
            g["heading_above=" + heading] = 1
            g["since_heading=%d" % near] = 1
            g[f"heading_above={heading}|since={near}"] = 1
            g[f"heading_above={heading}|boilerplate_since={boilerplate_since}"] = 1
            for k in ("end?", "end.", "end:", "end_none", "asking", "statement", "responder", "requester", "lab_num"):
                if k in f:
                    g[f"heading_above={heading}|{k}"] = 1
            if boilerplate_since:
                g["boilerplate_since_heading"] = 1
        else:
            g["heading_above=none"] = 1
        for d, name in ((-1, "p1"), (1, "n1"), (-2, "p2"), (2, "n2")):
            j = i + d
            if not 0 <= j < n:
                g[f"{name}:none"] = 1
                continue
            keys = _NEIGHBOUR_KEYS[name]
            g.update({keys[k]: 1 for k in shown[j]})
            if abs(d) == 1 and "req_sim" in own[j]:
                g[f"{name}:req_sim"] = own[j]["req_sim"]
        if rules is not None:
            g.update(_rule_features(rules, i, last_rule_answer, f))
        g.update({"bow=" + w: 1 for w in words(unit.text)[:BAG_WORDS] if not w.isdigit()})
        features.append(g)
        kind = _kind_of_heading(f, unit.text)
        if kind:
            heading, since, boilerplate_since = kind, 0, False
        else:
            since += 1
        if f.get("appeal") or f.get("closing") or f.get("reuse") or f.get("sign_off") or f.get("bp_heading"):
            boilerplate_since = True
        if signed and f.get("greeting"):  # a new letter: the last one's sign-off and boilerplate are behind it
            signed = boilerplate_since = False
        greeted = greeted or bool(f.get("greeting"))
        signed = signed or bool(f.get("sign_off"))
        appealed = appealed or bool(f.get("appeal"))
        asked += bool(f.get("end?") or f.get("has?"))
    return features
