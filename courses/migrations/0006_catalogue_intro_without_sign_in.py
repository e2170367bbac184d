"""The catalogue's introduction no longer says "Sign in to enrol and track your progress.":
signed-in officers read it too. The catalogue page now says it to anonymous visitors only.

Only the introduction the platform wrote itself (courses/setup.py) is changed, on the page
and in its revisions (so that the next edit does not bring it back); an introduction the
cell rewrote is left alone."""

from django.db import migrations

OLD = "<p>Courses of the Sevottam Cell. Sign in to enrol and track your progress.</p>"
NEW = "<p>Courses of the Sevottam Cell.</p>"


def _replace(apps, old, new):
    CatalogueIndexPage = apps.get_model("courses", "CatalogueIndexPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    pages = list(CatalogueIndexPage.objects.filter(intro=old).values_list("pk", flat=True))
    CatalogueIndexPage.objects.filter(pk__in=pages).update(intro=new)
    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    if page_type is None:
        return
    revisions = Revision.objects.filter(
        base_content_type=page_type, object_id__in=[str(pk) for pk in pages]
    )
    for revision in revisions.iterator():
        content = revision.content or {}
        if content.get("intro") == old:
            content["intro"] = new
            revision.content = content
            revision.save(update_fields=["content"])


def forwards(apps, schema_editor):
    _replace(apps, OLD, NEW)


def backwards(apps, schema_editor):
    _replace(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0005_enrolment_officer_facts"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
