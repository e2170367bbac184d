"""PDF speed without changing the page: fonts registered once per process (never read or
hashed per document), the same bytes as declaring them with @font-face, cached shaping
that does not leak between texts, and the reportlab table for long lists (shaped Hindi,
punctuation kept, header repeated)."""

import io
import re

import pytest
import xhtml2pdf.context
from pypdf import PdfReader
from reportlab import rl_config
from reportlab.pdfbase.ttfonts import TTFont

from lms.core import pdf
from lms.core.pdf import PdfError, missing_fonts, render_pdf, shape_text, table_flowable

pytestmark = pytest.mark.skipif(bool(missing_fonts()), reason="fonts-noto-core is not installed")

STYLE = (
    "<style>@page { size: a4; margin: 1.5cm; } body { font-family: NotoSans, NotoDeva; }</style>"
)
PAGE = f"<html><head>{STYLE}</head><body><h1>प्रमाण पत्र</h1><p>Certificate <b>HOLDER</b></p></body></html>"


def _old_font_face_css() -> str:
    """What font_face_css() returned before fonts were registered once per process."""
    return "\n".join(
        rule
        for family, (regular, bold) in pdf.FONT_FILES.items()
        for rule in (
            f'@font-face {{ font-family: {family}; src: url("{pdf.font_dir() / regular}"); }}',
            f"@font-face {{ font-family: {family}; font-weight: bold; "
            f'src: url("{pdf.font_dir() / bold}"); }}',
        )
    )


@pytest.fixture
def fresh_fonts(monkeypatch):
    """As in a new process: no font registered by lms.core.pdf yet (registered again after)."""
    monkeypatch.setattr(pdf, "_fonts_registered", None)
    yield
    pdf._fonts_registered = None
    pdf.register_fonts()


def test_fonts_are_read_once_per_process_and_never_hashed(monkeypatch, fresh_fonts):
    built, hashed = [], []
    real_ttfont, real_digest = pdf.TTFont, xhtml2pdf.context._file_digest

    def counting_ttfont(name, filename, *args, **kwargs):
        built.append(str(filename))
        return real_ttfont(name, filename, *args, **kwargs)

    def counting_digest(name):
        hashed.append(name)
        return real_digest(name)

    monkeypatch.setattr(pdf, "TTFont", counting_ttfont)
    monkeypatch.setattr(xhtml2pdf.context, "_file_digest", counting_digest)
    first = render_pdf(PAGE.replace("HOLDER", "one"))
    second = render_pdf(PAGE.replace("HOLDER", "two"))
    # Each of the four faces read once, by the first document; none hashed.
    assert sorted(built) == sorted(
        str(pdf.font_dir() / name) for files in pdf.FONT_FILES.values() for name in files
    )
    assert hashed == []
    for document in (first, second):  # both embed the Noto faces
        fonts = {
            font["/BaseFont"].split("+")[-1]
            for page in PdfReader(io.BytesIO(document)).pages
            for font in page["/Resources"]["/Font"].values()
        }
        assert {"NotoSans-Regular", "NotoSans-Bold", "NotoSansDevanagari-Bold"} <= fonts
        assert b"/FontFile2" in document


def test_registering_once_prints_the_same_bytes_as_font_face_rules(monkeypatch, fresh_fonts):
    """Byte for byte (reportlab's invariant mode) the PDF of a page declaring the fonts
    with @font-face, as the templates did, and of the same page naming them only."""
    monkeypatch.setattr(rl_config, "invariant", 1)
    named = render_pdf(PAGE.replace("HOLDER", "राम कुमार"))
    declared = render_pdf(
        PAGE.replace("HOLDER", "राम कुमार").replace("<style>", f"<style>{_old_font_face_css()}\n")
    )
    assert named == declared


def test_shaped_words_are_cached_and_never_changed_by_use():
    pdf.register_fonts()
    pdf._shape_word.cache_clear()
    word, again = shape_text("प्रमाण", "notodeva_00", 12), shape_text("प्रमाण", "notodeva_00", 12)
    glyphs = list(word[0].__shapeData__)
    longer, _width = shape_text("प्रमाण पत्र", "notodeva_00", 12)  # built from the cached word
    assert pdf._shape_word.cache_info().hits >= 2
    assert again[0].__shapeData__ == glyphs and again[1] == word[1]
    assert len(longer.__shapeData__) > len(glyphs) and word[0].__shapeData__ == glyphs
    # another size is another entry, with its own width
    assert shape_text("प्रमाण", "notodeva_00", 24)[1] == pytest.approx(2 * word[1])


def _drawn(monkeypatch):
    drawn = []
    original = TTFont.splitString

    def recording(self, text, doc, encoding="utf-8"):
        drawn.append((self, text))
        return original(self, text, doc, encoding)

    monkeypatch.setattr(TTFont, "splitString", recording)
    return drawn


def _glyph_names(font, text):
    hb = font.hbFont(12)
    return [hb.glyph_to_string(font.face.charToGlyph[ord(ch)]) for ch in text]


def test_table_flowable_draws_shaped_hindi_with_its_punctuation(monkeypatch):
    drawn = _drawn(monkeypatch)
    table = table_flowable(
        ["Venue, mode / स्थान, माध्यम", "Participants / प्रतिभागी"],
        [["HIPA, CM-विंडो", "1,234"]],
        widths=["70%", "30%"],
        numeric={1},
    )
    document = render_pdf(
        f"<html><head>{STYLE}</head><body><pdf:flowable name='t' /></body></html>",
        flowables={"t": table},
    )
    assert document.startswith(b"%PDF")
    deva = [
        name
        for font, text in drawn
        if "Devanagari" in font.face.name.decode()
        for name in _glyph_names(font, text)
    ]
    assert "paradeva" in deva  # प्र as one conjunct (shaped), never pa + virama + ra
    assert "viramadeva" not in deva
    # "स्थान," is one word in Noto Sans Devanagari, its comma included
    assert any(name.startswith("comma") for name in deva)
    latin = "".join(
        str(text) for font, text in drawn if "Devanagari" not in font.face.name.decode()
    )
    for text in ("Venue, mode", "Participants", "HIPA,", "CM-", "1,234"):
        assert text in latin


def test_a_long_table_repeats_its_header_and_keeps_every_row():
    rows = [[f"Programme {n:03d}", str(n)] for n in range(120)]
    table = table_flowable(["Title / शीर्षक", "Participants"], rows, widths=["80%", "20%"])
    document = render_pdf(
        f"<html><head>{STYLE}</head><body><pdf:flowable name='t' /></body></html>",
        flowables={"t": table},
    )
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(document)).pages]
    assert len(pages) >= 2
    assert all("Participants" in text for text in pages)
    found = re.findall(r"Programme (\d{3})", "\n".join(pages))
    assert found == [f"{n:03d}" for n in range(120)]


def test_an_empty_table_says_so():
    table = table_flowable(["A", "B"], [], widths=["50%", "50%"])
    assert [str(getattr(cell, "text", cell)) for cell in table._cellvalues[1]] == ["—", ""]


def test_a_flowable_the_page_names_must_be_given():
    with pytest.raises(PdfError, match="programmes"):
        render_pdf(
            f"<html><head>{STYLE}</head><body><pdf:flowable name='programmes' /></body></html>"
        )
