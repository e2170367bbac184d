"""tests/dbsnapshot.py: rows put back are exactly the rows copied, whatever was written,
changed or deleted in between (it stands in for Django's flush after every test in real
transactions, so a mistake here would leak one test's rows into the next)."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from courses import services
from lms.core.roles import Role
from tests.dbsnapshot import Snapshot
from tests.factories import build_course, make_user


def _contents() -> dict:
    """Every table's rows, in no particular order."""
    taken = Snapshot()
    if taken.database is not None:  # SQLite: the dump's statements
        return {"sql": sorted(taken.database.iterdump())}
    return {table: sorted(rows.splitlines()) for table, rows in taken.rows.items()}


@pytest.mark.django_db(transaction=True)
def test_rows_written_changed_and_deleted_are_all_put_back():
    course = build_course(modules=1, lessons_per_module=2, title="Citizen's charter")
    before = _contents()
    copied = Snapshot()

    user = make_user(Role.TRAINEE)
    services.enrol(user=user, course=course)
    build_course(modules=2, lessons_per_module=1)
    Page.objects.filter(pk=course.pk).update(title="Renamed")
    ContentType.objects.filter(app_label="scorm").delete()
    Group.objects.all().delete()
    assert _contents() != before

    copied.restore()
    assert _contents() == before
    copied.restore()  # and again, from a state that already is the copy
    assert _contents() == before
