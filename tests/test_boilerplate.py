from pipeline.extract.boilerplate import trim_tail



def test_a_heading_that_is_a_table_column_or_the_answers_topic_is_no_boilerplate_start() -> None:
    answer = ["Figures for the last two years:", "Appeals", "2022", "61", "2023", "57"]
    assert trim_tail(answer) == answer
    assert trim_tail(["Internal review", "One internal review was held and it upheld the decision."])[0] == "Internal review"
    tail = ["We hold 3 records.", "Internal review", "If you are unhappy with this reply you may ask for a review."]
    assert trim_tail(tail) == ["We hold 3 records."]
    assert trim_tail(["We hold 3 records.", "Copyright", "The material is Crown copyright."]) == ["We hold 3 records."]
    assert trim_tail(["We hold 3 records.", "Appeals"]) == ["We hold 3 records."]
