"""PDF rendering with xhtml2pdf, with Devanagari shaped correctly.

xhtml2pdf lays text out with its own copy of reportlab's paragraph code and never asks
reportlab to shape it, so Hindi comes out with broken conjuncts and misplaced matras. The
adapter below (``install_shaping``) fixes that at the two points where text meets the font:

* ``PDFTextObject._formatText`` (drawing): each whitespace-separated word containing
  Devanagari is shaped with HarfBuzz through reportlab's ``shapeFragWord`` and drawn as a
  ``ShapedStr``, which reportlab's text object positions glyph by glyph;
* ``xhtml2pdf.reportlab_paragraph.stringWidth`` (layout): the same words are measured by
  their shaped advance, so centring, wrapping and justification line up.

Words are shaped one by one because HarfBuzz picks one script per run: a Latin word
first would switch Indic shaping off. Fonts: Debian's Noto Sans (Latin) and Noto Sans
Devanagari (which has no Latin glyphs), listed in that order so xhtml2pdf falls back per
character."""

import io
import re
import threading
from pathlib import Path

import xhtml2pdf.reportlab_paragraph as layout
from django.conf import settings
from reportlab.lib.abag import ABag
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedStr, shapeFragWord
from reportlab.pdfgen.textobject import PDFTextObject
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

DEVANAGARI = re.compile("[\u0900-\u097f\ua8e0-\ua8ff\u1cd0-\u1cff]")
WORDS = re.compile(r"(\s+)")
FONT_FILES = {
    "NotoSans": ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    "NotoDeva": ("NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf"),
}

_install_lock = threading.Lock()
_installed = False


class PdfError(Exception):
    """The document could not be rendered."""


def font_dir() -> Path:
    return Path(getattr(settings, "PDF_FONT_DIR", "/usr/share/fonts/truetype/noto"))


def missing_fonts() -> list[str]:
    return [
        name for files in FONT_FILES.values() for name in files if not (font_dir() / name).exists()
    ]


def font_face_css() -> str:
    """@font-face rules for the embedded fonts (use font-family: NotoSans, NotoDeva)."""
    rules = []
    for family, (regular, bold) in FONT_FILES.items():
        rules.append(f'@font-face {{ font-family: {family}; src: url("{font_dir() / regular}"); }}')
        rules.append(
            f'@font-face {{ font-family: {family}; font-weight: bold; src: url("{font_dir() / bold}"); }}'
        )
    return "\n".join(rules)


def _shapable(font_name: str):
    try:
        font = pdfmetrics.getFont(font_name)
    except KeyError:
        return None
    return (
        font if getattr(font, "_dynamicFont", False) and getattr(font, "shapable", False) else None
    )


def _shape_word(word: str, font_name: str, font_size: float):
    """(shaped text, width) for one word; the text is a ShapedStr when HarfBuzz changed it."""
    width = pdfmetrics.stringWidth(word, font_name, font_size)
    shaped = shapeFragWord([width, (ABag(fontName=font_name, fontSize=font_size), word)])
    if shaped is None or len(shaped) < 2:
        return word, width
    text = shaped[1][1]
    for _frag, piece in shaped[2:]:
        text = text + piece
    return text, shaped[0]


def shape_text(text: str, font_name: str, font_size: float):
    """``text`` with every Devanagari word shaped, and its total width."""
    if not DEVANAGARI.search(text) or _shapable(font_name) is None:
        return text, None
    result, width = ShapedStr("", shapeData=[]), 0.0
    for part in WORDS.split(text):
        if not part:
            continue
        if DEVANAGARI.search(part):
            piece, piece_width = _shape_word(part, font_name, font_size)
        else:
            piece, piece_width = part, pdfmetrics.stringWidth(part, font_name, font_size)
        result = result + piece
        width += piece_width
    return result, width


def install_shaping() -> None:
    """Patch xhtml2pdf/reportlab once per process (idempotent, thread-safe)."""
    global _installed
    if _installed:
        return
    with _install_lock:
        if _installed:
            return

        original_format = PDFTextObject._formatText
        original_width = layout.stringWidth

        def _formatText(self, text):
            if isinstance(text, bytes):
                text = text.decode("utf-8")
            shaped, _width = shape_text(text, self._fontname, self._fontsize)
            return original_format(self, shaped)

        def stringWidth(text, fontName, fontSize, encoding="utf8"):  # noqa: N803 - reportlab's names
            if isinstance(text, bytes):
                text = text.decode(encoding)
            _shaped, width = shape_text(text, fontName, fontSize)
            return (
                width if width is not None else original_width(text, fontName, fontSize, encoding)
            )

        PDFTextObject._formatText = _formatText
        layout.stringWidth = stringWidth
        _installed = True


def render_pdf(html: str, *, base_dir: Path | None = None) -> bytes:
    """Render ``html`` (which should include ``font_face_css()``) to PDF bytes."""
    missing = missing_fonts()
    if missing:
        raise PdfError(f"Fonts missing ({', '.join(missing)}): apt-get install fonts-noto-core")
    install_shaping()
    out = io.BytesIO()
    policy = ResourceAccessPolicy(
        base_dir=str(base_dir or settings.BASE_DIR), extra_roots=(str(font_dir()),)
    )
    status = pisa.CreatePDF(html, dest=out, encoding="utf-8", resource_policy=policy)
    if status.err:
        raise PdfError(f"xhtml2pdf reported {status.err} error(s)")
    return out.getvalue()
