"""English and Hindi versions of the course pages (Wagtail localisation).

A course tree (course, modules, lessons) is written in English; an editor makes its Hindi
copy with "Translate" (wagtail.contrib.simple_translation), which links the two by
``translation_key``. The Hindi tree hangs under Hindi versions of Home and Courses, which the
cell translates once.

- Both versions have the same address. A page is served in the visitor's language (the
  language switcher, or a signed-in officer's preferred language): Wagtail routes into the
  Hindi tree, and ``LocalisedPageMixin`` falls back to the English page wherever a live
  Hindi version does not exist.
- Learning records belong to the English version, the *canonical* page: enrolments, lesson
  completions, programmes, assessments and certificates. An officer who switches language
  keeps their enrolment and progress; ``canonical`` maps a Hindi page to its English one.

The locale helpers (``canonical``, ``localised``) are in lms/core/languages.py."""

import functools

from django.db.models import Case, When
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission, Page, WorkflowPage, get_page_models
from wagtail.url_routing import RouteResult

from lms.core.languages import default_locale_id, localised

from . import pagecache


class LocalisedPageMixin:
    """Course pages in two languages: routing with a fallback to the other version, and the
    admin status "translation out of date".

    Wagtail routes a Hindi visitor into the Hindi tree. Where a child has no live Hindi
    version there, the English tree is tried from the same point (and the Hindi tree for an
    English visitor, when a Hindi page has a slug of its own); a page reached that way, or
    reached in the wrong tree because Home is not translated yet, is swapped for its live
    version in the visitor's language."""

    def route(self, request, path_components):
        if not path_components:
            result = super().route(request, path_components)
            local = localised(self)
            return result if local is self else RouteResult(local)
        direct = self._route_by_url_path(request, path_components)
        if direct is not None:
            return direct
        try:
            return super().route(request, path_components)
        except Http404:
            for version in self._other_versions():
                try:
                    # Page.route, not the version's own: its fallback would come back here.
                    return Page.route(version, request, path_components)
                except Http404:
                    continue
            raise

    def _route_by_url_path(self, request, path_components):
        """The page at the end of ``path_components`` found by its ``url_path`` in one query
        (and one for its specific type), instead of Wagtail's two queries per tree level.
        The same answer as ``Page.route`` step by step: that finds each child by slug, so
        the page whose url_path is this one's plus the slugs, and requires only the last
        page to be live. Taken only where no page type routes in its own way, and once per
        request: when it finds nothing (no such live page: a 404, or a fallback to the
        other language's tree), the step-by-step route and its fallbacks decide."""
        if getattr(request, "_routed_by_url_path", False) or not uniform_routing():
            return None
        request._routed_by_url_path = True
        url_path = self.url_path + "/".join(path_components) + "/"
        page = Page.objects.live().filter(url_path=url_path).first()
        if page is None:
            return None
        return RouteResult(localised(page.specific))

    def get_view_restrictions(self):
        """Wagtail's, unless the route came from the page cache with them."""
        cached = pagecache.view_restrictions(self)
        return super().get_view_restrictions() if cached is None else cached

    def _other_versions(self):
        """This page's other language versions, the English one first."""
        default = default_locale_id()
        return (
            Page.objects.filter(translation_key=self.translation_key)
            .exclude(pk=self.pk)
            .annotate(english_first=Case(When(locale_id=default, then=0), default=1))
            .order_by("english_first", "pk")
        )

    @cached_property
    def out_of_date_versions(self) -> list:
        return out_of_date_versions(self)

    @property
    def status_string(self):
        """Wagtail's status ("live", "live + draft", ...) plus "translation out of date" when
        this Hindi version, or a Hindi version of this English page, needs updating; shown in
        the page listing and at the top of the edit view."""
        status = super().status_string
        if self.pk and self.out_of_date_versions:
            return _("%(status)s · translation out of date") % {"status": status}
        return status


@functools.cache
def uniform_routing() -> bool:
    """True when every page type routes as Wagtail's Page does (LocalisedPageMixin's route
    only adds fallbacks to it), so a page can be found by its url_path alone."""
    standard = {Page.route, LocalisedPageMixin.route}
    return all(model.route in standard for model in get_page_models())


def copy_permissions_to_translation(sender, source_obj, target_obj, **kwargs) -> None:
    """A new translation of Home or of the catalogue gets the same group page permissions and
    workflow as its source, so the editors of the English course tree can edit and publish
    the Hindi one (copy_for_translation_done)."""
    # courses.models imports this module (LocalisedPageMixin): a genuine cycle.
    from .models import CatalogueIndexPage, HomePage  # noqa: PLC0415

    if isinstance(source_obj, HomePage | CatalogueIndexPage) and target_obj is not None:
        mirror_page_setup(source=source_obj, target=target_obj)


def mirror_page_setup(*, source, target) -> None:
    """Give ``target`` the group page permissions and workflow ``source`` has (idempotent)."""
    for grant in GroupPagePermission.objects.filter(page=source):
        GroupPagePermission.objects.get_or_create(
            group_id=grant.group_id, page=target, permission_id=grant.permission_id
        )
    workflow = WorkflowPage.objects.filter(page=source).first()
    if workflow is not None:
        WorkflowPage.objects.update_or_create(
            page=target, defaults={"workflow_id": workflow.workflow_id}
        )


# ------------------------------------------------------------------ out-of-date translations
def out_of_date_versions(page) -> list:
    """The language versions of ``page`` that are out of date, as pages with ``locale``.

    The English version is the source. A Hindi version is out of date when the English one
    was published after the Hindi one was last saved (its latest revision): the English text
    changed and nobody has touched the Hindi since. For a Hindi page the list holds the
    Hindi page itself when it is out of date; for the English page, every out-of-date
    translation. One query."""
    default = default_locale_id()
    if page.pk is None or default is None:
        return []
    versions = list(
        Page.objects.filter(translation_key=page.translation_key)
        .select_related("locale")
        .only("id", "title", "locale", "last_published_at", "latest_revision_created_at")
    )
    source = next((v for v in versions if v.locale_id == default), None)
    if source is None or source.last_published_at is None:
        return []
    stale = [
        v
        for v in versions
        if v.locale_id != default
        and (
            v.latest_revision_created_at is None
            or v.latest_revision_created_at < source.last_published_at
        )
    ]
    if page.locale_id == default:
        return stale
    return [v for v in stale if v.pk == page.pk]


def english_version(page):
    """The English (source) version of ``page`` as a plain Page, or None."""
    default = default_locale_id()
    return Page.objects.filter(translation_key=page.translation_key, locale_id=default).first()
