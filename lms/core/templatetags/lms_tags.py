from django import template

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
    from lms.core.numbers import format_indian

    try:
        return format_indian(value, None if decimals in (None, "") else int(decimals))
    except (TypeError, ValueError, ArithmeticError):
        return value
