"""HTML pages as a person sees them: saved disclosure-log pages (see pipeline/read/html.py)."""
from __future__ import annotations

from pipeline.read import html_text, read_bytes


def lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def test_closed_accordion_panels_of_a_saved_page_are_content() -> None:
    # "Save page as... Web page, complete" keeps the live page: closed panels carry display:none,
    # aria-hidden or hidden="until-found", yet the reader opens them to read the answers.
    page = ("<body><main><h1>Allotment waiting lists</h1>"
            "<button aria-controls='sec-a' aria-expanded='true'>Q1 How long is the list?</button>"
            "<div id='sec-a'><p>There are 340 people waiting.</p></div>"
            "<button aria-controls='sec-b other' aria-expanded='false'>Q2 How many plots are vacant?</button>"
            "<div id='sec-b' style='display: none' aria-hidden='true'><p>Eleven plots are vacant.</p></div>"
            "<h3 role='tab'>Q3 What is the rent?</h3>"
            "<div role='tabpanel' hidden><p>The rent is 40 pounds a year.</p></div>"
            "<div hidden='until-found'><p>Rents were last raised in 2021.</p></div>"
            "<div style='display:none'>Your session is about to expire.</div>"
            "<p aria-hidden='true'>Decorative flourish</p></main></body>")
    assert lines(html_text(page)) == [
        "Allotment waiting lists", "Q1 How long is the list?", "There are 340 people waiting.",
        "Q2 How many plots are vacant?", "Eleven plots are vacant.", "Q3 What is the rent?",
        "The rent is 40 pounds a year.", "Rents were last raised in 2021."]


def test_a_sections_own_header_and_footer_are_content() -> None:
    # Only a header/footer outside article, aside, main, nav and section is the site's banner or footer.
    page = ("<body><header><a href='/'>Coastal Ferries Authority</a></header>"
            "<div class='wrap'><section><header><h1>Request 77: crossing cancellations</h1>"
            "<p>Answered 3 May 2023</p></header><p>There were 19 cancellations.</p>"
            "<footer><p>Filed under Operations</p></footer></section>"
            "<div role='region'><footer>Region note</footer></div></div>"
            "<footer><p>Coastal Ferries Authority, Quay Road</p></footer></body>")
    document = read_bytes("page.html", page.encode())
    assert lines(document.text) == ["Request 77: crossing cancellations", "Answered 3 May 2023",
                                    "There were 19 cancellations.", "Filed under Operations", "Region note"]
    assert document.headers == {"Footer": "Coastal Ferries Authority, Quay Road"}


def test_a_page_is_read_in_the_charset_it_declares() -> None:
    # Bytes that are not UTF-8 were read as Windows-1252 whatever the page said: a Central European
    # page's Ł (0xA3 in Windows-1250) came out as £, and ISO-8859-15's euro (0xA4) as ¤.
    polish = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1250'></head>"
              "<body><p>Urząd Miasta Łodzi: 12 wniosków</p></body></html>").encode("cp1250")
    assert read_bytes("strona.html", polish).text == "Urząd Miasta Łodzi: 12 wniosków"
    euro = "<meta charset=\"ISO-8859-15\"><p>Fees came to €2,300.</p>".encode("iso8859-15")
    assert read_bytes("fees.htm", euro).text == "Fees came to €2,300."
    # A page whose bytes are UTF-8 is UTF-8 (its server said so), and Latin-1 is read as a browser does.
    utf8 = "<meta charset='iso-8859-2'><p>Zażółć — 5</p>".encode()
    assert read_bytes("utf8.html", utf8).text == "Zażółć — 5"
    latin = "<meta charset='iso-8859-1'><p>It’s £5</p>".encode("cp1252")
    assert read_bytes("latin.html", latin).text == "It’s £5"


def test_list_counters_follow_an_inline_list_style() -> None:
    # Rich-text editors letter a list with style="list-style-type: lower-alpha", not type="a";
    # a browser draws a., b. (and nothing for list-style: none), so the answers are (a), (b).
    page = ("<p>For each depot:</p><ol style='margin-left:2em; list-style-type: upper-roman'>"
            "<li>opening hours</li><li>staff numbers</li></ol>"
            "<ol style='list-style: lower-latin inside'><li>8am to 6pm.</li><li style='list-style-type:none'>"
            "(see table)</li><li>Fourteen.</li></ol>"
            "<ul style='list-style:none;padding:0'><li>Fleet Services</li></ul><ul><li>Depots</li></ul>")
    assert lines(html_text(page)) == ["For each depot:", "I. opening hours", "II. staff numbers",
                                      "a. 8am to 6pm.", "(see table)", "c. Fourteen.", "Fleet Services", "• Depots"]


def test_screen_reader_only_text_is_not_what_the_page_shows() -> None:
    # Design systems hide labels for screen readers with a class, not with hidden or display:none.
    page = ("<html><body><main><h2 class='govuk-visually-hidden'>Print or save</h2>"
            "<p>The depot employs 23 drivers<span class='sr-only'> (opens in a new tab)</span>.</p>"
            "<p><span class='screen-reader-text'>Posted on</span> 4 June 2022</p>"
            "<p class='nhsuk-u-visually-hidden'>End of answer</p><p class='visuallyhidden-toggle'>Shown</p></main>"
            "<footer><h2 class='visually-hidden'>Footer links</h2><p>Harbour Board, Pier Street</p>"
            "<script>track('footer')</script></footer></body></html>")
    document = read_bytes("page.html", page.encode())
    assert lines(document.text) == ["The depot employs 23 drivers.", "4 June 2022", "Shown"]
    assert document.headers == {"Footer": "Harbour Board, Pier Street"}


def test_a_list_items_paragraph_sits_beside_its_number() -> None:
    # Editors wrap each item's text in <p> (<li><p>...</p></li>): a browser draws "2. text" on one
    # line, where the reader put the number alone on a line and the text under it.
    page = ("<ol start='2'><li>\n <p>Which routes are subsidised?</p>\n</li>"
            "<li><div><p>&nbsp;</p><p>Two routes.</p><p>Both run hourly.</p></div></li><li></li></ol>"
            "<ul><li><p>Route 7</p></li></ul>")
    assert lines(html_text(page)) == ["2. Which routes are subsidised?", "3. Two routes.", "Both run hourly.",
                                      "4.", "• Route 7"]
