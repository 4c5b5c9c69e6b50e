"""Legal citations in FOI replies: which sections or regulations a body relies on.

A `Citation` is a small immutable value (act, section, subsections), normalised
so that "s.31(1)(a)", "Section 31 (1) (a)" and "section 31(1)(a) of the Act" are
equal. `find_citations` finds real citations only: a section number must sit in a
sentence that uses it (exempt, applies, withheld, under, by virtue of, cost
limit...), and it must belong to the FOI law rather than another Act ("section
54 of the Modern Slavery Act 2015"). `exemptions` keeps the grounds for refusal
in the most specific form cited; that is what the extract records list.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import total_ordering

FOIA = "FOIA 2000"
FOISA = "FOISA 2002"
EIR = "EIR 2004"
OTHER = "other"   # a section of some other Act, policy or document

# --- the law a reply is given under -------------------------------------------------

# The patterns below open with a lookahead on the characters every match starts with: `re` tries each
# alternative at every place of a text (under IGNORECASE it cannot skip ahead to a likely one), and the
# lookahead turns the other places away at once. A match starts with one of them, so the matches are the
# same: under IGNORECASE a class admits what its letters do as literals, and a case-sensitive one lists both cases.
_ACT_NAMES = [
    (FOISA, re.compile(r"(?=f)(?:Freedom\s+of\s+Information\s*\(\s*Scotland\s*\)\s*Act|\bFOI\s*\(S\)\s*A\b|\bFOISA\b)", re.I)),
    (EIR, re.compile(r"(?=E)(?:Environmental\s+Information\s*(?:\(Scotland\)\s*)?Regulations|\bEIRs?\b)")),
    (FOIA, re.compile(r"(?=f)(?:Freedom\s+of\s+Information\s+Act|\bFOIA\b|\bFOI\s+Act\b)", re.I)),
]
# "dealt with under", "considered under the EIR": which law the body says it answers under.
_HANDLED_UNDER = re.compile(
    r"(?=[dhcpart])(?:dealt\s+with|handled|considered|processed|answered|responded\s+to|respond|treated|request\s+for\s+information)"
    r"\s+(?:it\s+|this\s+|them\s+)?(?:under|in\s+accordance\s+with)\s+(?:the\s+(?:terms\s+of\s+the\s+)?)?",
    re.I,
)


def find_act(text: str) -> str | None:
    """The law the reply is given under: `FOIA 2000`, `FOISA 2002`, `EIR 2004`, or None.

    A law named right after "dealt with under"/"considered under" wins; otherwise
    the law named first, since letters state it near the top.
    """
    lower = text.lower()
    if "foi" not in lower and "freedom" not in lower and "eir" not in lower and "environmental" not in lower:
        return None  # every act name holds one of these words: nothing to search for
    for match in _HANDLED_UNDER.finditer(text) if "under" in lower or "accordance" in lower else ():
        following = text[match.end(): match.end() + 80]
        for act, pattern in _ACT_NAMES:
            if pattern.match(following):
                return act
    first: tuple[int, str] | None = None
    for act, pattern in _ACT_NAMES:
        found = pattern.search(text)
        if found and (first is None or found.start() < first[0]):
            first = (found.start(), act)
    return first[1] if first else None


def _act_of_name(name: str, default: str) -> str:
    """Which law a named instrument is ("the Act" is the reply's own law)."""
    for act, pattern in _ACT_NAMES:
        if pattern.search(name):
            return act
    if re.fullmatch(r"(?:the|this|that)\s+(?:Act|Regulations|legislation)", name.strip(), re.I):
        return default
    return OTHER


# --- the value object ----------------------------------------------------------------

# A subsection: a number ("(2)", "(2A)"), a letter or two ("(a)", "(aa)") or a roman numeral ("(iii)"); a word in
# brackets ("(cost)", "(law enforcement)") is the section's name, not a subsection.
_SUB = r"(?:\d{1,2}[A-Z]?|[a-z]{1,2}|[ivx]{1,5})"
_PART = re.compile(r"\(\s*(" + _SUB + r")\s*\)")


def _part_key(part: str) -> tuple[int, int, str]:
    """Sort key of one subsection: numbers numerically, letters and numerals in order."""
    if part[:1].isdigit():
        digits = re.match(r"\d+", part)
        return (0, int(digits.group()) if digits else 0, part)
    return (1, 0, part)


@total_ordering
@dataclass(frozen=True)
class Citation:
    """A cited section (FOIA/FOISA) or regulation (EIR) with its subsections."""

    act: str
    section: int
    subsections: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str, act: str | None = None) -> "Citation":
        """Parse one citation like "s.31(1)(a)", "section 40(2)" or "Regulation 12(4)(b)"."""
        match = _PARSE.fullmatch(text.strip())
        if not match:
            raise ValueError(f"not a citation: {text!r}")
        keyword = (match.group("kw") or "").lower()
        law = act or (EIR if keyword.startswith(("reg", "eir")) else FOIA)
        return cls(law, int(match.group("num")), tuple(_PART.findall(match.group("parts") or "")))

    def __str__(self) -> str:
        return f"{self.section}" + "".join(f"({p})" for p in self.subsections)

    def _key(self) -> tuple:
        return (self.act, self.section, tuple(_part_key(p) for p in self.subsections))

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Citation):
            return NotImplemented
        return self._key() < other._key()

    @property
    def is_exemption(self) -> bool:
        """True for grounds for refusal; procedural sections (1, 10, 16, 17...) are not."""
        if self.act == FOIA:
            return self.section in (12, 14) or 21 <= self.section <= 44
        if self.act == FOISA:
            return self.section in (12, 14) or 25 <= self.section <= 41
        if self.act == EIR:
            return self.section in (12, 13)
        return False

    def refines(self, other: "Citation") -> bool:
        """True when this is a more specific form of `other` (40(2) refines 40)."""
        return (
            self.act == other.act
            and self.section == other.section
            and len(self.subsections) > len(other.subsections)
            and self.subsections[: len(other.subsections)] == other.subsections
        )


_PARSE = re.compile(
    r"(?P<kw>sections?|ss?\.?|sec\.?|regulations?|regs?\.?|eirs?|§)?\s*(?P<num>\d{1,3})(?P<parts>(?:\s?\([0-9a-zA-Z]{1,5}\))*)",
    re.I,
)

# --- finding citations in running text ------------------------------------------------

_NUM = r"\d{1,3}(?!\d)(?![.,]\d)(?:\s?\(\s*" + _SUB + r"\s*\))*"
# A section's name in brackets after its number, as lists of sections give them: "sections 24(2) (national
# security) and 31(3) (law enforcement)".
_BRACKETED_NAME = r"\s*+\((?!\s*" + _SUB + r"\s*\))[^()\n]{2,80}\)"
_KEYWORD = (
    r"(?:(?<![\w'’])(?:[Ss]ections?|SECTIONS?|[Ss]ecs?\.?|[Ss]{1,2}\.|[Ss]{1,2}(?=\s?\d)|"
    r"[Rr]egulations?|REGULATIONS?|[Rr]egs?\.?|EIRs?|§)\s?)"
)
_BARE_CUE = r"(?:\b(?:exempt(?:ion)?s?|under|virtue\s+of|relying\s+on|rely\s+on|reliance\s+on|engaged?)\s+)"
_CONTINUATION = (
    r"(?:(?:" + _BRACKETED_NAME + r")?\s*+(?:,|;|and|or|&|to|,\s*and|,\s*or)\s*+(?:(?:sections?|ss?\.?|regulations?|regs?\.?)\s?)?"
    r"(?:" + _NUM + r"|(?:\(\s*" + _SUB + r"\s*\))+))"
)
_CITATION = re.compile(  # a keyword's or a cue's first character (see _ACT_NAMES)
    r"(?=[SsRrE§euv])(?:(?P<kw>" + _KEYWORD + r")|(?P<cue>" + _BARE_CUE + r")(?=\d{1,3}\s?\())"
    r"(?P<first>" + _NUM + r")(?P<rest>(?:" + _CONTINUATION + r"){0,40})",
)
_ITEM = re.compile(
    r"(?P<sep>,|;|\band\b|\bor\b|&|\bto\b)?\s*(?:(?:sections?|ss?\.?|regulations?|regs?\.?)\s?)?"
    r"(?P<num>\d{1,3})?(?P<parts>(?:\s?\(\s*" + _SUB + r"\s*\))*)",
    re.I,
)
_INSTRUMENT = r"(?:[A-Z][\w’'()-]*|\(Scotland\)|and|of|for|the|on|in|to|&)"
_OF_LAW_AFTER = re.compile(
    r"\s*+,?\s*+(?:of|to|in)\s+(?P<name>(?:the|this|that|our|your|its)\s+(?:" + _INSTRUMENT + r"\s+){0,9}?"
    r"(?:Act|Regulations|Policy|Plan|Strategy|Procedure|Code|Order|Rules|Guidance|Statement|document|report|"
    r"letter|request|guide|protocol|FOIA|EIRs?|FOISA|legislation)|FOIA|EIRs?|FOISA)\b"
)
_LAW_BEFORE = re.compile(
    r"(?P<name>(?:[A-Z][\w’'()-]*\s+)(?:" + _INSTRUMENT + r"\s+){0,8}?(?:Act|Regulations)(?:\s+\d{4})?|FOIA|EIRs?|FOISA)"
    r"\s*,?\s*(?:at\s+)?$"
)
_CUE = re.compile(
    r"exempt|exception|appl(?:y|ies|ied|ying)|rel(?:y|ies|ied|ying|iance)|engag|withh[eo]ld|withholding|redact|"
    r"refus|\bunder\b|virtue|pursuant|in\s+accordance\s+with|confirm\s+(?:n?or\s+)?deny|\bNCND\b|cost\s+limit|"
    r"appropriate\s+limit|exceed|public\s+interest|qualified|absolute|prejudice|vexatious|repeated|"
    r"provides\s+that|allows|removes|not\s+obliged|not\s+required|means\s+that",
    re.I,
)
_SENTENCE_END = re.compile(  # the ending's first character before the lookbehinds (see _ACT_NAMES)
    r"(?=[.!?\n])(?:(?<!\b[Ss])(?<!\b[Ss]{2})(?<!\bNo)(?<!\bno)(?<!\breg)(?<!\bpara)(?<!\bvs)(?<!\bSt)(?<!\be\.g)(?<!\bi\.e)"
    r"[.!?]+[\"”’)]*\s+(?=[A-Z\"“(])|\n\s*\n)"
)


_HEADING_DASH = re.compile(r"\s*[-–—:]\s")
_SENTENCE_REACH = 400


def _sentence(text: str, ends: list[int], start: int, end: int) -> str:
    """The sentence around text[start:end], given the sentence end offsets of `text`.

    A heading like "Section 40(2) - personal information." takes the next sentence
    too, which is where the body says what it did under that section. Run-on text
    without full stops is cut to a few hundred characters either side.
    """
    i = bisect.bisect_right(ends, start)
    left = max(ends[i - 1] if i else 0, start - _SENTENCE_REACH)
    j = bisect.bisect_left(ends, end)
    if _HEADING_DASH.match(text, end):
        j += 1
    right = min(ends[j] if j < len(ends) else len(text), end + _SENTENCE_REACH)
    return text[left:right]


def _parts(raw: str) -> tuple[str, ...]:
    return tuple(_PART.findall(raw))


def _kind(part: str) -> str:
    return "num" if part[:1].isdigit() else "alpha"


def _relative(parent: tuple[str, ...], parts: tuple[str, ...]) -> tuple[str, ...]:
    """Subsections of "(b)" in "31(1)(a) and (b)": replace the parent's last level of that kind."""
    for i in range(len(parent) - 1, -1, -1):
        if _kind(parent[i]) == _kind(parts[0]):
            return parent[:i] + parts
    return parent + parts


def _numbers(match: re.Match[str]) -> list[tuple[int, tuple[str, ...]]]:
    """(section, subsections) for every item of a cited list like "31(1)(a) and (b)"."""
    items: list[tuple[int, tuple[str, ...]]] = []
    first = re.match(r"\d+", match.group("first"))
    assert first is not None
    items.append((int(first.group()), _parts(match.group("first"))))
    plural = bool(re.match(r"(?i)(sections|ss|regulations|regs)", (match.group("kw") or "").strip()))
    for item in _ITEM.finditer(re.sub(_BRACKETED_NAME, " ", match.group("rest"))):
        if not item.group(0).strip():
            continue
        parts = _parts(item.group("parts") or "")
        if item.group("num"):
            if not parts and not plural and "section" not in item.group(0).lower() and not re.search(
                r"(?i)\bs{1,2}\.?\s?\d|reg", item.group(0)
            ):
                break  # "section 12 and 20 working days": a bare number is not a section
            items.append((int(item.group("num")), parts))
        elif parts and items:
            section, parent = items[-1]
            items.append((section, _relative(parent, parts)))
    return items


def _law(text: str, match: re.Match[str], default: str) -> str:
    """The law a cited section belongs to, from "of the X Act" after it or "X Act" before it."""
    after = _OF_LAW_AFTER.match(text, match.end())
    if after:
        return _act_of_name(after.group("name"), default)
    before = _LAW_BEFORE.search(text, max(0, match.start() - 120), match.start())
    if before:
        return _act_of_name(before.group("name"), default)
    keyword = (match.group("kw") or "").strip().lower()
    if keyword.startswith(("reg", "eir")):
        return EIR
    return default


def find_citations(text: str, act: str | None = None) -> list[Citation]:
    """Real citations in `text`, in order of appearance (duplicates kept).

    `act` is the law the reply is given under (default: the one `text` names, else
    FOIA); "the Act" means it. Sections of other Acts, years, page numbers and
    passing mentions without a word that uses the section are left out.
    """
    found: list[Citation] = []
    default, ends = "", []
    for match in _CITATION.finditer(text):
        if not default:  # worked out at the first candidate: most answers cite nothing
            default = act or find_act(text) or FOIA
            ends = [m.start() for m in _SENTENCE_END.finditer(text)]
        law = _law(text, match, default)
        if law == OTHER:
            continue
        if not _CUE.search(_sentence(text, ends, match.start(), match.end())):
            continue
        found.extend(Citation(law, section, parts) for section, parts in _numbers(match))
    return found


def exemptions(text: str, act: str | None = None) -> list[str]:
    """Grounds for refusal cited in `text`, normalised, most specific form, sorted and unique."""
    cited = {c for c in find_citations(text, act) if c.is_exemption}
    specific = [c for c in cited if not any(other.refines(c) for other in cited)]
    return sorted({str(c) for c in sorted(specific)}, key=lambda s: Citation.parse(s)._key())
