"""List counters as Word and browsers draw them (1, b, iv, aa), for the DOCX and HTML readers.

Automatic list numbers are not in either format's text, yet answers are numbered
by them, so both readers rebuild them with these helpers.
"""
from __future__ import annotations


def int_or(value: object, default: int) -> int:
    """An integer attribute value, or `default` when it is missing or not a number."""
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


def _roman(n: int) -> str:
    values = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
              (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = []
    for value, letters in values:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """A list counter in Word's (and HTML's) formats; Word repeats letters after z (aa, bb)."""
    if fmt in ("lowerLetter", "upperLetter") and n > 0:
        text = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return text.upper() if fmt == "upperLetter" else text
    if fmt in ("lowerRoman", "upperRoman") and n > 0:
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)
