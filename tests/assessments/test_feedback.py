"""The reaction survey: who may answer (once), validation, the anonymous summary, the
trainee's form page, the results page and CSV for each role, and query counts."""

import csv
import datetime
import io

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments import selectors, services
from assessments.models import FeedbackResponse
from courses.enums import ProgrammeMode, ProgrammeStatus
from courses.models import Enrolment
from courses.services import enrol
from lms.core.models import AuditEntry
from lms.core.roles import Role
from nominations.enums import NominationState
from tests.assessments.helpers import GOOD, give_feedback, nominate, participant, programme, text
from tests.factories import build_course, make_user

pytestmark = pytest.mark.django_db
S = NominationState
CLASSROOM = dict(GOOD)
ONLINE = {k: v for k, v in GOOD.items() if k != "venue"}
COURSE_LEVEL = {"content": 4, "relevance": 5, "overall": 3}


@pytest.fixture
def batch():
    return programme()


@pytest.fixture
def officer(batch, department):
    return participant(batch, department=department, first_name="Sunita", last_name="Rao")


def completed_online(course, user):
    enrol(user=user, course=course)
    Enrolment.objects.filter(user=user, course=course).update(completed_at=timezone.now())


# ------------------------------------------------------------------ who may answer
def test_an_attended_officer_answers_once_and_the_audit_row_names_the_programme(batch, officer):
    response = services.submit_feedback(
        user=officer,
        programme=batch,
        ratings=CLASSROOM,
        what_worked="  The case studies  ",
        what_to_improve="More time for Q&A",
    )
    stored = FeedbackResponse.objects.get()
    assert stored.pk == response.pk
    assert (stored.programme, stored.course, stored.respondent) == (batch, batch.course, officer)
    assert (stored.content, stored.trainer, stored.relevance, stored.venue, stored.overall) == (
        4,
        5,
        4,
        3,
        4,
    )
    assert stored.what_worked == "The case studies"
    audit = AuditEntry.objects.get(action="feedback.submitted")
    assert audit.actor == officer
    assert audit.object_id == str(batch.pk) and audit.content_type.model == "programme"
    assert audit.data == {} and audit.object_repr == str(batch)
    assert not AuditEntry.objects.filter(content_type__model="feedbackresponse").exists()

    with pytest.raises(services.AssessmentError, match="already given feedback"):
        services.submit_feedback(user=officer, programme=batch, ratings=CLASSROOM)
    assert FeedbackResponse.objects.count() == 1


def test_a_confirmed_officer_may_answer_once_the_programme_has_started(department):
    started, upcoming = programme(starts_in_days=0), programme(starts_in_days=2)
    early = participant(upcoming, state=S.CONFIRMED, department=department)
    on_time = participant(started, state=S.CONFIRMED, department=department)
    with pytest.raises(services.AssessmentError, match="opens when the programme starts"):
        services.submit_feedback(user=early, programme=upcoming, ratings=CLASSROOM)
    services.submit_feedback(user=on_time, programme=started, ratings=CLASSROOM)
    assert FeedbackResponse.objects.filter(respondent=on_time).count() == 1


@pytest.mark.parametrize(
    "state", [S.SUBMITTED, S.APPROVED, S.WAITLISTED, S.DECLINED, S.WITHDRAWN, S.NO_SHOW]
)
def test_officers_who_did_not_take_part_are_refused(batch, department, state):
    outsider = participant(batch, state=state, department=department)
    with pytest.raises(services.AssessmentError, match="Only officers who took part"):
        services.submit_feedback(user=outsider, programme=batch, ratings=CLASSROOM)
    assert not FeedbackResponse.objects.exists()


def test_strangers_anonymous_users_and_cancelled_programmes_are_refused(batch, trainee, officer):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(services.AssessmentError, match="Only officers who took part"):
        services.submit_feedback(user=trainee, programme=batch, ratings=CLASSROOM)
    with pytest.raises(services.AssessmentError, match="Sign in"):
        services.submit_feedback(user=AnonymousUser(), programme=batch, ratings=CLASSROOM)
    batch.status = ProgrammeStatus.CANCELLED
    batch.save()
    with pytest.raises(services.AssessmentError, match="cancelled"):
        services.submit_feedback(user=officer, programme=batch, ratings=CLASSROOM)
    assert not FeedbackResponse.objects.exists()


def test_a_course_level_survey_is_for_trainees_who_completed_the_course(trainee, department):
    course = build_course(modules=1, lessons_per_module=1)
    with pytest.raises(services.AssessmentError, match="completed this course"):
        services.submit_feedback(user=trainee, course=course, ratings=COURSE_LEVEL)
    enrol(user=trainee, course=course)
    with pytest.raises(services.AssessmentError, match="completed this course"):
        services.submit_feedback(user=trainee, course=course, ratings=COURSE_LEVEL)
    Enrolment.objects.filter(user=trainee).update(completed_at=timezone.now())
    stored = services.submit_feedback(user=trainee, course=course, ratings=COURSE_LEVEL)
    assert stored.programme is None and stored.trainer is None and stored.venue is None
    with pytest.raises(services.AssessmentError, match="already given"):
        services.submit_feedback(user=trainee, course=course, ratings=COURSE_LEVEL)
    # The course-level survey and a programme's survey of the same course are separate.
    batch = programme(course=course)
    nominate(batch, trainee)
    give_feedback(batch, trainee)
    assert FeedbackResponse.objects.filter(respondent=trainee).count() == 2


def test_a_programme_and_a_course_that_do_not_match_are_refused(batch, officer):
    with pytest.raises(services.AssessmentError, match="not a delivery of that course"):
        services.submit_feedback(
            user=officer, programme=batch, course=build_course(), ratings=CLASSROOM
        )
    with pytest.raises(services.AssessmentError, match="Choose a programme or a course"):
        services.submit_feedback(user=officer, ratings=CLASSROOM)


# ------------------------------------------------------------------ what may be answered
@pytest.mark.parametrize(
    "change, message",
    [
        ({"content": 0}, "whole numbers from 1 to 5"),
        ({"content": 6}, "whole numbers from 1 to 5"),
        ({"trainer": "five"}, "whole numbers from 1 to 5"),
        ({"relevance": 3.5}, "whole numbers from 1 to 5"),
        ({"overall": True}, "whole numbers from 1 to 5"),
        ({"overall": None}, "Rate this statement"),
        ({"venue": ""}, "Rate this statement"),
        ({"catering": 5}, "does not ask about: catering"),
    ],
)
def test_bad_ratings_are_refused(batch, officer, change, message):
    with pytest.raises(services.AssessmentError, match=message):
        services.submit_feedback(user=officer, programme=batch, ratings={**CLASSROOM, **change})
    assert not FeedbackResponse.objects.exists()


def test_a_missing_item_is_refused(batch, officer):
    ratings = dict(CLASSROOM)
    del ratings["content"]
    with pytest.raises(services.AssessmentError, match="useful and well organised"):
        services.submit_feedback(user=officer, programme=batch, ratings=ratings)


def test_ratings_sent_as_text_digits_are_accepted(batch, officer):
    stored = services.submit_feedback(
        user=officer, programme=batch, ratings={k: str(v) for k, v in CLASSROOM.items()}
    )
    assert stored.content == 4


def test_venue_is_not_asked_online_and_optional_for_hybrid(department):
    online = programme(mode=ProgrammeMode.ONLINE)
    hybrid = programme(mode=ProgrammeMode.HYBRID)
    assert "venue" not in services.feedback_items(programme=online)
    online_officer = participant(online, department=department)
    with pytest.raises(services.AssessmentError, match="does not ask about: venue"):
        services.submit_feedback(user=online_officer, programme=online, ratings=CLASSROOM)
    assert services.submit_feedback(user=online_officer, programme=online, ratings=ONLINE)
    hybrid_officer = participant(hybrid, department=department)
    stored = services.submit_feedback(
        user=hybrid_officer, programme=hybrid, ratings={**CLASSROOM, "venue": None}
    )
    assert stored.venue is None


def test_a_course_level_survey_asks_neither_trainer_nor_venue(trainee):
    course = build_course(modules=1, lessons_per_module=1)
    completed_online(course, trainee)
    with pytest.raises(services.AssessmentError, match="does not ask about: trainer, venue"):
        services.submit_feedback(user=trainee, course=course, ratings=CLASSROOM)


def test_overlong_or_non_text_comments_are_refused(batch, officer):
    with pytest.raises(services.AssessmentError, match="under 2000"):
        services.submit_feedback(
            user=officer, programme=batch, ratings=CLASSROOM, what_worked="x" * 2001
        )
    with pytest.raises(services.AssessmentError, match="must be text"):
        services.submit_feedback(
            user=officer, programme=batch, ratings=CLASSROOM, what_to_improve=["x"]
        )
    assert not FeedbackResponse.objects.exists()


def test_the_database_refuses_a_second_response_and_out_of_range_ratings(batch, officer):
    give_feedback(batch, officer)
    with pytest.raises(IntegrityError), transaction.atomic():
        FeedbackResponse.objects.create(
            programme=batch, course=batch.course, respondent=officer, **CLASSROOM
        )
    other = participant(batch)
    with pytest.raises(IntegrityError), transaction.atomic():
        FeedbackResponse.objects.create(
            programme=batch, course=batch.course, respondent=other, **{**CLASSROOM, "overall": 7}
        )


# ------------------------------------------------------------------ the summary
def test_summary_counts_means_spread_and_rate(batch, department):
    answers = [
        {"content": 5, "trainer": 4, "relevance": 3, "venue": 2, "overall": 5},
        {"content": 4, "trainer": 4, "relevance": 5, "venue": 4, "overall": 4},
        {"content": 3, "trainer": 2, "relevance": 4, "venue": 3, "overall": 4},
    ]
    for ratings in answers:
        give_feedback(batch, participant(batch, department=department), ratings)
    participant(batch, state=S.CONFIRMED, department=department)  # has not answered
    participant(batch, state=S.APPROVED, department=department)  # never took part
    participant(batch, state=S.NO_SHOW, department=department)  # never took part

    summary = selectors.feedback_summary(programme=batch)
    assert (summary.responses, summary.eligible) == (3, 4)
    assert summary.rate == pytest.approx(0.75)
    by_item = {item.item: item for item in summary.items}
    assert list(by_item) == ["content", "trainer", "relevance", "venue", "overall"]
    assert by_item["content"].mean == 4.0  # (5 + 4 + 3) / 3
    assert by_item["trainer"].mean == pytest.approx(3.33)  # 10 / 3
    assert by_item["overall"].mean == pytest.approx(4.33)  # 13 / 3
    assert by_item["overall"].counts == [0, 0, 0, 2, 1]
    assert by_item["venue"].counts == [0, 1, 1, 1, 0]
    assert summary.show_detail


def test_a_no_show_who_answered_while_confirmed_still_counts_among_the_eligible(batch, department):
    early = participant(batch, state=S.CONFIRMED, department=department)
    give_feedback(batch, early)
    early.nominations.update(state=S.NO_SHOW)
    summary = selectors.feedback_summary(programme=batch)
    assert (summary.responses, summary.eligible, summary.rate) == (1, 1, 1.0)


def test_comments_are_hidden_below_three_responses_and_never_carry_names(batch, department):
    first = participant(batch, department=department, first_name="Anil")
    give_feedback(batch, first, what_worked="Group work", what_to_improve="Start on time")
    give_feedback(batch, participant(batch, department=department), what_worked="Role play")
    summary = selectors.feedback_summary(programme=batch)
    assert summary.responses == 2 and not summary.show_detail
    assert summary.what_worked == [] and summary.what_to_improve == []

    give_feedback(batch, participant(batch, department=department), what_to_improve="Tea")
    summary = selectors.feedback_summary(programme=batch)
    assert sorted(summary.what_worked) == ["Group work", "Role play"]
    assert sorted(summary.what_to_improve) == ["Start on time", "Tea"]
    assert all(isinstance(comment, str) for comment in summary.what_worked)
    again = selectors.feedback_summary(programme=batch)
    assert again.what_worked == summary.what_worked  # a stable order


def test_a_programme_without_responses_has_an_empty_summary(batch):
    participant(batch)
    summary = selectors.feedback_summary(programme=batch)
    assert (summary.responses, summary.eligible, summary.rate) == (0, 1, 0.0)
    assert all(item.mean is None for item in summary.items)
    empty = programme()
    assert selectors.feedback_summary(programme=empty).rate is None


def test_the_course_level_summary_counts_online_completers(trainee, department):
    course = build_course(modules=1, lessons_per_module=1)
    completed_online(course, trainee)
    services.submit_feedback(user=trainee, course=course, ratings=COURSE_LEVEL)
    completed_online(course, make_user(Role.TRAINEE, department=department))
    enrol(user=make_user(Role.TRAINEE, department=department), course=course)  # not finished
    summary = selectors.feedback_summary(course=course)
    assert (summary.responses, summary.eligible) == (1, 2)
    assert [item.item for item in summary.items] == ["content", "relevance", "overall"]


def test_average_feedback_by_programme_in_one_query(department, django_assert_num_queries):
    one, two, silent = programme(), programme(), programme()
    for overall in (5, 4, 2):
        give_feedback(
            one, participant(one, department=department), {**CLASSROOM, "overall": overall}
        )
    give_feedback(two, participant(two, department=department), {**CLASSROOM, "overall": 3})
    with django_assert_num_queries(1):
        means = selectors.average_feedback_by_programme([one.pk, two.pk, silent.pk])
    assert means == {one.pk: pytest.approx(3.67), two.pk: 3.0}


def test_summary_queries_do_not_grow_with_responses(batch, department):
    for _n in range(3):
        give_feedback(batch, participant(batch, department=department), what_worked="Good")
    with CaptureQueriesContext(connection) as small:
        selectors.feedback_summary(programme=batch)
    for _n in range(20):
        give_feedback(batch, participant(batch, department=department), what_worked="Good")
    with CaptureQueriesContext(connection) as big:
        selectors.feedback_summary(programme=batch)
    assert len(big.captured_queries) == len(small.captured_queries) <= 3


# ------------------------------------------------------------------ the trainee's page
def survey_url(prog):
    return reverse("assessments:programme_feedback", args=[prog.pk])


def test_the_survey_page_shows_radio_groups_in_fieldsets(client, batch, officer):
    client.force_login(officer)
    page = client.get(survey_url(batch)).content.decode()
    assert page.count("<fieldset") == 5 and page.count("<legend>") == 5
    assert 'type="radio" name="venue" value="5"' in page
    assert '<label for="id_what_worked">' in page


def test_a_bad_post_keeps_the_answers_and_ties_errors_to_fields(client, batch, officer):
    client.force_login(officer)
    data = {"trainer": "5", "relevance": "9", "venue": "3", "overall": "4"}
    data["what_worked"] = "Field visit"
    response = client.post(survey_url(batch), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_content" aria-describedby="id_content_error"' in page
    assert 'id="id_content_error"' in page and "Choose a rating for this statement." in page
    assert 'id="id_relevance_error"' in page and "Choose one of the ratings shown." in page
    assert '<a href="#id_content">' in page
    assert 'name="trainer" value="5" id="id_trainer_4" required checked' in page
    assert page.count(" checked") == 3  # trainer 5, venue 3, overall 4: nothing lost
    assert ">Field visit</textarea>" in page
    assert not FeedbackResponse.objects.exists()


def test_a_good_post_records_it_and_returns_to_my_nominations(client, batch, officer):
    client.force_login(officer)
    data = {k: str(v) for k, v in CLASSROOM.items()}
    response = client.post(survey_url(batch), {**data, "what_to_improve": "Longer breaks"})
    assert response.status_code == 302 and response["Location"] == reverse("nominations:mine")
    assert FeedbackResponse.objects.get().what_to_improve == "Longer breaks"
    page = client.get(survey_url(batch))
    assert page.status_code == 200 and "already given feedback" in text(page)
    again = client.post(survey_url(batch), data)
    assert again.status_code == 200 and FeedbackResponse.objects.count() == 1


def test_the_hybrid_survey_offers_not_applicable_for_the_venue(client, department):
    hybrid = programme(mode=ProgrammeMode.HYBRID)
    officer = participant(hybrid, department=department)
    client.force_login(officer)
    data = {k: str(v) for k, v in CLASSROOM.items()}
    client.post(survey_url(hybrid), {**data, "venue": "na"})
    assert FeedbackResponse.objects.get().venue is None


def test_people_who_may_not_answer_get_a_clear_403(client, batch, trainee, hod, department):
    client.force_login(trainee)
    response = client.get(survey_url(batch))
    assert response.status_code == 403
    assert "Only officers who took part in this programme" in text(response)
    assert client.post(survey_url(batch), {"content": "5"}).status_code == 403
    client.force_login(hod)
    assert client.get(survey_url(batch)).status_code == 403
    upcoming = programme(starts_in_days=3)
    client.force_login(participant(upcoming, state=S.CONFIRMED, department=department))
    assert "opens when the programme starts" in text(client.get(survey_url(upcoming)))
    assert not FeedbackResponse.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, batch):
    response = client.get(survey_url(batch))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert client.get(reverse("assessments:programme_feedback", args=[99999])).status_code == 302


def test_an_unknown_programme_is_404(client, officer):
    client.force_login(officer)
    assert client.get(reverse("assessments:programme_feedback", args=[99999])).status_code == 404


def test_the_course_survey_page(client, trainee):
    course = build_course(modules=1, lessons_per_module=1)
    url = reverse("assessments:course_feedback", args=[course.pk])
    client.force_login(trainee)
    assert client.get(url).status_code == 403
    completed_online(course, trainee)
    page = client.get(url).content.decode()
    assert page.count("<fieldset") == 3 and 'name="trainer"' not in page
    response = client.post(url, {k: str(v) for k, v in COURSE_LEVEL.items()})
    assert response.status_code == 302 and response["Location"] == course.url
    assert FeedbackResponse.objects.get().programme is None


def test_my_nominations_links_the_survey_when_it_is_open(client, department):
    done = programme(title="Finished batch")
    later = programme(title="Later batch", starts_in_days=5)
    officer = participant(done, department=department)
    nominate(later, officer, state=S.CONFIRMED)
    client.force_login(officer)
    page = client.get(reverse("nominations:mine")).content.decode()
    assert survey_url(done) in page and survey_url(later) not in page


def test_the_course_page_links_the_survey_after_completion(client, trainee):
    course = build_course(modules=1, lessons_per_module=1)
    url = reverse("assessments:course_feedback", args=[course.pk])
    enrol(user=trainee, course=course)
    client.force_login(trainee)
    assert url not in client.get(course.url).content.decode()
    Enrolment.objects.filter(user=trainee).update(completed_at=timezone.now())
    assert url in client.get(course.url).content.decode()


# ------------------------------------------------------------------ the results page
def results_url(prog):
    return reverse("assessments:programme_feedback_results", args=[prog.pk])


@pytest.fixture
def answered(batch, department):
    """Three responses, one with a comment that a spreadsheet would run as a formula."""
    people = [
        participant(
            batch,
            department=department,
            first_name=f"Respondent{n}",
            last_name="Secretname",
            employee_code=f"SECRET{n}",
        )
        for n in range(3)
    ]
    give_feedback(batch, people[0], what_worked='=HYPERLINK("http://x")')
    give_feedback(batch, people[1], what_to_improve="More exercises")
    give_feedback(batch, people[2])
    return people


@pytest.mark.parametrize(
    "who, status",
    [
        ("trainee", 403),
        ("hod", 403),
        ("trainer", 200),
        ("course_director", 200),
        ("cell_admin", 200),
    ],
)
def test_results_page_roles(client, request, batch, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(results_url(batch)).status_code == status
    assert client.get(results_url(batch) + "?format=csv").status_code == status


def test_results_are_for_signed_in_staff_only(client, batch):
    response = client.get(results_url(batch))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_coordinator_sees_their_programme_only(client, department):
    coordinator = make_user(Role.TRAINEE, department=department)
    own, other = programme(coordinator=coordinator), programme()
    client.force_login(coordinator)
    assert client.get(results_url(own)).status_code == 200
    assert client.get(results_url(other)).status_code == 403
    index = client.get(reverse("assessments:feedback_index")).content.decode()
    assert results_url(own) in index and results_url(other) not in index


def test_results_page_is_anonymous_and_shows_comments_from_three(client, batch, trainer, answered):
    client.force_login(trainer)
    response = client.get(results_url(batch))
    page = response.content.decode()
    visible = text(response)
    for person in answered:
        assert person.first_name not in page and person.employee_code not in page
        assert person.username not in page and f"/{person.pk}/" not in page
    assert "3 / 3" in visible and "100%" in visible
    assert 'id="comments"' in page and "More exercises" in visible
    assert '<th scope="row">' in page and "<caption>" in page


def test_results_page_hides_comments_below_three(client, batch, trainer, department):
    give_feedback(batch, participant(batch, department=department), what_worked="Only me")
    client.force_login(trainer)
    response = client.get(results_url(batch))
    assert "Only me" not in response.content.decode()
    assert 'id="comments-hidden"' in response.content.decode()
    csv_text = b"".join(client.get(results_url(batch) + "?format=csv").streaming_content).decode()
    assert "Only me" not in csv_text and "shown from 3 responses" in csv_text


def test_the_csv_is_anonymous_and_formula_safe(client, batch, cell_admin, answered):
    client.force_login(cell_admin)
    response = client.get(results_url(batch) + "?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "feedback-" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in body and "\n=HYPERLINK" not in body
    assert "More exercises" in body
    assert "Secretname" not in body and "SECRET0" not in body
    rows = list(csv.reader(io.StringIO(body)))
    assert ["Overall, the training was worth my time", "3", "4.0", "0", "0", "0", "3", "0"] in rows
    assert ["Response rate (%)", "100.0"] in rows


def test_course_results_are_for_staff(client, trainer, trainee, hod):
    course = build_course(modules=1, lessons_per_module=1)
    completed_online(course, trainee)
    services.submit_feedback(user=trainee, course=course, ratings=COURSE_LEVEL)
    url = reverse("assessments:course_feedback_results", args=[course.pk])
    client.force_login(trainee)
    assert client.get(url).status_code == 403
    client.force_login(hod)
    assert client.get(url).status_code == 403
    client.force_login(trainer)
    response = client.get(url)
    assert response.status_code == 200 and "1 / 1" in text(response)
    assert 'id="learning-gain"' not in response.content.decode()
    index = client.get(reverse("assessments:feedback_index")).content.decode()
    assert url in index


def test_the_index_is_for_staff_and_coordinators(client, trainee, hod, trainer, batch, answered):
    url = reverse("assessments:feedback_index")
    assert client.get(url).status_code == 302
    for person in (trainee, hod):
        client.force_login(person)
        assert client.get(url).status_code == 403
    client.force_login(trainer)
    response = client.get(url)
    assert response.status_code == 200 and results_url(batch) in response.content.decode()
    assert "4.00" in text(response)  # mean overall of three 4s


def test_the_index_leaves_out_programmes_not_started_and_cancelled(client, trainer, batch):
    upcoming = programme(starts_in_days=4, title="Upcoming batch")
    cancelled = programme(status=ProgrammeStatus.CANCELLED, title="Cancelled batch")
    client.force_login(trainer)
    page = client.get(reverse("assessments:feedback_index")).content.decode()
    assert results_url(batch) in page
    assert results_url(upcoming) not in page and results_url(cancelled) not in page


def test_results_and_index_queries_do_not_grow(
    client, trainer, batch, department, django_assert_max_num_queries
):
    for _n in range(3):
        give_feedback(batch, participant(batch, department=department), what_worked="Fine")
    client.force_login(trainer)
    client.get(results_url(batch))
    with CaptureQueriesContext(connection) as small:
        client.get(results_url(batch))
    with CaptureQueriesContext(connection) as small_index:
        client.get(reverse("assessments:feedback_index"))
    for _n in range(15):
        give_feedback(batch, participant(batch, department=department), what_worked="Fine")
        programme(starts_in_days=-1 - _n)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(results_url(batch))
    with django_assert_max_num_queries(len(small_index.captured_queries)):
        client.get(reverse("assessments:feedback_index"))


def test_the_cell_desk_and_admin_menu_link_the_results(client, cell_admin, batch):
    client.force_login(cell_admin)
    desk = client.get(reverse("cell:programme", args=[batch.pk])).content.decode()
    assert results_url(batch) in desk
    admin = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("assessments:feedback_index") in admin


def test_a_stored_response_keeps_a_day_not_a_time_and_its_label_has_no_name(batch, officer):
    response = give_feedback(batch, officer)
    response.refresh_from_db()
    assert type(response.submitted_on) is datetime.date
    assert response.submitted_on == timezone.localdate()
    assert officer.username not in str(response) and officer.last_name not in str(response)
