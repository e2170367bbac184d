"""The certificate's sentences read correctly in every layout, in English and in Hindi, with
any of the optional facts missing: every subset of them is rendered (the template's current
wording, and the wording from before optional brackets, which older templates keep).

The Hindi text uses the Devanagari name and the Hindi designation, department and course
title where they were entered, and the English ones, as entered, where not."""

import datetime
import itertools
import re
from decimal import Decimal

import pytest
from django.utils.html import escape

from certificates import rendering
from certificates.models import (
    BODY_EN,
    BODY_HI,
    OLD_BODY_EN,
    OLD_BODY_HI,
    Certificate,
    CertificateTemplate,
)

OPTIONAL = (
    "designation",
    "department",
    "dates",
    "one_day",
    "hours",
    "grade",
    "name_hi",
    "designation_hi",
    "department_hi",
    "course_hi",
)
SUBSETS = [
    frozenset(chosen)
    for size in range(len(OPTIONAL) + 1)
    for chosen in itertools.combinations(OPTIONAL, size)
]
DATE = r"\d\d/\d\d/\d{4}"
WORDINGS = {"current": (BODY_EN, BODY_HI), "before brackets": (OLD_BODY_EN, OLD_BODY_HI)}


def certificate_with(present: frozenset) -> Certificate:
    """An unsaved certificate holding only the optional facts in ``present``."""
    dated = "dates" in present
    return Certificate(
        serial="s3rial",
        number="HIPA/2026-27/000001",
        holder_name="Ram Kumar",
        holder_name_hi="राम कुमार" if "name_hi" in present else "",
        designation="Naib Tehsildar" if "designation" in present else "",
        designation_hi="नायब तहसीलदार" if "designation_hi" in present else "",
        department_name="Revenue Department" if "department" in present else "",
        department_name_hi="राजस्व विभाग" if "department_hi" in present else "",
        course_title="Citizen's Charter",
        course_title_hi="नागरिक चार्टर" if "course_hi" in present else "",
        starts_on=datetime.date(2026, 2, 2) if dated else None,
        ends_on=(datetime.date(2026, 2, 2 if "one_day" in present else 4) if dated else None),
        hours=Decimal("12.0") if "hours" in present else Decimal(0),
        grade="86%" if "grade" in present else "",
        issued_on=datetime.date(2026, 2, 5),
    )


def paragraphs(html: str) -> tuple[str | None, str | None]:
    """(Hindi text, English text) of a rendered certificate; None where the layout has none."""
    bodies = re.findall(r'<p class="body">(.*?)</p>', html, flags=re.S)
    hindi = [b for b in bodies if b.startswith("प्रमाणित")]
    english = [b for b in bodies if b.startswith("This is to certify")]
    assert len(hindi) <= 1 and len(english) <= 1
    return (hindi[0] if hindi else None), (english[0] if english else None)


def well_formed(text: str) -> None:
    """No empty joins, no leftovers of the template's syntax."""
    for wrong in (", ,", ",,", " ,", "  ", "()", "( )", "[", "]", "{", "}", "None", " .", " ।"):
        assert wrong not in text, (wrong, text)
    assert text == text.strip()


def check_english(text: str, present: frozenset) -> None:
    well_formed(text)
    assert text.endswith(".")
    name = "Ram Kumar"
    particulars = ", ".join(
        value
        for key, value in (("designation", "Naib Tehsildar"), ("department", "Revenue Department"))
        if key in present
    )
    # The appositive is closed by a comma only when there is one; never "Ram Kumar, has".
    who = f"{name}, {particulars}, has" if particulars else f"{name} has"
    assert f"This is to certify that {who} successfully completed" in text, text
    assert escape("Citizen's Charter") in text
    if "dates" in present and "one_day" in present:
        assert re.search(rf"&quot; held on {DATE}\b", text), text
    elif "dates" in present:
        assert re.search(rf"&quot; held from {DATE} to {DATE}\b", text), text
    else:
        assert " held" not in text and " on " not in text and " from " not in text
    assert ("(12 hours)" in text) == ("hours" in present)
    assert not re.search("[\u0900-\u097f]", text), "no Hindi fact in the English text"


def check_hindi(text: str, present: frozenset) -> None:
    well_formed(text)
    assert text.endswith("है।")
    name = "राम कुमार" if "name_hi" in present else "Ram Kumar"
    designation = (
        "नायब तहसीलदार"
        if "designation_hi" in present
        else ("Naib Tehsildar" if "designation" in present else "")
    )
    department = (
        "राजस्व विभाग"
        if "department_hi" in present
        else ("Revenue Department" if "department" in present else "")
    )
    particulars = ", ".join(v for v in (designation, department) if v)
    who = f"{name}, {particulars} ने" if particulars else f"{name} ने"
    assert f"प्रमाणित किया जाता है कि {who} " in text, text
    assert text.count(" ने ") == 1
    course = "नागरिक चार्टर" if "course_hi" in present else escape("Citizen's Charter")
    assert f"प्रशिक्षण कार्यक्रम &quot;{course}&quot;" in text, text
    # Each postposition follows a date: "दिनांक … को" or "दिनांक … से … तक", never "को"
    # after "तक", nor one with nothing before it.
    for match in re.finditer(r"(\S+) (को|से|तक)(?= )", text):
        assert re.fullmatch(DATE, match.group(1)), (match.group(0), text)
    if "dates" in present and "one_day" in present:
        assert re.search(rf"ने दिनांक {DATE} को आयोजित प्रशिक्षण", text), text
    elif "dates" in present:
        assert re.search(rf"ने दिनांक {DATE} से {DATE} तक आयोजित प्रशिक्षण", text), text
    else:
        assert "ने प्रशिक्षण कार्यक्रम" in text
        for word in ("दिनांक", " को ", " से ", " तक ", "आयोजित"):
            assert word not in text, (word, text)
    assert ("(12 घंटे)" in text) == ("hours" in present)
    if "name_hi" not in present:
        assert "Ram Kumar" in text  # as entered: no Hindi name was given


@pytest.fixture
def no_qr(monkeypatch):
    """The QR code is not under test here: rendering 3 x 2 x 1024 of them is slow."""
    monkeypatch.setattr(rendering, "qr_png_data_uri", lambda text: "data:image/png;base64,")


@pytest.mark.parametrize("wording", WORDINGS)
@pytest.mark.parametrize("layout", ["en", "hi", "bilingual"])
def test_every_layout_reads_correctly_with_any_fact_missing(no_qr, layout, wording):
    body_en, body_hi = WORDINGS[wording]
    template = CertificateTemplate(name="T", layout=layout, body_en=body_en, body_hi=body_hi)
    for present in SUBSETS:
        hindi, english = paragraphs(rendering.certificate_html(certificate_with(present), template))
        assert (hindi is not None) == (layout != "en")
        assert (english is not None) == (layout != "hi")
        if hindi is not None:
            check_hindi(hindi, present)
        if english is not None:
            check_english(english, present)


def test_with_every_optional_fact_missing():
    """The issue's case: an online course (no dates) for a citizen with no department."""
    certificate = certificate_with(frozenset())
    assert rendering.fill(BODY_HI, certificate, hindi=True) == (
        "प्रमाणित किया जाता है कि Ram Kumar ने प्रशिक्षण कार्यक्रम &quot;Citizen&#x27;s Charter&quot; "
        "सफलतापूर्वक पूर्ण किया है।"
    )
    assert rendering.fill(BODY_EN, certificate, hindi=False) == (
        "This is to certify that Ram Kumar has successfully completed the training programme "
        "&quot;Citizen&#x27;s Charter&quot;."
    )


def test_with_every_fact_present():
    certificate = certificate_with(frozenset(OPTIONAL) - {"one_day"})
    assert rendering.fill(BODY_HI, certificate, hindi=True) == (
        "प्रमाणित किया जाता है कि राम कुमार, नायब तहसीलदार, राजस्व विभाग ने दिनांक 02/02/2026 से "
        "04/02/2026 तक आयोजित प्रशिक्षण कार्यक्रम &quot;नागरिक चार्टर&quot; (12 घंटे) "
        "सफलतापूर्वक पूर्ण किया है।"
    )
    assert rendering.fill(BODY_EN, certificate, hindi=False) == (
        "This is to certify that Ram Kumar, Naib Tehsildar, Revenue Department, has successfully "
        "completed the training programme &quot;Citizen&#x27;s Charter&quot; held from "
        "02/02/2026 to 04/02/2026 (12 hours)."
    )


def test_brackets_print_only_when_their_placeholders_have_values():
    certificate = certificate_with(frozenset({"grade"}))
    text = "A [grade {grade}][ dept {department}] [sic] {nope} [{nope}]"
    assert rendering.fill(text, certificate, hindi=False) == "A grade 86% [sic] {nope} [{nope}]"
