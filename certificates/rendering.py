"""A certificate as HTML and as PDF (xhtml2pdf with Devanagari shaping, lms.core.pdf).

The Hindi text prints the Hindi facts the certificate stored at issue (the holder's name in
Devanagari, the Hindi designation, department and course title), each falling back to the
English one where none was entered. Facts that may be missing sit in the template's
optional brackets with the words that join them (certificates.models.BODY_EN, BODY_HI)."""

import base64
import functools
import io
import re

import qrcode
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from PIL import Image

from lms.core.languages import localised
from lms.core.pdf import render_pdf

from .enums import CertificateLayout
from .models import Certificate, CertificateTemplate

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def verify_url(certificate: Certificate) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("verify", args=[certificate.serial])


QR_BOX, QR_BORDER = 6, 2  # pixels per module, modules of quiet zone


@functools.lru_cache(maxsize=64)
def qr_png_data_uri(text: str) -> str:
    """The QR code of ``text`` as a PNG data URI: the same pixels and PNG bytes as
    ``qrcode.make(text, box_size=6, border=2)``, drawn from the module matrix in one
    step (rather than one rectangle per dark module). Cached by the text (a certificate's
    PDF and its HTML preview encode the same URL; two URLs never share an entry)."""
    code = qrcode.QRCode(box_size=QR_BOX, border=QR_BORDER)
    code.add_data(text)
    matrix = code.get_matrix()
    size = len(matrix)
    image = Image.new("1", (size, size), 255)
    image.putdata([0 if dark else 255 for row in matrix for dark in row])
    image = image.resize((size * QR_BOX, size * QR_BOX), Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


# The certificate's own wording is English in the English text and Hindi in the Hindi text
# whatever language the page is in, so it is written here rather than translated by gettext.
def _dates(certificate: Certificate, hindi: bool) -> str:
    """The programme's dates with the words that join them: "from 01/02/2026 to 03/02/2026"
    or "on 01/02/2026"; in Hindi "दिनांक … से … तक" or "दिनांक … को". Empty for an online
    course, which has none."""
    if not certificate.starts_on:
        return ""
    start, end = (
        f"{d:%d/%m/%Y}"
        for d in (certificate.starts_on, certificate.ends_on or certificate.starts_on)
    )
    if start == end:
        return f"दिनांक {start} को" if hindi else f"on {start}"
    return f"दिनांक {start} से {end} तक" if hindi else f"from {start} to {end}"


def course_title_in_hindi(course) -> str:
    """The title of ``course``'s live Hindi version, or "" when it has none (the English
    title is printed then). Looked up once, at issue, and kept on the certificate."""
    if course is None or course.pk is None:
        return ""
    with translation.override("hi"):
        hindi = localised(course)
    return hindi.title if hindi.pk != course.pk else ""


def placeholder_values(certificate: Certificate, *, hindi: bool) -> dict:
    """What each placeholder prints in the English or the Hindi text ("" when unknown)."""
    facts = certificate.facts(hindi=hindi)
    hours = certificate.hours
    return {
        **facts,
        "particulars": ", ".join(v for v in (facts["designation"], facts["department"]) if v),
        "dates": _dates(certificate, hindi),
        "hours": f"{hours.normalize():f}" if hours else "",
        "grade": certificate.grade,
    }


# A text written before optional brackets existed (no "[" in it) has its optional facts
# bracketed here, with the words that belong to them, so that it too reads correctly when
# one is missing. Hindi's {dates} carries its own postposition (को, or से … तक).
_LEGACY = (
    (r"\{holder\},\s*\{designation\},\s*\{department\},", "{holder}[, {particulars},]", "en"),
    (r"\{holder\},\s*\{designation\},\s*\{department\},?", "{holder}[, {particulars}]", "hi"),
    (r",\s*\{(designation|department|particulars|grade)\}", r"[, {\1}]", ""),
    (r"\s+held\s+\{dates\}", "[ held {dates}]", "en"),
    (r"\s*\{dates\}\s*को\s+आयोजित(?!\S)", "[ {dates} आयोजित]", "hi"),
    (r"\s*\{dates\}(\s*को(?!\S))?", "[ {dates}]", ""),
    (r"\s*\(\{hours\}([^()\[\]]*)\)", r"[ ({hours}\1)]", ""),
)
OPTIONAL = re.compile(r"\[([^\[\]]*)\]")


def _bracket_legacy(text: str, *, hindi: bool) -> str:
    language = "hi" if hindi else "en"
    for pattern, replacement, only in _LEGACY:
        if only in ("", language):
            # Only outside the brackets already made: a bracket is never put in another.
            text = "".join(
                part if OPTIONAL.fullmatch(part) else re.sub(pattern, replacement, part)
                for part in re.split(r"(\[[^\[\]]*\])", text)
            )
    return text


def _tidy(text: str) -> str:
    """One space between words, none before punctuation, no doubled commas."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r",(\s*,)+", ",", text)
    return re.sub(r"\s+([,.।)])", r"\1", text)


def fill(text: str, certificate: Certificate, *, hindi: bool) -> str:
    """The template's text with placeholders filled, HTML-escaped (values and text), in the
    English or the Hindi facts. A bracketed part is printed, without its brackets, only
    when every placeholder in it has a value; brackets around no placeholder stay as typed."""
    values = placeholder_values(certificate, hindi=hindi)
    if "[" not in text:
        text = _bracket_legacy(text, hindi=hindi)

    def optional(match):
        names = [n for n in PLACEHOLDER.findall(match.group(1)) if n in values]
        if not names:
            return match.group(0)
        return match.group(1) if all(values[n] for n in names) else ""

    text = OPTIONAL.sub(optional, text)
    # Only {name} placeholders: no attribute or index access, every value escaped.
    return _tidy(
        PLACEHOLDER.sub(
            lambda match: (
                escape(values[match.group(1)]) if match.group(1) in values else match.group(0)
            ),
            escape(text),
        )
    )


def _image_path(image):
    try:
        return image.file.path if image else ""
    except (NotImplementedError, ValueError):  # storage without local paths
        return ""


def certificate_html(certificate: Certificate, template: CertificateTemplate) -> str:
    layout = template.layout
    show_hi = layout in (CertificateLayout.HINDI, CertificateLayout.BILINGUAL)
    url = verify_url(certificate)
    return render_to_string(
        "certificates/pdf.html",
        {
            "certificate": certificate,
            "template": template,
            "show_en": layout in (CertificateLayout.ENGLISH, CertificateLayout.BILINGUAL),
            "show_hi": show_hi,
            "body_en": fill(template.body_en, certificate, hindi=False),
            "body_hi": fill(template.body_hi, certificate, hindi=True),
            "qr": qr_png_data_uri(url),
            "verify_url": url,
            "logo": _image_path(template.logo),
            "signature": _image_path(template.signature),
        },
    )


def certificate_pdf(certificate: Certificate, template: CertificateTemplate) -> bytes:
    return render_pdf(certificate_html(certificate, template), base_dir=settings.MEDIA_ROOT)
