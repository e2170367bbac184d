"""Uploaded images are re-encoded before they are stored.

Wagtail checks an upload's type, size and pixel count; re-encoding it with Pillow as well
drops everything that is not the picture: EXIF and other metadata (a phone photo's GPS
position, the camera owner's name), comments, and any payload hidden after the image
data (a file that is also a valid script or archive). The stored file is a fresh JPEG,
PNG, GIF or WebP of the same pixels."""

import hashlib
import io

from django import forms
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import ImageOps
from wagtail.images.forms import BaseImageForm

FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}


class ImageRejected(ValueError):
    pass


def reencode(data: bytes) -> tuple[bytes, str]:
    """The picture in ``data`` written afresh; returns (bytes, extension)."""
    try:
        with PILImage.open(io.BytesIO(data)) as probe:
            probe.verify()  # structure check without decoding the pixels
        with PILImage.open(io.BytesIO(data)) as image:
            kind = image.format
            if kind not in FORMATS:
                raise ImageRejected(f"Unsupported image type: {kind}")
            frames = getattr(image, "n_frames", 1)
            out = io.BytesIO()
            if kind == "GIF" and frames > 1:
                image.save(out, "GIF", save_all=True, optimize=False)
            else:
                clean = ImageOps.exif_transpose(image)  # keep the orientation the EXIF gave
                if kind == "JPEG":
                    clean = clean.convert("RGB")
                    clean.save(out, "JPEG", quality=90, optimize=True)
                elif kind == "PNG":
                    clean.save(out, "PNG", optimize=True)
                elif kind == "WEBP":
                    clean.save(out, "WEBP", quality=90)
                else:
                    clean.save(out, kind)
    except ImageRejected:
        raise
    except Exception as error:  # Pillow raises many kinds for broken files
        raise ImageRejected(f"Not a readable image: {error}") from error
    return out.getvalue(), FORMATS[kind]


def reencode_uploaded_image(sender, instance, **kwargs):
    """pre_save of Wagtail's image model: re-encode a file that has not been stored yet."""
    upload = instance.file
    if not upload or getattr(upload, "_committed", True):
        return  # nothing new: an edit of the title, tags or focal point
    upload.seek(0)
    data, extension = reencode(upload.read())
    stem = upload.name.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "image"
    instance.file = ContentFile(data, name=f"{stem}.{extension}")
    instance.file_size = len(data)
    instance.file_hash = hashlib.sha1(data, usedforsecurity=False).hexdigest()  # as Wagtail


class ImageForm(BaseImageForm):
    """WAGTAILIMAGES_IMAGE_FORM_BASE: Wagtail's image form, refusing with a message an
    upload that Pillow cannot re-encode (instead of failing when it is saved)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:
            checked = field.to_python

            def to_python(data):
                # Wagtail's own pixel-size check opens the file and lets Pillow's error
                # for a file that only looks like an image escape as a server error.
                try:
                    return checked(data)
                except forms.ValidationError:
                    raise
                except Exception as error:
                    raise forms.ValidationError(
                        _("This file cannot be used as an image: %(reason)s") % {"reason": error}
                    ) from error

            field.to_python = to_python

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is not None and not getattr(upload, "_committed", True):
            upload.seek(0)
            try:
                reencode(upload.read())
            except ImageRejected as error:
                raise forms.ValidationError(
                    _("This file cannot be used as an image: %(reason)s") % {"reason": error}
                ) from error
            upload.seek(0)
        return upload
