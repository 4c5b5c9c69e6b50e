"""HTML pages: the visible content as text, without page chrome.

Published responses are often web pages; their menus, cookie banners, footers and
hidden elements are dropped (the title and site footer are kept as headers), block
elements start new lines and list items keep the numbers a browser would draw.
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Callable

from ..documents import Document
from .counters import format_number, int_or
from .limits import Limits
from .text import decode_text

_DROP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "canvas", "iframe", "object",
                        "embed", "head", "title", "meta", "link", "button", "select", "input", "textarea",
                        "nav", "dialog"})
_CHROME_TAGS = frozenset({"header", "footer", "aside"})
_CHROME_ROLES = frozenset({"navigation", "search", "banner", "contentinfo", "menu", "menubar", "dialog", "alertdialog"})
_CHROME_WORDS = frozenset({"cookie", "cookies", "consent", "gdpr", "breadcrumb", "breadcrumbs", "menu", "navbar",
                           "nav", "navigation", "skip", "skiplink", "search", "searchbox", "sidebar", "share",
                           "social", "masthead", "banner"})
_NEVER_CHROME = frozenset({"html", "body", "main", "article"})
# A <header>/<footer> inside these is the section's own (its title, date, reference), not the site's
# banner or footer: HTML-AAM maps it to banner/contentinfo only outside them.
_SECTIONING = frozenset({"article", "aside", "main", "nav", "section"})
_SECTIONING_ROLES = frozenset({"article", "complementary", "main", "navigation", "region"})
_BLOCKS = frozenset({"address", "article", "blockquote", "dd", "details", "div", "dl", "dt", "fieldset",
                     "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer",
                     "hr", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead",
                     "tfoot", "tr", "ul", "caption", "center"})
_PARAGRAPHS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ol", "ul", "blockquote", "pre", "dl"})
_WORD_SPLIT = re.compile(r"[^a-z]+")
_SCREEN_READER_ONLY = re.compile(r"(?:^|[-_])(?:sr-only|visually-?hidden|screen-?reader-(?:text|only)|element-invisible)$",
                                re.IGNORECASE)
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)|<\?xml[^>]*?encoding\s*=\s*["']([a-z0-9_.:-]+)""",
                               re.IGNORECASE)
# Labels a browser reads as another encoding (the WHATWG Encoding Standard): Latin-1 and ASCII pages are
# read as Windows-1252, which decode_text already does for any page not in UTF-8.
_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                    "l1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252", "iso-8859-9": "cp1254",
                    "iso-8859-11": "cp874", "tis-620": "cp874", "gb2312": "gbk", "x-sjis": "shift_jis"}


def _marks_chrome(tag) -> bool:
    """Whether id/class/role/aria-label say this element is page chrome, not content."""
    if tag.name in _NEVER_CHROME:
        return False
    if (tag.get("role") or "").lower() in _CHROME_ROLES:
        return True
    labels = " ".join([tag.get("id") or "", " ".join(tag.get("class") or []), tag.get("aria-label") or ""])
    words = set(_WORD_SPLIT.split(re.sub(r"([a-z])([A-Z])", r"\1 \2", labels).lower()))
    return bool(words & _CHROME_WORDS)


def _hidden(tag) -> bool:
    """Not drawn: hidden, display:none, aria-hidden, or a screen-reader-only class (GOV.UK's, NHS's,
    Bootstrap's, WordPress's, Drupal's), whose words ("Share this page", "Support links") a reader never sees."""
    style = (tag.get("style") or "").replace(" ", "").lower()
    return (tag.has_attr("hidden") or "display:none" in style or (tag.get("aria-hidden") or "").lower() == "true"
            or any(_SCREEN_READER_ONLY.search(name) for name in tag.get("class") or []))


def _controlled_ids(soup) -> set[str]:
    """Ids of elements a control on the page shows and hides (aria-controls, a tab's panel)."""
    return {name for tag in soup.find_all(attrs={"aria-controls": True}) for name in tag["aria-controls"].split()}


def _collapsed_panel(tag, controlled: set[str]) -> bool:
    """A closed accordion or tab panel: hidden only until the reader opens it. A page saved from the
    browser ("Web page, complete") keeps the closed panels' display:none / aria-hidden / hidden, and
    they hold the answers, so they are content (as a closed <details> is)."""
    return ((tag.get("hidden") or "").lower() == "until-found" or (tag.get("role") or "").lower() == "tabpanel"
            or (tag.get("id") or "") in controlled)


def _in_section(tag) -> bool:
    """Whether the element sits inside sectioning content or a landmark, so is that part's own."""
    return tag.find_parent(lambda p: p.name in _SECTIONING or (p.get("role") or "").lower() in _SECTIONING_ROLES) is not None


def _panel_toggle(tag) -> bool:
    """An accordion's heading button (Bootstrap's, or GOV.UK's once its script ran): its text is
    the question the panel under it answers."""
    return tag.name == "button" and tag.has_attr("aria-controls")


def _chrome_tag(tag) -> bool:
    """A sidebar outside the article, or the site's own header or footer."""
    if tag.name == "aside":
        return tag.find_parent(["article", "main"]) is None
    return tag.name in _CHROME_TAGS and not _in_section(tag)


def _chrome_elements(soup) -> list:
    """Elements to drop: never-visible tags, plus chrome that does not hold most of the page.

    The share test keeps a page whose whole content sits in, say, a <div class="menu-page">.
    """
    total = len(soup.get_text())
    controlled = _controlled_ids(soup)
    drop = []
    for tag in soup.find_all(True):
        if (tag.name in _DROP_TAGS and not _panel_toggle(tag)) or (_hidden(tag) and not _collapsed_panel(tag, controlled)):
            drop.append(tag)
        elif _chrome_tag(tag) or _marks_chrome(tag):
            if len(tag.get_text()) <= total / 2:
                drop.append(tag)
    return drop


def _list_label(tag, counters: dict[int, int]) -> str:
    """The number or bullet a browser shows before an <li>: its list's type, or the list-style an
    editor wrote on the list or item (TinyMCE and CKEditor letter sub-questions that way)."""
    parent = tag.parent
    if parent is None or parent.name not in ("ol", "ul"):
        return ""
    fmt = _css_list_format(tag) or (_OL_TYPES.get(parent.get("type") or "1", "decimal") if parent.name == "ol"
                                    else "bullet")
    key = id(parent)
    if key not in counters:
        counters[key] = int_or(parent.get("start"), 1) - 1
    counters[key] = int_or(tag.get("value"), counters[key] + 1)
    if fmt in ("none", "bullet"):
        return "• " if fmt == "bullet" else ""
    return format_number(counters[key], fmt) + ". "


def _css_list_format(tag) -> str | None:
    """The counter format an inline list-style(-type) on the item or its list names, if any."""
    for element in (tag, tag.parent):
        match = _LIST_STYLE.search(element.get("style") or "")
        for word in match.group(1).lower().split() if match else ():
            if word in _CSS_LIST_TYPES:
                return _CSS_LIST_TYPES[word]
    return None


_OL_TYPES = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
_CSS_LIST_TYPES = {"decimal": "decimal", "decimal-leading-zero": "decimalZero", "lower-alpha": "lowerLetter",
                   "lower-latin": "lowerLetter", "upper-alpha": "upperLetter", "upper-latin": "upperLetter",
                   "lower-roman": "lowerRoman", "upper-roman": "upperRoman", "none": "none", "disc": "bullet",
                   "circle": "bullet", "square": "bullet"}
_LIST_STYLE = re.compile(r"list-style(?:-type)?\s*:([^;]*)", re.IGNORECASE)


def _render_html(root, leave_out: Callable[[object], bool] = lambda tag: False) -> str:
    """Visible text of a parsed tree, walked with an explicit stack (no recursion on deep pages),
    leaving out the elements `leave_out` names."""
    from bs4 import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction

    skip = (Comment, Declaration, Doctype, ProcessingInstruction)
    out: list[str] = []
    counters: dict[int, int] = {}
    stack: list[tuple[object, bool]] = [(root, False)]
    marker = False  # a list item's number is out and none of its text yet: its first block goes on that line
    while stack:
        node, closing = stack.pop()
        if isinstance(node, NavigableString):
            if not isinstance(node, skip):
                text = str(node) if _in_pre(node) else re.sub(r"\s+", " ", str(node))
                if marker and not text.strip():
                    continue
                out.append(text.lstrip() if marker else text)
                marker = False
            continue
        name = node.name
        if not closing and leave_out(node):
            continue
        if closing:
            if not marker or name == "li":
                out.append("\n\n" if name in _PARAGRAPHS else "\n" if name in _BLOCKS else "")
            marker = marker and name != "li"
            continue
        if name == "br":
            out.append("\n")
            marker = False
        elif name in ("td", "th") and node.find_previous_sibling(["td", "th"]) is not None:
            out.append(" | ")
        elif name in _BLOCKS and not marker:
            out.append("\n\n" if name in _PARAGRAPHS else "\n")
        if name == "li":
            label = _list_label(node, counters)
            out.append(label)
            marker = bool(label)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node.contents))
    return _tidy_lines("".join(out))


def _in_pre(node) -> bool:
    parent = node.parent
    return parent is not None and parent.name == "pre"


def _tidy_lines(text: str) -> str:
    """Strip each line and keep at most one blank line between paragraphs."""
    lines = [line.replace("\xa0", " ").strip(" \t") for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def _invisible(tag) -> bool:
    """Never drawn (scripts, styles, hidden and screen-reader-only elements): not even the footer keeps them."""
    return tag.name in ("script", "style", "noscript", "template") or _hidden(tag)


def _is_site_footer(tag) -> bool:
    """The page's own footer, not an article's (which is content)."""
    footer = tag.name == "footer" or (tag.get("role") or "").lower() == "contentinfo"
    return footer and not _in_section(tag)


def _page_headers(soup) -> dict[str, str]:
    """The page <title> and the site footer's text: a published response's body often names
    itself only there, and both are dropped from the text as chrome."""
    headers = {}
    if soup.title is not None and soup.title.get_text(strip=True):
        headers["Title"] = re.sub(r"\s+", " ", soup.title.get_text()).strip()
    footers = [tag for tag in soup.find_all(_is_site_footer) if tag.find_parent(_is_site_footer) is None]
    rendered = (_render_html(tag, _invisible) for tag in footers)
    footer = "\n".join(line for text in rendered for line in text.split("\n") if line.strip())
    if footer:
        headers["Footer"] = footer
    return headers


def _parse_html(markup: str) -> tuple[str, dict[str, str]]:
    """Visible text of an HTML page (content only, block elements on their own lines) and its headers."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    headers = _page_headers(soup)
    for tag in _chrome_elements(soup):
        if not tag.decomposed:
            tag.decompose()
    return _render_html(soup.body or soup), headers


def html_text(markup: str) -> str:
    """Visible text of an HTML page: content only, block elements on their own lines."""
    return _parse_html(markup)[0]


def _codec(label: str) -> str | None:
    """The Python codec a browser would read a charset label as, or None when Python knows none."""
    label = label.strip().lower()
    try:
        return codecs.lookup(_CHARSET_ALIASES.get(label, label)).name
    except LookupError:
        return None


def _declared_codec(data: bytes) -> str | None:
    """The Python codec for the charset the page declares near its top (<meta charset>, http-equiv,
    an XML declaration), or None when it declares none Python knows."""
    match = _DECLARED_CHARSET.search(data[:4096])
    if match is None:
        return None
    return _codec((match.group(1) or match.group(2)).decode("ascii"))


def decode_page(data: bytes, charset: str | None = None) -> str:
    """A page's text in the encoding it declares when its bytes are not UTF-8 and the declared one is
    not Windows-1252 (which decode_text assumes): saved pages are often ISO-8859-15, Windows-1250/1251,
    Shift_JIS..., which no guess from the bytes of a mostly-markup file can tell apart. `charset` is
    the one the page came with (an MHTML part's Content-Type), which outranks the page's own, as an
    HTTP header does in a browser."""
    codec = (_codec(charset) if charset else None) or _declared_codec(data)
    if codec is None or codec in ("cp1252", "utf-8") or codec.startswith("utf-") or data.startswith(codecs.BOM_UTF8):
        return decode_text(data)
    try:
        data.decode("utf-8")
        return decode_text(data)  # valid UTF-8 whatever it says: the server's header named the encoding
    except UnicodeDecodeError:
        pass
    decode_text(data)  # refuses binary data
    return data.decode(codec, errors="replace").replace("\r\n", "\n").replace("\r", "\n")


def read_html(name: str, data: bytes, limits: Limits, depth: int) -> Document:
    """An HTML page as a Document, its title and site footer as headers."""
    return page_document(name, data)


def page_document(name: str, data: bytes, charset: str | None = None, fmt: str = "html") -> Document:
    """An HTML page's bytes as a Document, however the page was stored (`charset`: see decode_page)."""
    text, headers = _parse_html(decode_page(data, charset))
    return Document(doc=name, text=text, fmt=fmt, headers=headers)
