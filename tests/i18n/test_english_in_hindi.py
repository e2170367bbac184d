"""English-only stored values on a page in Hindi are marked lang="en" (WCAG 3.1.2), by the
``english``, ``english_attr`` and ``english_options`` template filters (lms_tags)."""

from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe

from lms.core.templatetags.lms_tags import english, english_attr, english_options


def render(source: str, **context) -> str:
    return Template("{% load lms_tags %}" + source).render(Context(context))


def test_english_text_is_wrapped_only_on_a_hindi_page():
    with translation.override("hi"):
        assert english("Garbage not lifted") == '<span lang="en">Garbage not lifted</span>'
        assert english("कचरा नहीं उठाया") == "कचरा नहीं उठाया"
        assert english("CM Window (सीएम विंडो)") == "CM Window (सीएम विंडो)"  # mixed: left
        assert english("2024-25") == "2024-25"  # no letters: nothing to pronounce
        assert english("") == "" and english(None) == "None"
        assert english_attr("RTI matters") == ' lang="en"' and english_attr("सुझाव") == ""
    with translation.override("en"):
        assert english("Garbage not lifted") == "Garbage not lifted"
        assert english_attr("RTI matters") == ""


def test_values_are_escaped():
    with translation.override("hi"):
        assert render("{{ v|english }}", v="<b>Sohna</b>") == (
            '<span lang="en">&lt;b&gt;Sohna&lt;/b&gt;</span>'
        )
        assert render("{{ v|english }}", v=mark_safe("<b>Sohna</b>")) == (
            '<span lang="en"><b>Sohna</b></span>'
        )


def test_only_english_options_are_marked():
    html = mark_safe(
        '<select name="c"><option value="">---------</option>'
        '<option value="a" selected>Sub-judice / court matters</option>'
        '<option value="b">सुझाव</option>'
        '<option value="c" lang="hi">Already marked</option></select>'
    )
    with translation.override("hi"):
        marked = english_options(html)
    assert '<option value="a" selected lang="en">Sub-judice / court matters</option>' in marked
    assert '<option value="b">सुझाव</option>' in marked
    assert '<option value="">---------</option>' in marked
    assert '<option value="c" lang="hi">Already marked</option>' in marked
    with translation.override("en"):
        assert english_options(html) == html
    # text that is not rendered HTML is escaped, not trusted
    with translation.override("hi"):
        assert english_options("<script>") == "&lt;script&gt;"
