"""The site's two languages: English and Hindi (settings.LANGUAGES).

The interface is translated with gettext (locale/hi/LC_MESSAGES/django.po, ``make messages``);
course pages have Hindi versions of their own (courses/localisation.py). A signed-in officer's
language is ``User.preferred_language``: the language switcher and the profile change it, it
is applied at sign-in and whenever the browser has no language cookie, and emails and
certificates use it."""

import re

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_noop, ngettext_lazy
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

DEVANAGARI = re.compile(r"[\u0900-\u097F\uA8E0-\uA8FF]")

# Django's own Hindi catalogue spells some month and weekday names unusually (सितमबर,
# गुरूवार, a hidden joiner in सोमवार). Listing the English names here keeps their corrected
# Hindi in our catalogue, which Django reads before its own.
DATE_NAMES = [
    gettext_noop("September"),
    gettext_noop("November"),
    gettext_noop("December"),
    gettext_noop("Monday"),
    gettext_noop("Thursday"),
    gettext_noop("Thu"),
    gettext_noop("dec"),
]


# Django's own messages that officers see (sign-in, passwords, form errors), which its Hindi
# catalogue leaves out or words unnaturally ("शब्दकूट" for password, "डाक पता" for email).
# Listed so that our catalogue carries them in the Hindi the rest of the site uses.
DJANGO_MESSAGES = [
    gettext_noop(
        "Please enter a correct %(username)s and password. Note that both fields may be "
        "case-sensitive."
    ),
    gettext_noop("This account is inactive."),
    gettext_noop("The two password fields didn’t match."),
    gettext_noop("Your old password was entered incorrectly. Please enter it again."),
    gettext_noop("Old password"),
    gettext_noop("New password"),
    gettext_noop("New password confirmation"),
    gettext_noop("Enter the same password as before, for verification."),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
    ),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("This password is too common."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("Your password can’t be entirely numeric."),
    gettext_noop("This field is required."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Enter a valid URL."),
    gettext_noop("Enter a valid value."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a valid time."),
    gettext_noop("Enter a valid date/time."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a number."),
    gettext_noop("Enter a list of values."),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
    ),
    gettext_noop("The submitted file is empty."),
    gettext_noop("No file was submitted. Check the encoding type on the form."),
    gettext_noop(
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
    ),
    gettext_noop(
        "File extension “%(extension)s” is not allowed. Allowed extensions are: "
        "%(allowed_extensions)s."
    ),
    gettext_noop("%(model_name)s with this %(field_label)s already exists."),
    gettext_noop("first name"),
    gettext_noop("last name"),
    gettext_noop("email address"),
    gettext_noop("username"),
]


def showing_hindi() -> bool:
    """Whether the page being made is in Hindi (the active language)."""
    return (translation.get_language() or "").startswith("hi")


def has_devanagari(text: str) -> bool:
    return bool(DEVANAGARI.search(text or ""))


def is_supported(language: str | None) -> bool:
    return language in dict(settings.LANGUAGES)


def remember_language(response, language: str):
    """Set the language cookie (as django.views.i18n.set_language does) on ``response``."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


# ------------------------------------------------------------------ page versions
# Locale ids are looked up once per process (two rows that never change in practice; the
# cache is dropped whenever a Locale is saved or deleted), so a page already in the
# language being shown costs no query.
_locale_ids: dict[str, int] = {}


def forget_locales(**kwargs) -> None:
    """Drop the cached locale ids (connected to Locale's post_save and post_delete)."""
    _locale_ids.clear()


def locale_id(language_code: str) -> int | None:
    """The id of the Locale for ``language_code`` (None when there is none)."""
    if not _locale_ids:
        _locale_ids.update(Locale.objects.values_list("language_code", "id"))
    return _locale_ids.get(language_code)


def _content_language(language_code: str | None) -> str:
    try:
        return get_supported_content_language_variant(language_code or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


def default_locale_id() -> int | None:
    return locale_id(_content_language(settings.LANGUAGE_CODE))


def active_locale_id() -> int | None:
    """The locale of the language being shown, or the default one."""
    return locale_id(_content_language(translation.get_language())) or default_locale_id()


def canonical(page):
    """The English (default-language) version of ``page``, where learning records are kept;
    ``page`` itself when it is English or has no English version."""
    if not isinstance(page, Page) or page.pk is None:
        return page
    default = default_locale_id()
    if default is None or page.locale_id == default:
        return page
    return (
        type(page).objects.filter(translation_key=page.translation_key, locale_id=default).first()
        or page
    )


def localised(page):
    """The live version of ``page`` in the active language; ``page`` itself when it is in
    that language already, has no live version in it, or is not a Wagtail page at all."""
    if not isinstance(page, Page) or page.pk is None:
        return page
    active = active_locale_id()
    if active is None or page.locale_id == active:
        return page
    return (
        type(page)
        .objects.live()
        .filter(translation_key=page.translation_key, locale_id=active)
        .first()
        or page
    )
