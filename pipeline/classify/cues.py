"""Explicit cues of one answer: structure a linear model can weigh the same way whoever wrote it.

Lemma n-grams learn a corpus's wording; these cues carry what GUIDE.md's rules turn on,
so they should hold on bodies the model never saw:

- negation over holding, recording and existence words ("we do not record", "there is
  no such role", "no budget line"), and whether the answer goes on to give something
  (affirmed sentences, numbers, links, a contrast such as "however"): `not_held` ends
  with the reason why, `provided` describes real resources;
- what the question asks for, a count or a thing, crossed with those cues: "none" is
  an answer to "how many" (the officers or teams a count question names are what it
  counts, not a thing it asks for), a missing document is `not_held`;
- numbers, table rows (cells split by "|" or tabs) and data files the answer points
  to: statistics sit in tables and attachments as often as in sentences;
- exemption citations and where they sit: what is given outside the refusing
  sentences, and whether a refusing sentence withholds a part ("the breakdown", "the
  remainder") or the whole: `partially_provided` against `refused_exemption`; a
  negated sentence that cites an exemption ("we are unable to provide this as section
  40(2) applies") is a refusal worded as a gap, not `not_held`; the Act's words for the
  cost limit ("the appropriate limit", "18 hours", "£450") and for neither confirming nor
  denying refuse, whether or not a section is cited;
- referral to another body and questions back to the requester: with a statement
  that the information is not held it is `not_held`, without one it is `other`; the
  request itself passed on ("we have transferred your request to ...", "your enquiry has
  been forwarded") is told from advice on whom to contact;
  a reply still to come (an extended deadline, a clarification awaited, "will respond",
  "on receipt of your request"; not "contact details" or "in receipt of care") is `other` too;
- real replies' ways of saying "not held" without the word ("we are unable to report on
  this", "not in a reportable format") and of pointing to the answer ("please refer to",
  "as per the attached", "see the attached CSV"): pointing is giving;
- an exception inside a negation ("no budget other than the officer's salary") turns
  "none" into "this much"; a money figure in a cost-limit sentence is the cost of
  answering, not a resource;
- a yes/no question answered "No" is an answer; numbers that point somewhere (section
  31(1), question 3, page 2) are not figures given.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from ..extract import EIR, find_citations
from ..tag import NEGATION_CUES, TaggedAnswer, Tokens, sentence_exemptions

# Verbs whose negation says "we have no such thing" rather than "no, and here is why".
HOLDING_LEMMAS = frozenset({"hold", "have", "record", "keep", "exist", "collect", "maintain", "retain", "capture",
                            "allocate", "store", "possess", "produce", "compile", "employ", "fund", "identify",
                            "adopt", "set", "develop", "designate", "appoint", "create", "track", "monitor", "log"})
ATTACHMENT_LEMMAS = frozenset({"attach", "attachment", "enclose", "spreadsheet", "appendix", "annex", "table"})
REFUSAL_LEMMAS = frozenset({"withhold", "exempt", "exemption", "redact", "redaction", "refuse", "engage"})
# In a refusing sentence: it withholds a part of what was asked, or all of it.
PART_LEMMAS = frozenset({"remainder", "rest", "remaining", "part", "partially", "partly", "breakdown", "detail", "some"})
WHOLE_LEMMAS = frozenset({"all", "entire", "entirety", "whole", "any"})
CONTRAST_LEMMAS = frozenset({"however", "but", "although", "though", "nevertheless", "addition", "also", "instead"})
# Sending the requester elsewhere: "contact X", "forwarded to X", "a matter for X", "the responsibility of X".
REDIRECT_LEMMAS = frozenset({"forward", "transfer", "redirect", "contact", "responsibility", "responsible", "matter"})
# The request itself sent on: a passing verb and the request (a noun) in one sentence ("your enquiry has been forwarded to ...").
PASSING_LEMMAS = frozenset({"forward", "transfer", "redirect", "pass"})
REQUEST_LEMMAS = frozenset({"request", "enquiry", "query", "question", "correspondence"})
ZERO_WORDS = frozenset({"0", "zero", "nil", "none", "nought"})
# "We are unable to report on this", "not in a reportable format": retrieving, not holding, fails.
RETRIEVAL_LEMMAS = frozenset({"report", "reportable", "retrievable", "retrieve", "extract", "break", "breakdown",
                              "search", "format"})
FILE_LEMMAS = frozenset({"csv", "xlsx", "xls", "excel", "pdf", "spreadsheet", "workbook", "document", "appendix", "annex"})
# Pointing to where the answer is: a pointing word and a place in one sentence ("please refer to the attached").
POINT_LEMMAS = frozenset({"refer", "see", "find", "view", "access", "available", "publish", "per", "locate"})
PLACE_LEMMAS = frozenset({"attach", "attachment", "enclose", "link", "website", "site", "page", "below", "above",
                          "previous", "response", "table", "spreadsheet", "csv", "excel", "appendix", "annex",
                          "document", "following"})
# A reply still to come: a promise to respond, an extension, a clarification awaited.
FUTURE_LEMMAS = frozenset({"will", "shall", "expect", "hope", "aim", "intend"})
RESPONSE_LEMMAS = frozenset({"respond", "response", "reply", "send", "contact", "deal", "process", "answer"})
RESPONSE_NOUNS = frozenset({"response", "reply", "answer"})  # as nouns too: "you will receive a reply"
PENDING_LEMMAS = frozenset({"extend", "extension", "deadline", "clarify", "clarification", "acknowledge"})
# "On receipt of your request" is the request's; "patients in receipt of care" is not: receipt counts beside the request.
RECEIVED = REQUEST_LEMMAS | {"email", "e-mail", "letter"}
# A delay is the reply's own only with an apology ("we apologise for this delay"); alone it is as often what
# was asked about ("handover delays", "delayed transfers of care").
APOLOGY_LEMMAS = frozenset({"apologise", "apologize", "apology", "inconvenience", "sorry", "regret"})
COST_LEMMAS = frozenset({"cost", "limit", "hour", "exceed", "appropriate", "compliance"})
# "No budget apart from the salary above": the exception is what there is.
EXCEPTION_WORDS = (("apart", "from"), ("other", "than"), ("aside", "from"), ("save", "for"), ("except",))
YES_NO_OPENERS = frozenset({"do", "does", "did", "is", "are", "was", "were", "has", "have", "had", "can", "could",
                            "will", "would", "should", "whether"})
# Words after which a number points somewhere rather than counting: "section 31(1)", "questions 1 and 3".
REFERENCE_WORDS = frozenset({"section", "sections", "s", "regulation", "regulations", "reg", "regs", "question",
                             "questions", "q", "part", "parts", "paragraph", "paragraphs", "para", "item", "items",
                             "point", "points", "article", "schedule", "act", "rule", "no", "number", "ref",
                             "reference", "page", "appendix", "annex", "chapter", "clause", "table"})
# Sections whose number alone says how the request was handled (cost, vexatious, published elsewhere);
# the others' numbers would only echo which exemptions a corpus happened to cite.
TELLING_SECTIONS = frozenset({"12", "14", "21", "ncnd"})
COUNT_QUESTION = re.compile(r"\bhow\s+many\b|\bhow\s+much\b|\bnumbers?\s+of\b|\bfigures?\b|\bstatistics\b|\btotal\b", re.I)
THING_QUESTION = frozenset({"copy", "document", "policy", "strategy", "plan", "report", "list", "budget", "record",
                            "procedure", "role", "team", "post", "unit", "officer", "lead", "fund", "funding"})
# The people and posts a question may ask about ("a dedicated officer?") are, in a question asking for a number
# ("the number of housing officers"), what it counts: that question asks for a count, not for a thing.
COUNTED_THINGS = frozenset({"role", "team", "post", "unit", "officer", "lead"})
# Neither-confirm-nor-deny subsections of FOIA exemptions.
NCND_SUBSECTIONS = frozenset({"23(5)", "24(2)", "26(3)", "27(4)", "28(3)", "29(2)", "30(3)", "31(3)", "32(3)",
                              "33(3)", "34(2)", "35(3)", "36(3)", "37(2)", "38(2)", "40(5)", "41(2)", "42(2)", "43(3)", "44(2)"})
# The Act's and the Fees Regulations' own words for two refusals, whoever writes them: neither confirming nor
# denying (s.1(1)(a) and the NCND subsections) and the cost limit (s.12: £450/£600, 18/24 hours).
# neither, NCND; confirm ("cannot confirm or deny", "will not confirm or deny", "the duty to confirm or deny");
# appropriate, cost, fee(s), exceed, eighteen, twenty-four, 18, 24, £ (a lookahead turns every other place away at
# once: tests/test_lookaheads.py)
_NCND_WORDS = re.compile(r"(?=[nc])(?:\bneither\s+confirms?\s+nor\s+den(?:y|ies)\b|\bNCND\b|\bconfirm\s+or\s+deny\b)", re.I)
_COST_LIMIT = re.compile(r"(?=[acfet12£])(?:\b(?:appropriate|cost|fees?)\s+limit\b|\bexceed\w*\s+the\s+(?:\w+\s+)?limit\b|\b(?:18|24|eighteen|twenty[- ]four)\s+hours\b"
                         r"|£\s?(?:450|600)\b)", re.I)
CELL_SEPARATORS = frozenset({"|", "¦", "\t"})
_YEAR = re.compile(r"^(19|20)\d\d$")
_FINANCIAL_YEAR = re.compile(r"^(19|20)\d\d[/-]\d{2,4}$")
_SECTION = re.compile(r"^(\d{1,2})")
# The EIR's exceptions under regulation 12 ("12(4)(b) manifestly unreasonable", "12(5)(b) the course of justice")
# share FOIA section 12's number but not its meaning (the cost limit): under the EIR they are grounds for refusal
# like FOIA's exemptions, but 12(4)(a), which says the information is not held.
EIR_EXCEPTIONS = ("12(4)", "12(5)")
EIR_NOT_HELD = "12(4)(a)"
_CURRENCY = frozenset({"£", "$", "€"})
_NUMERIC = frozenset({"NUM", "MONEY", "FY", "YEAR"})
_DIGIT = re.compile(r"\d")


def shape(token: Token, previous: Token | None) -> str | None:
    """A number's shape (NUM, YEAR, FY, MONEY), URL/EMAIL, or None for a word."""
    if token.like_url:
        return "URL"
    if token.like_email:
        return "EMAIL"
    if _FINANCIAL_YEAR.match(token.text):
        return "FY"
    if token.like_num or token.text[:1].isdigit():
        if previous is not None and previous.text in _CURRENCY:
            return "MONEY"
        return "YEAR" if _YEAR.match(token.text) else "NUM"
    return None


def is_filler(token: Token) -> bool:
    """Punctuation, white space and table cell separators: not words of the answer."""
    return token.is_punct or token.is_space or token.text.strip() in CELL_SEPARATORS or not token.text.strip()


def eir_exceptions(cited: Sequence[str], text: str, act: str | None = None) -> set[str]:
    """Which of the exemptions cited in `text` are EIR regulation 12 exceptions: cited as regulations ("regulation
    12(5)(e)"), or under a reply given under the EIR (`act`), whatever law the reply names first."""
    if not any(citation.startswith(EIR_EXCEPTIONS) for citation in cited):
        return set()  # most answers cite no 12(4) or 12(5): nothing to look up
    return {str(c) for c in find_citations(text, act) if c.act == EIR}


def sections(cited: Iterable[str], eir: set[str] | frozenset[str] = frozenset()) -> set[str]:
    """Top-level section numbers of the exemptions cited, plus `ncnd` for NCND subsections; an EIR regulation 12
    exception (`eir`) is one of its own ("eir 12(5)(b)"), no FOIA section 12, and 12(4)(a) (not held) none."""
    found = set()
    for citation in cited:
        if citation in eir and citation.startswith(EIR_EXCEPTIONS):
            if not citation.startswith(EIR_NOT_HELD):
                found.add(f"eir {citation}")
            continue
        top = _SECTION.match(citation)
        if top:
            found.add(top.group(1))
        if any(citation.startswith(sub) for sub in NCND_SUBSECTIONS):
            found.add("ncnd")
    return found


def has_sents(answer: Doc | Span) -> bool:
    """Whether sentence boundaries are set (the senter or parser ran)."""
    doc = answer if isinstance(answer, Doc) else answer.doc
    return doc.has_annotation("SENT_START")


def _log(n: float) -> float:
    return math.log1p(n)


def _cells(data_file: dict) -> int:
    """How many cells a data file's sheets hold (extract records rows and columns per sheet)."""
    return sum(sheet.get("rows", 0) * sheet.get("columns", 0) for sheet in data_file.get("sheets") or [])


# An answer's own list label: a number, letter or roman numeral closed by "." or ")" ("5.", "(b)", "iii)"), or a
# number after Q or A ("Q4", "A2:").
_LIST_MARK = re.compile(r"^(?:\d{1,2}[a-z]?|[a-z]|[ivx]{1,4})$", re.IGNORECASE)
_CLOSED_NUMBER = re.compile(r"^\(?\d{1,2}[a-z]?[.)]$", re.IGNORECASE)
_QA_NUMBER = re.compile(r"^[qa]\d{1,2}[a-z]?$", re.IGNORECASE)
_LABEL_MARKS = frozenset({".", ")", ":", "-", "\u2013"})


def _label_length(words: Sequence[str], start: int) -> int:
    """How many words at `start` make a list label ("5.", "(b)", "iii)", "Q4:"), whatever follows; 0 if none."""
    n = len(words)
    if start >= n:
        return 0
    if words[start] == "(":
        return 3 if start + 2 < n and _LIST_MARK.match(words[start + 1]) and words[start + 2] == ")" else 0
    if start + 1 < n and _LIST_MARK.match(words[start]) and words[start + 1] in (".", ")"):
        return 2
    if _CLOSED_NUMBER.match(words[start]):
        return 1
    if _QA_NUMBER.match(words[start]):
        return 2 if start + 1 < n and words[start + 1] in _LABEL_MARKS else 1
    return 0


def leading_label(words: Sequence[str], start: int = 0) -> int:
    """How many words at `start` are an answer's own list label ("5.", "(b)", "iii)", "Q4:"), with words after
    it: the body's numbering of its answers, never a figure the answer gives nor a sentence of its own (a
    numbered "5. This is not recorded" opens on what it says, not on "5.")."""
    k = _label_length(words, start)
    return k if start + k < len(words) else 0


def only_label(words: Sequence[str]) -> bool:
    """Whether a sentence's words are nothing but a list label ("5.", "(c)", "Q4:"), as spaCy cuts one off an
    answer's start: no evidence for any label."""
    words = [word for word in words if word.strip()]  # spaCy's tokens of white space ("5.\n\n")
    return bool(words) and _label_length(words, 0) == len(words)


def reference_numbers(tokens: Tokens, words: frozenset[str] = REFERENCE_WORDS) -> set[int]:
    """Indices of the numbers that point at something (a section, a question, a page), not figures given:
    those after a reference word (`words`), up to the first word that is not a joiner ("sections 31(1) and 24(1)")."""
    found: set[int] = set()
    pointing = False
    for k, (lower, found_shape, fill) in enumerate(zip(tokens.lower, tokens.shape, tokens.filler)):
        if lower in words:
            pointing = True
        elif pointing and found_shape in ("NUM", "YEAR"):
            found.add(k)
        elif not (fill or lower in ("and", "or", "to", "&") or (pointing and found_shape is None and len(lower) <= 2 and lower.isalpha())):
            pointing = False
    return found


def _number_cues(tokens: Tokens, n: int, references: set[int]) -> dict[str, float]:
    """Numbers by shape (references left out), and table rows: runs of three or more numbers with only
    cell separators between."""
    nums = money = years = urls = emails = 0
    runs = run = 0
    words, shapes, filler = tokens.words, tokens.shape, tokens.filler
    previous = None
    for k, (word, found, fill) in enumerate(zip(words, shapes, filler)):
        if k in references:
            found = None
        if found is not None:
            if (found == "NUM" or found == "YEAR") and previous in _CURRENCY:
                found = "MONEY"
            if found == "NUM":
                nums += 1
            elif found == "MONEY":
                money += 1
            elif found == "YEAR" or found == "FY":
                years += 1
            elif found == "URL":
                urls += 1
            else:
                emails += 1
        previous = word
        if found in _NUMERIC or word in _CURRENCY or word == "%":
            run += 1
        elif not fill:
            runs += run >= 3
            run = 0
    runs += run >= 3
    return {
        "numbers": _log(nums),
        "number_density": nums / n,
        "money": _log(money),
        "years": _log(years),
        "table_runs": _log(runs),
        "links": _log(urls),
        # An e-mail address is somewhere to write to (often another body), not information given.
        "emails": _log(emails),
    }


def _refuses(lemmas: set[str], text: str) -> bool:
    """A sentence that withholds, cites an exemption, or says the Act's words for the cost limit or for
    neither confirming nor denying (a refusal that cites no section)."""
    # Every citation has a section number: no digit, no exemption to look for.
    return bool(lemmas & REFUSAL_LEMMAS) or bool(sentence_exemptions(text)) or bool(_COST_LIMIT.search(text) or _NCND_WORDS.search(text))


def _passes_request(lemmas: list[str], pos: list[str]) -> bool:
    """A sentence sending the request on: a passing verb and the request as a noun ("your enquiry has been
    forwarded"; not "the Discharge & Transfer Guideline you requested")."""
    if PASSING_LEMMAS.isdisjoint(lemmas):  # no passing word at all (most sentences): no verb of them either
        return False
    return any(p == "VERB" and w in PASSING_LEMMAS for w, p in zip(lemmas, pos)) and \
        any(p == "NOUN" and w in REQUEST_LEMMAS for w, p in zip(lemmas, pos))


def _answers_back(lemmas: list[str], pos: list[str]) -> bool:
    """A word of replying as the act ("we will respond", "will send you", "we will contact you") or the reply itself
    ("a response"), not a word of the subject that looks like one ("contact details", "the process")."""
    return any(w in RESPONSE_NOUNS or (p == "VERB" and w in RESPONSE_LEMMAS) for w, p in zip(lemmas, pos))


def _has_exception(lower: list[str]) -> bool:
    """"apart from", "other than", "except" ... among a sentence's words."""
    for k, word in enumerate(lower):
        for phrase in EXCEPTION_WORDS:
            if word == phrase[0] and tuple(lower[k : k + len(phrase)]) == phrase:
                return True
    return False


def _own_sentences(tokens: Tokens, label: int) -> list[tuple[int, int]]:
    """The answer's sentences but one that is only its list label (spaCy ends a sentence after "5.") or only
    punctuation (which would count as a sentence that affirms)."""
    return [(start, end) for start, end in tokens.sents if end > label and not all(tokens.filler[start:end])]


def _sentence_cues(tokens: Tokens, references: set[int], label: int = 0, act: str | None = None) -> dict[str, float]:
    """How negation, refusal, redirection, pointing, promises and substance are spread over the answer's sentences
    (`label`: how many words its own list label takes, which is no sentence of it; `act`: the reply's law)."""
    sentences = _own_sentences(tokens, label)
    affirmed = after_negation = refusing = part = whole = redirect = passed = 0
    pointers = pending = promised = exceptions = explained = money_in_cost = money_elsewhere = 0
    outside = inside = 0.0
    first_refusal: int | None = None
    negated_seen = False
    lemma, lower, words, shapes, idx = tokens.lemma, tokens.lower, tokens.words, tokens.shape, tokens.idx
    base = tokens.offset
    opens_negated = 0.0
    for i, (start, end) in enumerate(sentences):
        lemmas = set(lemma[start:end])
        negated = not NEGATION_CUES.isdisjoint(lower[start:end])
        if i == 0:
            opens_negated = float(negated)
        text = tokens.text[idx[start] - base : idx[end - 1] + len(words[end - 1]) - base] if end > start else ""
        refuses = _refuses(lemmas, text)
        substance = money = 0
        for k in range(start, end):
            found = shapes[k] if k not in references else None
            substance += found == "NUM" or found == "URL" or words[k] in _CURRENCY
            money += found in ("NUM", "YEAR") and k > start and words[k - 1] in _CURRENCY
        substance += not lemmas.isdisjoint(ATTACHMENT_LEMMAS)
        redirect += not lemmas.isdisjoint(REDIRECT_LEMMAS)
        passed += _passes_request(lemma[start:end], tokens.pos[start:end])
        pointers += not lemmas.isdisjoint(POINT_LEMMAS) and (not lemmas.isdisjoint(PLACE_LEMMAS) or "URL" in shapes[start:end])
        pending += not lemmas.isdisjoint(PENDING_LEMMAS) or ("delay" in lemmas and not lemmas.isdisjoint(APOLOGY_LEMMAS)) \
            or ("receipt" in lemmas and not lemmas.isdisjoint(RECEIVED))
        promised += not lemmas.isdisjoint(FUTURE_LEMMAS) and _answers_back(lemma[start:end], tokens.pos[start:end])
        exceptions += negated and _has_exception(lower[start:end])
        # "We are unable to provide this as it is exempt under section 40(2)": a refusal, though it reads as a gap.
        exempt = sentence_exemptions(text)
        cited = sections(exempt, eir_exceptions(exempt, text, act))
        explained += negated and bool(cited - {"12", "14"})
        if money and (not lemmas.isdisjoint(COST_LEMMAS) or "12" in cited):
            money_in_cost += money
        else:
            money_elsewhere += money
        if refuses:
            refusing += 1
            first_refusal = i if first_refusal is None else first_refusal
            part += not lemmas.isdisjoint(PART_LEMMAS)
            whole += not lemmas.isdisjoint(WHOLE_LEMMAS)
            inside += substance
        else:
            outside += substance
            if not negated:
                affirmed += 1
                after_negation += negated_seen
        negated_seen = negated_seen or negated
    count = len(sentences) or 1
    cues = {
        "affirmed_sentences": _log(affirmed),
        "affirmed_share": affirmed / count,
        "affirmed_after_negation": _log(after_negation),
        "opens_negated": opens_negated,
        "redirects": _log(redirect),
        "passes_request": _log(passed),
        "pointers": _log(pointers),
        "pending": _log(pending),
        "promised_reply": _log(promised),
        "negation_with_exception": _log(exceptions),
        "negation_for_exemption": _log(explained),
        "money_in_cost_sentence": _log(money_in_cost),
        "money_elsewhere": _log(money_elsewhere),
    }
    if refusing:
        cues.update({
            "refusing_share": refusing / count,
            "first_refusal_position": first_refusal / count,
            "substance_outside_refusal": _log(outside),
            "substance_inside_refusal": _log(inside),
            "refuses_part": _log(part),
            "refuses_whole": _log(whole),
        })
    return cues


_QUESTION_CUES = ("negated_holding", "negated_nouns", "negated_events", "zeros", "figures", "affirmed_after_negation")


def _question_cues(item: TaggedAnswer, cues: dict[str, float]) -> None:
    """What the question asks for (a count or a thing), crossed with what the answer gives."""
    question = item.question_tokens
    if question is None:
        return
    asks_count = bool(COUNT_QUESTION.search(question.text))
    asks_thing = not (THING_QUESTION - COUNTED_THINGS if asks_count else THING_QUESTION).isdisjoint(question.lemma)
    first = next((word for word, fill in zip(question.lower, question.filler) if not fill), "")
    asks_yes_no = first in YES_NO_OPENERS or "whether" in question.lower
    substance = cues["figures"] + cues["money"] + cues["links"] + cues["attachment_words"]
    for name, asked in (("count", asks_count), ("thing", asks_thing), ("yes_no", asks_yes_no)):
        if asked:
            cues[f"asks_{name}"] = 1.0
            for cue in _QUESTION_CUES:
                cues[f"asks_{name}*{cue}"] = cues.get(cue, 0.0)
            cues[f"asks_{name}*substance"] = substance
    if asks_yes_no:
        cues["asks_yes_no*opens_yes"] = cues["opens_yes"]
        cues["asks_yes_no*opens_no"] = cues["opens_no"]


def answer_cues(item: TaggedAnswer) -> dict[str, float]:
    """Every explicit cue of one answer (see the module docstring)."""
    tokens = item.tokens
    words, lower, lemma, pos, shapes, negated_flags = tokens.words, tokens.lower, tokens.lemma, tokens.pos, tokens.shape, tokens.negated
    kept = [k for k, fill in enumerate(tokens.filler) if not fill]
    n = max(len(kept), 1)
    lemmas = [lemma[k] for k in kept]
    negated = [k for k in kept if negated_flags[k]]
    attachment_words = sum(lemma in ATTACHMENT_LEMMAS for lemma in lemmas)
    label = leading_label(words)
    references = reference_numbers(tokens) | set(range(label))
    first = next((lower[k] for k in kept if k >= label), "")
    # Data files came with the whole response: they belong to an answer that points to an attachment.
    data_files = (item.facts.get("data_files") or []) if attachment_words else []
    cues: dict[str, float] = {
        "length": _log(n) / 6,
        "sentences": _log(len(_own_sentences(tokens, label))) if tokens.has_sents else 0.0,
        **_number_cues(tokens, n, references),
        "zeros": _log(sum(lower[k] in ZERO_WORDS for k in kept)),
        "attachment_words": _log(attachment_words),
        "data_files": _log(len(data_files)),
        # Figures given, wherever they sit: numbers in the text plus the cells of the data files it points to.
        "figures": _log(sum(shapes[k] == "NUM" and k not in references for k in kept) + sum(_cells(f) for f in data_files)),
        "file_words": _log(sum(lemma in FILE_LEMMAS for lemma in lemmas)),
        "attachments": _log(len(item.facts.get("attachments") or [])),
        "negations": _log(sum(lower[k] in NEGATION_CUES for k in kept)),
        "negated_share": len(negated) / n,
        "negated_holding": _log(sum(lemma[k] in HOLDING_LEMMAS for k in negated)),
        "negated_retrieval": _log(sum(lemma[k] in RETRIEVAL_LEMMAS for k in negated)),
        "negated_nouns": _log(sum(pos[k] in ("NOUN", "PROPN") for k in negated)),
        # "We made no referrals", "has not deployed": an event that did not happen, a zero rather than a gap.
        "negated_events": _log(sum(pos[k] == "VERB" and lemma[k] not in HOLDING_LEMMAS for k in negated)),
        "contrast": _log(sum(lemma in CONTRAST_LEMMAS for lemma in lemmas)),
        "questions_back": _log(sum(word == "?" for word in words)),
        "opens_yes": float(first == "yes"),
        "opens_no": float(first in ZERO_WORDS or first in ("no", "not")),
        **_sentence_cues(tokens, references, label, item.act),
    }
    cues["redirects*negated_holding"] = cues["redirects"] * cues["negated_holding"]
    cues["redirects*emails"] = cues["redirects"] * cues["emails"]
    cited = sections(item.exemptions, eir_exceptions(item.exemptions, tokens.text, item.act))
    for section in cited & TELLING_SECTIONS:
        cues[f"section={section}"] = 1.0
    cues["exemptions"] = _log(len(cited - {"12", "14", "ncnd"}))
    cues["ncnd_words"] = float(bool(_NCND_WORDS.search(tokens.text)))
    cues["cost_limit_words"] = float(bool(_COST_LIMIT.search(tokens.text)))
    for label, count in Counter(label for label, _, _ in tokens.ents).items():
        cues[f"entity={label}"] = _log(count)
    _question_cues(item, cues)
    return cues
