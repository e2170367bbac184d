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
character.

Speed (1,000 certificates in a run): the fonts are registered with reportlab once per
process (``register_fonts``) under the names an ``@font-face`` rule would give them, and
every document knows the families ``NotoSans`` and ``NotoDeva`` by name, so no document
declares, reads or hashes a font file (xhtml2pdf hashed all four, 1.5 MB, on every
render). A shaped word is kept (``_shape_word``'s cache: the glyphs depend on the word,
the font and the size only), and streams are written binary rather than ASCII85. A long
table (the FY report's programme list) is laid out by reportlab, not xhtml2pdf: the page
places it with ``<pdf:flowable name="..."/>`` and ``render_pdf(..., flowables=...)`` gives
it (``table_flowable``)."""

import functools
import io
import re
import threading
from collections.abc import Collection, Mapping, Sequence
from contextvars import ContextVar
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import xhtml2pdf.reportlab_paragraph as layout
from django.conf import settings
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.abag import ABag
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.fonts import addMapping
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedStr, TTFont, shapeFragWord
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle
from xhtml2pdf import default as xhtml2pdf_default
from xhtml2pdf import parser as xhtml2pdf_parser
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy
from xhtml2pdf.tags import pisaTag

DEVANAGARI = re.compile("[\u0900-\u097f\ua8e0-\ua8ff\u1cd0-\u1cff]")
WORDS = re.compile(r"(\s+)")
DEVANAGARI_RUN = re.compile("([\u0900-\u097f\ua8e0-\ua8ff\u1cd0-\u1cff\u200c\u200d]+)")
FONT_FILES = {
    "NotoSans": ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    "NotoDeva": ("NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf"),
}

_install_lock = threading.Lock()
_installed = False
_fonts_lock = threading.Lock()
_fonts_registered: Path | None = None  # the folder the registered faces were read from
# The flowables the document being rendered places with <pdf:flowable name="..."/>.
_flowables: ContextVar[Mapping[str, Flowable] | None] = ContextVar("pdf_flowables", default=None)


class PdfError(Exception):
    """The document could not be rendered."""


def font_dir() -> Path:
    return Path(getattr(settings, "PDF_FONT_DIR", "/usr/share/fonts/truetype/noto"))


def missing_fonts() -> list[str]:
    return [
        name for files in FONT_FILES.values() for name in files if not (font_dir() / name).exists()
    ]


def font_face_css() -> str:
    """What a template puts in its <style> for the embedded fonts: nothing any more, as
    ``render_pdf`` registers them once per process (``register_fonts``) and every document
    knows ``font-family: NotoSans, NotoDeva`` by name. Kept for the templates that
    include it. (An ``@font-face`` rule for these families would read and hash the files
    again and remap the family, italic to bold, for the rest of the process.)"""
    return ""


def register_fonts() -> None:
    """Register the Noto faces with reportlab once per process (again only if
    ``PDF_FONT_DIR`` changed) under the names xhtml2pdf's ``@font-face`` handling gave them
    in every document, ``notosans_00`` (regular) and ``notosans_10`` (bold), and make the
    families known to every document (``xhtml2pdf.default.DEFAULT_FONT``, which each
    document copies). There are no italic faces: italic draws with the upright one."""
    global _fonts_registered
    folder = font_dir()
    if _fonts_registered == folder:
        return
    missing = missing_fonts()
    if missing:
        raise PdfError(f"Fonts missing ({', '.join(missing)}): apt-get install fonts-noto-core")
    with _fonts_lock:
        if _fonts_registered == folder:
            return
        for family, files in FONT_FILES.items():
            key = family.lower()
            for bold, filename in enumerate(files):
                face = f"{key}_{bold}0"
                pdfmetrics.registerFont(TTFont(face, str(folder / filename)))
                # Upright last, so that reportlab reads the face back as not italic.
                addMapping(key, bold, 1, face)
                addMapping(key, bold, 0, face)
                xhtml2pdf_default.DEFAULT_FONT[face] = key
            xhtml2pdf_default.DEFAULT_FONT[key] = key
        _shape_word.cache_clear()
        _fonts_registered = folder


def _shapable(font_name: str):
    try:
        font = pdfmetrics.getFont(font_name)
    except KeyError:
        return None
    return (
        font if getattr(font, "_dynamicFont", False) and getattr(font, "shapable", False) else None
    )


@functools.lru_cache(maxsize=8192)
def _shape_word(word: str, font_name: str, font_size: float):
    """(shaped text, width) for one word; the text is a ShapedStr when HarfBuzz changed it.
    Cached: the same words (the certificate's wording, the report's headings) come back in
    every document, and a ShapedStr is never changed in place (``+`` makes a new one)."""
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
            if isinstance(text, ShapedStr):  # shaped already (reportlab's own paragraphs)
                return original_format(self, text)
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
        # xhtml2pdf looks a tag's class up by name in its parser module.
        xhtml2pdf_parser.pisaTagPDFFLOWABLE = FlowableTag
        # Font subsets and images as binary streams: ASCII85 (reportlab's pure-Python
        # encoder) only made them a quarter larger and slower to write.
        rl_config.useA85 = 0
        _installed = True


def render_pdf(
    html: str, *, base_dir: Path | None = None, flowables: Mapping[str, Flowable] | None = None
) -> bytes:
    """Render ``html`` (styled with ``font-family: NotoSans, NotoDeva``) to PDF bytes.
    ``flowables`` are placed where the HTML has ``<pdf:flowable name="..."/>`` (see
    ``table_flowable``)."""
    register_fonts()
    install_shaping()
    out = io.BytesIO()
    policy = ResourceAccessPolicy(
        base_dir=str(base_dir or settings.BASE_DIR), extra_roots=(str(font_dir()),)
    )
    token = _flowables.set(flowables or {})
    try:
        status = pisa.CreatePDF(html, dest=out, encoding="utf-8", resource_policy=policy)
    finally:
        _flowables.reset(token)
    if status.err:
        raise PdfError(f"xhtml2pdf reported {status.err} error(s)")
    return out.getvalue()


class FlowableTag(pisaTag):
    """``<pdf:flowable name="programmes"/>``: the flowable ``render_pdf`` was given under
    that name, placed there in the document's flow."""

    def start(self, c) -> None:
        name = self.node.getAttribute("name")
        flowable = (_flowables.get() or {}).get(name)
        if flowable is None:
            raise PdfError(f"No flowable named {name!r} was given to render_pdf")
        c.addPara()
        c.addStory(flowable)


def _marked_up(text: str, devanagari_face: str) -> tuple[str, bool]:
    """``text`` as paragraph markup, escaped, with each word holding Devanagari in
    ``devanagari_face`` (Noto Sans has no Devanagari; Noto Sans Devanagari has the
    punctuation and digits but no Latin letters), and whether reportlab may shape it:
    it shapes a word in one font, so a word mixing Latin letters and Devanagari is split
    by script and left to the drawing-time shaping (``install_shaping``)."""
    covered = pdfmetrics.getFont(devanagari_face).face.charToGlyph
    runs, whole = [], True
    for word in WORDS.split(text):
        if not DEVANAGARI.search(word):
            runs.append((False, word))
        elif all(ord(char) in covered for char in word):
            runs.append((True, word))
        else:
            whole = False
            runs += [(bool(i % 2), part) for i, part in enumerate(DEVANAGARI_RUN.split(word))]
    markup = "".join(
        f'<font name="{devanagari_face}">{xml_escape(part)}</font>' if deva else xml_escape(part)
        for deva, part in runs
        if part
    )
    return markup, whole


def table_flowable(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    widths: Sequence[str],
    numeric: Collection[int] = (),
    single_line: Collection[int] = (),
    font_size: float = 8,
    padding: float = 3,
    empty: str = "—",
) -> Table:
    """A long table for ``render_pdf(..., flowables=...)``, laid out by reportlab itself:
    about a tenth of the time xhtml2pdf takes for an HTML table (0.7 ms a cell there),
    with the look of the reports' tables (0.5 pt grey rules, shaded bold header, numbers
    right-aligned, ``font-family: NotoSans, NotoDeva`` with Hindi shaped) and the header
    repeated on every page. ``widths`` are percentages of the frame ("20%"); cells are
    text (HTML-escaped here); no rows give one row reading ``empty``. ``numeric`` columns
    are right-aligned; the body cells of ``numeric`` and ``single_line`` columns are drawn
    as one line, not wrapped (the column must be wide enough), which is cheaper."""
    register_fonts()
    styles = {}
    for bold in (False, True):
        for right in (False, True):
            for shaping in (0, 1):  # HarfBuzz only where there is Devanagari (as elsewhere)
                styles[bold, right, shaping] = ParagraphStyle(
                    f"cell{int(bold)}{int(right)}{shaping}",
                    fontName="notosans_10" if bold else "notosans_00",
                    fontSize=font_size,
                    leading=font_size * 1.2,
                    alignment=TA_RIGHT if right else TA_LEFT,
                    shaping=shaping,  # reportlab's own shaping, widths included
                )

    def cell(text, column, bold=False):
        text = str(text)
        hindi = bool(DEVANAGARI.search(text))
        if not (bold or hindi) and (column in numeric or column in single_line):
            return text  # one line as it is: no paragraph to lay out
        markup, shapable = _marked_up(text, "notodeva_10" if bold else "notodeva_00")
        return Paragraph(markup, styles[bold, column in numeric, int(hindi and shapable)])

    data = [[cell(text, column, bold=True) for column, text in enumerate(header)]]
    data += [[cell(text, column) for column, text in enumerate(row)] for row in rows]
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#888888")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f6")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONT", (0, 0), (-1, -1), "notosans_00", font_size, font_size * 1.2),
        *(("ALIGN", (column, 0), (column, -1), "RIGHT") for column in numeric),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
    ]
    if not rows:
        data.append([cell(empty, 0)] + [""] * (len(header) - 1))
        commands.append(("SPAN", (0, 1), (-1, 1)))
    return Table(data, colWidths=list(widths), repeatRows=1, style=TableStyle(commands))
