"""``lesson_items`` (courses/templatetags/outline.py) writes what the template loops it
replaced wrote, for any titles (markup, quotes, Devanagari), addresses, completion states,
current lesson, minutes and language."""

from types import SimpleNamespace

from django.template import Context, Template
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from courses.templatetags.outline import lesson_items

# The loops as the course page and the lesson sidebar had them.
SIDEBAR = Template(
    """{% load i18n %}{% for lesson in lessons %}<li class="{% if lesson.is_done %}done{% endif %}">{% if lesson.pk == current %}<strong aria-current="page">{{ lesson.title }}</strong>{% else %}<a href="{{ lesson.link }}">{{ lesson.title }}</a>{% endif %}{% if lesson.is_done %} <span class="tick">✓ <span class="visually-hidden">{% translate "done" %}</span></span>{% endif %}</li>{% endfor %}"""
)
COURSE = Template(
    """{% load i18n %}{% for lesson in lessons %}
      <li class="{% if lesson.is_done %}done{% endif %}">{% if linked %}<a href="{{ lesson.link }}">{{ lesson.title }}</a>{% else %}{{ lesson.title }}{% endif %}
        <span class="meta">{% blocktranslate with minutes=lesson.minutes %}{{ minutes }} min{% endblocktranslate %}</span>{% if lesson.is_done %} <span class="tick">✓ <span class="visually-hidden">{% translate "done" %}</span></span>{% endif %}</li>
    {% endfor %}"""
)

titles = st.lists(
    st.sampled_from(["a", "b", " ", "<", ">", "&", '"', "'", "/", "नागरिक", "चार्टर", "{{", "%"]),
    max_size=12,
).map("".join)
lessons = st.lists(
    st.builds(
        SimpleNamespace,
        pk=st.integers(1, 40),
        title=titles,
        link=st.sampled_from(["/courses/a/b/", "/hi/courses/x/?q=1&r=<2>", '/x/"y"/']),
        is_done=st.booleans(),
        minutes=st.integers(0, 32767),
    ),
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(
    items=lessons,
    current=st.one_of(st.none(), st.integers(1, 40)),
    language=st.sampled_from(["en", "hi"]),
)
def test_the_sidebar_list_is_what_the_template_wrote(items, current, language):
    with translation.override(language):
        expected = SIDEBAR.render(Context({"lessons": items, "current": current}))
        assert lesson_items(items, current=current) == expected


@settings(max_examples=150, deadline=None)
@given(items=lessons, linked=st.booleans(), language=st.sampled_from(["en", "hi"]))
def test_the_course_page_list_is_what_the_template_wrote(items, linked, language):
    with translation.override(language):
        expected = COURSE.render(Context({"lessons": items, "linked": linked}))
        assert lesson_items(items, linked=linked, minutes=True) == expected
