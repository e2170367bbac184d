"""The certificate desk reads each bulk issue run from the database: under eager Celery
(`make run`) the progress shows the finished run, and the ZIP of the latest run stays on
offer, to every cell member, whenever the page is opened."""

import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from certificates import services, tasks
from certificates.enums import IssueRunState
from certificates.models import IssueRun
from lms.core.pdf import missing_fonts
from lms.core.roles import Role
from programmes import services as programme_services
from tests.certificates.test_certificates import finished  # noqa: F401 - a fixture
from tests.factories import make_user

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(bool(missing_fonts()), reason="fonts-noto-core is not installed"),
]


@pytest.fixture
def finalised(finished, cell_admin):  # noqa: F811
    """Two officers completed (attendance finalised); no certificate issued yet (the
    receiver's task runs after commit, which a test transaction never reaches)."""
    programme, officers = finished
    programme_services.finalise_programme(programme=programme, actor=cell_admin)
    return programme, officers


def _desk(programme):
    return reverse("certificates:programme", args=[programme.pk])


def _zip_names(response) -> list[str]:
    content = b"".join(response.streaming_content)
    return zipfile.ZipFile(io.BytesIO(content)).namelist()


def test_an_eager_run_reports_its_outcome_not_pending(client, cell_admin, finalised):
    programme, _officers = finalised
    client.force_login(cell_admin)
    page = client.post(_desk(programme), follow=True).content.decode()
    assert 'id="progress"' not in page  # finished already: no bar stuck at "0 / …"
    assert "2 certificates issued" in page
    progress = client.get(reverse("certificates:progress", args=[programme.pk])).json()
    assert progress["state"] == "SUCCESS"
    assert progress["done"] == progress["total"] == progress["issued"] == 2
    run = IssueRun.objects.get(programme=programme)
    assert run.state == IssueRunState.DONE and run.started_by == cell_admin and run.task_id


def test_the_zip_stays_available_later_and_to_another_cell_member(
    client,
    cell_admin,
    finalised,
):
    programme, _officers = finalised
    client.force_login(cell_admin)
    client.post(_desk(programme))
    colleague = make_user(Role.CELL_ADMIN)
    client.logout()
    client.force_login(colleague)  # a new session: nothing of the first one is kept
    page = client.get(_desk(programme)).content.decode()
    zip_url = reverse("certificates:zip", args=[programme.pk])
    assert f'href="{zip_url}"' in page
    response = client.get(zip_url)
    assert response.status_code == 200
    assert len(_zip_names(response)) == 2


def test_a_run_started_by_finalising_offers_its_zip_too(client, cell_admin, finalised):
    programme, _officers = finalised
    tasks.issue_programme_certificates(programme.pk, cell_admin.pk)  # as the receiver queues it
    client.force_login(cell_admin)
    assert client.get(reverse("certificates:zip", args=[programme.pk])).status_code == 200
    progress = client.get(reverse("certificates:progress", args=[programme.pk])).json()
    assert progress["state"] == "SUCCESS" and progress["issued"] == 2


def test_only_the_latest_runs_zip_is_kept(client, cell_admin, finalised):
    programme, _officers = finalised
    first = tasks.issue_programme_certificates(programme.pk, cell_admin.pk)
    second = tasks.issue_programme_certificates(programme.pk, cell_admin.pk)
    assert not default_storage.exists(first["zip"]) or first["zip"] == second["zip"]
    assert default_storage.exists(second["zip"])
    assert IssueRun.objects.exclude(zip_name="").get().pk == second["run"]
    client.force_login(cell_admin)
    assert client.get(reverse("certificates:zip", args=[programme.pk])).status_code == 200


def test_a_run_in_progress_shows_its_count(client, cell_admin, finalised):
    programme, _officers = finalised
    IssueRun.objects.create(programme=programme, state=IssueRunState.RUNNING, done=1, total=2)
    client.force_login(cell_admin)
    page = client.get(_desk(programme)).content.decode()
    assert 'id="progress"' in page and "1 / 2" in page
    progress = client.get(reverse("certificates:progress", args=[programme.pk])).json()
    assert progress == {"state": "PROGRESS", "done": 1, "total": 2}
    assert client.get(reverse("certificates:zip", args=[programme.pk])).status_code == 404


def test_a_failed_run_is_recorded_and_said(client, cell_admin, finalised, monkeypatch):
    programme, _officers = finalised

    def broken(**kwargs):
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(services, "issue_for_programme", broken)
    with pytest.raises(RuntimeError):
        tasks.issue_programme_certificates(programme.pk, cell_admin.pk)
    run = IssueRun.objects.get(programme=programme)
    assert run.state == IssueRunState.FAILED and run.finished_at
    client.force_login(cell_admin)
    page = client.get(_desk(programme)).content.decode()
    assert 'id="progress"' not in page and "stopped with an error" in page
    progress = client.get(reverse("certificates:progress", args=[programme.pk])).json()
    assert progress["state"] == "FAILURE"


def test_the_desk_page_has_a_descriptive_title(client, cell_admin, finalised):
    programme, _officers = finalised
    client.force_login(cell_admin)
    page = client.get(_desk(programme)).content.decode()
    assert f"<title>Certificates of {programme.title} · Sevottam LMS</title>" in page
