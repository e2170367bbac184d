"""A programme that sets a minimum score on SCORM lessons: finalising makes an officer
attended only with at least that score on every live SCORM lesson of the course."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from courses.models import Enrolment, ModulePage, Programme
from courses.services import complete_lesson
from lms.core.fy import financial_year_label
from nominations.enums import NominationState as S
from programmes import completion
from programmes import selectors as programme_selectors
from programmes import services as programme_services
from reports.selectors import fy_summary
from scorm import selectors as scorm_selectors
from scorm import services as scorm_services
from scorm.models import ScormAttempt, ScormLessonPage
from tests.factories import build_course
from tests.programmes.helpers import attend_all
from tests.scorm.builders import commit, make_zip, quiz_files, scorm_course

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def scorm_root(settings, tmp_path):
    settings.SCORM_ROOT = tmp_path / "scorm"


def add_scorm_lesson(course, actor, slug):
    module = ModulePage.objects.child_of(course).first()
    package = scorm_services.add_package(upload=make_zip(quiz_files()), actor=actor)
    lesson = ScormLessonPage(title=slug, slug=slug, package=package)
    module.add_child(instance=lesson)
    lesson.save_revision().publish()
    return ScormLessonPage.objects.get(pk=lesson.pk)


def scored(user, lesson, raw, low=None, high=None, status="failed", number=1):
    return ScormAttempt.objects.create(
        user=user,
        lesson=lesson,
        package=lesson.package,
        number=number,
        lesson_status=status,
        score_raw=None if raw is None else Decimal(raw),
        score_min=None if low is None else Decimal(low),
        score_max=None if high is None else Decimal(high),
    )


@pytest.fixture
def packaged(ended_programme_factory, cell_admin, trainer):
    """A programme on a course with two SCORM lessons, minimum 70%, six officers who
    attended every session."""
    course, first, _text = scorm_course(actor=trainer)
    second = add_scorm_lesson(course, trainer, "second-package")
    programme, nominations = ended_programme_factory(
        sessions=1, confirmed=6, approved=0, course=course, min_scorm_score=70
    )
    attend_all(programme, nominations, cell_admin)
    return programme, nominations, first, second


def states(programme, nominations):
    preview = {
        row.nomination.pk: row.state for row in programme_selectors.finalise_preview(programme).rows
    }
    return [preview[n.pk] for n in nominations]


def test_finalise_needs_the_minimum_on_every_scorm_lesson(packaged, cell_admin, trainer):
    programme, nominations, first, second = packaged
    a, b, c, d, e, f = (n.officer for n in nominations)
    scored(a, first, "70", status="passed")  # exactly the minimum, on the 0-100 default
    scored(a, second, "35", "0", "50")  # 70% of a 0-50 range
    scored(b, first, "100", status="passed")
    scored(b, second, "34.5", "0", "50")  # 69%: one lesson short
    scored(c, first, "95")  # never attempted the second lesson
    scored(d, first, None, status="passed")  # passed but the package sent no score
    scored(d, second, "90")
    other_course, other_lesson, _ = scorm_course(actor=trainer, title="Another course")
    scored(e, first, "90")
    scored(e, other_lesson, "90")  # another course's package does not count
    scored(f, first, "15", "10", "15")  # the top of a 10-15 range: 100%
    scored(f, second, "100")
    expected = [S.ATTENDED, S.NO_SHOW, S.NO_SHOW, S.NO_SHOW, S.NO_SHOW, S.ATTENDED]
    assert states(programme, nominations) == expected
    for nomination, state in zip(nominations, expected, strict=True):
        assert completion.completion_rule_met(
            nomination=nomination, total_sessions=1, present=1
        ) == (state == S.ATTENDED)
    counts = programme_services.finalise_programme(programme=programme, actor=cell_admin)
    assert (counts[S.ATTENDED], counts[S.NO_SHOW]) == (2, 4)


def test_without_a_minimum_the_score_does_not_count(packaged):
    programme, nominations, first, second = packaged
    programme.min_scorm_score = None
    programme.save()
    scored(nominations[0].officer, first, "5")
    assert set(states(programme, nominations)) == {S.ATTENDED}
    assert completion.scorm_score_passes(programme, [n.officer_id for n in nominations]) is None


def test_an_unpublished_scorm_lesson_is_not_required(packaged):
    programme, nominations, first, second = packaged
    officer = nominations[0].officer
    scored(officer, first, "80")
    assert officer.pk not in scorm_selectors.score_passes(
        course=programme.course, officer_ids=[officer.pk], min_score=70
    )
    second.unpublish()
    assert officer.pk in scorm_selectors.score_passes(
        course=programme.course, officer_ids=[officer.pk], min_score=70
    )


def test_a_course_without_scorm_lessons_asks_nothing(ended_programme_factory, cell_admin):
    programme, nominations = ended_programme_factory(
        sessions=1, confirmed=2, approved=0, course=build_course(), min_scorm_score=90
    )
    attend_all(programme, nominations, cell_admin)
    assert set(states(programme, nominations)) == {S.ATTENDED}


def test_the_rule_reads_the_roll_in_fixed_queries(packaged, django_assert_max_num_queries):
    programme, nominations, first, second = packaged
    for nomination in nominations:
        scored(nomination.officer, first, "80")
        scored(nomination.officer, second, "80")
    ids = [n.officer_id for n in nominations]
    programme = Programme.objects.select_related("course").get(pk=programme.pk)
    with django_assert_max_num_queries(2):
        assert completion.scorm_score_passes(programme, ids) == set(ids)


def test_the_minimum_is_a_percentage(packaged):
    programme, *_ = packaged
    programme.min_scorm_score = 101
    with pytest.raises(ValidationError) as error:
        programme.full_clean()
    assert "min_scorm_score" in error.value.message_dict


def test_the_cell_reads_the_rule_before_finalising(packaged, client, cell_admin):
    programme, *_ = packaged
    client.force_login(cell_admin)
    detail = client.get(reverse("cell:programme", args=[programme.pk])).content.decode()
    assert "SCORM lessons ≥ 70%" in detail
    finalise = client.get(reverse("cell:finalise", args=[programme.pk])).content.decode()
    assert "Every SCORM lesson needs a score of at least 70%." in finalise


def test_from_the_runtime_to_the_yearly_report(
    ended_programme_factory, cell_admin, trainer, client
):
    """Two officers play the package through its runtime: the one at the minimum completes
    the lesson, meets the rule and is counted in the report; the one below is a no-show."""
    course, lesson, text = scorm_course(actor=trainer)
    programme, nominations = ended_programme_factory(
        sessions=1,
        confirmed=2,
        approved=0,
        course=course,
        min_scorm_score=70,
        requires_online_completion=True,
    )
    attend_all(programme, nominations, cell_admin)
    for nomination, raw in zip(nominations, ("70", "69.99"), strict=True):
        officer = nomination.officer
        client.force_login(officer)
        commit(client, lesson, {"lesson_status": "completed", "score": {"raw": raw}}, seq=1)
        complete_lesson(user=officer, lesson=text)
    assert Enrolment.objects.filter(course=course, completed_at__isnull=False).count() == 2
    counts = programme_services.finalise_programme(programme=programme, actor=cell_admin)
    assert (counts[S.ATTENDED], counts[S.NO_SHOW]) == (1, 1)
    summary = fy_summary(financial_year_label(programme.ends_on))
    assert (summary["programmes"], summary["participants"]) == (1, 1)
    attended = programme.nominations.get(state=S.ATTENDED)
    assert attended.officer_id == nominations[0].officer_id
