"""Keep the tokenizer's cache useful inside memory zones.

spaCy's tokenizer caches how it split each whitespace-delimited chunk ("council's",
"2019/20.", "held."), but inside a memory zone it caches nothing (the entry would point
at strings freed with the zone), so a run that tags every batch in a zone, as classify
does to keep memory flat, splits every chunk of every answer through the prefix, suffix
and infix rules again: about a tenth of a run's time.

`TokenizerWarmer` watches the run's first texts and, between zones, tokenizes each chunk
as soon as it has been seen twice: that entry and its strings are then permanent, and
every later batch finds the chunk in the cache. The words of a corpus repeat ("the",
the request's terms, the bodies' own names), so a few thousand chunks cover most of what
follows. Memory stays bounded: only the first `texts` texts are watched and at most
`most` chunks are kept. The cache holds exactly what splitting the chunk gives, so the
tokens, and every record, are the same with it as without.
"""
from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language

WATCHED_TEXTS = 4096  # texts whose chunks are counted; after them the counts are dropped
MOST_CHUNKS = 10_000  # chunks made permanent, at most (spaCy's tokenizer caches no more by default)
PIECE = 1_000  # chunks tokenized at a time (a text far below spaCy's length limit)


class TokenizerWarmer:
    """Counts the chunks of the texts it is shown and makes those seen twice permanent cache entries."""

    def __init__(self, nlp: Language, *, texts: int = WATCHED_TEXTS, most: int = MOST_CHUNKS) -> None:
        self.nlp = nlp
        self.texts_left = texts
        self.chunks_left = most
        self._counts: dict[str, int] | None = {}

    @property
    def watching(self) -> bool:
        return self._counts is not None

    def feed(self, texts: Iterable[str]) -> int:
        """Count `texts`' chunks and cache those reaching two sightings; returns how many were cached.
        Call it outside a memory zone (inside one, spaCy would keep nothing)."""
        counts = self._counts
        if counts is None or self.nlp.vocab.in_memory_zone:
            return 0
        fresh: list[str] = []
        for text in texts:
            if self.texts_left <= 0:
                break
            self.texts_left -= 1
            for chunk in text.split():
                seen = counts.get(chunk, 0) + 1
                counts[chunk] = seen
                if seen == 2:
                    fresh.append(chunk)
        fresh = fresh[: self.chunks_left]
        self.chunks_left -= len(fresh)
        for start in range(0, len(fresh), PIECE):
            self.nlp.tokenizer(" ".join(fresh[start : start + PIECE]))
        if self.texts_left <= 0 or self.chunks_left <= 0:
            self._counts = None
        return len(fresh)
