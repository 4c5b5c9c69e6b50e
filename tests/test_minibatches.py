"""spaCy tags a batch in groups bounded by characters: the same docs, in order, with less memory."""
from __future__ import annotations

from spacy.attrs import IDX, LEMMA, ORTH, POS, SENT_START

import pytest

from pipeline.tag import Tagger, load_nlp
from pipeline.tag import nlp as tag_nlp
from pipeline.tag.nlp import minibatches


def test_groups_keep_order_and_both_bounds() -> None:
    texts = ["a" * 400, "b" * 300, "c" * 2000, "d" * 100, "e" * 100, "f" * 100, "g"]
    groups = list(minibatches(texts, 3, 1000))
    assert [t for g in groups for t in g] == texts
    assert groups == [["a" * 400, "b" * 300], ["c" * 2000], ["d" * 100, "e" * 100, "f" * 100], ["g"]]
    assert list(minibatches([], 3, 1000)) == []


def test_tagging_in_small_groups_gives_the_docs_of_one_group(monkeypatch: pytest.MonkeyPatch) -> None:
    nlp = load_nlp()
    texts = [
        "The Trust does not hold this information. Section 12 applies; the cost would exceed £450.",
        "Q1: 14 officers. Q2: none. Q3: see the attached spreadsheet (Appendix A).",
        "We can confirm that the council spent £12,400 in 2022/23 and £9,810 in 2023/24 on the service.",
    ] * 5
    attrs = [ORTH, LEMMA, POS, IDX, SENT_START]
    with nlp.memory_zone():
        whole = [d.to_array(attrs).tolist() for d in nlp.pipe(texts, batch_size=len(texts))]
    monkeypatch.setattr(tag_nlp, "MAX_BATCH_CHARS", 200)  # about two texts a group
    tagger = Tagger(nlp)
    with tagger.zone(texts):
        grouped = [d.to_array(attrs).tolist() for d in tagger(texts)]
    assert grouped == whole
