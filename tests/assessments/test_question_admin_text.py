"""The question list and the admin's messages name a question by its plain text, never
by the rich text's HTML; before the first bank exists the question form says so and links
to creating one."""

import html

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from assessments.models import Question, QuestionBank, plain_text
from tests.assessments.test_authoring import base, draftail

pytestmark = pytest.mark.django_db

STEM = '<p data-block-key="x1k2">Who hears the <b>first</b> appeal &amp; when?</p><p>Pick one.</p>'


def test_plain_text_drops_tags_and_decodes_entities():
    assert plain_text(STEM) == "Who hears the first appeal & when? Pick one."
    assert plain_text("<ul><li>One</li><li>Two</li></ul>") == "One Two"
    assert plain_text("") == ""


def test_a_question_is_named_by_its_plain_text():
    bank = QuestionBank.objects.create(name="Appeals")
    question = Question.objects.create(bank=bank, type="single", stem=STEM, key="a")
    assert str(question) == "Single choice: Who hears the first appeal & when? Pick one."
    long = Question(bank=bank, type="true_false", stem=f"<p>{'x' * 100}</p>", key=True)
    assert len(str(long).split(": ", 1)[1]) == 60


def test_the_question_list_shows_plain_text(client, trainer):
    bank = QuestionBank.objects.create(name="Appeals")
    Question.objects.create(bank=bank, type="single", stem=STEM, key="a")
    client.force_login(trainer)
    page = client.get(reverse("questions:index")).content.decode()
    assert "data-block-key" not in page and "&lt;p" not in page
    assert "Who hears the first appeal &amp; when? Pick one." in page


def test_the_saved_message_names_the_question_in_plain_text(client, trainer):
    bank = QuestionBank.objects.create(name="Appeals")
    client.force_login(trainer)
    response = client.post(
        reverse("questions:add"),
        base(
            bank,
            stem=draftail("Who hears the first appeal?"),
            type="single",
            options_text="Citizen\nAAS\nDO",
            correct="b",
        ),
    )
    assert response.status_code == 302
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "Single choice: Who hears the first appeal?" in message
    assert "<p" not in message and "data-block-key" not in message


def test_without_a_bank_the_form_links_to_creating_one(client, trainer):
    client.force_login(trainer)
    page = client.get(reverse("questions:add")).content.decode()
    assert "There is no question bank yet" in page
    assert f'<a href="{reverse("question_banks:add")}">Create a question bank</a>' in page
    QuestionBank.objects.create(name="Appeals")
    page = client.get(reverse("questions:add")).content.decode()
    assert "There is no question bank yet" not in page


def test_the_import_form_links_to_creating_a_bank_too(client, trainer):
    client.force_login(trainer)
    page = html.unescape(client.get(reverse("assessments_import_questions")).content.decode())
    assert "There is no question bank yet" in page and reverse("question_banks:add") in page
