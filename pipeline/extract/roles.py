"""The role of each unit of a reply: a linear model per unit, then the best sequence of roles.

Roles: O (neither: letterhead, greeting, boilerplate, site furniture), QB/QI (the
first/a further unit of a question the reply restates), AB/AI (the first/a further
unit of an answer). A logistic regression gives each unit's role probabilities from
its features (layout.py); transition probabilities between roles, counted on the
training replies, let Viterbi choose the most probable sequence (a reply reads
question, answer, question, answer... far more often than the unit scores alone show).

A reply must answer something: where a run of questions is followed by no answer
before the next question (or the end), the stretch after it whose answer probability
passes `fill_below` becomes that answer. Likewise a reply whose answers follow no question
takes its most question-like unit before them as the question, when it is more likely a
question than not.

The fitted model is plain numbers (vocabulary, weights, transitions), saved as JSON:
loading it runs no code, and reading replies needs no scikit-learn (only fitting does).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..vectors import dict_rows

Features = dict[str, float]
ROLES: tuple[str, ...] = ("O", "QB", "QI", "AB", "AI")
UNLIKE_REQUEST = 0.3  # a unit sharing less than this with every requested question restates none of them
COPIES_REQUEST = 0.9  # a unit whose words follow a requested question's this closely is that question
RESTATES_REQUEST = 0.6  # a sentence-long unit that follows no requested question this closely restates none...
ECHOES_REQUEST = 0.5  # ...unless a numbered heading shaped as a request, sharing this much of a question's topic words
# Features the decoding reads and the regression does not weigh: a question the reply says again above its answer
# (layout.py's `repeat_asked`) is in few replies, and learnt as a weight it moved other units too (body held out, 13
# assignments, when the rule only forbade an answer: the pages' precision gained 0.8 point learnt, 0.9 unlearnt, and
# learnt the housing letters lost half a point). A stray mark (`wordless`) is in one labelled reply.
# A numbered item that is only a value ("1. 312", units.py's `Unit.bare_value`) is in labelled replies, but never
# labelled: an anchor needs three words.
# The role of each piece of a row under a table's "Question | Response" header (units.py's `Unit.cell`); a
# full-width section row inside the table ("Part B - Contracts") heads the rows below it, no question or answer.
CELL_ROLES = {"question": "QB", "question_rest": "QI", "answer": "AB", "answer_rest": "AI", "section": "O"}
NOT_LEARNT = ("repeat_asked", "requester_letter", "wordless", "bare_value") + tuple(f"cell={cell}" for cell in CELL_ROLES)
_SHORT = ("len=0", "len=1", "len=2", "len=3")  # under five words: a label or a heading, too short to judge
_UNDER_EIGHT_WORDS = _SHORT + ("len=5",)  # layout's length buckets: "len=5" holds five to seven words
_INDEX = {role: i for i, role in enumerate(ROLES)}
# A continuation (QI, AI) goes on what its own kind began: the only way into QI is from QB or QI, into
# AI from AB or AI. The transition weights soften what was merely rare; these are never possible.
_CONTINUES = {"QI": ("QB", "QI"), "AI": ("AB", "AI")}


def _impossible() -> np.ndarray:
    """-1e9 for every transition into a continuation from anything but its own kind (the last row: a reply's start)."""
    penalty = np.zeros((len(ROLES) + 1, len(ROLES)))
    for inside, after in _CONTINUES.items():
        penalty[[k for k in range(len(ROLES) + 1) if k == len(ROLES) or ROLES[k] not in after], _INDEX[inside]] = -1e9
    return penalty


_IMPOSSIBLE = _impossible()


class RoleTagger:
    """Logistic regression over unit features + Viterbi over role transitions.

    `C` is the regression's inverse regularisation, `transition_weight` how much the
    transitions count against the unit scores, `fill_below` the answer probability a
    unit needs to be taken as a missing answer, `min_df` the documents a feature must
    occur in to be learnt (rarer ones would only memorise a body's wording).
    """

    def __init__(self, C: float = 0.3, transition_weight: float = 0.25, fill_below: float = 0.3, min_df: int = 2) -> None:
        self.C = C
        self.transition_weight = transition_weight
        self.fill_below = fill_below
        self.min_df = min_df

    def get_params(self) -> dict[str, Any]:
        """The settings it was made with (saved beside the weights, in name order)."""
        return {"C": self.C, "fill_below": self.fill_below, "min_df": self.min_df, "transition_weight": self.transition_weight}

    def fit(self, docs: Sequence[Sequence[Features]], roles: Sequence[Sequence[str]],
            sample_weight: Sequence[Sequence[float]] | None = None) -> RoleTagger:
        """Fit on whole replies: `docs[i][j]` is unit j's features, `roles[i][j]` its role."""
        from sklearn.linear_model import LogisticRegression  # only fitting needs scikit-learn (1.4 s to import)

        frequency: dict[str, int] = {}
        for doc in docs:
            for name in {k for unit in doc for k in unit}:
                frequency[name] = frequency.get(name, 0) + 1
        vocabulary = sorted(k for k, n in frequency.items() if n >= self.min_df and k not in NOT_LEARNT)
        self.vocabulary_ = {name: column for column, name in enumerate(vocabulary)}
        X = dict_rows([unit for doc in docs for unit in doc], self.vocabulary_)
        y = np.array([_INDEX[r] for doc in roles for r in doc])
        weights = np.array([w for doc in sample_weight for w in doc]) if sample_weight is not None else None
        classifier = LogisticRegression(C=self.C, class_weight="balanced", max_iter=5000)
        classifier.fit(X, y, sample_weight=weights)
        coef = np.zeros((len(ROLES), X.shape[1]))
        intercept = np.full(len(ROLES), -30.0)  # a role never seen in training is never chosen
        coef[classifier.classes_] = classifier.coef_ if len(classifier.classes_) > 2 else np.vstack([-classifier.coef_, classifier.coef_])
        intercept[classifier.classes_] = classifier.intercept_ if len(classifier.classes_) > 2 else [-classifier.intercept_[0], classifier.intercept_[0]]
        self.coef_, self.intercept_ = coef, intercept
        counts = np.ones((len(ROLES) + 1, len(ROLES)))  # add-one; the last row is the start of a reply
        for doc in roles:
            previous = len(ROLES)
            for role in doc:
                counts[previous, _INDEX[role]] += 1
                previous = _INDEX[role]
        self.log_transitions_ = np.log(counts / counts.sum(axis=1, keepdims=True))
        return self

    def predict_proba(self, doc: Sequence[Features]) -> np.ndarray:
        """Each unit's role probabilities (columns in ROLES order)."""
        scores = dict_rows(doc, self.vocabulary_) @ self.coef_.T + self.intercept_
        scores -= scores.max(axis=1, keepdims=True)
        probabilities = np.exp(scores)
        return probabilities / probabilities.sum(axis=1, keepdims=True)

    def predict_with_odds(self, doc: Sequence[Features]) -> tuple[list[str], np.ndarray]:
        """`predict`'s roles, and each unit's probability of being part of an answer (AB or AI) from its own
        features alone, before the sequence is chosen: what pairing weighs an answer the sequence gave by
        (pairing.EVEN_ODDS). A table's response cell (`Unit.cell`) and a numbered value alone (`Unit.bare_value`)
        are answers whatever their words score. The
        unit scores are computed once for both."""
        probabilities = self.predict_proba(doc)
        odds = probabilities[:, _INDEX["AB"]] + probabilities[:, _INDEX["AI"]]
        odds[[i for i, unit in enumerate(doc) if unit.get("bare_value") or any(
            unit.get(f"cell={cell}") for cell, role in CELL_ROLES.items() if role in ("AB", "AI"))]] = 1.0
        return self._decode(doc, probabilities), odds

    def predict(self, doc: Sequence[Features]) -> list[str]:
        """The most probable roles of a reply's units.

        Given the request as sent, a question the reply restates is one of the request's: a unit
        that shares almost none of their words is not taken for a question, and one that copies a
        question word for word is not taken for an answer. Request or not, a question the reply
        asked above and says again (a log page listing the request, then each question over its
        answer) is a question: the one the answer under it answers. A sentence that follows no question's
        words in order (it talks about the question's subject in its own words) answers it. A heading over
        a part is neither question nor answer; a paragraph opening on a question ("With regard to your
        second question, ...") is an answer, and a sentence reporting what was asked ("You also asked whether
        ...") a question (both too rare in the labelled replies for a weight to learn them). A salutation
        alone on its line is neither, and a question running into one with a question after it is a
        thread's header over the request letter (where a question ends is nothing one unit's score can see).
        A request thread's letters from the requester (layout's `requester_letter`) answer nothing. A stray
        mark alone on its line (`Unit.wordless`: a table's column letter, a bullet) starts no question or answer;
        a numbered item that is only a value ("2. 47", "3. Yes": `Unit.bare_value`) is an answer, and begins one
        unless lettered (a sub-question's part of an answer).
        Under a table's "Question | Response" header (`Unit.cell`), a row's question cell is a question and its
        response cell an answer, and a full-width section row inside the table ("Part B - Contracts") neither:
        the reply says so (and the few labelled replies laid out so teach no weight).
        """
        return self._decode(doc, self.predict_proba(doc))

    def _decode(self, doc: Sequence[Features], probabilities: np.ndarray) -> list[str]:
        """The roles from the unit scores (`predict`'s rules, then Viterbi and the fills); `probabilities` is changed."""
        if not doc:
            return []
        for roles, units in ((("QB", "QI"), [i for i, unit in enumerate(doc) if unit.get("has_request") and _unlike_request(unit)]),
                             (("AB", "AI"), [i for i, unit in enumerate(doc) if unit.get("req_verbatim", 0.0) >= COPIES_REQUEST]),
                             (("O", "AB", "AI"), [i for i, unit in enumerate(doc) if unit.get("repeat_asked")]),
                             (("AB", "AI"), [i for i, unit in enumerate(doc) if unit.get("requester_letter")]),
                             (("QB", "AB"), [i for i, unit in enumerate(doc) if unit.get("wordless")]),
                             (("O", "QB", "QI"), [i for i, unit in enumerate(doc) if unit.get("bare_value")]),
                             (("AI",), [i for i, unit in enumerate(doc) if unit.get("bare_value") and not unit.get("lab_letter")]),
                             *((tuple(r for r in ROLES if r != role), [i for i, unit in enumerate(doc) if unit.get(f"cell={cell}")])
                               for cell, role in CELL_ROLES.items()),
                             (("QB", "QI", "AB", "AI"), [i for i, unit in enumerate(doc) if _heading(unit) or _salutation(unit)]),
                             (("O", "QB", "QI"), [i for i, unit in enumerate(doc) if unit.get("turns_to")]),
                             (("O", "AB", "AI"), [i for i, unit in enumerate(doc) if _reports_request(unit)])):
            if units:
                probabilities[np.ix_(units, [_INDEX[r] for r in roles])] = 1e-9
                probabilities /= probabilities.sum(axis=1, keepdims=True)
        roles = _before_the_letter(self._viterbi(np.log(np.maximum(probabilities, 1e-12))), doc)
        roles = _answers_numbered_on(roles, doc)
        roles = _fill_missing_answers(roles, probabilities, self.fill_below)
        return _fill_missing_question(roles, probabilities)

    def _viterbi(self, emissions: np.ndarray) -> list[str]:
        transitions = self.transition_weight * self.log_transitions_ + _IMPOSSIBLE
        n, k = emissions.shape
        score = emissions[0] + transitions[-1]
        back = np.zeros((n, k), dtype=int)
        for i in range(1, n):
            candidates = score[:, None] + transitions[:k] + emissions[i][None, :]
            back[i] = candidates.argmax(axis=0)
            score = candidates.max(axis=0)
        path = [int(score.argmax())]
        for i in range(n - 1, 0, -1):
            path.append(int(back[i][path[-1]]))
        return [ROLES[j] for j in reversed(path)]

    def to_dict(self) -> dict[str, Any]:
        """The fitted model as plain JSON-able numbers."""
        return {
            "params": self.get_params(),
            "vocabulary": sorted(self.vocabulary_, key=self.vocabulary_.__getitem__),
            "coef": np.round(self.coef_, 6).tolist(),
            "intercept": np.round(self.intercept_, 6).tolist(),
            "log_transitions": np.round(self.log_transitions_, 6).tolist(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RoleTagger:
        """Rebuild a fitted tagger from `to_dict`'s output."""
        tagger = cls(**data["params"])
        tagger.vocabulary_ = {name: column for column, name in enumerate(data["vocabulary"])}
        tagger.coef_ = np.asarray(data["coef"], dtype=float)
        tagger.intercept_ = np.asarray(data["intercept"], dtype=float)
        tagger.log_transitions_ = np.asarray(data["log_transitions"], dtype=float)
        if tagger.coef_.shape != (len(ROLES), len(data["vocabulary"])) or tagger.log_transitions_.shape != (len(ROLES) + 1, len(ROLES)):
            raise ValueError("segmenter weights do not match its vocabulary and roles")
        return tagger


def _heading(unit: Features) -> bool:
    """A heading over a request or a response ("Response:", "Final decision:", "Request details:"): a
    label of the part below it, never a question's or an answer's own words."""
    return bool(unit.get("marker_only") or ((unit.get("head_response") or unit.get("head_request")) and unit.get("end:")))


def _salutation(unit: Features) -> bool:
    """A letter's salutation alone on its line ("Dear Northvale Police,", "Dear Sir or Madam"): it opens a
    letter, so it is no part of a question or an answer (GUIDE.md): all 101 labelled ones are furniture."""
    return bool(unit.get("greeting") and (unit.get("end,") or unit.get("end_none"))
                and any(unit.get(k) for k in _UNDER_EIGHT_WORDS))


def _before_the_letter(roles: list[str], doc: Sequence[Features]) -> list[str]:
    """A question that runs into a salutation with a question after it was the header over a request letter
    (a thread's title, who asked whom, the date): furniture, not a question given the answer too. Read
    after the Viterbi path, as it is a question's extent, which no unit's score can see."""
    roles = list(roles)
    for i, unit in enumerate(doc):
        if not (_salutation(unit) and i and roles[i - 1] in ("QB", "QI")):
            continue
        after = next((r for r in roles[i + 1:] if r != "O"), None)
        if after != "QB":
            continue
        j = i - 1
        while j >= 0 and roles[j] in ("QB", "QI"):
            roles[j] = "O"
            j -= 1
    return roles


def _answers_numbered_on(roles: list[str], doc: Sequence[Features]) -> list[str]:
    """A numbered statement in a list of numbered answers is an answer: a reply that answers "1. We hold 312
    claims.", "2. 47 were paid.", ... without restating the questions numbers its answers as the request did.
    So a statement taken for a question or for neither, whose next numbered unit (same list form, next
    number) is an answer, is itself one (an answer numbered 2 answers no question numbered 1 just above it);
    and a statement taken for a question that nothing answers, or for neither (the list's last item, above the
    sign-off), numbered next after an answer, is the list's next answer. A unit that asks ("?", "Please
    provide") or heads a part stays as it was. Read after the Viterbi path, as it is a list's numbering,
    which no unit's score can see."""
    roles = list(roles)
    numbered = [i for i, unit in enumerate(doc) if unit.get("lab_num")]
    for before, i, after in reversed(list(zip([None, *numbered], numbered, [*numbered[1:], None]))):
        unit = doc[i]
        if roles[i] not in ("O", "QB") or _asks(unit) or _heading(unit):
            continue
        end = i + 1
        while roles[i] == "QB" and end < len(doc) and roles[end] == "QI" and not doc[end].get("lab_num"):
            end += 1
        answered_after = (after == end and roles[after] == "AB" and doc[after].get("lab_next") and _form(doc[after]) == _form(unit))
        follows_answer = (before is not None and roles[before] == "AB" and unit.get("lab_next")
                          and (roles[i] == "QB" or not unit.get("heading_like"))  # "4. Staffing" heads what follows
                          and _form(doc[before]) == _form(unit) and _unanswered(roles, end))
        if answered_after or follows_answer:
            roles[i:end] = ["AB"] + ["AI"] * (end - i - 1)
    return roles


def _unanswered(roles: Sequence[str], start: int) -> bool:
    """Whether no answer comes from `start` before the next question (or the end)."""
    for role in roles[start:]:
        if role[0] == "A":
            return False
        if role == "QB":
            return True
    return True


def _asks(unit: Features) -> bool:
    """Whether a numbered unit reads as asking by its own features (a question mark, asking words, the requester's
    formulas, a request's shape): the decoding's test, broader than layout's `_asks`, which the features read."""
    return bool(unit.get("end?") or unit.get("asking") or unit.get("requester") or unit.get("request_shape"))


def _form(unit: Features) -> str:
    """A numbered unit's list form ("lab_form=." for "1.", "lab_form=)" for "1)"): one list keeps one form."""
    return next((k for k in unit if k.startswith("lab_form=")), "")


def _reports_request(unit: Features) -> bool:
    """A sentence reporting what was asked ("You also asked whether the council has a plan."), alone in its
    unit: a question restated in the responder's words. A heading over the request ("You asked:") is not one,
    nor a report the answer follows in the same paragraph (layout.py marks only a unit of one sentence)."""
    return bool(unit.get("reports_request")) and not unit.get("end:") and not any(k in unit for k in _SHORT)


def _unlike_request(unit: Features) -> bool:
    """Whether a unit restates none of the requested questions (see `RoleTagger.predict`)."""
    if max(unit.get("req_sim", 0.0), unit.get("req_verbatim", 0.0)) < UNLIKE_REQUEST:
        return True
    if unit.get("lab_num") and unit.get("request_shape") and not unit.get("end.") and unit.get("req_sim", 0.0) >= ECHOES_REQUEST:
        return False  # a numbered heading in the request's shape, in the reply's own words ("3. The number of staff trained")
    return unit.get("req_verbatim", 0.0) < RESTATES_REQUEST and not any(k in unit for k in _SHORT)


def _fill_missing_answers(roles: list[str], probabilities: np.ndarray, threshold: float) -> list[str]:
    """Give an answer to every run of questions that has none before the next question (or the
    reply's end), and to a reply with no question and no answer: the most answer-like stretch."""
    roles = list(roles)
    n = len(roles)
    answer = probabilities[:, _INDEX["AB"]] + probabilities[:, _INDEX["AI"]]
    stretches = []
    questions = [i for i, r in enumerate(roles) if r[0] == "Q"]
    if not questions:
        if not any(r[0] == "A" for r in roles):
            stretches.append((0, n))
    else:
        i = 0
        while i < n:
            if roles[i][0] != "Q":
                i += 1
                continue
            start = i
            while start < n and roles[start][0] == "Q":
                start += 1
            end = start
            while end < n and roles[end][0] != "Q":
                end += 1
            if not any(roles[j][0] == "A" for j in range(start, end)):
                stretches.append((start, end))
            i = end
    for start, end in stretches:
        if start >= end:
            continue
        best = max(range(start, end), key=lambda j: answer[j])
        if answer[best] < threshold:
            continue
        low = high = best
        while low - 1 >= start and answer[low - 1] >= threshold:
            low -= 1
        while high + 1 < end and answer[high + 1] >= threshold:
            high += 1
        for j in range(low, high + 1):
            roles[j] = "AB" if j == low else "AI"
    return roles


ASKS_ALONE = 0.5  # the probability of starting a question a unit needs to be taken as a reply's only question


def _fill_missing_question(roles: list[str], probabilities: np.ndarray) -> list[str]:
    """A reply with answers but no question: the unit before the first answer most likely to start a
    question (QB) is its question when it more likely starts one than not (a page's request above a
    "Response" heading, which the transitions alone would pass over). A unit read as going on with a
    question (QI: a page's title above the request, say) starts none."""
    if any(r[0] == "Q" for r in roles):
        return roles
    first = next((i for i, r in enumerate(roles) if r[0] == "A"), 0)
    if first == 0:
        return roles
    asking = probabilities[:first, _INDEX["QB"]]
    best = int(asking.argmax())
    if asking[best] < ASKS_ALONE:
        return roles
    return [*roles[:best], "QB", *roles[best + 1:]]
