"""Records stay out of Wagtail's reference index; content stays in it (lms/core/records.py)."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from wagtail.models import Page, ReferenceIndex

from lms.core.records import RECORD_MODELS


def project_apps() -> set[str]:
    """The labels of this project's apps (their code lives in the repository)."""
    base = Path(settings.BASE_DIR)
    return {
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(base) and ".venv" not in Path(config.path).parts
    }


# Content: what editors and the cell author, whose usages the admin shows.
CONTENT = {
    "courses.Programme",
    "certificates.CertificateTemplate",
    "compliance.TrainingRule",
    "assessments.QuestionBank",
    "assessments.Question",
    "assessments.Assessment",
    "simulator.Rulebook",
    "simulator.Scenario",
    "simulator.ScenarioAssignment",
    "courses.CoursePage",
    "courses.LessonPage",
}


@pytest.mark.parametrize("label", RECORD_MODELS)
def test_records_are_not_indexed(label):
    model = apps.get_model(label)
    assert model.wagtail_reference_index_ignore is True
    assert not ReferenceIndex.model_is_indexable(model)


@pytest.mark.parametrize("label", sorted(CONTENT))
def test_content_is_indexed(label):
    assert ReferenceIndex.model_is_indexable(apps.get_model(label))


def test_every_project_model_is_either_a_record_or_content_or_has_no_references():
    """A new model with a foreign key must be placed: in RECORD_MODELS, or in CONTENT here."""
    unplaced = []
    for model in apps.get_models():
        label = model._meta.label
        if model._meta.app_label not in project_apps() or label in RECORD_MODELS:
            continue
        if issubclass(model, Page) or label in CONTENT:
            continue
        if ReferenceIndex.model_is_indexable(model):
            unplaced.append(label)
    assert set(unplaced) <= KNOWN_OTHER_CONTENT, unplaced


# Indexed models that are neither records nor the main content above: reference data the
# cell maintains in the admin (offices, services, categories, ladders, figures).
KNOWN_OTHER_CONTENT = {
    "departments.Office",
    "reports.HistoricalFigure",
    "simulator.EscalationLadder",
    "simulator.Service",
    "simulator.Category",
    "simulator.Office",
}


@pytest.mark.django_db
def test_the_migration_drops_what_the_index_held_for_records():
    import importlib
    import uuid

    from django.contrib.contenttypes.models import ContentType

    from courses.models import CoursePage, Enrolment

    migration = importlib.import_module("lms.core.migrations.0003_records_out_of_reference_index")
    page_type = ContentType.objects.get_for_model(Page)

    def reference(model):
        content_type = ContentType.objects.get_for_model(model)
        return ReferenceIndex.objects.create(
            content_type=content_type,
            base_content_type=content_type,
            object_id="1",
            to_content_type=page_type,
            to_object_id="2",
            model_path="course",
            content_path="course",
            content_path_hash=uuid.uuid4(),
        )

    record, content = reference(Enrolment), reference(CoursePage)
    migration.forget_records(apps, None)
    assert not ReferenceIndex.objects.filter(pk=record.pk).exists()
    assert ReferenceIndex.objects.filter(pk=content.pk).exists()
