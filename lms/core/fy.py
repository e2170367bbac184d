"""Indian financial years: 1 April to 31 March, labelled "2023-24"."""

import datetime
import unicodedata


def financial_year_start(day: datetime.date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def financial_year_label(day: datetime.date) -> str:
    start = financial_year_start(day)
    return f"{start}-{(start + 1) % 100:02d}"


def financial_year_bounds(label: str) -> tuple[datetime.date, datetime.date]:
    """First and last day of the FY labelled like "2023-24"."""
    try:
        start = int(label[:4])
        end_suffix = int(label[5:7])
    except (TypeError, ValueError) as exc:
        raise ValueError(f"Not a financial year label: {label!r}") from exc
    if len(label) != 7 or label[4] != "-" or (start + 1) % 100 != end_suffix:
        raise ValueError(f"Not a financial year label: {label!r}")
    return datetime.date(start, 4, 1), datetime.date(start + 1, 3, 31)


def parse_financial_year(text) -> str:
    """A financial year as a person types it, as the ASCII label "2024-25": digits of any
    Indian script (२०२४-२५) are read as digits, surrounding spaces and an en dash are
    accepted. ValueError for anything else (``2024-26``, ``abc``, an empty string)."""
    if not isinstance(text, str):
        raise ValueError(f"Not a financial year label: {text!r}")
    cleaned = "".join(
        str(unicodedata.decimal(char)) if char.isdecimal() else char
        for char in text.strip().replace("\u2013", "-")
    )
    financial_year_bounds(cleaned)
    return cleaned
