import datetime

import pytest

from lms.core.fy import financial_year_bounds, financial_year_label


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (datetime.date(2024, 3, 31), "2023-24"),
        (datetime.date(2024, 4, 1), "2024-25"),
        (datetime.date(2025, 1, 15), "2024-25"),
        (datetime.date(1999, 4, 1), "1999-00"),
        (datetime.date(2099, 12, 31), "2099-00"),
    ],
)
def test_financial_year_label(day, label):
    assert financial_year_label(day) == label


def test_financial_year_bounds_round_trip():
    first, last = financial_year_bounds("2023-24")
    assert (first, last) == (datetime.date(2023, 4, 1), datetime.date(2024, 3, 31))
    assert financial_year_label(first) == financial_year_label(last) == "2023-24"


@pytest.mark.parametrize("bad", ["2023-25", "2023/24", "23-24", "", "abcd-ef", "2023-24x"])
def test_financial_year_bounds_rejects_bad_labels(bad):
    with pytest.raises(ValueError):
        financial_year_bounds(bad)
