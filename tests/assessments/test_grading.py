"""Grading invariants per question type (property-based) and the stated rules."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments import grading as g

ids = st.text(alphabet="abcdefghij", min_size=1, max_size=3)
responses = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.lists(st.text(max_size=3), max_size=6),
    st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=5),
)


@st.composite
def questions(draw):
    """(type, key, the key written as a full-marks response)."""
    kind = draw(st.sampled_from(list(g.GRADERS)))
    if kind == g.SINGLE:
        key = draw(ids)
        return kind, key, key
    if kind == g.MULTIPLE:
        key = draw(st.lists(ids, min_size=1, max_size=5, unique=True))
        return kind, key, key
    if kind == g.TRUE_FALSE:
        key = draw(st.booleans())
        return kind, key, key
    if kind == g.MATCHING:
        key = draw(st.dictionaries(ids, ids, min_size=1, max_size=5))
        return kind, key, dict(key)
    if kind == g.ORDERING:
        key = draw(st.lists(ids, min_size=1, max_size=6, unique=True))
        return kind, key, list(key)
    if kind == g.SHORT_TEXT:
        key = draw(
            st.lists(st.text(min_size=1, max_size=10).filter(str.strip), min_size=1, max_size=3)
        )
        return kind, key, key[0]
    key = {"value": draw(st.floats(-1e6, 1e6)), "tolerance": draw(st.floats(0, 10))}
    return kind, key, str(key["value"])


@given(questions(), responses, st.floats(0.5, 10))
def test_score_is_always_between_zero_and_the_marks(question, response, marks):
    kind, key, _full = question
    assert 0 <= g.grade(kind, key, response, marks) <= marks


@given(questions(), st.floats(0.5, 10))
def test_the_key_earns_full_marks(question, marks):
    kind, key, full = question
    assert g.grade(kind, key, full, marks) == marks


@given(
    st.lists(ids, min_size=1, max_size=5, unique=True),
    st.lists(ids, max_size=8, unique=True),
    st.randoms(),
)
def test_shuffling_options_does_not_change_multiple_choice(key, response, random):
    shuffled = list(response)
    random.shuffle(shuffled)
    assert g.fraction(g.MULTIPLE, key, response) == g.fraction(g.MULTIPLE, key, shuffled)


@given(st.dictionaries(ids, ids, min_size=1, max_size=5), st.randoms())
def test_matching_does_not_depend_on_display_order(key, random):
    items = list(key.items())
    random.shuffle(items)
    assert g.fraction(g.MATCHING, key, dict(items)) == 1.0


def test_multiple_choice_partial_credit_rule():
    key = ["a", "b", "c"]
    assert g.fraction(g.MULTIPLE, key, ["a", "b"]) == pytest.approx(2 / 3)
    assert g.fraction(g.MULTIPLE, key, ["a", "b", "x"]) == pytest.approx(1 / 3)
    assert g.fraction(g.MULTIPLE, key, ["x", "y"]) == 0.0
    assert g.fraction(g.MULTIPLE, key, ["a", "b", "c", "x"]) == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ("  Auto   Appeal System ", 1.0),
        ("AUTO APPEAL SYSTEM", 1.0),
        ("AAS", 1.0),
        ("Auto-appeal", 0.0),
        ("", 0.0),
        ("ऑटो अपील", 1.0),
    ],
)
def test_short_text_is_case_and_space_insensitive(response, expected):
    assert (
        g.fraction(g.SHORT_TEXT, ["Auto Appeal System", "aas", "ऑटो  अपील"], response) == expected
    )


@pytest.mark.parametrize(
    ("response", "expected"),
    [("21", 1.0), ("20.5", 1.0), ("22", 0.0), ("x", 0.0), ("inf", 0.0), (21, 1.0)],
)
def test_numeric_tolerance(response, expected):
    assert g.fraction(g.NUMERIC, {"value": 21, "tolerance": 0.5}, response) == expected


def test_ordering_and_true_false():
    steps = ["receipt", "publicity", "acknowledgement", "redressal"]
    assert (
        g.fraction(g.ORDERING, steps, ["receipt", "acknowledgement", "publicity", "redressal"])
        == 0.5
    )
    assert g.fraction(g.ORDERING, steps, steps[:3]) == 0.0
    assert (
        g.fraction(g.TRUE_FALSE, True, True) == 1.0
        and g.fraction(g.TRUE_FALSE, True, "true") == 0.0
    )


@pytest.mark.parametrize(("method", "expected"), [("highest", 80), ("last", 60), ("average", 70)])
def test_final_grade_methods(method, expected):
    assert g.final_grade([70, 80, 60], method) == expected
    assert g.final_grade([], method) is None
