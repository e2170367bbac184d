"""Uploaded images are re-encoded: metadata and anything appended to the picture are gone,
the pixels stay; a file that is not a picture is refused with a message, nothing saved."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from lms.core.images import ImageRejected, reencode

pytestmark = pytest.mark.django_db

PAYLOAD = b"<?php system($_GET['c']); ?>"


def jpeg_with_gps() -> bytes:
    image = PILImage.new("RGB", (40, 30), (200, 30, 30))
    exif = PILImage.Exif()
    exif[0x010F] = "Officer's phone"  # Make
    exif[0x8825] = {1: "N", 2: (28.0, 27.0, 0.0)}  # GPS info
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def png_bytes() -> bytes:
    out = io.BytesIO()
    PILImage.new("RGBA", (10, 10), (0, 128, 0, 255)).save(out, "PNG")
    return out.getvalue()


def test_metadata_and_appended_payload_are_dropped():
    original = jpeg_with_gps() + PAYLOAD
    with PILImage.open(io.BytesIO(original)) as before:
        assert before.getexif()  # the test file does carry EXIF
    data, extension = reencode(original)
    assert extension == "jpg" and PAYLOAD not in data
    with PILImage.open(io.BytesIO(data)) as after:
        assert not after.getexif() and after.size == (40, 30)
        assert after.getpixel((5, 5))[0] > 150  # still red


def test_png_stays_png_with_its_pixels():
    data, extension = reencode(png_bytes())
    with PILImage.open(io.BytesIO(data)) as image:
        assert extension == "png" and image.getpixel((1, 1)) == (0, 128, 0, 255)


@pytest.mark.parametrize("data", [b"", b"not an image at all", PAYLOAD, b"%PDF-1.7\n"])
def test_non_images_are_refused(data):
    with pytest.raises(ImageRejected):
        reencode(data)


def test_saving_an_image_stores_the_reencoded_file():
    Image = get_image_model()
    upload = SimpleUploadedFile("photo.jpeg", jpeg_with_gps() + PAYLOAD, "image/jpeg")
    image = Image(title="Counter photo", file=upload, width=40, height=30)
    image.save()
    image.file.open("rb")
    stored = image.file.read()
    image.file.close()
    assert PAYLOAD not in stored and image.file.name.endswith(".jpg")
    assert image.file_size == len(stored)
    # Editing the title later does not re-encode (the file is already stored).
    name = image.file.name
    image.title = "Help desk photo"
    image.save()
    assert image.file.name == name


def test_admin_upload_reencodes_and_refuses_a_fake(client, trainer):
    Image = get_image_model()
    client.force_login(trainer)
    good = client.post(
        "/admin/images/add/",
        {
            "title": "Counter",
            "file": SimpleUploadedFile("counter.jpg", jpeg_with_gps() + PAYLOAD, "image/jpeg"),
            "collection": 1,
        },
    )
    assert good.status_code == 302, good.content.decode()[:2000]
    stored = Image.objects.get(title="Counter")
    with stored.file.open("rb") as handle:
        assert PAYLOAD not in handle.read()
    # A PNG header followed by garbage passes the extension check but is not a picture.
    fake = client.post(
        "/admin/images/add/",
        {
            "title": "Fake",
            "file": SimpleUploadedFile("fake.png", b"\x89PNG\r\n\x1a\n" + PAYLOAD, "image/png"),
            "collection": 1,
        },
    )
    assert fake.status_code == 200
    assert "cannot be used as an image" in fake.content.decode()
    assert not Image.objects.filter(title="Fake").exists()
