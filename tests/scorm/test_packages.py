"""Uploading a package: every rule is checked before anything is stored."""

import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from scorm import services
from scorm.models import ScormPackage
from tests.scorm.builders import make_zip, manifest, quiz_files

pytestmark = pytest.mark.django_db

XXE_MANIFEST = """<?xml version="1.0"?>
<!DOCTYPE manifest [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<manifest identifier="x"><organizations/><resources>
<resource identifier="r" adlcp:scormtype="sco" href="index.html"
 xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">&secret;</resource>
</resources></manifest>"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>
<manifest identifier="x">&lol2;</manifest>"""

SCORM_2004 = manifest().replace(
    "<schemaversion>1.2</schemaversion>", "<schemaversion>2004 4th Edition</schemaversion>"
)


def refusal(files, **kwargs) -> list[str]:
    with pytest.raises(services.ScormError) as caught:
        services.add_package(upload=make_zip(files, **kwargs), actor=None)
    return caught.value.messages


def assert_nothing_stored(root):
    assert ScormPackage.objects.count() == 0
    assert not root.exists() or [p.name for p in root.iterdir()] == []


def test_a_valid_package_is_unpacked_and_recorded(scorm_root, trainer):
    package = services.add_package(upload=make_zip(quiz_files()), actor=trainer)
    assert package.title == "Charter quiz"
    assert package.launch_path == "index.html"
    assert package.mastery_score == 100
    assert package.file_count == 4
    folder = scorm_root / package.key.hex
    assert (folder / "index.html").read_text().startswith("<!DOCTYPE html>")
    assert (folder / "styles" / "site.css").is_file()
    assert not [p for p in scorm_root.iterdir() if p.name.startswith(".incoming-")]


def test_not_a_zip(scorm_root):
    upload = SimpleUploadedFile("course.zip", b"this is not a zip at all")
    with pytest.raises(services.ScormError) as caught:
        services.add_package(upload=upload, actor=None)
    assert caught.value.messages == ["The file is not a zip archive."]
    assert_nothing_stored(scorm_root)


def test_manifest_missing(scorm_root):
    files = quiz_files()
    del files["imsmanifest.xml"]
    assert refusal(files) == ["imsmanifest.xml is missing from the top of the zip."]
    assert_nothing_stored(scorm_root)


@pytest.mark.parametrize(
    "evil",
    ["../escape.html", "/etc/evil.html", "a/../../evil.html", "C:/evil.html", "dir\\..\\evil.html"],
)
def test_zip_slip_is_refused_naming_the_file(scorm_root, evil):
    messages = refusal({**quiz_files(), evil: "<p>x</p>"})
    assert any(evil[:200] in m and "leaves the package" in m for m in messages), messages
    assert_nothing_stored(scorm_root)
    assert not (scorm_root.parent / "escape.html").exists()


def test_a_link_is_refused(scorm_root):
    buffer = make_zip(quiz_files())
    with zipfile.ZipFile(buffer, "a") as archive:
        info = zipfile.ZipInfo("link.html")
        info.external_attr = 0o120777 << 16
        archive.writestr(info, "/etc/passwd")
    buffer.seek(0)
    with pytest.raises(services.ScormError) as caught:
        services.add_package(upload=buffer, actor=None)
    assert "link.html: links are not allowed." in caught.value.messages
    assert_nothing_stored(scorm_root)


def test_zip_bomb_by_ratio(scorm_root):
    messages = refusal({**quiz_files(), "media/zeros.txt": b"\0" * (20 * 1024 * 1024)})
    assert any("zip bomb" in m for m in messages), messages
    assert any(m.startswith("media/zeros.txt: inflates") for m in messages), messages
    assert_nothing_stored(scorm_root)


def test_total_unpacked_size(scorm_root, settings):
    settings.SCORM_MAX_UNPACKED_BYTES = 1000
    messages = refusal({**quiz_files(), "big.txt": "x" * 2000}, compression=zipfile.ZIP_STORED)
    assert any(m.startswith("Unpacked, the package would take") for m in messages), messages
    assert_nothing_stored(scorm_root)


def test_too_many_files(scorm_root, settings):
    settings.SCORM_MAX_FILES = 10
    files = {**quiz_files(), **{f"pages/p{n}.html": "<p>x</p>" for n in range(10)}}
    assert "The package has 14 files; at most 10 are allowed." in refusal(files)
    assert_nothing_stored(scorm_root)


@pytest.mark.parametrize(
    "name", ["setup.exe", "tools/run.sh", "lib/flash.swf", "inner.zip", "Makefile", "page.php"]
)
def test_disallowed_file_type(scorm_root, name):
    messages = refusal({**quiz_files(), name: b"MZ"})
    assert f"{name}: this type of file is not allowed in a package." in messages
    assert_nothing_stored(scorm_root)


@pytest.mark.parametrize("xml", [XXE_MANIFEST, BILLION_LAUGHS])
def test_manifest_with_dtd_or_entities(scorm_root, xml):
    messages = refusal({**quiz_files(), "imsmanifest.xml": xml})
    assert messages == ["imsmanifest.xml: a DTD or entities are not allowed in the manifest."]
    assert_nothing_stored(scorm_root)


def test_manifest_not_xml(scorm_root):
    messages = refusal({**quiz_files(), "imsmanifest.xml": "<manifest><oops></manifest>"})
    assert messages[0].startswith("imsmanifest.xml is not well-formed XML")


def test_scorm_2004_is_refused(scorm_root):
    messages = refusal({**quiz_files(), "imsmanifest.xml": SCORM_2004})
    assert messages == [
        "imsmanifest.xml: SCORM 2004 is not supported; export the course as SCORM 1.2."
    ]


def test_no_launchable_sco(scorm_root):
    asset = manifest().replace('adlcp:scormtype="sco"', 'adlcp:scormtype="asset"')
    messages = refusal({**quiz_files(), "imsmanifest.xml": asset})
    assert messages == [
        'imsmanifest.xml names no launchable SCO (a resource with scormtype "sco").'
    ]


def test_launch_file_missing(scorm_root):
    files = quiz_files(launch="start.html")
    messages = refusal(files)
    assert messages == ["imsmanifest.xml: the launch file start.html is not in the package."]


def test_damaged_entry_is_refused_before_storing(scorm_root):
    buffer = make_zip(quiz_files(), compression=zipfile.ZIP_STORED)
    data = bytearray(buffer.getvalue())
    spot = data.find(b"font-family")
    data[spot : spot + 4] = b"XXXX"  # the CRC no longer matches
    damaged = SimpleUploadedFile("damaged.zip", bytes(data))
    with pytest.raises(services.ScormError) as caught:
        services.add_package(upload=damaged, actor=None)
    assert caught.value.messages == ["styles/site.css: the file is damaged."]
    assert_nothing_stored(scorm_root)


def test_deleting_a_package_removes_its_files(scorm_root, django_capture_on_commit_callbacks):
    package = services.add_package(upload=make_zip(quiz_files()), actor=None)
    folder = scorm_root / package.key.hex
    assert folder.is_dir()
    with django_capture_on_commit_callbacks(execute=True):
        package.delete()
    assert not folder.exists()
