"""What certificates reuse between renders (fonts, shaped words, the QR drawing) never
carries one certificate's facts into the next: each PDF prints its own holder, number and
verification URL, and its QR code is the one ``qrcode.make`` draws for its own URL."""

import base64
import io

import pytest
import qrcode
from PIL import Image
from pypdf import PdfReader

from certificates import rendering, services
from lms.core.pdf import missing_fonts
from lms.core.roles import Role
from tests.factories import build_course, make_user

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(bool(missing_fonts()), reason="fonts-noto-core is not installed"),
]


def reference_qr(url: str) -> Image.Image:
    """The QR code as the certificates drew it before (one rectangle per module)."""
    return qrcode.make(url, box_size=6, border=2).get_image()


@pytest.mark.parametrize(
    "url",
    [
        "https://lms.example.gov.in/verify/AbCdEfGhIjKlMnOpQrStUv/",
        "https://lms.example.gov.in/verify/0123456789012345678901234567/",
        "http://localhost:8000/verify/x/",
    ],
)
def test_the_qr_png_is_the_one_qrcode_draws(url):
    rendering.qr_png_data_uri.cache_clear()
    buffer = io.BytesIO()
    reference_qr(url).save(buffer, format="PNG")
    uri = rendering.qr_png_data_uri(url)
    assert uri == "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def _pdf_text_and_qr(certificate):
    certificate.pdf.open("rb")
    reader = PdfReader(io.BytesIO(certificate.pdf.read()))
    certificate.pdf.close()
    page = reader.pages[0]
    (image,) = page.images
    return page.extract_text(), image.image


def _same_pixels(drawn: Image.Image, expected: Image.Image) -> bool:
    return (
        drawn.size == expected.size
        and drawn.convert("1").tobytes() == expected.convert("1").tobytes()
    )


def test_two_certificates_in_a_row_carry_their_own_holder_number_and_qr(department):
    course = build_course(title="Citizen's Charter")
    asha = make_user(
        Role.TRAINEE,
        department=department,
        first_name="Asha",
        last_name="Verma",
        name_hi="आशा वर्मा",
    )
    ravi = make_user(
        Role.TRAINEE,
        department=department,
        first_name="Ravi",
        last_name="Kumar",
        name_hi="रवि कुमार",
    )
    first = services.issue(holder=asha, course=course)
    second = services.issue(holder=ravi, course=course)
    assert first.serial != second.serial
    texts = {}
    for certificate, mine, other in (
        (first, "Asha Verma", "Ravi Kumar"),
        (second, "Ravi Kumar", "Asha Verma"),
    ):
        text, qr = _pdf_text_and_qr(certificate)
        texts[certificate.pk] = text
        url = rendering.verify_url(certificate)
        assert mine in text and other not in text
        assert certificate.number in text
        assert certificate.serial in text.replace("\n", "")
        assert _same_pixels(qr, reference_qr(url))
    other_url = rendering.verify_url(first)
    _text, second_qr = _pdf_text_and_qr(second)
    assert not _same_pixels(second_qr, reference_qr(other_url))
    assert first.number not in texts[second.pk] and second.number not in texts[first.pk]
