"""Page models (Wagtail test utilities), admin creation and preview, lesson blocks."""

import pytest
from django.urls import reverse
from wagtail.blocks import StructBlockValidationError
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase, WagtailPageTests
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import (
    CatalogueIndexPage,
    CoursePage,
    HomePage,
    LessonPage,
    ModulePage,
)
from lms.core.blocks import KnowledgeCheckBlock, lesson_blocks
from scorm.models import ScormLessonPage
from tests.factories import TopicFactory, build_course

from .helpers import lessons_of, modules_of

pytestmark = pytest.mark.django_db

ALL_PAGE_TYPES = {Page, HomePage, CatalogueIndexPage, CoursePage, ModulePage, LessonPage}


class TestTreeRules(WagtailPageTestCase):
    """Home -> Catalogue -> Course -> Module -> Lesson, and nothing else."""

    def test_allowed_subpage_types(self):
        self.assertAllowedSubpageTypes(HomePage, {CatalogueIndexPage})
        self.assertAllowedSubpageTypes(CatalogueIndexPage, {CoursePage})
        self.assertAllowedSubpageTypes(CoursePage, {ModulePage})
        self.assertAllowedSubpageTypes(ModulePage, {LessonPage, ScormLessonPage})
        self.assertAllowedSubpageTypes(LessonPage, set())

    def test_allowed_parent_page_types(self):
        self.assertAllowedParentPageTypes(CatalogueIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(CoursePage, {CatalogueIndexPage})
        self.assertAllowedParentPageTypes(ModulePage, {CoursePage})
        self.assertAllowedParentPageTypes(LessonPage, {ModulePage})

    def test_each_level_can_be_created_only_under_its_parent(self):
        chain = [(HomePage, CatalogueIndexPage), (CatalogueIndexPage, CoursePage)]
        chain += [(CoursePage, ModulePage), (ModulePage, LessonPage)]
        for parent, child in chain:
            self.assertCanCreateAt(parent, child)
            for other in ALL_PAGE_TYPES - {parent}:
                if other is not Page:
                    self.assertCanNotCreateAt(other, child)
        for child in (CoursePage, ModulePage, LessonPage):
            self.assertCanNotCreateAt(HomePage, child)
            self.assertCanNotCreateAt(Page, child)
        self.assertCanNotCreateAt(CatalogueIndexPage, ModulePage)
        self.assertCanNotCreateAt(CatalogueIndexPage, LessonPage)
        self.assertCanNotCreateAt(CoursePage, LessonPage)
        self.assertCanNotCreateAt(LessonPage, LessonPage)

    def test_only_one_home_page(self):
        root = Page.objects.get(depth=1)
        assert HomePage.objects.count() == 1
        assert not HomePage.can_create_at(root)

    def test_course_and_lesson_are_routable_and_renderable(self):
        course = build_course(modules=1, lessons_per_module=1)
        lesson = lessons_of(course)[0]
        self.assertPageIsRoutable(course)
        self.assertPageIsRenderable(course)
        self.assertPageIsRoutable(lesson)
        # Anonymous visitors are sent to sign in; authors may read the lesson.
        self.assertPageIsRenderable(lesson, accept_redirect=True)
        self.assertPageIsRenderable(lesson, user=self.create_superuser("author"))
        self.assertPageIsRenderable(CatalogueIndexPage.objects.get())
        self.assertPageIsRenderable(HomePage.objects.get())

    def test_pages_are_editable_and_previewable_in_the_admin(self):
        course = build_course(modules=1, lessons_per_module=1)
        module = modules_of(course)[0]
        lesson = lessons_of(course)[0]
        self.assertPageIsEditable(course)
        self.assertPageIsEditable(module)
        lesson_data = nested_form_data(
            {
                "title": lesson.title,
                "slug": lesson.slug,
                "minutes": 12,
                "body": streamfield([("paragraph", rich_text("<p>Seven steps</p>"))]),
            }
        )
        self.assertPageIsEditable(lesson, post_data=lesson_data)
        self.assertPageIsPreviewable(course)
        self.assertPageIsPreviewable(lesson, post_data=lesson_data)
        self.assertPageIsPreviewable(CatalogueIndexPage.objects.get())
        # A module has no template of its own (it redirects to the outline): no preview.
        assert not module.is_previewable()


class TestAdminCreation(WagtailPageTests):
    """A superuser creates each level through the Wagtail admin forms."""

    def test_create_course_module_and_lesson(self):
        topic = TopicFactory(slug="charter")
        catalogue = CatalogueIndexPage.objects.get()
        self.assertCanCreate(
            catalogue,
            CoursePage,
            {
                "title": "Writing a citizen's charter",
                "topic": topic.pk,
                "summary": "Draft, publish and review a charter.",
                "objectives": "Name the components",
                "target_levels": ["middle", "top"],
                "duration_hours": "6.5",
                "language": "en",
                "self_enrolment": "on",
            },
        )
        course = CoursePage.objects.get(slug="writing-a-citizens-charter")
        assert course.live and course.target_levels == ["middle", "top"]
        self.assertCanCreate(course, ModulePage, {"title": "Basics", "intro": ""})
        module = ModulePage.objects.child_of(course).get()
        self.assertCanCreate(
            module,
            LessonPage,
            nested_form_data(
                {
                    "title": "What a charter is",
                    "minutes": 15,
                    "body": streamfield([("heading", "Six components")]),
                }
            ),
        )
        lesson = LessonPage.objects.child_of(module).get()
        assert lesson.live and lesson.body[0].value == "Six components"

    def test_course_form_rejects_unknown_target_level(self):
        topic = TopicFactory(slug="grm")
        url = reverse(
            "wagtailadmin_pages:add",
            args=["courses", "coursepage", CatalogueIndexPage.objects.get().pk],
        )
        response = self.client.post(
            url,
            {
                "title": "Bad level",
                "slug": "bad-level",
                "topic": topic.pk,
                "summary": "x",
                "target_levels": ["chief"],
                "duration_hours": "1",
                "language": "en",
            },
        )
        assert response.status_code == 200
        assert "target_levels" in response.context["form"].errors
        assert not CoursePage.objects.filter(slug="bad-level").exists()


def _preview_on_add(client, model_name, parent, data):
    url = reverse("wagtailadmin_pages:preview_on_add", args=["courses", model_name, parent.pk])
    assert client.post(url, data).json() == {"is_valid": True, "is_available": True}
    return client.get(url)


def test_preview_of_a_new_course_renders(client, cell_admin, trainee):
    topic = TopicFactory(slug="rts")
    client.force_login(cell_admin)
    response = _preview_on_add(
        client,
        "coursepage",
        CatalogueIndexPage.objects.get(),
        {
            "title": "Right to Service",
            "slug": "rts",
            "topic": topic.pk,
            "summary": "Timelines.",
            "objectives": "",
            "target_levels": ["top"],
            "duration_hours": "2",
            "language": "en",
            "self_enrolment": "on",
        },
    )
    assert response.status_code == 200
    assert "<h1>Right to Service</h1>" in response.content.decode()


def test_preview_of_a_new_lesson_renders_without_the_complete_form(client, trainer):
    course = build_course(modules=1, lessons_per_module=1)
    client.force_login(trainer)
    response = _preview_on_add(
        client,
        "lessonpage",
        modules_of(course)[0],
        nested_form_data(
            {
                "title": "Unsaved lesson",
                "slug": "unsaved-lesson",
                "minutes": 5,
                "body": streamfield([("paragraph", rich_text("<p>Draft words</p>"))]),
            }
        ),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Unsaved lesson</h1>" in page and "Draft words" in page
    assert "Mark as complete" not in page


# ------------------------------------------------------------------ blocks
def _knowledge_check(**overrides):
    block = KnowledgeCheckBlock()
    raw = {"question": "Which?", "options": ["a", "b"], "correct_option": 2, "explanation": ""}
    raw.update(overrides)
    return block, block.to_python(raw)


def test_knowledge_check_rejects_a_correct_option_beyond_the_options():
    block, value = _knowledge_check(correct_option=3)
    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(value)
    errors = raised.value.block_errors
    assert list(errors) == ["correct_option"]
    assert "There are only 2 options." in str(errors["correct_option"])


@pytest.mark.parametrize("correct", [1, 2])
def test_knowledge_check_accepts_every_existing_option(correct):
    block, value = _knowledge_check(correct_option=correct)
    assert block.clean(value)["correct_option"] == correct


def test_knowledge_check_rejects_zero_and_a_single_option():
    block, value = _knowledge_check(correct_option=0)
    with pytest.raises(StructBlockValidationError):
        block.clean(value)
    block, value = _knowledge_check(options=["only"], correct_option=1)
    with pytest.raises(StructBlockValidationError):
        block.clean(value)


def test_lesson_streamfield_offers_the_documented_blocks():
    assert [name for name, _block in lesson_blocks()] == [
        "heading",
        "paragraph",
        "image",
        "video",
        "document",
        "callout",
        "table",
        "knowledge_check",
    ]


EVERY_TEXT_BLOCK = [
    {"type": "heading", "value": "Seven <steps>"},
    {"type": "paragraph", "value": "<p>Define <b>all</b> services.</p>"},
    {
        "type": "callout",
        "value": {
            "kind": "case_study",
            "title": "Gurugram <tehsil>",
            "body": "<p>Queues <i>halved</i>.</p>",
        },
    },
    {
        "type": "table",
        "value": {
            "data": [
                ["Service", "Time limit"],
                ["<script>alert(1)</script>", "7 days"],
                ["Ration card", None],
            ],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "Timelines & fees",
        },
    },
    {
        "type": "knowledge_check",
        "value": {
            "question": "Who signs <the> charter?",
            "options": ["The clerk", "The head of office"],
            "correct_option": 2,
            "explanation": "Accountability <rests> at the top.",
        },
    },
]


@pytest.fixture
def rich_lesson(db):
    course = build_course(modules=1, lessons_per_module=1)
    lesson = lessons_of(course)[0]
    lesson.body = EVERY_TEXT_BLOCK
    lesson.save_revision().publish()
    return lesson


def test_lesson_renders_every_block_with_escaping(client, cell_admin, rich_lesson):
    client.force_login(cell_admin)
    response = client.get(rich_lesson.url)
    assert response.status_code == 200
    page = response.content.decode()
    # heading: plain text, escaped
    assert "<h2>Seven &lt;steps&gt;</h2>" in page
    # paragraph: rich text keeps its markup
    assert "<p>Define <b>all</b> services.</p>" in page
    # callout: kind label, escaped title, rich body
    assert '<aside class="callout callout-case_study" aria-label="Gurugram &lt;tehsil&gt;">' in page
    assert '<p class="callout-kind">Case study</p><h3>Gurugram &lt;tehsil&gt;</h3>' in page
    assert "<p>Queues <i>halved</i>.</p>" in page
    # table: caption, column headers, escaped cells, empty cell for None
    assert "<caption>Timelines &amp; fees</caption>" in page
    assert '<th scope="col">Service</th><th scope="col">Time limit</th>' in page
    assert "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>" in page
    assert "<script>alert(1)</script>" not in page
    assert "<td>Ration card</td><td></td>" in page
    assert "<td>Service</td>" not in page  # the header row is not repeated in the body
    # knowledge check: escaped question, options in order, answer and explanation
    assert "<strong>Who signs &lt;the&gt; charter?</strong>" in page
    assert "<li>The clerk</li><li>The head of office</li>" in page
    assert "Answer: option 2 — The head of office" in page
    assert "<p>Accountability &lt;rests&gt; at the top.</p>" in page


def test_table_row_headers_and_tables_without_a_header_row(client, cell_admin):
    course = build_course(modules=1, lessons_per_module=1)
    lesson = lessons_of(course)[0]
    lesson.body = [
        {
            "type": "table",
            "value": {
                "data": [["Step 1", "Define services"], ["Step 2", "Identify clients"]],
                "first_row_is_table_header": False,
                "first_col_is_header": True,
                "table_caption": "",
            },
        }
    ]
    lesson.save_revision().publish()
    client.force_login(cell_admin)
    page = client.get(lesson.url).content.decode()
    assert "<thead>" not in page and "<caption>" not in page
    assert '<tr><th scope="row">Step 1</th><td>Define services</td></tr>' in page
    assert '<tr><th scope="row">Step 2</th><td>Identify clients</td></tr>' in page


@pytest.mark.parametrize(
    "kind, label", [("note", "Note"), ("warning", "Caution"), ("case_study", "Case study")]
)
def test_callout_kinds_have_their_labels(kind, label):
    from lms.core.blocks import CalloutBlock

    block = CalloutBlock()
    html = block.render(block.to_python({"kind": kind, "title": "T", "body": "<p>B</p>"}))
    assert f'class="callout callout-{kind}"' in html
    assert f'<p class="callout-kind">{label}</p>' in html
