"""Cleaning PDF-derived text: reflow, furniture, broken URLs and words, normalisation."""
from __future__ import annotations

from pipeline.extract.cleaning import clean, join_lines, looks_like_pdf_text
from pipeline.goldlabels import words
from pipeline.extract.wordsplit import Vocabulary, rejoin_split_words

LETTER = """Fenbury Water Board
Customer Information Office

Dear Mr Okafor

Thank you for your email about leakage, which we received on 2 March. We have
dealt with it under the Environmental Information Regulations 2004 and set out
each of your questions below together with our answer.

1. How many litres of treated water were lost through leaks in each of the
last two years?

In 2022/23 we lost an estimated 41.2 million litres a day, and in 2023/24 the
figure fell to 38.9 million litres a day after the mains renewal programme in
the northern district was completed.

Page 1 of 2

OFFICIAL

2. Please send me your leakage reduction plan.

The plan is published at https://www.fenbury-water.example/about-us/leakage-
reduction-plan-2024.pdf and is reviewed every year by the board.
"""


def test_pdf_letter_is_reflowed_into_paragraphs() -> None:
    text = clean(LETTER, "pdf")
    lines = text.split("\n")
    assert any(line.startswith("Thank you for your email about leakage") and line.endswith("together with our answer.") for line in lines)
    assert "1. How many litres of treated water were lost through leaks in each of the last two years?" in lines


def test_numbered_questions_and_headings_keep_their_own_lines() -> None:
    lines = clean(LETTER, "pdf").split("\n")
    assert "Fenbury Water Board" in lines and "Customer Information Office" in lines
    assert "2. Please send me your leakage reduction plan." in lines


def test_page_numbers_and_protective_markings_are_dropped_mid_answer() -> None:
    text = clean(LETTER, "pdf")
    assert "Page 1 of 2" not in text and "OFFICIAL" not in text


def test_url_broken_after_a_hyphen_is_rejoined() -> None:
    assert "https://www.fenbury-water.example/about-us/leakage-reduction-plan-2024.pdf" in clean(LETTER, "pdf")


def test_words_are_unchanged_by_cleaning() -> None:
    without_furniture = LETTER.replace("Page 1 of 2", "").replace("OFFICIAL", "")
    assert words(clean(LETTER, "pdf")) == words(without_furniture)


def test_footer_with_reference_and_page_number_is_dropped() -> None:
    text = "Our answer continues here and runs on\nFOI ref: 4471 Page 2 of 3\ninto the next page without a break.\n"
    assert clean(text, "pdf").strip() == "Our answer continues here and runs on into the next page without a break."


def test_letterhead_repeated_at_page_tops_is_dropped_using_page_breaks() -> None:
    page = "Harbridge Borough Council | Information Governance\n{}\nPage {} of 3"
    body = ["The first page says the council holds some of the data.", "The second page explains what is withheld.", "The third page closes."]
    text = "\f".join(page.format(line, i + 1) for i, line in enumerate(body))
    cleaned = clean(text, "pdf")
    assert "Harbridge Borough Council" not in cleaned
    assert all(line in cleaned for line in body)


def test_double_spaced_extraction_is_undoubled() -> None:
    lines = ["Line one of a paragraph that was wrapped by the PDF", "", "extractor and goes on to a second line.", "", " ", "",
             "A new paragraph starts here after a run of blank lines", "", "and it ends on this line."] * 3
    text = clean("\n".join(lines), "txt")
    assert "Line one of a paragraph that was wrapped by the PDF extractor and goes on to a second line." in text.split("\n")


def test_txt_with_pdf_signs_is_treated_as_pdf_text_but_a_tidy_email_is_not() -> None:
    assert looks_like_pdf_text("Some text\nPage 1 of 4\nmore", "txt")
    assert not looks_like_pdf_text("Hello,\n\nThanks for asking. The answer is yes.\n\nRegards", "txt")
    assert not looks_like_pdf_text("Page 1 of 4", "html")


def test_words_split_inside_a_line_are_rejoined_only_when_one_part_is_no_word() -> None:
    line = "the team was spec ialised in Trans fer of records, in formation and a ward"
    fixed = rejoin_split_words(line, Vocabulary.of([line, "information ward award"]))
    assert "specialised" in fixed and "Transfer" in fixed
    assert "in formation" in fixed and "a ward" in fixed


def test_line_end_hyphens_are_kept_for_compounds_and_removed_inside_words() -> None:
    vocabulary = Vocabulary.of(["anti-social behaviour", "the procedure"])
    assert join_lines("tackling anti-", "social behaviour", vocabulary) == "tackling anti-social behaviour"
    assert join_lines("the agreed proce-", "dure applies", vocabulary) == "the agreed procedure applies"


def test_quotes_and_spaces_are_normalised() -> None:
    cleaned = clean("The Trust\u2019s \u201cplan\u201d\u00a0is\u200b here.", "docx")
    assert cleaned.strip() == "The Trust's \"plan\" is here."


def test_html_inline_breaks_are_joined() -> None:
    text = "The report\nAnnual Leakage Review (PDF)\n is published here\n. It was updated in May."
    assert clean(text, "html").strip() == "The report\nAnnual Leakage Review (PDF) is published here. It was updated in May."


def test_letterhead_block_repeated_line_for_line_at_page_tops_is_dropped_even_one_word_lines() -> None:
    head = "OFFICIAL\nFenbury Water Board\ncustomer.information@fenbury-water.example\n"
    text = (head + "1. How many leaks were repaired?\nWe repaired 1,204 leaks in 2023 and the work\nPage 1 of 2\n\f"
            + head + "continued into the spring.\nPage 2 of 2\n")
    cleaned = clean(text, "pdf")
    assert "fenbury-water.example" not in cleaned and "Fenbury Water Board" not in cleaned
    assert "We repaired 1,204 leaks in 2023 and the work continued into the spring." in cleaned


def test_a_reference_like_a_fraction_is_not_a_page_number() -> None:
    text = "Reference\n\n003982/24\n\nDate of response\n\n21 March 2024\n"
    assert "003982/24" in clean(text, "html")
    assert "2/3" not in clean("The answer starts here.\n2/3\nAnd goes on.\n", "pdf")


def test_financial_years_in_a_table_are_kept_but_a_page_counter_running_to_the_same_total_is_dropped() -> None:
    table = "Season\nPermits issued\n\n12/13\n310\n\n13/14\n295\n\n14/15\n342\n"
    cleaned = clean(table, "html")
    assert all(year in cleaned.split() for year in ("12/13", "13/14", "14/15"))
    paragraphs = ["The review found the original decision sound.", "Section 40(2) still applies to the names.",
                  "You may now complain to the Commissioner."]
    letter = "\n".join(f"{text}\n{n}/14" for n, text in zip(range(12, 15), paragraphs))
    cleaned = clean(letter, "pdf")
    assert "13/14" not in cleaned.split() and all(text in cleaned for text in paragraphs)


def test_lone_numbers_of_a_table_are_kept_but_lone_page_numbers_a_page_apart_are_dropped() -> None:
    table = "3. How many hives did the council inspect?\nSeason Hives\n2021\n1\n2022\n2\n2023\n3\nFigures as at 1 June.\n"
    assert clean(table, "pdf").split("\n")[2:8] == ["2021", "1", "2022", "2", "2023", "3"]
    page = "\n".join(f"Line {k} of the decision sets out the reasons at some length, line by line." for k in range(14))
    letter = f"{page}\n1\n{page.replace('decision', 'review')}\n2\nEnd of the letter.\n"
    assert "\n1\n" not in clean(letter, "pdf") and "\n2\n" not in clean(letter, "pdf")


def test_a_lone_number_padded_with_control_characters_is_read_not_a_crash() -> None:
    """A text extractor may leave ASCII separators (\x1c-\x1f, which the regex counts as space) round a page's
    number: the page counter is still read (str.strip knows them, int() does not)."""
    page = "\n".join(f"Clause {k} of the lease sets out the tenant's duties at some length, clause by clause." for k in range(14))
    letter = f"{page}\n\x1c1\x1f\n{page.replace('lease', 'licence')}\n\x1d2\nEnd of the letter.\n"
    cleaned = clean(letter, "pdf")
    assert "End of the letter." in cleaned and "\x1c1" not in cleaned and "\n2\n" not in cleaned


def test_paginated_text_loses_a_header_repeated_at_its_top_and_after_a_page_number() -> None:
    header = "KESTREL VALE POLICE                          NOT PROTECTIVELY MARKED"
    body = "\n".join(f"Line {i} of the answer explains the position in some detail and goes on" for i in range(12))
    text = f"{header}\n\n{body}\n\nKVP/FOI/88                     Page 1 of 2\n{header}\n\nThe rest of the answer.\n"
    cleaned = clean(text, "txt")
    assert "KESTREL VALE POLICE" not in cleaned and "The rest of the answer." in cleaned


def test_a_line_ending_mid_sentence_runs_on_into_a_question_reference() -> None:
    text = ("The public interest in accountability is met by the figures given in answer to\n"
            "Question 3 and by the force's published performance data. The exemption is maintained.\n")
    assert clean(text, "pdf").strip() == " ".join(text.split())


def test_url_broken_after_a_character_no_url_ends_with_is_rejoined() -> None:
    assert join_lines("See https://www.fenbury-water.example/search?area=", "north for details") == (
        "See https://www.fenbury-water.example/search?area=north for details")
    assert join_lines("See https://www.fenbury-water.example/plans/leakage_", "plan for the plan.") == (
        "See https://www.fenbury-water.example/plans/leakage_plan for the plan.")
    assert join_lines("See https://www.fenbury-water.example/plans/", "and the notes.") == (
        "See https://www.fenbury-water.example/plans/ and the notes.")


def test_only_a_link_at_the_end_of_a_paragraph_so_far_joins_without_a_space() -> None:
    # The link is looked for in the paragraph's last word only, and a broken word's hyphen at its very end:
    # a link or a hyphen earlier in the paragraph, or whitespace after the link, changes nothing.
    paragraph = "Our policy is at www.pendle-vale.example.gov.uk/policies and the older one at https://archive.example.org/"
    assert join_lines(paragraph, "2019/policy.pdf") == paragraph + "2019/policy.pdf"
    assert join_lines(paragraph + " \u00a0\t", "2019/policy.pdf") == paragraph + "2019/policy.pdf"
    assert join_lines(paragraph + " below", "2019/policy.pdf") == paragraph + " below 2019/policy.pdf"
    assert join_lines("See council.GOV.UK/foi-", "requests") == "See council.GOV.UK/foi-requests"
    assert join_lines("See the co-operative", "scheme") == "See the co-operative scheme"
    assert join_lines("A well-known, long-standing prac-", "tice") == "A well-known, long-standing prac-tice"
    assert join_lines("A long-standing 2019-", "tice") == "A long-standing 2019- tice"
    assert join_lines("", "Next line") == " Next line"


def test_a_second_level_bullet_in_pdf_text_starts_a_line_of_its_own() -> None:
    # Word's sub-bullets come out of a PDF as "o " at a line's start: an answer under its question's bullet,
    # not the wrapped end of the question. A capital "O" opening a sentence is no bullet.
    text = ("Page 1 of 1\n\u2022 Libraries that have reduced their opening hours since\n2022\n"
            "o Six libraries, all in rural areas\nO level results are not held.\n")
    cleaned = clean(text, "pdf")
    assert "since 2022\no Six libraries, all in rural areas" in cleaned


def test_a_copyright_footer_is_no_part_of_the_last_answer_but_copyright_prose_stays() -> None:
    page = ("Q3. How many ferries did the board charter in 2021?\n\nThe board chartered two ferries.\n\n"
            "© 2022 Westmere Harbour Board. All rights reserved.\nCopyright 2021 Westmere Harbour Board\n"
            "Crown copyright\n\nCopyright in the information supplied remains with the board.\n"
            "(c) The number of crossings made.\n")
    for fmt in ("html", "txt", "pdf"):
        text = clean(page, fmt)
        assert "All rights reserved" not in text and "Copyright 2021" not in text and "Crown copyright" not in text, fmt
        assert "The board chartered two ferries." in text and "remains with the board" in text, fmt
        assert "(c) The number of crossings made." in text, fmt
