"""Records leave Wagtail's reference index (lms/core/records.py): drop what it held for them."""

from django.db import migrations

from lms.core.records import RECORD_MODELS


def forget_records(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    for label in RECORD_MODELS:
        app_label, model = label.lower().split(".")
        content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
        if content_type is not None:
            ReferenceIndex.objects.filter(content_type=content_type).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_pendingtask"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
    ]

    operations = [migrations.RunPython(forget_records, migrations.RunPython.noop)]
