"""A/B of the cuts that put an exact stand-in where a library call was: the same results, less time.

    python bench/cuts.py            # the bundled corpus and corpus/real (312 replies), 5 rounds

- feature dicts to a sparse matrix: scikit-learn's fitted `DictVectorizer.transform` against
  `pipeline.vectors.dict_rows`, over every unit of every reply (the segmenter's features) with
  the shipped segmenter's vocabulary;
- placing the hand rules' segments in a reply (`rules.rule_view`): a regex compiled for each
  segment's anchors (`goldlabels.anchor_pattern`, its memo cleared each round, as a run meets
  new replies) against one `goldlabels.WordIndex` per reply;
- answer terms to TF-IDF rows: scikit-learn's `TfidfVectorizer.transform`, fitted as the shipped
  model's answer block is (its vocabulary and idf), against `pipeline.vectors.term_rows`, over the
  terms of every answer of these replies and of every sentence of the answers of more than one
  (the model's and the evidence's rows);
- the documents an answer says are attached (`facts.find_attachments`): every pattern run on
  every answer against the patterns run only on answers that say "attach" or "enclos" (the
  function with its gate held open, against it as shipped).

Each pair runs alternately in one process; CPU time (`time.process_time`), medians of the rounds.
The results of each pair are checked equal before any time is printed.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402

from pipeline.classify import load_model  # noqa: E402
from pipeline.classify.features import answer_terms  # noqa: E402
from pipeline.classify.predict import nlp_for  # noqa: E402
from pipeline.extract import extract_documents, facts, rules  # noqa: E402
from pipeline.extract.cleaning import clean  # noqa: E402
from pipeline.extract.segment import segment_features  # noqa: E402
from pipeline.goldlabels import WordIndex, anchor_pattern, words  # noqa: E402
from pipeline.read import iter_documents  # noqa: E402
from pipeline.tag import Tagger, tag_records_tokens  # noqa: E402
from pipeline.vectors import dict_rows, term_rows  # noqa: E402


def _cpu(work: Callable[[], Any]) -> tuple[float, Any]:
    started = time.process_time()
    result = work()
    return time.process_time() - started, result


def _regex_span(text: str, part: str) -> tuple[int, int] | None:
    """rule_view's placing before the cut: the anchors' regexes."""
    found = words(part)
    if not found:
        return None
    head = anchor_pattern(" ".join(found[:6])).search(text)
    if not head:
        return None
    tail = anchor_pattern(" ".join(found[-6:])).search(text, head.start())
    return head.start(), tail.end() if tail else head.end()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    documents = [d for d in iter_documents([ROOT / "corpus"]) if not isinstance(d, dict)]
    texts = [clean(d.text, d.fmt) for d in documents]
    units = [segment_features(t)[1] for t in texts]
    model = load_model()
    vectorizer = DictVectorizer().fit([dict.fromkeys(model.segmenter.tagger.vocabulary_, 1)])
    answers = [r for r in extract_documents(documents, segmenter=model.segmenter) if "error" not in r]
    tagged = tag_records_tokens(answers, Tagger(nlp_for(model)))
    sentences = [s for t in tagged if len(split := t.sentences()) > 1 for s in split]
    terms = [" ".join(answer_terms(t.tokens)) for t in tagged + sentences]
    block = next(b for b in model.features.blocks if b.input == "answer_terms")
    tfidf = TfidfVectorizer(vocabulary=block.vocabulary, ngram_range=block.ngrams, sublinear_tf=block.sublinear, norm=block.norm,
                            lowercase=False, token_pattern=r"\S+", dtype=np.float64).fit(terms)
    tfidf.idf_ = block.idf
    parts = [(t, [p for s in rules.segment_by_rules(t)[0] for p in (s.question, s.answer) if p]) for t in texts]

    def by_regex() -> list[Any]:
        anchor_pattern.cache_clear()
        return [_regex_span(t, p) for t, ps in parts for p in ps]

    def by_index() -> list[Any]:
        out = []
        for t, ps in parts:
            index = WordIndex(t)
            out.extend(rules._span(index, p) for p in ps)
        return out

    answer_texts = [r["answer"] for r in answers]

    def every_pattern() -> list[Any]:
        shipped, facts._SAYS_ATTACHED = facts._SAYS_ATTACHED, ("",)  # "" is in every text: the gate always open
        try:
            return [facts.find_attachments(t) for t in answer_texts]
        finally:
            facts._SAYS_ATTACHED = shipped

    pairs = {
        "feature dicts -> matrix": (lambda: [vectorizer.transform(u) for u in units],
                                    lambda: [dict_rows(u, vectorizer.vocabulary_) for u in units]),
        "placing the rules' segments": (by_regex, by_index),
        "answer terms -> TF-IDF rows": (lambda: tfidf.transform(terms), lambda: term_rows(terms, block.vocabulary, ngrams=block.ngrams, idf=block.idf,
                                                                                     sublinear=block.sublinear, norm=block.norm)),
        "attachments an answer names": (every_pattern, lambda: [facts.find_attachments(t) for t in answer_texts]),
    }
    print(f"{len(texts)} replies, {sum(map(len, units))} units, {sum(len(ps) for _, ps in parts)} segment texts, "
          f"{len(answer_texts)} answers, {len(terms)} answers and sentences; CPU seconds, medians of {args.rounds} alternating rounds")
    for name, (before, after) in pairs.items():
        times: tuple[list[float], list[float]] = ([], [])
        for _ in range(args.rounds):
            for slot, work in enumerate((before, after)):
                seconds, result = _cpu(work)
                times[slot].append(seconds)
                if slot == 0:
                    expected = result
            if name.startswith("feature"):
                same = all((a != b).nnz == 0 and (a.indices == b.indices).all() for a, b in zip(expected, result))
            elif name.startswith("answer terms"):
                same = all(np.array_equal(getattr(expected, a), getattr(result, a)) for a in ("indptr", "indices", "data"))
            else:
                same = expected == result
            if not same:
                raise SystemExit(f"{name}: the stand-in's results differ")
        old, new = statistics.median(times[0]), statistics.median(times[1])
        print(f"  {name:30} before {old:6.3f} s   after {new:6.3f} s   {old / new:5.2f}x  (results identical)")


if __name__ == "__main__":
    main()
