"""A trainer uploads a package in the admin and makes a SCORM lesson of it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from courses.models import ModulePage
from scorm import services
from scorm.models import ScormLessonPage, ScormPackage
from tests.factories import build_course
from tests.scorm.builders import make_zip, quiz_files

pytestmark = pytest.mark.django_db

ADD = "/admin/snippets/scorm/scormpackage/add/"


def upload(files, name="course.zip"):
    return SimpleUploadedFile(name, make_zip(files).getvalue(), content_type="application/zip")


def test_trainer_uploads_a_package(client, trainer, scorm_root):
    client.force_login(trainer)
    assert client.get(ADD).status_code == 200
    response = client.post(ADD, {"title": "", "package": upload(quiz_files())})
    assert response.status_code == 302, response.content.decode()[:3000]
    package = ScormPackage.objects.get()
    assert package.title == "Charter quiz" and package.uploaded_by == trainer
    assert (scorm_root / package.key.hex / "index.html").is_file()
    edit = client.get(f"/admin/snippets/scorm/scormpackage/edit/{package.pk}/")
    assert edit.status_code == 200
    assert 'name="package"' not in edit.content.decode()
    renamed = client.post(
        f"/admin/snippets/scorm/scormpackage/edit/{package.pk}/", {"title": "Quiz (v2)"}
    )
    assert renamed.status_code == 302
    package.refresh_from_db()
    assert package.title == "Quiz (v2)"


def test_each_refusal_is_a_message_on_the_form(client, trainer, scorm_root):
    client.force_login(trainer)
    files = {**quiz_files(), "../evil.html": "x", "run.exe": "MZ"}
    response = client.post(ADD, {"title": "Bad", "package": upload(files)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "../evil.html: the path leaves the package." in page
    assert "run.exe: this type of file is not allowed in a package." in page
    assert not ScormPackage.objects.exists()
    assert not scorm_root.exists() or not any(scorm_root.iterdir())


def test_a_package_is_required(client, trainer):
    client.force_login(trainer)
    response = client.post(ADD, {"title": "Nothing"})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


def test_trainee_cannot_upload(client, trainee):
    client.force_login(trainee)
    assert client.get(ADD).status_code in (302, 403)


def test_trainer_adds_a_scorm_lesson_to_a_module(client, trainer, scorm_root):
    course = build_course(modules=1, lessons_per_module=0)
    module = ModulePage.objects.child_of(course).get()
    package = services.add_package(upload=make_zip(quiz_files()), actor=trainer)
    client.force_login(trainer)
    url = f"/admin/pages/add/scorm/scormlessonpage/{module.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "title": "Quiz",
            "slug": "quiz",
            "minutes": "15",
            "body-count": "0",
            "package": str(package.pk),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    lesson = ScormLessonPage.objects.get(slug="quiz")
    assert lesson.package == package
    assert lesson.get_parent().pk == module.pk
