"""``lesson_items``, ``progress_bar`` and ``module_sections`` (courses/templatetags/outline.py)
write what the template loops and include they replaced wrote, for any titles (markup,
quotes, Devanagari), addresses, completion states, counts, current lesson, minutes and
language."""

from types import SimpleNamespace

from django.template import Context, Template
from django.utils import translation
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from hypothesis import given, settings
from hypothesis import strategies as st

from courses.selectors import ModuleOutline
from courses.templatetags.outline import lesson_items, module_sections, progress_bar

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


# The progress include (courses/_progress.html) and the course page's module loop, as they were.
PROGRESS = (
    '<div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" '
    'aria-valuenow="{{ percent }}" aria-label="{{ label }}"><span class="progress-bar" '
    'style="width: {{ percent }}%"></span></div>\n<p class="progress-text">{% blocktranslate '
    "with done=done total=total percent=percent %}{{ done }} of {{ total }} lessons done "
    "({{ percent }}%){% endblocktranslate %}</p>\n"
)
PROGRESS_INCLUDE = Template("{% load i18n %}" + PROGRESS)
MODULES = Template(
    """{% load i18n outline %}{% for item in modules %}
  <section class="module" id="module-{{ item.module.pk }}" aria-labelledby="m{{ item.module.pk }}">
    <h3 id="m{{ item.module.pk }}">{{ forloop.counter }}. {{ item.module.title }}</h3>
    {% if enrolment %}{% blocktranslate asvar label with title=item.module.title %}Progress in {{ title }}{% endblocktranslate %}{% include progress with percent=item.percent done=item.done total=item.total label=label %}{% endif %}
    <ol class="lessons">{% if linked %}{% lesson_items item.lessons minutes=True %}{% else %}{% lesson_items item.lessons linked=False minutes=True %}{% endif %}</ol>
  </section>
{% endfor %}"""
)
counts = st.integers(0, 2000)


@settings(max_examples=150, deadline=None)
@given(
    percent=st.integers(0, 100),
    done=counts,
    total=counts,
    label=titles,
    safe_label=st.booleans(),
    language=st.sampled_from(["en", "hi"]),
)
def test_the_progress_bar_is_what_the_include_wrote(
    percent, done, total, label, safe_label, language
):
    if safe_label:  # as ``blocktranslate asvar`` leaves it: already escaped, marked safe
        label = mark_safe(conditional_escape(label))
    values = {"percent": percent, "done": done, "total": total, "label": label}
    with translation.override(language):
        expected = PROGRESS_INCLUDE.render(Context(values))
        assert progress_bar(**values) == expected


modules = st.lists(
    st.builds(
        ModuleOutline,
        module=st.builds(SimpleNamespace, pk=st.integers(1, 10_000), title=titles),
        lessons=lessons,
    ),
    max_size=5,
)


@settings(max_examples=150, deadline=None)
@given(
    items=modules,
    enrolled=st.booleans(),
    linked=st.booleans(),
    language=st.sampled_from(["en", "hi"]),
)
def test_the_module_sections_are_what_the_template_loop_wrote(items, enrolled, linked, language):
    with translation.override(language):
        expected = MODULES.render(
            Context(
                {
                    "modules": items,
                    "enrolment": enrolled,
                    "linked": linked,
                    "progress": PROGRESS_INCLUDE,
                }
            )
        )
        assert module_sections(items, progress=enrolled, linked=linked) == expected
