"""The lessons of a course outline as HTML, built in Python.

The course page and every lesson page list each lesson of the course (65 in the Moodle
"size S" shape); drawn by a Django template loop that list was half the CPU time of a
lesson page. ``lesson_items`` writes the same markup directly, escaping what the template
escaped (tests/courses/test_outline_tag.py holds it to the template it replaces)."""

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def lesson_items(lessons, *, current=None, linked=True, minutes=False):
    """The ``<li>`` of each lesson: ``done`` class and tick for a completed one; the
    ``current`` lesson (a page id) in bold as the page the learner is on, the others as
    links (``linked``) or plain titles; each lesson's minutes when ``minutes`` (the course
    page's layout)."""
    tick = (
        ' <span class="tick">✓ <span class="visually-hidden">'
        f"{conditional_escape(gettext('done'))}</span></span>"
    )
    length_of = gettext("%(minutes)s min")
    lengths: dict = {}  # minutes -> its label (a course has few distinct lengths)
    parts = []
    for lesson in lessons:
        title = conditional_escape(lesson.title)
        if current is not None and lesson.pk == current:
            body = f'<strong aria-current="page">{title}</strong>'
        elif linked:
            body = f'<a href="{escape(lesson.link)}">{title}</a>'
        else:
            body = title
        done = lesson.is_done
        if minutes:
            length = lengths.get(lesson.minutes)
            if length is None:
                length = length_of % {"minutes": escape(localize(lesson.minutes))}
                lengths[lesson.minutes] = length
            parts.append(
                f'\n      <li class="{"done" if done else ""}">{body}\n'
                f'        <span class="meta">{length}</span>{tick if done else ""}</li>\n    '
            )
        else:
            parts.append(f'<li class="{"done" if done else ""}">{body}{tick if done else ""}</li>')
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


@register.simple_tag
def progress_bar(*, percent, done, total, label):
    """A progress bar and its "n of m lessons done" line (``label`` names the bar for
    screen readers; it is escaped unless already safe)."""
    values = {
        "done": escape(localize(done)),
        "total": escape(localize(total)),
        "percent": escape(localize(percent)),
    }
    text = gettext("%(done)s of %(total)s lessons done (%(percent)s%%)") % values
    return mark_safe(  # noqa: S308 - every value above is escaped
        '<div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" '
        f'aria-valuenow="{values["percent"]}" aria-label="{conditional_escape(label)}">'
        f'<span class="progress-bar" style="width: {values["percent"]}%"></span></div>\n'
        f'<p class="progress-text">{text}</p>\n'
    )


@register.simple_tag
def module_sections(modules, *, progress, linked=True):
    """The course page's outline: a section per module (``ModuleOutline``) with its number,
    title, the learner's progress in it (when ``progress``) and its lessons."""
    parts = []
    for number, item in enumerate(modules, start=1):
        pk = item.module.pk
        title = conditional_escape(item.module.title)
        bar = ""
        if progress:
            label = mark_safe(gettext("Progress in %(title)s") % {"title": title})  # noqa: S308
            bar = progress_bar(percent=item.percent, done=item.done, total=item.total, label=label)
        lessons = lesson_items(item.lessons, linked=linked, minutes=True)
        parts.append(
            f'\n  <section class="module" id="module-{pk}" aria-labelledby="m{pk}">\n'
            f'    <h3 id="m{pk}">{number}. {title}</h3>\n'
            f"    {bar}\n"
            f'    <ol class="lessons">{lessons}</ol>\n'
            "  </section>\n"
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
