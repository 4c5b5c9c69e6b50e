"""A per-question scheme's yes/no pairs (`X`, `no_X`) are decided together: the question says
which pair an answer codes, a polarity head shared by all pairs says yes or no, and an answer
codes one question. Trained here on a made-up schools campaign with the real spaCy pipeline,
tested on answers worded otherwise."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.classify import answer_blocks, definition_terms, load_model, save_model
from pipeline.labels import finding_pairs, parse_scheme
from pipeline.modelfiles import default_model_dir
from pipeline.tag import load_nlp, tag_records
from pipeline.train.fit import fit_model

SCHEME = parse_scheme("""
name = "schools"
per_question = true
[findings]
pupil_counsellors = "the school employs counsellors or wellbeing workers for its pupils"
no_pupil_counsellors = "the school employs no counsellor for pupils; tutors help as part of their role"
bullying_policy = "a written policy on bullying exists (attached, linked or described)"
no_bullying_policy = "there is no written policy on bullying"
staff_counsellors = "the school employs counsellors or wellbeing workers for its teachers and staff"
no_staff_counsellors = "the school employs no counsellor for teachers and staff; managers help as part of their role"
""")
PAIRS = [("pupil_counsellors", "no_pupil_counsellors"), ("bullying_policy", "no_bullying_policy"),
         ("staff_counsellors", "no_staff_counsellors")]
QUESTIONS = {
    "pupil": "How many counsellors or wellbeing workers does the school employ for its pupils?",
    "policy": "Please send us the school's policy on bullying.",
    "staff": "How many counsellors or wellbeing workers does the school employ for its teachers and staff?",
}
YES_STAFF = ("We employ {n} counsellors who work with {who}.", "{N} wellbeing workers are based in the school for {who}.",
             "The school has a counsellor for {who}, funded by the trust.", "There is one wellbeing worker supporting {who} three days a week.")
NO_STAFF = ("We do not employ any counsellors for {who}.", "There are no counsellors for {who}; tutors help as part of their role.",
            "The school has no dedicated wellbeing worker for {who}.", "No specialist counsellor is employed for {who}; heads of year do this.")
YES_POLICY = ("Our anti-bullying policy is attached.", "The bullying policy is published on our website.",
              "Please find the policy on bullying enclosed.", "Bullying is covered by our written policy, attached.")
NO_POLICY = ("We do not have a separate bullying policy; the behaviour policy covers it.", "There is no written policy on bullying.",
             "The school has no policy on bullying of its own.", "No bullying policy is held; staff follow national guidance.")
WHO = {"pupil": "pupils", "staff": "teachers"}


def _answer(topic: str, yes: bool, k: int) -> str:
    if topic == "policy":
        return (YES_POLICY if yes else NO_POLICY)[k % 4]
    n = 2 + k % 3
    return (YES_STAFF if yes else NO_STAFF)[k % 4].format(n=n, N=str(n).capitalize(), who=WHO[topic])


def _findings(topic: str, yes: bool) -> list[str]:
    name = {"pupil": "pupil_counsellors", "policy": "bullying_policy", "staff": "staff_counsellors"}[topic]
    return [name if yes else f"no_{name}"]


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _fit(nlp, asked: bool):
    records, outcomes, findings, groups = [], [], [], []
    for school in range(16):
        for t, topic in enumerate(QUESTIONS):
            yes = (school + t) % 3 != 0
            records.append({"question": QUESTIONS[topic], "answer": _answer(topic, yes, school + t), "exemptions": [], "facts": {}})
            findings.append(_findings(topic, yes))
            outcomes.append("provided" if yes or topic == "policy" else "not_held")
            groups.append(f"school {school}")
    return fit_model(tag_records(records, nlp), outcomes, findings,
                     finding_labels=list(SCHEME.finding_names), definitions=definition_terms(SCHEME, nlp),
                     groups=groups, documents=groups, asked=asked)


@pytest.fixture(scope="module")
def model(nlp):
    return _fit(nlp, asked=True)


def _predict(model, nlp, pairs: list[tuple[str, str]]):
    records = [{"question": QUESTIONS[topic], "answer": answer, "exemptions": [], "facts": {}} for topic, answer in pairs]
    return model.predict(tag_records(records, nlp))


def test_pairs_are_a_finding_and_its_no(model, nlp) -> None:
    assert finding_pairs(["a", "no_a", "b", "no_c", "c_d"]) == [("a", "no_a")]
    assert model.pairs == finding_pairs(SCHEME.finding_names) == PAIRS
    # A scheme that is not per question keeps a head per finding (its findings may answer any question).
    plain = _fit(nlp, asked=False)
    assert plain.pairs == [] and plain.polarity is None


def test_the_question_picks_the_pair_and_the_answer_says_yes_or_no(model, nlp) -> None:
    said = _predict(model, nlp, [
        ("pupil", "Two members of the counselling team see pupils every week."),
        ("staff", "Two members of the counselling team see teachers every week."),
        ("staff", "Nobody is employed to counsel teachers, who are supported by their line managers."),
        ("policy", "We have not written a policy about bullying."),
        ("policy", "The attached document sets out how bullying is handled."),
    ])
    assert [p.findings for p in said] == [["pupil_counsellors"], ["staff_counsellors"], ["no_staff_counsellors"],
                                          ["no_bullying_policy"], ["bullying_policy"]]


def test_an_answer_codes_one_pair_and_its_scores_split_the_pair_head(model, nlp) -> None:
    """An answer that speaks of pupils and teachers alike still codes only the question it answers."""
    record = {"question": QUESTIONS["pupil"], "answer": "We employ three counsellors who work with pupils and teachers.",
              "exemptions": [], "facts": {}}
    tagged = tag_records([record], nlp)
    [said] = model.predict(tagged)
    assert said.findings == ["pupil_counsellors"]
    X = model.features.transform(tagged)
    for yes, no in PAIRS:
        asked = model.findings[model.finding_labels.index(yes)].positive(X)[0]
        assert said.finding_scores[yes] + said.finding_scores[no] == pytest.approx(asked, abs=2e-4)


def test_a_saved_paired_model_decides_the_same(model, nlp, tmp_path: Path) -> None:
    card = load_model(default_model_dir()).meta  # the shipped model's card, made this campaign's
    meta = {**card, "finding_labels": model.finding_labels, "scheme": {
        "name": SCHEME.name, "description": "", "findings": {f.name: f.definition for f in SCHEME.findings}, "per_question": True}}
    folder = save_model(replace(model, meta=meta), tmp_path / "schools")
    loaded = load_model(folder)
    assert loaded.pairs == PAIRS and loaded.polarity is not None
    assert "`pupil_counsellors` / `no_pupil_counsellors`" in (folder / "MODEL_CARD.md").read_text("utf-8")
    questions = [("pupil", "There are no counsellors for pupils."), ("policy", "Our policy on bullying is attached.")]
    assert _predict(loaded, nlp, questions) == _predict(model, nlp, questions)


def test_the_evidence_for_a_no_is_the_sentence_that_says_no(model, nlp) -> None:
    answer = "The school values the wellbeing of its staff. We do not employ a counsellor for teachers."
    tagged = tag_records([{"question": QUESTIONS["staff"], "answer": answer, "exemptions": [], "facts": {}}], nlp)
    [evidence] = model.evidence(tagged, [["no_staff_counsellors"]])
    assert evidence["no_staff_counsellors"] == "We do not employ a counsellor for teachers."


def test_one_passage_given_to_several_questions_codes_each_of_them(model, nlp) -> None:
    """A letter that answers the questions together: each copy of the passage carries the findings its
    copies get under each question; two answers that only read alike keep their own."""
    passage = ("There are no counsellors for pupils or for teachers; tutors and managers help. "
               "Our anti-bullying policy is attached.")
    records = [{"doc": "letter", "q": str(n), "question": QUESTIONS[topic], "answer": passage, "exemptions": [], "facts": {},
                "flags": ["answers_several"]} for n, topic in enumerate(QUESTIONS, 1)]
    tagged = tag_records(records, nlp)
    alone = model.predict(tagged)
    together = model.predict(tagged, blocks=answer_blocks(records))
    assert all(len(p.findings) == 1 for p in alone)  # one pair an answer, its question's
    union = sorted(f for p in alone for f in p.findings)
    assert len(union) == 3 and all(sorted(p.findings) == union for p in together)
    for p in together:
        assert all(p.finding_scores[f] == max(q.finding_scores[f] for q in alone) for f in union)
    # The same words given separately to two questions (not flagged) are two answers.
    separate = [{**r, "flags": []} for r in records]
    assert [p.findings for p in model.predict(tagged, blocks=answer_blocks(separate))] == [p.findings for p in alone]
