"""Guards on the real-reply figures the README reports, body held out (corpus/real).

Each floor sits a little under what the code reaches today, so a change that loses real
replies' answers or labels fails here rather than silently. The fictional corpus trains in
every fold but is never scored, and so do corpus/outcomes' replies (which train the classifier
only): real replies decide. `foi-nlp evaluate ... --cv` (README, "On real replies, body held
out") prints the same figures (segmentation 10 folds, labelling 5).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.labels import load_scheme
from pipeline.train import evaluate_classification, segmentation_cv

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "corpus" / "real"
SETS = {"pages": REAL / "pages", "mysociety": REAL / "mysociety", "accommodation": REAL / "nhs-roundrobin" / "accommodation",
        "housing": REAL / "nhs-roundrobin" / "housing"}
CORPUS = ROOT / "corpus"
OUTCOMES = CORPUS / "outcomes"  # fictional replies that teach the rare outcomes: the classifier only (README)
LABELS = [CORPUS / "labels.jsonl", *(folder / "labels.jsonl" for folder in SETS.values())]
DOCS = [CORPUS, *SETS.values()]

# segmenter recall, precision per set (10-fold, body held out, the mean of 5 assignments of bodies to folds):
# reached 0.717/0.732, 0.983/0.936, 0.924/0.933, 0.960/0.915 (0.711/0.737 and accommodation's precision 0.932 before
# the second pass of 2026-12-07: roles' bare values and numbered answers, layout's repeats; the pages' precision 0.726 while a short answer's number
# counted as one of its words: extraction_eval._own_words; 0.711/0.725 before pairing read lists restarting at 1;
# 0.708/0.721, 0.983/0.936, 0.924/0.926, 0.960/0.921 before
# a list's lines read how the line introducing it reads: layout's lead_in; 0.732/0.716, 0.983/0.936, 0.924/0.919, 0.967/0.934
# while a span started at the first of its start anchor's places, not the last: goldlabels.find_span, which gave five pages
# and three other replies wrong training roles; the pages' precision 0.685 before a stray mark alone on
# its line started no answer: Unit.wordless; 0.730/0.681 before a request thread's letters were read:
# rules.thread_of, the decoding's requester_letter; 0.728/0.670 before a question said again
# above its answer was decoded as a question: layout's repeat_asked; 0.716/0.673 before lists numbered without
# stops were read: numbering.bare_list; 0.664/0.653, 0.983/0.936, 0.917/0.918, 0.920/0.920 before the rules' roles
# were learnt from real replies alone: segmenter.training_features; the pages' precision 0.623 before answers under
# even odds were left out: pairing.EVEN_ODDS)
SEGMENTATION_FLOORS = {"pages": (0.69, 0.72), "mysociety": (0.96, 0.91), "accommodation": (0.90, 0.90), "housing": (0.94, 0.91)}
# of the answers found, the share filed under their own question: reached 0.800, 1.000, 0.970, 0.965 (0.797 and 0.963
# before the second pass of 2026-12-07; the pages 0.789
# before a request block numbered from 1 again took the next number: pairing._starts_again; 0.777 before pairing read
# lists restarting at 1 in order: pairing._restarted_questions, _restarted; 0.779, 1.000,
# 0.955, 0.972 before layout's lead_in: o13's ten answers to one response are found in more assignments, under
# other questions; 0.788, 1.000, 0.948, 0.979 before goldlabels.find_span took a span's last start anchor; the pages 0.751
# before Unit.wordless: a column letter alone between the questions answered six of them; accommodation
# 0.962 before EVEN_ODDS: one trust's third "Please see attached", under a notice, is left out, and the gold answer
# is then matched by the same words under another question)
QUESTION_FLOORS = {"pages": 0.77, "mysociety": 0.98, "accommodation": 0.92, "housing": 0.95}


@pytest.fixture(scope="module")
def classification() -> dict:
    return evaluate_classification([*LABELS, OUTCOMES / "labels.jsonl"], [*DOCS, OUTCOMES], cv=True,
                                   train_only=[CORPUS / "labels.jsonl", OUTCOMES / "labels.jsonl"], repeats=5)


@pytest.fixture(scope="module")
def segmentation() -> dict:
    return segmentation_cv(LABELS, DOCS, train_only=[CORPUS / "labels.jsonl"])


def test_segmenter_finds_real_answers_with_the_body_held_out(segmentation: dict) -> None:
    figures = segmentation["sets"]
    print({name: (f["segmenter"]["recall"], f["segmenter"]["precision"]) for name, f in figures.items()})
    for name, (recall, precision) in SEGMENTATION_FLOORS.items():
        found = figures[name]["segmenter"]
        assert found["recall"] >= recall and found["precision"] >= precision, (name, found)
        assert found["question_accuracy"] >= QUESTION_FLOORS[name], (name, found)
        assert found["recall"] > figures[name]["rules"]["recall"] or name == "mysociety", (name, figures[name])


def test_answers_flagged_for_a_look_hold_half_the_wrong_ones(segmentation: dict) -> None:
    """`check_answer` (answers whose words score under 0.9 as an answer's): over the real sets it flags about a fifth
    of the answers, holding more than half the wrong ones; on the pages, where they go wrong, more than three in four."""
    figures = segmentation["check_flag"]
    real = figures["all but corpus"]
    assert real["checked_share"] <= 0.27  # reached 0.236
    # reached 0.565 (0.580 before the second pass of 2026-12-07, which keeps some numbered answers it scores low; 0.592 while a short answer's number counted as a word, 0.621 before layout's lead_in, which
    # finds more answers but is surer of some wrong ones too; 0.575 while a stray mark was an answer, too short to flag)
    assert real["wrong_checked_share"] >= 0.555
    assert real["unchecked_precision"] >= real["precision"] + 0.05  # reached 0.922 against 0.864
    # reached 0.751 (0.776 before the second pass of 2026-12-07; 0.784 while a short answer's number counted as a word, 0.827 before lead_in, 0.742 before Unit.wordless)
    assert figures["pages"]["wrong_checked_share"] >= 0.74
    assert figures["mysociety"]["checked_share"] <= 0.02  # reached 0.004: plain replies are left alone


def test_outcomes_of_real_answers_beat_both_baselines(classification: dict) -> None:
    systems = {name: s["headline"] for name, s in classification["cv"]["systems"].items()}
    print(systems)
    ours = systems["foi-nlp"]["outcome_macro_f1"]
    assert ours >= 0.89  # reached 0.910 (0.904 before EIR exceptions and sentence-opening stops, 2026-12-07; 0.831 before corpus/outcomes and the passed-on request cue; `other`, of which
    # the real sets have one answer, moves it most: one passage given to three questions read `other` costs 0.1)
    assert systems["foi-nlp"]["outcome_accuracy"] >= 0.90  # reached 0.920
    assert ours >= max(systems["keyword rules"]["outcome_macro_f1"], systems["tfidf + logreg"]["outcome_macro_f1"]) + 0.05


def test_outcomes_of_real_answers_on_five_assignments_of_bodies_to_folds(classification: dict) -> None:
    """The tables' figures are GroupKFold's assignment, the kindest of five: the mean is what to expect, and
    the margin over both baselines must hold on every assignment."""
    runs, mean = classification["cv_assignments"]["runs"], classification["cv_assignments"]["mean"]
    print(mean)
    assert mean["foi-nlp"]["outcome_accuracy"] >= 0.90  # reached 0.913 (0.901 to 0.920)
    assert mean["foi-nlp"]["outcome_macro_f1"] >= 0.88  # reached 0.899 (0.872 to 0.910; 0.887 before 2026-12-07's second pass)
    assert mean["foi-nlp"]["status_accuracy"] >= 0.86  # reached 0.874
    for run in runs:
        assert run["foi-nlp"]["outcome_macro_f1"] >= max(run["keyword rules"]["outcome_macro_f1"],
                                                          run["tfidf + logreg"]["outcome_macro_f1"]) + 0.05, run


def test_each_real_replys_status_rolled_up_from_its_answers_beats_both_baselines(classification: dict) -> None:
    """A reply's status as a whole (labels.reply_status: successful, partially successful, not held, rejected) from
    its answers' held-out outcomes, against the same roll-up of its gold outcomes."""
    replies = {name: s["replies"] for name, s in classification["cv"]["systems"].items()}
    print(replies)
    ours = replies["foi-nlp"]["status_accuracy"]
    assert replies["foi-nlp"]["replies"] == 192 and ours >= 0.86  # reached 0.885 of 192 replies
    assert ours >= max(replies["keyword rules"]["status_accuracy"], replies["tfidf + logreg"]["status_accuracy"]) + 0.03


def test_needs_review_marks_a_fifth_of_real_answers_and_most_of_the_wrong_outcomes(classification: dict) -> None:
    """At classify's default bar, held out: the share of answers marked, and of the wrong outcomes among them."""
    review = classification["cv"]["systems"]["foi-nlp"]["review"]
    default = next(bar for bar in review["bars"] if bar["below"] == review["default"])
    print(review)
    assert default["marked"] <= 0.21 * review["answers"]  # reached 88 of 513 (17%)
    assert default["wrong_marked"] >= 0.58 * review["wrong"]  # reached 26 of 41 (7 of 41 at the old bar, 0.6)
    assert default["unmarked_accuracy"] >= 0.95  # reached 0.965


def test_budget_findings_of_mysociety_councils(classification: dict) -> None:
    mysociety = classification["cv_sets"]["mysociety"]["systems"]["foi-nlp"]["headline"]
    assert mysociety["findings_micro_f1"] >= 0.93  # reached 0.945 (0.933 before corpus/outcomes, 0.950 before the count-question cue)


def test_housing_letters_answers_of_none_to_a_count_question_read_as_answers(classification: dict) -> None:
    """ "We have no housing officers" answers "the number of housing officers" (GUIDE.md): `provided`, not `not_held`."""
    housing = classification["cv_sets"]["housing"]["systems"]["foi-nlp"]["headline"]
    assert housing["outcome_accuracy"] >= 0.80  # reached 0.833 (0.767 while the officers counted made it a thing asked for)


def test_no_trafficking_findings_on_answers_to_unrelated_requests(classification: dict) -> None:
    for name in ("pages", "accommodation", "housing"):
        assert classification["cv_sets"][name]["systems"]["foi-nlp"]["unfounded_findings"]["findings"] == 0, name


def test_housing_findings_with_the_trust_held_out() -> None:
    """The campaign's own scheme (six findings, three yes/no pairs worded alike but for what the
    question asks about; `per_question`, so the question picks the pair and a polarity head shared
    by the pairs says yes or no), 5 folds by trust, the other sets training every fold: the README's
    figure (the TF-IDF baseline's is 0.517)."""
    housing = SETS["housing"]
    result = evaluate_classification([housing / "labels.jsonl", *(f for f in LABELS if f.parent != housing)],
                                     [housing, *(d for d in DOCS if d != housing)], cv=True,
                                     scheme=load_scheme(housing / "scheme.toml"),
                                     train_only=[f for f in LABELS if f.parent != housing])
    ours = result["cv"]["systems"]["foi-nlp"]["headline"]
    print(ours)
    assert ours["findings_micro_f1"] >= 0.78  # reached 0.800 (0.788 before a shared passage was coded for each of its
    # questions, 0.590 with a head per finding, 0.475 without the question's ask)
    assert ours["outcome_accuracy"] >= 0.76  # reached 0.800


# responder, reference, date accuracy per set (rules, not trained): reached 0.554/0.862/0.923 (responder 0.508 before
# names without a type word were read where the body speaks of itself) (0.785 while a page's
# publication date was taken for the response's; 0.831 and, on housing, 0.7 while "Reference: 982" and "FOI_7491"
# were refused), 0.955/1.0/1.0, 0.8/0.8/0.9, 1.0/0.8/1.0
METADATA_FLOORS = {"pages": (0.53, 0.84, 0.90), "mysociety": (0.94, 0.99, 0.99), "accommodation": (0.79, 0.79, 0.89),
                   "housing": (0.99, 0.79, 0.99)}


@pytest.mark.parametrize("name", sorted(METADATA_FLOORS))
def test_who_answered_its_reference_and_when_on_real_replies(name: str) -> None:
    from pipeline.classify import load_model
    from pipeline.train import evaluate_extraction

    folder = SETS[name]
    found = evaluate_extraction([folder / "labels.jsonl"], [folder], segmenter=load_model().segmenter)
    reached = (found["responder_accuracy"], found["reference_accuracy"], found["date_accuracy"])
    assert all(ours >= floor for ours, floor in zip(reached, METADATA_FLOORS[name])), (name, reached)
