import factory
from wagtail.models import Page

from courses.models import CatalogueIndexPage, CoursePage, LessonPage, ModulePage, Topic
from lms.core.enums import Level


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


def _add_child(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish() if page.live else page.save_revision()
    return page


class CourseFactory(factory.Factory):
    """Builds a live CoursePage under the catalogue (Wagtail pages need add_child)."""

    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Course {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    topic = factory.SubFactory(TopicFactory)
    summary = "A course about citizen-centric service delivery."
    objectives = "Name the six components of a charter\nList the seven steps"
    target_levels = factory.LazyFunction(lambda: [Level.MIDDLE, Level.CUTTING_EDGE])
    duration_hours = 6
    self_enrolment = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        parent = parent or CatalogueIndexPage.objects.get(locale__language_code="en")
        return _add_child(parent, model_class(*args, **kwargs))

    _build = _create


class ModuleFactory(factory.Factory):
    class Meta:
        model = ModulePage

    title = factory.Sequence(lambda n: f"Module {n}")
    slug = factory.Sequence(lambda n: f"module-{n}")
    intro = "What this module covers."

    @classmethod
    def _create(cls, model_class, *args, parent, **kwargs):
        return _add_child(parent, model_class(*args, **kwargs))


class LessonFactory(factory.Factory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Lesson {n}")
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    minutes = 10
    body = factory.LazyFunction(
        lambda: [
            ("heading", "Seven steps"),
            ("paragraph", "<p>Define all services and identify clients.</p>"),
        ]
    )

    @classmethod
    def _create(cls, model_class, *args, parent, **kwargs):
        return _add_child(parent, model_class(*args, **kwargs))


def build_course(*, modules: int = 2, lessons_per_module: int = 2, **course_fields) -> CoursePage:
    """A live course with ``modules`` x ``lessons_per_module`` live lessons."""
    course = CourseFactory(**course_fields)
    for _m in range(modules):
        module = ModuleFactory(parent=course)
        for _l in range(lessons_per_module):
            LessonFactory(parent=module)
    return course
