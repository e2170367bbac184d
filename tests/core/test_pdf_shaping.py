"""Devanagari in PDFs: the glyphs xhtml2pdf draws are HarfBuzz-shaped (conjuncts, matras,
repha), checked on the glyph sequence handed to the PDF, not on extracted text."""

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from lms.core.pdf import font_dir, font_face_css, missing_fonts, render_pdf, shape_text

pytestmark = pytest.mark.skipif(bool(missing_fonts()), reason="fonts-noto-core is not installed")


@pytest.fixture(scope="module")
def deva():
    name = "TestNotoDeva"
    pdfmetrics.registerFont(TTFont(name, str(font_dir() / "NotoSansDevanagari-Regular.ttf")))
    return pdfmetrics.getFont(name)


def glyph_names(font, text):
    hb = font.hbFont(12)
    return [hb.glyph_to_string(font.face.charToGlyph[ord(ch)]) for ch in text]


@pytest.mark.parametrize(
    ("word", "glyphs"),
    [
        ("कि", ["ivowelsign03deva", "kadeva"]),  # the i-matra is drawn before its consonant
        ("प्र", ["paradeva"]),  # pa + virama + ra is one conjunct glyph
        ("श्री", ["sharadeva", "iivowelsigndeva"]),
        ("कार्यक्रम", ["kadeva", "aavowelsigndeva", "yadeva", "rephdeva", "karadeva", "madeva"]),
        (
            "प्रमाण पत्र",
            ["paradeva", "madeva", "aavowelsigndeva", "nnadeva", "space", "padeva", "taradeva"],
        ),
    ],
)
def test_shape_text_gives_the_correct_glyph_sequence(deva, word, glyphs):
    shaped, width = shape_text(word, deva.fontName, 12)
    assert glyph_names(deva, shaped) == glyphs
    assert width < pdfmetrics.stringWidth(word, deva.fontName, 12) or word == "कि"


def test_latin_text_is_left_alone(deva):
    text, width = shape_text("Certificate", deva.fontName, 12)
    assert text == "Certificate" and width is None


def test_the_pdf_draws_shaped_glyphs(monkeypatch):
    """Record every string the text object hands to the font while rendering a page."""
    drawn = []
    original = TTFont.splitString

    def recording(self, text, doc, encoding="utf-8"):
        drawn.append((self, str(text)))
        return original(self, text, doc, encoding)

    monkeypatch.setattr(TTFont, "splitString", recording)
    html = (
        f"<html><head><style>{font_face_css()} body {{ font-family: NotoSans, NotoDeva; }}</style>"
        "</head><body><h1 style='text-align:center'>प्रमाण पत्र</h1>"
        "<p>श्री राम ने प्रशिक्षण कार्यक्रम पूर्ण किया</p><p>Certificate</p></body></html>"
    )
    pdf = render_pdf(html)
    assert pdf.startswith(b"%PDF")
    deva_runs = [
        (font, text)
        for font, text in drawn
        if "Devanagari" in font.face.name.decode() or "Devanagari" in str(font.fontName)
    ]
    names = [name for font, text in deva_runs for name in glyph_names(font, text)]
    for expected in [
        "paradeva",
        "taradeva",
        "sharadeva",
        "rephdeva",
        "karadeva",
        "ivowelsign03deva",
    ]:
        assert expected in names, expected
    # the unshaped sequence (pa, virama, ra) never reaches the page
    assert "viramadeva" not in names
    assert any(text == "Certificate" for _font, text in drawn)
