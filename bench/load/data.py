"""The load bench's data, at the Moodle "size S" shape, made through the factories and
services (call after ``stack.setup_django``):

- one course of 10 modules and 65 lessons, 100 enrolled trainees with progress spread
  over the first 30 lessons, a 10-question quiz (5 per page) with one open attempt each
  (half of it answered), 12 more courses of 2 x 3 lessons;
- 4 departments, each with an HOD and 250 officers, and 3 programmes of the big course open
  for nominations (3,000 officer-programme pairs for the HODs to nominate);
- 20 issued certificates (PDFs) for the public verification page.

``generate()`` returns the plan the locustfile reads: URLs, ids and a signed-in session
(cookies) for every trainee and HOD."""

import itertools
import time


def generate(*, trainees: int = 100, officers_per_department: int = 250, log=print) -> dict:
    from django.conf import settings

    from assessments import services as assessments
    from assessments.models import Assessment, AssessmentQuestion, Question, QuestionBank
    from certificates.services import issue
    from courses.models import LessonPage
    from courses.services import complete_lesson, enrol
    from lms.accounts.models import User
    from lms.celery import app
    from lms.core.roles import Role
    from tests.factories import DepartmentFactory, build_course, make_user
    from tests.factories.courses import LessonFactory
    from tests.nominations.factories import open_programme

    from .stack import session_cookies

    # Emails of the set-up itself (enrolments, certificates) are not part of the load.
    app.conf.task_always_eager = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    started = time.perf_counter()
    course = build_course(modules=10, lessons_per_module=0, title="Sevottam: citizen's charter")
    modules = [m.specific for m in course.get_children()]
    for n in range(65):
        LessonFactory(parent=modules[n % 10])
    for _ in range(12):
        build_course(modules=2, lessons_per_module=3)
    lessons = list(LessonPage.objects.live().descendant_of(course).order_by("path"))
    log(f"  13 courses, the big one {len(modules)} modules x {len(lessons)} lessons")

    bank = QuestionBank.objects.create(name="Charter quiz bank")
    quiz = Assessment.objects.create(
        title="Charter quiz",
        course=course,
        kind="module_quiz",
        questions_per_page=5,
        attempts_allowed=1,
        shuffle_questions=False,
        shuffle_options=True,
        time_limit_minutes=None,
    )
    questions = []
    for n in range(10):
        question = Question.objects.create(
            bank=bank,
            type="single",
            stem=f"<p>Which step of the charter comes <b>{n + 1}</b>?</p>",
            options=[{"id": k, "text": f"Option {k.upper()} of question {n + 1}"} for k in "abcd"],
            key="b",
        )
        AssessmentQuestion.objects.create(assessment=quiz, question=question, sort_order=n)
        questions.append(question)

    home = DepartmentFactory(name="Training", code="TRN")
    people, attempts = [], []
    for i in range(trainees):
        trainee = make_user(Role.TRAINEE, department=home, username=f"trainee{i:03d}")
        enrol(user=trainee, course=course)
        for lesson in lessons[: i % 30]:
            complete_lesson(user=trainee, lesson=lesson)
        attempt = assessments.start_attempt(assessment=quiz, user=trainee)
        assessments.save_answers(
            attempt=attempt,
            user=trainee,
            answers={str(q.pk): "b" for q in questions[: 5 if i % 2 else 0]},
        )
        people.append(trainee)
        attempts.append(attempt)
    log(f"  {trainees} trainees enrolled with progress and an open quiz attempt each")

    hods, pool = [], []
    programmes = [
        open_programme(capacity=5000, course=course, title=f"Charter batch {n + 1}")
        for n in range(3)
    ]
    for d in range(4):
        department = DepartmentFactory(name=f"Department {d + 1}", code=f"DP{d + 1}")
        hod = make_user(Role.HOD, department=department, username=f"hod{d + 1}", level="top")
        officers = User.objects.bulk_create(
            User(
                username=f"d{d + 1}officer{n:03d}",
                first_name="Officer",
                last_name=f"{d + 1}-{n}",
                email=f"d{d + 1}officer{n:03d}@example.gov.in",
                designation="Naib Tehsildar",
                department=department,
                level="cutting_edge",
            )
            for n in range(officers_per_department)
        )
        hods.append(hod)
        pool.append([(d, p.pk, o.pk) for p in programmes for o in officers])
    # Interleave the departments so that consecutive nominations come from different HODs.
    nominations = [pair for group in itertools.zip_longest(*pool) for pair in group if pair]
    log(f"  4 HODs, {4 * officers_per_department} officers, {len(programmes)} open programmes")

    serials = [issue(holder=trainee, course=course).serial for trainee in people[:20]]
    log(f"  {len(serials)} certificates issued ({time.perf_counter() - started:.0f} s in all)")
    app.conf.task_always_eager = False

    return {
        "course": course.url,
        "catalogue": "/courses/",
        "lessons": [lesson.url for lesson in lessons],
        "trainees": [
            {
                "cookies": session_cookies(trainee),
                "attempt": attempt.pk,
                "pages": {
                    "1": [q.pk for q in questions[:5]],
                    "2": [q.pk for q in questions[5:]],
                },
            }
            for trainee, attempt in zip(people, attempts, strict=True)
        ],
        "hods": [
            {"cookies": session_cookies(hod), "department": hod.department_id} for hod in hods
        ],
        "programmes": [p.pk for p in programmes],
        "nominations": nominations,
        "serials": serials,
    }
