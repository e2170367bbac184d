"""A certificate as HTML and as PDF (xhtml2pdf with Devanagari shaping, lms.core.pdf)."""

import base64
import io
import re

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape

from lms.core.pdf import font_face_css, render_pdf

from .enums import CertificateLayout
from .models import Certificate, CertificateTemplate

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def verify_url(certificate: Certificate) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("verify", args=[certificate.serial])


def qr_png_data_uri(text: str) -> str:
    import qrcode

    image = qrcode.make(text, box_size=6, border=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def _dates(certificate: Certificate, hindi: bool) -> str:
    if not certificate.starts_on:
        return ""
    start, end = (
        f"{d:%d/%m/%Y}"
        for d in (certificate.starts_on, certificate.ends_on or certificate.starts_on)
    )
    if start == end:
        return f"{start}" if hindi else f"on {start}"
    return f"{start} से {end} तक" if hindi else f"from {start} to {end}"


def course_title_in_hindi(certificate: Certificate) -> str:
    """The title of the course's Hindi version when it has a live one, else the title the
    certificate was issued with (courses/localisation.py)."""
    from django.utils import translation

    from lms.core.languages import localised

    if certificate.course_id is None:
        return certificate.course_title
    with translation.override("hi"):
        hindi = localised(certificate.course)
    return hindi.title if hindi.pk != certificate.course_id else certificate.course_title


def fill(text: str, certificate: Certificate, *, hindi: bool, course_title: str = "") -> str:
    """The template's text with placeholders filled, HTML-escaped (values and text).
    ``course_title`` replaces the certificate's own (the Hindi title in the Hindi text)."""
    values = {
        "holder": certificate.holder_name,
        "designation": certificate.designation,
        "department": certificate.department_name,
        "course": course_title or certificate.course_title,
        "dates": _dates(certificate, hindi),
        "hours": f"{certificate.hours.normalize():f}",
        "grade": certificate.grade,
    }
    # Only {name} placeholders: no attribute or index access, every value escaped.
    return PLACEHOLDER.sub(
        lambda match: (
            escape(values[match.group(1)]) if match.group(1) in values else match.group(0)
        ),
        escape(text),
    )


def _image_path(image):
    try:
        return image.file.path if image else ""
    except (NotImplementedError, ValueError):  # storage without local paths
        return ""


def certificate_html(certificate: Certificate, template: CertificateTemplate) -> str:
    layout = template.layout
    show_hi = layout in (CertificateLayout.HINDI, CertificateLayout.BILINGUAL)
    return render_to_string(
        "certificates/pdf.html",
        {
            "certificate": certificate,
            "template": template,
            "fonts": font_face_css(),
            "show_en": layout in (CertificateLayout.ENGLISH, CertificateLayout.BILINGUAL),
            "show_hi": show_hi,
            "body_en": fill(template.body_en, certificate, hindi=False),
            "body_hi": fill(
                template.body_hi,
                certificate,
                hindi=True,
                course_title=course_title_in_hindi(certificate) if show_hi else "",
            ),
            "qr": qr_png_data_uri(verify_url(certificate)),
            "verify_url": verify_url(certificate),
            "logo": _image_path(template.logo),
            "signature": _image_path(template.signature),
        },
    )


def certificate_pdf(certificate: Certificate, template: CertificateTemplate) -> bytes:
    return render_pdf(certificate_html(certificate, template), base_dir=settings.MEDIA_ROOT)
