"""courses.selectors: the catalogue, the outline, lesson navigation and My learning."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from courses import selectors, services
from courses.models import CatalogueIndexPage, Enrolment
from lms.core.enums import Level
from lms.core.roles import Role
from tests.factories import CourseFactory, LessonFactory, TopicFactory, build_course, make_user
from tests.factories.courses import ModuleFactory

from .helpers import lessons_of, modules_of

pytestmark = pytest.mark.django_db


def titles(courses):
    return [course.title for course in courses]


# ------------------------------------------------------------------ catalogue_courses
def test_catalogue_filters_by_topic():
    charter = TopicFactory(name="Citizen's charter", slug="charter")
    grm = TopicFactory(name="Grievance redress", slug="grm")
    build_course(title="Charter one", topic=charter)
    build_course(title="Charter two", topic=charter)
    build_course(title="Grievances", topic=grm)
    assert titles(selectors.catalogue_courses(topic_slug="charter")) == [
        "Charter one",
        "Charter two",
    ]
    assert titles(selectors.catalogue_courses(topic_slug="grm")) == ["Grievances"]
    assert titles(selectors.catalogue_courses(topic_slug="no-such-topic")) == []


@pytest.mark.parametrize(
    "level, expected",
    [
        (Level.TOP, ["Leaders"]),
        (Level.MIDDLE, ["Everyone", "Supervisors"]),
        (Level.CUTTING_EDGE, ["Everyone", "Front desk"]),
        ("nonsense", []),
    ],
)
def test_catalogue_filters_by_target_level(level, expected):
    build_course(title="Leaders", target_levels=[Level.TOP])
    build_course(title="Everyone", target_levels=[Level.MIDDLE, Level.CUTTING_EDGE])
    build_course(title="Supervisors", target_levels=[Level.MIDDLE])
    build_course(title="Front desk", target_levels=[Level.CUTTING_EDGE])
    assert sorted(titles(selectors.catalogue_courses(level=level))) == expected


def test_catalogue_level_filter_combines_with_topic():
    topic = TopicFactory(slug="rts")
    build_course(title="RTS for leaders", topic=topic, target_levels=[Level.TOP])
    build_course(title="RTS for desks", topic=topic, target_levels=[Level.CUTTING_EDGE])
    build_course(title="Other leaders", target_levels=[Level.TOP])
    assert titles(selectors.catalogue_courses(topic_slug="rts", level=Level.TOP)) == [
        "RTS for leaders"
    ]


def test_catalogue_search_finds_title_and_summary_words_only():
    build_course(title="Service delivery standards", summary="Timelines for each service.")
    build_course(title="Handling complaints", summary="Grievance redress mechanism explained.")
    build_course(title="Hidden match", summary="Grievance in a draft course.").unpublish()
    assert titles(selectors.catalogue_courses(query="complaints")) == ["Handling complaints"]
    assert titles(selectors.catalogue_courses(query="grievance")) == ["Handling complaints"]
    assert titles(selectors.catalogue_courses(query="zebra")) == []


@pytest.mark.parametrize("query", ['"', 'grievance "redress', '""', "  "])
def test_catalogue_search_survives_quotes_and_blank_queries(query):
    build_course(title="Handling complaints", summary="Grievance redress mechanism.")
    found = titles(selectors.catalogue_courses(query=query))
    assert found == ["Handling complaints"]  # quotes are dropped, nothing crashes


def test_catalogue_lesson_count_counts_only_live_lessons_in_live_modules():
    course = build_course(title="Counted", modules=3, lessons_per_module=2)
    first, second, third = modules_of(course)
    LessonFactory(parent=first, live=False)  # draft
    lessons_of(course)[1].unpublish()  # unpublished
    third.unpublish()  # its two lessons stay live but are hidden
    build_course(title="Empty", modules=0)
    counts = {course.title: course.lesson_count for course in selectors.catalogue_courses()}
    assert counts == {"Counted": 3, "Empty": 0}


def test_catalogue_hides_unpublished_and_draft_courses():
    build_course(title="Published")
    build_course(title="Withdrawn").unpublish()
    CourseFactory(title="Draft", live=False)
    assert titles(selectors.catalogue_courses()) == ["Published"]


def test_catalogue_orders_by_topic_then_tree_position():
    late = TopicFactory(slug="late", sort_order=2)
    early = TopicFactory(slug="early", sort_order=1)
    build_course(title="Late A", topic=late)
    build_course(title="Early A", topic=early)
    build_course(title="Late B", topic=late)
    build_course(title="Early B", topic=early)
    assert titles(selectors.catalogue_courses()) == ["Early A", "Early B", "Late A", "Late B"]


def test_catalogue_parent_restricts_to_children_of_that_index():
    build_course(title="Listed")
    catalogue = CatalogueIndexPage.objects.get()
    assert titles(selectors.catalogue_courses(parent=catalogue)) == ["Listed"]


# ------------------------------------------------------------------ course_outline
def test_outline_lists_live_modules_and_lessons_in_tree_order():
    course = build_course(modules=2, lessons_per_module=2)
    first, second = modules_of(course)
    added = LessonFactory(parent=first, title="Added later to module one")
    LessonFactory(parent=second, live=False, title="Draft")
    hidden = ModuleFactory(parent=course, title="Hidden module")
    LessonFactory(parent=hidden)
    hidden.unpublish()

    outline = selectors.course_outline(course=course, user=AnonymousUser())
    assert [item.module.pk for item in outline.modules] == [first.pk, second.pk]
    expected = [
        [lesson.pk for lesson in lessons_of(module)] for module in (first, second)
    ]  # lessons_of(module): live children in path order
    assert [[lesson.pk for lesson in item.lessons] for item in outline.modules] == expected
    assert expected[0][-1] == added.pk  # added later, still listed before module two
    assert [lesson.pk for lesson in outline.lessons] == expected[0] + expected[1]
    assert [item.total for item in outline.modules] == [3, 2]
    assert "Draft" not in [lesson.title for lesson in outline.lessons]


def test_outline_progress_numbers_per_module_and_course(trainee):
    course = build_course(modules=2, lessons_per_module=3)
    lessons = lessons_of(course)
    services.enrol(user=trainee, course=course)
    for lesson in (lessons[0], lessons[1], lessons[3]):
        services.complete_lesson(user=trainee, lesson=lesson)
    outline = selectors.course_outline(course=course, user=trainee)
    assert [(m.done, m.total, m.percent) for m in outline.modules] == [(2, 3, 67), (1, 3, 33)]
    assert (outline.done, outline.total, outline.percent) == (3, 6, 50)
    assert [lesson.is_done for lesson in outline.lessons] == [True, True, False, True, False, False]
    assert outline.next_lesson().pk == lessons[2].pk


def test_outline_done_flags_belong_to_the_user_asking(trainee):
    course = build_course(modules=1, lessons_per_module=3)
    other = make_user(Role.TRAINEE)
    lessons = lessons_of(course)
    for user in (trainee, other):
        services.enrol(user=user, course=course)
    for lesson in lessons:
        services.complete_lesson(user=other, lesson=lesson)
    services.complete_lesson(user=trainee, lesson=lessons[1])

    mine = selectors.course_outline(course=course, user=trainee)
    assert [lesson.is_done for lesson in mine.lessons] == [False, True, False]
    assert (mine.done, mine.percent) == (1, 33)
    theirs = selectors.course_outline(course=course, user=other)
    assert theirs.done == 3 and theirs.next_lesson() is None
    anonymous = selectors.course_outline(course=course, user=AnonymousUser())
    assert anonymous.done == 0
    assert selectors.course_outline(course=course, user=make_user(Role.TRAINEE)).done == 0


def test_outline_does_not_count_completions_from_another_course(trainee):
    course = build_course(modules=1, lessons_per_module=2)
    other_course = build_course(modules=1, lessons_per_module=2)
    services.enrol(user=trainee, course=other_course)
    services.complete_lesson(user=trainee, lesson=lessons_of(other_course)[0])
    assert selectors.course_outline(course=course, user=trainee).done == 0


def test_outline_of_an_empty_course():
    course = build_course(modules=1, lessons_per_module=0)
    outline = selectors.course_outline(course=course, user=AnonymousUser())
    assert (outline.total, outline.done, outline.percent) == (0, 0, 0)
    assert outline.modules[0].percent == 0 and outline.next_lesson() is None


def test_outline_runs_a_fixed_number_of_queries(trainee, django_assert_num_queries):
    small = build_course(modules=1, lessons_per_module=2)
    large = build_course(modules=4, lessons_per_module=5)
    with django_assert_num_queries(3):
        selectors.course_outline(course=small, user=trainee)
    with django_assert_num_queries(3):
        selectors.course_outline(course=large, user=trainee)


# ------------------------------------------------------------------ lesson_navigation
def test_navigation_previous_and_next_cross_module_boundaries(trainee):
    course = build_course(modules=2, lessons_per_module=2)
    lessons = lessons_of(course)
    first_module, second_module = modules_of(course)

    end_of_first = selectors.lesson_navigation(lesson=lessons[1], course=course, user=trainee)
    assert end_of_first["previous_lesson"].pk == lessons[0].pk
    assert end_of_first["next_lesson"].pk == lessons[2].pk
    assert end_of_first["current_module"].module.pk == first_module.pk
    assert end_of_first["position"] == 2

    start_of_second = selectors.lesson_navigation(lesson=lessons[2], course=course, user=trainee)
    assert start_of_second["previous_lesson"].pk == lessons[1].pk
    assert start_of_second["next_lesson"].pk == lessons[3].pk
    assert start_of_second["current_module"].module.pk == second_module.pk


def test_navigation_at_the_first_and_last_lesson(trainee):
    course = build_course(modules=2, lessons_per_module=2)
    lessons = lessons_of(course)
    first = selectors.lesson_navigation(lesson=lessons[0], course=course, user=trainee)
    assert first["previous_lesson"] is None
    assert first["next_lesson"].pk == lessons[1].pk
    assert first["position"] == 1
    last = selectors.lesson_navigation(lesson=lessons[-1], course=course, user=trainee)
    assert last["previous_lesson"].pk == lessons[-2].pk
    assert last["next_lesson"] is None
    assert last["position"] == 4 and last["outline"].total == 4


def test_navigation_skips_unpublished_lessons(trainee):
    course = build_course(modules=1, lessons_per_module=3)
    lessons = lessons_of(course)
    lessons[1].unpublish()
    nav = selectors.lesson_navigation(lesson=lessons[0], course=course, user=trainee)
    assert nav["next_lesson"].pk == lessons[2].pk


def test_navigation_reports_whether_the_lesson_is_done_for_this_user(trainee):
    course = build_course(modules=1, lessons_per_module=2)
    first, second = lessons_of(course)
    other = make_user(Role.TRAINEE)
    services.enrol(user=trainee, course=course)
    services.enrol(user=other, course=course)
    services.complete_lesson(user=other, lesson=second)
    services.complete_lesson(user=trainee, lesson=first)
    assert selectors.lesson_navigation(lesson=first, course=course, user=trainee)["lesson_done"]
    assert not selectors.lesson_navigation(lesson=second, course=course, user=trainee)[
        "lesson_done"
    ]


# ------------------------------------------------------------------ my_learning / summary
def test_my_learning_counts_done_and_total_per_enrolment(trainee):
    three = build_course(title="Three lessons", modules=1, lessons_per_module=3)
    four = build_course(title="Four lessons", modules=2, lessons_per_module=2)
    LessonFactory(parent=modules_of(four)[0], live=False)  # a draft does not count
    for course in (three, four):
        services.enrol(user=trainee, course=course)
    services.complete_lesson(user=trainee, lesson=lessons_of(three)[0])
    for lesson in lessons_of(four)[:3]:
        services.complete_lesson(user=trainee, lesson=lesson)
    rows = {
        row.course.title: (row.done_lessons, row.total_lessons)
        for row in selectors.my_learning(user=trainee)
    }
    assert rows == {"Three lessons": (1, 3), "Four lessons": (3, 4)}


def test_my_learning_never_includes_other_users_enrolments_or_completions(trainee):
    shared = build_course(modules=1, lessons_per_module=2)
    theirs_only = build_course(modules=1, lessons_per_module=2)
    other = make_user(Role.TRAINEE)
    services.enrol(user=trainee, course=shared)
    for course in (shared, theirs_only):
        services.enrol(user=other, course=course)
    for lesson in lessons_of(shared):
        services.complete_lesson(user=other, lesson=lesson)
    rows = list(selectors.my_learning(user=trainee))
    assert [(row.user_id, row.course_id, row.done_lessons) for row in rows] == [
        (trainee.pk, shared.pk, 0)
    ]


def test_my_learning_ignores_completions_of_lessons_no_longer_live(trainee):
    course = build_course(modules=2, lessons_per_module=2)
    services.enrol(user=trainee, course=course)
    lessons = lessons_of(course)
    for lesson in lessons[:3]:
        services.complete_lesson(user=trainee, lesson=lesson)
    lessons[0].unpublish()
    modules_of(course)[1].unpublish()
    (row,) = selectors.my_learning(user=trainee)
    assert (row.done_lessons, row.total_lessons) == (1, 1)


def test_my_learning_hides_unpublished_courses(trainee):
    course = build_course()
    services.enrol(user=trainee, course=course)
    course.unpublish()
    assert list(selectors.my_learning(user=trainee)) == []
    assert selectors.learning_summary(user=trainee)["enrolled"] == 0


def test_my_learning_lists_courses_in_progress_before_completed_ones(trainee):
    done = build_course(title="Done", modules=1, lessons_per_module=1)
    recent = build_course(title="Recent")
    stale = build_course(title="Stale")
    untouched = build_course(title="Untouched")
    for course in (done, recent, stale, untouched):
        services.enrol(user=trainee, course=course)
    services.complete_lesson(user=trainee, lesson=lessons_of(done)[0])
    now = timezone.now()
    Enrolment.objects.filter(course=recent).update(last_activity_at=now)
    Enrolment.objects.filter(course=stale).update(last_activity_at=now - datetime.timedelta(days=9))
    Enrolment.objects.filter(course=done).update(last_activity_at=now + datetime.timedelta(hours=1))
    assert titles(row.course for row in selectors.my_learning(user=trainee)) == [
        "Recent",
        "Stale",
        "Untouched",
        "Done",
    ]


def test_learning_summary_counts_the_users_own_enrolments(trainee):
    finished = build_course(modules=1, lessons_per_module=1)
    started = build_course()
    also = build_course()
    other = make_user(Role.TRAINEE)
    for course in (finished, started, also):
        services.enrol(user=trainee, course=course)
    services.enrol(user=other, course=finished)
    services.complete_lesson(user=trainee, lesson=lessons_of(finished)[0])
    services.complete_lesson(user=other, lesson=lessons_of(finished)[0])
    services.complete_lesson(user=trainee, lesson=lessons_of(started)[0])
    assert selectors.learning_summary(user=trainee) == {
        "enrolled": 3,
        "completed": 1,
        "in_progress": 1,
        "not_started": 1,  # ``also``: enrolled, nothing done (0%)
    }
    assert selectors.learning_summary(user=make_user(Role.TRAINEE)) == {
        "enrolled": 0,
        "completed": 0,
        "in_progress": 0,
        "not_started": 0,
    }


# ------------------------------------------------------------------ access helpers
def test_enrolment_for_and_can_open_lesson(trainee, hod, trainer, course_director, cell_admin):
    course = build_course()
    other_course = build_course()
    assert selectors.enrolment_for(user=AnonymousUser(), course=course) is None
    assert selectors.enrolment_for(user=trainee, course=course) is None
    enrolment = services.enrol(user=trainee, course=course)
    assert selectors.enrolment_for(user=trainee, course=course).pk == enrolment.pk
    assert selectors.enrolment_for(user=trainee, course=other_course) is None

    assert selectors.can_open_lesson(user=trainee, course=course) is True
    assert selectors.can_open_lesson(user=trainee, course=other_course) is False
    assert selectors.can_open_lesson(user=AnonymousUser(), course=course) is False
    assert selectors.can_open_lesson(user=hod, course=course) is False
    for author in (trainer, course_director, cell_admin):
        assert selectors.can_open_lesson(user=author, course=other_course) is True


def test_course_of_lesson_returns_the_specific_course():
    course = build_course()
    found = selectors.course_of_lesson(lessons_of(course)[-1])
    assert found.pk == course.pk and found.self_enrolment is True
