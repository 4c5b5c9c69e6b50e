"""Canonical questions: which answer, in which body's reply, answers which question.

Bodies reword, reorder, merge and split the questions they were asked, so the
report cannot line answers up by the numbers in each reply alone. With the
request as sent, its questions are the canonical ones; without it, the question
texts are grouped by similarity and the groups most bodies were asked become the
canonical questions. Either way an answer is placed by its number when the text
agrees, else by text similarity; one that fits nothing stays unmatched and is
listed by the report, never dropped.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from .records import Answer

# Cosine similarities of character n-gram TF-IDF vectors (see _vectoriser).
MATCH = 0.25       # a question text this close to a canonical one is placed there ...
MARGIN = 0.15      # ... unless the question its number names is within this of the closest (the text agrees)
CLUSTER = 0.33     # question texts at least this close (average linkage) are one question
MIN_SHARE = 0.2    # without a request, keep questions asked of at least this share of bodies
_APART = 1e6       # distance between two differently numbered questions of one document: never grouped


@dataclass(frozen=True)
class CanonicalQuestion:
    """A question of the comparison: its key (its number in the report), text, header title and
    the number replies use for it (the request's, or the one most replies in its group used)."""

    key: str
    text: str
    title: str
    number: str = ""


@dataclass
class Alignment:
    """The canonical questions and, for each answer (by index), the questions it answers; `asked`: the questions
    are the request's, put to every body (not found by grouping, where a body may not have been asked one)."""

    questions: list[CanonicalQuestion]
    assigned: list[tuple[str, ...]]
    note: str = ""
    asked: bool = False

    def unmatched(self) -> list[int]:
        return [i for i, keys in enumerate(self.assigned) if not keys]


_CLAUSE = re.compile(r"[,;:(?]|\s[-–—]\s")


def short_title(text: str, max_words: int = 8) -> str:
    """A header-sized title: the question's first clause of some substance, cut to a few words."""
    text = " ".join(text.split())
    clauses = [c.strip() for c in _CLAUSE.split(text) if c.strip()]
    head = next((c for c in clauses if len(c.split()) >= 3), clauses[0] if clauses else text)
    words = head.split()
    title = " ".join(words[:max_words])
    cut = len(words) > max_words or len(head) < len(text.rstrip("?. "))
    return title[:1].upper() + title[1:] + ("…" if cut else "")


def short_titles(texts: list[str], max_words: int = 8, longest: int = 24) -> list[str]:
    """`short_title` of each question, cut later where two would read the same (a request's "The number of
    nurses or support workers who support patients ..." and "... who support mental health patients ..."):
    a column's header must tell it from the others. Titles that still read the same at `longest` words stay."""
    titles = [short_title(text, max_words) for text in texts]
    words = max_words
    while words < longest:
        clashing = {title for title, n in Counter(titles).items() if n > 1}
        if not clashing:
            break
        words += 1
        titles = [short_title(text, words) if title in clashing else title for text, title in zip(texts, titles)]
    return titles


_NUMBER = re.compile(r"\d+|\b[a-z]\b", re.IGNORECASE)
_RANGE = re.compile(r"^\D*(\d+)\s*(?:-|–|to)\s*(\d+)\D*$")


def question_numbers(q: str) -> list[str]:
    """The request numbers a reply's label names: '1(a)'→['1'], 'Q2'→['2'], '1 and 2'→['1','2'], '1-3'→['1','2','3']."""
    q = q.strip()
    span = _RANGE.match(q)
    if span and int(span.group(1)) < int(span.group(2)) <= int(span.group(1)) + 20:
        return [str(n) for n in range(int(span.group(1)), int(span.group(2)) + 1)]
    if re.fullmatch(r"\s*[qQ]?\s*\d+\s*(\([^)]*\)|[a-z](?![a-z]))?\s*\.?", q):
        return [re.search(r"\d+", q).group()]
    tokens = [t.lower() for t in _NUMBER.findall(q) if t.lower() not in {"q"}]
    return list(dict.fromkeys(tokens))


def _keys_for(numbers: list[str], questions: list[CanonicalQuestion]) -> list[str]:
    """Canonical keys named by reply numbers; a lone letter a, b, c... stands for 1, 2, 3... when no number is a letter."""
    by_number = {q.number: q.key for q in questions if q.number}
    found = []
    for token in numbers:
        if token in by_number:
            found.append(by_number[token])
        elif token.isalpha() and len(token) == 1 and str(ord(token) - 96) in by_number:
            found.append(by_number[str(ord(token) - 96)])
    return list(dict.fromkeys(found))


def _vectoriser() -> TfidfVectorizer:
    # Character n-grams within words: robust to rewording ("budget"/"budgets", "NRM"/"referral").
    return TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=True)


def _place(answers: list[Answer], questions: list[CanonicalQuestion], fixed: dict[int, tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Place every answer not already fixed: by number when the text agrees, else by text similarity."""
    keys = [q.key for q in questions]
    if not questions:
        return [fixed.get(i, ()) for i in range(len(answers))]
    vectoriser = _vectoriser().fit([q.text for q in questions] + [a.question for a in answers if a.question])
    canon = vectoriser.transform([q.text for q in questions])
    asked = cosine_similarity(vectoriser.transform([a.question for a in answers]), canon)
    said = cosine_similarity(vectoriser.transform([a.answer for a in answers]), canon)
    assigned = []
    for i, answer in enumerate(answers):
        if i in fixed:
            assigned.append(fixed[i])
            continue
        by_number = _keys_for(question_numbers(answer.q), questions)
        if not answer.question:
            best = int(np.argmax(said[i]))
            assigned.append(tuple(by_number) if by_number else ((keys[best],) if said[i][best] >= MATCH else ()))
            continue
        sims = dict(zip(keys, asked[i]))
        best_key = max(keys, key=lambda k: sims[k])
        if by_number and sims[best_key] - max(sims[k] for k in by_number) < MARGIN:
            assigned.append(tuple(by_number))
        elif sims[best_key] >= MATCH:
            assigned.append((best_key,))
        else:
            assigned.append(tuple(by_number))
    return assigned


def align_to_request(answers: list[Answer], request_questions: list[tuple[str, str]]) -> Alignment:
    """Map answers to the request's own questions, given as (number, text) pairs."""
    titles = short_titles([text for _, text in request_questions])
    questions = [CanonicalQuestion(str(q), " ".join(text.split()), title, str(q)) for (q, text), title in zip(request_questions, titles)]
    return Alignment(questions, _place(answers, questions, {}), asked=True)


def _clusters(answers: list[Answer], texts: list[int]) -> list[list[int]]:
    """Groups of answer indices whose question texts are alike (deterministic: input order).

    Within one document the numbering is trusted: parts of one number (1(a), 1(b)) are
    always grouped, and two different numbers never are.
    """
    if len(texts) == 1:
        return [texts]
    vectors = _vectoriser().fit_transform([answers[i].question for i in texts])
    distance = 1 - cosine_similarity(vectors)
    by_doc: dict[str, list[tuple[int, list[str]]]] = {}
    for position, i in enumerate(texts):
        number = question_numbers(answers[i].q)[:1]
        if number:
            by_doc.setdefault(answers[i].doc, []).append((position, number))
    for numbered in by_doc.values():
        for a, number_a in numbered:
            for b, number_b in numbered:
                if a != b:
                    distance[a, b] = 0.0 if number_a == number_b else _APART
    np.fill_diagonal(distance, 0.0)
    model = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1 - CLUSTER)
    labels = model.fit_predict(np.clip(distance, 0.0, None))
    groups: dict[int, list[int]] = {}
    for index, label in zip(texts, labels):
        groups.setdefault(int(label), []).append(index)
    return list(groups.values())


def _representative(answers: list[Answer], members: list[int]) -> str:
    """The member question closest to all the others: the group's canonical wording."""
    texts = [answers[i].question for i in members]
    sims = cosine_similarity(_vectoriser().fit_transform(texts))
    return texts[int(np.argmax(sims.sum(axis=1)))]


def _majority_number(answers: list[Answer], members: list[int]) -> str:
    numbers = Counter(n for i in members for n in question_numbers(answers[i].q)[:1])
    return min(numbers, key=lambda n: (-numbers[n], _number_order(n))) if numbers else ""


def cluster_questions(answers: list[Answer], min_share: float = MIN_SHARE) -> Alignment:
    """Find the questions most bodies were asked by grouping similar question texts.

    Replies that never restate a question still count: their answers go by number to
    the group most replies numbered that way, or, for a number no group has, form a
    question of their own ("Question 3").
    """
    with_text = [i for i, a in enumerate(answers) if a.question]
    clusters = _clusters(answers, with_text) if with_text else []
    groups = [(members, _majority_number(answers, members), _representative(answers, members)) for members in clusters]
    claimed = {number for _, number, _ in groups}
    by_number: dict[str, list[int]] = {}
    for i, answer in enumerate(answers):
        number = question_numbers(answer.q)[:1]
        if not answer.question and number and number[0] not in claimed:
            by_number.setdefault(number[0], []).append(i)
    groups += [(members, number, f"Question {number}") for number, members in by_number.items()]
    bodies = {a.body_key for a in answers}
    needed = 1 if len(bodies) < 2 else max(2, math.ceil(min_share * len(bodies)))
    kept = []
    for members, number, text in groups:
        support = len({answers[i].body_key for i in members})
        if support >= needed:
            kept.append((_number_order(number), -support, members[0], members, number, text))
    kept.sort(key=lambda k: k[:3])
    questions, fixed = [], {}
    shared = Counter(k[4] for k in kept)
    titles = short_titles([k[5] for k in kept])
    keys = _keys([number if shared[number] == 1 else "" for _, _, _, _, number, _ in kept])
    for key, (_, _, _, members, number, text), title in zip(keys, kept, titles):
        questions.append(CanonicalQuestion(key, text, title, number if shared[number] == 1 else ""))
        fixed.update({i: (key,) for i in members})
    # Answers with question text outside the kept groups stay unmatched; text-less ones go by number/answer.
    fixed.update({i: () for i in with_text if i not in fixed})
    note = (
        "questions found by grouping similar question texts; kept those asked of at least "
        f"{needed} of {len(bodies)} {'body' if len(bodies) == 1 else 'bodies'}"
    )
    return Alignment(questions, _place(answers, questions, fixed), note)


def _keys(numbers: list[str]) -> list[str]:
    """Each found question's key: the number its replies gave it, so the reply's Q2 is headed Q2 even when
    too few bodies answered a Q1 to keep it; a group without a number of its own takes the next number
    after the highest given (a letter or a number two groups share is no key)."""
    given = [str(int(n)) if n.isdigit() else "" for n in numbers]
    spare = max((int(n) for n in given if n), default=0)
    keys: list[str] = []
    for number in given:
        if not number or number in keys:
            spare += 1
            number = str(spare)
        keys.append(number)
    return keys


def _number_order(number: str) -> tuple[int, str]:
    return (int(number), "") if number.isdigit() else (10**6, number)


def align(answers: list[Answer], request_questions: list[tuple[str, str]] | None = None, *, min_share: float = MIN_SHARE) -> Alignment:
    """Canonical questions for a set of answers: the request's when it has any, else found by grouping."""
    if request_questions:
        return align_to_request(answers, request_questions)
    alignment = cluster_questions(answers, min_share)
    if request_questions is not None:
        alignment.note = "the request file has no numbered questions; " + alignment.note
    return alignment
