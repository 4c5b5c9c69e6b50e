"""A/B of the cuts that put an exact stand-in where a library call or a slower reading was: the same results, less time.

    python bench/cuts.py            # the bundled corpus and corpus/real (312 replies), 5 rounds
    python bench/cuts.py --only years   # the pairs whose name holds "years"

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
  function with its gate held open, against it as shipped);
- the years an answer or a sentence names (`facts.find_years`, which pipeline/classify/values.py also
  calls per sentence): every text scanned for full dates by the date pattern alone, against the scan
  behind a digit-or-month-initial lookahead, made only for a text with a year of its own, and the
  year patterns without, then with, a lookahead on their matches' first character;
- the money an answer or a sentence names (`facts.find_money`): its pattern without, then with, a
  lookahead on its matches' first character;
- the law a reply is given under and the sections it cites (`citations.find_act` on every reply,
  `citations.find_citations` on every answer and sentence): the patterns without the lookahead on
  their matches' first character, against them as shipped;
- a reply's word index (`goldlabels.WordIndex`, built once per reply and searched for each rule
  segment as above): a Python loop over the words filling a dict of positions, against the matches
  kept in one list, the words lower-cased in one string and searched with `list.index`;
- what each unit of a reply is made of and its shape (`layout._content_of` and `layout._shape_of`,
  which the segmenter's features memoise per line): the boilerplate and layout patterns without the
  lookahead on their matches' first character, every line searched for an e-mail address and a table
  row, against them as shipped;
- joining a reply's wrapped lines (`cleaning.join_lines`, whose left side is the paragraph so far,
  and `cleaning._breaks_after`, with the arguments `clean` gave them on these replies): a link and a
  broken word's hyphen looked for over the whole paragraph, against the link in its last word and
  the hyphen at its end;
- a line's markdown marks taken off (`numbering.strip_markup`, before every label is read) over every
  line and unit of the replies: the pattern run on every line, against only on a line with a mark
  or a line break;
- the memoised attribute_ruler (`pipeline/tag/memo.py`) over every answer of these replies, tagged
  up to it (a fresh copy of each doc a run): its context Matcher run on every doc (its gates off),
  against only on a doc holding a token some context pattern's first token could be;
- tokenizing every answer and question of these replies in batches of 64, one memory zone per
  batch as classify tags (a fresh copy of the English pipeline's tokenizer and vocabulary each
  round): spaCy's tokenizer alone, which caches nothing inside a zone, against the same with
  `pipeline/tag/warmup.py`'s warmer fed each batch before its zone;
- the response dates a reply labels (`metadata._RESPONSE_DATE`, over every reply): the pattern without,
  then with, the lookahead on its matches' first character;
- page numbers (`furniture.is_page_number`, over every line of every reply): each line split and
  matched twice when it is no "n/N", against once, and not at all without a digit;
- every unit of these replies against the round-robin's request (`layout._request_features`): each
  question's words and topic words read again and difflib's index of it built again for every unit,
  against them made once per reply (`layout._Question`) and a question matched only when it shares more
  words with the unit than the best share found so far;
- whether a sentence passes the request on (`cues._passes_request`, over every sentence of every
  answer): its lemmas and POS zipped twice, against first asking whether any lemma is a passing verb's.

Each pair runs alternately in one process; CPU time (`time.process_time`), medians of the rounds.
The results of each pair are checked equal before any time is printed.
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import spacy  # noqa: E402
from spacy.attrs import IDX, MORPH, ORTH, POS, TAG  # noqa: E402
from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402

from pipeline.classify import cues, load_model  # noqa: E402
from pipeline.classify.features import answer_terms  # noqa: E402
from pipeline.classify.predict import nlp_for  # noqa: E402
from pipeline.extract import boilerplate, citations, cleaning, extract_documents, facts, furniture, layout, load_request, metadata, numbering, rules  # noqa: E402
from pipeline.extract.cleaning import clean  # noqa: E402
from pipeline.extract.request import similarity, topic_words  # noqa: E402
from pipeline.extract.segment import segment_features  # noqa: E402
from pipeline.extract.units import units_of  # noqa: E402
from pipeline.goldlabels import _WORD, WordIndex, anchor_pattern, words  # noqa: E402
from pipeline.read import iter_documents  # noqa: E402
from pipeline.tag import Tagger, pipeline_name, tag_records_tokens  # noqa: E402
from pipeline.tag.memo import MEMO_RULER  # noqa: E402
from pipeline.tag.warmup import TokenizerWarmer  # noqa: E402
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


_LOOKAHEAD = re.compile(r"\(\?=\[?[^]()]+\]?\)")


def _without_lookahead(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern before the cut: its leading first-character lookahead taken off."""
    head = _LOOKAHEAD.match(pattern.pattern)
    assert head is not None, pattern.pattern
    return re.compile(pattern.pattern[head.end():], pattern.flags)


_FULL_DATE_BEFORE, _SPAN_BEFORE, _SINGLE_BEFORE = map(_without_lookahead, (facts._FULL_DATE, facts._SPAN, facts._SINGLE))


def _years_before(text: str) -> list[dict[str, Any]]:
    """find_years before the cuts: every text's full dates looked for first, the patterns without their lookaheads."""
    taken = [m.span() for m in _FULL_DATE_BEFORE.finditer(text)]
    found: list[tuple[int, dict[str, Any]]] = []
    for match in _SPAN_BEFORE.finditer(text):
        a = int(match.group("a"))
        b = facts._span_year(a, match.group("b"))
        if b <= a or b - a > 20:
            continue
        financial = b == a + 1 and (match.group("prefix") or match.group("sep") == "/" or len(match.group("b")) == 2)
        found.append((match.start(), facts._year(match.group(0), "financial" if financial else "calendar", a, b)))
        taken.append(match.span())
    for match in facts._SHORT_FY.finditer(text):
        a, b = 2000 + int(match.group("a")), 2000 + int(match.group("b"))
        if b == a + 1:
            found.append((match.start(), facts._year(match.group(0), "financial", a, b)))
            taken.append(match.span())
    for match in _SINGLE_BEFORE.finditer(text):
        if any(s <= match.start() < e for s, e in taken) or facts._TITLE_YEAR.search(text, max(0, match.start() - 20), match.start()):
            continue
        if facts._COUNT_AFTER.match(text, match.end()) and not facts._YEAR_CUE.search(text, max(0, match.start() - 20), match.start()):
            continue
        year = int(match.group("a"))
        found.append((match.start(), facts._year(match.group(0), "calendar", year, year)))
    return facts._unique(item for _, item in sorted(found, key=lambda pair: pair[0]))


class _WordIndexBefore:
    """goldlabels.WordIndex before the cut: each word's position, span and lower case filled in a loop."""

    def __init__(self, text: str) -> None:
        self.words: list[str] = []
        self.spans: list[tuple[int, int]] = []
        self.positions: dict[str, list[int]] = {}
        for match in _WORD.finditer(text):
            word = match.group().lower()
            self.positions.setdefault(word, []).append(len(self.words))
            self.words.append(word)
            self.spans.append(match.span())

    def search(self, run: list[str], start: int = 0) -> tuple[int, int] | None:
        if not run:
            return None
        n = len(run)
        for k in self.positions.get(run[0], ()):
            if self.spans[k][0] >= start and self.words[k : k + n] == run:
                return self.spans[k][0], self.spans[k + n - 1][1]
        return None


def _money_before(texts: list[str]) -> list[Any]:
    shipped = facts._MONEY
    facts._MONEY = _without_lookahead(shipped)
    try:
        return [facts.find_money(t) for t in texts]
    finally:
        facts._MONEY = shipped


def _law_and_sections(replies: list[str], parts: list[str]) -> list[Any]:
    return [citations.find_act(t) for t in replies] + [citations.find_citations(t) for t in parts]


def _law_and_sections_before(replies: list[str], parts: list[str]) -> list[Any]:
    names = ("_HANDLED_UNDER", "_CITATION", "_SENTENCE_END")
    shipped = [getattr(citations, n) for n in names] + [citations._ACT_NAMES]
    for name, pattern in zip(names, shipped):
        setattr(citations, name, _without_lookahead(pattern))
    citations._ACT_NAMES = [(act, _without_lookahead(p)) for act, p in shipped[-1]]
    try:
        return _law_and_sections(replies, parts)
    finally:
        for name, pattern in zip(names, shipped):
            setattr(citations, name, pattern)
        citations._ACT_NAMES = shipped[-1]


_LINE_PATTERNS = {
    boilerplate: ("_APPEAL", "_REUSE", "_ACKNOWLEDGEMENT"),
    layout: ("_PHONE", "_URL", "_DATE", "_REFERENCE", "_SITE", "_ATTACHED", "_NOT_HELD", "_CONFIRM", "_SECTION", "REQUESTER"),
}


def _content_before(text: str) -> dict[str, float]:
    """layout._content_of before the cut: every line searched for an e-mail address."""
    L, B = layout, boilerplate
    checks = (
        ("greeting", B.GREETING.match(text)), ("sign_off", B.SIGN_OFF.match(text)), ("appeal", B.is_appeal(text)),
        ("bp_heading", B.is_boilerplate_heading(text)), ("closing", B.is_closing(text)), ("reuse", B.is_reuse_notice(text)),
        ("acknowledgement", B.is_acknowledgement(text)), ("quote_start", B.is_quote_start(text)),
        ("header_field", B.is_header_field(text)), ("page_number", L.is_page_number(text)), ("postcode", L._POSTCODE.search(text)),
        ("phone", L._PHONE.search(text)), ("email", L._EMAIL.search(text)), ("url", L._URL.search(text)),
        ("url_only", L._URL.match(text) and len(text.split()) <= 2), ("date", L._DATE.search(text)),
        ("reference", L._REFERENCE.search(text)), ("site", L._SITE.search(text)), ("attached", L._ATTACHED.search(text)),
        ("not_held", L._NOT_HELD.search(text)), ("confirm", L._CONFIRM.search(text)), ("section", L._SECTION.search(text)),
    )
    return {name: 1 for name, hit in checks if hit}


def _shape_before(text: str, rest: str) -> dict[str, float]:
    """layout._shape_of before the cut: every line searched for a table row."""
    L = layout
    n = len(text.split())
    f: dict[str, float] = {"len=%d" % L._bucket(n): 1, "loglen": L.math.log1p(n) / 5}
    end = "?" if re.search(r"\?[\"')\]]*$", text) else ":" if text.endswith(":") else "." if text.endswith(".") else \
        "," if text.endswith((";", ",")) else "_none"
    f["end" + end] = 1
    checks = (
        ("has?", "?" in text), ("marker_only", L._MARKER_ONLY.match(text)), ("request_shape", L.REQUEST_SHAPE.search(rest)),
        ("statement", L.STATEMENT.match(rest)), ("asking", L.ASKING.search(rest)), ("asking_start", L._ASKING_START.match(rest)),
        ("requester", L.REQUESTER.search(text)), ("responder", L._RESPONDER.match(rest)), ("heading_like", L.heading_like(text)),
        ("reports_request", L.REPORTS_REQUEST.match(text) and not L._NEXT_SENTENCE.search(text)),
        ("bullet", L.BULLET.match(text)), ("table", L._TABLE.search(text)), ("lower_start", rest[:1].islower()),
        ("all_caps", text.isupper()),
    )
    f.update({name: 1 for name, hit in checks if hit})
    if n <= 6 and not text.endswith((".", "?")):
        if L._RESPONSE_WORD.search(text):
            f["head_response"] = 1
        if L._REQUEST_WORD.search(text):
            f["head_request"] = 1
    alpha = L._WORD.findall(text)
    if n > 1 and alpha and sum(w[0].isupper() for w in alpha) / len(alpha) > 0.7:
        f["title_case"] = 1
    digits = len(L._DIGIT.findall(text))
    if digits:
        f["digits"] = min(digits / max(len(text), 1) * 5, 1)
    return f


def _is_page_number_before(line: str, totals: Any = frozenset()) -> bool:
    """furniture.is_page_number before the cut: every line split and matched, twice when it is no "n/N"."""
    match = furniture._PAGE_NUMBER.match(line) if len(line.split()) <= 20 else None
    pair = (int(match.group("n")), int(match.group("total"))) if match and match.group("n") else None
    if pair is not None:
        n, total = pair
        return n <= total and (n < 10 or total != n + 1 or total in totals)
    return len(line.split()) <= 20 and furniture._PAGE_NUMBER.match(line) is not None


def _verbatim_before(unit: list[str], question: list[str]) -> float:
    if not unit or not question:
        return 0.0
    matcher = SequenceMatcher(None, unit, question, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(unit)


def _request_features_before(text: str, questions: list[str]) -> dict[str, float]:
    """layout._request_features before the cut: each question's words and topic read again for every unit,
    and difflib indexing the question again for every unit, for every question."""
    if not questions:
        return {}
    best = max(similarity(text, q) for q in questions)
    f: dict[str, float] = {"req_sim": best}
    own = topic_words(text)
    f["req_cover"] = max(len(own & topic_words(q)) / len(own) for q in questions) if own else 0.0
    unit = words(text)
    verbatim = max(_verbatim_before(unit, words(q)) for q in questions)
    f["req_verbatim"] = verbatim
    if verbatim >= 0.75:
        f["restates"] = 1
    elif best >= 0.5:
        f["echoes"] = 1
    return f


def _passes_request_before(lemmas: list[str], pos: list[str]) -> bool:
    return any(p == "VERB" and w in cues.PASSING_LEMMAS for w, p in zip(lemmas, pos)) and \
        any(p == "NOUN" and w in cues.REQUEST_LEMMAS for w, p in zip(lemmas, pos))


def _join_lines_before(left: str, right: str, vocabulary: Any = None) -> str:
    """cleaning.join_lines before the cut: the link and the hyphen looked for over the whole paragraph so far."""
    C = cleaning
    left, right = left.rstrip(), right.strip()
    if C._URL_TAIL.search(left) and (C._URL_CONTINUATION.match(right) or C._URL_OPEN_END.search(left) and right[:1].isalnum()):
        return left + right
    if re.search(r"[^\W\d_]-$", left) and right[:1].islower():
        head = re.search(r"([^\W\d_]+)-$", left).group(1)  # type: ignore[union-attr]
        tail = re.match(r"[^\W\d_]*", right).group()  # type: ignore[union-attr]
        if vocabulary is not None and vocabulary.soft_hyphen(head, tail):
            return left[:-1] + right
        return left + right
    return left + ("" if right[:1] in ",.;:)" else " ") + right


def _breaks_after_before(line: str, nxt: str, width: int) -> bool:
    """cleaning._breaks_after before the cut: the link looked for over the whole line."""
    C = cleaning
    if C._URL_TAIL.search(line.rstrip()) and C._URL_OPEN_END.search(line.rstrip()) and nxt.strip()[:1].isalnum():
        return False
    if C._TABLE_GAP.search(line.strip()) or C._TABLE_GAP.search(nxt.strip()):
        return True
    if C._STRUCTURAL.match(nxt):
        return not (C._OPEN_END.search(line.rstrip()) and C._WORD_LABEL.match(nxt))
    indent, next_indent = len(line) - len(line.lstrip()), len(nxt) - len(nxt.lstrip())
    if indent >= 12 or next_indent >= 12:
        return True
    if line.rstrip().endswith("?"):
        return True
    if nxt.lstrip()[:1].islower() or nxt.lstrip()[:1] in ",.;:)":
        return False
    if C._SENTENCE_END.search(line.rstrip()):
        return len(line.rstrip()) < 0.8 * width
    return C._is_heading(line, width)


def _recorded(name: str, calls: list[tuple[Any, ...]]) -> Callable[..., Any]:
    """cleaning's function `name`, noting the arguments of every call in `calls`."""
    shipped = getattr(cleaning, name)

    def noting(*args: Any) -> Any:
        calls.append(args)
        return shipped(*args)
    return noting


def _joins(joins: list[tuple[Any, ...]], breaks: list[tuple[Any, ...]], join: Callable[..., str],
           breaks_after: Callable[..., bool]) -> list[Any]:
    return [join(*a) for a in joins] + [breaks_after(*a) for a in breaks]


def _lines(lines: list[tuple[str, str]]) -> list[Any]:
    return [(layout._content_of(t), layout._shape_of(t, r)) for t, r in lines]


def _lines_before(lines: list[tuple[str, str]]) -> list[Any]:
    shipped = {(module, name): getattr(module, name) for module, names in _LINE_PATTERNS.items() for name in names}
    for (module, name), pattern in shipped.items():
        setattr(module, name, _without_lookahead(pattern))
    try:
        return [(_content_before(t), _shape_before(t, r)) for t, r in lines]
    finally:
        for (module, name), pattern in shipped.items():
            setattr(module, name, pattern)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", default="", help="time only the pairs whose name holds this")
    args = parser.parse_args()
    documents = [d for d in iter_documents([ROOT / "corpus"]) if not isinstance(d, dict)]
    joins: list[tuple[Any, ...]] = []
    breaks: list[tuple[Any, ...]] = []
    shipped_joins = cleaning.join_lines, cleaning._breaks_after
    cleaning.join_lines, cleaning._breaks_after = _recorded("join_lines", joins), _recorded("_breaks_after", breaks)
    try:
        texts = [clean(d.text, d.fmt) for d in documents]
    finally:
        cleaning.join_lines, cleaning._breaks_after = shipped_joins
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

    # the text `_add_mentions` scans for the responder's name, and the pattern before its lookahead
    flat = ["\n".join(metadata._normalise_line(line).strip() for line in d.text.split("\n")) for d in documents]
    body_before = _without_lookahead(metadata._BODY)
    date_before = _without_lookahead(metadata._RESPONSE_DATE)
    raw_lines = [line for d in documents for line in d.text.split("\n")]
    # every unit of every reply against the round-robin's request, as a reply restating it is read
    asked = [q.text for q in load_request(ROOT / "corpus" / "roundrobin" / "request.txt").questions]
    prepared = [layout._Question(q) for q in asked]
    unit_texts = [u.text for t in texts for u in units_of(t)]
    sentence_words = [(t.tokens.lemma[a:b], t.tokens.pos[a:b]) for t in tagged for a, b in t.tokens.sents]

    def by_regex() -> list[Any]:
        anchor_pattern.cache_clear()
        return [_regex_span(t, p) for t, ps in parts for p in ps]

    def by_index(index_of: Callable[[str], Any] = WordIndex) -> list[Any]:
        out = []
        for t, ps in parts:
            index = index_of(t)
            out.extend(rules._span(index, p) for p in ps)
        return out

    answer_texts = [r["answer"] for r in answers]

    def every_pattern() -> list[Any]:
        shipped, facts._SAYS_ATTACHED = facts._SAYS_ATTACHED, ("",)  # "" is in every text: the gate always open
        try:
            return [facts.find_attachments(t) for t in answer_texts]
        finally:
            facts._SAYS_ATTACHED = shipped

    year_texts = answer_texts + [s.text for s in sentences]
    lines = [(u.text, u.label.rest if u.label else u.text) for t in texts for u in units_of(t)]
    marked = [x for t in texts for x in t.split("\n")] + [x for x, _ in lines]
    nlp = nlp_for(model)
    ruler = nlp.get_pipe(MEMO_RULER)
    before_ruler = list(nlp.pipe(answer_texts, disable=nlp.pipe_names[nlp.pipe_names.index(MEMO_RULER):]))

    def ruled(gates: Any) -> list[Any]:
        shipped, ruler.gates = ruler.gates, gates
        try:
            return [ruler(doc.copy()).to_array([TAG, POS, MORPH]).tolist() for doc in before_ruler]
        finally:
            ruler.gates = shipped

    pairs = {
        "feature dicts -> matrix": (lambda: [vectorizer.transform(u) for u in units],
                                    lambda: [dict_rows(u, vectorizer.vocabulary_) for u in units]),
        "placing the rules' segments": (by_regex, by_index),
        "answer terms -> TF-IDF rows": (lambda: tfidf.transform(terms), lambda: term_rows(terms, block.vocabulary, ngrams=block.ngrams, idf=block.idf,
                                                                                     sublinear=block.sublinear, norm=block.norm)),
        "attachments an answer names": (every_pattern, lambda: [facts.find_attachments(t) for t in answer_texts]),
        "years an answer names": (lambda: [_years_before(t) for t in year_texts],
                                   lambda: [facts.find_years(t) for t in year_texts]),
        "a reply's word index": (lambda: by_index(_WordIndexBefore), by_index),
        "a unit's content and shape": (lambda: _lines_before(lines), lambda: _lines(lines)),
        "joining wrapped lines": (lambda: _joins(joins, breaks, _join_lines_before, _breaks_after_before),
                                  lambda: _joins(joins, breaks, cleaning.join_lines, cleaning._breaks_after)),
        "a line's markdown marks": (lambda: [numbering._MARKUP.sub("", x).strip() for x in marked],
                                    lambda: [numbering.strip_markup(x) for x in marked]),
        "money an answer names": (lambda: _money_before(year_texts), lambda: [facts.find_money(t) for t in year_texts]),
        "law and sections cited": (lambda: _law_and_sections_before(texts, year_texts),
                                   lambda: _law_and_sections(texts, year_texts)),
        "the ruler's context patterns": (lambda: ruled(None), lambda: ruled(ruler.gates)),
        "body names a reply holds": (lambda: [[(m.span(), m.groupdict()) for m in body_before.finditer(t)] for t in flat],
                                     lambda: [[(m.span(), m.groupdict()) for m in metadata._BODY.finditer(t)] for t in flat]),
        "response dates a reply labels": (lambda: [[m.span() for m in date_before.finditer(t)] for d in documents for t in (d.text,)],
                                          lambda: [[m.span() for m in metadata._RESPONSE_DATE.finditer(t)] for d in documents for t in (d.text,)]),
        "page numbers": (lambda: [_is_page_number_before(x) for x in raw_lines], lambda: [furniture.is_page_number(x) for x in raw_lines]),
        "a unit against the request": (lambda: [_request_features_before(t, asked) for t in unit_texts],
                                       lambda: [layout._request_features(t, prepared) for t in unit_texts]),
        "passing the request on": (lambda: [_passes_request_before(lemma, pos) for lemma, pos in sentence_words],
                                              lambda: [cues._passes_request(lemma, pos) for lemma, pos in sentence_words]),
    }
    tag_texts = answer_texts + [r["question"] for r in answers if r.get("question")]

    def zoned(warm: bool) -> Callable[[], list[Any]]:
        fresh = spacy.load(pipeline_name(), exclude=nlp.component_names)  # a cold tokenizer cache and vocabulary
        warmer = TokenizerWarmer(fresh) if warm else None

        def run() -> list[Any]:
            out = []
            for start in range(0, len(tag_texts), 64):
                batch = tag_texts[start : start + 64]
                if warmer is not None:
                    warmer.feed(batch)
                with fresh.memory_zone():
                    out.extend(fresh.make_doc(text).to_array([ORTH, IDX]).tolist() for text in batch)
            return out
        return run

    # pairs whose two sides need fresh state each round: made before the round, outside its timing
    fresh_pairs: dict[str, Callable[[], tuple[Callable[[], Any], Callable[[], Any]]]] = {
        "tokenizing in memory zones": lambda: (zoned(False), zoned(True)),
    }
    print(f"{len(texts)} replies, {sum(map(len, units))} units, {sum(len(ps) for _, ps in parts)} segment texts, "
          f"{len(answer_texts)} answers, {len(terms)} answers and sentences ({len(year_texts)} texts for years, {len(lines)} lines, {len(joins)} joins, {len(breaks)} breaks, {len(tag_texts)} texts to tokenize); CPU seconds, medians of {args.rounds} alternating rounds")
    for name in [*pairs, *fresh_pairs]:
        if args.only not in name:
            continue
        times: tuple[list[float], list[float]] = ([], [])
        for _ in range(args.rounds):
            before, after = fresh_pairs[name]() if name in fresh_pairs else pairs[name]
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
