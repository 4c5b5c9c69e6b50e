"""Role decoding rules of the segmenter (pipeline/extract/roles.py), on probabilities written here."""
from __future__ import annotations

import numpy as np

from pipeline.extract.roles import ROLES, RoleTagger, _fill_missing_question


def _probabilities(*rows: dict[str, float]) -> np.ndarray:
    return np.array([[row.get(role, 0.0) for role in ROLES] for row in rows])


def test_a_reply_with_answers_and_no_question_takes_its_most_question_like_unit_before_them() -> None:
    """A page's request above a "Response" heading: the transitions passed it over, but it asks."""
    probabilities = _probabilities({"O": 0.9, "QB": 0.1}, {"O": 0.3, "QB": 0.65, "QI": 0.05}, {"O": 0.9, "QB": 0.1},
                                   {"AB": 0.9, "O": 0.1})
    assert _fill_missing_question(["O", "O", "O", "AB"], probabilities) == ["O", "QB", "O", "AB"]


def test_no_question_is_made_up_when_none_is_likely_or_one_was_found() -> None:
    unsure = _probabilities({"O": 0.6, "QB": 0.4}, {"AB": 1.0})
    assert _fill_missing_question(["O", "AB"], unsure) == ["O", "AB"]
    found = _probabilities({"QB": 0.9, "O": 0.1}, {"O": 0.4, "QB": 0.6}, {"AB": 1.0})
    assert _fill_missing_question(["QB", "O", "AB"], found) == ["QB", "O", "AB"]
    answer_first = _probabilities({"AB": 1.0}, {"QB": 0.9, "O": 0.1})
    assert _fill_missing_question(["AB", "O"], answer_first) == ["AB", "O"]


def test_a_heading_over_a_request_or_a_response_is_neither_question_nor_answer() -> None:
    """"Final decision:" or "Response:" labels the part below it (GUIDE.md anchors leave it out), however
    much the unit scores say answer; the line under it takes the answer."""
    from pipeline.extract.layout import unit_features
    from pipeline.extract.units import units_of

    lines = ["Requested information:", "1. How many road signs were replaced?", "Final decision:", "Please see the enclosed list."]
    features = unit_features(units_of("\n".join(lines)))
    # Unit scores (as a fitted model might give them): the headings read as a question and an answer.
    scores = _probabilities({"O": 0.2, "QB": 0.8}, {"QB": 0.9, "O": 0.1}, {"AB": 0.7, "O": 0.3}, {"AB": 0.6, "O": 0.3, "AI": 0.1})
    tagger = RoleTagger()
    tagger.predict_proba = lambda doc: scores.copy()
    tagger.log_transitions_ = np.zeros((len(ROLES) + 1, len(ROLES)))  # no preference between roles
    assert tagger.predict(features) == ["O", "QB", "O", "AB"]
    # With the odds pairing weighs answers by: the same roles, and the unit scores as they were before the rules
    # (the heading's 0.7 as an answer, which the rule overruled, is what its words said).
    roles, odds = tagger.predict_with_odds(features)
    assert roles == ["O", "QB", "O", "AB"] and np.allclose(odds, [0.0, 0.0, 0.7, 0.7])


def test_a_paragraph_opening_on_a_question_is_an_answer_whatever_the_unit_scores_say() -> None:
    from pipeline.extract.layout import unit_features
    from pipeline.extract.units import units_of

    lines = ["In answer to your first question, 14 wardens patrol the parks.", "Turning to question 2, no fines were issued."]
    features = unit_features(units_of("\n".join(lines)))
    scores = _probabilities({"AB": 0.8, "O": 0.2}, {"O": 0.7, "AB": 0.2, "QB": 0.1})  # the second read as closing text
    tagger = RoleTagger()
    tagger.predict_proba = lambda doc: scores.copy()
    tagger.log_transitions_ = np.zeros((len(ROLES) + 1, len(ROLES)))
    assert tagger.predict(features)[1] in ("AB", "AI")


def test_a_reply_without_a_question_takes_the_unit_likeliest_to_start_one() -> None:
    """A page title read as a question's continuation (QI) is no question start; the request under it is."""
    roles = ["O", "O", "O", "AB"]
    chosen = _fill_missing_question(roles, _probabilities({"QI": 0.7, "O": 0.3}, {"O": 0.9, "QB": 0.1},
                                                          {"QB": 0.68, "O": 0.32}, {"AB": 0.9, "O": 0.1}))
    assert chosen == ["O", "O", "QB", "AB"]


def test_a_numbered_heading_restating_a_requested_question_in_its_own_words_may_be_a_question() -> None:
    """Given the request, a long unit that copies no question's words is no question, unless it is a numbered
    heading shaped as a request on a question's topic (the reply's paraphrase of it); a numbered sentence that
    points to an answer ("1. Please see the attached table.") stays no question."""
    from pipeline.extract.layout import unit_features
    from pipeline.extract.request import Request, RequestQuestion
    from pipeline.extract.units import units_of

    request = Request([RequestQuestion("1", "How many school crossing patrol officers did the council employ in each of the last three years?")])
    lines = ["1. The number of school crossing patrol officers employed by the council, by year",
             "1. Please see the attached table of school crossing patrol officers employed by year."]
    features = unit_features(units_of("\n".join(lines)), request)
    scores = _probabilities({"QB": 0.9, "AB": 0.1}, {"QB": 0.9, "AB": 0.1})
    tagger = RoleTagger()
    tagger.predict_proba = lambda doc: scores.copy()
    tagger.log_transitions_ = np.zeros((len(ROLES) + 1, len(ROLES)))
    assert tagger.predict(features) == ["QB", "AB"]


def test_a_sentence_reporting_what_was_asked_is_a_question_whatever_the_unit_scores_say() -> None:
    """"You further asked whether ..." restates a question in the responder's words; "You asked:" over the
    request is a heading, and a report with the answer after it in the same paragraph is no question alone."""
    from pipeline.extract.layout import unit_features
    from pipeline.extract.units import units_of

    lines = ["You asked how many allotment sites the council owns.", "The council owns 14 sites.",
             "You further asked whether there is a waiting list.", "There is, with 230 names on it.",
             "You asked:", "You asked about fees. Fees rose by 4% in April."]
    features = unit_features(units_of("\n".join(lines)))
    # Unit scores as a fitted model might give them: the second report read as more of the answer above.
    scores = _probabilities({"QB": 0.9, "O": 0.1}, {"AB": 0.9, "O": 0.1}, {"AI": 0.7, "QB": 0.2, "O": 0.1},
                            {"AB": 0.8, "O": 0.2}, {"O": 0.9, "QB": 0.1}, {"AB": 0.6, "QB": 0.3, "O": 0.1})
    tagger = RoleTagger()
    tagger.predict_proba = lambda doc: scores.copy()
    tagger.log_transitions_ = np.zeros((len(ROLES) + 1, len(ROLES)))
    assert tagger.predict(features) == ["QB", "AB", "QB", "AB", "O", "AB"]


def test_a_question_the_reply_says_again_above_its_answer_is_a_question_whatever_the_unit_scores_say() -> None:
    """A log page lists the request, then says each question again under its response heading: the copy
    reads like the answers around it (numbered, under "Reply:"), but it asked above, so it is the question
    again (not furniture: an answer follows a question), and the line under it is the answer. The rule is
    read by the decoding, not learnt (roles.NOT_LEARNT)."""
    from pipeline.extract.layout import unit_features
    from pipeline.extract.roles import NOT_LEARNT
    from pipeline.extract.units import units_of

    lines = ["Details of request:", "1. How many bus shelters did the council repair in 2023?", "Reply:",
             "1. How many bus shelters did the council repair in 2023?", "Forty-two shelters were repaired in 2023."]
    features = unit_features(units_of("\n".join(lines)))
    assert [bool(f.get("repeat_asked")) for f in features] == [False, False, False, True, False]
    # Unit scores as a model trained on other bodies gave such a page: the copy read as the answer's start.
    scores = _probabilities({"O": 0.9, "QB": 0.1}, {"QB": 0.9, "O": 0.1}, {"O": 0.9, "AB": 0.1},
                            {"AB": 0.7, "QB": 0.2, "O": 0.1}, {"AI": 0.6, "AB": 0.3, "O": 0.1})
    tagger = RoleTagger()
    tagger.predict_proba = lambda doc: scores.copy()
    tagger.log_transitions_ = np.zeros((len(ROLES) + 1, len(ROLES)))
    roles = tagger.predict(features)
    assert roles[3:] == ["QB", "AB"], roles
    # Even where its own score reads it as furniture, it is the question again.
    scores[3] = _probabilities({"O": 0.6, "QB": 0.3, "AB": 0.1})[0]
    assert tagger.predict(features)[3:] == ["QB", "AB"]
    # Fitted, the tagger gives the mark no weight of its own: only the decoding reads it.
    fitted = RoleTagger().fit([features, features], [["O", "QB", "O", "O", "AB"]] * 2)
    assert not set(NOT_LEARNT) & set(fitted.vocabulary_) and "repeat" in fitted.vocabulary_


def test_a_thread_header_over_the_request_letter_is_no_part_of_the_question_whatever_the_unit_scores_say() -> None:
    """A request thread as a page gives it: the title, who asked whom and when, then the request letter
    ("Dear ...,"), then the reply. Read as a question running from the title through the salutation, the
    header became the question's start; a salutation alone on its line opens a letter, so it belongs to no
    question or answer, and a question it cuts off from the request under it is the header."""
    from pipeline.extract.layout import unit_features
    from pipeline.extract.units import units_of

    lines = ["Grit bins on residential streets", "Jo Bell made this Freedom of Information request to Riverton Council",
             "12 May 2024", "Dear Riverton Council,", "Please tell me how many grit bins the council refilled last winter.",
             "Yours faithfully,", "Jo Bell", "Dear Jo Bell,", "The council refilled 1,240 grit bins last winter."]
    features = unit_features(units_of("\n".join(lines)))
    # Unit scores as a model trained on other bodies gave such a thread: the title read as a question's start.
    scores = _probabilities({"QB": 0.6, "O": 0.4}, {"QI": 0.6, "O": 0.4}, {"QI": 0.6, "O": 0.4}, {"QI": 0.5, "O": 0.5},
                            {"QB": 0.5, "QI": 0.4, "O": 0.1}, {"O": 0.9, "QI": 0.1}, {"O": 0.9, "QI": 0.1},
                            {"O": 0.6, "AB": 0.4}, {"AB": 0.8, "O": 0.2})
    tagger = RoleTagger()
    tagger.predict_proba = lambda doc: scores.copy()
    tagger.log_transitions_ = np.zeros((len(ROLES) + 1, len(ROLES)))
    assert tagger.predict(features) == ["O", "O", "O", "O", "QB", "O", "O", "O", "AB"]
    # A question asked before a salutation with no question after it stays the question (a request quoted
    # above the reply letter that answers it).
    quoted = ["Your request:", "How many grit bins did the council refill last winter?", "Dear Jo Bell,",
              "The council refilled 1,240 grit bins last winter."]
    features = unit_features(units_of("\n".join(quoted)))
    scores = _probabilities({"O": 0.9, "QB": 0.1}, {"QB": 0.9, "O": 0.1}, {"QI": 0.5, "O": 0.5}, {"AB": 0.8, "O": 0.2})
    assert tagger.predict(features) == ["O", "QB", "O", "AB"]


def test_a_stray_mark_starts_no_question_or_answer_whatever_the_unit_scores_say() -> None:
    """A column letter or a bullet alone on its line (`Unit.wordless`) between the questions: scored as an
    answer's start by a model that never saw one, it starts nothing, so the response under the questions
    answers them all. A figure alone ("0") is an answer's words, not a stray mark."""
    from pipeline.extract.layout import unit_features
    from pipeline.extract.units import units_of

    lines = ["1. How many parks does the council maintain?", "•", "2. How many park rangers does it employ?", "C",
             "Response:", "The figures are in the attached table.", "0"]
    units = units_of("\n".join(lines))
    assert [u.wordless for u in units] == [False, True, False, True, False, False, False]
    marks = units_of("\n".join(["N/A", "n/a", "Y", "X", "\u2713", "-", "--------", "|", "o", "A"]))
    assert [u.wordless for u in marks] == [False] * 6 + [True] * 4  # a form's answer marks are answers' words
    features = unit_features(units)
    scores = _probabilities({"QB": 0.9, "O": 0.1}, {"AB": 0.6, "O": 0.3, "QI": 0.1}, {"QB": 0.9, "O": 0.1},
                            {"AB": 0.7, "QI": 0.2, "O": 0.1}, {"O": 0.9, "AB": 0.1}, {"AB": 0.9, "O": 0.1},
                            {"AB": 0.6, "AI": 0.4})
    tagger = RoleTagger()
    tagger.predict_proba = lambda doc: scores.copy()
    tagger.log_transitions_ = np.zeros((len(ROLES) + 1, len(ROLES)))
    roles = tagger.predict(features)
    assert [r for r in roles if r in ("QB", "AB")] == ["QB", "QB", "AB", "AB"], roles
    assert roles[1] in ("O", "QI") and roles[3] in ("O", "QI"), roles


def test_a_numbered_value_alone_begins_an_answer_whatever_the_unit_scores_say() -> None:
    """"2. 16" or "3. Nil." answers the question of its number; labels never anchor such short answers, so no
    weight learns it. A heading ("4. Staffing") and a sentence stay as the scores say."""
    from pipeline.extract.layout import unit_features
    from pipeline.extract.units import units_of

    units = units_of("\n".join(["1. 16", "2. Nil.", "3. £2.5 million", "4. Staffing"]))
    assert [u.bare_value for u in units] == [True, True, True, False]
    scores = _probabilities({"O": 0.6, "QB": 0.3, "AB": 0.1}, {"QB": 0.5, "AI": 0.4, "AB": 0.1},
                            {"AI": 0.7, "AB": 0.2, "O": 0.1}, {"O": 0.9, "AB": 0.1})
    tagger = RoleTagger()
    tagger.predict_proba = lambda doc: scores.copy()
    tagger.log_transitions_ = np.zeros((len(ROLES) + 1, len(ROLES)))
    roles, odds = tagger.predict_with_odds(unit_features(units))
    assert roles == ["AB", "AB", "AB", "O"] and np.allclose(odds, [1.0, 1.0, 1.0, 0.1])


def test_numbered_statements_between_numbered_answers_are_answers() -> None:
    """A list numbered 1-3 whose 2 and 3 are answers: 1, a statement read as neither, is an answer too; and a
    statement numbered next after an answer, read as a question nothing answers, is the next answer."""
    from pipeline.extract.layout import unit_features
    from pipeline.extract.units import units_of

    lines = ["1. The park has 3 gates.", "2. They open at dawn.", "3. The café closes at 5pm."]
    scores = _probabilities({"O": 0.6, "AB": 0.4}, {"AB": 0.9, "QB": 0.1}, {"QB": 0.7, "AB": 0.3})
    tagger = RoleTagger()
    tagger.predict_proba = lambda doc: scores.copy()
    tagger.log_transitions_ = np.zeros((len(ROLES) + 1, len(ROLES)))
    assert tagger.predict(unit_features(units_of("\n".join(lines)))) == ["AB", "AB", "AB"]
    asking = ["1. The park has 3 gates.", "2. When do they open?", "3. They open at dawn."]
    scores = _probabilities({"AB": 0.9, "QB": 0.1}, {"QB": 0.9, "AB": 0.1}, {"AB": 0.9, "QB": 0.1})
    tagger.predict_proba = lambda doc: scores.copy()
    assert tagger.predict(unit_features(units_of("\n".join(asking)))) == ["AB", "QB", "AB"]  # a question asks
