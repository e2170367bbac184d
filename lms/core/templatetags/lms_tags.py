import re
from decimal import Decimal, InvalidOperation
from html import unescape

from django import template
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeData, mark_safe

from lms.core.languages import has_devanagari
from lms.core.numbers import format_indian

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs):
    """The current query string with some parameters replaced (for pagination links)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return query.urlencode()


@register.filter
def percent(done, total):
    try:
        return round(100 * int(done) / int(total)) if int(total) else 0
    except (TypeError, ValueError):
        return 0


@register.filter
def indian(value, decimals=None):
    """A number with Indian digit grouping (1,00,000); ``|indian:1`` rounds to one place.
    None gives "" (chain ``|default:"—"``); anything that is not a number is left as it is."""
    try:
        return format_indian(value, None if decimals in (None, "") else int(decimals))
    except (TypeError, ValueError, ArithmeticError):
        return value


@register.filter
def plural_count(value):
    """The number gettext's plural rules should see for ``value`` (a count or a Decimal
    such as marks): the whole number, or 2 for a fraction, which English and Hindi both
    say in the plural ("1.5 marks"). Use with ``{% blocktranslate count n=value|plural_count %}``."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return 0
    if not number.is_finite():
        return 0
    return int(number) if number == number.to_integral_value() else 2


# ------------------------------------------------------------------ English inside Hindi pages
# A stored value that exists only in English (a scenario title, a rulebook's name, an option
# of a drop-down) shown on a page in Hindi is marked lang="en", so that a screen reader reads
# it with English pronunciation (WCAG 3.1.2). Text with Devanagari in it is left alone.
_OPTION = re.compile(r"<option\b([^>]*)>([^<]*)</option>")
_LATIN = re.compile(r"[A-Za-z]")


def _foreign_english(text) -> bool:
    language = (translation.get_language() or "en").split("-")[0]
    text = str(text)
    return language != "en" and bool(_LATIN.search(text)) and not has_devanagari(text)


@register.filter(needs_autoescape=True)
def english(value, autoescape=True):
    """``value`` in ``<span lang="en">`` when the page is not in English and the value is
    English (Latin letters, no Devanagari); as it is otherwise. Escaped like any value."""
    text = conditional_escape(value) if autoescape else value
    if value in (None, "") or not _foreign_english(value):
        return mark_safe(text) if autoescape else text  # noqa: S308 - escaped above
    return format_html('<span lang="en">{}</span>', text)


@register.filter
def english_attr(value):
    """` lang="en"` for an element whose whole text is ``value`` (an <option>, a heading),
    under the same rule as ``english``; "" otherwise."""
    return mark_safe(' lang="en"') if value and _foreign_english(value) else ""  # noqa: S308


@register.filter
def english_options(rendered):
    """A rendered form field (or any HTML) whose English-only <option>s get lang="en" on a
    page in another language, e.g. ``{{ field|english_options }}``."""
    # a bound form field renders itself safely; anything else not marked safe is escaped
    text = (
        str(rendered)
        if isinstance(rendered, SafeData) or hasattr(rendered, "as_widget")
        else conditional_escape(rendered)
    )

    def mark(match):
        attrs, text = match.groups()
        if "lang=" in attrs or not _foreign_english(unescape(text)):
            return match.group(0)
        return f'<option{attrs} lang="en">{text}</option>'

    return mark_safe(_OPTION.sub(mark, text))  # noqa: S308 - rendered HTML, only an attribute added
