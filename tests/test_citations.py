"""Citations: parsing, normalising, telling real citations from passing mentions."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pipeline.extract.citations import EIR, FOIA, FOISA, Citation, exemptions, find_act, find_citations

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.mark.parametrize(
    "raw, expected",
    [("s.31(1)(a)", "31(1)(a)"), ("Section 40 (2)", "40(2)"), ("s12", "12"), ("sections 43(2)", "43(2)"),
     ("Regulation 12(5)(b)", "12(5)(b)"), ("40(3)(a)(i)", "40(3)(a)(i)")],
)
def test_parse_normalises(raw: str, expected: str) -> None:
    assert str(Citation.parse(raw)) == expected


def test_parse_knows_regulations_are_eir_and_rejects_prose() -> None:
    assert Citation.parse("reg. 12(4)(a)").act == EIR
    assert Citation.parse("s.30(b)(i)", act=FOISA) == Citation(FOISA, 30, ("b", "i"))
    with pytest.raises(ValueError):
        Citation.parse("the cost limit")


def test_value_semantics() -> None:
    a, b = Citation.parse("31(1)(a)"), Citation.parse("section 31(1)(a)")
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    ordered = sorted(Citation.parse(s) for s in ["40(2)", "31(10)", "31(2)", "12", "31(1)(b)", "31(1)(a)"])
    assert [str(c) for c in ordered] == ["12", "31(1)(a)", "31(1)(b)", "31(2)", "31(10)", "40(2)"]
    with pytest.raises(AttributeError):
        a.section = 32  # type: ignore[misc]


@pytest.mark.parametrize(
    "citation, exemption",
    [(Citation(FOIA, 12), True), (Citation(FOIA, 14, ("1",)), True), (Citation(FOIA, 21), True),
     (Citation(FOIA, 44), True), (Citation(FOIA, 1, ("3",)), False), (Citation(FOIA, 17, ("5",)), False),
     (Citation(FOIA, 16), False), (Citation(FOIA, 45), False), (Citation(EIR, 12, ("5", "a")), True),
     (Citation(EIR, 13), True), (Citation(EIR, 9), False), (Citation(FOISA, 25), True), (Citation(FOISA, 21), False)],
)
def test_is_exemption(citation: Citation, exemption: bool) -> None:
    assert citation.is_exemption is exemption


@pytest.mark.parametrize(
    "text, expected",
    [
        ("We are withholding the invoices under section 43(2) of the Act.", ["43(2)"]),
        ("The plan is exempt under Section 31(1)(a) and (b) of the Freedom of Information Act.", ["31(1)(a)", "31(1)(b)"]),
        ("The Trust is relying on sections 30 and 31 to withhold the report.", ["30", "31"]),
        ("The names are exempt under 40(2), as they are personal data.", ["40(2)"]),
        ("We estimate that this would exceed the cost limit set by s12.", ["12"]),
        ("Regulation 12(4)(b) applies because the request is manifestly unreasonable.", ["12(4)(b)"]),
        ("Section 40(2) is engaged, and we also rely on section 40 more generally.", ["40(2)"]),
        ("We neither confirm nor deny holding it, by virtue of sections 23(5), 24(2) and 31(3).", ["23(5)", "24(2)", "31(3)"]),
        ("Section 41(1) - information provided in confidence. We have redacted the supplier's prices.", ["41(1)"]),
    ],
)
def test_exemptions_found(text: str, expected: list[str]) -> None:
    assert exemptions(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Section 1 of the Act requires us to tell you whether we hold information.",
        "You can read about section 21 on the ICO website.",
        "In 2010 the Council recorded 2015 complaints.",
        "Our duties are set out in the Modern Slavery Act 2015 section 54, which we follow.",
        "Officers used powers under section 60 of the Criminal Justice and Public Order Act 1994.",
        "Guidance is in section 6.4 of the safeguarding policy, which applies to all staff.",
        "This letter is a refusal notice under section 17 of the Act.",
        "Section 7 of the Safeguarding Policy applies to all contractors.",
    ],
)
def test_passing_mentions_years_and_other_acts_are_not_exemptions(text: str) -> None:
    assert exemptions(text) == []


def test_find_citations_keeps_procedural_citations_but_not_mentions() -> None:
    found = find_citations("We have refused it under section 17(5) and section 14(1) applies.")
    assert [str(c) for c in found] == ["17(5)", "14(1)"]
    assert find_citations("See page 12, paragraph 31, for a summary.") == []


def test_other_acts_sections_are_tracked() -> None:
    text = "Section 40 of the Data Protection Act 2018 applies, and section 40(2) of the FOIA is engaged."
    assert [(c.act, str(c)) for c in find_citations(text)] == [(FOIA, "40(2)")]


@pytest.mark.parametrize(
    "text, act",
    [
        ("Your request has been dealt with under the Freedom of Information Act 2000.", FOIA),
        ("We have handled your request under the Freedom of Information (Scotland) Act 2002 (FOISA).", FOISA),
        ("As your request is for environmental information, we have considered it under the Environmental "
         "Information Regulations 2004 rather than the Freedom of Information Act.", EIR),
        ("Thank you for your email about bin collections.", None),
    ],
)
def test_find_act(text: str, act: str | None) -> None:
    assert find_act(text) == act


@pytest.mark.parametrize(
    "text, act",
    [
        ("Under the FOIA we looked again. This was TREATED UNDER THE FREEDOM OF INFORMATION (SCOTLAND) ACT.", FOISA),
        ("The EIRs were named first; then it was Processed in accordance with the terms of the FOI Act.", FOIA),
        ("A reply under the foi act, with a RESPONSE under no law at all.", FOIA),
        ("Handled under the Environmental Information Regulations, not the FOISA.", EIR),
        ("Respond under the EIR.", EIR),
    ],
)
def test_find_act_wording_in_any_case(text: str, act: str) -> None:
    # The patterns look only where a match's first character stands (in either case under IGNORECASE):
    # the law after "handled under" still wins over the one named first, whatever the case.
    assert find_act(text) == act


@pytest.mark.parametrize(
    "text, expected",
    [
        ("We rely on s. 40(2). Section 43(2) is engaged too.", ["40(2)", "43(2)"]),
        ("Is section 31(1)(a) engaged? Yes! It applies, e.g. Section 30 does not apply here.", ["30", "31(1)(a)"]),
        ("Section 38 - health and safety\n\nWe have withheld the names under it.", ["38"]),
        ("Regs. 12(4)(b) and REGULATIONS 13 apply; the EIR 12(5)(a) exception is engaged.", ["12(4)(b)", "12(5)(a)", "13"]),
        ("Information is exempt under 43(2), and we rely on § 41.", ["41", "43(2)"]),
    ],
)
def test_citations_wherever_the_keyword_and_sentence_end(text: str, expected: list[str]) -> None:
    # A citation is looked for only where a keyword's or a cue's first character stands, and a sentence's
    # end only where its punctuation or a blank line does: keywords of every form, ends of every kind.
    assert exemptions(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The report is exempt under sections 36(2)(c) (conduct of public affairs) and 42(1) (legal privilege).",
         ["36(2)(c)", "42(1)"]),
        ("We have applied ss. 38 (endangering health and safety), 41 (confidence) and 44 (prohibitions).",
         ["38", "41", "44"]),
        ("Regulations 12(5)(e) (commercial confidentiality) and 13 (personal data) are engaged.", ["12(5)(e)", "13"]),
        ("The request is refused under section 12 (cost) as it exceeds the limit.", ["12"]),
    ],
)
def test_a_section_named_in_brackets_keeps_the_list_going(text: str, expected: list[str]) -> None:
    # A list of sections may give each one's name in brackets; the name is neither the end of the list
    # nor a subsection ("(cost)" is no "(c)").
    assert exemptions(text) == expected


def exemption_agreement() -> tuple[int, int]:
    """(answers whose exemption set equals the gold set, answers located) over the whole corpus."""
    from pipeline.extract.cleaning import clean
    from pipeline.goldlabels import load_labels, locate
    from pipeline.read import read_path

    gold = load_labels(CORPUS / "labels.jsonl") + load_labels(
        CORPUS / "roundrobin" / "labels.jsonl", CORPUS / "roundrobin" / "responses"
    )
    agree = total = 0
    for document in gold:
        read = read_path(document.path, document.doc)
        locate(document, clean(read.text, read.fmt))
        for answer in document.answers:
            if answer.text is not None:
                total += 1
                agree += set(exemptions(answer.text)) == set(answer.exemptions)
    return agree, total


def test_exemption_agreement_on_corpus() -> None:
    agree, total = exemption_agreement()
    assert total > 300
    assert agree / total >= 0.97, f"{agree}/{total}"


if __name__ == "__main__":
    agree, total = exemption_agreement()
    print(f"exemptions: {agree}/{total} answers exact set match ({agree / total:.1%})")
    sys.exit(0)
