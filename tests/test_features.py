"""What the features read of an answer's question, for a per-question scheme: its findings worded
alike but for what they are about are told apart by the question the answer was given to
(features.asked_overlap); a scheme says it is per question, and a model keeps it."""
from __future__ import annotations

import pytest

from pipeline.classify.features import asked_overlap, definition_index, definition_overlap
from pipeline.classify.linear import Features, pack, unpack
from pipeline.labels import SchemeError, load_scheme, parse_scheme
from pipeline.tag import TaggedAnswer, Tokens, load_nlp

# Three findings of a made-up scheme: two differ by one word (pupils / teachers), one is on another subject.
DEFINITIONS = {
    "pupil_counsellors": ["counsellor", "employ", "pupil", "school", "wellbeing"],
    "teacher_counsellors": ["counsellor", "employ", "school", "teacher", "wellbeing"],
    "bullying_policy": ["bully", "policy", "publish", "school"],
}


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _tokens(nlp, text: str) -> Tokens:
    return Tokens.from_doc(nlp(text), text)


def test_the_question_picks_the_finding_it_is_about(nlp) -> None:
    index = definition_index(DEFINITIONS)
    on_pupils = asked_overlap(_tokens(nlp, "How many counsellors does the school employ for the wellbeing of its pupils?"),
                              DEFINITIONS, index)
    assert on_pupils["pupil_counsellors~asked"] == 1.0
    assert on_pupils["bullying_policy~asked"] < on_pupils["teacher_counsellors~asked"] < 1.0
    on_teachers = asked_overlap(_tokens(nlp, "Does the school employ counsellors for teachers?"), DEFINITIONS, index)
    assert on_teachers["teacher_counsellors~asked"] == 1.0 > on_teachers["pupil_counsellors~asked"]
    on_policy = asked_overlap(_tokens(nlp, "Please send your published policy on bullying."), DEFINITIONS, index)
    assert max(on_policy, key=on_policy.get) == "bullying_policy~asked"
    assert on_policy["pupil_counsellors~asked"] == on_policy["teacher_counsellors~asked"] == 0.0


def test_no_question_or_nothing_in_common_gives_no_asked_features(nlp) -> None:
    index = definition_index(DEFINITIONS)
    assert asked_overlap(None, DEFINITIONS, index) == {}
    assert asked_overlap(_tokens(nlp, "What time does the library open?"), DEFINITIONS, index) == {}
    answer = TaggedAnswer(None, tokens=_tokens(nlp, "We employ two counsellors."), question_tokens=None)
    assert not any(key.endswith("~asked") for key in definition_overlap(answer, DEFINITIONS, index, asked=True))


def test_the_answer_overlap_is_the_same_with_a_question(nlp) -> None:
    """The question adds its own features and changes none of the answer's."""
    index = definition_index(DEFINITIONS)
    tokens = _tokens(nlp, "The school does not employ counsellors. A bullying policy is published.")
    alone = definition_overlap(TaggedAnswer(None, tokens=tokens), DEFINITIONS, index)
    with_question = TaggedAnswer(None, tokens=tokens, question_tokens=_tokens(nlp, "Do you employ counsellors for pupils?"))
    asked = definition_overlap(with_question, DEFINITIONS, index, asked=True)
    assert {k: v for k, v in asked.items() if not k.endswith("~asked")} == alone
    assert asked["pupil_counsellors~asked"] == 1.0
    # A scheme that is not per question gets no question features.
    assert definition_overlap(with_question, DEFINITIONS, index) == alone


def test_a_scheme_says_whether_it_is_per_question() -> None:
    text = 'name = "schools"\n{}[findings]\npupil_counsellors = "the school employs counsellors for pupils"\n'
    assert parse_scheme(text.format("per_question = true\n")).per_question is True
    assert parse_scheme(text.format("")).per_question is False
    assert load_scheme().per_question is False
    with pytest.raises(SchemeError, match="per_question"):
        parse_scheme(text.format('per_question = "yes"\n'))


def test_a_saved_model_keeps_its_question_features() -> None:
    for asked in (True, False):
        features, _, _ = unpack(pack(Features([], DEFINITIONS, asked), {}, []))
        assert features.asked is asked and features.definitions == DEFINITIONS


def test_an_answers_own_number_is_no_figure_and_no_sentence_of_it(nlp) -> None:
    """Bodies number their answers ("5. This is not recorded", "(c) ...", "Q4: ..."); spaCy ends a sentence after
    "5.". The label is neither a figure the answer gives nor its opening sentence: its cues are the same as the
    unnumbered answer's."""
    from pipeline.classify.cues import answer_cues, leading_label

    said = "This is not logged by the Highways team, so the information is not recorded."
    plain = answer_cues(TaggedAnswer(nlp(said)))
    for label in ("5.", "(c)", "iv)", "Q4:", "A12"):
        cues = answer_cues(TaggedAnswer(nlp(f"{label} {said}")))
        assert {k: cues[k] for k in ("figures", "numbers", "opens_negated", "affirmed_share", "sentences")} == \
            {k: plain[k] for k in ("figures", "numbers", "opens_negated", "affirmed_share", "sentences")}, label
    assert leading_label(["5", ".", "Five", "wardens"]) == 2 and leading_label(["5", "wardens"]) == 0
    assert leading_label(["5", "."]) == 0  # a figure alone ("5.") is what the answer says


def test_a_full_stop_stays_with_the_sentence_it_closes(nlp) -> None:
    """spaCy may start a sentence on the full stop after a short first word or a list label ("No" | ". We ...",
    "7" | ". 1,204"). A stop is no sentence of its own: "No." opens the answer, negated like what follows, so it
    is read as the same answer without it; a label keeps its stop and is no evidence."""
    from pipeline.classify.cues import answer_cues
    from pipeline.classify.modelstore import load_model

    said = "We hold no register of empty shops in the town centre."
    for opener in ("No.", "No!"):
        answered = TaggedAnswer(nlp(f"{opener} {said}"))
        words = answered.tokens.words
        assert all(not all(w in ".!" for w in words[a:b]) for a, b in answered.tokens.sents), opener
        cues, plain = answer_cues(answered), answer_cues(TaggedAnswer(nlp(said)))
        assert {k: cues[k] for k in ("affirmed_sentences", "affirmed_after_negation", "affirmed_share")} == \
            {k: plain[k] for k in ("affirmed_sentences", "affirmed_after_negation", "affirmed_share")}, opener
    figure = TaggedAnswer(nlp("7. 1,204 visits"))
    assert load_model().evidence([figure], [["provided"]]) == [{"provided": "1,204 visits"}]


def test_a_gap_explained_by_an_exemption_is_told_from_one_explained_by_not_holding_or_cost(nlp) -> None:
    """"We cannot release it because section 43(2) applies" is worded as a gap but is a refusal: the cue counts
    negated sentences citing an exemption, but not the cost limit (section 12) or a plain "not held"."""
    from pipeline.classify.cues import answer_cues

    def cue(text: str) -> float:
        return answer_cues(TaggedAnswer(nlp(text)))["negation_for_exemption"]

    assert cue("We cannot release the tender scores because section 43(2) of the Act applies to them.") > 0
    assert cue("The council is not able to share the addresses; they are exempt under section 40(2).") > 0
    assert cue("We cannot release the tender scores because we do not hold them.") == 0
    assert cue("We cannot provide this as it would exceed the cost limit under section 12.") == 0


def test_an_eir_regulation_12_exception_is_no_foia_section_12(nlp) -> None:
    """Under the EIR, regulation 12(4) and 12(5) are exceptions, grounds for refusal like FOIA's exemptions; they
    share FOIA section 12's number but not its meaning (the cost limit). Regulation 12(4)(a) says "not held"."""
    from pipeline.classify.cues import answer_cues
    from pipeline.extract.citations import EIR, FOIA, exemptions

    def cues(text: str, act: str) -> dict[str, float]:
        return answer_cues(TaggedAnswer(nlp(text), exemptions=tuple(exemptions(text, act)), act=act))

    for said in ("Releasing the unfinished survey would mislead, so the parish council relies on regulation 12(4)(d).",
                 "Compiling every bird count since 1990 is manifestly unreasonable under 12(4)(b).",
                 "The tenant's contract terms are withheld as regulation 12(5)(e) protects their confidentiality."):
        eir = cues(said, EIR)
        assert "section=12" not in eir and eir["exemptions"] > 0, said
    # cited as a regulation, it is the EIR's whichever law the reply names first
    named = cues("The tenant's contract terms are withheld as regulation 12(5)(e) protects their confidentiality.", FOIA)
    assert "section=12" not in named and named["exemptions"] > 0
    assert cues("Locating the invoices would exceed the cost limit set by section 12(1).", FOIA)["section=12"] == 1.0
    assert cues("Locating the invoices would exceed the cost limit set by section 12(1).", EIR)["section=12"] == 1.0
    gap = cues("No flood readings were taken at that weir, so we do not hold them: regulation 12(4)(a) applies.", EIR)
    assert "section=12" not in gap and gap["exemptions"] == 0 and gap["negation_for_exemption"] == 0


def test_the_acts_words_for_the_cost_limit_and_for_neither_confirming_nor_denying_are_refusals(nlp) -> None:
    """A refusal need not cite its section: "exceed the appropriate limit", "more than 18 hours", "can neither
    confirm nor deny" are the Act's and the Fees Regulations' words, and their sentence refuses; a count of
    hours or pounds that is the information asked for is neither."""
    from pipeline.classify.cues import answer_cues

    def cues(text: str) -> dict[str, float]:
        return answer_cues(TaggedAnswer(nlp(text)))

    cost = cues("Finding these e-mails would mean reading some 3,000 files by hand, well beyond the appropriate limit.")
    assert cost["cost_limit_words"] == 1.0 and cost.get("refusing_share", 0) > 0
    assert cues("Answering would take over 18 hours of staff time.")["cost_limit_words"] == 1.0
    for said in ("The constabulary neither confirms nor denies that it holds information about covert cameras.",
                 "The council cannot confirm or deny whether it holds records of this kind.",
                 "We will not confirm or deny that any such payments were made."):
        ncnd = cues(said)
        assert ncnd["ncnd_words"] == 1.0 and ncnd.get("refusing_share", 0) > 0, said
    given = cues("Staff worked 1,240 overtime hours in 2023, costing £38,900.")
    assert given["cost_limit_words"] == 0.0 and given["ncnd_words"] == 0.0 and "refusing_share" not in given


def test_a_delay_is_a_reply_still_to_come_only_when_the_reply_apologises_for_it(nlp) -> None:
    """"We apologise for this delay" says the reply is late; "handover delays" is what was asked about."""
    from pipeline.classify.cues import answer_cues

    def pending(text: str) -> float:
        return answer_cues(TaggedAnswer(nlp(text)))["pending"]

    assert pending("We need a further ten working days and apologise for the delay this causes.") > 0
    assert pending("The trust does not record delays to patient discharges by cause.") == 0


def test_a_reply_to_come_is_told_from_words_of_the_subject_that_look_like_one(nlp) -> None:
    """"We will contact you" and "on receipt of your e-mail" are about the request; "the team will pass on contact
    details" and "residents in receipt of benefits" are about the subject asked about."""
    from pipeline.classify.cues import answer_cues

    def cues(text: str) -> dict[str, float]:
        return answer_cues(TaggedAnswer(nlp(text)))

    assert cues("We will contact you again once the search of our archive is complete.")["promised_reply"] > 0
    assert cues("You will receive a full response by 14 June.")["promised_reply"] > 0
    assert cues("Wardens will give tenants the contact details of the housing charity.")["promised_reply"] == 0
    assert cues("We acknowledge receipt of your e-mail of 2 March.")["pending"] > 0
    assert cues("On receipt of your request we searched the planning files.")["pending"] > 0
    assert cues("Around 400 residents in receipt of housing benefit live in the ward.")["pending"] == 0


def test_a_question_asking_how_many_officers_asks_for_a_count_not_for_a_thing(nlp) -> None:
    """GUIDE.md decides by what the question asks for: "the number of liaison officers" counts the officers (an
    answer of none gives the count), where "is there a liaison officer?" or "a copy of the policy" ask for a thing."""
    from pipeline.classify.cues import answer_cues

    def cues(question: str) -> dict[str, float]:
        return answer_cues(TaggedAnswer(nlp("We have no liaison officers."), question=nlp(question)))

    counted = cues("The number of liaison officers the council employs, such as outreach leads or team managers.")
    assert counted.get("asks_count") == 1.0 and "asks_thing" not in counted
    assert cues("Please name your liaison officer for this work.").get("asks_thing") == 1.0
    both = cues("How many officers do you employ, and please send a copy of the team's policy.")
    assert both.get("asks_count") == 1.0 and both.get("asks_thing") == 1.0


def test_the_request_passed_on_is_told_from_advice_on_whom_to_contact(nlp) -> None:
    # "Your enquiry has been forwarded to ..." sends the request on (`other`, GUIDE.md); "contact the county
    # council, which is responsible" only says who else to ask, "we passed the figures to the auditor" passes no
    # request, and a "Transfer Policy" requested is a title: none is the request passed on.
    from pipeline.classify.cues import answer_cues

    def cues(text: str) -> dict[str, float]:
        return answer_cues(TaggedAnswer(nlp(text)))

    for text in ("Your enquiry has been forwarded to the county council's highways team, who will reply to you directly.",
                 "We have transferred this part of your request to the Office of the Police and Crime Commissioner."):
        assert cues(text)["passes_request"] > 0, text
    for text in ("Please contact the county council, which is responsible for highways.",
                 "We passed the figures to the external auditor in May 2023.",
                 "The Patient Transfer Policy you requested is attached."):
        assert cues(text)["passes_request"] == 0, text
