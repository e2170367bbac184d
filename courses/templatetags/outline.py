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
